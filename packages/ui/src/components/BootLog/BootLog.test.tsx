// @vitest-environment happy-dom
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithStore } from '../../test/renderWithStore';
import { BootLog } from './BootLog';

afterEach(cleanup);

describe('BootLog', () => {
  it('prints the boot log as dmesg does', () => {
    const { store } = renderWithStore(<BootLog />);
    const out = screen.getByLabelText('dmesg output');
    expect(out.tagName).toBe('PRE');
    expect(out.tabIndex).toBe(0);
    expect(out.textContent).toBe(store.getState().kernel.dmesg() + '\n');
    expect(out.textContent).toMatch(/^\[\s+0\.000000\] Linux version 7\.1\.3/);
    expect(screen.getByRole('heading', { level: 2, name: 'Boot log' })).toBeTruthy();
  });

  it('shows the ordering passes after a reboot with lsm.debug', () => {
    const { store } = renderWithStore(<BootLog />);
    act(() => {
      store.getState().setCmdline('lsm.debug');
      store.getState().reboot();
    });
    const out = screen.getByLabelText('dmesg output');
    expect(out.textContent).toContain('LSM: enabling LSM first:capability');
    expect(out.textContent).toContain('Command line: lsm.debug');
  });
});
