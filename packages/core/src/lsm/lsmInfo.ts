// struct lsm_info (include/linux/lsm_hooks.h) as the model describes an LSM.
import type { HookImpls, HookName } from '../hooks/hookDefs';
import type { Struct } from '../kernel/objects';
import type { BlobKind, LsmBlobSizes } from './blobKinds';
import type { BlobSlice } from './securityBlob';
import type { AuditType } from '../kernel/audit';
import type { PseudoFileOps, PseudoFs } from './pseudoFiles';

/** enum lsm_order: LSM_ORDER_FIRST (-1), LSM_ORDER_MUTABLE (0), LSM_ORDER_LAST (1). */
export type LsmOrder = 'first' | 'mutable' | 'last';

/** The variable an `lsm_info.enabled` pointer names, e.g. `selinux_enabled_boot` (initially 1). */
export interface EnableVariable {
  readonly name: string;
  readonly initial: number;
}

/**
 * A boot parameter that writes an LSM's enable variable. `__setup` handlers match by prefix
 * (obsolete_checksetup); module parameters (`apparmor.enabled`) match the whole name (parse_one).
 */
export interface EnableParam {
  readonly key: string;
  readonly kind: '__setup' | 'module_param';
  /** kstrtoul(str, 0): numbers only, any non-zero enables; kstrtobool: y/n/1/0/on/off. */
  readonly parse: 'kstrtoul' | 'kstrtobool';
  /** The Kconfig option without which the parameter does not exist. */
  readonly requires?: string;
  /** The kernel function that handles it, for the boot log explanation. */
  readonly handler: string;
}

/** What an LSM's init function can do: register hooks, log, and find its blob slices. */
export interface LsmInitContext {
  /** security_add_hooks(hooks, count, lsmid). */
  securityAddHooks(hooks: HookImpls): void;
  printk(level: number, text: string): void;
  /**
   * printk_ratelimited(): at most DEFAULT_RATELIMIT_BURST (10) lines per 5 s per call site, then
   * "<site>: N callbacks suppressed". `site` is the C function name (default `<lsm>_<hook>`).
   */
  printkRatelimited(level: number, text: string, site?: string): void;
  /**
   * audit_log(): an audit record of `type` (AVC, APPARMOR_DENIED, …) whose body is written as the
   * LSM's audit callback would, e.g. 'avc:  denied  { write } for  pid=1102 comm="bash" ...'.
   */
  audit(type: AuditType, body: string): void;
  /** might_sleep(): in a hook called from atomic context, the kernel's BUG report. */
  mightSleep(what?: string): void;
  /** msleep(ms): sleeps (advances the virtual clock), after might_sleep(). */
  msleep(ms: number): void;
  /** This LSM's offsets in each blob kind (the lsm_blob_sizes the framework rewrote). */
  readonly blobOffsets: Readonly<LsmBlobSizes>;
  /** `obj->security + lsm_blob_sizes.lbs_<kind>`: this LSM's slice of an object's blob. */
  blob<T>(kind: BlobKind, obj: Struct): BlobSlice<T>;
  /** current_cred() and current: the init task during boot, the calling task afterwards. */
  currentCred(): Struct<'cred'>;
  currentTask(): Struct<'task_struct'>;
  /**
   * lsm_fill_user_ctx(uctx, uctx_len, val, val_len, this LSM's id, flags): writes one struct
   * lsm_ctx for lsm_get_self_attr(2); returns 0, -E2BIG or -EFAULT and sets size.value.
   */
  fillUserCtx(uctx: number, size: { value: number }, val: Uint8Array, flags: number): number;
  /**
   * securityfs_create_dir(lsm) + securityfs_create_file(name, mode): a file of
   * /sys/kernel/security/<lsm>/ whose reads and writes the LSM answers. Only during init.
   */
  securityfsCreateFile(file: SecurityfsFile): void;
  /**
   * A file in a pseudo filesystem: securityfs (path below /sys/kernel/security/, so it starts with
   * the LSM's directory), selinuxfs, smackfs or a sysctl under /proc/sys. Allowed at any time: a file
   * created after boot appears in the machine's VFS at once (sel_make_bools() at a policy load).
   */
  pseudoFileCreate(fs: PseudoFs, path: string, ops: PseudoFileOps): void;
  /** Removes a file this LSM created; false when there was none. */
  pseudoFileRemove(fs: PseudoFs, path: string): boolean;
  /**
   * The file init (userspace) writes this LSM's boot policy to (`BootConfig.policies`), e.g.
   * selinuxfs `load` (what systemd's selinux_init_load_policy() does) or securityfs
   * `apparmor/.replace` (apparmor_parser -r). Machine.boot() writes it as pid 1 after the world is up.
   */
  bootPolicyFile(fs: PseudoFs, path: string): void;
  /**
   * The callback of lsm_config_self_policy(2) or lsm_config_system_policy(2) (the unmerged v6
   * series, LSM-FACTS §9): called after the framework's checks and the module's own size, op and
   * flags checks, with the buffer read from userspace; returns 0 or -errno.
   */
  configPolicyHandler(scope: 'self' | 'system', handler: (buf: Uint8Array, flags: number) => number): void;
  /**
   * capable(cap) for current_cred(): security_capable() through every LSM of the stack, as
   * ns_capable() asks it (init_user_ns, CAP_OPT_NONE). During init, the boot cred (full set).
   */
  capable(cap: number, opts?: number): boolean;
  /**
   * has_ns_capability(task, ns, cap) for another task's cred (yama_ptrace_traceme() asks it of the
   * parent): security_capable() with `cred`, through every LSM of the stack.
   */
  hasCapability(cred: Struct<'cred'>, cap: number, opts?: number): boolean;
  /**
   * prepare_creds() for current: a copy of its cred to change, or null where the running syscall
   * does not offer it (the machine lends it to the hooks of prctl(2): cap_task_prctl()).
   */
  prepareCreds(): Struct<'cred'> | null;
  /** commit_creds(new): current gets the prepared cred; returns 0. */
  commitCreds(cred: Struct<'cred'>): number;
  /** find_task_by_vpid(): a task of the running machine, or null (none, or still booting). */
  findTaskByVpid(pid: number): Struct<'task_struct'> | null;
  /** A kernel function on the path, for the trace (only recorded when the trace is). */
  kfunc(fn: string, note?: string | (() => string)): void;
  /**
   * The value of the last `key=value` on the kernel command line (`key` as `lockdown` or
   * `loadpin.enforce`), '' for a bare `key`, undefined when absent.
   */
  bootParam(key: string): string | undefined;
  /** The virtual clock in nanoseconds since boot (ktime_get_ns()). */
  now(): number;
}

