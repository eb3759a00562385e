// Each task's user address space as the lsm_* syscalls see it: a UserMemory per task (created on
// first use), so buffers one process allocates are not visible to another.
import { UserMemory } from '../syscalls/userMemory';
import type { Task } from './types';

const MEMORY = new WeakMap<Task, UserMemory>();

/** The calling task's user memory (mm_struct as far as copy_{to,from}_user() reach). */
export function taskMemory(task: Task): UserMemory {
  let mem = MEMORY.get(task);
  if (!mem) {
    mem = new UserMemory();
    MEMORY.set(task, mem);
  }
  return mem;
}
