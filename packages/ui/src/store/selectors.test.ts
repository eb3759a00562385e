import { describe, expect, it } from 'vitest';
import { createPlaygroundStore } from './createPlaygroundStore';
import {
  selectActiveLsms,
  selectBlobRows,
  selectDmesgLines,
  selectHasPendingChanges,
  selectInactiveLsms,
  selectSecurityfsLsm,
} from './selectors';

describe('selectors', () => {
  it('list the active LSMs in boot order and the inactive ones with reasons', () => {
    const s = createPlaygroundStore().getState();
    expect(selectActiveLsms(s).map((l) => l.name)).toEqual(s.kernel.order);
    const inactive = selectInactiveLsms(s);
    expect(inactive.map((l) => l.name)).toEqual(['smack', 'apparmor']);
    expect(inactive[0]?.why).toMatch(/LSM_FLAG_EXCLUSIVE/);
  });

  it('return the same reference until the next reboot', () => {
    const store = createPlaygroundStore();
    const first = selectActiveLsms(store.getState());
    expect(selectActiveLsms(store.getState())).toBe(first);
    expect(selectDmesgLines(store.getState())).toBe(selectDmesgLines(store.getState()));
    store.getState().reboot();
    expect(selectActiveLsms(store.getState())).not.toBe(first);
  });

  it('report pending changes until reboot', () => {
    const store = createPlaygroundStore();
    expect(selectHasPendingChanges(store.getState())).toBe(false);
    store.getState().setCmdline('lsm.debug');
    expect(selectHasPendingChanges(store.getState())).toBe(true);
    store.getState().reboot();
    expect(selectHasPendingChanges(store.getState())).toBe(false);
  });

  it('read securityfs and format dmesg lines with their level', () => {
    const store = createPlaygroundStore({ cmdline: 'lsm=yama,landlock' });
    expect(selectSecurityfsLsm(store.getState())).toBe('capability,yama,landlock,ima,evm');
    const lines = selectDmesgLines(store.getState());
    expect(lines[1]?.text).toMatch(/^\[\s+0\.\d{6}\] Command line: lsm=yama,landlock$/);
    expect(lines.every((l) => typeof l.level === 'string')).toBe(true);
  });

  it('give one blob row per kind, with the active LSMs that share it', () => {
    const s = createPlaygroundStore({ kernelVersion: '6.8' }).getState();
    const rows = selectBlobRows(s);
    expect(rows.map((r) => r.kind)).toEqual(Object.keys(s.kernel.blobSizes));
    const xattr = rows.find((r) => r.kind === 'xattr_count');
    expect(xattr?.unit).toBe('slots');
    const cred = rows.find((r) => r.kind === 'cred');
    expect(cred?.size).toBe(s.kernel.blobSizes.cred);
    expect(cred?.users.map((u) => u.lsm)).toContain('selinux');
    expect(cred?.users.every((u) => s.kernel.order.includes(u.lsm))).toBe(true);
  });
});
