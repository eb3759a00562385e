// Core is DOM-free and deterministic by construction: this test is the lint rule that keeps it so.
// It fails on an import of the UI, React, Monaco, zustand or Node built-ins, and on real time,
// real randomness, timers or network APIs anywhere in core's non-test sources.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';

const SRC = new URL('.', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    // cli/ is the Node command line (pnpm lsm), not core's library code.
    if (e.isDirectory()) return p === join(SRC, 'cli') ? [] : sources(p);
    return /\.ts$/.test(e.name) && !/\.(test|bench|memory)\.ts$/.test(e.name) ? [p] : [];
  });
}

const FORBIDDEN_IMPORTS =
  /from\s+['"](react|react-dom|monaco-editor|zustand|@lsm-playground\/ui|node:[^'"]*|fs|path|os|child_process|worker_threads)(\/[^'"]*)?['"]/;
const FORBIDDEN_CALLS: [RegExp, string][] = [
  [/\bDate\.now\s*\(/, 'Date.now(): use the virtual clock'],
  [/\bnew Date\s*\(/, 'new Date(): use the virtual clock'],
  [/\bMath\.random\s*\(/, 'Math.random(): use mulberry32(seed)'],
  [/\bperformance\.now\s*\(/, 'performance.now(): use the virtual clock'],
  [/\bset(Timeout|Interval|Immediate)\s*\(/, 'timers: the model advances its own clock'],
  [/\bfetch\s*\(/, 'fetch(): core has no network'],
  [/\b(window|document|navigator|localStorage|XMLHttpRequest)\./, 'DOM globals: core is DOM-free'],
];

test('core sources import nothing from the UI, React, Monaco, zustand or Node, and read no real time', () => {
  const problems: string[] = [];
  for (const file of sources(SRC)) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (/^\s*(\/\/|\*)/.test(line)) return;
        const where = `${relative(SRC, file)}:${i + 1}`;
        if (FORBIDDEN_IMPORTS.test(line)) problems.push(`${where}: forbidden import: ${line.trim()}`);
        for (const [re, why] of FORBIDDEN_CALLS) if (re.test(line)) problems.push(`${where}: ${why}`);
      });
  }
  expect(problems).toEqual([]);
});

test('the rule itself catches what it should', () => {
  expect(FORBIDDEN_IMPORTS.test("import { create } from 'zustand/vanilla';")).toBe(true);
  expect(FORBIDDEN_IMPORTS.test("import x from 'node:fs';")).toBe(true);
  expect(FORBIDDEN_IMPORTS.test("import { boot } from './boot/boot';")).toBe(false);
  expect(FORBIDDEN_CALLS.some(([re]) => re.test('const t = Date.now();'))).toBe(true);
});

test("core's tsconfig has no DOM lib and no ambient types", () => {
  const cfg = JSON.parse(readFileSync(join(SRC, '../tsconfig.json'), 'utf8'));
  expect(cfg.compilerOptions.lib).toEqual(['ES2022']);
  expect(cfg.compilerOptions.types).toEqual([]);
});
