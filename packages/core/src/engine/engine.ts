// The engine: compiles user modules, evaluates them, turns each defineLsm() into an lsm_info
// (its init is the __lsm_init define_lsm! generates), boots the machine with them stacked among
// the in-tree LSMs, and runs syscalls, shell lines and scenarios. The web worker and the Node
// tests drive this same class through handleEngineRequest() (protocol.ts).
//
// User code is guarded: every loop body and function entry calls the guard (compile.ts), which
// counts. A hook that runs past its budget is stopped with the kernel's soft lockup report at
// the line it was on; a throw is a Rust panic (BUG + oops); a RangeError from an allocation is an
// allocation failure; a stack overflow hits the stack guard page. Any of these marks the engine
// faulted: its host replaces it with a fresh one.
import { boot, type BootConfig } from '../boot/boot';
import { LsmCallbackError } from '../dispatch/callHooks';
import { hookDefs, type HookImpls, type HookName } from '../hooks/hookDefs';
import { HOOK_TABLE } from '../hooks/hookTable.gen';
import { BOOT_EPOCH_SECONDS } from '../kernel/audit';
import type { LsmInfo, LsmInitContext } from '../lsm/lsmInfo';
import type { LsmBlobSizes } from '../lsm/blobKinds';
import { builtInLsms, defaultConfigLsm } from '../lsm/inTreeLsms';
import { diagnoseBoot, type BootFailure } from '../boot/bootFailure';
import { formatLogLine } from '../kernel/printk';
import { errnoName } from '../errno';
import { BPF_LINK_CREATE, BPF_PROG_LOAD, checkBpfLsmProgram } from '../models/bpf/index';
import { Machine } from '../machine/machine';
import { mulberry32 } from '../util/prng';
import type { OopsKind } from '../trace/events';
import { DEFAULT_KERNEL_VERSION, type KernelVersion } from '../version';
import { ApiError, createKernelApi, LSM_DEFINITION, resultToInt, type BlobDecl, type LsmDefinitionInput } from './api';
import { compileModule, GUARD_NAME, type CompiledModule, type Diagnostic } from './compile';
import { checkDefinition, macroExpansion, type UserLsmDefinition } from './defineLsm';

/** One file of the editor: a user LSM written against the `kernel` module. */
export interface ModuleSource {
  readonly fileName: string;
  readonly source: string;
}

/** What a fault was, as the kernel would name it. */
export type FaultKind = 'panic' | 'softlockup' | 'oom' | 'stack' | 'badret';

/** A fault of user code: where it happened and the kernel's report. */
export interface EngineFault {
  readonly kind: FaultKind;
  readonly lsm: string;
  /** The hook, or what ran (the init, a securityfs handler, the module's top level). */
  readonly hook: string;
  readonly fileName: string;
  /** 1-based position in the user's source; 0 when unknown. */
  readonly line: number;
  readonly column: number;
  /** One line: what went wrong. */
  readonly message: string;
  /** The report as the kernel log shows it. */
  readonly report: readonly string[];
}

/** A user LSM that loaded: its definition and what define_lsm! generated. */
export interface UserLsmSummary {
  readonly name: string;
  readonly id: number;
  readonly fileName: string;
  readonly className: string;
  readonly hooks: readonly string[];
  readonly blobs: LsmBlobSizes;
  readonly expansion: string;
  /** The lsm_info flags from defineLsm's optional fourth argument. */
  readonly legacyMajor: boolean;
  readonly exclusive: boolean;
  /** The line of each hook's method in the module, for showing where a trace event runs. */
  readonly hookLines: Readonly<Record<string, number>>;
}

export interface LoadOptions {
  readonly modules: readonly ModuleSource[];
  /** The boot configuration; `lsms` is the in-tree set plus the user LSMs. */
  readonly boot?: Omit<BootConfig, 'lsms'>;
  /** In-tree LSMs whose Kconfig option is off (not built in); capability is always built. */
  readonly notBuilt?: readonly string[];
  /** The seed's v1 limits: three hooks, one Rust LSM, no blobs. */
  readonly rustV1?: boolean;
}

