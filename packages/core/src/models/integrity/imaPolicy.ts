// The IMA policy (security/integrity/ima/ima_policy.c): the rule language of
// Documentation/ABI/testing/ima_policy, the built-in rule sets chosen by ima_policy= (tcb,
// appraise_tcb, secure_boot, critical_data) and ima_match_policy()'s walk over the rules.
//
// A rule is one line of blank-separated tokens: an action (measure, dont_measure, appraise,
// dont_appraise, audit, dont_audit, hash, dont_hash) and conditions (func=, mask=, fsmagic=,
// fsname=, uid=, euid=, gid=, egid=, fowner=, fgroup= with = > <, pcr=, template=, appraise_type=,
// appraise_algos=, permit_directio, ...). ima_parse_rule() logs each token it reads to one
// AUDIT_INTEGRITY_POLICY_RULE record ("action=measure func=BPRM_CHECK res=1"); the first bad token
// ends the rule with -EINVAL.

/** enum ima_hooks (ima.h __ima_hooks), in order: the func= names. */
export const IMA_FUNCS = [
  'NONE',
  'FILE_CHECK',
  'MMAP_CHECK',
  'MMAP_CHECK_REQPROT',
  'BPRM_CHECK',
  'CREDS_CHECK',
  'POST_SETATTR',
  'MODULE_CHECK',
  'FIRMWARE_CHECK',
  'KEXEC_KERNEL_CHECK',
  'KEXEC_INITRAMFS_CHECK',
  'POLICY_CHECK',
  'KEXEC_CMDLINE',
  'KEY_CHECK',
  'CRITICAL_DATA',
  'SETXATTR_CHECK',
] as const;
export type ImaFunc = (typeof IMA_FUNCS)[number];

// Rule actions (ima_policy.c).
export const MEASURE = 0x0001;
export const DONT_MEASURE = 0x0002;
export const APPRAISE = 0x0004;
export const DONT_APPRAISE = 0x0008;
export const AUDIT = 0x0040;
export const DONT_AUDIT = 0x0080;
export const HASH = 0x0100;
export const DONT_HASH = 0x0200;

// Rule condition flags (ima_policy.c).
export const IMA_FUNC = 0x0001;
export const IMA_MASK = 0x0002;
export const IMA_FSMAGIC = 0x0004;
export const IMA_UID = 0x0008;
export const IMA_FOWNER = 0x0010;
export const IMA_FSUUID = 0x0020;
export const IMA_INMASK = 0x0040;
export const IMA_EUID = 0x0080;
export const IMA_PCR = 0x0100;
export const IMA_FSNAME = 0x0200;
export const IMA_KEYRINGS = 0x0400;
export const IMA_LABEL = 0x0800;
export const IMA_VALIDATE_ALGOS = 0x1000;
export const IMA_GID = 0x2000;
export const IMA_EGID = 0x4000;
export const IMA_FGROUP = 0x8000;
export const IMA_FS_SUBTYPE = 0x10000;

// iint action and non-action flags (ima.h).
export const IMA_MEASURE = 0x1;
export const IMA_APPRAISE = 0x4;
export const IMA_AUDIT = 0x40;
export const IMA_HASH = 0x100;
export const IMA_FILE_APPRAISE = 0x1000;
export const IMA_MMAP_APPRAISE = 0x4000;
export const IMA_BPRM_APPRAISE = 0x10000;
export const IMA_READ_APPRAISE = 0x40000;
export const IMA_CREDS_APPRAISE = 0x100000;
export const IMA_APPRAISE_SUBMASK =
  IMA_FILE_APPRAISE | IMA_MMAP_APPRAISE | IMA_BPRM_APPRAISE | IMA_READ_APPRAISE | IMA_CREDS_APPRAISE;
export const IMA_DO_MASK = IMA_MEASURE | IMA_APPRAISE | IMA_AUDIT | IMA_HASH | IMA_APPRAISE_SUBMASK;
export const IMA_NONACTION_FLAGS = 0xff000000;
export const IMA_DIGSIG_REQUIRED = 0x01000000;
export const IMA_PERMIT_DIRECTIO = 0x02000000;
export const IMA_SIGV3_REQUIRED = 0x08000000;
export const IMA_FAIL_UNVERIFIABLE_SIGS = 0x10000000;
export const IMA_MODSIG_ALLOWED = 0x20000000;
export const IMA_CHECK_BLACKLIST = 0x40000000;
export const IMA_VERITY_REQUIRED = 0x80000000;

// ima_appraise bits (ima.h).
export const IMA_APPRAISE_ENFORCE = 0x01;
export const IMA_APPRAISE_FIX = 0x02;
export const IMA_APPRAISE_LOG = 0x04;
export const IMA_APPRAISE_MODULES = 0x08;
export const IMA_APPRAISE_FIRMWARE = 0x10;
export const IMA_APPRAISE_POLICY = 0x20;
export const IMA_APPRAISE_KEXEC = 0x40;

// include/linux/fs.h MAY_*.
const MAY_EXEC = 0x1;
const MAY_WRITE = 0x2;
const MAY_READ = 0x4;
const MAY_APPEND = 0x8;

