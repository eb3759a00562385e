// Hook dispatch per security/security.c: call_int_hook()/call_void_hook() (7.1 and 6.18 stop at
// the first return != LSM_RET_DEFAULT; 6.8's hlist macro stops at the first non-zero) and the
// open-coded loops of security_vm_enough_memory_mm(), security_task_prctl(),
// security_getprocattr(), security_xfrm_state_pol_flow_match(), security_inode_setxattr(),
// security_fs_context_parse_param() and security_inode_init_security().
import { describe, expect, test } from 'vitest';
import {
  boot,
  EACCES,
  ENOPARAM,
  ENOSYS,
  EOPNOTSUPP,
  EPERM,
  inTreeLsms,
  type KernelVersion,
  type LsmInfo,
  type TraceEvent,
} from '../index';

type Cb = (...a: unknown[]) => unknown;
const lsm = (name: string, hooks: Record<string, Cb>, extra: Partial<LsmInfo> = {}): LsmInfo =>
  ({ name, id: 0, order: 'mutable', hooks, ...extra }) as LsmInfo;

function stack(version: KernelVersion, ...lsms: LsmInfo[]) {
  return boot({ kernelVersion: version, lsms, configLsm: lsms.map((l) => l.name).join(','), kconfig: [] });
}
const called = (trace: readonly TraceEvent[]) =>
  trace.filter((e) => e.type === 'lsm_call').map((e) => (e as { lsm: string }).lsm);

describe('call_int_hook()', () => {
  test('stops at the first return that differs from the default, and records who was skipped', () => {
    const k = stack(
      '7.1',
      lsm('a', { file_open: () => 0 }),
      lsm('b', { file_open: () => -EACCES }),
      lsm('c', { file_open: () => 0 }),
    );
    const r = k.call('file_open', [k.newObject('file', 'file')]);
    expect(r.rc).toBe(-EACCES);
    expect(r.errno).toBe('-EACCES');
    expect(called(r.trace)).toEqual(['a', 'b']);
    const sc = r.trace.find((e) => e.type === 'short_circuit');
    expect(sc).toMatchObject({ lsm: 'b', rc: -EACCES, skipped: ['c'] });
  });

  test('for a hook whose default is -EOPNOTSUPP, that value means "continue" and 0 ends the walk', () => {
    const k = stack(
      '7.1',
      lsm('a', { inode_getsecurity: () => -EOPNOTSUPP }),
      lsm('b', { inode_getsecurity: () => 0 }),
      lsm('c', { inode_getsecurity: () => -EACCES }),
    );
    const r = k.call('inode_getsecurity', [null, null, 'security.x', null, false]);
    expect(r.rc).toBe(0);
    expect(called(r.trace)).toEqual(['a', 'b']);
  });

  test('with no LSM on the head the result is LSM_RET_DEFAULT', () => {
    const k = stack('7.1', lsm('a', {}));
    expect(k.call('inode_getsecurity', [null, null, 'x', null, false]).rc).toBe(-EOPNOTSUPP);
    expect(k.call('file_open', [null]).rc).toBe(0);
  });

  test('a positive return also stops the walk (it differs from the default)', () => {
    const k = stack('7.1', lsm('a', { inode_xattr_skipcap: () => 1 }), lsm('b', { inode_xattr_skipcap: () => 0 }));
    expect(called(k.call('inode_xattr_skipcap', ['security.x']).trace)).toEqual(['a']);
  });

  test('void hooks call every LSM in order', () => {
    const seen: string[] = [];
    const k = stack(
      '7.1',
      lsm('a', { task_free: () => void seen.push('a') }),
      lsm('b', { task_free: () => void seen.push('b') }),
    );
    const r = k.call('task_free', [null]);
    expect(r.rc).toBeNull();
    expect(seen).toEqual(['a', 'b']);
  });
});

