// File syscalls, each following its fs/*.c chain; the comment on each names the chain.
import {
  EACCES,
  EBADF,
  EBUSY,
  EEXIST,
  EINVAL,
  EISDIR,
  ELOOP,
  ENAMETOOLONG,
  ENODATA,
  ENOENT,
  ENOTDIR,
  ENOTEMPTY,
  EOPNOTSUPP,
  EMLINK,
  EPERM,
  ERANGE,
  EXDEV,
} from '../../errno';
import type { Ref, Struct } from '../../kernel/objects';
import { CAP_CHOWN, CAP_FOWNER, CAP_FSETID, CAP_SYS_ADMIN } from '../capability';
import { capable, capableWrtInode, inGroup, inodeOwnerOrCapable, inodePermission, S_APPEND, S_IMMUTABLE } from '../dac';
import { auditLogPathDenied, PATH_MAX, pathWalk, walkExisting, type Walked } from '../namei';
import {
  AT_EMPTY_PATH,
  AT_FDCWD,
  AT_NO_AUTOMOUNT,
  AT_REMOVEDIR,
  AT_STATX_SYNC_TYPE,
  AT_SYMLINK_FOLLOW,
  AT_SYMLINK_NOFOLLOW,
  O_ACCMODE,
  O_APPEND,
  O_CREAT,
  O_DIRECTORY,
  O_EXCL,
  O_NOATIME,
  O_NOFOLLOW,
  O_PATH,
  O_RDONLY,
  O_TRUNC,
  O_WRONLY,
  STATX_BASIC_STATS,
} from '../syscallArgs';
import { registerSyscalls, type ArgSpec, type Sys } from '../syscallTable';
import { fileInUse } from '../taskState';
import { dcacheChanged } from '../world';
import {
  isDir,
  isFifo,
  inodeSize,
  isLnk,
  linkTarget,
  isReg,
  MAY_APPEND,
  MAY_CHDIR,
  MAY_EXEC,
  MAY_OPEN,
  MAY_READ,
  MAY_WRITE,
  S_IFDIR,
  S_IFLNK,
  S_IFMT,
  S_IFREG,
  S_ISGID,
  S_ISUID,
  S_ISVTX,
  type Dentry,
  type File,
  type Inode,
  type Path,
  fdText,
} from '../types';

export const FMODE_READ = 0x1;
export const FMODE_WRITE = 0x2;
/** The MAY_* and FMODE_* bits of O_RDONLY, O_WRONLY and O_RDWR (build_open_flags(), OPEN_FMODE()). */
const ACC_MAY = [MAY_READ, MAY_WRITE, MAY_READ | MAY_WRITE] as const;
const ACC_FMODE = [FMODE_READ, FMODE_WRITE, FMODE_READ | FMODE_WRITE] as const;
const UMASK = 0o022;
const GFP_KERNEL = 0xcc0;

/** ATTR_* bits of struct iattr (include/linux/fs.h). */
const ATTR_MODE = 1;
const ATTR_UID = 2;
const ATTR_GID = 4;
const ATTR_SIZE = 8;

function walkErr(rc: number, sys: Sys, what: string): number {
  sys.kfunc('path_lookupat', `${what}: ${rc}`);
  return rc;
}

/** security_inode_setattr(): (idmap, dentry, attr) since 6.9; (dentry, attr) in 6.8. */
function inodeSetattr(sys: Sys, dentry: Dentry, attr: Struct<'iattr'>): number {
  if (sys.version === '6.8')
    return sys.ctx.hook('inode_setattr', [dentry, attr] as unknown as [null, Dentry, Struct<'iattr'>]) as number;
  return sys.ctx.hook('inode_setattr', [null, dentry, attr]) as number;
}

/** A struct iattr for the setattr hooks. */
function iattr(sys: Sys, valid: number, fields: Record<string, unknown>): Struct<'iattr'> {
  return { struct: 'iattr', addr: sys.world.addr(), security: null, fields: { ia_valid: valid, ...fields } };
}

/**
 * Creating an inode in `dir` (may_o_create()/may_create() have passed): the filesystem's
 * new_inode() → security_inode_alloc(), inode_init_owner(), security_inode_init_security() with
 * the LSMs' xattrs written by initxattrs(), then d_instantiate() → security_d_instantiate().
 */
function createInode(sys: Sys, parent: Path, neg: Dentry, mode: number): { dentry: Dentry; rc: number } {
  const dir = parent.dentry.d_inode!;
  const cred = sys.task.cred;
  const gid = dir.i_mode & S_ISGID ? dir.i_gid : cred.fsgid;
  const perm = (mode & 0o7777) | (isDir({ i_mode: mode } as Inode) && dir.i_mode & S_ISGID ? S_ISGID : 0);
  const inode = sys.world.newInode(dir.i_sb, (mode & S_IFMT) | perm, cred.fsuid, gid);
  sys.kfunc('new_inode', `ino ${inode.i_ino}`);
  const rc = sys.ctx.alloc('inode', inode, []);
  if (rc) return { dentry: neg, rc };
  const xattrs = {
    struct: 'xattr' as const,
    addr: sys.world.addr(),
    security: null,
    slots: [] as { name: string; value: string }[],
  };
  const count: Ref<number> = { value: 0 };
  const rci = sys.ctx.hook('inode_init_security', [
    inode,
    dir,
    { struct: 'qstr', addr: 0, fields: { name: neg.d_name } },
    xattrs,
    count,
  ]) as number;
  if (rci) {
    sys.ctx.free('inode', inode);
    return { dentry: neg, rc: rci };
  }
  for (const x of xattrs.slots) if (x) inode.xattrs.set(`security.${x.name}`, x.value);
  const d = sys.world.newDentry(neg.d_name, parent.dentry, inode);
  sys.ctx.hook('d_instantiate', [d, inode]);
  if (isDir(inode)) dir.i_nlink++;
  return { dentry: d, rc: 0 };
}

/** may_create() (fs/namei.c): the name must not exist; write and search on the directory. */
function mayCreate(sys: Sys, parent: Path, child: Dentry): number {
  if (child.d_inode) return -EEXIST;
  return inodePermission(
    sys.ctx,
    sys.task.cred,
    parent.dentry.d_inode!,
    MAY_WRITE | MAY_EXEC,
    sys.world.pathName(parent),
  );
}

/** check_sticky(): in a sticky directory only the file's or the directory's owner, or CAP_FOWNER. */
function checkSticky(sys: Sys, dir: Inode, inode: Inode): boolean {
  if (!(dir.i_mode & S_ISVTX)) return false;
  const fsuid = sys.task.cred.fsuid;
  if (inode.i_uid === fsuid || dir.i_uid === fsuid) return false;
  sys.kfunc('check_sticky', 'sticky directory, not the owner');
  return !capableWrtInode(sys.ctx, sys.task.cred, inode, CAP_FOWNER);
}

