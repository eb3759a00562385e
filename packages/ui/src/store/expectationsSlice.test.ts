import { describe, expect, test, vi } from 'vitest';
import { inProcessWorker } from '../engine/inProcess';
import { captureShareState } from '../share/applyShare';
import { createPlaygroundStore } from './createPlaygroundStore';
import { runEvents } from './traceSlice';

const store = () => createPlaygroundStore({}, { spawnEngine: inProcessWorker });

describe('expectations slice', () => {
  test('checked after each shell line: the default RustShield denies the write to /etc/shadow', async () => {
    const s = store();
    s.getState().setExpectations([
      { kind: 'result', step: 1, errno: 'EACCES', deniedBy: 'rustshield' },
      { kind: 'result', step: 2, errno: null },
    ]);
    expect(s.getState().expectationResults).toBeNull();
    expect(s.getState().expectationsError).toBe('Run to check these.');
    await s.getState().runShellLine('echo hacked >> /etc/shadow');
    // Checked again once the line is in the session (no explicit check here).
    await vi.waitFor(() => expect(s.getState().expectationResults?.[0]?.pass).toBe(true));
    const [first, second] = s.getState().expectationResults!;
    expect(first).toMatchObject({ pass: true, title: 'step 1 fails with EACCES, denied by rustshield' });
    expect(second).toMatchObject({ pass: false, detail: 'step 2 did not run (the run has 1 step)' });
    await s.getState().runShellLine('cat /etc/hostname');
    await vi.waitFor(() => expect(s.getState().expectationResults![1]!.pass).toBe(true));
    // A new load starts the steps over.
    await s.getState().loadModules();
    await vi.waitFor(() => expect(s.getState().expectationResults![0]!.detail).toMatch(/did not run/));
  });

  test('an invalid list is refused with the problem named, the list unchanged', () => {
    const s = store();
    expect(() => s.getState().addExpectation({ kind: 'hook', hook: 'not_a_hook', reached: true })).toThrow(
      /expectations\[0\]\.hook/,
    );
    expect(s.getState().expectations).toEqual([]);
  });

  test('expect this: the line the trace shows becomes a result expectation; remove takes it away', async () => {
    const s = store();
    await s.getState().runShellLine('echo hacked >> /etc/shadow', { play: false });
    await s.getState().runShellLine('cat /etc/hostname', { play: false });
    expect(s.getState().traceStep).toBe(1);
    await s.getState().expectThis();
    expect(s.getState().expectations).toEqual([{ kind: 'result', step: 2, errno: null, deniedBy: null }]);
    // Jump to line 1's denial, then expect that one.
    await s.getState().setExpectations([{ kind: 'result', step: 1, errno: null }]);
    await vi.waitFor(() => expect(s.getState().expectationResults?.[0]?.pass).toBe(false));
    const at = s.getState().expectationResults![0]!.at!;
    await s.getState().jumpToEvent(at);
    expect(s.getState().traceStep).toBe(0);
    const st = s.getState();
    expect(st.run!.line).toBe('echo hacked >> /etc/shadow');
    const ev = runEvents(st.run)[st.cursor]!;
    expect(ev.event.seq).toBe(at.seq);
    expect(ev.event).toMatchObject({ type: 'lsm_return', lsm: 'rustshield', verdict: 'deny' });
    await s.getState().expectThis();
    expect(s.getState().expectations[1]).toEqual({ kind: 'result', step: 1, errno: 'EACCES', deniedBy: 'rustshield' });
    s.getState().removeExpectation(0);
    expect(s.getState().expectations).toHaveLength(1);
    expect(captureShareState(s.getState()).expectations).toEqual([
      { kind: 'result', step: 1, errno: 'EACCES', deniedBy: 'rustshield' },
    ]);
  });
});
