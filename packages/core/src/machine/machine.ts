// A booted kernel plus the world it protects. `syscall()` runs one simulated syscall for one task
// and returns its result with the whole trace: the syscall, the kernel functions on its path, the
// DAC checks and every LSM hook in the order the kernel reaches them.
import { boot, type BootConfig } from '../boot/boot';
import { EIO, errnoName } from '../errno';
import { pseudoFilePath } from '../lsm/pseudoFiles';
import type { Kernel, SyscallContext, SyscallRunner } from '../kernel';
import { formatLogLine, KERN_ERR, LOG_BUF_LEN, type LogLine } from '../kernel/printk';
import type { TraceEvent } from '../trace/events';
import type { Tracer } from '../trace/tracer';
import type { KernelVersion } from '../version';
import { buildDefaultWorld } from './defaultWorld';
import { formatArg, parseArg } from './syscallArgs';
import { lazy, type Lazy } from './dac';
import { syscallDef, type ArgSpec, type Sys, type SyscallArgs, type SyscallDef } from './syscallTable';
import type { Task } from './types';
import type { World } from './world';
import './syscalls/index';

export { LOG_BUF_LEN };

/** A syscall that could not be made at all. */
function failed(name: string, pid: number, error: string): SyscallResult {
  return { name, pid, ret: null, errno: null, out: '', trace: [], error };
}

/** What Machine.syscall() needs of a syscall's arguments, worked out once per syscall. */
interface ArgPlan {
  readonly def: SyscallDef;
  readonly specs: readonly ArgSpec[];
  /** Each argument's default, already through parseArg() (it is pure): undefined when there is none. */
  readonly defaults: readonly (number | string | { error: string } | undefined)[];
  readonly names: ReadonlySet<string>;
  /** "(takes dfd, path, …)" of the unknown-argument message. */
  readonly takes: string;
  /**
   * Every argument at its parsed default, or a placeholder of its kind when it has none, in table
   * order: parseArgs() starts each call's arguments as a copy, so they all share one shape.
   */
  readonly template: Readonly<Record<string, number | string>>;
  /** How many arguments have no default. */
  readonly required: number;
  /** The last call's argument values and their strace text (formatArgs()); null before the first. */
  lastFormat: { readonly values: readonly (number | string)[]; readonly text: readonly string[] } | null;
}

/** The plans by syscall name: one look-up finds the syscall and its plan. */
const ARG_PLANS = new Map<string, ArgPlan>();

/** The argument plan of syscall `name`, made on its first call; undefined when there is no such syscall. */
function argPlan(name: string): ArgPlan | undefined {
  let plan = ARG_PLANS.get(name);
  if (!plan) {
    const def = syscallDef(name);
    if (!def) return undefined;
    plan = {
      def,
      specs: def.args,
      defaults: def.args.map((a) => (a.default === undefined ? undefined : parseArg(a.kind, a.default))),
      names: new Set(def.args.map((a) => a.name)),
      takes: def.args.map((a) => a.name).join(', ') || 'none',
      template: Object.fromEntries(
        def.args.map((a) => {
          const d = a.default === undefined ? undefined : parseArg(a.kind, a.default);
          return [a.name, d === undefined || typeof d === 'object' ? (STRING_KINDS.has(a.kind) ? '' : 0) : d];
        }),
      ),
      required: def.args.filter((a) => a.default === undefined).length,
      lastFormat: null,
    };
    ARG_PLANS.set(name, plan);
  }
  return plan;
}

/**
 * The arguments as strace prints them (syscall_enter's `args`). A call with the very values of the
 * syscall's last call shares that call's array, which is never written once made: a program that
 * opens and closes the same file over and over formats its arguments once. The values are read by
 * `for…in` (arguments are kept in table order, see parseArgs()), not by name.
 */
