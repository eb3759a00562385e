// The hooks whose security_*() wrapper walks the head with its own loop instead of the generic
// macros (security/security.c of 7.1; 6.8 variants where they differ). Each function names the
// wrapper it mirrors.
import { EOPNOTSUPP, ENOPARAM, errnoName } from '../errno';
import { lsmRetDefault, type HookName } from '../hooks/hookDefs';
import type { Ref, Struct } from '../kernel/objects';
import { callIntHook, enterHook, exitHook, invoke, requireHook, shortCircuit, type DispatchEnv } from './callHooks';

/**
 * security_vm_enough_memory_mm(): the LSMs only decide `cap_sys_admin` (7.x: the first rc < 0
 * clears it; 6.8: modules return 1 for "has CAP_SYS_ADMIN" and the first rc <= 0 clears it).
 * __vm_enough_memory() is modelled as always finding memory, so the result is 0.
 */
export function securityVmEnoughMemory(env: DispatchEnv, args: readonly unknown[]): number {
  const def = requireHook(env, 'vm_enough_memory');
  const head = enterHook(env, def, args, 'vm_enough_memory');
  let capSysAdmin = 1;
  const legacy = env.version === '6.8';
  for (let i = 0; i < head.length; i++) {
    const rc = invoke(env, def, head[i]!, args) as number;
    if (legacy ? rc <= 0 : rc < 0) {
      capSysAdmin = 0;
      shortCircuit(
        env,
        def.name,
        head,
        i,
        rc,
        `cap_sys_admin = 0: the loop stops at the first ${legacy ? 'rc <= 0' : 'rc < 0'}`,
      );
      break;
    }
  }
  exitHook(
    env,
    def.name,
    0,
    `__vm_enough_memory(mm, pages, cap_sys_admin=${capSysAdmin}) (simplified: always enough memory)`,
  );
  return 0;
}

/** security_fs_context_parse_param(): 0 is remembered and the walk goes on; other errors end it. */
export function securityFsContextParseParam(env: DispatchEnv, args: readonly unknown[]): number {
  const def = requireHook(env, 'fs_context_parse_param');
  const head = enterHook(env, def, args, 'fs_context_parse_param');
  let rc = -ENOPARAM;
  for (let i = 0; i < head.length; i++) {
    const trc = invoke(env, def, head[i]!, args) as number;
    if (trc === 0) rc = 0;
    else if (trc !== -ENOPARAM) {
      shortCircuit(env, def.name, head, i, trc, `${errnoName(trc)} is neither 0 nor -ENOPARAM: returned at once`);
      exitHook(env, def.name, trc, null);
      return trc;
    }
  }
  exitHook(
    env,
    def.name,
    rc,
    rc === 0 ? 'an LSM consumed the parameter (0)' : 'no LSM claimed the parameter (-ENOPARAM)',
  );
  return rc;
}

/** security_sb_set_mnt_opts(): starts at -EOPNOTSUPP when there are options, 0 otherwise. */
export function securitySbSetMntOpts(env: DispatchEnv, args: readonly unknown[]): number {
  const def = requireHook(env, 'sb_set_mnt_opts');
  const head = enterHook(env, def, args, 'call_int_hook');
  let rc = args[1] !== null && args[1] !== undefined ? -EOPNOTSUPP : 0;
  for (let i = 0; i < head.length; i++) {
    rc = invoke(env, def, head[i]!, args) as number;
    if (rc !== 0) {
      shortCircuit(env, def.name, head, i, rc, 'sb_set_mnt_opts stops at the first non-zero return');
      break;
    }
  }
  exitHook(env, def.name, rc, head.length === 0 ? 'no LSM: -EOPNOTSUPP if mount options were given, else 0' : null);
  return rc;
}

/**
 * security_task_prctl(): any value other than -ENOSYS is recorded; a recorded non-zero value
 * stops the walk. prctl(2) runs its own switch only if the result stays -ENOSYS.
 */
export function securityTaskPrctl(env: DispatchEnv, args: readonly unknown[]): number {
  const def = requireHook(env, 'task_prctl');
  const head = enterHook(env, def, args, 'task_prctl');
  const dflt = lsmRetDefault('task_prctl', env.version);
  let rc = dflt;
  for (let i = 0; i < head.length; i++) {
    const thisrc = invoke(env, def, head[i]!, args) as number;
    if (thisrc !== dflt) {
      rc = thisrc;
      if (thisrc !== 0) {
        shortCircuit(env, def.name, head, i, thisrc, 'task_prctl stops at the first recorded non-zero value');
        break;
      }
    }
  }
  exitHook(env, def.name, rc, rc === dflt ? 'no LSM handled the option: prctl() runs its generic switch' : null);
  return rc;
}

/**
 * security_getprocattr() / security_setprocattr() / security_lsmprop_to_secctx(): only the first
 * LSM on the head whose id matches (any LSM when the id is 0, the legacy /proc/<pid>/attr/<name>)
 * is called, and its result is returned.
 */
