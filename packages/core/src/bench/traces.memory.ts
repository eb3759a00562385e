// Memory per 100k traced syscalls: the heap held by the results (traces included) of 100k
// simulated syscalls, measured after a full GC. Written to .ci/out/memory.json for benchReport.
import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { Machine, type SyscallResult } from '../index';

const gc = (globalThis as { gc?: () => void }).gc;

function heapAfterGc(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

test('heap held by 100k traced syscalls', () => {
  expect(gc, 'run with --expose-gc (vitest.memory.config.ts)').toBeTypeOf('function');
  const m = Machine.boot();
  const keep: SyscallResult[] = [];
  const before = heapAfterGc();
  for (let i = 0; keep.length < 100_000; i++) {
    const r = m.syscall(1102, 'openat', { path: '/home/alice/notes.txt' });
    keep.push(r);
    keep.push(m.syscall(1102, 'close', { fd: r.ret! }));
  }
  const after = heapAfterGc();
  const events = keep.reduce((n, r) => n + r.trace.length, 0);
  const result = {
    syscalls: keep.length,
    events,
    bytes: after - before,
    bytesPerSyscall: Math.round((after - before) / keep.length),
    bytesPerEvent: Math.round((after - before) / events),
  };
  mkdirSync('.ci/out', { recursive: true });
  writeFileSync('.ci/out/memory.json', JSON.stringify(result, null, 2));
  console.log(result);
});
