// What IMA and EVM share (security/integrity/integrity.h, integrity_audit.c): the security.ima /
// security.evm value types, the integrity status values, integrity_audit_msg()'s record format,
// and the one call IMA makes into EVM (evm_verifyxattr()). In the kernel they are two LSMs of one
// build that call each other's exported functions; the models find each other through the boot
// they belong to (both inits run with the same init cred).
import type { Struct } from '../../kernel/objects';
import type { LsmInitContext } from '../../lsm/lsmInfo';
import type { Dentry, Inode } from '../../machine/types';
import { auditString, taskComm, taskPid, currentCred, currentTask } from '../model';

export const XATTR_NAME_IMA = 'security.ima';
export const XATTR_NAME_EVM = 'security.evm';

/** enum evm_ima_xattr_type (integrity.h). */
export const IMA_XATTR_DIGEST = 0x01;
export const EVM_XATTR_HMAC = 0x02;
export const EVM_IMA_XATTR_DIGSIG = 0x03;
export const IMA_XATTR_DIGEST_NG = 0x04;
export const EVM_XATTR_PORTABLE_DIGSIG = 0x05;
export const IMA_VERITY_DIGSIG = 0x06;
export const IMA_XATTR_LAST = 0x07;

/** enum integrity_status (integrity.h). */
export const INTEGRITY_PASS = 0;
export const INTEGRITY_PASS_IMMUTABLE = 1;
export const INTEGRITY_FAIL = 2;
export const INTEGRITY_FAIL_IMMUTABLE = 3;
export const INTEGRITY_NOLABEL = 4;
export const INTEGRITY_NOXATTRS = 5;
export const INTEGRITY_UNKNOWN = 6;

/** audit_get_loginuid() / audit_get_sessionid() of a task whose login uid was never set (AUDIT_UID_UNSET). */
export const AUDIT_UID_UNSET = 4294967295;

/**
 * integrity_audit_msg() (integrity_audit.c): `pid= uid= auid= ses=` op= cause= comm= [name=]
 * [dev= ino=] res= errno=, with res = !result. The subject's LSM context (audit_log_task_context())
 * is not written: the models have no secctx to give it.
 */
export function integrityAuditBody(
  ctx: LsmInitContext,
  op: string,
  cause: string,
  result: number,
  fname: string | null,
  inode: Inode | null,
  errno = 0,
): string {
  const task = currentTask(ctx);
  const cred = currentCred(ctx);
  let s = `pid=${taskPid(task)} uid=${cred?.uid ?? 0} auid=${AUDIT_UID_UNSET} ses=${AUDIT_UID_UNSET}`;
  s += ` op=${op} cause=${cause} comm=${auditString(taskComm(task))}`;
  if (fname !== null) s += ` name=${auditString(fname)}`;
  if (inode) s += ` dev=${auditString(inode.i_sb.s_id)} ino=${inode.i_ino}`;
  return `${s} res=${result ? 0 : 1} errno=${errno}`;
}

/** What IMA asks of EVM: evm_verifyxattr() and evm_revalidate_status(). */
export interface EvmApi {
  verifyxattr(dentry: Dentry, xattrName: string): number;
  revalidateStatus(xattrName: string): boolean;
}

const EVM_BY_BOOT = new WeakMap<object, EvmApi>();

/** EVM registers itself for the boot whose init cred `key` is (the cred current_cred() gives during init). */
export function registerEvm(key: Struct, api: EvmApi): void {
  EVM_BY_BOOT.set(key, api);
}

/** The EVM of the boot of `key`, or undefined when EVM is not built in. */
export function evmOf(key: Struct): EvmApi | undefined {
  return EVM_BY_BOOT.get(key);
}
