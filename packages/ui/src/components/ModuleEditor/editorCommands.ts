// The editor's commands as declarative records: the toolbar buttons, their tooltips, the textarea's
// key handler and Monaco's actions are all generated from this list.

/** Monaco's text size in CSS pixels; the projector display uses PROJECTOR_FONT_SIZE. */
export const EDITOR_FONT_SIZE = 13;
export const PROJECTOR_FONT_SIZE = 20;

export type EditorCommandId = 'run' | 'step' | 'share';

/** A key chord; `mod` is Ctrl on Linux and Windows and Cmd on macOS (Monaco's CtrlCmd). */
export interface KeyChord {
  readonly mod: boolean;
  readonly shift: boolean;
  /** `KeyboardEvent.key`, compared case-insensitively. */
  readonly key: 'Enter' | 'F10' | 'S';
}

export interface EditorCommand {
  readonly id: EditorCommandId;
  readonly label: string;
  readonly description: string;
  readonly chord: KeyChord;
}

export const EDITOR_COMMANDS: readonly EditorCommand[] = [
  {
    id: 'run',
    label: 'Run',
    description: 'Load the modules into the kernel and run',
    chord: { mod: true, shift: false, key: 'Enter' },
  },
  { id: 'step', label: 'Step', description: 'Run the next syscall', chord: { mod: false, shift: false, key: 'F10' } },
  {
    id: 'share',
    label: 'Share',
    description: 'Copy a link to these modules',
    chord: { mod: true, shift: true, key: 'S' },
  },
];

/** The subset of a KeyboardEvent a chord is matched against. */
export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

/** True when `e` is `chord`; Ctrl and Cmd both count as `mod`, so the fallback works on every platform. */
export function matchesChord(e: KeyPress, chord: KeyChord): boolean {
  return (
    e.key.toLowerCase() === chord.key.toLowerCase() &&
    (e.ctrlKey || e.metaKey) === chord.mod &&
    e.shiftKey === chord.shift &&
    !e.altKey
  );
}

/** The command bound to `e`, if any. */
export function commandForKey(e: KeyPress): EditorCommand | undefined {
  return EDITOR_COMMANDS.find((c) => matchesChord(e, c.chord));
}

/** How a chord is written on this platform: `Ctrl+Shift+S`, or `⇧⌘S` on macOS. */
export function chordLabel(chord: KeyChord, mac: boolean): string {
  if (mac) return `${chord.shift ? '⇧' : ''}${chord.mod ? '⌘' : ''}${chord.key === 'Enter' ? '↩' : chord.key}`;
  return [chord.mod && 'Ctrl', chord.shift && 'Shift', chord.key].filter(Boolean).join('+');
}

/** The chord in `aria-keyshortcuts` syntax, with both Control and Meta for `mod`. */
export function ariaKeyShortcuts(chord: KeyChord): string {
  const rest = [chord.shift && 'Shift', chord.key].filter(Boolean).join('+');
  return chord.mod ? `Control+${rest} Meta+${rest}` : rest;
}

/** True on Apple platforms, where `mod` is shown as ⌘. */
export function isMacPlatform(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
}
