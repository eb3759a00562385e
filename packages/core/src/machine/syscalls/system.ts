// System syscalls: modules, mount, sockets, bpf and the LSM syscalls, each following its kernel
// chain (kernel/module/main.c, fs/namespace.c + fs/fs_context.c + fs/super.c + mm/shmem.c,
// net/socket.c, kernel/bpf/syscall.c, security/lsm_syscalls.c; 7.1, with 6.18/6.8 branches).
//
// Argument conventions of the LSM syscalls (the scenario cannot pass pointers, so the body
// allocates the buffers in the calling task's own user memory, taskMemory(task)):
// - lsm_list_modules(size, flags): `size` bytes are mapped for `ids` and `*size = size`; size 0
//   passes ids = NULL, size -1 passes size = NULL. out: the LSM names of the ids written
//   ("capability,selinux,bpf"), or "size=N" when only *size was written (-E2BIG, -EFAULT).
// - lsm_get_self_attr(attr, size, flags, lsm_id, null_ctx): `size` bytes for `ctx` and
//   `*size = size` (size 0 or null_ctx 1: ctx = NULL; size -1: size = NULL); with
//   LSM_FLAG_SINGLE, ctx->id = lsm_id is written first. out: one line per entry,
//   `selinux: "kernel"`, then "size=N" (the *size the kernel wrote).
// - lsm_set_self_attr(attr, lsm_id, value, flags, size): a struct lsm_ctx {lsm_id, 0, len,
//   ctx_len} with `value` plus its NUL as ctx; size -1 = the struct's length.
// - lsm_config_{self,system}_policy(lsm_id, op, policy, size, common_flags, flags): `policy` is
//   copied into a fresh buffer (none for ""; buf = NULL); size -1 = its length in bytes.
import { E2BIG, EBADF, EEXIST, EINVAL, EKEYREJECTED, ENODEV, ENOEXEC, ENOTDIR, EPERM } from '../../errno';
import type { HookArgs } from '../../hooks/hookDefs';
import type { Ref, Struct } from '../../kernel/objects';
import { KERN_ERR, KERN_NOTICE } from '../../kernel/printk';
import { lsmBlobAlloc } from '../../dispatch/objectLifecycle';
import {
  securityGetselfattr,
  securitySetselfattr,
  sysLsmListModules,
  type SyscallEnv,
} from '../../syscalls/lsmSyscalls';
import { decodeLsmCtx, encodeLsmCtx, UserFault, type UserMemory } from '../../syscalls/userMemory';
import { LSM_CTX_HEADER_SIZE, LSM_FLAG_SINGLE, LSM_ATTR_CURRENT } from '../../uapi/lsm';
import { utf8Decode, utf8Encode } from '../../util/utf8';
import { CAP_BPF, CAP_NET_ADMIN, CAP_SYS_ADMIN, CAP_SYS_MODULE } from '../capability';
import { capable } from '../dac';
import { moduleList } from '../moduleState';
import { walkExisting } from '../namei';
import { sysBind, sysConnect, sysListen, sysSocket } from '../net';
import { LSM_POLICY_LOAD, sysLsmConfigPolicy, type PolicyScope } from '../policySyscalls';
import { O_CLOEXEC, O_RDWR } from '../syscallArgs';
import { registerSyscalls, type Sys, type SyscallArgs } from '../syscallTable';
import { taskMemory } from '../taskMemory';
import {
  isDir,
  isReg,
  MAY_READ,
  S_IFDIR,
  S_ISVTX,
  type Dentry,
  type File,
  type Inode,
  type SuperBlock,
  type VfsMount,
  fdText,
  MNT_NOSUID,
  MNT_NODEV,
  MNT_NOEXEC,
  MNT_NOATIME,
  MNT_NODIRATIME,
  MNT_RELATIME,
  MNT_READONLY,
  MNT_NOSYMFOLLOW,
  SB_RDONLY,
} from '../types';
import type { World } from '../world';
import { bpfLsmCheck, bpfLsmProgInstalled, libbpfPrepare } from '../../models/bpf/syscall';
import { bpfLsmAttach, BPF_LINK_CREATE, BPF_LSM_MAC, BPF_RAW_TRACEPOINT_OPEN } from '../../models/bpf/trampoline';
import type { BpfLsmProgram } from '../../models/bpf/lang';

const FMODE_READ = 0x1;
const FMODE_WRITE = 0x2;
const PAGE_SIZE = 4096;
const CAP_PERFMON = 38;

// ---------------------------------------------------------------------------------------------
// init_module(2) / finit_module(2)

/**
 * enum kernel_load_data_id / kernel_read_file_id (include/linux/kernel_read_file.h): UNKNOWN 0,
 * FIRMWARE 1, MODULE 2, KEXEC_IMAGE 3, KEXEC_INITRAMFS 4, POLICY 5, X509_CERTIFICATE 6, and in
 * 7.1 MODULE_COMPRESSED 7 (absent from 6.18 and 6.8).
 */
export const LOADING_MODULE = 2;
export const READING_MODULE = 2;
export const READING_MODULE_COMPRESSED = 7;
/** enum lockdown_reason (include/linux/security.h): LOCKDOWN_NONE 0, LOCKDOWN_MODULE_SIGNATURE 1. */
export const LOCKDOWN_MODULE_SIGNATURE = 1;
/** include/uapi/linux/module.h finit_module() flags. */
export const MODULE_INIT_IGNORE_MODVERSIONS = 1;
export const MODULE_INIT_IGNORE_VERMAGIC = 2;
export const MODULE_INIT_COMPRESSED_FILE = 4;
/** include/linux/module_signature.h MODULE_SIGNATURE_MARKER. */
export const MODULE_SIGNATURE_MARKER = '~Module signature appended~\n';
const ELFMAG = '\u007fELF';

