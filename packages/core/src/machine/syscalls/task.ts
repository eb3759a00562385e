// Task syscalls, each following its kernel chain (the comment on each names it): clone/fork/vfork
// (kernel/fork.c), execve (fs/exec.c, fs/binfmt_elf.c), exit/exit_group/wait4 (kernel/exit.c),
// kill (kernel/signal.c), ptrace (kernel/ptrace.c), setuid/setresuid/prctl (kernel/sys.c). The
// credential arithmetic of security/commoncap.c is the capability LSM's (models/capability/):
// its bprm_creds_from_file and task_fix_setuid callbacks write the prepared cred.
//
// Deferred work: fput() of a last reference queues ____fput as task work (run at exit_task_work()
// or on the way back to user space, newest first), and put_cred()/put_task_struct_rcu_user() go
// through call_rcu(). The model runs task work at those points and the RCU callbacks at the end
// of the syscall (a grace period has passed by then), in the order they were queued.
import {
  EACCES,
  ECHILD,
  EINVAL,
  ELOOP,
  ENOENT,
  ENOEXEC,
  ENOMEM,
  ENOSYS,
  EPERM,
  EROFS,
  ESRCH,
  ETXTBSY,
} from '../../errno';
import type { SyscallContext } from '../../kernel';
import { KERN_EMERG } from '../../kernel/printk';
import type { Struct } from '../../kernel/objects';
import type { HookArgs, HookName } from '../../hooks/hookDefs';
import { CAP_KILL, CAP_SETUID, CAP_SYS_ADMIN, CAP_SYS_PTRACE } from '../capability';
import { capable, inodePermission, SB_RDONLY } from '../dac';
import { pathWalk } from '../namei';
import { procPidFlush, procPidInstantiate, procPidRevalidate } from '../procfs';
import { AT_EMPTY_PATH, AT_FDCWD, AT_SYMLINK_NOFOLLOW, O_CLOEXEC, O_PATH, O_RDONLY } from '../syscallArgs';
import { registerSyscalls, type Sys } from '../syscallTable';
import {
  credInUse,
  exeFileOf,
  fileInUse,
  filesShared,
  isThreadGroupLeader,
  sameThreadGroup,
  setExeFile,
  setTaskExtra,
  tgidOf,
} from '../taskState';
import {
  isDir,
  isLnk,
  isReg,
  MAY_ACCESS,
  MAY_EXEC,
  MAY_OPEN,
  MAY_READ,
  MAY_WRITE,
  S_IFCHR,
  S_IFMT,
  S_IFSOCK,
  S_ISGID,
  S_ISUID,
  type Cred,
  type CredFields,
  type File,
  type Task,
  permOctal,
  MNT_NOSUID,
  MNT_NODEV,
  MNT_NOEXEC,
  MNT_READONLY,
} from '../types';
import { atPath, fput, FMODE_READ } from './fs';

// include/uapi/linux/sched.h
export const CSIGNAL = 0xff;
export const CLONE_VM = 0x100;
export const CLONE_FS = 0x200;
export const CLONE_FILES = 0x400;
export const CLONE_SIGHAND = 0x800;
export const CLONE_PIDFD = 0x1000;
export const CLONE_PTRACE = 0x2000;
export const CLONE_VFORK = 0x4000;
export const CLONE_PARENT = 0x8000;
export const CLONE_THREAD = 0x10000;
export const CLONE_NEWNS = 0x20000;
export const CLONE_NEWCGROUP = 0x2000000;
export const CLONE_NEWUTS = 0x4000000;
export const CLONE_NEWIPC = 0x8000000;
export const CLONE_NEWUSER = 0x10000000;
export const CLONE_NEWPID = 0x20000000;
export const CLONE_NEWNET = 0x40000000;
const CLONE_NEW_ANY = CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID | CLONE_NEWNET;

// include/uapi/asm-generic/signal.h (x86_64)
export const SIGKILL = 9;
export const SIGSEGV = 11;
export const SIGTERM = 15;
export const SIGCHLD = 17;
export const SIGCONT = 18;
const _NSIG = 64;
const SI_USER = 0;

// include/uapi/linux/ptrace.h, include/linux/ptrace.h
export const PTRACE_TRACEME = 0;
export const PTRACE_ATTACH = 16;
export const PTRACE_DETACH = 17;
export const PTRACE_SEIZE = 0x4206;
export const PTRACE_MODE_READ = 0x01;
export const PTRACE_MODE_ATTACH = 0x02;
export const PTRACE_MODE_NOAUDIT = 0x04;
export const PTRACE_MODE_FSCREDS = 0x08;
export const PTRACE_MODE_REALCREDS = 0x10;
export const PTRACE_MODE_ATTACH_REALCREDS = PTRACE_MODE_ATTACH | PTRACE_MODE_REALCREDS;
/** PTRACE_O_MASK: the option bits (0xff) | PTRACE_O_EXITKILL | PTRACE_O_SUSPEND_SECCOMP. */
const PTRACE_O_MASK = 0xff | (1 << 20) | (1 << 21);
const EIO = 5;

// include/uapi/linux/prctl.h
export const PR_GET_DUMPABLE = 3;
export const PR_SET_DUMPABLE = 4;
export const PR_SET_NAME = 15;
export const PR_GET_NAME = 16;
export const PR_SET_NO_NEW_PRIVS = 38;
export const PR_GET_NO_NEW_PRIVS = 39;

// include/linux/security.h
export const LSM_SETID_ID = 1;
export const LSM_SETID_RE = 2;
export const LSM_SETID_RES = 4;
export const LSM_UNSAFE_SHARE = 1;
export const LSM_UNSAFE_PTRACE = 2;
export const LSM_UNSAFE_NO_NEW_PRIVS = 4;
export const CAP_OPT_NOAUDIT = 0x2;
export const CAP_OPT_INSETID = 0x4;

/** SUID_DUMP_DISABLE / SUID_DUMP_USER; fs/exec.c `int suid_dumpable = 0;`. */
const SUID_DUMP_DISABLE = 0;
const SUID_DUMP_USER = 1;
const suid_dumpable = SUID_DUMP_DISABLE;

/** GFP_KERNEL_ACCOUNT (GFP_KERNEL | __GFP_ACCOUNT, bit 22): what prepare_creds() passes. */
const GFP_KERNEL_ACCOUNT = 0xcc0 | 0x400000;
/** FMODE_EXEC; O_LARGEFILE (x86_64). */
const FMODE_EXEC = 0x20;
const O_LARGEFILE = 0o100000;
/** TASK_COMM_LEN - 1. */
const COMM_MAX = 15;

// The model's ELF image (ET_EXEC, static): a text and a data PT_LOAD, one page each, and the
// initial stack. Accountable (VM_ACCOUNT) areas are charged with vm_enough_memory on fork and exec.
const PROT_READ = 1;
const PROT_WRITE = 2;
const PROT_EXEC = 4;
const MAP_PRIVATE = 2;
const MAP_FIXED_NOREPLACE = 0x100000;
const ELF_SEGMENTS = [
  { name: 'text', vaddr: 0x400000, pages: 1, prot: PROT_READ | PROT_EXEC },
  { name: 'data', vaddr: 0x401000, pages: 1, prot: PROT_READ | PROT_WRITE },
] as const;
/** The areas dup_mmap() charges: the writable data segment and the stack (33 pages after setup_arg_pages()). */
const ACCOUNTED_VMAS = [
  { name: 'data', pages: 1 },
  { name: '[stack]', pages: 33 },
] as const;

type MutableCred = { -readonly [K in keyof Cred]: Cred[K] };
type Bprm = Struct<'linux_binprm'> & { readonly fields: Record<string, unknown> };

/** Task work and RCU callbacks queued during one syscall (see the file comment). */
export class Deferred {
  private work: { fn: string; note: string; run: () => void }[] = [];
  private rcu: { fn: string; note: string; run: () => void }[] = [];
  private readonly queued = new Set<File>();

  constructor(private readonly sys: Sys) {}

  /** task_work_add(). */
  taskWork(fn: string, note: string, run: () => void): void {
    this.work.push({ fn, note, run });
  }

  /** call_rcu(). */
  callRcu(fn: string, note: string, run: () => void): void {
    this.rcu.push({ fn, note, run });
  }

