// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { DEFAULT_MODULE_SOURCE } from '@lsm-playground/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { inProcessWorker } from '../../engine/inProcess';
import { createPlaygroundStore } from '../../store/createPlaygroundStore';
import { Playground } from '../Playground/Playground';
import { clickerAction } from './presentation';

vi.mock('../ModuleEditor/monaco/loadMonaco', () => ({ loadMonaco: () => new Promise(() => {}) }));

afterEach(cleanup);

describe('clicker keys', () => {
  it('move between moments with PageDown/PageUp anywhere, and arrows and Space outside text', () => {
    expect(clickerAction('PageDown', true)).toBe('next');
    expect(clickerAction('PageUp', true)).toBe('previous');
    expect(clickerAction('Escape', true)).toBe('leave');
    expect(clickerAction('ArrowRight', false)).toBe('next');
    expect(clickerAction(' ', false)).toBe('next');
    expect(clickerAction('ArrowLeft', false)).toBe('previous');
    expect(clickerAction('ArrowRight', true)).toBeNull();
    expect(clickerAction(' ', true)).toBeNull();
    expect(clickerAction('Home', false)).toBe('first');
    expect(clickerAction('End', false)).toBe('last');
    expect(clickerAction('x', false)).toBeNull();
  });
});

describe('moments and presenting', () => {
  it('bookmarks steps, presents them in order from the keyboard, and leaves with Escape', async () => {
    const store = createPlaygroundStore({}, { spawnEngine: inProcessWorker });
    store.getState().setAutoPlay(false);
    render(<Playground store={store} />);
    const mark = screen.getByRole('button', { name: 'Bookmark this step' }) as HTMLButtonElement;
    expect(mark.disabled).toBe(true);

    await act(() => store.getState().runShellLine('cat /etc/passwd'));
    act(() => store.getState().seek(2));
    fireEvent.click(mark);
    await act(() => store.getState().runShellLine('echo x > /etc/shadow'));
    act(() => store.getState().seek(4));
    fireEvent.click(mark);
    fireEvent.click(mark); // the same step again is not a second moment
    const list = screen.getByRole('list', { name: 'Bookmarked moments' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['cat /etc/passwd (line 1), step 3Remove', 'echo x > /etc/shadow (line 2), step 5Remove']);

    const key = (k: string) =>
      act(() => {
        fireEvent.keyDown(document.activeElement ?? document.body, { key: k });
      });
    fireEvent.click(screen.getByRole('button', { name: /^Present/ }));
    const bar = await screen.findByRole('toolbar', { name: 'Presentation' });
    expect(document.documentElement.dataset.display).toBe('projector');
    expect(document.querySelector('.playground--presenting')).not.toBeNull();
    expect(within(bar).getByTestId('moment-count').textContent).toBe('moment 1 / 2');
    await waitFor(() => expect(store.getState().sessionLines).toEqual(['cat /etc/passwd']));
    expect(store.getState().cursor).toBe(2);

    (document.activeElement as HTMLElement | null)?.blur();
    await key('PageDown');
    expect(within(bar).getByTestId('moment-count').textContent).toBe('moment 2 / 2');
    await waitFor(() => expect(store.getState().sessionLines.length).toBe(2));
    expect(store.getState().cursor).toBe(4);
    // → is the next moment here, not the next trace event.
    await key('ArrowRight');
    expect(store.getState().cursor).toBe(4);
    await key('ArrowLeft');
    expect(within(bar).getByTestId('moment-count').textContent).toBe('moment 1 / 2');
    await waitFor(() => expect(store.getState().cursor).toBe(2));

    await key('Escape');
    expect(screen.queryByRole('toolbar', { name: 'Presentation' })).toBeNull();
    await waitFor(() => expect(store.getState().deck).toBeNull());
    expect(store.getState().sessionLines).toEqual(['cat /etc/passwd', 'echo x > /etc/shadow']);
    expect(document.documentElement.dataset.display).toBe('dark');
  });
});

describe('the embed', () => {
  const embedStore = () => createPlaygroundStore({}, { spawnEngine: inProcessWorker });
  /** Renders an embed and waits for its page (a chunk fetched on demand). */
  const renderEmbed = async (ui: Parameters<typeof render>[0]) => {
    const out = render(ui);
    await screen.findByRole('heading', { level: 1, name: /^LSM Playground/ });
    return out;
  };

  it('shows the transcript and the trace only, and takes no shell input when read-only', async () => {
    await renderEmbed(<Playground store={embedStore()} embed={{ readOnly: true, editor: false, step: null }} />);
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual(['Shell', 'Trace']);
    expect(screen.queryByRole('button', { name: 'Share' })).toBeNull();
    expect(screen.queryByRole('textbox', { name: 'Kernel command line' })).toBeNull();
    const shell = screen.getByRole('textbox', { name: 'Shell command' }) as HTMLInputElement;
    expect(shell.disabled).toBe(true);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('LSM Playground (read-only)');
  });

  it('the keyboard help of a read-only embed lists only the keys it takes', async () => {
    const store = embedStore();
    await renderEmbed(<Playground store={store} embed={{ readOnly: true, editor: false, step: null }} />);
    act(() => store.getState().setHelpOpen(true));
    const help = screen.getByRole('dialog', { name: 'Keyboard' });
    expect(help.textContent).toContain('Step the trace forward one event');
    expect(help.textContent).not.toContain('Build the modules and boot them (Run)');
    expect(help.textContent).not.toContain('Present the bookmarked moments');
    expect(within(help).queryByRole('region', { name: 'In the editor' })).toBeNull();
  });

  it('an interactive embed takes shell input; the editor comes when asked, as source when read-only', async () => {
    const { unmount } = await renderEmbed(
      <Playground store={embedStore()} embed={{ readOnly: false, editor: true, step: null }} />,
    );
    expect((screen.getByRole('textbox', { name: 'Shell command' }) as HTMLInputElement).disabled).toBe(false);
    expect(screen.getByTestId('module-editor')).toBeTruthy();
    unmount();
    await renderEmbed(<Playground store={embedStore()} embed={{ readOnly: true, editor: true, step: null }} />);
    expect(screen.queryByTestId('module-editor')).toBeNull();
    expect(screen.getByLabelText(/^Source of .* \(read-only\)$/).textContent).toBe(DEFAULT_MODULE_SOURCE);
  });

  it('refuses Ctrl+Enter (a rebuild would replace the shared session) when read-only', async () => {
    const store = embedStore();
    await renderEmbed(<Playground store={store} embed={{ readOnly: true, editor: false, step: null }} />);
    fireEvent.keyDown(document.body, { key: 'Enter', ctrlKey: true });
    fireEvent.keyDown(document.body, { key: 'p' });
    expect(store.getState().engineStatus).toBe('idle');
    expect(store.getState().presenting).toBe(false);
  });
});
