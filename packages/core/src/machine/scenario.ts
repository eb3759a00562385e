// Scenarios: a boot configuration and a list of steps, as plain JSON, so a session on the machine
// can be saved, shared, replayed by the CLI and checked by tests. A step is one syscall by name
// with named arguments, or one shell command line; either may carry what it expects (the return
// value, the errno, the shell output, the hooks reached).
//
// validateScenario() checks everything that can be checked without running: the shape, the boot
// fields, that each syscall exists and each argument is one it takes and parses. Whether a pid
// names a running task is known only when the step runs (earlier steps may create or end tasks),
// so a bad pid shows up in that step's result.
import { snapshotWorld, type WorldSnapshot } from './snapshot';
import { errnoName } from '../errno';
import { KERNEL_VERSIONS, type KernelVersion } from '../version';
import { hookNames } from './formatTrace';
import { Machine, type SyscallResult } from './machine';
import { parseArg } from './syscallArgs';
import { syscallDef, syscallNames } from './syscallTable';
import { initialShellState, parseLine, runShell, type ShellState } from './shell';
import {
  checkExpectations,
  normaliseErrno,
  validateExpectations,
  type Expectation,
  type ExpectationResult,
  type ExpectationSubject,
} from './expectations';
import { formatLogLine } from '../kernel/printk';

/** The boot fields a scenario may set (BootConfig less what is not plain JSON). */
export interface ScenarioBoot {
  readonly kernelVersion?: KernelVersion;
  readonly configLsm?: string;
  readonly cmdline?: string;
  readonly maxLsmCount?: number;
  readonly kconfig?: readonly string[];
  /** The policies init loads at boot, by LSM name (BootConfig.policies). */
  readonly policies?: Readonly<Record<string, string>>;
}

/** What a step expects; every field given must hold. */
export interface StepExpect {
  /** The return value: the syscall's; for a shell step, that of the first failure it reported, else of its last syscall. */
  readonly ret?: number;
  /** "EACCES" or "-EACCES"; null for success. Compared like `ret`. */
  readonly errno?: string | null;
  /** Shell steps: the exact terminal output. */
  readonly output?: string;
}

interface StepBase {
  readonly expect?: StepExpect;
  /** The names of the hooks the step reaches, in order (nested calls included): ["file_open", …]. */
  readonly expectHooks?: readonly string[];
  /** A line saying what the step shows. */
  readonly note?: string;
}

export interface SyscallStep extends StepBase {
  readonly pid: number;
  readonly syscall: string;
  readonly args: Readonly<Record<string, number | string>>;
}

export interface ShellStep extends StepBase {
  /** The shell task to run as; left out, the shell of the previous shell step (root's bash at first). */
  readonly pid?: number;
  readonly shell: string;
}

export type ScenarioStep = SyscallStep | ShellStep;

export interface Scenario {
  readonly version: 1;
  readonly name: string;
  readonly description?: string;
  readonly boot: ScenarioBoot;
  readonly steps: readonly ScenarioStep[];
  /** What the whole run is expected to show (expectations.ts), checked after the last step. */
  readonly expectations?: readonly Expectation[];
}

export type ValidationResult = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => JSON.stringify(v) ?? String(v);

const BOOT_FIELDS = ['kernelVersion', 'configLsm', 'cmdline', 'maxLsmCount', 'kconfig', 'policies'];
const STEP_FIELDS = ['pid', 'syscall', 'args', 'shell', 'expect', 'expectHooks', 'note'];
const EXPECT_FIELDS = ['ret', 'errno', 'output'];