/** include/uapi/linux/magic.h: the s_magic of each filesystem type the machine mounts or a rule names. */
export const FS_MAGIC: Readonly<Record<string, number>> = {
  ext4: 0xef53,
  proc: 0x9fa0,
  sysfs: 0x62656572,
  debugfs: 0x64626720,
  tmpfs: 0x01021994,
  ramfs: 0x858458f6,
  devpts: 0x1cd1,
  binfmt_misc: 0x42494e4d,
  securityfs: 0x73636673,
  selinuxfs: 0xf97cff8c,
  smackfs: 0x43415d53,
  cgroup: 0x27e0eb,
  cgroup2: 0x63677270,
  nsfs: 0x6e736673,
  efivarfs: 0xde5e81e4,
  sockfs: 0x534f434b,
  bpf: 0xcafe4a11,
};

/** The templates ima_template.c defines (lookup_template_desc()): name and field format. */
export const IMA_TEMPLATES: Readonly<Record<string, string>> = {
  ima: 'd|n',
  'ima-ng': 'd-ng|n-ng',
  'ima-ngv2': 'd-ngv2|n-ng',
  'ima-sig': 'd-ng|n-ng|sig',
  'ima-sigv2': 'd-ngv2|n-ng|sig',
  'ima-buf': 'd-ng|n-ng|buf',
  'ima-modsig': 'd-ng|n-ng|sig|d-modsig|modsig',
  'evm-sig': 'd-ng|n-ng|evmsig|xattrnames|xattrlengths|xattrvalues|iuid|igid|imode',
};

type IdOp = 'eq' | 'gt' | 'lt';

/** struct ima_rule_entry. */
export interface ImaRule {
  action: number;
  flags: number;
  func: ImaFunc;
  mask: number;
  fsmagic: number;
  fsname: string | null;
  fsSubtype: string | null;
  fsuuid: string | null;
  uid: number | null;
  uidOp: IdOp;
  gid: number | null;
  gidOp: IdOp;
  fowner: number | null;
  fownerOp: IdOp;
  fgroup: number | null;
  fgroupOp: IdOp;
  pcr: number;
  allowedAlgos: number;
  keyrings: string | null;
  label: string | null;
  template: string | null;
  /** obj_user=, subj_type=, ...: the LSM rule text (ima_filter_rule_init() found no LSM to take it). */
  lsm: { key: string; value: string }[];
}

function emptyRule(): ImaRule {
  return {
    action: 0,
    flags: 0,
    func: 'NONE',
    mask: 0,
    fsmagic: 0,
    fsname: null,
    fsSubtype: null,
    fsuuid: null,
    uid: null,
    uidOp: 'eq',
    gid: null,
    gidOp: 'eq',
    fowner: null,
    fownerOp: 'eq',
    fgroup: null,
    fgroupOp: 'eq',
    pcr: 0,
    allowedAlgos: 0,
    keyrings: null,
    label: null,
    template: null,
    lsm: [],
  };
}

/** A rule from the built-in tables: only the named fields differ from the zeroed entry. */
function builtin(r: Partial<ImaRule>): ImaRule {
  return { ...emptyRule(), ...r };
}

const fsm = (name: string): number => FS_MAGIC[name]!;

/** dont_measure_rules[]: the pseudo filesystems the measurement policies leave out. */
const DONT_MEASURE_RULES: readonly ImaRule[] = [
  ...['proc', 'sysfs', 'debugfs'].map((n) => builtin({ action: DONT_MEASURE, fsmagic: fsm(n), flags: IMA_FSMAGIC })),
  builtin({ action: DONT_MEASURE, fsmagic: fsm('tmpfs'), func: 'FILE_CHECK', flags: IMA_FSMAGIC | IMA_FUNC }),
  ...['devpts', 'binfmt_misc', 'securityfs', 'selinuxfs', 'smackfs', 'cgroup', 'cgroup2', 'nsfs', 'efivarfs'].map((n) =>
    builtin({ action: DONT_MEASURE, fsmagic: fsm(n), flags: IMA_FSMAGIC }),
  ),
];

/** original_measurement_rules[] (ima_tcb). */
const ORIGINAL_MEASUREMENT_RULES: readonly ImaRule[] = [
  builtin({ action: MEASURE, func: 'MMAP_CHECK', mask: MAY_EXEC, flags: IMA_FUNC | IMA_MASK }),
  builtin({ action: MEASURE, func: 'BPRM_CHECK', mask: MAY_EXEC, flags: IMA_FUNC | IMA_MASK }),
  builtin({ action: MEASURE, func: 'FILE_CHECK', mask: MAY_READ, uid: 0, flags: IMA_FUNC | IMA_MASK | IMA_UID }),
  builtin({ action: MEASURE, func: 'MODULE_CHECK', flags: IMA_FUNC }),
  builtin({ action: MEASURE, func: 'FIRMWARE_CHECK', flags: IMA_FUNC }),
];

/** default_measurement_rules[] (ima_policy=tcb). */
const DEFAULT_MEASUREMENT_RULES: readonly ImaRule[] = [
  builtin({ action: MEASURE, func: 'MMAP_CHECK', mask: MAY_EXEC, flags: IMA_FUNC | IMA_MASK }),
  builtin({ action: MEASURE, func: 'BPRM_CHECK', mask: MAY_EXEC, flags: IMA_FUNC | IMA_MASK }),
  builtin({ action: MEASURE, func: 'FILE_CHECK', mask: MAY_READ, uid: 0, flags: IMA_FUNC | IMA_INMASK | IMA_EUID }),
  builtin({ action: MEASURE, func: 'FILE_CHECK', mask: MAY_READ, uid: 0, flags: IMA_FUNC | IMA_INMASK | IMA_UID }),
  builtin({ action: MEASURE, func: 'MODULE_CHECK', flags: IMA_FUNC }),
  builtin({ action: MEASURE, func: 'FIRMWARE_CHECK', flags: IMA_FUNC }),
  builtin({ action: MEASURE, func: 'POLICY_CHECK', flags: IMA_FUNC }),
];

