// The simulated machine's kernel objects, named after their C structs and fields
// (include/linux/cred.h, sched.h, fs.h, dcache.h, mount.h, path.h). Each is a `Struct`, so it can
// be passed to LSM hooks and carries its composite blob in `security`.
import type { SyscallContext } from '../kernel';
import type { Struct } from '../kernel/objects';

/** Who reads a generated file: the syscall context and the reading task. */
export interface ProcReader {
  readonly ctx: SyscallContext;
  readonly reader: Task;
}

/** struct cred: creds are copied on write (prepare_creds() / commit_creds()), never edited in place. */
export interface Cred extends Struct<'cred'> {
  readonly uid: number;
  readonly gid: number;
  readonly suid: number;
  readonly sgid: number;
  readonly euid: number;
  readonly egid: number;
  readonly fsuid: number;
  readonly fsgid: number;
  readonly groups: readonly number[];
  readonly securebits: number;
  readonly cap_inheritable: bigint;
  readonly cap_permitted: bigint;
  readonly cap_effective: bigint;
  readonly cap_bset: bigint;
  readonly cap_ambient: bigint;
}

/** The fields of a cred, for building a new one. */
export type CredFields = Omit<Cred, 'struct' | 'addr' | 'security' | 'fields'>;

/** struct file: an open file description. */
export interface File extends Struct<'file'> {
  readonly f_path: Path;
  readonly f_inode: Inode;
  /** O_* flags as passed to open (O_ACCMODE bits included). */
  readonly f_flags: number;
  /** FMODE_READ (1) | FMODE_WRITE (2) | FMODE_EXEC (0x20). */
  readonly f_mode: number;
  f_pos: number;
  readonly f_cred: Cred;
}

/** struct task_struct: one thread (the model has one thread per process). */
export interface Task extends Struct<'task_struct'> {
  readonly pid: number;
  /** real_parent's pid (0 for init's parent, the idle task). */
  ppid: number;
  comm: string;
  /** The path of the executable (mm->exe_file). */
  exe: string;
  /** task->cred (= real_cred here). */
  cred: Cred;
  /** PFA_NO_NEW_PRIVS. */
  no_new_privs: boolean;
  state: 'running' | 'zombie' | 'dead';
  exit_code: number;
  /** The tracer's pid when ptraced, else 0. */
  ptracer: number;
  /** The file descriptor table. */
  readonly files: Map<number, File>;
  cwd: Path;
  /** PR_SET_DUMPABLE (1 by default). */
  dumpable: number;
  /** SIGKILL queued by force_sig() (an LSM's hook), acted on when the syscall returns. */
  pending_sigkill?: boolean;
}

export type InodeKind = 'reg' | 'dir' | 'lnk' | 'chr' | 'sock';

/** struct inode. */
export interface Inode extends Struct<'inode'> {
  readonly i_ino: number;
  i_mode: number;
  i_uid: number;
  i_gid: number;
  i_flags: number;
  i_nlink: number;
  readonly i_sb: SuperBlock;
  /** Extended attributes, `security.*` labels included. */
  readonly xattrs: Map<string, string>;
  /** File contents (regular files), the target (symlinks). */
  data: string;
  /** Directory entries (directories only). */
  readonly children: Map<string, Dentry> | null;
  /** For procfs/securityfs files whose contents the kernel generates on read (or -errno). */
  generate?: (reader: ProcReader) => string | number;
  /** For generated files that take writes (an LSM's securityfs file): bytes consumed or -errno. */
  store?: (data: string, writer: ProcReader) => number;
  /**
   * i_op->get_link of a symlink whose target depends on who follows it (procfs's `self`:
   * proc_self_get_link() gives the reader's tgid); other symlinks keep their target in `data`.
   */
  getLink?: (reader: Task) => string;
  /** i_op->permission in place of generic_permission(): procfs's sysctl files and directories. */
  permission?: 'proc_sys_permission';
}

/** The size stat(2) reports: generated pseudo files (procfs, securityfs, /proc/self) read as 0. */
export function inodeSize(inode: Inode): number {
  return inode.generate || inode.getLink ? 0 : (inode.i_mode & S_IFMT) === S_IFDIR ? 4096 : inode.data.length;
}

/** A symlink's target as `reader` follows or reads it (get_link, else the stored body). */
export function linkTarget(inode: Inode, reader: Task): string {
  return inode.getLink ? inode.getLink(reader) : inode.data;
}

/** struct dentry. */
export interface Dentry extends Struct<'dentry'> {
  d_name: string;
  d_parent: Dentry;
  d_inode: Inode | null;
  /**
   * The model's cache of d_path() (world.ts dPath()): the text last made for this dentry under
   * mount `d_pathMnt`, valid while no rename or mount has happened since (`d_pathSeq`). Not a
   * field of the kernel's struct dentry.
   */
  d_pathSeq?: number;
  d_pathMnt?: VfsMount | null;
  d_pathText?: string;
}

