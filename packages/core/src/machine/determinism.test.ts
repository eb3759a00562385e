// Determinism across processes: the same scenario gives byte-identical traces in this process and
// in two fresh Node processes (the CLI's `hash` command), which share no state with it.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { runScenario, validateScenario } from '../index';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const fixture = `${root}e2e/fixtures/scenarios/protected-files.json`;

test('a scenario hashes the same in this process and in two other processes', () => {
  const v = validateScenario(JSON.parse(readFileSync(fixture, 'utf8')));
  if (!v.ok) throw new Error(v.errors.join('\n'));
  const run = runScenario(v.scenario);
  const here = createHash('sha256')
    .update(JSON.stringify(run.results.map((r) => r.results)))
    .digest('hex');
  const tsx = `${root}node_modules/.bin/tsx`;
  const other = () =>
    execFileSync(tsx, [`${root}packages/core/src/cli/lsm.ts`, 'hash', fixture], { encoding: 'utf8' }).trim();
  const a = other();
  const b = other();
  expect(a).toBe(b);
  expect(a).toBe(here);
}, 60_000);
