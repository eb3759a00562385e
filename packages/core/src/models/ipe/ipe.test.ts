// IPE's rules as security/ipe/ (7.1.3) and Documentation/admin-guide/LSM/ipe.rst give them: a
// policy (header, DEFAULT rules, op= rules with properties and a last action=) is loaded through
// securityfs new_policy and activated through policies/<name>/active, both with CAP_MAC_ADMIN;
// the first matching rule of the operation decides, else its DEFAULT, else the global DEFAULT.
// Denials are AUDIT_IPE_ACCESS (1420) records; loads AUDIT_IPE_POLICY_LOAD (1422); activations
// AUDIT_IPE_CONFIG_CHANGE (1421); enforce changes AUDIT_MAC_STATUS (1404). The policy digests
// below were computed independently (Python hashlib) over the policy text.
import { describe, expect, it } from 'vitest';
import type { Machine } from '../../machine/machine';
import { initialShellState, runShell } from '../../machine/shell';
import { ALICE, ROOT, bootMachine, forkAs, logSince, readFile, verdictsOf, writeFile } from '../testing';
import { parseIpePolicy } from './policy';

const IPE = '/sys/kernel/security/ipe';
const ALLOW_BOOT = [
  'policy_name=Allow_boot policy_version=0.0.1',
  'DEFAULT action=ALLOW',
  'DEFAULT op=EXECUTE action=DENY',
  'op=EXECUTE boot_verified=TRUE action=ALLOW',
  '',
].join('\n');

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

function load(m: Machine, text: string, activate = true): void {
  expect(writeFile(m, ROOT, `${IPE}/new_policy`, text)).toBe(text.length);
  const name = /policy_name=(\S+)/.exec(text)![1]!;
  if (activate) expect(writeFile(m, ROOT, `${IPE}/policies/${name}/active`, '1')).toBe(1);
}

function exec(m: Machine, path: string, parent = ROOT) {
  const child = forkAs(m, parent);
  return { child, r: m.syscall(child, 'execve', { path, argv: path }) };
}

describe('ipe: the policy parser (policy_parser.c)', () => {
  it('parses the header, defaults and rules', () => {
    const r = parseIpePolicy(ALLOW_BOOT);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.policy.name).toBe('Allow_boot');
    expect(r.policy.version).toEqual([0, 0, 1]);
    expect(r.policy.globalDefault).toBe('ALLOW');
    expect(r.policy.rules.EXECUTE.default).toBe('DENY');
    expect(r.policy.rules.EXECUTE.rules).toEqual([
      { op: 'EXECUTE', action: 'ALLOW', props: [{ type: 'boot_verified=TRUE', value: null }] },
    ]);
  });

  it('skips comments, blank lines, \\r line ends and trailing blanks', () => {
    const r = parseIpePolicy(
      '# a comment\r\npolicy_name=a policy_version=1.2.3   \r\n\r\nDEFAULT action=DENY # no\r\n',
    );
    expect(r.ok && r.policy.globalDefault).toBe('DENY');
  });

  const err = (text: string) => {
    const r = parseIpePolicy(text);
    return r.ok ? null : [r.error.errno, `${r.error.line}:${r.error.col}`];
  };

  it('refuses errors with the errno ipe_parse_policy() returns, and the line and column', () => {
    expect(err('')).toEqual([-74, '1:1']);
    expect(err('policy_version=0.0.1 policy_name=x\nDEFAULT action=ALLOW')).toEqual([-74, '1:1']);
    expect(err('policy_name=x\nDEFAULT action=ALLOW')).toEqual([-74, '1:14']);
    expect(err('policy_name=x policy_version=0.1\nDEFAULT action=ALLOW')).toEqual([-74, '1:30']);
    expect(err('policy_name=x policy_version=0.0.x\nDEFAULT action=ALLOW')).toEqual([-22, '1:34']);
    expect(err('policy_name=x policy_version=0.0.65536\nDEFAULT action=ALLOW')).toEqual([-34, '1:34']);
    expect(err('policy_name=x policy_version=0.0.1\nDEFAULT action=ALLOW\nop=RUN action=DENY')).toEqual([-74, '3:1']);
    expect(err('policy_name=x policy_version=0.0.1\nDEFAULT action=ALLOW\nop=EXECUTE shiny=TRUE action=DENY')).toEqual([
      -74,
      '3:12',
    ]);
    // The last token is the action; an earlier action=DENY is read as a property.
    expect(
      err('policy_name=x policy_version=0.0.1\nDEFAULT action=ALLOW\nop=EXECUTE action=DENY boot_verified=TRUE'),
    ).toEqual([-74, '3:12']);
    expect(
      err(
        'policy_name=x policy_version=0.0.1\nDEFAULT action=ALLOW\nDEFAULT op=EXECUTE boot_verified=TRUE action=DENY',
      ),
    ).toEqual([-74, '3:9']);
    expect(err('policy_name=x policy_version=0.0.1\nDEFAULT action=ALLOW\nDEFAULT action=DENY')).toEqual([-74, '3:1']);
    expect(
      err(
        'policy_name=x policy_version=0.0.1\nDEFAULT action=ALLOW\nop=EXECUTE fsverity_digest=sha256:abc action=DENY',
      ),
    ).toEqual([-22, '3:35']);
    // validate_policy(): every operation needs a default when there is no global one.
    expect(err('policy_name=x policy_version=0.0.1\nDEFAULT op=EXECUTE action=DENY')).toEqual([-74, '2:1']);
  });
});

