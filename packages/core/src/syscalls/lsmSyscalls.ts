// security/lsm_syscalls.c and the security_getselfattr()/security_setselfattr() wrappers of
// security/security.c (7.1; 6.18 and 6.8 where they differ), with the kernel's exact order of
// checks and the points at which *size is written.
// Linux 6.8.0 shipped `size_t __user *size` (8 bytes on x86_64) for lsm_list_modules() and
// lsm_get_self_attr(); "lsm: use 32-bit compatible data types in LSM syscalls" (a5a858f622a0,
// lsm-pr-20240314, merged for 6.9 and backported to 6.8.y) made it `u32 __user *size`.
import { E2BIG, EFAULT, EINVAL, EOPNOTSUPP, errnoName } from '../errno';
import { LSM_CTX_HEADER_SIZE, LSM_FLAG_SINGLE, LSM_ID_UNDEF } from '../uapi/lsm';
import type { Ref } from '../kernel/objects';
import { enterHook, exitHook, invoke, requireHook, type DispatchEnv } from '../dispatch/callHooks';
import { UserFault, decodeLsmCtx, encodeLsmCtx, type UserMemory } from './userMemory';

const PAGE_SIZE = 4096;

export interface SyscallEnv extends DispatchEnv {
  readonly mem: UserMemory;
  /** lsm_idlist[0 .. lsm_active_cnt): the LSM ids in list order. */
  readonly idlist: readonly number[];
}

function fault<T>(f: () => T): T | typeof FAULT {
  try {
    return f();
  } catch (e) {
    if (e instanceof UserFault) return FAULT;
    throw e;
  }
}
const FAULT = Symbol('EFAULT');

/** get_user(x, size): a size_t (u64) in 6.8.0, a u32 since 6.9. */
function getUserSize(env: SyscallEnv, addr: number): number {
  return env.version === '6.8' ? Number(env.mem.getU64(addr)) : env.mem.getU32(addr);
}

/** put_user(x, size): a size_t (u64) in 6.8.0, a u32 since 6.9. */
function putUserSize(env: SyscallEnv, addr: number, v: number): void {
  if (env.version === '6.8') env.mem.putU64(addr, BigInt(v));
  else env.mem.putU32(addr, v);
}

/** lsm_list_modules(ids, size, flags): *size is written before the size check. */
export function sysLsmListModules(env: SyscallEnv, ids: number, size: number, flags: number): number {
  const total = env.idlist.length * 8;
  if (flags) return -EINVAL;
  const usize = fault(() => getUserSize(env, size));
  if (usize === FAULT) return -EFAULT;
  if (fault(() => putUserSize(env, size, total)) === FAULT) return -EFAULT;
  if (usize < total) return -E2BIG;
  for (let i = 0; i < env.idlist.length; i++) {
    if (fault(() => env.mem.putU64(ids + 8 * i, BigInt(env.idlist[i]!))) === FAULT) return -EFAULT;
  }
  return env.idlist.length;
}

/**
 * lsm_fill_user_ctx() (security/security.c): entry length ALIGN(32 + val_len, 8); -E2BIG when it
 * does not fit *uctx_len; a NULL uctx only reports the size; *uctx_len always gets the length.
 * 6.8 has no NULL check, so a NULL uctx faults there.
 */
export function lsmFillUserCtx(
  env: SyscallEnv,
  uctx: number,
  uctxLen: Ref<number>,
  val: Uint8Array,
  id: number,
  flags: number,
): number {
  const nctxLen = Math.ceil((LSM_CTX_HEADER_SIZE + val.length) / 8) * 8;
  let rc = 0;
  if (nctxLen > uctxLen.value) rc = -E2BIG;
  else if (uctx !== 0 || env.version === '6.8') {
    const bytes = encodeLsmCtx({ id, flags, len: nctxLen, ctx: val });
    if (fault(() => env.mem.write(uctx, bytes.slice(0, nctxLen))) === FAULT) rc = -EFAULT;
  }
  uctxLen.value = nctxLen;
  return rc;
}

/** security_getselfattr(), the body of lsm_get_self_attr(attr, ctx, size, flags). */
export function securityGetselfattr(env: SyscallEnv, attr: number, uctx: number, size: number, flags: number): number {
  const def = requireHook(env, 'getselfattr');
  if (attr === 0) return -EINVAL;
  if (size === 0) return -EINVAL;
  const left0 = fault(() => getUserSize(env, size));
  if (left0 === FAULT) return -EFAULT;
  let left = left0;
  let single = false;
  let wantId = LSM_ID_UNDEF;
  if (flags) {
    if (flags !== LSM_FLAG_SINGLE) return -EINVAL;
    if (uctx !== 0) {
      const hdr = fault(() => decodeLsmCtx(env.mem.read(uctx, LSM_CTX_HEADER_SIZE)));
      if (hdr === FAULT) return -EFAULT;
      wantId = Number(hdr.id);
    }
    if (wantId === LSM_ID_UNDEF) return -EINVAL;
    single = true;
  }
  const args = [attr, uctx, { value: left }, flags];
  const head = enterHook(env, def, args, 'aggregate');
  let total = 0;
  let count = 0;
  let toobig = false;
  for (const e of head) {
    if (single && wantId !== e.lsmId) continue;
    const entrysize: Ref<number> = { value: left };
    const at = uctx !== 0 ? uctx + total : 0;
    let rc = invoke(env, def, e, [attr, at, entrysize, flags]) as number;
    if (rc === -EOPNOTSUPP) continue;
    if (rc === -E2BIG) {
      rc = 0;
      left = 0;
      toobig = true;
    } else if (rc < 0) {
      exitHook(env, def.name, rc, `${e.lsm} failed with ${errnoName(rc)}: returned at once, *size not written`);
      return rc;
    } else {
      left -= entrysize.value;
    }
    total += entrysize.value;
    count += rc;
    if (single) break;
  }
  if (fault(() => putUserSize(env, size, total)) === FAULT) {
    exitHook(env, def.name, -EFAULT, null);
    return -EFAULT;
  }
  const rc = toobig ? -E2BIG : count === 0 ? (def.default as number) : count;
  exitHook(
    env,
    def.name,
    rc,
    `*size = ${total}${toobig ? ' (the space every entry needs)' : ''}; ${count} entr${count === 1 ? 'y' : 'ies'}`,
  );
  return rc;
}

/** security_setselfattr(), the body of lsm_set_self_attr(): only the LSM whose id is ctx->id. */
export function securitySetselfattr(env: SyscallEnv, attr: number, uctx: number, size: number, flags: number): number {
  const def = requireHook(env, 'setselfattr');
  if (flags) return -EINVAL;
  if (size < LSM_CTX_HEADER_SIZE) return -EINVAL;
  if (size > PAGE_SIZE) return -E2BIG;
  const bytes = fault(() => env.mem.read(uctx, size));
  if (bytes === FAULT) return -EFAULT;
  const lctx = decodeLsmCtx(bytes);
  const required = BigInt(LSM_CTX_HEADER_SIZE) + lctx.ctx_len;
  if (BigInt(size) < lctx.len || required > 2n ** 64n - 1n || lctx.len < required) return -EINVAL;
  const args = [attr, lctx, size, flags];
  const head = enterHook(env, def, args, 'targeted_lsm');
  let rc = def.default as number;
  for (const e of head) {
    if (BigInt(e.lsmId) === lctx.id) {
      rc = invoke(env, def, e, args) as number;
      break;
    }
  }
  exitHook(env, def.name, rc, `only the LSM with id ${lctx.id} (ctx->id) is asked`);
  return rc;
}
