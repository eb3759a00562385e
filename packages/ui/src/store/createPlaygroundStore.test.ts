import { describe, expect, it } from 'vitest';
import { createPlaygroundStore } from './createPlaygroundStore';

describe('createPlaygroundStore', () => {
  it('boots the stock 7.1 build on creation', () => {
    const { kernel, kernelVersion, cmdline, bootCount } = createPlaygroundStore().getState();
    expect(kernelVersion).toBe('7.1');
    expect(cmdline).toBe('');
    expect(bootCount).toBe(1);
    expect(kernel.order[0]).toBe('capability');
    expect(kernel.order.slice(-2)).toEqual(['ima', 'evm']);
  });

  it('keeps the running kernel until reboot, then boots the edited command line', () => {
    const store = createPlaygroundStore();
    const before = store.getState().kernel;
    store.getState().setCmdline('lsm=yama');
    expect(store.getState().kernel).toBe(before);
    store.getState().reboot();
    const { kernel, bootCount } = store.getState();
    expect(kernel.order).toEqual(['capability', 'yama', 'ima', 'evm']);
    expect(kernel.config.cmdline).toBe('lsm=yama');
    expect(bootCount).toBe(2);
  });

  it('boots CONFIG_LSM when the command line has no lsm=', () => {
    const store = createPlaygroundStore();
    store.getState().setConfigLsm('tomoyo,landlock');
    store.getState().reboot();
    expect(store.getState().kernel.order).toEqual(['capability', 'tomoyo', 'landlock', 'ima', 'evm']);
  });

  it('moves a default CONFIG_LSM along with the kernel version, but keeps an edited one', () => {
    const store = createPlaygroundStore();
    store.getState().setKernelVersion('6.8');
    expect(store.getState().configLsm).not.toContain('ipe'); // 6.8 has no IPE
    store.getState().reboot();
    expect(store.getState().kernel.version).toBe('6.8');
    expect(store.getState().kernel.order).toContain('integrity');

    store.getState().setConfigLsm('yama');
    store.getState().setKernelVersion('7.1');
    expect(store.getState().configLsm).toBe('yama');
    store.getState().resetConfigLsm();
    expect(store.getState().configLsm).toContain(',ipe,');
  });

  it('starts from the initial inputs it is given', () => {
    const store = createPlaygroundStore({ kernelVersion: '6.18', cmdline: 'security=smack' });
    const { kernel } = store.getState();
    expect(kernel.version).toBe('6.18');
    expect(kernel.order).toContain('smack');
    expect(kernel.order).not.toContain('selinux');
  });

  it('gives every instance its own state', () => {
    const a = createPlaygroundStore();
    const b = createPlaygroundStore();
    a.getState().setCmdline('lsm=landlock');
    a.getState().reboot();
    expect(b.getState().cmdline).toBe('');
    expect(b.getState().kernel.order).toContain('selinux');
  });

  it('notifies subscribers on reboot', () => {
    const store = createPlaygroundStore();
    const seen: number[] = [];
    store.subscribe((s) => seen.push(s.bootCount));
    store.getState().reboot();
    expect(seen).toEqual([2]);
  });
});
