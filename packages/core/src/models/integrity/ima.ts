// IMA, the Integrity Measurement Architecture (security/integrity/ima/; the `ima` LSM of 6.9+,
// LSM_ORDER_LAST). It measures files into a measurement list (ima_main.c process_measurement(),
// ima_api.c, ima_queue.c, shown by ima_fs.c), appraises them against the hash or signature in
// their security.ima xattr (ima_appraise.c) and audits them, all as its policy says
// (ima_policy.c, imaPolicy.ts here). The build modelled: CONFIG_IMA_APPRAISE with
// CONFIG_IMA_APPRAISE_BOOTPARAM, CONFIG_IMA_READ_POLICY and CONFIG_IMA_WRITE_POLICY, the ima-ng
// template, SHA-256 as the default hash, PCR 10, no TPM (the boot aggregate is zeros), no EFI
// secure boot (no architecture rules).
import { EACCES, EINVAL, EPERM } from '../../errno';
import type { HookImpls } from '../../hooks/hookDefs';
import type { Struct } from '../../kernel/objects';
import { KERN_ERR, KERN_INFO, KERN_WARNING } from '../../kernel/printk';
import type { LsmInitContext } from '../../lsm/lsmInfo';
import { CAP_SETGID, CAP_SETUID, CAP_SYS_ADMIN } from '../../machine/capability';
import type { ImageFile } from '../../machine/imageXattrs';
import { dentryPath, dPath } from '../../machine/world';
import { isReg, type Cred, type Dentry, type File, type Inode, type Task } from '../../machine/types';
import { utf8Encode } from '../../util/utf8';
import type { KernelVersion } from '../../version';
import { auditString, currentCred, currentTask, taskComm, taskPid, type InTreeModel } from '../model';
import {
  APPRAISE,
  defaultRules,
  HASH_ALGO_NAMES,
  HASH_ALGO_SHA1,
  HASH_ALGO_SHA256,
  IMA_APPRAISE,
  IMA_APPRAISE_ENFORCE,
  IMA_APPRAISE_FIRMWARE,
  IMA_APPRAISE_FIX,
  IMA_APPRAISE_KEXEC,
  IMA_APPRAISE_LOG,
  IMA_APPRAISE_MODULES,
  IMA_APPRAISE_POLICY,
  IMA_APPRAISE_SUBMASK,
  IMA_AUDIT,
  IMA_BPRM_APPRAISE,
  IMA_CREDS_APPRAISE,
  IMA_DIGSIG_REQUIRED,
  IMA_DO_MASK,
  IMA_FILE_APPRAISE,
  IMA_HASH,
  IMA_MEASURE,
  IMA_MMAP_APPRAISE,
  IMA_NONACTION_FLAGS,
  IMA_PERMIT_DIRECTIO,
  IMA_READ_APPRAISE,
  IMA_TEMPLATES,
  imaAppraiseFlag,
  matchPolicy,
  parseImaPolicyParam,
  parseImaRule,
  showRule,
  type ImaFunc,
  type ImaRule,
  type MatchSubject,
} from './imaPolicy';
import {
  AUDIT_UID_UNSET,
  EVM_IMA_XATTR_DIGSIG,
  evmOf,
  IMA_VERITY_DIGSIG,
  IMA_XATTR_DIGEST,
  IMA_XATTR_DIGEST_NG,
  IMA_XATTR_LAST,
  INTEGRITY_FAIL,
  INTEGRITY_FAIL_IMMUTABLE,
  INTEGRITY_NOLABEL,
  INTEGRITY_NOXATTRS,
  INTEGRITY_PASS,
  INTEGRITY_PASS_IMMUTABLE,
  INTEGRITY_UNKNOWN,
  integrityAuditBody,
  XATTR_NAME_EVM,
  XATTR_NAME_IMA,
} from './integrity';
import { binaryStringToBytes, bytesToBinaryString, concatBytes, sha1, sha256, toHex } from './sha256';

/** CONFIG_IMA_MEASURE_PCR_IDX. */
export const IMA_PCR = 10;
/** CONFIG_IMA_DEFAULT_TEMPLATE. */
const DEFAULT_TEMPLATE = 'ima-ng';

const MAY_EXEC = 0x1;
const MAY_WRITE = 0x2;
const MAY_READ = 0x4;
const MAY_APPEND = 0x8;
const MAY_ACCESS = 0x10;
const FMODE_READ = 0x1;
const FMODE_WRITE = 0x2;
const FMODE_CREATED = 0x100000;
const PROT_EXEC = 0x4;
const VM_EXEC = 0x4;
const CAP_OPT_NOAUDIT = 0x2;
const ENODATA = 61;

/** enum kernel_read_file_id → the IMA hook (read_idmap[]); FILE_CHECK for the others. */
const READ_IDMAP: Readonly<Record<number, ImaFunc>> = {
  1: 'FIRMWARE_CHECK',
  2: 'MODULE_CHECK',
  3: 'KEXEC_KERNEL_CHECK',
  4: 'KEXEC_INITRAMFS_CHECK',
  5: 'POLICY_CHECK',
  7: 'MODULE_CHECK',
};
const READING_MODULE_COMPRESSED = 7;
const LOADING_FIRMWARE = 1;
const LOADING_MODULE = 2;
const LOADING_KEXEC_IMAGE = 3;
const READING_X509_CERTIFICATE = 6;

// iint done flags (ima.h): each action's "done" bit is the action bit << 1.
const IMA_MEASURED = 0x2;
const IMA_APPRAISED = 0x8;
const IMA_COLLECTED = 0x20;
const IMA_AUDITED = 0x80;
const IMA_HASHED = 0x200;
const IMA_NEW_FILE = 0x04000000;
const IMA_APPRAISED_SUBMASK = IMA_APPRAISE_SUBMASK << 1;
const IMA_DONE_MASK = IMA_MEASURED | IMA_APPRAISED | IMA_AUDITED | IMA_HASHED | IMA_COLLECTED | IMA_APPRAISED_SUBMASK;
const IMA_NONACTION_RULE_FLAGS = IMA_NONACTION_FLAGS & ~IMA_NEW_FILE;

type CacheKind = 'file' | 'mmap' | 'bprm' | 'creds' | 'read';

/** struct ima_iint_cache: what IMA remembers of an inode (the inode blob points to it). */
interface Iint {
  flags: number;
  measuredPcrs: number[];
  /** IMA_CHANGE_ATTR, IMA_CHANGE_XATTR, IMA_UPDATE_XATTR, IMA_DIGSIG. */
  changeAttr: boolean;
  changeXattr: boolean;
  updateXattr: boolean;
  digsig: boolean;
  /** IMA_MAY_EMIT_TOMTOU, IMA_EMITTED_OPENWRITERS. */
  mayEmitTomtou: boolean;
  emittedOpenwriters: boolean;
  /** The collected hash (iint->ima_hash). */
  algo: number;
  /** The digest in hex (hex so that the World view shows it as the kernel prints it). */
  digest: string | null;
  status: Record<CacheKind, number>;
}