/** may_delete() (fs/namei.c). */
function mayDelete(sys: Sys, parent: Path, victim: Dentry, isdir: boolean): number {
  const inode = victim.d_inode;
  if (!inode) return -ENOENT;
  const dir = parent.dentry.d_inode!;
  const rc = inodePermission(sys.ctx, sys.task.cred, dir, MAY_WRITE | MAY_EXEC, () => sys.world.pathName(parent));
  if (rc) return rc;
  if (dir.i_flags & S_APPEND) return -EPERM;
  if (checkSticky(sys, dir, inode) || inode.i_flags & (S_APPEND | S_IMMUTABLE)) return -EPERM;
  if (isdir) {
    if (!isDir(inode)) return -ENOTDIR;
    if (victim === victim.d_parent) return -EBUSY;
  } else if (isDir(inode)) return -EISDIR;
  return 0;
}

function fileOf(sys: Sys, fd: number): File | number {
  return sys.task.files.get(fd) ?? -EBADF;
}

/** __fput(): security_file_release(), then file_free() → security_file_free(). */
export function fput(sys: Sys, f: File, opened: boolean): void {
  // 6.8 has no file_release hook.
  if (opened && sys.version !== '6.8') sys.ctx.hook('file_release', [f]);
  sys.ctx.free('file', f);
}

/** security_file_alloc()'s extra arguments: none. */
const NO_EXTRA: readonly unknown[] = [];

/** An openat() error after alloc_empty_file(): the file goes again (fput() without file_release). */
function bail(sys: Sys, placeholder: File, err: number): number {
  fput(sys, placeholder, false);
  return err;
}

/**
 * may_create_in_sticky() (fs/namei.c), for an O_CREAT open that found (or made) `inode` in `dir`:
 * with fs.protected_regular (protected_fifos for a FIFO) on, a file in a sticky directory that is
 * neither the directory owner's nor the opener's is refused (-EACCES) when the directory is
 * world-writable, or group-writable at level 2. A program that creates a file in /tmp then cannot
 * be made to write into one another user planted under the same name. A refusal goes to
 * audit_log_path_denied(AUDIT_ANOM_CREAT, "sticky_create").
 */
function mayCreateInSticky(sys: Sys, dir: Inode, inode: Inode): number {
  if (!(dir.i_mode & S_ISVTX)) return 0;
  const { protected_regular: regular, protected_fifos: fifos } = sys.world.sysctl;
  // The trace's note, worded only when a trace is recorded.
  const say = (where: string, what: string): void =>
    sys.kfunc(
      'may_create_in_sticky',
      () => `${where}, ${isFifo(inode) ? `protected_fifos=${fifos}` : `protected_regular=${regular}`}: ${what}`,
    );
  if ((isReg(inode) && !regular) || (isFifo(inode) && !fifos)) {
    say('sticky directory', 'not checked');
    return 0;
  }
  if (inode.i_uid === dir.i_uid) {
    say('sticky directory', 'the file is the directory owner’s');
    return 0;
  }
  if (inode.i_uid === sys.task.cred.fsuid) {
    say('sticky directory', 'the file is the opener’s');
    return 0;
  }
  const refused = (where: string): number => {
    say(where, `O_CREAT of a file of uid ${inode.i_uid} refused`);
    auditLogPathDenied(sys.ctx, sys.world, sys.version, 'AUDIT_ANOM_CREAT', 'sticky_create');
    return -EACCES;
  };
  if (dir.i_mode & 0o002) return refused('sticky world-writable directory');
  if (dir.i_mode & 0o020) {
    if (fifos >= 2 && isFifo(inode)) return refused('sticky group-writable directory');
    if (regular >= 2 && isReg(inode)) return refused('sticky group-writable directory');
  }
  say('sticky directory', 'not world-writable, allowed');
  return 0;
}

/**
 * openat(2): do_sys_openat2() → get_unused_fd_flags() → path_openat(): alloc_empty_file()
 * (security_file_alloc), link_path_walk() (may_lookup per directory), open_last_lookups()
 * (O_CREAT: security_path_mknod, inode_permission(dir, W|X), security_inode_create, the new
 * inode), do_open(): may_open() → inode_permission(MAY_OPEN|acc), vfs_open() →
 * do_dentry_open() → security_file_open, security_file_post_open, handle_truncate()
 * (security_file_truncate, notify_change → security_inode_setattr).
 */
