// call_int_hook() / call_void_hook() of security/security.c, with every callback traced.
// 7.1 and 6.18 stop at the first return that differs from LSM_RET_DEFAULT(hook); 6.8's
// call_int_hook(FUNC, IRC, …) starts from the call site's IRC and stops at the first non-zero.
import { errnoName } from '../errno';
import type { HookDef, HookName } from '../hooks/hookDefs';
import type { RunningCallback, Tracer } from '../trace/tracer';
import type { DispatchKind, OopsKind, Verdict } from '../trace/events';
import type { KernelVersion } from '../version';
import type { HookPlan, HookPlans } from './hookPlan';

/** One registered callback in a hook head (struct security_hook_list + its static call slot). */
export interface HookEntry {
  readonly lsm: string;
  readonly lsmId: number;
  readonly fn: (...args: never[]) => unknown;
  readonly simplified: string | null;
}

/** security_hook_heads / static_calls_table: each hook's callbacks in registration order. */
export type HookHeads = ReadonlyMap<string, readonly HookEntry[]>;

/** What a dispatch needs: the version's rules, the per-hook plans and somewhere to record the trace. */
export interface DispatchEnv {
  readonly version: KernelVersion;
  readonly plans: HookPlans;
  readonly tracer: Tracer;
}

/** A model error inside an LSM callback (it threw, or returned a non-integer from an int hook). */
export class LsmCallbackError extends Error {
  readonly lsm: string;
  readonly hook: string;
  override readonly cause: unknown;
  /** What the oops event calls it. */
  kind: OopsKind = 'bug';
  /** Lines the kernel log shows for it, when the fault brings its own report. */
  report: readonly string[] | null = null;

  constructor(lsm: string, hook: string, message: string, cause?: unknown) {
    super(`${lsm}: ${hook}: ${message}`);
    this.name = 'LsmCallbackError';
    this.lsm = lsm;
    this.hook = hook;
    this.cause = cause;
  }
}

export function requireHook(env: DispatchEnv, hook: HookName): HookDef {
  return env.plans.get(hook).def;
}

/** Emits hook_enter; returns the head to walk. */
export function enterHook(
  env: DispatchEnv,
  def: HookDef,
  args: readonly unknown[],
  dispatch: DispatchKind,
): readonly HookEntry[] {
  const plan = env.plans.get(def.name);
  env.tracer.hookEnter(def.name, args, dispatch, plan.names, def.default);
  return plan.head;
}

export function exitHook(env: DispatchEnv, hook: string, rc: number | null, note: string | null): void {
  env.tracer.hookExit(hook, rc, note);
}

export function verdictOf(def: HookDef, rc: number | null, defaultRc: number | null = def.default): Verdict {
  if (def.ret === 'void' || rc === null) return 'void';
  return intVerdict(rc, defaultRc);
}

/**
 * verdictOf() for an int hook's return: the dispatch loop has checked the hook's type already, and
 * hook definitions come in many shapes (reading `def.ret` per callback was a megamorphic load).
 */
function intVerdict(rc: number, defaultRc: number | null): Verdict {
  if (rc === defaultRc) return 'default';
  if (rc === 0) return 'allow';
  return rc < 0 ? 'deny' : 'value';
}

/** Calls one LSM's callback, recording the call and its return value. */
export function invoke(
  env: DispatchEnv,
  def: HookDef,
  entry: HookEntry,
  args: readonly unknown[],
  defaultRc = def.default,
): number | null {
  return callback(env, def, entry, { hook: def.name, lsm: entry.lsm }, args, defaultRc);
}

/** invoke() with the `tracer.current` record of the plan (one per head entry, made at boot). */
function callback(
  env: DispatchEnv,
  def: HookDef,
  entry: HookEntry,
  running: RunningCallback,
  args: readonly unknown[],
  defaultRc: number | null,
): number | null {
  const tracer = env.tracer;
  tracer.lsmCall(def.name, entry.lsm, entry.lsmId);
  tracer.depth++;
  const outer = tracer.current;
  tracer.current = running;
  let raw: unknown;
  try {
    raw = call(entry.fn as (...a: readonly unknown[]) => unknown, args);
  } catch (err) {
    throw callbackError(err, entry.lsm, def.name);
  } finally {
    tracer.depth--;
    tracer.current = outer;
  }
  let rc: number | null = null;
  if (def.ret === 'int') {
    if (typeof raw !== 'number' || !Number.isInteger(raw)) throw notAnInt(entry.lsm, def.name, raw);
    rc = raw;
  }
  // The verdict is for the trace only: not worked out when nothing is recorded.
  if (tracer.recording) tracer.lsmReturn(def.name, entry.lsm, rc, verdictOf(def, rc, defaultRc), entry.simplified);
  return rc;
}

/**
 * fn(...args) without the spread: hooks take at most a handful of arguments, and a call with them
 * listed is cheaper than one that iterates the array. The callee sees the same arguments.length.
 */
function call(fn: (...a: readonly unknown[]) => unknown, a: readonly unknown[]): unknown {
  switch (a.length) {
    case 0:
      return fn();
    case 1:
      return fn(a[0]);
    case 2:
      return fn(a[0], a[1]);
    case 3:
      return fn(a[0], a[1], a[2]);
    case 4:
      return fn(a[0], a[1], a[2], a[3]);
    default:
      return fn(...a);
  }
}

export function shortCircuit(
  env: DispatchEnv,
  hook: string,
  head: readonly HookEntry[],
  i: number,
  rc: number,
  reason: string,
): void {
  const e = head[i];
  if (!e || !env.tracer.recording) return;
  env.tracer.shortCircuit(
    hook,
    e.lsm,
    rc,
    head.slice(i + 1).map((x) => x.lsm),
    reason,
  );
}

