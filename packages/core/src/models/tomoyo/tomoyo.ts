// TOMOYO Linux (security/tomoyo/: tomoyo.c, domain.c, file.c, common.c, audit.c, realpath.c;
// Documentation/admin-guide/LSM/tomoyo.rst): every task is in a domain named by the chain of
// programs it came from ("<kernel> /usr/bin/bash /usr/bin/cat"); a domain moves to a child domain
// at each execve() (tomoyo_find_next_domain()), and its profile's mode decides what a request
// the domain's ACLs do not allow does: nothing (disabled), become a new ACL (learning), pass with
// a log (permissive) or fail with -EPERM (enforcing). The policy lives in securityfs
// (/sys/kernel/security/tomoyo/{domain_policy,exception_policy,profile,manager}); the audit log
// (/sys/kernel/security/tomoyo/audit) holds the records tomoyo_write_log2() keeps.
import { hookDefs, type HookImpls, type HookName } from '../../hooks/hookDefs';
import { EINVAL, EPERM } from '../../errno';
import { BOOT_EPOCH_SECONDS } from '../../kernel/audit';
import { KERN_INFO, KERN_WARNING } from '../../kernel/printk';
import type { Struct } from '../../kernel/objects';
import type { LsmInitContext } from '../../lsm/lsmInfo';
import {
  S_IFCHR,
  S_IFDIR,
  S_IFLNK,
  S_IFMT,
  S_IFREG,
  S_IFSOCK,
  isDir,
  type Dentry,
  type File,
  type Inode,
  type Path,
  type Task,
} from '../../machine/types';
import { dPath } from '../../machine/world';
import type { KernelVersion } from '../../version';
import { currentTask, currentCred, type InTreeModel } from '../model';
import { TOMOYO_BUILTIN_EXCEPTION_POLICY, TOMOYO_BUILTIN_MANAGER, TOMOYO_BUILTIN_PROFILE } from './defaultPolicy';
import { pathMatches, tomoyoEncode } from './pathnames';
import {
  KERNEL_DOMAIN,
  MAC_OF,
  MKDEV_KEYWORDS,
  MODE_NAMES,
  PATH2_KEYWORDS,
  PATH_KEYWORDS,
  PATH_NUMBER_KEYWORDS,
  TOMOYO_CONFIG_DISABLED,
  TOMOYO_CONFIG_ENFORCING,
  TOMOYO_CONFIG_LEARNING,
  TRANSITION_TYPES,
  aclLine,
  assignDomain,
  getMode,
  newPolicy,
  readDomainPolicy,
  readExceptionPolicy,
  readProfile,
  wantAudit,
  writeDomainPolicy,
  writeExceptionPolicy,
  writeManager,
  writeProfile,
  type Acl,
  type Domain,
  type NameUnion,
  type NumberUnion,
  type PolicyError,
  type TomoyoPolicy,
} from './policy';

/** struct tomoyo_task (the task blob). */
export interface TomoyoTask {
  domain_info: string;
  old_domain_info: string | null;
}

/** What a request checks (struct tomoyo_request_info's param), with the objects for the log. */
type Request =
  | { readonly kind: 'path'; readonly op: (typeof PATH_KEYWORDS)[number]; readonly name: string }
  | {
      readonly kind: 'path_number';
      readonly op: (typeof PATH_NUMBER_KEYWORDS)[number];
      readonly name: string;
      readonly number: number;
    }
  | {
      readonly kind: 'path2';
      readonly op: (typeof PATH2_KEYWORDS)[number];
      readonly name1: string;
      readonly name2: string;
    };

/** tomoyo_obj_info: the dentries whose attributes the log's header shows. */
interface ObjInfo {
  readonly path1?: { readonly dentry: Dentry };
  readonly path2?: { readonly dentry: Dentry };
}

/** include/uapi/linux/stat.h. */
const S_IFBLK = 0o060000;
const S_IFIFO = 0o010000;
const O_ACCMODE = 3;
const O_APPEND = 0o2000;
const FMODE_EXEC = 0x20;
const S_IALLUGO = 0o7777;
const TOMOYO_MAX_AUDIT_LOG_READ = 1;

