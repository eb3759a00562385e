// Puts the page at a moment of a deck (a shared state): the shell lines up to the moment's line have
// run, and the trace cursor is at its step. Going forward runs only the lines not yet run; going
// back (or from a different session) boots again and replays from the first line, as a link does.
import type { PlaygroundStore } from '../store/createPlaygroundStore';
import { runEvents } from '../store/traceSlice';
import { applyShareState } from './applyShare';
import type { ShareState } from './shareState';

/** A place in a deck: shell line `line` (0-based) and the step in its run; null step: the run's end. */
export interface MomentPlace {
  readonly line: number;
  readonly step: number | null;
}

/** Is `a` the start of `b`? */
const isPrefix = (a: readonly string[], b: readonly string[]) => a.length <= b.length && a.every((l, i) => l === b[i]);

/** Shows `at` of `deck`; false when a line faulted on the way (the page shows where it stopped). */
export async function showMoment(store: PlaygroundStore, deck: ShareState, at: MomentPlace): Promise<boolean> {
  const want = deck.lines.slice(0, at.line + 1);
  const s = store.getState();
  if (s.engineStatus === 'ready' && s.sessionLines.length > 0 && isPrefix(s.sessionLines, want)) {
    for (const line of want.slice(s.sessionLines.length)) {
      await store.getState().runShellLine(line, { play: false });
      if (store.getState().lastFault) return false;
    }
  } else {
    // The transcript restarts with the replay, so it shows the lines up to this moment only.
    s.clearTerminal();
    const out = await applyShareState(store, { ...deck, lines: want, step: at.step });
    return out.stoppedAt === null;
  }
  const last = runEvents(store.getState().run).length - 1;
  store.getState().seek(at.step === null ? last : Math.min(at.step, last));
  return true;
}