function openat(sys: Sys, a: { dfd: number; path: string; flags: number; mode: number }): number {
  const { world, task, ctx } = sys;
  let flags = a.flags;
  if (flags & O_PATH) flags &= O_DIRECTORY | O_NOFOLLOW | O_PATH;
  if ((flags & O_ACCMODE) === 3) return -EINVAL;
  if (a.dfd !== AT_FDCWD && !a.path.startsWith('/')) return -EBADF;
  // build_open_flags(): the MAY_* mask of the access mode, plus write for O_TRUNC.
  let accMode = MAY_OPEN | ACC_MAY[flags & O_ACCMODE]!;
  if (flags & O_TRUNC) accMode |= MAY_WRITE;
  if (flags & O_APPEND) accMode |= MAY_APPEND;
  const fd = world.unusedFd(task);
  sys.kfunc('alloc_empty_file');
  const fmode = flags & O_PATH ? 0 : ACC_FMODE[flags & O_ACCMODE]!;
  const placeholder = world.newFile(world.path(world.rootMount, world.rootMount.mnt_root), flags, fmode, task.cred);
  let rc = ctx.alloc('file', placeholder, NO_EXTRA);
  if (rc) return rc;
  // The error paths free the placeholder (fput() without file_release): bail(sys, placeholder, err).
  // build_open_flags(): O_CREAT|O_EXCL walks as O_NOFOLLOW (a symbolic link there is -EEXIST,
  // never followed to create its target); f_flags keep what the caller passed.
  const excl = (flags & (O_CREAT | O_EXCL)) === (O_CREAT | O_EXCL);
  const w = pathWalk(ctx, world, task, a.path, { follow: !(flags & O_NOFOLLOW) && !excl }, sys.version);
  if (typeof w === 'number') return bail(sys, placeholder, walkErr(w, sys, a.path));
  let dentry = w.dentry;
  let created = false;
  if (flags & O_CREAT) {
    if (!dentry.d_inode) {
      if (!w.parent.dentry.d_inode || !isDir(w.parent.dentry.d_inode)) return bail(sys, placeholder, -ENOTDIR);
      sys.kfunc('may_o_create', `${world.pathName(w.parent)}/${w.name}`);
      const mode = S_IFREG | (a.mode & 0o7777 & ~UMASK);
      rc = ctx.hook('path_mknod', [w.parent, dentry, mode, 0]) as number;
      if (rc) return bail(sys, placeholder, rc);
      rc = inodePermission(ctx, task.cred, w.parent.dentry.d_inode, MAY_WRITE | MAY_EXEC, () =>
        world.pathName(w.parent),
      );
      if (rc) return bail(sys, placeholder, rc);
      rc = ctx.hook('inode_create', [w.parent.dentry.d_inode, dentry, mode]) as number;
      if (rc) return bail(sys, placeholder, rc);
      const made = createInode(sys, w.parent, dentry, mode);
      if (made.rc) return bail(sys, placeholder, made.rc);
      dentry = made.dentry;
      created = true;
    } else if (flags & O_EXCL) {
      return bail(sys, placeholder, -EEXIST);
    }
  } else if (!dentry.d_inode) {
    return bail(sys, placeholder, -ENOENT);
  }
  const inode = dentry.d_inode!;
  const path = world.path(w.mnt, dentry);
  // d_path() text, for the trace only (inode_permission() reads it only when recording).
  const name = ctx.tracer.recording ? world.pathName(path) : '';
  // do_open()
  if (flags & O_CREAT) {
    if (isDir(inode)) return bail(sys, placeholder, -EISDIR);
    rc = mayCreateInSticky(sys, w.parent.dentry.d_inode!, inode);
    if (rc) return bail(sys, placeholder, rc);
  }
  if (flags & O_DIRECTORY && !isDir(inode)) return bail(sys, placeholder, -ENOTDIR);
  let doTruncate = false;
  // do_open() passes op->acc_mode to security_file_post_open(), even for a file it created.
  const opAccMode = accMode;
  if (created) {
    flags &= ~O_TRUNC;
    accMode = 0;
  } else if (isReg(inode) && flags & O_TRUNC) {
    doTruncate = true;
  }
  if (!(flags & O_PATH)) {
    // may_open()
    if (ctx.tracer.recording) sys.kfunc('may_open', accMode === 0 ? `${name} (created: only MAY_OPEN)` : name);
    if (isLnk(inode)) return bail(sys, placeholder, -ELOOP);
    if (isDir(inode) && accMode & MAY_WRITE) return bail(sys, placeholder, -EISDIR);
    rc = inodePermission(ctx, task.cred, inode, MAY_OPEN | accMode, name);
    if (rc) return bail(sys, placeholder, rc);
    if (inode.i_flags & S_APPEND && (((flags & O_ACCMODE) !== O_RDONLY && !(flags & O_APPEND)) || flags & O_TRUNC))
      return bail(sys, placeholder, -EPERM);
    if (flags & O_NOATIME && !inodeOwnerOrCapable(ctx, task.cred, inode)) return bail(sys, placeholder, -EPERM);
  }
  const file: File = {
    struct: placeholder.struct,
    addr: placeholder.addr,
    security: placeholder.security ?? null, // set by security_file_alloc() above
    f_path: path,
    f_inode: inode,
    f_flags: flags,
    // FMODE_CREATED (1 << 20): path_openat() created the file (IMA treats it as new).
    f_mode: placeholder.f_mode | (created ? 0x100000 : 0),
    f_pos: placeholder.f_pos,
    f_cred: placeholder.f_cred,
  };
  if (!(flags & O_PATH)) {
    sys.kfunc('do_dentry_open', name);
    rc = ctx.hook('file_open', [file]) as number;
    if (rc) return bail(sys, placeholder, rc);
    if (sys.version !== '6.8') {
      rc = ctx.hook('file_post_open', [file, opAccMode & ~MAY_OPEN]) as number;
      if (rc) {
        fput(sys, file, true);
        return rc;
      }
    }
    if (doTruncate) {
      sys.kfunc('handle_truncate', name);
      rc = ctx.hook('file_truncate', [file]) as number;
      if (!rc) rc = inodeSetattr(sys, dentry, iattr(sys, ATTR_SIZE, { ia_size: 0 }));
      if (rc) {
        fput(sys, file, true);
        return rc;
      }
      inode.data = '';
    }
  }
  task.files.set(fd, file);
  if (ctx.tracer.recording) sys.kfunc('fd_install', fdText(fd));
  return fd;
}

/** read(2): ksys_read() → vfs_read(): FMODE_READ, rw_verify_area() → security_file_permission(MAY_READ). */
function read(sys: Sys, a: { fd: number; count: number }, out: { data: string }): number {
  const f = fileOf(sys, a.fd);
  if (typeof f === 'number') return f;
  if (!(f.f_mode & FMODE_READ)) return -EBADF;
  if (isDir(f.f_inode)) return -EISDIR;
  sys.kfunc('rw_verify_area', 'MAY_READ');
  const rc = sys.ctx.hook('file_permission', [f, MAY_READ]) as number;
  if (rc) return rc;
  let data: string;
  if (f.f_inode.generate) {
    const g = f.f_inode.generate({ ctx: sys.ctx, reader: sys.task });
    if (typeof g === 'number') return g;
    data = g;
  } else data = f.f_inode.data;
  const chunk = data.slice(f.f_pos, f.f_pos + a.count);
  f.f_pos += chunk.length;
  out.data += chunk;
  return chunk.length;
}

/** write(2): vfs_write(): FMODE_WRITE, rw_verify_area() → security_file_permission(MAY_WRITE). */
function write(sys: Sys, a: { fd: number; buf: string }): number {
  const f = fileOf(sys, a.fd);
  if (typeof f === 'number') return f;
  if (!(f.f_mode & FMODE_WRITE)) return -EBADF;
  sys.kfunc('rw_verify_area', 'MAY_WRITE');
  const rc = sys.ctx.hook('file_permission', [f, MAY_WRITE]) as number;
  if (rc) return rc;
  if (f.f_inode.generate) return f.f_inode.store ? f.f_inode.store(a.buf, { ctx: sys.ctx, reader: sys.task }) : -EINVAL;
  const inode = f.f_inode;
  const pos = f.f_flags & O_APPEND ? inode.data.length : f.f_pos;
  inode.data = inode.data.slice(0, pos).padEnd(pos, '\0') + a.buf + inode.data.slice(pos + a.buf.length);
  f.f_pos = pos + a.buf.length;
  return a.buf.length;
}

/** close(2): file_close_fd() → filp_close() → fput() → __fput(): file_release, file_free_security. */
function close(sys: Sys, a: { fd: number }): number {
  const f = fileOf(sys, a.fd);
  if (typeof f === 'number') return f;
  sys.task.files.delete(a.fd);
  // fput(): only the last reference (other fds or tasks may share the file after fork) frees it.
  if (fileInUse(sys.world, f)) return 0;
  fput(sys, f, !(f.f_flags & O_PATH));
  return 0;
}

/** The parent walk of do_unlinkat()/do_mkdirat()/do_renameat2(): filename_parentat() + lookup. */
function parentAndChild(sys: Sys, pathname: string): Walked | number {
  const w = pathWalk(sys.ctx, sys.world, sys.task, pathname, { follow: false }, sys.version);
  if (typeof w === 'number') return walkErr(w, sys, pathname);
  if (w.name === '.' || w.name === '..' || w.name === '/') return -EBUSY;
  return w;
}

/**
 * unlinkat(2) / rmdir(2): do_unlinkat() → security_path_unlink → vfs_unlink() → may_delete()
 * (inode_permission(dir, W|X), sticky) → security_inode_unlink; do_rmdir() → security_path_rmdir
 * → vfs_rmdir() → may_delete() → security_inode_rmdir → -ENOTEMPTY from the filesystem.
 */
