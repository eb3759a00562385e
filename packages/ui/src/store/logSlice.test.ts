import { describe, expect, test } from 'vitest';
import type { LogDelta, LogRecord } from '@lsm-playground/core';
import { inProcessWorker } from '../engine/inProcess';
import { createPlaygroundStore } from './createPlaygroundStore';
import { LOG_LINES_KEPT, LOG_RUNS_KEPT } from './logSlice';
import { selectLogKeyAtCursor, selectVisibleLogLines } from './selectors';
import { runEvents } from './traceSlice';

const engineStore = () => createPlaygroundStore({}, { spawnEngine: inProcessWorker });

function record(seq: number, text: string, level = 6, audit: LogRecord['audit'] = null): LogRecord {
  return { seq, level, time: `[    0.${String(seq).padStart(6, '0')}]`, text, audit, source: null };
}
const delta = (lines: LogRecord[], dropped = 0): LogDelta => ({ lines, dropped, next: (lines.at(-1)?.seq ?? 0) + 1 });

describe('log slice', () => {
  test('boot lines arrive with the load, a denial’s line after its command, linked to its printk', async () => {
    const store = engineStore();
    await store.getState().runShellLine('echo x > /etc/shadow');
    const s = store.getState();
    expect(s.logLines[0]!.text).toMatch(/^Linux version 7\.1/);
    expect(s.logLines[0]!.link).toBeNull();
    const line = s.logLines.at(-1)!;
    expect(line).toMatchObject({ text: 'rustshield: blocked write to /etc/shadow', levelName: 'info' });
    expect(line.link).toEqual({ runId: s.terminal[0]!.id, index: expect.any(Number) });
    expect(runEvents(s.run)[line.link!.index]!.event).toMatchObject({ type: 'printk', text: line.text });
    // The lines come once: a quiet command adds none.
    const n = s.logLines.length;
    await store.getState().runShellLine('cat /etc/hostname');
    expect(store.getState().logLines).toHaveLength(n);
  });

  test('following a link shows that command’s trace with the cursor on the event, and highlights the line', async () => {
    const store = engineStore();
    await store.getState().runShellLine('echo x > /etc/shadow');
    const key = store.getState().logLines.at(-1)!.key;
    await store.getState().runShellLine('ls /tmp');
    expect(store.getState().run!.line).toBe('ls /tmp');
    expect(selectLogKeyAtCursor(store.getState())).toBeNull();
    store.getState().followLogLink(key);
    const s = store.getState();
    expect(s.run!.line).toBe('echo x > /etc/shadow');
    expect(s.playing).toBe(false);
    expect(runEvents(s.run)[s.cursor]!.event).toMatchObject({
      type: 'printk',
      text: 'rustshield: blocked write to /etc/shadow',
    });
    expect(selectLogKeyAtCursor(s)).toBe(key);
    store.getState().stepForward();
    expect(selectLogKeyAtCursor(store.getState())).toBeNull();
  });

  test('a link to a command whose trace is no longer kept says so and leaves the trace alone', async () => {
    const store = engineStore();
    await store.getState().runShellLine('echo x > /etc/shadow');
    const key = store.getState().logLines.at(-1)!.key;
    for (let i = 0; i < LOG_RUNS_KEPT; i++) await store.getState().runShellLine('echo x > /etc/passwd');
    expect(store.getState().logRuns).toHaveLength(LOG_RUNS_KEPT);
    const cursor = store.getState().cursor;
    store.getState().followLogLink(key);
    expect(store.getState().logNotice).toMatch(/no longer kept/);
    expect(store.getState().run!.line).toBe('echo x > /etc/passwd');
    expect(store.getState().cursor).toBe(cursor);
  });

  test('after a fault, the fault report is followed by the fresh worker’s boot', async () => {
    const store = engineStore();
    const file = store.getState().modules[0]!.fileName;
    store.getState().setSource(
      file,
      `import { Hooks, File, Result, Ok, defineLsm, LSM_ID_UNDEF } from 'kernel';
class Boom implements Hooks {
  file_open(file: File): Result {
    if (file.path() === '/etc/hostname') throw new Error('boom');
    return Ok();
  }
}
export default defineLsm(Boom, 'boom\\0', LSM_ID_UNDEF);
`,
    );
    await store.getState().runShellLine('cat /etc/hostname');
    const s = store.getState();
    expect(s.lastFault).not.toBeNull();
    const texts = s.logLines.map((l) => l.text);
    const report = texts.findIndex((t) => /panicked|BUG|Oops/.test(t));
    const fromEnd = [...texts].reverse().findIndex((t) => /^Linux version 7\.1/.test(t));
    expect(fromEnd).not.toBe(-1);
    const reboot = texts.length - 1 - fromEnd;
    expect(report).toBeGreaterThan(0);
    expect(reboot).toBeGreaterThan(report);
  });

  test('a reload starts the log over with the new boot', async () => {
    const store = engineStore();
    await store.getState().runShellLine('echo x > /etc/shadow');
    await store.getState().loadModules();
    const s = store.getState();
    expect(s.logLines[0]!.text).toMatch(/^Linux version/);
    expect(s.logLines.some((l) => l.text.includes('blocked write'))).toBe(false);
    expect(s.logRuns).toEqual([]);
  });

  test('the page keeps the newest LOG_LINES_KEPT lines and counts every line dropped', () => {
    const store = createPlaygroundStore();
    store.getState().receiveLog(delta([record(0, 'first')], 0), null, true);
    const many = Array.from({ length: LOG_LINES_KEPT + 9 }, (_, i) => record(i + 10, `line ${i}`));
    store.getState().receiveLog(delta(many, 9), null);
    const s = store.getState();
    expect(s.logLines).toHaveLength(LOG_LINES_KEPT);
    expect(s.logLines[0]!.text).toBe('line 9');
    expect(s.logLines.at(-1)!.text).toBe(`line ${LOG_LINES_KEPT + 8}`);
    // 9 the kernel dropped before sending, 'first' and 9 more the page dropped.
    expect(s.logDropped).toBe(9 + 10);
  });

  test('filters: level, kernel only, the audit tab and text', () => {
    const store = createPlaygroundStore();
    const avc = {
      type: 1400,
      typeName: 'AVC',
      record: 'type=AVC msg=audit(1795305600.001:1): avc:  denied  { open }',
    };
    store
      .getState()
      .receiveLog(
        delta([
          record(0, 'Linux version 7.1.3'),
          record(1, 'rustshield: oops', 3),
          record(2, 'audit: type=1400 audit(1795305600.001:1): avc:  denied  { open }', 5, avc),
          record(3, 'LSM: debug line', 7),
        ]),
        null,
        true,
      );
    const texts = () => selectVisibleLogLines(store.getState()).map((l) => l.text);
    expect(texts()).toHaveLength(4);
    expect(selectVisibleLogLines(store.getState())).toBe(selectVisibleLogLines(store.getState()));
    store.getState().setLogFilter({ maxLevel: 5 });
    expect(texts()).toEqual(['rustshield: oops', expect.stringMatching(/^audit:/)]);
    store.getState().setLogFilter({ kernelOnly: true });
    expect(texts()).toEqual(['rustshield: oops']);
    store.getState().setLogFilter({ maxLevel: 7, kernelOnly: false, text: 'LINUX' });
    expect(texts()).toEqual(['Linux version 7.1.3']);
    store.getState().setLogFilter({ text: '' });
    store.getState().setLogTab('audit');
    expect(selectVisibleLogLines(store.getState()).map((l) => l.audit?.record)).toEqual([avc.record]);
    store.getState().setLogFilter({ text: 'nothing like it' });
    expect(texts()).toEqual([]);
  });
});
