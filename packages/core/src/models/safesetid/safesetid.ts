// SafeSetID (security/safesetid/lsm.c, securityfs.c, Documentation/admin-guide/LSM/SafeSetID.rst):
// allowlists of set*uid / set*gid transitions for ids that have rules ("constrained" ids). A task
// whose real uid is constrained may use CAP_SETUID only inside set*uid() (CAP_OPT_INSETID), and
// only to ids it already has or its rules allow; any other transition kills it. SafeSetID keeps
// no blobs and writes no audit records, only pr_warn() lines.
import type { HookImpls } from '../../hooks/hookDefs';
import { EACCES, EEXIST, EINVAL, EPERM } from '../../errno';
import { KERN_WARNING } from '../../kernel/printk';
import type { LsmInitContext } from '../../lsm/lsmInfo';
import { CAP_MAC_ADMIN, CAP_SETGID, CAP_SETUID } from '../../machine/capability';
import type { Cred } from '../../machine/types';
import { currentTask, type InTreeModel } from '../model';
import { INVALID_ID, parsePolicy, type SetidRuleset, type SetidType, type SidPolicyType } from './policy';

/** include/linux/security.h CAP_OPT_INSETID: the capability is asked by a set*id syscall. */
const CAP_OPT_INSETID = 1 << 2;

