// The `kernel` module user LSMs import: a TypeScript rendering of Rust's kernel::lsm (the Hooks
// trait, define_lsm!, Result/Err), the kernel objects hooks receive (File, Task, Cred, Inode…) as
// read-only views, printk, capable(), current(), security blobs and securityfs files.
// Its types for the editor are in dts.ts; the two must agree (api.test.ts checks the names).
import * as errno from '../errno';
import type { KernelVersion } from '../version';
import type { SyscallContext } from '../kernel';
import { LSM_FLAG_EXCLUSIVE, LSM_FLAG_LEGACY_MAJOR, type LsmInitContext } from '../lsm/lsmInfo';
import type { BlobKind } from '../lsm/blobKinds';
import type { Struct } from '../kernel/objects';
import * as lsmUapi from '../uapi/lsm';
import { CAP_NAMES } from '../machine/capability';
import * as oflags from '../machine/syscallArgs';
import type { Cred as MCred, Dentry as MDentry, File as MFile, Inode as MInode, Path as MPath } from '../machine/types';
import type { Task as MTask, SuperBlock as MSuperBlock } from '../machine/types';
import { capable as kernelCapable } from '../machine/dac';
import type { World } from '../machine/world';
import { KERN_LEVELS } from './format';
import { formatRust } from './format';

/** Raised by the API for a misuse the kernel would reject at build time (a Rust compile error). */
export class ApiError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

/** An errno as Rust's kernel::error::Error: `EACCES.to_errno()` is -13. */
export interface Errno {
  readonly name: string;
  readonly errno: number;
  to_errno(): number;
}

export type Result = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly err: Errno };

const OK: Result = Object.freeze({ ok: true, value: 0 });
const ERRNOS = new Map<number, Errno>();
const ERRS = new Map<Errno, Result>();

function makeErrno(name: string, value: number): Errno {
  const e: Errno = Object.freeze({ name, errno: value, to_errno: () => -value });
  ERRNOS.set(value, e);
  ERRS.set(e, Object.freeze({ ok: false, err: e }));
  return e;
}

/** Every errno constant of errno.ts as an Errno object (EACCES, EPERM, …). */
export const ERRNO_OBJECTS: Readonly<Record<string, Errno>> = Object.freeze(
  Object.fromEntries(
    Object.entries(errno)
      .filter(([k, v]) => /^E[A-Z0-9]+$/.test(k) && typeof v === 'number')
      .map(([k, v]) => [k, makeErrno(k, v as number)]),
  ),
);

/** Converts what a hook returned to the int the framework sees, or explains what is wrong. */
export function resultToInt(raw: unknown): number | string {
  if (typeof raw === 'object' && raw !== null && 'ok' in raw) {
    const r = raw as { ok: unknown; value?: unknown; err?: unknown };
    if (r.ok === true && typeof r.value === 'number' && Number.isInteger(r.value) && r.value >= 0) return r.value;
    if (r.ok === false && r.err && ERRS.has(r.err as Errno)) return -(r.err as Errno).errno;
  }
  const shown =
    raw === undefined
      ? 'nothing'
      : typeof raw === 'object'
        ? 'an object that is not a Result'
        : typeof raw === 'bigint'
          ? `${raw}n`
          : JSON.stringify(raw);
  return `returned ${shown}; an int hook must return Ok() or Err(errno), e.g. Err(EACCES)`;
}

/** A security blob slot of one kind, declared at the top of a module (lsm_blob_sizes). */
export interface BlobDecl {
  readonly kind: BlobKind;
  readonly size: number;
  readonly init: (() => unknown) | null;
  /** Set at boot: the owning LSM's context. */
  ctx: LsmInitContext | null;
  /** Set at boot: the byte offset of this declaration's slice in the object's blob. */
  offset?: number;
}

/** What the API needs from the engine that hosts it. */
export interface ApiHost {
  readonly version: KernelVersion;
  readonly rustV1: boolean;
  /** The LSM whose code is running (a hook, its init or its module top level), else null. */
  runningLsm(): { readonly name: string; readonly ctx: LsmInitContext | null } | null;
  /** The module being evaluated (for blob declarations and defineLsm), else null. */
  loading(): { readonly fileName: string; readonly blobs: BlobDecl[]; defined: unknown } | null;
  /** Runs LSM `lsm`'s code `fn` (a securityfs handler) as user code: guarded, its faults reported. */
  runAs<T>(lsm: string, what: string, fn: () => T): T;
  world(): World | null;
  syscall(): SyscallContext | null;
}

