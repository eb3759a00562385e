// How the page looks and which overlay is open: the display (dark, light, or the projector's large
// type and high contrast) and the keyboard help. Nothing here reaches the engine.
import type { StateCreator } from 'zustand/vanilla';
import type { EditorSlice } from './editorSlice';

export type Display = 'dark' | 'light' | 'projector';
export const DISPLAYS: readonly Display[] = ['dark', 'light', 'projector'];

export const DISPLAY_LABELS: Readonly<Record<Display, string>> = {
  dark: 'Dark',
  light: 'Light',
  projector: 'Projector',
};

export interface ViewSlice {
  readonly display: Display;
  readonly helpOpen: boolean;
  /** Bumped to ask the module editor for the focus (Monaco or its textarea, whichever is up). */
  readonly editorFocusRequest: number;
  requestEditorFocus(): void;
  /** Switches the page's display; the editor follows (light for light, dark otherwise). */
  setDisplay(display: Display): void;
  /** The next display in DISPLAYS order (the `d` shortcut). */
  cycleDisplay(): void;
  setHelpOpen(open: boolean): void;
}

type Peers = Pick<EditorSlice, 'setEditorTheme'>;

export const createViewSlice: StateCreator<ViewSlice & Peers, [], [], ViewSlice> = (set, get) => {
  const setDisplay = (display: Display) => {
    set({ display });
    get().setEditorTheme(display === 'light' ? 'light' : 'dark');
  };
  return {
    display: 'dark',
    helpOpen: false,
    editorFocusRequest: 0,
    requestEditorFocus: () => set({ editorFocusRequest: get().editorFocusRequest + 1 }),
    setDisplay,
    cycleDisplay: () => setDisplay(DISPLAYS[(DISPLAYS.indexOf(get().display) + 1) % DISPLAYS.length]!),
    setHelpOpen: (helpOpen) => set({ helpOpen }),
  };
};
