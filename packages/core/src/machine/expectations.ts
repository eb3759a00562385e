// Scenario assertions: what a run is expected to show, as plain JSON data that travels with a
// scenario, a share link or a lesson, and is checked by the same function in the browser, the
// tests and `pnpm lsm test`. An expectation is about what the kernel did, read from the run's
// traces and logs (never from the model's internals): a step's errno and which LSM (or DAC)
// refused it, whether a hook was reached or an LSM's callback called, a line in dmesg or the
// audit log, the boot order.
//
// Steps are numbered from 1, as `pnpm lsm run` and the playground's shell lines show them.
import { errnoName } from '../errno';
import type { TraceEvent } from '../trace/events';
import { KERNEL_VERSIONS } from '../version';
import { hookDefs } from '../hooks/hookDefs';

/** The step's outcome: its errno (null: success), and optionally who refused it. */
export interface ResultExpectation {
  readonly kind: 'result';
  /** The step, from 1. */
  readonly step: number;
  /** "EACCES" or "-EACCES"; null: the step succeeds. Left out: not checked. */
  readonly errno?: string | null;
  /**
   * Who refused the step: an LSM's name, "dac" (generic_permission() and its capability
   * overrides), or null for "allowed by DAC and every LSM" (it may still fail for another reason,
   * ENOENT say). Left out: not checked.
   */
  readonly deniedBy?: string | null;
}

/** A hook is (or is not) reached: in one step, or anywhere in the run. */
export interface HookExpectation {
  readonly kind: 'hook';
  readonly hook: string;
  readonly reached: boolean;
  readonly step?: number;
}

/** An LSM's callback is (or is not) called: on one hook or any, in one step or anywhere. */
export interface LsmExpectation {
  readonly kind: 'lsm';
  readonly lsm: string;
  readonly called: boolean;
  readonly hook?: string;
  readonly step?: number;
}

/** A line of the kernel log (dmesg) or the audit log contains a text (or none does), at the end of the run. */
export interface LogExpectation {
  readonly kind: 'log';
  readonly log: 'dmesg' | 'audit';
  readonly contains: string;
  /** Default true. */
  readonly present?: boolean;
}

/** The active LSMs, in the order the kernel initialised them (lsm_order). */
export interface BootOrderExpectation {
  readonly kind: 'bootOrder';
  readonly order: readonly string[];
}

export type Expectation = (
  ResultExpectation | HookExpectation | LsmExpectation | LogExpectation | BootOrderExpectation
) & {
  /** What the expectation means, in the author's words (shown instead of the generated line). */
  readonly label?: string;
};

/** One syscall of a step, as a run returns it. */
export interface CheckedSyscall {
  readonly name: string;
  readonly ret: number | null;
  readonly errno: string | null;
  readonly trace: readonly TraceEvent[];
}

export interface CheckedStep {
  readonly syscalls: readonly CheckedSyscall[];
  /** Index in `syscalls` of the step's outcome (a shell line's first reported failure, else its last call); -1: none. */
  readonly outcome: number;
}

/** What expectations are checked against: a finished run, as data. */
export interface ExpectationSubject {
  readonly bootOrder: readonly string[];
  readonly steps: readonly CheckedStep[];
  /** The kernel log's lines as dmesg prints them, and the audit log's lines. */
  readonly dmesg: readonly string[];
  readonly audit: readonly string[];
}

/** An event of the run: the step (from 0), the syscall in it (from 0) and the event's seq. */
export interface EventRef {
  readonly step: number;
  readonly syscall: number;
  readonly seq: number;
}

