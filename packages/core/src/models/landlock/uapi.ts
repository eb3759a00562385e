// Landlock's user-space ABI (include/uapi/linux/landlock.h) and what each kernel version of the
// model supports (security/landlock/limits.h, syscalls.c landlock_abi_version, and the ABI table
// of Documentation/userspace-api/landlock.rst).
import type { KernelVersion } from '../../version';

/** Filesystem access rights (LANDLOCK_ACCESS_FS_*), with the ABI that introduced each. */
export const LANDLOCK_ACCESS_FS_EXECUTE = 1 << 0;
export const LANDLOCK_ACCESS_FS_WRITE_FILE = 1 << 1;
export const LANDLOCK_ACCESS_FS_READ_FILE = 1 << 2;
export const LANDLOCK_ACCESS_FS_READ_DIR = 1 << 3;
export const LANDLOCK_ACCESS_FS_REMOVE_DIR = 1 << 4;
export const LANDLOCK_ACCESS_FS_REMOVE_FILE = 1 << 5;
export const LANDLOCK_ACCESS_FS_MAKE_CHAR = 1 << 6;
export const LANDLOCK_ACCESS_FS_MAKE_DIR = 1 << 7;
export const LANDLOCK_ACCESS_FS_MAKE_REG = 1 << 8;
export const LANDLOCK_ACCESS_FS_MAKE_SOCK = 1 << 9;
export const LANDLOCK_ACCESS_FS_MAKE_FIFO = 1 << 10;
export const LANDLOCK_ACCESS_FS_MAKE_BLOCK = 1 << 11;
export const LANDLOCK_ACCESS_FS_MAKE_SYM = 1 << 12;
/** ABI 2 (5.19). */
export const LANDLOCK_ACCESS_FS_REFER = 1 << 13;
/** ABI 3 (6.2). */
export const LANDLOCK_ACCESS_FS_TRUNCATE = 1 << 14;
/** ABI 5 (6.10). */
export const LANDLOCK_ACCESS_FS_IOCTL_DEV = 1 << 15;
/** ABI 9 (7.1). */
export const LANDLOCK_ACCESS_FS_RESOLVE_UNIX = 1 << 16;

/** Network access rights, ABI 4 (6.7). */
export const LANDLOCK_ACCESS_NET_BIND_TCP = 1 << 0;
export const LANDLOCK_ACCESS_NET_CONNECT_TCP = 1 << 1;

/** IPC scopes, ABI 6 (6.12). */
export const LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET = 1 << 0;
export const LANDLOCK_SCOPE_SIGNAL = 1 << 1;

/** landlock_create_ruleset() flags. ERRATA: ABI 7 (6.15). */
export const LANDLOCK_CREATE_RULESET_VERSION = 1 << 0;
export const LANDLOCK_CREATE_RULESET_ERRATA = 1 << 1;

/** landlock_restrict_self() flags: the log_* ones ABI 7 (6.15), TSYNC ABI 8. */
export const LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF = 1 << 0;
export const LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON = 1 << 1;
export const LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF = 1 << 2;
export const LANDLOCK_RESTRICT_SELF_TSYNC = 1 << 3;

/** enum landlock_rule_type. */
export const LANDLOCK_RULE_PATH_BENEATH = 1;
export const LANDLOCK_RULE_NET_PORT = 2;

/** limits.h LANDLOCK_MAX_NUM_LAYERS. */
export const LANDLOCK_MAX_NUM_LAYERS = 16;

/** access.h _LANDLOCK_ACCESS_FS_INITIALLY_DENIED: denied whether handled or not. */
export const LANDLOCK_ACCESS_FS_INITIALLY_DENIED = LANDLOCK_ACCESS_FS_REFER;
/** access.h _LANDLOCK_ACCESS_FS_OPTIONAL: rights kept in the opened file (file blob). */
export const LANDLOCK_ACCESS_FS_OPTIONAL = LANDLOCK_ACCESS_FS_TRUNCATE | LANDLOCK_ACCESS_FS_IOCTL_DEV;

/** fs.c ACCESS_FILE: the rights a rule on a non-directory may carry. */
export const ACCESS_FILE =
  LANDLOCK_ACCESS_FS_EXECUTE |
  LANDLOCK_ACCESS_FS_WRITE_FILE |
  LANDLOCK_ACCESS_FS_READ_FILE |
  LANDLOCK_ACCESS_FS_TRUNCATE |
  LANDLOCK_ACCESS_FS_IOCTL_DEV |
  LANDLOCK_ACCESS_FS_RESOLVE_UNIX;

/** audit.c fs_access_strings[] / net_access_strings[] (the blockers= names), by bit. */
export const FS_ACCESS_STRINGS = [
  'fs.execute',
  'fs.write_file',
  'fs.read_file',
  'fs.read_dir',
  'fs.remove_dir',
  'fs.remove_file',
  'fs.make_char',
  'fs.make_dir',
  'fs.make_reg',
  'fs.make_sock',
  'fs.make_fifo',
  'fs.make_block',
  'fs.make_sym',
  'fs.refer',
  'fs.truncate',
  'fs.ioctl_dev',
  'fs.resolve_unix',
] as const;
export const NET_ACCESS_STRINGS = ['net.bind_tcp', 'net.connect_tcp'] as const;

