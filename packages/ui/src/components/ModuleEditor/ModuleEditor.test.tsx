// @vitest-environment happy-dom
import { DEFAULT_MODULE_FILE, DEFAULT_MODULE_SOURCE } from '@lsm-playground/core';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithStore } from '../../test/renderWithStore';
import type { ModuleEditorHandle, MonacoSetup, MountOptions } from './monaco/editorHandle';
import { ModuleEditor } from './ModuleEditor';

// Monaco itself is covered by the Playwright suite; here the lazy import is a promise each test controls.
const lazy = vi.hoisted(() => ({ load: (): Promise<MonacoSetup> => new Promise<never>(() => {}) }));
vi.mock('./monaco/loadMonaco', () => ({ loadMonaco: () => lazy.load() }));

beforeEach(() => {
  lazy.load = () => new Promise<never>(() => {}); // Monaco never arrives: the textarea stays
});
afterEach(cleanup);

const textarea = () => screen.getByRole('textbox', { name: /^Source of / }) as HTMLTextAreaElement;
const tabs = () => within(screen.getByRole('tablist', { name: 'Module files' })).getAllByRole('tab');
const selectedTab = () => tabs().find((t) => t.getAttribute('aria-selected') === 'true');

function fakeMonaco() {
  const handle = {
    update: vi.fn(),
    setTheme: vi.fn(),
    setVim: vi.fn(),
    setDiagnostics: vi.fn(),
    setKernelVersion: vi.fn(),
    setTraceLine: vi.fn(),
    setFontSize: vi.fn(),
    focus: vi.fn(),
    dispose: vi.fn(),
  } satisfies ModuleEditorHandle;
  const mounts: MountOptions[] = [];
  const setup: MonacoSetup = {
    mountModuleEditor: (_host, options) => {
      mounts.push(options);
      return handle;
    },
  };
  return { handle, mounts, setup };
}