describe('6.8 call_int_hook(FUNC, IRC)', () => {
  test('inode_setxattr: IRC 1; any LSM returning 0 suppresses the capability check', () => {
    const noCaps = { struct: 'cred', addr: 1, fields: { cap_effective: 0n } } as const;
    const caps = inTreeLsms('6.8').filter((l) => l.name === 'capability');
    const k = boot({ kernelVersion: '6.8', lsms: [...caps, lsm('a', { inode_setxattr: () => 0 })], configLsm: 'a' });
    expect(k.call('inode_setxattr', [null, null, 'security.evil', null, 0, 0], { cred: noCaps }).rc).toBe(0);
    const k2 = boot({ kernelVersion: '6.8', lsms: [...caps, lsm('a', { inode_setxattr: () => 1 })], configLsm: 'a' });
    expect(k2.call('inode_setxattr', [null, null, 'security.evil', null, 0, 0], { cred: noCaps }).rc).toBe(-EPERM);
  });

  test('7.1 inode_setxattr: unless an LSM claims the name via inode_xattr_skipcap, capable(CAP_SYS_ADMIN) decides first', () => {
    const noCaps = { struct: 'cred', addr: 1, fields: { cap_effective: 0n } } as const;
    const caps = inTreeLsms('7.1').filter((l) => l.name === 'capability');
    const k = boot({ lsms: [...caps, lsm('a', { inode_setxattr: () => 0 })], configLsm: 'a' });
    const r = k.call('inode_setxattr', [null, null, 'security.evil', null, 0, 0], { cred: noCaps });
    expect(r.rc).toBe(-EPERM);
    expect(r.trace.filter((e) => e.type === 'hook_enter').map((e) => (e as { hook: string }).hook)).toEqual([
      'inode_xattr_skipcap',
      'capable',
    ]);
    expect(k.call('inode_setxattr', [null, null, 'user.ok', null, 0, 0], { cred: noCaps }).rc).toBe(0);
    const k2 = boot({
      lsms: [...caps, lsm('a', { inode_xattr_skipcap: () => 1, inode_setxattr: () => 0 })],
      configLsm: 'a',
    });
    expect(k2.call('inode_setxattr', [null, null, 'security.a', null, 0, 0], { cred: noCaps }).rc).toBe(0);
  });
});

