// struct lsm_blob_sizes (include/linux/lsm_hooks.h): which blob kinds each version has, in the
// order lsm_prepare() / lsm_set_blob_sizes() updates them.
import type { KernelVersion } from '../version';

export type BlobKind =
  | 'cred'
  | 'file'
  | 'backing_file'
  | 'ib'
  | 'inode'
  | 'ipc'
  | 'key'
  | 'msg_msg'
  | 'perf_event'
  | 'sock'
  | 'superblock'
  | 'task'
  | 'tun_dev'
  | 'xattr_count'
  | 'bdev'
  | 'bpf_map'
  | 'bpf_prog'
  | 'bpf_token';

/** Requested sizes (before boot) or offsets (after lsm_prepare), by blob kind. */
export type LsmBlobSizes = Partial<Record<BlobKind, number>>;

const V6_18: readonly BlobKind[] = [
  'cred',
  'file',
  'ib',
  'inode',
  'ipc',
  'key',
  'msg_msg',
  'perf_event',
  'sock',
  'superblock',
  'task',
  'tun_dev',
  'xattr_count',
  'bdev',
  'bpf_map',
  'bpf_prog',
  'bpf_token',
];

/** Every blob kind of any version. */
export const ALL_BLOB_KINDS: readonly BlobKind[] = ['cred', 'file', 'backing_file', ...V6_18.slice(2)];

/** The blob kinds of a version, in the order the kernel updates them. */
export function blobKinds(version: KernelVersion): readonly BlobKind[] {
  switch (version) {
    case '7.1':
      // security/lsm_init.c lsm_prepare(): 7.1.3 adds lbs_backing_file after lbs_file.
      return ALL_BLOB_KINDS;
    case '6.18':
      return V6_18;
    case '6.8':
      // security/security.c lsm_set_blob_sizes() of 6.8.
      return ['cred', 'file', 'inode', 'ipc', 'msg_msg', 'superblock', 'task', 'xattr_count'];
  }
}

/** sizeof(struct rcu_head) on 64-bit: reserved at the start of the inode blob. */
export const RCU_HEAD_SIZE = 16;
/** sizeof(void *) on x86_64, the alignment of every blob offset. */
export const POINTER_SIZE = 8;
