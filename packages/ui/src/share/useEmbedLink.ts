// An embed opens the state in its fragment and nothing else: it never reads or writes the
// visitor's saved work (that belongs to their own playground tab) and never rewrites its address.
import { useEffect, useState } from 'react';
import type { PlaygroundStore } from '../store/createPlaygroundStore';
import { applyShareState } from './applyShare';
import { decodeShareLink } from './codec';
import type { EmbedOptions } from './embedOptions';
import { ShareLinkError } from './shareState';
import type { LinkNotice } from './useShareLink';

/** Opens the page's fragment in `store` (with the embed's start step); returns what to tell the reader. */
export function useEmbedLink(store: PlaygroundStore, options: EmbedOptions | null): LinkNotice {
  const [notice, setNotice] = useState<LinkNotice>(null);
  const step = options?.step ?? null;
  const enabled = options !== null;
  useEffect(() => {
    if (!enabled || typeof window === 'undefined') return;
    let cancelled = false;
    const open = async (hash: string) => {
      try {
        const state = await decodeShareLink(hash);
        if (cancelled) return;
        if (!state) {
          setNotice({ tone: 'info', text: 'This embed has no shared state: it shows a fresh playground.' });
          return;
        }
        const out = await applyShareState(store, step !== null && state.lines.length > 0 ? { ...state, step } : state);
        if (cancelled) return;
        if (out.stoppedAt !== null)
          setNotice({
            tone: 'error',
            text: `Line ${out.stoppedAt + 1} faulted; the lines after it were not replayed.`,
          });
        else if (out.stepClamped)
          setNotice({ tone: 'info', text: 'The start step is past the end of the trace: showing the end.' });
        else setNotice(null);
      } catch (e) {
        if (!cancelled)
          setNotice({
            tone: 'error',
            text: `This embed could not be opened: ${e instanceof ShareLinkError ? e.message : String(e)}.`,
          });
      }
    };
    void open(window.location.hash);
    const onHashChange = () => void open(window.location.hash);
    window.addEventListener('hashchange', onHashChange);
    return () => {
      cancelled = true;
      window.removeEventListener('hashchange', onHashChange);
    };
  }, [store, enabled, step]);
  return notice;
}