describe('open-coded loops', () => {
  test('capable: capability is first, so its -EPERM ends the walk before any MAC LSM', () => {
    const k = boot();
    const cred = { struct: 'cred', addr: 1, fields: { cap_effective: 0n } } as const;
    const r = k.call('capable', [cred, null, 21, 0]);
    expect(r.rc).toBe(-EPERM);
    expect(called(r.trace)).toEqual(['capability']);
    expect(r.trace.find((e) => e.type === 'short_circuit')).toMatchObject({ skipped: ['safesetid', 'selinux', 'bpf'] });
    const root = { struct: 'cred', addr: 2, fields: { cap_effective: (1n << 41n) - 1n } } as const;
    expect(k.call('capable', [root, null, 21, 0]).rc).toBe(0);
  });

  test('vm_enough_memory: 7.1 clears cap_sys_admin on rc < 0; 6.8 on rc <= 0; the result is never an LSM value', () => {
    for (const [v, rc, note] of [
      ['7.1', -1, 'cap_sys_admin=0'],
      ['7.1', 0, 'cap_sys_admin=1'],
      ['6.8', 0, 'cap_sys_admin=0'],
      ['6.8', 1, 'cap_sys_admin=1'],
    ] as const) {
      const k = stack(v, lsm('a', { vm_enough_memory: () => rc }), lsm('b', { vm_enough_memory: () => rc }));
      const r = k.call('vm_enough_memory', [null, 1]);
      expect(r.rc).toBe(0);
      expect((r.trace.at(-1) as { note: string }).note).toContain(note);
    }
  });

  test('task_prctl: -ENOSYS continues, 0 is recorded and the walk goes on, non-zero stops', () => {
    const k = stack(
      '7.1',
      lsm('a', { task_prctl: () => -ENOSYS }),
      lsm('b', { task_prctl: () => 0 }),
      lsm('c', { task_prctl: () => -EPERM }),
      lsm('d', { task_prctl: () => 5 }),
    );
    const r = k.call('task_prctl', [1, 0, 0, 0, 0]);
    expect(r.rc).toBe(-EPERM);
    expect(called(r.trace)).toEqual(['a', 'b', 'c']);
    const k2 = stack('7.1', lsm('a', { task_prctl: () => 0 }), lsm('b', { task_prctl: () => -ENOSYS }));
    expect(k2.call('task_prctl', [1, 0, 0, 0, 0]).rc).toBe(0);
  });

  test('getprocattr: only the first LSM with the hook (or with the given lsmid) answers', () => {
    const k = stack(
      '7.1',
      lsm('a', { getprocattr: () => 3 }, { id: 201 }),
      lsm('b', { getprocattr: () => 7 }, { id: 202 }),
    );
    expect(called(k.call('getprocattr', [null, 'current', null]).trace)).toEqual(['a']);
    expect(k.call('getprocattr', [null, 'current', null], { lsmid: 202 }).rc).toBe(7);
    expect(k.call('getprocattr', [null, 'current', null], { lsmid: 999 }).rc).toBe(-22);
  });

  test('with bpf before selinux, the BPF stub answers /proc/self/attr/current with -EINVAL', () => {
    const k = boot({ cmdline: 'lsm=bpf,selinux' });
    const r = k.call('getprocattr', [null, 'current', { value: null }]);
    expect(called(r.trace)).toEqual(['bpf']);
    expect(r.rc).toBe(-22);
  });

  test('xfrm_state_pol_flow_match: only the first callback, default 1', () => {
    const k = stack(
      '7.1',
      lsm('a', { xfrm_state_pol_flow_match: () => 0 }),
      lsm('b', { xfrm_state_pol_flow_match: () => 1 }),
    );
    expect(called(k.call('xfrm_state_pol_flow_match', [null, null, null]).trace)).toEqual(['a']);
    expect(stack('7.1', lsm('a', {})).call('xfrm_state_pol_flow_match', [null, null, null]).rc).toBe(1);
  });

  test('fs_context_parse_param: 0 is remembered, -ENOPARAM continues, other errors return at once', () => {
    const k = stack(
      '7.1',
      lsm('a', { fs_context_parse_param: () => 0 }),
      lsm('b', { fs_context_parse_param: () => -ENOPARAM }),
    );
    expect(k.call('fs_context_parse_param', [null, null]).rc).toBe(0);
    const k2 = stack(
      '7.1',
      lsm('a', { fs_context_parse_param: () => -EACCES }),
      lsm('b', { fs_context_parse_param: () => 0 }),
    );
    expect(called(k2.call('fs_context_parse_param', [null, null]).trace)).toEqual(['a']);
    expect(stack('7.1', lsm('a', {})).call('fs_context_parse_param', [null, null]).rc).toBe(-ENOPARAM);
  });

  test('inode_init_security: nobody is asked without xattr slots; -EOPNOTSUPP continues and becomes 0', () => {
    const k = stack('7.1', lsm('a', { inode_init_security: () => -EOPNOTSUPP }));
    expect(called(k.call('inode_init_security', [null, null, null, null, { value: 0 }]).trace)).toEqual([]);
    const k2 = stack(
      '7.1',
      lsm('a', { inode_init_security: () => -EOPNOTSUPP }, { blobs: { xattr_count: 1 } }),
      lsm('b', { inode_init_security: () => -EOPNOTSUPP }),
    );
    const r = k2.call('inode_init_security', [null, null, null, null, { value: 0 }]);
    expect(called(r.trace)).toEqual(['a', 'b']);
    expect(r.rc).toBe(0);
  });
});

