// AppArmor permission bits (security/apparmor/include/perms.h, file.h) and the mapping from the
// policy's file permission letters to them (policy_compat.c map_old_perms(), which the kernel
// applies to the accept tables apparmor_parser builds).

export const MAY_EXEC = 0x1;
export const MAY_WRITE = 0x2;
export const MAY_READ = 0x4;
export const MAY_APPEND = 0x8;
export const AA_MAY_CREATE = 0x0010;
export const AA_MAY_DELETE = 0x0020;
export const AA_MAY_OPEN = 0x0040;
export const AA_MAY_RENAME = 0x0080;
export const AA_MAY_SETATTR = 0x0100;
export const AA_MAY_GETATTR = 0x0200;
export const AA_MAY_CHMOD = 0x1000;
export const AA_MAY_CHOWN = 0x2000;
export const AA_MAY_LOCK = 0x8000;
export const AA_EXEC_MMAP = 0x00010000;
export const AA_MAY_LINK = 0x00040000;
export const AA_MAY_ONEXEC = 0x20000000;
export const AA_MAY_CHANGE_PROFILE = 0x40000000;

/** The file permission letters of a rule as apparmor_parser encodes them ("old" accept-table bits). */
export const OLD_EXEC = 0x1;
export const OLD_WRITE = 0x2;
export const OLD_READ = 0x4;
export const OLD_APPEND = 0x8;
export const OLD_LINK = 0x10;
export const OLD_LOCK = 0x20;
export const OLD_MMAP = 0x40;

/** map_old_perms() (policy_compat.c). */
export function mapOldPerms(old: number): number {
  let n = old & 0xf;
  if (old & OLD_READ) n |= AA_MAY_GETATTR | AA_MAY_OPEN;
  if (old & OLD_WRITE) n |= AA_MAY_SETATTR | AA_MAY_CREATE | AA_MAY_DELETE | AA_MAY_CHMOD | AA_MAY_CHOWN | AA_MAY_OPEN;
  if (old & OLD_LINK) n |= AA_MAY_LINK;
  if (old & OLD_LOCK) n |= AA_MAY_LOCK;
  if (old & OLD_MMAP) n |= AA_EXEC_MMAP;
  return n >>> 0;
}

/** include/file.h AA_AUDIT_FILE_MASK: the requests file_audit_cb() prints masks and uids for. */
export const AA_AUDIT_FILE_MASK =
  MAY_READ |
  MAY_WRITE |
  MAY_EXEC |
  MAY_APPEND |
  AA_MAY_CREATE |
  AA_MAY_DELETE |
  AA_MAY_GETATTR |
  AA_MAY_SETATTR |
  AA_MAY_CHMOD |
  AA_MAY_CHOWN |
  AA_MAY_LOCK |
  AA_EXEC_MMAP |
  AA_MAY_LINK;

/** include/perms.h PERMS_CHRS_MASK. */
const PERMS_CHRS_MASK =
  MAY_READ |
  MAY_WRITE |
  AA_MAY_CREATE |
  AA_MAY_DELETE |
  AA_MAY_LINK |
  AA_MAY_LOCK |
  MAY_EXEC |
  AA_EXEC_MMAP |
  MAY_APPEND;

/** lib.c aa_file_perm_chrs: one letter per bit, in bit order. */
const AA_FILE_PERM_CHRS = 'xwracd         km l     ';

/** file.c map_mask_to_chr_mask(). */
function mapMaskToChrMask(mask: number): number {
  let m = mask & PERMS_CHRS_MASK;
  if (mask & AA_MAY_GETATTR) m |= MAY_READ;
  if (mask & (AA_MAY_SETATTR | AA_MAY_CHMOD | AA_MAY_CHOWN)) m |= MAY_WRITE;
  return m;
}

/** aa_perm_mask_to_str(aa_file_perm_chrs, map_mask_to_chr_mask(mask)): "wr" for read+write (bit order). */
export function fileMaskString(mask: number): string {
  const m = mapMaskToChrMask(mask);
  let s = '';
  for (let i = 0; i < AA_FILE_PERM_CHRS.length; i++)
    if (m & (1 << i) && AA_FILE_PERM_CHRS[i] !== ' ') s += AA_FILE_PERM_CHRS[i];
  return s;
}

/** struct aa_perms, the part the model uses. */
export interface AaPerms {
  allow: number;
  audit: number;
  quiet: number;
}

export const NULL_PERMS: Readonly<AaPerms> = { allow: 0, audit: 0, quiet: 0 };