export interface LoadResult {
  /** True when every module compiled, defined an LSM and the kernel booted. */
  readonly ok: boolean;
  readonly diagnostics: readonly Diagnostic[];
  readonly lsms: readonly UserLsmSummary[];
  /** The kernel log after boot (dmesg), or null when boot was not reached. */
  readonly dmesg: string | null;
  /** The panic that stopped the boot, if any. */
  readonly panic: string | null;
  /** What went wrong in the boot and how to boot past it (diagnoseBoot), or null. */
  readonly bootFailure: BootFailure | null;
  /** The active LSMs in boot order (user LSMs included), or empty when boot was not reached. */
  readonly order: readonly string[];
  /** Every hook with a non-empty head: its LSMs in call order. */
  readonly heads: Readonly<Record<string, readonly string[]>>;
  /** What init did with each boot policy: the file, the write's return (-errno on failure). */
  readonly bootPolicies: readonly { readonly lsm: string; readonly path: string; readonly rc: number }[];
  readonly fault: EngineFault | null;
}

export interface EngineOptions {
  /**
   * Guard calls one hook invocation may make before the soft lockup report (deterministic:
   * the same module stops at the same iteration everywhere).
   */
  readonly guardBudget?: number;
  /** A real-time clock in ms for the second limit (the worker passes performance.now). */
  readonly now?: () => number;
  /** Wall-clock limit of one hook invocation, in ms, checked when `now` is given. */
  readonly timeLimitMs?: number;
  /**
   * Where user code is, for a watchdog that cannot ask (a SharedArrayBuffer view in the browser):
   * [0] 1 while user code runs, [1] LSM index, [2] hook index in HOOK_NAMES, [3] line, [4] a counter.
   */
  readonly progress?: Int32Array;
}

/** Hook names by index, for the progress array. */
export const HOOK_NAMES: readonly string[] = [...new Set(HOOK_TABLE.map((h) => h.name))];
const HOOK_INDEX = new Map(HOOK_NAMES.map((h, i) => [h, i]));

/** 2^25 guard calls: well under a second of a tight loop, far beyond any honest hook. */
export const DEFAULT_GUARD_BUDGET = 1 << 25;
/**
 * Guard calls between two looks at the budget, the clock and the progress array: small, so that
 * a loop whose body is slow (an allocation bomb) is still seen within milliseconds, and large
 * enough that a tight loop pays under a nanosecond per turn for it.
 */
const GUARD_CHUNK = 16;
/** The soft lockup detector reports a CPU stuck for more than 2 * watchdog_thresh (10 s). */
const SOFTLOCKUP_SECONDS = 22;

class SoftLockup extends Error {
  constructor(readonly site: number) {
    super('soft lockup');
  }
}

/** A fault of user code, raised through the dispatch code as an LSM callback error. */
export class UserCodeFault extends LsmCallbackError {
  constructor(readonly fault: EngineFault) {
    super(fault.lsm, fault.hook, fault.message);
    this.name = 'UserCodeFault';
    this.kind = OOPS_KIND[fault.kind];
    this.report = fault.report;
  }
}

const OOPS_KIND: Readonly<Record<FaultKind, OopsKind>> = {
  panic: 'bug',
  softlockup: 'softlockup',
  oom: 'oom',
  stack: 'exception',
  badret: 'warn',
};

interface Running {
  readonly lsm: string;
  readonly lsmIndex: number;
  readonly what: string;
  readonly ctx: LsmInitContext | null;
  readonly module: LoadedModule;
  hits: number;
  countdown: number;
  started: number;
}

interface LoadedModule {
  readonly compiled: CompiledModule;
  readonly blobs: BlobDecl[];
  defined: unknown;
  def: UserLsmDefinition | null;
  /** module.exports after evaluation. */
  exports?: Record<string, unknown>;
  /** The init context the framework gave the LSM at boot. */
  ctxRef?: LsmInitContext;
}

const ALLOC_FAILURE =
  /Invalid (array|typed array|string) length|Array buffer allocation failed|allocation failed|out of memory/i;

