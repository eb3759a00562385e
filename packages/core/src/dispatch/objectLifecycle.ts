// The object lifecycle wrappers of security/security.c: security_<object>_alloc() allocates the
// composite blob (lsm_blob_alloc(), or a kmem_cache for files and inodes), then calls the alloc
// hook, and on failure runs the matching free wrapper; security_<object>_free() calls the free
// hook, then frees the blob. Inodes free their blob through RCU (inode_free_security_rcu, 7.1).
import type { HookName } from '../hooks/hookDefs';
import type { Struct } from '../kernel/objects';
import type { BlobKind } from '../lsm/blobKinds';
import { SecurityBlob } from '../lsm/securityBlob';
import type { KernelVersion } from '../version';
import { callIntHook, callVoidHook, type DispatchEnv } from './callHooks';

/** The kernel objects that carry an LSM blob and have alloc/free wrappers. */
export type BlobObject = 'cred' | 'task' | 'inode' | 'file' | 'superblock' | 'sock';

interface Lifecycle {
  readonly struct: string;
  readonly blob: BlobKind;
  readonly alloc: HookName;
  readonly free: HookName;
  readonly wrapper: string;
}

const LIFECYCLE: Readonly<Record<BlobObject, Lifecycle>> = {
  cred: {
    struct: 'cred',
    blob: 'cred',
    alloc: 'cred_alloc_blank',
    free: 'cred_free',
    wrapper: 'security_cred_alloc_blank',
  },
  task: { struct: 'task_struct', blob: 'task', alloc: 'task_alloc', free: 'task_free', wrapper: 'security_task_alloc' },
  inode: {
    struct: 'inode',
    blob: 'inode',
    alloc: 'inode_alloc_security',
    free: 'inode_free_security',
    wrapper: 'security_inode_alloc',
  },
  file: {
    struct: 'file',
    blob: 'file',
    alloc: 'file_alloc_security',
    free: 'file_free_security',
    wrapper: 'security_file_alloc',
  },
  superblock: {
    struct: 'super_block',
    blob: 'superblock',
    alloc: 'sb_alloc_security',
    free: 'sb_free_security',
    wrapper: 'security_sb_alloc',
  },
  sock: {
    struct: 'sock',
    blob: 'sock',
    alloc: 'sk_alloc_security',
    free: 'sk_free_security',
    wrapper: 'security_sk_alloc',
  },
};

/** The struct name and blob kind of a lifecycle object. */
export function lifecycleOf(kind: BlobObject): { struct: string; blob: BlobKind } {
  return LIFECYCLE[kind];
}

/** lsm_blob_alloc() / lsm_{file,inode}_alloc(): a zeroed blob, or NULL when no LSM asked for one. */
export function lsmBlobAlloc(env: DispatchEnv, obj: Struct, blob: BlobKind, size: number): void {
  obj.security = size > 0 ? new SecurityBlob(blob, size) : null;
  env.tracer.blob('blob_alloc', blob, size, obj);
}

function blobFree(env: DispatchEnv, obj: Struct, blob: BlobKind): void {
  if (!obj.security) return;
  env.tracer.blob('blob_free', blob, obj.security.size, obj);
  obj.security = null;
}

/**
 * security_<kind>_alloc(): blob first, then the alloc hook with `[obj, ...extra]`; if the hook
 * fails, the free wrapper runs (free hook, then the blob is freed) and the error is returned.
 * `prepareFrom` turns the cred case into security_prepare_creds(new, old, gfp).
 */
export function securityObjectAlloc(
  env: DispatchEnv,
  kind: BlobObject,
  obj: Struct,
  extra: readonly unknown[],
  blobSize: number,
  prepareFrom?: Struct,
): number {
  const lc = LIFECYCLE[kind];
  lsmBlobAlloc(env, obj, lc.blob, blobSize);
  // No spread of an empty `extra` (files and inodes have none): a spread walks the iterator.
  const rc =
    kind === 'cred' && prepareFrom
      ? callIntHook(env, 'cred_prepare', [obj, prepareFrom, ...extra])
      : callIntHook(env, lc.alloc, extra.length === 0 ? [obj] : [obj, ...extra]);
  if (rc) securityObjectFree(env, kind, obj);
  return rc;
}

/**
 * security_<kind>_free(): the free hook, then the blob. security_cred_free() returns early when
 * cred->security is NULL (a prepare_creds() failure path); security_inode_free() hands the blob
 * to RCU, whose callback runs inode_free_security_rcu (7.1, 6.18) before freeing it.
 */
export function securityObjectFree(
  env: DispatchEnv,
  kind: BlobObject,
  obj: Struct,
  version: KernelVersion = env.version,
): void {
  const lc = LIFECYCLE[kind];
  if (kind === 'cred' && !obj.security) return;
  callVoidHook(env, lc.free, [obj]);
  if (kind === 'inode' && obj.security && version !== '6.8') {
    // inode_free_by_rcu(): the rcu_head is the first 16 bytes of the inode blob.
    callVoidHook(env, 'inode_free_security_rcu', [obj.security]);
  }
  blobFree(env, obj, lc.blob);
}
