// The machine after boot (the default world) and the file syscalls' kernel chains:
// fs/namei.c path_openat()/may_open()/may_o_create()/may_delete(), fs/open.c do_dentry_open(),
// fs/read_write.c rw_verify_area(), fs/file_table.c __fput().
import { describe, expect, test } from 'vitest';
import { Machine, type SyscallResult } from '../index';
import { snapshotWorld } from './snapshot';

const hooks = (r: SyscallResult) =>
  r.trace.filter((e) => e.type === 'hook_enter').map((e) => (e as { hook: string }).hook);

describe('the default world', () => {
  const m = Machine.boot();
  const snap = snapshotWorld(m.world);
  test('a process tree from init: cron, sshd, a root shell and alice’s login shell', () => {
    expect(snap.tasks.map((t) => [t.pid, t.ppid, t.comm, t.uid])).toEqual([
      [1, 0, 'init', 0],
      [301, 1, 'cron', 0],
      [402, 1, 'sshd', 0],
      [1001, 402, 'bash', 0],
      [1102, 402, 'bash', 1000],
    ]);
    expect(snap.tasks[3]!.capEffective).toContain('CAP_SYS_ADMIN');
    expect(snap.tasks[4]!.capEffective).toEqual([]);
    expect(snap.tasks[4]!.groups).toEqual([1000, 4, 27]);
  });
  test('the files of the brief with their owners and modes', () => {
    const f = (p: string) => snap.files.find((x) => x.path === p);
    expect(f('/etc/shadow')).toMatchObject({ mode: '-rw-r-----', uid: 0, gid: 42 });
    expect(f('/tmp')).toMatchObject({ mode: 'drwxrwxrwt' });
    expect(f('/var/log/auth.log')).toMatchObject({ uid: 104, gid: 4 });
    expect(f('/usr/bin/passwd')?.mode).toBe('-rwsr-xr-x');
    expect(f('/sys/kernel/security/lsm')).toMatchObject({ fs: 'securityfs', mode: '-r--r--r--' });
    expect(snap.mounts.map((x) => `${x.mountpoint} ${x.fstype}`)).toEqual([
      '/ ext4',
      '/proc proc',
      '/sys sysfs',
      '/sys/kernel/security securityfs',
      // The SELinux model creates its selinuxfs files (load, enforce, …): selinuxfs is mounted.
      '/sys/fs/selinux selinuxfs',
    ]);
  });
  test('objects carry blobs of the booted sizes: the selinux cred slice holds the init label', () => {
    expect(snap.tasks[0]!.credBlob).toMatchObject({ kind: 'cred', size: m.kernel.blobSizes.cred });
    expect(f2(snap.files, '/etc/passwd')?.blob?.size).toBe(m.kernel.blobSizes.inode);
  });
});
const f2 = (files: ReturnType<typeof snapshotWorld>['files'], p: string) => files.find((x) => x.path === p);

