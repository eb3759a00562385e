// Landlock's filesystem access checks (security/landlock/fs.c): the walk from a path up to the real
// root collecting, for each domain layer, the rights the rules on the way grant; the refer checks
// of rename and link (-EXDEV when a file would gain rights by changing parent).
import { EACCES, ENOENT, EXDEV } from '../../errno';
import type { Dentry, Inode, Path, VfsMount } from '../../machine/types';
import { S_IFCHR, S_IFDIR, S_IFLNK, S_IFMT, S_IFSOCK } from '../../machine/types';
import type { LandlockRequest } from './audit';
import { auditPath } from './audit';
import {
  applicableSubject,
  initLayerMasks,
  unionFsAccessMasks,
  unmaskLayers,
  type LandlockCred,
  type Layer,
  type LayerMasks,
  type Ruleset,
} from './ruleset';
import {
  ACCESS_FILE,
  LANDLOCK_ACCESS_FS_MAKE_BLOCK,
  LANDLOCK_ACCESS_FS_MAKE_CHAR,
  LANDLOCK_ACCESS_FS_MAKE_DIR,
  LANDLOCK_ACCESS_FS_MAKE_FIFO,
  LANDLOCK_ACCESS_FS_MAKE_REG,
  LANDLOCK_ACCESS_FS_MAKE_SOCK,
  LANDLOCK_ACCESS_FS_MAKE_SYM,
  LANDLOCK_ACCESS_FS_REFER,
  LANDLOCK_ACCESS_FS_REMOVE_DIR,
  LANDLOCK_ACCESS_FS_REMOVE_FILE,
} from './uapi';

/** What the checks need from the model: the rule of a dentry's inode (find_rule()), and the log. */
export interface FsEnv {
  /** The landlock_object id in the inode's blob, if a rule ever named the inode. */
  objectOf(inode: Inode): number | undefined;
  logDenial(subject: LandlockCred, request: LandlockRequest): void;
}

/** include/uapi/linux/stat.h (the machine has no block devices or FIFOs). */
const S_IFBLK = 0o060000;
const S_IFIFO = 0o010000;

const isDirInode = (i: Inode): boolean => (i.i_mode & S_IFMT) === S_IFDIR;

/**
 * Filesystems that are never mountable (SB_NOUSER: sockfs, pipefs, anon_inodefs), whose files are
 * only reachable through a file descriptor: fs.c is_nouser_or_private() allows them.
 */
const NOUSER = new Set(['sockfs', 'pipefs', 'anon_inodefs']);

function isNouserOrPrivate(mnt: VfsMount): boolean {
  return NOUSER.has(mnt.mnt_sb.s_type);
}

/** fs.c find_rule(): the domain's rule on the dentry's inode (none for a negative dentry). */
function findRule(env: FsEnv, domain: Ruleset, d: Dentry): readonly Layer[] | undefined {
  if (!d.d_inode) return undefined;
  const id = env.objectOf(d.d_inode);
  return id === undefined ? undefined : domain.rules.get(id);
}

/** fs.c may_refer(): the child keeps at most its rights under the new parent. */
function mayRefer(srcParent: LayerMasks, srcChild: LayerMasks, newParent: LayerMasks, childIsDir: boolean): boolean {
  for (let i = 0; i < newParent.length; i++) {
    let child = srcParent[i]! & srcChild[i]!;
    let parent = newParent[i]!;
    if (!childIsDir) {
      child &= ACCESS_FILE;
      parent &= ACCESS_FILE;
    }
    if ((child | parent) !== parent) return false;
  }
  return true;
}

/** fs.c no_more_access(). */
function noMoreAccess(
  p1: LayerMasks,
  c1: LayerMasks,
  c1Dir: boolean,
  p2: LayerMasks,
  c2: LayerMasks | null,
  c2Dir: boolean,
): boolean {
  if (!mayRefer(p1, c1, p2, c1Dir)) return false;
  if (!c2) return true;
  return mayRefer(p2, c2, p1, c2Dir);
}

/** fs.c scope_to_request(): keeps only the requested rights; true when none is left. */
function scopeToRequest(request: number, masks: LayerMasks | null): boolean {
  if (!masks) return true;
  let unfulfilled = false;
  for (let i = 0; i < masks.length; i++) {
    masks[i] = masks[i]! & request;
    if (masks[i]) unfulfilled = true;
  }
  return !unfulfilled;
}

/** fs.c is_eacces(): a right other than REFER is missing (REFER alone gives -EXDEV). */
function isEacces(masks: LayerMasks, request: number): boolean {
  return masks.some((m) => (m & request & ~LANDLOCK_ACCESS_FS_REFER) !== 0);
}

