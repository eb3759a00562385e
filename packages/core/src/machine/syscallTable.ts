// The syscall table: each simulated syscall is one declarative record (name, x86_64 number,
// argument kinds for validation and strace-like formatting, and the body).
import type { SyscallContext } from '../kernel';
import type { KernelVersion } from '../version';
import type { Lazy } from './dac';
import type { Machine } from './machine';
import type { Task } from './types';
import type { World } from './world';

/** How an argument is validated and printed. */
export type ArgKind =
  | 'int'
  | 'fd'
  | 'path'
  | 'string'
  | 'openFlags'
  | 'atFlags'
  | 'accessFlags'
  | 'accessMode'
  | 'mode'
  | 'uid'
  | 'gid'
  | 'pid'
  | 'signal'
  | 'flags'
  | 'bytes';

export interface ArgSpec {
  readonly name: string;
  readonly kind: ArgKind;
  /** Used when a scenario step or the shell leaves the argument out. */
  readonly default?: number | string;
}

/** What a syscall body gets: the kernel context, the world, the calling task and the machine. */
export interface Sys {
  readonly ctx: SyscallContext;
  readonly world: World;
  readonly task: Task;
  readonly machine: Machine;
  readonly version: KernelVersion;
  /** Records a kernel function on the path in the trace; a function `note` is called only when recording. */
  kfunc(fn: string, note?: Lazy<string>): void;
}

export type SyscallArgs = Readonly<Record<string, number | string>>;

export interface SyscallDef {
  readonly name: string;
  /** x86_64 syscall number (arch/x86/entry/syscalls/syscall_64.tbl); null for unmerged ones. */
  readonly nr: number | null;
  readonly args: readonly ArgSpec[];
  /** One line: what the syscall does, and the kernel function chain it follows. */
  readonly doc: string;
  /** Returns the syscall's return value or -errno; text output goes to `out`. */
  run(sys: Sys, args: SyscallArgs, out: { data: string }): number;
}

const TABLE = new Map<string, SyscallDef>();

/** Adds syscalls to the table (each module of syscalls registers itself once). */
export function registerSyscalls(defs: readonly SyscallDef[]): void {
  for (const d of defs) {
    if (TABLE.has(d.name)) throw new Error(`syscall ${d.name} registered twice`);
    TABLE.set(d.name, d);
  }
}

export function syscallDef(name: string): SyscallDef | undefined {
  return TABLE.get(name);
}

export function syscallNames(): string[] {
  return [...TABLE.keys()];
}
