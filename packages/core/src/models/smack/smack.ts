// Smack (security/smack/smack_lsm.c, smack_access.c, smackfs.c;
// Documentation/admin-guide/LSM/Smack.rst): every task and inode carries one label; an access
// is allowed by smk_access()'s built-in rules or by an explicit "subject object access" rule.
// Labels live in the cred blob (struct task_smack) and the inode blob (struct inode_smack); the
// rules are loaded through smackfs (/sys/fs/smackfs/load2, load, load-self2, change-rule), the
// boot policy file and the lsm_config_*_policy syscalls; denials are audited through lsm_audit
// (smack_log()).
import { hookDefs, type HookImpls, type HookName } from '../../hooks/hookDefs';
import { EACCES, EINVAL, EOPNOTSUPP, EPERM } from '../../errno';
import { KERN_INFO, KERN_WARNING } from '../../kernel/printk';
import type { Ref, Struct } from '../../kernel/objects';
import type { LsmInitContext } from '../../lsm/lsmInfo';
import { CAP_MAC_ADMIN, CAP_MAC_OVERRIDE } from '../../machine/capability';
import {
  S_IFMT,
  S_IFSOCK,
  isDir,
  type Cred,
  type Dentry,
  type File,
  type Inode,
  type Path,
  type Task,
} from '../../machine/types';
import { dPath } from '../../machine/world';
import * as ids from '../../uapi/lsm';
import { utf8Decode, utf8Encode } from '../../util/utf8';
import type { KernelVersion } from '../../version';
import { auditString, auditTask, currentTask, type InTreeModel } from '../model';
import {
  BUILTIN_LABELS,
  MAY_ANYREAD,
  MAY_APPEND,
  MAY_DELIVER,
  MAY_EXEC,
  MAY_LOCK,
  MAY_READ,
  MAY_READWRITE,
  MAY_TRANSMUTE,
  MAY_WRITE,
  SMACK_FLOOR,
  SMACK_HAT,
  SMACK_STAR,
  SMACK_WEB,
  SMK_LABELLEN,
  SMK_LONGLABEL,
  TRANS_TRUE,
  XATTR_NAME_SMACK,
  XATTR_NAME_SMACKEXEC,
  XATTR_NAME_SMACKIPIN,
  XATTR_NAME_SMACKIPOUT,
  XATTR_NAME_SMACKMMAP,
  XATTR_NAME_SMACKTRANSMUTE,
  smackStrFromPerm,
  smkParseSmack,
  smkRuleAccessStr,
} from './labels';
import {
  SMK_CHANGE_FMT,
  SMK_FIXED24_FMT,
  SMK_LONG_FMT,
  parseRules,
  smkAccessEntry,
  smkSetAccess,
  type SmackRule,
} from './rules';

/** struct task_smack (the cred blob). */
export interface TaskSmack {
  smk_task: string;
  smk_forked: string;
  /** The task's own rules (load-self2, lsm_config_self_policy): they can only restrict. */
  smk_rules: SmackRule[];
  /** Labels relabel-self allows; the model has no relabel-self file, so this stays empty. */
  smk_relabel: string[];
}

/** struct inode_smack (the inode blob). */
export interface InodeSmack {
  smk_inode: string;
  /** SMACK64EXEC: the label a task gets when it executes the file. */
  smk_task: string | null;
  /** SMACK64MMAP. */
  smk_mmap: string | null;
  smk_flags: number;
}

/** struct superblock_smack. */
interface SuperblockSmack {
  smk_root: string;
  smk_default: string;
  smk_floor: string;
  smk_hat: string;
  smk_flags: number;
}

/** include/linux/security.h LSM_UNSAFE_PTRACE (check_unsafe_exec()). */
const LSM_UNSAFE_PTRACE = 2;

const SMK_INODE_INSTANT = 0x01;
const SMK_INODE_TRANSMUTE = 0x02;

/** log_policy bits (smack.h). */
export const SMACK_AUDIT_DENIED = 0x1;
export const SMACK_AUDIT_ACCEPT = 0x2;

/** include/linux/ptrace.h. */
const PTRACE_MODE_READ = 0x01;
const PTRACE_MODE_ATTACH = 0x02;
const PTRACE_MODE_NOAUDIT = 0x04;

/** include/linux/fs.h ATTR_FORCE: "not a change, but a change it". */
const ATTR_FORCE = 1 << 15;

/** What smk_ad_init() + smk_ad_setfield_u_*() record for the audit record's tail. */
type AuditData =
  | { readonly kind: 'inode'; readonly inode: Inode }
  | { readonly kind: 'dentry'; readonly dentry: Dentry }
  | { readonly kind: 'path'; readonly path: Path }
  | { readonly kind: 'task'; readonly task: Task | null }
  | { readonly kind: 'none' };
interface SmkAuditInfo {
  readonly fn: string;
  readonly data: AuditData;
}

/** The state of one booted Smack, for tests and the default policy loader. */
export interface SmackState {
  /** smack_known_list, oldest first (the kernel adds each new label at the head). */
  readonly labels: string[];
  /** Each subject label's rule list (skp->smk_rules), newest first. */
  readonly rules: Map<string, SmackRule[]>;
  /** smack_onlycap_list as the kernel keeps it (list_add: the last label written first). */
  onlycap: string[];
  /** log_policy (/sys/fs/smackfs/logging). */
  logPolicy: number;
}

