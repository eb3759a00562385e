// @vitest-environment happy-dom
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithStore } from '../../test/renderWithStore';
import { SecurityfsView } from './SecurityfsView';

afterEach(cleanup);

describe('SecurityfsView', () => {
  it('shows cat /sys/kernel/security/lsm and its output', () => {
    renderWithStore(<SecurityfsView />, { cmdline: 'lsm=yama,landlock' });
    expect(screen.getByText('cat /sys/kernel/security/lsm')).toBeTruthy();
    expect(screen.getByTestId('securityfs-lsm').textContent).toBe('capability,yama,landlock,ima,evm');
  });

  it('leaves out 6.8 integrity, which registers no hooks', () => {
    const { store } = renderWithStore(<SecurityfsView />);
    act(() => {
      store.getState().setKernelVersion('6.8');
      store.getState().reboot();
    });
    const out = screen.getByTestId('securityfs-lsm').textContent ?? '';
    expect(store.getState().kernel.order).toContain('integrity');
    expect(out.split(',')).not.toContain('integrity');
    expect(out.startsWith('capability,')).toBe(true);
  });
});