function unlinkat(sys: Sys, a: { dfd: number; path: string; flags: number }): number {
  const rmdir = (a.flags & AT_REMOVEDIR) !== 0;
  if (a.flags & ~AT_REMOVEDIR) return -EINVAL;
  const w = parentAndChild(sys, a.path);
  if (typeof w === 'number') return w === -EBUSY ? (rmdir ? -EINVAL : -EISDIR) : w;
  if (!w.dentry.d_inode) return -ENOENT;
  const { ctx } = sys;
  if (rmdir) {
    let rc = ctx.hook('path_rmdir', [w.parent, w.dentry]) as number;
    if (rc) return rc;
    sys.kfunc('vfs_rmdir');
    rc = mayDelete(sys, w.parent, w.dentry, true);
    if (rc) return rc;
    rc = ctx.hook('inode_rmdir', [w.parent.dentry.d_inode, w.dentry]) as number;
    if (rc) return rc;
    if (w.dentry.d_inode.children!.size > 0) return -ENOTEMPTY;
    w.parent.dentry.d_inode!.i_nlink--;
  } else {
    if (!w.dentry.d_inode) return -ENOENT;
    let rc = ctx.hook('path_unlink', [w.parent, w.dentry]) as number;
    if (rc) return rc;
    sys.kfunc('vfs_unlink');
    rc = mayDelete(sys, w.parent, w.dentry, false);
    if (rc) return rc;
    rc = ctx.hook('inode_unlink', [w.parent.dentry.d_inode, w.dentry]) as number;
    if (rc) return rc;
  }
  const inode = w.dentry.d_inode;
  w.parent.dentry.d_inode!.children!.delete(w.name);
  w.dentry.d_inode = null;
  if (--inode.i_nlink <= 0 || isDir(inode)) sys.ctx.free('inode', inode);
  return 0;
}

/** mkdirat(2): filename_create() → security_path_mkdir → vfs_mkdir() → may_create() → security_inode_mkdir → the new inode. */
function mkdirat(sys: Sys, a: { dfd: number; path: string; mode: number }): number {
  const w = parentAndChild(sys, a.path);
  if (typeof w === 'number') return w === -EBUSY ? -EEXIST : w;
  if (w.dentry.d_inode) return -EEXIST;
  const mode = S_IFDIR | (a.mode & 0o7777 & ~UMASK);
  let rc = sys.ctx.hook('path_mkdir', [w.parent, w.dentry, mode]) as number;
  if (rc) return rc;
  sys.kfunc('vfs_mkdir');
  rc = mayCreate(sys, w.parent, w.dentry);
  if (rc) return rc;
  rc = sys.ctx.hook('inode_mkdir', [w.parent.dentry.d_inode, w.dentry, mode]) as number;
  if (rc) return rc;
  return createInode(sys, w.parent, w.dentry, mode).rc;
}

/**
 * renameat2(2): do_renameat2() → security_path_rename → vfs_rename(): may_delete(old), may_create
 * or may_delete(new), inode_permission(source, MAY_WRITE) for a directory changing parent,
 * security_inode_rename.
 */
function renameat2(sys: Sys, a: OldNewPathArgs): number {
  if (a.flags) return -EINVAL;
  const o = parentAndChild(sys, a.oldpath);
  if (typeof o === 'number') return o;
  const n = parentAndChild(sys, a.newpath);
  if (typeof n === 'number') return n;
  if (!o.dentry.d_inode) return -ENOENT;
  if (o.parent.mnt !== n.parent.mnt) return -EXDEV;
  const { ctx } = sys;
  let rc = ctx.hook('path_rename', [o.parent, o.dentry, n.parent, n.dentry, a.flags]) as number;
  if (rc) return rc;
  sys.kfunc('vfs_rename');
  const src = o.dentry.d_inode;
  const isdir = isDir(src);
  rc = mayDelete(sys, o.parent, o.dentry, isdir);
  if (rc) return rc;
  rc = n.dentry.d_inode ? mayDelete(sys, n.parent, n.dentry, isdir) : mayCreate(sys, n.parent, n.dentry);
  if (rc) return rc;
  if (isdir && o.parent.dentry !== n.parent.dentry) {
    rc = inodePermission(ctx, sys.task.cred, src, MAY_WRITE, () => sys.world.pathName(sys.world.path(o.mnt, o.dentry)));
    if (rc) return rc;
  }
  rc = ctx.hook('inode_rename', [o.parent.dentry.d_inode, o.dentry, n.parent.dentry.d_inode, n.dentry]) as number;
  if (rc) return rc;
  if (n.dentry.d_inode && isDir(n.dentry.d_inode) && n.dentry.d_inode.children!.size) return -ENOTEMPTY;
  const replaced = n.dentry.d_inode;
  o.parent.dentry.d_inode!.children!.delete(o.name);
  o.dentry.d_name = n.name;
  o.dentry.d_parent = n.parent.dentry;
  dcacheChanged();
  n.parent.dentry.d_inode!.children!.set(n.name, o.dentry);
  if (replaced && --replaced.i_nlink <= 0) ctx.free('inode', replaced);
  return 0;
}

/** ext4's s_max_links (EXT4_LINK_MAX). */
const EXT4_LINK_MAX = 65000;

/**
 * safe_hardlink_source() (fs/namei.c): a regular file, not setuid, not setgid-executable, that
 * the caller may read and write.
 */
function safeHardlinkSource(sys: Sys, inode: Inode, name: string): boolean {
  const mode = inode.i_mode;
  if (!isReg(inode)) return false;
  if (mode & S_ISUID) return false;
  if ((mode & (S_ISGID | 0o010)) === (S_ISGID | 0o010)) return false;
  return inodePermission(sys.ctx, sys.task.cred, inode, MAY_READ | MAY_WRITE, name) === 0;
}

/**
 * may_linkat() (fs/namei.c): with fs.protected_hardlinks (/proc/sys/fs/protected_hardlinks), only
 * the owner (or CAP_FOWNER) may link a file that is not a safe source: -EPERM, after
 * audit_log_path_denied(AUDIT_ANOM_LINK, "linkat").
 */
function mayLinkat(sys: Sys, link: Path): number {
  const inode = link.dentry.d_inode!;
  const protectedHardlinks = sys.world.sysctl.protected_hardlinks;
  sys.kfunc('may_linkat', `protected_hardlinks=${protectedHardlinks}`);
  if (!protectedHardlinks) return 0;
  if (safeHardlinkSource(sys, inode, sys.world.pathName(link))) return 0;
  if (inodeOwnerOrCapable(sys.ctx, sys.task.cred, inode)) return 0;
  auditLogPathDenied(sys.ctx, sys.world, sys.version, 'AUDIT_ANOM_LINK', 'linkat');
  return -EPERM;
}

/**
 * linkat(2) (fs/namei.c do_linkat()): filename_lookup() of the old name (the last component is
 * followed only with AT_SYMLINK_FOLLOW), filename_create() of the new one (-EEXIST when it
 * exists), the same mount (-EXDEV), may_linkat() (protected_hardlinks), security_path_link, then
 * vfs_link(): may_create() on the new directory, the same superblock, append-only or immutable
 * (-EPERM), directories (-EPERM), security_inode_link, an unlinked inode (-ENOENT), s_max_links
 * (-EMLINK), the filesystem's link (ext4_link(): i_nlink++, d_instantiate()).
 */
