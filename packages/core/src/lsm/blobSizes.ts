// Blob layout: lsm_blob_size_update() and lsm_prepare() in security/lsm_init.c (7.1);
// lsm_set_blob_size() / lsm_set_blob_sizes() in security/security.c (6.8, 6.18). Same arithmetic.
import type { KernelVersion } from '../version';
import { ALL_BLOB_KINDS, blobKinds, POINTER_SIZE, RCU_HEAD_SIZE, type BlobKind, type LsmBlobSizes } from './blobKinds';

const align = (n: number, a: number): number => Math.ceil(n / a) * a;

/**
 * lsm_blob_size_update(): a zero request gets no slot; otherwise the offset is the running total
 * aligned to sizeof(void *), and the total grows by the request (it is never rounded up at the end).
 */
export function lsmBlobSizeUpdate(request: number, total: number): { offset: number | null; total: number } {
  if (request <= 0) return { offset: null, total };
  const offset = align(total, POINTER_SIZE);
  return { offset, total: offset + request };
}

/**
 * lsm_prepare(): adds one LSM's requests to the running totals and returns its offsets.
 * The inode blob reserves a struct rcu_head at offset 0 before the first LSM that wants inode space.
 * lbs_xattr_count is a count but goes through the same aligned update (selinux 1 + evm 1 = 9).
 */
export function lsmPrepareBlobs(
  version: KernelVersion,
  requests: LsmBlobSizes,
  totals: Record<BlobKind, number>,
): LsmBlobSizes {
  const offsets: LsmBlobSizes = {};
  for (const kind of blobKinds(version)) {
    const req = requests[kind] ?? 0;
    if (kind === 'inode' && req > 0 && totals.inode === 0) totals.inode = RCU_HEAD_SIZE;
    const { offset, total } = lsmBlobSizeUpdate(req, totals[kind]);
    totals[kind] = total;
    if (offset !== null) offsets[kind] = offset;
  }
  return offsets;
}

/** All-zero totals for every blob kind (kinds the version lacks stay 0). */
export function emptyBlobTotals(): Record<BlobKind, number> {
  return Object.fromEntries(ALL_BLOB_KINDS.map((k) => [k, 0])) as Record<BlobKind, number>;
}
