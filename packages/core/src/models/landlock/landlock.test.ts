// Landlock's model: the three syscalls' argument checks (security/landlock/syscalls.c), the access
// rules of Documentation/userspace-api/landlock.rst (a right handled by a layer is allowed only
// beneath a rule of that layer granting it; every layer must allow; the domain is inherited and
// can only grow), and the audit records of security/landlock/audit.c.
import { describe, expect, it } from 'vitest';
import type { Machine } from '../../machine/machine';
import type { KernelVersion } from '../../version';
import { ALICE, ROOT, bootMachine, forkAs, hooksOf, logSince, readFile, verdictsOf, writeFile } from '../testing';
import {
  LANDLOCK_ACCESS_FS_EXECUTE,
  LANDLOCK_ACCESS_FS_MAKE_DIR,
  LANDLOCK_ACCESS_FS_MAKE_REG,
  LANDLOCK_ACCESS_FS_READ_DIR,
  LANDLOCK_ACCESS_FS_READ_FILE,
  LANDLOCK_ACCESS_FS_REFER,
  LANDLOCK_ACCESS_FS_REMOVE_FILE,
  LANDLOCK_ACCESS_FS_TRUNCATE,
  LANDLOCK_ACCESS_FS_WRITE_FILE,
  LANDLOCK_ACCESS_NET_BIND_TCP,
  LANDLOCK_CREATE_RULESET_ERRATA,
  LANDLOCK_CREATE_RULESET_VERSION,
  LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON,
  LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF,
  LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF,
  LANDLOCK_RULE_NET_PORT,
  LANDLOCK_SCOPE_SIGNAL,
} from './uapi';

const PR_SET_NO_NEW_PRIVS = 38;
const READ = LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR | LANDLOCK_ACCESS_FS_EXECUTE;
const HANDLED =
  READ |
  LANDLOCK_ACCESS_FS_WRITE_FILE |
  LANDLOCK_ACCESS_FS_MAKE_REG |
  LANDLOCK_ACCESS_FS_MAKE_DIR |
  LANDLOCK_ACCESS_FS_REMOVE_FILE |
  LANDLOCK_ACCESS_FS_TRUNCATE;

function sc(m: Machine, pid: number, name: string, args: Record<string, number | string> = {}): number {
  const r = m.syscall(pid, name, args);
  if (r.error) throw new Error(r.error);
  return r.ret!;
}

/** prctl(PR_SET_NO_NEW_PRIVS) and a ruleset handling `handled`, rules { path: access }, enforced. */
function sandbox(m: Machine, pid: number, handled: number, rules: Record<string, number>, flags = 0): number {
  sc(m, pid, 'prctl', { option: PR_SET_NO_NEW_PRIVS, arg2: 1 });
  const fd = sc(m, pid, 'landlock_create_ruleset', { handled_access_fs: handled });
  expect(fd).toBeGreaterThanOrEqual(0);
  for (const [path, access] of Object.entries(rules)) {
    const dir = sc(m, pid, 'openat', { path, flags: 'O_PATH|O_CLOEXEC' });
    expect(sc(m, pid, 'landlock_add_rule', { ruleset_fd: fd, parent_fd: dir, allowed_access: access })).toBe(0);
    sc(m, pid, 'close', { fd: dir });
  }
  const rc = sc(m, pid, 'landlock_restrict_self', { ruleset_fd: fd, flags });
  sc(m, pid, 'close', { fd });
  return rc;
}

