// The Landlock syscalls (security/landlock/syscalls.c): landlock_create_ruleset (444),
// landlock_add_rule (445), landlock_restrict_self (446). Their policy logic is the model's
// (models/landlock/ruleset.ts); here are the argument checks, in the kernel's order, the ruleset
// file descriptor (an anon inode "[landlock-ruleset]"), and the cred change of restrict_self.
//
// Argument conventions (a scenario cannot pass pointers):
// - landlock_create_ruleset(attr, handled_access_fs, handled_access_net, scoped, size, flags): the
//   struct landlock_ruleset_attr is built from the three masks; `attr` -1 (default) passes NULL when
//   flags are given and a buffer otherwise, 0 passes NULL; `size` -1 (default) is 0 for NULL and
//   sizeof(struct landlock_ruleset_attr) of the kernel version otherwise.
// - landlock_add_rule(ruleset_fd, rule_type, parent_fd, allowed_access, port, flags, rule_attr):
//   the struct landlock_path_beneath_attr (parent_fd, allowed_access) or landlock_net_port_attr
//   (allowed_access, port); rule_attr 0 passes NULL.
import { E2BIG, EBADF, EBADFD, EFAULT, EINVAL, ENOMEM, ENOMSG, EOPNOTSUPP, EPERM } from '../../errno';
import { KERN_WARNING } from '../../kernel/printk';
import type { BlobKind } from '../../lsm/blobKinds';
import {
  createRuleset,
  fsAccessMask,
  insertRule,
  mergeRuleset,
  NO_CRED,
  type Hierarchy,
  type LandlockCred,
  type LandlockObject,
  type Ruleset,
} from '../../models/landlock/ruleset';
import {
  ACCESS_FILE,
  LANDLOCK_CREATE_RULESET_ERRATA,
  LANDLOCK_CREATE_RULESET_VERSION,
  LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON,
  LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF,
  LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF,
  LANDLOCK_RESTRICT_SELF_TSYNC,
  LANDLOCK_RULE_NET_PORT,
  LANDLOCK_RULE_PATH_BENEATH,
  landlockAbi,
} from '../../models/landlock/uapi';
import type { Struct } from '../../kernel/objects';
import { CAP_SYS_ADMIN } from '../capability';
import { capable } from '../dac';
import { registerSyscalls, type Sys } from '../syscallTable';
import { isDir, type File } from '../types';
import { dPath, type World } from '../world';
import { anonInodeGetfd } from './system';
import { abortCreds, commitCreds, Deferred, prepareCreds } from './task';

const PAGE_SIZE = 4096;
const FMODE_READ = 0x1;
const FMODE_WRITE = 0x2;
const CAP_OPT_NOAUDIT = 0x2;
/** SB_NOUSER filesystems (init_pseudo()): never mountable, refused as parent_fd. */
const NOUSER = new Set(['sockfs', 'pipefs', 'anon_inodefs']);

/** A ruleset file's private_data: the ruleset, which landlock_add_rule() extends. */
interface RulesetRef {
  ruleset: Ruleset;
}

/** Per machine: the files whose f_op is ruleset_fops, the id counter (id.c) and the object counter. */
interface LandlockState {
  readonly files: WeakMap<File, RulesetRef>;
  /** id.c next_id: 2^32 + a boot-time random value (0 here, for determinism). */
  nextId: number;
  nextObject: number;
  warned: boolean;
}

const STATE = new WeakMap<World, LandlockState>();

function state(world: World): LandlockState {
  let s = STATE.get(world);
  if (!s) STATE.set(world, (s = { files: new WeakMap(), nextId: 2 ** 32, nextObject: 1, warned: false }));
  return s;
}

/** Landlock's slice of an object's blob, as landlock_cred()/landlock_inode() reach it. */
function slice<T>(sys: Sys, kind: BlobKind, obj: Struct) {
  const l = sys.machine.kernel.lsm('landlock');
  const off = l?.offsets[kind];
  const size = l?.requested[kind];
  if (off === undefined || !size || !obj.security) return null;
  return obj.security.slice<T>('landlock', off, size);
}

/** syscalls.c is_initialized(): Landlock is in the LSM order (pr_warn_once() otherwise). */
function isInitialized(sys: Sys): boolean {
  if (sys.machine.kernel.order.includes('landlock')) return true;
  const s = state(sys.world);
  if (!s.warned) {
    s.warned = true;
    sys.ctx.tracer.printk(
      KERN_WARNING,
      'landlock: Disabled but requested by user space. You should enable Landlock at boot time: https://docs.kernel.org/userspace-api/landlock.html#boot-time-configuration',
    );
  }
  return false;
}

