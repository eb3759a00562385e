// Smack's rules as Documentation/admin-guide/LSM/Smack.rst and security/smack/ give them:
// smk_access() (smack_access.c) checks, in order, a '*' subject (denied everything), '@' (web:
// allowed both ways), a '*' object (allowed), the same label (allowed), a read/execute-only
// request on a '_' object or by a '^' subject (allowed), then the subject's explicit rule.
// smk_tskacc() lets the task's own rules restrict further and CAP_MAC_OVERRIDE (limited to the
// onlycap labels, smack_privileged()) override a denial. Denials are audited by smack_log()
// through common_lsm_audit(): "lsm=SMACK fn=... action=denied subject=... object=...
// requested=... pid=... comm=..." and the object data of lsm_audit.c.
import { describe, expect, it } from 'vitest';
import type { Machine } from '../../machine/machine';
import { ALICE, ROOT, bootMachine, forkAs, hooksOf, logSince, readFile, verdictsOf, writeFile } from '../testing';
import { SMACK_DEFAULT_RULES } from './defaultPolicy';
import { parseRules, SMK_CHANGE_FMT, SMK_LONG_FMT } from './rules';
import { smkParseSmack, smkPermFromStr } from './labels';

const LOAD2 = '/sys/fs/smackfs/load2';
const SMACK = { cmdline: 'lsm=smack' };

function boot(policy = true): Machine {
  return bootMachine({ ...SMACK, ...(policy ? { policies: { smack: SMACK_DEFAULT_RULES } } : {}) });
}

/** A root child that takes `label` (with CAP_MAC_ADMIN) and then drops to uid 1000 (no capabilities). */
function labelled(m: Machine, label: string, uid = 1000): number {
  const pid = forkAs(m, ROOT);
  expect(writeFile(m, pid, `/proc/${pid}/attr/current`, label)).toBe(label.length);
  if (uid !== 0) expect(m.syscall(pid, 'setresuid', { ruid: uid, euid: uid, suid: uid }).ret).toBe(0);
  return pid;
}

/** The audit records of the kernel log lines written since `from`. */
function audits(m: Machine, from: number): string[] {
  return logSince(m, from)
    .filter((l) => l.startsWith('audit: type=1400'))
    .map((l) => l.replace(/^audit: type=1400 audit\([^)]*\): /, ''));
}

function inoOf(m: Machine, path: string): number {
  let d = m.world.rootMount.mnt_root;
  for (const part of path.split('/').filter(Boolean)) d = d.d_inode!.children!.get(part)!;
  return d.d_inode!.i_ino;
}

describe('smack: boot and labels', () => {
  it('prints its init message, labels init "_", and the image labels come from SMACK64 xattrs', () => {
    const m = boot();
    expect(m.dmesg()).toContain('Smack:  Initializing.');
    expect(m.bootPolicyResults).toEqual([{ lsm: 'smack', path: LOAD2, rc: SMACK_DEFAULT_RULES.length }]);
    expect(readFile(m, ALICE, `/proc/${ALICE}/attr/current`)).toBe('_');
    // root: alice ("_") may not read System::Log's xattrs (smack_inode_getxattr()).
    expect(m.syscall(ALICE, 'getxattr', { path: '/var/log', name: 'security.SMACK64', size: 0 }).errno).toBe('-EACCES');
    const x = m.syscall(ROOT, 'getxattr', { path: '/var/log', name: 'security.SMACK64', size: 0 });
    expect(x.out).toBe('System::Log');
    expect(m.syscall(ROOT, 'getxattr', { path: '/var/log', name: 'security.SMACK64TRANSMUTE', size: 0 }).out).toBe(
      'TRUE',
    );
    // No xattr: the superblock's smk_default, the floor.
    expect(m.syscall(ALICE, 'getxattr', { path: '/etc/hostname', name: 'security.SMACK64', size: 0 }).out).toBe('_');
  });

  it('load2 lists the rules, labels newest first and each label’s rules newest first (load2_seq_show)', () => {
    const m = boot();
    // The image's labels (System, User::Pkg::python3, System::Log) were imported when the
    // world's inodes were instantiated, before init loaded the rules (User, User::Home, …).
    expect(readFile(m, ALICE, LOAD2)).toBe(
      [
        'User User::Home rwxat',
        'User System::Log a',
        'User System::Shared rx',
        'User::Pkg::python3 System::Shared rx',
        'User::Pkg::python3 User::Home rwx',
        'System User::Home rwxat',
        'System User rwx',
        'System System::Shared rwxat',
        'System System::Log rwxa',
        '',
      ].join('\n'),
    );
  });
});