describe('landlock_create_ruleset', () => {
  // syscalls.c landlock_abi_version: 9 in the 7.1 tree, 7 in 6.18; LANDLOCK_ABI_VERSION 4 in 6.8.
  it.each([
    ['7.1', 9],
    ['6.18', 7],
    ['6.8', 4],
  ] as const)('LANDLOCK_CREATE_RULESET_VERSION returns the ABI of %s: %i', (v, abi) => {
    const m = bootMachine({ kernelVersion: v as KernelVersion });
    expect(sc(m, ALICE, 'landlock_create_ruleset', { flags: LANDLOCK_CREATE_RULESET_VERSION })).toBe(abi);
  });

  it('checks its arguments in the kernel order', () => {
    const m = bootMachine();
    // flags with a non-NULL attr or a size: -EINVAL; ERRATA returns the errata bits (1, 2 and 3).
    expect(sc(m, ALICE, 'landlock_create_ruleset', { flags: 1, attr: 1, size: 0 })).toBe(-22);
    expect(sc(m, ALICE, 'landlock_create_ruleset', { flags: 1, attr: 0, size: 24 })).toBe(-22);
    expect(sc(m, ALICE, 'landlock_create_ruleset', { flags: LANDLOCK_CREATE_RULESET_ERRATA })).toBe(7);
    expect(sc(m, ALICE, 'landlock_create_ruleset', { flags: 4 })).toBe(-22);
    // copy_min_struct_from_user(): NULL -EFAULT, < 8 bytes -EINVAL, > PAGE_SIZE -E2BIG.
    expect(sc(m, ALICE, 'landlock_create_ruleset', { attr: 0, size: 24, handled_access_fs: 1 })).toBe(-14);
    expect(sc(m, ALICE, 'landlock_create_ruleset', { size: 4, handled_access_fs: 1 })).toBe(-22);
    expect(sc(m, ALICE, 'landlock_create_ruleset', { size: 4097, handled_access_fs: 1 })).toBe(-7);
    // Unknown rights -EINVAL; nothing handled -ENOMSG.
    expect(sc(m, ALICE, 'landlock_create_ruleset', { handled_access_fs: 1 << 17 })).toBe(-22);
    expect(sc(m, ALICE, 'landlock_create_ruleset', { handled_access_net: 4 })).toBe(-22);
    expect(sc(m, ALICE, 'landlock_create_ruleset', { scoped: 4 })).toBe(-22);
    expect(sc(m, ALICE, 'landlock_create_ruleset', {})).toBe(-42);
    // A size of 8 reads handled_access_fs only: the net rights are not seen.
    expect(sc(m, ALICE, 'landlock_create_ruleset', { size: 8, handled_access_net: 1 })).toBe(-42);
    const fd = sc(m, ALICE, 'landlock_create_ruleset', { handled_access_fs: HANDLED });
    expect(fd).toBeGreaterThanOrEqual(0);
    expect(m.world.tasks.get(ALICE)!.files.get(fd)!.f_path.dentry.d_name).toBe('anon_inode:[landlock-ruleset]');
  });

  it('6.8 has no scoped field (-E2BIG for its bytes), no ERRATA flag; RESOLVE_UNIX is 7.1 only', () => {
    const m = bootMachine({ kernelVersion: '6.8' });
    expect(sc(m, ALICE, 'landlock_create_ruleset', { scoped: LANDLOCK_SCOPE_SIGNAL, size: 24 })).toBe(-7);
    expect(sc(m, ALICE, 'landlock_create_ruleset', { flags: LANDLOCK_CREATE_RULESET_ERRATA })).toBe(-22);
    expect(sc(m, ALICE, 'landlock_create_ruleset', { handled_access_fs: 1 << 15 })).toBe(-22);
    const m18 = bootMachine({ kernelVersion: '6.18' });
    expect(sc(m18, ALICE, 'landlock_create_ruleset', { handled_access_fs: 1 << 16 })).toBe(-22);
    expect(sc(m18, ALICE, 'landlock_create_ruleset', { handled_access_fs: 1 << 15 })).toBeGreaterThanOrEqual(0);
  });

  it('is -EOPNOTSUPP when Landlock is not in the LSM order, with a one-time warning', () => {
    const m = bootMachine({ configLsm: 'capability,yama' });
    const from = m.logCount;
    expect(sc(m, ALICE, 'landlock_create_ruleset', { flags: 1 })).toBe(-95);
    expect(sc(m, ALICE, 'landlock_restrict_self', { ruleset_fd: 3 })).toBe(-95);
    expect(logSince(m, from).filter((l) => l.includes('Disabled but requested by user space'))).toHaveLength(1);
  });
});

