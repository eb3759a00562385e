// IMA's rules as security/integrity/ima/ (7.1.3) and Documentation/ABI/testing/ima_policy give
// them: no ima_policy= means no rules (only the boot aggregate is listed); ima_policy=tcb measures
// executables, executable mmaps, modules, firmware and what root reads; appraisal compares the
// security.ima hash with the file's and fails with -EACCES in enforce mode, logging an
// AUDIT_INTEGRITY_DATA record (integrity_audit_msg()); policy writes are parsed rule by rule
// (ima_parse_rule(): one AUDIT_INTEGRITY_POLICY_RULE record each) and applied at close, whole or
// not at all. The expected hashes were computed independently (Python hashlib) for this test.
import { describe, expect, it } from 'vitest';
import type { Machine } from '../../machine/machine';
import { initialShellState, runShell } from '../../machine/shell';
import { ALICE, ROOT, bootMachine, forkAs, logSince, readFile, verdictsOf, writeFile } from '../testing';
import { bytesToBinaryString, sha256, toHex } from './sha256';

const MEASUREMENTS = '/sys/kernel/security/ima/ascii_runtime_measurements';
const COUNT = '/sys/kernel/security/ima/runtime_measurements_count';
const POLICY = '/sys/kernel/security/ima/policy';
const BOOT_AGGREGATE =
  '10 0adefe762c149c7cec19da62f0da1297fcfbffff ima-ng sha256:0000000000000000000000000000000000000000000000000000000000000000 boot_aggregate\n';
const ID_LINE =
  '10 f19905cc2c1855566fb435172eaf31eac0de77ad ima-ng sha256:54e2be7b7ce5f12395364c86fad10d8793f807e24d1962e06e1d944c26ca8081 /usr/bin/id\n';
const HOSTNAME_LINE =
  '10 3642dd83cbd0f9925237ceac4a01fb358e8683e0 ima-ng sha256:9dba7f116b73c5db6ece3e0bd994a105e133ba2177d44c64269229d176ab7bbc /etc/hostname\n';

/** fork + execve + exit + wait4, as the shell runs a program: the execve's result. */
function run(m: Machine, parent: number, path: string): { ret: number | null; errno: string | null } {
  const child = forkAs(m, parent);
  const r = m.syscall(child, 'execve', { path, argv: path });
  m.syscall(child, 'exit', { error_code: 0 });
  m.syscall(parent, 'wait4', { pid: child });
  return { ret: r.ret, errno: r.errno };
}

function sh(m: Machine, line: string, pid = ROOT): string {
  return runShell(m, initialShellState(pid), line).output;
}

/** Audit records of `type` in the log since `from`, without the "audit: type=N audit(...): " stamp. */
function records(m: Machine, from: number, type: number): string[] {
  return logSince(m, from)
    .filter((l) => l.startsWith(`audit: type=${type} `))
    .map((l) => l.replace(/^audit: type=\d+ audit\([^)]*\): /, ''));
}

