// A tiny socket layer after net/socket.c, net/unix/af_unix.c and net/ipv4/af_inet.c: enough for
// socket(2), bind(2), listen(2) and connect(2) to reach their LSM hooks in the kernel's order.
// Addresses are strings: "127.0.0.1:22" (AF_INET), "[::1]:22" (AF_INET6), a path or
// "@abstract" (AF_UNIX; "" autobinds). Every socket lives in the sockfs of its machine, which
// the kernel mounts at boot (sock_init() → kern_mount()); it is created here on first use,
// without hooks, because that happens before any process runs.
import {
  EACCES,
  EADDRINUSE,
  EADDRNOTAVAIL,
  EAFNOSUPPORT,
  EBADF,
  ECONNREFUSED,
  EEXIST,
  EINVAL,
  EISCONN,
  ENFILE,
  ENOTSOCK,
  EOPNOTSUPP,
  EPERM,
  EPROTONOSUPPORT,
  EPROTOTYPE,
  ESOCKTNOSUPPORT,
} from '../errno';
import type { Ref, Struct } from '../kernel/objects';
import { CAP_NET_BIND_SERVICE } from './capability';
import { capable, inodePermission } from './dac';
import { pathWalk, walkExisting } from './namei';
import { O_CLOEXEC, O_NONBLOCK, O_RDWR } from './syscallArgs';
import type { Sys } from './syscallTable';
import {
  MAY_EXEC,
  MAY_WRITE,
  S_IFMT,
  S_IFSOCK,
  type Dentry,
  type File,
  type Inode,
  type SuperBlock,
  type VfsMount,
  fdText,
} from './types';
import type { World } from './world';

/** include/linux/socket.h address families the model registers (net_families[]). */
export const AF_UNIX = 1;
export const AF_INET = 2;
export const AF_INET6 = 10;
const NPROTO = 46;
const REGISTERED_FAMILIES = new Set([AF_UNIX, AF_INET, AF_INET6]);

/** include/linux/net.h enum sock_type. */
export const SOCK_STREAM = 1;
export const SOCK_DGRAM = 2;
export const SOCK_RAW = 3;
export const SOCK_RDM = 4;
export const SOCK_SEQPACKET = 5;
const SOCK_MAX = 11;
const SOCK_TYPE_MASK = 0xf;
const SOCK_CLOEXEC = O_CLOEXEC;
const SOCK_NONBLOCK = O_NONBLOCK;

const IPPROTO_ICMP = 1;
const IPPROTO_TCP = 6;
const IPPROTO_UDP = 17;
const IPPROTO_MAX = 263;
const CAP_NET_RAW = 13;
const GFP_KERNEL = 0xcc0;
/** include/uapi/linux/stat.h S_IRWXUGO: sock_alloc() gives the sockfs inode this mode. */
const S_IRWXUGO = 0o777;
const UMASK = 0o022;
/** net.core.somaxconn default (4096 since 5.4). */
const SOMAXCONN = 4096;
/** net.ipv4.ip_local_port_range start. */
const EPHEMERAL_START = 32768;

export { EADDRNOTAVAIL, EISCONN, EPROTONOSUPPORT, EPROTOTYPE, ESOCKTNOSUPPORT } from '../errno';

/** struct sock (the parts the model keeps). */
export interface Sock extends Struct<'sock'> {
  readonly sk_family: number;
  readonly sk_type: number;
  readonly sk_protocol: number;
}

/** struct socket plus the protocol state of its sock. */
export interface Socket extends Struct<'socket'> {
  readonly family: number;
  readonly type: number;
  readonly protocol: number;
  /** SS_UNCONNECTED / TCP_LISTEN / SS_CONNECTED, as one field. */
  state: 'unconnected' | 'listening' | 'connected';
  readonly sk: Sock;
  /** SOCK_INODE(sock): the sockfs inode. */
  readonly inode: Inode;
  file: File | null;
  /** The bound address (unix_sk(sk)->addr / inet_rcv_saddr:inet_num), as the model writes it. */
  local: string | null;
  peer: string | null;
  /** AF_UNIX bound to a path: the S_IFSOCK inode bind() created (unix_sk(sk)->path). */
  bsdInode: Inode | null;
}