export class Engine {
  readonly version: KernelVersion;
  private readonly opts: EngineOptions;
  private rustV1 = false;
  private modules: LoadedModule[] = [];
  private running: Running | null = null;
  private evaluating: LoadedModule | null = null;
  private tripped: SoftLockup | null = null;
  private lineOffset: number | null = null;
  machine: Machine | null = null;
  /** The first fault since load(); the host replaces a faulted engine. */
  fault: EngineFault | null = null;
  private readonly api: Record<string, unknown>;

  constructor(opts: EngineOptions = {}, version: KernelVersion = DEFAULT_KERNEL_VERSION) {
    this.opts = opts;
    this.version = version;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const engine = this;
    this.api = createKernelApi({
      get version() {
        return engine.version;
      },
      get rustV1() {
        return engine.rustV1;
      },
      runningLsm: () => (this.running ? { name: this.running.lsm, ctx: this.running.ctx } : null),
      loading: () =>
        this.evaluating
          ? {
              fileName: this.evaluating.compiled.fileName,
              blobs: this.evaluating.blobs,
              set defined(v: unknown) {
                engine.evaluating!.defined = v;
              },
              get defined() {
                return engine.evaluating!.defined;
              },
            }
          : null,
      world: () => this.machine?.world ?? null,
      syscall: () => this.machine?.kernel.currentSyscall ?? null,
      runAs: (lsm, what, fn) => {
        const i = this.modules.findIndex((m) => m.def?.name === lsm);
        const m = this.modules[i]!;
        return this.enter(m, i, what, m.ctxRef ?? null, fn);
      },
    });
  }

  /** The user LSMs of the last load. */
  get lsms(): readonly UserLsmSummary[] {
    return this.modules
      .filter((m) => m.def)
      .map((m) => ({
        ...summary(m.def!),
        hookLines: Object.fromEntries(m.def!.hooks.map((h) => [h, this.methodLine(m, m.def!, h).line])),
      }));
  }