describe('smack: smk_access() order', () => {
  it('a subject without a rule is denied a read of another label (DAC allows): the audit record', () => {
    const m = boot();
    const before = m.logCount;
    const r = m.syscall(ALICE, 'openat', { path: '/var/log', flags: 'O_RDONLY|O_DIRECTORY' });
    expect(r.errno).toBe('-EACCES');
    expect(verdictsOf(r, 'inode_permission')).toEqual(['smack:default', 'smack:default', 'smack:deny']);
    expect(audits(m, before)).toEqual([
      `lsm=SMACK fn=smack_inode_permission action=denied subject="_" object="System::Log" requested=r pid=${ALICE} comm="bash" name="log" dev="vda1" ino=${inoOf(m, '/var/log')}`,
    ]);
  });

  it('a "_" object is readable and executable by every subject, not writable', () => {
    const m = boot();
    const app = labelled(m, 'App');
    expect(readFile(m, app, '/etc/hostname')).toBe('playground\n');
    const before = m.logCount;
    // notes.txt is alice's (uid 1000, 0644): DAC lets the uid-1000 child write; Smack does not.
    expect(writeFile(m, app, '/home/alice/notes.txt', 'x')).toBe(-13);
    expect(audits(m, before)).toEqual([
      `lsm=SMACK fn=smack_inode_permission action=denied subject="App" object="_" requested=w pid=${app} comm="bash" name="notes.txt" dev="vda1" ino=${inoOf(m, '/home/alice/notes.txt')}`,
    ]);
  });

  it('a "*" object is open to all: a new file in /tmp takes its creator’s label', () => {
    const m = boot();
    const app = labelled(m, 'App');
    expect(writeFile(m, app, '/tmp/f', 'hi', 'O_WRONLY|O_CREAT')).toBe(2);
    expect(m.syscall(app, 'getxattr', { path: '/tmp/f', name: 'security.SMACK64', size: 0 }).out).toBe('App');
    // alice ("_") may not read App's file: not the floor, not the same label, no rule.
    expect(readFile(m, ALICE, '/tmp/f')).toBe(-13);
  });

  it('"^" reads anything; the same label is allowed everything; a rule grants only its letters', () => {
    const m = boot();
    const hat = labelled(m, '^');
    expect(m.syscall(hat, 'openat', { path: '/var/log', flags: 'O_RDONLY|O_DIRECTORY' }).ret).toBeGreaterThanOrEqual(0);
    const log = labelled(m, 'System::Log');
    expect(m.syscall(log, 'openat', { path: '/var/log', flags: 'O_RDONLY|O_DIRECTORY' }).ret).toBeGreaterThanOrEqual(0);
    const user = labelled(m, 'User');
    // "User System::Log a": append is not read.
    expect(m.syscall(user, 'openat', { path: '/var/log', flags: 'O_RDONLY|O_DIRECTORY' }).errno).toBe('-EACCES');
    expect(writeFile(m, ROOT, LOAD2, 'User System::Log rx')).toBe(19);
    expect(m.syscall(user, 'openat', { path: '/var/log', flags: 'O_RDONLY|O_DIRECTORY' }).ret).toBeGreaterThanOrEqual(
      0,
    );
  });

  it('no task may take "*" or "@"; a label needs CAP_MAC_ADMIN; only a task’s own attr is writable', () => {
    const m = boot();
    const child = forkAs(m, ROOT);
    expect(writeFile(m, child, `/proc/${child}/attr/current`, '*')).toBe(-22);
    expect(writeFile(m, child, `/proc/${child}/attr/current`, '@')).toBe(-22);
    expect(writeFile(m, ALICE, `/proc/${ALICE}/attr/current`, 'Mine')).toBe(-1);
    expect(writeFile(m, ROOT, `/proc/${ALICE}/attr/current`, 'Yours')).toBe(-13);
    expect(readFile(m, ALICE, `/proc/${ALICE}/attr/current`)).toBe('_');
  });
});