/**
 * call_int_hook(): RC = LSM_RET_DEFAULT; each callback in order; stop at RC != default.
 * In 6.8 (hlist version) RC starts at the call site's IRC and the loop stops at RC != 0.
 */
export function callIntHook(env: DispatchEnv, hook: HookName, args: readonly unknown[], irc6_8?: number): number {
  return callIntHookOf(env, env.plans.get(hook), args, irc6_8);
}

/**
 * callIntHook() with the hook's plan already at hand (securityHook() has looked it up). The
 * callbacks run in the loop itself, as callback() would run each: one try around the walk of the
 * head rather than a call and a try per callback (most hooks' callbacks return at once, so that
 * was a good part of each one's cost); a throw leaves the tracer's depth and `current` as they were.
 */
export function callIntHookOf(env: DispatchEnv, plan: HookPlan, args: readonly unknown[], irc6_8?: number): number {
  const def = plan.def;
  const hook = def.name;
  if (def.ret !== 'int') throw new Error(`${hook} is a void hook`);
  const tracer = env.tracer;
  const head = plan.head;
  const running = plan.running;
  tracer.hookEnter(hook, args, 'call_int_hook', plan.names, def.default);
  const legacy = env.version === '6.8' && (def.default === 0 || irc6_8 !== undefined);
  const start = legacy ? (irc6_8 ?? 0) : (def.default as number);
  const stopUnless = legacy ? 0 : (def.default as number);
  let rc = start;
  const depth = tracer.depth;
  const outer = tracer.current;
  let i = 0;
  let raw: unknown;
  try {
    for (; i < head.length; i++) {
      const entry = head[i]!;
      tracer.lsmCall(hook, entry.lsm, entry.lsmId);
      tracer.depth = depth + 1;
      tracer.current = running[i]!;
      raw = call(entry.fn as (...a: readonly unknown[]) => unknown, args);
      tracer.depth = depth;
      tracer.current = outer;
      if (typeof raw !== 'number' || !Number.isInteger(raw)) break;
      rc = raw;
      if (tracer.recording) tracer.lsmReturn(hook, entry.lsm, rc, intVerdict(rc, stopUnless), entry.simplified);
      if (rc !== stopUnless) break;
    }
  } catch (err) {
    tracer.depth = depth;
    tracer.current = outer;
    throw callbackError(err, head[i]!.lsm, hook);
  }
  if (i < head.length) {
    // The loop stopped early: a callback returned something other than an int, or stopped the walk.
    if (rc !== raw) throw notAnInt(head[i]!.lsm, hook, raw);
    if (tracer.recording)
      tracer.shortCircuit(
        hook,
        head[i]!.lsm,
        rc,
        plan.names.slice(i + 1),
        legacy
          ? `6.8 call_int_hook stops at the first non-zero return (${errnoName(rc)})`
          : `returned ${errnoName(rc)}, not LSM_RET_DEFAULT (${def.defaultText}): call_int_hook stops here`,
      );
  }
  tracer.hookExit(
    hook,
    rc,
    head.length === 0 && tracer.recording ? `no LSM implements ${hook}: LSM_RET_DEFAULT = ${def.defaultText}` : null,
  );
  return rc;
}

/** What an exception out of an LSM callback becomes: an LsmCallbackError naming the LSM and hook. */
function callbackError(err: unknown, lsm: string, hook: string): LsmCallbackError {
  if (err instanceof LsmCallbackError) return err;
  const msg = err instanceof Error ? err.message : String(err);
  return new LsmCallbackError(lsm, hook, `callback threw: ${msg}`, err);
}

/** An int hook's callback returned something else. */
function notAnInt(lsm: string, hook: string, raw: unknown): LsmCallbackError {
  return new LsmCallbackError(
    lsm,
    hook,
    `int hook returned ${raw === undefined ? 'nothing' : JSON.stringify(raw)}; return 0 or a negative errno`,
  );
}

/** call_void_hook(): every callback, in order. */
export function callVoidHook(env: DispatchEnv, hook: HookName, args: readonly unknown[]): void {
  callVoidHookOf(env, env.plans.get(hook), args);
}

/** callVoidHook() with the hook's plan already at hand. */
export function callVoidHookOf(env: DispatchEnv, plan: HookPlan, args: readonly unknown[]): void {
  const def = plan.def;
  if (def.ret !== 'void') throw new Error(`${def.name} is an int hook`);
  const head = plan.head;
  env.tracer.hookEnter(def.name, args, 'call_void_hook', plan.names, def.default);
  // The loop of callIntHookOf(), without returns to check.
  const tracer = env.tracer;
  const hook = def.name;
  const running = plan.running;
  const depth = tracer.depth;
  const outer = tracer.current;
  let i = 0;
  try {
    for (; i < head.length; i++) {
      const entry = head[i]!;
      tracer.lsmCall(hook, entry.lsm, entry.lsmId);
      tracer.depth = depth + 1;
      tracer.current = running[i]!;
      call(entry.fn as (...a: readonly unknown[]) => unknown, args);
      tracer.depth = depth;
      tracer.current = outer;
      if (tracer.recording) tracer.lsmReturn(hook, entry.lsm, null, 'void', entry.simplified);
    }
  } catch (err) {
    tracer.depth = depth;
    tracer.current = outer;
    throw callbackError(err, head[i]!.lsm, hook);
  }
  tracer.hookExit(hook, null, null);
}
