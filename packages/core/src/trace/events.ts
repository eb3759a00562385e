// The trace: an ordered list of plain JSON events that the UI replays. Nothing in it is a live
// object; kernel objects appear as `ArgSummary` values.

/** A hook argument as the trace records it. */
export type ArgSummary =
  | { readonly kind: 'struct'; readonly struct: string; readonly addr: number }
  | { readonly kind: 'null' }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'bigint'; readonly value: string }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'ref' }
  | { readonly kind: 'other' };

/** How a hook head is walked: the generic macros or one of the open-coded loops of security.c. */
export type DispatchKind =
  | 'call_int_hook'
  | 'call_void_hook'
  | 'first_only'
  | 'targeted_lsm'
  | 'aggregate'
  | 'vm_enough_memory'
  | 'fs_context_parse_param'
  | 'task_prctl'
  | 'inode_init_security'
  | 'xattr_with_capability';

/** What one LSM callback's return value means to the dispatch loop. */
export type Verdict = 'default' | 'allow' | 'deny' | 'value' | 'void';

interface Base {
  /** Position in the trace, from 0. */
  readonly seq: number;
  /** Virtual time in nanoseconds since boot. */
  readonly t: number;
  /** Nesting depth: a hook called from inside another hook's callback is one deeper. */
  readonly depth: number;
}

export type TraceEvent =
  | (Base & {
      readonly type: 'syscall_enter';
      readonly pid: number;
      readonly comm: string;
      readonly name: string;
      /** The arguments as strace would print them. */
      readonly args: readonly string[];
    })
  | (Base & {
      readonly type: 'syscall_exit';
      readonly pid: number;
      readonly name: string;
      readonly ret: number;
      readonly errno: string | null;
    })
  | (Base & {
      /** A kernel function on the syscall's path, e.g. may_open() or do_dentry_open(). */
      readonly type: 'kfunc';
      readonly fn: string;
      readonly note: string | null;
    })
  | (Base & {
      /** A discretionary access check: generic_permission() and its capability overrides. */
      readonly type: 'dac';
      readonly fn: string;
      readonly path: string;
      readonly mask: string;
      readonly rc: number;
      readonly reason: string;
    })
  | (Base & {
      readonly type: 'hook_enter';
      readonly hook: string;
      readonly args: readonly ArgSummary[];
      readonly dispatch: DispatchKind;
      /** The LSMs on this hook's head, in call order. */
      readonly head: readonly string[];
      readonly defaultRc: number | null;
    })
  | (Base & {
      readonly type: 'lsm_call';
      readonly hook: string;
      readonly lsm: string;
      readonly lsmId: number;
    })
  | (Base & {
      readonly type: 'lsm_return';
      readonly hook: string;
      readonly lsm: string;
      readonly rc: number | null;
      readonly errno: string | null;
      readonly verdict: Verdict;
      /** Set when the callback is a stand-in for policy the model does not implement. */
      readonly simplified: string | null;
    })
  | (Base & {
      readonly type: 'short_circuit';
      readonly hook: string;
      readonly lsm: string;
      readonly rc: number;
      /** The LSMs on the head that were not called. */
      readonly skipped: readonly string[];
      readonly reason: string;
    })
  | (Base & {
      readonly type: 'hook_exit';
      readonly hook: string;
      readonly rc: number | null;
      readonly errno: string | null;
      /** One line on how the result was reached (which rule of the dispatch loop applied). */
      readonly note: string | null;
    })
  | (Base & {
      readonly type: 'printk';
      readonly level: number;
      readonly text: string;
    })
  | (Base & {
      readonly type: 'blob_alloc';
      readonly blob: string;
      readonly size: number;
      readonly owner: { readonly struct: string; readonly addr: number };
    })
  | (Base & {
      readonly type: 'blob_free';
      readonly blob: string;
      readonly size: number;
      readonly owner: { readonly struct: string; readonly addr: number };
    })
  | (Base & {
      /** An audit record (printed to the log as "audit: type=N audit(...): text" without auditd). */
      readonly type: 'audit';
      readonly recordType: number;
      readonly typeName: string;
      readonly serial: number;
      readonly stamp: string;
      readonly lsm: string;
      readonly text: string;
    })
  | (Base & {
      readonly type: 'oops';
      readonly kind: OopsKind;
      readonly lsm: string | null;
      readonly hook: string | null;
      readonly message: string;
    });

export type TraceEventType = TraceEvent['type'];

/** An oops's kind: an exception, a BUG(), a WARN(), a soft lockup, an allocation failure. */
export type OopsKind = 'exception' | 'bug' | 'warn' | 'softlockup' | 'oom';

/** Distributive Omit, so each union member keeps its own fields. */
export type EventInput<E = TraceEvent> = E extends TraceEvent ? Omit<E, 'seq' | 't' | 'depth'> : never;
