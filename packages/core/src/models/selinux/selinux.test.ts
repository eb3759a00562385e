// SELinux's decisions as security/selinux/hooks.c makes them, with the default Fedora-like policy
// (defaultPolicy.ts) and the denial records avc.c and security/lsm_audit.c write: "avc:  denied
// { perms } for " (avc_audit_pre_callback()), " pid=N comm=..." and the object's fields
// (dump_common_audit_data()), then " scontext=... tcontext=... tclass=... permissive=N"
// (avc_audit_post_callback()).
import { describe, expect, it } from 'vitest';
import type { Machine } from '../../machine/machine';
import { ALICE, INIT, ROOT, bootMachine, forkAs, hooksOf, logSince, readFile, verdictsOf, writeFile } from '../testing';
import { SELINUX_FEDORA_POLICY, SELINUX_PERMISSIVE_POLICY } from './defaultPolicy';

const fedora = (): Machine => bootMachine({ policies: { selinux: SELINUX_FEDORA_POLICY } });
const avcs = (m: Machine, from: number): string[] =>
  logSince(m, from)
    .filter((l) => l.includes('type=1400'))
    .map((l) => l.replace(/^audit: type=1400 audit\([^)]*\): /, ''));
const label = (m: Machine, pid: number, path: string): string => {
  const r = m.syscall(pid, 'getxattr', { path, name: 'security.selinux', size: 0 });
  return r.ret !== null && r.ret >= 0 ? r.out.replace(/\0$/, '') : String(r.errno);
};
const current = (m: Machine, pid: number): string =>
  String(readFile(m, ROOT, `/proc/${pid}/attr/current`)).replace(/\0$/, '');

describe('selinux: before a policy is loaded (ss_initialized == 0)', () => {
  it('allows everything; tasks carry the kernel initial SID, files read as unlabeled', () => {
    const m = bootMachine();
    expect(readFile(m, ALICE, '/proc/1102/attr/current')).toBe('kernel\0');
    const before = m.logCount;
    expect(writeFile(m, ROOT, '/etc/shadow', 'x\n')).toBe(2);
    expect(avcs(m, before)).toEqual([]);
    expect(readFile(m, ROOT, '/sys/fs/selinux/enforce')).toBe('0');
    expect(label(m, ROOT, '/etc/shadow')).toBe('unlabeled');
  });
});