/**
 * default_appraise_rules[] (ima_policy=appraise_tcb), as built with CONFIG_IMA_WRITE_POLICY=y
 * (the POLICY_CHECK signature rule) and without CONFIG_IMA_APPRAISE_SIGNED_INIT.
 */
const DEFAULT_APPRAISE_RULES: readonly ImaRule[] = [
  ...[
    'proc',
    'sysfs',
    'debugfs',
    'tmpfs',
    'ramfs',
    'devpts',
    'binfmt_misc',
    'securityfs',
    'selinuxfs',
    'smackfs',
    'nsfs',
    'efivarfs',
    'cgroup',
    'cgroup2',
  ].map((n) => builtin({ action: DONT_APPRAISE, fsmagic: fsm(n), flags: IMA_FSMAGIC })),
  builtin({ action: APPRAISE, func: 'POLICY_CHECK', flags: IMA_FUNC | IMA_DIGSIG_REQUIRED }),
  builtin({ action: APPRAISE, fowner: 0, flags: IMA_FOWNER }),
];

/** secure_boot_rules[] (ima_policy=secure_boot). */
const SECURE_BOOT_RULES: readonly ImaRule[] = [
  builtin({
    action: APPRAISE,
    func: 'MODULE_CHECK',
    flags: IMA_FUNC | IMA_DIGSIG_REQUIRED | IMA_MODSIG_ALLOWED | IMA_CHECK_BLACKLIST,
  }),
  builtin({ action: APPRAISE, func: 'FIRMWARE_CHECK', flags: IMA_FUNC | IMA_DIGSIG_REQUIRED }),
  builtin({ action: APPRAISE, func: 'KEXEC_KERNEL_CHECK', flags: IMA_FUNC | IMA_DIGSIG_REQUIRED }),
  builtin({ action: APPRAISE, func: 'POLICY_CHECK', flags: IMA_FUNC | IMA_DIGSIG_REQUIRED }),
];

/** critical_data_rules[] (ima_policy=critical_data). */
const CRITICAL_DATA_RULES: readonly ImaRule[] = [builtin({ action: MEASURE, func: 'CRITICAL_DATA', flags: IMA_FUNC })];

/** The ima_policy=/ima_tcb/ima_appraise_tcb choices policy_setup() records. */
export interface BuiltinPolicyChoice {
  /** ORIGINAL_TCB (ima_tcb) or DEFAULT_TCB (ima_policy=tcb), or none. */
  readonly tcb: 'original' | 'default' | null;
  readonly appraiseTcb: boolean;
  readonly secureBoot: boolean;
  readonly criticalData: boolean;
  readonly failSecurely: boolean;
  /** pr_err("policy \"%s\" not found") for each unknown name. */
  readonly unknown: readonly string[];
}

/**
 * policy_setup() for `ima_policy=` (names separated by blanks or `|`), default_measure_policy_setup()
 * for `ima_tcb`, default_appraise_policy_setup() for `ima_appraise_tcb`.
 */
export function parseImaPolicyParam(
  value: string | undefined,
  imaTcb: boolean,
  imaAppraiseTcb: boolean,
): BuiltinPolicyChoice {
  let tcb: BuiltinPolicyChoice['tcb'] = null;
  // __setup handlers run in command-line order; the model applies ima_tcb first (it wins only when first).
  if (imaTcb) tcb = 'original';
  let appraiseTcb = imaAppraiseTcb;
  let secureBoot = false;
  let criticalData = false;
  let failSecurely = false;
  const unknown: string[] = [];
  for (const p of (value ?? '').split(/[ |\n]/)) {
    if (p === '') continue;
    if (p === 'tcb') tcb ??= 'default';
    else if (p === 'appraise_tcb') appraiseTcb = true;
    else if (p === 'secure_boot') secureBoot = true;
    else if (p === 'critical_data') criticalData = true;
    else if (p === 'fail_securely') failSecurely = true;
    else unknown.push(p);
  }
  return { tcb, appraiseTcb, secureBoot, criticalData, failSecurely, unknown };
}

/** ima_appraise_flag(): the ima_appraise bit an APPRAISE rule's func sets. */
export function imaAppraiseFlag(func: ImaFunc): number {
  switch (func) {
    case 'MODULE_CHECK':
      return IMA_APPRAISE_MODULES;
    case 'FIRMWARE_CHECK':
      return IMA_APPRAISE_FIRMWARE;
    case 'POLICY_CHECK':
      return IMA_APPRAISE_POLICY;
    case 'KEXEC_KERNEL_CHECK':
      return IMA_APPRAISE_KEXEC;
    default:
      return 0;
  }
}

/**
 * ima_init_policy(): the default rules in their order (dont_measure, the tcb measurement rules, no
 * architecture rules without EFI secure boot, secure_boot, appraise_tcb, critical_data), and the
 * ima_appraise bits add_rules() collects (temp_ima_appraise).
 */
