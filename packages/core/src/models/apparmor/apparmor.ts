// AppArmor (security/apparmor/): path-based mandatory access control. A task's cred carries a
// label: "unconfined" or one or more profiles stacked ("a//&b"). exec attaches the profile whose
// name or attachment glob matches the binary (find_attach()), or follows the exec rule of the
// current profile (ix/px/ux/cx); file access is allowed when every profile of the label allows
// the requested permissions on the path. Denials are audited as apparmor="DENIED" (enforce) or
// apparmor="ALLOWED" (complain) records; policy loads as apparmor="STATUS" records.
//
// The real module loads binary policy compiled by apparmor_parser; this model parses profile text
// (policy.ts) written to securityfs .load/.replace, or passed to lsm_config_system_policy().
import type { HookImpls } from '../../hooks/hookDefs';
import { EACCES, EEXIST, EINVAL, ENOENT, EOPNOTSUPP, EPERM } from '../../errno';
import type { Ref, Struct } from '../../kernel/objects';
import { KERN_INFO } from '../../kernel/printk';
import type { LsmInitContext } from '../../lsm/lsmInfo';
import { CAP_MAC_ADMIN, CAP_NAMES, CAP_SYS_PTRACE } from '../../machine/capability';
import { O_APPEND, O_CREAT, O_TRUNC } from '../../machine/syscallArgs';
import { S_IFDIR, S_IFLNK, S_IFMT, type Cred, type Dentry, type File, type Path, type Task } from '../../machine/types';
import { dPath } from '../../machine/world';
import * as ids from '../../uapi/lsm';
import { utf8Decode, utf8Encode } from '../../util/utf8';
import type { KernelVersion } from '../../version';
import { auditString, auditTask, type InTreeModel } from '../model';
import {
  AA_AUDIT_FILE_MASK,
  AA_EXEC_MMAP,
  AA_MAY_CHANGE_PROFILE,
  AA_MAY_CHMOD,
  AA_MAY_CHOWN,
  AA_MAY_CREATE,
  AA_MAY_DELETE,
  AA_MAY_GETATTR,
  AA_MAY_LINK,
  AA_MAY_ONEXEC,
  AA_MAY_SETATTR,
  fileMaskString,
  mapOldPerms,
  MAY_APPEND,
  MAY_EXEC,
  MAY_READ,
  MAY_WRITE,
  NULL_PERMS,
  OLD_EXEC,
  OLD_LINK,
  type AaPerms,
} from './perms';
import { formatPolicyError, parsePolicy, type ExecMode, type Profile } from './policy';

export const UNCONFINED = 'unconfined';
/** The separator of stacked profiles in a label's name (aa_label_snxprint()). */
const STACK_SEP = '//&';
const FMODE_READ = 0x1;
const FMODE_WRITE = 0x2;
/** FMODE_EXEC: the model's do_open_execat() marks the file here (the kernel's __FMODE_EXEC is in f_flags). */
const FMODE_EXEC = 0x20;
/** include/linux/security.h CAP_OPT_NOAUDIT; include/linux/security.h LSM_UNSAFE_NO_NEW_PRIVS. */
const CAP_OPT_NOAUDIT = 0x2;
const LSM_UNSAFE_NO_NEW_PRIVS = 0x4;
const CONFLICTING_ATTACH_STR = 'conflicting profile attachments';

/** struct aa_task_ctx (task blob): the labels of change_hat/change_onexec and no_new_privs. */
export interface AaTaskCtx {
  previous: string | null;
  onexec: string | null;
  /** The onexec label is stacked onto the exec's transition (stack_onexec) rather than replacing it. */
  onexecStack?: boolean;
  nnp?: string | null;
}

/** struct aa_file_ctx (file blob): the label the file was checked against and what it allows. */
interface AaFileCtx {
  /** The label's profiles with their versions ("python3@2//&unconfined"). */
  label: string;
  allow: number;
}

/** struct path_cond: the object's owner and mode. */
interface PathCond {
  readonly uid: number;
  readonly mode: number;
}

type AuditKind = 'AUDIT' | 'ALLOWED' | 'DENIED' | 'STATUS';

/** What one audit record says beyond the subject (audit_pre() and dump_common_audit_data()). */
interface AuditData {
  op: string | null;
  cls: 'file' | 'cap' | 'ptrace' | null;
  info?: string | null;
  error?: number;
  /** The label of the subject: a single profile prints as profile=, a stack as label=. */
  subject: string;
  name?: string | null;
  /** The type specific fields (the audit callback), each starting with a space. */
  tail?: string;
}

const capName = (cap: number): string => (CAP_NAMES[cap] ?? `cap_${cap}`).replace(/^CAP_/, '').toLowerCase();

/** aa_label_snxprint() order: the profiles of a stack sorted by name (profile_cmp()). */
function canonical(parts: readonly string[]): string {
  return [...new Set(parts)].sort().join(STACK_SEP);
}

