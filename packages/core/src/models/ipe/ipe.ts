// IPE, Integrity Policy Enforcement (security/ipe/, Documentation/admin-guide/LSM/ipe.rst; in
// 6.18 and 7.1): a policy of operations (EXECUTE, KMODULE, FIRMWARE, ...) allowed or denied by
// properties of the file's origin: boot_verified (the file is on the initramfs IPE saw unpacked),
// dm-verity and fs-verity. Policies are written to /sys/kernel/security/ipe/new_policy, then
// activated with policies/<name>/active; every denial (and, with success_audit, every
// allow) is an AUDIT_IPE_ACCESS record.
//
// Build modelled: CONFIG_IPE_PROP_DM_VERITY, CONFIG_IPE_PROP_DM_VERITY_SIGNATURE,
// CONFIG_IPE_PROP_FS_VERITY and CONFIG_IPE_PROP_FS_VERITY_BUILTIN_SIG (the blob sizes of
// blobRequests.json), no CONFIG_IPE_BOOT_POLICY. The machine's root filesystem is ext4 on vda1
// mounted as root, not the initramfs (rootfs) that security_initramfs_populated() marks, and it
// has no dm-verity or fs-verity: boot_verified=TRUE, dmverity_* =TRUE, fsverity_digest= and
// fsverity_signature=TRUE match no file; the =FALSE forms match every file.
import { EACCES, EEXIST, EINVAL, ENOENT, EPERM, ESTALE } from '../../errno';
import type { HookImpls, HookName } from '../../hooks/hookDefs';
import type { Struct } from '../../kernel/objects';
import { kstrtobool } from '../../boot/kstrto';
import type { LsmInitContext } from '../../lsm/lsmInfo';
import { CAP_MAC_ADMIN } from '../../machine/capability';
import { dPath } from '../../machine/world';
import type { File, SuperBlock } from '../../machine/types';
import { utf8Encode } from '../../util/utf8';
import type { KernelVersion } from '../../version';
import { AUDIT_UID_UNSET } from '../integrity/integrity';
import { sha256, toHexUpper } from '../integrity/sha256';
import { auditString, currentTask, taskComm, taskPid, type InTreeModel } from '../model';
import {
  parseIpePolicy,
  versionKey,
  type IpeAction,
  type IpeOp,
  type IpeParsedPolicy,
  type IpeProp,
  type IpeRule,
} from './policy';

const PROT_EXEC = 0x4;
const VM_EXEC = 0x4;

/** enum ipe_hook_type as audit_hook_names[] prints it. */
type IpeHook = 'BPRM_CHECK' | 'BPRM_CREDS_FOR_EXEC' | 'MMAP' | 'MPROTECT' | 'KERNEL_READ' | 'KERNEL_LOAD';

/** enum kernel_read_file_id / kernel_load_data_id (same numbers): the IPE operation of each. */
const ID_TO_OP: Readonly<Record<number, IpeOp>> = {
  1: 'FIRMWARE',
  2: 'KMODULE',
  3: 'KEXEC_IMAGE',
  4: 'KEXEC_INITRAMFS',
  5: 'POLICY',
  6: 'X509_CERT',
  7: 'KMODULE',
};

/** struct ipe_policy: the text, the pkcs7 message it came in, the parsed rules. */
interface IpePolicy {
  readonly text: string;
  /** The buffer written to new_policy (the model takes it as the signed message's content). */
  readonly pkcs7: string;
  readonly parsed: IpeParsedPolicy;
}

/** struct ipe_superblock: set on the rootfs superblock when the initramfs was unpacked. */
interface IpeSuperblock {
  initramfs: boolean;
}

const verStr = (p: IpeParsedPolicy): string => p.version.join('.');

/** The rule as audit_rule() writes it: op=, each property, action=. */
function ruleText(r: IpeRule): string {
  const props = r.props.map((p) => `${propText(p)} `).join('');
  return `op=${r.op} ${props}action=${r.action}`;
}

/** audit_prop_names[] and ipe_digest_audit() ("<alg>" as an untrusted string, ':', upper-case hex). */
function propText(p: IpeProp): string {
  if (p.value) return `${p.type}=${auditString(p.value.alg)}:${toHexUpper(p.value.digest)}`;
  return p.type;
}

