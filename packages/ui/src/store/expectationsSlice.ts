// Scenario expectations in the playground: the list (from a link, a lesson's goals, or added from
// the trace) and what the engine said about each the last time it checked them. The worker checks
// them against its session (every shell line since the last load, the logs, the boot order); this
// slice only asks again after each load and shell line, and keeps the answer.
import {
  deniedBy,
  validateExpectations,
  type EventRef,
  type Expectation,
  type ExpectationResult,
} from '@lsm-playground/core';
import type { StateCreator } from 'zustand/vanilla';
import type { EngineClient } from '../engine/client';
import type { EngineSlice } from './engineSlice';
import { runEvents, type TraceSlice } from './traceSlice';

/** At most this many expectations in the list (validateExpectations' own bound). */
export const MAX_EXPECTATIONS = 200;

export interface ExpectationsSlice {
  readonly expectations: readonly Expectation[];
  /** The last check's results, aligned with `expectations`; null before the engine has a session to check. */
  readonly expectationResults: readonly ExpectationResult[] | null;
  /** The list `expectationResults` answers (the same array as `expectations` once it is current). */
  readonly expectationResultsFor: readonly Expectation[] | null;
  /** Why the last check gave no results (the kernel did not boot…); null when it did. */
  readonly expectationsError: string | null;
  /** The shell line (from 0, since the last load) whose run the trace shows; null when unknown. */
  readonly traceStep: number | null;
  /** Replaces the list (validated: throws on an invalid list) and checks it. */
  setExpectations(list: readonly Expectation[]): void;
  addExpectation(e: Expectation): void;
  removeExpectation(index: number): void;
  /** Asks the engine to check the list against its session now. */
  checkExpectationsNow(): Promise<void>;
  /** Shows the event in the trace: that line's run, the cursor on the event. */
  jumpToEvent(at: EventRef): Promise<void>;
  /** Adds a `result` expectation for the line the trace shows: its errno and who denied it. */
  expectThis(): Promise<Expectation | null>;
}

type Peers = Pick<EngineSlice, 'engineStatus' | 'sessionLines' | 'loadResult'> &
  Pick<TraceSlice, 'run' | 'setRun' | 'seek'>;

/** Ids of runs shown again from the session (negative: never an engine slice run id, so no world is paired with them). */
let replayId = 0;

export function createExpectationsSlice(
  client: () => EngineClient,
): StateCreator<ExpectationsSlice & Peers, [], [], ExpectationsSlice> {
  // Only the newest check's answer is kept (the client answers in order, so it is the latest session).
  let checkSeq = 0;
  return (set, get) => {
    const check = async () => {
      const seq = ++checkSeq;
      const s = get();
      const list = s.expectations;
      if (list.length === 0) {
        set({ expectationResults: [], expectationResultsFor: list, expectationsError: null });
        return;
      }
      if (s.engineStatus !== 'ready') {
        set({
          expectationResults: null,
          expectationResultsFor: null,
          expectationsError:
            s.engineStatus === 'failed' ? 'The kernel did not boot: nothing to check.' : 'Run to check these.',
        });
        return;
      }
      const reply = await client().call({ type: 'check', expectations: list });
      if (seq !== checkSeq) return;
      const r = reply.response;
      if (r.type === 'checked')
        set({ expectationResults: r.results, expectationResultsFor: list, expectationsError: null });
      else
        set({
          expectationResults: null,
          expectationResultsFor: null,
          expectationsError: r.type === 'error' ? r.message : 'no answer',
        });
    };
    /** A line of the session from the engine: its syscalls and outcome. */
    const line = async (step: number) => {
      const reply = await client().call({ type: 'line', step });
      return reply.response.type === 'line' ? reply.response.line : null;
    };
    const lastStep = () => (get().sessionLines.length > 0 ? get().sessionLines.length - 1 : null);
    return {
      expectations: [],
      expectationResults: null,
      expectationResultsFor: null,
      expectationsError: null,
      traceStep: null,
      setExpectations: (list) => {
        const problems = validateExpectations(list, null);
        if (problems.length > 0) throw new Error(problems.join('\n'));
        set({ expectations: list });
        void check();
      },
      addExpectation: (e) => {
        const list = [...get().expectations, e];
        const problems = validateExpectations(list, null);
        if (problems.length > 0) throw new Error(problems.join('\n'));
        set({ expectations: list });
        void check();
      },
      removeExpectation: (index) => {
        set({ expectations: get().expectations.filter((_, i) => i !== index) });
        void check();
      },
      checkExpectationsNow: check,
      jumpToEvent: async (at) => {
        const s = get();
        // The run on screen is that line's: only the cursor moves.
        if (s.run && s.traceStep === at.step) {
          seekTo(get, at);
          return;
        }
        const l = await line(at.step);
        if (!l) return;
        const text = get().sessionLines[at.step] ?? `line ${at.step + 1}`;
        set({ traceStep: at.step });
        get().setRun({ id: --replayId, line: text, syscalls: l.results }, false);
        seekTo(get, at);
      },
      expectThis: async () => {
        const step = get().traceStep ?? lastStep();
        if (step === null) return null;
        const l = await line(step);
        const sc = l && l.outcome >= 0 ? l.results[l.outcome] : undefined;
        if (!sc) return null;
        const who = deniedBy(sc);
        const e: Expectation = {
          kind: 'result',
          step: step + 1,
          errno: sc.errno === null ? null : sc.errno.replace(/^-/, ''),
          deniedBy: who ? who.by : null,
        };
        get().addExpectation(e);
        return e;
      },
    };
  };
}

function seekTo(get: () => Peers, at: EventRef): void {
  const events = runEvents(get().run);
  const i = events.findIndex((e) => e.syscall === at.syscall && e.event.seq === at.seq);
  if (i >= 0) get().seek(i);
}

/**
 * Keeps the results current: checks again after each load and shell line, and follows which line
 * the trace shows (a shell line's run is set just before the line joins `sessionLines`).
 */
export function watchExpectations(store: {
  subscribe(l: (s: ExpectationsSlice & Peers, prev: ExpectationsSlice & Peers) => void): () => void;
  setState(p: Partial<ExpectationsSlice>): void;
  getState(): ExpectationsSlice & Peers;
}): () => void {
  return store.subscribe((s, prev) => {
    if (s.run !== prev.run && s.run && s.run.id > 0) store.setState({ traceStep: s.sessionLines.length });
    if (s.loadResult !== prev.loadResult || (s.sessionLines.length === 0 && prev.sessionLines.length > 0))
      store.setState({ traceStep: null });
    if (
      s.sessionLines !== prev.sessionLines ||
      s.loadResult !== prev.loadResult ||
      s.engineStatus !== prev.engineStatus
    )
      void store.getState().checkExpectationsNow();
  });
}
