import { describe, expect, it } from 'vitest';
import { runScenario, validateScenario, type Scenario } from './scenario';

const ROOT = 1001;
const ALICE = 1102;

function valid(json: unknown): Scenario {
  const v = validateScenario(json);
  if (!v.ok) throw new Error(v.errors.join('\n'));
  return v.scenario;
}

function errors(json: unknown): string[] {
  const v = validateScenario(json);
  return v.ok ? [] : v.errors;
}

const base = { version: 1, name: 't', boot: {} };

describe('validateScenario', () => {
  it('accepts a scenario of syscall and shell steps', () => {
    const s = valid({
      ...base,
      description: 'd',
      boot: { kernelVersion: '6.18', cmdline: 'lsm.debug', configLsm: 'capability,selinux', maxLsmCount: 20 },
      steps: [
        {
          pid: ALICE,
          syscall: 'openat',
          args: { path: '/etc/shadow', flags: 'O_RDONLY' },
          expect: { errno: 'EACCES' },
        },
        { shell: 'cat /etc/hostname', expect: { output: 'playground\n' } },
        { pid: ROOT, shell: 'echo x > /tmp/x', expectHooks: [] },
        { pid: ALICE, syscall: 'close', args: { fd: 3 }, expect: { ret: -9, errno: '-EBADF' }, note: 'no such fd' },
      ],
    });
    expect(s.steps).toHaveLength(4);
    expect(s.boot.kernelVersion).toBe('6.18');
  });

  it('points at the bad argument of the bad step', () => {
    expect(
      errors({
        ...base,
        steps: [
          { pid: ROOT, syscall: 'close', args: { fd: 0 } },
          { pid: ROOT, syscall: 'close', args: { fd: 0 } },
          { pid: ROOT, syscall: 'close', args: { fd: 0 } },
          { pid: ROOT, syscall: 'openat', args: { path: '/etc/shadow', flags: 'O_WRONGLY' } },
        ],
      }),
    ).toEqual(['steps[3].args.flags: not a number or a known constant: "O_WRONGLY"']);
  });

  it('reports unknown syscalls, unknown and missing arguments, and bad values', () => {
    const errs = errors({
      ...base,
      steps: [
        { pid: ROOT, syscall: 'opennat', args: {} },
        { pid: ROOT, syscall: 'read', args: { fdd: 1 } },
        { pid: ROOT, syscall: 'openat', args: { path: 5, mode: 1.5 } },
        { pid: ROOT, syscall: 'openat', args: { path: '/x', flags: ['O_RDONLY'] } },
        { pid: ROOT, syscall: 'openat', args: 'path=/x' },
      ],
    });
    expect(errs[0]).toMatch(/^steps\[0\]\.syscall: unknown syscall "opennat" \(the model has openat, read, .*\)$/);
    expect(errs.slice(1)).toEqual([
      'steps[1].args.fdd: unknown argument (read takes fd, count)',
      'steps[1].args.fd: missing (read takes fd, count; fd has no default)',
      'steps[2].args.path: expected a string, got 5',
      'steps[2].args.mode: expected an integer, got 1.5',
      'steps[3].args.flags: expected a number or a string, got ["O_RDONLY"]',
      'steps[4].args: expected an object of named arguments, got "path=/x"',
    ]);
  });

  it('reports bad steps, pids and expectations', () => {
    expect(
      errors({
        ...base,
        steps: [
          { syscall: 'close', args: { fd: 0 } },
          { pid: 0, shell: 'id' },
          { pid: ROOT, shell: 'id', syscall: 'close' },
          { pid: ROOT },
          { pid: ROOT, shell: "echo 'x" },
          { pid: ROOT, shell: '  ' },
          { pid: ROOT, shell: 'id', args: {} },
          { pid: ROOT, syscall: 'close', args: { fd: 0 }, expect: { ret: 'zero', errno: 'EWHAT', output: 'x', rc: 0 } },
          { pid: ROOT, syscall: 'close', args: { fd: 0 }, expectHooks: 'file_open', when: 'now' },
          'step',
        ],
      }),
    ).toEqual([
      'steps[0].pid: expected a positive integer, got undefined',
      'steps[1].pid: expected a positive integer, got 0',
      'steps[2]: a step has either "syscall" (with "args") or "shell", not both',
      'steps[3]: a step has either "syscall" (with "args") or "shell", not neither',
      "steps[4].shell: unexpected EOF while looking for matching `''",
      'steps[5].shell: expected a command line, got "  "',
      'steps[6].args: a shell step takes no args',
      'steps[7].expect.rc: unknown field (expect takes ret, errno, output)',
      'steps[7].expect.ret: expected an integer, got "zero"',
      'steps[7].expect.errno: not an errno the model knows: "EWHAT"',
      'steps[7].expect.output: only shell steps have output to expect',
      'steps[8].when: unknown field (a step takes pid, syscall, args, shell, expect, expectHooks, note)',
      'steps[8].expectHooks: expected an array of hook names, got "file_open"',
      'steps[9]: expected an object, got "step"',
    ]);
  });

  it('reports the scenario and boot fields', () => {
    expect(errors(null)).toEqual(['scenario: expected an object, got null']);
    expect(
      errors({
        version: 2,
        name: '',
        description: 3,
        boot: { kernelVersion: '5.4', lsms: [], maxLsmCount: 0, cmdline: 1, kconfig: 'CONFIG_X' },
        steps: {},
        extra: true,
      }),
    ).toEqual([
      'extra: unknown field (a scenario has version, name, description, boot, steps, expectations)',
      'version: expected 1, got 2',
      'name: expected a non-empty string, got ""',
      'description: expected a string, got 3',
      'boot.lsms: unknown field (boot takes kernelVersion, configLsm, cmdline, maxLsmCount, kconfig, policies)',
      'boot.kernelVersion: expected one of 7.1, 6.18, 6.8, got "5.4"',
      'boot.cmdline: expected a string, got 1',
      'boot.maxLsmCount: expected a positive integer, got 0',
      'boot.kconfig: expected an array of strings, got "CONFIG_X"',
      'steps: expected an array, got {}',
    ]);
  });

  it('leaves whether a pid exists to the run', () => {
    expect(errors({ ...base, steps: [{ pid: 4242, syscall: 'close', args: { fd: 0 } }] })).toEqual([]);
  });
});

