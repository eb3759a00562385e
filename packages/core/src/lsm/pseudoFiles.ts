// The files LSMs create in the kernel's pseudo filesystems: securityfs (security/inode.c,
// securityfs_create_file()), selinuxfs (security/selinux/selinuxfs.c), smackfs
// (security/smack/smackfs.c) and the sysctl tables under /proc/sys (register_sysctl()). An LSM
// creates most of them during init; some appear later (selinuxfs's booleans/ at each policy load,
// sel_make_bools()), so the registry tells the machine about every change as it happens.

/** Where a pseudo file lives. */
export type PseudoFs = 'securityfs' | 'selinuxfs' | 'smackfs' | 'proc_sys';

/** The mount point of each pseudo filesystem (securityfs files sit in /sys/kernel/security/<lsm>/). */
export const PSEUDO_FS_ROOT: Readonly<Record<PseudoFs, string>> = {
  securityfs: '/sys/kernel/security',
  selinuxfs: '/sys/fs/selinux',
  smackfs: '/sys/fs/smackfs',
  proc_sys: '/proc/sys',
};

/** A generated file: reads and writes run inside the reader's or writer's syscall. */
export interface PseudoFileOps {
  readonly mode: number;
  /** The file's contents, or -errno. */
  readonly read: (() => string | number) | null;
  /** Consumes one write(2) of `data`; returns the bytes taken or -errno. */
  readonly write: ((data: string) => number) | null;
}

/** One registered file: its filesystem, its path below the mount point ("booleans/httpd_x"), its LSM. */
export interface PseudoFile extends PseudoFileOps {
  readonly fs: PseudoFs;
  readonly path: string;
  readonly lsm: string;
}

export type PseudoFileChange =
  { readonly kind: 'add'; readonly file: PseudoFile } | { readonly kind: 'remove'; readonly file: PseudoFile };

/** The absolute path of a pseudo file (securityfs paths include the LSM's directory). */
export function pseudoFilePath(f: { fs: PseudoFs; path: string }): string {
  return `${PSEUDO_FS_ROOT[f.fs]}/${f.path}`;
}

/** The registry: ordered by creation; a listener (the machine's VFS) follows every change. */
export class PseudoFiles {
  private readonly files = new Map<string, PseudoFile>();
  private listener: ((c: PseudoFileChange) => void) | null = null;

  /** Adds a file; throws when the path is taken or malformed (a bug of the LSM model). */
  create(file: PseudoFile): void {
    const parts = file.path.split('/');
    if (parts.some((p) => p === '' || p === '.' || p === '..'))
      throw new Error(`${file.lsm}: bad pseudo file path ${JSON.stringify(file.path)}`);
    const key = pseudoFilePath(file);
    if (this.files.has(key)) throw new Error(`${file.lsm}: ${key} exists`);
    this.files.set(key, file);
    this.listener?.({ kind: 'add', file });
  }

  /** Removes a file (sel_remove_old_bool_data() on a policy reload); false when there was none. */
  remove(fs: PseudoFs, path: string): boolean {
    const key = pseudoFilePath({ fs, path });
    const file = this.files.get(key);
    if (!file) return false;
    this.files.delete(key);
    this.listener?.({ kind: 'remove', file });
    return true;
  }

  get(fs: PseudoFs, path: string): PseudoFile | undefined {
    return this.files.get(pseudoFilePath({ fs, path }));
  }

  /** Every file, in creation order. */
  all(): PseudoFile[] {
    return [...this.files.values()];
  }

  /** The machine's VFS follows changes from now on (one listener: the world of this kernel). */
  follow(listener: ((c: PseudoFileChange) => void) | null): void {
    this.listener = listener;
  }
}
