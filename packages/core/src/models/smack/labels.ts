// Smack labels and access bits (security/smack/smack.h, smack_access.c): the built-in labels, the
// MAY_* bits a rule grants, smk_parse_smack()'s label syntax, and the text forms of an access set.
import { MAY_APPEND, MAY_EXEC, MAY_READ, MAY_WRITE } from '../../machine/types';

export { MAY_APPEND, MAY_EXEC, MAY_READ, MAY_WRITE };

/** smack.h: the Smack-only access bits beside include/linux/fs.h's MAY_*. */
export const MAY_TRANSMUTE = 0x1000;
export const MAY_LOCK = 0x2000;
export const MAY_BRINGUP = 0x4000;
export const MAY_ANYREAD = MAY_READ | MAY_EXEC;
export const MAY_READWRITE = MAY_READ | MAY_WRITE;
/** MAY_DELIVER is MAY_WRITE unless CONFIG_SECURITY_SMACK_APPEND_SIGNALS (default n). */
export const MAY_DELIVER = MAY_WRITE;

/** The built-in labels of smack_access.c: smack_known_{huh,hat,star,floor,web}. */
export const SMACK_HUH = '?';
export const SMACK_HAT = '^';
export const SMACK_STAR = '*';
export const SMACK_FLOOR = '_';
export const SMACK_WEB = '@';
/** init_smack_known_list(): the order smk_insert_entry() puts them on smack_known_list. */
export const BUILTIN_LABELS = [SMACK_HUH, SMACK_HAT, SMACK_STAR, SMACK_FLOOR, SMACK_WEB] as const;

/** SMK_LABELLEN (the fixed-width /smack/load format) and SMK_LONGLABEL (every other interface). */
export const SMK_LABELLEN = 24;
export const SMK_LONGLABEL = 256;

/** The xattrs of smack.h (XATTR_NAME_SMACK*). */
export const XATTR_NAME_SMACK = 'security.SMACK64';
export const XATTR_NAME_SMACKIPIN = 'security.SMACK64IPIN';
export const XATTR_NAME_SMACKIPOUT = 'security.SMACK64IPOUT';
export const XATTR_NAME_SMACKEXEC = 'security.SMACK64EXEC';
export const XATTR_NAME_SMACKMMAP = 'security.SMACK64MMAP';
export const XATTR_NAME_SMACKTRANSMUTE = 'security.SMACK64TRANSMUTE';
export const TRANS_TRUE = 'TRUE';

/** A character smk_parse_smack() stops at: outside '!'..'~', or one of / " \ '. */
export function smkBadChar(c: string): boolean {
  const code = c.charCodeAt(0);
  return code > 0x7e || code <= 0x20 || c === '/' || c === '"' || c === '\\' || c === "'";
}

/**
 * smk_parse_smack(string, len): a leading '-' is refused (it marks an option, not a label); the
 * label is the characters up to the first one smkBadChar() flags (within `len` when given, else
 * the whole string); an empty label or one of SMK_LONGLABEL characters or more is -EINVAL.
 * Returns the label or null (-EINVAL).
 */
export function smkParseSmack(s: string, len = 0): string | null {
  if (s.startsWith('-')) return null;
  const max = len > 0 ? Math.min(len, s.length) : s.length;
  let i = 0;
  while (i < max && !smkBadChar(s[i]!)) i++;
  if (i === 0 || i >= SMK_LONGLABEL) return null;
  return s.slice(0, i);
}

/**
 * smk_perm_from_str(): each of rwxatlb (either case) adds its bit, '-' is skipped, and the first
 * other character ends the string without an error.
 */
export function smkPermFromStr(s: string): number {
  let perm = 0;
  for (const c of s) {
    switch (c) {
      case '-':
        break;
      case 'r':
      case 'R':
        perm |= MAY_READ;
        break;
      case 'w':
      case 'W':
        perm |= MAY_WRITE;
        break;
      case 'x':
      case 'X':
        perm |= MAY_EXEC;
        break;
      case 'a':
      case 'A':
        perm |= MAY_APPEND;
        break;
      case 't':
      case 'T':
        perm |= MAY_TRANSMUTE;
        break;
      case 'l':
      case 'L':
        perm |= MAY_LOCK;
        break;
      case 'b':
      case 'B':
        perm |= MAY_BRINGUP;
        break;
      default:
        return perm;
    }
  }
  return perm;
}

/** smack_str_from_perm() (the audit record's requested=): r w x a t l, in that order. */
export function smackStrFromPerm(access: number): string {
  let s = '';
  if (access & MAY_READ) s += 'r';
  if (access & MAY_WRITE) s += 'w';
  if (access & MAY_EXEC) s += 'x';
  if (access & MAY_APPEND) s += 'a';
  if (access & MAY_TRANSMUTE) s += 't';
  if (access & MAY_LOCK) s += 'l';
  return s;
}

/** smk_rule_show(): the access letters of a rule as /sys/fs/smackfs/load2 lists it (b included). */
export function smkRuleAccessStr(access: number): string {
  return smackStrFromPerm(access) + (access & MAY_BRINGUP ? 'b' : '');
}