function linkat(sys: Sys, a: OldNewPathArgs): number {
  if (a.flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH)) return -EINVAL;
  // AT_EMPTY_PATH (a link to an open fd) needs CAP_DAC_READ_SEARCH: not modelled.
  if (a.flags & AT_EMPTY_PATH) return -EINVAL;
  const old = walkExisting(sys.ctx, sys.world, sys.task, a.oldpath, (a.flags & AT_SYMLINK_FOLLOW) !== 0, sys.version);
  if (typeof old === 'number') return walkErr(old, sys, a.oldpath);
  sys.kfunc('filename_create', a.newpath);
  const n = parentAndChild(sys, a.newpath);
  if (typeof n === 'number') return n === -EBUSY ? -EEXIST : n;
  if (n.dentry.d_inode) return -EEXIST;
  if (old.path.mnt !== n.parent.mnt) return -EXDEV;
  let rc = mayLinkat(sys, old.path);
  if (rc) return rc;
  const { ctx } = sys;
  const oldDentry = old.path.dentry;
  rc = ctx.hook('path_link', [oldDentry, n.parent, n.dentry]) as number;
  if (rc) return rc;
  sys.kfunc('vfs_link');
  const inode = oldDentry.d_inode!;
  const dir = n.parent.dentry.d_inode!;
  rc = mayCreate(sys, n.parent, n.dentry);
  if (rc) return rc;
  if (dir.i_sb !== inode.i_sb) return -EXDEV;
  if (inode.i_flags & (S_IMMUTABLE | S_APPEND)) return -EPERM;
  if (isDir(inode)) return -EPERM;
  rc = ctx.hook('inode_link', [oldDentry, dir, n.dentry]) as number;
  if (rc) return rc;
  if (inode.i_nlink === 0) return -ENOENT;
  if (inode.i_nlink >= EXT4_LINK_MAX) return -EMLINK;
  sys.kfunc('ext4_link', `ino ${inode.i_ino}, nlink ${inode.i_nlink + 1}`);
  inode.i_nlink++;
  const d = sys.world.newDentry(n.name, n.parent.dentry, inode);
  ctx.hook('d_instantiate', [d, inode]);
  return 0;
}

/** The filesystems whose directories have a symlink inode operation (the rest give -EPERM). */
const SYMLINK_FS: ReadonlySet<string> = new Set(['ext4', 'tmpfs']);
/** ext4's block size: ext4_symlink() refuses a target that does not fit in one block with its NUL. */
const EXT4_BLOCK_SIZE = 4096;

/**
 * symlinkat(2) (fs/namei.c do_symlinkat()): getname() of the target (-ENOENT when empty),
 * filename_create() of the link (-EEXIST when it exists), security_path_symlink, then
 * vfs_symlink(): may_create() on the directory, a filesystem with symlinks (-EPERM),
 * security_inode_symlink, and the filesystem's symlink (ext4_symlink(): the target must fit in a
 * block, -ENAMETOOLONG; a new S_IFLNK 0777 inode owned by the caller, inode_init_security,
 * d_instantiate). The target is not looked up: a link may dangle.
 */
function symlinkat(sys: Sys, a: { target: string; newdfd: number; linkpath: string }): number {
  if (a.target.length === 0) return -ENOENT;
  if (a.target.length >= PATH_MAX) return -ENAMETOOLONG;
  sys.kfunc('filename_create', a.linkpath);
  const w = parentAndChild(sys, a.linkpath);
  if (typeof w === 'number') return w === -EBUSY ? -EEXIST : w;
  if (w.dentry.d_inode) return -EEXIST;
  const { ctx } = sys;
  let rc = ctx.hook('path_symlink', [w.parent, w.dentry, a.target]) as number;
  if (rc) return rc;
  sys.kfunc('vfs_symlink');
  rc = mayCreate(sys, w.parent, w.dentry);
  if (rc) return rc;
  const dir = w.parent.dentry.d_inode!;
  if (!SYMLINK_FS.has(dir.i_sb.s_type)) return -EPERM;
  rc = ctx.hook('inode_symlink', [dir, w.dentry, a.target]) as number;
  if (rc) return rc;
  if (a.target.length + 1 > EXT4_BLOCK_SIZE) return -ENAMETOOLONG;
  const made = createInode(sys, w.parent, w.dentry, S_IFLNK | 0o777);
  if (made.rc) return made.rc;
  made.dentry.d_inode!.data = a.target;
  return 0;
}

/**
 * chmod(2)/fchmodat(2): chmod_common() → security_path_chmod → notify_change() (immutable or
 * append-only: -EPERM) → security_inode_setattr → setattr_prepare() (owner or CAP_FOWNER; S_ISGID
 * cleared without the group or CAP_FSETID) → security_inode_post_setattr.
 */
function chmod(sys: Sys, a: { path: string; mode: number }): number {
  const r = walkExisting(sys.ctx, sys.world, sys.task, a.path, true, sys.version);
  if (typeof r === 'number') return walkErr(r, sys, a.path);
  const inode = r.path.dentry.d_inode!;
  const { ctx } = sys;
  let mode = a.mode & 0o7777;
  let rc = ctx.hook('path_chmod', [r.path, mode]) as number;
  if (rc) return rc;
  sys.kfunc('notify_change', 'ATTR_MODE');
  if (inode.i_flags & (S_IMMUTABLE | S_APPEND)) return -EPERM;
  rc = inodeSetattr(sys, r.path.dentry, iattr(sys, ATTR_MODE, { ia_mode: mode }));
  if (rc) return rc;
  sys.kfunc('setattr_prepare');
  if (!inodeOwnerOrCapable(ctx, sys.task.cred, inode)) return -EPERM;
  if (mode & S_ISGID && !inGroup(sys.task.cred, inode.i_gid) && !capable(ctx, sys.task.cred, CAP_FSETID))
    mode &= ~S_ISGID;
  inode.i_mode = (inode.i_mode & S_IFMT) | mode;
  if (sys.version !== '6.8') ctx.hook('inode_post_setattr', [null, r.path.dentry, ATTR_MODE]);
  return 0;
}

/**
 * chown(2)/fchownat(2): chown_common() → security_path_chown → notify_change() →
 * security_inode_setattr → setattr_prepare(): chown_ok()/chgrp_ok() (CAP_CHOWN) → the set-id bits
 * are cleared → security_inode_post_setattr.
 */
