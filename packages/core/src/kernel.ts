// The booted kernel: a facade over the pure pieces (ordering, blobs, dispatch, syscalls) that
// boot() assembled. Everything it returns is plain data or a trace; it reads no real clock.
import type { BootReason } from './boot/lsmState';
import type { AuditBootState } from './boot/bootParams';
import {
  callIntHook,
  callIntHookOf,
  callVoidHookOf,
  enterHook,
  exitHook,
  LsmCallbackError,
  type DispatchEnv,
  type HookEntry,
} from './dispatch/callHooks';
import { HookPlans } from './dispatch/hookPlan';
import {
  securityFirstMatching,
  securityFsContextParseParam,
  securityInodeInitSecurity,
  securityInodeXattr,
  securitySbSetMntOpts,
  securityTaskPrctl,
  securityVmEnoughMemory,
  securityXfrmStatePolFlowMatch,
} from './dispatch/specialHooks';
import { lifecycleOf, securityObjectAlloc, securityObjectFree, type BlobObject } from './dispatch/objectLifecycle';
import { errnoName } from './errno';
import type { HookArgs, HookName } from './hooks/hookDefs';
import type { VirtualClock } from './kernel/clock';
import type { Struct } from './kernel/objects';
import { formatLogLine, type LogLine } from './kernel/printk';
import type { BlobKind, LsmBlobSizes } from './lsm/blobKinds';
import type { LsmInfo, LsmOrder, SecurityfsFile } from './lsm/lsmInfo';
import type { PseudoFiles, PseudoFs } from './lsm/pseudoFiles';
import { SecurityBlob } from './lsm/securityBlob';
import { securityGetselfattr, securitySetselfattr, sysLsmListModules, type SyscallEnv } from './syscalls/lsmSyscalls';
import { UserMemory } from './syscalls/userMemory';
import type { TraceEvent } from './trace/events';
import { Tracer } from './trace/tracer';
import type { KernelVersion } from './version';

/** include/linux/gfp_types.h GFP_KERNEL on 7.1 (__GFP_RECLAIM | __GFP_IO | __GFP_FS). */
const GFP_KERNEL = 0xcc0;
const AF_UNIX = 1;
const DEFAULT_ALLOC_ARGS: Readonly<Record<BlobObject, readonly unknown[]>> = {
  cred: [GFP_KERNEL],
  task: [0],
  inode: [],
  file: [],
  superblock: [],
  sock: [AF_UNIX, GFP_KERNEL],
};

/** One built-in LSM after boot: where it ended up and why. */
export interface LsmStatus {
  readonly name: string;
  readonly id: number;
  readonly order: LsmOrder;
  readonly early: boolean;
  readonly legacyMajor: boolean;
  readonly exclusive: boolean;
  /** *lsm->enabled after boot. */
  readonly enabled: boolean;
  /** Index in lsm_order (7.1) or among the initialised LSMs (6.x); null when not active. */
  readonly position: number | null;
  readonly appendedBy: string | null;
  /** The init function's return value, or null if it never ran. */
  readonly initRc: number | null;
  /** It called security_add_hooks(). */
  readonly registered: boolean;
  /** Lines its init printed (a flood at boot overwrites the start of the log). */
  readonly initPrintks: number;
  /** The decisive reason, in one sentence. */
  readonly why: string;
  readonly reasons: readonly BootReason[];
  /** Requested blob sizes (lsm_blob_sizes before boot). */
  readonly requested: LsmBlobSizes;
  /** Offsets the framework assigned (lsm_blob_sizes after lsm_prepare()). */
  readonly offsets: LsmBlobSizes;
  readonly source: string | null;
}

export interface ResolvedBootConfig {
  readonly kernelVersion: KernelVersion;
  readonly configLsm: string;
  readonly cmdline: string;
  readonly maxLsmCount: number;
  readonly kconfig: readonly string[];
}