interface NetState {
  readonly sb: SuperBlock;
  readonly mnt: VfsMount;
  readonly sockets: Socket[];
  readonly byFile: WeakMap<File, Socket>;
  nextEphemeral: number;
  nextAutobind: number;
}

const NET = new WeakMap<World, NetState>();

function netState(world: World): NetState {
  let st = NET.get(world);
  if (!st) {
    const sb = world.newSuperBlock('sockfs', 'sockfs');
    const rootInode = world.newInode(sb, 0o040000 | 0o555, 0, 0);
    const root = world.newDentry('/', null, rootInode);
    sb.s_root = root;
    // kern_mount(): an internal mount, not part of the mount tree (not in world.mounts).
    const mnt = world.kernMount(sb, root);
    st = { sb, mnt, sockets: [], byFile: new WeakMap(), nextEphemeral: EPHEMERAL_START, nextAutobind: 0 };
    NET.set(world, st);
  }
  return st;
}

/** A socket is alive while some task still has its file installed (close(2) releases it). */
function alive(world: World, s: Socket): boolean {
  if (!s.file) return false;
  for (const t of world.tasks.values()) for (const f of t.files.values()) if (f === s.file) return true;
  return false;
}

/** The live sockets of a machine (for listings and tests). */
export function liveSockets(world: World): Socket[] {
  return netState(world).sockets.filter((s) => alive(world, s));
}

/** sockfd_lookup_light(): the socket behind an fd, -EBADF or -ENOTSOCK. */
export function sockfdLookup(sys: Sys, fd: number): Socket | number {
  const f = sys.task.files.get(fd);
  if (!f) return -EBADF;
  return netState(sys.world).byFile.get(f) ?? -ENOTSOCK;
}

function sockaddr(family: number, addr: string): { obj: Struct<'sockaddr'>; len: number } {
  // sizeof(struct sockaddr_in) 16, sockaddr_in6 28; AF_UNIX: offsetof(sun_path) + strlen + 1.
  const len = family === AF_INET ? 16 : family === AF_INET6 ? 28 : 2 + addr.length + (addr.startsWith('@') ? 0 : 1);
  return { obj: { struct: 'sockaddr', addr: 0, fields: { sa_family: family, address: addr } }, len };
}

/** Parses "host:port" / "[host]:port". */
function parseInet(family: number, s: string): { host: string; port: number } | null {
  const m = family === AF_INET6 ? /^\[([0-9a-fA-F:.]*)\]:(\d+)$/.exec(s) : /^(\d+\.\d+\.\d+\.\d+):(\d+)$/.exec(s);
  if (!m) return null;
  const port = Number(m[2]);
  if (port > 65535) return null;
  if (family === AF_INET && m[1]!.split('.').some((o) => Number(o) > 255)) return null;
  return { host: m[1]!, port };
}

const isWildcard = (h: string): boolean => h === '0.0.0.0' || h === '::';
const isLocal = (h: string): boolean => isWildcard(h) || h.startsWith('127.') || h === '::1';
const hostsOverlap = (a: string, b: string): boolean => a === b || isWildcard(a) || isWildcard(b);

/**
 * socket(2): __sys_socket() → __sys_socket_create() (SOCK_* flag check) → __sock_create():
 * family/type range checks, security_socket_create, sock_alloc() (new_inode_pseudo() on sockfs →
 * security_inode_alloc), request_module("net-pf-N") for an unregistered family, pf->create()
 * (unix_create()/inet_create(): type and protocol, CAP_NET_RAW for raw inet sockets, sk_alloc() →
 * security_sk_alloc), security_socket_post_create; then sock_map_fd() → sock_alloc_file() →
 * alloc_file_pseudo() → security_file_alloc, fd_install().
 */