describe('file syscalls follow the kernel chain', () => {
  test('alice reads /etc/shadow: DAC denies in may_open() after both CAP_DAC_* overrides fail; no LSM hook on the file', () => {
    const m = Machine.boot();
    const r = m.syscall(1102, 'openat', { path: '/etc/shadow' });
    expect(r.errno).toBe('-EACCES');
    // path_openat(): alloc_empty_file → may_lookup("/", "/etc") → may_open() → generic_permission()
    expect(hooks(r)).toEqual([
      'file_alloc_security',
      'inode_permission',
      'inode_permission',
      'capable',
      'capable',
      'file_free_security',
    ]);
    const dac = r.trace.filter((e) => e.type === 'dac');
    expect(dac.at(-1)).toMatchObject({
      fn: 'generic_permission',
      path: '/etc/shadow',
      mask: 'MAY_READ|MAY_OPEN',
      rc: -13,
    });
  });

  test('root truncating /etc/shadow: DAC allows, then every LSM hook of the open in order', () => {
    const m = Machine.boot();
    const r = m.syscall(1001, 'openat', { path: '/etc/shadow', flags: 'O_WRONLY|O_TRUNC' });
    expect(r.ret).toBe(0);
    expect(hooks(r)).toEqual([
      'file_alloc_security',
      'inode_permission',
      'inode_permission',
      'inode_permission',
      'file_open',
      'file_post_open',
      'file_truncate',
      'inode_setattr',
    ]);
    expect(m.syscall(1001, 'write', { fd: 0, buf: 'x' }).ret).toBe(1);
    expect(hooks(m.syscall(1001, 'close', { fd: 0 }))).toEqual(['file_release', 'file_free_security']);
  });

  test('O_CREAT: path_mknod, inode_permission(dir, W|X), inode_create, then the new inode and its xattrs, then may_open', () => {
    const m = Machine.boot();
    const r = m.syscall(1102, 'openat', { path: '/tmp/x', flags: 'O_WRONLY|O_CREAT|O_EXCL', mode: '0600' });
    expect(r.ret).toBe(0);
    expect(hooks(r)).toEqual([
      'file_alloc_security',
      'inode_permission',
      'inode_permission',
      'path_mknod',
      'inode_permission',
      'inode_create',
      'inode_alloc_security',
      'inode_init_security',
      'd_instantiate',
      'inode_permission',
      'file_open',
      'file_post_open',
    ]);
    const x = snapshotWorld(m.world).files.find((f) => f.path === '/tmp/x');
    expect(x).toMatchObject({ mode: '-rw-------', uid: 1000, gid: 1000 });
    expect(m.syscall(1102, 'openat', { path: '/tmp/x', flags: 'O_CREAT|O_EXCL' }).errno).toBe('-EEXIST');
  });

  test('unlink: security_path_unlink runs before the DAC check on the parent (LSM-FACTS §5)', () => {
    const m = Machine.boot();
    const r = m.syscall(1102, 'unlinkat', { path: '/etc/passwd' });
    expect(r.errno).toBe('-EACCES');
    const order = r.trace
      .filter((e) => e.type === 'hook_enter' || e.type === 'dac')
      .map((e) => (e.type === 'dac' ? `dac:${e.fn}` : (e as { hook: string }).hook));
    expect(order).toEqual([
      'inode_permission',
      'inode_permission',
      'path_unlink',
      'dac:acl_permission_check',
      'capable',
      'dac:generic_permission',
    ]);
  });

  test('the sticky /tmp: alice cannot remove bob’s file, root can', () => {
    const m = Machine.boot();
    expect(m.syscall(1001, 'openat', { path: '/tmp/bobs', flags: 'O_CREAT|O_WRONLY' }).ret).toBe(0);
    expect(m.syscall(1001, 'chown', { path: '/tmp/bobs', uid: 1001, gid: 1001 }).ret).toBe(0);
    expect(m.syscall(1102, 'unlinkat', { path: '/tmp/bobs' }).errno).toBe('-EPERM');
    expect(m.syscall(1001, 'unlinkat', { path: '/tmp/bobs' }).ret).toBe(0);
  });

  test('reading /sys/kernel/security/lsm through the VFS gives the securityfs file', () => {
    const m = Machine.boot({ cmdline: 'lsm=yama,landlock' });
    const fd = m.syscall(1102, 'openat', { path: '/sys/kernel/security/lsm' }).ret!;
    const r = m.syscall(1102, 'read', { fd });
    expect(r.out).toBe('capability,yama,landlock,ima,evm');
  });

  test('bad calls are refused with the reason, without running anything', () => {
    const m = Machine.boot();
    expect(m.syscall(1102, 'opnat', { path: '/x' }).error).toBe('unknown syscall "opnat"');
    expect(m.syscall(9999, 'openat', { path: '/x' }).error).toBe('no running task with pid 9999');
    expect(m.syscall(1102, 'openat', { path: '/x', flags: 'O_WRONGLY' }).error).toBe(
      'openat: argument flags: not a number or a known constant: "O_WRONGLY"',
    );
    expect(m.syscall(1102, 'openat', {}).error).toBe('openat: missing argument path');
    expect(m.syscall(1102, 'openat', { path: '/x', bogus: 1 }).error).toMatch(/unknown argument bogus/);
  });

  test('arguments: the first problem in table order is named, whatever order they were given in', () => {
    const m = Machine.boot();
    // Both bad: flags comes before mode in the table, and bad values before unknown names.
    expect(m.syscall(1102, 'openat', { bogus: 1, mode: 'x', flags: 'y', path: '/x' }).error).toBe(
      'openat: argument flags: not a number or a known constant: "y"',
    );
    expect(m.syscall(1102, 'openat', { bogus: 1, mode: '0600' }).error).toBe('openat: missing argument path');
    expect(m.syscall(1102, 'openat', { path: null as unknown as string }).error).toBe('openat: missing argument path');
    expect(m.syscall(1102, 'openat', { path: 7 }).error).toBe('openat: argument path: expected a string, got 7');
    // null counts as not given: the default applies. Inherited properties are arguments too.
    const opened = m.syscall(1102, 'openat', { path: '/home/alice/notes.txt', flags: null as unknown as number });
    expect(opened.trace[0]).toMatchObject({
      type: 'syscall_enter',
      args: ['AT_FDCWD', '"/home/alice/notes.txt"', 'O_RDONLY', '0666'],
    });
    const inherited = m.syscall(1102, 'openat', Object.create({ path: '/home/alice/notes.txt', flags: 'O_RDWR' }));
    expect(inherited.trace[0]).toMatchObject({ args: ['AT_FDCWD', '"/home/alice/notes.txt"', 'O_RDWR', '0666'] });
    // Given in any order, the body sees the same arguments.
    const a = m.syscall(1102, 'openat', { mode: '0600', flags: 'O_WRONLY|O_CREAT', path: '/tmp/o' });
    expect(a.trace[0]).toMatchObject({ args: ['AT_FDCWD', '"/tmp/o"', 'O_WRONLY|O_CREAT', '0600'] });
  });

  test('each result keeps its own trace: the reused call context leaks nothing into kept results', () => {
    const m = Machine.boot();
    const open = m.syscall(1102, 'openat', { path: '/home/alice/notes.txt' });
    const kept = JSON.stringify(open);
    const close = m.syscall(1102, 'close', { fd: open.ret! });
    m.syscall(1102, 'openat', { path: '/nonexistent' });
    expect(JSON.stringify(open)).toBe(kept);
    expect(close).not.toBe(open);
    expect(close.trace).not.toBe(open.trace);
    expect(open.trace[0]).toMatchObject({ type: 'syscall_enter', name: 'openat', seq: 0 });
    expect(close.trace[0]).toMatchObject({ type: 'syscall_enter', name: 'close', seq: 0 });
    // Untraced, a call that logs nothing has an empty trace that cannot be written to.
    m.kernel.recording = false;
    const quiet = m.syscall(1102, 'openat', { path: '/home/alice/notes.txt' });
    expect(quiet.ret).toBe(0);
    expect(quiet.trace).toEqual([]);
    expect(Object.isFrozen(quiet.trace)).toBe(true);
    m.kernel.recording = true;
    expect(m.syscall(1102, 'close', { fd: 0 }).trace.length).toBeGreaterThan(2);
    expect(quiet.trace).toEqual([]);
  });

  test('determinism: the same steps on two machines give byte-identical traces', () => {
    const run = () => {
      const m = Machine.boot();
      return JSON.stringify([
        m.syscall(1102, 'openat', { path: '/tmp/a', flags: 'O_CREAT|O_RDWR' }),
        m.syscall(1102, 'write', { fd: 0, buf: 'hello' }),
        m.syscall(1102, 'renameat2', { oldpath: '/tmp/a', newpath: '/tmp/b' }),
        m.syscall(1001, 'chmod', { path: '/tmp/b', mode: '0600' }),
      ]);
    };
    expect(run()).toBe(run());
  });
});