/**
 * landlock_create_ruleset(2): flags (VERSION, ERRATA) need attr NULL and size 0; otherwise
 * copy_min_struct_from_user() (NULL -EFAULT, size < 8 -EINVAL, > PAGE_SIZE -E2BIG, non-zero bytes
 * past the kernel's struct -E2BIG), unknown rights or scopes -EINVAL, nothing handled -ENOMSG,
 * then anon_inode_getfd("[landlock-ruleset]", O_RDWR | O_CLOEXEC).
 */
function createRulesetSys(
  sys: Sys,
  a: {
    attr: number;
    handled_access_fs: number;
    handled_access_net: number;
    scoped: number;
    size: number;
    flags: number;
  },
): number {
  const abi = landlockAbi(sys.version);
  if (!isInitialized(sys)) return -EOPNOTSUPP;
  const attrNull = a.attr === 0 || (a.attr === -1 && a.flags !== 0);
  const size = a.size === -1 ? (attrNull ? 0 : abi.rulesetAttrSize) : a.size >>> 0;
  if (a.flags) {
    if (!attrNull || size) return -EINVAL;
    if (a.flags === LANDLOCK_CREATE_RULESET_VERSION) return abi.abi;
    if (abi.errata !== null && a.flags === LANDLOCK_CREATE_RULESET_ERRATA) return abi.errata;
    return -EINVAL;
  }
  sys.kfunc('copy_min_struct_from_user', `size ${size}, kernel struct ${abi.rulesetAttrSize}`);
  if (attrNull) return -EFAULT;
  if (size < 8) return -EINVAL;
  if (size > PAGE_SIZE) return -E2BIG;
  // copy_struct_from_user(): the user struct's fields past `size` are not read; fields the kernel's
  // struct does not have (scoped before ABI 6) must be zero.
  const fs = a.handled_access_fs;
  const net = size >= 16 ? a.handled_access_net : 0;
  const scoped = size >= 24 ? a.scoped : 0;
  if (abi.rulesetAttrSize < 24 && scoped) return -E2BIG;
  if ((fs | abi.fsMask) !== abi.fsMask || fs < 0) return -EINVAL;
  if ((net | abi.netMask) !== abi.netMask || net < 0) return -EINVAL;
  if ((scoped | abi.scopeMask) !== abi.scopeMask || scoped < 0) return -EINVAL;
  const ruleset = createRuleset(fs, net, scoped);
  if (typeof ruleset === 'number') return ruleset;
  sys.kfunc(
    'landlock_create_ruleset',
    `fs 0x${fs.toString(16)} net 0x${net.toString(16)} scoped 0x${scoped.toString(16)}`,
  );
  const ref: RulesetRef = { ruleset };
  const fd = anonInodeGetfd(sys, '[landlock-ruleset]', {
    struct: 'landlock_ruleset',
    addr: sys.world.addr(),
    security: null,
  });
  if (fd >= 0) state(sys.world).files.set(sys.task.files.get(fd)!, ref);
  return fd;
}

/** syscalls.c get_ruleset_from_fd(): -EBADF, -EBADFD (not a ruleset), -EPERM (mode). */
function rulesetFromFd(sys: Sys, fd: number, mode: number): RulesetRef | number {
  const f = sys.task.files.get(fd);
  if (!f) return -EBADF;
  const ref = state(sys.world).files.get(f);
  if (!ref) return -EBADFD;
  if (!(f.f_mode & mode)) return -EPERM;
  return ref;
}

/**
 * landlock_add_rule(2): flags -EINVAL, the ruleset fd, then per rule type: empty access -ENOMSG,
 * rights the ruleset does not handle -EINVAL, parent_fd (O_PATH allowed): -EBADF, a ruleset or
 * pseudo filesystem -EBADFD; on a non-directory only ACCESS_FILE rights (-EINVAL). The rule is
 * tied to the inode (its landlock_object, kept in the inode blob).
 */