  /** fput() dropping a reference: the last one queues ____fput → __fput(). */
  dropFile(f: File): void {
    if (this.queued.has(f) || fileInUse(this.sys.world, f)) return;
    this.queued.add(f);
    const sys = this.sys;
    this.taskWork('____fput', sys.world.pathName(f.f_path), () => {
      // __fput(): security_file_release (7.x/6.18; 6.8 has no such hook), then file_free().
      if (sys.version === '6.8') sys.ctx.free('file', f);
      else fput(sys, f, !(f.f_flags & O_PATH));
      // file_free(): put_cred(f->f_cred).
      putCred(sys, this, f.f_cred);
    });
  }

  /** task_work_run(): the list is taken whole and run newest first. */
  runTaskWork(): void {
    while (this.work.length) {
      const batch = this.work.splice(0).reverse();
      for (const w of batch) {
        this.sys.kfunc(w.fn, w.note);
        w.run();
      }
    }
  }

  /**
   * The end of the syscall: task work on the way to user space, a fatal signal an LSM queued with
   * force_sig(SIGKILL) (get_signal() → do_group_exit()), then the RCU callbacks.
   */
  finish(): void {
    this.runTaskWork();
    const t = this.sys.task;
    if (t.pending_sigkill && t.state === 'running') {
      t.pending_sigkill = false;
      this.sys.kfunc('exit_to_user_mode', 'get_signal(): SIGKILL pending → do_group_exit()');
      doSendSigInfo(this.sys, this, SIGKILL, t);
    }
    while (this.rcu.length) {
      for (const cb of this.rcu.splice(0)) {
        this.sys.kfunc(cb.fn, `RCU callback: ${cb.note}`);
        cb.run();
        this.runTaskWork();
      }
    }
  }
}

const freedCreds = new WeakSet<Cred>();

/** The calling task's current_cred() for hooks run after a commit_creds(). */
function hook<N extends HookName>(sys: Sys, name: N, args: HookArgs[N]): number {
  return (sys.ctx.hook(name, args, { cred: sys.task.cred }) ?? 0) as number;
}

function credFields(c: Cred): CredFields {
  return {
    uid: c.uid,
    gid: c.gid,
    suid: c.suid,
    sgid: c.sgid,
    euid: c.euid,
    egid: c.egid,
    fsuid: c.fsuid,
    fsgid: c.fsgid,
    groups: [...c.groups],
    securebits: c.securebits,
    cap_inheritable: c.cap_inheritable,
    cap_permitted: c.cap_permitted,
    cap_effective: c.cap_effective,
    cap_bset: c.cap_bset,
    cap_ambient: c.cap_ambient,
  };
}

/**
 * prepare_creds() (kernel/cred.c): a copy of `old` and security_prepare_creds(new, old,
 * GFP_KERNEL_ACCOUNT) → cred_prepare. On failure the wrapper has already freed the blob, so the
 * abort_creds() that follows finds cred->security NULL; prepare_creds() returns NULL (-ENOMEM).
 */
export function prepareCreds(sys: Sys, old: Cred): MutableCred | null {
  sys.kfunc('prepare_creds');
  const c = sys.world.newCred(credFields(old));
  const rc = sys.ctx.alloc('cred', c, [GFP_KERNEL_ACCOUNT], old);
  if (rc) {
    sys.kfunc('abort_creds', `security_prepare_creds() returned ${rc}: prepare_creds() returns NULL`);
    return null;
  }
  return c as MutableCred;
}

/** put_cred(): when nothing holds the cred any more, __put_cred() → call_rcu(put_cred_rcu) → security_cred_free. */
function putCred(sys: Sys, d: Deferred, cred: Cred): void {
  if (freedCreds.has(cred) || credInUse(sys.world, cred)) return;
  freedCreds.add(cred);
  d.callRcu('put_cred_rcu', `cred ${hexAddr(cred.addr)}`, () => sys.ctx.free('cred', cred));
}

/** abort_creds(): the prepared cred was never committed. */
export function abortCreds(sys: Sys, d: Deferred, cred: Cred): void {
  sys.kfunc('abort_creds');
  putCred(sys, d, cred);
}

/**
 * commit_creds() (kernel/cred.c): a change of euid/egid/fsuid/fsgid or new permitted caps makes
 * the mm non-dumpable (suid_dumpable); the task gets the new cred; the old one is put twice.
 */
export function commitCreds(sys: Sys, d: Deferred, task: Task, cred: Cred): void {
  const old = task.cred;
  sys.kfunc('commit_creds', `uid ${cred.uid} euid ${cred.euid} suid ${cred.suid} fsuid ${cred.fsuid}`);
  if (
    old.euid !== cred.euid ||
    old.egid !== cred.egid ||
    old.fsuid !== cred.fsuid ||
    old.fsgid !== cred.fsgid ||
    (cred.cap_permitted & ~old.cap_permitted) !== 0n
  )
    task.dumpable = suid_dumpable;
  task.cred = cred;
  if (task === sys.task) sys.ctx.setCurrentCred(cred);
  procPidRevalidate(sys.world, task);
  putCred(sys, d, old);
}

const hexAddr = (a: number): string => `0x${a.toString(16)}`;

/**
 * The /proc/<pid> inodes are made and dropped in a context of their own whose trace is not kept:
 * the kernel builds them lazily on lookup, not in copy_process() or do_exit().
 */
function procContext(sys: Sys, task: Task, body: (ctx: SyscallContext) => void): void {
  sys.machine.kernel.runSyscall({ cred: task.cred, task }, (ctx) => {
    body(ctx);
    return 0;
  });
}

// ---------------------------------------------------------------------------------------------
// clone / fork / vfork

/**
 * copy_process() (kernel/fork.c): the flag checks, dup_task_struct(), copy_creds() (prepare_creds
 * → cred_prepare, skipped for CLONE_THREAD: the creds are shared), sched_fork(), audit_alloc(),
 * security_task_alloc(p, clone_flags), copy_files(), copy_fs(), copy_sighand(), copy_signal(),
 * copy_mm() (dup_mmap(): vm_enough_memory per VM_ACCOUNT area), copy_namespaces() (CAP_SYS_ADMIN),
 * alloc_pid(), ptrace_init_task(), attach. Errors unwind through bad_fork_cleanup_*: task_free,
 * then exit_creds() → cred_free.
 */
