// IPE's policy language (security/ipe/policy_parser.c, Documentation/admin-guide/LSM/ipe.rst):
//
//   policy_name=Allow_boot policy_version=0.0.1
//   DEFAULT action=ALLOW
//   DEFAULT op=EXECUTE action=DENY
//   op=EXECUTE boot_verified=TRUE action=ALLOW
//
// Lines split at \n or \r; `#` starts a comment; trailing blanks go. The first non-empty line is
// the header (policy_name= then policy_version=MAJOR.MINOR.REV, each a u16). Each further line
// is a rule: `DEFAULT` (optional, first), `op=` (required unless DEFAULT), properties, and
// `action=ALLOW|DENY` last. A DEFAULT rule has no properties; there is one global default and
// one per operation, each at most once; every operation must have a default unless the global
// one is set. Errors are -EBADMSG, except a version or digest that does not parse (-EINVAL) or
// overflows (-ERANGE). The kernel reports only the errno; the model also keeps the line and
// column of the offending token and why, for the trace.
import { EBADMSG, EINVAL, ERANGE } from '../../errno';

/** enum ipe_op_type, in order, with the names policies and audit records use. */
export const IPE_OPS = [
  'EXECUTE',
  'FIRMWARE',
  'KMODULE',
  'KEXEC_IMAGE',
  'KEXEC_INITRAMFS',
  'POLICY',
  'X509_CERT',
] as const;
export type IpeOp = (typeof IPE_OPS)[number];

export type IpeAction = 'ALLOW' | 'DENY';

/** enum ipe_prop_type: the properties a rule may test. */
export type IpePropType =
  | 'boot_verified=FALSE'
  | 'boot_verified=TRUE'
  | 'dmverity_roothash'
  | 'dmverity_signature=FALSE'
  | 'dmverity_signature=TRUE'
  | 'fsverity_digest'
  | 'fsverity_signature=FALSE'
  | 'fsverity_signature=TRUE';

/** struct digest_info: a dmverity_roothash= or fsverity_digest= value ("<alg>:<hex>"). */
export interface IpeDigest {
  readonly alg: string;
  readonly digest: Uint8Array;
}

export interface IpeProp {
  readonly type: IpePropType;
  readonly value: IpeDigest | null;
}

export interface IpeRule {
  readonly op: IpeOp;
  readonly action: IpeAction;
  readonly props: readonly IpeProp[];
}

/** struct ipe_parsed_policy. */
export interface IpeParsedPolicy {
  readonly name: string;
  readonly version: readonly [number, number, number];
  readonly globalDefault: IpeAction | null;
  /** Per operation: its rules in order and its default. */
  readonly rules: Readonly<Record<IpeOp, { readonly rules: readonly IpeRule[]; readonly default: IpeAction | null }>>;
}

export interface IpeParseError {
  /** -EBADMSG, -EINVAL or -ERANGE, as ipe_parse_policy() returns it. */
  readonly errno: number;
  readonly line: number;
  readonly col: number;
  readonly reason: string;
}

export type IpeParseResult = { ok: true; policy: IpeParsedPolicy } | { ok: false; error: IpeParseError };

const PROPS: readonly IpePropType[] = [
  'boot_verified=FALSE',
  'boot_verified=TRUE',
  'dmverity_signature=FALSE',
  'dmverity_signature=TRUE',
  'fsverity_signature=FALSE',
  'fsverity_signature=TRUE',
];

