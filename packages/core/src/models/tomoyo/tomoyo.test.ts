// TOMOYO's rules as Documentation/admin-guide/LSM/tomoyo.rst and security/tomoyo/ give them:
// each execve() moves a task to the domain "<parent domain> <program>" (tomoyo_find_next_domain(),
// domain.c), unless the exception policy's initialize_domain / keep_domain / reset_domain say
// otherwise; the domain's profile picks the mode; a request the domain's ACLs (file.c) do not
// allow is added to them in learning mode (tomoyo_add_entry()), passes in permissive mode and is
// refused with -EPERM in enforcing mode (tomoyo_supervisor(), common.c). Every refusal the profile
// wants logged becomes a record of /sys/kernel/security/tomoyo/audit (tomoyo_init_log(), audit.c);
// TOMOYO 2.6 prints no kernel-log line for it.
import { describe, expect, it } from 'vitest';
import type { Machine } from '../../machine/machine';
import { ALICE, ROOT, bootMachine, forkAs, logSince, readFile, verdictsOf, writeFile } from '../testing';
import { TOMOYO_DEFAULT_DOMAIN_POLICY } from './defaultPolicy';
import { pathMatches, tomoyoEncode, wordProblem } from './pathnames';

const SEC = '/sys/kernel/security/tomoyo';
const TOMOYO = { cmdline: 'lsm=tomoyo' };

function boot(policy?: string): Machine {
  return bootMachine({ ...TOMOYO, ...(policy !== undefined ? { policies: { tomoyo: policy } } : {}) });
}

/** fork() as `parent` and execve(path) in the child: the child's pid, or the exec's errno. */
function run(m: Machine, parent: number, path: string): { pid: number; errno: string | null } {
  const pid = forkAs(m, parent);
  const r = m.syscall(pid, 'execve', { path, argv: path.split('/').pop()! });
  return { pid, errno: r.errno ?? null };
}

/** The task blob's domain_info (struct tomoyo_task). */
function domainOf(m: Machine, pid: number): string {
  const blob = m.task(pid)!.security as unknown as { contents(): { lsm: string; value: unknown }[] };
  return (blob.contents().find((c) => c.lsm === 'tomoyo')?.value as { domain_info: string }).domain_info;
}

/**
 * The records in the audit log (each read takes one). Reading the log is itself a request of
 * root's domain, which logs it when it is not allowed: those records are left out, and at most
 * 50 reads are made.
 */
function drainAudit(m: Machine): string[] {
  const out: string[] = [];
  for (let i = 0; i < 50; i++) {
    const r = readFile(m, ROOT, `${SEC}/audit`);
    if (typeof r !== 'string' || r === '') break;
    if (!r.endsWith('file read securityfs:/tomoyo/audit\n')) out.push(r);
  }
  return out;
}

const header = (m: Machine, pid: number, profile: number, mode: string): string => {
  const t = m.task(pid)!;
  const c = t.cred;
  return `#2026/11/22 00:00:00# profile=${profile} mode=${mode} granted=no (global-pid=${pid}) task={ pid=${pid} ppid=${t.ppid} uid=${c.uid} gid=${c.gid} euid=${c.euid} egid=${c.egid} suid=${c.suid} sgid=${c.sgid} fsuid=${c.fsuid} fsgid=${c.fsgid} }`;
};

