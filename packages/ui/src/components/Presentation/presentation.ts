// Entering and leaving a presentation from a person's gesture: the store's presentation plus the
// Fullscreen API, which only a click or a key press may ask for. A page that cannot go full screen
// (an iframe without allow="fullscreen", a browser that refuses) still presents, in its window.
import type { PlaygroundStore } from '../../store/createPlaygroundStore';

/** Starts presenting and asks for full screen. */
export function enterPresentation(store: PlaygroundStore, doc: Document): void {
  void store.getState().startPresenting();
  // The moments bar and the shell are at the top of the presentation's layout.
  doc.defaultView?.scrollTo?.(0, 0);
  const el = doc.documentElement;
  if (doc.fullscreenEnabled && !doc.fullscreenElement && typeof el.requestFullscreen === 'function')
    el.requestFullscreen().catch(() => undefined);
}

/** Leaves the presentation and full screen. */
export function leavePresentation(store: PlaygroundStore, doc: Document): void {
  if (doc.fullscreenElement && typeof doc.exitFullscreen === 'function') doc.exitFullscreen().catch(() => undefined);
  void store.getState().stopPresenting();
}

export type ClickerAction = 'next' | 'previous' | 'first' | 'last' | 'leave';

/**
 * What a key does during a presentation. Clickers send PageDown and PageUp; a keyboard also has the
 * arrows and Space. In a text field only the keys that are never text there count.
 */
export function clickerAction(key: string, typing: boolean): ClickerAction | null {
  switch (key) {
    case 'PageDown':
      return 'next';
    case 'PageUp':
      return 'previous';
    case 'Escape':
      return 'leave';
    case 'ArrowRight':
    case 'ArrowDown':
    case ' ':
      return typing ? null : 'next';
    case 'ArrowLeft':
    case 'ArrowUp':
      return typing ? null : 'previous';
    case 'Home':
      return typing ? null : 'first';
    case 'End':
      return typing ? null : 'last';
    default:
      return null;
  }
}