describe('smack: privilege', () => {
  it('root passes a denial with CAP_MAC_OVERRIDE; onlycap limits it to the listed labels', () => {
    const m = boot();
    const r = m.syscall(ROOT, 'openat', { path: '/var/log', flags: 'O_RDONLY|O_DIRECTORY' });
    expect(r.ret).toBeGreaterThanOrEqual(0);
    expect(hooksOf(r)).not.toContain('capable'); // smack_privileged() calls cap_capable() directly
    expect(writeFile(m, ROOT, '/sys/fs/smackfs/onlycap', 'System')).toBe(6);
    expect(readFile(m, ROOT, '/sys/fs/smackfs/onlycap')).toBe('System ');
    const before = m.logCount;
    expect(m.syscall(ROOT, 'openat', { path: '/var/log', flags: 'O_RDONLY|O_DIRECTORY' }).errno).toBe('-EACCES');
    expect(audits(m, before)[0]).toContain('subject="_" object="System::Log" requested=r');
    // CAP_MAC_ADMIN goes the same way: root ("_") can no longer load rules or clear onlycap.
    expect(writeFile(m, ROOT, LOAD2, '_ System::Log r')).toBe(-1);
    expect(writeFile(m, ROOT, '/sys/fs/smackfs/onlycap', '-')).toBe(-1);
    // A root task labelled System keeps its privilege: label it first (that takes CAP_MAC_ADMIN,
    // which onlycap would now refuse a "_" task), then set onlycap.
    const m2 = boot();
    const sys = labelled(m2, 'System', 0);
    // smk_parse_label_list() adds each label at the head of the list: they read back reversed.
    expect(writeFile(m2, ROOT, '/sys/fs/smackfs/onlycap', 'Admin System')).toBe(12);
    expect(readFile(m2, ROOT, '/sys/fs/smackfs/onlycap')).toBe('System Admin ');
    expect(writeFile(m2, sys, LOAD2, '_ System::Log r')).toBe(15);
    // "-" is an invalid first label: the list is cleared.
    expect(writeFile(m2, sys, '/sys/fs/smackfs/onlycap', '-')).toBe(1);
    expect(readFile(m2, ROOT, '/sys/fs/smackfs/onlycap')).toBe('');
  });

  it('Smack xattrs skip cap_inode_setxattr() and need CAP_MAC_ADMIN; the new label applies at once', () => {
    const m = boot();
    const a = m.syscall(ALICE, 'setxattr', { path: '/home/alice/notes.txt', name: 'security.SMACK64', value: 'Mine' });
    expect(a.errno).toBe('-EPERM');
    expect(hooksOf(a)).not.toContain('capable');
    expect(
      m.syscall(ROOT, 'setxattr', { path: '/home/alice/notes.txt', name: 'security.SMACK64', value: 'Secret' }).ret,
    ).toBe(0);
    expect(readFile(m, ALICE, '/home/alice/notes.txt')).toBe(-13);
    expect(m.syscall(ROOT, 'setxattr', { path: '/usr/bin/cat', name: 'security.SMACK64EXEC', value: '*' }).errno).toBe(
      '-EINVAL',
    );
    expect(
      m.syscall(ROOT, 'setxattr', { path: '/etc/hostname', name: 'security.SMACK64TRANSMUTE', value: 'TRUE' }).errno,
    ).toBe('-EINVAL');
  });
});