const HOOKS = [
  'bprm_check_security',
  'bprm_committed_creds',
  'path_unlink',
  'path_mkdir',
  'path_rmdir',
  'path_mknod',
  'path_truncate',
  'path_link',
  'path_rename',
  'path_chmod',
  'path_chown',
  'file_open',
  'file_truncate',
  'task_alloc',
  'task_free',
  'cred_prepare',
] as const;

/** Days since 1970-01-01 to a civil date (the proleptic Gregorian calendar, UTC). */
function civil(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [era * 400 + yoe + (m <= 2 ? 1 : 0), m, d];
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** tomoyo_filetype(). */
function fileType(mode: number): string {
  switch (mode & S_IFMT) {
    case S_IFREG:
    case 0:
      return 'file';
    case S_IFDIR:
      return 'directory';
    case S_IFLNK:
      return 'symlink';
    case S_IFIFO:
      return 'fifo';
    case S_IFSOCK:
      return 'socket';
    case S_IFBLK:
      return 'block';
    case S_IFCHR:
      return 'char';
  }
  return 'unknown';
}

function tomoyoInit(ctx: LsmInitContext, version: KernelVersion): { hooks: Partial<HookImpls> } {
  let policy: TomoyoPolicy = newPolicy();
  const auditLog: string[] = [];
  /** The superblocks' dev_t as the log prints them (see devOf()). */
  const anonDevs = new Map<string, number>();
  const warnedPids = new Set<number>();

  const load = (r: { policy: TomoyoPolicy } | { error: PolicyError }): void => {
    if ('error' in r) throw new Error(`tomoyo built-in policy: ${r.error.line}:${r.error.col}: ${r.error.reason}`);
    policy = r.policy;
  };
  // The built-in policy (security/tomoyo/builtin-policy.h from policy/*.conf at build time).
  load(writeProfile(policy, TOMOYO_BUILTIN_PROFILE));
  load(writeExceptionPolicy(policy, TOMOYO_BUILTIN_EXCEPTION_POLICY));
  load(writeManager(policy, TOMOYO_BUILTIN_MANAGER));

  const blob = (task: Struct) => ctx.blob<TomoyoTask>('task', task);
  const taskDomain = (task: Struct): string => blob(task).get()?.domain_info ?? KERNEL_DOMAIN;
  /** tomoyo_domain(): current's domain. */
  const currentDomain = (): Domain => {
    const name = taskDomain(ctx.currentTask());
    return policy.domains.get(name) ?? assignDomain(policy, name);
  };

  /** The dev_t of a superblock: vda1 as virtio-blk 254:1, the others anonymous devices 0:N. */
  const devOf = (sid: string): [number, number] => {
    const m = /^vd([a-z])(\d+)$/.exec(sid);
    if (m) return [254, (m[1]!.charCodeAt(0) - 97) * 16 + Number(m[2])];
    if (!anonDevs.has(sid)) anonDevs.set(sid, anonDevs.size + 20);
    return [0, anonDevs.get(sid)!];
  };

  /**
   * tomoyo_realpath_from_path(): the absolute path, with "/" after a directory; filesystems
   * without rename (proc, securityfs, selinuxfs, smackfs) are named "<fs>:<path in it>", and procfs's
   * "/<current pid>" reads "/self".
   */
  const realpath = (p: Path): string => {
    const sb = p.dentry.d_inode?.i_sb ?? p.mnt.mnt_sb;
    let name: string;
    if (['proc', 'securityfs', 'selinuxfs', 'smackfs'].includes(sb.s_type)) {
      let local = '';
      for (let d = p.dentry; d.d_parent !== d; d = d.d_parent) local = `/${d.d_name}${local}`;
      local ||= '/';
      if (sb.s_type === 'proc') {
        const me = `/${currentTask(ctx).pid}`;
        if (local === me || local.startsWith(`${me}/`)) local = `/self${local.slice(me.length)}`;
      }
      name = `${sb.s_type}:${local}`;
    } else name = dPath(p);
    if (p.dentry.d_inode && isDir(p.dentry.d_inode) && !name.endsWith('/')) name += '/';
    return tomoyoEncode(name);
  };

  /** tomoyo_print_header() + tomoyo_init_log(): one audit record. */
  const logRecord = (domain: Domain, mode: number, granted: boolean, obj: ObjInfo | null, msg: string): string => {
    const t = currentTask(ctx);
    const c = t.cred;
    const secs = BOOT_EPOCH_SECONDS + Math.floor(ctx.now() / 1e9);
    const [y, mo, d] = civil(Math.floor(secs / 86400));
    const s = secs % 86400;
    let h =
      `#${pad(y, 4)}/${pad(mo)}/${pad(d)} ${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}#` +
      ` profile=${domain.profile} mode=${MODE_NAMES[mode]} granted=${granted ? 'yes' : 'no'} (global-pid=${t.pid})` +
      ` task={ pid=${t.pid} ppid=${t.ppid} uid=${c.uid} gid=${c.gid} euid=${c.euid} egid=${c.egid} suid=${c.suid} sgid=${c.sgid} fsuid=${c.fsuid} fsgid=${c.fsgid} }`;
    const stat = (n: number, dentry: Dentry): void => {
      const inode = dentry.d_inode;
      if (inode) {
        const [maj, min] = devOf(inode.i_sb.s_id);
        h += ` path${n}={ uid=${inode.i_uid} gid=${inode.i_gid} ino=${inode.i_ino} major=${maj} minor=${min} perm=0${(inode.i_mode & S_IALLUGO).toString(8)} type=${fileType(inode.i_mode)} }`;
      }
      const parent = dentry.d_parent.d_inode;
      if (parent)
        h += ` path${n}.parent={ uid=${parent.i_uid} gid=${parent.i_gid} ino=${parent.i_ino} perm=0${(parent.i_mode & S_IALLUGO).toString(8)} }`;
    };
    if (obj?.path1) stat(1, obj.path1.dentry);
    if (obj?.path2) stat(2, obj.path2.dentry);
    return `${h}\n${domain.name}\n${msg}`;
  };

  /** tomoyo_write_log2(): keep the record when the profile wants it and the log has room. */
  const writeLog = (
    domain: Domain,
    mac: string,
    mode: number,
    granted: boolean,
    obj: ObjInfo | null,
    msg: string,
  ): void => {
    if (!wantAudit(policy, domain.profile, mac, granted, auditLog.length)) return;
    auditLog.push(logRecord(domain, mode, granted, obj, msg));
  };

  /** tomoyo_compare_name_union() / tomoyo_compare_number_union(). */
  const nameOk = (n: NameUnion, name: string): boolean =>
    'word' in n ? pathMatches(name, n.word) : (policy.pathGroups.get(n.group) ?? []).some((w) => pathMatches(name, w));
  const numberOk = (n: NumberUnion, v: number): boolean =>
    'group' in n
      ? (policy.numberGroups.get(n.group) ?? []).some((r) => r.min <= v && v <= r.max)
      : n.min <= v && v <= n.max;

  /** tomoyo_check_acl(): the domain's ACLs, then those of each acl_group it uses. */
  const checkAcl = (domain: Domain, r: Request): boolean => {
    const match = (a: Acl): boolean => {
      switch (r.kind) {
        case 'path':
          return a.kind === 'path' && (a.perm & (1 << PATH_KEYWORDS.indexOf(r.op))) !== 0 && nameOk(a.name, r.name);
        case 'path_number':
          return (
            a.kind === 'path_number' &&
            (a.perm & (1 << PATH_NUMBER_KEYWORDS.indexOf(r.op))) !== 0 &&
            numberOk(a.number, r.number) &&
            nameOk(a.name, r.name)
          );
        case 'path2':
          return (
            a.kind === 'path2' &&
            (a.perm & (1 << PATH2_KEYWORDS.indexOf(r.op))) !== 0 &&
            nameOk(a.name1, r.name1) &&
            nameOk(a.name2, r.name2)
          );
      }
    };
    if (domain.acls.some(match)) return true;
    return domain.groups.some((g) => (policy.aclGroups.get(g) ?? []).some(match));
  };

  /** The line tomoyo_audit_*_log() passes tomoyo_supervisor(). */
  const message = (r: Request): string => {
    switch (r.kind) {
      case 'path':
        return `file ${r.op} ${r.name}`;
      case 'path_number': {
        const radix = ['create', 'mkdir', 'mkfifo', 'mksock', 'chmod'].includes(r.op) ? 8 : r.op === 'ioctl' ? 16 : 10;
        const n =
          radix === 8
            ? `0${r.number.toString(8)}`
            : radix === 16
              ? `0x${r.number.toString(16).toUpperCase()}`
              : String(r.number);
        return `file ${r.op} ${r.name} ${n}`;
      }
      case 'path2':
        return `file ${r.op} ${r.name1} ${r.name2}`;
    }
  };

  /** tomoyo_domain_quota_is_ok(): learning stops when the domain holds max_learning_entry permissions. */
  const quotaOk = (domain: Domain): boolean => {
    if (domain.quotaExceeded) return false;
    const max = policy.profiles.get(domain.profile)?.maxLearningEntry ?? 2048;
    let count = 0;
    for (const a of domain.acls) count += a.kind === 'raw' ? 1 : a.perm.toString(2).replace(/0/g, '').length;
    if (count < max) return true;
    domain.quotaExceeded = true;
    ctx.printk(KERN_WARNING, `WARNING: Domain '${domain.name}' has too many ACLs to hold. Stopped learning mode.`);
    return false;
  };

  /**
   * tomoyo_path_permission() + tomoyo_supervisor(): check the ACLs, write the log, then by mode:
   * learning adds the request as an ACL of the domain (tomoyo_add_entry()) and allows it,
   * permissive allows it, enforcing refuses it with -EPERM. Disabled checks nothing.
   */
  const permission = (domain: Domain, r: Request, obj: ObjInfo | null, always = false): number => {
    const op = r.op;
    const mac = MAC_OF[op]!;
    const mode = getMode(policy, domain.profile, mac);
    if (mode === TOMOYO_CONFIG_DISABLED && !always) return 0;
    const granted = checkAcl(domain, r);
    const msg = message(r);
    ctx.kfunc('tomoyo_supervisor', () => `${msg}: ${granted ? 'granted' : `not in the policy (${MODE_NAMES[mode]})`}`);
    writeLog(domain, mac, mode, granted, obj, `${msg}\n`);
    if (granted) return 0;
    if (mode === TOMOYO_CONFIG_ENFORCING) return -EPERM;
    if (mode === TOMOYO_CONFIG_LEARNING && quotaOk(domain)) {
      const parsed = writeDomainPolicy(policy, `${domain.name}\n${msg}\n`, null);
      if (!('error' in parsed)) {
        policy = parsed.policy;
        ctx.kfunc('tomoyo_add_entry', `learned "${msg}" in ${domain.name}`);
      }
    }
    return 0;
  };

  /** tomoyo_path_perm(): a path operation in current's domain (rmdir names a directory). */
  const pathPerm = (op: (typeof PATH_KEYWORDS)[number], path: Path, slash = false): number => {
    const domain = currentDomain();
    if (getMode(policy, domain.profile, MAC_OF[op]!) === TOMOYO_CONFIG_DISABLED) return 0;
    let name = realpath(path);
    if (slash && !name.endsWith('/')) name += '/';
    const rc = permission(domain, { kind: 'path', op, name }, { path1: { dentry: path.dentry } });
    return getMode(policy, domain.profile, MAC_OF[op]!) === TOMOYO_CONFIG_ENFORCING ? rc : 0;
  };
  /** tomoyo_path_number_perm(): create/mkdir/mkfifo/mksock/chmod/chown/chgrp with a number. */
  const pathNumberPerm = (op: (typeof PATH_NUMBER_KEYWORDS)[number], path: Path, number: number): number => {
    const domain = currentDomain();
    if (getMode(policy, domain.profile, MAC_OF[op]!) === TOMOYO_CONFIG_DISABLED) return 0;
    let name = realpath(path);
    if (op === 'mkdir' && !name.endsWith('/')) name += '/';
    const rc = permission(domain, { kind: 'path_number', op, name, number }, { path1: { dentry: path.dentry } });
    return getMode(policy, domain.profile, MAC_OF[op]!) === TOMOYO_CONFIG_ENFORCING ? rc : 0;
  };
  const childPath = (dir: Path | null, dentry: Dentry | null): Path | null =>
    dir && dentry ? ({ ...dir, dentry } as Path) : null;

  /**
   * tomoyo_find_next_domain(): "file execute <program>" in the current domain (checked whatever
   * the mode, for the log), then the domain to move to: the exception policy's reset/initialize/
   * keep rules, else "<current domain> <program>". A missing domain is created with the current
   * domain's profile and groups (tomoyo_assign_domain()).
   */
  const findNextDomain = (file: File): number => {
    const s = blob(ctx.currentTask());
    const old = currentDomain();
    const candidate = realpath(file.f_path);
    const rc = permission(
      old,
      { kind: 'path', op: 'execute', name: candidate },
      { path1: { dentry: file.f_path.dentry } },
      true,
    );
    if (rc < 0) return rc;
    const type = transitionType(old.name, candidate);
    let next: string;
    const ns = old.name.slice(0, old.name.indexOf('>') + 1);
    if (type === 'reset') next = ns;
    else if (type === 'initialize') next = `${ns} ${candidate}`;
    else if (type === 'keep') next = old.name;
    else next = `${old.name} ${candidate}`;
    let domain = policy.domains.get(next);
    if (!domain || domain.deleted) {
      domain = assignDomain(policy, next, old.profile, old.groups);
      // The new domain's "use_profile"/"use_group" go to the audit log (tomoyo_assign_domain()).
      writeLog(
        domain,
        'execute',
        getMode(policy, domain.profile, 'execute'),
        false,
        null,
        `use_profile ${domain.profile}\n`,
      );
      for (const g of domain.groups)
        writeLog(domain, 'execute', getMode(policy, domain.profile, 'execute'), false, null, `use_group ${g}\n`);
    }
    ctx.kfunc('tomoyo_find_next_domain', () => `${old.name} → ${next}${type ? ` (${type}_domain)` : ''}`);
    blob(ctx.currentTask()).set({ domain_info: next, old_domain_info: s.get()?.domain_info ?? old.name });
    return 0;
  };

  /** tomoyo_transition_type(): the first matching control in NO_RESET … KEEP order; a "no_" match skips its pair. */
  const transitionType = (domainname: string, program: string): string | null => {
    const last = domainname.split(' ').at(-1)!;
    let i = 0;
    while (i < TRANSITION_TYPES.length) {
      const t = TRANSITION_TYPES[i]!;
      const hit = policy.transitions.some(
        (e) =>
          e.type === t &&
          (e.domainname === null || (e.isLastName ? e.domainname === last : e.domainname === domainname)) &&
          (e.program === null || e.program === program),
      );
      if (!hit) {
        i++;
        continue;
      }
      if (t !== 'no_reset' && t !== 'no_initialize' && t !== 'no_keep') return t;
      i += 2;
    }
    return null;
  };

  // ---- securityfs ---------------------------------------------------------------------------

  /** tomoyo_manager(): uid and euid 0, and the program or the domain listed in the manager policy. */
  const isManager = (): boolean => {
    const t = currentTask(ctx);
    const c = currentCred(ctx);
    if (c.uid !== 0 || c.euid !== 0) return false;
    const domain = taskDomain(ctx.currentTask());
    if (policy.managers.includes(domain) || policy.managers.includes(t.exe)) return true;
    if (!warnedPids.has(t.pid)) {
      warnedPids.add(t.pid);
      ctx.printk(KERN_WARNING, `${domain} ( ${t.exe} ) is not permitted to update policies.`);
    }
    return false;
  };

  /** tomoyo_write_control(): managers only; the whole write is applied or none of it. */
  const control =
    (what: string, write: (text: string) => { policy: TomoyoPolicy } | { error: PolicyError }) =>
    (data: string): number => {
      ctx.kfunc('tomoyo_write_control', what);
      if (!isManager()) return -EPERM;
      const r = write(data);
      if ('error' in r) {
        ctx.printk(KERN_WARNING, `TOMOYO: ${what}: ${r.error.line}:${r.error.col}: ${r.error.reason}; nothing loaded`);
        return -EINVAL;
      }
      policy = r.policy;
      return data.length;
    };

  // tomoyo_securityfs_init(): the interface files and their modes.
  ctx.pseudoFileCreate('securityfs', 'tomoyo/domain_policy', {
    mode: 0o600,
    read: () => readDomainPolicy(policy),
    write: control('domain_policy', (t) => writeDomainPolicy(policy, t, null)),
  });
  ctx.pseudoFileCreate('securityfs', 'tomoyo/exception_policy', {
    mode: 0o600,
    read: () => readExceptionPolicy(policy),
    write: control('exception_policy', (t) => writeExceptionPolicy(policy, t)),
  });
  ctx.pseudoFileCreate('securityfs', 'tomoyo/profile', {
    mode: 0o600,
    read: () => readProfile(policy),
    write: control('profile', (t) => writeProfile(policy, t)),
  });
  ctx.pseudoFileCreate('securityfs', 'tomoyo/manager', {
    mode: 0o600,
    read: () => policy.managers.map((m) => `${m}\n`).join(''),
    write: control('manager', (t) => writeManager(policy, t)),
  });
  // tomoyo_read_log(): each read takes the oldest record.
  ctx.pseudoFileCreate('securityfs', 'tomoyo/audit', {
    mode: 0o400,
    read: () => auditLog.splice(0, TOMOYO_MAX_AUDIT_LOG_READ).join(''),
    write: null,
  });
  ctx.pseudoFileCreate('securityfs', 'tomoyo/self_domain', {
    mode: 0o666,
    read: () => taskDomain(ctx.currentTask()),
    write: null,
  });
  ctx.pseudoFileCreate('securityfs', 'tomoyo/version', { mode: 0o400, read: () => '2.6.0', write: null });
  // init (a manager in the built-in manager policy) writes BootConfig.policies.tomoyo here.
  ctx.bootPolicyFile('securityfs', 'tomoyo/domain_policy');

  // tomoyo_init(): the init task starts in <kernel>.
  blob(ctx.currentTask()).set({ domain_info: KERNEL_DOMAIN, old_domain_info: null });
  ctx.printk(KERN_INFO, 'TOMOYO Linux initialized');
  // tomoyo_check_profile() when init is executed with the built-in policy
  // (CONFIG_SECURITY_TOMOYO_OMIT_USERSPACE_LOADER): the model's world starts after that point.
  ctx.printk(KERN_INFO, 'TOMOYO: 2.6.0');
  ctx.printk(KERN_INFO, 'Mandatory Access Control activated.');

  const hooks: Partial<HookImpls> = {
    /**
     * tomoyo_bprm_check_security(): the first binary of an execve() moves the domain
     * (tomoyo_find_next_domain()); an interpreter after it needs "file read" in the new domain.
     */
    bprm_check_security: (bprm) => {
      const f = (bprm as unknown as { fields: Record<string, unknown> }).fields;
      const file = f['file'] as File | undefined;
      if (!file) return 0;
      const s = blob(ctx.currentTask()).get();
      if (!s?.old_domain_info) return findNextDomain(file);
      const domain = policy.domains.get(s.domain_info) ?? currentDomain();
      if (getMode(policy, domain.profile, 'open') === TOMOYO_CONFIG_DISABLED) return 0;
      const rc = permission(
        domain,
        { kind: 'path', op: 'read', name: realpath(file.f_path) },
        { path1: { dentry: file.f_path.dentry } },
      );
      return getMode(policy, domain.profile, 'open') === TOMOYO_CONFIG_ENFORCING ? rc : 0;
    },
    /** tomoyo_bprm_committed_creds(): the exec went through; the old domain is let go. */
    bprm_committed_creds: () => {
      const b = blob(ctx.currentTask());
      const s = b.get();
      if (s) b.set({ ...s, old_domain_info: null });
    },
    /** tomoyo_cred_prepare(): a domain moved by an execve() that failed goes back. */
    cred_prepare: () => {
      const b = blob(ctx.currentTask());
      const s = b.get();
      if (s?.old_domain_info) b.set({ domain_info: s.old_domain_info, old_domain_info: null });
      return 0;
    },
    /** tomoyo_task_alloc(): the child starts in the parent's domain. */
    task_alloc: (task) => {
      if (task) blob(task).set({ domain_info: taskDomain(ctx.currentTask()), old_domain_info: null });
      return 0;
    },
    /** tomoyo_task_free(): drops the domain references (the model keeps no counts). */
    task_free: () => undefined,
    /**
     * tomoyo_file_open() → tomoyo_check_open_permission(): "file read" for a read, "file write" or
     * "file append" (O_APPEND) for a write; opens by execve() are not checked here.
     */
    file_open: (file) => {
      const f = file as unknown as File;
      if (f.f_mode & FMODE_EXEC) return 0;
      const acc = [4, 2, 6, 6][f.f_flags & O_ACCMODE]!;
      const domain = currentDomain();
      if (getMode(policy, domain.profile, 'open') === TOMOYO_CONFIG_DISABLED) return 0;
      const name = realpath(f.f_path);
      const obj = { path1: { dentry: f.f_path.dentry } };
      let rc = 0;
      if (acc & 4) rc = permission(domain, { kind: 'path', op: 'read', name }, obj);
      if (!rc && acc & 2)
        rc = permission(domain, { kind: 'path', op: f.f_flags & O_APPEND ? 'append' : 'write', name }, obj);
      return getMode(policy, domain.profile, 'open') === TOMOYO_CONFIG_ENFORCING ? rc : 0;
    },
    /** tomoyo_file_truncate(): "file truncate". */
    file_truncate: (file) => pathPerm('truncate', (file as unknown as File).f_path),
    /** tomoyo_path_truncate(). */
    path_truncate: (path) => pathPerm('truncate', path as unknown as Path),
    /** tomoyo_path_unlink(). */
    path_unlink: (dir, dentry) => {
      const p = childPath(dir as unknown as Path, dentry as unknown as Dentry);
      return p ? pathPerm('unlink', p) : 0;
    },
    /** tomoyo_path_rmdir(). */
    path_rmdir: (dir, dentry) => {
      const p = childPath(dir as unknown as Path, dentry as unknown as Dentry);
      return p ? pathPerm('rmdir', p, true) : 0;
    },
    /** tomoyo_path_mkdir(): "file mkdir <dir>/ <mode>". */
    path_mkdir: (dir, dentry, mode) => {
      const p = childPath(dir as unknown as Path, dentry as unknown as Dentry);
      return p ? pathNumberPerm('mkdir', p, mode & S_IALLUGO) : 0;
    },
    /** tomoyo_path_mknod(): "file create" for a regular file, mkfifo/mksock, mkchar/mkblock (not modelled). */
    path_mknod: (dir, dentry, mode) => {
      const p = childPath(dir as unknown as Path, dentry as unknown as Dentry);
      if (!p) return 0;
      const type = mode & S_IFMT;
      if (type === S_IFCHR || type === S_IFBLK) return 0;
      const op = type === S_IFIFO ? 'mkfifo' : type === S_IFSOCK ? 'mksock' : 'create';
      return pathNumberPerm(op, p, mode & S_IALLUGO);
    },
    /** tomoyo_path_chmod(). */
    path_chmod: (path, mode) => pathNumberPerm('chmod', path as unknown as Path, mode & S_IALLUGO),
    /** tomoyo_path_chown(): "file chown" with the uid, then "file chgrp" with the gid. */
    path_chown: (path, uid, gid) => {
      const p = path as unknown as Path;
      let rc = uid >= 0 ? pathNumberPerm('chown', p, uid) : 0;
      if (!rc && gid >= 0) rc = pathNumberPerm('chgrp', p, gid);
      return rc;
    },
    /**
     * tomoyo_path_link() → tomoyo_path2_perm(TOMOYO_TYPE_LINK): "file link <old> <new>", both
     * names on new_dir's mount (a hard link never names a directory, so no "/" is added).
     */
    path_link: (oldDentry, newDir, newDentry) => {
      const o = childPath(newDir as unknown as Path, oldDentry as unknown as Dentry);
      const n = childPath(newDir as unknown as Path, newDentry as unknown as Dentry);
      if (!o || !n) return 0;
      const domain = currentDomain();
      if (getMode(policy, domain.profile, 'link') === TOMOYO_CONFIG_DISABLED) return 0;
      const rc = permission(
        domain,
        { kind: 'path2', op: 'link', name1: realpath(o), name2: realpath(n) },
        { path1: { dentry: o.dentry }, path2: { dentry: n.dentry } },
      );
      return getMode(policy, domain.profile, 'link') === TOMOYO_CONFIG_ENFORCING ? rc : 0;
    },
    /** tomoyo_path_rename() → tomoyo_path2_perm(): "file rename <old> <new>" (directories with "/"). */
    path_rename: (oldDir, oldDentry, newDir, newDentry) => {
      const o = childPath(oldDir as unknown as Path, oldDentry as unknown as Dentry);
      const n = childPath(newDir as unknown as Path, newDentry as unknown as Dentry);
      if (!o || !n) return 0;
      const domain = currentDomain();
      if (getMode(policy, domain.profile, 'rename') === TOMOYO_CONFIG_DISABLED) return 0;
      let name1 = realpath(o);
      let name2 = realpath(n);
      if (o.dentry.d_inode && isDir(o.dentry.d_inode as Inode) && !name2.endsWith('/')) name2 += '/';
      if (o.dentry.d_inode && isDir(o.dentry.d_inode as Inode) && !name1.endsWith('/')) name1 += '/';
      const rc = permission(
        domain,
        { kind: 'path2', op: 'rename', name1, name2 },
        { path1: { dentry: o.dentry }, path2: { dentry: n.dentry } },
      );
      return getMode(policy, domain.profile, 'rename') === TOMOYO_CONFIG_ENFORCING ? rc : 0;
    },
  };
  void MKDEV_KEYWORDS;
  const want = new Set<string>(tomoyoHooks(version));
  return { hooks: Object.fromEntries(Object.entries(hooks).filter(([h]) => want.has(h))) as Partial<HookImpls> };
}

/** The modelled hooks TOMOYO registers in `version`. */
function tomoyoHooks(version: KernelVersion): HookName[] {
  const defs = hookDefs(version);
  return HOOKS.filter((h) => defs.get(h)?.implementedBy.includes('tomoyo'));
}

export const tomoyoModel: InTreeModel = {
  name: 'tomoyo',
  implemented: (version) => tomoyoHooks(version),
  notes: {
    bprm_check_security:
      'the log record has no exec={ … argv[] envp[] } part, and learned "file execute" lines carry no exec.realpath/argv[0] conditions',
    path_mknod: 'mkchar/mkblock (device nodes) are not checked',
    path_chown: 'the machine passes the resulting uid and gid, so an unchanged id is checked too',
    file_open: 'policy conditions, namespaces other than <kernel> and the query interface are not modelled',
  },
  init: (ctx, version) => tomoyoInit(ctx, version),
};