function validateBoot(v: unknown, errors: string[]): void {
  if (!isObject(v)) {
    errors.push(`boot: expected an object, got ${show(v)}`);
    return;
  }
  for (const k of Object.keys(v))
    if (!BOOT_FIELDS.includes(k)) errors.push(`boot.${k}: unknown field (boot takes ${BOOT_FIELDS.join(', ')})`);
  if (v['kernelVersion'] !== undefined && !(KERNEL_VERSIONS as readonly unknown[]).includes(v['kernelVersion']))
    errors.push(`boot.kernelVersion: expected one of ${KERNEL_VERSIONS.join(', ')}, got ${show(v['kernelVersion'])}`);
  for (const k of ['configLsm', 'cmdline'])
    if (v[k] !== undefined && typeof v[k] !== 'string') errors.push(`boot.${k}: expected a string, got ${show(v[k])}`);
  const max = v['maxLsmCount'];
  if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max) || max < 1))
    errors.push(`boot.maxLsmCount: expected a positive integer, got ${show(max)}`);
  const kc = v['kconfig'];
  if (kc !== undefined && (!Array.isArray(kc) || kc.some((x) => typeof x !== 'string')))
    errors.push(`boot.kconfig: expected an array of strings, got ${show(kc)}`);
  const pol = v['policies'];
  if (pol !== undefined && (!isObject(pol) || Object.values(pol).some((x) => typeof x !== 'string')))
    errors.push(`boot.policies: expected an object of policy texts by LSM name, got ${show(pol)}`);
}

function validateExpect(at: string, v: unknown, shell: boolean, errors: string[]): void {
  if (!isObject(v)) {
    errors.push(`${at}: expected an object, got ${show(v)}`);
    return;
  }
  for (const k of Object.keys(v))
    if (!EXPECT_FIELDS.includes(k)) errors.push(`${at}.${k}: unknown field (expect takes ${EXPECT_FIELDS.join(', ')})`);
  if (v['ret'] !== undefined && (typeof v['ret'] !== 'number' || !Number.isInteger(v['ret'])))
    errors.push(`${at}.ret: expected an integer, got ${show(v['ret'])}`);
  const e = v['errno'];
  if (e !== undefined && e !== null && (typeof e !== 'string' || normaliseErrno(e) === null))
    errors.push(`${at}.errno: not an errno the model knows: ${show(e)}`);
  if (v['output'] !== undefined) {
    if (!shell) errors.push(`${at}.output: only shell steps have output to expect`);
    else if (typeof v['output'] !== 'string') errors.push(`${at}.output: expected a string, got ${show(v['output'])}`);
  }
}

function validateStep(at: string, v: unknown, errors: string[]): void {
  if (!isObject(v)) {
    errors.push(`${at}: expected an object, got ${show(v)}`);
    return;
  }
  for (const k of Object.keys(v))
    if (!STEP_FIELDS.includes(k)) errors.push(`${at}.${k}: unknown field (a step takes ${STEP_FIELDS.join(', ')})`);
  const isShell = 'shell' in v;
  if (isShell === 'syscall' in v) {
    errors.push(`${at}: a step has either "syscall" (with "args") or "shell", not ${isShell ? 'both' : 'neither'}`);
    return;
  }
  const pid = v['pid'];
  if ((pid !== undefined || !isShell) && (typeof pid !== 'number' || !Number.isInteger(pid) || pid < 1))
    errors.push(`${at}.pid: expected a positive integer, got ${show(pid)}`);
  if (v['expect'] !== undefined) validateExpect(`${at}.expect`, v['expect'], isShell, errors);
  const hooks = v['expectHooks'];
  if (hooks !== undefined && (!Array.isArray(hooks) || hooks.some((h) => typeof h !== 'string')))
    errors.push(`${at}.expectHooks: expected an array of hook names, got ${show(hooks)}`);
  if (v['note'] !== undefined && typeof v['note'] !== 'string')
    errors.push(`${at}.note: expected a string, got ${show(v['note'])}`);

  if (isShell) {
    if (typeof v['shell'] !== 'string' || !v['shell'].trim()) {
      errors.push(`${at}.shell: expected a command line, got ${show(v['shell'])}`);
      return;
    }
    if (v['args'] !== undefined) errors.push(`${at}.args: a shell step takes no args`);
    const p = parseLine(v['shell']);
    if ('error' in p) errors.push(`${at}.shell: ${p.error}`);
    return;
  }
  const name = v['syscall'];
  if (typeof name !== 'string') {
    errors.push(`${at}.syscall: expected a syscall name, got ${show(name)}`);
    return;
  }
  const def = syscallDef(name);
  if (!def) {
    errors.push(`${at}.syscall: unknown syscall ${show(name)} (the model has ${syscallNames().join(', ')})`);
    return;
  }
  const args = v['args'] ?? {};
  if (!isObject(args)) {
    errors.push(`${at}.args: expected an object of named arguments, got ${show(args)}`);
    return;
  }
  const takes = def.args.map((a) => a.name).join(', ') || 'none';
  for (const [k, raw] of Object.entries(args)) {
    const spec = def.args.find((a) => a.name === k);
    if (!spec) {
      errors.push(`${at}.args.${k}: unknown argument (${name} takes ${takes})`);
      continue;
    }
    if (typeof raw !== 'number' && typeof raw !== 'string') {
      errors.push(`${at}.args.${k}: expected a number or a string, got ${show(raw)}`);
      continue;
    }
    const parsed = parseArg(spec.kind, raw);
    if (typeof parsed === 'object') errors.push(`${at}.args.${k}: ${parsed.error}`);
  }
  for (const spec of def.args)
    if (spec.default === undefined && !(spec.name in args))
      errors.push(`${at}.args.${spec.name}: missing (${name} takes ${takes}; ${spec.name} has no default)`);
}