function chown(sys: Sys, a: { path: string; uid: number; gid: number }): number {
  const r = walkExisting(sys.ctx, sys.world, sys.task, a.path, true, sys.version);
  if (typeof r === 'number') return walkErr(r, sys, a.path);
  const inode = r.path.dentry.d_inode!;
  const { ctx } = sys;
  const cred = sys.task.cred;
  const uid = a.uid === -1 ? inode.i_uid : a.uid;
  const gid = a.gid === -1 ? inode.i_gid : a.gid;
  let rc = ctx.hook('path_chown', [r.path, uid, gid]) as number;
  if (rc) return rc;
  sys.kfunc('notify_change', 'ATTR_UID|ATTR_GID');
  if (inode.i_flags & (S_IMMUTABLE | S_APPEND)) return -EPERM;
  rc = inodeSetattr(sys, r.path.dentry, iattr(sys, ATTR_UID | ATTR_GID, { ia_uid: uid, ia_gid: gid }));
  if (rc) return rc;
  sys.kfunc('setattr_prepare');
  if (
    uid !== inode.i_uid &&
    !(cred.fsuid === inode.i_uid && uid === inode.i_uid) &&
    !capableWrtInode(ctx, cred, inode, CAP_CHOWN)
  )
    return -EPERM;
  if (
    gid !== inode.i_gid &&
    !(cred.fsuid === inode.i_uid && inGroup(cred, gid)) &&
    !capableWrtInode(ctx, cred, inode, CAP_CHOWN)
  )
    return -EPERM;
  inode.i_uid = uid;
  inode.i_gid = gid;
  if (!isDir(inode)) inode.i_mode &= ~(S_ISUID | (inode.i_mode & 0o010 ? S_ISGID : 0));
  if (sys.version !== '6.8') ctx.hook('inode_post_setattr', [null, r.path.dentry, ATTR_UID | ATTR_GID]);
  return 0;
}

/** xattr_permission() (fs/xattr.c): security.* and system.* are left to the LSMs and capabilities. */
function xattrPermission(sys: Sys, inode: Inode, name: string, mask: number, path: string): number {
  if (mask & MAY_WRITE && inode.i_flags & (S_IMMUTABLE | S_APPEND)) return -EPERM;
  if (name.startsWith('security.') || name.startsWith('system.')) return 0;
  if (name.startsWith('trusted.'))
    return capable(sys.ctx, sys.task.cred, CAP_SYS_ADMIN) ? 0 : mask & MAY_WRITE ? -EPERM : -ENODATA;
  if (name.startsWith('user.')) {
    if (!isReg(inode) && !isDir(inode)) return mask & MAY_WRITE ? -EPERM : -ENODATA;
    return inodePermission(sys.ctx, sys.task.cred, inode, mask, path);
  }
  return -EOPNOTSUPP;
}

/**
 * setxattr(2): path_setxattr() → vfs_setxattr() → xattr_permission(MAY_WRITE) →
 * security_inode_setxattr (inode_xattr_skipcap, cap_inode_setxattr, the LSMs) → set →
 * security_inode_post_setxattr.
 */
function setxattr(sys: Sys, a: { path: string; name: string; value: string; flags: number }): number {
  const r = walkExisting(sys.ctx, sys.world, sys.task, a.path, true, sys.version);
  if (typeof r === 'number') return walkErr(r, sys, a.path);
  if (!a.name || a.name.length > 255) return -ERANGE;
  const inode = r.path.dentry.d_inode!;
  const XATTR_CREATE = 1;
  const XATTR_REPLACE = 2;
  sys.kfunc('vfs_setxattr', a.name);
  let rc = xattrPermission(sys, inode, a.name, MAY_WRITE, sys.world.pathName(r.path));
  if (rc) return rc;
  rc = sys.ctx.hook('inode_setxattr', [null, r.path.dentry, a.name, a.value, a.value.length, a.flags]) as number;
  if (rc) return rc;
  if (a.flags & XATTR_CREATE && inode.xattrs.has(a.name)) return -EEXIST;
  if (a.flags & XATTR_REPLACE && !inode.xattrs.has(a.name)) return -ENODATA;
  inode.xattrs.set(a.name, a.value);
  sys.ctx.hook('inode_post_setxattr', [r.path.dentry, a.name, a.value, a.value.length, a.flags]);
  return 0;
}

/**
 * getxattr(2): vfs_getxattr() → xattr_permission(MAY_READ) → security_inode_getxattr → for
 * security.* names xattr_getsecurity() → security_inode_getsecurity (an LSM's own label), else the
 * stored value; -ENODATA when absent.
 */
function getxattr(sys: Sys, a: { path: string; name: string; size: number }, out: { data: string }): number {
  const r = walkExisting(sys.ctx, sys.world, sys.task, a.path, true, sys.version);
  if (typeof r === 'number') return walkErr(r, sys, a.path);
  const inode = r.path.dentry.d_inode!;
  sys.kfunc('vfs_getxattr', a.name);
  let rc = xattrPermission(sys, inode, a.name, MAY_READ, sys.world.pathName(r.path));
  if (rc) return rc;
  rc = sys.ctx.hook('inode_getxattr', [r.path.dentry, a.name]) as number;
  if (rc) return rc;
  let value: string | undefined;
  if (a.name.startsWith('security.')) {
    const buf: Ref<unknown> = { value: null };
    const len = sys.ctx.hook('inode_getsecurity', [null, inode, a.name.slice('security.'.length), buf, true]) as number;
    // vfs_getxattr(): only -EOPNOTSUPP (no LSM owns the name) falls back to the stored value.
    if (len < 0 && len !== -EOPNOTSUPP) return len;
    if (len >= 0 && typeof buf.value === 'string') value = buf.value;
  }
  value ??= inode.xattrs.get(a.name);
  if (value === undefined) return -ENODATA;
  if (a.size && value.length > a.size) return -ERANGE;
  out.data = value;
  return value.length;
}

const PROT_READ = 1;
const PROT_WRITE = 2;
const MAP_SHARED = 1;
const MAP_PRIVATE = 2;
const MAP_ANONYMOUS = 0x20;

/**
 * mmap(2): vm_mmap_pgoff() → security_mmap_file → do_mmap() (FMODE_READ, MAP_SHARED|PROT_WRITE
 * needs FMODE_WRITE) → __get_unmapped_area() → security_mmap_addr → accountable private writable
 * mappings: security_vm_enough_memory_mm. Returns a model address.
 */
function mmap(sys: Sys, a: { addr: number; length: number; prot: number; flags: number; fd: number }): number {
  if (!a.length) return -EINVAL;
  if (!(a.flags & (MAP_SHARED | MAP_PRIVATE))) return -EINVAL;
  let file: File | null = null;
  if (!(a.flags & MAP_ANONYMOUS)) {
    const f = fileOf(sys, a.fd);
    if (typeof f === 'number') return f;
    file = f;
  }
  let rc = sys.ctx.hook('mmap_file', [file, a.prot, a.prot, a.flags]) as number;
  if (rc) return rc;
  sys.kfunc('do_mmap');
  if (file) {
    if (!(file.f_mode & FMODE_READ)) return -EACCES;
    if (a.flags & MAP_SHARED && a.prot & PROT_WRITE && !(file.f_mode & FMODE_WRITE)) return -EACCES;
  }
  const addr = a.addr || 0x7f00_0000_0000 + sys.world.addr();
  rc = sys.ctx.hook('mmap_addr', [addr]) as number;
  if (rc) return rc;
  if (a.flags & MAP_PRIVATE && a.prot & PROT_WRITE) {
    sys.ctx.hook('vm_enough_memory', [null, Math.ceil(a.length / 4096)]);
  }
  return addr;
}

/**
 * The path a `*at()` call names with `dfd` and `path`: AT_EMPTY_PATH with "" is the fd's own file
 * (or the working directory for AT_FDCWD); a relative path from another directory fd is not
 * modelled (-EBADF, as openat() has it); else the walk's result or -errno.
 */