describe('landlock_add_rule', () => {
  it('checks flags, the ruleset fd, the access and the parent fd', () => {
    const m = bootMachine();
    const fd = sc(m, ALICE, 'landlock_create_ruleset', { handled_access_fs: READ });
    const dir = sc(m, ALICE, 'openat', { path: '/usr', flags: 'O_PATH' });
    const file = sc(m, ALICE, 'openat', { path: '/etc/passwd' });
    const add = (a: Record<string, number>) =>
      sc(m, ALICE, 'landlock_add_rule', { ruleset_fd: fd, parent_fd: dir, ...a });
    expect(add({ allowed_access: READ, flags: 1 })).toBe(-22);
    expect(add({ ruleset_fd: 42, allowed_access: READ })).toBe(-9);
    expect(add({ ruleset_fd: dir, allowed_access: READ })).toBe(-77);
    expect(add({ allowed_access: 0 })).toBe(-42);
    expect(add({ allowed_access: LANDLOCK_ACCESS_FS_WRITE_FILE })).toBe(-22);
    expect(add({ allowed_access: READ, parent_fd: 42 })).toBe(-9);
    expect(add({ allowed_access: READ, parent_fd: fd })).toBe(-77);
    // A rule on a file may only carry file rights (fs.c ACCESS_FILE): READ_DIR is refused.
    expect(add({ allowed_access: READ, parent_fd: file })).toBe(-22);
    expect(add({ allowed_access: LANDLOCK_ACCESS_FS_READ_FILE, parent_fd: file })).toBe(0);
    expect(add({ allowed_access: READ })).toBe(0);
    expect(add({ allowed_access: READ, rule_type: 3 })).toBe(-22);
    // A net rule on a ruleset that handles no net right: -EINVAL; ports above 65535 too.
    expect(add({ rule_type: LANDLOCK_RULE_NET_PORT, allowed_access: LANDLOCK_ACCESS_NET_BIND_TCP, port: 80 })).toBe(
      -22,
    );
    const net = sc(m, ALICE, 'landlock_create_ruleset', { handled_access_net: LANDLOCK_ACCESS_NET_BIND_TCP });
    const netRule = (port: number) =>
      sc(m, ALICE, 'landlock_add_rule', {
        ruleset_fd: net,
        rule_type: LANDLOCK_RULE_NET_PORT,
        allowed_access: LANDLOCK_ACCESS_NET_BIND_TCP,
        port,
      });
    expect(netRule(65536)).toBe(-22);
    expect(netRule(8080)).toBe(0);
  });
});

describe('landlock_restrict_self', () => {
  it('needs no_new_privs or CAP_SYS_ADMIN (-EPERM), known flags, a ruleset fd', () => {
    const m = bootMachine();
    const fd = sc(m, ALICE, 'landlock_create_ruleset', { handled_access_fs: READ });
    expect(sc(m, ALICE, 'landlock_restrict_self', { ruleset_fd: fd })).toBe(-1);
    const rootFd = sc(m, ROOT, 'landlock_create_ruleset', { handled_access_fs: READ });
    expect(sc(m, ROOT, 'landlock_restrict_self', { ruleset_fd: rootFd, flags: 1 << 4 })).toBe(-22);
    expect(sc(m, ROOT, 'landlock_restrict_self', { ruleset_fd: 99 })).toBe(-9);
    const notRuleset = sc(m, ROOT, 'openat', { path: '/etc/hostname' });
    expect(sc(m, ROOT, 'landlock_restrict_self', { ruleset_fd: notRuleset })).toBe(-77);
    // LOG_SUBDOMAINS_OFF alone with ruleset_fd -1 is allowed (ABI 7).
    expect(
      sc(m, ROOT, 'landlock_restrict_self', { ruleset_fd: -1, flags: LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF }),
    ).toBe(0);
    expect(sc(m, ROOT, 'landlock_restrict_self', { ruleset_fd: rootFd })).toBe(0);
  });

  it('stacks at most 16 layers (-E2BIG)', () => {
    const m = bootMachine();
    sc(m, ALICE, 'prctl', { option: PR_SET_NO_NEW_PRIVS, arg2: 1 });
    const fd = sc(m, ALICE, 'landlock_create_ruleset', { handled_access_fs: LANDLOCK_ACCESS_FS_MAKE_DIR });
    for (let i = 0; i < 16; i++) expect(sc(m, ALICE, 'landlock_restrict_self', { ruleset_fd: fd })).toBe(0);
    expect(sc(m, ALICE, 'landlock_restrict_self', { ruleset_fd: fd })).toBe(-7);
  });
});