export function sysSocket(sys: Sys, a: { family: number; type: number; protocol: number }): number {
  const { ctx, world, task } = sys;
  const flags = a.type & ~SOCK_TYPE_MASK;
  if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK)) return -EINVAL;
  const type = a.type & SOCK_TYPE_MASK;
  const { family, protocol } = a;
  sys.kfunc('__sock_create', `family ${family}, type ${type}, protocol ${protocol}`);
  if (family < 0 || family >= NPROTO) return -EAFNOSUPPORT;
  if (type < 0 || type >= SOCK_MAX) return -EINVAL;
  let rc = ctx.hook('socket_create', [family, type, protocol, 0]) as number;
  if (rc) return rc;
  // sock_alloc(): a sockfs inode, mode S_IFSOCK | S_IRWXUGO, owned by current_fsuid().
  const st = netState(world);
  const inode = world.newInode(st.sb, S_IFSOCK | S_IRWXUGO, task.cred.fsuid, task.cred.fsgid);
  sys.kfunc('sock_alloc', `sockfs inode ${inode.i_ino}`);
  if (ctx.alloc('inode', inode, [])) return -ENFILE;
  const release = (err: number): number => {
    sys.kfunc('sock_release');
    ctx.free('inode', inode);
    return err;
  };
  if (!REGISTERED_FAMILIES.has(family)) {
    // __request_module() → security_kernel_module_request("net-pf-N"); no such module here.
    sys.kfunc('request_module', `net-pf-${family}`);
    ctx.hook('kernel_module_request', [`net-pf-${family}`]);
    return release(-EAFNOSUPPORT);
  }
  // pf->create()
  let sockType = type;
  if (family === AF_UNIX) {
    sys.kfunc('unix_create');
    if (protocol && protocol !== AF_UNIX) return release(-EPROTONOSUPPORT);
    if (type === SOCK_RAW) sockType = SOCK_DGRAM;
    else if (type !== SOCK_STREAM && type !== SOCK_DGRAM && type !== SOCK_SEQPACKET) return release(-ESOCKTNOSUPPORT);
  } else {
    sys.kfunc(family === AF_INET ? 'inet_create' : 'inet6_create');
    if (protocol < 0 || protocol >= IPPROTO_MAX) return release(-EINVAL);
    const ok =
      type === SOCK_STREAM
        ? protocol === 0 || protocol === IPPROTO_TCP
        : type === SOCK_DGRAM
          ? protocol === 0 || protocol === IPPROTO_UDP || protocol === IPPROTO_ICMP
          : type === SOCK_RAW
            ? protocol !== 0
            : null;
    if (ok === null) return release(-ESOCKTNOSUPPORT);
    if (!ok) return release(-EPROTONOSUPPORT);
    if (type === SOCK_RAW && !capable(ctx, task.cred, CAP_NET_RAW)) return release(-EPERM);
  }
  const sk: Sock = {
    struct: 'sock',
    addr: world.addr(),
    security: null,
    sk_family: family,
    sk_type: sockType,
    sk_protocol: protocol,
  };
  sys.kfunc('sk_alloc');
  rc = ctx.alloc('sock', sk, [family, GFP_KERNEL]);
  if (rc) return release(rc);
  const sock: Socket = {
    struct: 'socket',
    addr: world.addr(),
    security: null,
    family,
    type: sockType,
    protocol,
    state: 'unconnected',
    sk,
    inode,
    file: null,
    local: null,
    peer: null,
    bsdInode: null,
  };
  const releaseSock = (err: number): number => {
    ctx.free('sock', sk);
    return release(err);
  };
  rc = ctx.hook('socket_post_create', [sock, family, sockType, protocol, 0]) as number;
  if (rc) return releaseSock(rc);
  // sock_map_fd()
  const fd = world.unusedFd(task);
  const dentry: Dentry = world.newDentry(`socket:[${inode.i_ino}]`, null, inode);
  const file = world.newFile(world.path(st.mnt, dentry), O_RDWR | (flags & (O_CLOEXEC | O_NONBLOCK)), 3, task.cred);
  sys.kfunc('sock_alloc_file', 'alloc_file_pseudo() → alloc_empty_file()');
  rc = ctx.alloc('file', file, []);
  if (rc) return releaseSock(rc);
  sock.file = file;
  st.sockets.push(sock);
  st.byFile.set(file, sock);
  task.files.set(fd, file);
  sys.kfunc('fd_install', fdText(fd));
  return fd;
}