export function defaultRules(choice: BuiltinPolicyChoice): { rules: ImaRule[]; appraiseFlags: number } {
  const rules: ImaRule[] = [];
  let appraiseFlags = 0;
  const add = (rs: readonly ImaRule[]): void => {
    for (const r of rs) {
      rules.push({ ...r, lsm: [] });
      if (r.action === APPRAISE) appraiseFlags |= imaAppraiseFlag(r.func);
    }
  };
  if (choice.tcb) add(DONT_MEASURE_RULES);
  if (choice.tcb === 'original') add(ORIGINAL_MEASUREMENT_RULES);
  else if (choice.tcb === 'default') add(DEFAULT_MEASUREMENT_RULES);
  if (choice.secureBoot) add(SECURE_BOOT_RULES);
  if (choice.appraiseTcb) add(DEFAULT_APPRAISE_RULES);
  if (choice.criticalData) add(CRITICAL_DATA_RULES);
  return { rules, appraiseFlags };
}

/** A rule that did not parse: where (1-based line and column of the token) and why. */
export interface ImaRuleError {
  readonly line: number;
  readonly col: number;
  readonly reason: string;
}

/** The result of ima_parse_rule() on one line: the entry or the error, and its audit record body. */
export interface ParsedImaRule {
  readonly rule: ImaRule | null;
  readonly error: ImaRuleError | null;
  /** The AUDIT_INTEGRITY_POLICY_RULE body: "action=measure func=BPRM_CHECK res=1". */
  readonly audit: string;
  /** pr_warn() lines (an LSM condition no LSM takes). */
  readonly warnings: readonly string[];
}

const ACTION_TOKENS: Readonly<Record<string, number>> = {
  measure: MEASURE,
  dont_measure: DONT_MEASURE,
  appraise: APPRAISE,
  dont_appraise: DONT_APPRAISE,
  audit: AUDIT,
  dont_audit: DONT_AUDIT,
  hash: HASH,
  dont_hash: DONT_HASH,
};

/** The func= names ima_parse_rule() accepts (FILE_MMAP and PATH_CHECK are the old spellings). */
const FUNC_ALIASES: Readonly<Record<string, ImaFunc>> = {
  FILE_CHECK: 'FILE_CHECK',
  PATH_CHECK: 'FILE_CHECK',
  MODULE_CHECK: 'MODULE_CHECK',
  FIRMWARE_CHECK: 'FIRMWARE_CHECK',
  FILE_MMAP: 'MMAP_CHECK',
  MMAP_CHECK: 'MMAP_CHECK',
  MMAP_CHECK_REQPROT: 'MMAP_CHECK_REQPROT',
  BPRM_CHECK: 'BPRM_CHECK',
  CREDS_CHECK: 'CREDS_CHECK',
  KEXEC_KERNEL_CHECK: 'KEXEC_KERNEL_CHECK',
  KEXEC_INITRAMFS_CHECK: 'KEXEC_INITRAMFS_CHECK',
  POLICY_CHECK: 'POLICY_CHECK',
  KEXEC_CMDLINE: 'KEXEC_CMDLINE',
  KEY_CHECK: 'KEY_CHECK',
  CRITICAL_DATA: 'CRITICAL_DATA',
  SETXATTR_CHECK: 'SETXATTR_CHECK',
};

/** hash_algo_name[] (crypto/hash_info.c), by enum hash_algo value. */
export const HASH_ALGO_NAMES = [
  'md4',
  'md5',
  'sha1',
  'rmd160',
  'sha256',
  'sha384',
  'sha512',
  'sha224',
  'rmd128',
  'rmd256',
  'rmd320',
  'wp256',
  'wp384',
  'wp512',
  'tgr128',
  'tgr160',
  'tgr192',
  'sm3',
  'streebog256',
  'streebog512',
  'sha3-256',
  'sha3-384',
  'sha3-512',
] as const;
export const HASH_ALGO_SHA1 = 2;
export const HASH_ALGO_SHA256 = 4;

/** kstrtoul(s, base): digits only (an optional leading '+' and trailing newline), or null. */
function kstrtoul(s: string, base: 10 | 16): number | null {
  const t = s.replace(/\n$/, '').replace(/^\+/, '');
  const re = base === 10 ? /^[0-9]+$/ : /^(0x)?[0-9a-fA-F]+$/;
  if (!re.test(t)) return null;
  const v = base === 10 ? Number(t) : parseInt(t.replace(/^0x/i, ''), 16);
  return Number.isSafeInteger(v) ? v : null;
}

/** uuid_parse(): the 36-character form. */
const UUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * ima_parse_rule(): one rule line (already without its "\n"), `lineNo` for the error position.
 * `defaultPolicyActive` is ima_rules == &ima_default_rules, which decides whether an LSM condition
 * no LSM can evaluate fails the rule (ima_lsm_rule_init()).
 */