function apparmorInit(ctx: LsmInitContext): { hooks: Partial<HookImpls> } {
  /** The root namespace's profiles, oldest first (the profiles file lists newest first, as list_add_rcu()). */
  const profiles = new Map<string, Profile>();
  /** audit_caps()'s per-cpu duplicate cache: the cred and, per capability, when it expires. */
  let capCache: { cred: Struct | null; expires: Map<number, number> } = { cred: null, expires: new Map() };

  /** Each load or replacement of a profile is a new version (a new label in the kernel). */
  const generation = new Map<string, number>();
  let loads = 0;
  const versionOf = (name: string): string => (generation.has(name) ? `${name}@${generation.get(name)}` : name);
  /** A label as the file context caches it: each profile with its version. */
  const versioned = (label: string): string[] => label.split(STACK_SEP).map(versionOf);
  const credBlob = (cred: Struct) => ctx.blob<string>('cred', cred);
  const taskBlob = (task: Struct) => ctx.blob<AaTaskCtx>('task', task);
  const fileBlob = (file: Struct) => ctx.blob<AaFileCtx>('file', file);

  // ---- labels ------------------------------------------------------------------------------

  /**
   * aa_get_newest_label(): the label's profiles as they are now. A replaced profile is its newest
   * version (same name); a removed one became unconfined (__remove_profile() points its proxy at
   * the namespace's unconfined profile).
   */
  const newest = (label: string): string =>
    canonical(label.split(STACK_SEP).map((n) => (n === UNCONFINED || profiles.has(n) ? n : UNCONFINED)));
  const labelOf = (cred: Struct | null): string => newest((cred && credBlob(cred).get()) ?? UNCONFINED);
  const profilesOf = (label: string): Profile[] =>
    label
      .split(STACK_SEP)
      .map((n) => profiles.get(n))
      .filter((p): p is Profile => p !== undefined);
  const unconfined = (label: string): boolean => profilesOf(label).length === 0;
  /** label_modename(): one mode, or "mixed"; unconfined members do not count. */
  const modeName = (label: string): string => {
    const modes = new Set(profilesOf(label).map((p) => p.mode));
    return modes.size === 0 ? UNCONFINED : modes.size === 1 ? [...modes][0]! : 'mixed';
  };
  /** aa_getprocattr(): "name (mode)"; the lone unconfined label has no mode. */
  const labelWithMode = (label: string): string =>
    unconfined(label) && !label.includes(STACK_SEP) ? label : `${label} (${modeName(label)})`;
  const isSubset = (set: string, sub: string): boolean => {
    const s = new Set(set.split(STACK_SEP));
    return sub.split(STACK_SEP).every((p) => s.has(p));
  };

  // ---- audit -------------------------------------------------------------------------------

  /** aa_audit_msg() → common_lsm_audit(): audit_pre(), then pid= comm=, then the callback. */
  const emit = (kind: AuditKind, d: AuditData): void => {
    let s = `apparmor="${kind}"`;
    if (d.op) s += ` operation="${d.op}"`;
    if (d.cls) s += ` class="${d.cls}"`;
    if (d.info) {
      s += ` info="${d.info}"`;
      if (d.error) s += ` error=${d.error}`;
    }
    s += d.subject.includes(STACK_SEP) ? ` label=${auditString(d.subject)}` : ` profile=${auditString(d.subject)}`;
    if (d.name) s += ` name=${auditString(d.name)}`;
    s += ` ${auditTask(ctx.currentTask())}`;
    s += d.tail ?? '';
    ctx.audit('AVC', s);
  };

  /** complain_error(): a complain-mode denial is allowed. */
  const complainError = (error: number): number => (error === -EPERM || error === -EACCES ? 0 : error);

  /** aa_audit(): AUTO picks AUDIT, ALLOWED (complain) or DENIED; returns the error to pass on. */
  const aaAudit = (profile: Profile, error: number, forced: boolean, d: AuditData): number => {
    if (!error && !forced && !profile.auditAll) return 0;
    const kind: AuditKind = !error ? 'AUDIT' : profile.mode === 'complain' ? 'ALLOWED' : 'DENIED';
    emit(kind, { ...d, subject: profile.name, error });
    return kind === 'ALLOWED' ? complainError(error) : error;
  };

  /**
   * aa_audit_file() + file_audit_cb(): a success is audited only for `audit` rules; a denial reports
   * only the denied bits, and not at all when a `deny` rule quieted them.
   */
  const auditFile = (
    profile: Profile,
    perms: AaPerms,
    op: string,
    request: number,
    name: string | null,
    target: string | null,
    ouid: number,
    info: string | null,
    error: number,
    fsuid: number,
  ): number => {
    let req = request;
    if (!error) {
      req &= profile.auditAll ? 0xffff : perms.audit;
      if (!req) return 0;
    } else {
      req &= ~perms.allow;
      if (req & perms.quiet) req &= ~perms.quiet;
      if (!req) return error;
    }
    const denied = req & ~perms.allow;
    let tail = '';
    if (req & AA_AUDIT_FILE_MASK) tail += ` requested_mask="${fileMaskString(req)}"`;
    if (denied & AA_AUDIT_FILE_MASK) tail += ` denied_mask="${fileMaskString(denied)}"`;
    if (req & AA_AUDIT_FILE_MASK) tail += ` fsuid=${fsuid} ouid=${ouid}`;
    if (target) tail += ` target=${auditString(target)}`;
    if (!error) {
      emit('AUDIT', { op, cls: 'file', info, subject: profile.name, name, tail });
      return 0;
    }
    return aaAudit(profile, error, true, { op, cls: 'file', info, subject: profile.name, name, tail });
  };

  // ---- file permissions ----------------------------------------------------------------------

  /**
   * aa_str_perms() over the profile's file rules, as the DFA apparmor_parser builds would answer:
   * the union of matching allow rules less the matching deny rules; `owner` rules only when the
   * caller's fsuid owns the object; `audit` rules force auditing; `deny` rules quiet the denial
   * unless `audit deny`. GETATTR is always allowed (compute_fperms_allow()).
   */
  const strPerms = (p: Profile, name: string, cond: PathCond, fsuid: number): AaPerms & { exec: ExecMode | null } => {
    let allow = 0;
    let deny = 0;
    let audit = 0;
    let quiet = 0;
    let exec: ExecMode | null = null;
    let execLiteral = false;
    const owner = fsuid === cond.uid;
    for (const r of p.files) {
      if (r.owner && !owner) continue;
      if (!r.re.test(name)) continue;
      if (r.deny) {
        deny |= r.perms;
        if (!r.audit) quiet |= r.perms;
      } else {
        allow |= r.perms;
        if (r.audit) audit |= r.perms;
        // Exact rules dominate glob rules for the exec mode (the parser's x intersection test).
        if (r.exec && (!exec || (r.literal && !execLiteral))) {
          exec = r.exec;
          execLiteral = r.literal;
        }
      }
    }
    allow &= ~deny;
    return {
      allow: mapOldPerms(allow) | AA_MAY_GETATTR,
      audit: mapOldPerms(audit),
      quiet: mapOldPerms(quiet),
      exec: allow & OLD_EXEC ? exec : null,
    };
  };

  /** aa_path_name(): d_path(), with '/' appended for directories (PATH_IS_DIR). */
  const pathName = (path: { mnt: Path['mnt']; dentry: Dentry }, mode: number): string => {
    const n = dPath(path);
    return (mode & S_IFMT) === S_IFDIR && !n.endsWith('/') ? `${n}/` : n;
  };

  /** aa_path_perm(): every confined profile of the label must allow `request` on the path. */
  const pathPerm = (
    op: string,
    cred: Cred,
    label: string,
    path: { mnt: Path['mnt']; dentry: Dentry },
    request: number,
    cond: PathCond,
  ): number => {
    const name = pathName(path, cond.mode);
    let error = 0;
    for (const p of profilesOf(label)) {
      const perms = strPerms(p, name, cond, cred.fsuid);
      const e = request & ~perms.allow ? -EACCES : 0;
      const rc = auditFile(p, perms, op, request, name, null, cond.uid, null, e, cred.fsuid);
      if (rc) error = rc;
    }
    return error;
  };

  const current = (): Cred => ctx.currentCred() as unknown as Cred;

  /** common_perm(): the current task's label on a path. */
  const commonPerm = (op: string, path: { mnt: Path['mnt']; dentry: Dentry }, mask: number, cond: PathCond): number => {
    const cred = current();
    const label = labelOf(cred);
    if (unconfined(label)) return 0;
    ctx.kfunc('aa_path_perm', () => `${op} ${dPath(path)} (${label})`);
    return pathPerm(op, cred, label, path, mask, cond);
  };

  const condOf = (dentry: Dentry): PathCond | null =>
    dentry.d_inode ? { uid: dentry.d_inode.i_uid, mode: dentry.d_inode.i_mode } : null;

  /** common_perm_cond(): the object's owner and mode from its inode. */
  const commonPermCond = (op: string, path: Path | null, mask: number): number => {
    const cond = path && condOf(path.dentry);
    return cond ? commonPerm(op, path, mask, cond) : 0;
  };

  /** common_perm_rm(): a name that is being removed (nothing to check for a negative dentry). */
  const commonPermRm = (op: string, dir: Path | null, dentry: Dentry | null, mask: number): number => {
    const cond = dentry && condOf(dentry);
    return dir && cond ? commonPerm(op, { mnt: dir.mnt, dentry }, mask, cond) : 0;
  };

  /** common_perm_create(): a name being created, owned by the caller's fsuid. */
  const commonPermCreate = (op: string, dir: Path | null, dentry: Dentry | null, mask: number, mode: number): number =>
    dir && dentry ? commonPerm(op, { mnt: dir.mnt, dentry }, mask, { uid: current().fsuid, mode }) : 0;

  /** aa_map_file_to_perms(). */
  const mapFileToPerms = (file: File): number => {
    let perms = 0;
    if (file.f_mode & FMODE_WRITE) perms |= MAY_WRITE;
    if (file.f_mode & FMODE_READ) perms |= MAY_READ;
    if (file.f_flags & O_APPEND && perms & MAY_WRITE) perms = (perms & ~MAY_WRITE) | MAY_APPEND;
    if (file.f_flags & O_TRUNC) perms |= MAY_WRITE;
    if (file.f_flags & O_CREAT) perms |= AA_MAY_CREATE;
    return perms;
  };

  /** aa_file_perm(): revalidate an open file when the label or the request is not cached in it. */
  const filePerm = (op: string, file: File, request: number, subj?: { cred: Cred; label: string }): number => {
    const cred = subj?.cred ?? current();
    const label = subj?.label ?? labelOf(cred);
    const fctx = fileBlob(file).get();
    if (!fctx) return 0;
    const fparts = new Set(fctx.label.split(STACK_SEP));
    const mine = versioned(label);
    const denied = request & ~fctx.allow;
    // Unconfined tasks and files delegated by an unconfined opener pass (__file_is_delegated()),
    // and so do cached grants: every profile of the task's label, in its current version, is in
    // the file's label (__aa_subj_label_is_cached()); a replaced profile is a new label.
    if (unconfined(label) || [...fparts].every((n) => n === UNCONFINED)) return 0;
    if (!denied && mine.every((n) => fparts.has(n))) return 0;
    const cond = { uid: file.f_inode.i_uid, mode: file.f_inode.i_mode };
    const name = pathName(file.f_path, cond.mode);
    ctx.kfunc('aa_file_perm', () => `${op} ${name}: revalidating for ${label}`);
    let error = 0;
    for (const p of profilesOf(label)) {
      if (!denied && fparts.has(versionOf(p.name))) continue;
      const perms = strPerms(p, name, cond, cred.fsuid);
      const e = request & ~perms.allow ? -EACCES : 0;
      const rc = auditFile(p, perms, op, request, name, null, cond.uid, null, e, cred.fsuid);
      if (rc) error = rc;
    }
    // update_file_ctx(): the file's label grows by the task's, and the request is cached.
    if (!error) fileBlob(file).set({ label: canonical([...fparts, ...mine]), allow: fctx.allow | request });
    return error;
  };

  // ---- exec ----------------------------------------------------------------------------------

  /**
   * find_attach(): the profile whose attachment matches the binary: an exact (literal) name wins at
   * once; among globs the longest plain prefix (xmatch_len) wins, and a tie is a conflict.
   */
  const findAttach = (name: string): { profile: Profile | null; info: string | null } => {
    let candidate: Profile | null = null;
    let conflict = false;
    for (const p of profiles.values()) {
      if (!p.attachRe || p.learning) continue;
      if (p.attachLiteral) {
        if (p.attach === name) return { profile: p, info: null };
        continue;
      }
      if (!p.attachRe.test(name)) continue;
      if (candidate && p.attachLen < candidate.attachLen) continue;
      if (candidate && p.attachLen === candidate.attachLen) {
        conflict = true;
        continue;
      }
      candidate = p;
      conflict = false;
    }
    if (conflict) return { profile: null, info: CONFLICTING_ATTACH_STR };
    return { profile: candidate, info: null };
  };

  /** aa_new_learning_profile(): "parent//null-<name>", in complain mode, with no rules. */
  const learningProfile = (parent: Profile, base: string): Profile => {
    const name = `${parent.name}//null-${base}`;
    let p = profiles.get(name);
    if (!p) {
      p = {
        name,
        attach: null,
        attachRe: null,
        attachLen: 0,
        attachLiteral: false,
        mode: 'complain',
        auditAll: false,
        files: [],
        caps: { allow: new Set(), deny: new Set(), audit: new Set(), quiet: new Set() },
        changeProfile: [],
        learning: true,
      };
      profiles.set(name, p);
      generation.set(name, ++loads);
    }
    return p;
  };

  /** x_to_label(): the label an exec rule's mode leads to, with its fallback. */
  const xToLabel = (
    p: Profile,
    name: string,
    x: ExecMode,
  ): { label: string | null; info: string | null; lookup: string | null } => {
    let label: string | null = null;
    let info: string | null = null;
    let lookup: string | null = null;
    if (x.type === 'p') {
      if (x.target) {
        lookup = x.target;
        label = profiles.has(x.target) ? x.target : null;
      } else {
        lookup = name;
        const a = findAttach(name);
        label = a.profile?.name ?? null;
        info = a.info;
      }
    } else if (x.type === 'c') {
      // Child profiles are not modelled: there is never a cx target, only the fallback.
      lookup = x.target ?? name;
    }
    if (!label) {
      if (x.type === 'i' || x.fallback === 'i') {
        label = p.name;
        info = info === CONFLICTING_ATTACH_STR ? `${CONFLICTING_ATTACH_STR} - fallback to ix` : 'ix fallback';
      } else if (x.type === 'u' || x.fallback === 'u') {
        label = UNCONFINED;
        info = info === CONFLICTING_ATTACH_STR ? `${CONFLICTING_ATTACH_STR} - fallback to ux` : 'ux fallback';
      }
    }
    return { label, info, lookup };
  };

  /** profile_transition(): one profile's part of the exec label, or an error. */
  const profileTransition = (cred: Cred, p: Profile | null, name: string, cond: PathCond): string | number => {
    if (!p) {
      const a = findAttach(name);
      if (a.info) {
        // Conflicting attachments are reported (perms.audit |= MAY_EXEC) and the task stays unconfined.
        emit('AUDIT', {
          op: 'exec',
          cls: 'file',
          info: a.info,
          subject: UNCONFINED,
          name,
          tail: ` requested_mask="x" fsuid=${cred.fsuid} ouid=${cond.uid}`,
        });
      }
      return a.profile?.name ?? UNCONFINED;
    }
    const perms = strPerms(p, name, cond, cred.fsuid);
    let error = 0;
    let info: string | null = null;
    let target: string | null = null;
    let next: string | null = null;
    if (perms.allow & MAY_EXEC && perms.exec) {
      const x = xToLabel(p, name, perms.exec);
      next = x.label;
      info = x.info;
      target = x.lookup;
      if (next === p.name && info) {
        // ix or an ix fallback: the same profile; info ("ix fallback") shows only in an audited record.
      } else if (!next) {
        info = 'profile transition not found';
        perms.allow &= ~MAY_EXEC;
        if (p.mode === 'complain') {
          next = learningProfile(p, name).name;
          error = -EACCES;
        } else error = -EACCES;
      }
    } else if (p.mode === 'complain') {
      next = learningProfile(p, name).name;
      error = -EACCES;
    } else error = -EACCES;
    const rc = auditFile(p, perms, 'exec', MAY_EXEC, name, next ?? target, cond.uid, info, error, cred.fsuid);
    if (!next) return rc || -EACCES;
    return next;
  };

  // ---- capabilities ----------------------------------------------------------------------------

  /** profile_capable() + audit_caps(): allow and not deny; complain allows; 1 s duplicate cache. */
  const profileCapable = (p: Profile, cred: Struct | null, cap: number, opts: number): number => {
    const error = p.caps.allow.has(cap) && !p.caps.deny.has(cap) ? 0 : -EPERM;
    let info: string | null = null;
    if (opts & CAP_OPT_NOAUDIT) {
      if (p.mode !== 'complain') return error;
      info = 'optional: no audit';
    }
    if (!error) {
      if (!p.auditAll && !p.caps.audit.has(cap)) return 0;
    } else if (p.caps.quiet.has(cap)) return error;
    const now = ctx.now();
    if (cred === capCache.cred && now <= (capCache.expires.get(cap) ?? -1))
      return p.mode === 'complain' ? complainError(error) : error;
    if (cred !== capCache.cred) capCache = { cred, expires: new Map() };
    capCache.expires.set(cap, now + 1_000_000_000);
    return aaAudit(p, error, true, {
      op: 'capable',
      cls: 'cap',
      info,
      subject: p.name,
      tail: ` capability=${cap}  capname=${auditString(capName(cap))}`,
    });
  };

  /** aa_capable(): every confined profile of the label. */
  const aaCapable = (cred: Struct | null, label: string, cap: number, opts: number): number => {
    let error = 0;
    for (const p of profilesOf(label)) {
      const rc = profileCapable(p, cred, cap, opts);
      if (rc) error = rc;
    }
    return error;
  };

  /**
   * aa_may_ptrace() → profile_tracer_perm(): a profile without ptrace rules (the model's profiles
   * never have them) uses the old style check: tracing a task of another label needs
   * CAP_SYS_PTRACE in the profile (aa_capable()), and the result is audited as operation="ptrace"
   * with the tracee's label as peer=. The tracee side (profile_tracee_perm()) only mediates with
   * ptrace rules, so it always allows here.
   */
  const mayPtrace = (tracerCred: Cred, tracer: string, tracee: string): number => {
    let error = 0;
    for (const p of profilesOf(tracer)) {
      if (tracee === p.name) continue;
      const e = aaCapable(tracerCred, p.name, CAP_SYS_PTRACE, 0);
      const rc = aaAudit(p, e, false, {
        op: 'ptrace',
        cls: 'ptrace',
        subject: p.name,
        tail: ` peer=${auditString(tracee)}`,
      });
      if (rc) error = rc;
    }
    return error;
  };

  // ---- policy management -------------------------------------------------------------------------

  /** audit_policy(): an apparmor="STATUS" record naming the loader's label. */
  const auditPolicy = (op: string | null, name: string | null, info: string | null, error: number, tail = ''): void =>
    emit('STATUS', { op, cls: null, info, error, subject: labelOf(current()), name, tail });

  /**
   * aa_may_manage_policy(): CAP_MAC_ADMIN, asked of the capability code and of AppArmor only
   * (policy_ns_capable(): cap_capable() then aa_capable(), not the rest of the stack).
   */
  const mayManagePolicy = (op: string): number => {
    const cred = current();
    const hasCap = (cred.cap_effective >> BigInt(CAP_MAC_ADMIN)) & 1n;
    const label = labelOf(cred);
    if (!hasCap || aaCapable(cred, label, CAP_MAC_ADMIN, 0)) {
      auditPolicy(op, null, 'not policy admin', -EACCES);
      return -EACCES;
    }
    return 0;
  };

  /**
   * policy_update() → aa_replace_profiles(): parse, then replace atomically. `.load` refuses a name
   * that exists (-EEXIST, "profile already exists"); a parse error loads nothing.
   */
  const replaceProfiles = (text: string, replace: boolean): number => {
    const op0 = replace ? 'profile_replace' : 'profile_load';
    let rc = mayManagePolicy(op0);
    if (rc) return rc;
    ctx.kfunc('aa_replace_profiles', replace ? 'load or replace' : 'load (noreplace)');
    const parsed = parsePolicy(text);
    if (!parsed.ok) {
      // audit_iface(): the unpacker's complaint; the model's is the text parser's line:col.
      const e = parsed.error;
      emit('STATUS', {
        op: null,
        cls: null,
        info: formatPolicyError(e).replace(/"/g, "'"),
        error: -EINVAL,
        subject: labelOf(current()),
        tail: e.offset ? ` offset=${e.offset}` : '',
      });
      return -EINVAL;
    }
    for (const p of parsed.profiles) {
      if (!replace && profiles.has(p.name)) {
        auditPolicy('profile_replace', p.name, 'profile already exists', -EEXIST);
        // The rest of the set failed with it: those checked before are "valid", those after "unchecked".
        let info = 'valid profile in failed atomic policy load';
        for (const q of parsed.profiles) {
          if (q === p) {
            info = 'unchecked profile in failed atomic policy load';
            continue;
          }
          auditPolicy(profiles.has(q.name) ? 'profile_replace' : 'profile_load', q.name, info, -EEXIST);
        }
        return -EEXIST;
      }
    }
    for (const p of parsed.profiles) {
      const op = profiles.has(p.name) ? 'profile_replace' : 'profile_load';
      auditPolicy(op, p.name, null, 0);
      // __replace_profile() keeps the list position; __add_profile() appends.
      profiles.set(p.name, p);
      generation.set(p.name, ++loads);
    }
    rc = 0;
    return rc;
  };

  /** aa_remove_profiles(). */
  const removeProfile = (name: string): number => {
    const rc = mayManagePolicy('profile_remove');
    if (rc) return rc;
    if (!name) {
      auditPolicy('profile_remove', null, 'no profile specified', -ENOENT);
      return -ENOENT;
    }
    if (!profiles.has(name)) {
      auditPolicy('profile_remove', name, 'profile does not exist', -ENOENT);
      return -ENOENT;
    }
    for (const n of [...profiles.keys()])
      if (n === name || n.startsWith(`${name}//`)) {
        profiles.delete(n);
        generation.delete(n);
      }
    auditPolicy('profile_remove', name, null, 0);
    return 0;
  };

  /**
   * aa_change_profile(): change to (or, with AA_CHANGE_STACK, stack) the named profile now, or at
   * the next exec (AA_CHANGE_ONEXEC: the task context's onexec label). Unconfined may change to any
   * loaded profile; a confined profile needs a change_profile rule for the target. AA_CHANGE_TEST
   * (permprofile) only checks.
   */
  const aaChangeProfile = (fqname: string, flags: { stack?: boolean; onexec?: boolean; test?: boolean }): number => {
    const cred = current();
    const label = labelOf(cred);
    if (!fqname) return -EINVAL;
    let stack = flags.stack ?? false;
    const request = flags.onexec ? AA_MAY_ONEXEC : AA_MAY_CHANGE_PROFILE;
    let name = fqname;
    if (name.startsWith('&')) {
      stack = true;
      name = name.slice(1);
    }
    const op = flags.onexec ? (stack ? 'stack_onexec' : 'change_onexec') : stack ? 'stack' : 'change_profile';
    const parts = name.split(STACK_SEP);
    const members = [...label.split(STACK_SEP)].map((n) => profiles.get(n) ?? null);
    if (!parts.every((n) => profiles.has(n))) {
      // aa_label_parse() fails: "label not found", audited for each profile of the caller's label.
      for (const p of members) {
        if (p) auditFile(p, NULL_PERMS, op, request, fqname, null, 0, 'label not found', -ENOENT, cred.fsuid);
        else
          emit('DENIED', {
            op,
            cls: 'file',
            info: 'label not found',
            error: -ENOENT,
            subject: UNCONFINED,
            name: fqname,
          });
      }
      return -ENOENT;
    }
    const target = canonical(parts);
    let error = 0;
    for (const p of members) {
      if (!p) continue;
      // change_profile_perms() → label_match(): the profile's change_profile rules.
      const allowed = p.changeProfile.some((re) => re.test(target));
      const perms: AaPerms = { allow: allowed ? AA_MAY_CHANGE_PROFILE | AA_MAY_ONEXEC : 0, audit: 0, quiet: 0 };
      const rc = auditFile(p, perms, op, request, fqname, target, 0, null, allowed ? 0 : -EACCES, cred.fsuid);
      if (rc) error = rc;
    }
    if (error || flags.test) return error;
    if (flags.onexec) {
      // aa_set_current_onexec(): the full transition is built at exec (handle_onexec()).
      const t = taskBlob(ctx.currentTask()).get() ?? { previous: null, onexec: null };
      taskBlob(ctx.currentTask()).set({ ...t, onexec: target, onexecStack: stack });
      return 0;
    }
    // aa_replace_current_label(): a new cred with the label (the model relabels in place).
    credBlob(cred).set(stack ? canonical([...label.split(STACK_SEP), ...parts]) : target);
    return 0;
  };

  /**
   * do_setattr(): "changeprofile NAME", "permprofile NAME", "stack NAME" on attr/current; "exec
   * NAME", "stack NAME" on attr/exec. Anything else is audited as DENIED with info "current" or
   * "exec" and fails -EINVAL. (changehat is not modelled.)
   */
  const doSetattr = (attr: 'current' | 'exec' | string, value: string): number => {
    if (!value.length) return -EINVAL;
    const args = value.replace(/\0.*$/s, '').trim();
    const sp = args.indexOf(' ');
    if (sp < 0) return -EINVAL;
    const command = args.slice(0, sp);
    const arg = args.slice(sp + 1).trimStart();
    if (!arg) return -EINVAL;
    let error: number | null = null;
    if (attr === 'current') {
      if (command === 'changeprofile') error = aaChangeProfile(arg, {});
      else if (command === 'permprofile') error = aaChangeProfile(arg, { test: true });
      else if (command === 'stack') error = aaChangeProfile(arg, { stack: true });
    } else if (attr === 'exec') {
      if (command === 'exec') error = aaChangeProfile(arg, { onexec: true });
      else if (command === 'stack') error = aaChangeProfile(arg, { onexec: true, stack: true });
    }
    if (error === null) {
      emit('DENIED', {
        op: 'setprocattr',
        cls: null,
        info: attr === 'current' || attr === 'exec' ? attr : 'invalid',
        error: -EINVAL,
        subject: labelOf(current()),
      });
      return -EINVAL;
    }
    return error || value.length;
  };

  // ---- securityfs ---------------------------------------------------------------------------------

  // apparmorfs.c aa_create_aafs(): .load, .replace, .remove are 0666 (aa_may_manage_policy decides);
  // profiles is 0444.
  ctx.pseudoFileCreate('securityfs', 'apparmor/.load', {
    mode: 0o666,
    read: null,
    write: (data) => replaceProfiles(data, false) || data.length,
  });
  ctx.pseudoFileCreate('securityfs', 'apparmor/.replace', {
    mode: 0o666,
    read: null,
    write: (data) => replaceProfiles(data, true) || data.length,
  });
  ctx.pseudoFileCreate('securityfs', 'apparmor/.remove', {
    mode: 0o666,
    read: null,
    // aa_remove_profiles() gets the name with a trailing newline stripped by the write handler.
    write: (data) => removeProfile(data.replace(/\n$/, '').replace(/\0.*$/s, '')) || data.length,
  });
  ctx.pseudoFileCreate('securityfs', 'apparmor/profiles', {
    mode: 0o444,
    read: () =>
      [...profiles.values()]
        .reverse()
        .map((p) => `${p.name} (${p.mode})\n`)
        .join(''),
    write: null,
  });
  ctx.bootPolicyFile('securityfs', 'apparmor/.replace');

  // The unmerged lsm_config_*_policy() series (LSM-FACTS §9).
  ctx.configPolicyHandler('self', (buf) => {
    // strncpy_from_user(): the name ends at the first NUL (the model also takes a buffer without one).
    const nul = buf.indexOf(0);
    const name = utf8Decode(nul < 0 ? buf : buf.subarray(0, nul));
    ctx.kfunc('aa_change_profile', `${name}, AA_CHANGE_STACK`);
    return aaChangeProfile(name, { stack: true });
  });
  ctx.configPolicyHandler('system', (buf) => {
    // "<ns>\0<policy>": only the root namespace ("") exists in the model. A buffer without the
    // namespace prefix is taken as policy text for the root namespace (a model convenience).
    const nul = buf.indexOf(0);
    if (nul > 0) return -EINVAL;
    const text = utf8Decode(nul === 0 ? buf.subarray(1) : buf);
    ctx.kfunc('aa_profile_load_ns_name', 'root namespace: policy_update(AA_MAY_LOAD_POLICY | AA_MAY_REPLACE_POLICY)');
    const rc = replaceProfiles(text, true);
    return rc < 0 ? rc : 0;
  });

  // apparmor_init(): the init task's cred is the root namespace's unconfined label.
  credBlob(ctx.currentCred()).set(UNCONFINED);
  taskBlob(ctx.currentTask()).set({ previous: null, onexec: null });
  ctx.printk(KERN_INFO, 'AppArmor: AppArmor initialized');

  const hooks: Partial<HookImpls> = {
    /** apparmor_cred_prepare(): set_cred_label(new, aa_get_newest_label(cred_label(old))). */
    cred_prepare: (n, old) => {
      if (n && old) credBlob(n).set(labelOf(old));
      return 0;
    },
    /** apparmor_task_alloc(): a new task context (no onexec or previous label). */
    task_alloc: (task) => {
      if (task) taskBlob(task).set({ previous: null, onexec: null });
      return 0;
    },
    /** apparmor_getselfattr(): current, prev and exec as aa_getprocattr(label, newline=false). */
    getselfattr: (attr: number, uctx, size: Ref<number>) => {
      const task = taskBlob(ctx.currentTask()).get();
      let label: string | null | undefined;
      if (attr === ids.LSM_ATTR_CURRENT) label = labelOf(ctx.currentCred());
      else if (attr === ids.LSM_ATTR_PREV) label = task?.previous ?? null;
      else if (attr === ids.LSM_ATTR_EXEC) label = task?.onexec ?? null;
      else return -EOPNOTSUPP;
      if (!label) return -ENOENT;
      const rc = ctx.fillUserCtx(uctx as number, size, utf8Encode(labelWithMode(newest(label))), 0);
      return rc < 0 ? rc : 1;
    },
    /** apparmor_getprocattr(): /proc/<pid>/attr/{current,prev,exec}, with a newline. */
    getprocattr: (p, name, value) => {
      const task = p as unknown as Task | null;
      if (!task) return -EINVAL;
      const tctx = taskBlob(task).get();
      let label: string | null = null;
      if (name === 'current') label = labelOf(task.cred);
      else if (name === 'prev' && tctx?.previous) label = tctx.previous;
      else if (name === 'exec' && tctx?.onexec) label = tctx.onexec;
      else return -EINVAL;
      const s = `${labelWithMode(newest(label))}\n`;
      value.value = s;
      return s.length;
    },
    /** apparmor_setprocattr(): /proc/<pid>/attr/current and attr/exec writes (do_setattr()). */
    setprocattr: (name, value, size) => {
      const v = typeof value === 'string' ? value : value instanceof Uint8Array ? utf8Decode(value) : '';
      return doSetattr(name ?? '', v.slice(0, size));
    },
    /** apparmor_ptrace_access_check(): aa_may_ptrace(current's label, the child's cred label). */
    ptrace_access_check: (child) => {
      const t = child as unknown as Task | null;
      if (!t) return 0;
      return mayPtrace(current(), labelOf(current()), labelOf(t.cred));
    },
    /** apparmor_ptrace_traceme(): the parent is the tracer, current the tracee. */
    ptrace_traceme: (parent) => {
      const t = parent as unknown as Task | null;
      if (!t) return 0;
      return mayPtrace(t.cred, labelOf(t.cred), labelOf(current()));
    },
    /** apparmor_capable(): a confined label needs a capability rule (the capability LSM asked first). */
    capable: (cred, _ns, cap, opts) => {
      const label = labelOf(cred);
      if (unconfined(label)) return 0;
      return aaCapable(cred, label, cap, opts);
    },
    /** apparmor_file_alloc_security(): the file remembers the opener's label. */
    file_alloc_security: (file) => {
      if (file) fileBlob(file).set({ label: versioned(labelOf(ctx.currentCred())).join(STACK_SEP), allow: 0 });
      return 0;
    },
    /**
     * apparmor_file_open(): aa_path_perm(OP_OPEN) with aa_map_file_to_perms(); an exec open is
     * checked by the bprm hooks and caches MAY_EXEC | MAY_READ | AA_EXEC_MMAP.
     */
    file_open: (f) => {
      const file = f as unknown as File | null;
      if (!file) return 0;
      const fctx = fileBlob(file).get() ?? { label: versioned(labelOf(file.f_cred)).join(STACK_SEP), allow: 0 };
      if (file.f_mode & FMODE_EXEC) {
        fileBlob(file).set({ ...fctx, allow: MAY_EXEC | MAY_READ | AA_EXEC_MMAP });
        return 0;
      }
      const label = labelOf(file.f_cred);
      if (unconfined(label)) return 0;
      const cond = { uid: file.f_inode.i_uid, mode: file.f_inode.i_mode };
      ctx.kfunc('aa_path_perm', () => `open ${dPath(file.f_path)} (${label})`);
      const error = pathPerm('open', file.f_cred, label, file.f_path, mapFileToPerms(file), cond);
      // "todo cache full allowed permissions set and state": the request is cached even on failure.
      fileBlob(file).set({ ...fctx, allow: mapFileToPerms(file) });
      return error;
    },
    /** apparmor_file_permission(): common_file_perm(OP_FPERM) → aa_file_perm() revalidation. */
    file_permission: (f, mask) => (f ? filePerm('file_perm', f as unknown as File, mask) : 0),
    /** apparmor_file_truncate() → apparmor_path_truncate(): MAY_WRITE | AA_MAY_SETATTR. */
    file_truncate: (f) =>
      commonPermCond('truncate', f ? (f as unknown as File).f_path : null, MAY_WRITE | AA_MAY_SETATTR),
    /** apparmor_mmap_file() → common_mmap(): r for PROT_READ, w for shared PROT_WRITE, m for PROT_EXEC. */
    mmap_file: (f, _reqprot, prot, flags) => {
      if (!f || !fileBlob(f).get()) return 0;
      let mask = 0;
      if (prot & 1) mask |= MAY_READ;
      if (prot & 2 && !(flags & 2)) mask |= MAY_WRITE;
      if (prot & 4) mask |= AA_EXEC_MMAP;
      return filePerm('file_mmap', f as unknown as File, mask);
    },
    /** apparmor_path_unlink(): AA_MAY_DELETE on the name. */
    path_unlink: (dir, dentry) => commonPermRm('unlink', dir as Path | null, dentry as Dentry | null, AA_MAY_DELETE),
    /** apparmor_path_rmdir(): AA_MAY_DELETE on the directory (a trailing '/'). */
    path_rmdir: (dir, dentry) => commonPermRm('rmdir', dir as Path | null, dentry as Dentry | null, AA_MAY_DELETE),
    /** apparmor_path_mkdir(): AA_MAY_CREATE on the new directory name ("…/name/"). */
    path_mkdir: (dir, dentry) =>
      commonPermCreate('mkdir', dir as Path | null, dentry as Dentry | null, AA_MAY_CREATE, S_IFDIR),
    /** apparmor_path_mknod(): AA_MAY_CREATE (also O_CREAT's new file). */
    path_mknod: (dir, dentry, mode) =>
      commonPermCreate('mknod', dir as Path | null, dentry as Dentry | null, AA_MAY_CREATE, mode),
    /** apparmor_path_symlink(): AA_MAY_CREATE on the link's name. */
    path_symlink: (dir, dentry) =>
      commonPermCreate('symlink', dir as Path | null, dentry as Dentry | null, AA_MAY_CREATE, S_IFLNK),
    /** apparmor_path_truncate(). */
    path_truncate: (path) => commonPermCond('truncate', path as Path | null, MAY_WRITE | AA_MAY_SETATTR),
    /** apparmor_path_chmod(): AA_MAY_CHMOD (granted by w). */
    path_chmod: (path) => commonPermCond('chmod', path as Path | null, AA_MAY_CHMOD),
    /** apparmor_path_chown(): AA_MAY_CHOWN (granted by w). */
    path_chown: (path) => commonPermCond('chown', path as Path | null, AA_MAY_CHOWN),
    /** apparmor_inode_getattr(): AA_MAY_GETATTR, which every matching path allows. */
    inode_getattr: (path) => commonPermCond('getattr', path as Path | null, AA_MAY_GETATTR),
    /**
     * apparmor_path_rename(): the source needs r, w and d (MAY_READ | GETATTR | MAY_WRITE | SETATTR |
     * DELETE, "rename_src"), the destination w and c (MAY_WRITE | SETATTR | CREATE, "rename_dest"),
     * both with the source's owner and mode.
     */
    path_rename: (oldDir, oldDentry, newDir, newDentry) => {
      const od = oldDentry as Dentry | null;
      const cond = od && condOf(od);
      if (!oldDir || !newDir || !od || !newDentry || !cond) return 0;
      const cred = current();
      const label = labelOf(cred);
      if (unconfined(label)) return 0;
      ctx.kfunc('aa_path_perm', () => `rename ${dPath({ mnt: (oldDir as Path).mnt, dentry: od })}`);
      let error = pathPerm(
        'rename_src',
        cred,
        label,
        { mnt: (oldDir as Path).mnt, dentry: od },
        MAY_READ | AA_MAY_GETATTR | MAY_WRITE | AA_MAY_SETATTR | AA_MAY_DELETE,
        cond,
      );
      if (!error)
        error = pathPerm(
          'rename_dest',
          cred,
          label,
          { mnt: (newDir as Path).mnt, dentry: newDentry as Dentry },
          MAY_WRITE | AA_MAY_SETATTR | AA_MAY_CREATE,
          cond,
        );
      return error;
    },
    /**
     * apparmor_path_link() → aa_path_link(): the new name needs l, and when the link rule asks for
     * the subset test (the parser sets it for every plain `l` rule) its other permissions must also
     * be allowed on the target.
     */
    path_link: (oldDentry, newDir, newDentry) => {
      const od = oldDentry as Dentry | null;
      const cond = od && condOf(od);
      if (!od || !newDir || !newDentry || !cond) return 0;
      const cred = current();
      const label = labelOf(cred);
      if (unconfined(label)) return 0;
      const mnt = (newDir as Path).mnt;
      const lname = pathName({ mnt, dentry: newDentry as Dentry }, cond.mode);
      const tname = pathName({ mnt, dentry: od }, cond.mode);
      let error = 0;
      for (const p of profilesOf(label)) {
        const lperms = strPerms(p, lname, cond, cred.fsuid);
        const tperms = strPerms(p, tname, cond, cred.fsuid);
        let request = AA_MAY_LINK;
        let e = 0;
        let perms: AaPerms = lperms;
        if (!(lperms.allow & AA_MAY_LINK)) e = -EACCES;
        else {
          // The link's permissions other than l must be a subset of the target's.
          request = (lperms.allow & ~AA_MAY_LINK & AA_AUDIT_FILE_MASK) | AA_MAY_LINK;
          perms = { ...lperms, allow: lperms.allow & (tperms.allow | AA_MAY_LINK) };
          if (request & ~perms.allow) e = -EACCES;
        }
        const rc = auditFile(p, perms, 'link', request, lname, tname, cond.uid, null, e, cred.fsuid);
        if (rc) error = rc;
      }
      return error;
    },
    /**
     * apparmor_bprm_creds_for_exec(): each profile of the label makes its transition
     * (profile_transition(); unconfined attaches by find_attach()), and the new cred gets the
     * merged label. With no_new_privs a confined task may only move to a subset of its label.
     */
    bprm_creds_for_exec: (b) => {
      const bprm = b as unknown as { fields: Record<string, unknown> } | null;
      const file = bprm?.fields['file'] as File | undefined;
      const newCred = bprm?.fields['cred'] as Cred | undefined;
      if (!bprm || !file || !newCred) return 0;
      const label = labelOf(newCred);
      const tctx = taskBlob(ctx.currentTask()).get();
      const unsafe = Number(bprm.fields['unsafe'] ?? 0);
      if (unsafe & LSM_UNSAFE_NO_NEW_PRIVS && !unconfined(label) && tctx && !tctx.nnp) tctx.nnp = label;
      const cond = { uid: file.f_inode.i_uid, mode: file.f_inode.i_mode };
      const name = dPath(file.f_path);
      const cred = current();
      const parts: string[] = [];
      const onexec = tctx?.onexec ? newest(tctx.onexec) : null;
      if (onexec && !tctx?.onexecStack) {
        // handle_onexec(): the label set by change_onexec replaces the transition.
        parts.push(...onexec.split(STACK_SEP));
      } else {
        for (const n of label.split(STACK_SEP)) {
          const r = profileTransition(cred, profiles.get(n) ?? null, name, cond);
          if (typeof r === 'number') return r;
          parts.push(r);
        }
        // stack_onexec: the onexec label is stacked on each profile's transition.
        if (onexec) parts.push(...onexec.split(STACK_SEP));
      }
      const next = canonical(parts);
      ctx.kfunc('apparmor_bprm_creds_for_exec', () => `${name}: ${label} → ${next}`);
      if (unsafe & LSM_UNSAFE_NO_NEW_PRIVS && !unconfined(label) && tctx?.nnp && !isSubset(tctx.nnp, next)) {
        let error = -EPERM;
        for (const p of profilesOf(label)) {
          const rc = auditFile(
            p,
            NULL_PERMS,
            'exec',
            MAY_EXEC,
            String(bprm.fields['filename'] ?? name),
            null,
            cond.uid,
            'no new privs',
            -EPERM,
            cred.fsuid,
          );
          error = rc || error;
        }
        return error;
      }
      credBlob(newCred).set(next);
      return 0;
    },
    /**
     * apparmor_bprm_committing_creds() → aa_inherit_files(): when exec changes the label, every
     * inherited open file is revalidated for the new label (operation="file_inherit").
     */
    bprm_committing_creds: (b) => {
      const bprm = b as unknown as { fields: Record<string, unknown> } | null;
      const newCred = bprm?.fields['cred'] as Cred | undefined;
      if (!newCred) return;
      const next = labelOf(newCred);
      if (next === labelOf(current()) || unconfined(next)) return;
      const task = ctx.currentTask() as unknown as Task;
      for (const [fd, f] of [...task.files.entries()].sort((x, y) => x[0] - y[0])) {
        const rc = filePerm('file_inherit', f, mapFileToPerms(f), { cred: newCred, label: next });
        if (rc)
          ctx.kfunc('aa_inherit_files', `fd ${fd}: denied for ${next} (the kernel puts a null file in its place)`);
      }
    },
    /** apparmor_bprm_committed_creds(): aa_clear_task_ctx_trans(): no previous or onexec label. */
    bprm_committed_creds: () => {
      const t = taskBlob(ctx.currentTask()).get();
      if (t) taskBlob(ctx.currentTask()).set({ ...t, previous: null, onexec: null, onexecStack: false });
    },
  };
  return { hooks };
}

/** The hooks the model decides (each registered by the real module in every modelled version). */
const IMPLEMENTED = [
  'cred_prepare',
  'task_alloc',
  'getselfattr',
  'getprocattr',
  'setprocattr',
  'ptrace_access_check',
  'ptrace_traceme',
  'capable',
  'file_alloc_security',
  'file_open',
  'file_permission',
  'file_truncate',
  'mmap_file',
  'path_unlink',
  'path_rmdir',
  'path_mkdir',
  'path_mknod',
  'path_symlink',
  'path_truncate',
  'path_chmod',
  'path_chown',
  'path_rename',
  'path_link',
  'inode_getattr',
  'bprm_creds_for_exec',
  'bprm_committing_creds',
  'bprm_committed_creds',
] as const;

export const apparmorModel: InTreeModel = {
  name: 'apparmor',
  implemented: (_v: KernelVersion) => IMPLEMENTED,
  notes: {
    bprm_creds_for_exec:
      'child profiles (cx) and change_onexec are not modelled; file xattr attachment conditions are not modelled',
    capable: 'user namespaces are not modelled; the profile capability rules are checked as the pre-policydb caps sets',
    file_permission: 'socket files are not mediated (no network rules)',
    bprm_committing_creds:
      'inherited files the new label may not use are audited (file_inherit) but stay open: the kernel replaces them with a null file; rlimits are not modelled',
    setprocattr: 'changehat is not modelled; the new label is set on the current cred in place',
    ptrace_access_check:
      'ptrace rules are not modelled: the old style CAP_SYS_PTRACE check for a tracee of another label',
    ptrace_traceme: 'ptrace rules are not modelled: the old style CAP_SYS_PTRACE check for a tracee of another label',
    path_link: 'the link pair is matched as two separate paths (the DFA continues from the link name)',
  },
  init: (ctx) => apparmorInit(ctx),
};
