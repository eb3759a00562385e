// /proc/<pid> (fs/proc/base.c, fs/proc/array.c): the directory of each task with `status` and the
// legacy LSM attribute files `attr/current`, `attr/prev`, `attr/exec`.
//
// The kernel instantiates these inodes lazily, on lookup (proc_pid_lookup() →
// proc_pid_make_inode(): new_inode() → security_inode_alloc(), task_dump_owner(),
// security_task_to_inode(); d_splice_alias() → security_d_instantiate()), and drops them in
// release_task() → proc_flush_pid(). The model builds them when the task is created and removes
// them when it is reaped, running the same hooks in a context of their own (see task.ts), so the
// fork and exit traces show only what copy_process() and do_exit() do.
import { EACCES } from '../errno';
import { LSM_ID_APPARMOR, LSM_ID_SMACK } from '../uapi/lsm';
import type { SyscallContext } from '../kernel';
import type { Ref, Struct } from '../kernel/objects';
import {
  S_IFDIR,
  S_IFREG,
  type Dentry,
  type ProcReader,
  type Task,
  MNT_NOSUID,
  MNT_NODEV,
  MNT_NOEXEC,
  MNT_NOATIME,
  MNT_NODIRATIME,
  MNT_RELATIME,
  MNT_READONLY,
  MNT_NOSYMFOLLOW,
  SB_RDONLY,
} from './types';
import { tgidOf } from './taskState';
import type { World } from './world';

/** SUID_DUMP_USER (include/linux/sched/coredump.h). */
const SUID_DUMP_USER = 1;

/**
 * attr_dir_stuff[] (fs/proc/base.c), the legacy names answered by security_getprocattr() with
 * lsmid 0 (the first LSM with the hook): name and mode, in the kernel's order.
 */
export const PROC_ATTR_FILES: readonly (readonly [string, number])[] = [
  ['current', 0o666],
  ['prev', 0o444],
  ['exec', 0o666],
];

/**
 * attr_dir_stuff[]'s per-LSM directories, built with CONFIG_SECURITY_SMACK and
 * CONFIG_SECURITY_APPARMOR (whether the LSM is active or not): their files ask one LSM only,
 * security_getprocattr()/setprocattr() with its lsmid, where attr/current asks the first LSM with
 * the hook. With both SELinux and AppArmor stacked, attr/current is SELinux's and
 * attr/apparmor/current AppArmor's.
 */
export const PROC_ATTR_LSM_DIRS: readonly {
  readonly lsm: string;
  readonly lsmid: number;
  readonly files: readonly (readonly [string, number])[];
}[] = [
  { lsm: 'smack', lsmid: LSM_ID_SMACK, files: [['current', 0o666]] },
  {
    lsm: 'apparmor',
    lsmid: LSM_ID_APPARMOR,
    files: [
      ['current', 0o666],
      ['prev', 0o444],
      ['exec', 0o666],
    ],
  },
];

/** task_dump_owner(): the task's euid/egid when it is dumpable, else root. */
function taskDumpOwner(task: Task): [number, number] {
  return task.dumpable === SUID_DUMP_USER ? [task.cred.euid, task.cred.egid] : [0, 0];
}

/** proc_pid_make_inode() + d_splice_alias(): one /proc/<pid> entry with its LSM blob. */
function procEntry(
  world: World,
  ctx: SyscallContext,
  task: Task,
  parent: Dentry,
  name: string,
  mode: number,
  generate?: (r: ProcReader) => string | number,
): Dentry {
  const [uid, gid] = taskDumpOwner(task);
  const inode = world.newInode(parent.d_inode!.i_sb, mode, uid, gid, '', generate);
  ctx.alloc('inode', inode, []);
  ctx.hook('task_to_inode', [task, inode]);
  const d = world.newDentry(name, parent, inode);
  ctx.hook('d_instantiate', [d, inode]);
  return d;
}

/** get_task_state() for the status file. */
function taskStateName(task: Task, reader: Task): string {
  if (task.state === 'zombie') return 'Z (zombie)';
  if (task.state === 'dead') return 'X (dead)';
  return task === reader ? 'R (running)' : 'S (sleeping)';
}

