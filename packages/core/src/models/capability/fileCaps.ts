// File capabilities: the security.capability xattr (struct vfs_cap_data / vfs_ns_cap_data,
// include/uapi/linux/capability.h) as get_vfs_caps_from_disk() (security/commoncap.c) reads it.
// The value is little-endian: magic_etc (revision | VFS_CAP_FLAGS_EFFECTIVE), then one (rev 1) or
// two (rev 2, 3) {permitted, inheritable} u32 pairs, then (rev 3) the rootid.
import { ENODATA, EINVAL } from '../../errno';
import { CAP_FULL_SET } from '../../machine/capability';

export const VFS_CAP_REVISION_MASK = 0xff00_0000;
export const VFS_CAP_REVISION_1 = 0x0100_0000;
export const VFS_CAP_REVISION_2 = 0x0200_0000;
export const VFS_CAP_REVISION_3 = 0x0300_0000;
export const VFS_CAP_FLAGS_EFFECTIVE = 0x0000_0001;
/** XATTR_CAPS_SZ_1/2/3. */
const SIZE: Readonly<Record<number, number>> = {
  [VFS_CAP_REVISION_1]: 12,
  [VFS_CAP_REVISION_2]: 20,
  [VFS_CAP_REVISION_3]: 24,
};
export const XATTR_NAME_CAPS = 'security.capability';
/** include/uapi/asm-generic/errno-base.h EOVERFLOW (not in errno.ts). */
const EOVERFLOW = 75;

/** struct cpu_vfs_cap_data. */
export interface CpuVfsCapData {
  readonly magic_etc: number;
  readonly permitted: bigint;
  readonly inheritable: bigint;
  readonly rootid: number;
}

/**
 * The xattr's bytes. The machine keeps xattr values as strings: the image stores the raw bytes
 * (one char each); a value written by the shell's setfattr in its `0x<hex>` form is decoded as
 * setfattr(1) decodes it before calling setxattr(2).
 */
export function xattrBytes(value: string): number[] {
  if (/^0x([0-9a-fA-F]{2})*$/.test(value)) {
    const out: number[] = [];
    for (let i = 2; i < value.length; i += 2) out.push(parseInt(value.slice(i, i + 2), 16));
    return out;
  }
  return [...value].map((c) => c.charCodeAt(0) & 0xff);
}

const le32 = (b: readonly number[], off: number): number =>
  ((b[off] ?? 0) | ((b[off + 1] ?? 0) << 8) | ((b[off + 2] ?? 0) << 16) | ((b[off + 3] ?? 0) << 24)) >>> 0;

/** The raw bytes of a revision 2 vfs_cap_data, as setcap(8) writes them. */
export function vfsCapV2(permitted: bigint, inheritable: bigint, effective: boolean): string {
  const words = [
    VFS_CAP_REVISION_2 | (effective ? VFS_CAP_FLAGS_EFFECTIVE : 0),
    Number(permitted & 0xffff_ffffn),
    Number(inheritable & 0xffff_ffffn),
    Number((permitted >> 32n) & 0xffff_ffffn),
    Number((inheritable >> 32n) & 0xffff_ffffn),
  ];
  return words
    .map((w) => String.fromCharCode(w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, (w >>> 24) & 0xff))
    .join('');
}

/**
 * get_vfs_caps_from_disk(): -ENODATA without the xattr (or for a rootid that is not root in the
 * caller's namespace: only 0 in the model's init_user_ns), -EINVAL for a size that does not
 * match the revision, else the sets masked to CAP_VALID_MASK.
 */
export function getVfsCapsFromDisk(value: string | undefined): CpuVfsCapData | number {
  if (value === undefined) return -ENODATA;
  const b = xattrBytes(value);
  if (b.length < 4) return -EINVAL;
  const magic = le32(b, 0);
  const rev = (magic & VFS_CAP_REVISION_MASK) >>> 0;
  const want = SIZE[rev];
  if (want === undefined || b.length !== want) return -EINVAL;
  const rootid = rev === VFS_CAP_REVISION_3 ? le32(b, 20) : 0;
  if (rootid !== 0) return -ENODATA;
  let permitted = BigInt(le32(b, 4));
  let inheritable = BigInt(le32(b, 8));
  if (rev !== VFS_CAP_REVISION_1) {
    permitted += BigInt(le32(b, 12)) << 32n;
    inheritable += BigInt(le32(b, 16)) << 32n;
  }
  return { magic_etc: magic, permitted: permitted & CAP_FULL_SET, inheritable: inheritable & CAP_FULL_SET, rootid };
}

/** include/uapi/linux/capability.h CAP_NET_RAW. */
const CAP_NET_RAW = 13;

/**
 * The image's file capabilities, as the distribution's package scripts set them with setcap(8):
 * /usr/bin/ping carries cap_net_raw+ep (a revision 2 vfs_cap_data) so it can open raw sockets
 * without being set-user-ID root.
 */
export function fileCapsXattrs(f: { fsType: string; path: string }): Record<string, string> | null {
  if (f.fsType === 'ext4' && f.path === '/usr/bin/ping')
    return { [XATTR_NAME_CAPS]: vfsCapV2(1n << BigInt(CAP_NET_RAW), 0n, true) };
  return null;
}

/**
 * cap_inode_getsecurity()'s view of the xattr for a reader in init_user_ns: only a revision 2 or
 * 3 header of the right size (else -EINVAL); a rootid that maps to a uid other than 0 comes back
 * as the revision 3 value; rootid 0 comes back as revision 2 (a v3 value converted: the
 * effective flag and the data kept). The result is the bytes as a string (one char each).
 */
export function capGetsecurityValue(value: string | undefined): string | number {
  if (value === undefined) return -ENODATA;
  const b = xattrBytes(value);
  const magic = b.length >= 4 ? le32(b, 0) : 0;
  const rev = (magic & VFS_CAP_REVISION_MASK) >>> 0;
  let root: number;
  if (b.length === 20 && rev === VFS_CAP_REVISION_2) root = 0;
  else if (b.length === 24 && rev === VFS_CAP_REVISION_3) root = le32(b, 20);
  else return -EINVAL;
  const raw = String.fromCharCode(...b);
  if (root === 0xffff_ffff) return -EOVERFLOW;
  if (root !== 0) return raw;
  if (rev === VFS_CAP_REVISION_2) return raw;
  const m = VFS_CAP_REVISION_2 | (magic & VFS_CAP_FLAGS_EFFECTIVE);
  return String.fromCharCode(m & 0xff, (m >>> 8) & 0xff, (m >>> 16) & 0xff, (m >>> 24) & 0xff, ...b.slice(4, 20));
}