describe('selinux: the Fedora-like default policy', () => {
  it('loads at boot (init writes /sys/fs/selinux/load), audits the load and switches to enforcing', () => {
    const m = fedora();
    expect(m.bootPolicyResults[0]).toMatchObject({ lsm: 'selinux', path: '/sys/fs/selinux/load' });
    expect(m.bootPolicyResults[0]!.rc).toBeGreaterThan(0);
    const log = m.dmesg();
    expect(log).toContain('SELinux:  policy capability open_perms=1');
    expect(log).toMatch(/type=1403 audit\([^)]*\): auid=4294967295 ses=4294967295 lsm=selinux res=1/);
    expect(log).toMatch(/type=1404 audit\([^)]*\): enforcing=1 old_enforcing=0 auid=4294967295/);
    expect(readFile(m, ROOT, '/sys/fs/selinux/enforce')).toBe('1');
  });

  it('enforcing=0 on the command line wins over the policy’s config line (selinux_init_load_policy())', () => {
    const m = bootMachine({ cmdline: 'enforcing=0', policies: { selinux: SELINUX_FEDORA_POLICY } });
    expect(readFile(m, ROOT, '/sys/fs/selinux/enforce')).toBe('0');
    const before = m.logCount;
    expect(writeFile(m, ROOT, '/etc/shadow', 'x\n')).toBe(2);
    expect(avcs(m, before)).toEqual([expect.stringMatching(/\{ write \} .* permissive=1$/)]);
  });

  it('lets every domain follow /proc/self (proc_t lnk_file read, as kernel_read_proc_symlinks(domain))', () => {
    const m = fedora();
    const before = m.logCount;
    expect(readFile(m, ROOT, '/proc/self/attr/current')).toBe('staff_u:staff_r:staff_t:s0\0');
    expect(readFile(m, ALICE, '/proc/self/attr/current')).toBe('user_u:user_r:user_t:s0\0');
    expect(avcs(m, before)).toEqual([]);
    // getxattr(2) follows the link to /proc/1001, which task_to_inode labelled with root's domain.
    expect(label(m, ROOT, '/proc/self')).toBe('staff_u:staff_r:staff_t:s0');
  });

  it('gives the running tasks the domains their start-up would have given them', () => {
    const m = fedora();
    expect(current(m, INIT)).toBe('system_u:system_r:init_t:s0');
    expect(current(m, 301)).toBe('system_u:system_r:crond_t:s0');
    expect(current(m, 402)).toBe('system_u:system_r:sshd_t:s0');
    expect(current(m, ROOT)).toBe('staff_u:staff_r:staff_t:s0');
    expect(current(m, ALICE)).toBe('user_u:user_r:user_t:s0');
    // lsm_get_self_attr(LSM_ATTR_CURRENT) gives the same context.
    expect(m.syscall(ALICE, 'lsm_get_self_attr', { attr: 100 }).out).toContain('user_u:user_r:user_t:s0');
  });

  it('labels the image from file_contexts (security.selinux, read through inode_getsecurity)', () => {
    const m = fedora();
    expect(label(m, ROOT, '/etc/shadow')).toBe('system_u:object_r:shadow_t:s0');
    expect(label(m, ROOT, '/etc/passwd')).toBe('system_u:object_r:passwd_file_t:s0');
    expect(label(m, ROOT, '/usr/bin/passwd')).toBe('system_u:object_r:passwd_exec_t:s0');
    expect(label(m, ROOT, '/home/alice')).toBe('system_u:object_r:user_home_dir_t:s0');
    expect(label(m, ROOT, '/home/alice/notes.txt')).toBe('system_u:object_r:user_home_t:s0');
    expect(label(m, ROOT, '/sys/fs/selinux/enforce')).toBe('system_u:object_r:security_t:s0');
  });

  it('root (staff_t) passes DAC on /etc/shadow but may not write shadow_t: the AVC denial', () => {
    const m = fedora();
    const before = m.logCount;
    const o = m.syscall(ROOT, 'openat', { path: '/etc/shadow', flags: 'O_WRONLY|O_TRUNC' });
    expect(o.errno).toBe('-EACCES');
    // DAC allowed (owner bits): SELinux is the only one to refuse, in may_open()'s inode_permission.
    expect(verdictsOf(o, 'inode_permission').filter((v) => v.startsWith('selinux:'))).toContain('selinux:deny');
    const ino = m.world.rootMount.mnt_root.d_inode!.children!.get('etc')!.d_inode!.children!.get('shadow')!.d_inode!
      .i_ino;
    expect(avcs(m, before)).toEqual([
      `avc:  denied  { write } for  pid=1001 comm="bash" name="shadow" dev="vda1" ino=${ino} scontext=staff_u:staff_r:staff_t:s0 tcontext=system_u:object_r:shadow_t:s0 tclass=file permissive=0`,
    ]);
    // Reading is allowed.
    expect(typeof readFile(m, ROOT, '/etc/shadow')).toBe('string');
  });

  it('running /usr/bin/passwd moves alice into passwd_t (process transition, entrypoint), which may write shadow_t', () => {
    const m = fedora();
    const r = m.syscall(ALICE, 'execve', { path: '/usr/bin/passwd', argv: 'passwd' });
    expect(r.ret).toBe(0);
    expect(hooksOf(r)).toContain('bprm_creds_for_exec');
    expect(current(m, ALICE)).toBe('user_u:user_r:passwd_t:s0');
    expect(readFile(m, ROOT, `/proc/${ALICE}/attr/prev`)).toBe('user_u:user_r:user_t:s0\0');
    const before = m.logCount;
    expect(writeFile(m, ALICE, '/etc/shadow', 'alice:new:20001:0:99999:7:::\n', 'O_WRONLY|O_APPEND')).toBe(29);
    expect(avcs(m, before)).toEqual([]);
  });

  it('an ordinary program keeps the caller’s domain (file:execute_no_trans)', () => {
    const m = fedora();
    const child = forkAs(m, ALICE);
    expect(m.syscall(child, 'execve', { path: '/usr/bin/id', argv: 'id' }).ret).toBe(0);
    expect(current(m, child)).toBe('user_u:user_r:user_t:s0');
  });

  it('setexeccon to a domain without a transition rule: process:transition is denied at exec', () => {
    const m = fedora();
    const child = forkAs(m, ALICE);
    const s = m.syscall(child, 'lsm_set_self_attr', { attr: 101, lsm_id: 101, value: 'user_u:user_r:passwd_t:s0' });
    expect(s.ret).toBe(0);
    expect(readFile(m, ROOT, `/proc/${child}/attr/exec`)).toBe('user_u:user_r:passwd_t:s0\0');
    const before = m.logCount;
    expect(m.syscall(child, 'execve', { path: '/usr/bin/id', argv: 'id' }).errno).toBe('-EACCES');
    expect(avcs(m, before)[0]).toMatch(
      /^avc: {2}denied {2}\{ entrypoint \} for {2}pid=\d+ comm="bash" path="\/usr\/bin\/id" dev="vda1" ino=\d+ scontext=user_u:user_r:passwd_t:s0 tcontext=system_u:object_r:bin_t:s0 tclass=file permissive=0$/,
    );
  });

  it('new files take the type_transition of the directory, else its type, with the creator’s user', () => {
    const m = fedora();
    expect(writeFile(m, ALICE, '/tmp/a', 'x', 'O_WRONLY|O_CREAT')).toBe(1);
    expect(label(m, ALICE, '/tmp/a')).toBe('user_u:object_r:user_tmp_t:s0');
    expect(m.syscall(ALICE, 'mkdirat', { path: '/home/alice/d', mode: '0755' }).ret).toBe(0);
    // type_transition user_t user_home_dir_t:{ file dir } user_home_t;
    expect(label(m, ALICE, '/home/alice/d')).toBe('user_u:object_r:user_home_t:s0');
    // No rule for user_home_t: the directory's type.
    expect(writeFile(m, ALICE, '/home/alice/d/f', 'x', 'O_WRONLY|O_CREAT')).toBe(1);
    expect(label(m, ALICE, '/home/alice/d/f')).toBe('user_u:object_r:user_home_t:s0');
    // The xattr is on the inode (security_inode_init_security() → initxattrs()).
    expect(
      m.world.rootMount.mnt_root
        .d_inode!.children!.get('tmp')!
        .d_inode!.children!.get('a')!
        .d_inode!.xattrs.get('security.selinux'),
    ).toBe('user_u:object_r:user_tmp_t:s0');
  });

  it('a renamed file keeps its label (labels live on the inode)', () => {
    const m = fedora();
    expect(m.syscall(ALICE, 'renameat2', { oldpath: '/home/alice/notes.txt', newpath: '/tmp/notes.txt' }).ret).toBe(0);
    expect(label(m, ALICE, '/tmp/notes.txt')).toBe('system_u:object_r:user_home_t:s0');
  });

  it('alice may not remove a name from /etc (dir remove_name), even where DAC would let her', () => {
    const m = fedora();
    // The sticky, world-writable /tmp: root's file, created as staff_t, gets user_tmp_t; alice may not unlink it (sticky).
    expect(writeFile(m, ROOT, '/tmp/r', 'x', 'O_WRONLY|O_CREAT')).toBe(1);
    expect(label(m, ROOT, '/tmp/r')).toBe('staff_u:object_r:user_tmp_t:s0');
  });

  it('relabelling: alice may not relabel her file to shadow_t (relabelto), with the dentry record', () => {
    const m = fedora();
    const before = m.logCount;
    const r = m.syscall(ALICE, 'setxattr', {
      path: '/home/alice/notes.txt',
      name: 'security.selinux',
      value: 'system_u:object_r:shadow_t:s0',
    });
    expect(r.errno).toBe('-EACCES');
    expect(avcs(m, before)).toEqual([
      expect.stringMatching(
        /^avc: {2}denied {2}\{ relabelto \} for {2}pid=1102 comm="bash" name="notes.txt" dev="vda1" ino=\d+ scontext=user_u:user_r:user_t:s0 tcontext=system_u:object_r:shadow_t:s0 tclass=file permissive=0$/,
      ),
    ]);
    // An invalid context is -EINVAL (no CAP_MAC_ADMIN to force it).
    expect(
      m.syscall(ALICE, 'setxattr', { path: '/home/alice/notes.txt', name: 'security.selinux', value: 'bogus' }).errno,
    ).toBe('-EINVAL');
    // Her own type is fine.
    expect(
      m.syscall(ALICE, 'setxattr', {
        path: '/home/alice/notes.txt',
        name: 'security.selinux',
        value: 'user_u:object_r:user_home_t:s0',
      }).ret,
    ).toBe(0);
    expect(label(m, ALICE, '/home/alice/notes.txt')).toBe('user_u:object_r:user_home_t:s0');
  });

  it('signals: user_t may not signal its passwd_t child (process:signal), no audit data beyond pid and comm', () => {
    const m = fedora();
    const child = forkAs(m, ALICE);
    m.syscall(child, 'execve', { path: '/usr/bin/passwd', argv: 'passwd' });
    const before = m.logCount;
    expect(m.syscall(ALICE, 'kill', { pid: child, sig: 15 }).errno).toBe('-EACCES');
    expect(avcs(m, before)).toEqual([
      `avc:  denied  { signal } for  pid=1102 comm="bash" scontext=user_u:user_r:user_t:s0 tcontext=user_u:user_r:passwd_t:s0 tclass=process permissive=0`,
    ]);
    // root (staff_t) may.
    expect(m.syscall(ROOT, 'kill', { pid: child, sig: 0 }).ret).toBe(0);
  });

  it('setenforce 0 (security:setenforce): denials are logged with permissive=1, once (the AVC grants them)', () => {
    const m = fedora();
    let before = m.logCount;
    expect(writeFile(m, ROOT, '/sys/fs/selinux/enforce', '0')).toBe(1);
    expect(logSince(m, before).some((l) => l.includes('enforcing=0 old_enforcing=1'))).toBe(true);
    before = m.logCount;
    expect(writeFile(m, ROOT, '/etc/shadow', 'x\n')).toBe(2);
    expect(avcs(m, before)).toEqual([expect.stringMatching(/\{ write \} .* tclass=file permissive=1$/)]);
    before = m.logCount;
    expect(writeFile(m, ROOT, '/etc/shadow', 'x\n')).toBe(2);
    expect(avcs(m, before)).toEqual([]);
  });

  it('booleans: allow_user_shadow is off, then set and committed through selinuxfs', () => {
    const m = fedora();
    writeFile(m, ROOT, '/sys/fs/selinux/enforce', '0');
    expect(m.syscall(ROOT, 'chmod', { path: '/etc/shadow', mode: '0644' }).ret).toBe(0);
    writeFile(m, ROOT, '/sys/fs/selinux/enforce', '1');
    let before = m.logCount;
    expect(readFile(m, ALICE, '/etc/shadow')).toBe(-13);
    expect(avcs(m, before)[0]).toContain('{ read } for  pid=1102 comm="bash" name="shadow"');
    expect(readFile(m, ALICE, '/sys/fs/selinux/booleans/allow_user_shadow')).toBe('0 0');
    expect(writeFile(m, ROOT, '/sys/fs/selinux/booleans/allow_user_shadow', '1')).toBe(1);
    expect(readFile(m, ALICE, '/sys/fs/selinux/booleans/allow_user_shadow')).toBe('0 1');
    before = m.logCount;
    expect(writeFile(m, ROOT, '/sys/fs/selinux/commit_pending_bools', '1')).toBe(1);
    expect(logSince(m, before).some((l) => /type=1405 .*bool=allow_user_shadow val=1 old_val=0/.test(l))).toBe(true);
    expect(typeof readFile(m, ALICE, '/etc/shadow')).toBe('string');
  });

  it('a policy with an error loads nothing: line:col and the reason, -EINVAL, the old policy stays', () => {
    const m = fedora();
    const before = m.logCount;
    const bad = SELINUX_FEDORA_POLICY.replace(
      'allow staff_t self:capability *;',
      'allow staff_t self:capability { fly };',
    );
    expect(writeFile(m, ROOT, '/sys/fs/selinux/load', bad)).toBe(-22);
    expect(logSince(m, before)).toEqual([
      expect.stringMatching(/^SELinux: {2}policy:\d+:\d+: permission fly is not defined for class capability$/),
      'SELinux: failed to load policy',
    ]);
    expect(m.syscall(ROOT, 'lsm_config_system_policy', { lsm_id: 101, policy: 'type x' }).errno).toBe('-EINVAL');
    expect(writeFile(m, ROOT, '/etc/shadow', 'x\n')).toBe(-13);
  });

  it('a reload without security:setenforce for staff_t: setenforce is denied on the security class', () => {
    const m = fedora();
    const p = SELINUX_FEDORA_POLICY.replace(
      'security_t:security { load_policy setenforce setbool }',
      'security_t:security { load_policy }',
    );
    expect(m.syscall(ROOT, 'lsm_config_system_policy', { lsm_id: 101, policy: p }).ret).toBe(0);
    const before = m.logCount;
    expect(writeFile(m, ROOT, '/sys/fs/selinux/enforce', '0')).toBe(-13);
    expect(avcs(m, before)).toEqual([
      'avc:  denied  { setenforce } for  pid=1001 comm="bash" scontext=staff_u:staff_r:staff_t:s0 tcontext=system_u:object_r:security_t:s0 tclass=security permissive=0',
    ]);
  });

  it('a permissive domain (permissive staff_t;) is logged with permissive=1 while enforcing', () => {
    const m = bootMachine({ policies: { selinux: `${SELINUX_FEDORA_POLICY}\npermissive staff_t;\n` } });
    const before = m.logCount;
    expect(writeFile(m, ROOT, '/etc/shadow', 'x\n')).toBe(2);
    expect(avcs(m, before)).toEqual([
      expect.stringMatching(/\{ write \} .*scontext=staff_u:staff_r:staff_t:s0 .* permissive=1$/),
    ]);
  });
});

