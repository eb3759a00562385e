// Memory of per-step world snapshots: the heap held by the 101 snapshots (the initial world and one
// per step) of a 100-step scenario, as runScenario() makes them (each sharing its unchanged parts
// with the one before), against a full copy of the world per step. Measured after a full GC and
// written to .ci/out/snapshots.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { Machine, runScenario, snapshotWorld, validateScenario, type Scenario, type WorldSnapshot } from '../index';

const gc = (globalThis as { gc?: () => void }).gc;

function heapAfterGc(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

/** Heap held by what `make` returns (the machine that made it is garbage by then). */
function heldBy(make: () => readonly WorldSnapshot[]): { snapshots: number; bytes: number } {
  const before = heapAfterGc();
  const kept = make();
  const bytes = heapAfterGc() - before;
  return { snapshots: kept.length, bytes };
}

// alice creates a file, writes it, closes it, then opens and closes her notes: 20 rounds.
const steps = Array.from({ length: 20 }, (_, i) => [
  { pid: 1102, syscall: 'openat', args: { path: `/tmp/f${i}`, flags: 'O_WRONLY|O_CREAT' } },
  { pid: 1102, syscall: 'write', args: { fd: 0, buf: 'hello' } },
  { pid: 1102, syscall: 'close', args: { fd: 0 } },
  { pid: 1102, syscall: 'openat', args: { path: '/home/alice/notes.txt' } },
  { pid: 1102, syscall: 'close', args: { fd: 0 } },
]).flat();

test('heap held by the snapshots of a 100-step scenario', () => {
  expect(gc, 'run with --expose-gc (vitest.memory.config.ts)').toBeTypeOf('function');
  const v = validateScenario({ version: 1, name: 'hundred-steps', boot: {}, steps });
  if (!v.ok) throw new Error(v.errors.join('\n'));
  const scenario: Scenario = v.scenario;
  const shared = heldBy(() => {
    const run = runScenario(scenario);
    return [run.initialWorld, ...run.results.map((r) => r.world)];
  });
  const copies = heldBy(() => {
    const m = Machine.boot();
    const out = [snapshotWorld(m.world)];
    for (const s of scenario.steps) {
      if ('syscall' in s) m.syscall(s.pid, s.syscall, s.args);
      out.push(snapshotWorld(m.world));
    }
    return out;
  });
  const result = {
    steps: scenario.steps.length,
    snapshots: shared.snapshots,
    bytes: shared.bytes,
    bytesPerSnapshot: Math.round(shared.bytes / shared.snapshots),
    fullCopyBytesPerSnapshot: Math.round(copies.bytes / copies.snapshots),
  };
  mkdirSync('.ci/out', { recursive: true });
  writeFileSync('.ci/out/snapshots.json', JSON.stringify(result, null, 2));
  console.log(result);
});