function safesetidInit(ctx: LsmInitContext): { hooks: Partial<HookImpls> } {
  const rules: Record<SetidType, SetidRuleset | null> = { UID: null, GID: null };

  const warn = (text: string): void => ctx.printk(KERN_WARNING, `SafeSetID: ${text}`);

  /** setid_policy_lookup(): DEFAULT while no policy of that type was ever written. */
  const lookup = (src: number, dst: number, type: SetidType): SidPolicyType =>
    rules[type]?.lookup(src, dst) ?? 'SIDPOL_DEFAULT';

  /**
   * id_permitted_for_cred(): an id the old cred already holds (real, effective or saved) is fine;
   * any other needs an allowlist rule from the old real id.
   */
  const idPermittedForCred = (old: Cred, id: number, type: SetidType): boolean => {
    const [r, e, s] = type === 'UID' ? [old.uid, old.euid, old.suid] : [old.gid, old.egid, old.sgid];
    if (id === r || id === e || id === s) return true;
    const permitted = lookup(r, id, type) !== 'SIDPOL_CONSTRAINED';
    if (!permitted) warn(`${type} transition ((${r | 0},${e | 0},${s | 0}) -> ${id | 0}) blocked`);
    return permitted;
  };

  /**
   * force_sig(SIGKILL) on current: the signal is queued, the hook returns -EACCES, and the task
   * dies on its way back to user space (get_signal() → do_group_exit()).
   */
  const forceSigkill = (why: string): number => {
    ctx.kfunc('force_sig', `SIGKILL to current: ${why}`);
    currentTask(ctx).pending_sigkill = true;
    return -EACCES;
  };

  /** handle_policy_update(): parse, check, and swap the whole ruleset in at once. */
  const policyWrite =
    (type: SetidType) =>
    (data: string): number => {
      // safesetid_{uid,gid}_file_write(): file_ns_capable(file, &init_user_ns, CAP_MAC_ADMIN).
      if (!ctx.capable(CAP_MAC_ADMIN)) return -EPERM;
      const r = parsePolicy(data, type);
      for (const w of r.warnings) warn(w);
      if (!r.ok) {
        ctx.kfunc('handle_policy_update', `${r.error.line}:${r.error.col}: ${r.error.reason}; the old policy stays`);
        return r.error.errno === 'EEXIST' ? -EEXIST : -EINVAL;
      }
      ctx.kfunc('handle_policy_update', `${type.toLowerCase()} policy replaced (${r.ruleset.rules().length} rules)`);
      rules[type] = r.ruleset;
      return data.length;
    };

  // safesetid_init_securityfs() (initcall_fs): safesetid/{uid,gid}_allowlist_policy, 0600.
  ctx.pseudoFileCreate('securityfs', 'safesetid/uid_allowlist_policy', {
    mode: 0o600,
    read: () => rules.UID?.policyStr ?? '',
    write: policyWrite('UID'),
  });
  ctx.pseudoFileCreate('securityfs', 'safesetid/gid_allowlist_policy', {
    mode: 0o600,
    read: () => rules.GID?.policyStr ?? '',
    write: policyWrite('GID'),
  });
  // The boot policy (BootConfig.policies.safesetid) is the uid allowlist, as ChromeOS's init
  // writes it; a gid allowlist is written to its file later.
  ctx.bootPolicyFile('securityfs', 'safesetid/uid_allowlist_policy');

  /** safesetid_task_fix_setuid() / _setgid(): every new id must be permitted, else SIGKILL. */
  const fixSetid = (type: SetidType, nw: Cred, old: Cred): number => {
    const real = type === 'UID' ? old.uid : old.gid;
    if (lookup(real, INVALID_ID, type) === 'SIDPOL_DEFAULT') return 0;
    const ids = type === 'UID' ? [nw.uid, nw.euid, nw.suid, nw.fsuid] : [nw.gid, nw.egid, nw.sgid, nw.fsgid];
    // The && chain stops at the first id that is not permitted.
    if (ids.every((id) => idPermittedForCred(old, id, type))) return 0;
    return forceSigkill(`${type} transition not in the allowlist`);
  };

  const hooks: Partial<HookImpls> = {
    /**
     * safesetid_security_capable() (security/safesetid/lsm.c): only CAP_SETUID and CAP_SETGID
     * concern it; inside a set*id syscall (CAP_OPT_INSETID) the decision is left to task_fix_*;
     * outside one, a constrained real uid/gid may not use them.
     */
    capable: (cred, _ns, cap, opts) => {
      if (cap !== CAP_SETUID && cap !== CAP_SETGID) return 0;
      if ((opts & CAP_OPT_INSETID) !== 0) return 0;
      const c = cred as unknown as Cred;
      if (cap === CAP_SETUID) {
        if (lookup(c.uid, INVALID_ID, 'UID') === 'SIDPOL_DEFAULT') return 0;
        warn(
          `Operation requires CAP_SETUID, which is not available to UID ${c.uid} for operations besides approved set*uid transitions`,
        );
        return -EPERM;
      }
      if (lookup(c.gid, INVALID_ID, 'GID') === 'SIDPOL_DEFAULT') return 0;
      warn(
        `Operation requires CAP_SETGID, which is not available to GID ${c.gid} for operations besides approved set*gid transitions`,
      );
      return -EPERM;
    },
    /** safesetid_task_fix_setuid(): uid, euid, suid and fsuid each permitted for the old cred. */
    task_fix_setuid: (nw, old) => fixSetid('UID', nw as unknown as Cred, old as unknown as Cred),
    /** safesetid_task_fix_setgid(): gid, egid, sgid and fsgid each permitted for the old cred. */
    task_fix_setgid: (nw, old) => fixSetid('GID', nw as unknown as Cred, old as unknown as Cred),
    /** safesetid_task_fix_setgroups(): each supplementary group permitted as a gid transition. */
    task_fix_setgroups: (nw, old) => {
      const o = old as unknown as Cred;
      if (lookup(o.gid, INVALID_ID, 'GID') === 'SIDPOL_DEFAULT') return 0;
      for (const g of (nw as unknown as Cred).groups)
        if (!idPermittedForCred(o, g, 'GID')) return forceSigkill('supplementary group not in the allowlist');
      return 0;
    },
  };
  return { hooks };
}

export const safesetidModel: InTreeModel = {
  name: 'safesetid',
  implemented: () => ['capable', 'task_fix_setuid', 'task_fix_setgid', 'task_fix_setgroups'],
  notes: {
    capable: 'user namespaces are not modelled (ids are init_user_ns ids)',
  },
  init: (ctx) => safesetidInit(ctx),
};
