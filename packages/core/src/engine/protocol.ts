// The messages between the page and the engine worker, and the one function that answers them.
// The worker is a thin shell around handleEngineRequest(); Node tests call it directly, so both
// run the same code path. Everything here is structured-clone safe.
import { initialShellState, runShell, type ShellResult, type ShellState } from '../machine/shell';
import {
  checkExpectations,
  validateExpectations,
  type Expectation,
  type ExpectationResult,
} from '../machine/expectations';
import { shellSessionSubject } from '../lessons/runLesson';
import { logDelta, type LogDelta } from '../machine/logDelta';
import type { SyscallResult } from '../machine/machine';
import { snapshotWorld, type WorldSnapshot } from '../machine/snapshot';
import { Engine, type EngineFault, type LoadOptions, type LoadResult } from './engine';

export type EngineRequest =
  | { readonly id: number; readonly type: 'load'; readonly options: LoadOptions }
  | { readonly id: number; readonly type: 'shell'; readonly line: string }
  | {
      readonly id: number;
      readonly type: 'syscall';
      readonly pid: number;
      readonly name: string;
      readonly args?: Readonly<Record<string, number | string>>;
    }
  | { readonly id: number; readonly type: 'dmesg' }
  /** Checks expectations against the session: the boot, every shell line since the last load, the logs. */
  | { readonly id: number; readonly type: 'check'; readonly expectations: readonly Expectation[] }
  /** One shell line of the session again (from 0), to show an earlier line's trace. */
  | { readonly id: number; readonly type: 'line'; readonly step: number };

export type EngineResponse =
  | {
      readonly id: number;
      readonly type: 'loaded';
      readonly result: LoadResult;
      /** The boot log of the new kernel (empty when it did not boot): the page's log starts over. */
      readonly log: LogDelta;
    }
  | {
      readonly id: number;
      readonly type: 'shell';
      readonly result: ShellResult;
      readonly prompt: ShellPrompt;
      /** The world after the line: tasks with their cred and task blobs, files with their inode blobs. */
      readonly world: WorldSnapshot;
      /**
       * The world at each syscall boundary, aligned with `result.results`: `worlds[i]` before syscall
       * i, `worlds[i + 1]` after it (N syscalls, N + 1 snapshots; the last is `world`). Unchanged
       * parts are shared, here and through the structured clone.
       */
      readonly worlds: readonly WorldSnapshot[];
      readonly fault: EngineFault | null;
      /** The kernel log lines written since the previous response, linked to `result.results`. */
      readonly log: LogDelta;
    }
  | {
      readonly id: number;
      readonly type: 'syscall';
      readonly result: SyscallResult;
      readonly fault: EngineFault | null;
    }
  | { readonly id: number; readonly type: 'dmesg'; readonly text: string }
  | { readonly id: number; readonly type: 'checked'; readonly results: readonly ExpectationResult[] }
  | {
      readonly id: number;
      readonly type: 'line';
      readonly step: number;
      /** The line's syscalls and the index of its outcome (-1: none); null when the session has no such line. */
      readonly line: { readonly results: readonly SyscallResult[]; readonly outcome: number } | null;
    }
  | { readonly id: number; readonly type: 'error'; readonly message: string };

/** What the shell prompt shows: `alice@lsm:~$`. */
export interface ShellPrompt {
  readonly user: string;
  readonly pid: number;
  readonly cwd: string;
  readonly root: boolean;
}

/** An engine plus the shell's state between lines: what one worker holds. */
export class EngineSession {
  readonly engine: Engine;
  shell: ShellState = initialShellState();
  /** The last snapshot sent, so the next one shares what did not change. */
  world: WorldSnapshot | undefined;
  /** The number of the first kernel log line not sent to the page yet. */
  logSent = 0;
  /** Every shell line's result since the last load, in order (the first MAX_CHECKED_LINES): what `check` reads. */
  lines: ShellResult[] = [];

  constructor(engine: Engine) {
    this.engine = engine;
  }

  /** The log lines not sent yet, linked to the printk events of `results`; marks them sent. */
  takeLog(results: readonly SyscallResult[] = []): LogDelta {
    const m = this.engine.machine;
    if (!m) return { lines: [], dropped: 0, next: 0 };
    const delta = logDelta(m, this.logSent, results);
    this.logSent = delta.next;
    return delta;
  }

  prompt(): ShellPrompt {
    const m = this.engine.machine;
    const t = m?.task(this.shell.pid);
    const uid = t?.cred.euid ?? 0;
    const user = uid === 0 ? 'root' : uid === 1000 ? 'alice' : uid === 1001 ? 'bob' : String(uid);
    return { user, pid: this.shell.pid, cwd: t && m ? m.world.pathName(t.cwd) : '/', root: uid === 0 };
  }
}

/** Shell lines a session keeps for `check`; later lines are not kept (an expectation about one says it did not run). */
export const MAX_CHECKED_LINES = 500;

/** Answers one request. Never throws: a model error becomes an 'error' response. */
export function handleEngineRequest(session: EngineSession, req: EngineRequest): EngineResponse {
  const e = session.engine;
  try {
    switch (req.type) {
      case 'load': {
        const result = e.load(req.options);
        session.shell = initialShellState();
        session.world = undefined;
        session.logSent = 0;
        session.lines = [];
        return { id: req.id, type: 'loaded', result, log: session.takeLog() };
      }
      case 'shell': {
        if (!e.machine) return { id: req.id, type: 'error', message: 'no machine: load the modules first' };
        const m = e.machine;
        const worlds = [snapshotWorld(m.world, session.world)];
        const result = runShell(m, session.shell, req.line, {
          afterSyscall: () => worlds.push(snapshotWorld(m.world, worlds[worlds.length - 1])),
        });
        session.shell = result.state;
        if (session.lines.length < MAX_CHECKED_LINES) session.lines.push(result);
        const world = (session.world = worlds[worlds.length - 1]!);
        const log = session.takeLog(result.results);
        return { id: req.id, type: 'shell', result, prompt: session.prompt(), world, worlds, fault: e.fault, log };
      }
      case 'syscall': {
        if (!e.machine) return { id: req.id, type: 'error', message: 'no machine: load the modules first' };
        const result = e.machine.syscall(req.pid, req.name, req.args ?? {});
        return { id: req.id, type: 'syscall', result, fault: e.fault };
      }
      case 'dmesg':
        return { id: req.id, type: 'dmesg', text: e.machine?.dmesg() ?? '' };
      case 'check': {
        const problems = validateExpectations(req.expectations, null);
        if (problems.length > 0) return { id: req.id, type: 'error', message: problems.join('; ') };
        if (!e.machine) return { id: req.id, type: 'error', message: 'no machine: load the modules first' };
        const subject = shellSessionSubject(e.machine, session.lines);
        return { id: req.id, type: 'checked', results: checkExpectations(subject, req.expectations) };
      }
      case 'line': {
        const r = session.lines[req.step];
        const line = r ? { results: r.results, outcome: r.outcome ? r.results.indexOf(r.outcome) : -1 } : null;
        return { id: req.id, type: 'line', step: req.step, line };
      }
    }
  } catch (err) {
    return { id: req.id, type: 'error', message: err instanceof Error ? err.message : String(err) };
  }
}