class ParseFail extends Error {
  constructor(
    readonly errno: number,
    readonly col: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** kstrtou16(token, 10): digits (an optional '+', one trailing newline), at most 65535. */
function kstrtou16(s: string, col: number): number {
  const t = s.replace(/\n$/, '').replace(/^\+/, '');
  if (!/^[0-9]+$/.test(t)) throw new ParseFail(-EINVAL, col, `"${s}" is not a number`);
  const v = Number(t);
  if (v > 0xffff) throw new ParseFail(-ERANGE, col, `${s} does not fit in 16 bits`);
  return v;
}

/** parse_version(): exactly three dot-separated u16 numbers. */
function parseVersion(s: string, col: number): [number, number, number] {
  const parts = s.split('.');
  const out: number[] = [];
  let c = col;
  for (const p of parts) {
    if (out.length >= 3) throw new ParseFail(-EBADMSG, c, 'a version has three numbers');
    out.push(kstrtou16(p, c));
    c += p.length + 1;
  }
  if (out.length !== 3) throw new ParseFail(-EBADMSG, col, 'a version has three numbers');
  return out as [number, number, number];
}

/** ipe_digest_parse(): "<alg>:<even-length hex>". */
function parseDigest(s: string, col: number): IpeDigest {
  const sep = s.indexOf(':');
  if (sep < 0) throw new ParseFail(-EBADMSG, col, `"${s}" is not <algorithm>:<hex digest>`);
  const hex = s.slice(sep + 1);
  // hex2bin() of (len + 1) / 2 bytes: an odd length reads the terminating NUL and fails.
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex))
    throw new ParseFail(-EINVAL, col + sep + 1, `"${hex}" is not a hex digest`);
  const digest = new Uint8Array(hex.length / 2);
  for (let i = 0; i < digest.length; i++) digest[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return { alg: s.slice(0, sep), digest };
}

/** The blank-separated tokens of a line with their 1-based columns (strsep(" \t"), empty ones skipped). */
function tokens(line: string): { t: string; col: number }[] {
  const out: { t: string; col: number }[] = [];
  let col = 1;
  for (const t of line.split(/[ \t]/)) {
    if (t !== '') out.push({ t, col });
    col += t.length + 1;
  }
  return out;
}

/** ipe_parse_policy(): the whole text, or the first error. */
export function parseIpePolicy(text: string): IpeParseResult {
  const rules = Object.fromEntries(
    IPE_OPS.map((op) => [op, { rules: [] as IpeRule[], default: null as IpeAction | null }]),
  ) as Record<IpeOp, { rules: IpeRule[]; default: IpeAction | null }>;
  let name: string | null = null;
  let version: [number, number, number] = [0, 0, 0];
  let globalDefault: IpeAction | null = null;
  let lineNo = 0;
  if (text.length === 0)
    return { ok: false, error: { errno: -EBADMSG, line: 1, col: 1, reason: 'the policy is empty' } };
  try {
    // The policy is a C string: it ends at the first NUL (kmemdup_nul()).
    const body = text.split('\0')[0]!;
    for (const raw of body.split(/[\n\r]/)) {
      lineNo++;
      const line = raw.split('#')[0]!.replace(/\s+$/, '');
      if (line.length === 0) continue;
      const toks = tokens(line);
      if (name === null) {
        // parse_header(): policy_name=%s then policy_version=%s, nothing else.
        const want = ['policy_name=', 'policy_version='];
        toks.forEach(({ t, col }, idx) => {
          if (idx >= 2) throw new ParseFail(-EBADMSG, col, `unexpected "${t}" after the header`);
          if (!t.startsWith(want[idx]!) || t.length === want[idx]!.length)
            throw new ParseFail(-EBADMSG, col, `expected ${want[idx]}...`);
          const v = t.slice(want[idx]!.length);
          if (idx === 0) name = v;
          else version = parseVersion(v, col + want[idx]!.length);
        });
        if (toks.length !== 2)
          throw new ParseFail(-EBADMSG, line.length + 1, 'the header needs policy_name= and policy_version=');
        continue;
      }
      // parse_rule(): every token but the last; the last is the action.
      if (toks.length < 2) {
        const last = toks[toks.length - 1]!;
        throw new ParseFail(-EBADMSG, last.col, `a rule needs op= and action=; got "${last.t}"`);
      }
      let isDefault = false;
      let op: IpeOp | null = null;
      const props: IpeProp[] = [];
      for (const [i, { t, col }] of toks.slice(0, -1).entries()) {
        if (i === 0 && t === 'DEFAULT') {
          isDefault = true;
          continue;
        }
        if (op === null) {
          const m = /^op=(.*)$/.exec(t);
          const o = m ? IPE_OPS.find((x) => x === m[1]) : undefined;
          if (!o) throw new ParseFail(-EBADMSG, col, `expected op=${IPE_OPS.join('|')}, got "${t}"`);
          op = o;
          continue;
        }
        if ((PROPS as readonly string[]).includes(t)) props.push({ type: t as IpePropType, value: null });
        else if (t.startsWith('dmverity_roothash=') && t.length > 'dmverity_roothash='.length)
          props.push({ type: 'dmverity_roothash', value: parseDigest(t.slice(18), col + 18) });
        else if (t.startsWith('fsverity_digest=') && t.length > 'fsverity_digest='.length)
          props.push({ type: 'fsverity_digest', value: parseDigest(t.slice(16), col + 16) });
        else throw new ParseFail(-EBADMSG, col, `unknown property "${t}"`);
      }
      const last = toks[toks.length - 1]!;
      const action = last.t === 'action=ALLOW' ? 'ALLOW' : last.t === 'action=DENY' ? 'DENY' : null;
      if (!action) throw new ParseFail(-EBADMSG, last.col, `expected action=ALLOW|DENY last, got "${last.t}"`);
      if (isDefault) {
        if (props.length) throw new ParseFail(-EBADMSG, toks[1]!.col, 'a DEFAULT rule has no properties');
        if (op === null) {
          if (globalDefault !== null) throw new ParseFail(-EBADMSG, 1, 'a second global DEFAULT');
          globalDefault = action;
        } else {
          if (rules[op].default !== null) throw new ParseFail(-EBADMSG, 1, `a second DEFAULT for op=${op}`);
          rules[op].default = action;
        }
      } else if (op !== null) rules[op].rules.push({ op, action, props });
      else throw new ParseFail(-EBADMSG, last.col, 'a rule needs op=');
    }
  } catch (e) {
    if (e instanceof ParseFail)
      return { ok: false, error: { errno: e.errno, line: lineNo, col: e.col, reason: e.reason } };
    throw e;
  }
  if (name === null) return { ok: false, error: { errno: -EBADMSG, line: lineNo, col: 1, reason: 'no header line' } };
  // validate_policy(): a default for every operation unless there is a global one.
  if (globalDefault === null) {
    const missing = IPE_OPS.find((op) => rules[op].default === null);
    if (missing)
      return {
        ok: false,
        error: {
          errno: -EBADMSG,
          line: lineNo,
          col: 1,
          reason: `no DEFAULT action=... and no DEFAULT op=${missing} action=...`,
        },
      };
  }
  return { ok: true, policy: { name, version, globalDefault, rules } };
}

/** ver_to_u64(): major, minor, revision as one comparable number. */
export function versionKey(p: IpeParsedPolicy): number {
  return p.version[0] * 2 ** 32 + p.version[1] * 2 ** 16 + p.version[2];
}