export interface ExpectationResult {
  readonly expectation: Expectation;
  /** The expectation in words. */
  readonly title: string;
  readonly pass: boolean;
  /** What happened, one line (why it failed, or what satisfied it). */
  readonly detail: string;
  /** The event that broke it, or that shows it held; null when none does (a line missing from a log…). */
  readonly at: EventRef | null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => JSON.stringify(v) ?? String(v);

/** "-EACCES" for "EACCES" or "-EACCES" when the model knows the errno; null otherwise. */
export function normaliseErrno(v: string): string | null {
  const name = v.startsWith('-') ? v : `-${v}`;
  for (let n = 1; n < 1024; n++) if (errnoName(-n) === name) return name;
  return null;
}

const ALL_HOOKS: ReadonlySet<string> = new Set(KERNEL_VERSIONS.flatMap((v) => [...hookDefs(v).keys()]));
const LSM_NAME = /^[a-z][a-z0-9_]{0,31}$/;

const FIELDS: Readonly<Record<Expectation['kind'], readonly string[]>> = {
  result: ['kind', 'label', 'step', 'errno', 'deniedBy'],
  hook: ['kind', 'label', 'hook', 'reached', 'step'],
  lsm: ['kind', 'label', 'lsm', 'called', 'hook', 'step'],
  log: ['kind', 'label', 'log', 'contains', 'present'],
  bootOrder: ['kind', 'label', 'order'],
};

/**
 * Checks a list of expectations; each problem names its place (`expectations[2].hook: …`).
 * `steps` is the number of steps the run will have, when known, so a step out of range is caught.
 */
export function validateExpectations(v: unknown, steps: number | null, at = 'expectations'): string[] {
  const errors: string[] = [];
  if (!Array.isArray(v)) return [`${at}: expected an array, got ${show(v)}`];
  if (v.length > 200) return [`${at}: at most 200 expectations, got ${v.length}`];
  v.forEach((e, i) => validateOne(e, `${at}[${i}]`, steps, errors));
  return errors;
}

function validateOne(e: unknown, at: string, steps: number | null, errors: string[]): void {
  if (!isObject(e)) {
    errors.push(`${at}: expected an object, got ${show(e)}`);
    return;
  }
  const kind = e['kind'];
  if (typeof kind !== 'string' || !(kind in FIELDS)) {
    errors.push(`${at}.kind: expected one of ${Object.keys(FIELDS).join(', ')}, got ${show(kind)}`);
    return;
  }
  const fields = FIELDS[kind as Expectation['kind']];
  for (const k of Object.keys(e))
    if (!fields.includes(k))
      errors.push(`${at}.${k}: unknown field (a ${kind} expectation takes ${fields.join(', ')})`);
  const label = e['label'];
  if (label !== undefined && (typeof label !== 'string' || label.length > 300))
    errors.push(`${at}.label: expected a string of at most 300 characters, got ${show(label)}`);
  const step = (required: boolean) => {
    const s = e['step'];
    if (s === undefined && !required) return;
    if (typeof s !== 'number' || !Number.isInteger(s) || s < 1)
      errors.push(`${at}.step: expected a step number from 1, got ${show(s)}`);
    else if (steps !== null && s > steps)
      errors.push(`${at}.step: step ${s} does not exist (the scenario has ${steps} step${steps === 1 ? '' : 's'})`);
  };
  const hook = (required: boolean) => {
    const h = e['hook'];
    if (h === undefined && !required) return;
    if (typeof h !== 'string' || !ALL_HOOKS.has(h))
      errors.push(`${at}.hook: ${show(h)} is not an LSM hook of any modelled kernel version`);
  };
  const bool = (k: string, required: boolean) => {
    if (e[k] === undefined && !required) return;
    if (typeof e[k] !== 'boolean') errors.push(`${at}.${k}: expected true or false, got ${show(e[k])}`);
  };
  const lsmName = (k: string, x: unknown) => {
    if (typeof x !== 'string' || !LSM_NAME.test(x)) errors.push(`${at}.${k}: expected an LSM name, got ${show(x)}`);
  };
  switch (kind) {
    case 'result': {
      step(true);
      const errno = e['errno'];
      if (errno !== undefined && errno !== null && (typeof errno !== 'string' || normaliseErrno(errno) === null))
        errors.push(`${at}.errno: not an errno the model knows: ${show(errno)}`);
      const by = e['deniedBy'];
      if (by !== undefined && by !== null) lsmName('deniedBy', by);
      if (errno === undefined && by === undefined)
        errors.push(`${at}: a result expectation gives errno, deniedBy or both`);
      break;
    }
    case 'hook':
      hook(true);
      bool('reached', true);
      step(false);
      break;
    case 'lsm':
      lsmName('lsm', e['lsm']);
      bool('called', true);
      hook(false);
      step(false);
      break;
    case 'log': {
      if (e['log'] !== 'dmesg' && e['log'] !== 'audit')
        errors.push(`${at}.log: expected "dmesg" or "audit", got ${show(e['log'])}`);
      const c = e['contains'];
      if (typeof c !== 'string' || c === '' || c.length > 1000)
        errors.push(`${at}.contains: expected a non-empty text of at most 1000 characters, got ${show(c)}`);
      bool('present', false);
      break;
    }
    case 'bootOrder': {
      const o = e['order'];
      if (!Array.isArray(o) || o.length === 0 || o.length > 64)
        errors.push(`${at}.order: expected a list of LSM names`);
      else o.forEach((x, i) => lsmName(`order[${i}]`, x));
      break;
    }
  }
}

const errnoText = (errno: string | null): string => (errno === null ? 'success' : errno.replace(/^-/, ''));
const whoText = (by: string | null): string =>
  by === null ? 'allowed by DAC and every LSM' : by === 'dac' ? 'refused by DAC' : `denied by ${by}`;

/** The expectation in words: "step 3 fails with EACCES, denied by selinux". */
export function describeExpectation(e: Expectation): string {
  if (e.label) return e.label;
  const inStep = (s: number | undefined) => (s === undefined ? '' : ` in step ${s}`);
  switch (e.kind) {
    case 'result': {
      const parts: string[] = [];
      if (e.errno !== undefined) {
        const want = e.errno === null ? null : (normaliseErrno(e.errno) ?? e.errno);
        parts.push(want === null ? 'succeeds' : `fails with ${errnoText(want)}`);
      }
      if (e.deniedBy !== undefined) parts.push(whoText(e.deniedBy));
      return `step ${e.step} ${parts.join(', ')}`;
    }
    case 'hook':
      return `${e.hook} is ${e.reached ? '' : 'not '}reached${inStep(e.step)}`;
    case 'lsm':
      return `${e.lsm} is ${e.called ? '' : 'not '}called${e.hook ? ` on ${e.hook}` : ''}${inStep(e.step)}`;
    case 'log':
      return `${e.log === 'dmesg' ? 'dmesg' : 'the audit log'} ${e.present === false ? 'has no' : 'has a'} line containing ${show(e.contains)}`;
    case 'bootOrder':
      return `the boot order is ${e.order.join(',')}`;
  }
}

/**
 * Who refused a syscall: the last LSM callback that denied with the syscall's errno, or the last
 * failing DAC check with it; null when neither did (the call succeeded, or failed for another reason).
 */
export function deniedBy(sc: CheckedSyscall): { by: string; seq: number } | null {
  if (sc.errno === null) return null;
  let found: { by: string; seq: number } | null = null;
  for (const ev of sc.trace) {
    if (ev.type === 'lsm_return' && ev.verdict === 'deny' && ev.errno === sc.errno) found = { by: ev.lsm, seq: ev.seq };
    else if (ev.type === 'dac' && ev.rc < 0 && errnoName(ev.rc) === sc.errno) found = { by: 'dac', seq: ev.seq };
  }
  return found;
}

/** The steps to look in: one (from 1) or all; each with its index from 0. */
function stepsOf(subject: ExpectationSubject, step: number | undefined): [number, CheckedStep][] {
  if (step === undefined) return subject.steps.map((s, i) => [i, s]);
  const s = subject.steps[step - 1];
  return s ? [[step - 1, s]] : [];
}

/** The first event of the steps for which `match` holds. */
function findEvent(
  subject: ExpectationSubject,
  step: number | undefined,
  match: (ev: TraceEvent) => boolean,
): EventRef | null {
  for (const [si, s] of stepsOf(subject, step))
    for (let ci = 0; ci < s.syscalls.length; ci++)
      for (const ev of s.syscalls[ci]!.trace) if (match(ev)) return { step: si, syscall: ci, seq: ev.seq };
  return null;
}

/** The last event of a step's outcome syscall (its exit), to point at when something is missing from it. */
function outcomeRef(subject: ExpectationSubject, stepIndex: number): EventRef | null {
  const s = subject.steps[stepIndex];
  if (!s || s.outcome < 0) return null;
  const trace = s.syscalls[s.outcome]!.trace;
  const last = trace[trace.length - 1];
  return last ? { step: stepIndex, syscall: s.outcome, seq: last.seq } : null;
}

function checkOne(subject: ExpectationSubject, e: Expectation): Omit<ExpectationResult, 'expectation' | 'title'> {
  const ran = subject.steps.length;
  if ('step' in e && e.step !== undefined && e.step > ran)
    return {
      pass: false,
      detail: `step ${e.step} did not run (the run has ${ran} step${ran === 1 ? '' : 's'})`,
      at: null,
    };
  switch (e.kind) {
    case 'result': {
      const s = subject.steps[e.step - 1]!;
      const sc = s.outcome >= 0 ? s.syscalls[s.outcome]! : null;
      const at = outcomeRef(subject, e.step - 1);
      if (!sc) return { pass: false, detail: `step ${e.step} made no syscall`, at: null };
      const got = sc.ret === null ? 'no result (the call could not be made)' : errnoText(sc.errno);
      const problems: string[] = [];
      if (e.errno !== undefined) {
        const want = e.errno === null ? null : normaliseErrno(e.errno);
        if (sc.ret === null || want !== sc.errno) problems.push(`expected ${errnoText(want)}, got ${got}`);
      }
      const who = deniedBy(sc);
      if (e.deniedBy !== undefined && (who?.by ?? null) !== e.deniedBy)
        problems.push(`expected ${whoText(e.deniedBy)}, but ${who ? whoText(who.by) : whoText(null)}`);
      const ref = who ? { step: e.step - 1, syscall: s.outcome, seq: who.seq } : at;
      if (problems.length) return { pass: false, detail: `${sc.name}: ${problems.join('; ')}`, at: ref };
      return { pass: true, detail: `${sc.name} returned ${got}${who ? `, ${whoText(who.by)}` : ''}`, at: ref };
    }
    case 'hook': {
      const ref = findEvent(subject, e.step, (ev) => ev.type === 'hook_enter' && ev.hook === e.hook);
      const where = e.step === undefined ? 'in the run' : `in step ${e.step}`;
      if (ref)
        return e.reached
          ? { pass: true, detail: `${e.hook} reached in step ${ref.step + 1}`, at: ref }
          : { pass: false, detail: `${e.hook} was reached in step ${ref.step + 1}`, at: ref };
      return e.reached
        ? {
            pass: false,
            detail: `${e.hook} was not reached ${where}`,
            at: e.step ? outcomeRef(subject, e.step - 1) : null,
          }
        : { pass: true, detail: `${e.hook} not reached ${where}`, at: null };
    }
    case 'lsm': {
      const ref = findEvent(
        subject,
        e.step,
        (ev) => ev.type === 'lsm_call' && ev.lsm === e.lsm && (e.hook === undefined || ev.hook === e.hook),
      );
      const what = `${e.lsm}${e.hook ? ` on ${e.hook}` : ''}`;
      const where = e.step === undefined ? 'in the run' : `in step ${e.step}`;
      if (ref)
        return e.called
          ? { pass: true, detail: `${what} called in step ${ref.step + 1}`, at: ref }
          : { pass: false, detail: `${what} was called in step ${ref.step + 1}`, at: ref };
      const active = subject.bootOrder.includes(e.lsm) ? '' : ` (${e.lsm} is not active)`;
      return e.called
        ? {
            pass: false,
            detail: `${what} was not called ${where}${active}`,
            at: e.step ? outcomeRef(subject, e.step - 1) : null,
          }
        : { pass: true, detail: `${what} not called ${where}`, at: null };
    }
    case 'log': {
      const lines = e.log === 'dmesg' ? subject.dmesg : subject.audit;
      const line = lines.find((l) => l.includes(e.contains));
      const present = e.present !== false;
      // The event that wrote it, when a step did (a boot line has none).
      const ref = line
        ? findEvent(
            subject,
            undefined,
            (ev) => (ev.type === 'printk' || ev.type === 'audit') && ev.text.includes(e.contains),
          )
        : null;
      const name = e.log === 'dmesg' ? 'dmesg' : 'the audit log';
      if (line)
        return present
          ? { pass: true, detail: `${name}: ${line}`, at: ref }
          : { pass: false, detail: `${name} has: ${line}`, at: ref };
      return present
        ? { pass: false, detail: `no line of ${name} contains ${show(e.contains)}`, at: null }
        : { pass: true, detail: `no line of ${name} contains ${show(e.contains)}`, at: null };
    }
    case 'bootOrder': {
      const got = subject.bootOrder.join(',');
      const want = e.order.join(',');
      return got === want
        ? { pass: true, detail: `booted ${got}`, at: null }
        : { pass: false, detail: `expected ${want}, booted ${got}`, at: null };
    }
  }
}

/** Checks every expectation against a finished run, in order. */
export function checkExpectations(
  subject: ExpectationSubject,
  expectations: readonly Expectation[],
): ExpectationResult[] {
  return expectations.map((e) => ({ expectation: e, title: describeExpectation(e), ...checkOne(subject, e) }));
}
