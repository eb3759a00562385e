// The Smack rule writers of security/smack/smackfs.c: smk_write_rules_list() with its three formats
// (SMK_FIXED24_FMT for /smack/load and load-self, SMK_LONG_FMT for load2 and load-self2,
// SMK_CHANGE_FMT for change-rule), smk_parse_rule(), smk_parse_long_rule(), smk_fill_rule() and
// smk_set_access(). The parser reports where a rule went wrong as line:col; the caller applies the
// rules only when every one parsed.
import { SMK_LABELLEN, smkBadChar, smkParseSmack, smkPermFromStr } from './labels';

export const SMK_FIXED24_FMT = 0;
export const SMK_LONG_FMT = 1;
export const SMK_CHANGE_FMT = 2;

/** SMK_OLOADLEN and SMK_LOADLEN: 24 + 24 + "rwxa" or "rwxatl". */
export const SMK_OLOADLEN = SMK_LABELLEN * 2 + 4;
export const SMK_LOADLEN = SMK_LABELLEN * 2 + 6;
const PAGE_SIZE = 4096;

/** struct smack_parsed_rule: access1 is added to the pair's access, access2 taken away. */
export interface ParsedRule {
  readonly subject: string;
  readonly object: string;
  readonly access1: number;
  readonly access2: number;
}

/** struct smack_rule on a rule list. */
export interface SmackRule {
  readonly subject: string;
  readonly object: string;
  access: number;
}

/** Where and why a write was refused. */
export interface RuleError {
  readonly line: number;
  readonly col: number;
  readonly reason: string;
}

export type ParseResult =
  | { readonly ok: true; readonly rules: readonly ParsedRule[]; readonly count: number }
  | { readonly ok: false; readonly rc: number; readonly error: RuleError };

const EINVAL = 22;

/** isspace() of the kernel's ctype: space, \t \n \v \f \r. */
function isspace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';
}

/** 1-based line and column of offset `at` in `text`. */
export function lineCol(text: string, at: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < at && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      start = i + 1;
    }
  }
  return { line, col: at - start + 1 };
}

function fail(text: string, at: number, reason: string): ParseResult {
  return { ok: false, rc: -EINVAL, error: { ...lineCol(text, at), reason } };
}

/** Why smk_parse_smack() refused a label token, for the error message. */
function labelProblem(tok: string): string {
  if (tok.startsWith('-')) return `label "${tok}" starts with '-'`;
  if (tok.length === 0 || smkBadChar(tok[0]!)) return `label "${tok}" starts with a character labels cannot hold`;
  return `label "${tok.slice(0, 16)}…" is 256 characters or longer (SMK_LONGLABEL)`;
}

/**
 * smk_write_rules_list()'s parsing half. SMK_LONG_FMT and SMK_CHANGE_FMT take the text as a stream
 * of whitespace-separated tokens in groups of three ("subject object access") or four ("subject
 * object allow deny"); line breaks are whitespace like any other, as smk_parse_long_rule() sees
 * them. A write of PAGE_SIZE or more is cut after its last complete line. SMK_FIXED24_FMT takes
 * one rule of 52 to 54 bytes: the subject in the first 24, the object in the next 24, the access.
 */
export function parseRules(text: string, format: number): ParseResult {
  if (format === SMK_FIXED24_FMT) {
    if (text.length < SMK_OLOADLEN || text.length > SMK_LOADLEN)
      return fail(
        text,
        0,
        `a /smack/load rule is ${SMK_OLOADLEN} to ${SMK_LOADLEN} bytes (24-byte subject, 24-byte object, access), not ${text.length}`,
      );
    const subject = smkParseSmack(text, SMK_LABELLEN);
    if (subject === null) return fail(text, 0, labelProblem(text.slice(0, SMK_LABELLEN)));
    const object = smkParseSmack(text.slice(SMK_LABELLEN), SMK_LABELLEN);
    if (object === null) return fail(text, SMK_LABELLEN, labelProblem(text.slice(SMK_LABELLEN, SMK_LABELLEN * 2)));
    const access1 = smkPermFromStr(text.slice(SMK_LABELLEN * 2));
    return { ok: true, rules: [{ subject, object, access1, access2: ~access1 }], count: text.length };
  }
  let count = text.length;
  if (count >= PAGE_SIZE) {
    count = PAGE_SIZE - 1;
    while (count > 0 && text[count - 1] !== '\n') count--;
    if (count === 0) return fail(text, 0, `a write of ${PAGE_SIZE} bytes or more needs a line break to cut at`);
  }
  const data = text.slice(0, count);
  const tokens = format === SMK_CHANGE_FMT ? 4 : 3;
  const what = tokens === 4 ? '"subject object allow deny"' : '"subject object access"';
  const rules: ParsedRule[] = [];
  let cnt = 0;
  while (cnt < count) {
    const start = cnt;
    const tok: { s: string; at: number }[] = [];
    for (let i = 0; i < tokens; i++) {
      while (cnt < count && isspace(data[cnt])) cnt++;
      if (cnt >= count) {
        // smk_parse_long_rule(): "Unexpected end of data". A write that is only whitespace ends here
        // too: the kernel's loop returns 0 for it, which smk_write_rules_list() turns into -EINVAL.
        const names = ['subject', 'object', tokens === 4 ? 'allow' : 'access', 'deny'];
        return fail(
          data,
          i === 0 ? start : cnt,
          i === 0 && rules.length === 0 && tok.length === 0
            ? `no rule: a rule is ${what}`
            : `unexpected end of data: the rule has no ${names[i]} (a rule is ${what})`,
        );
      }
      const at = cnt;
      while (cnt < count && !isspace(data[cnt])) cnt++;
      tok.push({ s: data.slice(at, cnt), at });
    }
    while (cnt < count && isspace(data[cnt])) cnt++;
    const subject = smkParseSmack(tok[0]!.s);
    if (subject === null) return fail(data, tok[0]!.at, labelProblem(tok[0]!.s));
    const object = smkParseSmack(tok[1]!.s);
    if (object === null) return fail(data, tok[1]!.at, labelProblem(tok[1]!.s));
    const access1 = smkPermFromStr(tok[2]!.s);
    const access2 = tokens === 4 ? smkPermFromStr(tok[3]!.s) : ~access1;
    rules.push({ subject, object, access1, access2 });
  }
  return { ok: true, rules, count: cnt };
}

/**
 * smk_set_access(): the pair's rule gets access1 added and access2 taken away; a new pair is added
 * at the head of the list (list_add_rcu) with access1 & ~access2.
 */
export function smkSetAccess(list: SmackRule[], r: ParsedRule): void {
  const sp = list.find((x) => x.subject === r.subject && x.object === r.object);
  if (sp) {
    sp.access |= r.access1;
    sp.access &= ~r.access2;
    return;
  }
  list.unshift({ subject: r.subject, object: r.object, access: r.access1 & ~r.access2 });
}

/** smk_access_entry(): the access of the subject/object pair on a list, -ENOENT (null) without one. */
export function smkAccessEntry(list: readonly SmackRule[], subject: string, object: string): number | null {
  const r = list.find((x) => x.object === object && x.subject === subject);
  return r ? r.access : null;
}