describe('selinux: auditallow and dontaudit (avc_audit_required())', () => {
  it('auditallow writes a "granted" record without permissive=; dontaudit silences a denial', () => {
    const extra = 'auditallow user_t user_home_t:file read;\ndontaudit user_t var_log_t:dir search;\n';
    const m = bootMachine({ policies: { selinux: `${SELINUX_FEDORA_POLICY}${extra}` } });
    let before = m.logCount;
    expect(readFile(m, ALICE, '/home/alice/notes.txt')).toBe('buy milk\n');
    // Both may_open()'s inode_permission and file_open ask for read: two records (inode, then file data).
    expect(avcs(m, before)).toEqual([
      expect.stringMatching(
        /^avc: {2}granted {2}\{ read \} for {2}pid=1102 comm="bash" name="notes.txt" dev="vda1" ino=\d+ scontext=user_u:user_r:user_t:s0 tcontext=system_u:object_r:user_home_t:s0 tclass=file$/,
      ),
      expect.stringMatching(
        /^avc: {2}granted {2}\{ read \} for {2}pid=1102 comm="bash" path="\/home\/alice\/notes.txt" dev="vda1"/,
      ),
    ]);
    before = m.logCount;
    expect(readFile(m, ALICE, '/var/log/auth.log')).toBe(-13);
    expect(avcs(m, before)).toEqual([]);
  });
});

