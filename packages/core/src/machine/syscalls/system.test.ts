// The system syscalls against the kernel chains they follow. Each expected hook order is read
// off the cited kernel function (Linux 7.1.3 unless a version is named); `seq()` lists the
// hooks in call order, with capable() shown as capable(CAP_X).
// Default world (Machine.boot()): pid 1 init, 402 sshd, 1001 root bash (all capabilities),
// 1102 alice bash (uid 1000, no capabilities).
import { describe, expect, test } from 'vitest';
import type { TraceEvent } from '../../trace/events';
import { CAP_NAMES } from '../capability';
import { Machine, type SyscallResult } from '../machine';
import { moduleList } from '../moduleState';
import { liveSockets } from '../net';
import { syscallDef } from '../syscallTable';
import { taskMemory } from '../taskMemory';
import { S_IFMT, S_IFSOCK } from '../types';
import { SELINUX_PERMISSIVE_POLICY } from '../../models/selinux/defaultPolicy';

const ROOT = 1001;
const ALICE = 1102;
const HELLO = '/usr/lib/modules/7.1.3/hello.ko';
const SIGNED = '\u007fELF name=signed_mod ~Module signature appended~\n';

/** The hooks of a result in call order; capable() calls carry their capability. */
function seq(r: SyscallResult): string[] {
  return r.trace
    .filter((e): e is Extract<TraceEvent, { type: 'hook_enter' }> => e.type === 'hook_enter')
    .map((e) => {
      const cap = e.args[2];
      return e.hook === 'capable' && cap?.kind === 'number' ? `capable(${CAP_NAMES[cap.value]})` : e.hook;
    });
}

/** The hooks from the first `from` on (drops the path walk's inode_permission calls before it). */
const seqFrom = (r: SyscallResult, from: string): string[] => {
  const s = seq(r);
  return s.slice(s.indexOf(from));
};

const hookArgs = (r: SyscallResult, hook: string): unknown[] => {
  const e = r.trace.find((x) => x.type === 'hook_enter' && x.hook === hook);
  if (!e || e.type !== 'hook_enter') throw new Error(`no ${hook} in the trace`);
  return e.args.map((a) => ('value' in a ? a.value : a.kind === 'struct' ? a.struct : a.kind));
};

const kfuncs = (r: SyscallResult): string[] =>
  r.trace.flatMap((e) => (e.type === 'kfunc' ? [`${e.fn}${e.note ? `: ${e.note}` : ''}`] : []));

function ok(r: SyscallResult): SyscallResult {
  expect(r.error).toBeNull();
  expect(r.errno, JSON.stringify(seq(r))).toBeNull();
  return r;
}

describe('init_module (kernel/module/main.c SYSCALL_DEFINE3(init_module))', () => {
  // may_init_module() → capable(CAP_SYS_MODULE); copy_module_from_user() →
  // security_kernel_load_data(LOADING_MODULE, true) → security_kernel_post_load_data(buf, len,
  // LOADING_MODULE, "init_module"); load_module() → module_sig_check() (kernel/module/signing.c)
  // → security_locked_down(LOCKDOWN_MODULE_SIGNATURE) for an unsigned module; add_unformed_module().
  test('alice: -EPERM at capable(CAP_SYS_MODULE), no kernel_load_data', () => {
    const r = Machine.boot().syscall(ALICE, 'init_module', { image: HELLO });
    expect(r.errno).toBe('-EPERM');
    expect(seq(r)).toEqual(['capable(CAP_SYS_MODULE)']);
  });

  test('root loads an unsigned module: load_data, post_load_data, then locked_down(1)', () => {
    const m = Machine.boot();
    const r = ok(m.syscall(ROOT, 'init_module', { image: HELLO, params: 'debug=1' }));
    expect(r.ret).toBe(0);
    expect(seq(r)).toEqual(['capable(CAP_SYS_MODULE)', 'kernel_load_data', 'kernel_post_load_data', 'locked_down']);
    expect(hookArgs(r, 'kernel_load_data')).toEqual([2, true]);
    expect(hookArgs(r, 'kernel_post_load_data').slice(2)).toEqual([2, 'init_module']);
    expect(hookArgs(r, 'locked_down')).toEqual([1]);
    expect(moduleList(m.world).get('hello')).toMatchObject({ params: 'debug=1', sigOk: false, via: 'init_module' });
  });

  test('a second load of the same name is -EEXIST (add_unformed_module(), after the signature check)', () => {
    const m = Machine.boot();
    ok(m.syscall(ROOT, 'init_module', { image: HELLO }));
    const r = m.syscall(ROOT, 'init_module', { image: HELLO });
    expect(r.errno).toBe('-EEXIST');
    expect(seq(r)).toEqual(['capable(CAP_SYS_MODULE)', 'kernel_load_data', 'kernel_post_load_data', 'locked_down']);
  });

  test('a signed module skips security_locked_down', () => {
    const m = Machine.boot();
    const r = ok(m.syscall(ROOT, 'init_module', { image: SIGNED }));
    expect(seq(r)).toEqual(['capable(CAP_SYS_MODULE)', 'kernel_load_data', 'kernel_post_load_data']);
    expect(moduleList(m.world).get('signed_mod')?.sigOk).toBe(true);
  });

  test('an image shorter than the ELF header: -ENOEXEC before kernel_load_data', () => {
    const r = Machine.boot().syscall(ROOT, 'init_module', { image: 'ab' });
    expect(r.errno).toBe('-ENOEXEC');
    expect(seq(r)).toEqual(['capable(CAP_SYS_MODULE)']);
  });

  test('no ELF magic: -ENOEXEC from elf_validity_cache_copy(), after locked_down', () => {
    const r = Machine.boot().syscall(ROOT, 'init_module', { image: 'not an elf image at all (x.ko)' });
    expect(r.errno).toBe('-ENOEXEC');
    expect(seq(r)).toEqual(['capable(CAP_SYS_MODULE)', 'kernel_load_data', 'kernel_post_load_data', 'locked_down']);
  });

  test('module.sig_enforce=1: -EKEYREJECTED for an unsigned module, no locked_down', () => {
    const m = Machine.boot({ cmdline: 'module.sig_enforce=1' });
    const r = m.syscall(ROOT, 'init_module', { image: HELLO });
    expect(r.errno).toBe('-EKEYREJECTED');
    expect(seq(r)).toEqual(['capable(CAP_SYS_MODULE)', 'kernel_load_data', 'kernel_post_load_data']);
    expect(m.dmesg()).toContain('Loading of unsigned module is rejected');
  });

  test('6.8 follows the same chain', () => {
    const r = ok(Machine.boot({ kernelVersion: '6.8' }).syscall(ROOT, 'init_module', { image: HELLO }));
    expect(seq(r)).toEqual(['capable(CAP_SYS_MODULE)', 'kernel_load_data', 'kernel_post_load_data', 'locked_down']);
  });
});

