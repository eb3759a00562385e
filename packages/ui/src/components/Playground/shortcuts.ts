// The page's keyboard shortcuts as records: the global key handler, the keyboard help and the
// tests all read this one list. Single keys act only when focus is not in a text field (or Monaco),
// and never take a key from the control that has focus when that control uses it itself (Space on
// a button, arrows in a tab list, a list box or a slider).
import type { KeyPress } from '../ModuleEditor/editorCommands';

export type ShortcutId =
  | 'run'
  | 'step'
  | 'back'
  | 'play'
  | 'nextDenial'
  | 'focusShell'
  | 'focusEditor'
  | 'editCmdline'
  | 'focusTrace'
  | 'display'
  | 'present'
  | 'help';

export type ShortcutGroup = 'Run and replay' | 'Move around' | 'Display';

export interface Shortcut {
  readonly id: ShortcutId;
  readonly group: ShortcutGroup;
  readonly description: string;
  /** `KeyboardEvent.key` values that trigger it (case-sensitive for letters: `n`, not `N`). */
  readonly keys: readonly string[];
  /** Ctrl (or Cmd) held. */
  readonly mod?: boolean;
  /** Also fires while typing in a text field (only chords with a modifier or a function key). */
  readonly inText?: boolean;
  /** How the keys are written in the help. */
  readonly label: string;
  /** Changes the work (a read-only embed leaves it out). */
  readonly edits?: boolean;
}

export const SHORTCUTS: readonly Shortcut[] = [
  {
    id: 'run',
    group: 'Run and replay',
    description: 'Build the modules and boot them (Run)',
    keys: ['Enter'],
    mod: true,
    inText: true,
    label: 'Ctrl+Enter',
    edits: true,
  },
  {
    id: 'step',
    group: 'Run and replay',
    description: 'Step the trace forward one event',
    keys: ['ArrowRight', 'F10'],
    label: '→ or F10',
  },
  {
    id: 'back',
    group: 'Run and replay',
    description: 'Step the trace back one event',
    keys: ['ArrowLeft'],
    label: '←',
  },
  { id: 'play', group: 'Run and replay', description: 'Play or pause the replay', keys: [' '], label: 'Space' },
  { id: 'nextDenial', group: 'Run and replay', description: 'Jump to the next denial', keys: ['n'], label: 'n' },
  {
    id: 'focusShell',
    group: 'Move around',
    description: 'Go to the shell prompt (F6 also leaves the editor for it)',
    keys: ['/', 'F6'],
    label: '/ or F6',
  },
  { id: 'focusEditor', group: 'Move around', description: 'Go to the module editor', keys: ['m'], label: 'm' },
  {
    id: 'editCmdline',
    group: 'Move around',
    description: "Edit the kernel command line (like a boot loader's e)",
    keys: ['e'],
    label: 'e',
  },
  { id: 'focusTrace', group: 'Move around', description: 'Go to the trace events', keys: ['t'], label: 't' },
  {
    id: 'display',
    group: 'Display',
    description: 'Switch the display: dark, light, projector (large type)',
    keys: ['d'],
    label: 'd',
  },
  {
    id: 'present',
    group: 'Display',
    description: 'Present the bookmarked moments, full screen',
    keys: ['p'],
    label: 'p',
  },
  { id: 'help', group: 'Display', description: 'Show or hide this list', keys: ['?'], label: '?' },
];

/** Where focus is when a key is pressed: what the global handler needs to know about it. */
export interface FocusContext {
  /** An input, textarea, select, contenteditable or Monaco: letters are text there. */
  readonly typing: boolean;
  /** The focused control uses this key itself (Space/Enter on a button, arrows in a tab list...). */
  readonly ownsKey: boolean;
}

/** The shortcut bound to `e` where focus is, if any. F-keys and chords work everywhere. */
export function shortcutFor(e: KeyPress, at: FocusContext): Shortcut | undefined {
  if (e.altKey) return undefined;
  const mod = e.ctrlKey || e.metaKey;
  return SHORTCUTS.find((s) => {
    if (!s.keys.includes(e.key) || (s.mod ?? false) !== mod) return false;
    const functionKey = /^F\d+$/.test(e.key);
    if (at.typing && !s.inText && !functionKey) return false;
    return !at.ownsKey || functionKey || mod;
  });
}

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'url', 'email', 'password', 'number', 'tel', '']);
const ARROW_ROLES = new Set(['tab', 'tablist', 'listbox', 'option', 'slider', 'radiogroup', 'radio', 'menu', 'grid']);

/** Describes `target` (the focused element) for `shortcutFor`. */
export function focusContext(target: Element | null, key: string): FocusContext {
  if (!target || target.tagName === 'BODY' || target.tagName === 'HTML') return { typing: false, ownsKey: false };
  const tag = target.tagName;
  const type = tag === 'INPUT' ? (target.getAttribute('type') ?? '').toLowerCase() : '';
  const typing =
    tag === 'TEXTAREA' ||
    tag === 'SELECT' ||
    (tag === 'INPUT' && TEXT_INPUT_TYPES.has(type)) ||
    (target as HTMLElement).isContentEditable === true ||
    target.closest('.monaco-editor') !== null;
  let ownsKey = false;
  if (key === ' ' || key === 'Enter') {
    ownsKey = tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY' || tag === 'INPUT' || tag === 'SELECT';
  } else if (key.startsWith('Arrow') || key === 'Home' || key === 'End') {
    const role = target.getAttribute('role') ?? '';
    ownsKey =
      tag === 'INPUT' || tag === 'SELECT' || ARROW_ROLES.has(role) || target.closest('[role="tablist"]') !== null;
  }
  return { typing, ownsKey };
}
