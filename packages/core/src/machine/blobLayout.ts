// Where each LSM's slice lies in each kind of composite blob, as lsm_prepare() laid them out at
// boot (security/lsm_init.c; lsm_set_blob_sizes() in 6.x security/security.c): the memory map the
// World view draws for every object, written or not.
import type { Kernel } from '../kernel';
import { RCU_HEAD_SIZE, type BlobKind } from '../lsm/blobKinds';

/** One LSM's slice of a blob kind: [offset, offset + size). */
export interface BlobLayoutSlice {
  readonly lsm: string;
  readonly offset: number;
  readonly size: number;
}

/** Bytes of a blob that belong to no LSM: the inode blob's leading struct rcu_head. */
export interface BlobReserved {
  readonly offset: number;
  readonly size: number;
  readonly what: string;
}

export interface BlobKindLayout {
  readonly slices: readonly BlobLayoutSlice[];
  readonly reserved: readonly BlobReserved[];
}

/** The layout of every blob kind that has a size, by kind (xattr_count is a slot count, not a blob). */
export type BlobLayout = Readonly<Partial<Record<BlobKind, BlobKindLayout>>>;

/** The blob layout of a booted kernel: its active LSMs' offsets and requested sizes, in offset order. */
export function blobLayout(kernel: Pick<Kernel, 'order' | 'lsm' | 'blobSizes'>): BlobLayout {
  const active = kernel.order.map((n) => kernel.lsm(n)).filter((l) => l !== undefined);
  const layout: Partial<Record<BlobKind, BlobKindLayout>> = {};
  for (const kind of Object.keys(kernel.blobSizes) as BlobKind[]) {
    if (kind === 'xattr_count' || !kernel.blobSizes[kind]) continue;
    const slices: BlobLayoutSlice[] = [];
    for (const l of active) {
      const offset = l.offsets[kind];
      const size = l.requested[kind] ?? 0;
      if (offset !== undefined && size > 0) slices.push({ lsm: l.name, offset, size });
    }
    slices.sort((a, b) => a.offset - b.offset);
    // lsm_prepare(): the inode blob starts with the struct rcu_head that inode_free_by_rcu() uses.
    const reserved = kind === 'inode' ? [{ offset: 0, size: RCU_HEAD_SIZE, what: 'struct rcu_head' }] : [];
    layout[kind] = { slices, reserved };
  }
  return layout;
}