describe('finit_module (kernel/module/main.c SYSCALL_DEFINE3(finit_module), fs/kernel_read_file.c)', () => {
  // may_init_module() → flags → fd → idempotent_init_module() (FMODE_READ) →
  // init_module_from_file() → kernel_read_file(): security_kernel_read_file(file, READING_MODULE,
  // true), kernel_read() → rw_verify_area() → security_file_permission(MAY_READ),
  // security_kernel_post_read_file(file, buf, size, READING_MODULE) → load_module().
  function opened(version?: '7.1' | '6.8', flags = 0) {
    const m = Machine.boot(version ? { kernelVersion: version } : {});
    const fd = ok(m.syscall(ROOT, 'openat', { path: HELLO, flags })).ret!;
    return { m, fd };
  }

  test('root: kernel_read_file, file_permission, post_read_file, locked_down', () => {
    const { m, fd } = opened();
    const r = ok(m.syscall(ROOT, 'finit_module', { fd }));
    expect(seq(r)).toEqual([
      'capable(CAP_SYS_MODULE)',
      'kernel_read_file',
      'file_permission',
      'kernel_post_read_file',
      'locked_down',
    ]);
    expect(hookArgs(r, 'kernel_read_file')).toEqual(['file', 2, true]);
    expect(hookArgs(r, 'kernel_post_read_file')[3]).toBe(2);
    expect(moduleList(m.world).get('hello')?.via).toBe('finit_module');
  });

  test('alice: -EPERM before the fd is looked at', () => {
    const r = Machine.boot().syscall(ALICE, 'finit_module', { fd: 99 });
    expect(r.errno).toBe('-EPERM');
    expect(seq(r)).toEqual(['capable(CAP_SYS_MODULE)']);
  });

  test('unknown flags -EINVAL, a closed fd -EBADF, a write-only fd -EBADF', () => {
    const { m, fd } = opened();
    expect(m.syscall(ROOT, 'finit_module', { fd, flags: 8 }).errno).toBe('-EINVAL');
    expect(m.syscall(ROOT, 'finit_module', { fd: 42 }).errno).toBe('-EBADF');
    const wfd = ok(m.syscall(ROOT, 'openat', { path: HELLO, flags: 1 })).ret!;
    const r = m.syscall(ROOT, 'finit_module', { fd: wfd });
    expect(r.errno).toBe('-EBADF');
    expect(seq(r)).toEqual(['capable(CAP_SYS_MODULE)']);
  });

  test('a directory: -EINVAL from kernel_read_file() before its hook', () => {
    const m = Machine.boot();
    const fd = ok(m.syscall(ROOT, 'openat', { path: '/tmp' })).ret!;
    const r = m.syscall(ROOT, 'finit_module', { fd });
    expect(r.errno).toBe('-EINVAL');
    expect(seq(r)).toEqual(['capable(CAP_SYS_MODULE)']);
  });

  test('7.1 MODULE_INIT_COMPRESSED_FILE: READING_MODULE_COMPRESSED (7), then post_read_file(READING_MODULE)', () => {
    const { m, fd } = opened();
    const r = ok(m.syscall(ROOT, 'finit_module', { fd, flags: 4 }));
    expect(seq(r)).toEqual([
      'capable(CAP_SYS_MODULE)',
      'kernel_read_file',
      'file_permission',
      'kernel_post_read_file',
      'kernel_post_read_file',
      'locked_down',
    ]);
    expect(hookArgs(r, 'kernel_read_file')[1]).toBe(7);
    const posts = r.trace.filter((e) => e.type === 'hook_enter' && e.hook === 'kernel_post_read_file');
    expect(
      posts.map((e) => (e.type === 'hook_enter' && e.args[3]?.kind === 'number' ? e.args[3].value : null)),
    ).toEqual([7, 2]);
  });

  test('6.8 has no MODULE_INIT_COMPRESSED_FILE: -EINVAL', () => {
    const { m, fd } = opened('6.8');
    expect(m.syscall(ROOT, 'finit_module', { fd, flags: 4 }).errno).toBe('-EINVAL');
    expect(ok(m.syscall(ROOT, 'finit_module', { fd })).ret).toBe(0);
  });

  test('MODULE_INIT_IGNORE_VERMAGIC makes a signed module count as unsigned (locked_down)', () => {
    const m = Machine.boot();
    ok(m.syscall(ROOT, 'openat', { path: '/tmp/s.ko', flags: 0o101 }));
    ok(m.syscall(ROOT, 'write', { fd: 0, buf: SIGNED }));
    const fd = ok(m.syscall(ROOT, 'openat', { path: '/tmp/s.ko' })).ret!;
    const r = ok(m.syscall(ROOT, 'finit_module', { fd, flags: 2 }));
    expect(seq(r).at(-1)).toBe('locked_down');
    expect(moduleList(m.world).get('signed_mod')?.sigOk).toBe(false);
  });
});