function formatArgs(plan: ArgPlan, args: SyscallArgs): readonly string[] {
  const last = plan.lastFormat;
  if (last !== null) {
    let i = 0;
    let same = true;
    for (const key in args) {
      if (args[key] !== last.values[i++]) {
        same = false;
        break;
      }
    }
    if (same && i === last.values.length) return last.text;
  }
  const values: (number | string)[] = [];
  for (const key in args) values.push(args[key]!);
  const specs = plan.specs;
  const text = Object.freeze(values.map((v, i) => formatArg(specs[i]!.kind, v)));
  plan.lastFormat = { values, text };
  return text;
}

/** The argument kinds parseArg() keeps as strings. */
const STRING_KINDS: ReadonlySet<string> = new Set(['path', 'string', 'bytes']);

/**
 * The arguments of a well-formed call, parsed: the given ones over the defaults. Null when
 * anything is off (an argument missing, unknown or bad, an object that is not a plain one):
 * parseArgsInOrder() then names the first problem.
 *
 * Reading and writing arguments by a name held in a variable (`args[spec.name]`) went through
 * V8's megamorphic property caches, and adding each property to an empty object moved it through a
 * new hidden class per argument: together half the cost of Machine.syscall(). Here the copy of the
 * template already has every property, and `args[key]` inside `for (key in args)` is read by the
 * loop's own field index.
 */
function parseArgs(plan: ArgPlan, args: Readonly<Record<string, number | string>>): SyscallArgs | null {
  // A plain object's for…in visits its own keys only (what parseArgsInOrder()'s hasOwn keeps).
  const proto: unknown = Object.getPrototypeOf(args);
  if (proto !== Object.prototype && proto !== null) return null;
  const parsed: Record<string, number | string> = { ...plan.template };
  let required = 0;
  const specs = plan.specs;
  for (const key in args) {
    // A syscall takes a handful of arguments: comparing names (interned strings) beats a Map look-up.
    let i = 0;
    while (i < specs.length && specs[i]!.name !== key) i++;
    if (i === specs.length) return null;
    const raw = args[key];
    // null, as `??` had it, counts as not given.
    if (raw == null) continue;
    const spec = specs[i]!;
    const v = parseArg(spec.kind, raw);
    if (typeof v === 'object') return null;
    parsed[key] = v;
    if (spec.default === undefined) required++;
  }
  return required === plan.required ? parsed : null;
}

/**
 * The arguments checked in table order: the first one missing or bad, then the first unknown
 * name, is the error (a string); else the parsed arguments.
 */
function parseArgsInOrder(
  plan: ArgPlan,
  name: string,
  args: Readonly<Record<string, number | string>>,
): SyscallArgs | string {
  const specs = plan.specs;
  const parsed: Record<string, number | string> = {};
  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i]!;
    const raw = args[spec.name];
    // A default was parsed when the plan was made; an argument given is parsed now (null, as
    // `??` had it, counts as not given).
    const v = raw == null ? plan.defaults[i] : parseArg(spec.kind, raw);
    if (v === undefined) return `${name}: missing argument ${spec.name}`;
    if (typeof v === 'object') return `${name}: argument ${spec.name}: ${v.error}`;
    parsed[spec.name] = v;
  }
  for (const key in args) {
    if (Object.hasOwn(args, key) && !plan.names.has(key))
      return `${name}: unknown argument ${key} (takes ${plan.takes})`;
  }
  return parsed;
}

/**
 * What a syscall body reaches (`Sys`), and the body's run for Kernel.runSyscallWith(). The machine
 * reuses the last one that finished for its next call, so one object carries a call's task,
 * arguments and output (`data`, the body's `out`) instead of a closure, a context and an output
 * object per call. Bodies do not keep it past their call.
 */
class SyscallBody implements Sys, SyscallRunner<SyscallResult> {
  ctx: SyscallContext = null!;
  readonly world: World;
  task: Task = null!;
  readonly machine: Machine;
  readonly version: KernelVersion;
  pid = 0;
  name = '';
  def: SyscallDef = null!;
  plan: ArgPlan = null!;
  args: SyscallArgs = null!;
  /** Text the syscall produced for userspace (the body's `out.data`). */
  data = '';
  /** The finished call's printk and audit events, for the machine's log buffer and audit trail. */
  logged: Tracer['logged'] = null;