/** The module's name as its .modinfo "name=" or its "<name>.ko" says (the model's stand-in for .gnu.linkonce.this_module). */
function moduleName(image: string): string | null {
  const m = /(?:^|[\s(\0])name=([A-Za-z0-9_-]+)/.exec(image) ?? /([A-Za-z0-9_-]+)\.ko\b/.exec(image);
  return m ? m[1]! : null;
}

/** is_module_sig_enforced(): CONFIG_MODULE_SIG_FORCE or module.sig_enforce on the command line. */
function sigEnforced(sys: Sys): boolean {
  const cfg = sys.machine.kernel.config;
  return (
    cfg.kconfig.includes('CONFIG_MODULE_SIG_FORCE') ||
    cfg.cmdline.split(/\s+/).some((p) => /^module\.sig_enforce(=(1|y|Y))?$/.test(p))
  );
}

/**
 * load_module() from its signature check to the module list: module_sig_check() (an appended
 * signature, unless a mangling flag is set; otherwise -EKEYREJECTED when enforced, else
 * security_locked_down(LOCKDOWN_MODULE_SIGNATURE)), elf_validity_cache_copy() (-ENOEXEC),
 * add_unformed_module() (-EEXIST when a module of that name is live).
 */
function loadModule(
  sys: Sys,
  image: string,
  params: string,
  flags: number,
  via: 'init_module' | 'finit_module',
): number {
  sys.kfunc('load_module');
  const mangled = (flags & (MODULE_INIT_IGNORE_MODVERSIONS | MODULE_INIT_IGNORE_VERMAGIC)) !== 0;
  let len = image.length;
  let sigOk = false;
  const marker = image.endsWith(MODULE_SIGNATURE_MARKER)
    ? MODULE_SIGNATURE_MARKER
    : image.endsWith(MODULE_SIGNATURE_MARKER.trimEnd())
      ? MODULE_SIGNATURE_MARKER.trimEnd()
      : null;
  if (!mangled && marker) {
    len -= marker.length;
    sigOk = true;
    sys.kfunc('mod_verify_sig', 'simplified: an appended signature is taken as valid');
  } else {
    sys.kfunc('module_sig_check', mangled && marker ? 'mangled module: signature ignored' : 'unsigned module');
    if (sigEnforced(sys)) {
      sys.ctx.tracer.printk(KERN_NOTICE, 'Loading of unsigned module is rejected');
      return -EKEYREJECTED;
    }
    const rc = sys.ctx.hook('locked_down', [LOCKDOWN_MODULE_SIGNATURE]) as number;
    if (rc) return rc;
  }
  sys.kfunc('elf_validity_cache_copy');
  if (!image.startsWith(ELFMAG)) return -ENOEXEC;
  const name = moduleName(image);
  if (!name) return -ENOEXEC;
  sys.kfunc('add_unformed_module', name);
  const mods = moduleList(sys.world);
  if (mods.has(name)) return -EEXIST;
  mods.set(name, { name, size: len, params, sigOk, via, pid: sys.task.pid, state: 'Live' });
  sys.kfunc('do_init_module', `${name}: simplified: the module's init function is not run`);
  return 0;
}

/** A lookup without hooks: the image a path names, as userspace read it before the call. */
function quietRead(world: World, path: string): string | null {
  let mnt = world.rootMount;
  let d: Dentry = mnt.mnt_root;
  for (const part of path.split('/').filter(Boolean)) {
    const next = d.d_inode?.children?.get(part);
    if (!next) return null;
    d = next;
    for (let m = world.mountedOn(mnt, d); m; m = world.mountedOn(mnt, d)) {
      mnt = m;
      d = m.mnt_root;
    }
  }
  return d.d_inode && isReg(d.d_inode) ? d.d_inode.data : null;
}

/**
 * init_module(2): may_init_module() (capable(CAP_SYS_MODULE)) → copy_module_from_user()
 * (len < sizeof(Elf64_Ehdr): -ENOEXEC; security_kernel_load_data(LOADING_MODULE, true); the copy;
 * security_kernel_post_load_data(buf, len, LOADING_MODULE, "init_module")) → load_module().
 */
function initModule(sys: Sys, a: { image: string; params: string }): number {
  sys.kfunc('may_init_module');
  if (!capable(sys.ctx, sys.task.cred, CAP_SYS_MODULE)) return -EPERM;
  const image = a.image.startsWith('/') ? (quietRead(sys.world, a.image) ?? a.image) : a.image;
  sys.kfunc('copy_module_from_user', `len ${image.length}`);
  // The model's images are short stand-ins: the 64-byte Elf64_Ehdr minimum is the 4-byte magic.
  if (image.length < ELFMAG.length) return -ENOEXEC;
  let rc = sys.ctx.hook('kernel_load_data', [LOADING_MODULE, true]) as number;
  if (rc) return rc;
  rc = sys.ctx.hook('kernel_post_load_data', [image, image.length, LOADING_MODULE, 'init_module']) as number;
  if (rc) return rc;
  return loadModule(sys, image, a.params, 0, 'init_module');
}

/**
 * finit_module(2): may_init_module() → flag check → fd → idempotent_init_module() (FMODE_READ) →
 * init_module_from_file() → kernel_read_file(): S_ISREG, size, security_kernel_read_file(file,
 * id, true), kernel_read() → rw_verify_area() → security_file_permission(MAY_READ),
 * security_kernel_post_read_file(file, buf, size, id); 7.1 with MODULE_INIT_COMPRESSED_FILE:
 * id READING_MODULE_COMPRESSED, then module_decompress() and a second post_read_file with
 * READING_MODULE → load_module().
 */
function finitModule(sys: Sys, a: { fd: number; params: string; flags: number }): number {
  const { ctx } = sys;
  sys.kfunc('may_init_module');
  if (!capable(ctx, sys.task.cred, CAP_SYS_MODULE)) return -EPERM;
  const allowed =
    MODULE_INIT_IGNORE_MODVERSIONS |
    MODULE_INIT_IGNORE_VERMAGIC |
    (sys.version === '6.8' ? 0 : MODULE_INIT_COMPRESSED_FILE);
  if (a.flags & ~allowed) return -EINVAL;
  const f = sys.task.files.get(a.fd);
  if (!f) return -EBADF;
  sys.kfunc('idempotent_init_module');
  if (!(f.f_mode & FMODE_READ)) return -EBADF;
  const compressed = (a.flags & MODULE_INIT_COMPRESSED_FILE) !== 0;
  const id = compressed && sys.version === '7.1' ? READING_MODULE_COMPRESSED : READING_MODULE;
  sys.kfunc('kernel_read_file', id === READING_MODULE ? 'READING_MODULE' : 'READING_MODULE_COMPRESSED');
  if (!isReg(f.f_inode)) return -EINVAL;
  const image = f.f_inode.data;
  if (image.length <= 0) return -EINVAL;
  let rc = ctx.hook('kernel_read_file', [f, id, true]) as number;
  if (rc) return rc;
  sys.kfunc('kernel_read', 'rw_verify_area(READ)');
  rc = ctx.hook('file_permission', [f, MAY_READ]) as number;
  if (rc) return rc;
  rc = ctx.hook('kernel_post_read_file', [f, image, image.length, id]) as number;
  if (rc) return rc;
  if (compressed) {
    sys.kfunc('module_decompress', 'simplified: the image is taken as already decompressed');
    if (sys.version === '7.1') {
      rc = ctx.hook('kernel_post_read_file', [f, image, image.length, READING_MODULE]) as number;
      if (rc) return rc;
    }
  }
  return loadModule(sys, image, a.params, a.flags, 'finit_module');
}

// ---------------------------------------------------------------------------------------------
// mount(2)

/** include/uapi/linux/mount.h MS_* flags. */
export const MS_RDONLY = 1;
export const MS_NOSUID = 2;
export const MS_NODEV = 4;
export const MS_NOEXEC = 8;
export const MS_REMOUNT = 32;
export const MS_NOSYMFOLLOW = 256;
export const MS_NOATIME = 1024;
export const MS_NODIRATIME = 2048;
export const MS_BIND = 4096;
export const MS_MOVE = 8192;
const MS_UNBINDABLE = 1 << 17;
const MS_PRIVATE = 1 << 18;
const MS_SLAVE = 1 << 19;
const MS_SHARED = 1 << 20;
const MS_STRICTATIME = 1 << 24;
const MS_NOUSER = 0x8000_0000;
const MS_MGC_VAL = 0xc0ed_0000;
const MS_MGC_MSK = 0xffff_0000;
const ENOPARAM = 519;

/** The filesystem types the model registers (get_fs_type()): only tmpfs (mm/shmem.c) for now. */
const FILESYSTEMS = new Set(['tmpfs']);
/** mm/shmem.c shmem_fs_parameters[] (the names; values are checked for mode/uid/gid only). */
const SHMEM_PARAMS = new Set([
  'gid',
  'huge',
  'mode',
  'mpol',
  'nr_blocks',
  'nr_inodes',
  'size',
  'uid',
  'inode32',
  'inode64',
  'noswap',
  'quota',
  'usrquota',
  'grpquota',
  'usrquota_block_hardlimit',
  'usrquota_inode_hardlimit',
  'grpquota_block_hardlimit',
  'grpquota_inode_hardlimit',
  'casefold',
  'strict_encoding',
]);
/** fs/fs_context.c common_set_sb_flag[] / common_clear_sb_flag[]: vfs_parse_sb_flag(). */
const SB_FLAG_PARAMS = new Set([
  'dirsync',
  'lazytime',
  'mand',
  'posixacl',
  'ro',
  'sync',
  'async',
  'nolazytime',
  'nomand',
  'rw',
]);

interface FsContext extends Struct<'fs_context'> {
  readonly fs_type: string;
  sb_flags: number;
  source: string | null;
  /** fc->security: what sb_eat_lsm_opts() handed back. */
  readonly security: null;
  readonly opts: { mode: number | null; uid: number | null; gid: number | null };
}

/**
 * vfs_parse_fs_param(): vfs_parse_sb_flag(), security_fs_context_parse_param (anything but
 * -ENOPARAM ends it), the filesystem's parse_param (shmem_parse_one()), then the default
 * handling of "source"; an unknown key is invalf() "tmpfs: Unknown parameter 'k'".
 */
function vfsParseFsParam(sys: Sys, fc: FsContext, key: string, value: string | null): number {
  if (SB_FLAG_PARAMS.has(key)) {
    sys.kfunc('vfs_parse_sb_flag', key);
    if (key === 'ro') fc.sb_flags |= SB_RDONLY;
    if (key === 'rw') fc.sb_flags &= ~SB_RDONLY;
    return 0;
  }
  const param: Struct<'fs_parameter'> = {
    struct: 'fs_parameter',
    addr: sys.world.addr(),
    fields: { key, string: value, type: value === null ? 'fs_value_is_flag' : 'fs_value_is_string' },
  };
  const rc = sys.ctx.hook('fs_context_parse_param', [fc, param]) as number;
  if (rc !== -ENOPARAM) return rc;
  if (SHMEM_PARAMS.has(key)) {
    sys.kfunc('shmem_parse_one', value === null ? key : `${key}=${value}`);
    const num = (v: string | null, base: number): number | null =>
      v !== null && (base === 8 ? /^[0-7]+$/ : /^\d+$/).test(v) ? parseInt(v, base) : null;
    if (key === 'mode' || key === 'uid' || key === 'gid') {
      const n = num(value, key === 'mode' ? 8 : 10);
      if (n === null) {
        sys.ctx.tracer.printk(KERN_ERR, `tmpfs: Bad value for '${key}'`);
        return -EINVAL;
      }
      fc.opts[key] = key === 'mode' ? n & 0o7777 : n;
    }
    return 0;
  }
  if (key === 'source') {
    sys.kfunc('vfs_parse_fs_param_source', value ?? '');
    if (fc.source) return -EINVAL;
    fc.source = value;
    return 0;
  }
  sys.ctx.tracer.printk(KERN_ERR, `${fc.fs_type}: Unknown parameter '${key}'`);
  return -EINVAL;
}

/**
 * mount(2): do_mount() → user_path_at(LOOKUP_FOLLOW) → path_mount(): security_sb_mount, then
 * may_mount() (CAP_SYS_ADMIN) — the LSM is asked before the capability — then for a new mount
 * do_new_mount(): get_fs_type() (-ENODEV), fs_context_for_mount(), "source" through
 * vfs_parse_fs_string() (security_fs_context_parse_param), parse_monolithic_mount_data() →
 * shmem_parse_monolithic() → vfs_parse_monolithic_sep() (security_sb_eat_lsm_opts, then each
 * key[=value]), mount_capable() (CAP_SYS_ADMIN), vfs_get_tree() → get_tree_nodev() → sget_fc() →
 * alloc_super() → security_sb_alloc, shmem_fill_super() (the root inode: security_inode_alloc,
 * d_make_root() → security_d_instantiate), security_sb_set_mnt_opts; do_new_mount_fc() →
 * security_sb_kern_mount → do_add_mount() (graft_tree()).
 */
function mount(sys: Sys, a: { source: string; target: string; fstype: string; flags: number; data: string }): number {
  const { ctx, world, task } = sys;
  const r = walkExisting(ctx, world, task, a.target, true, sys.version);
  if (typeof r === 'number') {
    sys.kfunc('user_path_at', `${a.target}: ${r}`);
    return r;
  }
  let flags = a.flags >>> 0;
  if ((flags & MS_MGC_MSK) >>> 0 === MS_MGC_VAL) flags = (flags & ~MS_MGC_MSK) >>> 0;
  const devName = a.source === '' ? null : a.source;
  const type = a.fstype === '' ? null : a.fstype;
  const data = a.data === '' ? null : a.data;
  sys.kfunc('path_mount', world.pathName(r.path));
  if (flags & MS_NOUSER) return -EINVAL;
  let rc = ctx.hook('sb_mount', [devName, r.path, type, flags, data]) as number;
  if (rc) return rc;
  sys.kfunc('may_mount');
  if (!capable(ctx, task.cred, CAP_SYS_ADMIN)) return -EPERM;
  let mntFlags = flags & MS_NOATIME ? 0 : MNT_RELATIME;
  if (flags & MS_NOSUID) mntFlags |= MNT_NOSUID;
  if (flags & MS_NODEV) mntFlags |= MNT_NODEV;
  if (flags & MS_NOEXEC) mntFlags |= MNT_NOEXEC;
  if (flags & MS_NOATIME) mntFlags |= MNT_NOATIME;
  if (flags & MS_NODIRATIME) mntFlags |= MNT_NODIRATIME;
  if (flags & MS_STRICTATIME) mntFlags &= ~(MNT_RELATIME | MNT_NOATIME);
  if (flags & MS_RDONLY) mntFlags |= MNT_READONLY;
  if (flags & MS_NOSYMFOLLOW) mntFlags |= MNT_NOSYMFOLLOW;
  if (flags & (MS_REMOUNT | MS_BIND | MS_MOVE | MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE)) {
    sys.kfunc('path_mount', 'simplified: remount, bind, move and propagation changes are not modelled');
    return -EINVAL;
  }
  // do_new_mount()
  sys.kfunc('do_new_mount', type ?? '(no type)');
  if (!type) return -EINVAL;
  sys.kfunc('get_fs_type', type);
  if (!FILESYSTEMS.has(type)) return -ENODEV;
  sys.kfunc('fs_context_for_mount', type);
  const fc: FsContext = {
    struct: 'fs_context',
    addr: world.addr(),
    security: null,
    fs_type: type,
    sb_flags: flags & SB_RDONLY,
    source: null,
    opts: { mode: null, uid: null, gid: null },
  };
  if (devName !== null) {
    sys.kfunc('vfs_parse_fs_string', `source=${devName}`);
    rc = vfsParseFsParam(sys, fc, 'source', devName);
    if (rc) return rc;
  }
  const mntOpts: Ref<unknown> = { value: null };
  if (data !== null) {
    sys.kfunc('shmem_parse_monolithic', data);
    rc = ctx.hook('sb_eat_lsm_opts', [data, mntOpts]) as number;
    if (rc) return rc;
    for (const opt of data.split(',')) {
      if (!opt) continue;
      const eq = opt.indexOf('=');
      if (eq === 0) continue;
      rc = vfsParseFsParam(sys, fc, eq < 0 ? opt : opt.slice(0, eq), eq < 0 ? null : opt.slice(eq + 1));
      if (rc < 0) return rc;
    }
  }
  // mount_capable(): tmpfs is FS_USERNS_MOUNT, so ns_capable(fc->user_ns) — init_user_ns here.
  sys.kfunc('mount_capable');
  if (!capable(ctx, task.cred, CAP_SYS_ADMIN)) return -EPERM;
  // vfs_get_tree() → shmem_get_tree() → get_tree_nodev() → sget_fc() → alloc_super()
  sys.kfunc('vfs_get_tree', 'get_tree_nodev() → sget_fc() → alloc_super()');
  const sb: SuperBlock = world.newSuperBlock(type, type, fc.sb_flags);
  rc = ctx.alloc('superblock', sb, []);
  if (rc) return rc;
  sys.kfunc('shmem_fill_super');
  const root: Inode = world.newInode(
    sb,
    S_IFDIR | (fc.opts.mode ?? 0o777 | S_ISVTX),
    fc.opts.uid ?? task.cred.fsuid,
    fc.opts.gid ?? task.cred.fsgid,
  );
  rc = ctx.alloc('inode', root, []);
  if (rc) {
    ctx.free('superblock', sb);
    return rc;
  }
  const rootDentry = world.newDentry('/', null, root);
  ctx.hook('d_instantiate', [rootDentry, root]);
  sb.s_root = rootDentry;
  // vfs_get_tree() passes set_kern_flags = NULL.
  rc = ctx.hook('sb_set_mnt_opts', [sb, mntOpts.value, 0, null as unknown as Ref<number>]) as number;
  if (rc) return rc;
  // do_new_mount_fc()
  rc = ctx.hook('sb_kern_mount', [sb]) as number;
  if (rc) return rc;
  sys.kfunc('do_add_mount', world.pathName(r.path));
  if (!isDir(r.path.dentry.d_inode!)) return -ENOTDIR;
  const mnt: VfsMount = world.newMount(sb, rootDentry, r.path.mnt, r.path.dentry, devName ?? 'none', mntFlags);
  return 0;
}

// ---------------------------------------------------------------------------------------------
// bpf(2)

/** include/uapi/linux/bpf.h enum bpf_cmd (the ones the model runs). */
export const BPF_MAP_CREATE = 0;
export const BPF_PROG_LOAD = 5;
/**
 * The last command of each version: 7.1 BPF_PROG_ASSOC_STRUCT_OPS 39 (added after 6.18);
 * 6.18 BPF_PROG_STREAM_READ_BY_FD 38; 6.8 BPF_TOKEN_CREATE 36.
 */
const BPF_CMD_MAX: Readonly<Record<string, number>> = { '7.1': 39, '6.18': 38, '6.8': 36 };
/** enum bpf_map_type: the number of types per version (7.1 adds INSN_ARRAY 34; 6.18 ends at ARENA 33; 6.8 at CGRP_STORAGE 32). */
const BPF_MAP_TYPES: Readonly<Record<string, number>> = { '7.1': 35, '6.18': 34, '6.8': 33 };
const BPF_MAP_UNPRIV = new Set([2, 6, 3, 4, 8, 12, 1, 5, 13, 27, 31, 19, 21]);
const BPF_MAP_NET_ADMIN = new Set([15, 18, 14, 25, 17]);
/** enum bpf_prog_type: SOCKET_FILTER 1 … NETFILTER 32. */
const BPF_PROG_TYPE_SOCKET_FILTER = 1;
const BPF_PROG_TYPE_CGROUP_SKB = 8;
const BPF_PROG_TYPE_MAX = 32;
/** kernel/bpf/syscall.c is_net_admin_prog_type() / is_perfmon_prog_type(). */
const NET_ADMIN_PROGS = new Set([3, 4, 6, 10, 11, 12, 19, 14, 16, 22, 15, 9, 18, 25, 23, 13, 28, 32]);
const PERFMON_PROGS = new Set([2, 5, 7, 17, 24, 26, 29, 27, 28]);
/** include/linux/bpf.h BPF_MAXINSNS (unprivileged) and BPF_COMPLEXITY_LIMIT_INSNS. */
const BPF_MAXINSNS = 4096;
const BPF_COMPLEXITY_LIMIT_INSNS = 1_000_000;

const ANON = new WeakMap<World, { mnt: VfsMount; inode: Inode }>();

/** anon_inode_getfd(): a file on the shared anon_inode_inode (made at boot, so without hooks here). */
export function anonInodeGetfd(sys: Sys, name: string, obj: Struct): number {
  const { world, task } = sys;
  let anon = ANON.get(world);
  if (!anon) {
    const sb = world.newSuperBlock('anon_inodefs', 'anon_inodefs');
    const inode = world.newInode(sb, 0o600, 0, 0);
    const root = world.newDentry('/', null, inode);
    sb.s_root = root;
    const mnt = world.kernMount(sb, root);
    anon = { mnt, inode };
    ANON.set(world, anon);
  }
  const fd = world.unusedFd(task);
  const dentry = world.newDentry(`anon_inode:${name}`, null, anon.inode);
  const file: File = world.newFile(
    world.path(anon.mnt, dentry),
    O_RDWR | O_CLOEXEC,
    FMODE_READ | FMODE_WRITE,
    task.cred,
  );
  sys.kfunc('anon_inode_getfd', `${name} (${obj.struct} 0x${obj.addr.toString(16)})`);
  const rc = sys.ctx.alloc('file', file, []);
  if (rc) return rc;
  task.files.set(fd, file);
  sys.kfunc('fd_install', fdText(fd));
  return fd;
}

/** bpf_token_capable(NULL, cap) (7.1/6.18) = bpf_ns_capable(): cap, or CAP_SYS_ADMIN; 6.8 spells it bpf_capable()/perfmon_capable(). */
function bpfNsCapable(sys: Sys, cap: number): boolean {
  sys.kfunc(
    sys.version === '6.8' ? (cap === CAP_BPF ? 'bpf_capable' : 'perfmon_capable') : 'bpf_token_capable',
    'no token',
  );
  return (
    capable(sys.ctx, sys.task.cred, cap) || (cap !== CAP_SYS_ADMIN && capable(sys.ctx, sys.task.cred, CAP_SYS_ADMIN))
  );
}

function blobFree(sys: Sys, obj: Struct): void {
  if (!obj.security) return;
  sys.ctx.tracer.emit({
    type: 'blob_free',
    blob: obj.security.kind,
    size: obj.security.size,
    owner: { struct: obj.struct, addr: obj.addr },
  });
  obj.security = null;
}

/**
 * map_create(): map type, sysctl_unprivileged_bpf_disabled (2, CONFIG_BPF_UNPRIV_DEFAULT_OFF)
 * → CAP_BPF (or CAP_SYS_ADMIN), the per-type capability, ops->map_alloc(), then 7.1/6.18
 * security_bpf_map_create (the bpf_map blob, the hook; security_bpf_map_free on failure) or 6.8
 * security_bpf_map_alloc (hook bpf_map_alloc_security), bpf_map_alloc_id(), bpf_map_new_fd() →
 * security_bpf_map(map, FMODE_READ|FMODE_WRITE) → anon_inode_getfd("bpf-map").
 */
function mapCreate(sys: Sys, attr: Struct<'bpf_attr'>, mapType: number): number {
  const { ctx } = sys;
  sys.kfunc('map_create', `map_type ${mapType}`);
  if (mapType <= 0 || mapType >= BPF_MAP_TYPES[sys.version]!) return -EINVAL;
  if (!bpfNsCapable(sys, CAP_BPF)) return -EPERM;
  if (BPF_MAP_NET_ADMIN.has(mapType)) {
    const ok = sys.version === '6.8' ? capable(ctx, sys.task.cred, CAP_NET_ADMIN) : bpfNsCapable(sys, CAP_NET_ADMIN);
    if (!ok) return -EPERM;
  } else if (!BPF_MAP_UNPRIV.has(mapType) && !bpfNsCapable(sys, CAP_BPF)) return -EPERM;
  const map: Struct<'bpf_map'> = {
    struct: 'bpf_map',
    addr: sys.world.addr(),
    security: null,
    fields: { map_type: mapType },
  };
  sys.kfunc('map_alloc');
  let rc: number;
  if (sys.version === '6.8') {
    rc = ctx.hook('bpf_map_alloc_security', [map]) as number;
    if (rc) return rc;
  } else {
    lsmBlobAlloc(ctx.sys(), map, 'bpf_map', sys.machine.kernel.blobSizes.bpf_map ?? 0);
    rc = ctx.hook('bpf_map_create', [map, attr, null, false]) as number;
    if (rc) {
      ctx.hook('bpf_map_free', [map]);
      blobFree(sys, map);
      return rc;
    }
  }
  sys.kfunc('bpf_map_alloc_id');
  rc = ctx.hook('bpf_map', [map, FMODE_READ | FMODE_WRITE]) as number;
  if (rc < 0) {
    if (sys.version === '6.8') ctx.hook('bpf_map_free_security', [map]);
    else {
      ctx.hook('bpf_map_free', [map]);
      blobFree(sys, map);
    }
    return rc;
  }
  return anonInodeGetfd(sys, 'bpf-map', map);
}

/**
 * bpf_prog_load(): CAP_BPF (7.1/6.18 once, as bpf_cap; 6.8 calls bpf_capable() at each check),
 * insn_cnt (-E2BIG), the program type's capabilities (CAP_NET_ADMIN, CAP_PERFMON, each or
 * CAP_SYS_ADMIN), bpf_prog_alloc(); 6.8: security_bpf_prog_alloc, find_prog_type(); 7.1/6.18:
 * find_prog_type(), security_bpf_prog_load (the bpf_prog blob); bpf_check() (the verifier: the
 * BPF LSM's rules for a program given as text, otherwise simplified: accepts), bpf_prog_alloc_id(),
 * bpf_prog_new_fd() → security_bpf_prog →
 * anon_inode_getfd("bpf-prog").
 */
function progLoad(
  sys: Sys,
  attr: Struct<'bpf_attr'>,
  progType: number,
  insnCnt: number,
  lsm: BpfLsmProgram | null,
  out: { data: string },
): number {
  const { ctx } = sys;
  const cred = sys.task.cred;
  sys.kfunc('bpf_prog_load', `prog_type ${progType}, insn_cnt ${insnCnt}`);
  const old = sys.version === '6.8';
  const bpfCap = old ? null : bpfNsCapable(sys, CAP_BPF);
  const cap = (): boolean => bpfCap ?? bpfNsCapable(sys, CAP_BPF);
  if (!cap()) return -EPERM;
  if (insnCnt <= 0 || insnCnt > (cap() ? BPF_COMPLEXITY_LIMIT_INSNS : BPF_MAXINSNS)) return -E2BIG;
  if (progType !== BPF_PROG_TYPE_SOCKET_FILTER && progType !== BPF_PROG_TYPE_CGROUP_SKB && !cap()) return -EPERM;
  if (NET_ADMIN_PROGS.has(progType)) {
    const ok = old
      ? capable(ctx, cred, CAP_NET_ADMIN) || capable(ctx, cred, CAP_SYS_ADMIN)
      : bpfNsCapable(sys, CAP_NET_ADMIN);
    if (!ok) return -EPERM;
  }
  if (PERFMON_PROGS.has(progType) && !bpfNsCapable(sys, CAP_PERFMON)) return -EPERM;
  const prog: Struct<'bpf_prog'> = {
    struct: 'bpf_prog',
    addr: sys.world.addr(),
    security: null,
    fields: { type: progType },
  };
  const aux: Struct<'bpf_prog_aux'> = { struct: 'bpf_prog_aux', addr: sys.world.addr(), security: null, fields: {} };
  sys.kfunc('bpf_prog_alloc');
  let rc: number;
  const validType = progType > 0 && progType <= BPF_PROG_TYPE_MAX;
  const freeSec = (): void => {
    if (old) ctx.hook('bpf_prog_free_security', [aux]);
    else {
      ctx.hook('bpf_prog_free', [prog]);
      blobFree(sys, prog);
    }
  };
  if (old) {
    rc = ctx.hook('bpf_prog_alloc_security', [aux]) as number;
    if (rc) return rc;
    sys.kfunc('find_prog_type');
    if (!validType) {
      freeSec();
      return -EINVAL;
    }
  } else {
    sys.kfunc('find_prog_type');
    if (!validType) return -EINVAL;
    lsmBlobAlloc(ctx.sys(), prog, 'bpf_prog', sys.machine.kernel.blobSizes.bpf_prog ?? 0);
    rc = ctx.hook('bpf_prog_load', [prog, attr, null, false]) as number;
    if (rc) {
      freeSec();
      return rc;
    }
  }
  // An LSM program written as text runs the BPF LSM's verifier checks (models/bpf/verifier.ts).
  const loaded = lsm ? bpfLsmCheck(sys, lsm, prog, out) : null;
  if (typeof loaded === 'number') {
    freeSec();
    return loaded;
  }
  if (!lsm) sys.kfunc('bpf_check', 'simplified: the verifier accepts the program');
  sys.kfunc('bpf_prog_alloc_id');
  rc = ctx.hook('bpf_prog', [prog]) as number;
  if (rc < 0) {
    freeSec();
    return rc;
  }
  const fd = anonInodeGetfd(sys, 'bpf-prog', prog);
  if (fd >= 0 && loaded) bpfLsmProgInstalled(sys, fd, loaded);
  return fd;
}

/**
 * bpf(2): __sys_bpf(): bpf_check_uarg_tail_zero() (size > PAGE_SIZE: -E2BIG), the copy, then
 * security_bpf(cmd, &attr, size, kernel=false) for every command (6.8: three arguments), then
 * the command: map_create(), bpf_prog_load(), link_create() and bpf_raw_tracepoint_open() for
 * BPF LSM programs (models/bpf/trampoline.ts); other commands are not modelled (-EINVAL).
 */
function bpf(
  sys: Sys,
  a: {
    cmd: number;
    map_type: number;
    prog_type: number;
    insn_cnt: number;
    size: number;
    prog: string;
    prog_fd: number;
    attach_type: number;
  },
  out: { data: string },
): number {
  if (a.size < 0 || a.size > PAGE_SIZE) return -E2BIG;
  // A BPF LSM program's text: libbpf compiles it into the attr (type, attach target, flags) first.
  const lib = a.cmd === BPF_PROG_LOAD && a.prog !== '' ? libbpfPrepare(sys.version, a.prog) : null;
  if (lib && 'rc' in lib) {
    sys.kfunc('libbpf', `simplified: the program does not build (${lib.message}); the model returns libbpf's error`);
    out.data = `${lib.message}\n`;
    return lib.rc;
  }
  const attr: Struct<'bpf_attr'> = {
    struct: 'bpf_attr',
    addr: sys.world.addr(),
    fields:
      a.cmd === BPF_MAP_CREATE
        ? { map_type: a.map_type }
        : a.cmd === BPF_PROG_LOAD
          ? lib
            ? { ...lib.attr }
            : { prog_type: a.prog_type, insn_cnt: a.insn_cnt }
          : a.cmd === BPF_LINK_CREATE
            ? { prog_fd: a.prog_fd, attach_type: a.attach_type }
            : a.cmd === BPF_RAW_TRACEPOINT_OPEN
              ? { prog_fd: a.prog_fd }
              : {},
  };
  const rc = sys.ctx.hook(
    'bpf',
    // 6.8: security_bpf(cmd, attr, size) has no `kernel` argument.
    (sys.version === '6.8' ? [a.cmd, attr, a.size] : [a.cmd, attr, a.size, false]) as HookArgs['bpf'],
  ) as number;
  if (rc < 0) return rc;
  if (a.cmd === BPF_MAP_CREATE) return mapCreate(sys, attr, a.map_type);
  if (a.cmd === BPF_PROG_LOAD)
    return lib
      ? progLoad(sys, attr, lib.attr.prog_type, lib.attr.insn_cnt, lib.prog, out)
      : progLoad(sys, attr, a.prog_type, a.insn_cnt, null, out);
  if (a.cmd === BPF_LINK_CREATE || a.cmd === BPF_RAW_TRACEPOINT_OPEN)
    return bpfLsmAttach(sys, a.cmd, a.prog_fd, a.attach_type, (name, obj) => anonInodeGetfd(sys, name, obj));
  if (a.cmd < 0 || a.cmd > BPF_CMD_MAX[sys.version]!) return -EINVAL;
  sys.kfunc('__sys_bpf', `simplified: command ${a.cmd} is not modelled (no BPF object it could name): -EINVAL`);
  return -EINVAL;
}

// ---------------------------------------------------------------------------------------------
// lsm_list_modules(2), lsm_get_self_attr(2), lsm_set_self_attr(2), lsm_config_*_policy(2)

/**
 * The SyscallEnv of this call with the calling task's memory: ctx.sys() returns the very object
 * the kernel runtime uses for copy_to_user() inside LSM callbacks (lsm_fill_user_ctx()), so
 * pointing its `mem` at the task's memory makes every user access of the call land there.
 */
function taskEnv(sys: Sys): { env: SyscallEnv; mem: UserMemory } {
  const env = sys.ctx.sys();
  const mem = taskMemory(sys.task);
  (env as { mem: UserMemory }).mem = mem;
  return { env, mem };
}

function lsmName(sys: Sys, id: number | bigint): string {
  return sys.machine.kernel.lsms.find((l) => BigInt(l.id) === BigInt(id) && l.id !== 0)?.name ?? String(id);
}

const putSize = (sys: Sys, mem: UserMemory, addr: number, v: number): void =>
  sys.version === '6.8' ? mem.putU64(addr, BigInt(v)) : mem.putU32(addr, v);
const getSize = (sys: Sys, mem: UserMemory, addr: number): number =>
  sys.version === '6.8' ? Number(mem.getU64(addr)) : mem.getU32(addr);

/** lsm_list_modules(2) (security/lsm_syscalls.c): see the argument convention at the top. */
function lsmListModules(sys: Sys, a: { size: number; flags: number }, out: { data: string }): number {
  const { env, mem } = taskEnv(sys);
  const ids = a.size > 0 ? mem.alloc(a.size) : 0;
  const sizeAddr = a.size >= 0 ? mem.alloc(8) : 0;
  if (sizeAddr) putSize(sys, mem, sizeAddr, a.size);
  const rc = sysLsmListModules(env, ids, sizeAddr, a.flags);
  if (rc > 0) {
    const names: string[] = [];
    for (let i = 0; i < rc; i++) names.push(lsmName(sys, mem.getU64(ids + 8 * i)));
    out.data = names.join(',');
  } else if (sizeAddr && a.flags === 0) out.data = `size=${getSize(sys, mem, sizeAddr)}`;
  return rc;
}

/** lsm_get_self_attr(2) → security_getselfattr(). */
function lsmGetSelfAttr(
  sys: Sys,
  a: { attr: number; size: number; flags: number; lsm_id: number; null_ctx: number },
  out: { data: string },
): number {
  const { env, mem } = taskEnv(sys);
  const ctxAddr = a.size > 0 && !a.null_ctx ? mem.alloc(a.size) : 0;
  const sizeAddr = a.size >= 0 ? mem.alloc(8) : 0;
  if (sizeAddr) putSize(sys, mem, sizeAddr, a.size);
  if (a.flags & LSM_FLAG_SINGLE && ctxAddr && a.size >= LSM_CTX_HEADER_SIZE)
    mem.write(ctxAddr, encodeLsmCtx({ id: a.lsm_id, ctx: '' }).slice(0, LSM_CTX_HEADER_SIZE));
  const rc = securityGetselfattr(env, a.attr, ctxAddr, sizeAddr, a.flags);
  const lines: string[] = [];
  if (rc > 0 && ctxAddr) {
    let off = 0;
    for (let i = 0; i < rc; i++) {
      const hdr = decodeLsmCtx(mem.read(ctxAddr + off, Math.min(a.size - off, a.size)));
      const text = utf8Decode(hdr.ctx).replace(/\0+$/, '');
      lines.push(`${lsmName(sys, hdr.id)}: ${JSON.stringify(text)}`);
      off += Number(hdr.len);
    }
  }
  if (sizeAddr) {
    try {
      lines.push(`size=${getSize(sys, mem, sizeAddr)}`);
    } catch (e) {
      if (!(e instanceof UserFault)) throw e;
    }
  }
  out.data = lines.join('\n');
  return rc;
}

/** lsm_set_self_attr(2) → security_setselfattr(). */
function lsmSetSelfAttr(
  sys: Sys,
  a: { attr: number; lsm_id: number; value: string; flags: number; size: number },
): number {
  const { env, mem } = taskEnv(sys);
  const ctx = utf8Encode(`${a.value}\0`);
  const bytes = encodeLsmCtx({ id: a.lsm_id, ctx });
  const size = a.size >= 0 ? a.size : bytes.length;
  const addr = mem.alloc(Math.max(size, bytes.length));
  mem.write(addr, bytes);
  return securitySetselfattr(env, a.attr, addr, size, a.flags);
}

function lsmConfigPolicy(
  sys: Sys,
  scope: PolicyScope,
  a: { lsm_id: number; op: number; policy: string; size: number; common_flags: number; flags: number },
): number {
  const mem = taskMemory(sys.task);
  const bytes = utf8Encode(a.policy);
  const buf = bytes.length ? mem.alloc(bytes.length) : 0;
  if (buf) mem.write(buf, bytes);
  const size = a.size >= 0 ? a.size : bytes.length;
  return sysLsmConfigPolicy(sys, scope, {
    lsm_id: a.lsm_id,
    op: a.op,
    buf,
    size,
    common_flags: a.common_flags,
    flags: a.flags,
  });
}

// ---------------------------------------------------------------------------------------------

type A = SyscallArgs;
const n = (a: A, k: string): number => Number(a[k]);
const s = (a: A, k: string): string => String(a[k]);

registerSyscalls([
  {
    name: 'init_module',
    nr: 175,
    doc: 'Load a module from memory: may_init_module() (CAP_SYS_MODULE) → copy_module_from_user() → security_kernel_load_data → security_kernel_post_load_data → load_module() → module_sig_check() → security_locked_down(LOCKDOWN_MODULE_SIGNATURE) for unsigned modules. `image` is the module bytes, or a path whose contents userspace already read.',
    args: [
      { name: 'image', kind: 'bytes' },
      { name: 'params', kind: 'string', default: '' },
    ],
    run: (sys, a) => initModule(sys, { image: s(a, 'image'), params: s(a, 'params') }),
  },
  {
    name: 'finit_module',
    nr: 313,
    doc: 'Load a module from a file: may_init_module() → kernel_read_file() → security_kernel_read_file → security_file_permission → security_kernel_post_read_file → load_module() → security_locked_down.',
    args: [
      { name: 'fd', kind: 'fd' },
      { name: 'params', kind: 'string', default: '' },
      { name: 'flags', kind: 'flags', default: 0 },
    ],
    run: (sys, a) => finitModule(sys, { fd: n(a, 'fd'), params: s(a, 'params'), flags: n(a, 'flags') }),
  },
  {
    name: 'mount',
    nr: 165,
    doc: 'Mount a filesystem (tmpfs): path_mount() → security_sb_mount → may_mount() (CAP_SYS_ADMIN) → fs_context_parse_param/sb_eat_lsm_opts → mount_capable() → security_sb_alloc → sb_set_mnt_opts → sb_kern_mount → do_add_mount(). Empty source/data mean NULL.',
    args: [
      { name: 'source', kind: 'string', default: '' },
      { name: 'target', kind: 'path' },
      { name: 'fstype', kind: 'string', default: 'tmpfs' },
      { name: 'flags', kind: 'flags', default: 0 },
      { name: 'data', kind: 'string', default: '' },
    ],
    run: (sys, a) =>
      mount(sys, {
        source: s(a, 'source'),
        target: s(a, 'target'),
        fstype: s(a, 'fstype'),
        flags: n(a, 'flags'),
        data: s(a, 'data'),
      }),
  },
  {
    name: 'socket',
    nr: 41,
    doc: 'Create a socket: __sock_create() → security_socket_create → sock_alloc() (security_inode_alloc) → pf->create() → security_sk_alloc → security_socket_post_create → sock_alloc_file() (security_file_alloc). Families: 1 AF_UNIX, 2 AF_INET, 10 AF_INET6.',
    args: [
      { name: 'family', kind: 'int', default: 1 },
      { name: 'type', kind: 'int', default: 1 },
      { name: 'protocol', kind: 'int', default: 0 },
    ],
    run: (sys, a) => sysSocket(sys, { family: n(a, 'family'), type: n(a, 'type'), protocol: n(a, 'protocol') }),
  },
  {
    name: 'bind',
    nr: 49,
    doc: 'Bind a socket: __sys_bind() → security_socket_bind → unix_bind()/inet_bind(). addr: "127.0.0.1:8080", "[::1]:80", a path or "@abstract" for AF_UNIX.',
    args: [
      { name: 'fd', kind: 'fd' },
      { name: 'addr', kind: 'string' },
    ],
    run: (sys, a) => sysBind(sys, { fd: n(a, 'fd'), addr: s(a, 'addr') }),
  },
  {
    name: 'listen',
    nr: 50,
    doc: 'Listen on a socket: __sys_listen() → security_socket_listen → unix_listen()/inet_listen().',
    args: [
      { name: 'fd', kind: 'fd' },
      { name: 'backlog', kind: 'int', default: 128 },
    ],
    run: (sys, a) => sysListen(sys, { fd: n(a, 'fd'), backlog: n(a, 'backlog') }),
  },
  {
    name: 'connect',
    nr: 42,
    doc: 'Connect a socket: __sys_connect() → security_socket_connect → unix_stream_connect() (security_unix_stream_connect) / unix_dgram_connect() (security_unix_may_send) / inet_stream_connect().',
    args: [
      { name: 'fd', kind: 'fd' },
      { name: 'addr', kind: 'string' },
    ],
    run: (sys, a) => sysConnect(sys, { fd: n(a, 'fd'), addr: s(a, 'addr') }),
  },
  {
    name: 'bpf',
    nr: 321,
    doc: "The bpf(2) multiplexer: security_bpf for every command → capability checks (CAP_BPF or CAP_SYS_ADMIN) → BPF_MAP_CREATE (0): security_bpf_map_create (6.8: bpf_map_alloc_security) → security_bpf_map; BPF_PROG_LOAD (5): security_bpf_prog_load (6.8: bpf_prog_alloc_security) → bpf_check → security_bpf_prog; `prog` holds a BPF LSM program's text (libbpf sets BPF_PROG_TYPE_LSM, BPF_LSM_MAC, the attach BTF id; out: the verifier log). BPF_LINK_CREATE (28) / BPF_RAW_TRACEPOINT_OPEN (17) with prog_fd: bpf_tracing_prog_attach → bpf_trampoline_link_prog; returns the link fd (closing it detaches).",
    args: [
      { name: 'cmd', kind: 'int', default: BPF_MAP_CREATE },
      { name: 'map_type', kind: 'int', default: 2 },
      { name: 'prog_type', kind: 'int', default: BPF_PROG_TYPE_SOCKET_FILTER },
      { name: 'insn_cnt', kind: 'int', default: 2 },
      { name: 'size', kind: 'int', default: 72 },
      { name: 'prog', kind: 'string', default: '' },
      { name: 'prog_fd', kind: 'int', default: -1 },
      { name: 'attach_type', kind: 'int', default: BPF_LSM_MAC },
    ],
    run: (sys, a, out) =>
      bpf(
        sys,
        {
          cmd: n(a, 'cmd'),
          map_type: n(a, 'map_type'),
          prog_type: n(a, 'prog_type'),
          insn_cnt: n(a, 'insn_cnt'),
          size: n(a, 'size'),
          prog: String(a['prog'] ?? ''),
          prog_fd: n(a, 'prog_fd'),
          attach_type: n(a, 'attach_type'),
        },
        out,
      ),
  },
  {
    name: 'lsm_list_modules',
    nr: 461,
    doc: 'List the active LSMs (lsm_idlist); *size is written before the size check. `size` bytes are mapped for ids (0: ids = NULL; -1: size = NULL); out lists the names, or size=N.',
    args: [
      { name: 'size', kind: 'int', default: 128 },
      { name: 'flags', kind: 'flags', default: 0 },
    ],
    run: (sys, a, out) => lsmListModules(sys, { size: n(a, 'size'), flags: n(a, 'flags') }, out),
  },
  {
    name: 'lsm_get_self_attr',
    nr: 459,
    doc: "Read the calling task's LSM attributes: security_getselfattr() asks each getselfattr implementer. attr 100 CURRENT … 105 SOCKCREATE; `size` bytes for ctx and *size (0 or null_ctx 1: ctx = NULL; -1: size = NULL); flags 1 = LSM_FLAG_SINGLE with lsm_id.",
    args: [
      { name: 'attr', kind: 'int', default: LSM_ATTR_CURRENT },
      { name: 'size', kind: 'int', default: 4096 },
      { name: 'flags', kind: 'flags', default: 0 },
      { name: 'lsm_id', kind: 'int', default: 0 },
      { name: 'null_ctx', kind: 'int', default: 0 },
    ],
    run: (sys, a, out) =>
      lsmGetSelfAttr(
        sys,
        {
          attr: n(a, 'attr'),
          size: n(a, 'size'),
          flags: n(a, 'flags'),
          lsm_id: n(a, 'lsm_id'),
          null_ctx: n(a, 'null_ctx'),
        },
        out,
      ),
  },
  {
    name: 'lsm_set_self_attr',
    nr: 460,
    doc: 'Set one LSM attribute of the calling task: security_setselfattr() asks only the LSM whose id is ctx->id. `value` is the context (its NUL is added); size -1 = the struct lsm_ctx length.',
    args: [
      { name: 'attr', kind: 'int', default: LSM_ATTR_CURRENT },
      { name: 'lsm_id', kind: 'int' },
      { name: 'value', kind: 'string' },
      { name: 'flags', kind: 'flags', default: 0 },
      { name: 'size', kind: 'int', default: -1 },
    ],
    run: (sys, a) =>
      lsmSetSelfAttr(sys, {
        attr: n(a, 'attr'),
        lsm_id: n(a, 'lsm_id'),
        value: s(a, 'value'),
        flags: n(a, 'flags'),
        size: n(a, 'size'),
      }),
  },
  ...(['self', 'system'] as const).map((scope) => ({
    name: `lsm_config_${scope}_policy`,
    nr: null,
    doc:
      scope === 'self'
        ? 'Unmerged (v6 series): load policy for the caller. common_flags != 0 → -EINVAL, then security_lsm_config_self_policy asks only the LSM with lsm_id (none: -EINVAL). op 100 = LSM_POLICY_LOAD; size -1 = the policy length.'
        : 'Unmerged (v6 series): load system policy. common_flags != 0 → -EINVAL, capable(CAP_MAC_ADMIN) → -EPERM, then security_lsm_config_system_policy asks only the LSM with lsm_id (none: -EINVAL).',
    args: [
      { name: 'lsm_id', kind: 'int' as const },
      { name: 'op', kind: 'int' as const, default: LSM_POLICY_LOAD },
      { name: 'policy', kind: 'bytes' as const, default: '' },
      { name: 'size', kind: 'int' as const, default: -1 },
      { name: 'common_flags', kind: 'flags' as const, default: 0 },
      { name: 'flags', kind: 'flags' as const, default: 0 },
    ],
    run: (sys: Sys, a: A) =>
      lsmConfigPolicy(sys, scope, {
        lsm_id: n(a, 'lsm_id'),
        op: n(a, 'op'),
        policy: s(a, 'policy'),
        size: n(a, 'size'),
        common_flags: n(a, 'common_flags'),
        flags: n(a, 'flags'),
      }),
  })),
]);
