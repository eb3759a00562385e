#!/usr/bin/env node
// Bundles scripts/bench/bundledSyscalls.ts with esbuild (minified, as shipped) and runs it;
// then times the real open + close while a real tracer watches it (strace, perf trace: each
// where it is installed and allowed to trace); writes the JSON to the path given (default
// .ci/out/bundled.json).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

const out = process.argv[2] ?? '.ci/out/bundled.json';
mkdirSync('.ci/out', { recursive: true });
await build({
  entryPoints: ['scripts/bench/bundledSyscalls.ts'],
  bundle: true,
  minify: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: '.ci/out/bundledSyscalls.mjs',
  logLevel: 'warning',
});
const result = JSON.parse(execFileSync(process.execPath, ['.ci/out/bundledSyscalls.mjs'], { encoding: 'utf8' }));

// The simulated trace is a recording of the syscalls' path; these are what recording the real
// syscalls costs with the tools a person would reach for. Each is the median of three runs.
const PAIRS = 10_000;
const child = [process.execPath, 'scripts/bench/realWatched.mjs', String(PAIRS)];
const tracers = [
  {
    name: 'real, watched by strace -f -e trace=openat,close',
    argv: ['strace', '-f', '-qq', '-o', '/dev/null', '-e', 'trace=openat,close', ...child],
  },
  {
    name: 'real, watched by perf trace -e openat,close',
    argv: ['perf', 'trace', '-o', '/dev/null', '-e', 'openat,close', ...child],
  },
];
result.watched = [];
result.notWatched = [];
for (const t of tracers) {
  try {
    const runs = [0, 1, 2].map(() =>
      Number(execFileSync(t.argv[0], t.argv.slice(1), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()),
    );
    if (runs.some((us) => !Number.isFinite(us))) throw new Error(`no time printed: ${runs.join(', ')}`);
    result.watched.push({ name: t.name, medianUs: [...runs].sort((a, b) => a - b)[1] });
  } catch (e) {
    // Not installed, or not allowed here (ptrace or perf_event_open refused): left out, and said.
    const why =
      e.code === 'ENOENT'
        ? `${t.argv[0]} is not installed`
        : String(e.stderr || e.message)
            .trim()
            .split('\n')[0];
    result.notWatched.push({ name: t.name, why });
  }
}
const json = `${JSON.stringify(result)}\n`;
writeFileSync(out, json);
process.stdout.write(json);
