// Keeps the page and its link in step, and the person's work safe:
// - the address bar always holds the share link of what the page shows (`#v1.…`, written a
//   moment after the last change);
// - the work is saved in localStorage as it changes and restored after a reload or a crash;
// - opening a link never silently replaces saved work that differs from it: the page asks, and
//   the work it replaces is kept under a second key, so either can be had back.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PlaygroundStore } from '../store/createPlaygroundStore';
import { applyShareState, captureShareState, sameWork, type ApplyOutcome } from './applyShare';
import { decodeShareLink, encodeShareLink, isShareFragment } from './codec';
import { ShareLinkError, validateShareState, type ShareState } from './shareState';

export const WORK_KEY = 'lsm-playground:work';
export const BEFORE_LINK_KEY = 'lsm-playground:work-before-link';

/** What the notice bar says; null when there is nothing to say. */
export type LinkNotice = { readonly tone: 'error' | 'info'; readonly text: string } | null;

/** A link that would replace different saved work: the page offers both. */
export interface LinkChoice {
  readonly link: ShareState;
  readonly saved: ShareState;
  readonly savedAt: number | null;
}

export interface ShareLinkApi {
  readonly notice: LinkNotice;
  readonly choice: LinkChoice | null;
  dismiss(): void;
  /** Opens the link; the saved work is kept under BEFORE_LINK_KEY. */
  openLink(): void;
  /** Keeps the saved work and leaves the link unopened. */
  keepWork(): void;
}

const WRITE_DELAY_MS = 250;
const SAVE_DELAY_MS = 400;
/** localStorage holds a few MB per origin; work past this is not saved (the link still has it). */
const MAX_SAVED_CHARS = 2_000_000;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The saved work, or null (none, or unreadable: then it is moved aside, never deleted). */
export function readSavedWork(): { state: ShareState; savedAt: number | null } | null {
  const ls = storage();
  const raw = ls?.getItem(WORK_KEY);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as { savedAt?: unknown; state?: unknown };
    return {
      state: validateShareState(parsed.state),
      savedAt: typeof parsed.savedAt === 'number' ? parsed.savedAt : null,
    };
  } catch {
    ls?.setItem(`${WORK_KEY}:unreadable`, raw);
    ls?.removeItem(WORK_KEY);
    return null;
  }
}

function saveWork(key: string, state: ShareState): void {
  const text = JSON.stringify({ savedAt: Date.now(), state });
  if (text.length > MAX_SAVED_CHARS) return;
  try {
    storage()?.setItem(key, text);
  } catch {
    // Quota exceeded or storage disabled: the link in the address bar still carries the work.
  }
}

function outcomeNotice(out: ApplyOutcome, what: string): LinkNotice {
  if (out.stoppedAt !== null)
    return {
      tone: 'error',
      text: `Line ${out.stoppedAt + 1} of ${what} faulted; the lines after it were not replayed.`,
    };
  if (out.stepClamped)
    return { tone: 'info', text: `${what} asks for a step past the end of its trace: showing the end.` };
  return null;
}