function copyProcess(sys: Sys, d: Deferred, flags: number, exitSignal: number): Task | number {
  const { world, task: cur, ctx } = sys;
  if ((flags & (CLONE_NEWNS | CLONE_FS)) === (CLONE_NEWNS | CLONE_FS)) return -EINVAL;
  if ((flags & (CLONE_NEWUSER | CLONE_FS)) === (CLONE_NEWUSER | CLONE_FS)) return -EINVAL;
  if (flags & CLONE_THREAD && !(flags & CLONE_SIGHAND)) return -EINVAL;
  if (flags & CLONE_SIGHAND && !(flags & CLONE_VM)) return -EINVAL;
  // SIGNAL_UNKILLABLE: global init may not create siblings.
  if (flags & CLONE_PARENT && tgidOf(cur) === 1) return -EINVAL;
  if (flags & CLONE_THREAD && flags & (CLONE_NEWUSER | CLONE_NEWPID)) return -EINVAL;
  // Not modelled: user namespaces and pidfds.
  if (flags & CLONE_NEWUSER) return -EINVAL;
  if (flags & CLONE_PIDFD) return -EINVAL;

  sys.kfunc('dup_task_struct');
  const pid = world.nextPid;
  const thread = (flags & CLONE_THREAD) !== 0;
  const child: Task = {
    struct: 'task_struct',
    addr: world.addr(),
    security: null,
    pid,
    ppid: flags & (CLONE_PARENT | CLONE_THREAD) ? cur.ppid : cur.pid,
    comm: cur.comm,
    exe: cur.exe,
    cred: cur.cred,
    no_new_privs: cur.no_new_privs,
    state: 'running',
    exit_code: 0,
    ptracer: 0,
    files: new Map(),
    cwd: cur.cwd,
    dumpable: cur.dumpable,
  };

  // copy_creds()
  if (thread) {
    sys.kfunc('copy_creds', 'CLONE_THREAD: the thread shares its creator’s cred (get_cred_many), no prepare_creds()');
  } else {
    sys.kfunc('copy_creds');
    const cred = prepareCreds(sys, cur.cred);
    if (!cred) return -ENOMEM;
    child.cred = cred;
  }
  const cleanupCreds = (rc: number): number => {
    // bad_fork_cleanup_count: exit_creds(p).
    sys.kfunc('exit_creds');
    putCred(sys, d, child.cred);
    return rc;
  };

  sys.kfunc('sched_fork');
  sys.kfunc('audit_alloc');
  let rc = ctx.alloc('task', child, [flags]);
  if (rc) return cleanupCreds(rc);
  const cleanupSecurity = (err: number): number => {
    // bad_fork_cleanup_security: security_task_free(p).
    ctx.free('task', child);
    return cleanupCreds(err);
  };

  // copy_files(): CLONE_FILES shares the table, else dup_fd() copies it (each file gets a reference).
  sys.kfunc(
    'copy_files',
    flags & CLONE_FILES ? 'CLONE_FILES: the fd table is shared' : `dup_fd(): ${cur.files.size} open files`,
  );
  (child as { files: Map<number, File> }).files = flags & CLONE_FILES ? cur.files : new Map(cur.files);
  sys.kfunc('copy_fs', flags & CLONE_FS ? 'CLONE_FS: fs_struct shared' : 'copy_fs_struct()');
  sys.kfunc('copy_sighand');
  sys.kfunc('copy_signal');
  // copy_mm(): CLONE_VM shares the mm; otherwise dup_mmap() charges each VM_ACCOUNT area.
  if (flags & CLONE_VM) {
    sys.kfunc('copy_mm', 'CLONE_VM: the mm is shared');
  } else {
    sys.kfunc('copy_mm', 'dup_mm() → dup_mmap()');
    for (const vma of ACCOUNTED_VMAS) {
      rc = ctx.hook('vm_enough_memory', [null, vma.pages]) as number;
      if (rc) return cleanupSecurity(-ENOMEM);
    }
  }
  // copy_namespaces(): new namespaces need CAP_SYS_ADMIN.
  if (flags & CLONE_NEW_ANY) {
    sys.kfunc('copy_namespaces');
    if (!capable(ctx, cur.cred, CAP_SYS_ADMIN)) return cleanupSecurity(-EPERM);
    sys.kfunc('create_new_namespaces', 'namespaces are not modelled: the child keeps its parent’s');
  }
  sys.kfunc('copy_io');
  sys.kfunc('copy_thread');

  world.nextPid++;
  sys.kfunc('alloc_pid', `pid ${pid}`);
  // ptrace_init_task(): CLONE_PTRACE keeps a traced parent's tracer on the child.
  if (flags & CLONE_PTRACE && cur.ptracer) child.ptracer = cur.ptracer;
  setTaskExtra(child, thread ? tgidOf(cur) : pid, thread ? -1 : exitSignal, exeFileOf(cur));
  world.tasks.set(pid, child);
  procContext(sys, child, (c) => procPidInstantiate(world, c, child));
  return child;
}

/** kernel_clone(): copy_process(), then wake_up_new_task(); the child's pid is returned. */
function kernelClone(sys: Sys, flags: number, exitSignal: number, what: string): number {
  const d = new Deferred(sys);
  sys.kfunc('kernel_clone', what);
  const r = copyProcess(sys, d, flags, exitSignal);
  if (typeof r !== 'number') {
    sys.kfunc('wake_up_new_task', `pid ${r.pid}`);
    if (flags & CLONE_VFORK) sys.kfunc('wait_for_vfork_done', 'the parent would sleep until the child execs or exits');
  }
  d.finish();
  return typeof r === 'number' ? r : r.pid;
}

// ---------------------------------------------------------------------------------------------
// execve

/** path_noexec(): MNT_NOEXEC, or SB_I_NOEXEC (procfs, sysfs/kernfs). */
function pathNoexec(f: { mnt: { mnt_flags: number; mnt_sb: { s_type: string } } }): boolean {
  return (f.mnt.mnt_flags & MNT_NOEXEC) !== 0 || ['proc', 'sysfs'].includes(f.mnt.mnt_sb.s_type);
}

/**
 * do_open_execat() (fs/exec.c) → do_file_open() → path_openat(): alloc_empty_file()
 * (file_alloc_security), the walk, may_open(MAY_EXEC) (type checks, path_noexec, then
 * inode_permission(MAY_OPEN|MAY_EXEC)), do_dentry_open() (file_open), file_post_open(MAY_EXEC);
 * then exe_file_deny_write_access() (-ETXTBSY).
 */
function doOpenExecat(sys: Sys, d: Deferred, pathname: string): File | number {
  const { world, task, ctx } = sys;
  sys.kfunc('do_open_execat', pathname);
  sys.kfunc('alloc_empty_file');
  const placeholder = world.newFile(
    world.path(world.rootMount, world.rootMount.mnt_root),
    O_RDONLY | O_LARGEFILE,
    FMODE_READ | FMODE_EXEC,
    task.cred,
  );
  let rc = ctx.alloc('file', placeholder, []);
  if (rc) return rc;
  // Not FMODE_OPENED yet: fput() frees it at once (file_free → file_free_security).
  const bail = (err: number): number => {
    fput(sys, placeholder, false);
    return err;
  };
  const w = pathWalk(ctx, world, task, pathname, { follow: true }, sys.version);
  if (typeof w === 'number') {
    sys.kfunc('path_lookupat', `${pathname}: ${w}`);
    return bail(w);
  }
  const inode = w.dentry.d_inode;
  if (!inode) return bail(-ENOENT);
  const path = world.path(w.mnt, w.dentry);
  const name = world.pathName(path);
  sys.kfunc('may_open', `${name} MAY_EXEC`);
  if (isLnk(inode)) return bail(-ELOOP);
  if (isDir(inode)) return bail(-EACCES);
  // Devices (may_open_dev(): MNT_NODEV), FIFOs and sockets: no MAY_EXEC.
  const type = inode.i_mode & S_IFMT;
  if (type === S_IFCHR && w.mnt.mnt_flags & MNT_NODEV) return bail(-EACCES);
  if (type === S_IFCHR || type === S_IFSOCK || !isReg(inode)) return bail(-EACCES);
  if (pathNoexec(path)) {
    sys.kfunc('path_noexec', `${name}: the mount does not allow execution`);
    return bail(-EACCES);
  }
  rc = inodePermission(ctx, task.cred, inode, MAY_OPEN | MAY_EXEC, name);
  if (rc) return bail(rc);
  const file: File = { ...placeholder, f_path: path, f_inode: inode };
  sys.kfunc('do_dentry_open', name);
  rc = ctx.hook('file_open', [file]) as number;
  if (rc) return bail(rc);
  if (sys.version !== '6.8') {
    rc = ctx.hook('file_post_open', [file, MAY_EXEC]) as number;
    if (rc) {
      d.dropFile(file);
      return rc;
    }
  }
  // exe_file_deny_write_access(): a file open for writing cannot be executed.
  const writer = [...world.tasks.values()].some(
    (t) => t.state === 'running' && [...t.files.values()].some((f) => f.f_inode === inode && f.f_mode & 2),
  );
  if (writer) {
    sys.kfunc('exe_file_deny_write_access', `${name} is open for writing`);
    d.dropFile(file);
    return -ETXTBSY;
  }
  return file;
}

/**
 * bprm_fill_uid() (fs/exec.c): on a mount that allows suid and without no_new_privs, a set-user-ID
 * file whose exec bit still holds (inode_permission(MAY_EXEC)) gives its owner as euid; set-group-ID
 * with group exec gives its group as egid.
 */
function bprmFillUid(sys: Sys, file: File, cred: MutableCred): void {
  const inode = file.f_inode;
  if (file.f_path.mnt.mnt_flags & MNT_NOSUID) return;
  if (sys.task.no_new_privs) {
    if (inode.i_mode & (S_ISUID | S_ISGID)) sys.kfunc('bprm_fill_uid', 'no_new_privs: the set-id bits are ignored');
    return;
  }
  if (!(inode.i_mode & (S_ISUID | S_ISGID))) return;
  sys.kfunc('bprm_fill_uid', `set-id file (mode ${permOctal(inode.i_mode)})`);
  const name = sys.world.pathName(file.f_path);
  if (inodePermission(sys.ctx, sys.task.cred, inode, MAY_EXEC, name)) return;
  if (inode.i_mode & S_ISUID) cred.euid = inode.i_uid;
  if ((inode.i_mode & (S_ISGID | 0o010)) === (S_ISGID | 0o010)) cred.egid = inode.i_gid;
}

