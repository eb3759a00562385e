// Demo modes (issue 7): the moments a person bookmarks while preparing a talk, presenting them one
// after another (re-running shell lines as needed), and the read-only view an embed may ask for.
// The moments travel in the share state; the engine work of showing one is in share/showMoment.ts.
import type { StateCreator } from 'zustand/vanilla';
import { captureShareState } from '../share/applyShare';
import type { ShareBookmark, ShareState } from '../share/shareState';
import { SHARE_LIMITS } from '../share/shareState';
import { showMoment } from '../share/showMoment';
import type { PlaygroundState } from './createPlaygroundStore';
import type { Display } from './viewSlice';

export interface PresentSlice {
  /** Bookmarked moments, sorted by shell line and then step. */
  readonly bookmarks: readonly ShareBookmark[];
  /** The presentation is on: large type, the moments bar, the clicker keys. */
  readonly presenting: boolean;
  /** The moment asked for (index into bookmarks); -1 before the first. */
  readonly moment: number;
  /**
   * The work as it was when the presentation began, while moments re-run lines (and until the
   * work is put back after it ends). The page's link and saved work stay this meanwhile.
   */
  readonly deck: ShareState | null;
  /** No editing and no shell input (an embed's `readonly`); stepping through the trace still works. */
  readonly readOnly: boolean;
  /**
   * Bookmarks the trace cursor in the run on screen (the last shell line that made syscalls); false
   * when there is no such run or the moment is already one.
   */
  addBookmark(): boolean;
  removeBookmark(index: number): void;
  setBookmarks(bookmarks: readonly ShareBookmark[]): void;
  setReadOnly(on: boolean): void;
  /** Starts presenting at the first moment (if any); resolves when it is on screen. */
  startPresenting(): Promise<void>;
  /**
   * Shows moment `index` (clamped); the counter moves at once, the lines run behind it. Resolves
   * when the moment last asked for is on screen.
   */
  goToMoment(index: number): Promise<void>;
  nextMoment(): Promise<void>;
  previousMoment(): Promise<void>;
  /** Ends the presentation and puts the work back as it was when it began. */
  stopPresenting(): Promise<void>;
}

const byPlace = (a: ShareBookmark, b: ShareBookmark) => a.line - b.line || a.step - b.step;

export const createPresentSlice: StateCreator<PlaygroundState, [], [], PresentSlice> = (set, get, api) => {
  // The moment on screen (or being put there); a navigation loop runs until it is the one asked for.
  let shown = -1;
  let running: Promise<void> | null = null;
  let displayBefore: Display | null = null;

  const drive = (): Promise<void> => {
    if (running) return running;
    const { deck, moment, presenting } = get();
    if (!deck || !presenting || moment === shown || moment < 0) return Promise.resolve();
    running = (async () => {
      try {
        for (;;) {
          const s = get();
          if (!s.deck || !s.presenting || s.moment === shown || s.moment < 0) break;
          shown = s.moment;
          await showMoment(api, s.deck, s.bookmarks[s.moment]!);
        }
      } finally {
        running = null;
      }
    })();
    return running;
  };

  // A session that loses lines (a reboot, a fault) loses the moments bookmarked in them.
  api.subscribe((s, prev) => {
    if (s.deck || s.sessionLines === prev.sessionLines) return;
    const kept = s.bookmarks.filter((b) => b.line < s.sessionLines.length);
    if (kept.length !== s.bookmarks.length) set({ bookmarks: kept });
  });

  return {
    bookmarks: [],
    presenting: false,
    moment: -1,
    deck: null,
    readOnly: false,
    addBookmark: () => {
      const s = get();
      const line = s.run?.sessionId === s.sessionId ? s.run.lineIndex : undefined;
      if (line === undefined || line >= s.sessionLines.length || s.bookmarks.length >= SHARE_LIMITS.bookmarks)
        return false;
      // The run's own line: after a line without syscalls (`id`, `cd`) the run on screen is an earlier one's.
      const b = { line, step: Math.max(0, s.cursor) };
      if (s.bookmarks.some((x) => byPlace(x, b) === 0)) return false;
      set({ bookmarks: [...s.bookmarks, b].sort(byPlace) });
      return true;
    },
    removeBookmark: (index) => set({ bookmarks: get().bookmarks.filter((_, i) => i !== index) }),
    setBookmarks: (bookmarks) => set({ bookmarks: [...bookmarks].sort(byPlace) }),
    setReadOnly: (readOnly) => set({ readOnly }),
    startPresenting: () => {
      const s = get();
      if (s.presenting) return drive();
      displayBefore = s.display;
      shown = -1;
      // The deck stays from a presentation still being put back: it is the work, not the moment.
      set({ presenting: true, deck: s.deck ?? captureShareState(s), moment: s.bookmarks.length > 0 ? 0 : -1 });
      s.setDisplay('projector');
      return drive();
    },
    goToMoment: (index) => {
      const s = get();
      if (!s.presenting || s.bookmarks.length === 0) return drive();
      const moment = Math.max(0, Math.min(s.bookmarks.length - 1, index));
      if (moment !== s.moment) set({ moment });
      return drive();
    },
    nextMoment: () => get().goToMoment(get().moment + 1),
    previousMoment: () => get().goToMoment(get().moment - 1),
    stopPresenting: async () => {
      const s = get();
      if (!s.presenting) return;
      set({ presenting: false, moment: -1 });
      if (displayBefore) s.setDisplay(displayBefore);
      displayBefore = null;
      await running;
      const deck = get().deck;
      if (!deck) return;
      try {
        // Back to the work as it was: the lines a moment left out run again, the cursor returns.
        if (deck.lines.length > 0) await showMoment(api, deck, { line: deck.lines.length - 1, step: deck.step });
      } finally {
        // A presentation started again meanwhile keeps the deck.
        if (!get().presenting) set({ deck: null });
      }
    },
  };
};