describe('ipe: securityfs', () => {
  it('has enforce (1) and success_audit (0), 0600; new_policy 0200; alice can open none of them', () => {
    const m = bootMachine();
    expect(readFile(m, ROOT, `${IPE}/enforce`)).toBe('1');
    expect(readFile(m, ROOT, `${IPE}/success_audit`)).toBe('0');
    expect(readFile(m, ALICE, `${IPE}/enforce`)).toBe(-13);
    expect(writeFile(m, ALICE, `${IPE}/new_policy`, ALLOW_BOOT)).toBe(-13);
  });

  it('new_policy needs CAP_MAC_ADMIN of the writer (root that dropped its uid keeps the file open)', () => {
    const m = bootMachine();
    const o = m.syscall(ROOT, 'openat', { path: `${IPE}/new_policy`, flags: 'O_WRONLY' });
    m.syscall(ROOT, 'setresuid', { ruid: 1000, euid: 1000, suid: 1000 });
    const before = m.logCount;
    expect(m.syscall(ROOT, 'write', { fd: o.ret!, buf: ALLOW_BOOT }).errno).toBe('-EPERM');
    expect(records(m, before, 1422)).toEqual([
      'policy_name=? policy_version=? policy_digest=? auid=4294967295 ses=4294967295 lsm=ipe res=0 errno=-1',
    ]);
  });

  it('loads a policy into policies/<name>/ (IPE_POLICY_LOAD), activates it (IPE_CONFIG_CHANGE); a second of the same name is -EEXIST', () => {
    const m = bootMachine();
    const before = m.logCount;
    load(m, ALLOW_BOOT, false);
    const digest = 'sha256:058BB2557B3FE4283ED17AE8E921AED32F009FF85B12EFE9AE40B354A9CA00F4';
    expect(records(m, before, 1422)).toEqual([
      `policy_name="Allow_boot" policy_version=0.0.1 policy_digest=${digest} auid=4294967295 ses=4294967295 lsm=ipe res=1 errno=0`,
    ]);
    expect(readFile(m, ROOT, `${IPE}/policies/Allow_boot/name`)).toBe('Allow_boot');
    expect(readFile(m, ROOT, `${IPE}/policies/Allow_boot/version`)).toBe('0.0.1');
    expect(readFile(m, ROOT, `${IPE}/policies/Allow_boot/policy`)).toBe(ALLOW_BOOT);
    expect(readFile(m, ROOT, `${IPE}/policies/Allow_boot/active`)).toBe('0');
    const b2 = m.logCount;
    expect(writeFile(m, ROOT, `${IPE}/policies/Allow_boot/active`, '1')).toBe(1);
    expect(records(m, b2, 1421)).toEqual([
      `old_active_pol_name=? old_active_pol_version=? old_policy_digest=? new_active_pol_name="Allow_boot" new_active_pol_version=0.0.1 new_policy_digest=${digest} auid=4294967295 ses=4294967295 lsm=ipe res=1`,
    ]);
    expect(readFile(m, ROOT, `${IPE}/policies/Allow_boot/active`)).toBe('1');
    expect(writeFile(m, ROOT, `${IPE}/new_policy`, ALLOW_BOOT)).toBe(-17);
    expect(writeFile(m, ROOT, `${IPE}/policies/Allow_boot/active`, '0')).toBe(-22);
  });

  it('a policy with an error changes nothing: -EBADMSG and a res=0 IPE_POLICY_LOAD', () => {
    const m = bootMachine();
    load(m, ALLOW_BOOT);
    const before = m.logCount;
    expect(
      writeFile(m, ROOT, `${IPE}/new_policy`, 'policy_name=Bad policy_version=0.0.1\nDEFAULT action=MAYBE\n'),
    ).toBe(-74);
    expect(records(m, before, 1422)).toEqual([
      'policy_name=? policy_version=? policy_digest=? auid=4294967295 ses=4294967295 lsm=ipe res=0 errno=-74',
    ]);
    expect(readFile(m, ROOT, `${IPE}/policies/Bad/name`)).toBe(-2);
    expect(exec(m, '/usr/bin/id').r.errno).toBe('-EACCES');
  });

  it('update needs the same name and a higher version; the active policy stays active; delete refuses the active one', () => {
    const m = bootMachine();
    load(m, ALLOW_BOOT);
    const upd = `${IPE}/policies/Allow_boot/update`;
    expect(writeFile(m, ROOT, upd, ALLOW_BOOT)).toBe(-116);
    expect(writeFile(m, ROOT, upd, ALLOW_BOOT.replace('Allow_boot', 'Other').replace('0.0.1', '0.0.2'))).toBe(-22);
    const v2 = 'policy_name=Allow_boot policy_version=0.0.2\nDEFAULT action=ALLOW\n';
    const before = m.logCount;
    expect(writeFile(m, ROOT, upd, v2)).toBe(v2.length);
    expect(records(m, before, 1421)[0]).toMatch(
      /^old_active_pol_name="Allow_boot" old_active_pol_version=0\.0\.1 .* new_active_pol_name="Allow_boot" new_active_pol_version=0\.0\.2 /,
    );
    expect(exec(m, '/usr/bin/id').r.ret).toBe(0);
    expect(writeFile(m, ROOT, `${IPE}/policies/Allow_boot/delete`, '1')).toBe(-1);
    load(m, 'policy_name=Spare policy_version=0.0.1\nDEFAULT action=DENY\n', false);
    // ipe_set_active_pol(): a lower version cannot take over from the active policy.
    expect(writeFile(m, ROOT, `${IPE}/policies/Spare/active`, '1')).toBe(-22);
    expect(writeFile(m, ROOT, `${IPE}/policies/Spare/delete`, '1')).toBe(1);
    expect(readFile(m, ROOT, `${IPE}/policies/Spare/name`)).toBe(-2);
  });
});