/** Checks a parsed JSON value; every problem is reported with the path to it (`steps[3].args.flags: …`). */
export function validateScenario(json: unknown): ValidationResult {
  const errors: string[] = [];
  if (!isObject(json)) return { ok: false, errors: [`scenario: expected an object, got ${show(json)}`] };
  for (const k of Object.keys(json))
    if (!['version', 'name', 'description', 'boot', 'steps', 'expectations'].includes(k))
      errors.push(`${k}: unknown field (a scenario has version, name, description, boot, steps, expectations)`);
  if (json['version'] !== 1) errors.push(`version: expected 1, got ${show(json['version'])}`);
  if (typeof json['name'] !== 'string' || !json['name'])
    errors.push(`name: expected a non-empty string, got ${show(json['name'])}`);
  if (json['description'] !== undefined && typeof json['description'] !== 'string')
    errors.push(`description: expected a string, got ${show(json['description'])}`);
  validateBoot(json['boot'] ?? {}, errors);
  const steps = json['steps'];
  if (!Array.isArray(steps)) errors.push(`steps: expected an array, got ${show(steps)}`);
  else steps.forEach((s, i) => validateStep(`steps[${i}]`, s, errors));
  if (json['expectations'] !== undefined)
    errors.push(...validateExpectations(json['expectations'], Array.isArray(steps) ? steps.length : null));
  if (errors.length) return { ok: false, errors };
  return { ok: true, scenario: { ...(json as unknown as Scenario), boot: (json['boot'] ?? {}) as ScenarioBoot } };
}

export interface StepResult {
  readonly index: number;
  readonly step: ScenarioStep;
  /** The task that ran the step. */
  readonly pid: number;
  /** Every syscall the step made (one for a syscall step). */
  readonly results: readonly SyscallResult[];
  /** The terminal output of a shell step; null for a syscall step. */
  readonly output: string | null;
  /** Index in `results` of the step's outcome; -1 when the step made no syscall. */
  readonly outcome: number;
  /** The step's outcome: a syscall step's result; for a shell step its ShellResult.outcome's. */
  readonly ret: number | null;
  readonly errno: string | null;
  /** The hooks reached, in order, over all of the step's syscalls. */
  readonly hooks: readonly string[];
  /** null when the step has no `expect`. */
  readonly expectMet: boolean | null;
  /** null when the step has no `expectHooks`. */
  readonly hooksMet: boolean | null;
  /** What did not hold, one line each. */
  readonly mismatches: readonly string[];
  /** Why the step's outcome syscall could not be made at all (a pid with no running task…). */
  readonly error: string | null;
  /** The world right after the step, so a replay can show any step as it was. */
  readonly world: WorldSnapshot;
}

export interface ScenarioRun {
  /** The world after boot, before the first step. */
  readonly initialWorld: WorldSnapshot;
  readonly results: StepResult[];
  readonly machine: Machine;
  /** The scenario's `expectations`, checked against the finished run (empty when it has none). */
  readonly expectations: readonly ExpectationResult[];
  /** Every expectation of every step held, and every one of `expectations`. */
  readonly ok: boolean;
}