  constructor(machine: Machine) {
    this.world = machine.world;
    this.machine = machine;
    this.version = machine.version;
  }

  kfunc(fn: string, note?: Lazy<string>): void {
    if (this.ctx.tracer.recording) this.ctx.tracer.kfunc(fn, note === undefined ? null : lazy(note));
  }

  run(ctx: SyscallContext): number {
    this.ctx = ctx;
    const def = this.def;
    if (ctx.tracer.recording) {
      const args = this.args;
      ctx.tracer.syscallEnter(this.pid, this.task.comm, this.name, formatArgs(this.plan, args));
    }
    const ret = def.run(this, this.args, this);
    if (ctx.tracer.logged !== null && this.world.audit.enabled && !this.world.audit.disabled) this.auditSyscallExit();
    ctx.tracer.syscallExit(this.pid, this.name, ret);
    return ret;
  }

  /**
   * __audit_syscall_exit() with audit=1: audit_alloc() gave every task an audit context (audit was
   * ever enabled), so a record written during the syscall (audit_log_start() → auditsc_get_stamp())
   * took the syscall's time and serial and set the context to AUDIT_STATE_RECORD, and
   * audit_log_exit() now adds a SYSCALL record and a PROCTITLE record (AUDIT_EOE is not printed).
   * The model writes neither, nor shares the serial; the trace says so where they would be.
   */
  private auditSyscallExit(): void {
    if (!this.ctx.tracer.logged!.some((e) => e.type === 'audit')) return;
    this.kfunc(
      'audit_log_exit',
      'audit=1: the kernel adds a SYSCALL record (type=1300) and a PROCTITLE record (type=1327) to this syscall’s audit records here, all with one serial; simplified: the model writes neither',
    );
  }

  finish(rc: number | null, trace: TraceEvent[], logged: Tracer['logged'], error: string | null): SyscallResult {
    this.logged = logged;
    return {
      name: this.name,
      pid: this.pid,
      ret: rc,
      errno: rc !== null && rc < 0 ? errnoName(rc) : null,
      out: this.data,
      trace,
      error,
    };
  }
}

/** The outcome of one simulated syscall. */
export interface SyscallResult {
  readonly name: string;
  readonly pid: number;
  /** The return value (>= 0) or -errno; null when the call could not be made at all. */
  readonly ret: number | null;
  readonly errno: string | null;
  /** Text the syscall produced for userspace (the bytes read, a directory listing…). */
  readonly out: string;
  readonly trace: readonly TraceEvent[];
  /** Why the call could not be made, or what failed inside an LSM callback. */
  readonly error: string | null;
}

export class Machine {
  readonly kernel: Kernel;
  readonly world: World;
  readonly version: KernelVersion;
  /** The kernel log: boot lines, then every printk of the syscalls, oldest dropped past LOG_BUF_LEN. */
  readonly log: LogLine[];
  private logBytes: number;
  /** Lines ever written to the log, boot lines included: the number the next line gets. */
  private logWritten: number;
  /** The body of the last syscall, reused by the next (SyscallBody); null while one is running. */
  private spare: SyscallBody | null = null;
  /** The audit trail as auditd would write /var/log/audit/audit.log ("type=AVC msg=audit(...): ..."). */
  readonly audit: string[] = [];

  private constructor(kernel: Kernel, world: World) {
    this.kernel = kernel;
    this.world = world;
    this.version = kernel.version;
    this.log = [...kernel.log];
    this.logBytes = this.log.reduce((n, l) => n + l.text.length + 1, 0);
    this.logWritten = this.log.length;
  }

  /** Boots the kernel and builds the default world. Throws if the boot panicked. */
  static boot(config: BootConfig = {}): Machine {
    return Machine.fromKernel(boot(config));
  }

  /** Builds the default world on a booted kernel. Throws if its boot panicked. */
  static fromKernel(kernel: Kernel): Machine {
    if (kernel.panic) throw new Error(`Kernel panic - not syncing: ${kernel.panic}`);
    const m = new Machine(kernel, buildDefaultWorld(kernel).world);
    kernel.linkTasks((pid) => m.world.tasks.get(pid) ?? null);
    m.loadBootPolicies();
    return m;
  }