describe('tomoyo: boot', () => {
  it('prints the init and activation lines; the built-in profiles, managers and exception policy are loaded', () => {
    const m = boot();
    const log = m.dmesg();
    expect(log).toContain('TOMOYO Linux initialized');
    expect(log).toContain('TOMOYO: 2.6.0');
    expect(log).toContain('Mandatory Access Control activated.');
    expect(readFile(m, ROOT, `${SEC}/domain_policy`)).toBe('<kernel>\nuse_profile 0\n\n\n');
    expect(readFile(m, ROOT, `${SEC}/profile`)).toContain('3-CONFIG={ mode=enforcing grant_log=no reject_log=yes }\n');
    expect(readFile(m, ROOT, `${SEC}/exception_policy`)).toBe(
      'initialize_domain /usr/sbin/sshd from any\ninitialize_domain /usr/sbin/cron from any\n',
    );
    expect(readFile(m, ROOT, `${SEC}/manager`)).toBe('/usr/sbin/init\n/usr/bin/bash\n');
    // 0600 files: DAC keeps alice out.
    expect(readFile(m, ALICE, `${SEC}/domain_policy`)).toBe(-13);
  });

  it('init writes BootConfig.policies.tomoyo to domain_policy', () => {
    const m = boot(TOMOYO_DEFAULT_DOMAIN_POLICY);
    expect(m.bootPolicyResults).toEqual([
      { lsm: 'tomoyo', path: `${SEC}/domain_policy`, rc: TOMOYO_DEFAULT_DOMAIN_POLICY.length },
    ]);
    expect(readFile(m, ROOT, `${SEC}/domain_policy`)).toContain(
      '<kernel> /usr/bin/cat\nuse_profile 3\n\nfile read /etc/passwd\n',
    );
  });
});

describe('tomoyo: domains', () => {
  it('each execve() appends the program to the domain; fork keeps it (tomoyo_task_alloc())', () => {
    const m = boot();
    expect(domainOf(m, ALICE)).toBe('<kernel>');
    const cat = run(m, ALICE, '/usr/bin/cat');
    expect(cat.errno).toBeNull();
    expect(domainOf(m, cat.pid)).toBe('<kernel> /usr/bin/cat');
    expect(readFile(m, cat.pid, `${SEC}/self_domain`)).toBe('<kernel> /usr/bin/cat');
    expect(m.syscall(cat.pid, 'execve', { path: '/bin/ls', argv: 'ls' }).ret).toBe(0);
    // The realpath of the binary: /bin is a symlink to usr/bin.
    expect(domainOf(m, cat.pid)).toBe('<kernel> /usr/bin/cat /usr/bin/ls');
    expect(domainOf(m, forkAs(m, cat.pid))).toBe('<kernel> /usr/bin/cat /usr/bin/ls');
    // The new domains exist in the policy, with the parent's profile.
    expect(readFile(m, ROOT, `${SEC}/domain_policy`)).toContain('<kernel> /usr/bin/cat /usr/bin/ls\nuse_profile 0\n');
  });

  it('initialize_domain starts a new tree; keep_domain stays; no_keep_domain undoes keep', () => {
    const m = boot();
    const sshd = run(m, ALICE, '/usr/sbin/sshd');
    expect(domainOf(m, sshd.pid)).toBe('<kernel> /usr/sbin/sshd');
    expect(writeFile(m, ROOT, `${SEC}/exception_policy`, 'keep_domain <kernel> /usr/bin/cat\n')).toBe(34);
    const cat = run(m, ALICE, '/usr/bin/cat');
    m.syscall(cat.pid, 'execve', { path: '/usr/bin/ls', argv: 'ls' });
    expect(domainOf(m, cat.pid)).toBe('<kernel> /usr/bin/cat');
    // tomoyo_read_exception() prints every control as "<type>_domain <program|any> from <domain|any>".
    expect(readFile(m, ROOT, `${SEC}/exception_policy`)).toContain('keep_domain any from <kernel> /usr/bin/cat\n');
    writeFile(m, ROOT, `${SEC}/exception_policy`, 'no_keep_domain /usr/bin/ls from <kernel> /usr/bin/cat\n');
    m.syscall(cat.pid, 'execve', { path: '/usr/bin/ls', argv: 'ls' });
    expect(domainOf(m, cat.pid)).toBe('<kernel> /usr/bin/cat /usr/bin/ls');
  });

  it('a failed execve() leaves the task in its old domain (tomoyo_cred_prepare() restores it)', () => {
    const m = boot();
    writeFile(m, ROOT, '/tmp/script', 'not an ELF', 'O_WRONLY|O_CREAT');
    m.syscall(ROOT, 'chmod', { path: '/tmp/script', mode: '0755' });
    const child = forkAs(m, ALICE);
    expect(m.syscall(child, 'execve', { path: '/tmp/script', argv: 'script' }).errno).toBe('-ENOEXEC');
    forkAs(m, child);
    expect(domainOf(m, child)).toBe('<kernel>');
  });
});

