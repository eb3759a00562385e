// The machine's state: tasks, the dentry tree, mounts and superblocks. Syscalls mutate it in
// place during one step; `snapshotWorld()` records it after each step for the UI.
import type { AuditBootState } from '../boot/bootParams';
import type { SecurityBlob } from '../lsm/securityBlob';
import type { BlobLayout } from './blobLayout';
import {
  S_IFDIR,
  S_IFLNK,
  S_IFMT,
  S_IFREG,
  type Cred,
  type CredFields,
  type Dentry,
  type File,
  type Inode,
  type Path,
  type SuperBlock,
  type Task,
  type VfsMount,
} from './types';

/**
 * The values of fs/namei.c's namei_sysctls. The kernel's defaults are 0; systemd's
 * 50-default.conf turns all four on, which is what a distribution boots with.
 */
export interface NameiSysctls {
  /** may_follow_link(): 0..1. */
  protected_symlinks: number;
  /** may_linkat(): 0..1. */
  protected_hardlinks: number;
  /** may_create_in_sticky() for FIFOs: 0..2. */
  protected_fifos: number;
  /** may_create_in_sticky() for regular files: 0..2. */
  protected_regular: number;
}

/** Each namei sysctl with its proc_dointvec_minmax() maximum (extra2), in the kernel's table order. */
export const NAMEI_SYSCTLS: readonly (readonly [keyof NameiSysctls, number])[] = [
  ['protected_symlinks', 1],
  ['protected_hardlinks', 1],
  ['protected_fifos', 2],
  ['protected_regular', 2],
];

/** The mutable world of one machine. Addresses, inode numbers and pids are sequential. */
export class World {
  readonly tasks = new Map<number, Task>();
  readonly mounts: VfsMount[] = [];
  rootMount!: VfsMount;
  /** procfs, where /proc/<pid> directories are added and removed with tasks. */
  procRoot: { mnt: VfsMount; dentry: Dentry } | null = null;
  private nextAddrValue = 0x1000;
  private nextIno = 2;
  nextPid = 1;
  /** Where each LSM's slice lies in each blob kind (fixed at boot): what snapshots lay blobs out by. */
  blobLayout: BlobLayout = {};
  /** fs/namei.c's sysctls (/proc/sys/fs/protected_*), as systemd's 50-default.conf sets them. */
  readonly sysctl: NameiSysctls = {
    protected_symlinks: 1,
    protected_hardlinks: 1,
    protected_fifos: 1,
    protected_regular: 1,
  };

  /** The LSMs built into the kernel (active or not): which /proc/<pid>/attr/<lsm>/ directories exist. */
  builtLsms: ReadonlySet<string> = new Set();
  /** kernel/audit.c after `audit=` (the booted kernel's; read by audit_log_path_denied()). */
  audit: Readonly<AuditBootState> = { enabled: 0, disabled: false };

  /** A fresh deterministic kernel address for a new object. */
  addr(): number {
    this.nextAddrValue += 0x40;
    return 0xffff_8880_0000 + this.nextAddrValue;
  }

  newSuperBlock(s_id: string, s_type: string, s_flags = 0): SuperBlock {
    return { struct: 'super_block', addr: this.addr(), security: null, s_id, s_type, s_flags, s_root: null };
  }

  /** new_inode() without the LSM part (the caller runs security_inode_alloc()). */
  newInode(sb: SuperBlock, mode: number, uid: number, gid: number, data = '', generate?: Inode['generate']): Inode {
    const inode: Inode = {
      struct: 'inode',
      addr: this.addr(),
      security: null,
      i_ino: this.nextIno++,
      i_mode: mode,
      i_uid: uid,
      i_gid: gid,
      i_flags: 0,
      i_nlink: (mode & S_IFMT) === S_IFDIR ? 2 : 1,
      i_sb: sb,
      xattrs: new Map(),
      data,
      children: (mode & S_IFMT) === S_IFDIR ? new Map() : null,
      ...(generate ? { generate } : {}),
    };
    return inode;
  }

  /** d_alloc(): a dentry named `name` under `parent` (a root dentry is its own parent). */
  newDentry(name: string, parent: Dentry | null, inode: Inode | null): Dentry {
    const d = newDentryObject(this.addr(), name, parent, inode);
    if (parent && parent.d_inode?.children) parent.d_inode.children.set(name, d);
    return d;
  }

  /** A mount of `sb` (rooted at `root`) over `mountpoint` in `parent`; null parent = the root mount. */
  newMount(
    sb: SuperBlock,
    root: Dentry,
    parent: VfsMount | null,
    mountpoint: Dentry | null,
    devname = 'none',
    flags = 0,
  ): VfsMount {
    const m: VfsMount = {
      struct: 'vfsmount',
      addr: this.addr(),
      security: null,
      mnt_sb: sb,
      mnt_root: root,
      mnt_mountpoint: mountpoint,
      mnt_parent: parent,
      mnt_flags: flags,
      mnt_devname: devname,
    };
    this.mounts.push(m);
    dcacheChanged();
    return m;
  }

  /** kern_mount(): an internal mount (sockfs, anon_inodefs) that is not in the mount tree. */
  kernMount(sb: SuperBlock, root: Dentry): VfsMount {
    return {
      struct: 'vfsmount',
      addr: this.addr(),
      security: null,
      mnt_sb: sb,
      mnt_root: root,
      mnt_mountpoint: null,
      mnt_parent: null,
      mnt_flags: 0,
      mnt_devname: sb.s_type,
    };
  }