export function parseImaRule(text: string, lineNo: number, defaultPolicyActive: boolean): ParsedImaRule {
  const e = emptyRule();
  const log: string[] = [];
  const warnings: string[] = [];
  let error: ImaRuleError | null = null;
  const fail = (col: number, reason: string): void => {
    error ??= { line: lineNo, col, reason };
  };
  const logKV = (key: string, value: string, op: IdOp = 'eq'): void => {
    log.push(`${key}${op === 'gt' ? '>' : op === 'lt' ? '<' : '='}${value} `);
  };
  let col = 1;
  for (const p of text.split(/[ \t]/)) {
    const at = col;
    col += p.length + 1;
    if (error || p.startsWith('#')) break;
    if (p === '') continue;
    const action = ACTION_TOKENS[p];
    if (action !== undefined) {
      logKV('action', p);
      if (e.action !== 0) fail(at, `a second action "${p}"`);
      e.action = action;
      continue;
    }
    if (p === 'permit_directio') {
      e.flags |= IMA_PERMIT_DIRECTIO;
      continue;
    }
    const m = /^([a-z_]+)([=<>])(.+)$/s.exec(p);
    const key = m?.[1] ?? '';
    const opch = m?.[2] ?? '';
    const value = m?.[3] ?? '';
    const op: IdOp = opch === '>' ? 'gt' : opch === '<' ? 'lt' : 'eq';
    const idKeys = ['uid', 'euid', 'gid', 'egid', 'fowner', 'fgroup'];
    if (!m || (opch !== '=' && !idKeys.includes(key))) {
      log.push(`UNKNOWN=${p} `);
      fail(at, `unknown token "${p}"`);
      continue;
    }
    switch (key) {
      case 'func': {
        logKV('func', value);
        const f = FUNC_ALIASES[value];
        if (e.func !== 'NONE') fail(at, 'func= given twice');
        if (!f) fail(at, `unknown func "${value}"`);
        else {
          e.func = f;
          if (!error) e.flags |= IMA_FUNC;
        }
        break;
      }
      case 'mask': {
        logKV('mask', value);
        if (e.mask) fail(at, 'mask= given twice');
        const inmask = value.startsWith('^');
        const name = inmask ? value.slice(1) : value;
        const bit = { MAY_EXEC, MAY_WRITE, MAY_READ, MAY_APPEND }[name];
        if (bit === undefined) fail(at, `unknown mask "${value}"`);
        else {
          e.mask = bit;
          if (!error) e.flags |= inmask ? IMA_INMASK : IMA_MASK;
        }
        break;
      }
      case 'fsmagic': {
        logKV('fsmagic', value);
        if (e.fsmagic) {
          fail(at, 'fsmagic= given twice');
          break;
        }
        const v = kstrtoul(value, 16);
        if (v === null) fail(at, `fsmagic "${value}" is not a hexadecimal number`);
        else {
          e.fsmagic = v;
          e.flags |= IMA_FSMAGIC;
        }
        break;
      }
      case 'fsname':
        logKV('fsname', value);
        e.fsname = value;
        e.flags |= IMA_FSNAME;
        break;
      case 'fs_subtype':
        logKV('fs_subtype', value);
        if (e.fsSubtype !== null) fail(at, 'fs_subtype= given twice');
        else {
          e.fsSubtype = value;
          e.flags |= IMA_FS_SUBTYPE;
        }
        break;
      case 'fsuuid':
        logKV('fsuuid', value);
        if (e.fsuuid !== null) fail(at, 'fsuuid= given twice');
        else if (!UUID_RE.test(value)) fail(at, `fsuuid "${value}" is not a UUID`);
        else {
          e.fsuuid = value.toLowerCase();
          e.flags |= IMA_FSUUID;
        }
        break;
      case 'keyrings':
      case 'label': {
        logKV(key, value);
        const cur = key === 'keyrings' ? e.keyrings : e.label;
        if (cur !== null) fail(at, `${key}= given twice`);
        else if (value.split('|').some((x) => x === '')) fail(at, `${key}= has an empty item`);
        else if (key === 'keyrings') {
          e.keyrings = value;
          e.flags |= IMA_KEYRINGS;
        } else {
          e.label = value;
          e.flags |= IMA_LABEL;
        }
        break;
      }
      case 'uid':
      case 'euid':
      case 'gid':
      case 'egid':
      case 'fowner':
      case 'fgroup': {
        logKV(key, value, op);
        const field = key === 'uid' || key === 'euid' ? 'uid' : key === 'gid' || key === 'egid' ? 'gid' : key;
        const cur = e[field as 'uid' | 'gid' | 'fowner' | 'fgroup'];
        if (cur !== null) {
          fail(at, `${field} condition given twice`);
          break;
        }
        const v = kstrtoul(value, 10);
        if (v === null || v > 0xfffffffe) {
          fail(at, `"${value}" is not a valid id`);
          break;
        }
        if (field === 'uid') {
          e.uid = v;
          e.uidOp = op;
          e.flags |= key === 'euid' ? IMA_EUID : IMA_UID;
        } else if (field === 'gid') {
          e.gid = v;
          e.gidOp = op;
          e.flags |= key === 'egid' ? IMA_EGID : IMA_GID;
        } else if (field === 'fowner') {
          e.fowner = v;
          e.fownerOp = op;
          e.flags |= IMA_FOWNER;
        } else {
          e.fgroup = v;
          e.fgroupOp = op;
          e.flags |= IMA_FGROUP;
        }
        break;
      }
      case 'obj_user':
      case 'obj_role':
      case 'obj_type':
      case 'subj_user':
      case 'subj_role':
      case 'subj_type': {
        logKV(key, value);
        if (e.lsm.some((l) => l.key === key)) {
          fail(at, `${key}= given twice`);
          break;
        }
        // ima_filter_rule_init() → security_audit_rule_init(): no LSM of the model takes audit rules.
        warnings.push(`rule for LSM '${value}' is undefined`);
        if (defaultPolicyActive) fail(at, `no LSM defines the rule ${key}=${value}`);
        else e.lsm.push({ key, value });
        break;
      }
      case 'digest_type':
        logKV('digest_type', value);
        if (value === 'verity') e.flags |= IMA_VERITY_REQUIRED;
        else fail(at, `unknown digest_type "${value}"`);
        break;
      case 'appraise_type':
        logKV('appraise_type', value);
        if (value === 'imasig') {
          if (e.flags & IMA_VERITY_REQUIRED) fail(at, 'appraise_type=imasig with digest_type=verity');
          else e.flags |= IMA_DIGSIG_REQUIRED | IMA_CHECK_BLACKLIST;
        } else if (value === 'sigv3') {
          e.flags |= IMA_SIGV3_REQUIRED | IMA_DIGSIG_REQUIRED | IMA_CHECK_BLACKLIST;
        } else if (value === 'imasig|modsig') {
          if (e.flags & (IMA_VERITY_REQUIRED | IMA_SIGV3_REQUIRED)) fail(at, 'imasig|modsig with verity or sigv3');
          else e.flags |= IMA_DIGSIG_REQUIRED | IMA_MODSIG_ALLOWED | IMA_CHECK_BLACKLIST;
        } else fail(at, `unknown appraise_type "${value}"`);
        break;
      case 'appraise_flag':
        logKV('appraise_flag', value);
        break;
      case 'appraise_algos': {
        logKV('appraise_algos', value);
        if (e.allowedAlgos) {
          fail(at, 'appraise_algos= given twice');
          break;
        }
        // ima_parse_appraise_algos(): names the kernel has a hash for; unknown ones are skipped.
        let algos = 0;
        for (const n of value.split(',')) {
          const i = (HASH_ALGO_NAMES as readonly string[]).indexOf(n);
          if (i === HASH_ALGO_SHA1 || i === HASH_ALGO_SHA256) algos |= 1 << i;
        }
        if (!algos) fail(at, `no usable hash algorithm in "${value}"`);
        else {
          e.allowedAlgos = algos;
          e.flags |= IMA_VALIDATE_ALGOS;
        }
        break;
      }
      case 'pcr': {
        logKV('pcr', value);
        const v = /^[+-]?\d+$/.test(value) ? Number(value) : NaN;
        // INVALID_PCR(): measured_pcrs is an unsigned long (64 bits).
        if (!Number.isInteger(v) || v < 0 || v >= 64) fail(at, `invalid pcr "${value}"`);
        else {
          e.pcr = v;
          e.flags |= IMA_PCR;
        }
        break;
      }
      case 'template':
        logKV('template', value);
        if (e.action !== MEASURE) fail(at, 'template= needs the measure action first');
        else if (!(value in IMA_TEMPLATES) || e.template !== null) fail(at, `unknown template "${value}"`);
        else e.template = value;
        break;
      default:
        log.push(`UNKNOWN=${p} `);
        fail(at, `unknown token "${p}"`);
    }
  }
  if (!error) {
    const why = validateRule(e);
    if (why) fail(1, why);
  }
  const res = error ? 0 : 1;
  return { rule: error ? null : e, error, audit: `${log.join('')}res=${res}`, warnings };
}