  /** Compiles and evaluates the modules, then boots the machine with their LSMs. */
  load(o: LoadOptions): LoadResult {
    this.machine = null;
    this.fault = null;
    this.tripped = null;
    this.rustV1 = !!o.rustV1;
    this.modules = [];
    const version = o.boot?.kernelVersion ?? this.version;
    const diagnostics: Diagnostic[] = [];
    const result = (extra: Partial<LoadResult> = {}): LoadResult => ({
      ok: false,
      diagnostics,
      lsms: this.lsms,
      dmesg: null,
      panic: null,
      bootFailure: null,
      order: [],
      heads: {},
      bootPolicies: [],
      fault: this.fault,
      ...extra,
    });
    const names = new Set<string>();
    // BPF LSM programs (`name.bpf.c`): parsed and verified now, loaded and attached after boot.
    const bpfPrograms: { fileName: string; source: string }[] = [];
    for (const m of o.modules) {
      if (BPF_PROGRAM_FILE.test(m.fileName) && !names.has(m.fileName)) {
        names.add(m.fileName);
        const check = checkBpfLsmProgram(m.source, version);
        if (!check.parse.ok)
          diagnostics.push(diag(m.fileName, check.parse.error.line, check.parse.error.col, check.parse.error.message));
        else if (check.verifier && check.verifier.rc < 0)
          diagnostics.push(
            diag(
              m.fileName,
              1,
              1,
              `the verifier refuses the program: ${check.verifier.log.at(-1) ?? errnoName(check.verifier.rc)}`,
            ),
          );
        else bpfPrograms.push({ fileName: m.fileName, source: m.source });
        continue;
      }
      if (!/^[A-Za-z0-9_.-]+\.ts$/.test(m.fileName) || names.has(m.fileName)) {
        diagnostics.push(diag(m.fileName, 1, 1, `bad or duplicate module file name ${JSON.stringify(m.fileName)}`));
        continue;
      }
      names.add(m.fileName);
      const c = compileModule(m.fileName, m.source);
      if (!c.ok) diagnostics.push(...c.diagnostics);
      else this.modules.push({ compiled: c.module, blobs: [], defined: undefined, def: null });
    }
    if (diagnostics.some((d) => d.severity === 'error')) return result();

    const taken: string[] = [];
    for (const [i, m] of this.modules.entries()) {
      const lastLine = m.compiled.js.split('\n').length;
      try {
        this.evaluate(m, i);
      } catch (e) {
        // Top-level code runs at build time in the Rust original: its failure is a diagnostic.
        const f = e instanceof UserCodeFault ? e.fault : null;
        const where = f ?? this.locate(e, m.compiled.fileName);
        const text = f ? f.message : errText(e);
        diagnostics.push(diag(m.compiled.fileName, where.line || 1, where.column || 1, `while loading: ${text}`));
        this.fault = null;
        this.tripped = null;
        continue;
      }
      const d = m.defined as Partial<LsmDefinitionInput> | undefined;
      if (!d || !d[LSM_DEFINITION]) {
        diagnostics.push(
          diag(
            m.compiled.fileName,
            lastLine,
            1,
            'the module defines no LSM: end it with export default defineLsm(MyLsm, "my_lsm\\0", LSM_ID_UNDEF)',
          ),
        );
        continue;
      }
      const exported = m.exports;
      if (exported?.['default'] !== d)
        diagnostics.push(
          diag(m.compiled.fileName, lastLine, 1, 'export the definition: export default defineLsm(…)', 'warning'),
        );
      const { def, problems } = checkDefinition(d as LsmDefinitionInput, { version, rustV1: this.rustV1, taken });
      const line = defineLine(m.compiled.js);
      for (const p of problems) diagnostics.push(diag(m.compiled.fileName, line, 1, p.message, p.severity));
      if (def) {
        m.def = def;
        taken.push(def.name);
      }
    }
    if (diagnostics.some((d) => d.severity === 'error')) return result();

    const userInfos = this.modules.map((m, i) => this.lsmInfo(m, i, version));
    const configLsm = o.boot?.configLsm ?? [defaultConfigLsm(version), ...taken].join(',');
    let machine: Machine;
    try {
      // A user init that oopses panics the boot (boot() prints the report): the kernel is still
      // returned, with its log, so the page can show the boot as the console would.
      const kernel = boot({
        ...o.boot,
        kernelVersion: version,
        configLsm,
        lsms: [...builtInLsms(version, o.notBuilt ?? []), ...userInfos],
      });
      if (kernel.panic) {
        return result({
          panic: kernel.panic,
          dmesg: kernel.log.map(formatLogLine).join('\n'),
          bootFailure: diagnoseBoot(kernel),
        });
      }
      machine = Machine.fromKernel(kernel);
    } catch (e) {
      return result({ panic: errText(e) });
    }
    this.machine = machine;
    // What a boot-time loader (a systemd unit running bpftool) does with each program: as init,
    // bpf(BPF_PROG_LOAD) then bpf(BPF_LINK_CREATE); the BPF LSM's trampoline runs it from then on.
    for (const p of bpfPrograms) {
      const load = machine.syscall(1, 'bpf', { cmd: BPF_PROG_LOAD, prog: p.source });
      const fd = load.ret ?? -1;
      const link = fd >= 0 ? machine.syscall(1, 'bpf', { cmd: BPF_LINK_CREATE, prog_fd: fd }) : null;
      const failed = fd < 0 ? load : link && (link.ret ?? -1) < 0 ? link : null;
      if (failed)
        diagnostics.push(
          diag(
            p.fileName,
            1,
            1,
            `bpf(${fd < 0 ? 'BPF_PROG_LOAD' : 'BPF_LINK_CREATE'}) as init: ${failed.errno ?? failed.error}${failed.out ? `: ${failed.out.trim().split('\n').at(-1)}` : ''}`,
          ),
        );
      else if (!machine.kernel.order.includes('bpf'))
        diagnostics.push(
          diag(
            p.fileName,
            1,
            1,
            'bpf is not an active LSM of this boot: the program is attached but never runs',
            'warning',
          ),
        );
    }
    return {
      ok: !diagnostics.some((d) => d.severity === 'error'),
      diagnostics,
      lsms: this.lsms,
      dmesg: machine.dmesg(),
      panic: null,
      bootFailure: diagnoseBoot(machine.kernel),
      order: machine.kernel.order,
      heads: Object.fromEntries(machine.kernel.hookHeads()),
      bootPolicies: [...machine.bootPolicyResults],
      fault: this.fault,
    };
  }