/** One measurement list entry (struct ima_template_entry): what both list formats print. */
export interface ImaMeasurement {
  readonly pcr: number;
  /** The template hash of the SHA-1 bank, as ascii_runtime_measurements prints it. */
  readonly templateHash: string;
  readonly templateName: string;
  /** Each template field as IMA_SHOW_ASCII prints it ('' when the field is empty). */
  readonly fields: readonly string[];
}

const cacheKind = (func: ImaFunc): CacheKind => {
  switch (func) {
    case 'MMAP_CHECK':
    case 'MMAP_CHECK_REQPROT':
      return 'mmap';
    case 'BPRM_CHECK':
      return 'bprm';
    case 'CREDS_CHECK':
      return 'creds';
    case 'FILE_CHECK':
    case 'POST_SETATTR':
      return 'file';
    default:
      return 'read';
  }
};

/** The bytes of a hex string. */
function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** The bytes the model hashes for a file: its data, as UTF-8. */
function fileBytes(inode: Inode): Uint8Array {
  return utf8Encode(inode.data);
}

/** The digest of `data` with a hash algorithm the model has (SHA-1 or SHA-256). */
function hashWith(algo: number, data: Uint8Array): Uint8Array {
  return algo === HASH_ALGO_SHA1 ? sha1(data) : sha256(data);
}

/**
 * ima_get_hash_algo(): the algorithm a security.ima value names (sha1 for the old
 * IMA_XATTR_DIGEST, the algo byte of DIGEST_NG, the signature header's), else the default. The model
 * computes SHA-1 and SHA-256 only; other algorithms fall back to the default, as an algorithm the
 * crypto API does not have does.
 */
function xattrHashAlgo(x: Uint8Array | null, dflt: number): number {
  if (!x || x.length < 1) return dflt;
  let algo = dflt;
  if (x[0] === IMA_XATTR_DIGEST_NG && x.length > 1) algo = x[1]!;
  else if (x[0] === IMA_XATTR_DIGEST && x.length === 21) algo = HASH_ALGO_SHA1;
  else if ((x[0] === EVM_IMA_XATTR_DIGSIG || x[0] === IMA_VERITY_DIGSIG) && x.length > 2) algo = x[2]!;
  return algo === HASH_ALGO_SHA1 || algo === HASH_ALGO_SHA256 ? algo : dflt;
}

/**
 * The security.ima an image file carries: IMA_XATTR_DIGEST_NG, HASH_ALGO_SHA256 and the SHA-256 of
 * its data (what `evmctl ima_hash` writes), as a byte string. The image gives one to every regular
 * file under /usr/bin and /usr/sbin.
 */
export function imaXattrFor(data: string): string {
  return bytesToBinaryString(concatBytes([new Uint8Array([IMA_XATTR_DIGEST_NG, HASH_ALGO_SHA256]), sha256(data)]));
}

/** The machine/imageXattrs.ts provider: security.ima for the image's /usr/bin and /usr/sbin files. */
export function imaImageXattrs(f: ImageFile): Record<string, string> | null {
  if (f.fsType !== 'ext4' || (f.mode & 0o170000) !== 0o100000) return null;
  if (!/^\/usr\/s?bin\/[^/]+$/.test(f.path)) return null;
  return { [XATTR_NAME_IMA]: imaXattrFor(f.data) };
}

/** u32 in native (x86 little-endian) order, as ima_calc_field_array_hash_tfm() hashes a field length. */
function le32(n: number): Uint8Array {
  return new Uint8Array([n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff]);
}

/**
 * A measurement entry of `template` (ima_template_lib.c): d-ng is "<algo>:\0" and the digest, n-ng
 * the name with spaces turned to '_' and a NUL, sig the security.ima signature (empty for hashes).
 * The template hash (SHA-1 bank) is SHA-1 over each field's u32 length and data; the "ima"
 * template hashes the data only. Fields of other templates are left empty.
 */
export function templateEntry(
  template: string,
  algo: number,
  digest: Uint8Array,
  name: string,
  sig: Uint8Array | null,
  pcr: number,
): ImaMeasurement {
  const fmt = (IMA_TEMPLATES[template] ?? IMA_TEMPLATES[DEFAULT_TEMPLATE]!).split('|');
  const algoName = HASH_ALGO_NAMES[algo] ?? 'sha256';
  const data: Uint8Array[] = [];
  const ascii: string[] = [];
  for (const f of fmt) {
    if (f === 'd-ng' || f === 'd-ngv2') {
      const prefix = f === 'd-ngv2' ? `ima:${algoName}` : algoName;
      data.push(concatBytes([utf8Encode(`${prefix}:`), new Uint8Array([0]), digest]));
      ascii.push(`${prefix}:${toHex(digest)}`);
    } else if (f === 'n-ng') {
      const n = name.replace(/ /g, '_');
      data.push(concatBytes([utf8Encode(n), new Uint8Array([0])]));
      ascii.push(n);
    } else if (f === 'sig') {
      const s = sig && (sig[0] === EVM_IMA_XATTR_DIGSIG || sig[0] === IMA_VERITY_DIGSIG) ? sig : new Uint8Array(0);
      data.push(s);
      ascii.push(toHex(s));
    } else if (f === 'd') {
      const d = algo === HASH_ALGO_SHA1 ? digest : new Uint8Array(20);
      data.push(d);
      ascii.push(toHex(d));
    } else if (f === 'n') {
      data.push(utf8Encode(name));
      ascii.push(name);
    } else {
      data.push(new Uint8Array(0));
      ascii.push('');
    }
  }
  const hashed =
    template === 'ima' ? concatBytes(data) : concatBytes(data.flatMap((d) => [le32(d.length), d] as Uint8Array[]));
  return { pcr, templateHash: toHex(sha1(hashed)), templateName: template, fields: ascii };
}

/** ima_ascii_measurements_show(): "%2d <template hash> <template name> <field> ...". */
export function asciiMeasurement(e: ImaMeasurement): string {
  return `${String(e.pcr).padStart(2, ' ')} ${e.templateHash} ${e.templateName}${e.fields.map((f) => ` ${f}`).join('')}\n`;
}