describe('selinux: every kernel version', () => {
  for (const kernelVersion of ['7.1', '6.18', '6.8'] as const) {
    it(`${kernelVersion}: the shadow denial, the passwd transition and a relabel`, () => {
      const m = bootMachine({ kernelVersion, policies: { selinux: SELINUX_FEDORA_POLICY } });
      const before = m.logCount;
      expect(writeFile(m, ROOT, '/etc/shadow', 'x\n')).toBe(-13);
      expect(avcs(m, before)).toEqual([expect.stringContaining('{ write } for  pid=1001 comm="bash" name="shadow"')]);
      expect(m.syscall(ALICE, 'execve', { path: '/usr/bin/passwd', argv: 'passwd' }).ret).toBe(0);
      expect(current(m, ALICE)).toBe('user_u:user_r:passwd_t:s0');
      expect(m.syscall(ROOT, 'chmod', { path: '/etc/shadow', mode: '0600' }).errno).toBe('-EACCES');
      expect(label(m, ROOT, '/sys/fs/selinux/booleans/allow_user_shadow')).toBe('system_u:object_r:security_t:s0');
    });
  }
});

describe('selinux: the permissive example', () => {
  it('logs each first access (capability records end "capability=N  scontext") and allows it', () => {
    const m = bootMachine({ policies: { selinux: SELINUX_PERMISSIVE_POLICY } });
    expect(readFile(m, ROOT, '/sys/fs/selinux/enforce')).toBe('0');
    expect(current(m, ROOT)).toBe('system_u:system_r:unconfined_t:s0');
    const before = m.logCount;
    // root reading alice's 0750 home directory needs CAP_DAC_READ_SEARCH (or DAC_OVERRIDE).
    const o = m.syscall(ROOT, 'openat', { path: '/home/alice', flags: 'O_RDONLY|O_DIRECTORY' });
    expect(o.ret).toBeGreaterThanOrEqual(0);
    const lines = avcs(m, before);
    expect(
      lines.some((l) =>
        /^avc: {2}denied {2}\{ dac_read_search \} for {2}pid=1001 comm="bash" capability=2 {2}scontext=system_u:system_r:unconfined_t:s0 tcontext=system_u:system_r:unconfined_t:s0 tclass=capability permissive=1$/.test(
          l,
        ),
      ),
    ).toBe(true);
    // This policy has no user_home_dir_t: the label reads as unlabeled_t, with its own string as trawcon.
    const ino = m.world.rootMount.mnt_root.d_inode!.children!.get('home')!.d_inode!.children!.get('alice')!.d_inode!
      .i_ino;
    expect(lines).toContain(
      `avc:  denied  { read } for  pid=1001 comm="bash" name="alice" dev="vda1" ino=${ino} scontext=system_u:system_r:unconfined_t:s0 tcontext=system_u:object_r:unlabeled_t:s0 tclass=dir permissive=1 trawcon="system_u:object_r:user_home_dir_t:s0"`,
    );
  });
});