/** What LSM callbacks reach at call time: the running syscall's memory and current. */
export interface KernelRuntime {
  sys: SyscallEnv | null;
  /** The trace of the call in progress: LSM printk at runtime lands there. */
  tracer: Tracer | null;
  cred: Struct<'cred'>;
  task: Struct<'task_struct'>;
  /** The syscall in progress (for kernel helpers that an LSM calls, such as capable()). */
  ctx: SyscallContext | null;
  /** find_task_by_vpid(): the machine's tasks, once a machine runs on this kernel. */
  findTask?: (pid: number) => Struct<'task_struct'> | null;
  /** prepare_creds()/commit_creds() for current, where the running syscall offers them (prctl). */
  credOps?: CredOps | null;
}

/** The machine's prepare_creds() and commit_creds() for the calling task, lent to an LSM's hook. */
export interface CredOps {
  prepare(): Struct<'cred'> | null;
  commit(cred: Struct<'cred'>): number;
}

/** An LSM's lsm_config_self_policy / lsm_config_system_policy callbacks (LsmInitContext.configPolicyHandler). */
export interface PolicyHandlers {
  readonly self?: (buf: Uint8Array, flags: number) => number;
  readonly system?: (buf: Uint8Array, flags: number) => number;
}

export interface KernelParts {
  readonly version: KernelVersion;
  readonly config: ResolvedBootConfig;
  readonly order: readonly string[];
  readonly lsms: readonly LsmStatus[];
  readonly blobSizes: Partial<Record<BlobKind, number>>;
  readonly heads: ReadonlyMap<string, readonly HookEntry[]>;
  readonly idlist: readonly number[];
  readonly securityfsLsm: string;
  /** Files LSMs created under /sys/kernel/security/<lsm>/ during init, by LSM name. */
  readonly securityfsFiles: ReadonlyMap<string, readonly SecurityfsFile[]>;
  /** Files LSMs created in securityfs, selinuxfs, smackfs and /proc/sys (at init or later). */
  readonly pseudoFiles: PseudoFiles;
  /** lsm_config_{self,system}_policy callbacks by LSM name. */
  readonly policyHandlers: ReadonlyMap<string, PolicyHandlers>;
  /** Where init writes each LSM's boot policy. */
  readonly bootPolicyFiles: ReadonlyMap<string, { readonly fs: PseudoFs; readonly path: string }>;
  /** BootConfig.policies: the policy text userspace loads at boot, by LSM name. */
  readonly policies: Readonly<Record<string, string>>;
  readonly log: readonly LogLine[];
  /** Boot lines overwritten in the log buffer before boot ended. */
  readonly logDropped: number;
  readonly clock: VirtualClock;
  readonly panic: string | null;
  readonly initCred: Struct<'cred'>;
  readonly initTask: Struct<'task_struct'>;
  readonly runtime: KernelRuntime;
  readonly lsmInfos: readonly LsmInfo[];
  readonly offsets: ReadonlyMap<string, LsmBlobSizes>;
  /** What `audit=` left: audit_enabled, and whether audit is disabled until reboot. */
  readonly audit: Readonly<AuditBootState>;
}

/** Options of a direct hook call. */
export interface CallOptions {
  /** The lsmid argument of security_getprocattr()/setprocattr()/lsmprop_to_secctx(); 0 = any. */
  readonly lsmid?: number;
  /** current_cred() for capability checks made inside the call (default: the init cred). */
  readonly cred?: Struct<'cred'>;
}

/** What a syscall body can do: call hooks, allocate/free objects, emit events, reach user memory. */
export interface SyscallContext {
  readonly tracer: Tracer;
  /** security_<hook>(): the arguments are checked against the hook table at compile time. */
  hook<N extends HookName>(hook: N, args: HookArgs[N], opts?: CallOptions): number | null;
  alloc(kind: BlobObject, obj: Struct, extra: readonly unknown[], prepareFrom?: Struct): number;
  /** commit_creds(): current_cred() of the LSM callbacks becomes `cred` for the rest of the call. */
  setCurrentCred(cred: Struct): void;
  free(kind: BlobObject, obj: Struct): void;
  sys(): SyscallEnv;
}