/** ima_validate_rule(): the action and the conditions fit the func. Returns why not, or null. */
function validateRule(e: ImaRule): string | null {
  if (e.action === 0) return 'no action';
  if (e.action !== MEASURE && e.flags & IMA_PCR) return 'pcr= only goes with measure';
  if (
    e.action !== APPRAISE &&
    e.flags & (IMA_DIGSIG_REQUIRED | IMA_MODSIG_ALLOWED | IMA_CHECK_BLACKLIST | IMA_VALIDATE_ALGOS)
  )
    return 'appraise_type= and appraise_algos= only go with appraise';
  const common =
    IMA_FUNC |
    IMA_MASK |
    IMA_FSMAGIC |
    IMA_UID |
    IMA_FOWNER |
    IMA_FSUUID |
    IMA_INMASK |
    IMA_EUID |
    IMA_PCR |
    IMA_FSNAME |
    IMA_FS_SUBTYPE |
    IMA_GID |
    IMA_EGID |
    IMA_FGROUP |
    IMA_DIGSIG_REQUIRED |
    IMA_PERMIT_DIRECTIO |
    IMA_VALIDATE_ALGOS |
    IMA_CHECK_BLACKLIST;
  const bad = (allowed: number): boolean => (e.flags & ~allowed) >>> 0 !== 0;
  switch (e.func) {
    case 'NONE':
    case 'FILE_CHECK':
    case 'MMAP_CHECK':
    case 'MMAP_CHECK_REQPROT':
    case 'BPRM_CHECK':
    case 'CREDS_CHECK':
    case 'POST_SETATTR':
    case 'FIRMWARE_CHECK':
    case 'POLICY_CHECK':
      if (bad(common | IMA_VERITY_REQUIRED | IMA_SIGV3_REQUIRED))
        return `a condition that does not go with func=${e.func}`;
      break;
    case 'MODULE_CHECK':
    case 'KEXEC_KERNEL_CHECK':
    case 'KEXEC_INITRAMFS_CHECK':
      if (bad(common | IMA_MODSIG_ALLOWED)) return `a condition that does not go with func=${e.func}`;
      break;
    case 'KEXEC_CMDLINE':
      if (e.action & ~(MEASURE | DONT_MEASURE)) return 'KEXEC_CMDLINE is only measured';
      if (
        bad(
          IMA_FUNC |
            IMA_FSMAGIC |
            IMA_UID |
            IMA_FOWNER |
            IMA_FSUUID |
            IMA_EUID |
            IMA_PCR |
            IMA_FSNAME |
            IMA_FS_SUBTYPE |
            IMA_GID |
            IMA_EGID |
            IMA_FGROUP,
        )
      )
        return 'a condition that does not go with func=KEXEC_CMDLINE';
      break;
    case 'KEY_CHECK':
    case 'CRITICAL_DATA':
      if (e.action & ~(MEASURE | DONT_MEASURE)) return `${e.func} is only measured`;
      if (bad(IMA_FUNC | IMA_UID | IMA_GID | IMA_PCR | (e.func === 'KEY_CHECK' ? IMA_KEYRINGS : IMA_LABEL)))
        return `a condition that does not go with func=${e.func}`;
      if (e.lsm.length) return `LSM conditions do not go with func=${e.func}`;
      break;
    case 'SETXATTR_CHECK':
      if (e.action !== APPRAISE) return 'SETXATTR_CHECK is only appraised';
      if (!(e.flags & IMA_VALIDATE_ALGOS)) return 'SETXATTR_CHECK needs appraise_algos=';
      if (bad(IMA_FUNC | IMA_VALIDATE_ALGOS)) return 'a condition that does not go with func=SETXATTR_CHECK';
      break;
  }
  if (e.flags & IMA_CHECK_BLACKLIST && !(e.flags & IMA_DIGSIG_REQUIRED)) return 'blacklist check without signatures';
  if (e.action === APPRAISE && e.flags & IMA_VERITY_REQUIRED && !(e.flags & IMA_DIGSIG_REQUIRED))
    return 'digest_type=verity appraisal needs signatures';
  return null;
}

