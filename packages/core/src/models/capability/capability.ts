// The capability LSM (security/commoncap.c): POSIX capabilities as the first LSM of every stack.
// `capable` (cap_capable()) stays in lsm/inTreeLsms.ts, which every stack uses; this model owns
// the other callbacks: the exec credential computation with file capabilities, the set*uid
// fix-ups, ptrace, prctl, mmap_addr, vm_enough_memory, the "capability" xattr and nice.
import type { HookImpls, HookName } from '../../hooks/hookDefs';
import { EINVAL, ENOMEM, ENOSYS, EOPNOTSUPP, EPERM } from '../../errno';
import type { Ref } from '../../kernel/objects';
import { KERN_INFO, KERN_NOTICE } from '../../kernel/printk';
import type { LsmInitContext } from '../../lsm/lsmInfo';
import {
  CAP_LAST_CAP,
  CAP_SETPCAP,
  CAP_SETUID,
  CAP_SYS_ADMIN,
  CAP_SYS_PTRACE,
  CAP_SYS_RAWIO,
  capRaised,
} from '../../machine/capability';
import { inGroup } from '../../machine/dac';
import type { Cred, Dentry, File, Inode, Task } from '../../machine/types';
import type { KernelVersion } from '../../version';
import { currentCred, currentTask, type InTreeModel } from '../model';
import {
  capGetsecurityValue,
  getVfsCapsFromDisk,
  VFS_CAP_FLAGS_EFFECTIVE,
  VFS_CAP_REVISION_MASK,
  XATTR_NAME_CAPS,
} from './fileCaps';

/** include/uapi/linux/securebits.h. */
export const SECURE_NOROOT = 0;
export const SECURE_NO_SETUID_FIXUP = 2;
export const SECURE_KEEP_CAPS = 4;
export const SECURE_KEEP_CAPS_LOCKED = 5;
export const SECURE_NO_CAP_AMBIENT_RAISE = 6;
/** include/uapi/linux/capability.h (not in machine/capability.ts). */
const CAP_SYS_NICE = 23;
const CAP_SYS_TIME = 25;
const issecure = (c: Cred, bit: number): boolean => (c.securebits & (1 << bit)) !== 0;

/** include/uapi/linux/prctl.h. */
export const PR_GET_KEEPCAPS = 7;
export const PR_SET_KEEPCAPS = 8;
export const PR_CAPBSET_READ = 23;
export const PR_CAPBSET_DROP = 24;
export const PR_GET_SECUREBITS = 27;
export const PR_SET_SECUREBITS = 28;
export const PR_CAP_AMBIENT = 47;
export const PR_CAP_AMBIENT_IS_SET = 1;
export const PR_CAP_AMBIENT_RAISE = 2;
export const PR_CAP_AMBIENT_LOWER = 3;
export const PR_CAP_AMBIENT_CLEAR_ALL = 4;

/** include/linux/security.h LSM_SETID_*, LSM_UNSAFE_*, CAP_OPT_*; include/linux/ptrace.h. */
const LSM_SETID_ID = 1;
const LSM_SETID_RE = 2;
const LSM_SETID_RES = 4;
const LSM_SETID_FS = 8;
const LSM_UNSAFE_PTRACE = 2;
const LSM_UNSAFE_NO_NEW_PRIVS = 4;
const CAP_OPT_NOAUDIT = 1 << 1;
const PTRACE_MODE_FSCREDS = 0x08;
/** include/linux/mount.h MNT_NOSUID. */
const MNT_NOSUID = 0x01;
/** mm/util.c dac_mmap_min_addr = CONFIG_DEFAULT_MMAP_MIN_ADDR (65536 on x86). */
export const DAC_MMAP_MIN_ADDR = 65536;
/** include/linux/capability.h CAP_FS_MASK: CHOWN, DAC_OVERRIDE, DAC_READ_SEARCH, FOWNER, FSETID, MAC_OVERRIDE, LINUX_IMMUTABLE. */
const CAP_FS_MASK = (1n << 0n) | (1n << 1n) | (1n << 2n) | (1n << 3n) | (1n << 4n) | (1n << 32n) | (1n << 9n);

