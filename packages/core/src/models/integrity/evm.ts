// EVM, the Extended Verification Module (security/integrity/evm/; the `evm` LSM of 6.9+,
// LSM_ORDER_LAST, after ima). EVM protects the security xattrs (security.selinux, .SMACK64,
// .apparmor, .ima, .capability) with an HMAC or a signature in security.evm. It does nothing until
// userspace tells it, through /sys/kernel/security/evm, that a key is loaded (evm_secfs.c); then
// it refuses changes to protected xattrs whose current security.evm does not verify
// (evm_protect_xattr()), and IMA's appraisal asks it to verify security.ima (evm_verifyxattr()).
//
// The model has no keys: the "evm-key" encrypted key for HMACs does not exist (writing 1 to
// /sys/kernel/security/evm fails with -ENOENT, as evm_init_key() does without it) and the .evm
// keyring is empty, so a security.evm value never verifies (integrity_digsig_verify() -ENOKEY,
// INTEGRITY_FAIL). With EVM_INIT_X509 set (echo 2), a file with protected xattrs but no
// security.evm is INTEGRITY_NOLABEL: its protected xattrs cannot be changed, and IMA appraisal of
// it fails with "missing-HMAC".
import { EINVAL, ENOENT, EPERM } from '../../errno';
import type { HookImpls } from '../../hooks/hookDefs';
import type { Struct } from '../../kernel/objects';
import { KERN_INFO } from '../../kernel/printk';
import type { LsmInitContext } from '../../lsm/lsmInfo';
import { CAP_SYS_ADMIN } from '../../machine/capability';
import { isReg, type Dentry, type Inode } from '../../machine/types';
import type { InTreeModel } from '../model';
import {
  EVM_IMA_XATTR_DIGSIG,
  EVM_XATTR_PORTABLE_DIGSIG,
  INTEGRITY_FAIL,
  INTEGRITY_FAIL_IMMUTABLE,
  INTEGRITY_NOLABEL,
  INTEGRITY_NOXATTRS,
  INTEGRITY_PASS,
  INTEGRITY_PASS_IMMUTABLE,
  INTEGRITY_UNKNOWN,
  integrityAuditBody,
  registerEvm,
  XATTR_NAME_EVM,
} from './integrity';

export const EVM_INIT_HMAC = 0x0001;
export const EVM_INIT_X509 = 0x0002;
export const EVM_ALLOW_METADATA_WRITES = 0x0004;
export const EVM_SIGV3_REQUIRED = 0x0008;
export const EVM_SETUP_COMPLETE = 0x80000000;
const EVM_KEY_MASK = EVM_INIT_HMAC | EVM_INIT_X509;
const EVM_INIT_MASK =
  EVM_INIT_HMAC | EVM_INIT_X509 | EVM_SETUP_COMPLETE | EVM_ALLOW_METADATA_WRITES | EVM_SIGV3_REQUIRED;

/** integrity_status_msg[]. */
const STATUS_MSG = ['pass', 'pass_immutable', 'fail', 'fail_immutable', 'no_label', 'no_xattrs', 'unknown'];

/** evm_config_default_xattrnames[] as the model's kernel is built (every LSM, IMA appraisal, no extra Smack xattrs). */
const EVM_XATTRS: readonly { name: string; enabled: boolean }[] = [
  { name: 'security.selinux', enabled: true },
  { name: 'security.SMACK64', enabled: true },
  { name: 'security.SMACK64EXEC', enabled: false },
  { name: 'security.SMACK64TRANSMUTE', enabled: false },
  { name: 'security.SMACK64MMAP', enabled: false },
  { name: 'security.apparmor', enabled: true },
  { name: 'security.ima', enabled: true },
  { name: 'security.capability', enabled: true },
];

/** CONFIG_EVM_ATTR_FSUUID: the HMAC covers the filesystem UUID. */
const EVM_ATTR_FSUUID = 0x0001;

/** Filesystems with xattr handlers in the model (IOP_XATTR): the others give -EOPNOTSUPP. */
const XATTR_FS = new Set(['ext4', 'tmpfs']);

/** kstrtouint(s, 0): decimal, 0x hex or 0 octal, one trailing newline. */
function kstrtouint0(s: string): number | null {
  const t = s.replace(/\n$/, '').replace(/^\+/, '');
  let v: number;
  if (/^0[xX][0-9a-fA-F]+$/.test(t)) v = parseInt(t.slice(2), 16);
  else if (/^0[0-7]*$/.test(t)) v = parseInt(t, 8);
  else if (/^[1-9][0-9]*$/.test(t)) v = Number(t);
  else return null;
  return v <= 0xffffffff ? v : null;
}

/** evm_protected_xattr_common(): the name, or a prefix of the name without "security.", is on the list. */
function protectedXattr(name: string, allXattrs: boolean): boolean {
  for (const x of EVM_XATTRS) {
    if (!allXattrs && !x.enabled) continue;
    if (x.name === name) return true;
    if (x.name.slice('security.'.length).startsWith(name)) return true;
  }
  return false;
}

const posixXattrAcl = (name: string): boolean =>
  name === 'system.posix_acl_access' || name === 'system.posix_acl_default';