describe('mount (fs/namespace.c path_mount(), do_new_mount(); fs/fs_context.c; fs/super.c)', () => {
  // do_mount() → user_path_at() → path_mount(): security_sb_mount → may_mount() (CAP_SYS_ADMIN)
  // → do_new_mount(): get_fs_type(), vfs_parse_fs_string("source") →
  // security_fs_context_parse_param, parse_monolithic_mount_data() → security_sb_eat_lsm_opts +
  // one parse_param per option, mount_capable() (CAP_SYS_ADMIN), vfs_get_tree() → alloc_super() →
  // security_sb_alloc, shmem_fill_super() (root inode, d_make_root), security_sb_set_mnt_opts,
  // do_new_mount_fc() → security_sb_kern_mount → do_add_mount().
  function withMnt() {
    const m = Machine.boot();
    ok(m.syscall(ROOT, 'mkdirat', { path: '/mnt' }));
    return m;
  }

  test('root mounts tmpfs on /mnt: sb_mount before the capability check, then the fs_context hooks', () => {
    const m = withMnt();
    const r = ok(m.syscall(ROOT, 'mount', { source: 'tmpfs', target: '/mnt', fstype: 'tmpfs' }));
    expect(seqFrom(r, 'sb_mount')).toEqual([
      'sb_mount',
      'capable(CAP_SYS_ADMIN)',
      'fs_context_parse_param',
      'capable(CAP_SYS_ADMIN)',
      'sb_alloc_security',
      'inode_alloc_security',
      'd_instantiate',
      'sb_set_mnt_opts',
      'sb_kern_mount',
    ]);
    expect(seq(r).indexOf('sb_mount')).toBeLessThan(seq(r).indexOf('capable(CAP_SYS_ADMIN)'));
    expect(hookArgs(r, 'sb_mount')).toEqual(['tmpfs', 'path', 'tmpfs', 0, 'null']);
    // Later lookups cross into the new superblock.
    ok(m.syscall(ROOT, 'mkdirat', { path: '/mnt/x' }));
    const mnt = m.world.mounts.at(-1)!;
    expect(mnt.mnt_sb.s_type).toBe('tmpfs');
    expect(mnt.mnt_sb.security).not.toBeUndefined();
    expect([...mnt.mnt_root.d_inode!.children!.keys()]).toEqual(['x']);
    expect(m.world.pathName({ mnt, dentry: mnt.mnt_root.d_inode!.children!.get('x')! })).toBe('/mnt/x');
  });

  test('mount data: sb_eat_lsm_opts once, then fs_context_parse_param per option', () => {
    const m = withMnt();
    const r = ok(m.syscall(ROOT, 'mount', { source: 'none', target: '/mnt', data: 'size=1M,mode=0700,ro' }));
    expect(seqFrom(r, 'sb_mount').slice(0, 6)).toEqual([
      'sb_mount',
      'capable(CAP_SYS_ADMIN)',
      'fs_context_parse_param',
      'sb_eat_lsm_opts',
      'fs_context_parse_param',
      'fs_context_parse_param',
    ]);
    // "ro" is a superblock flag (vfs_parse_sb_flag()): no LSM sees it.
    expect(seq(r).filter((h) => h === 'fs_context_parse_param')).toHaveLength(3);
    const sb = m.world.mounts.at(-1)!.mnt_sb;
    expect(sb.s_flags & 1).toBe(1);
    expect(sb.s_root!.d_inode!.i_mode & 0o7777).toBe(0o700);
  });

  test('alice: -EPERM from may_mount(), after sb_mount; no superblock', () => {
    const m = withMnt();
    const r = m.syscall(ALICE, 'mount', { source: 'tmpfs', target: '/mnt' });
    expect(r.errno).toBe('-EPERM');
    expect(seqFrom(r, 'sb_mount')).toEqual(['sb_mount', 'capable(CAP_SYS_ADMIN)']);
    expect(m.world.mounts.some((x) => x.mnt_sb.s_type === 'tmpfs')).toBe(false);
  });

  test('unknown filesystem type: -ENODEV after may_mount()', () => {
    const r = withMnt().syscall(ROOT, 'mount', { source: 'x', target: '/mnt', fstype: 'ext9' });
    expect(r.errno).toBe('-ENODEV');
    expect(seqFrom(r, 'sb_mount')).toEqual(['sb_mount', 'capable(CAP_SYS_ADMIN)']);
  });

  test('an unknown tmpfs option: -EINVAL and "tmpfs: Unknown parameter" in the log, before mount_capable()', () => {
    const m = withMnt();
    const r = m.syscall(ROOT, 'mount', { target: '/mnt', data: 'bogus' });
    expect(r.errno).toBe('-EINVAL');
    expect(seqFrom(r, 'sb_mount')).toEqual([
      'sb_mount',
      'capable(CAP_SYS_ADMIN)',
      'sb_eat_lsm_opts',
      'fs_context_parse_param',
    ]);
    expect(m.dmesg()).toContain("tmpfs: Unknown parameter 'bogus'");
  });

  test('a missing target: the walk fails, no sb_mount', () => {
    const r = Machine.boot().syscall(ROOT, 'mount', { target: '/nonexistent' });
    expect(r.errno).toBe('-ENOENT');
    expect(seq(r)).not.toContain('sb_mount');
  });

  test('MS_NOUSER: -EINVAL before sb_mount; MS_BIND: not modelled (-EINVAL after may_mount)', () => {
    const m = withMnt();
    const nouser = m.syscall(ROOT, 'mount', { target: '/mnt', flags: 0x80000000 });
    expect(nouser.errno).toBe('-EINVAL');
    expect(seq(nouser)).not.toContain('sb_mount');
    const bind = m.syscall(ROOT, 'mount', { source: '/tmp', target: '/mnt', flags: 4096 });
    expect(bind.errno).toBe('-EINVAL');
    expect(seqFrom(bind, 'sb_mount')).toEqual(['sb_mount', 'capable(CAP_SYS_ADMIN)']);
  });

  test('a regular file as target: -ENOTDIR from graft_tree(), after sb_kern_mount', () => {
    const r = Machine.boot().syscall(ROOT, 'mount', { target: '/etc/hostname' });
    expect(r.errno).toBe('-ENOTDIR');
    expect(seq(r).at(-1)).toBe('sb_kern_mount');
  });
});

