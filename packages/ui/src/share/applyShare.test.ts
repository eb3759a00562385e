import { describe, expect, test } from 'vitest';
import { inProcessWorker } from '../engine/inProcess';
import { createPlaygroundStore } from '../store/createPlaygroundStore';
import { runEvents } from '../store/traceSlice';
import { applyShareState, captureShareState, sameWork } from './applyShare';
import { decodeShareLink, encodeShareLink } from './codec';
import { SAMPLE } from './sampleState';
import { validateShareState } from './shareState';

const newStore = () => createPlaygroundStore({}, { spawnEngine: inProcessWorker });

describe('opening a shared state', () => {
  test('a link round-trips into a fresh store with an identical trace at the same step', async () => {
    const author = newStore();
    author.getState().setSource(author.getState().activeFile, author.getState().modules[0]!.source + '\n// edited\n');
    await author.getState().runShellLine('su alice');
    await author.getState().runShellLine('echo x > /etc/shadow');
    author.getState().seek(7);
    const link = await encodeShareLink(captureShareState(author.getState()));

    const reader = newStore();
    const out = await applyShareState(reader, (await decodeShareLink(link))!);
    expect(out).toEqual({ linesRun: 2, stepClamped: false, stoppedAt: null });
    const a = author.getState();
    const r = reader.getState();
    expect(r.modules).toEqual(a.modules);
    expect(r.terminal.map((t) => [t.prompt, t.line, t.output])).toEqual(
      a.terminal.map((t) => [t.prompt, t.line, t.output]),
    );
    expect(r.cursor).toBe(7);
    expect(r.playing).toBe(false);
    // The same trace, event for event (the model is deterministic).
    expect(JSON.stringify(runEvents(r.run).map((e) => e.event))).toBe(
      JSON.stringify(runEvents(a.run).map((e) => e.event)),
    );
    expect(captureShareState(r)).toEqual(captureShareState(a));
  });

  test('boots with the state’s build, command line and policies before replaying, and clamps a step past the end', async () => {
    const reader = newStore();
    await applyShareState(reader, {
      ...SAMPLE,
      boot: { ...SAMPLE.boot, configLsm: 'landlock,lockdown,yama', cmdline: '', notBuilt: ['selinux'], policies: {} },
      lines: [],
      step: null,
    });
    expect(reader.getState().kernel.order).not.toContain('selinux');
    const out = await applyShareState(reader, {
      ...SAMPLE,
      boot: { ...SAMPLE.boot, cmdline: 'lsm=landlock,yama', notBuilt: [], policies: {} },
      lines: ['cat /etc/hostname'],
      step: 100000,
    });
    const s = reader.getState();
    expect(s.kernel.order).toEqual(['capability', 'landlock', 'yama', 'ima', 'evm']);
    // The engine booted with the same command line: lsm= leaves the user module out too.
    expect(s.loadResult?.order).toEqual(['capability', 'landlock', 'yama', 'ima', 'evm']);
    expect(out.stepClamped).toBe(true);
    expect(s.cursor).toBe(runEvents(s.run).length - 1);
  });

  test('a reboot boots the engine again, so the next line runs on the new stack', async () => {
    const store = newStore();
    await store.getState().runShellLine('cat /sys/kernel/security/lsm');
    const before = store.getState().terminal[0]!.output;
    store.getState().setCmdline('lsm=yama');
    store.getState().reboot();
    await store.getState().runShellLine('cat /sys/kernel/security/lsm');
    const after = store.getState().terminal[1]!.output;
    expect(before).toContain('selinux');
    expect(after).not.toContain('selinux');
    expect(after).toContain('yama');
  });

  test('the author’s display travels with the link (the default one is left out), and is not work', async () => {
    const author = newStore();
    expect(captureShareState(author.getState()).display).toBeUndefined();
    author.getState().setDisplay('projector');
    const state = captureShareState(author.getState());
    expect(state.display).toBe('projector');
    const reader = newStore();
    await applyShareState(reader, (await decodeShareLink(await encodeShareLink(state)))!);
    expect(reader.getState().display).toBe('projector');
    expect(sameWork(state, { ...state, display: 'light' })).toBe(true);
    expect(() => validateShareState({ ...state, display: 'sepia' })).toThrow(
      'display "sepia" is not one of dark, light, projector',
    );
  });
});