describe('filesystem access', () => {
  it('allows what a rule grants beneath it, denies other handled rights with -EACCES and an audit record', () => {
    const m = bootMachine();
    expect(sandbox(m, ALICE, HANDLED, { '/usr': READ, '/home/alice': HANDLED })).toBe(0);
    expect(readFile(m, ALICE, '/usr/bin/id')).toContain('ELF');
    const from = m.logCount;
    const r = m.syscall(ALICE, 'openat', { path: '/tmp/x', flags: 'O_WRONLY|O_CREAT' });
    expect(r.errno).toBe('-EACCES');
    expect(verdictsOf(r, 'path_mknod')).toContain('landlock:deny');
    // /etc has no rule: reading /etc/passwd is denied; the domain record comes once, after the first denial.
    expect(readFile(m, ALICE, '/etc/passwd')).toBe(-13);
    const lines = logSince(m, from).filter((l) => l.startsWith('audit:'));
    expect(lines[0]).toMatch(
      /^audit: type=1423 audit\([0-9.]+:\d+\): domain=100000000 blockers=fs\.make_reg path="\/tmp" dev="vda1" ino=\d+$/,
    );
    expect(lines[1]).toMatch(
      /^audit: type=1424 audit\([0-9.]+:\d+\): domain=100000000 status=allocated mode=enforcing pid=1102 uid=1000 exe="\/usr\/bin\/bash" comm="bash"$/,
    );
    expect(lines[2]).toMatch(/domain=100000000 blockers=fs\.read_file path="\/etc\/passwd" dev="vda1" ino=\d+$/);
    expect(lines).toHaveLength(3);
    // Unhandled rights stay allowed: nothing handles MAKE_SYM or REMOVE_DIR here; home is writable.
    expect(writeFile(m, ALICE, '/home/alice/notes.txt', 'x')).toBe(1);
    expect(sc(m, ALICE, 'mkdirat', { path: '/home/alice/d' })).toBe(0);
    expect(sc(m, ALICE, 'mkdirat', { path: '/tmp/d' })).toBe(-13);
  });

  it('is inherited by a forked child and across execve', () => {
    const m = bootMachine();
    sandbox(m, ALICE, HANDLED, { '/usr': READ });
    const child = forkAs(m, ALICE);
    expect(writeFile(m, child, '/tmp/c', 'x', 'O_WRONLY|O_CREAT')).toBe(-13);
    expect(sc(m, child, 'execve', { path: '/usr/bin/cat' })).toBe(0);
    expect(writeFile(m, child, '/tmp/c', 'x', 'O_WRONLY|O_CREAT')).toBe(-13);
    expect(readFile(m, child, '/usr/bin/ls')).toContain('ELF');
    // execve needs EXECUTE beneath a rule: /home/alice has none.
    expect(readFile(m, ROOT, '/etc/hostname')).toBe('playground\n');
  });

  it('logs no record after an exec unless LOG_NEW_EXEC_ON, and none with LOG_SAME_EXEC_OFF', () => {
    const m = bootMachine();
    sandbox(m, ALICE, HANDLED, { '/usr': READ });
    const child = forkAs(m, ALICE);
    sc(m, child, 'execve', { path: '/usr/bin/cat' });
    let from = m.logCount;
    expect(readFile(m, child, '/etc/passwd')).toBe(-13);
    expect(logSince(m, from).filter((l) => l.includes('type=1423'))).toEqual([]);
    const m2 = bootMachine();
    sandbox(m2, ALICE, HANDLED, { '/usr': READ }, LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF);
    from = m2.logCount;
    expect(readFile(m2, ALICE, '/etc/passwd')).toBe(-13);
    expect(logSince(m2, from).filter((l) => l.startsWith('audit:'))).toEqual([]);
  });

  it('stacks layers: each must allow', () => {
    const m = bootMachine();
    sandbox(m, ALICE, HANDLED, { '/usr': READ, '/etc': READ });
    expect(readFile(m, ALICE, '/etc/hostname')).toBe('playground\n');
    sandbox(m, ALICE, READ, { '/usr': READ });
    const from = m.logCount;
    expect(readFile(m, ALICE, '/etc/hostname')).toBe(-13);
    expect(readFile(m, ALICE, '/usr/bin/id')).toContain('ELF');
    // The second layer (domain 100000001) denies: the record names it.
    expect(logSince(m, from).find((l) => l.includes('type=1423'))).toContain('domain=100000001 blockers=fs.read_file');
  });

  it('rename to another directory needs REFER: -EXDEV; removal rights missing: -EACCES', () => {
    const m = bootMachine();
    const ALL = HANDLED | LANDLOCK_ACCESS_FS_REFER;
    sandbox(m, ALICE, ALL, { '/home/alice': HANDLED, '/tmp': HANDLED });
    expect(writeFile(m, ALICE, '/tmp/f', 'x', 'O_WRONLY|O_CREAT')).toBe(1);
    expect(sc(m, ALICE, 'renameat2', { oldpath: '/tmp/f', newpath: '/tmp/g' })).toBe(0);
    expect(sc(m, ALICE, 'renameat2', { oldpath: '/tmp/g', newpath: '/home/alice/g' })).toBe(-18);
    expect(sc(m, ALICE, 'renameat2', { oldpath: '/tmp/g', newpath: '/etc/g' })).toBe(-13);
  });

  it('a landlocked task may not mount (-EPERM, blockers=fs.change_topology)', () => {
    const m = bootMachine();
    sandbox(m, ROOT, HANDLED, { '/': HANDLED });
    const from = m.logCount;
    const r = m.syscall(ROOT, 'mount', { target: '/tmp' });
    expect(r.errno).toBe('-EPERM');
    expect(hooksOf(r)).toContain('sb_mount');
    expect(logSince(m, from).find((l) => l.includes('type=1423'))).toMatch(/blockers=fs\.change_topology path="\/tmp"/);
  });
});