/** A finished run as expectations see it: boot order, each step's syscalls, the logs. */
export function expectationSubject(machine: Machine, results: readonly StepResult[]): ExpectationSubject {
  return {
    bootOrder: machine.kernel.order,
    steps: results.map((r) => ({ syscalls: r.results, outcome: r.outcome })),
    dmesg: machine.log.map(formatLogLine),
    audit: machine.audit,
  };
}

/** One syscall step; a model error thrown from inside the kernel becomes the step's error, not a crash. */
function runSyscall(machine: Machine, step: SyscallStep): SyscallResult {
  try {
    return machine.syscall(step.pid, step.syscall, step.args);
  } catch (e) {
    const error = `model error: ${e instanceof Error ? e.message : String(e)}`;
    return { name: step.syscall, pid: step.pid, ret: null, errno: null, out: '', trace: [], error };
  }
}

/** Boots the scenario's machine and runs every step in order. Throws if the boot panics. */
export function runScenario(scenario: Scenario): ScenarioRun {
  const b = scenario.boot;
  const machine = Machine.boot({
    ...(b.kernelVersion !== undefined ? { kernelVersion: b.kernelVersion } : {}),
    ...(b.configLsm !== undefined ? { configLsm: b.configLsm } : {}),
    ...(b.cmdline !== undefined ? { cmdline: b.cmdline } : {}),
    ...(b.maxLsmCount !== undefined ? { maxLsmCount: b.maxLsmCount } : {}),
    ...(b.kconfig !== undefined ? { kconfig: b.kconfig } : {}),
    ...(b.policies !== undefined ? { policies: b.policies } : {}),
  });
  let shell: ShellState = initialShellState();
  const initialWorld = snapshotWorld(machine.world);
  // Each step's snapshot shares what did not change with the one before (snapshot.ts).
  let world = initialWorld;
  const results = scenario.steps.map((step, index): StepResult => {
    let syscalls: SyscallResult[];
    let output: string | null = null;
    let pid: number;
    let last: SyscallResult | null;
    if ('shell' in step) {
      if (step.pid !== undefined && step.pid !== shell.pid) shell = { pid: step.pid, stack: [] };
      pid = shell.pid;
      const r = runShell(machine, shell, step.shell);
      shell = r.state;
      syscalls = r.results;
      output = r.output;
      last = r.outcome;
    } else {
      pid = step.pid;
      syscalls = [runSyscall(machine, step)];
      last = syscalls[0]!;
    }
    const ret = last?.ret ?? null;
    const errno = last?.errno ?? null;
    const hooks = syscalls.flatMap((r) => hookNames(r.trace));
    const mismatches: string[] = [];
    let expectMet: boolean | null = null;
    if (step.expect) {
      const e = step.expect;
      if (e.ret !== undefined && e.ret !== ret) mismatches.push(`ret: expected ${e.ret}, got ${ret ?? 'no result'}`);
      if (e.errno !== undefined) {
        const want = e.errno === null ? null : normaliseErrno(e.errno);
        if (want !== errno) mismatches.push(`errno: expected ${want ?? 'none'}, got ${errno ?? 'none'}`);
      }
      if (e.output !== undefined && e.output !== output)
        mismatches.push(`output: expected ${show(e.output)}, got ${show(output)}`);
      expectMet = mismatches.length === 0;
    }
    let hooksMet: boolean | null = null;
    if (step.expectHooks) {
      hooksMet = step.expectHooks.length === hooks.length && step.expectHooks.every((h, i) => h === hooks[i]);
      if (!hooksMet) mismatches.push(`hooks: expected [${step.expectHooks.join(', ')}], got [${hooks.join(', ')}]`);
    }
    const error = last && last.ret === null ? last.error : null;
    world = snapshotWorld(machine.world, world);
    return {
      index,
      step,
      pid,
      results: syscalls,
      outcome: last ? syscalls.indexOf(last) : -1,
      output,
      ret,
      errno,
      hooks,
      expectMet,
      hooksMet,
      mismatches,
      error,
      world,
    };
  });
  const expectations = checkExpectations(expectationSubject(machine, results), scenario.expectations ?? []);
  const ok = results.every((r) => r.expectMet !== false && r.hooksMet !== false) && expectations.every((e) => e.pass);
  return { initialWorld, results, machine, expectations, ok };
}