  /** Runs the module's code: `require('kernel')` is the API, globals that leak time or randomness are seeded. */
  private evaluate(m: LoadedModule, index: number): void {
    const exports: Record<string, unknown> = {};
    const module = { exports };
    const seed = mulberry32(0x15a + index);
    const clockMs = () => BOOT_EPOCH_SECONDS * 1000 + Math.floor((this.machine?.kernel.now() ?? 0) / 1e6);
    const seededMath = Object.freeze(Object.assign(Object.create(Math) as Math, { random: seed }));
    const RealDate = Date;
    class VirtualDate extends RealDate {
      constructor(...a: unknown[]) {
        if (a.length === 0) super(clockMs());
        else super(...(a as [number]));
      }
      static override now() {
        return clockMs();
      }
    }
    const require = (spec: string) => {
      if (spec === 'kernel') return this.api;
      throw new ApiError(`cannot import ${JSON.stringify(spec)}: a kernel module can only import 'kernel'`);
    };
    const params = [
      'require',
      'exports',
      'module',
      GUARD_NAME,
      'Math',
      'Date',
      'globalThis',
      'self',
      'performance',
      'setTimeout',
      'setInterval',
      'queueMicrotask',
      'fetch',
      'postMessage',
      'close',
    ];
    const body = `${m.compiled.js}\n//# sourceURL=${SOURCE_URL}${m.compiled.fileName}`;
    // A syntax error here was already reported by compileModule(); the body is valid JavaScript.
    const fn = new Function(...params, body) as (...a: unknown[]) => void;
    const guard = (site: number) => this.guard(site);
    m.exports = exports;
    this.evaluating = m;
    try {
      this.enter(m, index, 'module top level', null, () =>
        fn(
          require,
          exports,
          module,
          guard,
          seededMath,
          VirtualDate,
          undefined,
          undefined,
          undefined,
          undefined,
          undefined,
          undefined,
          undefined,
          undefined,
          undefined,
        ),
      );
    } finally {
      this.evaluating = null;
    }
    m.exports = module.exports as Record<string, unknown>;
  }

  /** The lsm_info define_lsm! generates: the class's hooks through adapters, __lsm_init as init. */
  private lsmInfo(m: LoadedModule, index: number, version: KernelVersion): LsmInfo {
    const def = m.def!;
    const defs = hookDefs(version);
    const blobs: LsmBlobSizes = {};
    for (const b of def.blobs) blobs[b.kind] = (blobs[b.kind] ?? 0) + b.size;
    const self = this;
    return {
      name: def.name,
      id: def.id,
      order: 'mutable',
      enabled: null,
      ...(def.legacyMajor ? { legacyMajor: true } : {}),
      ...(def.exclusive ? { exclusive: true } : {}),
      blobs: def.blobs.length > 0 ? blobs : null,
      source: `security/${def.name}/${def.fileName}`,
      init(ctx: LsmInitContext): number {
        m.ctxRef = ctx;
        // Each blob declaration gets its own slice: consecutive offsets within this LSM's part.
        // The offsets were set by lsm_set_blob_sizes() before any init ran: bind them first, so
        // the constructor (the init) may use its blobs.
        bindBlobs(def.blobs, ctx);
        let instance: Record<string, unknown>;
        self.enter(m, index, 'init', ctx, () => {
          instance = new def.hooksClass() as Record<string, unknown>;
        });
        const hooks: Record<string, unknown> = {};
        for (const h of def.hooks) {
          const hd = defs.get(h)!;
          const method = instance![h] as (...a: unknown[]) => unknown;
          const toUser = (self.api as { __toUser: (v: unknown) => unknown }).__toUser;
          const line = self.methodLine(m, def, h).line;
          hooks[h] = (...args: unknown[]) => {
            const raw = self.enter(m, index, h, ctx, () => method.apply(instance, args.map(toUser)), line);
            if (hd.ret === 'void') return undefined;
            const rc = resultToInt(raw);
            if (typeof rc === 'number') return rc;
            const isPromise = typeof (raw as { then?: unknown })?.then === 'function';
            const message = isPromise
              ? `returned a Promise: hooks run synchronously in the kernel, so they cannot be async`
              : rc;
            throw self.raise({
              kind: 'badret',
              lsm: def.name,
              hook: h,
              ...self.methodLine(m, def, h),
              message,
              report: [],
            });
          };
        }
        ctx.securityAddHooks(hooks as HookImpls);
        return 0;
      },
    };
  }

