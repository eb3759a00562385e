// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, test } from 'vitest';
import { renderWithStore } from '../../test/renderWithStore';
import { EDITOR_COMMANDS } from '../ModuleEditor/editorCommands';
import { SHORTCUTS } from '../Playground/shortcuts';
import { KeyboardHelp } from './KeyboardHelp';

afterEach(cleanup);

describe('KeyboardHelp', () => {
  test('lists every page shortcut and editor chord, and closes with its button or ?', () => {
    const { store, container } = renderWithStore(<KeyboardHelp />);
    const dialog = container.querySelector('dialog')!;
    expect(dialog.open).toBe(false);
    act(() => store.getState().setHelpOpen(true));
    expect(dialog.open).toBe(true);
    const rows = within(dialog)
      .getAllByRole('term')
      .map((t) => t.textContent);
    expect(rows).toEqual([...SHORTCUTS.map((s) => s.label), ...EDITOR_COMMANDS.map((c) => expect.any(String))]);
    for (const s of SHORTCUTS) expect(within(dialog).getByText(s.description)).toBeTruthy();
    fireEvent.keyDown(dialog, { key: '?' });
    expect(store.getState().helpOpen).toBe(false);
    expect(dialog.open).toBe(false);
    act(() => store.getState().setHelpOpen(true));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(store.getState().helpOpen).toBe(false);
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
