// lib/ratelimit.c ___ratelimit() with printk_ratelimited()'s defaults
// (DEFAULT_RATELIMIT_INTERVAL = 5 * HZ, DEFAULT_RATELIMIT_BURST = 10).

/** CONFIG_HZ of the model (a common distribution value). */
export const HZ = 250;
export const NSEC_PER_JIFFY = 1_000_000_000 / HZ;
export const DEFAULT_RATELIMIT_INTERVAL = 5 * HZ;
export const DEFAULT_RATELIMIT_BURST = 10;

/** struct ratelimit_state for one call site. */
export interface RatelimitState {
  begin: number;
  printed: number;
  missed: number;
}

/**
 * ___ratelimit(): whether to print now, and the "N callbacks suppressed" line to print first when
 * a new interval starts after suppressed calls.
 */
export function ratelimit(
  rs: RatelimitState,
  nowNs: number,
  func: string,
  interval = DEFAULT_RATELIMIT_INTERVAL,
  burst = DEFAULT_RATELIMIT_BURST,
): { print: boolean; suppressed: string | null } {
  const jiffies = Math.floor(nowNs / NSEC_PER_JIFFY) + 1;
  let suppressed: string | null = null;
  if (!rs.begin) rs.begin = jiffies;
  if (rs.begin + interval < jiffies) {
    if (rs.missed) {
      suppressed = `${func}: ${rs.missed} callbacks suppressed`;
      rs.missed = 0;
    }
    rs.begin = jiffies;
    rs.printed = 0;
  }
  if (burst && burst > rs.printed) {
    rs.printed++;
    return { print: true, suppressed };
  }
  rs.missed++;
  return { print: false, suppressed };
}
