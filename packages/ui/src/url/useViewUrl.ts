// Keeps the page's URL fragment in step with what it shows (boot inputs, shell lines, trace step),
// and opens the view a fragment describes when the page loads or the fragment is edited by hand.
import { useEffect, useState } from 'react';
import type { PlaygroundState, PlaygroundStore } from '../store/createPlaygroundStore';
import { restoreView } from './restoreView';
import { ViewUrlError, formatViewUrl, parseViewUrl, type ViewUrlState } from './viewUrl';

/** What the link banner says; null when there is nothing to say. */
export type LinkNotice = { readonly tone: 'error' | 'info'; readonly text: string } | null;

/** How long the fragment waits for the cursor to settle (playing moves it up to 30 times a second). */
const WRITE_DELAY_MS = 250;

export function viewOf(s: PlaygroundState): ViewUrlState {
  return {
    kernelVersion: s.kernel.config.kernelVersion,
    configLsm: s.kernel.config.configLsm,
    cmdline: s.kernel.config.cmdline,
    notBuilt: s.notBuilt,
    lines: s.sessionLines,
    ...(s.run && s.sessionLines.length > 0 ? { step: Math.max(0, s.cursor) } : {}),
  };
}

export function useViewUrl(store: PlaygroundStore, enabled: boolean): [LinkNotice, () => void] {
  const [notice, setNotice] = useState<LinkNotice>(null);
  useEffect(() => {
    if (!enabled || typeof window === 'undefined') return;
    let restoring = false;
    let written = window.location.hash.replace(/^#/, '');
    const open = async (hash: string) => {
      let view: ViewUrlState | null;
      try {
        view = parseViewUrl(hash);
      } catch (e) {
        const why = e instanceof ViewUrlError ? e.message : String(e);
        setNotice({ tone: 'error', text: `This link could not be opened: ${why}. The playground started as usual.` });
        return;
      }
      if (!view) return;
      restoring = true;
      try {
        const out = await restoreView(store, view);
        if (out.stoppedAt !== null)
          setNotice({
            tone: 'error',
            text: `Line ${out.stoppedAt + 1} of the link faulted; the lines after it were not replayed.`,
          });
        else if (out.stepClamped)
          setNotice({ tone: 'info', text: 'The link asks for a step past the end of its trace: showing the end.' });
      } finally {
        restoring = false;
        written = window.location.hash.replace(/^#/, '');
      }
    };
    void open(window.location.hash);

    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = store.subscribe((s, prev) => {
      if (restoring) return;
      if (s.cursor === prev.cursor && s.sessionLines === prev.sessionLines && s.kernel === prev.kernel) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        const next = formatViewUrl(viewOf(store.getState()));
        if (next === written) return;
        written = next;
        window.history.replaceState(null, '', next ? `#${next}` : window.location.pathname + window.location.search);
      }, WRITE_DELAY_MS);
    });
    // A fragment typed into the address bar (or a link followed within the page) opens too.
    const onHashChange = () => {
      const hash = window.location.hash.replace(/^#/, '');
      if (hash !== written) void open(hash).then(() => (written = hash));
    };
    window.addEventListener('hashchange', onHashChange);
    return () => {
      unsubscribe();
      clearTimeout(timer);
      window.removeEventListener('hashchange', onHashChange);
    };
  }, [store, enabled]);
  return [notice, () => setNotice(null)];
}
