#!/usr/bin/env node
// Instructions per simulated openat + close pair, traced and untraced, counted by valgrind's
// callgrind on the bundled code: a deterministic measure (runs agree within about 1%), where wall
// time on a shared machine moves by 10%. Memory stalls are not counted, so a change that only
// writes fewer bytes can look free here: confirm with `pnpm bench`. Takes a few minutes.
// Usage: node scripts/benchInstructions.mjs [out.json]
import { build } from 'esbuild';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

const out = process.argv[2] ?? '.ci/out/instructions.json';
if (spawnSync('valgrind', ['--version']).status !== 0) {
  console.error('benchInstructions: valgrind is not installed (Debian: apt-get install valgrind)');
  process.exit(1);
}
mkdirSync('.ci/out', { recursive: true });
const bundle = '.ci/out/instructionPairs.mjs';
await build({
  entryPoints: ['scripts/bench/instructionPairs.ts'],
  bundle: true,
  minify: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: bundle,
  logLevel: 'warning',
});

/** Instructions of one run: callgrind's total, with V8 on one thread (no concurrent compiling). */
function instructions(mode, n) {
  const r = spawnSync(
    'valgrind',
    [
      '--tool=callgrind',
      '--smc-check=all-non-file',
      '--callgrind-out-file=/dev/null',
      process.execPath,
      '--single-threaded',
      bundle,
      mode,
      String(n),
    ],
    { encoding: 'utf8' },
  );
  const m = /Collected : (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`callgrind failed (${mode}, ${n}):\n${r.stderr.slice(-2000)}`);
  return Number(m[1]);
}

const LOW = 10_000;
const HIGH = 30_000;
const results = {};
for (const mode of ['traced', 'untraced']) {
  results[mode] = Math.round((instructions(mode, HIGH) - instructions(mode, LOW)) / (HIGH - LOW));
  console.log(`${mode}: ${results[mode]} instructions per pair`);
}
const node = execFileSync(process.execPath, ['--version'], { encoding: 'utf8' }).trim();
writeFileSync(out, `${JSON.stringify({ node, pairs: HIGH - LOW, perPair: results })}\n`);
