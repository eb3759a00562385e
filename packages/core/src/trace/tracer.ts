// Records trace events with sequence numbers, virtual time and nesting depth.
//
// The hot event types (hook_enter, lsm_call, lsm_return, hook_exit, kfunc, dac, …) have their
// own methods that build the whole event, seq/t/depth included, in one object literal: every event
// of a type then has the same hidden class, and nothing is added to it after creation (adding
// properties later made the stores megamorphic and gave each event a second, out-of-object
// property array). When recording is off these methods only advance the clock, so the virtual time
// is the same with and without a trace; their arguments are values the caller already has, and
// anything costly to build (argument summaries, errno names) is made only when recording.
import { errnoName } from '../errno';
import { COST, type VirtualClock } from '../kernel/clock';
import type { Ref, Struct } from '../kernel/objects';
import type { ArgSummary, DispatchKind, EventInput, TraceEvent, Verdict } from './events';

// The modelled costs, read once: they are charged on every hook and callback, and a property of an
// imported binding is a getter call per read under vitest's module runner (what `pnpm bench` measures).
const HOOK_ENTER_NS = COST.hookEnter;
const LSM_CALLBACK_NS = COST.lsmCallback;
const PRINTK_NS = COST.printk;

/** The trace of a call that recorded nothing: one frozen empty array, shared (Tracer.reset()). */
const NO_EVENTS = Object.freeze([]) as unknown as TraceEvent[];

/** The LSM callback running now: which hook, which LSM. */
export interface RunningCallback {
  readonly hook: string;
  readonly lsm: string;
}

/**
 * Collects the events of one simulated call; the UI gets `events` and replays them. The kernel
 * reuses one Tracer for call after call (reset() gives it a new `events` array, as the last one
 * went out with its result), so a syscall does not pay for a new tracer.
 */
export class Tracer {
  /** This call's events; replaced, never emptied, by reset(): a result keeps the array it got. */
  events: TraceEvent[] = [];
  depth = 0;
  /** The LSM callback running now (for context checks such as might_sleep()). */
  current: RunningCallback | null = null;
  readonly clock: VirtualClock;
  /** When false, only printk, audit and oops events are kept (benchmarks, bulk runs). */
  recording: boolean;
  /**
   * The printk and audit events among `events`, in order (null while there are none): what the
   * machine copies to its log buffer and audit trail, without a pass over every event.
   */
  logged: (TraceEvent & { readonly type: 'printk' | 'audit' })[] | null = null;

  constructor(clock: VirtualClock, recording = true) {
    this.clock = clock;
    this.recording = recording;
  }

  /**
   * Ready for the next call on the same clock: no events, depth 0, nothing running. A call that
   * records nothing starts with the shared empty trace; its first printk, audit or oops event
   * gives it an array of its own.
   */
  reset(recording: boolean): void {
    this.events = recording ? [] : NO_EVENTS;
    this.depth = 0;
    this.current = null;
    this.logged = null;
    this.recording = recording;
  }

  /** Any event, completed with seq/t/depth; the rare types come through here. */
  emit(e: EventInput, cost = 0): TraceEvent {
    const t = cost ? this.clock.advance(cost) : this.clock.now();
    if (!this.recording && e.type !== 'printk' && e.type !== 'oops' && e.type !== 'audit') return e as TraceEvent;
    // Callers pass a fresh literal, so it is completed in place: an object spread here costs
    // ~2.5 µs per event on Node 20 (see docs/PERFORMANCE.md), assignment ~25 ns.
    const ev = e as unknown as { seq: number; t: number; depth: number } & TraceEvent;
    ev.seq = this.events.length;
    ev.t = t;
    ev.depth = this.depth;
    if (this.events === NO_EVENTS) this.events = [];
    this.events.push(ev);
    if (ev.type === 'printk' || ev.type === 'audit') (this.logged ??= []).push(ev);
    return ev;
  }