export function securityFirstMatching(
  env: DispatchEnv,
  hook: 'getprocattr' | 'setprocattr' | 'lsmprop_to_secctx',
  args: readonly unknown[],
  lsmid: number,
): number {
  const def = requireHook(env, hook);
  const head = enterHook(env, def, args, 'first_only');
  for (let i = 0; i < head.length; i++) {
    const e = head[i]!;
    if (lsmid !== 0 && lsmid !== e.lsmId) continue;
    const rc = invoke(env, def, e, args) as number;
    shortCircuit(
      env,
      hook,
      head,
      i,
      rc,
      lsmid === 0 ? 'only the first LSM with this hook answers' : `only the LSM with id ${lsmid} answers`,
    );
    exitHook(env, hook, rc, null);
    return rc;
  }
  const rc = def.default as number;
  exitHook(env, hook, rc, `no LSM ${lsmid ? `with id ${lsmid} ` : ''}implements ${hook}: ${def.defaultText}`);
  return rc;
}

/** security_xfrm_state_pol_flow_match(): only the first registered callback is asked (default 1). */
export function securityXfrmStatePolFlowMatch(env: DispatchEnv, args: readonly unknown[]): number {
  const def = requireHook(env, 'xfrm_state_pol_flow_match');
  const head = enterHook(env, def, args, 'first_only');
  let rc = def.default as number;
  if (head.length > 0) {
    rc = invoke(env, def, head[0]!, args) as number;
    shortCircuit(env, def.name, head, 0, rc, 'only the first registered callback is called');
  }
  exitHook(env, def.name, rc, null);
  return rc;
}

/** The xattr array of security_inode_init_security(): lbs_xattr_count + 1 slots (6.8: + 2). */
export interface XattrArray extends Struct<'xattr'> {
  readonly slots: ({ name: string; value: string } | null)[];
}

/**
 * security_inode_init_security(): nothing is called when no LSM asked for xattr slots;
 * -EOPNOTSUPP means "no xattr from me" and the walk goes on; any other error aborts; a final
 * -EOPNOTSUPP becomes 0. initxattrs() is the filesystem's and is not called here.
 */
export function securityInodeInitSecurity(env: DispatchEnv, args: readonly unknown[], xattrCountTotal: number): number {
  const def = requireHook(env, 'inode_init_security');
  if (xattrCountTotal === 0) {
    enterHook(env, def, args, 'inode_init_security');
    exitHook(env, def.name, 0, 'blob_sizes.lbs_xattr_count == 0: no LSM is asked');
    return 0;
  }
  const head = enterHook(env, def, args, 'inode_init_security');
  let ret = 0;
  for (let i = 0; i < head.length; i++) {
    ret = invoke(env, def, head[i]!, args) as number;
    if (ret !== 0 && ret !== -EOPNOTSUPP) {
      shortCircuit(env, def.name, head, i, ret, 'an error other than -EOPNOTSUPP aborts');
      break;
    }
  }
  const count = (args[4] as Ref<number> | null)?.value ?? 0;
  const out = ret === -EOPNOTSUPP ? 0 : ret;
  exitHook(
    env,
    def.name,
    out,
    `${count} xattr(s) filled of ${xattrCountTotal + (env.version === '6.8' ? 2 : 1)} allocated slots`,
  );
  return out;
}

/** cap_inode_setxattr() / cap_inode_removexattr() need a capable() check from the caller. */
export type CapableCheck = (cap: number) => boolean;

const CAP_SYS_ADMIN = 21;
const CAP_SETFCAP = 31;

/**
 * security_inode_setxattr() / security_inode_removexattr(). 7.1/6.18: unless an LSM claims the
 * attribute through inode_xattr_skipcap, commoncap's check runs as a direct call, then
 * call_int_hook. 6.8: call_int_hook with IRC 1, and only a result of 1 runs the capability check.
 */
export function securityInodeXattr(
  env: DispatchEnv,
  hook: 'inode_setxattr' | 'inode_removexattr',
  args: readonly unknown[],
  capable: CapableCheck,
): number {
  const name = String(hook === 'inode_setxattr' ? args[2] : args[2]);
  const capCheck = (): number => {
    // commoncap.c cap_inode_setxattr()/cap_inode_removexattr(): only security.* names.
    if (!name.startsWith('security.')) return 0;
    if (name === 'security.capability') {
      if (hook === 'inode_setxattr') return 0;
      return capable(CAP_SETFCAP) ? 0 : -1;
    }
    return capable(CAP_SYS_ADMIN) ? 0 : -1;
  };
  if (env.version === '6.8') {
    let ret = callIntHook(env, hook, args, 1);
    if (ret === 1) {
      env.tracer.printk(7, `${hook}: every LSM returned 1 (or none is registered): cap_${hook}() decides`);
      ret = capCheck();
    }
    return ret;
  }
  const skip = callIntHook(env, 'inode_xattr_skipcap' as HookName, [name]);
  if (!skip) {
    const rc = capCheck();
    if (rc) return rc;
  }
  return callIntHook(env, hook, args);
}