describe('ptrace and signals', () => {
  it('a sandboxed tracer may only trace tasks in its domain or a nested one', () => {
    const m = bootMachine({ cmdline: 'lsm=landlock,capability' });
    const child = forkAs(m, ALICE);
    sandbox(m, ALICE, READ, { '/': READ });
    const from = m.logCount;
    expect(sc(m, ALICE, 'ptrace', { request: 16, pid: child })).toBe(-1);
    expect(logSince(m, from).find((l) => l.includes('type=1423'))).toContain(
      `blockers=ptrace opid=${child} ocomm="bash"`,
    );
    // The unconfined child may trace its sandboxed parent (PTRACE_ATTACH).
    expect(sc(m, child, 'ptrace', { request: 16, pid: ALICE })).toBe(0);
  });

  it('LANDLOCK_SCOPE_SIGNAL: no signal out of the domain', () => {
    const m = bootMachine();
    const other = forkAs(m, ALICE);
    sc(m, ALICE, 'prctl', { option: PR_SET_NO_NEW_PRIVS, arg2: 1 });
    const fd = sc(m, ALICE, 'landlock_create_ruleset', { scoped: LANDLOCK_SCOPE_SIGNAL });
    sc(m, ALICE, 'landlock_restrict_self', { ruleset_fd: fd });
    const inside = forkAs(m, ALICE);
    expect(sc(m, ALICE, 'kill', { pid: other, sig: 18 })).toBe(-1);
    expect(sc(m, ALICE, 'kill', { pid: inside, sig: 18 })).toBe(0);
    expect(sc(m, other, 'kill', { pid: ALICE, sig: 18 })).toBe(0);
  });
});

describe('TCP ports (ABI 4)', () => {
  it('bind and connect need a port rule in every layer that handles the right', () => {
    const m = bootMachine();
    sc(m, ALICE, 'prctl', { option: PR_SET_NO_NEW_PRIVS, arg2: 1 });
    const fd = sc(m, ALICE, 'landlock_create_ruleset', {
      handled_access_net: 'LANDLOCK_ACCESS_NET_BIND_TCP|LANDLOCK_ACCESS_NET_CONNECT_TCP',
    });
    const rule = (port: number, access: string) =>
      sc(m, ALICE, 'landlock_add_rule', {
        ruleset_fd: fd,
        rule_type: LANDLOCK_RULE_NET_PORT,
        allowed_access: access,
        port,
      });
    expect(rule(8080, 'LANDLOCK_ACCESS_NET_BIND_TCP')).toBe(0);
    expect(rule(443, 'LANDLOCK_ACCESS_NET_CONNECT_TCP')).toBe(0);
    expect(sc(m, ALICE, 'landlock_restrict_self', { ruleset_fd: fd })).toBe(0);
    const tcp = () => sc(m, ALICE, 'socket', { family: 2, type: 1, protocol: 0 });
    expect(sc(m, ALICE, 'bind', { fd: tcp(), addr: '0.0.0.0:8080' })).toBe(0);
    const from = m.logCount;
    expect(sc(m, ALICE, 'bind', { fd: tcp(), addr: '0.0.0.0:9090' })).toBe(-13);
    expect(sc(m, ALICE, 'connect', { fd: tcp(), addr: '127.0.0.1:80' })).toBe(-13);
    // connect to 443 passes Landlock; nobody listens there.
    expect(sc(m, ALICE, 'connect', { fd: tcp(), addr: '127.0.0.1:443' })).toBe(-111);
    const records = logSince(m, from).filter((l) => l.includes('type=1423'));
    expect(records[0]).toMatch(/domain=100000000 blockers=net\.bind_tcp src=9090$/);
    expect(records[1]).toMatch(/domain=100000000 blockers=net\.connect_tcp daddr=127\.0\.0\.1 dest=80$/);
    // UDP is not Landlock's business.
    expect(
      sc(m, ALICE, 'bind', { fd: sc(m, ALICE, 'socket', { family: 2, type: 2, protocol: 0 }), addr: '0.0.0.0:9090' }),
    ).toBe(0);
  });
});