/** An ephemeral port no live socket of the same kind holds (inet_csk_get_port(sk, 0)). */
function ephemeralPort(sys: Sys, s: Socket): number {
  const st = netState(sys.world);
  for (;;) {
    const port = st.nextEphemeral++;
    if (!inetConflict(sys, s, '0.0.0.0', port)) return port;
  }
}

function inetConflict(sys: Sys, s: Socket, host: string, port: number): boolean {
  return netState(sys.world).sockets.some((o) => {
    if (o === s || o.family !== s.family || o.type !== s.type || !o.local || !alive(sys.world, o)) return false;
    const b = parseInet(o.family, o.local)!;
    return b.port === port && hostsOverlap(b.host, host);
  });
}

const fmtInet = (family: number, host: string, port: number): string =>
  family === AF_INET6 ? `[${host}]:${port}` : `${host}:${port}`;

/**
 * The S_IFSOCK node of a bound AF_UNIX socket, as unix_bind_bsd() makes it: start_creating_path()
 * (the parent walk), security_path_mknod, vfs_mknod() → may_create() (inode_permission(dir,
 * W|X)) → security_inode_mknod → the filesystem's new inode (security_inode_alloc,
 * security_inode_init_security, d_instantiate). -EEXIST becomes -EADDRINUSE.
 */
function unixBindBsd(sys: Sys, s: Socket, path: string): number {
  const { ctx, world, task } = sys;
  const mode = S_IFSOCK | (s.inode.i_mode & 0o777 & ~UMASK);
  const w = pathWalk(ctx, world, task, path, { follow: false }, sys.version);
  if (typeof w === 'number') return w;
  if (w.name === '.' || w.name === '..' || w.name === '/' || w.dentry.d_inode) return -EADDRINUSE;
  const dir = w.parent.dentry.d_inode!;
  let rc = ctx.hook('path_mknod', [w.parent, w.dentry, mode, 0]) as number;
  if (rc) return rc;
  sys.kfunc('vfs_mknod', `${world.pathName(w.parent)}/${w.name} S_IFSOCK`);
  rc = inodePermission(ctx, task.cred, dir, MAY_WRITE | MAY_EXEC, world.pathName(w.parent));
  if (rc) return rc;
  rc = ctx.hook('inode_mknod', [dir, w.dentry, mode, 0]) as number;
  if (rc) return rc;
  const inode = world.newInode(dir.i_sb, mode, task.cred.fsuid, task.cred.fsgid);
  sys.kfunc('new_inode', `ino ${inode.i_ino}`);
  rc = ctx.alloc('inode', inode, []);
  if (rc) return rc;
  const xattrs = {
    struct: 'xattr' as const,
    addr: world.addr(),
    security: null,
    slots: [] as { name: string; value: string }[],
  };
  const count: Ref<number> = { value: 0 };
  rc = ctx.hook('inode_init_security', [
    inode,
    dir,
    { struct: 'qstr', addr: 0, fields: { name: w.name } },
    xattrs,
    count,
  ]) as number;
  if (rc && rc !== -EOPNOTSUPP) {
    ctx.free('inode', inode);
    return rc;
  }
  for (const x of xattrs.slots) if (x) inode.xattrs.set(`security.${x.name}`, x.value);
  const d = world.newDentry(w.name, w.parent.dentry, inode);
  ctx.hook('d_instantiate', [d, inode]);
  s.bsdInode = inode;
  return 0;
}

/**
 * bind(2): __sys_bind() → sockfd_lookup_light() → security_socket_bind → sock->ops->bind():
 * unix_bind() (unix_autobind() for an empty address, unix_bind_abstract(), unix_bind_bsd());
 * inet_bind() → __inet_bind(): a local address (-EADDRNOTAVAIL), CAP_NET_BIND_SERVICE for ports
 * below 1024 (-EACCES), already bound (-EINVAL), the port in use (-EADDRINUSE).
 */
