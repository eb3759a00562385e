import { describe, expect, it } from 'vitest';
import { inProcessWorker } from '../engine/inProcess';
import { createPlaygroundStore } from './createPlaygroundStore';
import {
  selectActiveLsms,
  selectBlobRows,
  selectDmesgLines,
  selectHasPendingChanges,
  selectInactiveLsms,
  selectSecurityfsLsm,
  selectWorldAtCursor,
  worldStepCaption,
} from './selectors';
import { runEvents } from './traceSlice';

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

  it('pick the world at the trace cursor: before a syscall until its exit, then after it', async () => {
    const store = createPlaygroundStore({}, { spawnEngine: inProcessWorker });
    expect(selectWorldAtCursor(store.getState())).toBeNull();
    await store.getState().runShellLine('echo x > /tmp/f');
    const s = () => store.getState();
    const worlds = s().worlds!.list;
    expect(worlds).toHaveLength(s().run!.syscalls.length + 1);
    const events = runEvents(s().run);
    const exits = events.flatMap((e, i) => (e.event.type === 'syscall_exit' ? [i] : []));
    s().seek(-1);
    expect(selectWorldAtCursor(s())!.world).toBe(worlds[0]);
    expect(worldStepCaption(selectWorldAtCursor(s())!)).toBe('as at the start of the run: before openat()');
    s().seek(exits[0]! - 1);
    expect(selectWorldAtCursor(s())).toMatchObject({ world: worlds[0], phase: 'before', diff: null });
    s().seek(exits[0]!);
    const after = selectWorldAtCursor(s())!;
    expect(after).toMatchObject({ world: worlds[1], phase: 'after', step: exits[0]! + 1, steps: events.length });
    expect(after.diff!.filesCreated).toEqual(['/tmp/f']);
    // Memoised: the same answer object for the same cursor.
    expect(selectWorldAtCursor(s())).toBe(after);
    s().seek(exits[0]! + 1);
    expect(selectWorldAtCursor(s())!.world).toBe(worlds[1]);
    s().seek(events.length - 1);
    expect(selectWorldAtCursor(s())!.world).toBe(worlds.at(-1));
    // A line that makes no syscall keeps the last run and its worlds.
    await store.getState().runShellLine('echo hi');
    expect(s().terminal.at(-1)!.output).toBe('hi\n');
    expect(s().worlds!.list).toBe(worlds);
  });
});