describe('domain lifetime', () => {
  it('the last cred holding a logged domain is freed: AUDIT_LANDLOCK_DOMAIN status=deallocated', () => {
    const m = bootMachine();
    const child = forkAs(m, ALICE);
    sandbox(m, child, HANDLED, { '/usr': READ });
    expect(readFile(m, child, '/etc/passwd')).toBe(-13);
    expect(readFile(m, child, '/etc/group')).toBe(-13);
    const from = m.logCount;
    sc(m, child, 'exit', { error_code: 0 });
    const r = m.syscall(ALICE, 'wait4', { pid: child });
    expect(r.ret).toBe(child);
    const drop = logSince(m, from).filter((l) => l.includes('status=deallocated'));
    expect(drop).toHaveLength(1);
    expect(drop[0]).toMatch(/type=1424 audit\([0-9.]+:\d+\): domain=100000000 status=deallocated denials=2$/);
  });

  it('a domain that never showed in the log leaves no record', () => {
    const m = bootMachine();
    const child = forkAs(m, ALICE);
    sandbox(m, child, HANDLED, { '/usr': READ });
    const from = m.logCount;
    sc(m, child, 'exit', { error_code: 0 });
    m.syscall(ALICE, 'wait4', { pid: child });
    expect(logSince(m, from).filter((l) => l.includes('type=1424'))).toEqual([]);
  });
});

