// The syscall bench on the code as it ships: bundled into one module (as Vite does for the page),
// not through vitest's module runner, where every cross-module call pays for a live binding.
// Prints JSON for benchReport.mjs. Interleaved rounds, median per variant.
import { closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Machine } from '../../packages/core/src/index';
import '../../packages/core/src/models/index';

const traced = Machine.boot();
const untraced = Machine.boot();
untraced.kernel.recording = false;
const realFile = join(mkdtempSync(join(tmpdir(), 'lsm-bench-')), 'f');
writeFileSync(realFile, 'x');

const openClose = (m: Machine) => () => {
  const r = m.syscall(1102, 'openat', { path: '/home/alice/notes.txt' });
  m.syscall(1102, 'close', { fd: r.ret! });
};
const variants: [string, () => void][] = [
  ['simulated, full trace recorded', openClose(traced)],
  ['simulated, trace recording off', openClose(untraced)],
  ['real: fs.openSync + fs.closeSync on this machine', () => closeSync(openSync(realFile, 'r'))],
];

const N = 20_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const times = new Map<string, number[]>(variants.map(([n]) => [n, []]));
for (const [, fn] of variants) for (let i = 0; i < N; i++) fn(); // warm-up: let the JIT settle
for (let r = 0; r < ROUNDS; r++) {
  for (const [name, fn] of variants) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < N; i++) fn();
    times.get(name)!.push(Number(process.hrtime.bigint() - t0) / N / 1000);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(
  JSON.stringify({
    rounds: ROUNDS,
    perRound: N,
    results: variants.map(([name]) => ({
      name,
      medianUs: median(times.get(name)!),
      minUs: Math.min(...times.get(name)!),
    })),
  }),
);