describe('runScenario', () => {
  it('runs each step and checks its expectations', () => {
    const { results, ok, machine } = runScenario(
      valid({
        ...base,
        steps: [
          { pid: ALICE, syscall: 'openat', args: { path: '/etc/shadow' }, expect: { ret: -13, errno: 'EACCES' } },
          { pid: ALICE, syscall: 'openat', args: { path: '/etc/passwd' }, expect: { ret: 0, errno: null } },
          { pid: ALICE, syscall: 'read', args: { fd: 0, count: 4 }, expect: { ret: 4 } },
          { pid: ALICE, syscall: 'close', args: { fd: 0 } },
        ],
      }),
    );
    expect(ok).toBe(true);
    expect(results.map((r) => [r.ret, r.errno, r.expectMet])).toEqual([
      [-13, '-EACCES', true],
      [0, null, true],
      [4, null, true],
      [0, null, null],
    ]);
    expect(results[2]!.results[0]!.out).toBe('root');
    expect(results[3]!.hooks).toEqual(['file_release', 'file_free_security']);
    expect(machine.task(ALICE)!.files.size).toBe(0);
  });

  it('says what did not hold', () => {
    const run = runScenario(
      valid({
        ...base,
        steps: [
          { pid: ALICE, syscall: 'openat', args: { path: '/etc/shadow' }, expect: { ret: 0, errno: null } },
          { pid: ALICE, syscall: 'close', args: { fd: 7 }, expectHooks: ['file_release'] },
          { shell: 'whoami', expect: { output: 'alice\n' } },
        ],
      }),
    );
    expect(run.ok).toBe(false);
    expect(run.results.map((r) => r.mismatches)).toEqual([
      ['ret: expected 0, got -13', 'errno: expected none, got -EACCES'],
      ['hooks: expected [file_release], got []'],
      ['output: expected "alice\\n", got "root\\n"'],
    ]);
    expect(run.results[1]!.hooksMet).toBe(false);
    expect(run.results[1]!.expectMet).toBeNull();
  });

  it('reports a pid with no running task in the step’s result', () => {
    const run = runScenario(
      valid({ ...base, steps: [{ pid: 4242, syscall: 'close', args: { fd: 0 }, expect: { ret: 0 } }] }),
    );
    const r = run.results[0]!;
    expect(r.error).toBe('no running task with pid 4242');
    expect(r.ret).toBeNull();
    expect(r.mismatches).toEqual(['ret: expected 0, got no result']);
    expect(run.ok).toBe(false);
  });

  it('runs shell steps through the shell, keeping its state between steps', () => {
    const run = runScenario(
      valid({
        ...base,
        steps: [
          { shell: 'su alice' },
          {
            shell: 'cat /etc/shadow',
            expect: { ret: -13, errno: 'EACCES', output: 'cat: /etc/shadow: Permission denied\n' },
          },
          { shell: 'exit', expect: { output: 'logout\n' } },
          { shell: 'whoami', expect: { output: 'root\n' } },
          { pid: ALICE, shell: 'pwd', expect: { output: '/home/alice\n' } },
          { shell: 'echo hi > /tmp/hi', expect: { ret: 0, errno: null } },
        ],
      }),
    );
    expect(run.results.map((r) => r.mismatches)).toEqual([[], [], [], [], [], []]);
    expect(run.results.map((r) => r.pid)).toEqual([ROOT, ALICE, ALICE, ROOT, ALICE, ALICE]);
    expect(run.results[5]!.results.map((r) => r.name)).toEqual(['openat', 'write', 'close']);
    expect(run.results[0]!.ret).toBeNull();
    expect(run.results[0]!.output).toBe('');
  });

  it('boots the configured kernel', () => {
    const run = runScenario(
      valid({ ...base, boot: { kernelVersion: '6.8', cmdline: 'lsm=capability,selinux' }, steps: [] }),
    );
    expect(run.machine.version).toBe('6.8');
    expect(run.machine.kernel.order).toEqual(['capability', 'selinux', 'integrity']);
  });

  it('is deterministic: the same scenario twice gives identical traces', () => {
    const scenario = valid({
      ...base,
      steps: [
        { pid: ALICE, syscall: 'openat', args: { path: '/tmp/a', flags: 'O_WRONLY|O_CREAT', mode: '0600' } },
        { pid: ALICE, syscall: 'write', args: { fd: 0, buf: 'x' } },
        { pid: ALICE, syscall: 'close', args: { fd: 0 } },
        { pid: ALICE, syscall: 'renameat2', args: { oldpath: '/tmp/a', newpath: '/tmp/b' } },
        { pid: ROOT, syscall: 'setxattr', args: { path: '/tmp/b', name: 'security.x', value: 'y' } },
        { shell: 'su alice' },
        { shell: 'ls -l /tmp' },
        { shell: 'cat /etc/shadow' },
        { shell: 'rm /tmp/b' },
      ],
    });
    const json = () => {
      const run = runScenario(scenario);
      return JSON.stringify({
        steps: run.results.map((r) => ({ output: r.output, results: r.results })),
        log: run.machine.log,
      });
    };
    const a = json();
    expect(a).toBe(json());
    expect(a.length).toBeGreaterThan(10_000);
  });
});
