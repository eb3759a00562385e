// The syscall bench on the code as it ships: bundled into one module (as Vite does for the page),
// not through vitest's module runner, where every cross-module call pays for a live binding.
// Prints JSON for benchReport.mjs. Interleaved rounds, median per variant.
import { closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { interleaved, simulatedPairs } from './syscallPairs';

const realFile = join(mkdtempSync(join(tmpdir(), 'lsm-bench-')), 'f');
writeFileSync(realFile, 'x');

const N = 20_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const results = interleaved(
  [...simulatedPairs(), ['real: fs.openSync + fs.closeSync on this machine', () => closeSync(openSync(realFile, 'r'))]],
  ROUNDS,
  N,
  () => Number(process.hrtime.bigint()) / 1e6,
);
console.log(JSON.stringify({ rounds: ROUNDS, perRound: N, results }));
