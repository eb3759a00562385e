import type { SyscallResult, TraceEvent } from '@lsm-playground/core';
import { describe, expect, test } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { callbackAt, createTraceSlice, isDenial, runEvents, type TraceSlice } from './traceSlice';

const ev = (type: string, extra: Record<string, unknown> = {}) =>
  ({ type, seq: 0, t: 0, depth: 0, ...extra }) as unknown as TraceEvent;
const sys = (name: string, trace: TraceEvent[]): SyscallResult => ({
  name,
  pid: 1,
  ret: 0,
  errno: null,
  out: '',
  trace,
  error: null,
});
const run = {
  id: 1,
  line: 'echo x > /etc/shadow',
  syscalls: [
    sys('openat', [
      ev('syscall_enter'),
      ev('lsm_return', { verdict: 'allow' }),
      ev('lsm_return', { verdict: 'deny' }),
      ev('syscall_exit', { ret: -13 }),
    ]),
    sys('write', [ev('syscall_enter'), ev('syscall_exit', { ret: -9 })]),
  ],
};

describe('trace slice', () => {
  const store = () => createStore<TraceSlice>()(createTraceSlice);

  test('flattens the syscalls and steps within bounds', () => {
    const s = store();
    expect(runEvents(run).map((e) => e.syscall)).toEqual([0, 0, 0, 0, 1, 1]);
    s.getState().setRun(run, false);
    expect(s.getState().cursor).toBe(5);
    s.getState().stepForward();
    expect(s.getState().cursor).toBe(5);
    s.getState().seek(0);
    s.getState().stepBack();
    expect(s.getState().cursor).toBe(-1);
    s.getState().stepForward();
    s.getState().stepForward();
    expect(s.getState().cursor).toBe(1);
  });

  test('next denial goes to each denial in turn and stops at the last', () => {
    const s = store();
    s.getState().setRun(run, false);
    s.getState().seek(0);
    const seen: number[] = [];
    for (let i = 0; i < 5; i++) {
      s.getState().nextDenial();
      seen.push(s.getState().cursor);
    }
    expect(seen).toEqual([2, 3, 5, 5, 5]);
    expect(isDenial(ev('lsm_return', { verdict: 'default' }))).toBe(false);
  });

  test('playing stops at the end and starts over from the end', () => {
    const s = store();
    s.getState().setRun(run);
    expect(s.getState()).toMatchObject({ cursor: 0, playing: true });
    for (let i = 0; i < 10; i++) s.getState().stepForward();
    expect(s.getState()).toMatchObject({ cursor: 5, playing: false });
    s.getState().setPlaying(true);
    expect(s.getState()).toMatchObject({ cursor: 0, playing: true });
    s.getState().stepBack();
    expect(s.getState().playing).toBe(false);
  });
});

test('callbackAt finds the innermost callback running at the cursor', () => {
  const events = runEvents({
    id: 2,
    line: 'x',
    syscalls: [
      sys('openat', [
        ev('syscall_enter'),
        ev('lsm_call', { lsm: 'a', hook: 'file_open' }),
        ev('lsm_call', { lsm: 'b', hook: 'capable', depth: 1 }),
        ev('lsm_return', { lsm: 'b', hook: 'capable', depth: 1 }),
        ev('printk'),
        ev('lsm_return', { lsm: 'a', hook: 'file_open' }),
        ev('syscall_exit', { ret: 0 }),
      ]),
    ],
  });
  expect([0, 1, 2, 3, 4, 5, 6].map((i) => callbackAt(events, i)?.lsm ?? null)).toEqual([
    null,
    'a',
    'b',
    'b',
    'a',
    'a',
    null,
  ]);
});