/**
 * execve(2): do_execveat_common() → alloc_bprm() (do_open_execat(); bprm_mm_init() →
 * create_init_stack_vma() → insert_vm_struct() → vm_enough_memory) → bprm_execve():
 * prepare_bprm_creds() (prepare_exec_creds → cred_prepare), check_unsafe_exec(),
 * security_bprm_creds_for_exec, exec_binprm() → search_binary_handler(): prepare_binprm()
 * (kernel_read → file_permission), security_bprm_check, load_elf_binary(): load_elf_phdrs()
 * (kernel_read → file_permission), begin_new_exec(): bprm_creds_from_file() (bprm_fill_uid,
 * commoncap, security_bprm_creds_from_file), de_thread(), unshare_files(), set_mm_exe_file(),
 * would_dump() (inode_permission(MAY_READ)), exec_mmap(), do_close_on_exec(), dumpability,
 * __set_task_comm(), security_bprm_committing_creds, commit_creds, security_bprm_committed_creds;
 * then elf_load() per PT_LOAD: vm_mmap() → mmap_file → mmap_addr (→ vm_enough_memory for the
 * writable data); free_bprm().
 */
function doExecve(sys: Sys, d: Deferred, a: { path: string; argv: string }): number {
  const { world, task, ctx } = sys;
  sys.kfunc('do_execveat_common', a.path);
  const opened = doOpenExecat(sys, d, a.path);
  if (typeof opened === 'number') return opened;
  const file = opened;
  const fields: Record<string, unknown> = {
    filename: a.path,
    interp: a.path,
    file,
    argc: a.argv ? a.argv.split(' ').filter(Boolean).length : 0,
    unsafe: 0,
    secureexec: 0,
    point_of_no_return: false,
  };
  const bprm: Bprm = { struct: 'linux_binprm', addr: world.addr(), security: null, fields };
  let cred: MutableCred | null = null;
  // free_bprm(): abort_creds() on a cred that was not committed, do_close_execat() → fput().
  const fail = (rc: number): number => {
    sys.kfunc('free_bprm');
    if (cred) abortCreds(sys, d, cred);
    d.dropFile(file);
    return rc;
  };

  sys.kfunc('bprm_mm_init', 'create_init_stack_vma() → insert_vm_struct()');
  if (ctx.hook('vm_enough_memory', [null, 1])) return fail(-ENOMEM);
  sys.kfunc('copy_strings', `argc ${fields['argc']}`);

  // bprm_execve()
  sys.kfunc('prepare_bprm_creds', 'prepare_exec_creds()');
  cred = prepareCreds(sys, task.cred);
  if (!cred) return fail(-ENOMEM);
  cred.suid = cred.fsuid = cred.euid;
  cred.sgid = cred.fsgid = cred.egid;
  fields['cred'] = cred;
  // check_unsafe_exec()
  let unsafe = 0;
  if (task.ptracer) unsafe |= LSM_UNSAFE_PTRACE;
  if (task.no_new_privs) unsafe |= LSM_UNSAFE_NO_NEW_PRIVS;
  fields['unsafe'] = unsafe;
  sys.kfunc('check_unsafe_exec', unsafe ? `unsafe 0x${unsafe.toString(16)}` : undefined);
  let rc = ctx.hook('bprm_creds_for_exec', [bprm]) as number;
  if (rc) return fail(rc);

  // exec_binprm() → search_binary_handler()
  sys.kfunc('search_binary_handler');
  sys.kfunc('prepare_binprm', 'kernel_read() → rw_verify_area()');
  rc = ctx.hook('file_permission', [file, MAY_READ]) as number;
  if (rc) return fail(rc);
  rc = ctx.hook('bprm_check_security', [bprm]) as number;
  if (rc) return fail(rc);
  if (!file.f_inode.data.startsWith('\u007fELF')) {
    sys.kfunc('search_binary_handler', 'no binary format recognises the file');
    return fail(-ENOEXEC);
  }
  sys.kfunc('load_elf_binary');
  sys.kfunc('load_elf_phdrs', 'elf_read() → kernel_read() → rw_verify_area()');
  rc = ctx.hook('file_permission', [file, MAY_READ]) as number;
  if (rc) return fail(rc);

  // begin_new_exec()
  sys.kfunc('begin_new_exec');
  sys.kfunc('bprm_creds_from_file');
  bprmFillUid(sys, file, cred);
  // security_bprm_creds_from_file(): the capability LSM (cap_bprm_creds_from_file()) computes
  // the new capability sets, the saved/fs ids and secureexec in bprm->cred.
  rc = ctx.hook('bprm_creds_from_file', [bprm, file]) as number;
  if (rc) return fail(rc);
  fields['point_of_no_return'] = true;

  // de_thread(): the other threads of the group are killed.
  const others = [...world.tasks.values()].filter(
    (t) => t !== task && t.state === 'running' && sameThreadGroup(t, task),
  );
  if (others.length) {
    sys.kfunc('de_thread', `zap_other_threads(): ${others.map((t) => t.pid).join(', ')}`);
    for (const t of others) doExit(sys, d, t, SIGKILL);
  }
  if (filesShared(world, task)) {
    sys.kfunc('unshare_files', 'the fd table was shared: the task gets its own copy');
    (task as { files: Map<number, File> }).files = new Map(task.files);
  }
  sys.kfunc('set_mm_exe_file', world.pathName(file.f_path));
  const oldExe = exeFileOf(task);
  setExeFile(task, file);
  // would_dump(): an unreadable binary forces a non-dumpable process.
  const name = world.pathName(file.f_path);
  const enforceNondump = inodePermission(ctx, task.cred, file.f_inode, MAY_READ, name) < 0;
  sys.kfunc('exec_mmap', 'the old mm is released');
  if (oldExe) d.dropFile(oldExe);
  // do_close_on_exec()
  for (const [fd, f] of [...task.files.entries()].sort((x, y) => x[0] - y[0])) {
    if (!(f.f_flags & O_CLOEXEC)) continue;
    sys.kfunc('do_close_on_exec', `fd ${fd}`);
    task.files.delete(fd);
    d.dropFile(f);
  }
  // Dumpability from the current (old) ids, as the kernel does it at this point.
  const old = task.cred;
  task.dumpable = enforceNondump || old.euid !== old.uid || old.egid !== old.gid ? suid_dumpable : SUID_DUMP_USER;
  task.comm = (a.path.split('/').filter(Boolean).pop() ?? a.path).slice(0, COMM_MAX);
  sys.kfunc('__set_task_comm', task.comm);
  hook(sys, 'bprm_committing_creds', [bprm]);
  commitCreds(sys, d, task, cred);
  cred = null;
  hook(sys, 'bprm_committed_creds', [bprm]);

  // load_elf_binary() after begin_new_exec()
  sys.kfunc('setup_new_exec');
  sys.kfunc('setup_arg_pages');
  for (const seg of ELF_SEGMENTS) {
    sys.kfunc('elf_load', `${seg.name} segment → vm_mmap() → vm_mmap_pgoff()`);
    const flags = MAP_PRIVATE | MAP_FIXED_NOREPLACE;
    rc = hook(sys, 'mmap_file', [file, seg.prot, seg.prot, flags]);
    if (!rc) {
      sys.kfunc('do_mmap');
      rc = hook(sys, 'mmap_addr', [seg.vaddr]);
    }
    // accountable_mapping(): private and writable.
    if (!rc && seg.prot & PROT_WRITE && hook(sys, 'vm_enough_memory', [null, seg.pages])) rc = -ENOMEM;
    if (rc) {
      // Past the point of no return: force_fatal_sig(SIGSEGV).
      sys.kfunc('bprm_execve', 'error past the point of no return: force_fatal_sig(SIGSEGV)');
      d.dropFile(file);
      doExit(sys, d, task, SIGSEGV);
      return rc;
    }
  }
  sys.kfunc('finalize_exec');
  sys.kfunc('start_thread');
  task.exe = name;
  sys.kfunc('free_bprm', 'do_close_execat(): mm->exe_file and the mappings keep the file');
  return 0;
}

function execve(sys: Sys, a: { path: string; argv: string }): number {
  const d = new Deferred(sys);
  const rc = doExecve(sys, d, a);
  d.finish();
  return rc;
}

// ---------------------------------------------------------------------------------------------
// exit, exit_group, wait4

/**
 * release_task() (kernel/exit.c): the pid is unhashed, proc_flush_pid(), and
 * put_task_struct_rcu_user() → call_rcu(delayed_put_task_struct) → __put_task_struct():
 * security_task_free, then exit_creds() → put_cred() → call_rcu(put_cred_rcu) → security_cred_free.
 */
