// The trace of the last shell line, replayed: a cursor over its events (all syscalls of the
// line, in order), stepped, played or scrubbed. The events come whole from the engine; this
// slice only moves the cursor.
import type { SyscallResult, TraceEvent } from '@lsm-playground/core';
import type { StateCreator } from 'zustand/vanilla';

/** One shell line's syscalls, as the engine returned them. */
export interface TraceRun {
  readonly id: number;
  readonly line: string;
  readonly syscalls: readonly SyscallResult[];
  /**
   * The line's place in the shell session (engineSlice's sessionLines), when it ran there; a line
   * that makes no syscall leaves the run before it on screen, so this is not always the last line.
   */
  readonly lineIndex?: number;
  /** The session (engineSlice's sessionId) `lineIndex` counts in: a load or a fault starts a new one. */
  readonly sessionId?: number;
}

/** An event with the index of the syscall it belongs to. */
export interface RunEvent {
  readonly syscall: number;
  readonly event: TraceEvent;
}

export const PLAY_SPEEDS = [2, 5, 10, 30] as const;
export type PlaySpeed = (typeof PLAY_SPEEDS)[number];

export interface TraceSlice {
  readonly run: TraceRun | null;
  /** Index into runEvents(run); -1 before the first event. */
  readonly cursor: number;
  readonly playing: boolean;
  /** Events per second while playing. */
  readonly speed: PlaySpeed;
  /** Replaces the run; the replay starts from the first event. */
  setRun(run: TraceRun | null, play?: boolean): void;
  stepForward(): void;
  stepBack(): void;
  seek(index: number): void;
  /** To the next event where an LSM denied or the syscall failed; stays put when there is none. */
  nextDenial(): void;
  setPlaying(on: boolean): void;
  setSpeed(speed: PlaySpeed): void;
}

const EVENTS = new WeakMap<TraceRun, readonly RunEvent[]>();

/** The run's events flattened across its syscalls (memoised per run). */
export function runEvents(run: TraceRun | null): readonly RunEvent[] {
  if (!run) return [];
  let list = EVENTS.get(run);
  if (!list) {
    list = run.syscalls.flatMap((s, i) => s.trace.map((event) => ({ syscall: i, event })));
    EVENTS.set(run, list);
  }
  return list;
}

/** A denial: an LSM returned -errno, a short-circuit, DAC refused, or the syscall failed. */
export function isDenial(e: TraceEvent): boolean {
  switch (e.type) {
    case 'lsm_return':
      return e.verdict === 'deny';
    case 'dac':
      return e.rc < 0;
    case 'syscall_exit':
      return e.ret < 0;
    case 'oops':
      return true;
    default:
      return false;
  }
}

export const createTraceSlice: StateCreator<TraceSlice, [], [], TraceSlice> = (set, get) => {
  const last = () => runEvents(get().run).length - 1;
  const clamp = (i: number) => Math.max(-1, Math.min(last(), i));
  return {
    run: null,
    cursor: -1,
    playing: false,
    speed: 10,
    setRun: (run, play = true) => set({ run, cursor: run && !play ? runEvents(run).length - 1 : 0, playing: play }),
    stepForward: () => {
      const next = clamp(get().cursor + 1);
      set({ cursor: next, playing: get().playing && next < last() });
    },
    stepBack: () => set({ cursor: clamp(get().cursor - 1), playing: false }),
    seek: (index) => set({ cursor: clamp(index), playing: false }),
    nextDenial: () => {
      const events = runEvents(get().run);
      for (let i = get().cursor + 1; i < events.length; i++) {
        if (isDenial(events[i]!.event)) {
          set({ cursor: i, playing: false });
          return;
        }
      }
    },
    setPlaying: (on) => {
      // Playing from the end starts over.
      if (on && get().cursor >= last()) set({ cursor: 0 });
      set({ playing: on && last() >= 0 });
    },
    setSpeed: (speed) => set({ speed }),
  };
};

/**
 * The user LSM callback running at `cursor`, if any: the innermost lsm_call not yet returned.
 * `lines` maps an LSM name to its file and each hook's method line (from the engine's summary).
 */
export function callbackAt(
  events: readonly RunEvent[],
  cursor: number,
): { readonly lsm: string; readonly hook: string } | null {
  let returned = 0;
  for (let i = cursor; i >= 0; i--) {
    const e = events[i]!.event;
    if (e.type === 'syscall_enter') return null;
    // The return at the cursor still shows its callback; earlier returns close theirs.
    if (e.type === 'lsm_return') {
      if (i === cursor) return { lsm: e.lsm, hook: e.hook };
      returned++;
    } else if (e.type === 'lsm_call') {
      if (returned === 0) return { lsm: e.lsm, hook: e.hook };
      returned--;
    }
  }
  return null;
}