const newMasks = (): LayerMasks => [];

/** A request to log when a walk denies (landlock_request, filled by is_access_to_paths_allowed()). */
interface LogSlot {
  request: LandlockRequest | null;
}

/**
 * fs.c is_access_to_paths_allowed(): walks from `path` up to the real root (crossing mount points
 * up to the mount's mountpoint) and clears, in each layer's mask, what the rules found grant. With
 * two masks (a refer), it first checks that the child would gain nothing under the new parent, then
 * downgrades to the requested rights.
 */
export function isAccessToPathsAllowed(
  env: FsEnv,
  domain: Ruleset,
  path: Path,
  req1: number,
  masks1: LayerMasks,
  log1: LogSlot | null,
  child1: Dentry | null,
  req2: number,
  masks2: LayerMasks | null,
  log2: LogSlot | null,
  child2: Dentry | null,
): boolean {
  if (!req1 && !req2) return true;
  if (isNouserOrPrivate(path.mnt)) return true;
  let allowed1 = masks1.every((m) => !m);
  let allowed2 = false;
  let masked1: number;
  let masked2: number;
  let isDomCheck: boolean;
  if (masks2) {
    allowed2 = masks2.every((m) => !m);
    masked1 = masked2 = unionFsAccessMasks(domain);
    isDomCheck = true;
  } else {
    masked1 = req1;
    masked2 = req2;
    isDomCheck = false;
  }
  let childMasks1: LayerMasks | null = null;
  let childMasks2: LayerMasks | null = null;
  let child1Dir = true;
  let child2Dir = true;
  const childMasks = (child: Dentry): LayerMasks => {
    const m = newMasks();
    if (initLayerMasks(domain, ~0 >>> 0, m, 'inode')) unmaskLayers(findRule(env, domain, child), m);
    return m;
  };
  if (child1) {
    childMasks1 = childMasks(child1);
    child1Dir = !!child1.d_inode && isDirInode(child1.d_inode);
  }
  if (child2) {
    childMasks2 = childMasks(child2);
    child2Dir = !!child2.d_inode && isDirInode(child2.d_inode);
  }
  let mnt = path.mnt;
  let d = path.dentry;
  for (;;) {
    if (isDomCheck && noMoreAccess(masks1, childMasks1!, child1Dir, masks2!, childMasks2, child2Dir)) {
      isDomCheck = false;
      masked1 = req1;
      masked2 = req2;
      allowed1 = allowed1 || scopeToRequest(masked1, masks1);
      allowed2 = allowed2 || scopeToRequest(masked2, masks2);
      if (allowed1 && allowed2) break;
    }
    const rule = findRule(env, domain, d);
    allowed1 = allowed1 || unmaskLayers(rule, masks1);
    allowed2 = allowed2 || unmaskLayers(rule, masks2);
    if (allowed1 && allowed2) break;
    // jump_up: follow_up() at a mount's root; stop at the real root.
    let stop = false;
    while (d === mnt.mnt_root) {
      if (!mnt.mnt_parent || !mnt.mnt_mountpoint) {
        stop = true;
        break;
      }
      d = mnt.mnt_mountpoint;
      mnt = mnt.mnt_parent;
    }
    if (stop) break;
    // IS_ROOT() of a dentry that is not its mount's root: a disconnected directory.
    if (d.d_parent === d) d = mnt.mnt_root;
    else d = d.d_parent;
  }
  if (!allowed1 && log1)
    log1.request = { type: 'fs_access', data: () => auditPath(path), access: masked1, layerMasks: masks1 };
  if (!allowed2 && log2 && masks2)
    log2.request = { type: 'fs_access', data: () => auditPath(path), access: masked2, layerMasks: masks2 };
  return allowed1 && allowed2;
}

/** fs.c current_check_access_path(): one request on one path for the current cred. */
export function checkAccessPath(env: FsEnv, cred: LandlockCred | undefined, path: Path, request: number): number {
  const s = applicableSubject(cred, { fs: request });
  if (!s) return 0;
  const masks = newMasks();
  const req = initLayerMasks(s.subject.domain, request, masks, 'inode');
  const log: LogSlot = { request: null };
  if (isAccessToPathsAllowed(env, s.subject.domain, path, req, masks, log, null, 0, null, null, null)) return 0;
  if (log.request) env.logDenial(s.subject, log.request);
  return -EACCES;
}

