#!/usr/bin/env node
// Bundles scripts/bench/bundledSyscalls.ts with esbuild (minified, as shipped) and runs it;
// writes its JSON to the path given (default .ci/out/bundled.json).
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
const json = execFileSync(process.execPath, ['.ci/out/bundledSyscalls.mjs'], { encoding: 'utf8' });
writeFileSync(out, json);
process.stdout.write(json);