describe('selinux: the golden scenario', () => {
  it('e2e/fixtures/scenarios/selinux-shadow.json loads the default policy as exported', async () => {
    const { readFileSync } = await import('node:fs');
    const url = new URL('../../../../../e2e/fixtures/scenarios/selinux-shadow.json', import.meta.url);
    const json = JSON.parse(readFileSync(url.pathname, 'utf8')) as { steps: { args: { policy?: string } }[] };
    expect(json.steps[0]!.args.policy).toBe(SELINUX_FEDORA_POLICY);
  });
});

describe('selinux: /proc/<pid>/attr writes and ptrace', () => {
  it('a task writes its own attr/exec (selinux_setprocattr(), process:setexec); another task’s is -EACCES', () => {
    const m = fedora();
    const child = forkAs(m, ALICE);
    // selinux_lsm_setattr() drops the trailing newline from the size it returns.
    expect(writeFile(m, child, `/proc/${child}/attr/exec`, 'user_u:user_r:passwd_t:s0\n')).toBe(25);
    expect(readFile(m, ROOT, `/proc/${child}/attr/exec`)).toBe('user_u:user_r:passwd_t:s0\0');
    expect(writeFile(m, ALICE, `/proc/${child}/attr/exec`, 'user_u:user_r:user_t:s0')).toBe(-13);
    // An invalid context: -EINVAL.
    expect(writeFile(m, child, `/proc/${child}/attr/exec`, 'user_u:user_r:shadow_t:s0')).toBe(-22);
    // The exec context is used at the next execve: passwd_t may run passwd_exec_t.
    expect(m.syscall(child, 'execve', { path: '/usr/bin/passwd', argv: 'passwd' }).ret).toBe(0);
    expect(current(m, child)).toBe('user_u:user_r:passwd_t:s0');
    expect(readFile(m, ROOT, `/proc/${child}/attr/exec`)).toBe('');
  });

  it('ptrace attach checks process:ptrace with no audit data beyond pid and comm', () => {
    const m = bootMachine({ policies: { selinux: SELINUX_PERMISSIVE_POLICY } });
    const child = forkAs(m, ALICE);
    const before = m.logCount;
    expect(m.syscall(ALICE, 'ptrace', { request: 16, pid: child }).ret).toBe(0);
    expect(avcs(m, before)).toContain(
      'avc:  denied  { ptrace } for  pid=1102 comm="bash" scontext=system_u:system_r:unconfined_t:s0 tcontext=system_u:system_r:unconfined_t:s0 tclass=process permissive=1',
    );
  });
});