describe('socket, bind, listen, connect (net/socket.c, net/unix/af_unix.c, net/ipv4/af_inet.c)', () => {
  // __sock_create(): security_socket_create → sock_alloc() (security_inode_alloc) → pf->create()
  // (sk_alloc() → security_sk_alloc) → security_socket_post_create; sock_map_fd() →
  // sock_alloc_file() → security_file_alloc.
  const CREATE = [
    'socket_create',
    'inode_alloc_security',
    'sk_alloc_security',
    'socket_post_create',
    'file_alloc_security',
  ];

  test('socket(AF_UNIX, SOCK_STREAM): the five hooks, fd installed', () => {
    const m = Machine.boot();
    const r = ok(m.syscall(ALICE, 'socket', { family: 1, type: 1 }));
    expect(r.ret).toBe(0);
    expect(seq(r)).toEqual(CREATE);
    expect(hookArgs(r, 'socket_create')).toEqual([1, 1, 0, 0]);
    expect(hookArgs(r, 'sk_alloc_security')).toEqual(['sock', 1, 0xcc0]);
    expect(m.task(ALICE)!.files.get(0)!.f_inode.i_mode & S_IFMT).toBe(S_IFSOCK);
  });

  test('raw AF_INET needs CAP_NET_RAW: -EPERM in inet_create(), the sockfs inode is released', () => {
    const r = Machine.boot().syscall(ALICE, 'socket', { family: 2, type: 3, protocol: 1 });
    expect(r.errno).toBe('-EPERM');
    expect(seq(r)).toEqual([
      'socket_create',
      'inode_alloc_security',
      'capable(CAP_NET_RAW)',
      'inode_free_security',
      'inode_free_security_rcu',
    ]);
  });

  test('family and type errors', () => {
    const m = Machine.boot();
    const big = m.syscall(ROOT, 'socket', { family: 99, type: 1 });
    expect(big.errno).toBe('-EAFNOSUPPORT');
    expect(seq(big)).toEqual([]);
    // An unregistered family below NPROTO: request_module("net-pf-40") → kernel_module_request.
    const unreg = m.syscall(ROOT, 'socket', { family: 40, type: 1 });
    expect(unreg.errno).toBe('-EAFNOSUPPORT');
    expect(seq(unreg)).toEqual([
      'socket_create',
      'inode_alloc_security',
      'kernel_module_request',
      'inode_free_security',
      'inode_free_security_rcu',
    ]);
    expect(hookArgs(unreg, 'kernel_module_request')).toEqual(['net-pf-40']);
    expect(m.syscall(ROOT, 'socket', { family: 1, type: 0x10 | 1 }).errno).toBe('-EINVAL');
    expect(m.syscall(ROOT, 'socket', { family: 1, type: 4 }).ret).toBe(-94); // -ESOCKTNOSUPPORT
    expect(m.syscall(ROOT, 'socket', { family: 2, type: 1, protocol: 17 }).ret).toBe(-93); // -EPROTONOSUPPORT
  });

  test('bind(AF_UNIX path): socket_bind, then unix_bind_bsd() makes the node (path_mknod, inode_mknod)', () => {
    // unix_bind_bsd(): start_creating_path(), security_path_mknod, vfs_mknod() → may_create() →
    // security_inode_mknod → the new inode.
    const m = Machine.boot();
    ok(m.syscall(ROOT, 'socket', { family: 1, type: 1 }));
    const r = ok(m.syscall(ROOT, 'bind', { fd: 0, addr: '/tmp/s' }));
    expect(seq(r)[0]).toBe('socket_bind');
    expect(seqFrom(r, 'path_mknod')).toEqual([
      'path_mknod',
      'inode_permission',
      'inode_mknod',
      'inode_alloc_security',
      'inode_init_security',
      'd_instantiate',
    ]);
    const tmp = m.world.rootMount.mnt_root.d_inode!.children!.get('tmp')!;
    expect(tmp.d_inode!.children!.get('s')!.d_inode!.i_mode).toBe(S_IFSOCK | 0o755);
    // The name exists now: -EADDRINUSE (the kernel's -EEXIST), no path_mknod.
    ok(m.syscall(ROOT, 'socket', { family: 1, type: 1 }));
    const again = m.syscall(ROOT, 'bind', { fd: 1, addr: '/tmp/s' });
    expect(again.errno).toBe('-EADDRINUSE');
    expect(seq(again)).not.toContain('path_mknod');
  });

  test('bind(AF_INET): CAP_NET_BIND_SERVICE below 1024, -EADDRINUSE, -EADDRNOTAVAIL', () => {
    // __inet_bind(): local address, then the privileged-port check, then inet_csk_get_port().
    const m = Machine.boot();
    ok(m.syscall(ALICE, 'socket', { family: 2, type: 1 }));
    const low = m.syscall(ALICE, 'bind', { fd: 0, addr: '0.0.0.0:22' });
    expect(low.errno).toBe('-EACCES');
    expect(seq(low)).toEqual(['socket_bind', 'capable(CAP_NET_BIND_SERVICE)']);
    ok(m.syscall(ROOT, 'socket', { family: 2, type: 1 }));
    expect(seq(ok(m.syscall(ROOT, 'bind', { fd: 0, addr: '0.0.0.0:22' })))).toEqual([
      'socket_bind',
      'capable(CAP_NET_BIND_SERVICE)',
    ]);
    ok(m.syscall(ALICE, 'socket', { family: 2, type: 1 }));
    expect(m.syscall(ALICE, 'bind', { fd: 1, addr: '127.0.0.1:8080' }).ret).toBe(0);
    ok(m.syscall(ROOT, 'socket', { family: 2, type: 1 }));
    expect(m.syscall(ROOT, 'bind', { fd: 1, addr: '127.0.0.1:22' }).errno).toBe('-EADDRINUSE');
    expect(m.syscall(ROOT, 'bind', { fd: 1, addr: '10.0.0.1:80' }).ret).toBe(-99); // -EADDRNOTAVAIL
    expect(m.syscall(ROOT, 'bind', { fd: 0, addr: '0.0.0.0:23' }).errno).toBe('-EINVAL'); // already bound
  });

  test('bad descriptors: -EBADF, and -ENOTSOCK for a regular file; no hook', () => {
    const m = Machine.boot();
    expect(m.syscall(ROOT, 'bind', { fd: 7, addr: '/tmp/x' }).errno).toBe('-EBADF');
    ok(m.syscall(ROOT, 'openat', { path: '/etc/hostname' }));
    const r = m.syscall(ROOT, 'connect', { fd: 0, addr: '/tmp/x' });
    expect(r.errno).toBe('-ENOTSOCK');
    expect(seq(r)).toEqual([]);
  });

  function unixServer(version?: '7.1' | '6.8') {
    const m = Machine.boot(version ? { kernelVersion: version } : {});
    ok(m.syscall(ROOT, 'socket', { family: 1, type: 1 }));
    ok(m.syscall(ROOT, 'bind', { fd: 0, addr: '/tmp/srv' }));
    return m;
  }

  test('connect(AF_UNIX stream) to a listener: socket_connect, sk_alloc, unix_find, unix_stream_connect', () => {
    // __sys_connect_file(): security_socket_connect → unix_stream_connect(): unix_create1() →
    // security_sk_alloc, unix_find_other() → unix_find_bsd() (path_permission(MAY_WRITE),
    // security_unix_find), TCP_LISTEN, security_unix_stream_connect.
    const m = unixServer();
    expect(seq(ok(m.syscall(ROOT, 'listen', { fd: 0 })))).toEqual(['socket_listen']);
    ok(m.syscall(ROOT, 'socket', { family: 1, type: 1 }));
    const r = ok(m.syscall(ROOT, 'connect', { fd: 1, addr: '/tmp/srv' }));
    const s = seq(r).filter((h) => h !== 'inode_permission');
    expect(s).toEqual(['socket_connect', 'sk_alloc_security', 'unix_find', 'unix_stream_connect']);
    expect(seq(r).at(-3)).toBe('inode_permission'); // path_permission(MAY_WRITE) on the socket
    expect(m.syscall(ROOT, 'connect', { fd: 1, addr: '/tmp/srv' }).ret).toBe(-106); // -EISCONN
  });

  test('6.8 has no security_unix_find', () => {
    const m = unixServer('6.8');
    ok(m.syscall(ROOT, 'listen', { fd: 0 }));
    ok(m.syscall(ROOT, 'socket', { family: 1, type: 1 }));
    const r = ok(m.syscall(ROOT, 'connect', { fd: 1, addr: '/tmp/srv' }));
    expect(seq(r).filter((h) => h !== 'inode_permission')).toEqual([
      'socket_connect',
      'sk_alloc_security',
      'unix_stream_connect',
    ]);
  });

  test('connect to a bound but not listening socket: -ECONNREFUSED, the new sock freed', () => {
    const m = unixServer();
    ok(m.syscall(ROOT, 'socket', { family: 1, type: 1 }));
    const r = m.syscall(ROOT, 'connect', { fd: 1, addr: '/tmp/srv' });
    expect(r.errno).toBe('-ECONNREFUSED');
    expect(seq(r).filter((h) => h !== 'inode_permission')).toEqual([
      'socket_connect',
      'sk_alloc_security',
      'unix_find',
      'sk_free_security',
    ]);
  });

  test('connect errors: a missing path (-ENOENT), no write permission on the node (-EACCES)', () => {
    const m = unixServer();
    ok(m.syscall(ROOT, 'listen', { fd: 0 }));
    ok(m.syscall(ALICE, 'socket', { family: 1, type: 1 }));
    expect(m.syscall(ALICE, 'connect', { fd: 0, addr: '/tmp/none' }).errno).toBe('-ENOENT');
    // The node is 0755 root: alice may not write it (unix_find_bsd() → path_permission()).
    const r = m.syscall(ALICE, 'connect', { fd: 0, addr: '/tmp/srv' });
    expect(r.errno).toBe('-EACCES');
    expect(seq(r)).toContain('capable(CAP_DAC_OVERRIDE)');
    expect(seq(r).at(-1)).toBe('sk_free_security');
  });

  test('AF_INET connect: -ECONNREFUSED without a listener, 0 with one; close(2) releases the port', () => {
    const m = Machine.boot();
    ok(m.syscall(ALICE, 'socket', { family: 2, type: 1 }));
    const refused = m.syscall(ALICE, 'connect', { fd: 0, addr: '127.0.0.1:8080' });
    expect(refused.errno).toBe('-ECONNREFUSED');
    expect(seq(refused)).toEqual(['socket_connect']);
    ok(m.syscall(ROOT, 'socket', { family: 2, type: 1 }));
    ok(m.syscall(ROOT, 'bind', { fd: 0, addr: '0.0.0.0:8080' }));
    ok(m.syscall(ROOT, 'listen', { fd: 0 }));
    expect(ok(m.syscall(ALICE, 'connect', { fd: 0, addr: '127.0.0.1:8080' })).ret).toBe(0);
    ok(m.syscall(ROOT, 'close', { fd: 0 }));
    ok(m.syscall(ALICE, 'socket', { family: 2, type: 1 }));
    expect(m.syscall(ALICE, 'connect', { fd: 1, addr: '127.0.0.1:8080' }).errno).toBe('-ECONNREFUSED');
    expect(liveSockets(m.world).map((s) => s.peer)).toEqual(['127.0.0.1:8080', null]);
  });

  test('AF_UNIX datagram connect asks security_unix_may_send; abstract names need no path walk', () => {
    const m = Machine.boot();
    ok(m.syscall(ALICE, 'socket', { family: 1, type: 2 }));
    ok(m.syscall(ALICE, 'bind', { fd: 0, addr: '@log' }));
    ok(m.syscall(ALICE, 'socket', { family: 1, type: 2 }));
    expect(seq(ok(m.syscall(ALICE, 'connect', { fd: 1, addr: '@log' })))).toEqual(['socket_connect', 'unix_may_send']);
    expect(m.syscall(ALICE, 'bind', { fd: 1, addr: '@log' }).errno).toBe('-EADDRINUSE');
  });
});

