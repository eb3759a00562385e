// The real open + close again, in a process of its own so that a real tracer can watch it:
// scripts/benchBundled.mjs runs this file under strace and under perf trace. Prints the µs per
// pair of the timed loop (the tracer's start-up and the warm-up are not in it).
import { closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const n = Number(process.argv[2] ?? 20_000);
const file = join(mkdtempSync(join(tmpdir(), 'lsm-bench-')), 'f');
writeFileSync(file, 'x');
for (let i = 0; i < 2_000; i++) closeSync(openSync(file, 'r'));
const t0 = process.hrtime.bigint();
for (let i = 0; i < n; i++) closeSync(openSync(file, 'r'));
console.log(Number(process.hrtime.bigint() - t0) / n / 1000);
