// lsm_config_self_policy(2) / lsm_config_system_policy(2): Maxime Bélair's unmerged series
// "lsm: introduce lsm_config_self_policy() and lsm_config_system_policy() syscalls" (v6,
// 10 Oct 2025; LSM-FACTS §9). Not in Linux 7.1.3, so the hooks `lsm_config_self_policy` and
// `lsm_config_system_policy` are not in lsm_hook_defs.h and not in the model's hook table. The
// dispatch of security_lsm_config_*_policy() is modelled here instead, with the same trace
// records a table hook produces (hook_enter / lsm_call / lsm_return / hook_exit, dispatch
// 'targeted_lsm'): lsm_for_each_hook() and `if (scall->hl->lsmid->id == lsm_id) { rc = hook();
// break; }`, rc starting at LSM_RET_DEFAULT = -EINVAL.
import { E2BIG, EFAULT, EINVAL, EOPNOTSUPP, EPERM, errnoName } from '../errno';
import { COST } from '../kernel/clock';
import { summariseArg } from '../trace/tracer';
import type { Verdict } from '../trace/events';
import * as ids from '../uapi/lsm';
import { UserFault } from '../syscalls/userMemory';
import { CAP_MAC_ADMIN } from './capability';
import { capable } from './dac';
import type { Sys } from './syscallTable';
import { taskMemory } from './taskMemory';

/** include/uapi/linux/lsm.h of the series: the operations of lsm_config_*_policy(). */
export const LSM_POLICY_UNDEF = 0;
export const LSM_POLICY_LOAD = 100;

/** security/apparmor/include/policy.h (the series): the longest profile name self can stack. */
export const AA_PROFILE_NAME_MAX_SIZE = 512;

export type PolicyScope = 'self' | 'system';

/** What one module's lsm_config_<scope>_policy callback does before it parses the buffer. */
export interface PolicyHandlerSpec {
  /** Per-module maximum buffer size (since v4): larger gives -E2BIG before the buffer is read. */
  readonly maxSize: number | null;
  /** smack_privileged(CAP_MAC_ADMIN) inside the callback (Smack's self hook). */
  readonly requiresMacAdmin?: boolean;
  /** The callback's name in the series. */
  readonly fn: string;
  /** What a real load would do, for the trace note. */
  readonly what: string;
}

/**
 * Which modules register the hooks in v6, and their limits. AppArmor's sizes are from the series
 * (LSM-FACTS §9); SELinux's load (__sel_write_load) and Smack's rule writers have no size limit
 * of their own in the posted code the model was checked against (UNCERTAIN for v6's Smack).
 */
export const CONFIG_POLICY: Readonly<Record<string, Partial<Record<PolicyScope, PolicyHandlerSpec>>>> = {
  apparmor: {
    self: {
      maxSize: AA_PROFILE_NAME_MAX_SIZE,
      fn: 'apparmor_lsm_config_self_policy',
      what: 'aa_change_profile(name, AA_CHANGE_STACK): stack the named profile onto the caller',
    },
    system: {
      maxSize: 256 * 1024 * 1024,
      fn: 'apparmor_lsm_config_system_policy',
      what: 'aa_replace_profiles(): load the policy into the caller’s (or the named) namespace',
    },
  },
  selinux: {
    system: {
      maxSize: null,
      fn: 'selinux_lsm_config_system_policy',
      what: '__sel_write_load(): atomic policy load',
    },
  },
  smack: {
    self: {
      maxSize: null,
      requiresMacAdmin: true,
      fn: 'smack_lsm_config_self_policy',
      what: 'load subject rules for the calling task (smk_write_rules_list on its rule list)',
    },
    system: {
      maxSize: null,
      fn: 'smack_lsm_config_system_policy',
      what: 'load global rules (smk_write_rules_list on smack_rule_list)',
    },
  },
};

/** The arguments of the syscall (SYSCALL_DEFINE6 in v6: u32 lsm_id, u32 op, void __user *buf, u32 size, u32 common_flags, u32 flags). */
export interface PolicyArgs {
  readonly lsm_id: number;
  readonly op: number;
  /** User address of the buffer (0 = NULL). */
  readonly buf: number;
  readonly size: number;
  readonly common_flags: number;
  readonly flags: number;
}

