// Object lifecycle wrappers of security/security.c: security_task_alloc(), security_file_alloc(),
// security_prepare_creds(), security_cred_free(), security_inode_free() (+ inode_free_by_rcu()).
import { describe, expect, test } from 'vitest';
import { boot, ENOMEM, type LsmInfo, type TraceEvent } from '../index';

const types = (t: readonly TraceEvent[]) =>
  t.map((e) => (e.type === 'hook_enter' ? `enter:${e.hook}` : e.type)).filter((x) => x !== 'lsm_call');

describe('security_<object>_alloc() / _free()', () => {
  test('the blob is allocated before the hook; each LSM sees its slice', () => {
    const seen: number[] = [];
    const a: LsmInfo = {
      name: 'a',
      id: 0,
      order: 'mutable',
      blobs: { task: 16 },
      init: (ctx) => {
        ctx.securityAddHooks({
          task_alloc: (task) => {
            const slice = ctx.blob<string>('task', task!);
            slice.set('hello');
            seen.push(slice.offset, task!.security!.size);
            return 0;
          },
        });
        return 0;
      },
    };
    const k = boot({ lsms: [{ name: 'b', id: 0, order: 'mutable', blobs: { task: 8 } }, a], configLsm: 'b,a' });
    const { obj, result } = k.allocObject('task', { pid: 42 }, [0x11]);
    expect(result.rc).toBe(0);
    expect(seen).toEqual([8, 24]);
    expect(obj.security?.contents()).toEqual([{ offset: 8, lsm: 'a', value: 'hello' }]);
    expect(types(result.trace)).toEqual(['blob_alloc', 'enter:task_alloc', 'lsm_return', 'hook_exit']);
  });

  test('a failing alloc hook runs the free wrapper: free hook, then the blob is freed', () => {
    const a: LsmInfo = {
      name: 'a',
      id: 0,
      order: 'mutable',
      blobs: { file: 8 },
      hooks: { file_alloc_security: () => -ENOMEM, file_free_security: () => undefined },
    };
    const k = boot({ lsms: [a], configLsm: 'a' });
    const { obj, result } = k.allocObject('file');
    expect(result.rc).toBe(-ENOMEM);
    expect(obj.security).toBeNull();
    expect(types(result.trace)).toEqual([
      'blob_alloc',
      'enter:file_alloc_security',
      'lsm_return',
      'short_circuit',
      'hook_exit',
      'enter:file_free_security',
      'lsm_return',
      'hook_exit',
      'blob_free',
    ]);
  });

  test('no LSM asked for a cred blob: cred->security is NULL and security_cred_free() returns early', () => {
    const k = boot({
      lsms: [{ name: 'a', id: 0, order: 'mutable', hooks: { cred_free: () => undefined } }],
      configLsm: 'a',
    });
    const { obj } = k.allocObject('cred');
    expect(obj.security).toBeNull();
    expect(k.freeObject('cred', obj).trace).toEqual([]);
  });

  test('prepare_creds() calls cred_prepare with the new and the old cred', () => {
    const k = boot();
    const { obj, result } = k.prepareCreds(k.initCred);
    expect(obj.security?.size).toBe(k.blobSizes.cred);
    const enter = result.trace.find((e) => e.type === 'hook_enter');
    expect(enter).toMatchObject({
      hook: 'cred_prepare',
      args: [
        { kind: 'struct', struct: 'cred' },
        { kind: 'struct', addr: k.initCred.addr },
        { kind: 'number', value: 0xcc0 },
      ],
    });
  });

  test('7.1 frees an inode blob through RCU: inode_free_security, then inode_free_security_rcu; 6.8 has no rcu hook', () => {
    const k = boot();
    const { obj } = k.allocObject('inode');
    const hooks = k
      .freeObject('inode', obj)
      .trace.filter((e) => e.type === 'hook_enter')
      .map((e) => (e as { hook: string }).hook);
    expect(hooks).toEqual(['inode_free_security', 'inode_free_security_rcu']);
    const k68 = boot({ kernelVersion: '6.8' });
    const { obj: i68 } = k68.allocObject('inode');
    expect(
      k68
        .freeObject('inode', i68)
        .trace.filter((e) => e.type === 'hook_enter')
        .map((e) => (e as { hook: string }).hook),
    ).toEqual(['inode_free_security']);
  });
});