export function atPath(sys: Sys, dfd: number, path: string, follow: boolean, emptyOk: boolean): Path | number {
  if (path === '' && emptyOk) {
    if (dfd === AT_FDCWD) return sys.world.path(sys.task.cwd.mnt, sys.task.cwd.dentry);
    const f = fileOf(sys, dfd);
    return typeof f === 'number' ? f : f.f_path;
  }
  if (dfd !== AT_FDCWD && !path.startsWith('/')) return -EBADF;
  const r = walkExisting(sys.ctx, sys.world, sys.task, path, follow, sys.version);
  return typeof r === 'number' ? walkErr(r, sys, path) : r.path;
}

/**
 * statx(2) (fs/stat.c do_statx() → vfs_statx()): the flags checked (-EINVAL), filename_lookup()
 * (a trailing symlink followed unless AT_SYMLINK_NOFOLLOW; "" with AT_EMPTY_PATH is the dfd's
 * file), vfs_getattr() → security_inode_getattr, then generic_fillattr(). No permission on the
 * file itself is needed, only search on the directories of the walk. The model's struct statx is
 * a line of its basic fields.
 */
function statx(sys: Sys, a: { dfd: number; path: string; flags: number; mask: number }, out: { data: string }): number {
  if (a.flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE)) return -EINVAL;
  if ((a.flags & AT_STATX_SYNC_TYPE) === AT_STATX_SYNC_TYPE) return -EINVAL;
  // STATX__RESERVED (0x80000000): a mask bit reserved for extending struct statx.
  if (a.mask & 0x8000_0000) return -EINVAL;
  const path = atPath(sys, a.dfd, a.path, !(a.flags & AT_SYMLINK_NOFOLLOW), (a.flags & AT_EMPTY_PATH) !== 0);
  if (typeof path === 'number') return path;
  sys.kfunc('vfs_getattr', () => sys.world.pathName(path));
  const rc = sys.ctx.hook('inode_getattr', [path]) as number;
  if (rc) return rc;
  const inode = path.dentry.d_inode!;
  out.data = `mode=0${inode.i_mode.toString(8)} nlink=${inode.i_nlink} uid=${inode.i_uid} gid=${inode.i_gid} ino=${inode.i_ino} size=${inodeSize(inode)}`;
  return 0;
}

/**
 * readlinkat(2) (fs/stat.c do_readlinkat()): a size of 0 or less is -EINVAL; the walk does not
 * follow the last component ("" is the dfd's own file); a non-symlink is -EINVAL; then
 * security_inode_readlink, and vfs_readlink() copies the target, cut to the buffer, without a NUL
 * (procfs's /proc/self answers through its get_link: the caller's tgid).
 */
function readlinkat(sys: Sys, a: { dfd: number; path: string; bufsiz: number }, out: { data: string }): number {
  if (a.bufsiz <= 0) return -EINVAL;
  const path = atPath(sys, a.dfd, a.path, false, true);
  if (typeof path === 'number') return path;
  const inode = path.dentry.d_inode!;
  if (!isLnk(inode)) return -EINVAL;
  const rc = sys.ctx.hook('inode_readlink', [path.dentry]) as number;
  if (rc) return rc;
  sys.kfunc('vfs_readlink', () => sys.world.pathName(path));
  out.data = linkTarget(inode, sys.task).slice(0, a.bufsiz);
  return out.data.length;
}

/**
 * chdir(2) (fs/open.c): filename_lookup(LOOKUP_FOLLOW | LOOKUP_DIRECTORY) (a non-directory is
 * -ENOTDIR), path_permission(MAY_EXEC | MAY_CHDIR) → inode_permission() (DAC, then
 * security_inode_permission: no hook of its own), then set_fs_pwd().
 */
function chdir(sys: Sys, a: { path: string }): number {
  const r = walkExisting(sys.ctx, sys.world, sys.task, a.path, true, sys.version);
  if (typeof r === 'number') return walkErr(r, sys, a.path);
  const inode = r.path.dentry.d_inode!;
  if (!isDir(inode)) return -ENOTDIR;
  const name = () => sys.world.pathName(r.path);
  const rc = inodePermission(sys.ctx, sys.task.cred, inode, MAY_EXEC | MAY_CHDIR, name);
  if (rc) return rc;
  sys.kfunc('set_fs_pwd', name);
  sys.task.cwd = r.path;
  return 0;
}

/** getdents64(2) on an open directory: iterate_dir() → security_file_permission(MAY_READ). */
function getdents64(sys: Sys, a: { fd: number }, out: { data: string }): number {
  const f = fileOf(sys, a.fd);
  if (typeof f === 'number') return f;
  if (!isDir(f.f_inode)) return -ENOTDIR;
  const rc = sys.ctx.hook('file_permission', [f, MAY_READ]) as number;
  if (rc) return rc;
  let names = [...f.f_inode.children!.keys()].sort();
  // Mounted filesystems show their own root's entries.
  const covering = sys.world.mountedOn(f.f_path.mnt, f.f_path.dentry);
  if (covering) names = [...covering.mnt_root.d_inode!.children!.keys()].sort();
  out.data = names.join('\n');
  return names.length;
}

/** renameat2(2) and linkat(2) take the same arguments: an old and a new (dirfd, path) pair and flags. */
type OldNewPathArgs = { olddfd: number; oldpath: string; newdfd: number; newpath: string; flags: number };
const OLD_NEW_PATH_ARGS: readonly ArgSpec[] = [
  { name: 'olddfd', kind: 'fd', default: AT_FDCWD },
  { name: 'oldpath', kind: 'path' },
  { name: 'newdfd', kind: 'fd', default: AT_FDCWD },
  { name: 'newpath', kind: 'path' },
  { name: 'flags', kind: 'flags', default: 0 },
];

