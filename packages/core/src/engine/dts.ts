// The type declarations of the `kernel` module that user LSMs import, for the editor's
// IntelliSense (Monaco's TypeScript worker reads them as an extra lib). The Hooks interface is
// generated from the hook table, so every hook of the version is there with its arguments, its
// kernel-doc line and where the kernel calls it; the rest mirrors api.ts (api.test.ts checks).
import { hookDefs, type HookDef } from '../hooks/hookDefs';
import { CAP_NAMES } from '../machine/capability';
import * as oflags from '../machine/syscallArgs';
import * as lsmUapi from '../uapi/lsm';
import type { KernelVersion } from '../version';
import { DEFAULT_KERNEL_VERSION } from '../version';
import { ERRNO_OBJECTS } from './api';
import { RUST_V1_HOOKS } from './defineLsm';

/** The file name the declarations are registered under in the editor. */
export const LSM_API_DTS_PATH = 'file:///node_modules/@types/kernel/index.d.ts';

const STRUCT_TYPES: Readonly<Record<string, string>> = {
  file: 'File',
  inode: 'Inode',
  task_struct: 'Task',
  cred: 'Cred',
  dentry: 'Dentry',
  path: 'Path',
  super_block: 'SuperBlock',
  linux_binprm: 'Binprm',
};

/** The API type of a hook argument, from the model's TypeScript type of it. */
export function apiType(ts: string): string {
  return ts
    .replace(/Struct<'([a-z_0-9]+)'>/g, (_m, s: string) => STRUCT_TYPES[s] ?? `KernelObject<'${s}'>`)
    .replace(/\bUserAddr\b/g, 'number');
}

function hookDoc(def: HookDef, version: KernelVersion): string {
  const sig = `LSM_HOOK(${def.ret}, ${def.defaultText || 'void'}, ${def.name}${def.args.map((a) => `, ${a.ctype}${a.ctype.endsWith('*') ? '' : ' '}${a.name}`).join('')})`;
  const lines = [
    def.doc,
    '',
    def.caller ? `Called from \`${def.caller}()\` (security/security.c, Linux ${version}).` : `Linux ${version}.`,
    `Declared in include/linux/lsm_hook_defs.h: \`${sig}\`.`,
  ];
  if (def.ret === 'int')
    lines.push(`Return \`Ok()\` to allow, \`Err(errno)\` to deny. LSM_RET_DEFAULT is ${def.defaultText}.`);
  else lines.push('A void hook: it cannot deny anything.');
  if (!def.sleepable) lines.push('Called where the kernel may not sleep: no msleep(), might_sleep() or GFP_KERNEL.');
  if (def.implementedBy.length > 0) lines.push(`In-tree LSMs with this hook: ${def.implementedBy.join(', ')}.`);
  if (RUST_V1_HOOKS.includes(def.name)) lines.push('Available in the v1 Rust abstraction.');
  for (const a of def.args) lines.push(`@param ${a.name} \`${a.ctype}\``);
  return `  /**\n${lines.map((l) => `   * ${l}`.trimEnd()).join('\n')}\n   */`;
}

function hookMember(def: HookDef): string {
  const args = def.args.map((a) => `${a.name === 'new' ? 'new_' : a.name}: ${apiType(a.ts)}`).join(', ');
  return `  ${def.name}?(${args}): ${def.ret === 'int' ? 'Result' : 'void'};`;
}

const constants = (entries: [string, number][], type = 'number') =>
  entries.map(([k, v]) => `  /** ${v} */\n  export const ${k}: ${type};`).join('\n');