/** What ima_match_rules() needs to know about the inode and the subject. */
export interface MatchSubject {
  readonly fsType: string;
  readonly iUid: number;
  readonly iGid: number;
  readonly cred: {
    readonly uid: number;
    readonly euid: number;
    readonly suid: number;
    readonly gid: number;
    readonly egid: number;
    readonly sgid: number;
  };
  /** has_capability_noaudit(current, CAP_SETUID) / CAP_SETGID, asked only when a rule needs it. */
  readonly capSetuid: () => boolean;
  readonly capSetgid: () => boolean;
}

const idMatch = (op: IdOp, a: number, b: number): boolean => (op === 'gt' ? a > b : op === 'lt' ? a < b : a === b);

/** ima_match_rules() for file hooks (KEY_CHECK and CRITICAL_DATA match no file). */
export function matchRule(r: ImaRule, s: MatchSubject, func: ImaFunc, mask: number): boolean {
  if (r.flags & IMA_FUNC && r.func !== func && func !== 'POST_SETATTR') return false;
  if (func === 'KEY_CHECK' || func === 'CRITICAL_DATA') return false;
  if (r.flags & IMA_MASK && r.mask !== mask && func !== 'POST_SETATTR') return false;
  if (r.flags & IMA_INMASK && !(r.mask & mask) && func !== 'POST_SETATTR') return false;
  if (r.flags & IMA_FSMAGIC && r.fsmagic !== FS_MAGIC[s.fsType]) return false;
  if (r.flags & IMA_FSNAME && r.fsname !== s.fsType) return false;
  // The model's filesystems have no subtype and a null s_uuid.
  if (r.flags & IMA_FS_SUBTYPE) return false;
  if (r.flags & IMA_FSUUID && r.fsuuid !== '00000000-0000-0000-0000-000000000000') return false;
  const c = s.cred;
  if (r.flags & IMA_UID && !idMatch(r.uidOp, c.uid, r.uid!)) return false;
  if (r.flags & IMA_EUID) {
    if (s.capSetuid()) {
      if (!idMatch(r.uidOp, c.euid, r.uid!) && !idMatch(r.uidOp, c.suid, r.uid!) && !idMatch(r.uidOp, c.uid, r.uid!))
        return false;
    } else if (!idMatch(r.uidOp, c.euid, r.uid!)) return false;
  }
  if (r.flags & IMA_GID && !idMatch(r.gidOp, c.gid, r.gid!)) return false;
  if (r.flags & IMA_EGID) {
    if (s.capSetgid()) {
      if (!idMatch(r.gidOp, c.egid, r.gid!) && !idMatch(r.gidOp, c.sgid, r.gid!) && !idMatch(r.gidOp, c.gid, r.gid!))
        return false;
    } else if (!idMatch(r.gidOp, c.egid, r.gid!)) return false;
  }
  if (r.flags & IMA_FOWNER && !idMatch(r.fownerOp, s.iUid, r.fowner!)) return false;
  if (r.flags & IMA_FGROUP && !idMatch(r.fgroupOp, s.iGid, r.fgroup!)) return false;
  // An LSM condition kept without an LSM rule (a custom policy) never matches.
  if (r.lsm.length) return false;
  return true;
}

/** get_subaction(): which hook's appraisal an APPRAISE rule asks for. */
function getSubaction(r: ImaRule, func: ImaFunc): number {
  if (!(r.flags & IMA_FUNC)) return IMA_FILE_APPRAISE;
  switch (func) {
    case 'MMAP_CHECK':
    case 'MMAP_CHECK_REQPROT':
      return IMA_MMAP_APPRAISE;
    case 'BPRM_CHECK':
      return IMA_BPRM_APPRAISE;
    case 'CREDS_CHECK':
      return IMA_CREDS_APPRAISE;
    case 'FILE_CHECK':
    case 'POST_SETATTR':
      return IMA_FILE_APPRAISE;
    default:
      return IMA_READ_APPRAISE;
  }
}

