// Per-task kernel state the Task interface does not carry, and the reference questions the exit
// and exec paths ask. Kept beside the task (WeakMaps keyed by the Task object, as taskMemory.ts
// does) so the world's plain Task records stay as they are:
// - the thread group (task->tgid; CLONE_THREAD children share their creator's),
// - exit_signal (SIGCHLD for fork(), `flags & CSIGNAL` for clone(), -1 for threads),
// - mm->exe_file, the struct file the ELF segments and /proc/<pid>/exe hold.
// References are counted by reachability, which is what the kernel's refcounts amount to here: a
// struct file is live while some task's fd table or mm holds it; a cred while some task, or some
// open file (f_cred), holds it.
import type { File, Cred, Task } from './types';
import type { World } from './world';

interface TaskExtra {
  tgid: number;
  exit_signal: number;
  exe_file: File | null;
}

const EXTRA = new WeakMap<Task, TaskExtra>();
/** Every file that has been some task's mm->exe_file: only these can be held that way. */
const EXE_FILES = new WeakSet<File>();

function extra(t: Task): TaskExtra {
  let e = EXTRA.get(t);
  if (!e) {
    // The default world's tasks are thread group leaders forked with SIGCHLD, with no exe_file
    // object (their binaries were not opened through this model).
    e = { tgid: t.pid, exit_signal: 17, exe_file: null };
    EXTRA.set(t, e);
  }
  return e;
}

/** task->tgid: the thread group (process) id. */
export function tgidOf(t: Task): number {
  return extra(t).tgid;
}

/** same_thread_group(). */
export function sameThreadGroup(a: Task, b: Task): boolean {
  return tgidOf(a) === tgidOf(b);
}

/** thread_group_leader(). */
export function isThreadGroupLeader(t: Task): boolean {
  return tgidOf(t) === t.pid;
}

/** task->exit_signal. */
export function exitSignalOf(t: Task): number {
  return extra(t).exit_signal;
}

/** mm->exe_file (null when the model never opened the binary). */
export function exeFileOf(t: Task): File | null {
  return extra(t).exe_file;
}

/** Records the new task's thread group, exit signal and mm->exe_file (copy_process()). */
export function setTaskExtra(t: Task, tgid: number, exitSignal: number, exeFile: File | null): void {
  if (exeFile) EXE_FILES.add(exeFile);
  EXTRA.set(t, { tgid, exit_signal: exitSignal, exe_file: exeFile });
}

export function setExeFile(t: Task, f: File | null): void {
  if (f) EXE_FILES.add(f);
  extra(t).exe_file = f;
}

/** Tasks that still hold files and an mm: running ones (a zombie has passed exit_files()/exit_mm()). */
function liveTasks(world: World): Task[] {
  return [...world.tasks.values()].filter((t) => t.state === 'running');
}

/** Some live task's fd table or mm (exe_file, the ELF mappings) still holds `f`. */
export function fileInUse(world: World, f: File): boolean {
  // Loops rather than liveTasks(): close(2) asks this on every call, and copies cost more than the walk.
  // A file that was never an exe_file is not one now: no per-task look-up of the task's extras.
  const exe = EXE_FILES.has(f);
  for (const t of world.tasks.values()) {
    if (t.state !== 'running') continue;
    if (exe && exeFileOf(t) === f) return true;
    for (const held of t.files.values()) if (held === f) return true;
  }
  return false;
}

/** Another live task shares this fd table (CLONE_FILES). */
export function filesShared(world: World, t: Task): boolean {
  return liveTasks(world).some((o) => o !== t && o.files === t.files);
}

/** Some task (zombies included: their cred goes at __put_task_struct()) or open file holds `cred`. */
export function credInUse(world: World, cred: Cred): boolean {
  for (const t of world.tasks.values()) {
    if (t.cred === cred) return true;
    if (t.state !== 'running') continue;
    if (exeFileOf(t)?.f_cred === cred) return true;
    for (const f of t.files.values()) if (f.f_cred === cred) return true;
  }
  return false;
}
