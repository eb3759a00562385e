// Path walk, after fs/namei.c link_path_walk() / walk_component() / pick_link(): each directory
// is searched with may_lookup() (inode_permission(dir, MAY_EXEC)); 7.1's
// lookup_inode_permission_may_exec() skips DAC for directories every class may search (mode
// 0111, no ACL, no ->permission of their own) and asks only the LSMs. A trailing symlink passes may_follow_link()
// (fs.protected_symlinks) first; every symlink followed calls security_inode_follow_link(); mounts
// are crossed at their mountpoints; 40 links give -ELOOP.
import { EACCES, ELOOP, ENAMETOOLONG, ENOENT, ENOTDIR } from '../errno';
import type { SyscallContext } from '../kernel';
import type { KernelVersion } from '../version';
import { inodePermission } from './dac';
import {
  isDir,
  isLnk,
  linkTarget,
  MAY_EXEC,
  permOctal,
  S_ISVTX,
  type Inode,
  type Cred,
  type Dentry,
  type Path,
  type Task,
  type VfsMount,
} from './types';
import { newDentryObject, type World } from './world';

const MAXSYMLINKS = 40;
/** PATH_MAX (include/uapi/linux/limits.h): getname() refuses a name this long with its NUL. */
export const PATH_MAX = 4096;
const NAME_MAX = 255;

export interface WalkOptions {
  /** LOOKUP_FOLLOW: follow a symlink in the last component. */
  readonly follow: boolean;
}

/** The result of a walk: the parent directory, the last name and its (possibly negative) dentry. */
export interface Walked {
  readonly parent: Path;
  readonly name: string;
  readonly mnt: VfsMount;
  /** The last component's dentry; `d_inode` is null when the name does not exist (negative). */
  readonly dentry: Dentry;
}

interface Env {
  readonly ctx: SyscallContext;
  readonly world: World;
  readonly cred: Cred;
  readonly version: KernelVersion;
}

/** may_lookup(): search permission on a directory. */
function mayLookup(e: Env, mnt: VfsMount, dir: Dentry): number {
  const inode = dir.d_inode!;
  // IOP_FASTPERM is set only for inodes without their own ->permission (not /proc/sys's).
  if (e.version === '7.1' && (inode.i_mode & 0o111) === 0o111 && inode.permission === undefined) {
    if (e.ctx.tracer.recording)
      e.ctx.tracer.kfunc(
        'lookup_inode_permission_may_exec',
        `${e.world.pathName({ mnt, dentry: dir })}: mode ${permOctal(inode.i_mode)} lets everyone search, DAC skipped`,
      );
    return e.ctx.hook('inode_permission', [inode, MAY_EXEC]) as number;
  }
  return inodePermission(e.ctx, e.cred, inode, MAY_EXEC, () => e.world.pathName({ mnt, dentry: dir }));
}

/**
 * may_follow_link() (fs/namei.c): with fs.protected_symlinks on, a trailing symlink in a sticky
 * world-writable directory is followed only by its owner, or when the directory's owner owns it;
 * otherwise -EACCES, capabilities or not. This stops a privileged program from following a link
 * another user planted in /tmp; the refusal goes to audit_log_path_denied(AUDIT_ANOM_LINK).
 */
function mayFollowLink(e: Env, dir: Inode, link: Inode): number {
  if (!e.world.sysctl.protected_symlinks) return 0;
  if (link.i_uid === e.cred.fsuid) return 0;
  if ((dir.i_mode & (S_ISVTX | 0o002)) !== (S_ISVTX | 0o002)) return 0;
  if (dir.i_uid === link.i_uid) {
    if (e.ctx.tracer.recording)
      e.ctx.tracer.kfunc(
        'may_follow_link',
        'protected_symlinks=1, sticky world-writable directory: the link is the directory owner’s',
      );
    return 0;
  }
  if (e.ctx.tracer.recording)
    e.ctx.tracer.kfunc(
      'may_follow_link',
      `protected_symlinks=1: a link of uid ${link.i_uid} in a sticky world-writable directory is not followed by uid ${e.cred.fsuid}`,
    );
  auditLogPathDenied(e.ctx, e.world, e.version, 'AUDIT_ANOM_LINK', 'follow_link');
  return -EACCES;
}

/**
 * audit_log_path_denied() (kernel/audit.c), after a protected_* refusal: it returns at once while
 * audit_enabled is off (no `audit=1`, no auditd: the model's default) or audit is disabled, and on
 * 6.8 also on a dummy audit context (no audit rules, as on the model's machine), a check 6.16
 * dropped ("audit: record AUDIT_ANOM_* events regardless of presence of rules"). Otherwise the
 * kernel writes an AUDIT_ANOM_* record: `op=`, audit_log_task_info()'s fields, `res=0`. The model
 * has no login uid, session or tty for those fields, so the trace says where the record would be
 * written instead of writing one.
 */