describe('bpf (kernel/bpf/syscall.c __sys_bpf(), map_create(), bpf_prog_load())', () => {
  // __sys_bpf(): security_bpf(cmd, attr, size, kernel) for every command; map_create():
  // sysctl_unprivileged_bpf_disabled → bpf_token_capable(NULL, CAP_BPF) (CAP_BPF, else
  // CAP_SYS_ADMIN) → security_bpf_map_create → bpf_map_new_fd() → security_bpf_map →
  // anon_inode_getfd() (security_file_alloc). bpf_prog_load(): bpf_cap once, find_prog_type(),
  // security_bpf_prog_load, bpf_check(), bpf_prog_new_fd() → security_bpf_prog.
  test('alice: BPF_MAP_CREATE → -EPERM after security_bpf, CAP_BPF then CAP_SYS_ADMIN', () => {
    const r = Machine.boot().syscall(ALICE, 'bpf', { cmd: 0 });
    expect(r.errno).toBe('-EPERM');
    expect(seq(r)).toEqual(['bpf', 'capable(CAP_BPF)', 'capable(CAP_SYS_ADMIN)']);
  });

  test('root: BPF_MAP_CREATE of an array', () => {
    const m = Machine.boot();
    const r = ok(m.syscall(ROOT, 'bpf', { cmd: 0, map_type: 2 }));
    expect(r.ret).toBe(0);
    expect(seq(r)).toEqual(['bpf', 'capable(CAP_BPF)', 'bpf_map_create', 'bpf_map', 'file_alloc_security']);
    expect(hookArgs(r, 'bpf')).toEqual([0, 'bpf_attr', 72, false]);
    expect(hookArgs(r, 'bpf_map')).toEqual(['bpf_map', 3]);
    expect(r.trace.some((e) => e.type === 'blob_alloc' && e.blob === 'bpf_map')).toBe(true);
  });

  test('a privileged map type asks bpf_token_capable(CAP_BPF) again', () => {
    const r = ok(Machine.boot().syscall(ROOT, 'bpf', { cmd: 0, map_type: 9 }));
    expect(seq(r)).toEqual([
      'bpf',
      'capable(CAP_BPF)',
      'capable(CAP_BPF)',
      'bpf_map_create',
      'bpf_map',
      'file_alloc_security',
    ]);
  });

  test('6.8: security_bpf has no kernel argument; bpf_map_alloc_security instead of bpf_map_create', () => {
    const r = ok(Machine.boot({ kernelVersion: '6.8' }).syscall(ROOT, 'bpf', { cmd: 0 }));
    expect(seq(r)).toEqual(['bpf', 'capable(CAP_BPF)', 'bpf_map_alloc_security', 'bpf_map', 'file_alloc_security']);
    expect(hookArgs(r, 'bpf')).toEqual([0, 'bpf_attr', 72]);
  });

  test('root: BPF_PROG_LOAD; 6.8 calls bpf_capable() at each check and bpf_prog_alloc_security', () => {
    expect(seq(ok(Machine.boot().syscall(ROOT, 'bpf', { cmd: 5 })))).toEqual([
      'bpf',
      'capable(CAP_BPF)',
      'bpf_prog_load',
      'bpf_prog',
      'file_alloc_security',
    ]);
    expect(seq(ok(Machine.boot({ kernelVersion: '6.18' }).syscall(ROOT, 'bpf', { cmd: 5 })))).toEqual([
      'bpf',
      'capable(CAP_BPF)',
      'bpf_prog_load',
      'bpf_prog',
      'file_alloc_security',
    ]);
    expect(seq(ok(Machine.boot({ kernelVersion: '6.8' }).syscall(ROOT, 'bpf', { cmd: 5 })))).toEqual([
      'bpf',
      'capable(CAP_BPF)',
      'capable(CAP_BPF)',
      'bpf_prog_alloc_security',
      'bpf_prog',
      'file_alloc_security',
    ]);
  });

  test('prog load errors: alice -EPERM, insn_cnt 0 -E2BIG, kprobe needs CAP_PERFMON', () => {
    const m = Machine.boot();
    expect(seq(m.syscall(ALICE, 'bpf', { cmd: 5 }))).toEqual(['bpf', 'capable(CAP_BPF)', 'capable(CAP_SYS_ADMIN)']);
    const zero = m.syscall(ROOT, 'bpf', { cmd: 5, insn_cnt: 0 });
    expect(zero.errno).toBe('-E2BIG');
    expect(seq(zero)).toEqual(['bpf', 'capable(CAP_BPF)']);
    expect(seq(ok(m.syscall(ROOT, 'bpf', { cmd: 5, prog_type: 2 })))).toEqual([
      'bpf',
      'capable(CAP_BPF)',
      'capable(CAP_PERFMON)',
      'bpf_prog_load',
      'bpf_prog',
      'file_alloc_security',
    ]);
  });

  test('invalid map type -EINVAL before any capability; unknown cmd -EINVAL after security_bpf; size > PAGE_SIZE -E2BIG', () => {
    const m = Machine.boot();
    const t = m.syscall(ROOT, 'bpf', { cmd: 0, map_type: 0 });
    expect(t.errno).toBe('-EINVAL');
    expect(seq(t)).toEqual(['bpf']);
    const c = m.syscall(ROOT, 'bpf', { cmd: 99 });
    expect(c.errno).toBe('-EINVAL');
    expect(seq(c)).toEqual(['bpf']);
    const big = m.syscall(ROOT, 'bpf', { cmd: 0, size: 8192 });
    expect(big.errno).toBe('-E2BIG');
    expect(seq(big)).toEqual([]);
  });
});

