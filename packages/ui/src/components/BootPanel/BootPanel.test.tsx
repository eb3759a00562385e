// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithStore } from '../../test/renderWithStore';
import { BootPanel } from './BootPanel';

afterEach(cleanup);

const cmdlineInput = () => screen.getByRole('textbox', { name: 'Kernel command line' }) as HTMLInputElement;
const status = () => screen.getByRole('status');

describe('BootPanel', () => {
  it('labels every input and names the Reboot button', () => {
    renderWithStore(<BootPanel />);
    expect(screen.getByRole('combobox', { name: 'Kernel version' })).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'CONFIG_LSM' }) as HTMLInputElement).value).toBe(
      'landlock,lockdown,yama,loadpin,safesetid,selinux,smack,tomoyo,apparmor,ipe,bpf',
    );
    expect(cmdlineInput().value).toBe('');
    expect(screen.getByRole('button', { name: 'Reboot' })).toBeTruthy();
    expect(screen.getByRole('form', { name: 'Boot loader' })).toBeTruthy();
    expect(status().textContent).toBe('Boot #1: Linux 7.1, 12 LSMs active.');
  });

  it('reboots when Enter is pressed in the command line', () => {
    const { store } = renderWithStore(<BootPanel />);
    fireEvent.change(cmdlineInput(), { target: { value: 'lsm=yama' } });
    expect(store.getState().kernel.order).toContain('selinux'); // typing alone does not boot
    expect(status().textContent).toMatch(/reboot to apply/);
    fireEvent.keyDown(cmdlineInput(), { key: 'Enter' });
    expect(store.getState().kernel.order).toEqual(['capability', 'yama', 'ima', 'evm']);
    expect(store.getState().bootCount).toBe(2);
    expect(status().textContent).toBe('Boot #2: Linux 7.1, 4 LSMs active.');
  });

  it('reboots with the chosen kernel version and CONFIG_LSM from the Reboot button', () => {
    const { store } = renderWithStore(<BootPanel />);
    fireEvent.change(screen.getByRole('combobox', { name: 'Kernel version' }), { target: { value: '6.8' } });
    const configLsm = screen.getByRole('textbox', { name: 'CONFIG_LSM' }) as HTMLInputElement;
    expect(configLsm.value).not.toContain('ipe');
    fireEvent.change(configLsm, { target: { value: 'apparmor,yama' } });
    fireEvent.click(screen.getByRole('button', { name: 'Reboot' }));
    const { kernel } = store.getState();
    expect(kernel.version).toBe('6.8');
    expect(kernel.order).toEqual(['capability', 'apparmor', 'yama', 'integrity']);
  });

  it('restores the Kconfig default of CONFIG_LSM', () => {
    renderWithStore(<BootPanel />);
    const reset = screen.getByRole('button', { name: 'Default' }) as HTMLButtonElement;
    expect(reset.disabled).toBe(true);
    const configLsm = screen.getByRole('textbox', { name: 'CONFIG_LSM' }) as HTMLInputElement;
    fireEvent.change(configLsm, { target: { value: 'yama' } });
    expect(reset.disabled).toBe(false);
    fireEvent.click(reset);
    expect(configLsm.value).toContain('landlock,lockdown,yama');
  });

  it('fills in an example command line without booting it', () => {
    const { store } = renderWithStore(<BootPanel />);
    const examples = screen.getByRole('group', { name: 'Example command lines' });
    fireEvent.click(within(examples).getByRole('button', { name: 'security=smack' }));
    expect(cmdlineInput().value).toBe('security=smack');
    expect(store.getState().bootCount).toBe(1);
  });

  it('shows the kernel image of the selected version in the entry', () => {
    renderWithStore(<BootPanel />, { kernelVersion: '6.18' });
    expect(screen.getByText('linux /boot/vmlinuz-6.18')).toBeTruthy();
  });

  it('announces a failed boot and keeps the previous kernel', () => {
    const { store } = renderWithStore(<BootPanel />);
    const before = store.getState().kernel;
    act(() => store.setState({ bootError: 'invalid LSM name' }));
    expect(screen.getByRole('alert').textContent).toBe(
      'Boot failed: invalid LSM name. The previous kernel is still running.',
    );
    expect(store.getState().kernel).toBe(before);
  });
});