function releaseTask(sys: Sys, d: Deferred, t: Task): void {
  const { world } = sys;
  sys.kfunc('release_task', `pid ${t.pid}`);
  world.tasks.delete(t.pid);
  t.state = 'dead';
  sys.kfunc('proc_flush_pid', `/proc/${t.pid}`);
  procContext(sys, t, (c) => procPidFlush(world, c, t));
  d.callRcu('delayed_put_task_struct', `pid ${t.pid}`, () => {
    sys.kfunc('__put_task_struct', `pid ${t.pid}`);
    sys.ctx.free('task', t);
    sys.kfunc('exit_creds');
    putCred(sys, d, t.cred);
  });
  // The last thread of a group whose leader is a zombie lets the leader be reaped.
  if (!isThreadGroupLeader(t)) {
    const leader = world.tasks.get(tgidOf(t));
    const rest = [...world.tasks.values()].some((o) => o !== leader && tgidOf(o) === tgidOf(t));
    if (leader && leader.state === 'zombie' && !rest && leader.ppid === 1) releaseTask(sys, d, leader);
  }
}

/**
 * exit_notify(): forget_original_parent() (exit_ptrace() detaches tracees; children go to a live
 * thread of the group or to init, which reaps zombies), EXIT_ZOMBIE, then autoreap: untraced
 * sub-threads always; a leader whose parent is init is reaped at once (init's wait loop, modelled
 * as immediate); any other leader stays a zombie until its parent calls wait4().
 */
function exitNotify(sys: Sys, d: Deferred, t: Task): void {
  const { world } = sys;
  sys.kfunc('exit_notify');
  for (const o of world.tasks.values()) {
    if (o.ptracer === t.pid) {
      sys.kfunc('exit_ptrace', `pid ${o.pid} is detached`);
      o.ptracer = 0;
    }
  }
  const reaper =
    [...world.tasks.values()].find((o) => o !== t && o.state === 'running' && sameThreadGroup(o, t))?.pid ?? 1;
  const children = [...world.tasks.values()].filter((o) => o.ppid === t.pid && o !== t).sort((x, y) => x.pid - y.pid);
  if (children.length)
    sys.kfunc('forget_original_parent', `children ${children.map((c) => c.pid).join(', ')} → ${reaper}`);
  for (const c of children) {
    c.ppid = reaper;
    if (c.state === 'zombie' && reaper === 1 && isThreadGroupLeader(c)) releaseTask(sys, d, c);
  }
  t.state = 'zombie';
  const groupEmpty = ![...world.tasks.values()].some((o) => o !== t && o.state === 'running' && sameThreadGroup(o, t));
  if (!isThreadGroupLeader(t)) {
    releaseTask(sys, d, t);
  } else if (!groupEmpty) {
    sys.kfunc('exit_notify', 'group leader: a zombie until its last thread exits');
  } else if (t.ppid === 1) {
    sys.kfunc('do_notify_parent', 'SIGCHLD to init, which reaps at once');
    releaseTask(sys, d, t);
  } else {
    sys.kfunc('do_notify_parent', `SIGCHLD to ${t.ppid}: a zombie until it calls wait4()`);
  }
}

/**
 * do_exit() (kernel/exit.c; no security calls of its own): exit_mm() drops mm->exe_file and the
 * mappings, exit_files() the fd table (fput of each last reference), exit_fs(), exit_task_work()
 * runs the queued ____fput → __fput (file_release, file_free_security), exit_notify().
 */
function doExit(sys: Sys, d: Deferred, t: Task, code: number): void {
  sys.kfunc('do_exit', `pid ${t.pid}, exit code 0x${code.toString(16)}`);
  if (t.pid === 1) {
    sys.ctx.tracer.printk(
      KERN_EMERG,
      `Kernel panic - not syncing: Attempted to kill init! exitcode=0x${code.toString(16).padStart(8, '0')}`,
    );
    sys.kfunc('panic', 'the model does not halt: init keeps running');
    return;
  }
  t.exit_code = code;
  const exe = exeFileOf(t);
  sys.kfunc('exit_mm');
  if (exe) {
    setExeFile(t, null);
    d.dropFile(exe);
  }
  sys.kfunc('exit_files');
  const shared = filesShared(sys.world, t);
  const files = [...t.files.entries()].sort((x, y) => x[0] - y[0]).map(([, f]) => f);
  if (shared) (t as { files: Map<number, File> }).files = new Map();
  else {
    t.files.clear();
    for (const f of files) d.dropFile(f);
  }
  sys.kfunc('exit_fs');
  sys.kfunc('exit_task_work');
  d.runTaskWork();
  exitNotify(sys, d, t);
}

/** exit(2): do_exit((error_code & 0xff) << 8). */
function exit(sys: Sys, a: { error_code: number }): number {
  const d = new Deferred(sys);
  doExit(sys, d, sys.task, (a.error_code & 0xff) << 8);
  d.finish();
  return 0;
}

/** exit_group(2): do_group_exit(): zap_other_threads() (each exits with the group code), then do_exit(). */
function exitGroup(sys: Sys, a: { error_code: number }): number {
  const d = new Deferred(sys);
  const code = (a.error_code & 0xff) << 8;
  const others = [...sys.world.tasks.values()]
    .filter((t) => t !== sys.task && t.state === 'running' && sameThreadGroup(t, sys.task))
    .sort((x, y) => x.pid - y.pid);
  if (others.length) sys.kfunc('zap_other_threads', others.map((t) => t.pid).join(', '));
  for (const t of others) doExit(sys, d, t, code);
  doExit(sys, d, sys.task, code);
  d.finish();
  return 0;
}

const WNOHANG = 1;

/**
 * wait4(2): do_wait() → wait_consider_task() → wait_task_zombie() → release_task() (no security
 * calls in the wait itself). The model never sleeps: with no zombie child it returns 0 as WNOHANG
 * would. Returns the reaped child's pid; `out` gets its wait status.
 */
function wait4(sys: Sys, a: { pid: number; options: number }, out: { data: string }): number {
  const { world, task } = sys;
  const children = [...world.tasks.values()]
    .filter((t) => t.ppid === task.pid && isThreadGroupLeader(t) && (a.pid <= 0 ? true : t.pid === a.pid))
    .sort((x, y) => x.pid - y.pid);
  sys.kfunc('do_wait', a.pid > 0 ? `pid ${a.pid}` : 'any child');
  if (!children.length) return -ECHILD;
  const zombie = children.find((t) => t.state === 'zombie');
  if (!zombie) {
    sys.kfunc(
      'do_wait',
      a.options & WNOHANG ? 'WNOHANG: no child has exited' : 'no child has exited (the model does not sleep)',
    );
    return 0;
  }
  const d = new Deferred(sys);
  sys.kfunc('wait_task_zombie', `pid ${zombie.pid}, status 0x${zombie.exit_code.toString(16)}`);
  out.data = `pid ${zombie.pid} status 0x${zombie.exit_code.toString(16).padStart(4, '0')}`;
  releaseTask(sys, d, zombie);
  d.finish();
  return zombie.pid;
}

// ---------------------------------------------------------------------------------------------
// kill

/** kill_ok_by_cred(): the caller's uid or euid is the target's uid or suid, or CAP_KILL. */
function killOkByCred(sys: Sys, t: Task): boolean {
  const c = sys.task.cred;
  const tc = t.cred;
  const same = c.euid === tc.suid || c.euid === tc.uid || c.uid === tc.suid || c.uid === tc.uid;
  sys.kfunc(
    'kill_ok_by_cred',
    same ? 'uids match' : `uid ${c.uid}/euid ${c.euid} vs uid ${tc.uid}/suid ${tc.suid}: needs CAP_KILL`,
  );
  return same || capable(sys.ctx, c, CAP_KILL);
}

/**
 * check_kill_permission() (kernel/signal.c): valid_signal(), audit_signal_info(), then — unless
 * the target is in the caller's thread group — kill_ok_by_cred() (SIGCONT within a session aside;
 * sessions are not modelled), then security_task_kill(p, info, sig, NULL).
 */
function checkKillPermission(sys: Sys, sig: number, info: Struct<'kernel_siginfo'>, t: Task): number {
  if (sig < 0 || sig > _NSIG) return -EINVAL;
  sys.kfunc('check_kill_permission', `pid ${t.pid}`);
  sys.kfunc('audit_signal_info');
  if (!sameThreadGroup(sys.task, t) && !killOkByCred(sys, t)) return -EPERM;
  return sys.ctx.hook('task_kill', [t, info, sig, null]) as number;
}