describe('ima: boot and the measurement list', () => {
  it('prints TPM-bypass, lists the zero boot aggregate first, and measures nothing without ima_policy=', () => {
    const m = bootMachine();
    const dmesg = m.dmesg();
    expect(dmesg).toContain('ima: No TPM chip found, activating TPM-bypass!');
    expect(dmesg).toContain('ima: Allocated hash algorithm: sha256');
    expect(dmesg).toContain('ima: No architecture policies found');
    expect(dmesg).not.toContain('Unknown kernel command line');
    expect(run(m, ROOT, '/usr/bin/id').ret).toBe(0);
    expect(readFile(m, ROOT, MEASUREMENTS)).toBe(BOOT_AGGREGATE);
    expect(readFile(m, ROOT, COUNT)).toBe('1\n');
    expect(readFile(m, ROOT, POLICY)).toBe('');
    // ima_fs.c: the lists are S_IRUSR | S_IRGRP, root's.
    expect(readFile(m, ALICE, MEASUREMENTS)).toBe(-13);
  });

  it('is the same LSM in 6.18; in 6.8 IMA is not an LSM and the model has nothing there', () => {
    const m = bootMachine({ kernelVersion: '6.18', cmdline: 'ima_policy=tcb' });
    run(m, ROOT, '/usr/bin/id');
    expect(readFile(m, ROOT, MEASUREMENTS)).toBe(BOOT_AGGREGATE + ID_LINE);
    const old = bootMachine({ kernelVersion: '6.8' });
    expect(readFile(old, ROOT, MEASUREMENTS)).toBe(-2);
  });

  it('ima_policy=tcb measures an executable once (BPRM_CHECK, then MMAP_CHECK finds it measured)', () => {
    const m = bootMachine({ cmdline: 'ima_policy=tcb' });
    expect(m.dmesg()).not.toContain('Unknown kernel command line');
    expect(run(m, ROOT, '/usr/bin/id').ret).toBe(0);
    expect(run(m, ALICE, '/usr/bin/id').ret).toBe(0);
    expect(readFile(m, ROOT, MEASUREMENTS)).toBe(BOOT_AGGREGATE + ID_LINE);
  });

  it('ima_policy=tcb measures what root reads (FILE_CHECK mask=^MAY_READ uid=0), not what alice reads, nor pseudo filesystems', () => {
    const m = bootMachine({ cmdline: 'ima_policy=tcb' });
    expect(readFile(m, ALICE, '/etc/hostname')).toBe('playground\n');
    expect(readFile(m, ROOT, '/proc/self/status')).not.toBe(-13);
    expect(readFile(m, ROOT, COUNT)).toBe('1\n');
    expect(readFile(m, ROOT, '/etc/hostname')).toBe('playground\n');
    expect(readFile(m, ROOT, MEASUREMENTS)).toBe(BOOT_AGGREGATE + HOSTNAME_LINE);
    expect(readFile(m, ROOT, COUNT)).toBe('2\n');
  });

  it('a changed file is measured again after its last writer closes it', () => {
    const m = bootMachine({ cmdline: 'ima_policy=tcb' });
    readFile(m, ROOT, '/etc/hostname');
    expect(writeFile(m, ROOT, '/etc/hostname', 'other\n', 'O_WRONLY|O_TRUNC')).toBe(6);
    readFile(m, ROOT, '/etc/hostname');
    const lines = String(readFile(m, ROOT, MEASUREMENTS))
      .trim()
      .split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain(`sha256:${toHex(sha256('other\n'))} /etc/hostname`);
  });

  it('ima_hash=sha1 hashes with SHA-1, except files whose security.ima names another algorithm (ima_get_hash_algo())', () => {
    const m = bootMachine({ cmdline: 'ima_policy=tcb ima_hash=sha1' });
    expect(m.dmesg()).toContain('ima: Allocated hash algorithm: sha1');
    readFile(m, ROOT, '/etc/hostname');
    run(m, ROOT, '/usr/bin/id');
    const lines = String(readFile(m, ROOT, MEASUREMENTS)).split('\n');
    expect(lines[0]).toMatch(/ ima-ng sha1:0{40} boot_aggregate$/);
    expect(lines[1]).toMatch(/ ima-ng sha1:[0-9a-f]{40} \/etc\/hostname$/);
    expect(lines[2]).toContain(
      ' ima-ng sha256:54e2be7b7ce5f12395364c86fad10d8793f807e24d1962e06e1d944c26ca8081 /usr/bin/id',
    );
  });

  it('reading a file open for writing is an open_writers violation: a zero entry, violations 1, INTEGRITY_PCR', () => {
    const m = bootMachine({ cmdline: 'ima_policy=tcb' });
    const before = m.logCount;
    // bash opens the redirection for appending before cat opens the file for reading.
    expect(sh(m, 'cat /etc/hostname >> /etc/hostname')).toBe('');
    expect(readFile(m, ROOT, '/sys/kernel/security/ima/violations')).toBe('1\n');
    const lines = String(readFile(m, ROOT, MEASUREMENTS)).split('\n');
    expect(lines[1]).toBe(`10 ${'0'.repeat(40)} ima-ng sha256:${'0'.repeat(64)} /etc/hostname`);
    expect(lines[2]).toBe(HOSTNAME_LINE.trim());
    expect(records(m, before, 1804)).toEqual([
      `pid=1001 uid=0 auid=4294967295 ses=4294967295 op=invalid_pcr cause=open_writers comm="bash" name="/etc/hostname" dev="vda1" ino=${inoOf(m, '/etc/hostname')} res=1 errno=0`,
    ]);
  });

  it('opening a measured file for writing while it is open for reading is a ToMToU violation', () => {
    const m = bootMachine({ cmdline: 'ima_policy=tcb' });
    const r = m.syscall(ROOT, 'openat', { path: '/etc/hostname', flags: 'O_RDONLY' });
    const before = m.logCount;
    const w = m.syscall(ALICE, 'openat', { path: '/tmp/x', flags: 'O_WRONLY|O_CREAT' });
    m.syscall(ALICE, 'close', { fd: w.ret! });
    expect(records(m, before, 1804)).toEqual([]);
    writeFile(m, ROOT, '/etc/hostname', 'x', 'O_WRONLY|O_APPEND');
    expect(records(m, before, 1804)[0]).toContain('op=invalid_pcr cause=ToMToU comm="bash" name="/etc/hostname"');
    m.syscall(ROOT, 'close', { fd: r.ret! });
  });

  it('lists the built-in tcb rules in /sys/kernel/security/ima/policy (CONFIG_IMA_READ_POLICY)', () => {
    const m = bootMachine({ cmdline: 'ima_policy=tcb' });
    const policy = String(readFile(m, ROOT, POLICY)).split('\n');
    expect(policy[0]).toBe('dont_measure fsmagic=0x9fa0 ');
    expect(policy).toContain('dont_measure func=FILE_CHECK fsmagic=0x1021994 ');
    expect(policy).toContain('measure func=BPRM_CHECK mask=MAY_EXEC ');
    expect(policy).toContain('measure func=FILE_CHECK mask=^MAY_READ euid=0 ');
    expect(policy).toContain('measure func=POLICY_CHECK ');
  });
});

