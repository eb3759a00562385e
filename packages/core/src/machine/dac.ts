// Discretionary access control as fs/namei.c does it: inode_permission() → sb_permission(),
// the immutable check, generic_permission() (acl_permission_check() and the CAP_DAC_* overrides,
// each a capable() call through the LSM stack), then security_inode_permission().
import { EACCES, EPERM, EROFS } from '../errno';
import type { SyscallContext } from '../kernel';
import { CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER, CAP_NAMES } from './capability';
import {
  isDir,
  isLnk,
  isReg,
  mayMaskName,
  MAY_EXEC,
  MAY_READ,
  MAY_WRITE,
  SB_RDONLY,
  S_IXUGO,
  type Cred,
  type Inode,
} from './types';

/** A value, or a function computing it only when a trace is recorded. */
export type Lazy<T> = T | (() => T);
export const lazy = <T>(v: Lazy<T>): T => (typeof v === 'function' ? (v as () => T)() : v);

export { SB_RDONLY } from './types';
/** S_IMMUTABLE (include/linux/fs.h). */
export const S_IMMUTABLE = 1 << 3;
/** S_APPEND. */
export const S_APPEND = 1 << 2;

/** A capability check as ns_capable(&init_user_ns, cap) makes it: security_capable() → the capable hook. */
export function capable(ctx: SyscallContext, cred: Cred, cap: number, opts = 0): boolean {
  if (ctx.tracer.recording) ctx.tracer.kfunc('ns_capable', CAP_NAMES[cap] ?? String(cap));
  return ctx.hook('capable', [cred, null, cap, opts]) === 0;
}

/** in_group_p(): the fsgid or a supplementary group. */
export function inGroup(cred: Cred, gid: number): boolean {
  return cred.fsgid === gid || cred.groups.includes(gid);
}

/**
 * acl_permission_check() (no POSIX ACLs in the model): owner, then group, then other bits. The
 * reason is for the trace: aclReason() words it, only when one is recorded.
 */
function aclPermissionCheck(cred: Cred, inode: Inode, mask: number): number {
  let mode = inode.i_mode;
  const m = mask & 7;
  if (!((m * 0o111) & ~mode)) return 0;
  if (inode.i_uid === cred.fsuid) {
    mode >>= 6;
    return m & ~mode ? -EACCES : 0;
  }
  if (m & (mode ^ (mode >> 3))) {
    if (inGroup(cred, inode.i_gid)) {
      mode >>= 3;
      return m & ~mode ? -EACCES : 0;
    }
  }
  return m & ~mode ? -EACCES : 0;
}

/** Why aclPermissionCheck() decided as it did, following the same steps. */
function aclReason(cred: Cred, inode: Inode, mask: number): string {
  let mode = inode.i_mode;
  const m = mask & 7;
  if (!((m * 0o111) & ~mode)) return 'everybody has the requested rights';
  if (inode.i_uid === cred.fsuid) {
    mode >>= 6;
    return m & ~mode ? `owner (uid ${cred.fsuid}) lacks the bits` : 'owner bits allow';
  }
  if (m & (mode ^ (mode >> 3))) {
    if (inGroup(cred, inode.i_gid)) {
      mode >>= 3;
      return m & ~mode ? `group ${inode.i_gid} bits deny` : `group ${inode.i_gid} bits allow`;
    }
  }
  return m & ~mode ? 'other bits deny' : 'other bits allow';
}

/** capable_wrt_inode_uidgid(): ns_capable() plus the inode's ids being mapped (always, in init_user_ns). */
export function capableWrtInode(ctx: SyscallContext, cred: Cred, _inode: Inode, cap: number): boolean {
  return capable(ctx, cred, cap);
}

/** generic_permission() (fs/namei.c). */
export function genericPermission(
  ctx: SyscallContext,
  cred: Cred,
  inode: Inode,
  mask: number,
  pathArg: Lazy<string>,
): number {
  const acl = aclPermissionCheck(cred, inode, mask);
  // The trace's words (path, mask and reason) are made only when it is recorded.
  if (!ctx.tracer.recording) return acl !== -EACCES ? acl : dacOverride(ctx, cred, inode, mask) ? 0 : -EACCES;
  const path = lazy(pathArg);
  const maskName = mayMaskName(mask);
  const reason = aclReason(cred, inode, mask);
  if (acl !== -EACCES) {
    ctx.tracer.dac('generic_permission', path, maskName, acl, reason);
    return acl;
  }
  // The mode bits deny: say so before the capability overrides are tried.
  ctx.tracer.dac('acl_permission_check', path, maskName, acl, reason);
  const by = dacOverride(ctx, cred, inode, mask);
  const rc = by ? 0 : -EACCES;
  ctx.tracer.dac('generic_permission', path, maskName, rc, `${reason}${OVERRIDDEN_BY[by]}`);
  return rc;
}