  printk(level: number, text: string): void {
    const t = this.clock.advance(PRINTK_NS);
    const ev = { type: 'printk', level, text, seq: this.events.length, t, depth: this.depth } as const;
    if (this.events === NO_EVENTS) this.events = [];
    this.events.push(ev);
    (this.logged ??= []).push(ev);
  }

  /** hook_enter: `args` are summarised only when recording. */
  hookEnter(
    hook: string,
    args: readonly unknown[],
    dispatch: DispatchKind,
    head: readonly string[],
    defaultRc: number | null,
  ): void {
    const t = this.clock.advance(HOOK_ENTER_NS);
    if (!this.recording) return;
    const summaries = summariseArgs(args);
    this.events.push({
      type: 'hook_enter',
      hook,
      args: summaries,
      dispatch,
      head,
      defaultRc,
      seq: this.events.length,
      t,
      depth: this.depth,
    });
  }

  lsmCall(hook: string, lsm: string, lsmId: number): void {
    const t = this.clock.advance(LSM_CALLBACK_NS);
    if (!this.recording) return;
    this.events.push({ type: 'lsm_call', hook, lsm, lsmId, seq: this.events.length, t, depth: this.depth });
  }

  lsmReturn(hook: string, lsm: string, rc: number | null, verdict: Verdict, simplified: string | null): void {
    if (!this.recording) return;
    this.events.push({
      type: 'lsm_return',
      hook,
      lsm,
      rc,
      errno: rc !== null && rc < 0 ? errnoText(rc) : null,
      verdict,
      simplified,
      seq: this.events.length,
      t: this.clock.now(),
      depth: this.depth,
    });
  }

  shortCircuit(hook: string, lsm: string, rc: number, skipped: readonly string[], reason: string): void {
    if (!this.recording) return;
    this.events.push({
      type: 'short_circuit',
      hook,
      lsm,
      rc,
      skipped,
      reason,
      seq: this.events.length,
      t: this.clock.now(),
      depth: this.depth,
    });
  }

  hookExit(hook: string, rc: number | null, note: string | null): void {
    if (!this.recording) return;
    this.events.push({
      type: 'hook_exit',
      hook,
      rc,
      errno: rc === null ? null : rc < 0 ? errnoText(rc) : null,
      note,
      seq: this.events.length,
      t: this.clock.now(),
      depth: this.depth,
    });
  }

  /** A kernel function on the path; callers skip building a costly `note` when not recording. */
  kfunc(fn: string, note: string | null): void {
    if (!this.recording) return;
    this.events.push({ type: 'kfunc', fn, note, seq: this.events.length, t: this.clock.now(), depth: this.depth });
  }

  dac(fn: string, path: string, mask: string, rc: number, reason: string): void {
    if (!this.recording) return;
    this.events.push({
      type: 'dac',
      fn,
      path,
      mask,
      rc,
      reason,
      seq: this.events.length,
      t: this.clock.now(),
      depth: this.depth,
    });
  }

  blob(type: 'blob_alloc' | 'blob_free', blob: string, size: number, owner: Struct): void {
    if (!this.recording) return;
    this.events.push({
      type,
      blob,
      size,
      owner: { struct: owner.struct, addr: owner.addr },
      seq: this.events.length,
      t: this.clock.now(),
      depth: this.depth,
    });
  }

  syscallEnter(pid: number, comm: string, name: string, args: readonly string[]): void {
    if (!this.recording) return;
    this.events.push({
      type: 'syscall_enter',
      pid,
      comm,
      name,
      args,
      seq: this.events.length,
      t: this.clock.now(),
      depth: this.depth,
    });
  }

  syscallExit(pid: number, name: string, ret: number): void {
    if (!this.recording) return;
    this.events.push({
      type: 'syscall_exit',
      pid,
      name,
      ret,
      errno: ret < 0 ? errnoText(ret) : null,
      seq: this.events.length,
      t: this.clock.now(),
      depth: this.depth,
    });
  }
}