/** What a syscall's context and securityHook() reach of their kernel (Kernel's private parts). */
interface KernelLink {
  sysEnv(env: DispatchEnv): SyscallEnv;
  readonly runtime: KernelRuntime;
  readonly blobSizes: Partial<Record<BlobKind, number>>;
}

/**
 * The context of one runSyscall(): hooks dispatch into the kernel, with `cred` as current_cred(),
 * and land in the call's trace. The kernel keeps the last one that finished and reuses it, its
 * Tracer and dispatch environment included, for the next call (a call made while another runs
 * gets a new one), so a syscall allocates none of them.
 */
class SyscallRun implements SyscallContext {
  readonly tracer: Tracer;
  readonly env: DispatchEnv;
  private readonly kernel: KernelLink;
  /** current_cred() and current of the LSM callbacks. */
  cred: Struct<'cred'>;
  task: Struct<'task_struct'>;

  constructor(kernel: KernelLink, env: DispatchEnv, cred: Struct<'cred'>, task: Struct<'task_struct'>) {
    this.kernel = kernel;
    this.env = env;
    this.tracer = env.tracer;
    this.cred = cred;
    this.task = task;
  }

  hook<N extends HookName>(hook: N, args: HookArgs[N], opts?: CallOptions): number | null {
    const cred = opts?.cred ?? this.cred;
    return securityHook(this.kernel, this.env, hook, args as readonly unknown[], cred, opts?.lsmid ?? 0);
  }

  alloc(kind: BlobObject, obj: Struct, extra: readonly unknown[], prepareFrom?: Struct): number {
    const size = this.kernel.blobSizes[lifecycleOf(kind).blob] ?? 0;
    return securityObjectAlloc(this.env, kind, obj, extra, size, prepareFrom);
  }

  free(kind: BlobObject, obj: Struct): void {
    securityObjectFree(this.env, kind, obj);
  }

  setCurrentCred(cred: Struct): void {
    this.kernel.runtime.cred = cred as Struct<'cred'>;
    this.cred = cred as Struct<'cred'>;
  }

  sys(): SyscallEnv {
    return this.kernel.sysEnv(this.env);
  }
}

/**
 * A syscall body for Kernel.runSyscallWith(): an object rather than a closure, so that a caller
 * making call after call (Machine.syscall()) can reuse one.
 */
export interface SyscallRunner<R> {
  /** The body: runs with `ctx`, returns the syscall's return value. */
  run(ctx: SyscallContext): number;
  /**
   * What runSyscallWith() returns, made once the call is over (its context already released):
   * the return value (null after an oops), the trace, its printk and audit events, the error.
   */
  finish(rc: number | null, trace: TraceEvent[], logged: Tracer['logged'], error: string | null): R;
}

/** The outcome of one simulated call: its return value and the trace that led to it. */
export interface CallResult {
  readonly rc: number | null;
  readonly errno: string | null;
  readonly trace: readonly TraceEvent[];
  /** Set when an LSM callback failed (threw, or returned a non-integer from an int hook). */
  readonly error: string | null;
}

/**
 * security_<hook>(): the IS_PRIVATE guard, then the hook's dispatch rule. `cred` is current_cred()
 * for capability checks made inside the call; `lsmid` the targeted LSM of the first-matching wrappers.
 */