  /** What init did with each boot policy (BootConfig.policies): the write's return, or -errno. */
  readonly bootPolicyResults: { readonly lsm: string; readonly path: string; readonly rc: number }[] = [];

  /**
   * Userspace's part of the boot: init (pid 1) writes each LSM's policy to the file the LSM named
   * (systemd's selinux_init_load_policy() writes selinuxfs `load`; apparmor_parser writes
   * securityfs `.replace`), with openat/write/close like any other writer. A failure is logged as
   * systemd logs it to /dev/kmsg; the LSM's own parser reports why.
   */
  private loadBootPolicies(): void {
    for (const p of this.kernel.bootPolicies()) {
      const path = pseudoFilePath(p);
      const o = this.syscall(1, 'openat', { path, flags: 'O_WRONLY' });
      let rc = o.ret ?? -EIO;
      if (rc >= 0) {
        const fd = rc;
        const w = this.syscall(1, 'write', { fd, buf: p.text });
        rc = w.ret ?? -EIO;
        this.syscall(1, 'close', { fd });
      }
      this.bootPolicyResults.push({ lsm: p.lsm, path, rc });
      if (rc < 0)
        this.appendLog({
          level: KERN_ERR,
          t: this.kernel.now(),
          text: `init[1]: Failed to load ${p.lsm} policy into ${path}: ${errnoName(rc)}`,
        });
    }
  }

  task(pid: number): Task | undefined {
    return this.world.tasks.get(pid);
  }

  /** Lets virtual time pass with nothing running (the shell's `sleep`, a scenario's pause). */
  idle(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`idle: not a duration: ${ms}`);
    this.kernel.advanceClock(ms * 1_000_000);
  }

  /** `dmesg`: the log buffer as text. */
  dmesg(): string {
    return this.log.map(formatLogLine).join('\n');
  }

  /**
   * Lines ever written to the log (boot lines included). `log[i]` is line number
   * `logCount - log.length + i`: the lines before it were dropped by the ring buffer.
   */
  get logCount(): number {
    return this.logWritten;
  }

  private appendLog(line: LogLine): void {
    this.log.push(line);
    this.logWritten++;
    this.logBytes += line.text.length + 1;
    while (this.logBytes > LOG_BUF_LEN && this.log.length > 1) {
      const old = this.log.shift()!;
      this.logBytes -= old.text.length + 1;
    }
  }

  /** Runs syscall `name` as task `pid`; arguments by name (see the syscall table). */
  syscall(pid: number, name: string, args: Readonly<Record<string, number | string>> = {}): SyscallResult {
    const plan = argPlan(name);
    if (!plan) return failed(name, pid, `unknown syscall ${JSON.stringify(name)}`);
    const def = plan.def;
    const task = this.world.tasks.get(pid);
    if (!task || task.state !== 'running') return failed(name, pid, `no running task with pid ${pid}`);
    const parsed = parseArgs(plan, args) ?? parseArgsInOrder(plan, def.name, args);
    if (typeof parsed === 'string') return failed(name, pid, parsed);
    let body = this.spare;
    if (body) this.spare = null;
    else body = new SyscallBody(this);
    body.task = task;
    body.pid = pid;
    body.name = name;
    body.def = def;
    body.plan = plan;
    body.args = parsed;
    body.data = '';
    const result = this.kernel.runSyscallWith(task.cred, task, body);
    // The call's printk and audit events (an oops adds some after the body).
    if (body.logged !== null) this.keepLogged(body.logged);
    body.logged = null;
    this.spare = body;
    return result;
  }

  /** The printk and audit events of a call, to the log buffer and the audit trail. */
  private keepLogged(events: NonNullable<Tracer['logged']>): void {
    for (const e of events) {
      if (e.type === 'printk') this.appendLog({ level: e.level, t: e.t, text: e.text });
      else if (e.type === 'audit') this.audit.push(`type=${e.typeName} msg=${e.stamp}: ${e.text}`);
    }
  }
}