describe('ima: writing a policy', () => {
  it('loads rules at close, with one INTEGRITY_POLICY_RULE record per rule; the first custom policy replaces the built-in one', () => {
    const m = bootMachine({ cmdline: 'ima_policy=tcb' });
    const before = m.logCount;
    const text = 'measure func=BPRM_CHECK\ndont_measure fsmagic=0x9fa0\n';
    expect(writeFile(m, ROOT, POLICY, text)).toBe(text.length);
    expect(records(m, before, 1807)).toEqual([
      'action=measure func=BPRM_CHECK res=1',
      'action=dont_measure fsmagic=0x9fa0 res=1',
    ]);
    expect(logSince(m, before)).toContain('ima: policy update completed');
    expect(records(m, before, 1802)).toEqual([
      'pid=1001 uid=0 auid=4294967295 ses=4294967295 op=policy_update cause=completed comm="bash" res=1 errno=0',
    ]);
    expect(readFile(m, ROOT, POLICY)).toBe('measure func=BPRM_CHECK \ndont_measure fsmagic=0x9fa0 \n');
    // root's reads are no longer measured: the tcb rules are gone.
    readFile(m, ROOT, '/etc/hostname');
    expect(readFile(m, ROOT, COUNT)).toBe('1\n');
  });

  it('refuses a bad rule with -EINVAL and loads nothing: res=0, invalid-policy, then "policy update failed" at close', () => {
    const m = bootMachine({ cmdline: 'ima_policy=tcb' });
    const before = m.logCount;
    expect(writeFile(m, ROOT, POLICY, 'measure func=BPRM_CHECK\nmeasure func=NO_SUCH_CHECK mask=MAY_EXEC\n')).toBe(-22);
    // ima_parse_rule() stops at the bad token: mask= is not logged.
    expect(records(m, before, 1807)).toEqual([
      'action=measure func=BPRM_CHECK res=1',
      'action=measure func=NO_SUCH_CHECK res=0',
    ]);
    expect(records(m, before, 1802)).toEqual([
      'pid=1001 uid=0 auid=4294967295 ses=4294967295 op=update_policy cause=invalid-policy comm="bash" res=0 errno=0',
      'pid=1001 uid=0 auid=4294967295 ses=4294967295 op=policy_update cause=failed comm="bash" res=0 errno=0',
    ]);
    expect(logSince(m, before)).toContain('ima: policy update failed');
    expect(String(readFile(m, ROOT, POLICY))).toContain('measure func=BPRM_CHECK mask=MAY_EXEC ');
  });

  it('checks each rule: an unknown token, two actions, pcr= without measure, template= before measure', () => {
    const m = bootMachine();
    const before = m.logCount;
    expect(writeFile(m, ROOT, POLICY, 'measure func=BPRM_CHECK bogus=1\n')).toBe(-22);
    expect(writeFile(m, ROOT, POLICY, 'measure appraise\n')).toBe(-22);
    expect(writeFile(m, ROOT, POLICY, 'appraise pcr=11\n')).toBe(-22);
    expect(writeFile(m, ROOT, POLICY, 'template=ima-ng measure\n')).toBe(-22);
    expect(records(m, before, 1807)).toEqual([
      'action=measure func=BPRM_CHECK UNKNOWN=bogus=1 res=0',
      'action=measure action=appraise res=0',
      'action=appraise pcr=11 res=0',
      'template=ima-ng res=0',
    ]);
    expect(readFile(m, ROOT, POLICY)).toBe('');
  });

  it('an empty update is a failed one (ima_check_policy()); comments and blank lines are skipped', () => {
    const m = bootMachine();
    const before = m.logCount;
    expect(writeFile(m, ROOT, POLICY, '# nothing\n\n')).toBe(11);
    expect(logSince(m, before)).toContain('ima: policy update failed');
  });

  it('a boot policy is written by init as systemd’s ima_setup() does, and applied at its close', () => {
    const m = bootMachine({ policies: { ima: 'measure func=BPRM_CHECK\n' } });
    expect(m.bootPolicyResults).toEqual([{ lsm: 'ima', path: POLICY, rc: 24 }]);
    expect(m.dmesg()).toContain('ima: policy update completed');
    expect(readFile(m, ROOT, POLICY)).toBe('measure func=BPRM_CHECK \n');
    expect(run(m, ALICE, '/usr/bin/id').ret).toBe(0);
    expect(readFile(m, ROOT, MEASUREMENTS)).toBe(BOOT_AGGREGATE + ID_LINE);
  });

  it('is root 0600: alice cannot open it', () => {
    const m = bootMachine();
    expect(writeFile(m, ALICE, POLICY, 'measure func=BPRM_CHECK\n')).toBe(-13);
  });

  it('with ima_policy=appraise_tcb (POLICY_CHECK needs a signature) only a signed policy file may be loaded', () => {
    const m = bootMachine({ cmdline: 'ima_policy=appraise_tcb' });
    const before = m.logCount;
    expect(writeFile(m, ROOT, POLICY, 'measure func=BPRM_CHECK\n')).toBe(-13);
    expect(logSince(m, before)).toContain('ima: signed policy file (specified as an absolute pathname) required');
    expect(records(m, before, 1802)[0]).toBe(
      'pid=1001 uid=0 auid=4294967295 ses=4294967295 op=policy_update cause=signed policy required comm="bash" res=0 errno=0',
    );
  });
});