  path(mnt: VfsMount, dentry: Dentry): Path {
    return { struct: 'path', addr: this.addr(), security: null, mnt, dentry };
  }

  newCred(f: CredFields, security: SecurityBlob | null = null): Cred {
    return { struct: 'cred', addr: this.addr(), security, ...f, groups: [...f.groups] };
  }

  newFile(path: Path, flags: number, fmode: number, cred: Cred): File {
    return {
      struct: 'file',
      addr: this.addr(),
      security: null,
      f_path: path,
      f_inode: path.dentry.d_inode!,
      f_flags: flags,
      f_mode: fmode,
      f_pos: 0,
      f_cred: cred,
    };
  }

  /** The mount covering `dentry` in `parent` (__lookup_mnt()), if any. */
  mountedOn(parent: VfsMount, dentry: Dentry): VfsMount | undefined {
    // Asked for every component of every path walk: a plain loop, no callback per mount.
    for (const m of this.mounts) if (m.mnt_parent === parent && m.mnt_mountpoint === dentry) return m;
    return undefined;
  }

  /** d_path(): the absolute path of a dentry, across mounts. */
  pathName(p: { mnt: VfsMount; dentry: Dentry }): string {
    return dPath(p);
  }

  /** The lowest unused file descriptor of a task (get_unused_fd_flags()). */
  unusedFd(t: Task): number {
    let fd = 0;
    while (t.files.has(fd)) fd++;
    return fd;
  }
}

/** File type letter as `ls -l` prints it. */
export function typeChar(mode: number): string {
  switch (mode & S_IFMT) {
    case S_IFDIR:
      return 'd';
    case S_IFLNK:
      return 'l';
    case S_IFREG:
      return '-';
    default:
      return '?';
  }
}

/** `ls -l` mode string, e.g. "-rw-r-----" or "drwxrwxrwt". */
export function modeString(mode: number): string {
  const rwx = (bits: number, special: boolean, ch: string) =>
    `${bits & 4 ? 'r' : '-'}${bits & 2 ? 'w' : '-'}${special ? (bits & 1 ? ch : ch.toUpperCase()) : bits & 1 ? 'x' : '-'}`;
  return (
    typeChar(mode) +
    rwx((mode >> 6) & 7, (mode & 0o4000) !== 0, 's') +
    rwx((mode >> 3) & 7, (mode & 0o2000) !== 0, 's') +
    rwx(mode & 7, (mode & 0o1000) !== 0, 't')
  );
}

/**
 * Counts the renames and mounts (of every world): a dentry's cached d_path() text is good while the
 * count is the one it was made at. The kernel's d_path() reads rename_lock, a seqlock, to the same
 * end: a rename during the walk makes it walk again.
 */
let dcacheSeq = 0;

/** A dentry was moved (d_move()) or the mount tree changed: every cached d_path() text is stale. */
export function dcacheChanged(): void {
  dcacheSeq++;
}

/**
 * d_alloc()'s object: every field in place from the start (the d_path() cache included), so
 * that all dentries share one shape. A root dentry (null parent) is its own parent.
 */
export function newDentryObject(addr: number, name: string, parent: Dentry | null, inode: Inode | null): Dentry {
  const d: Dentry = {
    struct: 'dentry',
    addr,
    security: null,
    d_name: name,
    d_parent: null as unknown as Dentry,
    d_inode: inode,
    d_pathSeq: -1,
    d_pathMnt: null,
    d_pathText: '',
  };
  d.d_parent = parent ?? d;
  return d;
}

/** d_path(): the absolute path of a dentry, across mounts. */
export function dPath(p: { readonly mnt: VfsMount; readonly dentry: Dentry }): string {
  // Traced walks ask for the path of each directory they pass, call after call: kept per dentry.
  const leaf = p.dentry;
  if (leaf.d_pathSeq === dcacheSeq && leaf.d_pathMnt === p.mnt) return leaf.d_pathText!;
  const text = prependPath(leaf, p.mnt);
  leaf.d_pathSeq = dcacheSeq;
  leaf.d_pathMnt = p.mnt;
  leaf.d_pathText = text;
  return text;
}

/** prepend_path(): d_path()'s walk up the dentries and mounts. */
function prependPath(leaf: Dentry, root: VfsMount): string {
  // Built from the leaf up by prepending "/name", as prepend_path() fills its buffer from the
  // end: an array reversed and joined cost more.
  let path = '';
  let d = leaf;
  let mnt = root;
  for (;;) {
    if (d === mnt.mnt_root) {
      if (!mnt.mnt_parent || !mnt.mnt_mountpoint) break;
      d = mnt.mnt_mountpoint;
      mnt = mnt.mnt_parent;
      continue;
    }
    // A dentry that is its own parent outside any mount tree (sockets, anon inodes): d_dname().
    if (d.d_parent === d) return d.d_name + path;
    path = `/${d.d_name}${path}`;
    d = d.d_parent;
  }
  return path || '/';
}

/** dentry_path_raw(): a dentry's path from the root of its own filesystem. */
export function dentryPath(dentry: Dentry): string {
  let path = '';
  let d = dentry;
  while (d.d_parent !== d) {
    path = `/${d.d_name}${path}`;
    d = d.d_parent;
  }
  return path || '/';
}
