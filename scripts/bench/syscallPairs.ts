// The syscall bench's workload, shared by the Node run (bundledSyscalls.ts) and the Chromium run
// (browserSyscalls.ts): openat + close of /home/alice/notes.txt as alice (pid 1102) on the default
// 7.1 stack, with the full trace recorded and with recording off.
import { Machine } from '../../packages/core/src/index';
import '../../packages/core/src/models/index';

export const TRACED = 'simulated, full trace recorded';
export const UNTRACED = 'simulated, trace recording off';

/** The two simulated variants, each a function that runs one pair on its own booted machine. */
export function simulatedPairs(): [string, () => void][] {
  const traced = Machine.boot();
  const untraced = Machine.boot();
  untraced.kernel.recording = false;
  const openClose = (m: Machine) => () => {
    const r = m.syscall(1102, 'openat', { path: '/home/alice/notes.txt' });
    m.syscall(1102, 'close', { fd: r.ret! });
  };
  return [
    [TRACED, openClose(traced)],
    [UNTRACED, openClose(untraced)],
  ];
}

export interface BenchResult {
  readonly name: string;
  readonly medianUs: number;
  readonly minUs: number;
}

/**
 * Interleaved rounds of `perRound` calls of each variant after a warm-up round (so that the JIT
 * has settled), the median and the fastest round per variant, in µs per call. `now` is the
 * clock in milliseconds (process.hrtime in Node, performance.now() in a page).
 */
export function interleaved(
  variants: readonly [string, () => void][],
  rounds: number,
  perRound: number,
  now: () => number,
): BenchResult[] {
  const times = variants.map((): number[] => []);
  for (const [, fn] of variants) for (let i = 0; i < perRound; i++) fn();
  for (let r = 0; r < rounds; r++) {
    variants.forEach(([, fn], k) => {
      const t0 = now();
      for (let i = 0; i < perRound; i++) fn();
      times[k]!.push(((now() - t0) * 1000) / perRound);
    });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return variants.map(([name], k) => ({ name, medianUs: median(times[k]!), minUs: Math.min(...times[k]!) }));
}
