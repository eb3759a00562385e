// EVM's rules as security/integrity/evm/ (7.1.3) and Documentation/ABI/testing/evm give them:
// /sys/kernel/security/evm reads the initialization flags; writing needs CAP_SYS_ADMIN; 1 (HMAC)
// needs the "evm-key" encrypted key (absent here: -ENOENT), 2 (X509) marks keys as loaded.
// Until then EVM lets everything through; after it, a protected xattr (security.ima, ...) of a
// file whose security.evm does not verify cannot change (evm_protect_xattr(): -EPERM and an
// INTEGRITY_METADATA record), and IMA appraisal of such a file fails with "missing-HMAC".
import { describe, expect, it } from 'vitest';
import type { Machine } from '../../machine/machine';
import { ALICE, ROOT, bootMachine, forkAs, logSince, readFile, writeFile } from '../testing';

const EVM = '/sys/kernel/security/evm';

function records(m: Machine, from: number, type: number): string[] {
  return logSince(m, from)
    .filter((l) => l.startsWith(`audit: type=${type} `))
    .map((l) => l.replace(/^audit: type=\d+ audit\([^)]*\): /, ''));
}

function inoOf(m: Machine, path: string): number {
  let d = m.world.rootMount.mnt_root;
  for (const p of path.split('/').filter(Boolean)) d = d.d_inode!.children!.get(p)!;
  return d.d_inode!.i_ino;
}

describe('evm: /sys/kernel/security/evm', () => {
  it('reads 0 at boot and prints the protected xattrs', () => {
    const m = bootMachine();
    expect(readFile(m, ROOT, EVM)).toBe('0');
    expect(m.dmesg()).toContain('evm: Initialising EVM extended attributes:');
    expect(m.dmesg()).toContain('evm: security.SMACK64EXEC (disabled)');
    expect(m.dmesg()).toContain('evm: HMAC attrs: 0x1');
  });

  it('is root 0660; 1 needs the evm-key (-ENOENT), 2 sets X509, invalid values are -EINVAL, setup-complete locks it', () => {
    const m = bootMachine();
    expect(writeFile(m, ALICE, EVM, '2')).toBe(-13);
    expect(writeFile(m, ROOT, EVM, '1')).toBe(-2);
    expect(writeFile(m, ROOT, EVM, '0')).toBe(-22);
    expect(writeFile(m, ROOT, EVM, '0x100')).toBe(-22);
    expect(writeFile(m, ROOT, EVM, 'x')).toBe(-22);
    expect(writeFile(m, ROOT, EVM, '2\n')).toBe(2);
    expect(readFile(m, ROOT, EVM)).toBe('2');
    expect(writeFile(m, ROOT, EVM, '0x80000000')).toBe(10);
    expect(readFile(m, ROOT, EVM)).toBe('2');
    expect(writeFile(m, ROOT, EVM, '4')).toBe(-1);
  });
});

describe('evm: protecting the security xattrs', () => {
  const VALUE = '\u0004\u0004' + '\u0000'.repeat(32);

  it('lets root change security.ima while no key is loaded', () => {
    const m = bootMachine();
    expect(
      m.syscall(ROOT, 'setxattr', { path: '/usr/bin/cat', name: 'security.ima', value: VALUE, flags: 0 }).ret,
    ).toBe(0);
  });

  it('with keys loaded (2), refuses to change security.ima of a file without security.evm: appraise_metadata no_label', () => {
    const m = bootMachine();
    writeFile(m, ROOT, EVM, '2');
    const before = m.logCount;
    const r = m.syscall(ROOT, 'setxattr', { path: '/usr/bin/cat', name: 'security.ima', value: VALUE, flags: 0 });
    expect(r.errno).toBe('-EPERM');
    expect(records(m, before, 1801)).toEqual([
      `pid=1001 uid=0 auid=4294967295 ses=4294967295 op=appraise_metadata cause=no_label comm="bash" name="cat" dev="vda1" ino=${inoOf(m, '/usr/bin/cat')} res=0 errno=0`,
    ]);
    // A chmod changes the HMAC's i_mode: refused the same way (evm_inode_setattr()).
    expect(m.syscall(ROOT, 'chmod', { path: '/usr/bin/cat', mode: 0o700 }).errno).toBe('-EPERM');
  });

  it('once userspace says setup is complete without an HMAC key, unlabelled files may change again (evm_hmac_disabled())', () => {
    const m = bootMachine();
    writeFile(m, ROOT, EVM, '0x80000002');
    expect(
      m.syscall(ROOT, 'setxattr', { path: '/usr/bin/cat', name: 'security.ima', value: VALUE, flags: 0 }).ret,
    ).toBe(0);
  });

  it('EVM_ALLOW_METADATA_WRITES (4) lets everything through', () => {
    const m = bootMachine();
    writeFile(m, ROOT, EVM, '6');
    expect(
      m.syscall(ROOT, 'setxattr', { path: '/usr/bin/cat', name: 'security.ima', value: VALUE, flags: 0 }).ret,
    ).toBe(0);
  });

  it('userspace may write security.evm only as a signature, and one never verifies (no key): no more changes', () => {
    const m = bootMachine();
    writeFile(m, ROOT, EVM, '2');
    const hmac = '\u0002' + '\u0000'.repeat(20);
    expect(
      m.syscall(ROOT, 'setxattr', { path: '/usr/bin/id', name: 'security.evm', value: hmac, flags: 0 }).errno,
    ).toBe('-EPERM');
  });

  it('IMA appraisal of a file EVM cannot verify fails with missing-HMAC', () => {
    const m = bootMachine();
    writeFile(m, ROOT, '/sys/kernel/security/ima/policy', 'appraise func=BPRM_CHECK\n');
    writeFile(m, ROOT, EVM, '2');
    const child = forkAs(m, ROOT);
    const before = m.logCount;
    expect(m.syscall(child, 'execve', { path: '/usr/bin/id', argv: 'id' }).errno).toBe('-EACCES');
    expect(records(m, before, 1800)[0]).toContain('op=appraise_data cause=missing-HMAC comm="bash" name="/usr/bin/id"');
  });
});