describe('ima: the audit action', () => {
  it('audit func=BPRM_CHECK writes one AUDIT_INTEGRITY_RULE record per file version (ima_audit_measurement())', () => {
    const m = bootMachine();
    writeFile(m, ROOT, POLICY, 'audit func=BPRM_CHECK\n');
    const before = m.logCount;
    const child = forkAs(m, ALICE);
    expect(m.syscall(child, 'execve', { path: '/usr/bin/id', argv: 'id' }).ret).toBe(0);
    expect(run(m, ALICE, '/usr/bin/id').ret).toBe(0);
    expect(records(m, before, 1805)).toEqual([
      `file="/usr/bin/id" hash="sha256:54e2be7b7ce5f12395364c86fad10d8793f807e24d1962e06e1d944c26ca8081" ppid=${ALICE} pid=${child} auid=4294967295 uid=1000 gid=1000 euid=1000 suid=1000 fsuid=1000 egid=1000 sgid=1000 fsgid=1000 tty=(none) ses=4294967295 comm="bash" exe="/usr/bin/bash"`,
    ]);
  });

  it('template=ima-sig lists the signature field (empty for a hash)', () => {
    const m = bootMachine();
    writeFile(m, ROOT, POLICY, 'measure func=BPRM_CHECK template=ima-sig\n');
    run(m, ROOT, '/usr/bin/id');
    expect(String(readFile(m, ROOT, MEASUREMENTS)).split('\n')[1]).toMatch(
      /^10 [0-9a-f]{40} ima-sig sha256:54e2be7b7ce5f12395364c86fad10d8793f807e24d1962e06e1d944c26ca8081 \/usr\/bin\/id $/,
    );
  });
});