describe('tomoyo: modes', () => {
  it('learning adds each request to the domain; enforcing then refuses what was not learned', () => {
    const m = boot('<kernel>\nuse_profile 1\n');
    const cat = run(m, ALICE, '/usr/bin/cat');
    expect(readFile(m, cat.pid, '/etc/hostname')).toBe('playground\n');
    expect(readFile(m, cat.pid, '/home/alice/notes.txt')).toBe('buy milk\n');
    const learned = readFile(m, ROOT, `${SEC}/domain_policy`) as string;
    expect(learned).toContain('<kernel>\nuse_profile 1\n\nfile execute /usr/bin/cat\n');
    expect(learned).toContain(
      '<kernel> /usr/bin/cat\nuse_profile 1\n\nfile read /etc/hostname\nfile read /home/alice/notes.txt\n',
    );
    drainAudit(m);
    expect(writeFile(m, ROOT, `${SEC}/domain_policy`, '<kernel> /usr/bin/cat\nuse_profile 3\n')).toBe(36);
    const cat2 = run(m, ALICE, '/usr/bin/cat');
    expect(readFile(m, cat2.pid, '/etc/hostname')).toBe('playground\n');
    const before = m.logCount;
    expect(readFile(m, cat2.pid, '/etc/passwd')).toBe(-1);
    // No kernel log line: the refusal is an audit record.
    expect(logSince(m, before)).toEqual([]);
    const ino = m.world.rootMount.mnt_root.d_inode!.children!.get('etc')!.d_inode!.children!.get('passwd')!.d_inode!;
    const etc = m.world.rootMount.mnt_root.d_inode!.children!.get('etc')!.d_inode!;
    // (root's own writes to domain_policy were learned in <kernel>, and logged: left out here.)
    expect(drainAudit(m).filter((r) => r.includes(`(global-pid=${cat2.pid})`))).toEqual([
      `${header(m, cat2.pid, 3, 'enforcing')} path1={ uid=0 gid=0 ino=${ino.i_ino} major=254 minor=1 perm=0644 type=file } path1.parent={ uid=0 gid=0 ino=${etc.i_ino} perm=0755 }\n<kernel> /usr/bin/cat\nfile read /etc/passwd\n`,
    ]);
  });

  it('permissive allows and logs; disabled checks nothing', () => {
    const m = boot('<kernel>\nuse_profile 2\n');
    const cat = run(m, ALICE, '/usr/bin/cat');
    expect(readFile(m, cat.pid, '/etc/passwd')).toContain('root:x:0:0');
    const recs = drainAudit(m);
    expect(recs.some((r) => r.includes('mode=permissive granted=no') && r.endsWith('file read /etc/passwd\n'))).toBe(
      true,
    );
    expect(readFile(m, ROOT, `${SEC}/domain_policy`)).not.toContain('file read /etc/passwd');
  });

  it('an enforcing domain may not execute a program its policy does not list', () => {
    const m = boot('<kernel>\nuse_profile 3\nfile execute /usr/bin/cat\n');
    expect(run(m, ALICE, '/usr/bin/cat').errno).toBeNull();
    const ls = run(m, ALICE, '/usr/bin/ls');
    expect(ls.errno).toBe('-EPERM');
    expect(domainOf(m, ls.pid)).toBe('<kernel>');
  });

  it('path operations: create, mkdir, chmod, rename, unlink, in the kernel’s message formats', () => {
    const m = boot('<kernel>\nuse_profile 1\n');
    writeFile(m, ALICE, '/tmp/a', 'x', 'O_WRONLY|O_CREAT');
    m.syscall(ALICE, 'mkdirat', { path: '/tmp/d', mode: '0750' });
    m.syscall(ALICE, 'chmod', { path: '/tmp/a', mode: '0600' });
    m.syscall(ALICE, 'renameat2', { oldpath: '/tmp/a', newpath: '/tmp/b' });
    m.syscall(ALICE, 'unlinkat', { path: '/tmp/b' });
    const policy = readFile(m, ROOT, `${SEC}/domain_policy`) as string;
    for (const line of [
      'file create /tmp/a 0644',
      'file write /tmp/a',
      'file mkdir /tmp/d/ 0750',
      'file chmod /tmp/a 0600',
      'file rename /tmp/a /tmp/b',
      'file unlink /tmp/b',
    ])
      expect(policy).toContain(`${line}\n`);
  });
});