describe('selinux: /sys/fs/selinux/policy (sel_open_policy())', () => {
  it('reads the loaded policy back with security:read_policy, and is refused without it', () => {
    const m = fedora();
    const before = m.logCount;
    expect(readFile(m, ROOT, '/sys/fs/selinux/policy')).toBe(-13);
    expect(avcs(m, before)).toEqual([expect.stringMatching(/\{ read_policy \} .*scontext=staff_u:staff_r:staff_t:s0/)]);
    const readable = `${SELINUX_FEDORA_POLICY}allow staff_t security_t:security read_policy;\n`;
    const m2 = bootMachine({ policies: { selinux: readable } });
    expect(readFile(m2, ROOT, '/sys/fs/selinux/policy')).toBe(readable);
    // What it reads loads again as a whole through lsm_config_system_policy().
    const again = `${readable}allow staff_t shadow_t:file write;\n`;
    expect(m2.syscall(ROOT, 'lsm_config_system_policy', { lsm_id: 101, policy: again }).ret).toBe(0);
    expect(readFile(m2, ROOT, '/sys/fs/selinux/policy')).toBe(again);
    expect(writeFile(m2, ROOT, '/etc/shadow', 'x\n')).toBe(2);
  });
});

describe('selinux: inode_link (selinux_inode_link() → may_link(MAY_LINK))', () => {
  it('asks dir { add_name search } on the new directory and file { link } on the inode, by its label', () => {
    const m = fedora();
    const ok = m.syscall(ALICE, 'linkat', { oldpath: '/home/alice/notes.txt', newpath: '/tmp/notes.txt' });
    expect(ok.ret).toBe(0);
    expect(verdictsOf(ok, 'inode_link')).toContain('selinux:default'); // 0: allowed
    expect(label(m, ALICE, '/tmp/notes.txt')).toBe('system_u:object_r:user_home_t:s0');

    const noLink = SELINUX_FEDORA_POLICY.replace(
      'allow user_t user_home_t:{ file lnk_file } *;',
      'allow user_t user_home_t:{ file lnk_file } { read write open getattr };',
    );
    const m2 = bootMachine({ policies: { selinux: noLink } });
    const before = m2.logCount;
    const r = m2.syscall(ALICE, 'linkat', { oldpath: '/home/alice/notes.txt', newpath: '/tmp/notes.txt' });
    expect(r.errno).toBe('-EACCES');
    expect(avcs(m2, before)).toEqual([
      expect.stringMatching(
        /^avc: {2}denied {2}\{ link \} for {2}pid=1102 comm="bash" name="notes.txt" .*tclass=file permissive=0$/,
      ),
    ]);
  });
});