describe('ModuleEditor', () => {
  it('shows the open module in a plain textarea until Monaco has loaded, bound to the store', () => {
    const { store } = renderWithStore(<ModuleEditor />);
    expect(textarea().value).toBe(DEFAULT_MODULE_SOURCE);
    expect(textarea().getAttribute('aria-label')).toBe(`Source of ${DEFAULT_MODULE_FILE}`);
    expect(screen.getByTestId('module-editor').dataset.editor).toBe('textarea');
    expect(screen.getByText('Plain text until the code editor has loaded.')).toBeTruthy();
    fireEvent.change(textarea(), { target: { value: '// typed before Monaco' } });
    expect(store.getState().modules[0]?.source).toBe('// typed before Monaco');
  });

  it('adds a module tab, switches between tabs and keeps each text', () => {
    const { store } = renderWithStore(<ModuleEditor />);
    expect(tabs().map((t) => t.textContent)).toEqual([DEFAULT_MODULE_FILE]);
    fireEvent.change(textarea(), { target: { value: 'first, edited' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add module' }));
    expect(tabs().map((t) => t.textContent)).toEqual([DEFAULT_MODULE_FILE, 'lsm2.ts']);
    expect(selectedTab()?.textContent).toBe('lsm2.ts');
    expect(textarea().value).toContain('class Lsm2 implements Hooks');
    fireEvent.change(textarea(), { target: { value: 'second' } });
    fireEvent.click(tabs()[0]!);
    expect(selectedTab()?.textContent).toBe(DEFAULT_MODULE_FILE);
    expect(textarea().value).toBe('first, edited');
    expect(store.getState().modules.map((m) => m.source)).toEqual(['first, edited', 'second']);
    expect(screen.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe(selectedTab()?.id);
  });

  it('moves between tabs with the arrow keys', () => {
    const { store } = renderWithStore(<ModuleEditor />);
    act(() => void store.getState().addModule());
    fireEvent.keyDown(selectedTab()!, { key: 'ArrowRight' });
    expect(store.getState().activeFile).toBe(DEFAULT_MODULE_FILE);
    fireEvent.keyDown(selectedTab()!, { key: 'End' });
    expect(store.getState().activeFile).toBe('lsm2.ts');
    expect(document.activeElement).toBe(selectedTab());
  });

  it('renames a tab on double-click, refusing invalid names', () => {
    const { store } = renderWithStore(<ModuleEditor />);
    fireEvent.doubleClick(tabs()[0]!);
    const input = screen.getByRole('textbox', { name: `Rename ${DEFAULT_MODULE_FILE}` }) as HTMLInputElement;
    expect(input.value).toBe(DEFAULT_MODULE_FILE);
    fireEvent.change(input, { target: { value: 'Shield.ts' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.getByRole('alert').textContent).toMatch(/lower-case letters/);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(store.getState().activeFile).toBe(DEFAULT_MODULE_FILE);
    fireEvent.change(input, { target: { value: 'shield.ts' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.queryByRole('textbox', { name: /^Rename/ })).toBeNull();
    expect(tabs().map((t) => t.textContent)).toEqual(['shield.ts']);
    expect(store.getState().modules).toEqual([{ fileName: 'shield.ts', source: DEFAULT_MODULE_SOURCE }]);
    expect(textarea().getAttribute('aria-label')).toBe('Source of shield.ts');
  });

  it('cancels a rename with Escape and starts one with F2', () => {
    const { store } = renderWithStore(<ModuleEditor />);
    fireEvent.keyDown(tabs()[0]!, { key: 'F2' });
    const input = screen.getByRole('textbox', { name: `Rename ${DEFAULT_MODULE_FILE}` });
    fireEvent.change(input, { target: { value: 'other.ts' } });
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(store.getState().activeFile).toBe(DEFAULT_MODULE_FILE);
    expect(tabs().map((t) => t.textContent)).toEqual([DEFAULT_MODULE_FILE]);
  });

  it('closes a tab only after confirmation, and never the last one', () => {
    const { store } = renderWithStore(<ModuleEditor />);
    const closeFirst = () => screen.getByRole('button', { name: `Close ${DEFAULT_MODULE_FILE}` }) as HTMLButtonElement;
    expect(closeFirst().disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Add module' }));
    fireEvent.click(screen.getByRole('button', { name: 'Close lsm2.ts' }));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('Close lsm2.ts? Its text is discarded.');
    expect(document.activeElement?.textContent).toBe('Keep');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Keep' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(store.getState().modules).toHaveLength(2);

    fireEvent.click(screen.getByRole('button', { name: 'Close lsm2.ts' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Close and discard' }));
    expect(tabs().map((t) => t.textContent)).toEqual([DEFAULT_MODULE_FILE]);
    expect(textarea().value).toBe(DEFAULT_MODULE_SOURCE);
    expect(closeFirst().disabled).toBe(true);
  });

  it('toggles the light theme and vim mode', () => {
    const { store, container } = renderWithStore(<ModuleEditor />);
    const light = screen.getByRole('button', { name: 'Light theme' });
    expect(light.getAttribute('aria-pressed')).toBe('false');
    expect(container.querySelector('section')?.dataset.theme).toBe('dark');
    fireEvent.click(light);
    expect(light.getAttribute('aria-pressed')).toBe('true');
    expect(container.querySelector('section')?.dataset.theme).toBe('light');
    expect(store.getState().editorTheme).toBe('light');

    const vim = screen.getByRole('checkbox', { name: 'Vim' }) as HTMLInputElement;
    expect(vim.checked).toBe(false);
    fireEvent.click(vim);
    expect(store.getState().vimMode).toBe(true);
    fireEvent.click(vim);
    expect(store.getState().vimMode).toBe(false);
  });

  it('runs, steps and shares from the textarea shortcuts and the buttons', () => {
    const onRun = vi.fn();
    const onStep = vi.fn();
    const onShare = vi.fn();
    renderWithStore(<ModuleEditor onRun={onRun} onStep={onStep} onShare={onShare} />);
    fireEvent.keyDown(textarea(), { key: 'Enter', ctrlKey: true });
    fireEvent.keyDown(textarea(), { key: 'Enter', metaKey: true });
    fireEvent.keyDown(textarea(), { key: 'Enter' }); // a newline, not a run
    fireEvent.keyDown(textarea(), { key: 'F10' });
    fireEvent.keyDown(textarea(), { key: 'S', ctrlKey: true, shiftKey: true });
    fireEvent.keyDown(textarea(), { key: 's', ctrlKey: true }); // not ours
    expect([onRun.mock.calls.length, onStep.mock.calls.length, onShare.mock.calls.length]).toEqual([2, 1, 1]);

    const run = screen.getByRole('button', { name: /^Run/ });
    expect(run.getAttribute('title')).toContain('(Ctrl+Enter)');
    expect(run.getAttribute('aria-keyshortcuts')).toBe('Control+Enter Meta+Enter');
    expect(screen.getByRole('button', { name: /^Step/ }).getAttribute('title')).toContain('(F10)');
    expect(screen.getByRole('button', { name: /^Share/ }).getAttribute('title')).toContain('(Ctrl+Shift+S)');
    fireEvent.click(run);
    fireEvent.click(screen.getByRole('button', { name: /^Step/ }));
    fireEvent.click(screen.getByRole('button', { name: /^Share/ }));
    expect([onRun.mock.calls.length, onStep.mock.calls.length, onShare.mock.calls.length]).toEqual([3, 2, 2]);
  });

  it('disables the buttons whose callback is missing, and their shortcuts do nothing', () => {
    const onStep = vi.fn();
    renderWithStore(<ModuleEditor onStep={onStep} />);
    expect((screen.getByRole('button', { name: /^Run/ }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: /^Share/ }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: /^Step/ }) as HTMLButtonElement).disabled).toBe(false);
    fireEvent.keyDown(textarea(), { key: 'Enter', ctrlKey: true });
    fireEvent.keyDown(textarea(), { key: 'F10' });
    expect(onStep).toHaveBeenCalledTimes(1);
  });

  it('lists the engine diagnostics of the open file under the textarea', () => {
    const { store } = renderWithStore(<ModuleEditor />);
    act(() =>
      store
        .getState()
        .setEngineDiagnostics(DEFAULT_MODULE_FILE, [
          { line: 7, column: 40, message: 'file.mode is not a function', severity: 'error' },
        ]),
    );
    expect(screen.getByRole('list', { name: `Engine problems in ${DEFAULT_MODULE_FILE}` }).textContent).toBe(
      `${DEFAULT_MODULE_FILE}:7:40: error: file.mode is not a function`,
    );
  });

  it('hands the current text to Monaco when it loads, then mirrors the store into it', async () => {
    const { handle, mounts, setup } = fakeMonaco();
    let arrive: (s: MonacoSetup) => void = () => {};
    lazy.load = () => new Promise((resolve) => (arrive = resolve));
    const onRun = vi.fn();
    const { store, unmount } = renderWithStore(<ModuleEditor onRun={onRun} />);
    textarea().focus();
    fireEvent.change(textarea(), { target: { value: 'typed while loading' } });
    textarea().setSelectionRange(5, 5);
    await act(async () => arrive(setup));

    expect(mounts).toHaveLength(1);
    const options = mounts[0]!;
    expect(options.modules).toEqual([{ fileName: DEFAULT_MODULE_FILE, source: 'typed while loading' }]);
    expect(options.activeFile).toBe(DEFAULT_MODULE_FILE);
    expect(options.theme).toBe('dark');
    expect(options.kernelVersion).toBe('7.1');
    expect(options.focusOffset).toBe(5);
    expect(screen.queryByRole('textbox', { name: /^Source of / })).toBeNull();
    expect(screen.getByTestId('module-editor').dataset.editor).toBe('monaco');

    // Monaco → store
    act(() => options.onChange(DEFAULT_MODULE_FILE, 'typed in Monaco'));
    expect(store.getState().modules[0]?.source).toBe('typed in Monaco');
    options.onCommand('run');
    expect(onRun).toHaveBeenCalledTimes(1);

    // store → Monaco
    act(() => void store.getState().addModule());
    expect(handle.update).toHaveBeenLastCalledWith({ modules: store.getState().modules, activeFile: 'lsm2.ts' });
    fireEvent.click(screen.getByRole('button', { name: 'Light theme' }));
    expect(handle.setTheme).toHaveBeenLastCalledWith('light');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Vim' }));
    expect(handle.setVim).toHaveBeenLastCalledWith(true, screen.getByTestId('vim-status'));
    const problems = [{ line: 1, column: 1, message: 'oops', severity: 'warning' as const }];
    act(() => store.getState().setEngineDiagnostics('lsm2.ts', problems));
    expect(handle.setDiagnostics).toHaveBeenLastCalledWith({ 'lsm2.ts': problems });

    unmount();
    expect(handle.dispose).toHaveBeenCalledTimes(1);
  });

  it('keeps the textarea when Monaco fails to load', async () => {
    lazy.load = () => Promise.reject(new Error('chunk failed'));
    renderWithStore(<ModuleEditor />);
    await waitFor(() => expect(screen.getByText(/could not be loaded; editing as plain text/)).toBeTruthy());
    expect(textarea().value).toBe(DEFAULT_MODULE_SOURCE);
  });

  it('keeps the textarea when Monaco loads but cannot start', async () => {
    lazy.load = () =>
      Promise.resolve({
        mountModuleEditor: () => {
          throw new Error('no layout');
        },
      });
    renderWithStore(<ModuleEditor />);
    await waitFor(() => expect(screen.getByText(/could not be loaded/)).toBeTruthy());
    fireEvent.change(textarea(), { target: { value: 'still editable' } });
    expect(textarea().value).toBe('still editable');
  });
});