/** fs.c get_mode_access(): the MAKE_* right for a file type (weird or zero modes count as regular). */
export function getModeAccess(mode: number): number {
  switch (mode & S_IFMT) {
    case S_IFLNK:
      return LANDLOCK_ACCESS_FS_MAKE_SYM;
    case S_IFDIR:
      return LANDLOCK_ACCESS_FS_MAKE_DIR;
    case S_IFCHR:
      return LANDLOCK_ACCESS_FS_MAKE_CHAR;
    case S_IFBLK:
      return LANDLOCK_ACCESS_FS_MAKE_BLOCK;
    case S_IFIFO:
      return LANDLOCK_ACCESS_FS_MAKE_FIFO;
    case S_IFSOCK:
      return LANDLOCK_ACCESS_FS_MAKE_SOCK;
    default:
      return LANDLOCK_ACCESS_FS_MAKE_REG;
  }
}

/** fs.c maybe_remove(). */
function maybeRemove(d: Dentry): number {
  if (!d.d_inode) return 0;
  return isDirInode(d.d_inode) ? LANDLOCK_ACCESS_FS_REMOVE_DIR : LANDLOCK_ACCESS_FS_REMOVE_FILE;
}

/**
 * fs.c collect_domain_accesses(): from `dir` up to the mount's root, the rights each layer grants
 * there; true when every handled right of every layer is granted on the way.
 */
function collectDomainAccesses(
  env: FsEnv,
  domain: Ruleset,
  mntRoot: Dentry,
  dir: Dentry,
  mnt: VfsMount,
  masks: LayerMasks,
): boolean {
  if (isNouserOrPrivate(mnt)) return true;
  if (!initLayerMasks(domain, ~0 >>> 0, masks, 'inode')) return true;
  let d = dir;
  for (;;) {
    if (unmaskLayers(findRule(env, domain, d), masks)) return true;
    if (d === mntRoot || d.d_parent === d) return false;
    d = d.d_parent;
  }
}

/**
 * fs.c current_check_refer_path(): rename (removable) and link. Without reparenting only the
 * make/remove rights on the directory count; otherwise REFER on both sides, and the moved file
 * must not gain rights under its new parent: -EACCES is preferred over -EXDEV.
 */
export function checkReferPath(
  env: FsEnv,
  cred: LandlockCred | undefined,
  oldDentry: Dentry,
  newDir: Path,
  newDentry: Dentry,
  removable: boolean,
  exchange: boolean,
): number {
  const s = applicableSubject(cred, { fs: ~0 >>> 0 });
  if (!s) return 0;
  const domain = s.subject.domain;
  if (!oldDentry.d_inode) return -ENOENT;
  let req1: number;
  if (exchange) {
    if (!newDentry.d_inode) return -ENOENT;
    req1 = getModeAccess(newDentry.d_inode.i_mode);
  } else req1 = 0;
  let req2 = getModeAccess(oldDentry.d_inode.i_mode);
  if (removable) {
    req1 |= maybeRemove(oldDentry);
    req2 |= maybeRemove(newDentry);
  }
  const masks1 = newMasks();
  const masks2 = newMasks();
  const log1: LogSlot = { request: null };
  const log2: LogSlot = { request: null };
  if (oldDentry.d_parent === newDir.dentry) {
    // Same directory: REFER is not needed.
    const req = initLayerMasks(domain, req1 | req2, masks1, 'inode');
    if (isAccessToPathsAllowed(env, domain, newDir, req, masks1, log1, null, 0, null, null, null)) return 0;
    if (log1.request) env.logDenial(s.subject, log1.request);
    return -EACCES;
  }
  req1 |= LANDLOCK_ACCESS_FS_REFER;
  req2 |= LANDLOCK_ACCESS_FS_REFER;
  const mntDir: Path = { ...newDir, dentry: newDir.mnt.mnt_root };
  const oldParent = oldDentry === mntDir.dentry ? oldDentry : oldDentry.d_parent;
  const allow1 = collectDomainAccesses(env, domain, mntDir.dentry, oldParent, newDir.mnt, masks1);
  const allow2 = collectDomainAccesses(env, domain, mntDir.dentry, newDir.dentry, newDir.mnt, masks2);
  if (allow1 && allow2) return 0;
  if (
    isAccessToPathsAllowed(
      env,
      domain,
      mntDir,
      req1,
      masks1,
      log1,
      oldDentry,
      req2,
      masks2,
      log2,
      exchange ? newDentry : null,
    )
  )
    return 0;
  if (log1.request?.access) {
    const at: Path = { ...mntDir, dentry: oldParent };
    env.logDenial(s.subject, { ...log1.request, data: () => auditPath(at) });
  }
  if (log2.request?.access) {
    const at: Path = { ...mntDir, dentry: newDir.dentry };
    env.logDenial(s.subject, { ...log2.request, data: () => auditPath(at) });
  }
  if (isEacces(masks1, req1) || isEacces(masks2, req2)) return -EACCES;
  return -EXDEV;
}