export function sysBind(sys: Sys, a: { fd: number; addr: string }): number {
  const s = sockfdLookup(sys, a.fd);
  if (typeof s === 'number') return s;
  const sa = sockaddr(s.family, a.addr);
  const rc = sys.ctx.hook('socket_bind', [s, sa.obj, sa.len]) as number;
  if (rc) return rc;
  const st = netState(sys.world);
  if (s.family === AF_UNIX) {
    sys.kfunc('unix_bind');
    if (a.addr === '') {
      sys.kfunc('unix_autobind');
      if (s.local) return 0;
      s.local = `@${(st.nextAutobind++).toString(16).padStart(5, '0')}`;
      return 0;
    }
    if (s.local) return -EINVAL;
    if (a.addr.startsWith('@')) {
      sys.kfunc('unix_bind_abstract');
      if (st.sockets.some((o) => o.family === AF_UNIX && o.local === a.addr && alive(sys.world, o))) return -EADDRINUSE;
      s.local = a.addr;
      return 0;
    }
    sys.kfunc('unix_bind_bsd', a.addr);
    const r = unixBindBsd(sys, s, a.addr);
    if (r) return r === -EEXIST ? -EADDRINUSE : r;
    s.local = a.addr;
    return 0;
  }
  sys.kfunc(s.family === AF_INET ? 'inet_bind' : 'inet6_bind');
  const ad = parseInet(s.family, a.addr);
  if (!ad) return -EINVAL;
  if (!isLocal(ad.host)) return -EADDRNOTAVAIL;
  if (ad.port && ad.port < 1024 && !capable(sys.ctx, sys.task.cred, CAP_NET_BIND_SERVICE)) return -EACCES;
  if (s.local || s.state !== 'unconnected') return -EINVAL;
  const port = ad.port || ephemeralPort(sys, s);
  if (inetConflict(sys, s, ad.host, port)) return -EADDRINUSE;
  s.local = fmtInet(s.family, ad.host, port);
  return 0;
}

/**
 * listen(2): __sys_listen() → security_socket_listen → sock->ops->listen(): unix_listen() (stream
 * or seqpacket only, must be bound), inet_listen() (stream, unconnected; autobinds a port).
 */
export function sysListen(sys: Sys, a: { fd: number; backlog: number }): number {
  const s = sockfdLookup(sys, a.fd);
  if (typeof s === 'number') return s;
  const backlog = Math.min(a.backlog, SOMAXCONN);
  const rc = sys.ctx.hook('socket_listen', [s, backlog]) as number;
  if (rc) return rc;
  if (s.family === AF_UNIX) {
    sys.kfunc('unix_listen');
    if (s.type !== SOCK_STREAM && s.type !== SOCK_SEQPACKET) return -EOPNOTSUPP;
    if (!s.local) return -EINVAL;
  } else {
    sys.kfunc('inet_listen');
    if (s.type !== SOCK_STREAM || s.state === 'connected') return -EINVAL;
    if (!s.local) s.local = fmtInet(s.family, s.family === AF_INET6 ? '::' : '0.0.0.0', ephemeralPort(sys, s));
  }
  s.state = 'listening';
  return 0;
}

/**
 * unix_find_other(): an abstract name from the table; a path through kern_path(LOOKUP_FOLLOW),
 * path_permission(MAY_WRITE), S_ISSOCK and a bound socket (-ECONNREFUSED), the socket type
 * (-EPROTOTYPE), then security_unix_find (7.1 only) — unix_find_bsd().
 */
function unixFindOther(sys: Sys, s: Socket, addr: string): Socket | number {
  const world = sys.world;
  const st = netState(world);
  if (addr.startsWith('@')) {
    const o = st.sockets.find((x) => x.family === AF_UNIX && x.local === addr && alive(world, x));
    if (!o) return -ECONNREFUSED;
    return o.type === s.type ? o : -EPROTOTYPE;
  }
  sys.kfunc('unix_find_bsd', addr);
  const r = walkExisting(sys.ctx, world, sys.task, addr, true, sys.version);
  if (typeof r === 'number') return r;
  const inode = r.path.dentry.d_inode!;
  const rc = inodePermission(sys.ctx, sys.task.cred, inode, MAY_WRITE, world.pathName(r.path));
  if (rc) return rc;
  if ((inode.i_mode & S_IFMT) !== S_IFSOCK) return -ECONNREFUSED;
  const o = st.sockets.find((x) => x.bsdInode === inode && alive(world, x));
  if (!o) return -ECONNREFUSED;
  if (o.type !== s.type) return -EPROTOTYPE;
  if (sys.version === '7.1') {
    const rf = sys.ctx.hook('unix_find', [r.path, o.sk, 0]) as number;
    if (rf) return rf;
  }
  return o;
}

