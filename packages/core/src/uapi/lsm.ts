// include/uapi/linux/lsm.h (identical in 7.1.3 and 6.18.2; 6.8 lacks IMA, EVM and IPE).

export const LSM_ID_UNDEF = 0;
export const LSM_ID_CAPABILITY = 100;
export const LSM_ID_SELINUX = 101;
export const LSM_ID_SMACK = 102;
export const LSM_ID_TOMOYO = 103;
export const LSM_ID_APPARMOR = 104;
export const LSM_ID_YAMA = 105;
export const LSM_ID_LOADPIN = 106;
export const LSM_ID_SAFESETID = 107;
export const LSM_ID_LOCKDOWN = 108;
export const LSM_ID_BPF = 109;
export const LSM_ID_LANDLOCK = 110;
export const LSM_ID_IMA = 111;
export const LSM_ID_EVM = 112;
export const LSM_ID_IPE = 113;

export const LSM_ATTR_UNDEF = 0;
export const LSM_ATTR_CURRENT = 100;
export const LSM_ATTR_EXEC = 101;
export const LSM_ATTR_FSCREATE = 102;
export const LSM_ATTR_KEYCREATE = 103;
export const LSM_ATTR_PREV = 104;
export const LSM_ATTR_SOCKCREATE = 105;

/** lsm_get_self_attr(2) flag: return only the attribute of the LSM named by ctx->id. */
export const LSM_FLAG_SINGLE = 0x0001;

/** sizeof(struct lsm_ctx) without the flexible ctx[]: id, flags, len, ctx_len as __u64. */
export const LSM_CTX_HEADER_SIZE = 32;

/** x86_64 syscall numbers (arch/x86/entry/syscalls/syscall_64.tbl, common ABI). */
export const __NR_lsm_get_self_attr = 459;
export const __NR_lsm_set_self_attr = 460;
export const __NR_lsm_list_modules = 461;

/** security/lsm_syscalls.c lsm_name_to_attr(): the /proc/<pid>/attr/<name> file of an attribute. */
export function lsmNameToAttr(name: string): number {
  switch (name) {
    case 'current':
      return LSM_ATTR_CURRENT;
    case 'exec':
      return LSM_ATTR_EXEC;
    case 'fscreate':
      return LSM_ATTR_FSCREATE;
    case 'keycreate':
      return LSM_ATTR_KEYCREATE;
    case 'prev':
      return LSM_ATTR_PREV;
    case 'sockcreate':
      return LSM_ATTR_SOCKCREATE;
    default:
      return LSM_ATTR_UNDEF;
  }
}