describe('smack: loading rules', () => {
  it('a bad rule anywhere in a write loads nothing and reports line:col', () => {
    const m = boot(false);
    const before = m.logCount;
    expect(writeFile(m, ROOT, LOAD2, 'A B rwx\nC D r\nE -bad r\n')).toBe(-22);
    expect(logSince(m, before)).toContain(`Smack: load2: 3:3: label "-bad" starts with '-'; no rule loaded`);
    expect(readFile(m, ROOT, LOAD2)).toBe('');
    expect(writeFile(m, ROOT, LOAD2, 'A B rwx\nC D')).toBe(-22);
    expect(logSince(m, before).at(-1)).toBe(
      'Smack: load2: 2:4: unexpected end of data: the rule has no access (a rule is "subject object access"); no rule loaded',
    );
    expect(writeFile(m, ROOT, LOAD2, 'A B rwx\nC D r\n')).toBe(14);
    expect(readFile(m, ROOT, LOAD2)).toBe('C D r\nA B rwx\n');
  });

  it('load2 replaces a pair’s access; change-rule adds and removes; load takes the 24-column format', () => {
    const m = boot(false);
    writeFile(m, ROOT, LOAD2, 'A B rwxa');
    writeFile(m, ROOT, LOAD2, 'A B r');
    expect(readFile(m, ROOT, LOAD2)).toBe('A B r\n');
    expect(writeFile(m, ROOT, '/sys/fs/smackfs/change-rule', 'A B wx r')).toBe(8);
    expect(readFile(m, ROOT, LOAD2)).toBe('A B wx\n');
    const fixed = `${'C'.padEnd(24)}${'D'.padEnd(24)}r-x---`;
    expect(writeFile(m, ROOT, '/sys/fs/smackfs/load', fixed)).toBe(54);
    expect(readFile(m, ROOT, '/sys/fs/smackfs/load')).toBe('C D rx\nA B wx\n');
    expect(writeFile(m, ROOT, '/sys/fs/smackfs/load', 'C D r')).toBe(-22);
    // A rule with no access is kept but not listed (smk_rule_show()).
    writeFile(m, ROOT, LOAD2, 'A B -');
    expect(readFile(m, ROOT, LOAD2)).toBe('C D rx\n');
  });

  it('load-self2 rules only restrict the task that loads them', () => {
    const m = boot();
    writeFile(m, ROOT, LOAD2, 'App System::Log rx');
    const app = labelled(m, 'App');
    const open = (pid: number) => m.syscall(pid, 'openat', { path: '/var/log', flags: 'O_RDONLY|O_DIRECTORY' });
    expect(open(app).ret).toBeGreaterThanOrEqual(0);
    // The task's own rule keeps x and drops r: smk_tskacc() checks it after the global rules.
    expect(writeFile(m, app, '/sys/fs/smackfs/load-self2', 'App System::Log x')).toBe(17);
    expect(open(app).errno).toBe('-EACCES');
    expect(readFile(m, app, '/sys/fs/smackfs/load-self2')).toBe('App System::Log x\n');
    // Its children inherit the rule list (smack_cred_prepare() copies it); other App tasks do not.
    const kid = forkAs(m, app);
    expect(open(kid).errno).toBe('-EACCES');
    const other = labelled(m, 'App');
    expect(open(other).ret).toBeGreaterThanOrEqual(0);
    // A task's own rules cannot grant: "App System rwx" in load-self2 leaves /etc/shadow's label closed.
    expect(writeFile(m, other, '/sys/fs/smackfs/load-self2', 'App System rwx')).toBe(14);
    expect(m.syscall(other, 'getxattr', { path: '/etc/shadow', name: 'security.SMACK64', size: 0 }).errno).toBe(
      '-EACCES',
    );
  });

  it('lsm_config_system_policy and lsm_config_self_policy: "<fmt><rules>", the byte count back', () => {
    const m = boot(false);
    expect(m.syscall(ROOT, 'lsm_config_system_policy', { lsm_id: 102, policy: '\u0001X Y rw\nY X r\n' }).ret).toBe(13);
    expect(readFile(m, ROOT, LOAD2)).toBe('Y X r\nX Y rw\n');
    expect(m.syscall(ROOT, 'lsm_config_system_policy', { lsm_id: 102, policy: '\u0001X Y r\nZ' }).errno).toBe(
      '-EINVAL',
    );
    expect(readFile(m, ROOT, LOAD2)).toBe('Y X r\nX Y rw\n');
    expect(m.syscall(ROOT, 'lsm_config_system_policy', { lsm_id: 102, policy: '\u0001' }).errno).toBe('-EINVAL');
    expect(m.syscall(ALICE, 'lsm_config_self_policy', { lsm_id: 102, policy: '\u0001_ _ r' }).errno).toBe('-EPERM');
    const child = forkAs(m, ROOT);
    expect(m.syscall(child, 'lsm_config_self_policy', { lsm_id: 102, policy: '\u0001_ X r' }).ret).toBe(5);
    expect(readFile(m, child, '/sys/fs/smackfs/load-self2')).toBe('_ X r\n');
  });

  it('the parser follows smk_parse_smack() and smk_perm_from_str()', () => {
    expect(smkParseSmack('a/b')).toBe('a');
    expect(smkParseSmack('-x')).toBeNull();
    expect(smkParseSmack('x'.repeat(256))).toBeNull();
    expect(smkParseSmack('x'.repeat(255))).toBe('x'.repeat(255));
    // An unknown letter ends the access string without an error.
    expect(smkPermFromStr('rwq')).toBe(smkPermFromStr('rw'));
    // Line breaks are only whitespace: a rule may span lines.
    const r = parseRules('A\nB\nr', SMK_LONG_FMT);
    expect(r.ok && r.rules.length).toBe(1);
    const c = parseRules('A B r w x', SMK_CHANGE_FMT);
    expect(c.ok).toBe(false);
  });

  it('logging: 3 audits grants too; values outside 0..3 are refused', () => {
    const m = boot();
    expect(readFile(m, ROOT, '/sys/fs/smackfs/logging')).toBe('1\n');
    expect(writeFile(m, ROOT, '/sys/fs/smackfs/logging', '4')).toBe(-22);
    expect(writeFile(m, ALICE, '/sys/fs/smackfs/logging', '3')).toBe(-13); // 0644: DAC first
    expect(writeFile(m, ROOT, '/sys/fs/smackfs/logging', '3')).toBe(1);
    const before = m.logCount;
    readFile(m, ALICE, '/etc/hostname');
    expect(audits(m, before)).toContain(
      `lsm=SMACK fn=smack_file_open action=granted subject="_" object="_" requested=r pid=${ALICE} comm="bash" path="/etc/hostname" dev="vda1" ino=${inoOf(m, '/etc/hostname')}`,
    );
    writeFile(m, ROOT, '/sys/fs/smackfs/logging', '0');
    const quiet = m.logCount;
    m.syscall(ALICE, 'openat', { path: '/var/log', flags: 'O_RDONLY|O_DIRECTORY' });
    expect(audits(m, quiet)).toEqual([]);
  });
});