describe('6.8 variants on the machine', () => {
  test('close has no file_release in 6.8; inode_setattr takes (dentry, attr)', () => {
    const m = Machine.boot({ kernelVersion: '6.8' });
    const fd = m.syscall(1001, 'openat', { path: '/etc/shadow', flags: 'O_WRONLY|O_TRUNC' });
    expect(fd.ret).toBe(0);
    expect(hooks(fd)).not.toContain('file_post_open');
    expect(hooks(m.syscall(1001, 'close', { fd: 0 }))).toEqual(['file_free_security']);
    const r = m.syscall(1001, 'chmod', { path: '/etc/shadow', mode: '0600' });
    expect(r.ret).toBe(0);
    const enter = r.trace.find((e) => e.type === 'hook_enter' && e.hook === 'inode_setattr');
    expect(enter && 'args' in enter ? enter.args.length : 0).toBe(2);
  });
});

describe('shell programs are reaped', () => {
  test('running /usr/bin/id via fork + execve leaves no zombie', async () => {
    const { runShell, initialShellState } = await import('./shell');
    const m = Machine.boot();
    const before = m.world.tasks.size;
    runShell(m, initialShellState(), '/usr/bin/id');
    expect([...m.world.tasks.values()].filter((t) => t.state === 'zombie')).toEqual([]);
    expect(m.world.tasks.size).toBe(before);
  });
});

