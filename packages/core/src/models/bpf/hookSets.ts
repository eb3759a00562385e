// The BTF id sets of kernel/bpf/bpf_lsm.c that decide where a BPF LSM program may attach and what
// it may return: bpf_lsm_hooks (every hook of lsm_hook_defs.h has a `bpf_lsm_<hook>` stub),
// bpf_lsm_disabled_hooks, sleepable_lsm_hooks, untrusted_lsm_hooks and bool_lsm_hooks, with
// bpf_lsm_get_retval_range(). 7.1 and 6.18 are read from their trees; 6.8 predates the disabled
// set and the return-range check (both arrived with 6.13's "bpf, lsm: Add check for BPF LSM
// return value").
import { hookDefs, type HookDef, type HookName } from '../../hooks/hookDefs';
import type { KernelVersion } from '../../version';

/** include/linux/err.h MAX_ERRNO. */
export const MAX_ERRNO = 4095;

/** bpf_lsm_disabled_hooks (7.1; 6.18 lacks file_alloc_security). CONFIG_KEYS and CONFIG_AUDIT are set. */
const DISABLED_71 = [
  'vm_enough_memory',
  'inode_need_killpriv',
  'inode_getsecurity',
  'inode_listsecurity',
  'inode_copy_up_xattr',
  'getselfattr',
  'getprocattr',
  'setprocattr',
  'key_getsecurity',
  'audit_rule_match',
  'ismaclabel',
  'file_alloc_security',
];

/** sleepable_lsm_hooks of 7.1 (CONFIG_SECURITY_NETWORK and CONFIG_KEYS set). */
const SLEEPABLE_71 = (
  'bpf bpf_map bpf_map_create bpf_map_free bpf_prog bpf_prog_load bpf_prog_free bpf_token_create ' +
  'bpf_token_free bpf_token_cmd bpf_token_capable bprm_check_security bprm_committed_creds ' +
  'bprm_committing_creds bprm_creds_for_exec bprm_creds_from_file capget capset cred_prepare file_ioctl ' +
  'file_lock file_open file_post_open file_receive inode_create inode_free_security inode_getattr ' +
  'inode_getxattr inode_mknod inode_need_killpriv inode_post_setxattr inode_post_removexattr ' +
  'inode_readlink inode_removexattr inode_rename inode_rmdir inode_setattr inode_setxattr inode_symlink ' +
  'inode_unlink kernel_module_request kernel_read_file kernfs_init_security key_free path_unlink ' +
  'path_mkdir path_rmdir path_truncate path_symlink path_link path_rename path_chmod path_chown ' +
  'mmap_file netlink_send path_notify release_secctx sb_alloc_security sb_eat_lsm_opts sb_kern_mount ' +
  'sb_mount sb_remount sb_set_mnt_opts sb_show_options sb_statfs sb_umount settime socket_accept ' +
  'socket_bind socket_connect socket_create socket_getpeername socket_getpeersec_dgram ' +
  'socket_getsockname socket_getsockopt socket_listen socket_post_create socket_recvmsg socket_sendmsg ' +
  'socket_shutdown socket_socketpair syslog task_alloc task_prctl task_setscheduler userns_create ' +
  'bdev_alloc_security bdev_setintegrity'
).split(' ');

/** 6.18's set differs from 7.1's: it has inet_conn_established and task_to_inode, not the bdev ones. */
const SLEEPABLE_618 = [
  ...SLEEPABLE_71.filter((h) => h !== 'bdev_alloc_security' && h !== 'bdev_setintegrity'),
  'inet_conn_established',
  'task_to_inode',
];

/** untrusted_lsm_hooks: arguments that may not be fully set up (no bpf_d_path, no trusted pointers). */
const UNTRUSTED = [
  'bpf_map_free',
  'bpf_prog_free',
  'file_alloc_security',
  'file_free_security',
  'sk_alloc_security',
  'sk_free_security',
  'task_free',
  'bdev_alloc_security',
  'bdev_free_security',
];

/** bool_lsm_hooks: hooks whose result is 0 or 1 (CONFIG_SECURITY_NETWORK_XFRM and CONFIG_AUDIT set). */
const BOOL_HOOKS = ['xfrm_state_pol_flow_match', 'audit_rule_known', 'inode_xattr_skipcap'];

/** The BTF id of `bpf_lsm_<hook>`: vmlinux BTF numbers its types at build time; the model numbers the stubs in lsm_hook_defs.h order. */
export function bpfLsmBtfId(version: KernelVersion, hook: string): number | null {
  let i = 0;
  for (const name of hookDefs(version).keys()) {
    if (name === hook) return 120_000 + i;
    i++;
  }
  return null;
}

/** The hook behind `bpf_lsm_<hook>` (btf_find_by_name_kind(vmlinux, "bpf_lsm_<hook>", BTF_KIND_FUNC)). */
export function bpfLsmHook(version: KernelVersion, hook: string): HookDef | null {
  return hookDefs(version).get(hook as HookName) ?? null;
}

/** btf_id_set_contains(&bpf_lsm_disabled_hooks, ...); 6.8 has no such set. */
export function isDisabledHook(version: KernelVersion, hook: string): boolean {
  if (version === '6.8') return false;
  if (version === '6.18' && hook === 'file_alloc_security') return false;
  return DISABLED_71.includes(hook);
}

/** bpf_lsm_is_sleepable_hook(). 6.8: the 6.18 set, as far as its hooks exist in 6.8 (not read from a 6.8 tree). */
export function isSleepableHook(version: KernelVersion, hook: string): boolean {
  return (version === '7.1' ? SLEEPABLE_71 : SLEEPABLE_618).includes(hook);
}

/** bpf_lsm_is_trusted(). */
export function isTrustedHook(hook: string): boolean {
  return !UNTRUSTED.includes(hook);
}

/**
 * bpf_lsm_get_retval_range() as check_return_code() uses it for BPF_LSM_MAC programs: null for a
 * void hook (the return value is ignored) and in 6.8 (any value is allowed); [0, 1] for the bool
 * hooks; [-MAX_ERRNO, 0] for every other int hook, task_prctl included.
 */
export function retvalRange(version: KernelVersion, def: HookDef): { min: number; max: number } | null {
  if (def.ret === 'void' || version === '6.8') return null;
  if (BOOL_HOOKS.includes(def.name)) return { min: 0, max: 1 };
  return { min: -MAX_ERRNO, max: 0 };
}