describe('smack: tasks', () => {
  it('kill needs write on the target: the record names the target as opid/ocomm', () => {
    const m = boot();
    const app = labelled(m, 'App');
    const before = m.logCount;
    const r = m.syscall(app, 'kill', { pid: ALICE, sig: 15 });
    expect(r.errno).toBe('-EACCES');
    expect(audits(m, before)).toEqual([
      `lsm=SMACK fn=smack_task_kill action=denied subject="App" object="_" requested=w pid=${app} comm="bash" opid=${ALICE} ocomm="bash"`,
    ]);
    // Signal 0 is an existence test.
    expect(m.syscall(app, 'kill', { pid: ALICE, sig: 0 }).ret).toBe(0);
  });

  it('ptrace attach needs read and write; the record names the tracer (smk_ptrace_rule_check())', () => {
    const m = boot();
    const app = labelled(m, 'App', 0);
    // root passes DAC with CAP_SYS_PTRACE and Smack with CAP_MAC_OVERRIDE, until onlycap names
    // another label.
    expect(m.syscall(ROOT, 'ptrace', { request: 16, pid: app }).ret).toBe(0);
    const app2 = labelled(m, 'App', 0);
    writeFile(m, ROOT, '/sys/fs/smackfs/onlycap', 'System');
    const before = m.logCount;
    expect(m.syscall(ROOT, 'ptrace', { request: 16, pid: app2 }).errno).toBe('-EACCES');
    expect(audits(m, before)).toEqual([
      `lsm=SMACK fn=smack_ptrace_access_check action=denied subject="_" object="App" requested=rw pid=${ROOT} comm="bash" opid=${ROOT} ocomm="bash"`,
    ]);
  });

  it('SMACK64EXEC relabels at exec (smack_bprm_creds_for_exec()); the fork keeps the parent’s label', () => {
    const m = boot();
    const child = forkAs(m, ALICE);
    expect(readFile(m, child, `/proc/${child}/attr/current`)).toBe('_');
    expect(m.syscall(child, 'execve', { path: '/usr/bin/python3', argv: 'python3' }).ret).toBe(0);
    expect(readFile(m, ALICE, `/proc/${child}/attr/current`)).toBe('User::Pkg::python3');
    const r = m.syscall(child, 'lsm_get_self_attr', {});
    expect(r.out).toBe('smack: "User::Pkg::python3"\nsize=56');
  });

  it('lsm_set_self_attr sets current’s label with CAP_MAC_ADMIN', () => {
    const m = boot();
    const child = forkAs(m, ROOT);
    expect(m.syscall(child, 'lsm_set_self_attr', { lsm_id: 102, value: 'System' }).ret).toBe(0);
    expect(readFile(m, ROOT, `/proc/${child}/attr/current`)).toBe('System');
    expect(m.syscall(ALICE, 'lsm_set_self_attr', { lsm_id: 102, value: 'System' }).errno).toBe('-EPERM');
  });
});

