import { describe, expect, test, vi } from 'vitest';
import type { WorkerLike } from '../engine/client';
import { inProcessWorker } from '../engine/inProcess';
import { createPlaygroundStore } from './createPlaygroundStore';
import { promptText } from './engineSlice';

const LOOP = `import { Hooks, File, Result, Ok, defineLsm, LSM_ID_UNDEF } from 'kernel';
class Spin implements Hooks {
  file_open(file: File): Result {
    if (file.path() === '/etc/hostname') for (;;) {}
    return Ok();
  }
}
export default defineLsm(Spin, 'spin\\0', LSM_ID_UNDEF);
`;

describe('engine slice', () => {
  test('the first shell line boots the kernel with the default module, which denies the write', async () => {
    let spawned = 0;
    const store = createPlaygroundStore({}, { spawnEngine: () => (spawned++, inProcessWorker()) });
    expect(spawned).toBe(0); // no worker until the first request
    await store.getState().runShellLine('echo hacked >> /etc/shadow');
    const s = store.getState();
    expect(s.engineStatus).toBe('ready');
    expect(s.loadResult?.lsms.map((l) => l.name)).toEqual(['rustshield']);
    expect(s.terminal).toHaveLength(1);
    expect(s.terminal[0]).toMatchObject({
      prompt: 'root@lsm:~#',
      line: 'echo hacked >> /etc/shadow',
      output: 'bash: /etc/shadow: Permission denied\n',
      errno: '-EACCES',
      status: 1,
      fault: null,
    });
    expect(spawned).toBe(1);
  });

  test('a fault replaces the worker, reloads the modules and keeps the transcript', async () => {
    let spawned = 0;
    const store = createPlaygroundStore({}, { spawnEngine: () => (spawned++, inProcessWorker()) });
    store.setState({ modules: [{ fileName: 'spin.ts', source: LOOP }] });
    await store.getState().runShellLine('cat /etc/passwd');
    await store.getState().runShellLine('cat /etc/hostname');
    const s = store.getState();
    expect(s.terminal[1]!.fault).toMatchObject({ kind: 'softlockup', lsm: 'spin', hook: 'file_open', line: 4 });
    expect(s.lastFault?.kind).toBe('softlockup');
    expect(s.engineRestarts).toBe(1);
    expect(spawned).toBe(2);
    await store.getState().runShellLine('cat /etc/passwd');
    expect(store.getState().terminal[2]).toMatchObject({ status: 0, fault: null });
    expect(store.getState().terminal[0]!.line).toBe('cat /etc/passwd');
  });

  test('the watchdog ends a worker that does not answer', async () => {
    // A worker that boots but never answers a shell line, like one stuck in native code.
    const stuck = (): WorkerLike => {
      const w = inProcessWorker();
      const post = w.postMessage.bind(w);
      w.postMessage = (m) => {
        if (m.type === 'request' && m.request.type === 'shell') return;
        post(m);
      };
      return w;
    };
    let spawned = 0;
    const store = createPlaygroundStore({}, { spawnEngine: () => (spawned++, stuck()), watchdogMs: 30 });
    await store.getState().runShellLine('ls /');
    const last = store.getState().terminal.at(-1)!;
    expect(last.fault).toMatchObject({ kind: 'softlockup' });
    expect(last.fault!.message).toMatch(/^the watchdog ended the engine: the engine did not answer/);
    expect(store.getState().engineRestarts).toBe(1);
    expect(spawned).toBe(2);
  });

  test('compile errors come back as diagnostics and nothing boots', async () => {
    const store = createPlaygroundStore({}, { spawnEngine: inProcessWorker });
    store.setState({ modules: [{ fileName: 'bad.ts', source: 'class {' }] });
    const r = await store.getState().loadModules();
    expect(r?.ok).toBe(false);
    expect(store.getState().engineStatus).toBe('failed');
    expect(store.getState().loadResult?.diagnostics[0]).toMatchObject({ fileName: 'bad.ts', line: 1 });
  });

  test('turning the Rust v1 limits on rebuilds and flags hooks beyond the three', async () => {
    const store = createPlaygroundStore({}, { spawnEngine: inProcessWorker });
    const perm = `import { Hooks, defineLsm, LSM_ID_UNDEF, Ok } from 'kernel';
class P implements Hooks { inode_permission() { return Ok(); } }
export default defineLsm(P, 'perm\\0', LSM_ID_UNDEF);
`;
    store.setState({ modules: [{ fileName: 'perm.ts', source: perm }] });
    await store.getState().loadModules();
    expect(store.getState().engineStatus).toBe('ready');
    store.getState().setRustV1(true);
    await vi.waitFor(() => expect(store.getState().engineStatus).toBe('failed'));
    expect(store.getState().engineDiagnostics['perm.ts']?.[0]?.message).toMatch(/^inode_permission: the v1 Rust/);
  });

  test('the prompt reads like bash', () => {
    expect(promptText({ user: 'alice', pid: 1102, cwd: '/home/alice/src', root: false })).toBe('alice@lsm:~/src$');
    expect(promptText({ user: 'root', pid: 1001, cwd: '/etc', root: true })).toBe('root@lsm:/etc#');
  });
});
