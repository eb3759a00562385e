import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultConfigLsm } from '../lsm/inTreeLsms';
import { describeExpectation, validateExpectations, type Expectation } from './expectations';
import { runScenario, validateScenario, type Scenario } from './scenario';

const fixture = (name: string): Scenario =>
  JSON.parse(
    readFileSync(new URL(`../../../../e2e/fixtures/scenarios/${name}.json`, import.meta.url), 'utf8'),
  ) as Scenario;

/** A shell session on the default 7.1 stack: alice is refused /etc/shadow by DAC, root is not. */
const SESSION: Scenario = {
  version: 1,
  name: 'shadow',
  boot: {},
  steps: [{ shell: 'su alice' }, { shell: 'cat /etc/shadow' }, { shell: 'exit' }, { shell: 'cat /etc/hostname' }],
};

function check(scenario: Scenario, expectations: Expectation[]) {
  const v = validateScenario({ ...scenario, expectations });
  if (!v.ok) throw new Error(v.errors.join('\n'));
  return runScenario(v.scenario);
}

describe('scenario expectations', () => {
  it('a step refused by DAC: errno and deniedBy hold, and point at the failing generic_permission()', () => {
    const run = check(SESSION, [
      { kind: 'result', step: 2, errno: 'EACCES', deniedBy: 'dac' },
      { kind: 'result', step: 4, errno: null, deniedBy: null },
    ]);
    expect(run.expectations.map((e) => [e.title, e.pass])).toEqual([
      ['step 2 fails with EACCES, refused by DAC', true],
      ['step 4 succeeds, allowed by DAC and every LSM', true],
    ]);
    const at = run.expectations[0]!.at!;
    expect(at.step).toBe(1);
    const ev = run.results[1]!.results[at.syscall]!.trace.find((e) => e.seq === at.seq);
    expect(ev).toMatchObject({ type: 'dac', fn: 'generic_permission', rc: -13 });
    expect(run.ok).toBe(true);
  });

  it('a wrong expectation fails with what happened instead, and the run is not ok', () => {
    const run = check(SESSION, [
      { kind: 'result', step: 2, errno: 'EPERM', deniedBy: 'selinux' },
      { kind: 'result', step: 4, errno: 'EACCES' },
    ]);
    expect(run.expectations.map((e) => e.detail)).toEqual([
      'openat: expected EPERM, got EACCES; expected denied by selinux, but refused by DAC',
      'close: expected EACCES, got success',
    ]);
    expect(run.expectations.every((e) => !e.pass)).toBe(true);
    expect(run.ok).toBe(false);
    // cat's outcome is its last call, close(); the success points at that call's syscall_exit.
    const at = run.expectations[1]!.at!;
    const trace = run.results[3]!.results[at.syscall]!.trace;
    expect(trace.find((e) => e.seq === at.seq)?.type).toBe('syscall_exit');
  });

  it('an LSM denial: SELinux allows the renamed inode by its label, TOMOYO refuses its new name', () => {
    const s = fixture('selinux-tomoyo-rename');
    const run = check(s, [
      { kind: 'result', step: 4, errno: 'EPERM', deniedBy: 'tomoyo' },
      { kind: 'lsm', lsm: 'selinux', hook: 'file_open', step: 4, called: true },
      { kind: 'hook', hook: 'path_rename', step: 3, reached: true },
      { kind: 'hook', hook: 'path_rename', step: 4, reached: false },
      { kind: 'bootOrder', order: ['capability', 'selinux', 'tomoyo', 'ima', 'evm'] },
    ]);
    for (const e of run.expectations) expect([e.title, e.pass, e.detail]).toEqual([e.title, true, e.detail]);
    const at = run.expectations[0]!.at!;
    const ev = run.results[3]!.results[at.syscall]!.trace.find((e) => e.seq === at.seq);
    expect(ev).toMatchObject({ type: 'lsm_return', lsm: 'tomoyo', hook: 'file_open', verdict: 'deny' });
  });

  it('hooks, LSMs, logs and the boot order fail with a line saying what happened', () => {
    const run = check(SESSION, [
      { kind: 'hook', hook: 'file_open', step: 2, reached: true },
      { kind: 'hook', hook: 'inode_permission', step: 2, reached: false },
      { kind: 'hook', hook: 'bprm_check_security', reached: true },
      { kind: 'lsm', lsm: 'smack', called: true },
      { kind: 'log', log: 'dmesg', contains: 'no such line' },
      { kind: 'log', log: 'dmesg', contains: 'Yama: becoming mindful.', present: false },
      { kind: 'bootOrder', order: ['capability'] },
    ]);
    expect(run.expectations.map((e) => [e.pass, e.detail])).toEqual([
      // may_open() fails in generic_permission(): open never reaches file_open.
      [false, 'file_open was not reached in step 2'],
      [false, 'inode_permission was reached in step 2'],
      [false, 'bprm_check_security was not reached in the run'],
      [false, 'smack was not called in the run (smack is not active)'],
      [false, 'no line of dmesg contains "no such line"'],
      [false, expect.stringMatching(/^dmesg has: \[ +[0-9.]+\] Yama: becoming mindful\.$/)],
      [false, `expected capability, booted ${run.machine.kernel.order.join(',')}`],
    ]);
    // A failing hook expectation points at the step's outcome (not reached) or at the hook (reached).
    expect(run.expectations[0]!.at?.step).toBe(1);
    const at = run.expectations[1]!.at!;
    expect(run.results[1]!.results[at.syscall]!.trace.find((e) => e.seq === at.seq)).toMatchObject({
      type: 'hook_enter',
      hook: 'inode_permission',
    });
  });

  it('a step that did not run fails instead of throwing', () => {
    const v = validateScenario({ ...SESSION, steps: SESSION.steps.slice(0, 1) });
    if (!v.ok) throw new Error();
    const run = runScenario({ ...v.scenario, expectations: [{ kind: 'result', step: 3, errno: null }] });
    expect(run.expectations[0]).toMatchObject({ pass: false, detail: 'step 3 did not run (the run has 1 step)' });
  });

  it('validation names the place and the cause of each problem', () => {
    expect(
      validateExpectations(
        [
          { kind: 'result', step: 9, errno: 'EWHAT' },
          { kind: 'hook', hook: 'fille_open', reached: true },
          { kind: 'lsm', lsm: 'SELinux', called: 'yes' },
          { kind: 'log', log: 'syslog', contains: '' },
          { kind: 'bootOrder', order: [] },
          { kind: 'result', step: 1 },
          { kind: 'nope' },
          { kind: 'hook', hook: 'file_open', reached: true, extra: 1 },
        ],
        4,
      ),
    ).toEqual([
      'expectations[0].step: step 9 does not exist (the scenario has 4 steps)',
      'expectations[0].errno: not an errno the model knows: "EWHAT"',
      'expectations[1].hook: "fille_open" is not an LSM hook of any modelled kernel version',
      'expectations[2].lsm: expected an LSM name, got "SELinux"',
      'expectations[2].called: expected true or false, got "yes"',
      'expectations[3].log: expected "dmesg" or "audit", got "syslog"',
      'expectations[3].contains: expected a non-empty text of at most 1000 characters, got ""',
      'expectations[4].order: expected a list of LSM names',
      'expectations[5]: a result expectation gives errno, deniedBy or both',
      'expectations[6].kind: expected one of result, hook, lsm, log, bootOrder, got "nope"',
      'expectations[7].extra: unknown field (a hook expectation takes kind, label, hook, reached, step)',
    ]);
    expect(validateScenario({ ...SESSION, expectations: {} })).toEqual({
      ok: false,
      errors: ['expectations: expected an array, got {}'],
    });
  });

  it('describes each kind in words, or by its label', () => {
    expect(describeExpectation({ kind: 'hook', hook: 'task_alloc', reached: true, step: 2 })).toBe(
      'task_alloc is reached in step 2',
    );
    expect(describeExpectation({ kind: 'log', log: 'audit', contains: 'avc:  denied' })).toBe(
      'the audit log has a line containing "avc:  denied"',
    );
    expect(describeExpectation({ kind: 'bootOrder', order: defaultConfigLsm('7.1').split(',').slice(0, 2) })).toMatch(
      /^the boot order is \w+,\w+$/,
    );
    expect(describeExpectation({ kind: 'lsm', lsm: 'yama', called: false, label: 'Yama stays out of it' })).toBe(
      'Yama stays out of it',
    );
  });
});