describe('lsm_list_modules / lsm_get_self_attr / lsm_set_self_attr (security/lsm_syscalls.c)', () => {
  test('lsm_list_modules: the ids of lsm_idlist, as names in the securityfs order', () => {
    const m = Machine.boot();
    const r = ok(m.syscall(ALICE, 'lsm_list_modules', {}));
    expect(r.ret).toBe(m.kernel.lsmIds.length);
    expect(r.out).toBe(m.kernel.readSecurityfs('/sys/kernel/security/lsm'));
    expect(syscallDef('lsm_list_modules')?.nr).toBe(461);
  });

  test('lsm_list_modules: -E2BIG still writes *size; flags -EINVAL leaves it; NULL size -EFAULT', () => {
    const m = Machine.boot();
    const small = m.syscall(ALICE, 'lsm_list_modules', { size: 8 });
    expect(small.errno).toBe('-E2BIG');
    expect(small.out).toBe(`size=${8 * m.kernel.lsmIds.length}`);
    const nullIds = m.syscall(ALICE, 'lsm_list_modules', { size: 0 });
    expect(nullIds.errno).toBe('-E2BIG');
    expect(m.syscall(ALICE, 'lsm_list_modules', { flags: 1 })).toMatchObject({ errno: '-EINVAL', out: '' });
    expect(m.syscall(ALICE, 'lsm_list_modules', { size: -1 }).errno).toBe('-EFAULT');
  });

  test('each task has its own user memory', () => {
    const m = Machine.boot();
    ok(m.syscall(ALICE, 'lsm_list_modules', {}));
    expect(taskMemory(m.task(ALICE)!)).not.toBe(taskMemory(m.task(ROOT)!));
    expect(taskMemory(m.task(ALICE)!)).toBe(taskMemory(m.task(ALICE)!));
  });

  test('lsm_get_self_attr under smack: one entry, ALIGN(32 + 2, 8) = 40 bytes', () => {
    const m = Machine.boot({ cmdline: 'lsm=smack' });
    const r = ok(m.syscall(ALICE, 'lsm_get_self_attr', {}));
    expect(r.ret).toBe(1);
    expect(r.out).toBe('smack: "_"\nsize=40');
    expect(seq(r)).toEqual(['getselfattr']);
    const single = ok(m.syscall(ALICE, 'lsm_get_self_attr', { flags: 1, lsm_id: 102 }));
    expect(single.out).toBe('smack: "_"\nsize=40');
    // ctx = NULL with *size 0: -E2BIG and the size the entry needs.
    expect(m.syscall(ALICE, 'lsm_get_self_attr', { size: 0 })).toMatchObject({ errno: '-E2BIG', out: 'size=40' });
    // ctx = NULL with room: the count and the size (7.1); 6.8's lsm_fill_user_ctx() faults.
    expect(ok(m.syscall(ALICE, 'lsm_get_self_attr', { size: 64, null_ctx: 1 }))).toMatchObject({
      ret: 1,
      out: 'size=40',
    });
    const old = Machine.boot({ cmdline: 'lsm=smack', kernelVersion: '6.8' });
    expect(old.syscall(ALICE, 'lsm_get_self_attr', { size: 64, null_ctx: 1 }).errno).toBe('-EFAULT');
  });

  test('lsm_get_self_attr: attr 0 and a NULL size are -EINVAL; a small buffer -E2BIG with the size', () => {
    const m = Machine.boot({ cmdline: 'lsm=smack' });
    expect(m.syscall(ALICE, 'lsm_get_self_attr', { attr: 0 }).errno).toBe('-EINVAL');
    expect(m.syscall(ALICE, 'lsm_get_self_attr', { size: -1 }).errno).toBe('-EINVAL');
    expect(m.syscall(ALICE, 'lsm_get_self_attr', { size: 16 })).toMatchObject({ errno: '-E2BIG', out: 'size=40' });
  });

  test('lsm_set_self_attr: flags -EINVAL; only the LSM named by ctx->id is asked', () => {
    const m = Machine.boot({ cmdline: 'lsm=smack' });
    expect(m.syscall(ALICE, 'lsm_set_self_attr', { lsm_id: 102, value: 'x', flags: 1 }).errno).toBe('-EINVAL');
    expect(m.syscall(ALICE, 'lsm_set_self_attr', { lsm_id: 102, value: 'x', size: 8 }).errno).toBe('-EINVAL');
    const r = m.syscall(ALICE, 'lsm_set_self_attr', { lsm_id: 101, value: 'unconfined_t' });
    expect(r.errno).toBe('-EOPNOTSUPP');
    const e = r.trace.find((x) => x.type === 'hook_enter' && x.hook === 'setselfattr');
    expect(e && e.type === 'hook_enter' && e.dispatch).toBe('targeted_lsm');
  });
});

