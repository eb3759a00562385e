#!/usr/bin/env node
// The page's initial JS: the scripts app/dist/index.html loads and preloads, gzipped as a server
// would send them. The browser bench reports it; run directly (npm test does, after the build), it
// checks the budget of issue 5 (under 150 KB gzip) and exits 1 when the build is over it: a size is
// the same on every machine, so this is a check and not a timing.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const INITIAL_JS_BUDGET_KB = 150;

/** The initial scripts of the built page and their gzip size in KB (1024 bytes, one decimal). */
export function initialJs(dist = 'app/dist') {
  const html = readFileSync(`${dist}/index.html`, 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const bytes = files.reduce((n, f) => n + gzipSync(readFileSync(`${dist}/${f}`)).length, 0);
  return { files, gzipKB: Math.round(bytes / 102.4) / 10 };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { files, gzipKB } = initialJs(process.argv[2]);
  const ok = gzipKB < INITIAL_JS_BUDGET_KB;
  console.log(
    `initial JS: ${gzipKB} KB gzip in ${files.length} files (budget: under ${INITIAL_JS_BUDGET_KB} KB)${ok ? '' : ': over budget. Load what the first paint does not need with import() (see docs/ARCHITECTURE.md)'}`,
  );
  process.exit(ok ? 0 : 1);
}