/**
 * do_send_sig_info(): SIGKILL and SIGTERM (default action: terminate) end the whole thread group;
 * init (SIGNAL_UNKILLABLE) ignores signals it has no handler for; a zombie is past signals.
 * Other signals are delivered without an effect in the model.
 */
function doSendSigInfo(sys: Sys, d: Deferred, sig: number, t: Task): void {
  sys.kfunc('do_send_sig_info', `signal ${sig} to ${t.pid}`);
  if (t.state !== 'running') return;
  if (sig !== SIGKILL && sig !== SIGTERM) {
    sys.kfunc('send_signal_locked', 'delivered; its effect is not modelled');
    return;
  }
  if (tgidOf(t) === 1) {
    sys.kfunc('sig_task_ignored', 'init is SIGNAL_UNKILLABLE: the signal is dropped');
    return;
  }
  const group = [...sys.world.tasks.values()]
    .filter((o) => o.state === 'running' && sameThreadGroup(o, t))
    .sort((x, y) => x.pid - y.pid);
  sys.kfunc('complete_signal', `fatal: ${group.map((o) => o.pid).join(', ')} exit`);
  for (const o of group) doExit(sys, d, o, sig);
}

/** group_send_sig_info(): the permission check, then delivery unless the signal is 0. */
function groupSendSigInfo(sys: Sys, d: Deferred, sig: number, info: Struct<'kernel_siginfo'>, t: Task): number {
  const rc = checkKillPermission(sys, sig, info, t);
  if (!rc && sig) doSendSigInfo(sys, d, sig, t);
  return rc;
}

/**
 * kill(2): prepare_kill_siginfo() (SI_USER) → kill_something_info(): pid > 0 → kill_proc_info()
 * (-ESRCH without such a pid) → group_send_sig_info(); pid -1 → every process but init and the
 * caller's. Process groups (pid 0, pid < -1) are not modelled: -ESRCH.
 */
function kill(sys: Sys, a: { pid: number; sig: number }): number {
  const { world, task } = sys;
  const info: Struct<'kernel_siginfo'> = {
    struct: 'kernel_siginfo',
    addr: world.addr(),
    security: null,
    fields: { si_signo: a.sig, si_code: SI_USER, si_pid: tgidOf(task), si_uid: task.cred.uid },
  };
  const d = new Deferred(sys);
  let rc: number;
  if (a.pid > 0) {
    sys.kfunc('kill_proc_info', `pid ${a.pid}`);
    const t = world.tasks.get(a.pid);
    rc = t ? groupSendSigInfo(sys, d, a.sig, info, t) : -ESRCH;
  } else if (a.pid === -1) {
    let count = 0;
    rc = 0;
    const targets = [...world.tasks.values()]
      .filter((p) => p.pid > 1 && isThreadGroupLeader(p) && !sameThreadGroup(p, task))
      .sort((x, y) => x.pid - y.pid);
    for (const p of targets) {
      if (!world.tasks.has(p.pid)) continue;
      const err = groupSendSigInfo(sys, d, a.sig, info, p);
      count++;
      if (err !== -EPERM) rc = err;
    }
    if (!count) rc = -ESRCH;
  } else {
    sys.kfunc('__kill_pgrp_info', 'process groups are not modelled');
    rc = -ESRCH;
  }
  d.finish();
  return rc;
}

// ---------------------------------------------------------------------------------------------
// ptrace

/** ptrace_has_cap(): ns_capable(CAP_SYS_PTRACE), without audit for PTRACE_MODE_NOAUDIT. */
function ptraceHasCap(sys: Sys, mode: number): boolean {
  return capable(sys.ctx, sys.task.cred, CAP_SYS_PTRACE, mode & PTRACE_MODE_NOAUDIT ? CAP_OPT_NOAUDIT : 0);
}

/**
 * __ptrace_may_access() (kernel/ptrace.c): the same thread group is allowed before any LSM; the
 * caller's uid/gid (fsuid/fsgid for FSCREDS) must equal all of the target's real, effective and
 * saved ids, or CAP_SYS_PTRACE; a non-dumpable target needs CAP_SYS_PTRACE too; then
 * security_ptrace_access_check(task, mode).
 */
function ptraceMayAccess(sys: Sys, t: Task, mode: number): number {
  sys.kfunc('__ptrace_may_access', `pid ${t.pid}, mode 0x${mode.toString(16)}`);
  if (sameThreadGroup(t, sys.task)) return 0;
  const c = sys.task.cred;
  const [uid, gid] = mode & PTRACE_MODE_FSCREDS ? [c.fsuid, c.fsgid] : [c.uid, c.gid];
  const tc = t.cred;
  const idsMatch =
    uid === tc.euid && uid === tc.suid && uid === tc.uid && gid === tc.egid && gid === tc.sgid && gid === tc.gid;
  if (!idsMatch && !ptraceHasCap(sys, mode)) return -EPERM;
  // task_still_dumpable()
  if (t.dumpable !== SUID_DUMP_USER) {
    sys.kfunc('task_still_dumpable', `pid ${t.pid} is not dumpable`);
    if (!ptraceHasCap(sys, mode)) return -EPERM;
  }
  return sys.ctx.hook('ptrace_access_check', [t, mode]) as number;
}

/**
 * ptrace_attach(): PTRACE_SEIZE argument checks, audit_ptrace(), the caller's own thread group
 * (-EPERM), __ptrace_may_access(PTRACE_MODE_ATTACH_REALCREDS), then an exiting or already traced
 * target (-EPERM), ptrace_link().
 */
function ptraceAttach(sys: Sys, t: Task, request: number, addr: number, data: number): number {
  if (request === PTRACE_SEIZE && (addr !== 0 || data & ~PTRACE_O_MASK)) return -EIO;
  sys.kfunc('ptrace_attach', `pid ${t.pid}`);
  sys.kfunc('audit_ptrace');
  if (sameThreadGroup(t, sys.task)) return -EPERM;
  const rc = ptraceMayAccess(sys, t, PTRACE_MODE_ATTACH_REALCREDS);
  if (rc) return rc;
  if (t.state !== 'running' || t.ptracer) return -EPERM;
  t.ptracer = sys.task.pid;
  sys.kfunc('ptrace_link', `tracer ${sys.task.pid}`);
  return 0;
}

/** ptrace_traceme(): not yet traced, then security_ptrace_traceme(current->parent); the parent becomes the tracer. */
function ptraceTraceme(sys: Sys): number {
  const task = sys.task;
  sys.kfunc('ptrace_traceme');
  if (task.ptracer) return -EPERM;
  const parent = sys.world.tasks.get(task.ppid) ?? sys.machine.kernel.initTask;
  const rc = sys.ctx.hook('ptrace_traceme', [parent]) as number;
  if (!rc) task.ptracer = task.ppid;
  return rc;
}

/**
 * ptrace(2) (kernel/ptrace.c SYSCALL_DEFINE4(ptrace)): PTRACE_TRACEME; otherwise
 * find_get_task_by_vpid() (-ESRCH), PTRACE_ATTACH/SEIZE → ptrace_attach(); other requests need
 * the caller to be the tracer (ptrace_check_attach(), -ESRCH). PTRACE_DETACH detaches; the
 * arch_ptrace() requests are not modelled (-EIO).
 */
function ptrace(sys: Sys, a: { request: number; pid: number; addr: number; data: number }): number {
  if (a.request === PTRACE_TRACEME) return ptraceTraceme(sys);
  sys.kfunc('find_get_task_by_vpid', `pid ${a.pid}`);
  const t = sys.world.tasks.get(a.pid);
  if (!t) return -ESRCH;
  if (a.request === PTRACE_ATTACH || a.request === PTRACE_SEIZE) return ptraceAttach(sys, t, a.request, a.addr, a.data);
  sys.kfunc('ptrace_check_attach');
  if (t.ptracer !== sys.task.pid) return -ESRCH;
  if (a.request === PTRACE_DETACH) {
    if (a.data < 0 || a.data > _NSIG) return -EIO;
    sys.kfunc('ptrace_detach', `pid ${t.pid}`);
    t.ptracer = 0;
    return 0;
  }
  return -EIO;
}

// ---------------------------------------------------------------------------------------------
// setuid, setresuid, prctl

/** uid_valid(make_kuid(ns, uid)): (uid_t)-1 is invalid. */
const uidValid = (uid: number): boolean => uid >= 0 && uid < 0xffffffff;