function securityHook(
  kernel: KernelLink,
  env: DispatchEnv,
  hook: HookName,
  a: readonly unknown[],
  cred: Struct<'cred'>,
  lsmid: number,
): number | null {
  const plan = env.plans.get(hook);
  const def = plan.def;
  if (a.length !== plan.argc)
    throw new Error(
      `${hook} takes ${def.args.length} arguments (${def.args.map((x) => x.name).join(', ')}), got ${a.length}`,
    );
  const guard = plan.guard?.(a);
  if (guard) {
    enterHook(env, def, a, def.ret === 'void' ? 'call_void_hook' : 'call_int_hook');
    env.tracer.emit({
      type: 'short_circuit',
      hook,
      lsm: '(none)',
      rc: guard.rc ?? 0,
      skipped: [...plan.names],
      reason: 'IS_PRIVATE(inode): the wrapper returns before any LSM is asked',
    });
    exitHook(env, hook, guard.rc, 'IS_PRIVATE(inode): fs-internal inode, no LSM is asked');
    return guard.rc;
  }
  if (!plan.openCoded) {
    if (def.ret === 'void') {
      callVoidHookOf(env, plan, a);
      return null;
    }
    return callIntHookOf(env, plan, a);
  }
  switch (hook as string) {
    case 'vm_enough_memory':
      return securityVmEnoughMemory(env, a);
    case 'fs_context_parse_param':
      return securityFsContextParseParam(env, a);
    case 'sb_set_mnt_opts':
      return securitySbSetMntOpts(env, a);
    case 'task_prctl':
      return securityTaskPrctl(env, a);
    case 'getprocattr':
    case 'setprocattr':
    case 'lsmprop_to_secctx':
      return securityFirstMatching(env, hook as 'getprocattr', a, lsmid);
    case 'xfrm_state_pol_flow_match':
      return securityXfrmStatePolFlowMatch(env, a);
    case 'inode_init_security':
      return securityInodeInitSecurity(env, a, kernel.blobSizes.xattr_count ?? 0);
    case 'inode_setxattr':
    case 'inode_removexattr':
      return securityInodeXattr(
        env,
        hook as 'inode_setxattr',
        a,
        (cap) => callIntHook(env, 'capable', [cred, null, cap, 0]) === 0,
      );
    case 'getselfattr':
      return securityGetselfattr(kernel.sysEnv(env), a[0] as number, a[1] as number, a[2] as number, a[3] as number);
    case 'setselfattr':
      return securitySetselfattr(kernel.sysEnv(env), a[0] as number, a[1] as number, a[2] as number, a[3] as number);
    default:
      throw new Error(`security_${hook}(): open-coded, but Kernel.dispatch() has no loop for it`);
  }
}

/** A CallResult of a finished call. */
function toCallResult(
  rc: number | null,
  trace: readonly TraceEvent[],
  _logged: unknown,
  error: string | null,
): CallResult {
  return { rc, errno: rc !== null && rc < 0 ? errnoName(rc) : null, trace, error };
}

/** The booted LSM framework of one kernel. */
export class Kernel {
  readonly version: KernelVersion;
  readonly config: ResolvedBootConfig;
  /** The active LSMs in order: lsm_order in 7.1, the initialised LSMs in 6.x. */
  readonly order: readonly string[];
  /** Every built-in LSM with its status, in link order. */
  readonly lsms: readonly LsmStatus[];
  /** blob_sizes: the size of each composite blob (xattr_count is a slot count). */
  readonly blobSizes: Partial<Record<BlobKind, number>>;
  /** lsm_idlist: what lsm_list_modules() reports. */
  readonly lsmIds: readonly number[];
  /** printk output of the boot. */
  readonly log: readonly LogLine[];
  /** Set when boot ended in a kernel panic. */
  readonly panic: string | null;
  /** kernel/audit.c after `audit=`: audit_enabled, and whether audit_initialized is AUDIT_DISABLED. */
  readonly audit: Readonly<AuditBootState>;
  /** Boot lines overwritten in the log buffer (CONFIG_LOG_BUF_SHIFT) before boot ended. */
  readonly logDropped: number;
  /** The cred of the init task, with a blob allocated as security_init() does. */
  readonly initCred: Struct<'cred'>;
  /** The init task (swapper/0 at boot), with its task blob. */
  readonly initTask: Struct<'task_struct'>;
  /** Whether calls record their full trace (false keeps only printk, audit and oops events). */
  recording = true;
  /** The process's memory the lsm_* syscalls read and write. */
  readonly mem = new UserMemory();
  private readonly parts: KernelParts;
  /** Each hook's dispatch, fixed once boot has registered the LSMs (dispatch/hookPlan.ts). */
  private readonly plans: HookPlans;
  /** What each syscall's context reaches of this kernel; one object, shared by every syscall. */
  private readonly link: KernelLink;
  private nextAddr = 0x1_0000;
  /** The context of the last call, reused by the next (acquire()); null while one is running. */
  private spare: SyscallRun | null = null;

