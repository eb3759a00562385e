// Landlock (security/landlock/, Documentation/userspace-api/landlock.rst): unprivileged sandboxing.
// A task builds a ruleset through its three syscalls (models/landlock/syscalls.ts) and enforces it
// on itself; the resulting domain lives in the cred blob, is inherited by fork and exec, and may
// only grow more restrictive (up to 16 layers, each of which must allow an access). The hooks
// below decide on paths (fs.c), tracing and signals (task.c); the cred hooks copy the domain.
import { EACCES, EINVAL, EPERM } from '../../errno';
import type { HookImpls, HookName } from '../../hooks/hookDefs';
import { hookDefs } from '../../hooks/hookDefs';
import { KERN_INFO } from '../../kernel/printk';
import type { Struct } from '../../kernel/objects';
import type { LsmInitContext } from '../../lsm/lsmInfo';
import type { Cred, Dentry, File, Inode, Path, Task } from '../../machine/types';
import type { KernelVersion } from '../../version';
import { utf8Encode } from '../../util/utf8';
import { currentCred, currentTask, type InTreeModel } from '../model';
import {
  auditDentry,
  auditPath,
  auditTaskData,
  getDenyMasks,
  logDenial,
  logDropDomain,
  type LandlockRequest,
} from './audit';
import { checkAccessPath, checkReferPath, isAccessToPathsAllowed, getModeAccess, type FsEnv } from './fs';
import {
  applicableSubject,
  initLayerMasks,
  NO_CRED,
  unmaskLayers,
  type Hierarchy,
  type LandlockCred,
  type LandlockObject,
  type Ruleset,
} from './ruleset';
import {
  LANDLOCK_ACCESS_FS_EXECUTE,
  LANDLOCK_ACCESS_FS_IOCTL_DEV,
  LANDLOCK_ACCESS_FS_MAKE_DIR,
  LANDLOCK_ACCESS_FS_MAKE_SYM,
  LANDLOCK_ACCESS_FS_OPTIONAL,
  LANDLOCK_ACCESS_FS_READ_DIR,
  LANDLOCK_ACCESS_FS_READ_FILE,
  LANDLOCK_ACCESS_FS_REMOVE_DIR,
  LANDLOCK_ACCESS_FS_REMOVE_FILE,
  LANDLOCK_ACCESS_FS_TRUNCATE,
  LANDLOCK_ACCESS_FS_WRITE_FILE,
  LANDLOCK_ACCESS_NET_BIND_TCP,
  LANDLOCK_ACCESS_NET_CONNECT_TCP,
  LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET,
  LANDLOCK_SCOPE_SIGNAL,
  landlockAbi,
} from './uapi';

/** struct landlock_file_security: the rights the file was opened with (and which layer denied the optional ones). */
export interface LandlockFile {
  readonly allowed_access: number;
  readonly deny_masks: number;
}

const FMODE_READ = 0x1;
const FMODE_WRITE = 0x2;
const FMODE_EXEC = 0x20;
const PTRACE_MODE_NOAUDIT = 0x04;
const RENAME_EXCHANGE = 1 << 1;
const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_IFCHR = 0o020000;
const S_IFBLK = 0o060000;
const AF_INET = 2;
const AF_INET6 = 10;
const SOCK_STREAM = 1;
const IPPROTO_TCP = 6;

/** The machine's struct sock and sockaddr (machine/net.ts): family, type, protocol; "host:port". */
interface SockView {
  readonly sk: { readonly sk_family: number; readonly sk_type: number; readonly sk_protocol: number };
}
/** The machine's struct socket of an AF_UNIX socket (machine/net.ts): its file, bound name, peer. */
interface UnixSocketView {
  readonly sk: unknown;
  readonly file: File | null;
  readonly local: string | null;
  readonly peer: string | null;
  readonly state: string;
}
interface SockaddrView {
  readonly fields?: { readonly sa_family?: number; readonly address?: string };
}

/** The hooks this model implements, by the file of security/landlock/ that registers them. */
const IMPLEMENTED: readonly HookName[] = [
  // cred.c
  'cred_prepare',
  'cred_transfer',
  'cred_free',
  'bprm_creds_for_exec',
  // task.c
  'ptrace_access_check',
  'ptrace_traceme',
  'task_kill',
  'unix_may_send',
  // fs.c
  'sb_mount',
  'move_mount',
  'sb_umount',
  'sb_remount',
  'sb_pivotroot',
  'path_link',
  'path_rename',
  'path_mkdir',
  'path_mknod',
  'path_symlink',
  'path_unlink',
  'path_rmdir',
  'path_truncate',
  'file_alloc_security',
  'file_open',
  'file_truncate',
  'file_free_security',
  // net.c
  'socket_bind',
  'socket_connect',
];

