// @vitest-environment happy-dom
import { act, cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithStore } from '../../test/renderWithStore';
import { StackView } from './StackView';

afterEach(cleanup);

const names = (list: HTMLElement) =>
  within(list)
    .getAllByRole('heading', { level: 3 })
    .map((h) => (h.textContent ?? '').replace(' (not active)', ''));

describe('StackView', () => {
  it('shows the default 7.1 stack in boot order: capability first, ima and evm last', () => {
    renderWithStore(<StackView />);
    const active = screen.getByRole('list', { name: 'Active LSMs in boot order' });
    const order = names(active);
    expect(order[0]).toBe('capability');
    expect(order.slice(-2)).toEqual(['ima', 'evm']);
    expect(order).toContain('selinux');
    expect(within(active).getByRole('listitem', { name: 'capability' }).textContent).toContain('order: first');
    expect(screen.getByText(/12 active · 2 not active/)).toBeTruthy();
  });

  it('greys out smack with its exclusive-slot reason by default', () => {
    renderWithStore(<StackView />);
    const inactive = screen.getByRole('list', { name: 'Built in, not active' });
    const smack = within(inactive).getByRole('listitem', { name: 'smack (not active)' });
    expect(smack.className).toContain('lsm-card--inactive');
    expect(smack.textContent).toMatch(/LSM_FLAG_EXCLUSIVE: selinux already holds the exclusive slot/);
    expect(smack.textContent).toContain('exclusive');
    expect(within(screen.getByRole('list', { name: 'Active LSMs in boot order' })).queryByText('smack')).toBeNull();
  });

  it('redraws the stack after a reboot', () => {
    const { store } = renderWithStore(<StackView />);
    act(() => {
      store.getState().setCmdline('lsm=yama');
      store.getState().reboot();
    });
    expect(names(screen.getByRole('list', { name: 'Active LSMs in boot order' }))).toEqual([
      'capability',
      'yama',
      'ima',
      'evm',
    ]);
    const inactive = screen.getByRole('list', { name: 'Built in, not active' });
    expect(within(inactive).getByRole('listitem', { name: 'selinux (not active)' }).textContent).toContain(
      'not named in lsm=',
    );
  });

  it('shows 6.8 integrity as active but absent from securityfs', () => {
    renderWithStore(<StackView />, { kernelVersion: '6.8' });
    const active = screen.getByRole('list', { name: 'Active LSMs in boot order' });
    expect(names(active).at(-1)).toBe('integrity');
    expect(within(active).getByRole('listitem', { name: 'integrity' }).textContent).toContain(
      'never called security_add_hooks()',
    );
  });
});