  constructor(parts: KernelParts) {
    this.parts = parts;
    this.plans = new HookPlans(parts.version, parts.heads);
    this.link = {
      sysEnv: (env) => this.sysEnv(env),
      runtime: parts.runtime,
      blobSizes: parts.blobSizes,
    };
    this.version = parts.version;
    this.config = parts.config;
    this.order = parts.order;
    this.lsms = parts.lsms;
    this.blobSizes = parts.blobSizes;
    this.lsmIds = parts.idlist;
    this.log = parts.log;
    this.panic = parts.panic;
    this.audit = parts.audit;
    this.logDropped = parts.logDropped;
    this.initCred = parts.initCred;
    this.initTask = parts.initTask;
  }

  /** Advances the virtual clock (time passing between syscalls). */
  advanceClock(ns: number): void {
    this.parts.clock.advance(ns);
  }

  /** Virtual nanoseconds since boot. */
  now(): number {
    return this.parts.clock.now();
  }

  /** The LSMs that are not active, each with the reason. */
  get disabled(): readonly LsmStatus[] {
    return this.lsms.filter((l) => !this.order.includes(l.name));
  }

  /** One LSM's status by name. */
  lsm(name: string): LsmStatus | undefined {
    return this.lsms.find((l) => l.name === name);
  }

  /** The boot log as `dmesg` prints it. */
  dmesg(): string {
    return this.log.map(formatLogLine).join('\n');
  }

  /** The LSMs registered on a hook, in call order (security_hook_heads / static call slots). */
  hookHead(hook: string): string[] {
    return (this.parts.heads.get(hook) ?? []).map((e) => e.lsm);
  }

  /** Every hook with at least one registered callback, with its LSMs in call order. */
  hookHeads(): Map<string, string[]> {
    return new Map([...this.parts.heads.entries()].map(([k, v]) => [k, v.map((e) => e.lsm)]));
  }

  /** The securityfs files each LSM created during init. */
  get securityfsFiles(): ReadonlyMap<string, readonly SecurityfsFile[]> {
    return this.parts.securityfsFiles;
  }

  /** The machine's task table, for LSM helpers such as find_task_by_vpid() (one machine per kernel). */
  linkTasks(find: (pid: number) => Struct<'task_struct'> | null): void {
    this.parts.runtime.findTask = find;
  }

  /** Runs `fn` (a hook call) with prepare_creds()/commit_creds() available to the LSMs it reaches. */
  withCredOps<T>(ops: CredOps, fn: () => T): T {
    const rt = this.parts.runtime;
    const outer = rt.credOps ?? null;
    rt.credOps = ops;
    try {
      return fn();
    } finally {
      rt.credOps = outer;
    }
  }

  /** Files LSMs created in securityfs, selinuxfs, smackfs and /proc/sys. */
  get pseudoFiles(): PseudoFiles {
    return this.parts.pseudoFiles;
  }

  /** An LSM's lsm_config_<scope>_policy callback, if its model has one. */
  policyHandler(lsm: string, scope: 'self' | 'system'): ((buf: Uint8Array, flags: number) => number) | undefined {
    return this.parts.policyHandlers.get(lsm)?.[scope];
  }

  /** The active LSMs that take a boot policy, in lsm_order, with the file init writes it to. */
  bootPolicyTargets(): { lsm: string; fs: PseudoFs; path: string }[] {
    const out: { lsm: string; fs: PseudoFs; path: string }[] = [];
    for (const lsm of this.order) {
      const file = this.parts.bootPolicyFiles.get(lsm);
      if (file) out.push({ lsm, ...file });
    }
    return out;
  }

  /** The boot policies to load, with the file each goes to, in lsm_order. */
  bootPolicies(): { lsm: string; fs: PseudoFs; path: string; text: string }[] {
    const out: { lsm: string; fs: PseudoFs; path: string; text: string }[] = [];
    for (const lsm of this.order) {
      const text = this.parts.policies[lsm];
      const file = this.parts.bootPolicyFiles.get(lsm);
      if (text !== undefined && file) out.push({ lsm, ...file, text });
    }
    return out;
  }

