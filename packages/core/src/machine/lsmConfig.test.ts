// The shell's lsm_config client of the seed thread's policy syscalls: one syscall to the named LSM,
// the policy from the line or from a file, errors as the syscall returns them.
import { describe, expect, it } from 'vitest';
import '../models/index';
import { lsmIdOf } from './lsmConfig';
import { Machine } from './machine';
import { initialShellState, runShell, type ShellResult } from './shell';

const PROFILE = 'profile sandbox {\n  /usr/** rix,\n  /tmp/** rw,\n}\n';

function session(machine: Machine, lines: string[]): ShellResult[] {
  let state = initialShellState();
  return lines.map((line) => {
    const r = runShell(machine, state, line);
    state = r.state;
    return r;
  });
}

const boot = () => Machine.boot({ configLsm: 'landlock,lockdown,yama,apparmor,bpf', policies: { apparmor: PROFILE } });

describe('lsm_config', () => {
  it('names LSMs by name or LSM_ID', () => {
    expect(lsmIdOf('apparmor')).toBe(104);
    expect(lsmIdOf('104')).toBe(104);
    expect(lsmIdOf('AppArmor')).toBeNull();
    expect(lsmIdOf('nosuch')).toBeNull();
  });

  it('stacks a loaded AppArmor profile on the caller with lsm_config_self_policy, unprivileged', () => {
    const [, load, read, tmp] = session(boot(), [
      'su alice',
      'lsm_config self apparmor sandbox',
      'cat /etc/hostname',
      'echo x > /tmp/x',
    ]);
    expect(load!.results.map((r) => r.name)).toEqual(['lsm_config_self_policy']);
    expect(load!.results[0]!.pid).toBe(1102);
    expect(load!.status).toBe(0);
    expect(load!.output).toBe('');
    expect(read!.output).toBe('cat: /etc/hostname: Permission denied\n');
    expect(tmp!.status).toBe(0);
  });

  it('reads a system policy from a file, and reports the syscall’s errors', () => {
    const m = boot();
    const [write, unknownLsm, usage, badLsm, missing] = session(m, [
      'echo "profile other { /tmp/** r, }" > /tmp/p',
      'lsm_config self selinux x',
      'lsm_config self',
      'lsm_config self NoSuch x',
      'lsm_config system apparmor -f /tmp/none',
    ]);
    expect(write!.status).toBe(0);
    const [, , sys] = session(m, ['su alice', 'cd /tmp', 'lsm_config system apparmor -f p']);
    expect(sys!.results.map((r) => r.name)).toEqual(['openat', 'read', 'read', 'close', 'lsm_config_system_policy']);
    expect(sys!.output).toBe('lsm_config: lsm_config_system_policy: Operation not permitted\n');
    const root = session(m, ['lsm_config system 104 -f /tmp/p'])[0]!;
    expect(root.results.at(-1)!.ret).toBe(0);
    expect(unknownLsm!.output).toBe('lsm_config: lsm_config_self_policy: Invalid argument\n');
    expect(usage!.output).toMatch(/^usage: lsm_config self\|system LSM/);
    expect(usage!.status).toBe(2);
    expect(badLsm!.output).toContain('lsm_config: unknown LSM "NoSuch"');
    expect(missing!.output).toBe('lsm_config: /tmp/none: No such file or directory\n');
  });
});
