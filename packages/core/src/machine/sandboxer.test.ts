// The Landlock sandboxer sample in the shell: alice, unprivileged, confines a shell or a program
// with the syscalls samples/landlock/sandboxer.c makes, in its order; `exit` leaves the confined
// shell (reaped by its parent); missing settings and a disabled Landlock are reported as the sample does.
import { describe, expect, it } from 'vitest';
import '../models/index';
import { Machine } from './machine';
import { initialShellState, runShell, type ShellResult, type ShellState } from './shell';

function session(machine: Machine, lines: string[]): { results: ShellResult[]; state: ShellState } {
  let state = initialShellState();
  const results: ShellResult[] = [];
  for (const line of lines) {
    const r = runShell(machine, state, line);
    state = r.state;
    results.push(r);
  }
  return { results, state };
}

const calls = (r: ShellResult) => r.results.map((s) => `${s.name}=${s.ret}`);

describe('sandboxer', () => {
  it('confines a shell for an unprivileged user, with the sample’s syscalls in order, until exit', () => {
    const m = Machine.boot();
    const { results, state } = session(m, [
      'su alice',
      'LL_FS_RO=/usr:/etc LL_FS_RW=/tmp sandboxer bash',
      'cat /etc/hostname',
      'echo hi > /tmp/x',
      'echo hi > /home/alice/notes.txt',
      'exit',
      'echo hi > /home/alice/notes.txt',
    ]);
    const [, start, read, tmp, home, exit, after] = results as [ShellResult, ...ShellResult[]];
    expect(calls(start!)).toEqual([
      'fork=1200',
      'landlock_create_ruleset=9',
      'landlock_create_ruleset=0',
      'openat=1',
      'landlock_add_rule=0',
      'close=0',
      'openat=1',
      'landlock_add_rule=0',
      'close=0',
      'openat=1',
      'landlock_add_rule=0',
      'close=0',
      'prctl=0',
      'landlock_restrict_self=0',
      'close=0',
      'execve=0',
    ]);
    expect(start!.results.slice(1).every((r) => r.pid === 1200)).toBe(true);
    expect(start!.output).toBe('Executing the sandboxed command...\n');
    expect(read!.output).toBe('playground\n');
    expect(tmp!.status).toBe(0);
    expect(home!.output).toBe('bash: /home/alice/notes.txt: Permission denied\n');
    expect(
      home!.outcome?.trace.some((e) => e.type === 'lsm_return' && e.lsm === 'landlock' && e.verdict === 'deny'),
    ).toBe(true);
    expect(calls(exit!)).toEqual(['exit_group=0', 'wait4=1200']);
    expect(m.task(1200)).toBeUndefined();
    expect(after!.status).toBe(0);
    expect(state).toEqual({ pid: 1102, stack: [1001] });
  });

  it('runs a program confined, and reports what the sandbox refuses it', () => {
    const m = Machine.boot();
    const { results } = session(m, [
      'LL_FS_RO= LL_FS_RW=/tmp sandboxer /usr/bin/id',
      'LL_FS_RO=/usr LL_FS_RW= sandboxer id',
    ]);
    expect(results[0]!.output).toBe(
      'Executing the sandboxed command...\nFailed to execute "/usr/bin/id": Permission denied\nHint: access to the binary, the interpreter or shared libraries may be denied.\n',
    );
    expect(results[0]!.status).toBe(1);
    expect(results[1]!.status).toBe(0);
    expect(results[1]!.state).toEqual(initialShellState());
    expect(calls(results[1]!).slice(-3)).toEqual(['execve=0', 'exit_group=0', 'wait4=1201']);
  });

  it('says what is missing, and what to do when Landlock is not running', () => {
    const a = session(Machine.boot(), ['sandboxer', 'LL_FS_RO=/usr sandboxer id']).results;
    expect(a[0]!.output).toMatch(/^usage: LL_FS_RO="..." LL_FS_RW="..." sandboxer <cmd>/);
    expect(a[1]!.output).toBe('Missing environment variable LL_FS_RW\n');
    expect(a[1]!.status).toBe(1);
    const b = session(Machine.boot({ cmdline: 'lsm=yama' }), ['LL_FS_RO=/usr LL_FS_RW=/tmp sandboxer bash']).results;
    expect(b[0]!.output).toContain('Failed to check Landlock compatibility: Operation not supported');
    expect(b[0]!.output).toContain('Hint: Landlock is currently disabled');
    expect(b[0]!.state).toEqual({ ...initialShellState(), status: 1 });
  });
});