// Argument summaries are immutable JSON values, so the common scalar ones are shared between events
// rather than made per event. Kernel objects get a summary per event: a WeakMap from object to
// summary saved about 5 bytes per event but made traced syscalls 40% slower (ephemeron tables).
const NULL_ARG: ArgSummary = { kind: 'null' };
const REF_ARG: ArgSummary = { kind: 'ref' };
const OTHER_ARG: ArgSummary = { kind: 'other' };
const BOOL_ARGS: readonly ArgSummary[] = [
  { kind: 'bool', value: false },
  { kind: 'bool', value: true },
];
const ERRNO_TEXT = new Map<number, string>();

/** errnoName() with one string per errno, shared by every event that reports it. */
function errnoText(rc: number): string {
  let text = ERRNO_TEXT.get(rc);
  if (text === undefined) {
    text = errnoName(rc);
    if (ERRNO_TEXT.size < MAX_SHARED_NUMBERS) ERRNO_TEXT.set(rc, text);
  }
  return text;
}

const NUMBER_ARGS = new Map<number, ArgSummary>();
/** Scalar summaries kept; past this many distinct values, new ones are made per event. */
const MAX_SHARED_NUMBERS = 4096;

/** The summaries of the small integers (-64 … 1023), by value + 64: most masks, flags and ids. */
const SMALL_INT_ARGS: (ArgSummary | undefined)[] = new Array<ArgSummary | undefined>(1088).fill(undefined);

/** A number's summary, shared by every event that passes the same value (masks, flags, ids). */
function numberArg(v: number): ArgSummary {
  const i = v | 0;
  if (i === v && i >= -64 && i < 1024 && !Object.is(v, -0)) {
    return (SMALL_INT_ARGS[i + 64] ??= { kind: 'number', value: v });
  }
  let s = NUMBER_ARGS.get(v);
  if (s === undefined) {
    s = { kind: 'number', value: v };
    if (NUMBER_ARGS.size < MAX_SHARED_NUMBERS) NUMBER_ARGS.set(v, s);
  }
  return s;
}

/**
 * The summaries of a hook's arguments, in an array of their exact length: a pushed-to empty array
 * gets room for 17 elements on its first push, and most hooks take one to three arguments.
 */
function summariseArgs(a: readonly unknown[]): readonly ArgSummary[] {
  switch (a.length) {
    case 0:
      return NO_ARGS;
    case 1:
      return [summariseArg(a[0])];
    case 2:
      return [summariseArg(a[0]), summariseArg(a[1])];
    case 3:
      return [summariseArg(a[0]), summariseArg(a[1]), summariseArg(a[2])];
    case 4:
      return [summariseArg(a[0]), summariseArg(a[1]), summariseArg(a[2]), summariseArg(a[3])];
    default:
      return a.map(summariseArg);
  }
}

const NO_ARGS: readonly ArgSummary[] = Object.freeze([]);

/** Summarises a hook argument as plain JSON for the trace. */
export function summariseArg(v: unknown): ArgSummary {
  if (v === null || v === undefined) return NULL_ARG;
  switch (typeof v) {
    case 'number':
      return numberArg(v);
    case 'bigint':
      return { kind: 'bigint', value: v.toString() };
    case 'string':
      return { kind: 'string', value: v };
    case 'boolean':
      return BOOL_ARGS[v ? 1 : 0]!;
    case 'object': {
      // Each field read once: kernel objects come in many shapes, so every read is a megamorphic load.
      const struct = (v as Struct).struct;
      if (typeof struct === 'string') {
        const addr = (v as Struct).addr;
        if (typeof addr === 'number') return { kind: 'struct', struct, addr };
      }
      if ('value' in (v as Ref<unknown>)) return REF_ARG;
      return OTHER_ARG;
    }
    default:
      return OTHER_ARG;
  }
}
