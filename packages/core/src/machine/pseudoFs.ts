// The pseudo filesystems' files in the machine's VFS: what LSMs registered in the kernel's
// PseudoFiles registry (securityfs, selinuxfs, smackfs, /proc/sys), as generated inodes whose
// reads and writes the LSM answers. Files created after boot (selinuxfs booleans at a policy load)
// are instantiated in the running syscall's context, with the inode hooks the kernel runs
// (new_inode() → security_inode_alloc(), d_instantiate() → security_d_instantiate()).
import type { Kernel, SyscallContext } from '../kernel';
import type { PseudoFile, PseudoFs } from '../lsm/pseudoFiles';
import { S_IFDIR, S_IFREG, type Dentry, type Inode } from './types';
import type { World } from './world';

/** The root dentry of each mounted pseudo filesystem of one world. */
export type PseudoRoots = Partial<Record<PseudoFs, Dentry>>;

function mkNode(world: World, ctx: SyscallContext, parent: Dentry, name: string, mode: number): Dentry {
  const inode = world.newInode(parent.d_inode!.i_sb, mode, 0, 0);
  ctx.alloc('inode', inode, []);
  const d = world.newDentry(name, parent, inode);
  ctx.hook('d_instantiate', [d, inode]);
  return d;
}

/** Instantiates one registered file (and the directories above it) under its filesystem's root. */
export function instantiatePseudoFile(world: World, ctx: SyscallContext, root: Dentry, f: PseudoFile): Dentry {
  const parts = f.path.split('/');
  // A sysctl directory is 0555 and every /proc/sys inode is checked by proc_sys_permission().
  const sysctl = f.fs === 'proc_sys';
  let d = root;
  for (const dir of parts.slice(0, -1)) {
    const found = d.d_inode!.children!.get(dir);
    d = found ?? mkNode(world, ctx, d, dir, S_IFDIR | (sysctl ? 0o555 : 0o755));
    if (sysctl) d.d_inode!.permission = 'proc_sys_permission';
  }
  const leaf = parts[parts.length - 1]!;
  const existing = d.d_inode!.children!.get(leaf);
  const node = existing ?? mkNode(world, ctx, d, leaf, S_IFREG | (f.mode & 0o7777));
  const inode: Inode = node.d_inode!;
  if (sysctl) inode.permission = 'proc_sys_permission';
  const read = f.read;
  const write = f.write;
  inode.generate = () => (read ? read() : -22);
  if (write) inode.store = (data) => write(data);
  else delete inode.store;
  return node;
}

/** Removes a file's dentry and frees its inode (securityfs_remove(), sel_remove_entries()). */
export function removePseudoFile(ctx: SyscallContext, root: Dentry, f: PseudoFile): void {
  const parts = f.path.split('/');
  let d: Dentry | undefined = root;
  for (const dir of parts.slice(0, -1)) d = d?.d_inode?.children?.get(dir);
  const leaf = parts[parts.length - 1]!;
  const node = d?.d_inode?.children?.get(leaf);
  if (!d || !node) return;
  d.d_inode!.children!.delete(leaf);
  if (node.d_inode) ctx.free('inode', node.d_inode);
}

/**
 * From now on, files the kernel's LSMs add or remove appear in (or leave) this world at once, in
 * the context of the syscall that made the change (or a context of their own outside one).
 */
export function followPseudoFiles(kernel: Kernel, world: World, roots: PseudoRoots): void {
  kernel.pseudoFiles.follow((c) => {
    const root = roots[c.file.fs];
    if (!root) return;
    const apply = (ctx: SyscallContext): void => {
      if (c.kind === 'add') instantiatePseudoFile(world, ctx, root, c.file);
      else removePseudoFile(ctx, root, c.file);
    };
    const ctx = kernel.currentSyscall;
    if (ctx) apply(ctx);
    else
      kernel.runSyscall({ cred: kernel.initCred, task: kernel.initTask }, (x) => {
        apply(x);
        return 0;
      });
  });
}
