// call_int_hook() / call_void_hook() of security/security.c, with every callback traced.
// 7.1 and 6.18 stop at the first return that differs from LSM_RET_DEFAULT(hook); 6.8's
// call_int_hook(FUNC, IRC, …) starts from the call site's IRC and stops at the first non-zero.
import { errnoName } from '../errno';
import { hookDef, type HookDef, type HookName } from '../hooks/hookDefs';
import { COST } from '../kernel/clock';
import type { Tracer } from '../trace/tracer';
import { summariseArg } from '../trace/tracer';
import type { DispatchKind, OopsKind, Verdict } from '../trace/events';
import type { KernelVersion } from '../version';

/** One registered callback in a hook head (struct security_hook_list + its static call slot). */
export interface HookEntry {
  readonly lsm: string;
  readonly lsmId: number;
  readonly fn: (...args: never[]) => unknown;
  readonly simplified: string | null;
}

/** security_hook_heads / static_calls_table: each hook's callbacks in registration order. */
export type HookHeads = ReadonlyMap<string, readonly HookEntry[]>;

/** What a dispatch needs: the version's rules, the heads and somewhere to record the trace. */
export interface DispatchEnv {
  readonly version: KernelVersion;
  readonly heads: HookHeads;
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
  const def = hookDef(hook, env.version);
  if (!def) throw new Error(`Linux ${env.version} has no LSM hook ${hook}`);
  return def;
}

export function headOf(env: DispatchEnv, hook: string): readonly HookEntry[] {
  return env.heads.get(hook) ?? [];
}

const NAMES = new WeakMap<readonly HookEntry[], readonly string[]>();
const EMPTY: readonly string[] = [];

/** The LSM names of a head, computed once per head (heads do not change after boot). */
function headNames(head: readonly HookEntry[]): readonly string[] {
  if (head.length === 0) return EMPTY;
  let n = NAMES.get(head);
  if (!n) NAMES.set(head, (n = head.map((e) => e.lsm)));
  return n;
}

/** Emits hook_enter; returns the head to walk. */
export function enterHook(
  env: DispatchEnv,
  def: HookDef,
  args: readonly unknown[],
  dispatch: DispatchKind,
): readonly HookEntry[] {
  const head = headOf(env, def.name);
  env.tracer.emit(
    {
      type: 'hook_enter',
      hook: def.name,
      args: args.map(summariseArg),
      dispatch,
      head: headNames(head),
      defaultRc: def.default,
    },
    COST.hookEnter,
  );
  return head;
}

export function exitHook(env: DispatchEnv, hook: string, rc: number | null, note: string | null): void {
  env.tracer.emit({ type: 'hook_exit', hook, rc, errno: rc === null ? null : rc < 0 ? errnoName(rc) : null, note });
}

export function verdictOf(def: HookDef, rc: number | null, defaultRc: number | null = def.default): Verdict {
  if (def.ret === 'void' || rc === null) return 'void';
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
  env.tracer.emit({ type: 'lsm_call', hook: def.name, lsm: entry.lsm, lsmId: entry.lsmId }, COST.lsmCallback);
  env.tracer.depth++;
  const outer = env.tracer.current;
  env.tracer.current = { hook: def.name, lsm: entry.lsm };
  let raw: unknown;
  try {
    raw = (entry.fn as (...a: readonly unknown[]) => unknown)(...args);
  } catch (err) {
    if (err instanceof LsmCallbackError) throw err;
    const msg = err instanceof Error ? err.message : String(err);
    throw new LsmCallbackError(entry.lsm, def.name, `callback threw: ${msg}`, err);
  } finally {
    env.tracer.depth--;
    env.tracer.current = outer;
  }
  let rc: number | null = null;
  if (def.ret === 'int') {
    if (typeof raw !== 'number' || !Number.isInteger(raw)) {
      throw new LsmCallbackError(
        entry.lsm,
        def.name,
        `int hook returned ${raw === undefined ? 'nothing' : JSON.stringify(raw)}; return 0 or a negative errno`,
      );
    }
    rc = raw;
  }
  env.tracer.emit({
    type: 'lsm_return',
    hook: def.name,
    lsm: entry.lsm,
    rc,
    errno: rc !== null && rc < 0 ? errnoName(rc) : null,
    verdict: verdictOf(def, rc, defaultRc),
    simplified: entry.simplified,
  });
  return rc;
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
  if (!e) return;
  env.tracer.emit({
    type: 'short_circuit',
    hook,
    lsm: e.lsm,
    rc,
    skipped: head.slice(i + 1).map((x) => x.lsm),
    reason,
  });
}

/**
 * call_int_hook(): RC = LSM_RET_DEFAULT; each callback in order; stop at RC != default.
 * In 6.8 (hlist version) RC starts at the call site's IRC and the loop stops at RC != 0.
 */
export function callIntHook(env: DispatchEnv, hook: HookName, args: readonly unknown[], irc6_8?: number): number {
  const def = requireHook(env, hook);
  if (def.ret !== 'int') throw new Error(`${hook} is a void hook`);
  const head = enterHook(env, def, args, 'call_int_hook');
  const legacy = env.version === '6.8' && (def.default === 0 || irc6_8 !== undefined);
  const start = legacy ? (irc6_8 ?? 0) : (def.default as number);
  const stopUnless = legacy ? 0 : (def.default as number);
  let rc = start;
  for (let i = 0; i < head.length; i++) {
    rc = invoke(env, def, head[i]!, args, stopUnless) as number;
    if (rc !== stopUnless) {
      shortCircuit(
        env,
        hook,
        head,
        i,
        rc,
        legacy
          ? `6.8 call_int_hook stops at the first non-zero return (${errnoName(rc)})`
          : `returned ${errnoName(rc)}, not LSM_RET_DEFAULT (${def.defaultText}): call_int_hook stops here`,
      );
      break;
    }
  }
  exitHook(env, hook, rc, head.length === 0 ? `no LSM implements ${hook}: LSM_RET_DEFAULT = ${def.defaultText}` : null);
  return rc;
}

/** call_void_hook(): every callback, in order. */
export function callVoidHook(env: DispatchEnv, hook: HookName, args: readonly unknown[]): void {
  const def = requireHook(env, hook);
  if (def.ret !== 'void') throw new Error(`${hook} is an int hook`);
  const head = enterHook(env, def, args, 'call_void_hook');
  for (const e of head) invoke(env, def, e, args);
  exitHook(env, hook, null, null);
}