registerSyscalls([
  {
    name: 'openat',
    nr: 257,
    doc: 'Open a file: do_sys_openat2() → path_openat() → may_open() → do_dentry_open().',
    args: [
      { name: 'dfd', kind: 'fd', default: AT_FDCWD },
      { name: 'path', kind: 'path' },
      { name: 'flags', kind: 'openFlags', default: O_RDONLY },
      { name: 'mode', kind: 'mode', default: 0o666 },
    ],
    run: (sys, a) => openat(sys, a as { dfd: number; path: string; flags: number; mode: number }),
  },
  {
    name: 'read',
    nr: 0,
    doc: 'Read from a file descriptor: vfs_read() → rw_verify_area() → security_file_permission().',
    args: [
      { name: 'fd', kind: 'fd' },
      { name: 'count', kind: 'int', default: 65536 },
    ],
    run: (sys, a, out) => read(sys, a as { fd: number; count: number }, out),
  },
  {
    name: 'write',
    nr: 1,
    doc: 'Write to a file descriptor: vfs_write() → rw_verify_area() → security_file_permission().',
    args: [
      { name: 'fd', kind: 'fd' },
      { name: 'buf', kind: 'bytes' },
    ],
    run: (sys, a) => write(sys, a as { fd: number; buf: string }),
  },
  {
    name: 'close',
    nr: 3,
    doc: 'Close a file descriptor: __fput() → security_file_release() → security_file_free().',
    args: [{ name: 'fd', kind: 'fd' }],
    run: (sys, a) => close(sys, a as { fd: number }),
  },
  {
    name: 'unlinkat',
    nr: 263,
    doc: 'Remove a name: do_unlinkat() → security_path_unlink → vfs_unlink() → may_delete() → security_inode_unlink.',
    args: [
      { name: 'dfd', kind: 'fd', default: AT_FDCWD },
      { name: 'path', kind: 'path' },
      { name: 'flags', kind: 'flags', default: 0 },
    ],
    run: (sys, a) => unlinkat(sys, a as { dfd: number; path: string; flags: number }),
  },
  {
    name: 'rmdir',
    nr: 84,
    doc: 'Remove a directory: do_rmdir() → security_path_rmdir → vfs_rmdir() → may_delete() → security_inode_rmdir.',
    args: [{ name: 'path', kind: 'path' }],
    run: (sys, a) => unlinkat(sys, { dfd: AT_FDCWD, path: String(a['path']), flags: AT_REMOVEDIR }),
  },
  {
    name: 'mkdirat',
    nr: 258,
    doc: 'Make a directory: filename_create() → security_path_mkdir → vfs_mkdir() → may_create() → security_inode_mkdir.',
    args: [
      { name: 'dfd', kind: 'fd', default: AT_FDCWD },
      { name: 'path', kind: 'path' },
      { name: 'mode', kind: 'mode', default: 0o777 },
    ],
    run: (sys, a) => mkdirat(sys, a as { dfd: number; path: string; mode: number }),
  },
  {
    name: 'renameat2',
    nr: 316,
    doc: 'Rename: do_renameat2() → security_path_rename → vfs_rename() → may_delete()/may_create() → security_inode_rename.',
    args: OLD_NEW_PATH_ARGS,
    run: (sys, a) => renameat2(sys, a as OldNewPathArgs),
  },
  {
    name: 'linkat',
    nr: 265,
    doc: 'Hard link: do_linkat() → filename_lookup(old) → filename_create(new) → may_linkat() (protected_hardlinks) → security_path_link → vfs_link() → may_create() → security_inode_link → ext4_link().',
    args: OLD_NEW_PATH_ARGS,
    run: (sys, a) => linkat(sys, a as OldNewPathArgs),
  },
  {
    name: 'symlinkat',
    nr: 266,
    doc: 'Symbolic link: do_symlinkat() → filename_create() → security_path_symlink → vfs_symlink() → may_create() → security_inode_symlink → ext4_symlink() (inode_init_security).',
    args: [
      { name: 'target', kind: 'path' },
      { name: 'newdfd', kind: 'fd', default: AT_FDCWD },
      { name: 'linkpath', kind: 'path' },
    ],
    run: (sys, a) => symlinkat(sys, a as { target: string; newdfd: number; linkpath: string }),
  },
  {
    name: 'chmod',
    nr: 90,
    doc: 'Change mode: chmod_common() → security_path_chmod → notify_change() → security_inode_setattr → setattr_prepare().',
    args: [
      { name: 'path', kind: 'path' },
      { name: 'mode', kind: 'mode' },
    ],
    run: (sys, a) => chmod(sys, a as { path: string; mode: number }),
  },
  {
    name: 'chown',
    nr: 92,
    doc: 'Change owner: chown_common() → security_path_chown → notify_change() → security_inode_setattr → setattr_prepare().',
    args: [
      { name: 'path', kind: 'path' },
      { name: 'uid', kind: 'uid', default: -1 },
      { name: 'gid', kind: 'gid', default: -1 },
    ],
    run: (sys, a) => chown(sys, a as { path: string; uid: number; gid: number }),
  },
  {
    name: 'setxattr',
    nr: 188,
    doc: 'Set an extended attribute: vfs_setxattr() → xattr_permission() → security_inode_setxattr → security_inode_post_setxattr.',
    args: [
      { name: 'path', kind: 'path' },
      { name: 'name', kind: 'string' },
      { name: 'value', kind: 'bytes' },
      { name: 'flags', kind: 'flags', default: 0 },
    ],
    run: (sys, a) => setxattr(sys, a as { path: string; name: string; value: string; flags: number }),
  },
  {
    name: 'getxattr',
    nr: 191,
    doc: 'Get an extended attribute: vfs_getxattr() → xattr_permission() → security_inode_getxattr → security_inode_getsecurity.',
    args: [
      { name: 'path', kind: 'path' },
      { name: 'name', kind: 'string' },
      { name: 'size', kind: 'int', default: 0 },
    ],
    run: (sys, a, out) => getxattr(sys, a as { path: string; name: string; size: number }, out),
  },
  {
    name: 'mmap',
    nr: 9,
    doc: 'Map memory: vm_mmap_pgoff() → security_mmap_file → do_mmap() → security_mmap_addr (→ vm_enough_memory).',
    args: [
      { name: 'addr', kind: 'int', default: 0 },
      { name: 'length', kind: 'int', default: 4096 },
      { name: 'prot', kind: 'flags', default: PROT_READ },
      { name: 'flags', kind: 'flags', default: MAP_PRIVATE },
      { name: 'fd', kind: 'fd', default: -1 },
    ],
    run: (sys, a) => mmap(sys, a as { addr: number; length: number; prot: number; flags: number; fd: number }),
  },
  {
    name: 'chdir',
    nr: 80,
    doc: 'Change the working directory: filename_lookup(LOOKUP_DIRECTORY) → path_permission(MAY_EXEC|MAY_CHDIR) → security_inode_permission → set_fs_pwd().',
    args: [{ name: 'path', kind: 'path' }],
    run: (sys, a) => chdir(sys, a as { path: string }),
  },
  {
    name: 'statx',
    nr: 332,
    doc: 'File status: do_statx() → vfs_statx() → filename_lookup() → vfs_getattr() → security_inode_getattr → generic_fillattr().',
    args: [
      { name: 'dfd', kind: 'fd', default: AT_FDCWD },
      { name: 'path', kind: 'path' },
      { name: 'flags', kind: 'atFlags', default: 0 },
      { name: 'mask', kind: 'int', default: STATX_BASIC_STATS },
    ],
    run: (sys, a, out) => statx(sys, a as { dfd: number; path: string; flags: number; mask: number }, out),
  },
  {
    name: 'readlinkat',
    nr: 267,
    doc: 'Read a symbolic link: do_readlinkat() → user_path_at() (no follow) → security_inode_readlink → vfs_readlink().',
    args: [
      { name: 'dfd', kind: 'fd', default: AT_FDCWD },
      { name: 'path', kind: 'path' },
      { name: 'bufsiz', kind: 'int', default: 4096 },
    ],
    run: (sys, a, out) => readlinkat(sys, a as { dfd: number; path: string; bufsiz: number }, out),
  },
  {
    name: 'getdents64',
    nr: 217,
    doc: 'List a directory: iterate_dir() → security_file_permission(MAY_READ).',
    args: [{ name: 'fd', kind: 'fd' }],
    run: (sys, a, out) => getdents64(sys, a as { fd: number }, out),
  },
]);

export { AT_SYMLINK_NOFOLLOW, O_WRONLY, GFP_KERNEL };