/** The cred the machine is building (prepare_creds()): the kernel's callbacks write it. */
type MutableCred = { -readonly [K in keyof Cred]: Cred[K] };

const capValid = (cap: number): boolean => Number.isInteger(cap) && cap >= 0 && cap <= CAP_LAST_CAP;
const isSubset = (a: bigint, b: bigint): boolean => (a & ~b) === 0n;

/** cap_capable() on the machine's cred: the capability in the effective set (init_user_ns only). */
function capCapable(cred: Cred, cap: number): number {
  return capRaised(cred.cap_effective, cap) ? 0 : -EPERM;
}

function capabilityInit(ctx: LsmInitContext, version: KernelVersion): { hooks: Partial<HookImpls> } {
  let warnedSetuidFcaps = false;
  // no_file_caps (__setup in commoncap.c): file_caps_enabled = 0.
  const fileCapsEnabled = ctx.bootParam('no_file_caps') === undefined;

  /**
   * get_file_caps(): pP' cleared; nothing from a nosuid mount or with no_file_caps; else the
   * xattr's sets into pP' = (X & fP) | (pI & fI) (bprm_caps_from_vfs_caps(): -EPERM when fE is
   * set and a forced capability is not in the bounding set).
   */
  const getFileCaps = (
    filename: string,
    file: File,
    nw: MutableCred,
  ): { rc: number; effective: boolean; hasFcap: boolean } => {
    nw.cap_permitted = 0n;
    const out = { rc: 0, effective: false, hasFcap: false };
    if (!fileCapsEnabled || file.f_path.mnt.mnt_flags & MNT_NOSUID) return out;
    const caps = getVfsCapsFromDisk(file.f_inode.xattrs.get(XATTR_NAME_CAPS));
    if (typeof caps === 'number') {
      if (caps === -EINVAL) {
        ctx.printk(KERN_NOTICE, `Invalid argument reading file caps for ${filename}`);
        out.rc = caps;
      }
      return out;
    }
    if (caps.magic_etc & VFS_CAP_FLAGS_EFFECTIVE) out.effective = true;
    if (caps.magic_etc & VFS_CAP_REVISION_MASK) out.hasFcap = true;
    nw.cap_permitted = (nw.cap_bset & caps.permitted) | (nw.cap_inheritable & caps.inheritable);
    ctx.kfunc(
      'get_file_caps',
      `${filename}: fP 0x${caps.permitted.toString(16)} fI 0x${caps.inheritable.toString(16)}${out.effective ? ' fE' : ''}`,
    );
    if (out.effective && (caps.permitted & ~nw.cap_permitted) !== 0n) out.rc = -EPERM;
    if (out.rc) nw.cap_permitted = 0n;
    return out;
  };

  /** ptracer_capable(): no tracer, or the tracer's cred has CAP_SYS_PTRACE (CAP_OPT_NOAUDIT). */
  const ptracerCapable = (task: Task): boolean => {
    if (!task.ptracer) return true;
    const tracer = ctx.findTaskByVpid(task.ptracer) as Task | null;
    if (!tracer) return true;
    ctx.kfunc('ptracer_capable', `tracer ${tracer.pid}`);
    return ctx.hasCapability(tracer.cred as never, CAP_SYS_PTRACE, CAP_OPT_NOAUDIT);
  };

  /** cap_safe_nice(): a target with more permitted caps than the caller needs CAP_SYS_NICE. */
  const capSafeNice = (p: Task): number =>
    !isSubset(p.cred.cap_permitted, currentCred(ctx).cap_permitted) && !ctx.capable(CAP_SYS_NICE) ? -EPERM : 0;

  const hooks: Partial<HookImpls> = {
    /**
     * cap_bprm_creds_from_file() (security/commoncap.c): the exec's new capability sets. File
     * capabilities (get_file_caps()), then handle_privileged_root() (root, real or effective,
     * gets pP' = bset | pI; an effective root pE' = pP'; a setuid-root file with file caps is
     * left alone), the unsafe-exec downgrade (no_new_privs, or a tracer without
     * CAP_SYS_PTRACE: no id change unless CAP_SETUID without no_new_privs, pP' ∩ pP), saved and
     * fs ids = effective, ambient cleared by file caps or an id change, pP' |= pA',
     * pE' = fE ? pP' : pA', SECURE_KEEP_CAPS cleared, and secureexec.
     */
    bprm_creds_from_file: (bprm, f) => {
      const file = f as unknown as File;
      const fields = (bprm as { fields: Record<string, unknown> }).fields;
      const nw = fields['cred'] as MutableCred;
      const old = currentCred(ctx);
      const filename = String(fields['filename'] ?? '');
      const unsafe = Number(fields['unsafe'] ?? 0);
      const fc = getFileCaps(filename, file, nw);
      if (fc.rc < 0) return fc.rc;
      let effective = fc.effective;
      const hasFcap = fc.hasFcap;
      // handle_privileged_root()
      if (!issecure(old, SECURE_NOROOT)) {
        const isSuidRoot = nw.uid !== 0 && nw.euid === 0;
        if (hasFcap && isSuidRoot) {
          if (!warnedSetuidFcaps) {
            ctx.printk(
              KERN_INFO,
              `warning: \`${filename}' has both setuid-root and effective capabilities. Therefore not raising all capabilities.`,
            );
            warnedSetuidFcaps = true;
          }
        } else {
          if (nw.euid === 0 || nw.uid === 0) nw.cap_permitted = old.cap_bset | old.cap_inheritable;
          if (nw.euid === 0) effective = true;
        }
      }
      const capGained = !isSubset(nw.cap_permitted, old.cap_permitted);
      const idChanged = nw.euid !== old.euid || !inGroup(old, nw.egid);
      ctx.kfunc(
        'cap_bprm_creds_from_file',
        `pP' 0x${nw.cap_permitted.toString(16)}${effective ? ' effective' : ''}${idChanged ? ', ids change' : ''}`,
      );
      if ((idChanged || capGained) && (unsafe & ~LSM_UNSAFE_PTRACE || !ptracerCapable(currentTask(ctx)))) {
        ctx.kfunc('cap_bprm_creds_from_file', 'unsafe exec: no more than the caller had');
        if (!ctx.capable(CAP_SETUID) || unsafe & LSM_UNSAFE_NO_NEW_PRIVS) {
          nw.euid = nw.uid;
          nw.egid = nw.gid;
        }
        nw.cap_permitted &= old.cap_permitted;
      }
      nw.suid = nw.fsuid = nw.euid;
      nw.sgid = nw.fsgid = nw.egid;
      if (hasFcap || idChanged) nw.cap_ambient = 0n;
      nw.cap_permitted |= nw.cap_ambient;
      nw.cap_effective = effective ? nw.cap_permitted : nw.cap_ambient;
      nw.securebits &= ~(1 << SECURE_KEEP_CAPS);
      const secureexec =
        idChanged ||
        nw.euid !== old.uid ||
        nw.egid !== old.gid ||
        (nw.uid !== 0 && (effective || !isSubset(nw.cap_permitted, nw.cap_ambient)));
      fields['secureexec'] = secureexec ? 1 : 0;
      return 0;
    },

    /**
     * cap_task_fix_setuid() → cap_emulate_setxuid(): leaving uid 0 in all of real, effective and
     * saved clears pP and pE (unless SECURE_KEEP_CAPS) and pA; an euid leaving 0 clears pE; an
     * euid becoming 0 gets pE = pP. LSM_SETID_FS moves the fs caps with fsuid 0. Nothing under
     * SECURE_NO_SETUID_FIXUP.
     */
    task_fix_setuid: (n, o, flags) => {
      const nw = n as unknown as MutableCred;
      const old = o as unknown as Cred;
      if (flags === LSM_SETID_ID || flags === LSM_SETID_RE || flags === LSM_SETID_RES) {
        if (issecure(old, SECURE_NO_SETUID_FIXUP)) return 0;
        ctx.kfunc('cap_emulate_setxuid');
        const wasRoot = old.uid === 0 || old.euid === 0 || old.suid === 0;
        const isRoot = nw.uid === 0 || nw.euid === 0 || nw.suid === 0;
        if (wasRoot && !isRoot) {
          if (!issecure(old, SECURE_KEEP_CAPS)) {
            nw.cap_permitted = 0n;
            nw.cap_effective = 0n;
          }
          nw.cap_ambient = 0n;
        }
        if (old.euid === 0 && nw.euid !== 0) nw.cap_effective = 0n;
        if (old.euid !== 0 && nw.euid === 0) nw.cap_effective = nw.cap_permitted;
        return 0;
      }
      if (flags === LSM_SETID_FS) {
        if (issecure(old, SECURE_NO_SETUID_FIXUP)) return 0;
        if (old.fsuid === 0 && nw.fsuid !== 0) nw.cap_effective &= ~CAP_FS_MASK;
        if (old.fsuid !== 0 && nw.fsuid === 0) nw.cap_effective |= nw.cap_permitted & CAP_FS_MASK;
        return 0;
      }
      return -EINVAL;
    },

    /**
     * cap_ptrace_access_check(): the caller's permitted set (effective for PTRACE_MODE_FSCREDS)
     * must hold all of the target's permitted caps, or the caller needs CAP_SYS_PTRACE.
     */
    ptrace_access_check: (child, mode) => {
      const cred = currentCred(ctx);
      const childCred = (child as unknown as Task).cred;
      const callerCaps = mode & PTRACE_MODE_FSCREDS ? cred.cap_effective : cred.cap_permitted;
      if (isSubset(childCred.cap_permitted, callerCaps)) return 0;
      ctx.kfunc('cap_ptrace_access_check', 'the target has caps the caller lacks');
      return ctx.capable(CAP_SYS_PTRACE) ? 0 : -EPERM;
    },

    /** cap_ptrace_traceme(): the parent's permitted set ⊇ current's, or the parent has CAP_SYS_PTRACE. */
    ptrace_traceme: (parent) => {
      const pcred = (parent as unknown as Task).cred;
      if (!pcred) return 0;
      if (isSubset(currentCred(ctx).cap_permitted, pcred.cap_permitted)) return 0;
      ctx.kfunc('cap_ptrace_traceme', 'current has caps the parent lacks');
      return ctx.hasCapability(pcred as never, CAP_SYS_PTRACE) ? 0 : -EPERM;
    },

    /**
     * cap_task_prctl(): PR_CAPBSET_READ, PR_GET_SECUREBITS, PR_GET_KEEPCAPS and
     * PR_CAP_AMBIENT_IS_SET answer from current's cred; PR_CAPBSET_DROP (CAP_SETPCAP),
     * PR_SET_SECUREBITS (no locked bit changed, no lock released, CAP_SETPCAP unless only the
     * unprivileged bits change), PR_SET_KEEPCAPS and PR_CAP_AMBIENT raise/lower/clear change it
     * through prepare_creds()/commit_creds(). Other options return -ENOSYS, so prctl() goes on
     * to its own switch.
     */
    task_prctl: (option, arg2, arg3, arg4, arg5) => {
      const old = currentCred(ctx);
      const a2 = Number(arg2);
      switch (option) {
        case PR_CAPBSET_READ:
          if (!capValid(a2)) return -EINVAL;
          return capRaised(old.cap_bset, a2) ? 1 : 0;
        case PR_CAPBSET_DROP:
          // cap_prctl_drop(): ns_capable(CAP_SETPCAP), a valid cap, then the new cred.
          if (!ctx.capable(CAP_SETPCAP)) return -EPERM;
          if (!capValid(a2)) return -EINVAL;
          return change((nw) => (nw.cap_bset &= ~(1n << BigInt(a2))));
        case PR_SET_SECUREBITS: {
          // SECURE_ALL_BITS: NOROOT, NO_SETUID_FIXUP, KEEP_CAPS, NO_CAP_AMBIENT_RAISE, and since
          // 6.14 the unprivileged EXEC_RESTRICT_FILE and EXEC_DENY_INTERACTIVE.
          const SECURE_ALL_UNPRIVILEGED = version === '6.8' ? 0 : 0x500;
          const SECURE_ALL_BITS = 0x55 | SECURE_ALL_UNPRIVILEGED;
          const SECURE_ALL_LOCKS = SECURE_ALL_BITS << 1;
          const sb = old.securebits;
          if (
            ((sb & SECURE_ALL_LOCKS) >> 1) & (sb ^ a2) ||
            sb & SECURE_ALL_LOCKS & ~a2 ||
            a2 & ~(SECURE_ALL_LOCKS | SECURE_ALL_BITS)
          )
            return -EPERM;
          if (capCapable(old, CAP_SETPCAP) !== 0) {
            const changed = sb ^ a2;
            if (!changed) return -EPERM;
            if (changed & ~(SECURE_ALL_UNPRIVILEGED | (SECURE_ALL_UNPRIVILEGED << 1))) return -EPERM;
          }
          return change((nw) => (nw.securebits = a2));
        }
        case PR_GET_SECUREBITS:
          return old.securebits;
        case PR_GET_KEEPCAPS:
          return issecure(old, SECURE_KEEP_CAPS) ? 1 : 0;
        case PR_SET_KEEPCAPS:
          if (a2 < 0 || a2 > 1) return -EINVAL;
          if (issecure(old, SECURE_KEEP_CAPS_LOCKED)) return -EPERM;
          return change((nw) =>
            a2 ? (nw.securebits |= 1 << SECURE_KEEP_CAPS) : (nw.securebits &= ~(1 << SECURE_KEEP_CAPS)),
          );
        case PR_CAP_AMBIENT: {
          if (a2 === PR_CAP_AMBIENT_CLEAR_ALL) {
            if (arg3 || arg4 || arg5) return -EINVAL;
            return change((nw) => (nw.cap_ambient = 0n));
          }
          const a3 = Number(arg3);
          if (!capValid(a3) || arg4 || arg5) return -EINVAL;
          if (a2 === PR_CAP_AMBIENT_IS_SET) return capRaised(old.cap_ambient, a3) ? 1 : 0;
          if (a2 !== PR_CAP_AMBIENT_RAISE && a2 !== PR_CAP_AMBIENT_LOWER) return -EINVAL;
          if (
            a2 === PR_CAP_AMBIENT_RAISE &&
            (!capRaised(old.cap_permitted, a3) ||
              !capRaised(old.cap_inheritable, a3) ||
              issecure(old, SECURE_NO_CAP_AMBIENT_RAISE))
          )
            return -EPERM;
          return change((nw) =>
            a2 === PR_CAP_AMBIENT_RAISE
              ? (nw.cap_ambient |= 1n << BigInt(a3))
              : (nw.cap_ambient &= ~(1n << BigInt(a3))),
          );
        }
        default:
          return -ENOSYS;
      }
    },

    /** cap_mmap_addr(): below dac_mmap_min_addr needs CAP_SYS_RAWIO, by cap_capable() directly (no hook). */
    mmap_addr: (addr) => {
      if (addr >= DAC_MMAP_MIN_ADDR) return 0;
      const rc = capCapable(currentCred(ctx), CAP_SYS_RAWIO);
      ctx.kfunc('cap_mmap_addr', `0x${addr.toString(16)} < dac_mmap_min_addr: cap_capable(CAP_SYS_RAWIO) = ${rc}`);
      return rc;
    },

    /**
     * cap_vm_enough_memory(): cap_capable(CAP_SYS_ADMIN, CAP_OPT_NOAUDIT) directly. 7.x returns it
     * (a negative value makes security_vm_enough_memory_mm() pass cap_sys_admin = 0); 6.8 returned
     * 1 for "has CAP_SYS_ADMIN" and 0 otherwise.
     */
    vm_enough_memory: () => {
      const rc = capCapable(currentCred(ctx), CAP_SYS_ADMIN);
      if (version === '6.8') return rc === 0 ? 1 : 0;
      return rc;
    },

    /**
     * cap_inode_getsecurity(): only "capability" (else -EOPNOTSUPP, the next LSM's turn); a
     * revision 2 or 3 value as init_user_ns sees it (capGetsecurityValue()); -EINVAL for another
     * header, -ENODATA without the xattr.
     */
    inode_getsecurity: (_idmap, inode, name, buffer) => {
      if (name !== 'capability') return -EOPNOTSUPP;
      const v = capGetsecurityValue((inode as unknown as Inode).xattrs.get(XATTR_NAME_CAPS));
      if (typeof v === 'number') return v;
      (buffer as Ref<unknown>).value = v;
      return v.length;
    },

    /** cap_inode_need_killpriv(): the inode has a security.capability xattr. */
    inode_need_killpriv: (dentry) => ((dentry as unknown as Dentry).d_inode?.xattrs.has(XATTR_NAME_CAPS) ? 1 : 0),

    /** cap_inode_killpriv(): __vfs_removexattr(security.capability); a missing one is not an error here. */
    inode_killpriv: (_idmap, dentry) => {
      (dentry as unknown as Dentry).d_inode?.xattrs.delete(XATTR_NAME_CAPS);
      return 0;
    },

    /** cap_settime(): capable(CAP_SYS_TIME). */
    settime: () => (ctx.capable(CAP_SYS_TIME) ? 0 : -EPERM),
    /** cap_task_setscheduler() → cap_safe_nice(). */
    task_setscheduler: (p) => capSafeNice(p as unknown as Task),
    /** cap_task_setioprio() → cap_safe_nice(). */
    task_setioprio: (p) => capSafeNice(p as unknown as Task),
    /** cap_task_setnice() → cap_safe_nice(). */
    task_setnice: (p) => capSafeNice(p as unknown as Task),
  };

  /** new = prepare_creds() (-ENOMEM when it fails), the change, commit_creds(new). */
  function change(edit: (nw: MutableCred) => unknown): number {
    const nw = ctx.prepareCreds() as unknown as MutableCred | null;
    if (!nw) return -ENOMEM;
    edit(nw);
    return ctx.commitCreds(nw as never);
  }
  return { hooks };
}

const IMPLEMENTED: readonly HookName[] = [
  'settime',
  'ptrace_access_check',
  'ptrace_traceme',
  'bprm_creds_from_file',
  'inode_need_killpriv',
  'inode_killpriv',
  'inode_getsecurity',
  'mmap_addr',
  'task_fix_setuid',
  'task_prctl',
  'task_setscheduler',
  'task_setioprio',
  'task_setnice',
  'vm_enough_memory',
];

export const capabilityModel: InTreeModel = {
  name: 'capability',
  implemented: () => IMPLEMENTED,
  notes: {
    bprm_creds_from_file: 'user namespaces are not modelled; no AUDIT_BPRM_FCAPS record (nonroot_raised_pE) is written',
    task_prctl: 'user namespaces are not modelled (the bounding set and securebits of init_user_ns only)',
    inode_getsecurity: 'user namespaces are not modelled (the reader is in init_user_ns)',
  },
  init: (ctx, version) => capabilityInit(ctx, version),
};