describe('more rules of fs.c', () => {
  it('O_TRUNC needs TRUNCATE as granted at open time (file_truncate)', () => {
    const m = bootMachine();
    sandbox(m, ALICE, HANDLED, { '/home/alice': HANDLED & ~LANDLOCK_ACCESS_FS_TRUNCATE });
    const from = m.logCount;
    const r = m.syscall(ALICE, 'openat', { path: '/home/alice/notes.txt', flags: 'O_WRONLY|O_TRUNC' });
    expect(r.errno).toBe('-EACCES');
    expect(verdictsOf(r, 'file_truncate')).toContain('landlock:deny');
    expect(logSince(m, from).find((l) => l.includes('type=1423'))).toMatch(
      /blockers=fs\.truncate path="\/home\/alice\/notes\.txt" dev="vda1" ino=\d+$/,
    );
    expect(writeFile(m, ALICE, '/home/alice/notes.txt', 'more')).toBe(4);
  });

  it('reparenting within one rule with REFER is allowed; a move that would gain rights is -EXDEV', () => {
    const m = bootMachine();
    const ALL = HANDLED | LANDLOCK_ACCESS_FS_REFER;
    sc(m, ALICE, 'mkdirat', { path: '/tmp/a' });
    sc(m, ALICE, 'mkdirat', { path: '/tmp/b' });
    writeFile(m, ALICE, '/tmp/a/f', 'x', 'O_WRONLY|O_CREAT');
    sc(m, ALICE, 'mkdirat', { path: '/tmp/ro' });
    sandbox(m, ALICE, ALL, { '/tmp': ALL, '/tmp/ro': LANDLOCK_ACCESS_FS_READ_FILE });
    expect(sc(m, ALICE, 'renameat2', { oldpath: '/tmp/a/f', newpath: '/tmp/b/f' })).toBe(0);
    // /tmp/ro gains nothing over /tmp (same layer, /tmp's rule applies below it too): allowed.
    expect(sc(m, ALICE, 'renameat2', { oldpath: '/tmp/b/f', newpath: '/tmp/ro/f' })).toBe(0);
  });

  it('a file may move to where it has fewer rights, not to where it would gain some (-EXDEV)', () => {
    const m = bootMachine();
    const ALL = HANDLED | LANDLOCK_ACCESS_FS_REFER;
    const SOME =
      LANDLOCK_ACCESS_FS_READ_FILE |
      LANDLOCK_ACCESS_FS_REFER |
      LANDLOCK_ACCESS_FS_MAKE_REG |
      LANDLOCK_ACCESS_FS_REMOVE_FILE;
    sc(m, ALICE, 'mkdirat', { path: '/tmp/a' });
    sc(m, ALICE, 'mkdirat', { path: '/tmp/b' });
    writeFile(m, ALICE, '/tmp/a/f', 'x', 'O_WRONLY|O_CREAT');
    writeFile(m, ALICE, '/tmp/b/g', 'x', 'O_WRONLY|O_CREAT');
    sandbox(m, ALICE, ALL, { '/tmp/a': SOME, '/tmp/b': ALL });
    expect(sc(m, ALICE, 'renameat2', { oldpath: '/tmp/a/f', newpath: '/tmp/b/f' })).toBe(-18);
    expect(sc(m, ALICE, 'renameat2', { oldpath: '/tmp/b/g', newpath: '/tmp/a/g' })).toBe(0);
  });

  it('6.8 denies the same way (ABI 4) but writes no audit record and takes no restrict_self flags', () => {
    const m = bootMachine({ kernelVersion: '6.8' });
    sc(m, ALICE, 'prctl', { option: PR_SET_NO_NEW_PRIVS, arg2: 1 });
    const fd = sc(m, ALICE, 'landlock_create_ruleset', { handled_access_fs: HANDLED });
    expect(
      sc(m, ALICE, 'landlock_restrict_self', { ruleset_fd: fd, flags: LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF }),
    ).toBe(-22);
    expect(sc(m, ALICE, 'landlock_restrict_self', { ruleset_fd: fd })).toBe(0);
    const from = m.logCount;
    expect(readFile(m, ALICE, '/etc/hostname')).toBe(-13);
    expect(logSince(m, from).filter((l) => l.startsWith('audit:'))).toEqual([]);
  });

  it('6.18 (ABI 7) logs like 7.1', () => {
    const m = bootMachine({ kernelVersion: '6.18' });
    sandbox(m, ALICE, HANDLED, { '/usr': READ });
    const from = m.logCount;
    expect(readFile(m, ALICE, '/etc/hostname')).toBe(-13);
    expect(logSince(m, from).filter((l) => l.includes('type=142'))).toHaveLength(2);
  });
});

describe('the issue’s scenario', () => {
  it('a sandboxed task cannot reach securityfs, but lsm_config_self_policy is not Landlock’s to stop', () => {
    const m = bootMachine({
      configLsm: 'landlock,lockdown,yama,apparmor,bpf',
      policies: { apparmor: 'profile sandbox {\n  /usr/** r,\n  /tmp/** rw,\n}\n' },
    });
    sandbox(m, ALICE, HANDLED, { '/usr': READ });
    const open = m.syscall(ALICE, 'openat', { path: '/sys/kernel/security/lsm', flags: 'O_RDONLY' });
    expect(open.errno).toBe('-EACCES');
    expect(verdictsOf(open, 'file_open')).toEqual(['landlock:deny']);
    const load = m.syscall(ALICE, 'openat', { path: '/sys/kernel/security/apparmor/.load', flags: 'O_WRONLY' });
    expect(load.errno).toBe('-EACCES');
    expect(verdictsOf(load, 'file_open')).toEqual(['landlock:deny']);
    const r = m.syscall(ALICE, 'lsm_config_self_policy', { lsm_id: 104, policy: 'sandbox' });
    expect(hooksOf(r)).toEqual(['lsm_config_self_policy']);
    expect(r.errno).toBeNull();
  });
});