/** AT_EACCESS (include/uapi/linux/fcntl.h): faccessat() checks with the effective ids. */
const AT_EACCESS = 0x200;
/** SECURE_NO_SETUID_FIXUP (include/uapi/linux/securebits.h), bit 2 of securebits. */
const SECURE_NO_SETUID_FIXUP = 1 << 2;

/**
 * access_need_override_creds() (fs/open.c): not with AT_EACCESS; yes when the fsuid or fsgid is
 * not the real one; and (without SECURE_NO_SETUID_FIXUP) when a non-root uid holds effective
 * capabilities, or root's effective set is not its permitted set.
 */
function accessNeedOverrideCreds(cred: Cred, flags: number): boolean {
  if (flags & AT_EACCESS) return false;
  if (cred.fsuid !== cred.uid || cred.fsgid !== cred.gid) return true;
  if (!(cred.securebits & SECURE_NO_SETUID_FIXUP)) {
    if (cred.uid !== 0) return cred.cap_effective !== 0n;
    return cred.cap_effective !== cred.cap_permitted;
  }
  return false;
}

/**
 * faccessat2(2), faccessat(2) and access(2) (fs/open.c do_faccessat()): a mode beyond
 * R_OK|W_OK|X_OK or an unknown flag is -EINVAL. access() answers for the real ids: unless
 * AT_EACCESS, when access_need_override_creds() says the current cred differs,
 * access_override_creds() makes one (prepare_creds(): cred_prepare) with fsuid = uid, fsgid = gid
 * and, without SECURE_NO_SETUID_FIXUP, no effective capabilities for a non-root uid (root's
 * permitted set for root), and override_creds() installs it for the call. Then the walk (the last
 * component followed unless AT_SYMLINK_NOFOLLOW), -EACCES for X_OK on a regular file of a noexec
 * mount, inode_permission(mode | MAY_ACCESS), -EROFS for W_OK on a read-only mount (not for
 * devices, FIFOs or sockets), and put_cred(revert_creds()): the override cred is marked non_rcu,
 * so put_cred_rcu() → security_cred_free runs at once, not after a grace period.
 */
function faccessat(sys: Sys, a: { dfd: number; path: string; mode: number; flags: number }): number {
  if (a.mode & ~0o7) return -EINVAL;
  if (a.flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) return -EINVAL;
  const task = sys.task;
  const old = task.cred;
  let override: MutableCred | null = null;
  if (accessNeedOverrideCreds(old, a.flags)) {
    sys.kfunc('access_override_creds', `the real ids: fsuid ${old.uid}, fsgid ${old.gid}`);
    override = prepareCreds(sys, old);
    if (!override) return -ENOMEM;
    override.fsuid = override.uid;
    override.fsgid = override.gid;
    if (!(override.securebits & SECURE_NO_SETUID_FIXUP))
      override.cap_effective = override.uid !== 0 ? 0n : override.cap_permitted;
    (task as { cred: Cred }).cred = override;
    sys.ctx.setCurrentCred(override);
  }
  try {
    return accessCheck(sys, a);
  } finally {
    if (override) {
      (task as { cred: Cred }).cred = old;
      sys.ctx.setCurrentCred(old);
      sys.kfunc('put_cred', 'revert_creds(): the override cred is non_rcu, so put_cred_rcu() runs now');
      sys.ctx.free('cred', override);
    }
  }
}

/** do_faccessat() between override_creds() and revert_creds(). */
function accessCheck(sys: Sys, a: { dfd: number; path: string; mode: number; flags: number }): number {
  const path = atPath(sys, a.dfd, a.path, !(a.flags & AT_SYMLINK_NOFOLLOW), (a.flags & AT_EMPTY_PATH) !== 0);
  if (typeof path === 'number') return path;
  const inode = path.dentry.d_inode!;
  const name = () => sys.world.pathName(path);
  if (a.mode & MAY_EXEC && isReg(inode) && pathNoexec(path)) {
    sys.kfunc('path_noexec', () => `${name()}: the mount does not allow execution`);
    return -EACCES;
  }
  const rc = inodePermission(sys.ctx, sys.task.cred, inode, a.mode | MAY_ACCESS, name);
  if (rc || !(a.mode & MAY_WRITE) || !(isReg(inode) || isDir(inode) || isLnk(inode))) return rc;
  if (path.mnt.mnt_flags & MNT_READONLY || path.mnt.mnt_sb.s_flags & SB_RDONLY) return -EROFS;
  return 0;
}

/**
 * setuid(2): __sys_setuid() (kernel/sys.c): prepare_creds() (cred_prepare),
 * ns_capable_setid(CAP_SETUID) → capable (CAP_OPT_INSETID): with it uid and suid change too;
 * without it only a switch to the real or saved uid; euid = fsuid = uid;
 * security_task_fix_setuid(new, old, LSM_SETID_ID) (capability: cap_task_fix_setuid()); commit_creds(). Errors: abort_creds().
 */
function setuid(sys: Sys, a: { uid: number }): number {
  if (!uidValid(a.uid)) return -EINVAL;
  const d = new Deferred(sys);
  const rc = doSetuid(sys, d, a.uid);
  d.finish();
  return rc;
}

function doSetuid(sys: Sys, d: Deferred, uid: number): number {
  const old = sys.task.cred;
  const cred = prepareCreds(sys, old);
  if (!cred) return -ENOMEM;
  if (capable(sys.ctx, old, CAP_SETUID, CAP_OPT_INSETID)) {
    cred.suid = cred.uid = uid;
    if (uid !== old.uid) sys.kfunc('set_user', `uid ${uid}`);
  } else if (uid !== old.uid && uid !== cred.suid) {
    abortCreds(sys, d, cred);
    return -EPERM;
  }
  cred.fsuid = cred.euid = uid;
  const rc = sys.ctx.hook('task_fix_setuid', [cred, old, LSM_SETID_ID]) as number;
  if (rc < 0) {
    abortCreds(sys, d, cred);
    return rc;
  }
  commitCreds(sys, d, sys.task, cred);
  return 0;
}

/**
 * setresuid(2): __sys_setresuid(): a no-op returns 0 before anything; an id that is none of the
 * current real/effective/saved ones needs ns_capable_setid(CAP_SETUID) — checked *before*
 * prepare_creds(); then the ids, fsuid = euid,
 * security_task_fix_setuid(LSM_SETID_RES) (capability: cap_task_fix_setuid()), commit_creds(). -1 leaves an id unchanged.
 */
function setresuid(sys: Sys, a: { ruid: number; euid: number; suid: number }): number {
  const keep = (v: number) => v === -1 || v === 0xffffffff;
  for (const v of [a.ruid, a.euid, a.suid]) if (!keep(v) && !uidValid(v)) return -EINVAL;
  const old = sys.task.cred;
  if (
    (keep(a.ruid) || a.ruid === old.uid) &&
    (keep(a.euid) || (a.euid === old.euid && a.euid === old.fsuid)) &&
    (keep(a.suid) || a.suid === old.suid)
  )
    return 0;
  const isNew = (v: number) => !keep(v) && v !== old.uid && v !== old.euid && v !== old.suid;
  if ((isNew(a.ruid) || isNew(a.euid) || isNew(a.suid)) && !capable(sys.ctx, old, CAP_SETUID, CAP_OPT_INSETID))
    return -EPERM;
  const d = new Deferred(sys);
  const rc = ((): number => {
    const cred = prepareCreds(sys, old);
    if (!cred) return -ENOMEM;
    if (!keep(a.ruid)) {
      cred.uid = a.ruid;
      if (a.ruid !== old.uid) sys.kfunc('set_user', `uid ${a.ruid}`);
    }
    if (!keep(a.euid)) cred.euid = a.euid;
    if (!keep(a.suid)) cred.suid = a.suid;
    cred.fsuid = cred.euid;
    const r = sys.ctx.hook('task_fix_setuid', [cred, old, LSM_SETID_RES]) as number;
    if (r < 0) {
      abortCreds(sys, d, cred);
      return r;
    }
    commitCreds(sys, d, sys.task, cred);
    return 0;
  })();
  d.finish();
  return rc;
}

/**
 * prctl(2) (kernel/sys.c): security_task_prctl() first (its own loop: -ENOSYS means no LSM took
 * the option); only then the generic switch: PR_GET/SET_DUMPABLE, PR_SET/GET_NAME,
 * PR_SET/GET_NO_NEW_PRIVS. Other options are not modelled (-EINVAL).
 */