/** struct super_block. */
export interface SuperBlock extends Struct<'super_block'> {
  readonly s_id: string;
  /** The filesystem type name (ext4, tmpfs, proc, sysfs, securityfs). */
  readonly s_type: string;
  /** SB_RDONLY and friends. */
  s_flags: number;
  s_root: Dentry | null;
}

/** SB_RDONLY (include/linux/fs.h): a read-only superblock. */
export const SB_RDONLY = 1;

/** include/linux/mount.h: the MNT_* flags of a vfsmount. */
export const MNT_NOSUID = 0x01;
export const MNT_NODEV = 0x02;
export const MNT_NOEXEC = 0x04;
export const MNT_NOATIME = 0x08;
export const MNT_NODIRATIME = 0x10;
export const MNT_RELATIME = 0x20;
export const MNT_READONLY = 0x40;
export const MNT_NOSYMFOLLOW = 0x80;

/** struct vfsmount: a superblock mounted at a path. */
export interface VfsMount extends Struct<'vfsmount'> {
  readonly mnt_sb: SuperBlock;
  readonly mnt_root: Dentry;
  /** The dentry it covers in the parent mount (null for the root mount). */
  readonly mnt_mountpoint: Dentry | null;
  readonly mnt_parent: VfsMount | null;
  mnt_flags: number;
  /** struct mount's mnt_devname: the source it was mounted from ("none" when it had none). */
  readonly mnt_devname: string;
}

/** struct path. */
export interface Path extends Struct<'path'> {
  readonly mnt: VfsMount;
  readonly dentry: Dentry;
}

export const S_IFMT = 0o170000;
export const S_IFSOCK = 0o140000;
export const S_IFLNK = 0o120000;
export const S_IFREG = 0o100000;
export const S_IFDIR = 0o040000;
export const S_IFCHR = 0o020000;
export const S_IFIFO = 0o010000;
export const S_ISUID = 0o4000;
export const S_ISGID = 0o2000;
export const S_ISVTX = 0o1000;
export const S_IXUGO = 0o111;

export const isDir = (i: Inode): boolean => (i.i_mode & S_IFMT) === S_IFDIR;
export const isReg = (i: Inode): boolean => (i.i_mode & S_IFMT) === S_IFREG;
export const isLnk = (i: Inode): boolean => (i.i_mode & S_IFMT) === S_IFLNK;
export const isFifo = (i: Inode): boolean => (i.i_mode & S_IFMT) === S_IFIFO;

/** include/linux/fs.h MAY_* permission mask bits. */
export const MAY_EXEC = 0x1;
export const MAY_WRITE = 0x2;
export const MAY_READ = 0x4;
export const MAY_APPEND = 0x8;
export const MAY_ACCESS = 0x10;
export const MAY_OPEN = 0x20;
export const MAY_CHDIR = 0x40;

const MAY_NAMES: readonly (readonly [number, string])[] = [
  [MAY_EXEC, 'MAY_EXEC'],
  [MAY_WRITE, 'MAY_WRITE'],
  [MAY_READ, 'MAY_READ'],
  [MAY_APPEND, 'MAY_APPEND'],
  [MAY_ACCESS, 'MAY_ACCESS'],
  [MAY_OPEN, 'MAY_OPEN'],
  [MAY_CHDIR, 'MAY_CHDIR'],
];
const MAY_ALL = MAY_NAMES.reduce((all, [b]) => all | b, 0);
/** One string per combination of the named bits: every permission check of a trace names its mask. */
const MASK_NAMES = new Map<number, string>();

/** fd_install()'s note in the trace: `fd 3`, one string per descriptor number. */
export function fdText(fd: number): string {
  return fd < FD_TEXT.length ? (FD_TEXT[fd] ??= `fd ${fd}`) : `fd ${fd}`;
}

const FD_TEXT: (string | undefined)[] = new Array<string | undefined>(64).fill(undefined);

/** The permission bits of a mode in octal, as `stat -c %a` prints them (755, 4755). */
export function permOctal(mode: number): string {
  // Number.prototype.toString(8) is a runtime call in V8; traced path walks ask for the same few
  // modes on every directory they pass, so each text is made once.
  const bits = mode & 0o7777;
  return (PERM_OCTAL[bits] ??= bits.toString(8));
}

const PERM_OCTAL: (string | undefined)[] = new Array<string | undefined>(0o10000).fill(undefined);

/** Formats a MAY_* mask as the kernel's audit code would name it: "MAY_WRITE|MAY_OPEN". */
export function mayMaskName(mask: number): string {
  const bits = mask & MAY_ALL;
  let name = MASK_NAMES.get(bits);
  if (name === undefined) {
    name =
      MAY_NAMES.filter(([b]) => bits & b)
        .map(([, n]) => n)
        .join('|') || '0';
    MASK_NAMES.set(bits, name);
  }
  return name;
}