describe('smack: new files', () => {
  it('a "t" rule on a transmuting directory gives new files the directory’s label', () => {
    const m = boot();
    const sys = labelled(m, 'System', 0);
    expect(writeFile(m, sys, '/var/log/a.log', 'x', 'O_WRONLY|O_CREAT')).toBe(1);
    expect(m.syscall(ROOT, 'getxattr', { path: '/var/log/a.log', name: 'security.SMACK64', size: 0 }).out).toBe(
      'System',
    );
    writeFile(m, ROOT, LOAD2, 'System System::Log rwxat');
    expect(writeFile(m, sys, '/var/log/b.log', 'x', 'O_WRONLY|O_CREAT')).toBe(1);
    expect(m.syscall(ROOT, 'getxattr', { path: '/var/log/b.log', name: 'security.SMACK64', size: 0 }).out).toBe(
      'System::Log',
    );
    expect(m.syscall(sys, 'mkdirat', { path: '/var/log/d', mode: '0755' }).ret).toBe(0);
    expect(m.syscall(ROOT, 'getxattr', { path: '/var/log/d', name: 'security.SMACK64TRANSMUTE', size: 0 }).out).toBe(
      'TRUE',
    );
  });

  it('unlink needs write on the file (then on the directory): smack_inode_unlink()', () => {
    const m = boot();
    const app = labelled(m, 'App');
    writeFile(m, ALICE, '/tmp/mine', 'x', 'O_WRONLY|O_CREAT');
    const before = m.logCount;
    // Same uid as the owner, so the sticky /tmp lets DAC pass; the file is "_", App may not write it.
    const r = m.syscall(app, 'unlinkat', { path: '/tmp/mine' });
    expect(r.errno).toBe('-EACCES');
    expect(hooksOf(r).slice(-2)).toEqual(['inode_permission', 'inode_unlink']);
    expect(audits(m, before)).toEqual([
      `lsm=SMACK fn=smack_inode_unlink action=denied subject="App" object="_" requested=w pid=${app} comm="bash" name="mine" dev="vda1" ino=${inoOf(m, '/tmp/mine')}`,
    ]);
    writeFile(m, app, '/tmp/own', 'x', 'O_WRONLY|O_CREAT');
    expect(m.syscall(app, 'unlinkat', { path: '/tmp/own' }).ret).toBe(0);
  });
});