/** `declare module 'kernel' { … }` for `version`'s hook table. */
export function lsmApiDts(version: KernelVersion = DEFAULT_KERNEL_VERSION): string {
  const defs = [...hookDefs(version).values()];
  const errnos = Object.entries(ERRNO_OBJECTS).map(([k, e]) => `  /** ${e.errno} */\n  export const ${k}: Errno;`);
  const ids = Object.entries(lsmUapi).filter(([k, v]) => k.startsWith('LSM_ID_') && typeof v === 'number') as [
    string,
    number,
  ][];
  const oflagList = Object.entries(oflags).filter(([k, v]) => /^O_[A-Z]+$/.test(k) && typeof v === 'number') as [
    string,
    number,
  ][];
  return `// The kernel module user LSMs import: Rust's kernel::lsm for Linux ${version}, in TypeScript.
// Generated from the playground's hook table (include/linux/lsm_hook_defs.h).
declare module 'kernel' {
  /** kernel::error::Error: an errno. \`EACCES.to_errno()\` is -13. */
  export interface Errno {
    readonly name: string;
    readonly errno: number;
    to_errno(): number;
  }
  /** kernel::error::Result: \`Ok()\` allows, \`Err(EACCES)\` denies with -EACCES. */
  export type Result = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly err: Errno };
  /** Allow (0), or return a non-negative value from hooks that return one. */
  export function Ok(value?: number): Result;
  /** Deny with an errno: \`return Err(EACCES);\`. */
  export function Err(e: Errno): Result;

  /** An out-parameter (\`u32 *secid\`): write \`value\`. */
  export interface Ref<T> {
    value: T;
  }
  /** struct cred: who a task acts as. */
  export interface Cred {
    uid(): number;
    gid(): number;
    euid(): number;
    egid(): number;
    suid(): number;
    fsuid(): number;
    fsgid(): number;
    groups(): number[];
    cap_effective(): bigint;
    cap_permitted(): bigint;
    /** Whether \`cap\` is in the effective set (no LSM is asked: use capable() for a check). */
    has_cap(cap: number): boolean;
  }
  /** struct task_struct. */
  export interface Task {
    pid(): number;
    /** The parent's pid. */
    ppid(): number;
    /** The command name (\`comm\`, at most 15 characters). */
    comm(): string;
    /** The executable's path (mm->exe_file). */
    exe(): string;
    cred(): Cred;
    no_new_privs(): boolean;
  }
  /** struct super_block. */
  export interface SuperBlock {
    id(): string;
    /** The filesystem type: ext4, tmpfs, proc, sysfs, securityfs. */
    fstype(): string;
  }
  /** struct inode. */
  export interface Inode {
    ino(): number;
    /** i_mode: the S_IF* type and permission bits. */
    mode(): number;
    uid(): number;
    gid(): number;
    nlink(): number;
    sb(): SuperBlock;
    /** An extended attribute such as "security.selinux", or null. */
    getxattr(name: string): string | null;
    is_dir(): boolean;
    is_reg(): boolean;
  }
  /** struct dentry: a name in a directory. */
  export interface Dentry {
    name(): string;
    inode(): Inode | null;
    parent(): Dentry;
  }
  /** struct path: a mount and a dentry; toString() is the absolute path. */
  export interface Path {
    dentry(): Dentry;
    toString(): string;
  }
  /** struct file: an open file. */
  export interface File {
    /** The absolute path (d_path of f_path). */
    path(): string;
    f_path(): Path;
    /** f_flags: the O_* flags given to open(). */
    flags(): number;
    /** f_mode: FMODE_READ | FMODE_WRITE | FMODE_EXEC. */
    mode(): number;
    pos(): number;
    inode(): Inode;
    /** f_cred: the credentials of the opener. */
    cred(): Cred;
  }
  /** struct linux_binprm: an execve in progress. */
  export interface Binprm {
    filename(): string;
    interp(): string;
  }
  /** Any other kernel structure: its name and a stable address. */
  export interface KernelObject<S extends string = string> {
    struct_name(): S;
    addr(): number;
  }

  /**
   * kernel::lsm::Hooks: one optional method per LSM hook of Linux ${version}; a missing method is
   * the trait's default (allow, or nothing for void hooks). Register the class with defineLsm().
   */
  export interface Hooks {
${defs.map((d) => `${hookDoc(d, version)}\n${hookMember(d)}`).join('\n')}
  }

  /** What defineLsm() returns: export it as the module's default. */
  export interface LsmDefinition {
    readonly __lsm_definition: true;
  }
  /**
   * kernel::define_lsm!(T, "name\\0", id): registers T's hooks with the LSM framework.
   * @param hooks the class implementing Hooks (its constructor runs in the generated __lsm_init)
   * @param name a C string: "my_lsm\\0". The name is used in lsm=, CONFIG_LSM and /sys/kernel/security/lsm.
   * @param id an LSM_ID_* constant; LSM_ID_UNDEF during development.
   * @param flags lsm_info.flags, as a C DEFINE_LSM sets them (RustShield: LSM_FLAG_LEGACY_MAJOR | LSM_FLAG_EXCLUSIVE);
   *   an exclusive LSM is skipped at boot when another exclusive one (SELinux, Smack, AppArmor) came first.
   */
  export function defineLsm(hooks: new () => Hooks, name: string, id: number, flags?: number): LsmDefinition;

  /** Per-object state in the framework's security blobs (the SecurityBlob<T> planned for Rust v2). */
  export class SecurityBlob<T> {
    /**
     * Declare at the top of the module: blob sizes are fixed at boot.
     * @param kind which objects carry it
     * @param init the value of an object seen for the first time
     * @param size bytes requested in lsm_blob_sizes (default 8)
     */
    constructor(kind: 'task' | 'cred' | 'inode' | 'file' | 'superblock' | 'sock' | 'ipc' | 'key', init?: () => T, size?: number);
    get(obj: Task | Cred | Inode | File | SuperBlock | KernelObject): T;
    set(obj: Task | Cred | Inode | File | SuperBlock | KernelObject, value: T): void;
    /** The byte offset of this slice in every blob of its kind (lsm_blob_sizes, rewritten at boot). */
    offset(): number;
    /** The bytes requested for it. */
    size(): number;
  }

  /** printk at KERN_EMERG … KERN_INFO. Rust format strings: "{}", "{:#x}", "{:?}". Prefixed with the LSM name. */
  export function pr_emerg(fmt: string, ...args: unknown[]): void;
  export function pr_alert(fmt: string, ...args: unknown[]): void;
  export function pr_crit(fmt: string, ...args: unknown[]): void;
  export function pr_err(fmt: string, ...args: unknown[]): void;
  export function pr_warn(fmt: string, ...args: unknown[]): void;
  export function pr_notice(fmt: string, ...args: unknown[]): void;
  /** printk(KERN_INFO): pr_info("blocked {}", path). Every call is logged: in a hot hook, use pr_info_ratelimited. */
  export function pr_info(fmt: string, ...args: unknown[]): void;
  /** Compiled out without DEBUG: prints nothing. */
  export function pr_debug(fmt: string, ...args: unknown[]): void;
  /** At most 10 lines per 5 s per call site, then "N callbacks suppressed". */
  export function pr_err_ratelimited(fmt: string, ...args: unknown[]): void;
  export function pr_warn_ratelimited(fmt: string, ...args: unknown[]): void;
  export function pr_notice_ratelimited(fmt: string, ...args: unknown[]): void;
  export function pr_info_ratelimited(fmt: string, ...args: unknown[]): void;

  /** The task making the syscall. */
  export function current(): Task;
  /** current_cred(): the credentials of the current task. */
  export function current_cred(): Cred;
  /** capable(cap): a capability check through the LSM stack (security_capable), for the current task. */
  export function capable(cap: number): boolean;
  /** might_sleep(): in a hook that may not sleep, the kernel's BUG report. */
  export function might_sleep(): void;
  /** msleep(ms): sleeps; from a non-sleeping hook, the BUG report. */
  export function msleep(ms: number): void;
  /** kmalloc(size, gfp): null past KMALLOC_MAX_SIZE; GFP_KERNEL may sleep. */
  export function kmalloc(size: number, gfp: number): Uint8Array | null;
  export function kfree(p: Uint8Array | null): void;
  export const GFP_KERNEL: number;
  export const GFP_ATOMIC: number;
  /**
   * securityfs_create_file(): /sys/kernel/security/<lsm>/<name>. Call it from the constructor (the
   * LSM's init). \`write\` returns Ok() to take the data or Err(errno) to refuse it.
   */
  export function securityfs_create_file(
    name: string,
    mode: number,
    ops: { read?: () => string; write?: (data: string) => Result },
  ): Errno | null;

${errnos.join('\n')}
${constants(CAP_NAMES.map((n, i) => [n, i]))}
${constants(ids)}
${constants(oflagList)}
  /** lsm_info.flags: BIT(0), BIT(1) (include/linux/lsm_hooks.h). */
  export const LSM_FLAG_LEGACY_MAJOR: number;
  export const LSM_FLAG_EXCLUSIVE: number;
  export const FMODE_READ: number;
  export const FMODE_WRITE: number;
  export const FMODE_EXEC: number;
  export const MAY_EXEC: number;
  export const MAY_WRITE: number;
  export const MAY_READ: number;
  export const MAY_APPEND: number;
  export const MAY_ACCESS: number;
  export const MAY_OPEN: number;
}
`;
}