  /** The line of a hook's method in the source (its function guard site). */
  private methodLine(
    m: LoadedModule,
    def: UserLsmDefinition,
    hook: HookName,
  ): { fileName: string; line: number; column: number } {
    const re = new RegExp(`^\\s*(?:async\\s+)?${hook}\\s*\\(`);
    const lines = m.compiled.js.split('\n');
    const i = lines.findIndex((l) => re.test(l));
    return { fileName: def.fileName, line: i + 1, column: i >= 0 ? lines[i]!.search(/\S/) + 1 : 0 };
  }

  /** Runs user code of module `m` as `what`, with a fresh guard budget, turning faults into reports. */
  private enter<T>(m: LoadedModule, index: number, what: string, ctx: LsmInitContext | null, fn: () => T, line = 0): T {
    const outer = this.running;
    const lsm = m.def?.name ?? m.compiled.fileName.replace(/\.ts$/, '');
    const run: Running = {
      lsm,
      lsmIndex: index,
      what,
      ctx,
      module: m,
      hits: 0,
      countdown: GUARD_CHUNK,
      started: this.opts.now ? this.opts.now() : 0,
    };
    this.running = run;
    const p = this.opts.progress;
    if (p) {
      p[0] = 1;
      p[1] = index;
      p[2] = HOOK_INDEX.get(what) ?? -1;
      // The method's line until a guard reports a more precise one.
      p[3] = line;
    }
    try {
      const value = fn();
      if (this.tripped) throw this.tripped;
      return value;
    } catch (e) {
      if (e instanceof UserCodeFault) throw e;
      throw this.raise(this.classify(e, run));
    } finally {
      this.running = outer;
      if (p) {
        p[0] = outer ? 1 : 0;
        if (outer) {
          p[1] = outer.lsmIndex;
          p[2] = HOOK_INDEX.get(outer.what) ?? -1;
        }
      }
    }
  }

  /** The guard every loop body and function entry of user code calls. */
  private guard(site: number): void {
    const r = this.running;
    if (this.tripped) throw this.tripped;
    if (!r || --r.countdown > 0) return;
    r.countdown = GUARD_CHUNK;
    r.hits += GUARD_CHUNK;
    const p = this.opts.progress;
    if (p) {
      p[3] = r.module.compiled.sites[site]?.line ?? 0;
      p[4] = (p[4]! + 1) | 0;
    }
    const budget = this.opts.guardBudget ?? DEFAULT_GUARD_BUDGET;
    const overTime = this.opts.now !== undefined && this.opts.now() - r.started > (this.opts.timeLimitMs ?? 1000);
    if (r.hits >= budget || overTime) {
      this.tripped = new SoftLockup(site);
      throw this.tripped;
    }
  }

