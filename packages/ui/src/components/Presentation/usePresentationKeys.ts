// The clicker's keys while presenting: one capturing keydown listener, so the page's own shortcuts
// (→ steps the trace, Space plays it) never see the keys that move between moments. Without
// moments the page shortcuts keep the arrows, and PageDown/PageUp step the trace.
import { useEffect, type RefObject } from 'react';
import type { PlaygroundStore } from '../../store/createPlaygroundStore';
import { focusContext } from '../Playground/shortcuts';
import { clickerAction, leavePresentation } from './presentation';

export function usePresentationKeys(
  rootRef: RefObject<HTMLElement | null>,
  store: PlaygroundStore,
  presenting: boolean,
) {
  useEffect(() => {
    const doc = rootRef.current?.ownerDocument;
    if (!presenting || !doc) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || e.altKey || e.ctrlKey || e.metaKey) return;
      const s = store.getState();
      if (s.helpOpen) return;
      const action = clickerAction(e.key, focusContext(doc.activeElement, e.key).typing);
      if (!action) return;
      const n = s.bookmarks.length;
      if (action === 'leave') leavePresentation(store, doc);
      else if (n === 0) {
        if (e.key === 'PageDown') s.stepForward();
        else if (e.key === 'PageUp') s.stepBack();
        else return;
      } else if (action === 'next') void s.nextMoment();
      else if (action === 'previous') void s.previousMoment();
      else void s.goToMoment(action === 'first' ? 0 : n - 1);
      e.preventDefault();
      e.stopPropagation();
    };
    // The browser leaves full screen on Escape without a keydown: leave the presentation with it.
    let wasFull = doc.fullscreenElement !== null;
    const onFullscreenChange = () => {
      const full = doc.fullscreenElement !== null;
      if (wasFull && !full && store.getState().presenting) void store.getState().stopPresenting();
      wasFull = full;
    };
    doc.addEventListener('keydown', onKeyDown, true);
    doc.addEventListener('fullscreenchange', onFullscreenChange);
    return () => {
      doc.removeEventListener('keydown', onKeyDown, true);
      doc.removeEventListener('fullscreenchange', onFullscreenChange);
    };
  }, [rootRef, store, presenting]);
}