describe('lsm_config_self_policy / lsm_config_system_policy (unmerged v6 series, LSM-FACTS §9)', () => {
  // SYSCALL_DEFINE6(lsm_config_*_policy, u32 lsm_id, u32 op, void __user *buf, u32 size,
  // u32 common_flags, u32 flags): common_flags != 0 → -EINVAL; system: capable(CAP_MAC_ADMIN);
  // security_lsm_config_*_policy(): lsm_for_each_hook(), only the LSM whose id matches, default
  // -EINVAL; the module: op/flags → -EOPNOTSUPP, size 0 → -EINVAL, its maximum → -E2BIG, then
  // the buffer is read (apparmor_lsm_config_self_policy() of the series).
  const AA = { cmdline: 'lsm=apparmor' };

  test('both are unmerged: no syscall number', () => {
    expect(syscallDef('lsm_config_self_policy')?.nr).toBeNull();
    expect(syscallDef('lsm_config_system_policy')?.nr).toBeNull();
  });

  test('system by alice: -EPERM at capable(CAP_MAC_ADMIN), the hook is not reached', () => {
    const r = Machine.boot().syscall(ALICE, 'lsm_config_system_policy', { lsm_id: 101, policy: 'p' });
    expect(r.errno).toBe('-EPERM');
    expect(seq(r)).toEqual(['capable(CAP_MAC_ADMIN)']);
  });

  test('common_flags != 0: -EINVAL first, even for alice (no capability check)', () => {
    const m = Machine.boot();
    for (const name of ['lsm_config_system_policy', 'lsm_config_self_policy']) {
      const r = m.syscall(ALICE, name, { lsm_id: 101, policy: 'p', common_flags: 1 });
      expect(r.errno).toBe('-EINVAL');
      expect(seq(r)).toEqual([]);
    }
  });

  test('system by root to selinux: the targeted hook, recorded like a table hook', () => {
    // The SELinux model parses the policy: a real (tiny) one loads.
    const r = ok(
      Machine.boot().syscall(ROOT, 'lsm_config_system_policy', { lsm_id: 101, policy: SELINUX_PERMISSIVE_POLICY }),
    );
    expect(r.ret).toBe(0);
    expect(seq(r)).toEqual(['capable(CAP_MAC_ADMIN)', 'lsm_config_system_policy']);
    const enter = r.trace.find((e) => e.type === 'hook_enter' && e.hook === 'lsm_config_system_policy');
    expect(enter).toMatchObject({ dispatch: 'targeted_lsm', head: ['selinux'], defaultRc: -22 });
    const calls = r.trace.filter((e) => e.type === 'lsm_call' && e.hook === 'lsm_config_system_policy');
    expect(calls.map((e) => e.type === 'lsm_call' && e.lsm)).toEqual(['selinux']);
    const ret = r.trace.find((e) => e.type === 'lsm_return' && e.hook === 'lsm_config_system_policy');
    expect(ret).toMatchObject({ rc: 0, verdict: 'allow' });
    expect(kfuncs(r).some((k) => k.includes('selinux_lsm_config_system_policy'))).toBe(true);
    // A policy with an error changes nothing: -EINVAL.
    expect(Machine.boot().syscall(ROOT, 'lsm_config_system_policy', { lsm_id: 101, policy: 'policy.33' }).errno).toBe(
      '-EINVAL',
    );
  });

  test('apparmor self: 600 bytes -E2BIG (AA_PROFILE_NAME_MAX_SIZE 512), 512 bytes reach aa_change_profile()', () => {
    const m = Machine.boot(AA);
    const big = m.syscall(ALICE, 'lsm_config_self_policy', { lsm_id: 104, policy: 'x'.repeat(600) });
    expect(big.errno).toBe('-E2BIG');
    expect(seq(big)).toEqual(['lsm_config_self_policy']);
    // The size check passes; aa_change_profile(name, AA_CHANGE_STACK) finds no such profile
    // (aa_label_parse(): "label not found", -ENOENT). A loaded profile stacks.
    expect(m.syscall(ALICE, 'lsm_config_self_policy', { lsm_id: 104, policy: 'x'.repeat(512) }).errno).toBe('-ENOENT');
    ok(m.syscall(ROOT, 'lsm_config_system_policy', { lsm_id: 104, policy: `profile ${'x'.repeat(512)} {}` }));
    expect(ok(m.syscall(ALICE, 'lsm_config_self_policy', { lsm_id: 104, policy: 'x'.repeat(512) })).ret).toBe(0);
  });

  test('apparmor system: 256 MiB + 1 is -E2BIG before the buffer is read; a short buffer faults', () => {
    const m = Machine.boot(AA);
    const big = m.syscall(ROOT, 'lsm_config_system_policy', { lsm_id: 104, policy: 'p', size: 256 * 1024 * 1024 + 1 });
    expect(big.errno).toBe('-E2BIG');
    expect(m.syscall(ROOT, 'lsm_config_system_policy', { lsm_id: 104, policy: 'p', size: 100 }).errno).toBe('-EFAULT');
  });

  test('an LSM id that is not active (or does not implement the hook): -EINVAL, no LSM called', () => {
    const r = Machine.boot(AA).syscall(ALICE, 'lsm_config_self_policy', { lsm_id: 101, policy: 'p' });
    expect(r.errno).toBe('-EINVAL');
    expect(r.trace.some((e) => e.type === 'lsm_call')).toBe(false);
    const exit = r.trace.find((e) => e.type === 'hook_exit' && e.hook === 'lsm_config_self_policy');
    expect(exit && exit.type === 'hook_exit' && exit.note).toContain('LSM_RET_DEFAULT = -EINVAL');
    // SELinux registers only the system hook.
    expect(Machine.boot().syscall(ROOT, 'lsm_config_self_policy', { lsm_id: 101, policy: 'p' }).errno).toBe('-EINVAL');
  });

  test('the module rejects another op or non-zero flags with -EOPNOTSUPP; size 0 is -EINVAL', () => {
    const m = Machine.boot(AA);
    expect(m.syscall(ALICE, 'lsm_config_self_policy', { lsm_id: 104, op: 0, policy: 'p' }).errno).toBe('-EOPNOTSUPP');
    expect(m.syscall(ALICE, 'lsm_config_self_policy', { lsm_id: 104, flags: 1, policy: 'p' }).errno).toBe(
      '-EOPNOTSUPP',
    );
    expect(m.syscall(ALICE, 'lsm_config_self_policy', { lsm_id: 104, policy: '' }).errno).toBe('-EINVAL');
  });

  test("smack's self hook requires CAP_MAC_ADMIN inside the callback", () => {
    const m = Machine.boot({ cmdline: 'lsm=smack' });
    const r = m.syscall(ALICE, 'lsm_config_self_policy', { lsm_id: 102, policy: 'alice _ r' });
    expect(r.errno).toBe('-EPERM');
    expect(seq(r)).toEqual(['lsm_config_self_policy', 'capable(CAP_MAC_ADMIN)']);
    const nested = r.trace.find((e) => e.type === 'hook_enter' && e.hook === 'capable')!;
    expect(nested.depth).toBe(1);
    // The buffer is "<fmt><rules>" (fmt 1: SMK_LONG_FMT); the return is smk_write_rules_list()'s byte count.
    expect(ok(m.syscall(ROOT, 'lsm_config_self_policy', { lsm_id: 102, policy: '\u0001root _ r' })).ret).toBe(8);
    expect(ok(m.syscall(ROOT, 'lsm_config_system_policy', { lsm_id: 102, policy: '\u0001a b rwx' })).ret).toBe(7);
  });
});

test('the same calls give the same traces (determinism)', () => {
  const run = () => {
    const m = Machine.boot();
    ok(m.syscall(ROOT, 'mkdirat', { path: '/mnt' }));
    return [
      m.syscall(ROOT, 'mount', { source: 'tmpfs', target: '/mnt', data: 'size=1M' }),
      m.syscall(ROOT, 'init_module', { image: HELLO }),
      m.syscall(ROOT, 'socket', { family: 2, type: 1 }),
      m.syscall(ROOT, 'bpf', { cmd: 5 }),
      m.syscall(ROOT, 'lsm_config_system_policy', { lsm_id: 101, policy: 'p' }),
    ];
  };
  expect(JSON.stringify(run())).toBe(JSON.stringify(run()));
});
