/** A virtual monotonic clock in nanoseconds; the model advances it, nothing reads real time. */
export class VirtualClock {
  private nowNs: number;

  constructor(startNs = 0) {
    this.nowNs = startNs;
  }

  now(): number {
    return this.nowNs;
  }

  advance(ns: number): number {
    this.nowNs += ns;
    return this.nowNs;
  }
}

/** Modelled costs in virtual nanoseconds, so traces show plausible relative timing. */
export const COST = {
  hookEnter: 20,
  lsmCallback: 40,
  printk: 500,
} as const;