export function auditLogPathDenied(
  ctx: SyscallContext,
  world: World,
  version: KernelVersion,
  type: 'AUDIT_ANOM_LINK' | 'AUDIT_ANOM_CREAT',
  op: string,
): void {
  if (!world.audit.enabled || world.audit.disabled || version === '6.8') return;
  if (ctx.tracer.recording)
    ctx.tracer.kfunc(
      'audit_log_path_denied',
      `audit=1: the kernel writes an ${type} record (op=${op}) here; simplified: the model does not (it keeps no login uid, session or tty for the record's task fields)`,
    );
}

/** d_lookup() or a new negative dentry that is not hashed in the parent. */
function lookupChild(e: Env, dir: Dentry, name: string): Dentry {
  const found = dir.d_inode?.children?.get(name);
  if (found) return found;
  return newDentryObject(e.world.addr(), name, dir, null);
}

/** components() of recent paths; the walk only reads them, so one array serves every walk. */
const COMPONENTS = new Map<string, readonly string[]>();
/** Past this many distinct paths the cache starts again, so a long run cannot grow it forever. */
const MAX_CACHED_PATHS = 1024;

/** The components of a path as link_path_walk() takes them: empty ones (from "//") and "." skipped. */
function components(pathname: string): readonly string[] {
  // A program opens the same few paths again and again; splitting was the walk's largest cost.
  let parts = COMPONENTS.get(pathname);
  if (parts === undefined) {
    parts = pathname.split('/').filter((p) => p.length > 0 && p !== '.');
    if (COMPONENTS.size >= MAX_CACHED_PATHS) COMPONENTS.clear();
    COMPONENTS.set(pathname, parts);
  }
  return parts;
}

/** Walks `pathname` for `task`; returns the walk result or a negative errno. */
export function pathWalk(
  ctx: SyscallContext,
  world: World,
  task: Task,
  pathname: string,
  opts: WalkOptions,
  version: KernelVersion,
): Walked | number {
  if (pathname.length === 0) return -ENOENT;
  if (pathname.length >= PATH_MAX) return -ENAMETOOLONG;
  const e: Env = { ctx, world, cred: task.cred, version };
  let links = 0;
  let mnt: VfsMount = pathname.startsWith('/') ? world.rootMount : task.cwd.mnt;
  let dir: Dentry = pathname.startsWith('/') ? world.rootMount.mnt_root : task.cwd.dentry;
  let parts: readonly string[] = components(pathname);
  if (parts.length === 0) {
    return { parent: world.path(mnt, dir), name: '/', mnt, dentry: dir };
  }
  for (let i = 0; i < parts.length; i++) {
    const name = parts[i]!;
    if (name.length > NAME_MAX) return -ENAMETOOLONG;
    if (!dir.d_inode || !isDir(dir.d_inode)) return -ENOTDIR;
    const rc = mayLookup(e, mnt, dir);
    if (rc) return rc;
    const last = i === parts.length - 1;
    if (name === '..') {
      // follow_dotdot(): at a mount root, step to the mountpoint in the parent first.
      while (dir === mnt.mnt_root && mnt.mnt_parent && mnt.mnt_mountpoint) {
        dir = mnt.mnt_mountpoint;
        mnt = mnt.mnt_parent;
      }
      dir = dir.d_parent;
      if (last) return { parent: world.path(mnt, dir), name: '.', mnt, dentry: dir };
      continue;
    }
    let child = lookupChild(e, dir, name);
    let childMnt = mnt;
    // follow_managed(): cross mounts stacked on this dentry.
    for (let m = world.mountedOn(childMnt, child); m; m = world.mountedOn(childMnt, child)) {
      childMnt = m;
      child = m.mnt_root;
    }
    if (child.d_inode && isLnk(child.d_inode) && (!last || opts.follow)) {
      if (++links > MAXSYMLINKS) return -ELOOP;
      // pick_link(): may_follow_link() for a trailing symlink (WALK_TRAILING), then the hook.
      if (last) {
        const rcf = mayFollowLink(e, dir.d_inode!, child.d_inode);
        if (rcf) return rcf;
      }
      const rcl = ctx.hook('inode_follow_link', [child, child.d_inode, false]) as number;
      if (rcl) return rcl;
      const target = linkTarget(child.d_inode, task);
      const rest = parts.slice(i + 1);
      if (target.startsWith('/')) {
        mnt = world.rootMount;
        dir = world.rootMount.mnt_root;
      }
      parts = [...components(target), ...rest];
      i = -1;
      continue;
    }
    if (last) return { parent: world.path(mnt, dir), name, mnt: childMnt, dentry: child };
    if (!child.d_inode) return -ENOENT;
    mnt = childMnt;
    dir = child;
  }
  return -ENOENT;
}

/** The final path of a walk whose last component must exist. */
export function walkExisting(
  ctx: SyscallContext,
  world: World,
  task: Task,
  pathname: string,
  follow: boolean,
  version: KernelVersion,
): { path: Path; walked: Walked } | number {
  const w = pathWalk(ctx, world, task, pathname, { follow }, version);
  if (typeof w === 'number') return w;
  if (!w.dentry.d_inode) return -ENOENT;
  return { path: world.path(w.mnt, w.dentry), walked: w };
}
