// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { DEFAULT_MODULE_FILE, DEFAULT_MODULE_SOURCE } from '@lsm-playground/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { inProcessWorker } from '../../engine/inProcess';
import { createPlaygroundStore } from '../../store/createPlaygroundStore';
import { SHORTCUTS } from './shortcuts';
import { Playground } from './Playground';

// Monaco does not run in happy-dom: the editor stays on its textarea (Playwright covers Monaco).
vi.mock('../ModuleEditor/monaco/loadMonaco', () => ({ loadMonaco: () => new Promise(() => {}) }));

afterEach(cleanup);

describe('Playground', () => {
  it('lays the page out with landmarks and headings', async () => {
    render(<Playground />);
    // The expectations panel is fetched after the first paint (a lazy chunk).
    await screen.findByRole('heading', { level: 2, name: 'Expectations' });
    expect(screen.getByRole('banner')).toBeTruthy();
    expect(screen.getByRole('main')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'LSM Playground' })).toBeTruthy();
    const h2 = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(h2).toEqual([
      'Boot loader',
      'Module editor',
      'Your modules',
      'Shell',
      'Trace',
      'Moments',
      'Expectations',
      'Kernel log',
      'Hook heads',
      'World',
      'LSM stack',
      'securityfs',
      'Blob sizes',
      'Boot log',
    ]);
  });

  it('opens the module editor on the default module', () => {
    render(<Playground />);
    expect(screen.getByRole('tab', { name: DEFAULT_MODULE_FILE, selected: true })).toBeTruthy();
    const source = screen.getByRole('textbox', { name: `Source of ${DEFAULT_MODULE_FILE}` }) as HTMLTextAreaElement;
    expect(source.value).toBe(DEFAULT_MODULE_SOURCE);
  });

  it('wires the boot loader to every view', () => {
    render(<Playground />);
    const cmdline = screen.getByRole('textbox', { name: 'Kernel command line' });
    fireEvent.change(cmdline, { target: { value: 'lsm=yama,landlock' } });
    fireEvent.keyDown(cmdline, { key: 'Enter' });
    expect(screen.getByTestId('securityfs-lsm').textContent).toBe('capability,yama,landlock,ima,evm');
    const active = screen.getByRole('list', { name: 'Active LSMs in boot order' });
    expect(
      within(active)
        .getAllByRole('heading', { level: 3 })
        .map((h) => h.textContent),
    ).toEqual(['capability', 'yama', 'landlock', 'ima', 'evm']);
    expect(screen.getByLabelText('dmesg output').textContent).toContain('Command line: lsm=yama,landlock');
  });

  it('gives each instance its own store', () => {
    render(
      <>
        <Playground />
        <Playground initial={{ kernelVersion: '6.8' }} />
      </>,
    );
    const [first, second] = screen.getAllByTestId('securityfs-lsm');
    expect(first?.textContent).toContain('ima,evm');
    expect(second?.textContent).not.toContain('ima');
  });

  it('answers every page shortcut from the keyboard alone', async () => {
    const store = createPlaygroundStore({}, { spawnEngine: inProcessWorker });
    render(<Playground store={store} />);
    const key = (k: string, init: KeyboardEventInit = {}) =>
      act(() => {
        fireEvent.keyDown(document.activeElement ?? document.body, { key: k, ...init });
      });
    const done = new Set<string>();
    const track = (id: string) => done.add(id);

    await key('?', { shiftKey: true });
    expect(store.getState().helpOpen).toBe(true);
    await key('?', { shiftKey: true });
    expect(store.getState().helpOpen).toBe(false);
    track('help');

    (document.activeElement as HTMLElement | null)?.blur();
    await key('d');
    expect(document.documentElement.dataset.display).toBe('light');
    await key('d');
    expect(document.documentElement.dataset.display).toBe('projector');
    await key('d');
    expect(document.documentElement.dataset.display).toBe('dark');
    track('display');

    await key('e');
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Kernel command line' }));
    track('editCmdline');
    (document.activeElement as HTMLElement).blur();
    await key('m');
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: `Source of ${DEFAULT_MODULE_FILE}` }));
    track('focusEditor');
    // F6 leaves the editor for the shell; '/' typed in the editor is text, not a shortcut.
    await key('/');
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: `Source of ${DEFAULT_MODULE_FILE}` }));
    await key('F6');
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Shell command' }));
    (document.activeElement as HTMLElement).blur();
    await key('/');
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Shell command' }));
    track('focusShell');

    // Ctrl+Enter builds and boots the modules from anywhere.
    await key('Enter', { ctrlKey: true });
    await waitFor(() => expect(store.getState().engineStatus).toBe('ready'));
    track('run');

    store.getState().setAutoPlay(false);
    await act(() => store.getState().runShellLine('echo x > /etc/shadow'));
    (document.activeElement as HTMLElement).blur();
    await key('ArrowLeft');
    const end = store.getState().cursor;
    expect(end).toBeGreaterThan(0);
    track('back');
    await key('ArrowRight');
    expect(store.getState().cursor).toBe(end + 1);
    await key('F10');
    track('step');
    act(() => store.getState().seek(0));
    await key('n');
    const denied = store.getState().cursor;
    expect(denied).toBeGreaterThan(0);
    track('nextDenial');
    await key(' ');
    expect(store.getState().playing).toBe(true);
    await key(' ');
    expect(store.getState().playing).toBe(false);
    track('play');
    await key('t');
    expect(document.activeElement).toBe(screen.getByRole('list', { name: 'Events of this syscall' }));
    track('focusTrace');

    // p presents (large type); Escape leaves, and the display comes back.
    (document.activeElement as HTMLElement).blur();
    await key('p');
    expect(store.getState().presenting).toBe(true);
    expect(document.documentElement.dataset.display).toBe('projector');
    await key('Escape');
    await waitFor(() => expect(store.getState().deck).toBeNull());
    expect(store.getState().presenting).toBe(false);
    expect(document.documentElement.dataset.display).toBe('dark');
    track('present');

    expect([...done].sort()).toEqual(SHORTCUTS.map((s) => s.id).sort());
  });
});