describe('tomoyo: path_link (tomoyo_path_link() → tomoyo_path2_perm(TOMOYO_TYPE_LINK))', () => {
  it('learns "file link <old> <new>" and, enforcing, allows only the named pair', () => {
    const learn = boot('<kernel>\nuse_profile 1\n');
    writeFile(learn, ALICE, '/tmp/a', 'x', 'O_WRONLY|O_CREAT');
    expect(learn.syscall(ALICE, 'linkat', { oldpath: '/tmp/a', newpath: '/tmp/b' }).ret).toBe(0);
    expect(readFile(learn, ROOT, `${SEC}/domain_policy`) as string).toContain('file link /tmp/a /tmp/b\n');

    const m = boot('<kernel>\nuse_profile 3\nfile create /tmp/a 0644\nfile write /tmp/a\nfile link /tmp/a /tmp/b\n');
    writeFile(m, ALICE, '/tmp/a', 'x', 'O_WRONLY|O_CREAT');
    const ok = m.syscall(ALICE, 'linkat', { oldpath: '/tmp/a', newpath: '/tmp/b' });
    expect(ok.ret).toBe(0);
    expect(verdictsOf(ok, 'path_link')).toEqual(['tomoyo:default']); // 0: allowed
    const denied = m.syscall(ALICE, 'linkat', { oldpath: '/tmp/a', newpath: '/tmp/c' });
    expect(denied.errno).toBe('-EPERM');
    expect(verdictsOf(denied, 'path_link')).toEqual(['tomoyo:deny']);
  });
});

describe('tomoyo: groups', () => {
  it('"@group" names a path_group; use_group adds an acl_group’s ACLs to the domain (tomoyo_check_acl())', () => {
    const m = boot('<kernel> /usr/bin/cat\nuse_profile 3\nfile read @ETC\n');
    expect(
      writeFile(
        m,
        ROOT,
        `${SEC}/exception_policy`,
        'path_group ETC /etc/passwd\npath_group ETC /etc/gr\\*\nacl_group 5 file read /etc/hostname\n',
      ),
    ).toBe(88);
    const cat = run(m, ALICE, '/usr/bin/cat');
    expect(readFile(m, cat.pid, '/etc/passwd')).toContain('root:x:0:0');
    expect(readFile(m, cat.pid, '/etc/group')).toContain('root:x:0:');
    expect(readFile(m, cat.pid, '/etc/hostname')).toBe(-1);
    writeFile(m, ROOT, `${SEC}/domain_policy`, '<kernel> /usr/bin/cat\nuse_group 5\n');
    expect(readFile(m, cat.pid, '/etc/hostname')).toBe('playground\n');
    expect(readFile(m, ROOT, `${SEC}/exception_policy`)).toContain('acl_group 5 file read /etc/hostname\n');
  });
});