function implemented(version: KernelVersion): HookName[] {
  const registered = new Set(
    [...hookDefs(version).values()].filter((d) => d.implementedBy.includes('landlock')).map((d) => d.name),
  );
  return IMPLEMENTED.filter((h) => registered.has(h));
}

function landlockInit(ctx: LsmInitContext, version: KernelVersion): { hooks: Partial<HookImpls> } {
  const abi = landlockAbi(version);

  /** landlock_cred(): the cred's Landlock part (zeroed: no domain). */
  const llCred = (cred: Struct | null | undefined): LandlockCred =>
    cred?.security ? (ctx.blob<LandlockCred>('cred', cred).get() ?? NO_CRED) : NO_CRED;
  const llFile = (file: Struct): LandlockFile | undefined =>
    file.security ? ctx.blob<LandlockFile>('file', file).get() : undefined;
  const current = (): LandlockCred => llCred(currentCred(ctx));

  const log = (subject: LandlockCred, request: LandlockRequest): void => logDenial(ctx, abi.audit, subject, request);
  const env: FsEnv = {
    objectOf: (inode: Inode) => (inode.security ? ctx.blob<LandlockObject>('inode', inode).get()?.id : undefined),
    logDenial: log,
  };

  /** fs.c log_fs_change_topology_*() + -EPERM for any landlocked task that handles a fs right. */
  const changeTopology = (what: (() => string) | null): number => {
    const s = applicableSubject(current(), { fs: ~0 >>> 0 });
    if (!s) return 0;
    log(s.subject, { type: 'fs_change_topology', data: what ?? (() => ''), layer_plus_one: s.handleLayer + 1 });
    return -EPERM;
  };

  /** task.c domain_scope_le(): `parent` is null or an ancestor (or the same) of `child`'s domain. */
  const domainScopeLe = (parent: Ruleset | null, child: Ruleset | null): boolean => {
    if (!parent) return true;
    if (!child) return false;
    for (let w = child.hierarchy; w; w = w.parent) if (w === parent.hierarchy) return true;
    return false;
  };

  /** task.c domain_is_scoped(): the client's scoped layers are not ancestors of the server's domain. */
  const domainIsScoped = (client: Ruleset, server: Ruleset | null, scope: number): boolean => {
    let clientLayer = client.num_layers - 1;
    let clientWalker = client.hierarchy;
    let serverLayer = server ? server.num_layers - 1 : -1;
    let serverWalker = server?.hierarchy ?? null;
    for (; clientLayer > serverLayer; clientLayer--) {
      if (client.access_masks[clientLayer]!.scope & scope) return true;
      clientWalker = clientWalker?.parent ?? null;
    }
    for (; serverLayer > clientLayer; serverLayer--) serverWalker = serverWalker?.parent ?? null;
    for (; clientLayer >= 0; clientLayer--) {
      if (client.access_masks[clientLayer]!.scope & scope) return serverWalker !== clientWalker;
      clientWalker = clientWalker?.parent ?? null;
      serverWalker = serverWalker?.parent ?? null;
    }
    return false;
  };

  /**
   * net.c current_check_access_socket(): a TCP bind or connect is allowed when a rule of each
   * layer handling the right grants it on the port; the audit data is lsm_audit.c's
   * LSM_AUDIT_DATA_NET with only the address and port Landlock fills in.
   */
  const checkSocket = (sock: unknown, address: unknown, request: number): number => {
    const sk = (sock as SockView).sk;
    // sk_is_tcp(): an inet stream socket of protocol TCP (inet_create() turns protocol 0 into TCP).
    if (
      (sk.sk_family !== AF_INET && sk.sk_family !== AF_INET6) ||
      sk.sk_type !== SOCK_STREAM ||
      (sk.sk_protocol !== IPPROTO_TCP && sk.sk_protocol !== 0)
    )
      return 0;
    const s = applicableSubject(current(), { net: request });
    if (!s) return 0;
    const f = (address as SockaddrView).fields ?? {};
    const family = f.sa_family ?? sk.sk_family;
    if (family !== AF_INET && family !== AF_INET6) return 0;
    const m = /^\[?([^\]]*?)\]?:(\d+)$/.exec(f.address ?? '');
    if (!m) return 0;
    if (family !== sk.sk_family) return -EINVAL;
    const host = m[1]!;
    const port = Number(m[2]);
    const domain = s.subject.domain;
    const masks: number[] = [];
    const req = initLayerMasks(domain, request, masks, 'net');
    if (!req) return 0;
    if (unmaskLayers(domain.netRules.get(port), masks)) return 0;
    const bind = request === LANDLOCK_ACCESS_NET_BIND_TCP;
    const anyAddr = host === '0.0.0.0' || host === '::' || host === '';
    const data = (): string =>
      `${anyAddr ? '' : ` ${bind ? 'saddr' : 'daddr'}=${host}`}${port ? ` ${bind ? 'src' : 'dest'}=${port}` : ''}`;
    log(s.subject, { type: 'net_access', data, access: req, layerMasks: masks });
    return -EACCES;
  };

  /** ruleset.c landlock_put_hierarchy(): the last reference logs the drop and releases the parent. */
  const putHierarchy = (h: Hierarchy | null): void => {
    for (; h && --h.usage === 0; h = h.parent) logDropDomain(ctx, abi.audit, h);
  };
  /** hook_cred_transfer() (cred.c): landlock_get_ruleset() and a copy of the Landlock cred. */
  const credTransfer = (n: Struct | null, old: Struct | null): void => {
    if (!n || !old) return;
    const ll = llCred(old);
    if (ll.domain) ll.domain.usage++;
    ctx.blob<LandlockCred>('cred', n).set({ ...ll });
  };

  const hooks: Partial<HookImpls> = {
    /** hook_cred_prepare() (cred.c): the new cred shares the old one's domain. */
    cred_prepare: (n, old) => {
      credTransfer(n, old);
      return 0;
    },
    /** hook_cred_transfer() (cred.c). */
    cred_transfer: (n, old) => credTransfer(n, old),
    /**
     * hook_cred_free() (cred.c): landlock_put_ruleset_deferred(); freeing the last reference to a
     * domain puts its hierarchy (the kernel does it from a workqueue).
     */
    cred_free: (cred) => {
      const dom = llCred(cred).domain;
      if (dom && --dom.usage === 0) putHierarchy(dom.hierarchy);
    },
    /** hook_bprm_creds_for_exec() (cred.c, CONFIG_AUDIT): a new execution clears domain_exec. */
    bprm_creds_for_exec: (bprm) => {
      const cred = (bprm?.fields as { cred?: Cred } | undefined)?.cred;
      if (cred?.security) ctx.blob<LandlockCred>('cred', cred).set({ ...llCred(cred), domain_exec: 0 });
      return 0;
    },

    /**
     * hook_ptrace_access_check() (task.c): a landlocked tracer may only trace a task whose domain
     * is its own or nested in it.
     */
    ptrace_access_check: (child, mode) => {
      const subject = current();
      const childDom = llCred((child as unknown as Task | null)?.cred).domain;
      if (domainScopeLe(subject.domain, childDom)) return 0;
      if (!(mode & PTRACE_MODE_NOAUDIT))
        log(subject, {
          type: 'ptrace',
          data: () => auditTaskData(child as unknown as Task),
          layer_plus_one: subject.domain!.num_layers,
        });
      return -EPERM;
    },
    /** hook_ptrace_traceme() (task.c): the parent's domain must be the caller's or an ancestor of it. */
    ptrace_traceme: (parent) => {
      const parentSubject = llCred((parent as unknown as Task | null)?.cred);
      if (domainScopeLe(parentSubject.domain, current().domain)) return 0;
      log(parentSubject, {
        type: 'ptrace',
        data: () => auditTaskData(currentTask(ctx)),
        layer_plus_one: parentSubject.domain!.num_layers,
      });
      return -EPERM;
    },
    /**
     * hook_task_kill() (task.c, ABI 6): with LANDLOCK_SCOPE_SIGNAL a task may only signal tasks in
     * its own domain or nested ones (always its own thread group).
     */
    task_kill: (p, _info, _sig, cred) => {
      const target = p as unknown as Task;
      if (!cred && target === currentTask(ctx)) return 0;
      const s = applicableSubject(llCred(cred ?? currentCred(ctx)), { scope: LANDLOCK_SCOPE_SIGNAL });
      if (!s) return 0;
      if (!domainIsScoped(s.subject.domain, llCred(target.cred).domain, LANDLOCK_SCOPE_SIGNAL)) return 0;
      log(s.subject, { type: 'scope_signal', data: () => auditTaskData(target), layer_plus_one: s.handleLayer + 1 });
      return -EPERM;
    },

    /**
     * hook_unix_may_send() (task.c, ABI 6): with LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET a datagram to
     * an abstract socket created outside the sender's domain (or a nested one) is -EPERM, unless
     * the socket is already connected to it. The audit data is the peer's abstract name in hex.
     */
    unix_may_send: (sock, other) => {
      const s = applicableSubject(current(), { scope: LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET });
      if (!s) return 0;
      const me = sock as unknown as UnixSocketView;
      const o = other as unknown as UnixSocketView;
      if (me.state === 'connected' && me.peer !== null && me.peer === o.local) return 0;
      if (!o.local?.startsWith('@') || !o.file) return 0;
      if (!domainIsScoped(s.subject.domain, llCred(o.file.f_cred).domain, LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET))
        return 0;
      const name = o.local;
      log(s.subject, {
        type: 'scope_abstract_unix_socket',
        data: () =>
          ` path=00${[...utf8Encode(name.slice(1))].map((c) => c.toString(16).toUpperCase().padStart(2, '0')).join('')}`,
        layer_plus_one: s.handleLayer + 1,
      });
      return -EPERM;
    },

    /** hook_sb_mount() (fs.c): a landlocked task may not change the mount topology. */
    sb_mount: (_dev, path) => changeTopology(path ? () => auditPath(path as unknown as Path) : null),
    /** hook_move_mount() (fs.c). */
    move_mount: (_from, to) => changeTopology(to ? () => auditPath(to as unknown as Path) : null),
    /** hook_sb_umount() (fs.c). */
    sb_umount: (mnt) => {
      const root = (mnt as unknown as { mnt_root?: Dentry } | null)?.mnt_root;
      return changeTopology(root ? () => auditDentry(root) : null);
    },
    /** hook_sb_remount() (fs.c). */
    sb_remount: (sb) => {
      const root = (sb as unknown as { s_root?: Dentry | null } | null)?.s_root;
      return changeTopology(root ? () => auditDentry(root) : null);
    },
    /** hook_sb_pivotroot() (fs.c). */
    sb_pivotroot: (_old, n) => changeTopology(n ? () => auditPath(n as unknown as Path) : null),

    /** hook_path_link() (fs.c): current_check_refer_path(removable false). */
    path_link: (oldDentry, newDir, newDentry) =>
      checkReferPath(
        env,
        current(),
        oldDentry as unknown as Dentry,
        newDir as unknown as Path,
        newDentry as unknown as Dentry,
        false,
        false,
      ),
    /** hook_path_rename() (fs.c): current_check_refer_path(removable, RENAME_EXCHANGE). */
    path_rename: (_oldDir, oldDentry, newDir, newDentry, flags) =>
      checkReferPath(
        env,
        current(),
        oldDentry as unknown as Dentry,
        newDir as unknown as Path,
        newDentry as unknown as Dentry,
        true,
        (flags & RENAME_EXCHANGE) !== 0,
      ),
    /** hook_path_mkdir() (fs.c): MAKE_DIR on the parent directory. */
    path_mkdir: (dir) => checkAccessPath(env, current(), dir as unknown as Path, LANDLOCK_ACCESS_FS_MAKE_DIR),
    /** hook_path_mknod() (fs.c): the MAKE_* right of the file type (O_CREAT comes here: MAKE_REG). */
    path_mknod: (dir, _d, mode) => checkAccessPath(env, current(), dir as unknown as Path, getModeAccess(mode)),
    /** hook_path_symlink() (fs.c). */
    path_symlink: (dir) => checkAccessPath(env, current(), dir as unknown as Path, LANDLOCK_ACCESS_FS_MAKE_SYM),
    /** hook_path_unlink() (fs.c): REMOVE_FILE on the parent directory. */
    path_unlink: (dir) => checkAccessPath(env, current(), dir as unknown as Path, LANDLOCK_ACCESS_FS_REMOVE_FILE),
    /** hook_path_rmdir() (fs.c): REMOVE_DIR on the parent directory. */
    path_rmdir: (dir) => checkAccessPath(env, current(), dir as unknown as Path, LANDLOCK_ACCESS_FS_REMOVE_DIR),
    /** hook_path_truncate() (fs.c): truncate(2) by path. */
    path_truncate: (path) => checkAccessPath(env, current(), path as unknown as Path, LANDLOCK_ACCESS_FS_TRUNCATE),

    /** hook_file_alloc_security() (fs.c): every right, until file_open narrows it. */
    file_alloc_security: (file) => {
      if (file) ctx.blob<LandlockFile>('file', file).set({ allowed_access: abi.fsMask, deny_masks: 0 });
      return 0;
    },
    /**
     * hook_file_open() (fs.c): the rights the open mode needs (READ_DIR for a directory, READ_FILE,
     * WRITE_FILE, EXECUTE for an exec), plus the optional TRUNCATE (and IOCTL_DEV for devices),
     * whose result the file keeps for ftruncate() and ioctl().
     */
    file_open: (f) => {
      const file = f as unknown as File;
      const s = applicableSubject(llCred(file.f_cred), { fs: ~0 >>> 0 });
      if (!s) return 0;
      const domain = s.subject.domain;
      // get_required_file_open_access(): a directory is only ever opened for reading.
      const required = (): number => {
        let access = 0;
        if (file.f_mode & FMODE_READ) {
          if ((file.f_inode.i_mode & S_IFMT) === S_IFDIR) return LANDLOCK_ACCESS_FS_READ_DIR;
          access = LANDLOCK_ACCESS_FS_READ_FILE;
        }
        if (file.f_mode & FMODE_WRITE) access |= LANDLOCK_ACCESS_FS_WRITE_FILE;
        if (file.f_mode & FMODE_EXEC) access |= LANDLOCK_ACCESS_FS_EXECUTE;
        return access;
      };
      const openAccess = required();
      const type = file.f_inode.i_mode & S_IFMT;
      let optional = abi.fsMask & LANDLOCK_ACCESS_FS_TRUNCATE;
      if (type === S_IFCHR || type === S_IFBLK) optional |= abi.fsMask & LANDLOCK_ACCESS_FS_IOCTL_DEV;
      const full = openAccess | optional;
      const masks: number[] = [];
      const slot: { request: LandlockRequest | null } = { request: null };
      const req = initLayerMasks(domain, full, masks, 'inode');
      let allowed = full;
      if (!isAccessToPathsAllowed(env, domain, file.f_path, req, masks, slot, null, 0, null, null, null))
        for (const m of masks) allowed &= ~m;
      ctx.blob<LandlockFile>('file', f!).set({
        allowed_access: allowed,
        deny_masks: getDenyMasks(optional & LANDLOCK_ACCESS_FS_OPTIONAL, masks),
      });
      if ((openAccess | allowed) === allowed) return 0;
      log(s.subject, {
        type: 'fs_access',
        data: () => auditPath(file.f_path),
        access: openAccess,
        layerMasks: masks,
      });
      return -EACCES;
    },
    /**
     * hook_file_truncate() (fs.c): open(O_TRUNC) and ftruncate() need TRUNCATE as it was granted
     * at open time, whatever the current task's domain.
     */
    file_truncate: (f) => {
      const file = f as unknown as File;
      const ll = llFile(f!);
      if (!ll || ll.allowed_access & LANDLOCK_ACCESS_FS_TRUNCATE) return 0;
      log(llCred(file.f_cred), {
        type: 'fs_access',
        data: () => auditPath(file.f_path),
        access: LANDLOCK_ACCESS_FS_TRUNCATE,
        denyMasks: ll.deny_masks,
      });
      return -EACCES;
    },
    /** hook_file_free_security() (fs.c): drops the fown_subject domain reference (not modelled). */
    file_free_security: () => {},

    /** hook_socket_bind() (net.c, ABI 4): BIND_TCP on the port. */
    socket_bind: (sock, address) => checkSocket(sock, address, LANDLOCK_ACCESS_NET_BIND_TCP),
    /** hook_socket_connect() (net.c, ABI 4): CONNECT_TCP on the port. */
    socket_connect: (sock, address) => checkSocket(sock, address, LANDLOCK_ACCESS_NET_CONNECT_TCP),
  };
  ctx.printk(KERN_INFO, 'landlock: Up and running.');
  const want = new Set(implemented(version));
  return { hooks: Object.fromEntries(Object.entries(hooks).filter(([h]) => want.has(h as HookName))) };
}

export const landlockModel: InTreeModel = {
  name: 'landlock',
  implemented,
  notes: {
    cred_free:
      'the domain is put at once, not from a workqueue: the "status=deallocated" record comes with the cred_free that drops it',
    file_open:
      'FMODE_EXEC stands for __FMODE_EXEC in f_flags; rules are found through the inode blob’s landlock_object',
    task_kill: 'file_set_fowner / file_send_sigiotask (SIGIO) scoping is not modelled',
    unix_may_send: 'the stream side (unix_stream_connect) of the abstract-socket scope is not modelled',
    file_free_security: 'file_set_fowner is not modelled: there is no fown_subject domain to put',
    socket_bind: 'AF_UNSPEC addresses are not reachable in the model; IPv6 addresses are logged as written',
    socket_connect: 'AF_UNSPEC (disconnect) is not reachable in the model; IPv6 addresses are logged as written',
  },
  init: (ctx, version) => landlockInit(ctx, version),
};
