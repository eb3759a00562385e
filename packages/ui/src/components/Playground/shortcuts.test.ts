// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { EDITOR_COMMANDS } from '../ModuleEditor/editorCommands';
import { SHORTCUTS, focusContext, shortcutFor, type FocusContext } from './shortcuts';

const press = (key: string, mods: { ctrl?: boolean; alt?: boolean } = {}) => ({
  key,
  ctrlKey: mods.ctrl ?? false,
  metaKey: false,
  shiftKey: key === '?',
  altKey: mods.alt ?? false,
});
const BODY: FocusContext = { typing: false, ownsKey: false };
const TEXT: FocusContext = { typing: true, ownsKey: false };

describe('page shortcuts', () => {
  test('every shortcut has distinct keys; the editor chords it shares mean the same action', () => {
    const keys = SHORTCUTS.flatMap((s) => s.keys.map((k) => `${s.mod ? 'mod+' : ''}${k}`));
    expect(new Set(keys).size).toBe(keys.length);
    for (const c of EDITOR_COMMANDS) {
      const page = SHORTCUTS.find((s) => s.keys.includes(c.chord.key) && (s.mod ?? false) === c.chord.mod);
      if (page) expect(page.id).toBe(c.id);
    }
  });

  test('single keys act on the page, not while typing; chords and function keys act everywhere', () => {
    expect(shortcutFor(press('n'), BODY)?.id).toBe('nextDenial');
    expect(shortcutFor(press('n'), TEXT)).toBeUndefined();
    expect(shortcutFor(press('ArrowRight'), TEXT)).toBeUndefined();
    expect(shortcutFor(press('Enter', { ctrl: true }), TEXT)?.id).toBe('run');
    expect(shortcutFor(press('F6'), TEXT)?.id).toBe('focusShell');
    expect(shortcutFor(press('F10'), TEXT)?.id).toBe('step');
    expect(shortcutFor(press('?'), BODY)?.id).toBe('help');
    expect(shortcutFor(press('n', { alt: true }), BODY)).toBeUndefined();
    expect(shortcutFor(press('n', { ctrl: true }), BODY)).toBeUndefined();
  });

  test('the focused control keeps the keys it uses itself', () => {
    const button = document.createElement('button');
    const tab = document.createElement('button');
    tab.setAttribute('role', 'tab');
    const range = document.createElement('input');
    range.type = 'range';
    const field = document.createElement('input');
    const monaco = document.createElement('div');
    monaco.className = 'monaco-editor';
    const inner = monaco.appendChild(document.createElement('textarea'));
    document.body.append(button, tab, range, field, monaco);

    expect(shortcutFor(press(' '), focusContext(button, ' '))).toBeUndefined(); // Space presses the button
    expect(shortcutFor(press('ArrowRight'), focusContext(button, 'ArrowRight'))?.id).toBe('step');
    expect(shortcutFor(press('ArrowRight'), focusContext(tab, 'ArrowRight'))).toBeUndefined(); // moves between tabs
    expect(shortcutFor(press('ArrowLeft'), focusContext(range, 'ArrowLeft'))).toBeUndefined(); // moves the slider
    expect(focusContext(field, 'n').typing).toBe(true);
    expect(focusContext(inner, 'n').typing).toBe(true);
    expect(focusContext(range, 'n').typing).toBe(false);
    expect(focusContext(document.body, ' ')).toEqual(BODY);
  });
});