describe('tomoyo: writing the policy', () => {
  it('a bad line refuses the whole write with line:col, and nothing of it is loaded', () => {
    const m = boot();
    const before = m.logCount;
    expect(
      writeFile(m, ROOT, `${SEC}/domain_policy`, '<kernel> /usr/bin/cat\nfile read /etc/passwd\nfile frobnicate /x\n'),
    ).toBe(-22);
    expect(logSince(m, before)).toEqual([
      'TOMOYO: domain_policy: 3:6: "frobnicate" is not a file operation; nothing loaded',
    ]);
    expect(readFile(m, ROOT, `${SEC}/domain_policy`)).not.toContain('/usr/bin/cat');
    expect(writeFile(m, ROOT, `${SEC}/domain_policy`, 'file read /etc/passwd\n')).toBe(-22);
    expect(writeFile(m, ROOT, `${SEC}/domain_policy`, '<kernel>\nfile read /etc/\\q\n')).toBe(-22);
    expect(logSince(m, before).at(-1)).toBe(
      'TOMOYO: domain_policy: 2:16: path "/etc/\\q": "\\q" is not a TOMOYO escape; nothing loaded',
    );
    expect(writeFile(m, ROOT, `${SEC}/profile`, '1-CONFIG={ mode=sleepy }\n')).toBe(-22);
  });

  it('only managers may write: root’s bash is one, a root python3 is not', () => {
    const m = boot();
    const py = run(m, ROOT, '/usr/bin/python3');
    const before = m.logCount;
    expect(writeFile(m, py.pid, `${SEC}/domain_policy`, '<kernel>\nuse_profile 1\n')).toBe(-1);
    expect(logSince(m, before)).toEqual([
      '<kernel> /usr/bin/python3 ( /usr/bin/python3 ) is not permitted to update policies.',
    ]);
    expect(writeFile(m, ROOT, `${SEC}/manager`, '/usr/bin/python3\n')).toBe(17);
    expect(writeFile(m, py.pid, `${SEC}/domain_policy`, '<kernel>\nuse_profile 1\n')).toBe(23);
  });

  it('delete removes permissions, a domain, a transition control', () => {
    const m = boot('<kernel> /usr/bin/cat\nfile read/write /tmp/x\n');
    writeFile(m, ROOT, `${SEC}/domain_policy`, '<kernel> /usr/bin/cat\ndelete file write /tmp/x\n');
    expect(readFile(m, ROOT, `${SEC}/domain_policy`)).toContain('\nfile read /tmp/x\n');
    writeFile(m, ROOT, `${SEC}/domain_policy`, 'delete <kernel> /usr/bin/cat\n');
    expect(readFile(m, ROOT, `${SEC}/domain_policy`)).not.toContain('/usr/bin/cat');
    writeFile(m, ROOT, `${SEC}/exception_policy`, 'delete initialize_domain /usr/sbin/sshd from any\n');
    expect(readFile(m, ROOT, `${SEC}/exception_policy`)).toBe('initialize_domain /usr/sbin/cron from any\n');
  });
});

describe('tomoyo: pathname patterns (tomoyo_path_matches_pattern())', () => {
  it('matches the wildcards within one component, \\{dir\\} across directories', () => {
    expect(pathMatches('/tmp/a.txt', '/tmp/\\*')).toBe(true);
    expect(pathMatches('/tmp/d/a.txt', '/tmp/\\*')).toBe(false);
    expect(pathMatches('/tmp/d/', '/tmp/\\*')).toBe(false);
    expect(pathMatches('/tmp/d/', '/tmp/\\*/')).toBe(true);
    expect(pathMatches('/home/alice/notes.txt', '/home/\\*/\\*.txt')).toBe(true);
    expect(pathMatches('/proc/123/status', '/proc/\\$/status')).toBe(true);
    expect(pathMatches('/proc/self/status', '/proc/\\$/status')).toBe(false);
    expect(pathMatches('/etc/x.conf', '/etc/\\@')).toBe(false);
    expect(pathMatches('/etc/x.conf', '/etc/\\@.conf')).toBe(true);
    expect(pathMatches('/etc/xconf', '/etc/\\@conf')).toBe(true);
    expect(pathMatches('/var/www/a/b/c.html', '/var/www/\\{\\*\\}/\\*.html')).toBe(true);
    expect(pathMatches('/var/www/c.html', '/var/www/\\{\\*\\}/\\*.html')).toBe(false);
    expect(pathMatches('/etc/shadow', '/etc/\\*\\-shadow')).toBe(false);
    expect(pathMatches('/etc/passwd', '/etc/\\*\\-shadow')).toBe(true);
    expect(tomoyoEncode('/tmp/a b\\c')).toBe('/tmp/a\\040b\\\\c');
    expect(wordProblem('/tmp/\\{x')).not.toBeNull();
  });
});
