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
  it('keeps a typed policy in the store and removes it on request', () => {
    const { store } = renderWithStore(<BootPanel />);
    store.getState().setPolicy('yama', 'text as typed');
    expect(store.getState().policies).toEqual({ yama: 'text as typed' });
    store.getState().setPolicy('yama', null);
    expect(store.getState().policies).toEqual({});
  });
});
