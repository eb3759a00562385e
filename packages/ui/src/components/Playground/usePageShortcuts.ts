// The page's key handler: one keydown listener on the document for this playground, dispatching
// the records of shortcuts.ts. Keys a focused control handles itself are left to it.
import { useEffect, useRef, type RefObject } from 'react';
import type { PlaygroundStore } from '../../store/createPlaygroundStore';
import { runAction } from '../../learn/openLesson';
import { enterPresentation } from '../Presentation/presentation';
import { focusContext, shortcutFor, type Shortcut, type ShortcutId } from './shortcuts';

/** Focuses the element a `data-focus-target` names inside `root`; for the editor, its text area. */
export function focusTarget(root: HTMLElement, name: string): boolean {
  const host = root.querySelector<HTMLElement>(`[data-focus-target="${name}"]`);
  if (!host) return false;
  const el =
    host.matches('input, textarea, select, button, [tabindex]') && !host.querySelector('textarea')
      ? host
      : (host.querySelector<HTMLElement>('.monaco-editor textarea, textarea, input, [tabindex]') ?? host);
  el.focus();
  if (el instanceof HTMLInputElement && name === 'cmdline') el.setSelectionRange(el.value.length, el.value.length);
  return document.activeElement === el;
}

export function runShortcut(id: ShortcutId, store: PlaygroundStore, root: HTMLElement): void {
  const s = store.getState();
  switch (id) {
    case 'run':
      // In a lesson, Run also replays the lesson's shell lines, so its goals are checked.
      runAction(store);
      return;
    case 'step':
      s.stepForward();
      return;
    case 'back':
      s.stepBack();
      return;
    case 'play':
      s.setPlaying(!s.playing);
      return;
    case 'nextDenial':
      s.nextDenial();
      return;
    case 'focusShell':
      focusTarget(root, 'shell');
      return;
    case 'focusEditor':
      // Monaco decides which of its elements takes the focus: ask the editor component.
      s.requestEditorFocus();
      return;
    case 'editCmdline':
      focusTarget(root, 'cmdline');
      return;
    case 'focusTrace':
      focusTarget(root, 'trace');
      return;
    case 'display':
      s.cycleDisplay();
      return;
    case 'present':
      enterPresentation(store, root.ownerDocument);
      return;
    case 'help':
      s.setHelpOpen(!s.helpOpen);
      return;
  }
}

/** Installs the page shortcuts for the playground rendered in `rootRef` (those `allow` lets through). */
export function usePageShortcuts(
  rootRef: RefObject<HTMLElement | null>,
  store: PlaygroundStore,
  enabled: boolean,
  allow: (s: Shortcut) => boolean = () => true,
) {
  const allowRef = useRef(allow);
  useEffect(() => {
    allowRef.current = allow;
  });
  useEffect(() => {
    if (!enabled) return;
    const doc = rootRef.current?.ownerDocument;
    if (!doc) return;
    const onKeyDown = (e: KeyboardEvent) => {
      const root = rootRef.current;
      // A control (the editor's own Run, the shell's Enter) already handled it; IME composition is text.
      if (!root || e.defaultPrevented || e.isComposing) return;
      // While a dialog is open (the keyboard help), it owns the keys.
      if (store.getState().helpOpen && e.key !== '?') return;
      const target = doc.activeElement;
      const shortcut = shortcutFor(e, focusContext(target, e.key));
      if (!shortcut || !allowRef.current(shortcut)) return;
      e.preventDefault();
      runShortcut(shortcut.id, store, root);
    };
    doc.addEventListener('keydown', onKeyDown);
    return () => doc.removeEventListener('keydown', onKeyDown);
  }, [rootRef, store, enabled]);
}
