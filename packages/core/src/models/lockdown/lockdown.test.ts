// Lockdown's rules as security/lockdown/lockdown.c (7.1.3) and kernel_lockdown.7 give them:
// lockdown= on the command line sets the level (integrity, confidentiality; anything else is
// ignored), /sys/kernel/security/lockdown shows it and takes writes that raise it, and
// security_locked_down(reason) is refused with -EPERM and a rate-limited
// "Lockdown: <comm>: <reason> is restricted; see man kernel_lockdown.7" for a reason at or below
// the level.
import { describe, expect, it } from 'vitest';
import { inTreeLsms } from '../../lsm/inTreeLsms';
import { ALICE, ROOT, bootMachine, logSince, readFile, verdictsOf, writeFile } from '../testing';

const FILE = '/sys/kernel/security/lockdown';
const HELLO = '/usr/lib/modules/7.1.3/hello.ko';
const SIGNED = '\u007fELF name=signed_mod ~Module signature appended~\n';

describe('lockdown: the level', () => {
  it('is none by default; the securityfs file is 0644 at the securityfs root', () => {
    const m = bootMachine();
    expect(readFile(m, ALICE, FILE)).toBe('[none] integrity confidentiality\n');
    // securityfs_create_file("lockdown", 0644, NULL, …): parent NULL is the securityfs root.
    expect(m.kernel.pseudoFiles.get('securityfs', 'lockdown')?.mode).toBe(0o644);
  });

  it('lockdown=integrity and lockdown=confidentiality lock the kernel from the command line', () => {
    const m = bootMachine({ cmdline: 'lockdown=integrity' });
    expect(readFile(m, ALICE, FILE)).toBe('none [integrity] confidentiality\n');
    expect(m.dmesg()).toContain('Kernel is locked down from command line; see man kernel_lockdown.7');
    const c = bootMachine({ cmdline: 'lockdown=confidentiality' });
    expect(readFile(c, ALICE, FILE)).toBe('none integrity [confidentiality]\n');
  });

  it('lockdown_param(): an unknown level is refused and the level stays none', () => {
    const m = bootMachine({ cmdline: 'lockdown=full' });
    expect(readFile(m, ALICE, FILE)).toBe('[none] integrity confidentiality\n');
    expect(m.dmesg()).not.toContain('Kernel is locked down');
  });

  it('lockdown_write(): root raises the level; lowering or repeating it is -EPERM; other text -EINVAL', () => {
    const m = bootMachine();
    // DAC: the file is root's 0644.
    expect(writeFile(m, ALICE, FILE, 'integrity')).toBe(-13);
    const before = m.logCount;
    expect(writeFile(m, ROOT, FILE, 'integrity\n')).toBe(10);
    expect(logSince(m, before)).toContain('Kernel is locked down from securityfs; see man kernel_lockdown.7');
    expect(readFile(m, ROOT, FILE)).toBe('none [integrity] confidentiality\n');
    expect(writeFile(m, ROOT, FILE, 'integrity')).toBe(-1);
    expect(writeFile(m, ROOT, FILE, 'none')).toBe(-1);
    expect(writeFile(m, ROOT, FILE, 'secret')).toBe(-22);
    expect(writeFile(m, ROOT, FILE, 'confidentiality')).toBe(15);
    expect(writeFile(m, ROOT, FILE, 'integrity')).toBe(-1);
    expect(readFile(m, ROOT, FILE)).toBe('none integrity [confidentiality]\n');
  });
});

describe('lockdown: security_locked_down(LOCKDOWN_MODULE_SIGNATURE)', () => {
  it('at none an unsigned module loads (module_sig_check() asks, lockdown says 0)', () => {
    const m = bootMachine();
    const r = m.syscall(ROOT, 'init_module', { image: HELLO });
    expect(r.ret).toBe(0);
    expect(verdictsOf(r, 'locked_down')).toEqual(['lockdown:default', 'bpf:default']);
  });

  it('at integrity an unsigned module is refused with -EPERM and the rate-limited notice', () => {
    const m = bootMachine({ cmdline: 'lockdown=integrity' });
    const before = m.logCount;
    const r = m.syscall(ROOT, 'init_module', { image: HELLO });
    expect(r.errno).toBe('-EPERM');
    expect(verdictsOf(r, 'locked_down')).toEqual(['lockdown:deny']);
    expect(logSince(m, before)).toEqual([
      // LoadPin (not enforcing) reports the buffer load first, from security_kernel_load_data().
      'LoadPin: kernel-module old-api-pinning-ignored obj=<unknown> pid=1001 cmdline="bash"',
      'Lockdown: bash: unsigned module loading is restricted; see man kernel_lockdown.7',
    ]);
    // A signed module never asks.
    expect(m.syscall(ROOT, 'init_module', { image: SIGNED }).ret).toBe(0);
  });

  it('finit_module of an unsigned file is refused the same way after a securityfs raise', () => {
    const m = bootMachine();
    expect(writeFile(m, ROOT, FILE, 'confidentiality')).toBe(15);
    const fd = m.syscall(ROOT, 'openat', { path: HELLO, flags: 'O_RDONLY' }).ret!;
    const r = m.syscall(ROOT, 'finit_module', { fd });
    expect(r.errno).toBe('-EPERM');
  });

  it('pr_notice_ratelimited: ten notices in 5 s, then the rest are suppressed', () => {
    const m = bootMachine({ cmdline: 'lockdown=integrity' });
    const before = m.logCount;
    for (let i = 0; i < 12; i++) expect(m.syscall(ROOT, 'init_module', { image: HELLO }).errno).toBe('-EPERM');
    const notices = logSince(m, before).filter((l) => l.startsWith('Lockdown: '));
    expect(notices).toHaveLength(10);
  });

  it('CONFIG_SECURITY_LOCKDOWN_LSM_EARLY: the early lockdown LSM locks down before the others initialise', () => {
    const m = bootMachine({ lsms: inTreeLsms('7.1', { lockdownEarly: true }), cmdline: 'lockdown=integrity' });
    const log = m.dmesg();
    expect(log.indexOf('Kernel is locked down from command line')).toBeLessThan(
      log.indexOf('landlock: Up and running.'),
    );
    expect(readFile(m, ALICE, FILE)).toBe('none [integrity] confidentiality\n');
    expect(m.syscall(ROOT, 'init_module', { image: HELLO }).errno).toBe('-EPERM');
  });

  it('6.8 behaves the same', () => {
    const m = bootMachine({ kernelVersion: '6.8', cmdline: 'lockdown=integrity' });
    expect(m.syscall(ROOT, 'init_module', { image: HELLO }).errno).toBe('-EPERM');
  });
});