/** What ima_match_policy() returns: the action bits and the rule-supplied pcr and template. */
export interface PolicyDecision {
  readonly action: number;
  readonly pcr: number | null;
  readonly template: string | null;
  readonly allowedAlgos: number;
}

/**
 * ima_match_policy(): walks the rules in order; the first rule matching for each kind of action
 * (measure, appraise, audit, hash) decides it, `dont_*` included; `flags` restricts the kinds.
 */
export function matchPolicy(
  rules: readonly ImaRule[],
  s: MatchSubject,
  func: ImaFunc,
  mask: number,
  flags: number,
  failUnverifiableSigs: boolean,
): PolicyDecision {
  let action = 0;
  let actmask = flags | (flags << 1);
  let pcr: number | null = null;
  let template: string | null = null;
  let allowedAlgos = 0;
  for (const r of rules) {
    if (!(r.action & actmask)) continue;
    if (!matchRule(r, s, func, mask)) continue;
    action |= r.flags & IMA_NONACTION_FLAGS;
    action |= r.action & IMA_DO_MASK;
    if (r.action & IMA_APPRAISE) {
      action |= getSubaction(r, func);
      action &= ~IMA_HASH;
      if (failUnverifiableSigs) action |= IMA_FAIL_UNVERIFIABLE_SIGS;
      if (r.flags & IMA_VALIDATE_ALGOS) allowedAlgos = r.allowedAlgos;
    }
    if (r.action & IMA_DO_MASK) actmask &= ~(r.action | (r.action << 1));
    else actmask &= ~(r.action | (r.action >> 1));
    if (r.flags & IMA_PCR) pcr = r.pcr;
    if (r.template) template = r.template;
    if (!actmask) break;
  }
  return { action: action >>> 0, pcr, template, allowedAlgos };
}

const ACTION_NAMES: readonly [number, string][] = [
  [MEASURE, 'measure'],
  [DONT_MEASURE, 'dont_measure'],
  [APPRAISE, 'appraise'],
  [DONT_APPRAISE, 'dont_appraise'],
  [AUDIT, 'audit'],
  [DONT_AUDIT, 'dont_audit'],
  [HASH, 'hash'],
  [DONT_HASH, 'dont_hash'],
];

/** ima_policy_show(): one rule as /sys/kernel/security/ima/policy lists it (CONFIG_IMA_READ_POLICY). */
export function showRule(e: ImaRule): string {
  // Rules with inactive LSM labels are not printed.
  if (e.lsm.length) return '';
  let s = ACTION_NAMES.filter(([b]) => e.action & b)
    .map(([, n]) => n)
    .join('');
  s += ' ';
  if (e.flags & IMA_FUNC && e.func !== 'NONE') s += `func=${e.func} `;
  if (e.flags & (IMA_MASK | IMA_INMASK)) {
    const caret = e.flags & IMA_MASK ? '' : '^';
    for (const [bit, name] of [
      [MAY_EXEC, 'MAY_EXEC'],
      [MAY_WRITE, 'MAY_WRITE'],
      [MAY_READ, 'MAY_READ'],
      [MAY_APPEND, 'MAY_APPEND'],
    ] as const)
      if (e.mask & bit) s += `mask=${caret}${name}`;
    s += ' ';
  }
  if (e.flags & IMA_FSMAGIC) s += `fsmagic=0x${e.fsmagic.toString(16)} `;
  if (e.flags & IMA_FSNAME) s += `fsname=${e.fsname} `;
  if (e.flags & IMA_FS_SUBTYPE) s += `fs_subtype=${e.fsSubtype} `;
  if (e.flags & IMA_KEYRINGS) s += `keyrings=${e.keyrings} `;
  if (e.flags & IMA_LABEL) s += `label=${e.label} `;
  if (e.flags & IMA_PCR) s += `pcr=${e.pcr} `;
  if (e.flags & IMA_FSUUID) s += `fsuuid=${e.fsuuid} `;
  const op = (o: IdOp): string => (o === 'gt' ? '>' : o === 'lt' ? '<' : '=');
  if (e.flags & IMA_UID) s += `uid${op(e.uidOp)}${e.uid} `;
  if (e.flags & IMA_EUID) s += `euid${op(e.uidOp)}${e.uid} `;
  if (e.flags & IMA_GID) s += `gid${op(e.gidOp)}${e.gid} `;
  if (e.flags & IMA_EGID) s += `egid${op(e.gidOp)}${e.gid} `;
  if (e.flags & IMA_FOWNER) s += `fowner${op(e.fownerOp)}${e.fowner} `;
  if (e.flags & IMA_FGROUP) s += `fgroup${op(e.fgroupOp)}${e.fgroup} `;
  if (e.flags & IMA_VALIDATE_ALGOS)
    s += `appraise_algos=${HASH_ALGO_NAMES.filter((_, i) => e.allowedAlgos & (1 << i)).join(',')} `;
  if (e.template) s += `template=${e.template} `;
  if (e.flags & IMA_DIGSIG_REQUIRED) {
    if (e.flags & IMA_SIGV3_REQUIRED) s += 'appraise_type=sigv3 ';
    else if (e.flags & IMA_MODSIG_ALLOWED) s += 'appraise_type=imasig|modsig ';
    else s += 'appraise_type=imasig ';
  }
  if (e.flags & IMA_VERITY_REQUIRED) s += 'digest_type=verity ';
  if (e.flags & IMA_PERMIT_DIRECTIO) s += 'permit_directio ';
  return `${s}\n`;
}
