import { Machine } from '@lsm-playground/core';
import { describe, expect, test } from 'vitest';
import { runEvents } from '../../store/traceSlice';
import { pathStages } from './pathStages';

describe('pathStages', () => {
  test("alice's write to /etc/shadow: DAC refuses, the capability override is denied on its head", () => {
    const m = Machine.boot();
    const r = m.syscall(1102, 'openat', { path: '/etc/shadow', flags: 'O_WRONLY' });
    const events = runEvents({ id: 1, line: 'x', syscalls: [r] });
    const stages = pathStages(events, 0);
    expect(stages[0]).toMatchObject({ kind: 'enter', label: 'bash[1102] openat()' });
    expect(stages.at(-1)).toMatchObject({ kind: 'exit', label: 'openat = -13', result: '-EACCES', denied: true });
    // acl_permission_check() refuses (other bits), capable(CAP_DAC_OVERRIDE) too, so generic_permission() does.
    expect(stages.filter((s) => s.kind === 'dac').map((s) => [s.label, s.result])).toEqual([
      ['DAC acl_permission_check', '-13'],
      ['DAC generic_permission', '-13'],
    ]);
    // Every top-level hook head is one stage, nested hooks fold into it; stages tile the events in order.
    const hooks = stages.filter((s) => s.kind === 'hook');
    expect(hooks.map((h) => h.label)).toContain('security_capable');
    const capable = hooks.find((h) => h.label === 'security_capable')!;
    expect(capable).toMatchObject({ denied: true, by: 'capability', result: '-1 -EPERM' });
    for (let i = 1; i < stages.length; i++) expect(stages[i]!.start).toBeGreaterThan(stages[i - 1]!.end);
    const tops = events.filter((e) => e.event.type === 'hook_enter' && e.event.depth === 0).length;
    expect(hooks).toHaveLength(tops);
  });

  test('only the stages of the asked syscall', () => {
    const m = Machine.boot();
    const a = m.syscall(1102, 'openat', { path: '/home/alice/notes.txt' });
    const b = m.syscall(1102, 'close', { fd: a.ret! });
    const events = runEvents({ id: 1, line: 'x', syscalls: [a, b] });
    const close = pathStages(events, 1);
    expect(close[0]!.label).toBe('bash[1102] close()');
    expect(close.at(-1)).toMatchObject({ label: 'close = 0', denied: false, result: null });
    expect(close.every((s) => events[s.start]!.syscall === 1)).toBe(true);
  });
});