export function useShareLink(store: PlaygroundStore, enabled: boolean): ShareLinkApi {
  const [notice, setNotice] = useState<LinkNotice>(null);
  const [choice, setChoice] = useState<LinkChoice | null>(null);
  // While a state is being opened (or the person is choosing), nothing is saved or written.
  const busy = useRef(true);
  const written = useRef('');

  /** Saves the work and writes the link a moment after the last change (set by the effect). */
  const schedule = useRef<() => void>(() => undefined);

  const open = useCallback(
    async (state: ShareState, what: string) => {
      busy.current = true;
      try {
        const out = await applyShareState(store, state);
        setNotice(outcomeNotice(out, what));
      } finally {
        busy.current = false;
        // What the person did while the state opened (or the opened state itself) is saved now.
        schedule.current();
      }
    },
    [store],
  );

  useEffect(() => {
    if (!enabled || typeof window === 'undefined') return;
    let cancelled = false;
    const defaults = captureShareState(store.getState());
    written.current = window.location.hash.replace(/^#/, '');

    const start = async (hash: string) => {
      busy.current = true;
      const saved = readSavedWork();
      const hasWork = saved !== null && !sameWork(saved.state, defaults);
      let link: ShareState | null = null;
      if (isShareFragment(hash)) {
        try {
          link = await decodeShareLink(hash);
        } catch (e) {
          const why = e instanceof ShareLinkError ? e.message : String(e);
          setNotice({
            tone: 'error',
            text: `This link could not be opened: ${why}.${hasWork ? ' Your saved work is back.' : ' The playground started as usual.'}`,
          });
        }
      }
      if (cancelled) return;
      if (link && hasWork && !sameWork(link, saved.state)) {
        setChoice({ link, saved: saved.state, savedAt: saved.savedAt });
        return; // busy until the person chooses
      }
      if (link) await open(link, 'the link');
      else if (hasWork) await open(saved.state, 'your saved work');
      busy.current = false;
      schedule.current();
    };
    void start(window.location.hash);

    let writeTimer: ReturnType<typeof setTimeout> | undefined;
    let saveTimer: ReturnType<typeof setTimeout> | undefined;
    let unsaved = false;
    // While a presentation shows its moments, the work is its deck.
    const current = () => store.getState().deck ?? captureShareState(store.getState());
    const saveNow = () => {
      clearTimeout(saveTimer);
      if (busy.current || !unsaved) return;
      unsaved = false;
      saveWork(WORK_KEY, current());
    };
    schedule.current = () => {
      if (busy.current) return;
      unsaved = true;
      clearTimeout(saveTimer);
      saveTimer = setTimeout(saveNow, SAVE_DELAY_MS);
      clearTimeout(writeTimer);
      writeTimer = setTimeout(() => {
        if (busy.current) return;
        void encodeShareLink(current()).then((next) => {
          if (busy.current || next === written.current) return;
          written.current = next;
          window.history.replaceState(null, '', `#${next}`);
        });
      }, WRITE_DELAY_MS);
    };
    // Leaving or reloading the page saves at once: the last change is not lost to the delay.
    window.addEventListener('pagehide', saveNow);
    const unsubscribe = store.subscribe((s, prev) => {
      // A presentation re-runs lines to show its moments: the link and the saved work stay its deck.
      if (busy.current || s.deck) return;
      if (
        s.deck === prev.deck &&
        s.bookmarks === prev.bookmarks &&
        s.display === prev.display &&
        s.cursor === prev.cursor &&
        s.sessionLines === prev.sessionLines &&
        s.kernel === prev.kernel &&
        s.modules === prev.modules &&
        s.activeFile === prev.activeFile &&
        s.policies === prev.policies &&
        s.configLsm === prev.configLsm &&
        s.cmdline === prev.cmdline &&
        s.notBuilt === prev.notBuilt &&
        s.kernelVersion === prev.kernelVersion &&
        s.rustV1 === prev.rustV1 &&
        s.expectations === prev.expectations &&
        s.lesson === prev.lesson &&
        s.lessonLines === prev.lessonLines
      )
        return;
      schedule.current();
    });
    // A link pasted into the address bar of an open page opens too (after the same choice).
    const onHashChange = () => {
      const hash = window.location.hash.replace(/^#/, '');
      if (hash !== written.current) {
        written.current = hash;
        void start(hash);
      }
    };
    window.addEventListener('hashchange', onHashChange);
    return () => {
      cancelled = true;
      unsubscribe();
      clearTimeout(writeTimer);
      clearTimeout(saveTimer);
      window.removeEventListener('hashchange', onHashChange);
      window.removeEventListener('pagehide', saveNow);
      schedule.current = () => undefined;
    };
  }, [store, enabled, open]);

  return {
    notice,
    choice,
    dismiss: () => setNotice(null),
    openLink: () => {
      if (!choice) return;
      saveWork(BEFORE_LINK_KEY, choice.saved);
      setChoice(null);
      void open(choice.link, 'the link').then(() =>
        setNotice({
          tone: 'info',
          text: 'Opened the link. Your previous work is kept: “Restore my previous work” in the share menu brings it back.',
        }),
      );
    },
    keepWork: () => {
      if (!choice) return;
      const saved = choice.saved;
      setChoice(null);
      void open(saved, 'your saved work');
    },
  };
}