describe('faults in callbacks', () => {
  test('a callback that throws ends the call with an oops naming the LSM and the hook', () => {
    const k = stack(
      '7.1',
      lsm('bad', {
        file_open: () => {
          throw new Error('boom');
        },
      }),
      lsm('b', { file_open: () => 0 }),
    );
    const r = k.call('file_open', [null]);
    expect(r.rc).toBeNull();
    expect(r.error).toBe('bad: file_open: callback threw: boom');
    expect(r.trace.at(-1)).toMatchObject({ type: 'oops', lsm: 'bad', hook: 'file_open' });
    expect(r.trace.filter((e) => e.type === 'printk').map((e) => (e as { text: string }).text)).toContain(
      'RIP: 0010:bad_file_open',
    );
  });
  test('an int hook returning nothing is reported, not silently taken as 0', () => {
    const k = stack('7.1', lsm('bad', { file_open: () => undefined }));
    expect(k.call('file_open', [null]).error).toMatch(/int hook returned nothing/);
  });
  test('a fault further down the head names that LSM, and the next call starts clean', () => {
    const k = stack(
      '7.1',
      lsm('a', { file_open: () => 0, file_free_security: () => undefined }),
      lsm('b', {
        file_open: () => 1.5,
        file_free_security: () => {
          throw new Error('void boom');
        },
      }),
      lsm('c', { file_open: () => 0, file_permission: () => 0 }),
    );
    const file = k.newObject('file', 'file');
    expect(k.call('file_open', [file]).error).toBe('b: file_open: int hook returned 1.5; return 0 or a negative errno');
    expect(k.freeObject('file', file).error).toBe('b: file_free_security: callback threw: void boom');
    // The kernel reuses its call context: after an oops the next call is at depth 0, nothing running.
    const next = k.call('file_permission', [file, 4]);
    expect(next.error).toBeNull();
    expect(next.rc).toBe(0);
    expect(next.trace.map((e) => e.depth)).toEqual(next.trace.map(() => 0));
    expect(called(next.trace)).toEqual(['c']);
  });
  test('wrong arity and unknown hooks are refused with the hook signature', () => {
    const k = boot();
    expect(() => k.call('file_open', [])).toThrow(/file_open takes 1 arguments \(file\)/);
    expect(() => boot({ kernelVersion: '6.8' }).call('file_post_open', [null, 0])).toThrow(
      /Linux 6.8 has no LSM hook file_post_open/,
    );
  });
});

test('determinism: the same input gives the same trace and log, byte for byte', () => {
  const run = () => {
    const k = boot({ cmdline: 'lsm.debug selinux=0' });
    const f = k.newObject('file', 'file');
    return JSON.stringify([k.log, k.call('file_open', [f]).trace, k.call('capable', [k.initCred, null, 21, 0]).trace]);
  };
  expect(run()).toBe(run());
});

test('traces are plain JSON: they survive a round trip unchanged', () => {
  const k = boot();
  const r = k.call('inode_setxattr', [null, k.newObject('dentry', null), 'security.selinux', null, 0, 0]);
  expect(JSON.parse(JSON.stringify(r.trace))).toEqual(r.trace);
  expect(r.trace.map((e) => e.seq)).toEqual(r.trace.map((_, i) => i));
});

describe('IS_PRIVATE(inode) guards (security/security.c 7.1.3, securityWrappers.json)', () => {
  const priv = { struct: 'inode', addr: 1, fields: { i_flags: 1 << 9 } };
  const plain = { struct: 'inode', addr: 2, fields: { i_flags: 0 } };
  const k = stack(
    '7.1',
    lsm('a', { inode_permission: () => -EACCES, inode_getsecurity: () => 0, inode_unlink: () => -EACCES }),
  );
  test('a private inode skips every LSM: inode_permission returns 0, inode_getsecurity its default', () => {
    const r = k.call('inode_permission', [priv, 4]);
    expect(r.rc).toBe(0);
    expect(called(r.trace)).toEqual([]);
    expect(k.call('inode_getsecurity', [null, priv, 'x', null, false]).rc).toBe(-EOPNOTSUPP);
    expect(k.call('inode_permission', [plain, 4]).rc).toBe(-EACCES);
  });
  test('dentry arguments are checked through d_backing_inode()', () => {
    const dentry = { struct: 'dentry', addr: 3, fields: { d_inode: priv } };
    expect(k.call('inode_unlink', [null, dentry]).rc).toBe(0);
    expect(k.call('inode_unlink', [null, { struct: 'dentry', addr: 4, fields: { d_inode: plain } }]).rc).toBe(-EACCES);
  });
});