function imaInit(ctx: LsmInitContext, version: KernelVersion): { hooks: Partial<HookImpls> } {
  void version;
  const bootKey = ctx.currentCred();
  // hash_setup() for ima_hash= (the ima-ng template takes any hash_algo_name[]), else
  // CONFIG_IMA_DEFAULT_HASH. The model computes SHA-1 and SHA-256 only: another algorithm takes
  // init_ima()'s fallback, as when the crypto API cannot allocate it.
  let hashAlgo = HASH_ALGO_SHA256;
  const hashParam = ctx.bootParam('ima_hash');
  if (hashParam !== undefined) {
    const i = (HASH_ALGO_NAMES as readonly string[]).indexOf(hashParam);
    if (i < 0) ctx.printk(KERN_ERR, `ima: invalid hash algorithm "${hashParam}"`);
    else if (i === HASH_ALGO_SHA1 || i === HASH_ALGO_SHA256) hashAlgo = i;
    else
      ctx.printk(
        KERN_INFO,
        `ima: Allocating ${hashParam} failed, going to use default hash algorithm ${HASH_ALGO_NAMES[HASH_ALGO_SHA256]}`,
      );
  }

  // ima_appraise= (ima_appraise_parse_cmdline(), CONFIG_IMA_APPRAISE_BOOTPARAM): the default is enforce.
  let imaAppraise = IMA_APPRAISE_ENFORCE;
  const appraiseParam = ctx.bootParam('ima_appraise');
  if (appraiseParam !== undefined) {
    if (appraiseParam.startsWith('off')) imaAppraise = 0;
    else if (appraiseParam.startsWith('log')) imaAppraise = IMA_APPRAISE_LOG;
    else if (appraiseParam.startsWith('fix')) imaAppraise = IMA_APPRAISE_FIX;
    else if (appraiseParam.startsWith('enforce')) imaAppraise = IMA_APPRAISE_ENFORCE;
    else ctx.printk(KERN_ERR, `ima: invalid "${appraiseParam}" appraise option`);
  }

  // The boot's policy choice (policy_setup() and friends) and ima_init_policy().
  const choice = parseImaPolicyParam(
    ctx.bootParam('ima_policy'),
    ctx.bootParam('ima_tcb') !== undefined,
    ctx.bootParam('ima_appraise_tcb') !== undefined,
  );
  for (const u of choice.unknown) ctx.printk(KERN_ERR, `ima: policy "${u}" not found`);
  const dflt = defaultRules(choice);
  const defaultList: ImaRule[] = dflt.rules;
  let customList: ImaRule[] = [];
  let usingDefault = true;
  let tempRules: ImaRule[] = [];
  let tempImaAppraise = dflt.appraiseFlags;
  let validPolicy = true;
  let policyFlag = 0;
  const failUnverifiableSigs = choice.failSecurely;

  const rules = (): readonly ImaRule[] => (usingDefault ? defaultList : customList);

  /** ima_update_policy_flags(). */
  const updatePolicyFlags = (): void => {
    let flag = 0;
    for (const r of rules()) {
      if (r.func === 'SETXATTR_CHECK') continue;
      if (r.action & IMA_DO_MASK) flag |= r.action;
    }
    imaAppraise |= tempImaAppraise;
    if (!imaAppraise) flag &= ~IMA_APPRAISE;
    policyFlag = flag;
  };

  // The measurement list (ima_queue.c) and its hash table of template digests.
  const measurements: ImaMeasurement[] = [];
  const digests = new Set<string>();
  let violations = 0;
  /** i_readcount and i_writecount: the inode's read-only and writable opens (do_dentry_open(), __fput()). */
  const opens = new WeakMap<Inode, { readers: number; writers: number }>();
  const opensOf = (inode: Inode): { readers: number; writers: number } => {
    let c = opens.get(inode);
    if (!c) opens.set(inode, (c = { readers: 0, writers: 0 }));
    return c;
  };

  /** ima_store_template() → ima_add_template_entry(): a template digest already listed is not added again. */
  const storeTemplate = (e: ImaMeasurement): void => {
    const key = `${e.pcr}:${e.templateHash}`;
    if (digests.has(key)) return;
    digests.add(key);
    measurements.push(e);
    ctx.kfunc('ima_add_template_entry', () => `PCR ${e.pcr}: ${e.fields.join(' ')}`);
  };

  /**
   * ima_add_violation(): a measurement list entry with a zero digest and a zero template hash (the
   * PCR is extended with 0xff..), counted in `violations`, and an AUDIT_INTEGRITY_PCR record.
   */
  const addViolation = (file: File, pathname: string, cause: string): void => {
    violations++;
    const size = hashAlgo === HASH_ALGO_SHA1 ? 20 : 32;
    const e = templateEntry(DEFAULT_TEMPLATE, hashAlgo, new Uint8Array(size), pathname, null, IMA_PCR);
    measurements.push({ ...e, templateHash: '0'.repeat(40) });
    ctx.kfunc('ima_add_violation', `${cause}: ${pathname}`);
    ctx.audit('INTEGRITY_PCR', integrityAuditBody(ctx, 'invalid_pcr', cause, 0, pathname, file.f_inode));
  };

  // ima_init(): no TPM, so TPM-bypass and a zero boot aggregate as the first entry.
  ctx.printk(KERN_INFO, 'ima: No TPM chip found, activating TPM-bypass!');
  ctx.printk(KERN_INFO, `ima: Allocated hash algorithm: ${HASH_ALGO_NAMES[hashAlgo]}`);
  storeTemplate(
    templateEntry(
      DEFAULT_TEMPLATE,
      hashAlgo,
      new Uint8Array(hashAlgo === HASH_ALGO_SHA1 ? 20 : 32),
      'boot_aggregate',
      null,
      IMA_PCR,
    ),
  );
  ctx.printk(KERN_INFO, 'ima: No architecture policies found');
  updatePolicyFlags();

  /** i_version at the last collection: the model's stand-in is the data the hash was taken of. */
  const iVersion = new WeakMap<Iint, string>();

  const iintOf = (inode: Inode, create: boolean): Iint | null => {
    // An inode without a blob (an anonymous inode such as a Landlock ruleset's) has no iint.
    if (!inode.security) return null;
    const slot = ctx.blob<Iint>('inode', inode as unknown as Struct);
    let iint = slot.get() ?? null;
    if (!iint && create) {
      iint = {
        flags: 0,
        measuredPcrs: [],
        changeAttr: false,
        changeXattr: false,
        updateXattr: false,
        digsig: false,
        mayEmitTomtou: false,
        emittedOpenwriters: false,
        algo: hashAlgo,
        digest: null,
        status: {
          file: INTEGRITY_UNKNOWN,
          mmap: INTEGRITY_UNKNOWN,
          bprm: INTEGRITY_UNKNOWN,
          creds: INTEGRITY_UNKNOWN,
          read: INTEGRITY_UNKNOWN,
        },
      };
      slot.set(iint);
    }
    return iint;
  };

  const subjectOf = (inode: Inode, cred: Cred): MatchSubject => ({
    fsType: inode.i_sb.s_type,
    iUid: inode.i_uid,
    iGid: inode.i_gid,
    cred,
    capSetuid: () => ctx.hasCapability(currentCred(ctx) as unknown as Struct<'cred'>, CAP_SETUID, CAP_OPT_NOAUDIT),
    capSetgid: () => ctx.hasCapability(currentCred(ctx) as unknown as Struct<'cred'>, CAP_SETGID, CAP_OPT_NOAUDIT),
  });

  /** ima_get_action(): the actions the policy asks for, limited to the kinds ima_policy_flag has. */
  const getAction = (inode: Inode, cred: Cred, func: ImaFunc, mask: number) =>
    matchPolicy(
      rules(),
      subjectOf(inode, cred),
      func,
      mask,
      (IMA_MEASURE | IMA_AUDIT | IMA_APPRAISE | IMA_HASH) & policyFlag,
      failUnverifiableSigs,
    );

  const readXattr = (inode: Inode): Uint8Array | null => {
    const v = inode.xattrs.get(XATTR_NAME_IMA);
    return v === undefined ? null : binaryStringToBytes(v);
  };

  /** ima_fix_xattr(): security.ima = DIGEST_NG, the algo, the collected digest (__vfs_setxattr_noperm). */
  const fixXattr = (inode: Inode, iint: Iint): void => {
    if (!iint.digest) return;
    const digest = fromHex(iint.digest);
    const head = iint.algo <= HASH_ALGO_SHA1 ? [IMA_XATTR_DIGEST] : [IMA_XATTR_DIGEST_NG, iint.algo];
    inode.xattrs.set(XATTR_NAME_IMA, bytesToBinaryString(concatBytes([new Uint8Array(head), digest])));
    ctx.kfunc('ima_fix_xattr', () => `security.ima = ${HASH_ALGO_NAMES[iint.algo]}:${iint.digest}`);
  };

  /** ima_collect_measurement(): the file hash, once per change (IMA_COLLECTED). */
  const collect = (iint: Iint, inode: Inode, algo: number): void => {
    if (iint.flags & IMA_COLLECTED && iint.algo === algo && iint.digest) return;
    iint.algo = algo;
    iint.digest = toHex(hashWith(algo, fileBytes(inode)));
    iVersion.set(iint, inode.data);
    iint.flags |= IMA_COLLECTED;
    ctx.kfunc('ima_collect_measurement', () => `${HASH_ALGO_NAMES[algo]}:${iint.digest}`);
  };

  /** ima_cache_flags(): an appraisal that passed is remembered for its hook. */
  const cacheFlags = (iint: Iint, func: ImaFunc): void => {
    const k = cacheKind(func);
    const sub = {
      file: IMA_FILE_APPRAISE,
      mmap: IMA_MMAP_APPRAISE,
      bprm: IMA_BPRM_APPRAISE,
      creds: IMA_CREDS_APPRAISE,
      read: IMA_READ_APPRAISE,
    }[k];
    iint.flags |= (sub << 1) | IMA_APPRAISED;
  };

  /**
   * xattr_verify(): a hash value must equal the collected digest ("invalid-hash"); a signature
   * needs a key on the .ima keyring, which the model never has (-ENOKEY: "invalid-signature").
   */
  const xattrVerify = (iint: Iint, x: Uint8Array): { status: number; cause: string; rc: number } => {
    const type = x[0];
    if (type === IMA_XATTR_DIGEST_NG || type === IMA_XATTR_DIGEST) {
      const start = type === IMA_XATTR_DIGEST_NG ? 2 : 1;
      if (iint.flags & IMA_DIGSIG_REQUIRED)
        return { status: INTEGRITY_FAIL, cause: 'IMA-signature-required', rc: -EINVAL };
      iint.digsig = false;
      const d = fromHex(iint.digest!);
      if (x.length - start < d.length) return { status: INTEGRITY_FAIL, cause: 'invalid-hash', rc: -EINVAL };
      const same = d.every((b, i) => x[start + i] === b);
      return same
        ? { status: INTEGRITY_PASS, cause: '', rc: 0 }
        : { status: INTEGRITY_FAIL, cause: 'invalid-hash', rc: 1 };
    }
    if (type === EVM_IMA_XATTR_DIGSIG || type === IMA_VERITY_DIGSIG) {
      iint.digsig = true;
      if ((x[1] ?? 0) > 3) return { status: INTEGRITY_FAIL, cause: 'invalid-signature-version', rc: -EINVAL };
      ctx.kfunc('integrity_digsig_verify', 'the .ima keyring holds no key: -ENOKEY');
      return { status: INTEGRITY_FAIL, cause: 'invalid-signature', rc: -126 };
    }
    return { status: INTEGRITY_UNKNOWN, cause: 'unknown-ima-data', rc: -EINVAL };
  };

  /** ima_appraise_measurement(): the status, its audit record, fix mode. */
  const appraiseMeasurement = (
    func: ImaFunc,
    iint: Iint,
    file: File,
    pathname: string,
    x: Uint8Array | null,
  ): number => {
    const inode = file.f_inode;
    let cause = 'unknown';
    let status = INTEGRITY_UNKNOWN;
    let rc = x ? x.length : -ENODATA;
    ctx.kfunc('ima_appraise_measurement', pathname);
    out: {
      if (!x) {
        cause = iint.flags & IMA_DIGSIG_REQUIRED ? 'IMA-signature-required' : 'missing-hash';
        status = INTEGRITY_NOLABEL;
        if (file.f_mode & FMODE_CREATED) iint.flags |= IMA_NEW_FILE;
        if (iint.flags & IMA_NEW_FILE && (!(iint.flags & IMA_DIGSIG_REQUIRED) || inode.data.length === 0))
          status = INTEGRITY_PASS;
        break out;
      }
      status = evmOf(bootKey)?.verifyxattr(file.f_path.dentry, XATTR_NAME_IMA) ?? INTEGRITY_UNKNOWN;
      switch (status) {
        case INTEGRITY_PASS:
        case INTEGRITY_PASS_IMMUTABLE:
        case INTEGRITY_UNKNOWN:
          break;
        case INTEGRITY_NOXATTRS:
        case INTEGRITY_NOLABEL:
          cause = 'missing-HMAC';
          break out;
        case INTEGRITY_FAIL_IMMUTABLE:
          iint.digsig = true;
          cause = 'invalid-fail-immutable';
          break out;
        case INTEGRITY_FAIL:
          cause = 'invalid-HMAC';
          break out;
      }
      const v = xattrVerify(iint, x);
      status = v.status;
      cause = v.cause || cause;
      rc = v.rc;
    }
    if (status !== INTEGRITY_PASS) {
      if (imaAppraise & IMA_APPRAISE_FIX && (!x || x[0] !== EVM_IMA_XATTR_DIGSIG)) {
        fixXattr(inode, iint);
        status = INTEGRITY_PASS;
      }
      ctx.audit('INTEGRITY_DATA', integrityAuditBody(ctx, 'appraise_data', cause, rc, pathname, inode));
    } else cacheFlags(iint, func);
    iint.status[cacheKind(func)] = status;
    return status;
  };

  /** ima_audit_measurement(): an AUDIT_INTEGRITY_RULE record with the hash and audit_log_task_info(). */
  const auditMeasurement = (iint: Iint, pathname: string): void => {
    if (iint.flags & IMA_AUDITED) return;
    const t = currentTask(ctx) as Task;
    const c = currentCred(ctx);
    const info =
      ` ppid=${t.ppid ?? 0} pid=${taskPid(t)} auid=${AUDIT_UID_UNSET} uid=${c.uid} gid=${c.gid} euid=${c.euid}` +
      ` suid=${c.suid} fsuid=${c.fsuid} egid=${c.egid} sgid=${c.sgid} fsgid=${c.fsgid} tty=(none)` +
      ` ses=${AUDIT_UID_UNSET} comm=${auditString(taskComm(t))} exe=${auditString(t.exe ?? '')}`;
    ctx.audit(
      'INTEGRITY_RULE',
      `file=${auditString(pathname)} hash="${HASH_ALGO_NAMES[iint.algo]}:${iint.digest}"${info}`,
    );
    iint.flags |= IMA_AUDITED;
  };

  /**
   * process_measurement() (ima_main.c): what the policy asks for `func` (measure, appraise, audit,
   * hash), done once per file version; an appraisal that fails returns -EACCES in enforce mode.
   */
  const processMeasurement = (file: File | null, cred: Cred, mask: number, funcIn: ImaFunc, readId = 0): number => {
    if (!file) return 0;
    const inode = file.f_inode;
    if (!policyFlag || !isReg(inode)) return 0;
    let func = funcIn;
    const decision = getAction(inode, cred, func, mask);
    let action = decision.action;
    // Reading a file open for writing (open_writers), or writing one open for reading that was
    // measured (ToMToU), invalidates the measurement.
    const violationCheck =
      (func === 'FILE_CHECK' || func === 'MMAP_CHECK' || func === 'MMAP_CHECK_REQPROT') &&
      policyFlag & IMA_MEASURE &&
      (action & IMA_MEASURE || file.f_mode & FMODE_WRITE);
    if (!action && !violationCheck) return 0;
    if (violationCheck) rdwrViolationCheck(file, action ? iintOf(inode, true) : null, (action & IMA_MEASURE) !== 0);
    if (!action) return 0;
    const pcr = decision.pcr ?? IMA_PCR;
    const template = decision.template ?? DEFAULT_TEMPLATE;
    let mustAppraise = action & IMA_APPRAISE;
    if (action & IMA_FILE_APPRAISE) func = 'FILE_CHECK';
    const iint = iintOf(inode, true)!;
    let rc = 0;
    if (iint.changeAttr) {
      iint.changeAttr = false;
      iint.flags &= ~(
        IMA_APPRAISE |
        IMA_APPRAISED |
        IMA_APPRAISE_SUBMASK |
        IMA_APPRAISED_SUBMASK |
        IMA_NONACTION_RULE_FLAGS
      );
    }
    if (iint.changeXattr) {
      iint.changeXattr = false;
      iint.flags &= ~IMA_DONE_MASK;
      iint.measuredPcrs = [];
    }
    iint.flags |= action;
    action &= IMA_DO_MASK;
    action &= ~((iint.flags & (IMA_DONE_MASK ^ IMA_MEASURED)) >>> 1);
    if (action & IMA_MEASURE && iint.measuredPcrs.includes(pcr)) action ^= IMA_MEASURE;
    let x: Uint8Array | null = null;
    if (action & IMA_HASH && !iint.digsig) {
      x = readXattr(inode);
      if (x && x.length > 2 && x[0] === EVM_IMA_XATTR_DIGSIG) iint.digsig = true;
      iint.flags |= IMA_HASHED;
      action ^= IMA_HASH;
      iint.updateXattr = true;
    }
    const name = dPath(file.f_path);
    ctx.kfunc('process_measurement', () => `${name} ${func} action 0x${(action >>> 0).toString(16)}`);
    locked: {
      if (!action) {
        if (mustAppraise) rc = iint.status[cacheKind(func)];
        break locked;
      }
      if (action & IMA_APPRAISE_SUBMASK || template !== 'ima') x = readXattr(inode);
      collect(iint, inode, xattrHashAlgo(x, hashAlgo));
      if (readId === READING_MODULE_COMPRESSED) {
        mustAppraise = 0;
        break locked;
      }
      if (action & IMA_MEASURE) {
        storeTemplate(templateEntry(template, iint.algo, fromHex(iint.digest!), name, x, pcr));
        if (!iint.measuredPcrs.includes(pcr)) iint.measuredPcrs = [...iint.measuredPcrs, pcr];
        iint.flags |= IMA_MEASURED;
      }
      if (action & IMA_APPRAISE_SUBMASK) rc = appraiseMeasurement(func, iint, file, name, x);
      if (action & IMA_AUDIT) auditMeasurement(iint, name);
      if (iint.flags & IMA_PERMIT_DIRECTIO && file.f_flags & 0o40000) rc = 0;
      if (!rc && mustAppraise && decision.allowedAlgos && !(decision.allowedAlgos & (1 << iint.algo))) {
        rc = -EACCES;
        ctx.audit('INTEGRITY_DATA', integrityAuditBody(ctx, 'collect_data', 'denied-hash-algorithm', rc, name, inode));
      }
    }
    if (mask & MAY_WRITE && iint.digsig && !(iint.flags & IMA_NEW_FILE)) rc = -EACCES;
    if (mustAppraise) {
      if (rc && imaAppraise & IMA_APPRAISE_ENFORCE) return -EACCES;
      if (file.f_mode & FMODE_WRITE) iint.updateXattr = true;
    }
    return 0;
  };

  /** ima_rdwr_violation_check(). */
  function rdwrViolationCheck(file: File, iint: Iint | null, mustMeasure: boolean): void {
    const inode = file.f_inode;
    const c = opensOf(inode);
    let tomtou = false;
    let writers = false;
    if (file.f_mode & FMODE_WRITE) {
      const i = iint ?? iintOf(inode, false);
      if (c.readers > 0 && i?.mayEmitTomtou) {
        i.mayEmitTomtou = false;
        tomtou = true;
      }
    } else {
      if (mustMeasure && iint) iint.mayEmitTomtou = true;
      if (c.writers > 0 && mustMeasure && iint && !iint.emittedOpenwriters) {
        iint.emittedOpenwriters = true;
        writers = true;
      }
    }
    const name = dPath(file.f_path);
    if (tomtou) addViolation(file, name, 'ToMToU');
    if (writers) addViolation(file, name, 'open_writers');
  }

  /** ima_update_xattr(): after the last writer, a hash (not a signature) that passed is rewritten. */
  const updateXattr = (iint: Iint, inode: Inode): void => {
    if (iint.digsig) return;
    if (iint.status.file !== INTEGRITY_PASS && !(iint.flags & IMA_HASH)) return;
    iint.flags &= ~IMA_COLLECTED;
    collect(iint, inode, hashAlgo);
    fixXattr(inode, iint);
  };

  // ---- securityfs: /sys/kernel/security/ima/ (ima_fs.c) ----------------------------------------
  const ascii = (): string => measurements.map(asciiMeasurement).join('');
  const ro = (read: () => string) => ({ mode: 0o440, read, write: null });
  // The real files live in integrity/ima/, with /sys/kernel/security/ima a symlink to it, and
  // ascii_runtime_measurements a symlink to ascii_runtime_measurements_sha1.
  ctx.pseudoFileCreate('securityfs', 'ima/ascii_runtime_measurements_sha1', ro(ascii));
  ctx.pseudoFileCreate('securityfs', 'ima/ascii_runtime_measurements', ro(ascii));
  ctx.pseudoFileCreate(
    'securityfs',
    'ima/runtime_measurements_count',
    ro(() => `${measurements.length}\n`),
  );
  ctx.pseudoFileCreate(
    'securityfs',
    'ima/violations',
    ro(() => `${violations}\n`),
  );

  /**
   * ima_parse_add_rule() for each line of a write: an AUDIT_INTEGRITY_POLICY_RULE record per rule;
   * a bad rule stops the write with -EINVAL and an INTEGRITY_STATUS "invalid-policy" record, and
   * marks the whole update invalid (ima_write_policy(): valid_policy = 0).
   */
  const writePolicy = (data: string): number => {
    ctx.kfunc('ima_write_policy', `${data.length} bytes`);
    if (data.startsWith('/')) {
      // ima_read_policy(): kernel_read_file_from_path(READING_POLICY) is not modelled.
      validPolicy = false;
      return -EINVAL;
    }
    if (imaAppraise & IMA_APPRAISE_POLICY) {
      ctx.printk(KERN_ERR, 'ima: signed policy file (specified as an absolute pathname) required');
      ctx.audit('INTEGRITY_STATUS', integrityAuditBody(ctx, 'policy_update', 'signed policy required', 1, null, null));
      validPolicy = false;
      return -EACCES;
    }
    const lines = data.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    for (const [i, line] of lines.entries()) {
      const p = line.replace(/^[ \t]+/, '');
      if (p.startsWith('#') || p === '') continue;
      const parsed = parseImaRule(p, i + 1, usingDefault);
      for (const w of parsed.warnings) ctx.printk(KERN_WARNING, `ima: ${w}`);
      ctx.audit('INTEGRITY_POLICY_RULE', parsed.audit);
      if (!parsed.rule) {
        const e = parsed.error!;
        ctx.kfunc('ima_parse_rule', `line ${e.line}:${e.col + (line.length - p.length)}: ${e.reason}`);
        ctx.audit('INTEGRITY_STATUS', integrityAuditBody(ctx, 'update_policy', 'invalid-policy', -EINVAL, null, null));
        validPolicy = false;
        return -EINVAL;
      }
      if (parsed.rule.action === APPRAISE) tempImaAppraise |= imaAppraiseFlag(parsed.rule.func);
      tempRules.push(parsed.rule);
    }
    return data.length;
  };

  /**
   * ima_release_policy(): at the close of the policy file opened for writing, a valid update with
   * at least one rule replaces the built-in rules (the first time) or is appended to the custom
   * ones (CONFIG_IMA_WRITE_POLICY); anything else is dropped whole.
   */
  const releasePolicy = (): void => {
    let cause = validPolicy ? 'completed' : 'failed';
    if (validPolicy && tempRules.length === 0) {
      cause = 'failed';
      validPolicy = false;
    }
    ctx.printk(KERN_INFO, `ima: policy update ${cause}`);
    ctx.audit('INTEGRITY_STATUS', integrityAuditBody(ctx, 'policy_update', cause, validPolicy ? 0 : 1, null, null));
    if (!validPolicy) {
      // ima_delete_rules()
      tempRules = [];
      tempImaAppraise = 0;
      validPolicy = true;
      return;
    }
    // ima_update_policy()
    customList = [...customList, ...tempRules];
    tempRules = [];
    if (usingDefault) {
      usingDefault = false;
      policyFlag = 0;
    }
    updatePolicyFlags();
  };

  ctx.pseudoFileCreate('securityfs', 'ima/policy', {
    mode: 0o600,
    // ima_open_policy() for reading: O_RDONLY and CAP_SYS_ADMIN (CONFIG_IMA_READ_POLICY).
    read: () => (ctx.capable(CAP_SYS_ADMIN) ? rules().map(showRule).join('') : -EPERM),
    write: writePolicy,
  });
  // systemd's ima_setup() (src/core/ima-setup.c) writes /etc/ima/ima-policy here at boot.
  ctx.bootPolicyFile('securityfs', 'ima/policy');

  const isPolicyFile = (f: File): boolean => dPath(f.f_path) === '/sys/kernel/security/ima/policy';

  const fileOfBprm = (bprm: Struct): File | null => (bprm.fields?.['file'] as File | undefined) ?? null;
  const cur = (): Cred => currentCred(ctx);

  const hooks: Partial<HookImpls> = {
    /** ima_bprm_check() (ima_main.c): BPRM_CHECK, MAY_EXEC, with current's cred. */
    bprm_check_security: (bprm) => processMeasurement(fileOfBprm(bprm as Struct), cur(), MAY_EXEC, 'BPRM_CHECK'),
    /** ima_bprm_creds_for_exec(): only for execveat(AT_EXECVE_CHECK), which the machine does not make. */
    bprm_creds_for_exec: (bprm) =>
      (bprm as Struct).fields?.['is_check']
        ? processMeasurement(fileOfBprm(bprm as Struct), cur(), MAY_EXEC, 'BPRM_CHECK')
        : 0,
    /** ima_creds_check(): CREDS_CHECK with the new cred (bprm->cred). */
    bprm_creds_from_file: (bprm, file) =>
      processMeasurement(
        file as unknown as File,
        ((bprm as Struct).fields?.['cred'] as Cred | undefined) ?? cur(),
        MAY_EXEC,
        'CREDS_CHECK',
      ),
    /**
     * ima_file_check(): FILE_CHECK at open with the access mask. The model counts the inode's
     * readers and writers here (i_readcount / i_writecount, taken in do_dentry_open()).
     */
    file_post_open: (file, mask) => {
      const f = file as unknown as File;
      if (isReg(f.f_inode)) {
        const c = opensOf(f.f_inode);
        if (f.f_mode & FMODE_WRITE) c.writers++;
        else if (f.f_mode & FMODE_READ) c.readers++;
      }
      return processMeasurement(f, cur(), Number(mask) & (MAY_READ | MAY_WRITE | MAY_EXEC | MAY_APPEND), 'FILE_CHECK');
    },
    /**
     * ima_file_free() → ima_check_last_writer(): when the last writer closes a changed file, IMA
     * forgets what it measured and appraised, and rewrites a security.ima hash it was asked to
     * keep (IMA_UPDATE_XATTR). Also the policy file's release (ima_release_policy(), its fops).
     */
    file_release: (f) => {
      const file = f as unknown as File;
      if (file.f_mode & FMODE_WRITE && isPolicyFile(file)) {
        releasePolicy();
        return;
      }
      const inode = file.f_inode;
      const c = opens.get(inode);
      // __fput(): put_file_access() drops the counts after security_file_release().
      const release = (): void => {
        if (!c) return;
        if (file.f_mode & FMODE_WRITE) c.writers = Math.max(0, c.writers - 1);
        else if (file.f_mode & FMODE_READ) c.readers = Math.max(0, c.readers - 1);
      };
      const iint = iintOf(inode, false);
      if (!policyFlag || !isReg(inode) || !(file.f_mode & FMODE_WRITE) || !iint || (c?.writers ?? 1) !== 1) {
        release();
        return;
      }
      iint.emittedOpenwriters = false;
      const update = iint.updateXattr;
      iint.updateXattr = false;
      if (iint.flags & IMA_NEW_FILE || iVersion.get(iint) !== inode.data) {
        ctx.kfunc('ima_check_last_writer', 'the file changed: measure and appraise it again');
        iint.flags &= ~(IMA_DONE_MASK | IMA_NEW_FILE);
        iint.measuredPcrs = [];
        if (update) updateXattr(iint, inode);
      }
      release();
    },
    /** ima_file_mmap(): MMAP_CHECK_REQPROT for a requested PROT_EXEC, MMAP_CHECK for an effective one. */
    mmap_file: (file, reqprot, prot) => {
      if (!file) return 0;
      if (Number(reqprot) & PROT_EXEC) {
        const r = processMeasurement(file as unknown as File, cur(), MAY_EXEC, 'MMAP_CHECK_REQPROT');
        if (r) return r;
      }
      if (Number(prot) & PROT_EXEC) return processMeasurement(file as unknown as File, cur(), MAY_EXEC, 'MMAP_CHECK');
      return 0;
    },
    /**
     * ima_file_mprotect(): making a file mapping executable is refused (-EPERM, "failed-mprotect")
     * when an mmap appraise rule covers the file.
     */
    file_mprotect: (vma, _reqprot, prot) => {
      const v = vma as Struct;
      const file = (v.fields?.['vm_file'] as File | undefined) ?? null;
      const vmFlags = Number(v.fields?.['vm_flags'] ?? 0);
      if (!(policyFlag & IMA_APPRAISE) || !file || !(Number(prot) & PROT_EXEC) || vmFlags & VM_EXEC) return 0;
      const inode = file.f_inode;
      const action =
        getAction(inode, cur(), 'MMAP_CHECK', MAY_EXEC).action |
        getAction(inode, cur(), 'MMAP_CHECK_REQPROT', MAY_EXEC).action;
      if (!(action & (IMA_MEASURE | IMA_APPRAISE_SUBMASK))) return 0;
      const result = action & IMA_APPRAISE_SUBMASK ? -EPERM : 0;
      ctx.audit(
        'INTEGRITY_DATA',
        integrityAuditBody(ctx, 'collect_data', 'failed-mprotect', result, dPath(file.f_path), inode),
      );
      return result;
    },
    /** ima_read_file(): nothing until the contents are read (ima_post_read_file()). */
    kernel_read_file: (file, id, contents) =>
      contents
        ? 0
        : processMeasurement(file as unknown as File, cur(), MAY_READ, READ_IDMAP[Number(id)] ?? 'FILE_CHECK'),
    /** ima_post_read_file(): the read buffer's file measured/appraised for its hook (MODULE_CHECK, ...). */
    kernel_post_read_file: (file, _buf, size, id) => {
      if (!file && Number(id) === READING_X509_CERTIFICATE) return 0;
      if (!file || !Number(size)) return imaAppraise & IMA_APPRAISE_ENFORCE ? -EACCES : 0;
      return processMeasurement(
        file as unknown as File,
        cur(),
        MAY_READ,
        READ_IDMAP[Number(id)] ?? 'FILE_CHECK',
        Number(id),
      );
    },
    /**
     * ima_load_data(): a buffer without a file cannot be appraised, so with an appraise rule for
     * modules (and no module.sig_enforce), firmware or kexec, enforce mode refuses it.
     */
    kernel_load_data: (id, contents) => {
      const enforce = (imaAppraise & IMA_APPRAISE_ENFORCE) === IMA_APPRAISE_ENFORCE;
      switch (Number(id)) {
        case LOADING_KEXEC_IMAGE:
          if (enforce && imaAppraise & IMA_APPRAISE_KEXEC) {
            ctx.printk(
              KERN_ERR,
              'ima: impossible to appraise a kernel image without a file descriptor; try using kexec_file_load syscall.',
            );
            return -EACCES;
          }
          break;
        case LOADING_FIRMWARE:
          if (enforce && imaAppraise & IMA_APPRAISE_FIRMWARE && !contents) {
            ctx.printk(KERN_ERR, 'ima: Prevent firmware sysfs fallback loading.');
            return -EACCES;
          }
          break;
        case LOADING_MODULE: {
          const p = ctx.bootParam('module.sig_enforce');
          const sigEnforce = p !== undefined && ['', '1', 'y', 'Y'].includes(p);
          if (enforce && !sigEnforce && imaAppraise & IMA_APPRAISE_MODULES) {
            ctx.printk(
              KERN_ERR,
              'ima: impossible to appraise a module without a file descriptor. sig_enforce kernel parameter might help',
            );
            return -EACCES;
          }
          break;
        }
      }
      return 0;
    },
    /** ima_post_load_data(): firmware through loading_store is refused when firmware is appraised. */
    kernel_post_load_data: (_buf, _size, id) => {
      if (
        Number(id) === LOADING_FIRMWARE &&
        imaAppraise & IMA_APPRAISE_FIRMWARE &&
        imaAppraise & IMA_APPRAISE_ENFORCE
      ) {
        ctx.printk(KERN_ERR, 'ima: Prevent firmware loading_store.');
        return -EACCES;
      }
      return 0;
    },
    /**
     * ima_kernel_module_request() (CONFIG_INTEGRITY_ASYMMETRIC_KEYS): no module autoload for the
     * RSA padding template while a signature is being verified (it would deadlock).
     */
    kernel_module_request: (name) => (String(name).startsWith('crypto-pkcs1(rsa,') ? -EINVAL : 0),
    /** ima_inode_post_setattr(): a chmod/chown makes IMA re-appraise (IMA_CHANGE_ATTR). */
    inode_post_setattr: (_idmap, dentry) => {
      const inode = (dentry as unknown as Dentry).d_inode;
      if (!inode || !(policyFlag & IMA_APPRAISE) || !isReg(inode)) return;
      const iint = iintOf(inode, false);
      if (!iint) return;
      iint.changeAttr = true;
      const action = getAction(inode, cur(), 'POST_SETATTR', MAY_ACCESS).action & (IMA_APPRAISE | IMA_HASH);
      if (!action) iint.updateXattr = false;
    },
    /**
     * ima_inode_setxattr(): security.ima needs CAP_SYS_ADMIN, a known type and a hash algorithm the
     * kernel has; setting it (or an EVM-covered xattr) makes IMA appraise again.
     */
    inode_setxattr: (_idmap, dentry, name, value, size) => {
      const inode = (dentry as unknown as Dentry).d_inode;
      const xname = String(name);
      let digsig = -1;
      let result = 0;
      if (xname === XATTR_NAME_IMA) {
        if (!ctx.capable(CAP_SYS_ADMIN)) return -EPERM;
        const v = binaryStringToBytes(String(value ?? ''));
        if (!Number(size) || (v[0] ?? 0) >= IMA_XATTR_LAST) return -EINVAL;
        if (v[0] === IMA_XATTR_DIGEST_NG && v.length > 1 && v[1] !== HASH_ALGO_SHA1 && v[1] !== HASH_ALGO_SHA256) {
          // validate_hash_algo(): the model's crypto has SHA-1 and SHA-256 only.
          ctx.audit(
            'INTEGRITY_DATA',
            integrityAuditBody(
              ctx,
              'set_data',
              'unavailable-hash-algorithm',
              -EACCES,
              dentryPath(dentry as unknown as Dentry),
              inode,
            ),
          );
          return -EACCES;
        }
        digsig = v[0] === EVM_IMA_XATTR_DIGSIG ? 1 : 0;
        result = 1;
      } else if (xname === XATTR_NAME_EVM && Number(size) > 0) {
        digsig = binaryStringToBytes(String(value ?? ''))[0] === 5 ? 1 : 0;
      }
      if (result === 1 || evmOf(bootKey)?.revalidateStatus(xname)) resetAppraiseFlags(inode, digsig);
      return 0;
    },
    /** ima_inode_removexattr(): removing security.ima needs CAP_SYS_ADMIN and resets appraisal. */
    inode_removexattr: (_idmap, dentry, name) => {
      const inode = (dentry as unknown as Dentry).d_inode;
      const xname = String(name);
      if (xname === XATTR_NAME_IMA && !ctx.capable(CAP_SYS_ADMIN)) return -EPERM;
      if (xname === XATTR_NAME_IMA || evmOf(bootKey)?.revalidateStatus(xname))
        resetAppraiseFlags(inode, xname === XATTR_NAME_IMA ? 0 : -1);
      return 0;
    },
    /** ima_inode_set_acl(): an ACL EVM covers makes IMA appraise again. */
    inode_set_acl: (_idmap, dentry, aclName) => {
      if (evmOf(bootKey)?.revalidateStatus(String(aclName)))
        resetAppraiseFlags((dentry as unknown as Dentry).d_inode, -1);
      return 0;
    },
    /** ima_inode_remove_acl(). */
    inode_remove_acl: (_idmap, dentry, aclName) => {
      if (evmOf(bootKey)?.revalidateStatus(String(aclName)))
        resetAppraiseFlags((dentry as unknown as Dentry).d_inode, -1);
      return 0;
    },
  };

  /**
   * ima_post_path_mknod() / ima_post_create_tmpfile(): a new regular file IMA would appraise is
   * marked IMA_NEW_FILE (it may be opened before it has data or a security.ima).
   */
  const markNew = (inode: Inode | null): void => {
    if (!inode || !policyFlag || !isReg(inode) || !imaAppraise) return;
    const action = matchPolicy(
      rules(),
      subjectOf(inode, cur()),
      'FILE_CHECK',
      MAY_ACCESS,
      IMA_APPRAISE | IMA_HASH,
      false,
    ).action;
    if (!action) return;
    iintOf(inode, true)!.flags |= IMA_NEW_FILE;
  };
  hooks.path_post_mknod = (_idmap, dentry) => markNew((dentry as unknown as Dentry).d_inode);
  hooks.inode_post_create_tmpfile = (_idmap, inode) => markNew(inode as unknown as Inode);
  /** ima_inode_free_rcu(): the iint goes with the inode's blob. */
  hooks.inode_free_security_rcu = () => undefined;

  /** ima_reset_appraise_flags(). */
  function resetAppraiseFlags(inode: Inode | null, digsig: number): void {
    if (!inode || !(policyFlag & IMA_APPRAISE) || !isReg(inode)) return;
    const iint = iintOf(inode, false);
    if (!iint) return;
    iint.measuredPcrs = [];
    iint.changeXattr = true;
    if (digsig === 1) iint.digsig = true;
    else if (digsig === 0) iint.digsig = false;
  }

  return { hooks };
}