/** The marker defineLsm() returns; the engine turns it into an lsm_info. */
export const LSM_DEFINITION = Symbol('lsm_definition');

export interface LsmDefinitionInput {
  readonly [LSM_DEFINITION]: true;
  readonly hooksClass: unknown;
  readonly name: unknown;
  readonly id: unknown;
  /** lsm_info.flags (LSM_FLAG_LEGACY_MAJOR | LSM_FLAG_EXCLUSIVE); undefined when not given. */
  readonly flags?: unknown;
  readonly fileName: string;
  readonly blobs: readonly BlobDecl[];
}

const BLOB_KINDS_API: readonly BlobKind[] = ['task', 'cred', 'inode', 'file', 'superblock', 'sock', 'ipc', 'key'];

/** Builds the `kernel` module object for one engine. */
export function createKernelApi(host: ApiHost): Record<string, unknown> {
  const running = (what: string) => {
    const r = host.runningLsm();
    if (!r || !r.ctx) throw new ApiError(`${what} can only be called from a hook or from the LSM's init`);
    return r as { name: string; ctx: LsmInitContext };
  };
  const world = (): World => {
    const w = host.world();
    if (!w) throw new ApiError('no machine is running');
    return w;
  };

  // Read-only views of the model's kernel objects. The raw objects stay out of reach of user code.
  const RAW = new WeakMap<object, Struct>();
  const wrap = <T extends object>(proto: T, s: Struct | null | undefined): T | null => {
    if (!s) return null;
    const o = Object.create(proto) as T;
    RAW.set(o, s);
    return Object.freeze(o);
  };
  const raw = <S>(o: object): S => {
    const s = RAW.get(o);
    if (!s) throw new ApiError('not a kernel object');
    return s as S;
  };
  const CredProto = {
    uid(this: object) {
      return raw<MCred>(this).uid;
    },
    gid(this: object) {
      return raw<MCred>(this).gid;
    },
    euid(this: object) {
      return raw<MCred>(this).euid;
    },
    egid(this: object) {
      return raw<MCred>(this).egid;
    },
    suid(this: object) {
      return raw<MCred>(this).suid;
    },
    fsuid(this: object) {
      return raw<MCred>(this).fsuid;
    },
    fsgid(this: object) {
      return raw<MCred>(this).fsgid;
    },
    groups(this: object) {
      return [...raw<MCred>(this).groups];
    },
    cap_effective(this: object) {
      return raw<MCred>(this).cap_effective;
    },
    cap_permitted(this: object) {
      return raw<MCred>(this).cap_permitted;
    },
    has_cap(this: object, cap: number) {
      return ((raw<MCred>(this).cap_effective >> BigInt(cap)) & 1n) === 1n;
    },
    toString(this: object) {
      const c = raw<MCred>(this);
      return `cred(uid=${c.uid} euid=${c.euid})`;
    },
  };
  const SbProto = {
    id(this: object) {
      return raw<MSuperBlock>(this).s_id;
    },
    fstype(this: object) {
      return raw<MSuperBlock>(this).s_type;
    },
  };
  const InodeProto = {
    ino(this: object) {
      return raw<MInode>(this).i_ino;
    },
    mode(this: object) {
      return raw<MInode>(this).i_mode;
    },
    uid(this: object) {
      return raw<MInode>(this).i_uid;
    },
    gid(this: object) {
      return raw<MInode>(this).i_gid;
    },
    nlink(this: object) {
      return raw<MInode>(this).i_nlink;
    },
    sb(this: object) {
      return wrap(SbProto, raw<MInode>(this).i_sb);
    },
    getxattr(this: object, name: string) {
      return raw<MInode>(this).xattrs.get(name) ?? null;
    },
    is_dir(this: object) {
      return (raw<MInode>(this).i_mode & 0o170000) === 0o040000;
    },
    is_reg(this: object) {
      return (raw<MInode>(this).i_mode & 0o170000) === 0o100000;
    },
    toString(this: object) {
      return `inode(${raw<MInode>(this).i_ino})`;
    },
  };
  const DentryProto = {
    name(this: object) {
      return raw<MDentry>(this).d_name;
    },
    inode(this: object) {
      return wrap(InodeProto, raw<MDentry>(this).d_inode);
    },
    parent(this: object): object | null {
      return wrap(DentryProto, raw<MDentry>(this).d_parent);
    },
    toString(this: object) {
      return raw<MDentry>(this).d_name;
    },
  };
  const PathProto = {
    dentry(this: object) {
      return wrap(DentryProto, raw<MPath>(this).dentry);
    },
    toString(this: object) {
      return world().pathName(raw<MPath>(this));
    },
  };
  const FileProto = {
    path(this: object) {
      return world().pathName(raw<MFile>(this).f_path);
    },
    f_path(this: object) {
      return wrap(PathProto, raw<MFile>(this).f_path);
    },
    flags(this: object) {
      return raw<MFile>(this).f_flags;
    },
    mode(this: object) {
      return raw<MFile>(this).f_mode;
    },
    pos(this: object) {
      return raw<MFile>(this).f_pos;
    },
    inode(this: object) {
      return wrap(InodeProto, raw<MFile>(this).f_inode);
    },
    cred(this: object) {
      return wrap(CredProto, raw<MFile>(this).f_cred);
    },
    toString(this: object) {
      return `file(${world().pathName(raw<MFile>(this).f_path)})`;
    },
  };
  const TaskProto = {
    pid(this: object) {
      return raw<MTask>(this).pid;
    },
    ppid(this: object) {
      return raw<MTask>(this).ppid;
    },
    comm(this: object) {
      return raw<MTask>(this).comm;
    },
    exe(this: object) {
      return raw<MTask>(this).exe;
    },
    cred(this: object) {
      return wrap(CredProto, raw<MTask>(this).cred);
    },
    no_new_privs(this: object) {
      return raw<MTask>(this).no_new_privs;
    },
    toString(this: object) {
      const t = raw<MTask>(this);
      return `${t.comm}[${t.pid}]`;
    },
  };
  const BinprmProto = {
    filename(this: object) {
      return String(raw<Struct>(this).fields?.['filename'] ?? '');
    },
    interp(this: object) {
      return String(raw<Struct>(this).fields?.['interp'] ?? '');
    },
    toString(this: object) {
      return `bprm(${String(raw<Struct>(this).fields?.['filename'] ?? '')})`;
    },
  };
  const ObjectProto = {
    struct_name(this: object) {
      return raw<Struct>(this).struct;
    },
    addr(this: object) {
      return raw<Struct>(this).addr;
    },
    toString(this: object) {
      const s = raw<Struct>(this);
      return `struct ${s.struct} @ ${s.addr.toString(16)}`;
    },
  };
  const PROTOS: Record<string, object> = {
    file: FileProto,
    inode: InodeProto,
    task_struct: TaskProto,
    cred: CredProto,
    dentry: DentryProto,
    path: PathProto,
    super_block: SbProto,
    linux_binprm: BinprmProto,
  };

  /** A hook argument as user code sees it: kernel structs become read-only views. */
  const toUser = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    const s = v as Partial<Struct>;
    if (typeof s.struct === 'string' && typeof s.addr === 'number')
      return wrap(PROTOS[s.struct] ?? ObjectProto, s as Struct);
    return v;
  };

  const printk =
    (level: number) =>
    (fmt: string, ...args: unknown[]) => {
      const r = running(`pr_${KERN_LEVELS[level]}()`);
      r.ctx.printk(level, `${r.name}: ${formatRust(String(fmt), args)}`);
    };
  const printkRatelimited =
    (level: number) =>
    (fmt: string, ...args: unknown[]) => {
      const r = running(`pr_${KERN_LEVELS[level]}_ratelimited()`);
      r.ctx.printkRatelimited(level, `${r.name}: ${formatRust(String(fmt), args)}`);
    };

  class SecurityBlob {
    readonly #decl: BlobDecl;
    constructor(kind: BlobKind, init?: () => unknown, size = 8) {
      const mod = host.loading();
      if (!mod)
        throw new ApiError('new SecurityBlob() belongs at the top level of a module: blob sizes are fixed at boot');
      if (host.rustV1)
        throw new ApiError(
          'Rust v1 has no security blob support (SecurityBlob<T> is planned for v2; see Limitations (v1))',
        );
      if (!BLOB_KINDS_API.includes(kind))
        throw new ApiError(
          `SecurityBlob: unknown blob kind ${JSON.stringify(kind)} (one of ${BLOB_KINDS_API.join(', ')})`,
        );
      if (!Number.isInteger(size) || size <= 0 || size > 4096)
        throw new ApiError(`SecurityBlob: size must be an integer from 1 to 4096 bytes, not ${size}`);
      if (init !== undefined && typeof init !== 'function') throw new ApiError('SecurityBlob: init must be a function');
      this.#decl = { kind, size, init: init ?? null, ctx: null };
      mod.blobs.push(this.#decl);
    }
    /** This LSM's value in `obj`'s blob (created with init() on first use). */
    get(obj: object): unknown {
      const d = this.#decl;
      if (!d.ctx) throw new ApiError('SecurityBlob.get(): the LSM that declared this blob is not active');
      const slice = d.ctx.blob<unknown>(d.kind, raw<Struct>(obj));
      let v = slice.get();
      if (v === undefined && d.init) slice.set((v = d.init()));
      return v;
    }
    set(obj: object, value: unknown): void {
      const d = this.#decl;
      if (!d.ctx) throw new ApiError('SecurityBlob.set(): the LSM that declared this blob is not active');
      d.ctx.blob<unknown>(d.kind, raw<Struct>(obj)).set(value);
    }
    /** Where this slice starts in every blob of its kind: the offset lsm_set_blob_size() gave it at boot. */
    offset(): number {
      const d = this.#decl;
      if (!d.ctx || d.offset === undefined)
        throw new ApiError('SecurityBlob.offset(): the LSM that declared this blob is not active');
      return d.offset;
    }
    /** The bytes this declaration asked for. */
    size(): number {
      return this.#decl.size;
    }
  }

  const api: Record<string, unknown> = {
    Ok: (value = 0): Result => {
      if (value === 0) return OK;
      if (!Number.isInteger(value) || value < 0)
        throw new ApiError(`Ok(${String(value)}): the value must be an integer >= 0`);
      return Object.freeze({ ok: true, value });
    },
    Err: (e: Errno): Result => {
      const r = ERRS.get(e);
      if (!r)
        throw new ApiError(`Err() takes an errno constant such as EACCES, not ${typeof e === 'number' ? e : typeof e}`);
      return r;
    },
    defineLsm: (hooksClass: unknown, name: unknown, id: unknown, flags?: unknown): LsmDefinitionInput => {
      const mod = host.loading();
      if (!mod) throw new ApiError('defineLsm() belongs at the top level of a module');
      const def: LsmDefinitionInput = {
        [LSM_DEFINITION]: true,
        hooksClass,
        name,
        id,
        flags,
        fileName: mod.fileName,
        blobs: mod.blobs,
      };
      mod.defined = def;
      return def;
    },
    pr_emerg: printk(0),
    pr_alert: printk(1),
    pr_crit: printk(2),
    pr_err: printk(3),
    pr_warn: printk(4),
    pr_notice: printk(5),
    pr_info: printk(6),
    // pr_debug() is compiled out unless DEBUG or dynamic debug enables it: it prints nothing.
    pr_debug: (_fmt: string, ..._args: unknown[]) => void running('pr_debug()'),
    pr_err_ratelimited: printkRatelimited(3),
    pr_warn_ratelimited: printkRatelimited(4),
    pr_notice_ratelimited: printkRatelimited(5),
    pr_info_ratelimited: printkRatelimited(6),
    current: () => {
      const r = running('current()');
      return toUser(r.ctx.currentTask());
    },
    current_cred: () => {
      const r = running('current_cred()');
      return toUser(r.ctx.currentCred());
    },
    capable: (cap: number) => {
      if (!Number.isInteger(cap) || cap < 0 || cap >= CAP_NAMES.length)
        throw new ApiError(`capable(): no capability ${cap}`);
      const r = running('capable()');
      const ctx = host.syscall();
      if (!ctx) throw new ApiError('capable() needs a running syscall');
      return kernelCapable(ctx, r.ctx.currentCred() as MCred, cap);
    },
    might_sleep: () => running('might_sleep()').ctx.mightSleep('might_sleep()'),
    msleep: (ms: number) => {
      if (!Number.isFinite(ms) || ms < 0 || ms > 60_000) throw new ApiError(`msleep(${ms}): 0 to 60000 ms`);
      running('msleep()').ctx.msleep(ms);
    },
    kmalloc: (size: number, gfp: number) => {
      const r = running('kmalloc()');
      if (!Number.isInteger(size) || size < 0) throw new ApiError(`kmalloc(${size}): bad size`);
      if (gfp & GFP_DIRECT_RECLAIM) r.ctx.mightSleep(`kmalloc(${size}, GFP_KERNEL)`);
      // KMALLOC_MAX_SIZE with 4 KiB pages and MAX_PAGE_ORDER 10: larger requests fail.
      if (size > 4 << 20) return null;
      return new Uint8Array(size);
    },
    kfree: (_p: unknown) => undefined,
    GFP_KERNEL: 0xcc0,
    GFP_ATOMIC: 0x820,
    securityfs_create_file: (
      name: string,
      mode: number,
      ops: { read?: () => string; write?: (data: string) => unknown },
    ): Errno | null => {
      const r = running('securityfs_create_file()');
      if (typeof name !== 'string' || !/^[A-Za-z0-9_.-]{1,64}$/.test(name))
        throw new ApiError(`securityfs_create_file(): bad file name ${JSON.stringify(name)}`);
      if (!Number.isInteger(mode))
        throw new ApiError('securityfs_create_file(): mode must be an integer such as 0o644');
      const read = typeof ops?.read === 'function' ? ops.read : null;
      const write = typeof ops?.write === 'function' ? ops.write : null;
      try {
        r.ctx.securityfsCreateFile({
          name,
          mode: mode & 0o777,
          read: read ? () => host.runAs(r.name, `securityfs read of ${name}`, () => String(read())) : null,
          write: write
            ? (data) =>
                host.runAs(r.name, `securityfs write to ${name}`, () => {
                  const rc = resultToInt(write(data));
                  if (typeof rc === 'string') throw new ApiError(`the write handler of ${name} ${rc}`);
                  return rc === 0 ? data.length : rc;
                })
            : null,
        });
      } catch (e) {
        if (e instanceof ApiError) throw e;
        const msg = e instanceof Error ? e.message : String(e);
        if (/during init/.test(msg))
          throw new ApiError('securityfs_create_file() can only be called from the LSM init (the class constructor)');
        return ERRNO_OBJECTS['EEXIST']!;
      }
      return null;
    },
    SecurityBlob,
    ...ERRNO_OBJECTS,
    ...Object.fromEntries(CAP_NAMES.map((n, i) => [n, i])),
    ...Object.fromEntries(Object.entries(lsmUapi).filter(([k, v]) => k.startsWith('LSM_ID_') && typeof v === 'number')),
    ...Object.fromEntries(Object.entries(oflags).filter(([k, v]) => /^O_[A-Z]+$/.test(k) && typeof v === 'number')),
    LSM_FLAG_LEGACY_MAJOR,
    LSM_FLAG_EXCLUSIVE,
    FMODE_READ: 0x1,
    FMODE_WRITE: 0x2,
    FMODE_EXEC: 0x20,
    MAY_EXEC: 0x1,
    MAY_WRITE: 0x2,
    MAY_READ: 0x4,
    MAY_APPEND: 0x8,
    MAY_ACCESS: 0x10,
    MAY_OPEN: 0x20,
  };
  Object.defineProperty(api, '__toUser', { value: toUser });
  return Object.freeze(api);
}

/** __GFP_DIRECT_RECLAIM: the allocation may sleep (GFP_KERNEL has it, GFP_ATOMIC does not). */
const GFP_DIRECT_RECLAIM = 0x400;
