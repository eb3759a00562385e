// Per-hook dispatch plans. security_add_hooks() is __init: once boot is over, everything a
// security_<hook>() call needs besides its arguments is fixed, as 7.1's static call slots are
// (lsm_static_call_init() fills them once). A plan holds it, built on the hook's first call: the
// hook's definition, its head, the LSM names the trace shows, `tracer.current` for each callback,
// the wrapper's IS_PRIVATE guard, and whether the wrapper walks the head with its own loop.
import { hookDef, type HookDef } from '../hooks/hookDefs';
import type { RunningCallback } from '../trace/tracer';
import type { KernelVersion } from '../version';
import type { HookEntry, HookHeads } from './callHooks';
import { privateGuardOf, type PrivateGuard } from './isPrivate';

/** One hook's dispatch, fixed after boot. */
export interface HookPlan {
  readonly def: HookDef;
  /** def.args.length, read on every call (hook definitions differ in shape: a megamorphic load). */
  readonly argc: number;
  /** The registered callbacks, in call order. */
  readonly head: readonly HookEntry[];
  /** The LSM names of the head, in call order (hook_enter's `head`, short_circuit's `skipped`). */
  readonly names: readonly string[];
  /** `tracer.current` while head[i] runs. */
  readonly running: readonly RunningCallback[];
  /** The wrapper's IS_PRIVATE(inode) early return, if it has one (isPrivate.ts). */
  readonly guard: PrivateGuard | null;
  /**
   * The wrapper walks the head with its own loop (specialHooks.ts, lsmSyscalls.ts) rather than
   * call_int_hook() / call_void_hook().
   */
  readonly openCoded: boolean;
}

/** The hooks whose security_*() wrapper is open-coded; Kernel.dispatch() names each one's loop. */
const OPEN_CODED: ReadonlySet<string> = new Set([
  'vm_enough_memory',
  'fs_context_parse_param',
  'sb_set_mnt_opts',
  'task_prctl',
  'getprocattr',
  'setprocattr',
  'lsmprop_to_secctx',
  'xfrm_state_pol_flow_match',
  'inode_init_security',
  'inode_setxattr',
  'inode_removexattr',
  'getselfattr',
  'setselfattr',
]);

const EMPTY_HEAD: readonly HookEntry[] = [];

/** The plans of one booted kernel, built on first use. */
export class HookPlans {
  private readonly version: KernelVersion;
  private readonly heads: HookHeads;
  private readonly plans = new Map<string, HookPlan>();

  constructor(version: KernelVersion, heads: HookHeads) {
    this.version = version;
    this.heads = heads;
  }

  /** The plan of `hook`; throws when this kernel version has no such hook. */
  get(hook: string): HookPlan {
    return this.plans.get(hook) ?? this.build(hook);
  }

  private build(hook: string): HookPlan {
    const def = hookDef(hook, this.version);
    if (!def) throw new Error(`Linux ${this.version} has no LSM hook ${hook}`);
    const head = this.heads.get(hook) ?? EMPTY_HEAD;
    const plan: HookPlan = {
      def,
      argc: def.args.length,
      head,
      names: head.map((e) => e.lsm),
      running: head.map((e) => ({ hook: def.name, lsm: e.lsm })),
      guard: privateGuardOf(
        hook,
        def.args.map((x) => x.name),
        def.default,
      ),
      openCoded: OPEN_CODED.has(hook),
    };
    this.plans.set(hook, plan);
    return plan;
  }
}