function addRuleSys(
  sys: Sys,
  a: {
    ruleset_fd: number;
    rule_type: number;
    parent_fd: number;
    allowed_access: number;
    port: number;
    flags: number;
    rule_attr: number;
  },
): number {
  const abi = landlockAbi(sys.version);
  if (!isInitialized(sys)) return -EOPNOTSUPP;
  if (a.flags) return -EINVAL;
  const ref = rulesetFromFd(sys, a.ruleset_fd, FMODE_WRITE);
  if (typeof ref === 'number') return ref;
  const access = a.allowed_access;
  switch (a.rule_type) {
    case LANDLOCK_RULE_PATH_BENEATH: {
      if (a.rule_attr === 0) return -EFAULT;
      if (!access) return -ENOMSG;
      const mask = ref.ruleset.access_masks[0]!.fs;
      if ((access | mask) !== mask || access < 0) return -EINVAL;
      // get_path_from_fd()
      const f = sys.task.files.get(a.parent_fd);
      if (!f) return -EBADF;
      if (state(sys.world).files.has(f) || NOUSER.has(f.f_path.mnt.mnt_sb.s_type)) return -EBADFD;
      // landlock_append_fs_rule()
      const inode = f.f_path.dentry.d_inode!;
      if (!isDir(inode) && (access | ACCESS_FILE) !== ACCESS_FILE) return -EINVAL;
      const absolute = access | (abi.fsMask & ~fsAccessMask(ref.ruleset, 0));
      const blob = slice<LandlockObject>(sys, 'inode', inode);
      let object = blob?.get();
      if (!object) {
        object = { id: state(sys.world).nextObject++ };
        blob?.set(object);
      }
      sys.kfunc('landlock_append_fs_rule', `${dPath(f.f_path)} (ino ${inode.i_ino}) access 0x${absolute.toString(16)}`);
      ref.ruleset = insertRule(ref.ruleset, 'inode', object.id, absolute);
      return 0;
    }
    case LANDLOCK_RULE_NET_PORT: {
      if (a.rule_attr === 0) return -EFAULT;
      if (!access) return -ENOMSG;
      const mask = ref.ruleset.access_masks[0]!.net;
      if ((access | mask) !== mask || access < 0) return -EINVAL;
      if (a.port < 0 || a.port > 0xffff) return -EINVAL;
      sys.kfunc('landlock_append_net_rule', `port ${a.port} access 0x${access.toString(16)}`);
      ref.ruleset = insertRule(ref.ruleset, 'net', a.port, access);
      return 0;
    }
    default:
      return -EINVAL;
  }
}

/**
 * landlock_restrict_self(2): no_new_privs or CAP_SYS_ADMIN (ns_capable_noaudit) else -EPERM,
 * unknown flags -EINVAL, the ruleset fd (except ruleset_fd -1 with LOG_SUBDOMAINS_OFF alone),
 * prepare_creds(), landlock_merge_ruleset() (-E2BIG past 16 layers) with the domain's audit
 * settings, commit_creds(). TSYNC has no other thread to reach in the model.
 */