export const IMA_IMPLEMENTED = [
  'bprm_check_security',
  'bprm_creds_for_exec',
  'bprm_creds_from_file',
  'file_post_open',
  'file_release',
  'mmap_file',
  'file_mprotect',
  'kernel_read_file',
  'kernel_post_read_file',
  'kernel_load_data',
  'kernel_post_load_data',
  'kernel_module_request',
  'path_post_mknod',
  'inode_post_create_tmpfile',
  'inode_free_security_rcu',
  'inode_post_setattr',
  'inode_setxattr',
  'inode_removexattr',
  'inode_set_acl',
  'inode_remove_acl',
] as const;

export const imaModel: InTreeModel = {
  name: 'ima',
  implemented: () => IMA_IMPLEMENTED,
  notes: {
    bprm_check_security: 'i_version is the file data; no subj= in audit records; no TPM',
    file_post_open: 'i_version is the file data; i_readcount/i_writecount are counted by the model',
    file_release: 'the policy file’s release (ima_release_policy(), a file_operations callback) is run from here',
    mmap_file: 'mmapped_writers (mapping_writably_mapped) is not checked',
    file_mprotect: 'not reached: the machine has no mprotect(2)',
    path_post_mknod: 'not reached: the machine has no mknod(2)',
    inode_post_create_tmpfile: 'not reached: the machine has no O_TMPFILE',
    kernel_post_read_file: 'modsig (appended module signatures) is not read',
    kernel_post_load_data: 'the init_module buffer is not measured as critical data',
    inode_setxattr: 'only sha1 and sha256 count as hash algorithms the kernel has',
  },
  init: (ctx, version) => imaInit(ctx, version),
};