const HOOKS = [
  'ptrace_access_check',
  'ptrace_traceme',
  'bprm_creds_for_exec',
  'sb_alloc_security',
  'inode_alloc_security',
  'inode_init_security',
  'inode_unlink',
  'inode_rmdir',
  'inode_rename',
  'inode_permission',
  'inode_setattr',
  'inode_xattr_skipcap',
  'inode_setxattr',
  'inode_post_setxattr',
  'inode_getxattr',
  'inode_getsecurity',
  'file_alloc_security',
  'file_open',
  'cred_prepare',
  'task_kill',
  'task_to_inode',
  'd_instantiate',
  'getselfattr',
  'setselfattr',
  'getprocattr',
  'setprocattr',
] as const;

function smackInit(ctx: LsmInitContext, version: KernelVersion): { hooks: Partial<HookImpls> } {
  const state: SmackState = {
    labels: [...BUILTIN_LABELS],
    rules: new Map(),
    onlycap: [],
    logPolicy: SMACK_AUDIT_DENIED,
  };
  /** d_find_alias(): the dentry each inode was instantiated with (smack_d_instantiate() sees both). */
  const aliases = new WeakMap<object, Dentry>();

  const tsp = (cred: Struct | null): TaskSmack => {
    const b = cred ? ctx.blob<TaskSmack>('cred', cred).get() : undefined;
    return b ?? { smk_task: SMACK_FLOOR, smk_forked: SMACK_FLOOR, smk_rules: [], smk_relabel: [] };
  };
  const setTsp = (cred: Struct, v: TaskSmack): void => ctx.blob<TaskSmack>('cred', cred).set(v);
  const isp = (inode: Struct): InodeSmack => {
    const slice = ctx.blob<InodeSmack>('inode', inode);
    let v = slice.get();
    if (!v) {
      // Every inode gets its blob at inode_alloc_security(); one made before Smack's init (none
      // in the model) would read as the floor.
      v = { smk_inode: SMACK_FLOOR, smk_task: null, smk_mmap: null, smk_flags: 0 };
      slice.set(v);
    }
    return v;
  };
  const sbsp = (sb: Struct): SuperblockSmack =>
    ctx.blob<SuperblockSmack>('superblock', sb).get() ?? {
      smk_root: SMACK_FLOOR,
      smk_default: SMACK_FLOOR,
      smk_floor: SMACK_FLOOR,
      smk_hat: SMACK_HAT,
      smk_flags: 0,
    };
  const smkOfInode = (inode: Inode): string => isp(inode).smk_inode;
  const smkOfCurrent = (): string => tsp(ctx.currentCred()).smk_task;
  /** smk_of_task_struct_obj(): the label of the task's objective (real) cred. */
  const smkOfTaskObj = (t: Task): string => tsp(t.cred).smk_task;

  /** smk_import_entry(): parse the label and put it on smack_known_list if it is new. */
  const importEntry = (s: string, len = 0): string | null => {
    const label = smkParseSmack(s, len);
    if (label === null) return null;
    if (!state.labels.includes(label)) state.labels.push(label);
    return label;
  };

  /** cap_capable() on a cred, without the LSM stack: smack_privileged_cred() calls it directly. */
  const capCapable = (cred: Cred | null, cap: number): boolean => {
    const eff = cred?.cap_effective ?? cred?.fields?.['cap_effective'];
    return typeof eff === 'bigint' && ((eff >> BigInt(cap)) & 1n) === 1n;
  };

  /**
   * smack_privileged_cred() (smack_access.c): the capability in the cred, and when onlycap names
   * labels, the cred's label among them.
   */
  const smackPrivilegedCred = (cap: number, cred: Cred | null): boolean => {
    if (!capCapable(cred, cap)) return false;
    if (state.onlycap.length === 0) return true;
    return state.onlycap.includes(tsp(cred).smk_task);
  };
  /** smack_privileged(): for current. */
  const smackPrivileged = (cap: number): boolean => {
    const cred = ctx.currentCred() as unknown as Cred;
    const ok = smackPrivilegedCred(cap, cred);
    ctx.kfunc(
      'smack_privileged',
      () =>
        `${cap === CAP_MAC_ADMIN ? 'CAP_MAC_ADMIN' : 'CAP_MAC_OVERRIDE'}: ${ok ? 'yes' : 'no'}${state.onlycap.length ? ` (onlycap ${state.onlycap.join(' ')})` : ''}`,
    );
    return ok;
  };

  /**
   * smack_log() + smack_log_callback() + dump_common_audit_data(): denials are audited when
   * log_policy has SMACK_AUDIT_DENIED (the default), grants when it has SMACK_AUDIT_ACCEPT.
   */
  const smackLog = (subject: string, object: string, request: number, result: number, a: SmkAuditInfo): void => {
    if (result < 0 && (state.logPolicy & SMACK_AUDIT_DENIED) === 0) return;
    if (result === 0 && (state.logPolicy & SMACK_AUDIT_ACCEPT) === 0) return;
    const req = smackStrFromPerm(request);
    let body =
      `lsm=SMACK fn=${a.fn} action=${result ? 'denied' : 'granted'}` +
      ` subject=${auditString(subject)} object=${auditString(object)}` +
      (req === '' ? ' labels_differ' : ` requested=${req}`) +
      ` ${auditTask(currentTask(ctx))}`;
    const d = a.data;
    const devIno = (inode: Inode): string => ` dev=${auditString(inode.i_sb.s_id)} ino=${inode.i_ino}`;
    switch (d.kind) {
      case 'inode': {
        const alias = aliases.get(d.inode);
        if (alias) body += ` name=${auditString(alias.d_name)}`;
        body += devIno(d.inode);
        break;
      }
      case 'dentry':
        body += ` name=${auditString(d.dentry.d_name)}`;
        if (d.dentry.d_inode) body += devIno(d.dentry.d_inode);
        break;
      case 'path':
        body += ` path=${auditString(dPath(d.path))}`;
        if (d.path.dentry.d_inode) body += devIno(d.path.dentry.d_inode);
        break;
      case 'task':
        if (d.task && d.task.pid) body += ` opid=${d.task.pid} ocomm=${auditString(d.task.comm)}`;
        break;
      case 'none':
        break;
    }
    ctx.audit('AVC', body);
  };

  /**
   * smk_access() (smack_access.c): the built-in rules in their order — a '*' subject gets nothing;
   * a '@' subject or object, a '*' object and a subject with the object's own label get
   * everything; a read/execute-only (or lock-only) request passes for a '_' object or a '^'
   * subject — then the subject's rule for the object must hold every requested bit.
   */
  const smkAccess = (subject: string, object: string, request: number, a: SmkAuditInfo | null): number => {
    let rc = 0;
    let why: string;
    if (subject === SMACK_STAR) {
      rc = -EACCES;
      why = "a '*' subject can access nothing";
    } else if (object === SMACK_WEB || subject === SMACK_WEB)
      why = "the '@' label can be accessed by and access anything";
    else if (object === SMACK_STAR) why = "a '*' object is accessible to every subject";
    else if (subject === object) why = 'the subject and object labels are the same';
    else if (((request & MAY_ANYREAD) === request || (request & MAY_LOCK) === request) && object === SMACK_FLOOR)
      why = "a '_' object can be read and executed by every subject";
    else if (((request & MAY_ANYREAD) === request || (request & MAY_LOCK) === request) && subject === SMACK_HAT)
      why = "a '^' subject can read and execute every object";
    else {
      let may = smkAccessEntry(state.rules.get(subject) ?? [], subject, object);
      // smk_access_entry(): MAY_WRITE implies MAY_LOCK.
      if (may !== null && (may & MAY_WRITE) === MAY_WRITE) may |= MAY_LOCK;
      if (may === null || may <= 0 || (request & may) !== request) {
        rc = -EACCES;
        why = may === null ? `no rule "${subject} ${object}"` : `rule "${subject} ${object} ${smkRuleAccessStr(may)}"`;
      } else why = `rule "${subject} ${object} ${smkRuleAccessStr(may)}"`;
    }
    ctx.kfunc(
      'smk_access',
      () => `${subject} ${object} ${smackStrFromPerm(request) || '-'}: ${rc ? 'denied' : 'allowed'} (${why})`,
    );
    if (a) smackLog(subject, object, request, rc, a);
    return rc;
  };

  /**
   * smk_tskacc(): the global rules (smk_access()), then the task's own rule for the pair, which
   * can only take access away; a denied task with CAP_MAC_OVERRIDE (smack_privileged()) passes.
   */
  const smkTskacc = (t: TaskSmack, obj: string, mode: number, a: SmkAuditInfo | null): number => {
    const sbj = t.smk_task;
    let rc = smkAccess(sbj, obj, mode, null);
    let done = false;
    if (rc >= 0) {
      const may = smkAccessEntry(t.smk_rules, sbj, obj);
      if (may === null || (mode & may) === mode) done = true;
      else {
        ctx.kfunc('smk_tskacc', `the task's own rule "${sbj} ${obj} ${smkRuleAccessStr(may)}" takes access away`);
        rc = -EACCES;
      }
    }
    if (!done && rc !== 0 && smackPrivileged(CAP_MAC_OVERRIDE)) rc = 0;
    if (a) smackLog(sbj, obj, mode, rc, a);
    return rc;
  };
  const smkCuracc = (obj: string, mode: number, a: SmkAuditInfo): number =>
    smkTskacc(tsp(ctx.currentCred()), obj, mode, a);

  /** smk_ptrace_mode(). */
  const smkPtraceMode = (mode: number): number =>
    mode & PTRACE_MODE_ATTACH ? MAY_READWRITE : mode & PTRACE_MODE_READ ? MAY_READ : 0;

  /**
   * smk_ptrace_rule_check() with smack_ptrace_rule SMACK_PTRACE_DEFAULT: the tracer needs read
   * (PTRACE_MODE_READ) or read and write (PTRACE_MODE_ATTACH) on the tracee's label. The audit
   * record names the tracer as the object task (smk_ad_setfield_u_tsk(&ad, tracer)).
   */
  const smkPtraceRuleCheck = (tracer: Task, traceeKnown: string, mode: number, fn: string): number => {
    const a = mode & PTRACE_MODE_NOAUDIT ? null : { fn, data: { kind: 'task' as const, task: tracer } };
    return smkTskacc(tsp(tracer.cred), traceeKnown, smkPtraceMode(mode), a);
  };

  // ---- rule loading -------------------------------------------------------------------------

  /**
   * smk_write_rules_list(): parse, then smk_set_access() each rule on the subject label's list
   * (rule_list null: /smack/load, load2, change-rule, lsm_config_system_policy) or on `list`
   * (load-self2, lsm_config_self_policy). The model applies nothing unless every rule parsed, and
   * says where the first bad one is.
   */
  const writeRulesList = (text: string, format: number, list: SmackRule[] | null, what: string): number => {
    const r = parseRules(text, format);
    if (!r.ok) {
      ctx.printk(KERN_WARNING, `Smack: ${what}: ${r.error.line}:${r.error.col}: ${r.error.reason}; no rule loaded`);
      return r.rc;
    }
    for (const rule of r.rules) {
      importEntry(rule.subject);
      importEntry(rule.object);
      if (list) smkSetAccess(list, rule);
      else {
        let l = state.rules.get(rule.subject);
        if (!l) state.rules.set(rule.subject, (l = []));
        smkSetAccess(l, rule);
      }
    }
    ctx.kfunc('smk_write_rules_list', `${what}: ${r.rules.length} rule${r.rules.length === 1 ? '' : 's'}`);
    return r.count;
  };

  /** load2_seq_show(): every label on smack_known_list (newest first) and its rules (newest first). */
  const listRules = (max: number): string => {
    let out = '';
    for (const label of [...state.labels].reverse()) {
      for (const r of state.rules.get(label) ?? []) out += ruleShow(r, max);
    }
    return out;
  };
  /** smk_rule_show(): rules with a label too long for the file, or with no access, are not shown. */
  const ruleShow = (r: SmackRule, max: number): string => {
    if (r.subject.length >= max || r.object.length >= max || r.access === 0) return '';
    return `${r.subject} ${r.object} ${smkRuleAccessStr(r.access)}\n`;
  };

  const admin =
    (fn: string, write: (data: string) => number) =>
    (data: string): number => {
      ctx.kfunc(fn);
      if (!smackPrivileged(CAP_MAC_ADMIN)) return -EPERM;
      return write(data);
    };

  // smk_fill_super(): the smackfs files the model has. load2, load, change-rule, onlycap and
  // logging are S_IRUGO|S_IWUSR; load-self2 is S_IRUGO|S_IWUGO.
  ctx.pseudoFileCreate('smackfs', 'load2', {
    mode: 0o644,
    read: () => listRules(SMK_LONGLABEL),
    write: admin('smk_write_load2', (d) => writeRulesList(d, SMK_LONG_FMT, null, 'load2')),
  });
  ctx.pseudoFileCreate('smackfs', 'load', {
    mode: 0o644,
    read: () => listRules(SMK_LABELLEN),
    write: admin('smk_write_load', (d) => writeRulesList(d, SMK_FIXED24_FMT, null, 'load')),
  });
  ctx.pseudoFileCreate('smackfs', 'change-rule', {
    mode: 0o644,
    read: null,
    write: admin('smk_write_change_rule', (d) => writeRulesList(d, SMK_CHANGE_FMT, null, 'change-rule')),
  });
  ctx.pseudoFileCreate('smackfs', 'load-self2', {
    mode: 0o666,
    read: () =>
      tsp(ctx.currentCred())
        .smk_rules.map((r) => ruleShow(r, SMK_LONGLABEL))
        .join(''),
    write: (d) => {
      ctx.kfunc('smk_write_load_self2');
      return writeRulesList(d, SMK_LONG_FMT, tsp(ctx.currentCred()).smk_rules, 'load-self2');
    },
  });
  ctx.pseudoFileCreate('smackfs', 'onlycap', {
    mode: 0o644,
    // onlycap_seq_show(): each label followed by a space.
    read: () => state.onlycap.map((l) => `${l} `).join(''),
    // smk_write_onlycap(): smk_parse_label_list() splits at spaces; an invalid first label (an
    // empty write, "-") clears the list; any other invalid label refuses the write.
    write: admin('smk_write_onlycap', (d) => {
      if (d.length > 4096) return -EINVAL;
      const list: string[] = [];
      let rc = 0;
      for (const tok of d.split(' ')) {
        if (!tok) continue;
        const skp = importEntry(tok);
        if (skp === null) {
          rc = -EINVAL;
          break;
        }
        list.unshift(skp);
      }
      if (!rc || list.length === 0) {
        state.onlycap = list;
        return d.length;
      }
      return rc;
    }),
  });
  ctx.pseudoFileCreate('smackfs', 'logging', {
    mode: 0o644,
    read: () => `${state.logPolicy}\n`,
    // smk_write_logging(): sscanf("%d"), 0..3.
    write: admin('smk_write_logging', (d) => {
      if (d.length >= 32 || d.length === 0) return -EINVAL;
      const m = /^\s*([-+]?\d+)/.exec(d);
      if (!m) return -EINVAL;
      const i = Number(m[1]);
      if (i < 0 || i > 3) return -EINVAL;
      state.logPolicy = i;
      return d.length;
    }),
  });
  // What a Tizen-like init does with /etc/smack/accesses.d: write the rules to load2.
  ctx.bootPolicyFile('smackfs', 'load2');

  /**
   * smack_lsm_config_{system,self}_policy() of the v6 series: the buffer is "<fmt><policy>", one
   * format byte (0 /smack/load, 1 load2, 2 change-rule) and the rules; the return is
   * smk_write_rules_list()'s byte count. Op, flags and CAP_MAC_ADMIN for self were checked before.
   */
  const configPolicy =
    (scope: 'self' | 'system') =>
    (buf: Uint8Array): number => {
      if (buf.length < 2) return -EINVAL;
      const fmt = buf[0]!;
      const text = utf8Decode(buf.slice(1));
      const list = scope === 'self' ? tsp(ctx.currentCred()).smk_rules : null;
      return writeRulesList(text, fmt, list, `lsm_config_${scope}_policy`);
    };
  ctx.configPolicyHandler('system', configPolicy('system'));
  ctx.configPolicyHandler('self', configPolicy('self'));

  // smack_init(): the init task's cred gets the floor label (init_task_smack()).
  setTsp(ctx.currentCred(), { smk_task: SMACK_FLOOR, smk_forked: SMACK_FLOOR, smk_rules: [], smk_relabel: [] });
  ctx.printk(KERN_INFO, 'Smack:  Initializing.');

  /** do_setattr(): a new label for current, with CAP_MAC_ADMIN, never '*' or '@'. */
  const doSetattr = (attr: number, value: string, size: number): number => {
    const t = tsp(ctx.currentCred());
    if (!smackPrivileged(CAP_MAC_ADMIN) && t.smk_relabel.length === 0) return -EPERM;
    if (size === 0 || size >= SMK_LONGLABEL) return -EINVAL;
    if (attr !== ids.LSM_ATTR_CURRENT) return -EOPNOTSUPP;
    const skp = importEntry(value, size);
    if (skp === null) return -EINVAL;
    if (skp === SMACK_WEB || skp === SMACK_STAR) return -EINVAL;
    // prepare_creds() + commit_creds(): the model relabels current's cred in place.
    setTsp(ctx.currentCred(), { ...t, smk_task: skp, smk_relabel: [] });
    ctx.kfunc('smack_setprocattr', `current is now "${skp}"`);
    return size;
  };

  /** smack_inode_unlink() and smack_inode_rmdir(): MAY_WRITE on the entry, then on its directory. */
  const writeEntryThenDir = (fn: string, dir: unknown, dentry: unknown): number => {
    const d = dentry as Dentry;
    const rc = smkCuracc(smkOfInode(d.d_inode!), MAY_WRITE, { fn, data: { kind: 'dentry', dentry: d } });
    if (rc !== 0) return rc;
    const parent = dir as Inode;
    return smkCuracc(smkOfInode(parent), MAY_WRITE, { fn, data: { kind: 'inode', inode: parent } });
  };

  const hooks: Partial<HookImpls> = {
    /** smack_ptrace_access_check(). */
    ptrace_access_check: (child, mode) =>
      smkPtraceRuleCheck(currentTask(ctx), smkOfTaskObj(child as unknown as Task), mode, 'smack_ptrace_access_check'),
    /** smack_ptrace_traceme(): the parent as tracer of current. */
    ptrace_traceme: (parent) =>
      parent
        ? smkPtraceRuleCheck(parent as unknown as Task, smkOfCurrent(), PTRACE_MODE_ATTACH, 'smack_ptrace_traceme')
        : 0,
    /**
     * smack_bprm_creds_for_exec(): a file with SMACK64EXEC gives the new cred its label; a traced
     * exec needs the tracer to pass the ptrace rule on it, any other unsafe exec is -EPERM.
     */
    bprm_creds_for_exec: (bprm) => {
      const f = (bprm as unknown as { fields: Record<string, unknown> }).fields;
      const file = f['file'] as File | undefined;
      const cred = f['cred'] as Cred | undefined;
      if (!file || !cred) return 0;
      const i = isp(file.f_inode);
      const bsp = tsp(cred);
      if (i.smk_task === null || i.smk_task === bsp.smk_task) return 0;
      const unsafe = Number(f['unsafe'] ?? 0);
      if (unsafe & LSM_UNSAFE_PTRACE) {
        const me = currentTask(ctx);
        const tracer = me.ptracer ? (ctx.findTaskByVpid(me.ptracer) as unknown as Task | null) : null;
        const rc = tracer ? smkPtraceRuleCheck(tracer, i.smk_task, PTRACE_MODE_ATTACH, 'smack_bprm_creds_for_exec') : 0;
        if (rc) return rc;
      }
      if (unsafe & ~LSM_UNSAFE_PTRACE) return -EPERM;
      setTsp(cred, { ...bsp, smk_task: i.smk_task });
      ctx.kfunc('smack_bprm_creds_for_exec', `SMACK64EXEC: the new cred is "${i.smk_task}"`);
      if (i.smk_task !== bsp.smk_forked) f['secureexec'] = 1;
      return 0;
    },
    /** smack_sb_alloc_security(): root, default and floor '_', hat '^'. */
    sb_alloc_security: (sb) => {
      if (sb)
        ctx.blob<SuperblockSmack>('superblock', sb).set({
          smk_root: SMACK_FLOOR,
          smk_default: SMACK_FLOOR,
          smk_floor: SMACK_FLOOR,
          smk_hat: SMACK_HAT,
          smk_flags: 0,
        });
      return 0;
    },
    /** smack_inode_alloc_security(): init_inode_smack(inode, smk_of_current()). */
    inode_alloc_security: (inode) => {
      if (inode)
        ctx
          .blob<InodeSmack>('inode', inode)
          .set({ smk_inode: smkOfCurrent(), smk_task: null, smk_mmap: null, smk_flags: 0 });
      return 0;
    },
    /**
     * smack_inode_init_security(): a new inode keeps the creator's label (from
     * inode_alloc_security), unless the creator's rule on the directory has 't' and the directory
     * is transmuting: then it takes the directory's label (and a new directory transmutes too).
     */
    inode_init_security: (inode, dir, _qstr, xattrs, count) => {
      if (!inode || !dir) return 0;
      const skp = smkOfCurrent();
      const issp = isp(inode);
      const dsp = smkOfInode(dir as unknown as Inode);
      const may = smkAccessEntry(state.rules.get(skp) ?? [], skp, dsp);
      const slots = (xattrs as unknown as { slots: ({ name: string; value: string } | undefined)[] } | null)?.slots;
      const slot = (name: string, value: string): void => {
        if (!slots) return;
        slots[count.value] = { name, value };
        count.value++;
      };
      const first = count.value;
      if (slots) count.value++;
      if (may !== null && may > 0 && may & MAY_TRANSMUTE && isp(dir).smk_flags & SMK_INODE_TRANSMUTE) {
        issp.smk_inode = dsp;
        issp.smk_flags |= SMK_INODE_TRANSMUTE;
        ctx.kfunc('smack_inode_init_security', `transmuted: the new inode takes the directory's "${dsp}"`);
        slot('SMACK64TRANSMUTE', TRANS_TRUE);
      }
      issp.smk_flags |= SMK_INODE_INSTANT;
      if (slots) slots[first] = { name: 'SMACK64', value: issp.smk_inode };
      return 0;
    },
    /** smack_inode_unlink(): write on the file, then on the directory. */
    inode_unlink: (dir, dentry) => writeEntryThenDir('smack_inode_unlink', dir, dentry),
    /** smack_inode_rmdir(): write on the directory removed, then on its parent. */
    inode_rmdir: (dir, dentry) => writeEntryThenDir('smack_inode_rmdir', dir, dentry),
    /** smack_inode_rename(): read and write on the file moved and on a file it replaces. */
    inode_rename: (_od, oldDentry, _nd, newDentry) => {
      const o = oldDentry as unknown as Dentry;
      const n = newDentry as unknown as Dentry | null;
      let rc = smkCuracc(smkOfInode(o.d_inode!), MAY_READWRITE, {
        fn: 'smack_inode_rename',
        data: { kind: 'dentry', dentry: o },
      });
      if (rc === 0 && n?.d_inode)
        rc = smkCuracc(smkOfInode(n.d_inode), MAY_READWRITE, {
          fn: 'smack_inode_rename',
          data: { kind: 'dentry', dentry: n },
        });
      return rc;
    },
    /** smack_inode_permission(): the rwxa bits of the mask against the inode's label. */
    inode_permission: (inode, mask) => {
      const m = mask & (MAY_READ | MAY_WRITE | MAY_EXEC | MAY_APPEND);
      if (m === 0 || !inode) return 0;
      const i = inode as unknown as Inode;
      return smkCuracc(smkOfInode(i), m, { fn: 'smack_inode_permission', data: { kind: 'inode', inode: i } });
    },
    /** smack_inode_setattr(): write, except for ATTR_FORCE (clearing set-id bits). */
    inode_setattr: (a0, a1, a2) => {
      // 6.8 passes (dentry, attr); 6.9 and later (idmap, dentry, attr).
      const is68 = (a0 as { struct?: string } | null)?.struct === 'dentry';
      const dentry = is68 ? a0 : a1;
      const attr = is68 ? a1 : a2;
      const valid = Number((attr as unknown as { fields?: Record<string, unknown> } | null)?.fields?.['ia_valid'] ?? 0);
      if (valid & ATTR_FORCE) return 0;
      const d = dentry as unknown as Dentry;
      if (!d?.d_inode) return 0;
      return smkCuracc(smkOfInode(d.d_inode!), MAY_WRITE, {
        fn: 'smack_inode_setattr',
        data: { kind: 'dentry', dentry: d },
      });
    },
    /** smack_inode_xattr_skipcap(): Smack's own xattrs skip cap_inode_setxattr() (CAP_SYS_ADMIN). */
    inode_xattr_skipcap: (name) =>
      [
        XATTR_NAME_SMACK,
        XATTR_NAME_SMACKIPIN,
        XATTR_NAME_SMACKIPOUT,
        XATTR_NAME_SMACKEXEC,
        XATTR_NAME_SMACKMMAP,
        XATTR_NAME_SMACKTRANSMUTE,
      ].includes(name ?? '')
        ? 1
        : 0,
    /**
     * smack_inode_setxattr(): Smack's xattrs need CAP_MAC_ADMIN (smack_privileged()) and a valid
     * label ('*' and '@' not for SMACK64EXEC/MMAP; "TRUE" on a directory for SMACK64TRANSMUTE);
     * then write access to the inode, for any xattr.
     */
    inode_setxattr: (_idmap, dentry, name, value, size) => {
      const d = dentry as unknown as Dentry;
      const v = typeof value === 'string' ? value : '';
      let checkPriv = false;
      let checkImport = false;
      let checkStar = false;
      let rc = 0;
      if (name === XATTR_NAME_SMACK || name === XATTR_NAME_SMACKIPIN || name === XATTR_NAME_SMACKIPOUT) {
        checkPriv = checkImport = true;
      } else if (name === XATTR_NAME_SMACKEXEC || name === XATTR_NAME_SMACKMMAP) {
        checkPriv = checkImport = checkStar = true;
      } else if (name === XATTR_NAME_SMACKTRANSMUTE) {
        checkPriv = true;
        if (!d.d_inode || !isDir(d.d_inode) || size !== TRANS_TRUE.length || v !== TRANS_TRUE) rc = -EINVAL;
      }
      if (checkPriv && !smackPrivileged(CAP_MAC_ADMIN)) rc = -EPERM;
      if (rc === 0 && checkImport) {
        const skp = size ? importEntry(v, size) : null;
        if (skp === null || (checkStar && (skp === SMACK_STAR || skp === SMACK_WEB))) rc = -EINVAL;
      }
      if (rc === 0)
        rc = smkCuracc(smkOfInode(d.d_inode!), MAY_WRITE, {
          fn: 'smack_inode_setxattr',
          data: { kind: 'dentry', dentry: d },
        });
      return rc;
    },
    /** smack_inode_post_setxattr(): the new label takes effect in the inode blob. */
    inode_post_setxattr: (dentry, name, value, size) => {
      const d = dentry as unknown as Dentry;
      if (!d.d_inode) return;
      const i = isp(d.d_inode);
      const v = typeof value === 'string' ? value : '';
      if (name === XATTR_NAME_SMACKTRANSMUTE) {
        i.smk_flags |= SMK_INODE_TRANSMUTE;
        return;
      }
      const skp = importEntry(v, size);
      if (skp === null) return;
      if (name === XATTR_NAME_SMACK) i.smk_inode = skp;
      else if (name === XATTR_NAME_SMACKEXEC) i.smk_task = skp;
      else if (name === XATTR_NAME_SMACKMMAP) i.smk_mmap = skp;
    },
    /** smack_inode_getxattr(): read access. */
    inode_getxattr: (dentry) => {
      const d = dentry as unknown as Dentry;
      return smkCuracc(smkOfInode(d.d_inode!), MAY_READ, {
        fn: 'smack_inode_getxattr',
        data: { kind: 'dentry', dentry: d },
      });
    },
    /** smack_inode_getsecurity(): SMACK64 from the blob, SMACK64TRANSMUTE from the flag. */
    inode_getsecurity: (_idmap, inode, name, buffer: Ref<unknown>, alloc) => {
      if (!inode) return -EOPNOTSUPP;
      let label: string;
      if (name === 'SMACK64') label = smkOfInode(inode as unknown as Inode);
      else if (name === 'SMACK64TRANSMUTE') label = isp(inode).smk_flags & SMK_INODE_TRANSMUTE ? TRANS_TRUE : '';
      else return -EOPNOTSUPP; // SMACK64IPIN/IPOUT are on sockets, which the model does not label
      if (alloc) buffer.value = label;
      return utf8Encode(label).length;
    },
    /** smack_file_alloc_security(): the file blob holds the opener's label (used for SIGIO). */
    file_alloc_security: (file) => {
      if (file) ctx.blob<string>('file', file).set(smkOfCurrent());
      return 0;
    },
    /** smack_file_open(): the opener's cred (file->f_cred) needs read on the inode. */
    file_open: (file) => {
      const f = file as unknown as File;
      return smkTskacc(tsp(f.f_cred), smkOfInode(f.f_inode), MAY_READ, {
        fn: 'smack_file_open',
        data: { kind: 'path', path: f.f_path },
      });
    },
    /** smack_cred_prepare(): the new cred gets the old label (as smk_forked too) and copies of its rules. */
    cred_prepare: (n, old) => {
      if (!n) return 0;
      const o = tsp(old);
      setTsp(n, {
        smk_task: o.smk_task,
        smk_forked: o.smk_task,
        smk_rules: o.smk_rules.map((r) => ({ ...r })),
        smk_relabel: [...o.smk_relabel],
      });
      return 0;
    },
    /** smack_task_kill(): the sender needs MAY_DELIVER (write) on the target; signal 0 always passes. */
    task_kill: (p, _info, sig, cred) => {
      if (!sig || !p) return 0;
      const t = p as unknown as Task;
      const tkp = smkOfTaskObj(t);
      const a: SmkAuditInfo = { fn: 'smack_task_kill', data: { kind: 'task', task: t } };
      if (cred === null) return smkCuracc(tkp, MAY_DELIVER, a);
      return smkAccess(tsp(cred).smk_task, tkp, MAY_DELIVER, a);
    },
    /** smack_task_to_inode(): /proc/<pid> inodes carry the task's label. */
    task_to_inode: (p, inode) => {
      if (!p || !inode) return;
      const i = isp(inode);
      i.smk_inode = smkOfTaskObj(p as unknown as Task);
      i.smk_flags |= SMK_INODE_INSTANT;
    },
    /**
     * smack_d_instantiate(): an inode not yet labelled takes its SMACK64 xattr, else the
     * superblock's default; filesystems without labels have fixed ones (smackfs, tmpfs and
     * sockets '*'; the root of a filesystem its smk_root). SMACK64EXEC and SMACK64MMAP are read
     * too ('*' and '@' refused), and SMACK64TRANSMUTE "TRUE" marks a directory transmuting.
     */
    d_instantiate: (dentry, inode) => {
      if (!inode || !dentry) return;
      const d = dentry as unknown as Dentry;
      const ino = inode as unknown as Inode;
      aliases.set(ino, d);
      const i = isp(ino);
      if (i.smk_flags & SMK_INODE_INSTANT) return;
      const sb = ino.i_sb;
      const sp = sbsp(sb);
      let final: string | null = sp.smk_default;
      if (d.d_parent === d) {
        i.smk_inode = sb.s_type === 'tmpfs' ? smkOfCurrent() : sp.smk_root;
        i.smk_flags |= SMK_INODE_INSTANT;
        return;
      }
      let transflag = 0;
      switch (sb.s_type) {
        case 'smackfs':
          final = SMACK_STAR;
          break;
        case 'devpts':
          final = smkOfCurrent();
          break;
        case 'proc':
          break;
        default: {
          if (sb.s_type === 'tmpfs') final = SMACK_STAR;
          if ((ino.i_mode & S_IFMT) === S_IFSOCK) {
            final = SMACK_STAR;
            break;
          }
          if (!XATTR_FS.has(sb.s_type)) break;
          const label = ino.xattrs.get(XATTR_NAME_SMACK);
          const skp = label ? importEntry(label, label.length) : null;
          if (skp) final = skp;
          if (isDir(ino) && ino.xattrs.get(XATTR_NAME_SMACKTRANSMUTE) === TRANS_TRUE) transflag = SMK_INODE_TRANSMUTE;
          const fetchLabel = (name: string): string | null => {
            const v = ino.xattrs.get(name);
            const k = v ? importEntry(v, v.length) : null;
            return k === SMACK_STAR || k === SMACK_WEB ? null : k;
          };
          i.smk_task = fetchLabel(XATTR_NAME_SMACKEXEC);
          i.smk_mmap = fetchLabel(XATTR_NAME_SMACKMMAP);
        }
      }
      i.smk_inode = final ?? smkOfCurrent();
      i.smk_flags |= SMK_INODE_INSTANT | transflag;
    },
    /** smack_getselfattr(): LSM_ATTR_CURRENT only, the label with its NUL. */
    getselfattr: (attr, uctx, size, _flags) => {
      if (attr !== ids.LSM_ATTR_CURRENT) return -EOPNOTSUPP;
      const rc = ctx.fillUserCtx(uctx, size, utf8Encode(`${smkOfCurrent()}\0`), 0);
      return rc ? rc : 1;
    },
    /** smack_setselfattr(): do_setattr() with ctx->ctx. */
    setselfattr: (attr, lctx, _size, _flags) => {
      const c = lctx as unknown as { ctx: Uint8Array; ctx_len: bigint } | null;
      if (!c) return -EINVAL;
      const rc = doSetattr(attr, utf8Decode(c.ctx), Number(c.ctx_len));
      return rc > 0 ? 0 : rc;
    },
    /** smack_getprocattr(): "current" is the task's label (no newline), anything else -EINVAL. */
    getprocattr: (p, name, value) => {
      if (name !== 'current' || !p) return -EINVAL;
      const label = smkOfTaskObj(p as unknown as Task);
      value.value = label;
      return utf8Encode(label).length;
    },
    /** smack_setprocattr(): do_setattr() for /proc/self/attr/current. */
    setprocattr: (name, value, size) => {
      const attr = ids.lsmNameToAttr(name ?? '');
      if (attr === ids.LSM_ATTR_UNDEF) return -EINVAL;
      return doSetattr(attr, typeof value === 'string' ? value : '', size);
    },
  };
  const want = new Set<string>(smackHooks(version));
  return { hooks: Object.fromEntries(Object.entries(hooks).filter(([h]) => want.has(h))) as Partial<HookImpls> };
}

