// The golden scenarios in e2e/fixtures/scenarios/, shared with the Playwright specs: each one is
// valid, every step has an `expect` that holds, every step reaches exactly the hooks its
// `expectHooks` lists (checked by hand against the kernel chains in syscalls/fs.ts), and every
// whole-run expectation (`expectations`) passes.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario, validateScenario } from './scenario';

const DIR = new URL('../../../../e2e/fixtures/scenarios/', import.meta.url).pathname;
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('e2e/fixtures/scenarios', () => {
  it('has fixtures, with unique names matching their file names', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
    const names = files.map((f) => (JSON.parse(readFileSync(join(DIR, f), 'utf8')) as { name: string }).name);
    expect(names).toEqual(files.map((f) => f.replace(/\.json$/, '')));
  });

  it('has fixtures with whole-run expectations (pnpm lsm test checks them)', () => {
    const withExpectations = files.filter(
      (f) => (JSON.parse(readFileSync(join(DIR, f), 'utf8')) as { expectations?: unknown[] }).expectations?.length,
    );
    expect(withExpectations.length).toBeGreaterThanOrEqual(3);
  });

  for (const file of files) {
    describe(file, () => {
      const json: unknown = JSON.parse(readFileSync(join(DIR, file), 'utf8'));
      const v = validateScenario(json);

      it('is valid', () => {
        expect(v.ok ? [] : v.errors).toEqual([]);
      });
      if (!v.ok) return;

      it('states an expectation and the hooks for every step', () => {
        for (const [i, step] of v.scenario.steps.entries()) {
          expect(step.expect, `step ${i}`).toBeDefined();
          expect(step.expectHooks, `step ${i}`).toBeDefined();
        }
      });

      it('meets every expect and reaches exactly the expected hooks', () => {
        const run = runScenario(v.scenario);
        for (const r of run.results) {
          expect(r.error, `step ${r.index}`).toBeNull();
          expect(r.mismatches, `step ${r.index}`).toEqual([]);
          expect(r.expectMet, `step ${r.index}`).toBe(true);
          expect(r.hooks, `step ${r.index}`).toEqual(v.scenario.steps[r.index]!.expectHooks);
        }
        expect(run.expectations.filter((e) => !e.pass).map((e) => `${e.title}: ${e.detail}`)).toEqual([]);
        expect(run.expectations).toHaveLength(v.scenario.expectations?.length ?? 0);
        expect(run.ok).toBe(true);
      });

      it('gives the same traces when run again', () => {
        const traces = () => JSON.stringify(runScenario(v.scenario).results.map((r) => r.results));
        expect(traces()).toBe(traces());
      });
    });
  }
});