function prctl(
  sys: Sys,
  a: { option: number; arg2: number; arg3: number; arg4: number; arg5: number; name: string },
  out: { data: string },
): number {
  const { task } = sys;
  // cap_task_prctl() changes current's cred with prepare_creds()/commit_creds(): lent to the hooks.
  const d = new Deferred(sys);
  const rc = sys.machine.kernel.withCredOps(
    {
      prepare: () => prepareCreds(sys, task.cred),
      commit: (cred) => {
        commitCreds(sys, d, task, cred as Cred);
        return 0;
      },
    },
    () => sys.ctx.hook('task_prctl', [a.option, a.arg2, a.arg3, a.arg4, a.arg5]) as number,
  );
  d.finish();
  if (rc !== -ENOSYS) return rc;
  switch (a.option) {
    case PR_GET_DUMPABLE:
      return task.dumpable;
    case PR_SET_DUMPABLE:
      if (a.arg2 !== SUID_DUMP_DISABLE && a.arg2 !== SUID_DUMP_USER) return -EINVAL;
      sys.kfunc('set_dumpable', String(a.arg2));
      task.dumpable = a.arg2;
      procPidRevalidate(sys.world, task);
      return 0;
    case PR_SET_NAME:
      task.comm = a.name.slice(0, COMM_MAX);
      sys.kfunc('set_task_comm', task.comm);
      return 0;
    case PR_GET_NAME:
      out.data = task.comm;
      return 0;
    case PR_SET_NO_NEW_PRIVS:
      if (a.arg2 !== 1 || a.arg3 || a.arg4 || a.arg5) return -EINVAL;
      sys.kfunc('task_set_no_new_privs');
      task.no_new_privs = true;
      return 0;
    case PR_GET_NO_NEW_PRIVS:
      if (a.arg2 || a.arg3 || a.arg4 || a.arg5) return -EINVAL;
      return task.no_new_privs ? 1 : 0;
    default:
      return -EINVAL;
  }
}

registerSyscalls([
  {
    name: 'clone',
    nr: 56,
    doc: 'Create a task: kernel_clone() → copy_process(): copy_creds() (cred_prepare) → security_task_alloc → copy_files/fs/mm → alloc_pid().',
    args: [{ name: 'flags', kind: 'flags', default: SIGCHLD }],
    run: (sys, a) => {
      // Legacy clone(): the low byte is the exit signal, the rest lower_32_bits(clone_flags).
      const raw = Number(a['flags']) >>> 0;
      return kernelClone(sys, (raw & ~CSIGNAL) >>> 0, raw & CSIGNAL, `clone(0x${raw.toString(16)})`);
    },
  },
  {
    name: 'fork',
    nr: 57,
    doc: 'Create a process: kernel_clone(SIGCHLD) → copy_process(): prepare_creds (cred_prepare) → security_task_alloc.',
    args: [],
    run: (sys) => kernelClone(sys, 0, SIGCHLD, 'fork()'),
  },
  {
    name: 'vfork',
    nr: 58,
    doc: 'Create a process sharing the mm: kernel_clone(CLONE_VFORK|CLONE_VM, SIGCHLD) → copy_process().',
    args: [],
    run: (sys) => kernelClone(sys, CLONE_VFORK | CLONE_VM, SIGCHLD, 'vfork()'),
  },
  {
    name: 'execve',
    nr: 59,
    doc: 'Run a program: do_open_execat() → prepare_bprm_creds() → bprm_creds_for_exec → bprm_check_security → begin_new_exec() (bprm_creds_from_file, commit_creds) → mmap_file/mmap_addr.',
    args: [
      { name: 'path', kind: 'path' },
      { name: 'argv', kind: 'string', default: '' },
    ],
    run: (sys, a) => execve(sys, a as { path: string; argv: string }),
  },
  {
    name: 'exit',
    nr: 60,
    doc: 'End the calling thread: do_exit() → exit_files() (file_release) → exit_notify(); reaping runs task_free and cred_free.',
    args: [{ name: 'error_code', kind: 'int', default: 0 }],
    run: (sys, a) => exit(sys, a as { error_code: number }),
  },
  {
    name: 'wait4',
    nr: 61,
    doc: 'Reap a child: do_wait() → wait_task_zombie() → release_task() (task_free, cred_free).',
    args: [
      { name: 'pid', kind: 'pid', default: -1 },
      { name: 'options', kind: 'flags', default: 0 },
    ],
    run: (sys, a, out) => wait4(sys, a as { pid: number; options: number }, out),
  },
  {
    name: 'kill',
    nr: 62,
    doc: 'Send a signal: kill_something_info() → check_kill_permission() → kill_ok_by_cred() (CAP_KILL) → security_task_kill.',
    args: [
      { name: 'pid', kind: 'pid' },
      { name: 'sig', kind: 'signal', default: SIGTERM },
    ],
    run: (sys, a) => kill(sys, a as { pid: number; sig: number }),
  },
  {
    name: 'ptrace',
    nr: 101,
    doc: 'Trace a process: ptrace_attach() → __ptrace_may_access() (CAP_SYS_PTRACE, dumpable) → security_ptrace_access_check; PTRACE_TRACEME → security_ptrace_traceme.',
    args: [
      { name: 'request', kind: 'int' },
      { name: 'pid', kind: 'pid', default: 0 },
      { name: 'addr', kind: 'int', default: 0 },
      { name: 'data', kind: 'int', default: 0 },
    ],
    run: (sys, a) => ptrace(sys, a as { request: number; pid: number; addr: number; data: number }),
  },
  {
    name: 'faccessat2',
    nr: 439,
    doc: 'Check access with the real ids: do_faccessat() → access_override_creds() (prepare_creds: cred_prepare) → walk → inode_permission(mode|MAY_ACCESS) → security_inode_permission → put_cred (cred_free).',
    args: [
      { name: 'dfd', kind: 'fd', default: AT_FDCWD },
      { name: 'path', kind: 'path' },
      { name: 'mode', kind: 'accessMode', default: 0 },
      { name: 'flags', kind: 'accessFlags', default: 0 },
    ],
    run: (sys, a) => faccessat(sys, a as { dfd: number; path: string; mode: number; flags: number }),
  },
  {
    name: 'access',
    nr: 21,
    doc: 'Check access with the real ids: do_faccessat(AT_FDCWD, path, mode, 0), as faccessat2.',
    args: [
      { name: 'path', kind: 'path' },
      { name: 'mode', kind: 'accessMode', default: 0 },
    ],
    run: (sys, a) => faccessat(sys, { dfd: AT_FDCWD, path: String(a['path']), mode: Number(a['mode']), flags: 0 }),
  },
  {
    name: 'setuid',
    nr: 105,
    doc: 'Set the user id: __sys_setuid(): prepare_creds (cred_prepare) → capable(CAP_SETUID) → security_task_fix_setuid → commit_creds.',
    args: [{ name: 'uid', kind: 'uid' }],
    run: (sys, a) => setuid(sys, a as { uid: number }),
  },
  {
    name: 'setresuid',
    nr: 117,
    doc: 'Set real/effective/saved uid: __sys_setresuid(): capable(CAP_SETUID) → prepare_creds (cred_prepare) → security_task_fix_setuid → commit_creds.',
    args: [
      { name: 'ruid', kind: 'uid', default: -1 },
      { name: 'euid', kind: 'uid', default: -1 },
      { name: 'suid', kind: 'uid', default: -1 },
    ],
    run: (sys, a) => setresuid(sys, a as { ruid: number; euid: number; suid: number }),
  },
  {
    name: 'prctl',
    nr: 157,
    doc: 'Process control: security_task_prctl, then (on -ENOSYS) the generic switch: no_new_privs, dumpable, name.',
    args: [
      { name: 'option', kind: 'int' },
      { name: 'arg2', kind: 'int', default: 0 },
      { name: 'arg3', kind: 'int', default: 0 },
      { name: 'arg4', kind: 'int', default: 0 },
      { name: 'arg5', kind: 'int', default: 0 },
      { name: 'name', kind: 'string', default: '' },
    ],
    run: (sys, a, out) =>
      prctl(sys, a as { option: number; arg2: number; arg3: number; arg4: number; arg5: number; name: string }, out),
  },
  {
    name: 'exit_group',
    nr: 231,
    doc: 'End the process: do_group_exit() → zap_other_threads() → do_exit() for each thread.',
    args: [{ name: 'error_code', kind: 'int', default: 0 }],
    run: (sys, a) => exitGroup(sys, a as { error_code: number }),
  },
]);
