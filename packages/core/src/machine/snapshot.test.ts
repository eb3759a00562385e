// Per-step world snapshots share their unchanged parts with the step before, and are still exactly
// the snapshot a fresh copy of the world would give.
import { describe, expect, test } from 'vitest';
import { Machine, runScenario, snapshotWorld, validateScenario, type Scenario } from '../index';

const scenario = (): Scenario => {
  const v = validateScenario({
    version: 1,
    name: 'sharing',
    boot: {},
    steps: [
      { pid: 1102, syscall: 'openat', args: { path: '/tmp/new', flags: 'O_WRONLY|O_CREAT' } },
      { pid: 1102, syscall: 'write', args: { fd: 0, buf: 'hello' } },
      { pid: 1102, syscall: 'close', args: { fd: 0 } },
      { pid: 1102, syscall: 'openat', args: { path: '/etc/shadow' } },
      { shell: 'chmod 600 /tmp/x' },
    ],
  });
  if (!v.ok) throw new Error(v.errors.join('\n'));
  return v.scenario;
};

describe('snapshotWorld(world, previous)', () => {
  test('each step equals a snapshot made from scratch after the same steps', () => {
    const s = scenario();
    const run = runScenario(s);
    const m = Machine.boot();
    expect(JSON.stringify(run.initialWorld)).toBe(JSON.stringify(snapshotWorld(m.world)));
    const replay = runScenario(s).machine;
    expect(JSON.stringify(run.results.at(-1)!.world)).toBe(JSON.stringify(snapshotWorld(replay.world)));
    for (const [i, step] of s.steps.entries()) {
      if ('syscall' in step) m.syscall(step.pid, step.syscall, step.args);
      else break;
      expect(JSON.stringify(run.results[i]!.world), `step ${i}`).toBe(JSON.stringify(snapshotWorld(m.world)));
    }
  });

  test('unchanged views are the previous step’s objects; changed ones are new', () => {
    const run = runScenario(scenario());
    const [created, written, closed, denied] = run.results.map((r) => r.world);
    const view = (w: typeof created, path: string) => w!.files.find((f) => f.path === path);
    // The write changed /tmp/new's size only: its view is new, its xattrs and blob are shared.
    expect(view(written, '/tmp/new')).not.toBe(view(created, '/tmp/new'));
    expect(view(written, '/tmp/new')!.size).toBe(5);
    expect(view(written, '/tmp/new')!.xattrs).toBe(view(created, '/tmp/new')!.xattrs);
    expect(view(written, '/etc/passwd')).toBe(view(run.initialWorld, '/etc/passwd'));
    // close changed alice's fd table, not the files.
    expect(closed!.files).toBe(written!.files);
    expect(closed!.tasks.find((t) => t.pid === 1102)).not.toBe(written!.tasks.find((t) => t.pid === 1102));
    expect(closed!.tasks.find((t) => t.pid === 1)).toBe(run.initialWorld.tasks.find((t) => t.pid === 1));
    // A denied open changes nothing: the whole snapshot is the previous one.
    expect(denied).toBe(closed);
  });

  test('owners are named as ls -l names them, numbers when /etc/passwd has no entry', () => {
    const run = runScenario(scenario());
    const files = run.results[0]!.world.files;
    expect(files.find((f) => f.path === '/tmp/new')).toMatchObject({ uid: 1000, gid: 1000, owner: 'alice:alice' });
    expect(files.find((f) => f.path === '/etc/shadow')).toMatchObject({ owner: 'root:shadow' });
    const m = Machine.boot();
    expect(m.syscall(1001, 'chown', { path: '/etc/shadow', uid: 4242, gid: -1 }).ret).toBe(0);
    expect(snapshotWorld(m.world).files.find((f) => f.path === '/etc/shadow')!.owner).toBe('4242:shadow');
  });

  test('a symbolic link shows its target, as ls -l prints it after ->; other files have none', () => {
    const m = Machine.boot();
    expect(m.syscall(1102, 'symlinkat', { target: '/etc/shadow', linkpath: '/tmp/innocent' }).ret).toBe(0);
    const files = snapshotWorld(m.world).files;
    expect(files.find((f) => f.path === '/tmp/innocent')).toMatchObject({
      mode: 'lrwxrwxrwx',
      owner: 'alice:alice',
      target: '/etc/shadow',
      size: 11,
    });
    expect(files.find((f) => f.path === '/bin')!.target).toBe('usr/bin');
    expect(files.find((f) => f.path === '/etc/shadow')!.target).toBeNull();
  });

  test('without a previous snapshot, nothing is shared', () => {
    const m = Machine.boot();
    const a = snapshotWorld(m.world);
    const b = snapshotWorld(m.world);
    expect(b).toEqual(a);
    expect(b.files[0]).not.toBe(a.files[0]);
  });
});
