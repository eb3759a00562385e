// Two modules disagreeing on one inode after a rename (the golden scenario): SELinux,
// label-based, keeps its verdict because the label moves with the inode; TOMOYO, path-based,
// changes its verdict because the name changed. The fixture is e2e/fixtures/scenarios/
// selinux-tomoyo-rename.json (run with the others by scenarioFixtures.test.ts); here its policy
// copy is kept equal to the default one and the two verdicts are read off the trace.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario, validateScenario } from '../machine/scenario';
import { SELINUX_FEDORA_POLICY } from './selinux/defaultPolicy';

const FIXTURE = new URL('../../../../e2e/fixtures/scenarios/selinux-tomoyo-rename.json', import.meta.url).pathname;

describe('a label-based and a path-based module on a rename', () => {
  const json = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { boot: { policies: { selinux: string } } };
  it('carries the default SELinux policy verbatim', () => {
    expect(json.boot.policies.selinux).toBe(SELINUX_FEDORA_POLICY);
  });

  it('after the rename SELinux still allows the write and TOMOYO refuses it', () => {
    const v = validateScenario(json);
    if (!v.ok) throw new Error(v.errors.join('\n'));
    const run = runScenario(v.scenario);
    const verdicts = (i: number) =>
      run.results[i]!.results.flatMap((s) =>
        s.trace
          .filter((e) => e.type === 'lsm_return' && (e as { hook: string }).hook === 'file_open')
          .map((e) => `${(e as { lsm: string }).lsm}:${(e as { verdict: string }).verdict}`),
      );
    expect(verdicts(0)).toEqual(['selinux:default', 'tomoyo:default']);
    expect(verdicts(3)).toEqual(['selinux:default', 'tomoyo:deny']);
    expect(run.results[3]!.errno).toBe('-EPERM');
    expect(run.results[4]!.output).toContain('security.selinux="system_u:object_r:user_home_t:s0"');
  });
});