  /** The syscall in progress, if any (kernel helpers an LSM calls, such as capable(), need it). */
  get currentSyscall(): SyscallContext | null {
    return this.parts.runtime.ctx;
  }

  /** The contents of `/sys/kernel/security/lsm` (LSMs' own files are in securityfsFiles). */
  readSecurityfs(path: string): string | null {
    if (path === '/sys/kernel/security/lsm' || path === 'lsm') return this.parts.securityfsLsm;
    return null;
  }

  /** Allocates a kernel object of `struct` with a zeroed composite blob of `blob` kind. */
  newObject<K extends string>(struct: K, blob: BlobKind | null, fields: Record<string, unknown> = {}): Struct<K> {
    const size = blob ? (this.blobSizes[blob] ?? 0) : 0;
    return {
      struct,
      addr: this.nextAddr++ * 0x40,
      security: blob && size > 0 ? new SecurityBlob(blob, size) : null,
      fields,
    };
  }

  /** The spare syscall context, or a new one; reset for a call as `cred` and `task`. */
  private acquire(cred: Struct<'cred'>, task: Struct<'task_struct'>): SyscallRun {
    let run = this.spare;
    if (run) {
      this.spare = null;
      run.cred = cred;
      run.task = task;
    } else {
      const tracer = new Tracer(this.parts.clock, this.recording);
      run = new SyscallRun(this.link, { version: this.version, plans: this.plans, tracer }, cred, task);
    }
    run.tracer.reset(this.recording);
    return run;
  }

  /** The oops report the kernel prints for a faulting callback, at the end of the call's trace. */
  private oops(tracer: Tracer, e: LsmCallbackError): void {
    tracer.depth = 0;
    if (e.report) {
      // A user module's fault carries the report its kind calls for (soft lockup, panic…).
      for (const line of e.report) tracer.printk(e.kind === 'warn' ? 4 : 0, line);
    } else {
      // Abbreviated: no registers.
      tracer.printk(1, `Oops: ${e.message}`);
      tracer.printk(1, `RIP: 0010:${e.lsm}_${e.hook}`);
      tracer.printk(1, 'Call Trace:');
      tracer.printk(1, ` security_${e.hook}`);
    }
    tracer.emit({ type: 'oops', kind: e.kind, lsm: e.lsm, hook: e.hook, message: e.message });
  }

  private run(body: (env: DispatchEnv) => number | null): CallResult {
    if (this.panic) throw new Error(`the kernel panicked at boot: ${this.panic}`);
    const run = this.acquire(this.initCred, this.initTask);
    const tracer = run.tracer;
    const outer = this.parts.runtime.tracer;
    this.parts.runtime.tracer = tracer;
    let rc: number | null;
    let error: string | null = null;
    try {
      rc = body(run.env);
    } catch (e) {
      if (!(e instanceof LsmCallbackError)) throw e;
      this.oops(tracer, e);
      rc = null;
      error = e.message;
    } finally {
      this.parts.runtime.sys = null;
      this.parts.runtime.tracer = outer;
    }
    this.spare = run;
    return toCallResult(rc, tracer.events, null, error);
  }

  /** Calls `security_<hook>()` with the hook's arguments and returns its result and trace. */
  call<N extends HookName>(hook: N, args: HookArgs[N] | readonly unknown[], opts: CallOptions = {}): CallResult {
    return this.run((env) =>
      securityHook(this.link, env, hook, args as readonly unknown[], opts.cred ?? this.initCred, opts.lsmid ?? 0),
    );
  }

  /**
   * Runs one simulated syscall body: every hook it calls through `ctx.hook` lands in one trace.
   * `current` is the calling task's cred and task for the LSM callbacks (current_cred()).
   */
  runSyscall(current: { cred: Struct; task: Struct }, body: (ctx: SyscallContext) => number): CallResult {
    return this.runSyscallWith(current.cred as Struct<'cred'>, current.task as Struct<'task_struct'>, {
      run: body,
      finish: toCallResult,
    });
  }

