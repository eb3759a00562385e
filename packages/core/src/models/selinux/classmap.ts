// The kernel's security classes and their permissions, in bit order (security/selinux/include/
// classmap.h, secclass_map[]). The kernel asks for permissions by these names; a loaded policy
// maps each to its own values (selinux_set_mapping()), and avc_dump_av() prints denied
// permissions in this order. Only the classes the modelled hooks check are listed.
import { CAP_NAMES } from '../../machine/capability';

const COMMON_FILE_SOCK_PERMS = [
  'ioctl',
  'read',
  'write',
  'create',
  'getattr',
  'setattr',
  'lock',
  'relabelfrom',
  'relabelto',
  'append',
  'map',
] as const;

const COMMON_FILE_PERMS = [
  ...COMMON_FILE_SOCK_PERMS,
  'unlink',
  'link',
  'rename',
  'execute',
  'quotaon',
  'mounton',
  'audit_access',
  'open',
  'execmod',
  'watch',
  'watch_mount',
  'watch_sb',
  'watch_with_perm',
  'watch_reads',
] as const;

/**
 * The capability and capability2 classes' permissions: the capability names in bit order,
 * lower case without CAP_ (security/selinux/include/classmap.h COMMON_CAP_PERMS / COMMON_CAP2_PERMS).
 */
const CAP_PERM_NAMES = CAP_NAMES.map((n) => n.slice('CAP_'.length).toLowerCase());
export const COMMON_CAP_PERMS: readonly string[] = CAP_PERM_NAMES.slice(0, 32);
export const COMMON_CAP2_PERMS: readonly string[] = CAP_PERM_NAMES.slice(32);

/** secclass_map[]: class name → permission names in bit order. */
export const SECCLASS_MAP: Readonly<Record<string, readonly string[]>> = {
  security: [
    'compute_av',
    'compute_create',
    'compute_member',
    'check_context',
    'load_policy',
    'compute_relabel',
    'compute_user',
    'setenforce',
    'setbool',
    'setsecparam',
    'setcheckreqprot',
    'read_policy',
    'validate_trans',
  ],
  process: [
    'fork',
    'transition',
    'sigchld',
    'sigkill',
    'sigstop',
    'signull',
    'signal',
    'ptrace',
    'getsched',
    'setsched',
    'getsession',
    'getpgid',
    'setpgid',
    'getcap',
    'setcap',
    'share',
    'getattr',
    'setexec',
    'setfscreate',
    'noatsecure',
    'siginh',
    'setrlimit',
    'rlimitinh',
    'dyntransition',
    'setcurrent',
    'execmem',
    'execstack',
    'execheap',
    'setkeycreate',
    'setsockcreate',
    'getrlimit',
  ],
  process2: ['nnp_transition', 'nosuid_transition'],
  filesystem: [
    'mount',
    'remount',
    'unmount',
    'getattr',
    'relabelfrom',
    'relabelto',
    'associate',
    'quotamod',
    'quotaget',
    'watch',
  ],
  file: [...COMMON_FILE_PERMS, 'execute_no_trans', 'entrypoint'],
  dir: [...COMMON_FILE_PERMS, 'add_name', 'remove_name', 'reparent', 'search', 'rmdir'],
  fd: ['use'],
  lnk_file: COMMON_FILE_PERMS,
  chr_file: COMMON_FILE_PERMS,
  blk_file: COMMON_FILE_PERMS,
  sock_file: COMMON_FILE_PERMS,
  fifo_file: COMMON_FILE_PERMS,
  capability: COMMON_CAP_PERMS,
  capability2: COMMON_CAP2_PERMS,
};

/** inode_mode_to_security_class() (hooks.c): the class of an inode from its file type bits. */
export function inodeModeToSecurityClass(mode: number): string {
  switch (mode & 0o170000) {
    case 0o140000:
      return 'sock_file';
    case 0o120000:
      return 'lnk_file';
    case 0o100000:
      return 'file';
    case 0o060000:
      return 'blk_file';
    case 0o040000:
      return 'dir';
    case 0o020000:
      return 'chr_file';
    case 0o010000:
      return 'fifo_file';
    default:
      return 'file';
  }
}

/** The kernel's permission names of `cls` in `perms`, in secclass_map order (avc_dump_av()). */
export function orderPerms(cls: string, perms: Iterable<string>): string[] {
  const set = new Set(perms);
  const order = SECCLASS_MAP[cls] ?? [];
  return [...order.filter((p) => set.has(p)), ...[...set].filter((p) => !order.includes(p))];
}