describe('d_path() text in the trace, kept per dentry between renames and mounts', () => {
  // The text of the may_open() kfunc is d_path() of the opened file.
  const mayOpen = (r: SyscallResult) =>
    r.trace.find((e) => e.type === 'kfunc' && e.fn === 'may_open') as { note: string } | undefined;
  const openClose = (m: Machine, pid: number, path: string) => {
    const r = m.syscall(pid, 'openat', { path });
    if (r.ret !== null && r.ret >= 0) m.syscall(pid, 'close', { fd: r.ret });
    return r;
  };

  test('a renamed directory: the files under it are named by their new path at once', () => {
    const m = Machine.boot();
    expect(m.syscall(1001, 'mkdirat', { path: '/tmp/d', mode: '0755' }).ret).toBe(0);
    expect(m.syscall(1001, 'openat', { path: '/tmp/d/f', flags: 'O_CREAT|O_WRONLY', mode: '0644' }).ret).toBe(0);
    expect(mayOpen(openClose(m, 1001, '/tmp/d/f'))?.note).toBe('/tmp/d/f');
    expect(m.syscall(1001, 'renameat2', { oldpath: '/tmp/d', newpath: '/tmp/e' }).ret).toBe(0);
    expect(mayOpen(openClose(m, 1001, '/tmp/e/f'))?.note).toBe('/tmp/e/f');
    expect(openClose(m, 1001, '/tmp/d/f').errno).toBe('-ENOENT');
  });

  test('a mount over a directory: a path through it is named across the mount', () => {
    const m = Machine.boot();
    expect(m.syscall(1001, 'mkdirat', { path: '/mnt', mode: '0755' }).ret).toBe(0);
    expect(m.syscall(1001, 'openat', { path: '/mnt', flags: 'O_RDONLY|O_DIRECTORY' }).ret).toBe(0);
    expect(m.syscall(1001, 'mount', { source: 'tmpfs', target: '/mnt', fstype: 'tmpfs' }).ret).toBe(0);
    expect(m.syscall(1001, 'openat', { path: '/mnt/x', flags: 'O_CREAT|O_WRONLY', mode: '0644' }).ret).toBeGreaterThan(
      0,
    );
    expect(mayOpen(openClose(m, 1001, '/mnt/x'))?.note).toBe('/mnt/x');
  });

  test('the same trace as a machine that never kept a path: traced calls made twice match', () => {
    const a = Machine.boot();
    const b = Machine.boot();
    openClose(a, 1102, '/home/alice/notes.txt');
    const again = openClose(a, 1102, '/home/alice/notes.txt');
    openClose(b, 1102, '/home/alice/notes.txt');
    const fresh = openClose(b, 1102, '/home/alice/notes.txt');
    expect(JSON.stringify(again.trace)).toBe(JSON.stringify(fresh.trace));
  });
});

describe('syscall_enter arguments', () => {
  test('a call with the same values as the last shares its strace text; other values get their own', () => {
    const m = Machine.boot();
    const args = (r: SyscallResult) => (r.trace[0] as { args: readonly string[] }).args;
    const a = m.syscall(1102, 'openat', { path: '/home/alice/notes.txt' });
    const b = m.syscall(1102, 'openat', { path: '/home/alice/notes.txt' });
    const c = m.syscall(1102, 'openat', { path: '/etc/passwd', flags: 'O_RDONLY|O_CLOEXEC' });
    expect(args(a)).toEqual(['AT_FDCWD', '"/home/alice/notes.txt"', 'O_RDONLY', '0666']);
    expect(args(b)).toBe(args(a));
    expect(Object.isFrozen(args(a))).toBe(true);
    expect(args(c)).toEqual(['AT_FDCWD', '"/etc/passwd"', 'O_RDONLY|O_CLOEXEC', '0666']);
    expect(args(m.syscall(1102, 'close', { fd: a.ret! }))).toEqual(['0']);
    expect(args(m.syscall(1102, 'close', { fd: b.ret! }))).toEqual(['1']);
  });
});
