// The page-wide effects of the view slice: the display on the document, and the reader's motion preference.
import { useEffect, type RefObject } from 'react';
import type { PlaygroundStore } from '../../store/createPlaygroundStore';

/** Applies the display to the document (palette and root font size) and prefers-reduced-motion to the replay. */
export function useDisplayAndMotion(
  root: RefObject<HTMLElement | null>,
  store: PlaygroundStore,
  display: string,
): void {
  // The display sets the page's palette and root font size (rem units scale the whole page).
  useEffect(() => {
    const html = root.current?.ownerDocument.documentElement;
    if (!html) return;
    html.dataset.display = display;
    html.dataset.theme = display === 'light' ? 'light' : 'dark';
  }, [root, display]);

  // prefers-reduced-motion: a new run opens at its end instead of playing.
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const query = matchMedia('(prefers-reduced-motion: reduce)');
    const apply = () => store.getState().setAutoPlay(!query.matches);
    apply();
    query.addEventListener?.('change', apply);
    return () => query.removeEventListener?.('change', apply);
  }, [store]);
}