/** The modelled hooks Smack registers in `version` (6.8 has no inode_xattr_skipcap). */
function smackHooks(version: KernelVersion): HookName[] {
  const defs = hookDefs(version);
  return HOOKS.filter((h) => defs.get(h)?.implementedBy.includes('smack'));
}

/** Filesystems whose inodes have xattr handlers (IOP_XATTR) in the model's world. */
const XATTR_FS = new Set(['ext4', 'tmpfs', 'sysfs', 'xfs', 'btrfs']);

export const smackModel: InTreeModel = {
  name: 'smack',
  implemented: (version) => smackHooks(version),
  notes: {
    ptrace_access_check:
      'smackfs/ptrace (smack_ptrace_rule) is not modelled: always SMACK_PTRACE_DEFAULT, the rules decide',
    inode_permission: 'untrusted (unprivileged-mount) superblocks are not modelled',
    d_instantiate: 'filesystems are told apart by type name, not s_magic; cgroupfs and pipefs are not modelled',
    setprocattr:
      'relabel-self is not modelled; the new label is written into current’s cred in place (no prepare_creds/commit_creds)',
    setselfattr:
      'relabel-self is not modelled; the new label is written into current’s cred in place (no prepare_creds/commit_creds)',
    inode_getsecurity: 'SMACK64IPIN/IPOUT (socket labels) are not modelled: -EOPNOTSUPP',
    file_alloc_security: 'the label is kept, but SIGIO delivery (file_send_sigiotask) is not modelled',
  },
  init: (ctx, version) => smackInit(ctx, version),
};
