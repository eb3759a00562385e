// The shell response's world at every syscall boundary: N syscalls, N + 1 snapshots that share
// what did not change, each one exactly the world at that point.
import { describe, expect, test } from 'vitest';
import { blobLayout } from '../machine/blobLayout';
import { diffWorlds, type WorldSnapshot } from '../machine/snapshot';
import { Engine } from './engine';
import { EngineSession, handleEngineRequest, type EngineResponse } from './protocol';

const TASK_COUNTER = `import { Hooks, File, Result, Ok, SecurityBlob, current, defineLsm, LSM_ID_UNDEF } from 'kernel';
const opens = new SecurityBlob<{ n: number }>('task', () => ({ n: 0 }), 16);
class Counter implements Hooks {
  file_open(file: File): Result {
    (opens.get(current()) as { n: number }).n++;
    return Ok();
  }
}
export default defineLsm(Counter, 'counter\\0', LSM_ID_UNDEF);
`;

function session(source?: string) {
  const s = new EngineSession(new Engine());
  const modules = source ? [{ fileName: 'counter.ts', source }] : [];
  const loaded = handleEngineRequest(s, { id: 1, type: 'load', options: { modules } });
  if (loaded.type !== 'loaded' || !loaded.result.ok) throw new Error(JSON.stringify(loaded));
  let id = 2;
  const shell = (line: string) => {
    const r = handleEngineRequest(s, { id: id++, type: 'shell', line });
    if (r.type !== 'shell') throw new Error(JSON.stringify(r));
    return r as Extract<EngineResponse, { type: 'shell' }>;
  };
  return { s, shell };
}

const file = (w: WorldSnapshot | undefined, path: string) => w?.files.find((f) => f.path === path);

describe('shell responses carry the world at each syscall boundary', () => {
  test('echo x > /tmp/f: the file exists only from the snapshot after openat', () => {
    const { shell } = session();
    const r = shell('echo x > /tmp/f');
    expect(r.result.results.map((x) => x.name)).toEqual(['openat', 'write', 'close']);
    expect(r.worlds).toHaveLength(4);
    const [before, afterOpen, afterWrite, afterClose] = r.worlds;
    expect(file(before, '/tmp/f')).toBeUndefined();
    expect(file(afterOpen, '/tmp/f')).toMatchObject({ size: 0, mode: '-rw-r--r--', uid: 0 });
    expect(file(afterWrite, '/tmp/f')!.size).toBe(2);
    // The open file is fd 3 of the shell until close.
    const fds = (w: WorldSnapshot) => w.tasks.find((t) => t.pid === 1001)!.fds.map((f) => f.path);
    expect(fds(afterWrite!)).toContain('/tmp/f');
    expect(fds(afterClose!)).not.toContain('/tmp/f');
    expect(r.world).toBe(afterClose);
  });

  test('snapshots share what a syscall left alone, and the next line starts from the last one', () => {
    const { shell } = session();
    const first = shell('echo x > /tmp/f');
    const [before, afterOpen, afterWrite, afterClose] = first.worlds as WorldSnapshot[];
    expect(afterOpen!.tasks.find((t) => t.pid === 1)).toBe(before!.tasks.find((t) => t.pid === 1));
    expect(file(afterOpen, '/etc/passwd')).toBe(file(before, '/etc/passwd'));
    // write changed the file's size, not the tasks; close changed the fd table, not the files.
    expect(afterWrite!.tasks).toBe(afterOpen!.tasks);
    expect(afterClose!.files).toBe(afterWrite!.files);
    const second = shell('cat /etc/hostname');
    expect(second.worlds[0]).toBe(afterClose);
    // cat only reads: every boundary is the same snapshot but the ones with the open fd.
    expect(second.worlds).toHaveLength(second.result.results.length + 1);
    expect(second.worlds.at(-1)!.files).toBe(afterClose!.files);
  });

  test('diffWorlds names the step’s changes', () => {
    const { shell } = session();
    shell('echo x > /tmp/f');
    const r = shell('chmod 600 /tmp/f');
    const i = r.result.results.findIndex((x) => x.name === 'fchmodat' || x.name === 'chmod');
    expect(i).toBeGreaterThanOrEqual(0);
    const d = diffWorlds(r.worlds[i]!, r.worlds[i + 1]!);
    expect([...d.filesChanged]).toEqual([['/tmp/f', ['mode']]]);
    expect(d.filesCreated).toEqual([]);
    const created = diffWorlds(r.world, shell('echo y > /tmp/g').world);
    expect(created.filesCreated).toEqual(['/tmp/g']);
    // Two lines apart, alice's fd table is an equal list but a new object: not a change.
    expect([...created.tasksChanged]).toEqual([]);
  });

  test('a line without syscalls has one snapshot: the world as it was', () => {
    const { shell } = session();
    const r = shell('cd');
    expect(r.worlds).toHaveLength(r.result.results.length + 1);
    const none = shell('');
    expect(none.worlds).toEqual([none.world]);
  });

  test('blobs list every LSM slice with its offset and size, written or not', () => {
    const { s, shell } = session(TASK_COUNTER);
    const layout = blobLayout(s.engine.machine!.kernel);
    const r = shell('cat /etc/hostname');
    const bash = r.world.tasks.find((t) => t.pid === 1001)!;
    const slices = bash.taskBlob!.slices;
    expect(slices.map((x) => [x.lsm, x.offset, x.size])).toEqual(
      layout.task!.slices.map((x) => [x.lsm, x.offset, x.size]),
    );
    expect(slices.find((x) => x.lsm === 'counter')).toMatchObject({ size: 16, written: true, value: { n: 1 } });
    // Slices are disjoint, 8-aligned and inside the blob.
    for (const [i, x] of slices.entries()) {
      expect(x.offset % 8).toBe(0);
      expect(x.offset + x.size).toBeLessThanOrEqual(slices[i + 1]?.offset ?? bash.taskBlob!.size);
    }
    // The inode blob starts with the rcu_head; an LSM nobody has written to is listed as zero.
    const passwd = file(r.world, '/etc/passwd')!.blob!;
    expect(passwd.reserved).toEqual([{ offset: 0, size: 16, what: 'struct rcu_head' }]);
    expect(passwd.slices[0]!.offset).toBeGreaterThanOrEqual(16);
    expect(passwd.slices.some((x) => !x.written && x.value === null)).toBe(true);
    // An open file's struct file blob rides on its fd.
    const open = r.worlds.find((w) => w.tasks.find((t) => t.pid === 1001)!.fds.some((f) => f.path === '/etc/hostname'));
    const fd = open!.tasks.find((t) => t.pid === 1001)!.fds.find((f) => f.path === '/etc/hostname')!;
    expect(fd.blob?.kind).toBe('file');
    expect(fd.blob!.slices.map((x) => x.lsm)).toEqual(layout.file!.slices.map((x) => x.lsm));
  });
});
