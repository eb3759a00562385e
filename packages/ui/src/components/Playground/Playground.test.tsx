// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { DEFAULT_MODULE_FILE, DEFAULT_MODULE_SOURCE } from '@lsm-playground/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Playground } from './Playground';

// Monaco does not run in happy-dom: the editor stays on its textarea (Playwright covers Monaco).
vi.mock('../ModuleEditor/monaco/loadMonaco', () => ({ loadMonaco: () => new Promise(() => {}) }));

afterEach(cleanup);

describe('Playground', () => {
  it('lays the page out with landmarks and headings', () => {
    render(<Playground />);
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
});
