// The hook table against include/linux/lsm_hook_defs.h of 7.1.3, 6.18.2 and 6.8 (counts and
// LSM_RET_DEFAULT values as listed in LSM-FACTS §2.2), and its generated outputs.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, expectTypeOf, test } from 'vitest';
import { hookDef, hookDefs, lsmRetDefault, type HookArgs, type HookCallback, type Struct } from '../index';

describe('hook table', () => {
  test('hook counts per version', () => {
    expect(hookDefs('7.1').size).toBe(277);
    expect(hookDefs('6.18').size).toBe(273);
    expect(hookDefs('6.8').size).toBe(252);
  });

  test('non-zero LSM_RET_DEFAULT values of 7.1', () => {
    const nonZero = [...hookDefs('7.1').values()]
      .filter((d) => d.ret === 'int' && d.default !== 0)
      .map((d) => [d.name, d.defaultText]);
    expect(Object.fromEntries(nonZero)).toEqual({
      fs_context_parse_param: '-ENOPARAM',
      dentry_init_security: '-EOPNOTSUPP',
      inode_init_security: '-EOPNOTSUPP',
      inode_getsecurity: '-EOPNOTSUPP',
      inode_setsecurity: '-EOPNOTSUPP',
      inode_copy_up_xattr: '-EOPNOTSUPP',
      task_prctl: '-ENOSYS',
      getselfattr: '-EOPNOTSUPP',
      setselfattr: '-EOPNOTSUPP',
      getprocattr: '-EINVAL',
      setprocattr: '-EINVAL',
      secid_to_secctx: '-EOPNOTSUPP',
      lsmprop_to_secctx: '-EOPNOTSUPP',
      inode_getsecctx: '-EOPNOTSUPP',
      socket_getpeersec_stream: '-ENOPROTOOPT',
      socket_getpeersec_dgram: '-ENOPROTOOPT',
      xfrm_state_pol_flow_match: '1',
    });
  });

  test('vm_enough_memory flipped its convention after 6.8', () => {
    expect(lsmRetDefault('vm_enough_memory', '6.8')).toBe(1);
    expect(lsmRetDefault('vm_enough_memory', '7.1')).toBe(0);
  });

  test('version-only hooks', () => {
    expect(hookDef('backing_file_alloc', '7.1')).toBeDefined();
    expect(hookDef('backing_file_alloc', '6.18')).toBeUndefined();
    expect(hookDef('bpf_map_alloc_security', '6.8')).toBeDefined();
    expect(hookDef('bpf_map_alloc_security', '7.1')).toBeUndefined();
  });

  test('the seed’s three Rust hooks: file_open and task_alloc are int, task_free is void and not sleepable', () => {
    expect(hookDef('file_open', '7.1')).toMatchObject({
      ret: 'int',
      default: 0,
      args: [{ name: 'file', ctype: 'struct file *' }],
    });
    expect(hookDef('task_alloc', '7.1')?.args.map((a) => a.name)).toEqual(['task', 'clone_flags']);
    expect(hookDef('task_free', '7.1')).toMatchObject({ ret: 'void', sleepable: false });
  });

  test('every hook has a one-line doc and the security_* function that calls it', () => {
    for (const d of hookDefs('7.1').values()) {
      expect(d.doc.length, d.name).toBeGreaterThan(10);
      expect(d.doc, d.name).not.toContain('\n');
      expect(d.caller, d.name).toMatch(/^security_/);
    }
  });

  test('types derive from the table', () => {
    expectTypeOf<HookArgs['file_open']>().toEqualTypeOf<[file: Struct<'file'> | null]>();
    expectTypeOf<ReturnType<HookCallback<'task_free'>>>().toEqualTypeOf<void>();
    expectTypeOf<ReturnType<HookCallback<'file_open'>>>().toEqualTypeOf<number>();
  });

  test('hookTable.gen.ts and docs/hooks.md are up to date with the data', () => {
    const script = fileURLToPath(new URL('../../../../scripts/genHookTable.mjs', import.meta.url));
    expect(() => execFileSync('node', [script, '--check'], { stdio: 'pipe' })).not.toThrow();
  });
});
