// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, test } from 'vitest';
import { renderWithStore } from '../../test/renderWithStore';
import { DisplaySwitch } from './DisplaySwitch';

afterEach(cleanup);

describe('DisplaySwitch', () => {
  test('switches the display; the editor follows light and dark', () => {
    const { store } = renderWithStore(<DisplaySwitch />);
    const radio = (name: string) => screen.getByRole('radio', { name }) as HTMLInputElement;
    expect(radio('Dark').checked).toBe(true);
    fireEvent.click(radio('Light'));
    expect(store.getState().display).toBe('light');
    expect(store.getState().editorTheme).toBe('light');
    fireEvent.click(radio('Projector'));
    expect(store.getState().display).toBe('projector');
    expect(store.getState().editorTheme).toBe('dark');
    expect(radio('Projector').checked).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Keyboard shortcuts' }));
    expect(store.getState().helpOpen).toBe(true);
  });
});