/** One module's callback: the checks of the v5/v6 AppArmor callback, in its order. */
function policyCallback(sys: Sys, lsm: string, scope: PolicyScope, spec: PolicyHandlerSpec, a: PolicyArgs): number {
  sys.kfunc(spec.fn, `op ${a.op}, size ${a.size}, flags ${a.flags}`);
  if (a.op !== LSM_POLICY_LOAD || a.flags) return -EOPNOTSUPP;
  if (spec.requiresMacAdmin && !capable(sys.ctx, sys.task.cred, CAP_MAC_ADMIN)) return -EPERM;
  if (a.size === 0) return -EINVAL;
  if (spec.maxSize !== null && a.size > spec.maxSize) return -E2BIG;
  // memdup_user()/strncpy_from_user(): the buffer is read only now.
  let buf: Uint8Array;
  try {
    buf = taskMemory(sys.task).read(a.buf, a.size);
  } catch (e) {
    if (e instanceof UserFault) return -EFAULT;
    throw e;
  }
  const handler = sys.machine.kernel.policyHandler(lsm, scope);
  if (handler) return handler(buf, a.flags);
  sys.kfunc(spec.fn, `simplified: policy not parsed yet (${lsm} would ${spec.what}); accepted`);
  return 0;
}

/**
 * security_lsm_config_<scope>_policy(): only the active LSM whose id is `lsm_id` is asked; when
 * none registered the hook the result is LSM_RET_DEFAULT, -EINVAL.
 */
export function securityLsmConfigPolicy(sys: Sys, scope: PolicyScope, a: PolicyArgs): number {
  const hook = `lsm_config_${scope}_policy`;
  const { tracer } = sys.ctx;
  const kernel = sys.machine.kernel;
  const head = kernel.order
    .filter((name) => CONFIG_POLICY[name]?.[scope] || kernel.policyHandler(name, scope))
    .map((name) => ({
      lsm: name,
      lsmId: kernel.lsm(name)?.id ?? ids.LSM_ID_UNDEF,
      // A module outside the series that registered a handler (a test LSM) has no limits of its own.
      spec: CONFIG_POLICY[name]?.[scope] ?? {
        maxSize: null,
        fn: `${name}_lsm_config_${scope}_policy`,
        what: 'load the policy',
      },
    }));
  sys.kfunc(
    `security_${hook}`,
    'hook of the unmerged v6 series (not in lsm_hook_defs.h of 7.1): dispatched by the model',
  );
  const callArgs = [a.op, a.buf, a.size, a.flags];
  tracer.emit(
    {
      type: 'hook_enter',
      hook,
      args: callArgs.map(summariseArg),
      dispatch: 'targeted_lsm',
      head: head.map((e) => e.lsm),
      defaultRc: -EINVAL,
    },
    COST.hookEnter,
  );
  let rc = -EINVAL;
  let called: string | null = null;
  for (const e of head) {
    if (e.lsmId !== a.lsm_id) continue;
    called = e.lsm;
    tracer.emit({ type: 'lsm_call', hook, lsm: e.lsm, lsmId: e.lsmId }, COST.lsmCallback);
    tracer.depth++;
    try {
      rc = policyCallback(sys, e.lsm, scope, e.spec, a);
    } finally {
      tracer.depth--;
    }
    const verdict: Verdict = rc === -EINVAL ? 'default' : rc === 0 ? 'allow' : rc < 0 ? 'deny' : 'value';
    tracer.emit({
      type: 'lsm_return',
      hook,
      lsm: e.lsm,
      rc,
      errno: rc < 0 ? errnoName(rc) : null,
      verdict,
      simplified: kernel.policyHandler(e.lsm, scope)
        ? null
        : `${e.lsm}'s policy is not modelled yet: the buffer is checked and read, not parsed`,
    });
    break;
  }
  tracer.emit({
    type: 'hook_exit',
    hook,
    rc,
    errno: rc < 0 ? errnoName(rc) : null,
    note: called
      ? `only the LSM with id ${a.lsm_id} (${called}) is asked`
      : `no active LSM with id ${a.lsm_id} implements ${hook}: LSM_RET_DEFAULT = -EINVAL`,
  });
  return rc;
}

/**
 * The syscall bodies: common_flags first (reserved, must be 0, checked even for an
 * unprivileged caller), CAP_MAC_ADMIN for the system variant, then the targeted hook.
 */
export function sysLsmConfigPolicy(sys: Sys, scope: PolicyScope, a: PolicyArgs): number {
  if (a.common_flags) return -EINVAL;
  if (scope === 'system' && !capable(sys.ctx, sys.task.cred, CAP_MAC_ADMIN)) return -EPERM;
  return securityLsmConfigPolicy(sys, scope, a);
}