function restrictSelfSys(sys: Sys, a: { ruleset_fd: number; flags: number }): number {
  const abi = landlockAbi(sys.version);
  if (!isInitialized(sys)) return -EOPNOTSUPP;
  const task = sys.task;
  if (!task.no_new_privs && !capable(sys.ctx, task.cred, CAP_SYS_ADMIN, CAP_OPT_NOAUDIT)) return -EPERM;
  if ((a.flags | abi.restrictSelfMask) !== abi.restrictSelfMask || a.flags < 0) return -EINVAL;
  const logSameExec = !(a.flags & LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF);
  const logNewExec = !!(a.flags & LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON);
  const logSubdomains = !(a.flags & LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF);
  const onlySubdomainsOff =
    abi.audit &&
    a.ruleset_fd === -1 &&
    (a.flags & ~(sys.version === '7.1' ? LANDLOCK_RESTRICT_SELF_TSYNC : 0)) ===
      LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF;
  let ref: RulesetRef | null = null;
  if (!onlySubdomainsOff) {
    const r = rulesetFromFd(sys, a.ruleset_fd, FMODE_READ);
    if (typeof r === 'number') return r;
    ref = r;
  }
  const d = new Deferred(sys);
  try {
    const cred = prepareCreds(sys, task.cred);
    if (!cred) return -ENOMEM;
    const blob = slice<LandlockCred>(sys, 'cred', cred);
    const old = blob?.get() ?? NO_CRED;
    const prevLogSubdomains = !old.log_subdomains_off;
    let next: LandlockCred = { ...old, log_subdomains_off: abi.audit && (!prevLogSubdomains || !logSubdomains) };
    if (ref) {
      const s = state(sys.world);
      const hierarchy = (parent: Hierarchy | null): Hierarchy => ({
        parent,
        // landlock_init_hierarchy_log(): landlock_get_id_range(1), a step of 1 + a random 4 bits (0 here).
        id: abi.audit ? s.nextId++ : 0,
        details: abi.audit
          ? { pid: task.pid, uid: task.cred.uid, comm: task.comm, exe_path: task.exe || '(null)' }
          : null,
        log_status: 'pending',
        log_same_exec: true,
        log_new_exec: false,
        num_denials: 0,
        usage: 1,
      });
      const dom = mergeRuleset(old.domain, ref.ruleset, hierarchy);
      if (typeof dom === 'number') {
        abortCreds(sys, d, cred);
        return dom;
      }
      if (abi.audit) {
        const h = dom.hierarchy!;
        h.log_same_exec = logSameExec;
        h.log_new_exec = logNewExec;
        if ((!logSameExec && !logNewExec) || !prevLogSubdomains) h.log_status = 'disabled';
      }
      sys.kfunc(
        'landlock_merge_ruleset',
        `layer ${dom.num_layers}${abi.audit ? `, domain ${dom.hierarchy!.id.toString(16)}` : ''}`,
      );
      // landlock_put_ruleset(new_llcred->domain): the old cred still holds the old domain.
      if (old.domain) old.domain.usage--;
      next = { ...next, domain: dom, domain_exec: abi.audit ? next.domain_exec | (1 << (dom.num_layers - 1)) : 0 };
    }
    blob?.set(next);
    if (a.flags & LANDLOCK_RESTRICT_SELF_TSYNC) sys.kfunc('landlock_restrict_sibling_threads', 'no other thread');
    commitCreds(sys, d, task, cred);
    return 0;
  } finally {
    d.finish();
  }
}

registerSyscalls([
  {
    name: 'landlock_create_ruleset',
    nr: 444,
    doc: 'Create a Landlock ruleset (or, with LANDLOCK_CREATE_RULESET_VERSION, return the ABI version): copy_min_struct_from_user() → landlock_create_ruleset() → anon_inode_getfd("[landlock-ruleset]").',
    args: [
      { name: 'attr', kind: 'int', default: -1 },
      { name: 'handled_access_fs', kind: 'flags', default: 0 },
      { name: 'handled_access_net', kind: 'flags', default: 0 },
      { name: 'scoped', kind: 'flags', default: 0 },
      { name: 'size', kind: 'int', default: -1 },
      { name: 'flags', kind: 'flags', default: 0 },
    ],
    run: (sys, a) =>
      createRulesetSys(
        sys,
        a as {
          attr: number;
          handled_access_fs: number;
          handled_access_net: number;
          scoped: number;
          size: number;
          flags: number;
        },
      ),
  },
  {
    name: 'landlock_add_rule',
    nr: 445,
    doc: 'Add a rule to a ruleset: get_ruleset_from_fd() → add_rule_path_beneath() (get_path_from_fd(), landlock_append_fs_rule()) or add_rule_net_port().',
    args: [
      { name: 'ruleset_fd', kind: 'fd' },
      { name: 'rule_type', kind: 'int', default: LANDLOCK_RULE_PATH_BENEATH },
      { name: 'parent_fd', kind: 'fd', default: -1 },
      { name: 'allowed_access', kind: 'flags', default: 0 },
      { name: 'port', kind: 'int', default: 0 },
      { name: 'flags', kind: 'flags', default: 0 },
      { name: 'rule_attr', kind: 'int', default: -1 },
    ],
    run: (sys, a) =>
      addRuleSys(
        sys,
        a as {
          ruleset_fd: number;
          rule_type: number;
          parent_fd: number;
          allowed_access: number;
          port: number;
          flags: number;
          rule_attr: number;
        },
      ),
  },
  {
    name: 'landlock_restrict_self',
    nr: 446,
    doc: 'Enforce a ruleset on the calling thread: no_new_privs or CAP_SYS_ADMIN, get_ruleset_from_fd() → prepare_creds() → landlock_merge_ruleset() → commit_creds().',
    args: [
      { name: 'ruleset_fd', kind: 'fd' },
      { name: 'flags', kind: 'flags', default: 0 },
    ],
    run: (sys, a) => restrictSelfSys(sys, a as { ruleset_fd: number; flags: number }),
  },
]);
