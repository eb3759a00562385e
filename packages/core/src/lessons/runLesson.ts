// Running a lesson's state in-process, the way the page does it: load the editor files into a fresh
// engine (which boots the kernel with them stacked among the in-tree LSMs), run the shell lines one
// by one, then check the lesson's goals against what the run showed. The tests run every lesson's
// start and reference solution through this; the UI checks the person's own state the same way.
import { Engine, type EngineFault } from '../engine/engine';
import { checkExpectations, type ExpectationResult, type ExpectationSubject } from '../machine/expectations';
import type { Machine } from '../machine/machine';
import { initialShellState, runShell, type ShellResult } from '../machine/shell';
import { formatLogLine } from '../kernel/printk';
import { defaultConfigLsm } from '../lsm/inTreeLsms';
import { DEFAULT_KERNEL_VERSION } from '../version';
import type { Lesson, LessonState } from './lesson';

/** One shell line's syscalls and its outcome, as a ShellResult carries them. */
export type ShellLineRun = Pick<ShellResult, 'results' | 'outcome'>;

/**
 * What expectations are checked against, for a shell session on `machine`: the boot order, one step
 * per shell line (its syscalls; `outcome` = the index of the line's ShellResult.outcome in them), and
 * the kernel and audit logs as they are now. The engine protocol builds the same subject for the
 * page's session.
 */
export function shellSessionSubject(machine: Machine, lines: readonly ShellLineRun[]): ExpectationSubject {
  return {
    bootOrder: machine.kernel.order,
    steps: lines.map((l) => ({
      syscalls: l.results,
      outcome: l.outcome ? l.results.indexOf(l.outcome) : -1,
    })),
    dmesg: machine.log.map(formatLogLine),
    audit: machine.audit,
  };
}

export interface LessonRun {
  /** Every goal of the lesson, checked in order. */
  readonly results: readonly ExpectationResult[];
  /** Every goal passed (and the state loaded). */
  readonly passed: boolean;
  /**
   * Why the state did not load or boot: compile errors as "file:line:col: message", a boot panic.
   * Empty when it loaded; the goals are then checked against the boot alone (no lines ran).
   */
  readonly loadErrors: readonly string[];
  /** The shell output of each line, in order (empty when the state did not load). */
  readonly outputs: readonly string[];
  /**
   * The first fault of the user's code while the lines ran (a panic, a soft lockup…): the kernel's
   * report is in dmesg, and a lesson is not passed with a module that faults.
   */
  readonly fault: EngineFault | null;
}

/** The state the solution stands for: the start with the solution's fields in place of its own. */
export function solutionState(lesson: Lesson): LessonState {
  return { ...lesson.start, ...lesson.solution };
}

/**
 * Loads `state` into a fresh engine, runs its lines, and checks the lesson's goals. The boot follows
 * the page: fields left out take the playground's defaults, and a CONFIG_LSM left out (or equal to
 * the version's default) lets the engine append the user LSMs to it.
 */
export function runLessonState(lesson: Lesson, state: LessonState): LessonRun {
  const b = state.boot ?? {};
  const version = b.kernelVersion ?? DEFAULT_KERNEL_VERSION;
  const configLsm = b.configLsm !== undefined && b.configLsm !== defaultConfigLsm(version) ? b.configLsm : undefined;
  const engine = new Engine({}, version);
  const load = engine.load({
    modules: state.files.map((f) => ({ fileName: f.fileName, source: f.source })),
    boot: {
      kernelVersion: version,
      cmdline: b.cmdline ?? '',
      ...(configLsm !== undefined ? { configLsm } : {}),
      ...(b.policies && Object.keys(b.policies).length > 0 ? { policies: b.policies } : {}),
    },
  });
  const loadErrors = [
    ...load.diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => `${d.fileName}:${d.line}:${d.column}: ${d.message}`),
    ...(load.panic ? [`boot: ${load.panic}`] : []),
  ];
  const machine = engine.machine;
  if (!machine) {
    const subject: ExpectationSubject = {
      bootOrder: load.order,
      steps: [],
      dmesg: load.dmesg ? load.dmesg.split('\n') : [],
      audit: [],
    };
    const results = checkExpectations(subject, lesson.goals);
    if (loadErrors.length === 0) loadErrors.push('the kernel did not boot');
    return { results, passed: false, loadErrors, outputs: [], fault: engine.fault };
  }
  let shell = initialShellState();
  const runs: ShellLineRun[] = [];
  const outputs: string[] = [];
  for (const line of state.lines) {
    const r = runShell(machine, shell, line);
    shell = r.state;
    runs.push(r);
    outputs.push(r.output);
  }
  const results = checkExpectations(shellSessionSubject(machine, runs), lesson.goals);
  const fault = engine.fault;
  const passed = loadErrors.length === 0 && fault === null && results.every((r) => r.pass);
  return { results, passed, loadErrors, outputs, fault };
}