/** A securityfs file an LSM created (security/inode.c); read/write run in the reader's syscall. */
export interface SecurityfsFile {
  readonly name: string;
  readonly mode: number;
  /** The file's contents, or -errno. */
  readonly read: (() => string | number) | null;
  /** Consumes a write; returns the bytes taken or -errno. */
  readonly write: ((data: string) => number) | null;
}

/** A description of one LSM, the model's `struct lsm_info` plus its `struct lsm_id`. */
export interface LsmInfo {
  /** lsm_id.name: the name used in `lsm=`, CONFIG_LSM and /sys/kernel/security/lsm. */
  readonly name: string;
  /** lsm_id.id: an LSM_ID_* value. */
  readonly id: number;
  readonly order: LsmOrder;
  /** Defined with DEFINE_EARLY_LSM (lockdown with CONFIG_SECURITY_LOCKDOWN_LSM_EARLY). */
  readonly early?: boolean;
  /** LSM_FLAG_LEGACY_MAJOR */
  readonly legacyMajor?: boolean;
  /** LSM_FLAG_EXCLUSIVE */
  readonly exclusive?: boolean;
  /** The `enabled` pointer: null means NULL (the framework keeps its own true/false). */
  readonly enabled?: EnableVariable | null;
  readonly enableParams?: readonly EnableParam[];
  readonly blobs?: LsmBlobSizes | null;
  /** The LSM's security_hook_list. */
  readonly hooks?: HookImpls;
  /**
   * The init function; returns 0 or -errno. Without one, the framework calls
   * securityAddHooks(hooks) and returns 0, as every in-tree init does on success.
   */
  readonly init?: (ctx: LsmInitContext) => number;
  /** Where the kernel defines it, e.g. `security/selinux/hooks.c`. */
  readonly source?: string;
  /** Hooks whose callback is a stand-in for policy the model does not implement yet. */
  readonly simplified?: Partial<Record<HookName, string>>;
}

/** lsm_info.flags (include/linux/lsm_hooks.h): BIT(0) and BIT(1). */
export const LSM_FLAG_LEGACY_MAJOR = 0x1;
export const LSM_FLAG_EXCLUSIVE = 0x2;