describe('ptrace_traceme', () => {
  it('a child outside its sandboxed parent’s domain may not ask to be traced by it', () => {
    const m = bootMachine({ configLsm: 'landlock,capability' });
    sandbox(m, ALICE, READ, { '/': READ });
    // The child inherits the domain: same domain, allowed.
    const inside = forkAs(m, ALICE);
    expect(sc(m, inside, 'ptrace', { request: 0 })).toBe(0);
  });

  it('denies a child forked before the parent sandboxed itself (-EPERM, the parent’s domain logs)', () => {
    const m = bootMachine({ configLsm: 'landlock,capability' });
    const outside = forkAs(m, ALICE);
    sandbox(m, ALICE, READ, { '/': READ });
    const from = m.logCount;
    expect(sc(m, outside, 'ptrace', { request: 0 })).toBe(-1);
    expect(logSince(m, from).find((l) => l.includes('type=1423'))).toContain(
      `blockers=ptrace opid=${outside} ocomm="bash"`,
    );
  });
});

describe('LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET (datagrams)', () => {
  it('no datagram to an abstract socket bound outside the domain', () => {
    const m = bootMachine();
    const server = sc(m, ROOT, 'socket', { family: 1, type: 2, protocol: 0 });
    expect(sc(m, ROOT, 'bind', { fd: server, addr: '@log' })).toBe(0);
    sc(m, ALICE, 'prctl', { option: PR_SET_NO_NEW_PRIVS, arg2: 1 });
    const fd = sc(m, ALICE, 'landlock_create_ruleset', { scoped: 'LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET' });
    sc(m, ALICE, 'landlock_restrict_self', { ruleset_fd: fd });
    const mine = sc(m, ALICE, 'socket', { family: 1, type: 2, protocol: 0 });
    expect(sc(m, ALICE, 'bind', { fd: mine, addr: '@inside' })).toBe(0);
    const from = m.logCount;
    const client = sc(m, ALICE, 'socket', { family: 1, type: 2, protocol: 0 });
    const r = m.syscall(ALICE, 'connect', { fd: client, addr: '@log' });
    expect(r.errno).toBe('-EPERM');
    expect(verdictsOf(r, 'unix_may_send')).toEqual(['landlock:deny']);
    // blockers=scope.abstract_unix_socket path=<hex of "\0log">
    expect(logSince(m, from).find((l) => l.includes('type=1423'))).toMatch(
      /domain=100000000 blockers=scope\.abstract_unix_socket path=006C6F67$/,
    );
    // A socket bound inside the domain is reachable.
    expect(sc(m, ALICE, 'connect', { fd: client, addr: '@inside' })).toBe(0);
  });
});

describe('the log_* flags of landlock_restrict_self (ABI 7)', () => {
  it('LOG_NEW_EXEC_ON logs denials after an execve', () => {
    const m = bootMachine();
    sandbox(m, ALICE, HANDLED, { '/usr': READ }, LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON);
    const child = forkAs(m, ALICE);
    sc(m, child, 'execve', { path: '/usr/bin/cat' });
    const from = m.logCount;
    expect(readFile(m, child, '/etc/passwd')).toBe(-13);
    expect(logSince(m, from).filter((l) => l.includes('type=1423'))).toHaveLength(1);
  });

  it('LOG_SUBDOMAINS_OFF (with ruleset_fd -1) quiets the domains stacked after it, not the current one', () => {
    const m = bootMachine();
    sandbox(m, ALICE, HANDLED, { '/usr': READ, '/etc': READ });
    expect(
      sc(m, ALICE, 'landlock_restrict_self', { ruleset_fd: -1, flags: LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF }),
    ).toBe(0);
    sandbox(m, ALICE, READ, { '/usr': READ, '/home/alice': READ });
    const from = m.logCount;
    // The youngest denying layer is the one logged (audit.c get_denied_layer()): layer 2 denies
    // /etc, quiet; only layer 1 denies /home/alice, logged.
    expect(readFile(m, ALICE, '/etc/hostname')).toBe(-13);
    expect(readFile(m, ALICE, '/home/alice/notes.txt')).toBe(-13);
    const records = logSince(m, from).filter((l) => l.includes('type=1423'));
    expect(records).toHaveLength(1);
    expect(records[0]).toContain('domain=100000000 blockers=fs.read_file path="/home/alice/notes.txt"');
  });
});