describe('ipe: enforcement', () => {
  it('denies the exec of a file not on the initramfs with the IPE_ACCESS record naming the operation default', () => {
    const m = bootMachine();
    load(m, ALLOW_BOOT);
    const before = m.logCount;
    const { child, r } = exec(m, '/usr/bin/id');
    expect(r.errno).toBe('-EACCES');
    expect(verdictsOf(r, 'bprm_check_security')).toContain('ipe:deny');
    expect(records(m, before, 1420)).toEqual([
      `ipe_op=EXECUTE ipe_hook=BPRM_CHECK enforcing=1 pid=${child} comm="bash" path="/usr/bin/id" dev="vda1" ino=${inoOf(m, '/usr/bin/id')} rule="DEFAULT op=EXECUTE action=DENY"`,
    ]);
  });

  it('a matching rule decides and is quoted with its properties; ALLOWs are audited only with success_audit', () => {
    const m = bootMachine();
    load(
      m,
      'policy_name=Props policy_version=0.0.1\nDEFAULT action=ALLOW\nop=EXECUTE boot_verified=FALSE dmverity_signature=FALSE action=DENY\n',
    );
    const before = m.logCount;
    expect(exec(m, '/usr/bin/id').r.errno).toBe('-EACCES');
    expect(records(m, before, 1420)[0]).toMatch(
      / rule="op=EXECUTE boot_verified=FALSE dmverity_signature=FALSE action=DENY"$/,
    );
    load(
      m,
      'policy_name=Quiet policy_version=0.0.2\nDEFAULT action=ALLOW\nop=EXECUTE fsverity_signature=FALSE action=ALLOW\n',
    );
    const b2 = m.logCount;
    expect(exec(m, '/usr/bin/id').r.ret).toBe(0);
    expect(records(m, b2, 1420)).toEqual([]);
    expect(writeFile(m, ROOT, `${IPE}/success_audit`, '1')).toBe(1);
    const b3 = m.logCount;
    expect(exec(m, '/usr/bin/id').r.ret).toBe(0);
    // BPRM_CHECK, then the two executable ELF segments (MMAP).
    expect(records(m, b3, 1420).map((l) => l.replace(/ pid=.* path=/, ' path='))).toEqual([
      'ipe_op=EXECUTE ipe_hook=BPRM_CHECK enforcing=1 path="/usr/bin/id" dev="vda1" ino=' +
        inoOf(m, '/usr/bin/id') +
        ' rule="op=EXECUTE fsverity_signature=FALSE action=ALLOW"',
      'ipe_op=EXECUTE ipe_hook=MMAP enforcing=1 path="/usr/bin/id" dev="vda1" ino=' +
        inoOf(m, '/usr/bin/id') +
        ' rule="op=EXECUTE fsverity_signature=FALSE action=ALLOW"',
    ]);
  });

  it('permissive mode (enforce 0) audits with enforcing=0 and allows; the change is an AUDIT_MAC_STATUS record', () => {
    const m = bootMachine();
    load(m, ALLOW_BOOT);
    const before = m.logCount;
    expect(writeFile(m, ROOT, `${IPE}/enforce`, '0')).toBe(1);
    expect(records(m, before, 1404)).toEqual([
      'enforcing=0 old_enforcing=1 auid=4294967295 ses=4294967295 enabled=1 old-enabled=1 lsm=ipe res=1',
    ]);
    const b2 = m.logCount;
    expect(exec(m, '/usr/bin/id').r.ret).toBe(0);
    expect(records(m, b2, 1420)[0]).toContain('ipe_op=EXECUTE ipe_hook=BPRM_CHECK enforcing=0 ');
  });

  it('ipe.enforce=0 on the command line starts permissive', () => {
    const m = bootMachine({ cmdline: 'ipe.enforce=0' });
    expect(readFile(m, ROOT, `${IPE}/enforce`)).toBe('0');
  });

  it('KMODULE: finit_module is a KERNEL_READ of the module file, init_module a KERNEL_LOAD without one', () => {
    const m = bootMachine();
    load(m, 'policy_name=NoMods policy_version=0.0.1\nDEFAULT action=ALLOW\nDEFAULT op=KMODULE action=DENY\n');
    const before = m.logCount;
    const out = runShell(m, initialShellState(ROOT), 'insmod /usr/lib/modules/7.1.3/hello.ko').output;
    expect(out).toContain('Permission denied');
    expect(records(m, before, 1420)[0]).toMatch(
      /^ipe_op=KMODULE ipe_hook=KERNEL_READ enforcing=1 pid=1001 comm="bash" path="\/usr\/lib\/modules\/7\.1\.3\/hello\.ko" dev="vda1" ino=\d+ rule="DEFAULT op=KMODULE action=DENY"$/,
    );
    const b2 = m.logCount;
    expect(m.syscall(ROOT, 'init_module', { image: '\u007fELF name=x', params: '' }).errno).toBe('-EACCES');
    expect(records(m, b2, 1420)).toEqual([
      'ipe_op=KMODULE ipe_hook=KERNEL_LOAD enforcing=1 pid=1001 comm="bash" path=? dev=? ino=? rule="DEFAULT op=KMODULE action=DENY"',
    ]);
  });

  it('mmap(PROT_EXEC) of a file is an EXECUTE (MMAP); a readable mapping is not evaluated', () => {
    const m = bootMachine();
    load(m, ALLOW_BOOT);
    const o = m.syscall(ROOT, 'openat', { path: '/usr/bin/id', flags: 'O_RDONLY' });
    expect(m.syscall(ROOT, 'mmap', { prot: 1, flags: 2, fd: o.ret! }).ret).toBeGreaterThan(0);
    const before = m.logCount;
    expect(m.syscall(ROOT, 'mmap', { prot: 5, flags: 2, fd: o.ret! }).errno).toBe('-EACCES');
    expect(records(m, before, 1420)[0]).toContain('ipe_op=EXECUTE ipe_hook=MMAP enforcing=1 ');
  });

  it('works the same on 6.18 (no bprm_creds_for_exec there)', () => {
    const m = bootMachine({ kernelVersion: '6.18' });
    load(m, ALLOW_BOOT);
    expect(exec(m, '/usr/bin/id').r.errno).toBe('-EACCES');
  });
});