function ipeInit(ctx: LsmInitContext, version: KernelVersion): { hooks: Partial<HookImpls> } {
  // The ipe.enforce and ipe.success_audit module parameters (eval.c): enforce on, success audit off.
  let enforce = kstrtobool(ctx.bootParam('ipe.enforce') ?? null) ?? true;
  let successAudit = kstrtobool(ctx.bootParam('ipe.success_audit') ?? null) ?? false;
  const policies = new Map<string, IpePolicy>();
  let active: IpePolicy | null = null;

  const auditIds = (): string => `auid=${AUDIT_UID_UNSET} ses=${AUDIT_UID_UNSET}`;
  const digestOf = (p: IpePolicy): string => `sha256:${toHexUpper(sha256(utf8Encode(p.pkcs7)))}`;

  /** ipe_audit_policy_load(): AUDIT_IPE_POLICY_LOAD, with the policy or the error. */
  const auditLoad = (p: IpePolicy | number): void => {
    const what =
      typeof p === 'number'
        ? 'policy_name=? policy_version=? policy_digest=?'
        : `policy_name="${p.parsed.name}" policy_version=${verStr(p.parsed)} policy_digest=${digestOf(p)}`;
    const err = typeof p === 'number' ? p : 0;
    ctx.audit('IPE_POLICY_LOAD', `${what} ${auditIds()} lsm=ipe res=${err ? 0 : 1} errno=${err}`);
  };

  /** ipe_audit_policy_activation(): AUDIT_IPE_CONFIG_CHANGE with the old and the new active policy. */
  const auditActivation = (old: IpePolicy | null, now: IpePolicy): void => {
    const o = old
      ? `old_active_pol_name="${old.parsed.name}" old_active_pol_version=${verStr(old.parsed)} old_policy_digest=${digestOf(old)}`
      : 'old_active_pol_name=? old_active_pol_version=? old_policy_digest=?';
    const n = `new_active_pol_name="${now.parsed.name}" new_active_pol_version=${verStr(now.parsed)} new_policy_digest=${digestOf(now)}`;
    ctx.audit('IPE_CONFIG_CHANGE', `${o} ${n} ${auditIds()} lsm=ipe res=1`);
  };

  /**
   * ipe_new_policy(): the model takes the buffer as the content of a PKCS#7 message whose
   * signature checks out (verify_pkcs7_signature() against the builtin/secondary keyrings is not
   * modelled; a real kernel refuses a plain-text policy with -EBADMSG), then parses it.
   */
  const newPolicy = (buf: string): IpePolicy | number => {
    const r = parseIpePolicy(buf);
    if (!r.ok) {
      const e = r.error;
      ctx.kfunc('ipe_parse_policy', `line ${e.line}:${e.col}: ${e.reason}`);
      return e.errno;
    }
    return { text: buf, pkcs7: buf, parsed: r.policy };
  };

  const ver = (p: IpePolicy): number => versionKey(p.parsed);

  const capable = (): boolean => ctx.capable(CAP_MAC_ADMIN);

  /** kstrtobool_from_user(). */
  const boolOf = (data: string): boolean | number => kstrtobool(data) ?? -EINVAL;

  /** ipe_set_active_pol(): a lower version than the active policy's cannot take over. */
  const setActive = (p: IpePolicy): number => {
    if (active === p) return 0;
    if (active && ver(active) > ver(p)) return -EINVAL;
    const old = active;
    active = p;
    auditActivation(old, p);
    return 0;
  };

  /** ipe_new_policyfs_node(): policies/<name>/{pkcs7,policy,name,version,active,update,delete}. */
  const addPolicyNode = (name: string): void => {
    const dir = `ipe/policies/${name}`;
    const cur = (): IpePolicy | undefined => policies.get(name);
    const reader = (f: (p: IpePolicy) => string) => () => {
      const p = cur();
      return p ? f(p) : -ENOENT;
    };
    ctx.pseudoFileCreate('securityfs', `${dir}/pkcs7`, { mode: 0o444, read: reader((p) => p.pkcs7), write: null });
    ctx.pseudoFileCreate('securityfs', `${dir}/policy`, { mode: 0o444, read: reader((p) => p.text), write: null });
    ctx.pseudoFileCreate('securityfs', `${dir}/name`, { mode: 0o444, read: reader((p) => p.parsed.name), write: null });
    ctx.pseudoFileCreate('securityfs', `${dir}/version`, {
      mode: 0o444,
      read: reader((p) => verStr(p.parsed)),
      write: null,
    });
    ctx.pseudoFileCreate('securityfs', `${dir}/active`, {
      mode: 0o600,
      read: reader((p) => (p === active ? '1' : '0')),
      /** setactive(). */
      write: (data) => {
        if (!capable()) return -EPERM;
        const v = boolOf(data);
        if (typeof v === 'number') return v;
        if (!v) return -EINVAL;
        const p = cur();
        if (!p) return -ENOENT;
        const rc = setActive(p);
        return rc < 0 ? rc : data.length;
      },
    });
    ctx.pseudoFileCreate('securityfs', `${dir}/update`, {
      mode: 0o200,
      read: null,
      /** update_policy() → ipe_update_policy(): same name, a higher version; the active one stays active. */
      write: (data) => {
        let rc = 0;
        if (!capable()) rc = -EPERM;
        const old = cur();
        if (!rc && !old) rc = -ENOENT;
        let p: IpePolicy | number = 0;
        if (!rc) {
          p = newPolicy(data);
          if (typeof p === 'number') rc = p;
          else if (p.parsed.name !== old!.parsed.name) rc = -EINVAL;
          else if (ver(old!) >= ver(p)) rc = -ESTALE;
        }
        if (rc || typeof p === 'number') {
          auditLoad(rc);
          return rc;
        }
        policies.set(name, p);
        auditLoad(p);
        if (old === active) {
          active = p;
          auditActivation(old!, p);
        }
        return data.length;
      },
    });
    ctx.pseudoFileCreate('securityfs', `${dir}/delete`, {
      mode: 0o200,
      read: null,
      /** delete_policy(): not the active policy. */
      write: (data) => {
        if (!capable()) return -EPERM;
        const v = boolOf(data);
        if (typeof v === 'number') return v;
        if (!v) return -EINVAL;
        const p = cur();
        if (!p) return -ENOENT;
        if (p === active) return -EPERM;
        policies.delete(name);
        for (const f of ['pkcs7', 'policy', 'name', 'version', 'active', 'update', 'delete'])
          ctx.pseudoFileRemove('securityfs', `${dir}/${f}`);
        return data.length;
      },
    });
  };

  // ipe_init_securityfs() (fs.c, an fs_initcall): success_audit and enforce 0600, policies/, new_policy 0200.
  ctx.pseudoFileCreate('securityfs', 'ipe/success_audit', {
    mode: 0o600,
    read: () => (successAudit ? '1' : '0'),
    /** setaudit(). */
    write: (data) => {
      if (!capable()) return -EPERM;
      const v = boolOf(data);
      if (typeof v === 'number') return v;
      successAudit = v;
      return data.length;
    },
  });
  ctx.pseudoFileCreate('securityfs', 'ipe/enforce', {
    mode: 0o600,
    read: () => (enforce ? '1' : '0'),
    /** setenforce(): a change is an AUDIT_MAC_STATUS record. */
    write: (data) => {
      if (!capable()) return -EPERM;
      const v = boolOf(data);
      if (typeof v === 'number') return v;
      if (v !== enforce) {
        ctx.audit(
          'MAC_STATUS',
          `enforcing=${v ? 1 : 0} old_enforcing=${enforce ? 1 : 0} ${auditIds()} enabled=1 old-enabled=1 lsm=ipe res=1`,
        );
        enforce = v;
      }
      return data.length;
    },
  });
  ctx.pseudoFileCreate('securityfs', 'ipe/new_policy', {
    mode: 0o200,
    read: null,
    /** new_policy() (fs.c): CAP_MAC_ADMIN, parse, a policies/<name>/ directory, an IPE_POLICY_LOAD record. */
    write: (data) => {
      let rc = 0;
      let p: IpePolicy | number = -EPERM;
      if (!capable()) rc = -EPERM;
      else {
        p = newPolicy(data);
        if (typeof p === 'number') rc = p;
        else if (policies.has(p.parsed.name)) rc = -EEXIST;
        else if (/[/]|^\.\.?$/.test(p.parsed.name)) rc = -EINVAL;
      }
      if (rc || typeof p === 'number') {
        auditLoad(rc);
        return rc;
      }
      policies.set(p.parsed.name, p);
      addPolicyNode(p.parsed.name);
      auditLoad(p);
      return data.length;
    },
  });

  // A superblock without a blob (the anonymous inodes' pseudo filesystem) has no IPE state.
  const sbBlob = (sb: SuperBlock): IpeSuperblock | undefined =>
    sb.security ? ctx.blob<IpeSuperblock>('superblock', sb as unknown as Struct).get() : undefined;

  /** evaluate_property(): the file's origin against one property. */
  const evalProp = (file: File | null, p: IpeProp): boolean => {
    const bootVerified = !!file && !!sbBlob(file.f_path.mnt.mnt_sb)?.initramfs;
    switch (p.type) {
      case 'boot_verified=FALSE':
        return !bootVerified;
      case 'boot_verified=TRUE':
        return bootVerified;
      // No block device of the machine has a dm-verity root hash or signature.
      case 'dmverity_roothash':
      case 'dmverity_signature=TRUE':
        return false;
      case 'dmverity_signature=FALSE':
        return true;
      // No inode of the machine has fs-verity enabled.
      case 'fsverity_digest':
      case 'fsverity_signature=TRUE':
        return false;
      case 'fsverity_signature=FALSE':
        return true;
    }
  };

  /** ipe_evaluate_event() and ipe_audit_match(). */
  const evaluate = (file: File | null, op: IpeOp | null, hook: IpeHook): number => {
    const pol = active;
    if (!pol) return 0;
    let action: IpeAction;
    let matched: IpeRule | null = null;
    let matchText: string;
    if (op === null) {
      action = pol.parsed.globalDefault ?? 'ALLOW';
      matchText = `DEFAULT action=${action}`;
    } else {
      const table = pol.parsed.rules[op];
      matched = table.rules.find((r) => r.props.every((p) => evalProp(file, p))) ?? null;
      if (matched) {
        action = matched.action;
        matchText = ruleText(matched);
      } else if (table.default) {
        action = table.default;
        matchText = `DEFAULT op=${op} action=${action}`;
      } else {
        action = pol.parsed.globalDefault!;
        matchText = `DEFAULT action=${action}`;
      }
    }
    ctx.kfunc('ipe_evaluate_event', () => `${op ?? 'UNKNOWN'} ${hook}: ${matchText}`);
    if (action === 'DENY' || successAudit) {
      const t = currentTask(ctx);
      let where = ' path=? dev=? ino=?';
      if (file)
        where = ` path=${auditString(dPath(file.f_path))} dev=${auditString(file.f_inode.i_sb.s_id)} ino=${file.f_inode.i_ino}`;
      ctx.audit(
        'IPE_ACCESS',
        `ipe_op=${op ?? 'UNKNOWN'} ipe_hook=${hook} enforcing=${enforce ? 1 : 0} pid=${taskPid(t)} comm=${auditString(taskComm(t))}${where} rule="${matchText}"`,
      );
    }
    if (action === 'DENY' && enforce) return -EACCES;
    return 0;
  };

  const bprmFile = (bprm: unknown): File | null => ((bprm as Struct).fields?.['file'] as File | undefined) ?? null;

  const hooks: Partial<HookImpls> = {
    /** ipe_bprm_check_security() (hooks.c): EXECUTE of bprm->file. */
    bprm_check_security: (bprm) => evaluate(bprmFile(bprm), 'EXECUTE', 'BPRM_CHECK'),
    /** ipe_mmap_file(): EXECUTE when the mapping is executable (anonymous mappings too, with no file). */
    mmap_file: (file, _reqprot, prot) =>
      Number(prot) & PROT_EXEC ? evaluate((file as unknown as File | null) ?? null, 'EXECUTE', 'MMAP') : 0,
    /** ipe_file_mprotect(): EXECUTE when a mapping becomes executable. */
    file_mprotect: (vma, _reqprot, prot) => {
      const v = vma as Struct;
      if (Number(v.fields?.['vm_flags'] ?? 0) & VM_EXEC) return 0;
      if (!(Number(prot) & PROT_EXEC)) return 0;
      return evaluate((v.fields?.['vm_file'] as File | undefined) ?? null, 'EXECUTE', 'MPROTECT');
    },
    /** ipe_kernel_read_file(): the read's purpose as the operation (KMODULE for finit_module). */
    kernel_read_file: (file, id) => evaluate(file as unknown as File, ID_TO_OP[Number(id)] ?? null, 'KERNEL_READ'),
    /** ipe_kernel_load_data(): a buffer from userspace (init_module), with no file. */
    kernel_load_data: (id) => evaluate(null, ID_TO_OP[Number(id)] ?? null, 'KERNEL_LOAD'),
  };
  if (version === '7.1')
    /** ipe_bprm_creds_for_exec(): only execveat(AT_EXECVE_CHECK), which the machine does not make. */
    hooks.bprm_creds_for_exec = (bprm) =>
      (bprm as Struct).fields?.['is_check'] ? evaluate(bprmFile(bprm), 'EXECUTE', 'BPRM_CREDS_FOR_EXEC') : 0;
  return { hooks };
}

const IPE_HOOKS: readonly HookName[] = [
  'bprm_check_security',
  'mmap_file',
  'file_mprotect',
  'kernel_read_file',
  'kernel_load_data',
];

export const ipeModel: InTreeModel = {
  name: 'ipe',
  implemented: (version) => (version === '7.1' ? [...IPE_HOOKS, 'bprm_creds_for_exec'] : IPE_HOOKS),
  notes: {
    bprm_check_security:
      'policies are taken as validly signed (no PKCS#7 check); no file is on the initramfs or on dm-verity/fs-verity',
    mmap_file: 'no file is on the initramfs or on dm-verity/fs-verity',
    file_mprotect: 'not reached: the machine has no mprotect(2)',
    kernel_read_file: 'no file is on the initramfs or on dm-verity/fs-verity',
  },
  init: (ctx, version) => ipeInit(ctx, version),
};