/** The words of a dacOverride() result in the trace. */
const OVERRIDDEN_BY = ['', '; CAP_DAC_READ_SEARCH overrides', '; CAP_DAC_OVERRIDE overrides'] as const;

/**
 * The CAP_DAC_* overrides of generic_permission() once the mode bits have denied: which one lets
 * the access through (1 CAP_DAC_READ_SEARCH, 2 CAP_DAC_OVERRIDE), or 0 when none does.
 */
function dacOverride(ctx: SyscallContext, cred: Cred, inode: Inode, mask: number): 0 | 1 | 2 {
  if (isDir(inode)) {
    if (!(mask & MAY_WRITE) && capableWrtInode(ctx, cred, inode, CAP_DAC_READ_SEARCH)) return 1;
    if (capableWrtInode(ctx, cred, inode, CAP_DAC_OVERRIDE)) return 2;
    return 0;
  }
  const m = mask & (MAY_READ | MAY_WRITE | MAY_EXEC);
  if (m === MAY_READ && capableWrtInode(ctx, cred, inode, CAP_DAC_READ_SEARCH)) return 1;
  if (!(m & MAY_EXEC) || inode.i_mode & S_IXUGO) {
    if (capableWrtInode(ctx, cred, inode, CAP_DAC_OVERRIDE)) return 2;
  }
  return 0;
}

/** inode_permission() (fs/namei.c): sb_permission, immutable, DAC, then security_inode_permission(). */
export function inodePermission(
  ctx: SyscallContext,
  cred: Cred,
  inode: Inode,
  mask: number,
  path: Lazy<string>,
): number {
  // The path text, made once for both trace events (d_path() walks up the tree), or not at all.
  const text = ctx.tracer.recording ? lazy(path) : '';
  if (ctx.tracer.recording) ctx.tracer.kfunc('inode_permission', `${text} ${mayMaskName(mask)}`);
  if (mask & MAY_WRITE) {
    // sb_permission(): no writes to regular files, directories and symlinks of a read-only fs.
    if (inode.i_sb.s_flags & SB_RDONLY && (isReg(inode) || isDir(inode) || isLnk(inode))) return -EROFS;
    if (inode.i_flags & S_IMMUTABLE) return -EPERM;
  }
  const rc =
    inode.permission === 'proc_sys_permission'
      ? procSysPermission(ctx, cred, inode, mask, text)
      : genericPermission(ctx, cred, inode, mask, text);
  if (rc) return rc;
  return ctx.hook('inode_permission', [inode, mask]) as number;
}

/**
 * proc_sys_permission() (fs/proc/proc_sysctl.c), the ->permission of /proc/sys inodes in place of
 * generic_permission(): a regular file is never executable, then sysctl_perm() → test_perm() on
 * the entry's mode: the owner bits for an euid of 0, the group bits for a member of group 0
 * (in_egroup_p(): the egid or a supplementary group), the other bits for anyone else. No
 * capability overrides it: "sysctl entries that are not writeable, are _NOT_ writeable,
 * capabilities or not".
 */
function procSysPermission(ctx: SyscallContext, cred: Cred, inode: Inode, mask: number, path: string): number {
  let rc: number;
  let reason: string;
  if (mask & MAY_EXEC && isReg(inode)) {
    rc = -EACCES;
    reason = 'no file under /proc/sys is executable';
  } else {
    let mode = inode.i_mode & 0o777;
    let bits = 'other';
    if (cred.euid === 0) {
      mode >>= 6;
      bits = 'euid 0: owner';
    } else if (cred.egid === 0 || cred.groups.includes(0)) {
      mode >>= 3;
      bits = 'group root: group';
    }
    rc = mask & ~mode & (MAY_READ | MAY_WRITE | MAY_EXEC) ? -EACCES : 0;
    reason = `test_perm(): ${bits} bits ${rc ? 'deny' : 'allow'}; no capability is asked`;
  }
  if (ctx.tracer.recording) ctx.tracer.dac('proc_sys_permission', path, mayMaskName(mask), rc, reason);
  return rc;
}

/** inode_owner_or_capable(): the fsuid owns the inode, or CAP_FOWNER. */
export function inodeOwnerOrCapable(ctx: SyscallContext, cred: Cred, inode: Inode): boolean {
  if (cred.fsuid === inode.i_uid) return true;
  return capableWrtInode(ctx, cred, inode, CAP_FOWNER);
}
