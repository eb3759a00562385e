// Every preset's stack (every in-tree model with its default policy) through a shell session a
// person would type: no model may fault (an oops in a callback is a bug of the model, never an
// answer), whatever the verdicts are.
import { describe, expect, it } from 'vitest';
import { builtInLsms } from '../lsm/inTreeLsms';
import { Machine } from '../machine/machine';
import { initialShellState, runShell } from '../machine/shell';
import { distroPresets } from './presets';

const SESSION = [
  'cat /etc/passwd',
  'cat /etc/shadow',
  'echo x > /etc/shadow',
  'echo hi > /tmp/note',
  'cat /tmp/note',
  'mkdir /tmp/d',
  'mv /tmp/note /tmp/d/note',
  'rm /tmp/d/note',
  'ls /tmp',
  'chmod 600 /tmp/d',
  'chown 1000 /tmp/d',
  'getfattr -n security.selinux /etc/passwd',
  'setfattr -n user.note -v hello /tmp/d',
  'setfattr -n security.SMACK64 -v Secret /tmp/d',
  'mount -t tmpfs none /mnt',
  'ps',
  'cat /sys/kernel/security/lsm',
  'cat /proc/self/attr/current',
  '/usr/bin/passwd',
  '/usr/bin/python3',
  'insmod /usr/lib/modules/7.1.3/hello.ko',
  'kill -0 1',
  'su alice',
  'cat /etc/shadow',
  'echo x >> /home/alice/notes.txt',
  '/usr/bin/ping',
  'kill 1',
  'dmesg',
];

/** Runs SESSION as root's shell: every callback error and oops, named by the line and syscall. */
function faultsOfSession(m: Machine): string[] {
  let state = initialShellState(1001);
  const faults: string[] = [];
  for (const line of SESSION) {
    const r = runShell(m, state, line);
    state = r.state;
    for (const s of r.results) {
      if (s.error) faults.push(`${line}: ${s.name}: ${s.error}`);
      for (const e of s.trace)
        if (e.type === 'oops') faults.push(`${line}: ${s.name}: ${(e as { message: string }).message}`);
    }
  }
  return faults;
}

describe('every preset through a shell session', () => {
  for (const p of distroPresets()) {
    it(`${p.name}: no model faults`, () => {
      const m = Machine.boot({
        kernelVersion: p.kernelVersion,
        configLsm: p.configLsm,
        cmdline: p.cmdline,
        lsms: builtInLsms(p.kernelVersion, p.notBuilt),
        policies: p.policies,
      });
      expect(faultsOfSession(m)).toEqual([]);
    });
  }
});

describe('every version and major LSM through the same session', () => {
  for (const version of ['7.1', '6.18', '6.8'] as const) {
    for (const cmdline of [
      '',
      'lsm=smack,tomoyo,landlock,yama,bpf',
      'lsm=apparmor,tomoyo,loadpin,safesetid,lockdown',
    ]) {
      it(`${version} ${cmdline || '(defaults)'}: no model faults`, () => {
        const m = Machine.boot({ kernelVersion: version, cmdline });
        expect(faultsOfSession(m)).toEqual([]);
      });
    }
  }
});
