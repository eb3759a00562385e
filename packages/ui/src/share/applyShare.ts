// The page's state as a ShareState, and back: capture what a person sees, and open a state by
// setting the editor and the boot inputs, booting, replaying the shell lines in a fresh engine and
// putting the trace cursor at the step. The model is deterministic, so the trace is the author's.
import type { PlaygroundState, PlaygroundStore } from '../store/createPlaygroundStore';
import { runEvents } from '../store/traceSlice';
import { SHARE_VERSION, type ShareState } from './shareState';

export function captureShareState(s: PlaygroundState): ShareState {
  return {
    v: SHARE_VERSION,
    boot: {
      kernelVersion: s.kernelVersion,
      configLsm: s.configLsm,
      cmdline: s.cmdline,
      notBuilt: [...s.notBuilt],
      policies: { ...s.policies },
      presetId: s.presetId,
    },
    files: s.modules.map((m) => ({ fileName: m.fileName, source: m.source })),
    activeFile: s.activeFile,
    rustV1: s.rustV1,
    lines: s.lesson ? [...s.lessonLines] : [...s.sessionLines],
    step: s.run && s.sessionLines.length > 0 && !s.lesson ? Math.max(0, s.cursor) : null,
    // In a lesson the expectations are its goals: the lesson carries them.
    ...(s.expectations.length > 0 && !s.lesson ? { expectations: [...s.expectations] } : {}),
    ...(s.lesson ? { lesson: s.lesson } : {}),
    ...(bookmarksOf(s).length > 0 && !s.lesson ? { bookmarks: bookmarksOf(s) } : {}),
    // The default display is left out, so the default page's link stays as short as it was.
    ...(s.display !== 'dark' ? { display: s.display } : {}),
  };
}

/** The bookmarked moments in lines the session still has (a link never names a line it lacks). */
const bookmarksOf = (s: PlaygroundState) =>
  s.bookmarks.filter((b) => b.line < s.sessionLines.length).map((b) => ({ line: b.line, step: b.step }));

/** What opening a state did: how many lines ran and where the trace stands. */
export interface ApplyOutcome {
  readonly linesRun: number;
  /** Set when the state's step is past the end of its run (the trace is shown at its end). */
  readonly stepClamped: boolean;
  /** Set when a line (or the modules' load) failed, so the lines after it were not replayed. */
  readonly stoppedAt: number | null;
}

/** Opens a state: editor, boot inputs, reboot; then the shell lines and the step, if any. */
export async function applyShareState(store: PlaygroundStore, state: ShareState): Promise<ApplyOutcome> {
  const s = store.getState();
  s.replaceModules(state.files, state.activeFile);
  if (s.rustV1 !== state.rustV1) s.setRustV1(state.rustV1);
  s.setBootInputs(state.boot, state.boot.presetId);
  if (state.display !== undefined && state.display !== s.display) s.setDisplay(state.display);
  // A lesson's state opens the lesson: its goals are the expectations, its lines what Run replays.
  s.setLesson(state.lesson ?? null, state.lines);
  s.setExpectations(state.lesson ? state.lesson.goals : (state.expectations ?? []));
  store.getState().reboot();
  // The moments are set after the lines they name have run (a session that loses lines loses its moments).
  const bookmarks = () => store.getState().setBookmarks(state.bookmarks ?? []);
  if (state.lines.length === 0) {
    bookmarks();
    return { linesRun: 0, stepClamped: false, stoppedAt: null };
  }
  const loaded = await store.getState().loadModules();
  if (!loaded?.ok) return { linesRun: 0, stepClamped: false, stoppedAt: 0 };
  let linesRun = 0;
  for (const line of state.lines) {
    await store.getState().runShellLine(line, { play: false });
    linesRun++;
    if (store.getState().lastFault) return { linesRun, stepClamped: false, stoppedAt: linesRun - 1 };
  }
  bookmarks();
  const last = runEvents(store.getState().run).length - 1;
  const step = state.step ?? last;
  store.getState().seek(Math.min(step, last));
  return { linesRun, stepClamped: step > last, stoppedAt: null };
}

/** Are two states the same work (what the editor, boot and shell hold; the step aside)? */
export function sameWork(a: ShareState, b: ShareState): boolean {
  // Neither the step nor the display is work: a link that differs only there asks nothing.
  const strip = (x: ShareState) => JSON.stringify({ ...x, step: null, display: undefined });
  return strip(a) === strip(b);
}