/** What one kernel version's Landlock accepts. */
export interface LandlockAbi {
  /** landlock_abi_version (LANDLOCK_ABI_VERSION in 6.8). */
  readonly abi: number;
  /** LANDLOCK_MASK_ACCESS_FS / _NET / _SCOPE / _RESTRICT_SELF. */
  readonly fsMask: number;
  readonly netMask: number;
  readonly scopeMask: number;
  readonly restrictSelfMask: number;
  /** sizeof(struct landlock_ruleset_attr): 16 before the scoped field (ABI 6), then 24. */
  readonly rulesetAttrSize: number;
  /** LANDLOCK_CREATE_RULESET_ERRATA exists (and the errata bitmask it returns). */
  readonly errata: number | null;
  /** Audit records (AUDIT_LANDLOCK_ACCESS / _DOMAIN, security/landlock/audit.c, 6.15+). */
  readonly audit: boolean;
}

const lastMask = (last: number): number => last * 2 - 1;

/**
 * 6.8: ABI 4 (fs up to TRUNCATE, net, no scope, no flags); 6.18: ABI 7 (IOCTL_DEV, scopes, errata,
 * log flags); 7.1: ABI 9 (TSYNC, RESOLVE_UNIX). The errata values: security/landlock/errata/abi-*.h
 * lists errata 1 (ABI 4), 2 (ABI 6) and 3 (ABI 1) in both the 6.18 and the 7.1 tree:
 * compute_errata() sets bit (number - 1) for each, so LANDLOCK_CREATE_RULESET_ERRATA returns 7.
 */
export function landlockAbi(version: KernelVersion): LandlockAbi {
  switch (version) {
    case '6.8':
      return {
        abi: 4,
        fsMask: lastMask(LANDLOCK_ACCESS_FS_TRUNCATE),
        netMask: lastMask(LANDLOCK_ACCESS_NET_CONNECT_TCP),
        scopeMask: 0,
        restrictSelfMask: 0,
        rulesetAttrSize: 16,
        errata: null,
        audit: false,
      };
    case '6.18':
      return {
        abi: 7,
        fsMask: lastMask(LANDLOCK_ACCESS_FS_IOCTL_DEV),
        netMask: lastMask(LANDLOCK_ACCESS_NET_CONNECT_TCP),
        scopeMask: lastMask(LANDLOCK_SCOPE_SIGNAL),
        restrictSelfMask: lastMask(LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF),
        rulesetAttrSize: 24,
        errata: ERRATA_6_18,
        audit: true,
      };
    default:
      return {
        abi: 9,
        fsMask: lastMask(LANDLOCK_ACCESS_FS_RESOLVE_UNIX),
        netMask: lastMask(LANDLOCK_ACCESS_NET_CONNECT_TCP),
        scopeMask: lastMask(LANDLOCK_SCOPE_SIGNAL),
        restrictSelfMask: lastMask(LANDLOCK_RESTRICT_SELF_TSYNC),
        rulesetAttrSize: 24,
        errata: ERRATA_7_1,
        audit: true,
      };
  }
}

// Filled in from the errata/abi-*.h files of each tree (see landlockAbi()).
const ERRATA_6_18 = 0b111;
const ERRATA_7_1 = 0b111;

/** The LANDLOCK_* names the syscall arguments accept (syscallArgs.ts parses A|B of these). */
export const LANDLOCK_CONSTANTS: Readonly<Record<string, number>> = {
  LANDLOCK_ACCESS_FS_EXECUTE,
  LANDLOCK_ACCESS_FS_WRITE_FILE,
  LANDLOCK_ACCESS_FS_READ_FILE,
  LANDLOCK_ACCESS_FS_READ_DIR,
  LANDLOCK_ACCESS_FS_REMOVE_DIR,
  LANDLOCK_ACCESS_FS_REMOVE_FILE,
  LANDLOCK_ACCESS_FS_MAKE_CHAR,
  LANDLOCK_ACCESS_FS_MAKE_DIR,
  LANDLOCK_ACCESS_FS_MAKE_REG,
  LANDLOCK_ACCESS_FS_MAKE_SOCK,
  LANDLOCK_ACCESS_FS_MAKE_FIFO,
  LANDLOCK_ACCESS_FS_MAKE_BLOCK,
  LANDLOCK_ACCESS_FS_MAKE_SYM,
  LANDLOCK_ACCESS_FS_REFER,
  LANDLOCK_ACCESS_FS_TRUNCATE,
  LANDLOCK_ACCESS_FS_IOCTL_DEV,
  LANDLOCK_ACCESS_FS_RESOLVE_UNIX,
  LANDLOCK_ACCESS_NET_BIND_TCP,
  LANDLOCK_ACCESS_NET_CONNECT_TCP,
  LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET,
  LANDLOCK_SCOPE_SIGNAL,
  LANDLOCK_CREATE_RULESET_VERSION,
  LANDLOCK_CREATE_RULESET_ERRATA,
  LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF,
  LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON,
  LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF,
  LANDLOCK_RESTRICT_SELF_TSYNC,
  LANDLOCK_RULE_PATH_BENEATH,
  LANDLOCK_RULE_NET_PORT,
};
