// What an in-tree LSM model is: the hooks of the real module that the model decides, with the
// policy behind them. inTreeLsms.ts gives every hook the real module registers a callback; the
// ones a model does not implement return the hook's default and carry a "not modelled" note.
import type { HookImpls, HookName } from '../hooks/hookDefs';
import type { LsmInitContext } from '../lsm/lsmInfo';
import type { KernelVersion } from '../version';
import type { Cred, Task } from '../machine/types';
import { utf8Encode } from '../util/utf8';

export interface InTreeModel {
  /** The LSM's name (lsm_id.name). */
  readonly name: string;
  /**
   * The hooks the model implements. Each must be one the real module registers in the version
   * (hook table `implementedBy`); models.test.ts checks it, and that init() returns exactly these.
   */
  readonly implemented: (version: KernelVersion) => readonly HookName[];
  /** A one-line "simplified" note for implemented hooks whose model leaves something out. */
  readonly notes?: Partial<Record<HookName, string>>;
  /**
   * The module's init: state, pseudo files, boot parameters, the boot policy file. Returns the
   * hook callbacks (exactly `implemented`) and init's return value (0 unless the module fails).
   */
  init(ctx: LsmInitContext, version: KernelVersion): { hooks: Partial<HookImpls>; rc?: number };
}

/** current as the machine's task (during boot: the idle task, which has only pid and comm fields). */
export function currentTask(ctx: LsmInitContext): Task {
  return ctx.currentTask() as unknown as Task;
}

export function currentCred(ctx: LsmInitContext): Cred {
  return ctx.currentCred() as unknown as Cred;
}

/** task_pid_nr(): the pid of a machine task or of the boot-time idle task. */
export function taskPid(t: { pid?: number; fields?: Readonly<Record<string, unknown>> }): number {
  return t.pid ?? Number(t.fields?.['pid'] ?? 0);
}

/** get_task_comm(). */
export function taskComm(t: { comm?: string; fields?: Readonly<Record<string, unknown>> }): string {
  return t.comm ?? String(t.fields?.['comm'] ?? 'swapper/0');
}

/**
 * audit_log_untrustedstring() (kernel/audit.c): a string is quoted unless it holds a character
 * audit_string_contains_control() flags (a quote, a control character, a space or anything past
 * 0x7e), in which case it is written in hex, upper case, unquoted.
 */
export function auditString(s: string): string {
  const bytes = utf8Encode(s);
  const needsHex = bytes.some((c) => c === 0x22 || c < 0x21 || c > 0x7e);
  if (!needsHex) return `"${s}"`;
  return [...bytes].map((c) => c.toString(16).toUpperCase().padStart(2, '0')).join('');
}

/** The `pid=N comm="x"` part most LSM audit records start their subject with (audit_log_task()). */
export function auditTask(t: { pid?: number; comm?: string; fields?: Readonly<Record<string, unknown>> }): string {
  return `pid=${taskPid(t)} comm=${auditString(taskComm(t))}`;
}