describe('ima: appraisal', () => {
  const appraiseExec = (cmdline = ''): Machine => {
    const m = bootMachine({ cmdline });
    expect(writeFile(m, ROOT, POLICY, 'appraise func=BPRM_CHECK\n')).toBe(25);
    return m;
  };

  it('the image gives /usr/bin and /usr/sbin files a security.ima of DIGEST_NG, sha256 and the file hash', () => {
    const m = bootMachine();
    const r = m.syscall(ROOT, 'getxattr', { path: '/usr/bin/cat', name: 'security.ima' });
    const expected = bytesToBinaryString(
      new Uint8Array([4, 4, ...sha256('\u007fELF (model executable: /usr/bin/cat)')]),
    );
    expect(r.out).toBe(expected);
    expect(m.syscall(ROOT, 'getxattr', { path: '/etc/passwd', name: 'security.ima' }).errno).toBe('-ENODATA');
  });

  it('passes a file whose hash matches, and refuses it once modified: -EACCES and INTEGRITY_DATA invalid-hash', () => {
    const m = appraiseExec();
    const ok = forkAs(m, ROOT);
    const r = m.syscall(ok, 'execve', { path: '/usr/bin/cat', argv: 'cat' });
    expect(r.ret).toBe(0);
    expect(verdictsOf(r, 'bprm_check_security')).toContain('ima:default');
    expect(writeFile(m, ROOT, '/usr/bin/cat', 'x', 'O_WRONLY|O_APPEND')).toBe(1);
    const before = m.logCount;
    const child = forkAs(m, ROOT);
    const bad = m.syscall(child, 'execve', { path: '/usr/bin/cat', argv: 'cat' });
    expect(bad.errno).toBe('-EACCES');
    expect(verdictsOf(bad, 'bprm_check_security')).toContain('ima:deny');
    expect(records(m, before, 1800)).toEqual([
      `pid=${child} uid=0 auid=4294967295 ses=4294967295 op=appraise_data cause=invalid-hash comm="bash" name="/usr/bin/cat" dev="vda1" ino=${inoOf(m, '/usr/bin/cat')} res=0 errno=0`,
    ]);
    // The failure is not cached as a pass: the next exec is appraised (and audited) again.
    expect(run(m, ROOT, '/usr/bin/cat').errno).toBe('-EACCES');
  });

  it('a file without security.ima fails with missing-hash; root setting the right hash makes it pass', () => {
    const m = appraiseExec();
    writeFile(m, ROOT, '/tmp/prog', '\u007fELF (my program)', 'O_WRONLY|O_CREAT');
    m.syscall(ROOT, 'chmod', { path: '/tmp/prog', mode: 0o755 });
    const before = m.logCount;
    expect(run(m, ROOT, '/tmp/prog').errno).toBe('-EACCES');
    expect(records(m, before, 1800)[0]).toMatch(
      / op=appraise_data cause=missing-hash comm="bash" name="\/tmp\/prog" dev="vda1" ino=\d+ res=0 errno=0$/,
    );
    const value = bytesToBinaryString(new Uint8Array([4, 4, ...sha256('\u007fELF (my program)')]));
    expect(m.syscall(ROOT, 'setxattr', { path: '/tmp/prog', name: 'security.ima', value, flags: 0 }).ret).toBe(0);
    expect(run(m, ROOT, '/tmp/prog').ret).toBe(0);
  });

  it('ima_appraise=log audits and allows; ima_appraise=fix rewrites security.ima and allows', () => {
    for (const mode of ['log', 'fix']) {
      const m = appraiseExec(`ima_appraise=${mode}`);
      writeFile(m, ROOT, '/usr/bin/cat', 'x', 'O_WRONLY|O_APPEND');
      const before = m.logCount;
      expect(run(m, ROOT, '/usr/bin/cat').ret).toBe(0);
      expect(records(m, before, 1800)[0]).toContain('cause=invalid-hash');
      const x = m.syscall(ROOT, 'getxattr', { path: '/usr/bin/cat', name: 'security.ima' }).out;
      const fixed = bytesToBinaryString(
        new Uint8Array([4, 4, ...sha256('\u007fELF (model executable: /usr/bin/cat)x')]),
      );
      expect(x === fixed, mode).toBe(mode === 'fix');
    }
  });

  it('a signature needs a key the .ima keyring does not have: invalid-signature; appraise_type=imasig refuses a hash', () => {
    const m = bootMachine();
    writeFile(m, ROOT, POLICY, 'appraise func=BPRM_CHECK appraise_type=imasig\n');
    const before = m.logCount;
    expect(run(m, ROOT, '/usr/bin/id').errno).toBe('-EACCES');
    expect(records(m, before, 1800)[0]).toContain('cause=IMA-signature-required');
    const sig = bytesToBinaryString(new Uint8Array([3, 2, 4, 1, 2, 3, 4, 0, 2, 0xab, 0xcd]));
    expect(m.syscall(ROOT, 'setxattr', { path: '/usr/bin/id', name: 'security.ima', value: sig, flags: 0 }).ret).toBe(
      0,
    );
    const b2 = m.logCount;
    expect(run(m, ROOT, '/usr/bin/id').errno).toBe('-EACCES');
    expect(records(m, b2, 1800)[0]).toContain('cause=invalid-signature');
  });

  it('protects security.ima: CAP_SYS_ADMIN (capability refuses alice first), a known type', () => {
    const m = bootMachine();
    expect(
      m.syscall(ALICE, 'setxattr', {
        path: '/home/alice/notes.txt',
        name: 'security.ima',
        value: '\u0004\u0004',
        flags: 0,
      }).errno,
    ).toBe('-EPERM');
    expect(
      m.syscall(ROOT, 'setxattr', { path: '/etc/hostname', name: 'security.ima', value: '\u0009', flags: 0 }).errno,
    ).toBe('-EINVAL');
  });

  it('ima_policy=appraise_tcb appraises every file root owns at open: unlabelled ones fail until fix mode labels them', () => {
    const enforce = bootMachine({ cmdline: 'ima_policy=appraise_tcb' });
    expect(sh(enforce, 'cat /etc/hostname')).toBe('cat: /etc/hostname: Permission denied\n');
    expect(readFile(enforce, ALICE, '/home/alice/notes.txt')).toBe('buy milk\n');
    const fix = bootMachine({ cmdline: 'ima_policy=appraise_tcb ima_appraise=fix' });
    expect(sh(fix, 'cat /etc/hostname')).toBe('playground\n');
    const x = fix.syscall(ROOT, 'getxattr', { path: '/etc/hostname', name: 'security.ima' }).out;
    expect(x).toBe(bytesToBinaryString(new Uint8Array([4, 4, ...sha256('playground\n')])));
  });

  it('appraise_tcb lets root create a file (FMODE_CREATED: IMA_NEW_FILE) and labels it at the last close', () => {
    const m = bootMachine({ cmdline: 'ima_policy=appraise_tcb' });
    expect(sh(m, 'echo hello > /root/new')).toBe('');
    const x = m.syscall(ROOT, 'getxattr', { path: '/root/new', name: 'security.ima' }).out;
    expect(x).toBe(bytesToBinaryString(new Uint8Array([4, 4, ...sha256('hello\n')])));
    expect(sh(m, 'cat /root/new')).toBe('hello\n');
  });

  it('appraise_tcb keeps the hash of a root file opened for writing current (IMA_UPDATE_XATTR at the last close)', () => {
    const m = bootMachine({ cmdline: 'ima_policy=appraise_tcb' });
    expect(writeFile(m, ROOT, '/usr/bin/cat', 'x', 'O_WRONLY|O_APPEND')).toBe(1);
    expect(run(m, ROOT, '/usr/bin/cat').ret).toBe(0);
    const x = m.syscall(ROOT, 'getxattr', { path: '/usr/bin/cat', name: 'security.ima' }).out;
    expect(x).toBe(
      bytesToBinaryString(new Uint8Array([4, 4, ...sha256('\u007fELF (model executable: /usr/bin/cat)x')])),
    );
  });

  it('ima_policy=secure_boot: a module must be signed; init_module without a file cannot be appraised', () => {
    const m = bootMachine({ cmdline: 'ima_policy=secure_boot' });
    const before = m.logCount;
    expect(sh(m, 'insmod /usr/lib/modules/7.1.3/hello.ko')).toContain('Permission denied');
    expect(records(m, before, 1800)[0]).toContain(
      'cause=IMA-signature-required comm="bash" name="/usr/lib/modules/7.1.3/hello.ko"',
    );
    const b2 = m.logCount;
    expect(m.syscall(ROOT, 'init_module', { image: '\u007fELF name=x', params: '' }).errno).toBe('-EACCES');
    expect(logSince(m, b2)).toContain(
      'ima: impossible to appraise a module without a file descriptor. sig_enforce kernel parameter might help',
    );
  });
});

function inoOf(m: Machine, path: string): number {
  let d = m.world.rootMount.mnt_root;
  for (const p of path.split('/').filter(Boolean)) d = d.d_inode!.children!.get(p)!;
  return d.d_inode!.i_ino;
}