/** files_fdtable(p->files)->max_fds: NR_OPEN_DEFAULT (64), doubled as the table grows. */
function maxFds(task: Task): number {
  let n = 64;
  const top = Math.max(-1, ...task.files.keys());
  while (top >= n) n *= 2;
  return n;
}

const hex16 = (v: bigint): string => v.toString(16).padStart(16, '0');

/**
 * proc_pid_status() (fs/proc/array.c): the Name line, task_state(), task_cap(), task_seccomp(),
 * in the kernel's order and format. Lines about memory, signals, CPUs and context switches are
 * left out (the model has none of them).
 */
export function procPidStatus(task: Task, reader: Task): string {
  const c = task.cred;
  const alive = task.state === 'running';
  const lines: string[] = [`Name:\t${task.comm}`];
  // task->fs is gone after exit_fs(): a zombie has no Umask line.
  if (alive) lines.push('Umask:\t0022');
  lines.push(
    `State:\t${taskStateName(task, reader)}`,
    `Tgid:\t${tgidOf(task)}`,
    'Ngid:\t0',
    `Pid:\t${task.pid}`,
    `PPid:\t${task.ppid}`,
    `TracerPid:\t${task.ptracer}`,
    `Uid:\t${c.uid}\t${c.euid}\t${c.suid}\t${c.fsuid}`,
    `Gid:\t${c.gid}\t${c.egid}\t${c.sgid}\t${c.fsgid}`,
    `FDSize:\t${alive ? maxFds(task) : 0}`,
    // group_info is kept sorted (groups_sort()); the kernel leaves a trailing space.
    `Groups:\t${[...c.groups].sort((a, b) => a - b).join(' ')} `,
    `NStgid:\t${tgidOf(task)}`,
    `NSpid:\t${task.pid}`,
    'Kthread:\t0',
    `CapInh:\t${hex16(c.cap_inheritable)}`,
    `CapPrm:\t${hex16(c.cap_permitted)}`,
    `CapEff:\t${hex16(c.cap_effective)}`,
    `CapBnd:\t${hex16(c.cap_bset)}`,
    `CapAmb:\t${hex16(c.cap_ambient)}`,
    `NoNewPrivs:\t${task.no_new_privs ? 1 : 0}`,
    'Seccomp:\t0',
    'Seccomp_filters:\t0',
  );
  return `${lines.join('\n')}\n`;
}

/**
 * proc_pid_attr_read(): security_getprocattr(task, lsmid 0, name, &p); a positive length gives
 * the value, 0 an empty read, a negative value is the read's error.
 */
function procPidAttrRead(task: Task, name: string, r: ProcReader, lsmid = 0): string | number {
  const value: Ref<unknown> = { value: null };
  const rc = r.ctx.hook('getprocattr', [task, name, value], { lsmid }) as number;
  if (rc <= 0) return rc < 0 ? rc : '';
  const v = value.value;
  const text = typeof v === 'string' ? v : v instanceof Uint8Array ? String.fromCharCode(...v) : '';
  return text.slice(0, rc);
}

/**
 * proc_pid_attr_write(): a task may only write its own attributes (-EACCES), then
 * security_setprocattr(lsmid 0, name, value, size) asks the first LSM with the hook.
 */
function procPidAttrWrite(task: Task, name: string, data: string, w: ProcReader, lsmid = 0): number {
  if (w.reader !== task) return -EACCES;
  return w.ctx.hook('setprocattr', [name, data, data.length], { lsmid }) as number;
}

/** fs/proc_namespace.c show_mnt_opts(): each flag and its word. */
const MNT_OPTS: readonly (readonly [number, string])[] = [
  [MNT_NOSUID, ',nosuid'],
  [MNT_NODEV, ',nodev'],
  [MNT_NOEXEC, ',noexec'],
  [MNT_NOATIME, ',noatime'],
  [MNT_NODIRATIME, ',nodiratime'],
  [MNT_RELATIME, ',relatime'],
  [MNT_NOSYMFOLLOW, ',nosymfollow'],
];

/**
 * /proc/<pid>/mounts (fs/proc_namespace.c show_vfsmnt()), one line per mount in mount order:
 * the device name, the mount point, the type, "ro" or "rw", show_sb_opts() — which ends in
 * security_sb_show_options(m, sb), where an LSM adds its words (SELinux's ",seclabel") — then
 * show_mnt_opts() and " 0 0". The filesystems' own show_options() add nothing for the model's
 * default mounts.
 */