/**
 * connect(2): __sys_connect() → security_socket_connect → sock->ops->connect():
 * unix_stream_connect() (a new sock via unix_create1() → security_sk_alloc, unix_find_other(),
 * the peer must listen (-ECONNREFUSED), security_unix_stream_connect; the new sock is freed on
 * failure), unix_dgram_connect() (unix_find_other(), security_unix_may_send);
 * inet_stream_connect() (a listener on that port, else -ECONNREFUSED) / inet_dgram_connect().
 */
export function sysConnect(sys: Sys, a: { fd: number; addr: string }): number {
  const { ctx } = sys;
  const s = sockfdLookup(sys, a.fd);
  if (typeof s === 'number') return s;
  const sa = sockaddr(s.family, a.addr);
  const rc = ctx.hook('socket_connect', [s, sa.obj, sa.len]) as number;
  if (rc) return rc;
  if (s.family === AF_UNIX) {
    if (a.addr === '') return -EINVAL;
    if (s.type === SOCK_DGRAM) {
      sys.kfunc('unix_dgram_connect', a.addr);
      const o = unixFindOther(sys, s, a.addr);
      if (typeof o === 'number') return o;
      const r = ctx.hook('unix_may_send', [s, o]) as number;
      if (r) return r;
      s.peer = a.addr;
      s.state = 'connected';
      return 0;
    }
    sys.kfunc('unix_stream_connect', a.addr);
    const newsk: Sock = {
      struct: 'sock',
      addr: sys.world.addr(),
      security: null,
      sk_family: AF_UNIX,
      sk_type: s.type,
      sk_protocol: 0,
    };
    sys.kfunc('unix_create1', 'the sock for the server side of the connection');
    let r = ctx.alloc('sock', newsk, [AF_UNIX, GFP_KERNEL]);
    if (r) return r;
    const fail = (err: number): number => {
      sys.kfunc('unix_release_sock', 'the new sock is freed');
      ctx.free('sock', newsk);
      return err;
    };
    const o = unixFindOther(sys, s, a.addr);
    if (typeof o === 'number') return fail(o);
    if (o.state !== 'listening') return fail(-ECONNREFUSED);
    if (s.state !== 'unconnected') return fail(s.state === 'connected' ? -EISCONN : -EINVAL);
    r = ctx.hook('unix_stream_connect', [s.sk, o.sk, newsk]) as number;
    if (r) return fail(r);
    s.peer = a.addr;
    s.state = 'connected';
    return 0;
  }
  const ad = parseInet(s.family, a.addr);
  if (!ad) return -EINVAL;
  if (s.type !== SOCK_STREAM) {
    sys.kfunc(s.family === AF_INET ? 'inet_dgram_connect' : 'inet_dgram_connect (inet6)');
    if (!s.local) s.local = fmtInet(s.family, ad.host, ephemeralPort(sys, s));
    s.peer = a.addr;
    s.state = 'connected';
    return 0;
  }
  sys.kfunc('inet_stream_connect', a.addr);
  if (s.state === 'connected') return -EISCONN;
  if (s.state === 'listening') return -EINVAL;
  const listener = netState(sys.world).sockets.find((o) => {
    if (o.family !== s.family || o.type !== SOCK_STREAM || o.state !== 'listening' || !alive(sys.world, o))
      return false;
    const b = parseInet(o.family, o.local!)!;
    return b.port === ad.port && isLocal(ad.host) && hostsOverlap(b.host, ad.host);
  });
  if (!listener) return -ECONNREFUSED;
  if (!s.local) s.local = fmtInet(s.family, s.family === AF_INET6 ? '::1' : '127.0.0.1', ephemeralPort(sys, s));
  s.peer = a.addr;
  s.state = 'connected';
  return 0;
}