  /** runSyscall() with the body and the making of its result in one object (Machine.syscall()). */
  runSyscallWith<R>(cred: Struct<'cred'>, task: Struct<'task_struct'>, runner: SyscallRunner<R>): R {
    if (this.panic) throw new Error(`the kernel panicked at boot: ${this.panic}`);
    const rt = this.parts.runtime;
    const savedCred = rt.cred;
    const savedTask = rt.task;
    const savedCtx = rt.ctx;
    const outer = rt.tracer;
    const run = this.acquire(cred, task);
    const tracer = run.tracer;
    rt.cred = cred;
    rt.task = task;
    rt.tracer = tracer;
    rt.ctx = run;
    let rc: number | null;
    let error: string | null = null;
    try {
      rc = runner.run(run);
    } catch (e) {
      if (!(e instanceof LsmCallbackError)) throw e;
      this.oops(tracer, e);
      rc = null;
      error = e.message;
    } finally {
      rt.sys = null;
      rt.tracer = outer;
      rt.cred = savedCred;
      rt.task = savedTask;
      rt.ctx = savedCtx;
    }
    // Released before finish(): nothing of this call's context is used past this point.
    this.spare = run;
    return runner.finish(rc, tracer.events, tracer.logged, error);
  }

  private sysEnv(dispatch: DispatchEnv): SyscallEnv {
    const env = { ...dispatch, mem: this.mem, idlist: this.parts.idlist };
    this.parts.runtime.sys = env;
    return env;
  }

  /**
   * A new kernel object through its security_<kind>_alloc() wrapper: the composite blob, then the
   * alloc hook with `[obj, ...extra]` (defaults: GFP_KERNEL, clone_flags 0, AF_UNIX). On failure
   * the free wrapper runs and `obj.security` is NULL again.
   */
  allocObject(
    kind: BlobObject,
    fields: Record<string, unknown> = {},
    extra?: readonly unknown[],
  ): { obj: Struct; result: CallResult } {
    const { struct, blob } = lifecycleOf(kind);
    const obj: Struct = { struct, addr: this.nextAddr++ * 0x40, security: null, fields };
    const result = this.run((env) =>
      securityObjectAlloc(env, kind, obj, extra ?? DEFAULT_ALLOC_ARGS[kind], this.blobSizes[blob] ?? 0),
    );
    return { obj, result };
  }

  /** security_prepare_creds(new, old, gfp): a new cred copied from `old` (prepare_creds()). */
  prepareCreds(old: Struct, fields: Record<string, unknown> = { ...old.fields }): { obj: Struct; result: CallResult } {
    const obj: Struct = { struct: 'cred', addr: this.nextAddr++ * 0x40, security: null, fields };
    const result = this.run((env) =>
      securityObjectAlloc(env, 'cred', obj, [GFP_KERNEL], this.blobSizes.cred ?? 0, old),
    );
    return { obj, result };
  }

  /** security_<kind>_free(): the free hook(s), then the blob. */
  freeObject(kind: BlobObject, obj: Struct): CallResult {
    return this.run((env) => {
      securityObjectFree(env, kind, obj);
      return null;
    });
  }

  /** lsm_list_modules(2): `ids` and `size` are addresses in `mem` (0 is NULL). */
  lsm_list_modules(ids: number, size: number, flags: number): CallResult {
    return this.run((env) => sysLsmListModules(this.sysEnv(env), ids, size, flags));
  }

  /** lsm_get_self_attr(2). */
  lsm_get_self_attr(attr: number, ctx: number, size: number, flags: number): CallResult {
    return this.run((env) => securityGetselfattr(this.sysEnv(env), attr, ctx, size, flags));
  }

  /** lsm_set_self_attr(2). */
  lsm_set_self_attr(attr: number, ctx: number, size: number, flags: number): CallResult {
    return this.run((env) => securitySetselfattr(this.sysEnv(env), attr, ctx, size, flags));
  }
}
