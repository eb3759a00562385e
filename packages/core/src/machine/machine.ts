// A booted kernel plus the world it protects. `syscall()` runs one simulated syscall for one task
// and returns its result with the whole trace: the syscall, the kernel functions on its path, the
// DAC checks and every LSM hook in the order the kernel reaches them.
import { boot, type BootConfig } from '../boot/boot';
import type { Kernel, SyscallContext } from '../kernel';
import { formatLogLine, LOG_BUF_LEN, type LogLine } from '../kernel/printk';
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
  readonly specs: readonly ArgSpec[];
  /** Each argument's default, already through parseArg() (it is pure): undefined when there is none. */
  readonly defaults: readonly (number | string | { error: string } | undefined)[];
  readonly names: ReadonlySet<string>;
  /** "(takes dfd, path, …)" of the unknown-argument message. */
  readonly takes: string;
}

const ARG_PLANS = new WeakMap<SyscallDef, ArgPlan>();

/** The argument plan of a syscall, made on its first call. */
function argPlan(def: SyscallDef): ArgPlan {
  let plan = ARG_PLANS.get(def);
  if (!plan) {
    plan = {
      specs: def.args,
      defaults: def.args.map((a) => (a.default === undefined ? undefined : parseArg(a.kind, a.default))),
      names: new Set(def.args.map((a) => a.name)),
      takes: def.args.map((a) => a.name).join(', ') || 'none',
    };
    ARG_PLANS.set(def, plan);
  }
  return plan;
}

/** What a syscall body reaches (`Sys`); a class, as every simulated syscall makes one. */
class SyscallBody implements Sys {
  readonly ctx: SyscallContext;
  readonly world: World;
  readonly task: Task;
  readonly machine: Machine;
  readonly version: KernelVersion;

  constructor(ctx: SyscallContext, machine: Machine, task: Task) {
    this.ctx = ctx;
    this.world = machine.world;
    this.task = task;
    this.machine = machine;
    this.version = machine.version;
  }

  kfunc(fn: string, note?: Lazy<string>): void {
    if (this.ctx.tracer.recording) this.ctx.tracer.kfunc(fn, note === undefined ? null : lazy(note));
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
    return new Machine(kernel, buildDefaultWorld(kernel).world);
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
    const def = syscallDef(name);
    if (!def) return failed(name, pid, `unknown syscall ${JSON.stringify(name)}`);
    const task = this.world.tasks.get(pid);
    if (!task || task.state !== 'running') return failed(name, pid, `no running task with pid ${pid}`);
    const plan = argPlan(def);
    const specs = plan.specs;
    const parsed: Record<string, number | string> = {};
    for (let i = 0; i < specs.length; i++) {
      const spec = specs[i]!;
      const raw = args[spec.name];
      // A default was parsed when the plan was made; an argument given is parsed now (null, as
      // `??` had it, counts as not given).
      const v = raw == null ? plan.defaults[i] : parseArg(spec.kind, raw);
      if (v === undefined) return failed(name, pid, `${name}: missing argument ${spec.name}`);
      if (typeof v === 'object') return failed(name, pid, `${name}: argument ${spec.name}: ${v.error}`);
      parsed[spec.name] = v;
    }
    const known = plan.names;
    // for…in with hasOwn visits what Object.keys() returns, without making the array.
    for (const key in args) {
      if (Object.hasOwn(args, key) && !known.has(key))
        return failed(name, pid, `${name}: unknown argument ${key} (takes ${plan.takes})`);
    }
    const out = { data: '' };
    // The call's tracer: its printk and audit events (an oops adds some after the body) go to the log
    // buffer and the audit trail. (TypeScript does not see the assignment inside the callback.)
    let tracer: Tracer | null = null;
    const result = this.kernel.runSyscall({ cred: task.cred, task }, (ctx) => {
      tracer = ctx.tracer;
      if (ctx.tracer.recording)
        ctx.tracer.syscallEnter(
          pid,
          task.comm,
          name,
          def.args.map((a) => formatArg(a.kind, parsed[a.name]!)),
        );
      const ret = def.run(new SyscallBody(ctx, this, task), parsed as SyscallArgs, out);
      ctx.tracer.syscallExit(pid, name, ret);
      return ret;
    });
    for (const e of (tracer as Tracer | null)?.logged ?? []) {
      if (e.type === 'printk') this.appendLog({ level: e.level, t: e.t, text: e.text });
      else if (e.type === 'audit') this.audit.push(`type=${e.typeName} msg=${e.stamp}: ${e.text}`);
    }
    return { name, pid, ret: result.rc, errno: result.errno, out: out.data, trace: result.trace, error: result.error };
  }
}