function evmInit(ctx: LsmInitContext): { hooks: Partial<HookImpls> } {
  let evmInitialized = 0;
  const evmFixmode = ctx.bootParam('evm') === 'fix';

  // init_evm() → evm_init_config().
  ctx.printk(KERN_INFO, 'evm: Initialising EVM extended attributes:');
  for (const x of EVM_XATTRS) ctx.printk(KERN_INFO, `evm: ${x.name}${x.enabled ? '' : ' (disabled)'}`);
  ctx.printk(KERN_INFO, `evm: HMAC attrs: 0x${EVM_ATTR_FSUUID.toString(16)}`);
  if (ctx.bootParam('evm') !== undefined && !evmFixmode) ctx.printk(3, `evm: invalid "${ctx.bootParam('evm')}" mode`);

  const keyLoaded = (): boolean => (evmInitialized & EVM_KEY_MASK) !== 0;
  /** evm_hmac_disabled(): no HMAC key, and userspace said no key will come. */
  const hmacDisabled = (): boolean => !(evmInitialized & EVM_INIT_HMAC) && (evmInitialized & EVM_SETUP_COMPLETE) !== 0;

  /** evm_find_protected_xattrs(): how many xattrs of the list (enabled or not) the inode has. */
  const findProtected = (inode: Inode): number => EVM_XATTRS.filter((x) => inode.xattrs.has(x.name)).length;

  /**
   * evm_verify_hmac(): without security.evm, NOLABEL if the inode has protected xattrs (else
   * NOXATTRS); with one, its HMAC needs the evm-key and its signature a key on the .evm keyring,
   * neither of which the model has: INTEGRITY_FAIL (FAIL_IMMUTABLE for a portable signature).
   */
  const verifyHmac = (inode: Inode): number => {
    if (!XATTR_FS.has(inode.i_sb.s_type)) return INTEGRITY_UNKNOWN;
    const v = inode.xattrs.get(XATTR_NAME_EVM);
    if (v === undefined) return findProtected(inode) > 0 ? INTEGRITY_NOLABEL : INTEGRITY_NOXATTRS;
    const type = v.charCodeAt(0) & 0xff;
    ctx.kfunc('evm_verify_hmac', 'no evm-key and an empty .evm keyring: security.evm does not verify');
    return type === EVM_XATTR_PORTABLE_DIGSIG ? INTEGRITY_FAIL_IMMUTABLE : INTEGRITY_FAIL;
  };

  /** evm_verify_current_integrity(). */
  const verifyCurrent = (inode: Inode): number => {
    if (!keyLoaded() || !isReg(inode) || evmFixmode) return INTEGRITY_PASS;
    return verifyHmac(inode);
  };

  /** evm_protect_xattr(): the shared check of setxattr and removexattr. */
  const protectXattr = (dentry: Dentry, name: string): number => {
    const inode = dentry.d_inode!;
    let status: number;
    if (name === XATTR_NAME_EVM) {
      if (!ctx.capable(CAP_SYS_ADMIN)) return -EPERM;
    } else if (!protectedXattr(name, false)) {
      if (!posixXattrAcl(name)) return 0;
      status = verifyCurrent(inode);
      if (status === INTEGRITY_PASS || status === INTEGRITY_NOXATTRS) return 0;
      return finish(dentry, status);
    }
    status = verifyCurrent(inode);
    if (status === INTEGRITY_NOXATTRS) {
      if (hmacDisabled()) return 0;
      if (['tmpfs', 'sysfs'].includes(inode.i_sb.s_type)) return 0;
      ctx.audit(
        'INTEGRITY_METADATA',
        integrityAuditBody(ctx, 'update_metadata', STATUS_MSG[status]!, -EPERM, dentry.d_name, inode),
      );
    }
    return finish(dentry, status);
  };

  const finish = (dentry: Dentry, status: number): number => {
    if (hmacDisabled() && (status === INTEGRITY_NOLABEL || status === INTEGRITY_UNKNOWN)) return 0;
    if (status === INTEGRITY_FAIL_IMMUTABLE) return 0;
    if (status !== INTEGRITY_PASS && status !== INTEGRITY_PASS_IMMUTABLE)
      ctx.audit(
        'INTEGRITY_METADATA',
        integrityAuditBody(ctx, 'appraise_metadata', STATUS_MSG[status]!, -EPERM, dentry.d_name, dentry.d_inode),
      );
    return status === INTEGRITY_PASS ? 0 : -EPERM;
  };

  /** evm_revalidate_status(). */
  const revalidateStatus = (name: string | null): boolean => {
    if (!keyLoaded()) return false;
    if (name === null) return true;
    return protectedXattr(name, false) || posixXattrAcl(name) || name === XATTR_NAME_EVM;
  };

  registerEvm(ctx.currentCred(), {
    /** evm_verifyxattr(). */
    verifyxattr: (dentry, xattrName) => {
      if (!keyLoaded() || !protectedXattr(xattrName, false) || !dentry.d_inode) return INTEGRITY_UNKNOWN;
      return verifyHmac(dentry.d_inode);
    },
    revalidateStatus: (n) => revalidateStatus(n),
  });

  // evm_init_secfs(): integrity/evm/evm (0660), with /sys/kernel/security/evm a symlink to it.
  ctx.pseudoFileCreate('securityfs', 'evm', {
    mode: 0o660,
    /** evm_read_key(). */
    read: () => String((evmInitialized & ~EVM_SETUP_COMPLETE) >>> 0),
    /** evm_write_key(). */
    write: (data) => {
      ctx.kfunc('evm_write_key', data.trim());
      if (!ctx.capable(CAP_SYS_ADMIN) || evmInitialized & EVM_SETUP_COMPLETE) return -EPERM;
      const i = kstrtouint0(data);
      if (i === null) return -EINVAL;
      if (!i || (i & ~EVM_INIT_MASK) >>> 0 !== 0) return -EINVAL;
      if (i & EVM_ALLOW_METADATA_WRITES && evmInitialized & EVM_INIT_HMAC) return -EPERM;
      if (i & EVM_INIT_HMAC) {
        // evm_init_key(): request_key(&key_type_encrypted, "evm-key") finds no key.
        ctx.kfunc('evm_init_key', 'no "evm-key" encrypted key is loaded');
        return -ENOENT;
      }
      evmInitialized = (evmInitialized | i) >>> 0;
      return data.length;
    },
  });

  const hooks: Partial<HookImpls> = {
    /**
     * evm_inode_setxattr() (evm_main.c): with EVM_ALLOW_METADATA_WRITES anything goes; userspace may
     * write security.evm only as a signature; a protected xattr changes only while the file's
     * current security.evm verifies (evm_protect_xattr()).
     */
    inode_setxattr: (_idmap, dentry, name, value, size) => {
      if (evmInitialized & EVM_ALLOW_METADATA_WRITES) return 0;
      const xname = String(name);
      if (xname === XATTR_NAME_EVM) {
        if (!Number(size)) return -EINVAL;
        const t = String(value ?? '').charCodeAt(0) & 0xff;
        if (t !== EVM_IMA_XATTR_DIGSIG && t !== EVM_XATTR_PORTABLE_DIGSIG) return -EPERM;
      }
      return protectXattr(dentry as unknown as Dentry, xname);
    },
    /** evm_inode_removexattr(). */
    inode_removexattr: (_idmap, dentry, name) => {
      if (evmInitialized & EVM_ALLOW_METADATA_WRITES) return 0;
      return protectXattr(dentry as unknown as Dentry, String(name));
    },
    /**
     * evm_inode_setattr(): chmod/chown of a file whose security.evm does not verify is refused
     * (mode, uid and gid are covered by the HMAC).
     */
    inode_setattr: (...args: unknown[]) => {
      if (evmInitialized & EVM_ALLOW_METADATA_WRITES) return 0;
      // 6.9+: (idmap, dentry, attr).
      const dentry = args[1] as Dentry;
      const attr = args[2] as Struct;
      const valid = Number(attr?.fields?.['ia_valid'] ?? 0);
      if (!(valid & (1 | 2 | 4)) || !dentry?.d_inode) return 0;
      const status = verifyCurrent(dentry.d_inode);
      if (
        status === INTEGRITY_PASS ||
        status === INTEGRITY_NOXATTRS ||
        status === INTEGRITY_FAIL_IMMUTABLE ||
        (hmacDisabled() && (status === INTEGRITY_NOLABEL || status === INTEGRITY_UNKNOWN))
      )
        return 0;
      ctx.audit(
        'INTEGRITY_METADATA',
        integrityAuditBody(ctx, 'appraise_metadata', STATUS_MSG[status]!, -EPERM, dentry.d_name, dentry.d_inode),
      );
      return -EPERM;
    },
  };
  // What EVM does after a change is evm_update_evmxattr() (a new HMAC), only with the HMAC key,
  // which the model never has: these hooks have nothing to do (the status is not cached either).
  /** evm_inode_post_setxattr(). */
  hooks.inode_post_setxattr = () => undefined;
  /** evm_inode_post_removexattr(). */
  hooks.inode_post_removexattr = () => undefined;
  /** evm_inode_post_setattr(). */
  hooks.inode_post_setattr = () => undefined;
  /** evm_inode_alloc_security(): the inode's EVM status starts INTEGRITY_UNKNOWN (not cached here). */
  hooks.inode_alloc_security = () => 0;
  return { hooks };
}

export const evmModel: InTreeModel = {
  name: 'evm',
  implemented: () => [
    'inode_setxattr',
    'inode_removexattr',
    'inode_setattr',
    'inode_post_setxattr',
    'inode_post_removexattr',
    'inode_post_setattr',
    'inode_alloc_security',
  ],
  notes: {
    inode_setxattr: 'no keys: security.evm never verifies, and HMACs are never computed or updated',
    inode_setattr: 'no keys: security.evm never verifies',
    inode_post_setxattr: 'no HMAC key: security.evm is never recomputed',
    inode_post_setattr: 'no HMAC key: security.evm is never recomputed',
  },
  init: (ctx) => evmInit(ctx),
};