  private classify(e: unknown, r: Running): EngineFault {
    const fileName = r.module.compiled.fileName;
    const task = this.currentTask();
    const base = { lsm: r.lsm, hook: r.what, fileName };
    if (e instanceof SoftLockup) {
      // The detector fires once the CPU has been stuck for over 20 s: let that time pass.
      this.machine?.kernel.advanceClock(SOFTLOCKUP_SECONDS * 1e9);
      const site = r.module.compiled.sites[e.site];
      const where = { line: site?.line ?? 0, column: site?.column ?? 0 };
      const message = `did not return: soft lockup at ${fileName}:${where.line} (${site?.kind ?? 'loop'} ran ${r.hits.toLocaleString('en-US')} times)`;
      return {
        kind: 'softlockup',
        ...base,
        ...where,
        message,
        report: [
          `watchdog: BUG: soft lockup - CPU#0 stuck for ${SOFTLOCKUP_SECONDS}s! [${task.comm}:${task.pid}]`,
          'Modules linked in:',
          cpuLine(task, this.version),
          `RIP: 0010:${r.lsm}::${r.what} (${fileName}:${where.line})`,
          ...callTrace(r),
        ],
      };
    }
    const where = this.locate(e, fileName);
    const text = errText(e);
    if (e instanceof RangeError && /call stack/i.test(text)) {
      return {
        kind: 'stack',
        ...base,
        ...where,
        message: `overflowed the kernel stack (unbounded recursion) at ${fileName}:${where.line}`,
        report: [
          'BUG: TASK stack guard page was hit at ffffc90000a0bff8 (stack is ffffc90000a0c000..ffffc90000a10000)',
          'Oops: stack guard page: 0000 [#1] PREEMPT SMP NOPTI',
          cpuLine(task, this.version),
          `RIP: 0010:${r.lsm}::${r.what} (${fileName}:${where.line})`,
          ...callTrace(r),
          'Kernel panic - not syncing: Fatal exception in interrupt',
        ],
      };
    }
    if (e instanceof RangeError && ALLOC_FAILURE.test(text)) {
      return {
        kind: 'oom',
        ...base,
        ...where,
        message: `allocated without bound at ${fileName}:${where.line} (${text})`,
        report: [
          `${task.comm}: page allocation failure: order:10, mode:0xcc0(GFP_KERNEL), nodemask=(null)`,
          cpuLine(task, this.version),
          `rust_kernel: panicked at ${fileName}:${where.line}:${where.column}:`,
          `memory allocation failed: ${text}`,
          '------------[ cut here ]------------',
          'kernel BUG at rust/helpers/bug.c:7!',
          'Oops: invalid opcode: 0000 [#1] PREEMPT SMP NOPTI',
          `RIP: 0010:rust_helper_BUG+0x8/0x10`,
          ...callTrace(r),
        ],
      };
    }
    const kind: FaultKind = 'panic';
    return {
      kind,
      ...base,
      ...where,
      message: `panicked at ${fileName}:${where.line}: ${text}`,
      report: [
        `rust_kernel: panicked at ${fileName}:${where.line}:${where.column}:`,
        text,
        '------------[ cut here ]------------',
        'kernel BUG at rust/helpers/bug.c:7!',
        'Oops: invalid opcode: 0000 [#1] PREEMPT SMP NOPTI',
        cpuLine(task, this.version),
        'RIP: 0010:rust_helper_BUG+0x8/0x10',
        ...callTrace(r),
      ],
    };
  }

  /** Records the fault (the first one wins) and wraps it for the dispatch code. */
  private raise(f: EngineFault): UserCodeFault {
    const report = f.report.length > 0 ? f.report : badRetReport(f, this.currentTask(), this.version);
    const fault = { ...f, report };
    if (!this.fault) this.fault = fault;
    return new UserCodeFault(fault);
  }

  private currentTask(): { pid: number; comm: string; uid: number } {
    const t = this.running?.ctx?.currentTask() as { pid?: number; comm?: string; cred?: { uid?: number } } | undefined;
    return { pid: t?.pid ?? 0, comm: t?.comm ?? 'swapper/0', uid: t?.cred?.uid ?? 0 };
  }

  /** The user-source position of an error, from its stack (our modules carry a sourceURL). */
  private locate(e: unknown, fileName: string): { line: number; column: number } {
    const stack = e instanceof Error ? String(e.stack ?? '') : '';
    const re = new RegExp(`${escapeRe(SOURCE_URL + fileName)}:(\\d+):(\\d+)`);
    const m = re.exec(stack);
    if (!m) return { line: 0, column: 0 };
    return { line: Number(m[1]) - this.functionLineOffset(), column: Number(m[2]) };
  }

  /** Lines `new Function` puts before the body (2 in V8: "function anonymous(…" and ") {"). */
  private functionLineOffset(): number {
    if (this.lineOffset === null) {
      try {
        (new Function(`throw new Error('probe')\n//# sourceURL=${SOURCE_URL}probe`) as () => void)();
      } catch (e) {
        const m = new RegExp(`${escapeRe(SOURCE_URL)}probe:(\\d+)`).exec(String((e as Error).stack));
        this.lineOffset = m ? Number(m[1]) - 1 : 0;
      }
    }
    return this.lineOffset ?? 0;
  }
}