function procMounts(world: World, r: ProcReader): string | number {
  let out = '';
  for (const mnt of world.mounts) {
    const sb = mnt.mnt_sb;
    const seq: Struct<'seq_file'> & { fields: { buf: string } } = {
      struct: 'seq_file',
      addr: world.addr(),
      security: null,
      fields: { buf: '' },
    };
    const rc = r.ctx.hook('sb_show_options', [seq, sb]) as number;
    if (rc < 0) return rc;
    let line = `${mnt.mnt_devname} ${world.pathName(world.path(mnt, mnt.mnt_root))} ${sb.s_type} `;
    line += mnt.mnt_flags & MNT_READONLY || sb.s_flags & SB_RDONLY ? 'ro' : 'rw';
    line += seq.fields.buf;
    for (const [flag, word] of MNT_OPTS) if (mnt.mnt_flags & flag) line += word;
    out += `${line} 0 0\n`;
  }
  return out;
}

/** The /proc/<pid> directory of `task`, if it exists. */
export function procPidDentry(world: World, task: Task): Dentry | null {
  return world.procRoot?.dentry.d_inode?.children?.get(String(task.pid)) ?? null;
}

/** Builds /proc/<pid>/{status,attr/{current,prev,exec}} for a new task. */
export function procPidInstantiate(world: World, ctx: SyscallContext, task: Task): void {
  const root = world.procRoot;
  if (!root || procPidDentry(world, task)) return;
  const dir = procEntry(world, ctx, task, root.dentry, String(task.pid), S_IFDIR | 0o555);
  procEntry(world, ctx, task, dir, 'status', S_IFREG | 0o444, (r) => procPidStatus(task, r.reader));
  procEntry(world, ctx, task, dir, 'mounts', S_IFREG | 0o444, (r) => procMounts(world, r));
  const attr = procEntry(world, ctx, task, dir, 'attr', S_IFDIR | 0o555);
  for (const [name, mode] of PROC_ATTR_FILES) {
    const d = procEntry(world, ctx, task, attr, name, S_IFREG | mode, (r) => procPidAttrRead(task, name, r));
    if (mode & 0o200) d.d_inode!.store = (data, w) => procPidAttrWrite(task, name, data, w);
  }
  for (const { lsm, lsmid, files } of PROC_ATTR_LSM_DIRS) {
    if (!world.builtLsms.has(lsm)) continue;
    const sub = procEntry(world, ctx, task, attr, lsm, S_IFDIR | 0o555);
    for (const [name, mode] of files) {
      const read = (r: ProcReader) => procPidAttrRead(task, name, r, lsmid);
      const d = procEntry(world, ctx, task, sub, name, S_IFREG | mode, read);
      if (mode & 0o200) d.d_inode!.store = (data, w) => procPidAttrWrite(task, name, data, w, lsmid);
    }
  }
}

/** pid_update_inode() as a lookup would run it: owners follow task_dump_owner(). */
export function procPidRevalidate(world: World, task: Task): void {
  const dir = procPidDentry(world, task);
  if (!dir) return;
  const [uid, gid] = taskDumpOwner(task);
  const walk = (d: Dentry): void => {
    const inode = d.d_inode;
    if (!inode) return;
    inode.i_uid = uid;
    inode.i_gid = gid;
    for (const c of inode.children?.values() ?? []) walk(c);
  };
  walk(dir);
}

/** proc_flush_pid(): the /proc/<pid> dentries are invalidated and their inodes evicted. */
export function procPidFlush(world: World, ctx: SyscallContext, task: Task): void {
  const dir = procPidDentry(world, task);
  if (!dir) return;
  const evict = (d: Dentry): void => {
    const inode = d.d_inode;
    if (!inode) return;
    for (const c of [...(inode.children?.values() ?? [])]) evict(c);
    inode.children?.clear();
    d.d_inode = null;
    ctx.free('inode', inode);
  };
  world.procRoot!.dentry.d_inode!.children!.delete(String(task.pid));
  evict(dir);
}
