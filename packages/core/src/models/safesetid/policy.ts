// SafeSetID's allowlist policies (security/safesetid/securityfs.c, lsm.c): one ruleset for uids,
// one for gids, each a hash table of parent:child rules keyed by the parent id
// (DECLARE_HASHTABLE(rules, SETID_HASH_BITS = 8), hash_add() at the head of a bucket).

/** enum sid_policy_type (security/safesetid/lsm.h). */
export type SidPolicyType = 'SIDPOL_DEFAULT' | 'SIDPOL_CONSTRAINED' | 'SIDPOL_ALLOWED';
export type SetidType = 'UID' | 'GID';

/** INVALID_UID / INVALID_GID: (u32)-1. */
export const INVALID_ID = 0xffff_ffff;

export interface SetidRule {
  readonly src: number;
  readonly dst: number;
}

/** struct setid_ruleset: the rules and the text they were written as (read back by the file). */
export class SetidRuleset {
  /** 256 buckets, each newest first (hlist_add_head()). */
  private readonly buckets = new Map<number, SetidRule[]>();

  constructor(
    readonly type: SetidType,
    readonly policyStr: string,
  ) {}

  /** hash_min(key, 8) = hash_32(key, 8): GOLDEN_RATIO_32 multiplication, the top 8 bits. */
  static bucket(id: number): number {
    return Math.imul(id >>> 0, 0x61c88647) >>> 24;
  }

  /** insert_rule(). */
  insert(rule: SetidRule): void {
    const b = SetidRuleset.bucket(rule.src);
    const list = this.buckets.get(b);
    if (list) list.unshift(rule);
    else this.buckets.set(b, [rule]);
  }

  /** hash_for_each(): buckets in order, each from its head. A snapshot, so inserts during a walk are not seen. */
  rules(): SetidRule[] {
    return [...this.buckets.entries()].sort((a, b) => a[0] - b[0]).flatMap(([, l]) => [...l]);
  }

  /**
   * _setid_policy_lookup(): ALLOWED when a rule src→dst exists, CONSTRAINED when src has rules
   * but none to dst (dst INVALID_ID asks only whether src is constrained), else DEFAULT.
   */
  lookup(src: number, dst: number): SidPolicyType {
    let result: SidPolicyType = 'SIDPOL_DEFAULT';
    for (const rule of this.buckets.get(SetidRuleset.bucket(src)) ?? []) {
      if (rule.src !== src) continue;
      if (rule.dst === dst) return 'SIDPOL_ALLOWED';
      result = 'SIDPOL_CONSTRAINED';
    }
    return result;
  }
}

/** A refused policy: where (1-based line and column), why, and the errno the write returns. */
export interface PolicyError {
  readonly line: number;
  readonly col: number;
  readonly reason: string;
  readonly errno: 'EINVAL' | 'EEXIST';
}

export type ParseResult =
  | { readonly ok: true; readonly ruleset: SetidRuleset; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly error: PolicyError; readonly warnings: readonly string[] };

/** kstrtou32(s, 0): optional '+', 0x hex / 0 octal / decimal, the whole string, within u32. */
function kstrtou32(s: string): number | null {
  const m = /^\+?(?:0[xX]([0-9a-fA-F]+)|(0[0-7]*)|([1-9][0-9]*))$/.exec(s);
  if (!m) return null;
  const v = m[1] !== undefined ? parseInt(m[1], 16) : m[2] !== undefined ? parseInt(m[2], 8) : parseInt(m[3]!, 10);
  return v <= 0xffff_ffff ? v : null;
}

/**
 * handle_policy_update()'s parse: memdup_user_nul() (the text ends at a NUL), then lines that
 * each end with "\n" (a last line without one is -EINVAL), each `<parent>:<child>`
 * (parse_policy_line(): kstrtou32 base 0 on both sides of the first ':', neither (u32)-1); a rule
 * that is already allowed is "bad policy: duplicate entry", -EEXIST. Then verify_ruleset(): a
 * rule whose child is unconstrained is reported as insecure and fixed with a child:child rule —
 * the policy still loads.
 */
export function parsePolicy(text: string, type: SetidType): ParseResult {
  const nul = text.indexOf('\0');
  const buf = nul < 0 ? text : text.slice(0, nul);
  const pol = new SetidRuleset(type, buf);
  const warnings: string[] = [];
  const fail = (line: number, col: number, reason: string, errno: PolicyError['errno'] = 'EINVAL'): ParseResult => ({
    ok: false,
    error: { line, col, reason, errno },
    warnings,
  });
  let p = 0;
  let line = 1;
  while (p < buf.length) {
    const end = buf.indexOf('\n', p);
    if (end < 0) return fail(line, buf.length - p + 1, 'the line does not end with a newline');
    const l = buf.slice(p, end);
    const colon = l.indexOf(':');
    if (colon < 0) return fail(line, l.length + 1, `expected "<parent>:<child>", found no ':'`);
    const parent = kstrtou32(l.slice(0, colon));
    if (parent === null) return fail(line, 1, `the parent ${JSON.stringify(l.slice(0, colon))} is not a u32`);
    const child = kstrtou32(l.slice(colon + 1));
    if (child === null) return fail(line, colon + 2, `the child ${JSON.stringify(l.slice(colon + 1))} is not a u32`);
    if (parent === INVALID_ID) return fail(line, 1, `${parent} is not a valid ${type === 'UID' ? 'uid' : 'gid'}`);
    if (child === INVALID_ID) return fail(line, colon + 2, `${child} is not a valid ${type === 'UID' ? 'uid' : 'gid'}`);
    if (pol.lookup(parent, child) === 'SIDPOL_ALLOWED') {
      warnings.push('bad policy: duplicate entry');
      return fail(line, 1, `duplicate entry ${parent}:${child}`, 'EEXIST');
    }
    pol.insert({ src: parent, dst: child });
    p = end + 1;
    line++;
  }
  // verify_ruleset()
  const id = type === 'UID' ? 'uid' : 'gid';
  for (const rule of pol.rules()) {
    if (pol.lookup(rule.dst, INVALID_ID) !== 'SIDPOL_DEFAULT') continue;
    warnings.push(
      `insecure policy detected: ${id} ${rule.src | 0} is constrained but transitively unconstrained through ${id} ${rule.dst | 0}`,
    );
    pol.insert({ src: rule.dst, dst: rule.dst });
  }
  return { ok: true, ruleset: pol, warnings };
}