/** The URL scheme user modules appear under in stack traces. */
export const SOURCE_URL = 'lsm-module:///';

function bindBlobs(blobs: readonly BlobDecl[], ctx: LsmInitContext): void {
  // All declarations of one kind share the LSM's slice; each gets its own sub-offset in the model
  // by keying on the declaration. The framework only sees the summed size.
  const byKind = new Map<string, BlobDecl[]>();
  for (const b of blobs) byKind.set(b.kind, [...(byKind.get(b.kind) ?? []), b]);
  for (const list of byKind.values()) {
    let at = ctx.blobOffsets[list[0]!.kind] ?? 0;
    for (const b of list) {
      b.offset = at;
      at += b.size;
    }
    if (list.length === 1) {
      list[0]!.ctx = ctx;
      continue;
    }
    list.forEach((b, i) => {
      b.ctx = {
        ...ctx,
        blob: <T>(kind: Parameters<LsmInitContext['blob']>[0], obj: Parameters<LsmInitContext['blob']>[1]) => {
          const whole = ctx.blob<Map<number, T>>(kind, obj);
          return {
            lsm: whole.lsm,
            offset: whole.offset + list.slice(0, i).reduce((n, x) => n + x.size, 0),
            size: b.size,
            get: () => whole.get()?.get(i),
            set: (v: T) => {
              const map = whole.get() ?? new Map<number, T>();
              map.set(i, v);
              whole.set(map);
            },
          };
        },
      };
    });
  }
}

function summary(def: UserLsmDefinition): Omit<UserLsmSummary, 'hookLines'> {
  const blobs: LsmBlobSizes = {};
  for (const b of def.blobs) blobs[b.kind] = (blobs[b.kind] ?? 0) + b.size;
  return {
    name: def.name,
    id: def.id,
    fileName: def.fileName,
    className: def.className,
    hooks: def.hooks,
    blobs,
    expansion: macroExpansion(def),
    legacyMajor: def.legacyMajor,
    exclusive: def.exclusive,
  };
}

/** A BPF LSM program file of the editor. */
export const BPF_PROGRAM_FILE = /^[a-z0-9_]+\.bpf\.c$/;

function diag(
  fileName: string,
  line: number,
  column: number,
  message: string,
  severity: 'error' | 'warning' = 'error',
): Diagnostic {
  return { fileName, line, column, message, severity };
}

function errText(e: unknown): string {
  if (e instanceof Error) return `${e.name === 'Error' || e.name === 'ApiError' ? '' : `${e.name}: `}${e.message}`;
  try {
    return `threw ${JSON.stringify(e)}`;
  } catch {
    return `threw ${String(e)}`;
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The line of the defineLsm( call in the (line-preserving) compiled module. */
function defineLine(js: string): number {
  const i = js.split('\n').findIndex((l) => /defineLsm\b/.test(l) && !/require\(/.test(l));
  return i >= 0 ? i + 1 : 1;
}

function cpuLine(task: { pid: number; comm: string; uid: number }, version: KernelVersion): string {
  return `CPU: 0 UID: ${task.uid} PID: ${task.pid} Comm: ${task.comm} Not tainted ${version}.0-lsm-playground #1`;
}

function callTrace(r: Running): string[] {
  const lines = ['Call Trace:', ' <TASK>', ` ${r.lsm}::${r.what}`];
  if (HOOK_INDEX.has(r.what)) lines.push(` security_${r.what}`);
  lines.push(' </TASK>');
  return lines;
}

function badRetReport(
  f: EngineFault,
  task: { pid: number; comm: string; uid: number },
  version: KernelVersion,
): string[] {
  return [
    '------------[ cut here ]------------',
    `WARNING: ${f.fileName}:${f.line} at security_${f.hook}`,
    `${f.lsm}: ${f.message}`,
    cpuLine(task, version),
    `RIP: 0010:${f.lsm}::${f.hook} (${f.fileName}:${f.line})`,
  ];
}
