// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithStore } from '../../test/renderWithStore';
import { BootPanel } from './BootPanel';

afterEach(cleanup);

const picker = () => screen.getByRole('combobox', { name: 'Distribution' }) as HTMLSelectElement;

describe('PresetPicker', () => {
  it('boots a distribution preset: its CONFIG_LSM, build and order', () => {
    const { store } = renderWithStore(<BootPanel />);
    expect(picker().value).toBe('');
    fireEvent.change(picker(), { target: { value: 'ubuntu' } });
    const s = store.getState();
    expect(s.presetId).toBe('ubuntu');
    expect(s.configLsm).toBe('landlock,lockdown,yama,integrity,apparmor');
    expect(s.kernel.order).toEqual(['capability', 'landlock', 'lockdown', 'yama', 'apparmor', 'ima', 'evm']);
    expect(s.bootCount).toBe(2);
    expect(screen.getByText(/AppArmor as the major LSM/)).toBeTruthy();
  });

  it('leaves the preset for Custom as soon as an input is edited', () => {
    const { store } = renderWithStore(<BootPanel />);
    fireEvent.change(picker(), { target: { value: 'minimal' } });
    expect(store.getState().kernel.order).toEqual(['capability']);
    fireEvent.change(screen.getByRole('textbox', { name: 'Kernel command line' }), { target: { value: 'lsm.debug' } });
    expect(store.getState().presetId).toBeNull();
    expect(picker().value).toBe('');
  });
});

describe('PolicyEditor', () => {
  it('lists the active LSMs that take a boot policy, with the file init writes it to, and edits one', () => {
    const { store, container } = renderWithStore(<BootPanel />);
    fireEvent.change(picker(), { target: { value: 'fedora' } });
    const details = container.querySelector('details.policies') as HTMLDetailsElement;
    details.open = true;
    fireEvent(details, new Event('toggle'));
    const text = screen.getByRole('textbox', { name: /selinux → \/sys\/fs\/selinux\/load/ }) as HTMLTextAreaElement;
    expect(text.value).toContain('login root staff_u:staff_r:staff_t:s0;');
    // IMA takes one too (securityfs ima/policy), none given: a button adds one.
    expect(screen.getByRole('button', { name: 'Add an ima policy' })).toBeTruthy();
    fireEvent.change(text, { target: { value: 'type broken' } });
    expect(store.getState().policies['selinux']).toBe('type broken');
    expect(store.getState().presetId).toBeNull();
    fireEvent.click(screen.getAllByRole('button', { name: 'Remove' })[0]!);
    expect(store.getState().policies).toEqual({});
  });
});
