// The AppArmor profile language, a subset of apparmor.d(5). The real kernel loads binary policy
// that apparmor_parser compiled from this text (security/apparmor/policy_unpack.c); the model
// takes the text itself and does the parser's part: profiles, their attachment and flags, file
// rules with globs and permission letters, `deny`/`audit`/`owner` qualifiers, exec transitions,
// capability rules and change_profile rules. A syntax or semantic error refuses the whole text
// with `line:col` and the reason (nothing is loaded: the kernel's replacement is atomic too).
import { CAP_NAMES } from '../../machine/capability';
import { compileGlob, isLiteralGlob } from './glob';
import { OLD_APPEND, OLD_EXEC, OLD_LINK, OLD_LOCK, OLD_MMAP, OLD_READ, OLD_WRITE } from './perms';

export type ProfileMode = 'enforce' | 'complain';

/**
 * An exec transition (include/file.h AA_X_*): ix inherits, px/Px a profile (by the binary's name or
 * `-> target`), cx/Cx a child profile, ux/Ux unconfined; pix/pux and the like add a fallback.
 */
export interface ExecMode {
  readonly type: 'i' | 'p' | 'c' | 'u';
  readonly fallback: 'i' | 'u' | null;
  /** Upper case (Px, Ux, Cx): the environment is not scrubbed (AA_X_UNSAFE). */
  readonly unsafe: boolean;
  /** `-> name`: the profile to transition to (x_table_lookup()). */
  readonly target: string | null;
  /** The letters as written, for messages. */
  readonly text: string;
}

export interface FileRule {
  readonly glob: string;
  readonly re: RegExp;
  /** Plain text before the first glob operator (exact rules win exec conflicts). */
  readonly literal: boolean;
  readonly deny: boolean;
  readonly audit: boolean;
  readonly owner: boolean;
  /** The rule's permission letters as OLD_* bits. */
  readonly perms: number;
  readonly exec: ExecMode | null;
  readonly line: number;
}

export interface CapRules {
  readonly allow: ReadonlySet<number>;
  readonly deny: ReadonlySet<number>;
  readonly audit: ReadonlySet<number>;
  /** Denials that are not audited: `deny` without `audit`. */
  readonly quiet: ReadonlySet<number>;
}

export interface Profile {
  /** The profile's name (base.hname). */
  readonly name: string;
  /** The attachment glob (the name itself when it starts with '/'), or null: attached only by name. */
  readonly attach: string | null;
  readonly attachRe: RegExp | null;
  /** xmatch_len: plain characters before the first glob operator of the attachment. */
  readonly attachLen: number;
  readonly attachLiteral: boolean;
  readonly mode: ProfileMode;
  /** flags=(audit): AUDIT_ALL. */
  readonly auditAll: boolean;
  readonly files: readonly FileRule[];
  readonly caps: CapRules;
  /** change_profile rules: the targets a confined task may change or stack to. */
  readonly changeProfile: readonly RegExp[];
  /** A learning profile aa_new_learning_profile() made (name "parent//null-…"). */
  readonly learning?: boolean;
}

export interface PolicyError {
  readonly line: number;
  readonly col: number;
  /** Offset of the error in the text (the audit record's offset=). */
  readonly offset: number;
  readonly reason: string;
}

export type ParseResult = { ok: true; profiles: Profile[] } | { ok: false; error: PolicyError };

/** `line:col: reason`. */
export function formatPolicyError(e: PolicyError): string {
  return `${e.line}:${e.col}: ${e.reason}`;
}

/** apparmor_parser's tunables (tunables/home, tunables/proc, tunables/sys), the few the model knows. */
const VARIABLES: Readonly<Record<string, string>> = {
  HOME: '{/home/*/,/root/}',
  PROC: '/proc/',
  sys: '/sys/',
};

/** Rule types of apparmor.d(5) the model does not mediate: refused rather than silently ignored. */
const UNMODELLED_RULES = new Set([
  'network',
  'signal',
  'ptrace',
  'unix',
  'dbus',
  'mount',
  'umount',
  'remount',
  'pivot_root',
  'rlimit',
  'set',
  'userns',
  'mqueue',
  'io_uring',
  'all',
  'link',
  'hat',
  'pivot',
]);

interface Tok {
  readonly text: string;
  readonly offset: number;
}

class ParseFailure extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const WS = /\s/;

/** Reads the text as words: `{`, `}`, `,` on their own; brace groups and escapes stay inside a word. */
class Lexer {
  i = 0;
  constructor(readonly text: string) {}

  /** Skips blanks and comments; `#include` is refused (there are no abstractions to include). */
  private skip(): void {
    const t = this.text;
    for (;;) {
      while (this.i < t.length && WS.test(t[this.i]!)) this.i++;
      if (t[this.i] !== '#') return;
      if (t.startsWith('#include', this.i))
        throw new ParseFailure(this.i, 'include is not supported: the model has no /etc/apparmor.d abstractions');
      while (this.i < t.length && t[this.i] !== '\n') this.i++;
    }
  }

  next(): Tok | null {
    this.skip();
    const t = this.text;
    if (this.i >= t.length) return null;
    const start = this.i;
    const c = t[start]!;
    if (c === ',' || c === '}') {
      this.i++;
      return { text: c, offset: start };
    }
    if (c === '{' && (start + 1 >= t.length || WS.test(t[start + 1]!) || t[start + 1] === '}')) {
      this.i++;
      return { text: '{', offset: start };
    }
    let depth = 0;
    let paren = 0;
    while (this.i < t.length) {
      const ch = t[this.i]!;
      if (WS.test(ch) && paren === 0) break;
      if (ch === '\\') {
        this.i += 2;
        continue;
      }
      if (ch === ',' && depth === 0 && paren === 0) break;
      if (ch === '(') paren++;
      if (ch === ')') paren = Math.max(0, paren - 1);
      if (ch === '{') depth++;
      if (ch === '}') {
        if (depth === 0) break;
        depth--;
      }
      this.i++;
    }
    let text = t.slice(start, this.i);
    // "name{": the opening brace of a profile body written against its header.
    if (depth === 1 && text.endsWith('{')) {
      text = text.slice(0, -1);
      this.i--;
    }
    return { text, offset: start };
  }

  peek(): Tok | null {
    const save = this.i;
    const tok = this.next();
    this.i = save;
    return tok;
  }
}

/** Expands the known @{VARIABLES}; an unknown one is an error. */
function expandVariables(tok: Tok): string {
  return tok.text.replace(/@\{([^}]*)\}/g, (m, name: string, at: number) => {
    const v = VARIABLES[name];
    if (v === undefined)
      throw new ParseFailure(tok.offset + at, `unknown variable @{${name}} (the model knows @{HOME}, @{PROC}, @{sys})`);
    return v;
  });
}

function compile(tok: Tok, glob: string): { re: RegExp; literalPrefix: number } {
  const g = compileGlob(glob);
  if (!g.ok) throw new ParseFailure(tok.offset + Math.min(g.offset, tok.text.length - 1), g.reason);
  return { re: g.re, literalPrefix: g.literalPrefix };
}

/** Permission letters (apparmor.d(5) "Access Modes"), parse_mode() of apparmor_parser. */
function parsePerms(tok: Tok, deny: boolean): { perms: number; exec: Omit<ExecMode, 'target'> | null } {
  const s = tok.text;
  let perms = 0;
  let exec: Omit<ExecMode, 'target'> | null = null;
  const fail = (at: number, reason: string): never => {
    throw new ParseFailure(tok.offset + at, reason);
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    switch (c) {
      case 'r':
        perms |= OLD_READ;
        break;
      case 'w':
        if (perms & OLD_APPEND && !(perms & OLD_WRITE)) fail(i, "conflict: 'a' and 'w' perms are mutually exclusive");
        // The parser's write implies append (AA_MAY_WRITE | AA_MAY_APPEND).
        perms |= OLD_WRITE | OLD_APPEND;
        break;
      case 'a':
        if (perms & OLD_WRITE) fail(i, "conflict: 'a' and 'w' perms are mutually exclusive");
        perms |= OLD_APPEND;
        break;
      case 'l':
        perms |= OLD_LINK;
        break;
      case 'k':
        perms |= OLD_LOCK;
        break;
      case 'm':
        perms |= OLD_MMAP;
        break;
      case 'x':
        if (!deny) fail(i, "invalid mode: 'x' must be preceded by an exec qualifier 'i', 'p', 'c' or 'u'");
        perms |= OLD_EXEC;
        break;
      case 'i':
      case 'p':
      case 'P':
      case 'c':
      case 'C':
      case 'u':
      case 'U': {
        let j = i;
        while (j < s.length && 'ipPcCuU'.includes(s[j]!)) j++;
        const q = s.slice(i, j);
        if (s[j] !== 'x') fail(j, `invalid mode: exec qualifier '${q}' must be followed by 'x'`);
        if (exec) fail(i, 'conflicting exec qualifiers: only one exec mode per rule');
        if (deny) fail(i, "invalid mode: 'deny' rules take a plain 'x', not an exec qualifier");
        const m = /^(?:(i)|([pPcC])([iuU])?|([uU]))$/.exec(q);
        if (!m) fail(i, `invalid exec qualifier '${q}x'`);
        const type = (m![1] ? 'i' : m![4] ? 'u' : m![2]!.toLowerCase()) as ExecMode['type'];
        const fb = m![3] ? (m![3].toLowerCase() as 'i' | 'u') : null;
        const lead = m![2] ?? m![4] ?? '';
        exec = {
          type,
          fallback: fb,
          unsafe: lead !== '' && lead === lead.toUpperCase(),
          text: `${q}x`,
        };
        perms |= OLD_EXEC;
        i = j;
        break;
      }
      default:
        fail(i, `invalid permission '${c}' (the model takes r w a l k m and ix px Px cx Cx ux Ux pix pux)`);
    }
  }
  if (!perms) fail(0, 'missing permissions');
  return { perms, exec };
}

const isPathStart = (s: string): boolean => s.startsWith('/') || s.startsWith('@{');
const looksLikePerms = (s: string): boolean => /^[rwalkmxipPcCuU]+$/.test(s);

function capNumber(tok: Tok): number {
  const n = CAP_NAMES.indexOf(`CAP_${tok.text.toUpperCase()}` as (typeof CAP_NAMES)[number]);
  if (n < 0 || tok.text !== tok.text.toLowerCase())
    throw new ParseFailure(tok.offset, `unknown capability '${tok.text}'`);
  return n;
}

interface Builder {
  files: FileRule[];
  capAllow: Set<number>;
  capDeny: Set<number>;
  capAudit: Set<number>;
  capQuiet: Set<number>;
  changeProfile: RegExp[];
}

/** One rule (the words before its ','). */
function parseRule(words: Tok[], b: Builder, lineOf: (offset: number) => number): void {
  let k = 0;
  let audit = false;
  let deny = false;
  let owner = false;
  for (; k < words.length; k++) {
    const w = words[k]!.text;
    if (w === 'audit' && !audit && !deny && !owner) audit = true;
    else if ((w === 'deny' || w === 'allow') && !deny && !owner) deny = w === 'deny';
    else if (w === 'owner' && !owner) owner = true;
    else break;
  }
  const first = words[k];
  if (!first) throw new ParseFailure(words[words.length - 1]!.offset, 'missing rule after qualifiers');
  const kw = first.text;
  if (kw === 'include' || kw.startsWith('include'))
    throw new ParseFailure(first.offset, 'include is not supported: the model has no /etc/apparmor.d abstractions');
  if (kw === 'capability') {
    if (owner) throw new ParseFailure(first.offset, "'owner' does not apply to capability rules");
    const names = words.slice(k + 1);
    const caps = names.length ? names.map(capNumber) : CAP_NAMES.map((_, i) => i);
    for (const c of caps) {
      if (deny) {
        b.capDeny.add(c);
        if (!audit) b.capQuiet.add(c);
      } else {
        b.capAllow.add(c);
        if (audit) b.capAudit.add(c);
      }
    }
    return;
  }
  if (kw === 'change_profile') {
    const rest = words.slice(k + 1);
    if (deny || owner) throw new ParseFailure(first.offset, "change_profile rules take no 'deny' or 'owner' here");
    if (rest.length === 0) {
      b.changeProfile.push(/^.*$/s);
      return;
    }
    if (rest[0]!.text !== '->' || rest.length !== 2)
      throw new ParseFailure(rest[0]!.offset, "expected 'change_profile -> PROFILE,'");
    b.changeProfile.push(compile(rest[1]!, rest[1]!.text).re);
    return;
  }
  if (kw === 'profile' || kw.startsWith('^') || kw === 'hat')
    throw new ParseFailure(first.offset, 'child profiles and hats are not modelled');
  if (UNMODELLED_RULES.has(kw)) throw new ParseFailure(first.offset, `${kw} rules are not modelled`);
  // A file rule: [file] PATH PERMS [-> TARGET] or [file] PERMS PATH [-> TARGET].
  let rest = words.slice(k);
  if (rest[0]!.text === 'file') rest = rest.slice(1);
  if (rest.length === 0) throw new ParseFailure(first.offset, 'missing path and permissions');
  let pathTok: Tok;
  let permTok: Tok;
  if (isPathStart(rest[0]!.text)) {
    pathTok = rest[0]!;
    permTok = rest[1] ?? fail(pathTok, 'missing permissions after the path');
  } else if (looksLikePerms(rest[0]!.text) && rest[1] && isPathStart(rest[1].text)) {
    permTok = rest[0]!;
    pathTok = rest[1];
  } else {
    throw new ParseFailure(
      rest[0]!.offset,
      `unexpected '${rest[0]!.text}': expected a rule (an absolute path and permissions)`,
    );
  }
  let target: string | null = null;
  const after = rest.slice(2);
  if (after.length) {
    if (after[0]!.text !== '->' || after.length !== 2)
      throw new ParseFailure(after[0]!.offset, `unexpected '${after[0]!.text}': missing ',' at the end of the rule?`);
    target = after[1]!.text;
  }
  const { perms, exec } = parsePerms(permTok, deny);
  if (target && (!exec || exec.type === 'i' || exec.type === 'u'))
    throw new ParseFailure(after[0]!.offset, "'->' needs a px, Px, cx or Cx exec mode");
  const glob = expandVariables(pathTok);
  const { re } = compile(pathTok, glob);
  b.files.push({
    glob,
    re,
    literal: isLiteralGlob(glob),
    deny,
    audit,
    owner,
    perms,
    exec: exec ? { ...exec, target } : null,
    line: lineOf(pathTok.offset),
  });
}

function fail(tok: Tok, reason: string): never {
  throw new ParseFailure(tok.offset, reason);
}

/** `flags=(complain,audit)`: the words of a header starting at flags=. */
function parseFlags(toks: Tok[]): { mode: ProfileMode; auditAll: boolean } {
  const joined = toks.map((t) => t.text).join(' ');
  const m = /^flags\s*=\s*\(([^)]*)\)$/.exec(joined);
  if (!m) fail(toks[0]!, "malformed flags: expected 'flags=(complain)'");
  let mode: ProfileMode = 'enforce';
  let auditAll = false;
  for (const f of m![1]!.split(/[\s,]+/).filter(Boolean)) {
    if (f === 'complain') mode = 'complain';
    else if (f === 'enforce') mode = 'enforce';
    else if (f === 'audit') auditAll = true;
    else fail(toks[0]!, `unknown or unmodelled profile flag '${f}' (the model takes complain, enforce, audit)`);
  }
  return { mode, auditAll };
}

/** Parses a policy text into profiles, or the first error. Duplicate names in one text are an error. */
export function parsePolicy(text: string): ParseResult {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const position = (offset: number): { line: number; col: number } => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - lineStarts[lo]! + 1 };
  };
  const lex = new Lexer(text);
  const profiles: Profile[] = [];
  try {
    for (;;) {
      const tok = lex.next();
      if (!tok) break;
      // abi <abi/4.0>, : the feature ABI the policy was written against; nothing to model.
      if (tok.text === 'abi') {
        let t = lex.next();
        while (t && t.text !== ',') t = lex.next();
        if (!t) fail(tok, "missing ',' after abi");
        continue;
      }
      if (tok.text === 'include' || tok.text.startsWith('include'))
        fail(tok, 'include is not supported: the model has no /etc/apparmor.d abstractions');
      if (tok.text.startsWith('@{')) fail(tok, 'variable definitions are not supported');
      // Header: [profile] NAME [ATTACHMENT] [flags=(...)] {
      const header: Tok[] = [];
      let t: Tok | null = tok;
      while (t && t.text !== '{') {
        if (t.text === ',' || t.text === '}') fail(t, `unexpected '${t.text}' in a profile header`);
        header.push(t);
        t = lex.next();
      }
      if (!t) fail(header[header.length - 1]!, "missing '{' after the profile header");
      const open = t!;
      let h = 0;
      const keyword = header[0]!.text === 'profile';
      if (keyword) h++;
      const nameTok = header[h];
      if (!nameTok) fail(open, 'missing profile name');
      if (!keyword && !nameTok!.text.startsWith('/'))
        fail(nameTok!, "a profile name that is not an absolute path needs the 'profile' keyword");
      const name = nameTok!.text;
      if (name.includes('//')) fail(nameTok!, "profile names may not contain '//'");
      h++;
      let attach: string | null = name.startsWith('/') ? name : null;
      if (header[h] && !header[h]!.text.startsWith('flags')) {
        if (!keyword) fail(header[h]!, 'an attachment needs the profile keyword: profile NAME ATTACHMENT {');
        if (!header[h]!.text.startsWith('/'))
          fail(header[h]!, `unexpected '${header[h]!.text}': an attachment is an absolute path glob`);
        attach = expandVariables(header[h]!);
        h++;
      }
      let flags: { mode: ProfileMode; auditAll: boolean } = { mode: 'enforce', auditAll: false };
      if (header[h]) {
        if (!header[h]!.text.startsWith('flags'))
          fail(header[h]!, `unexpected '${header[h]!.text}' in the profile header`);
        flags = parseFlags(header.slice(h));
      }
      let attachRe: RegExp | null = null;
      let attachLen = 0;
      if (attach) {
        const c = compile(attach === name ? nameTok! : header[keyword ? 2 : 1]!, attach);
        attachRe = c.re;
        attachLen = c.literalPrefix;
      }
      const b: Builder = {
        files: [],
        capAllow: new Set(),
        capDeny: new Set(),
        capAudit: new Set(),
        capQuiet: new Set(),
        changeProfile: [],
      };
      // Body: rules ending in ',' until '}'.
      let words: Tok[] = [];
      for (;;) {
        const w = lex.next();
        if (!w) fail(open, "missing '}' at the end of the profile");
        if (w!.text === '}') {
          if (words.length) fail(w!, "missing ',' at the end of the rule");
          break;
        }
        if (w!.text === '{') fail(w!, 'child profiles and hats are not modelled');
        if (!words.length && w!.text === 'include')
          fail(w!, 'include is not supported: the model has no /etc/apparmor.d abstractions');
        if (w!.text === ',') {
          if (!words.length) fail(w!, "unexpected ','");
          parseRule(words, b, (o) => position(o).line);
          words = [];
          continue;
        }
        words.push(w!);
      }
      if (profiles.some((p) => p.name === name)) fail(nameTok!, `profile '${name}' is defined twice`);
      profiles.push({
        name,
        attach,
        attachRe,
        attachLen,
        attachLiteral: attach !== null && isLiteralGlob(attach),
        mode: flags.mode,
        auditAll: flags.auditAll,
        files: b.files,
        caps: { allow: b.capAllow, deny: b.capDeny, audit: b.capAudit, quiet: b.capQuiet },
        changeProfile: b.changeProfile,
      });
    }
  } catch (e) {
    if (!(e instanceof ParseFailure)) throw e;
    const { line, col } = position(e.offset);
    return { ok: false, error: { line, col, offset: e.offset, reason: e.reason } };
  }
  if (profiles.length === 0) {
    const { line, col } = position(text.length);
    return { ok: false, error: { line, col, offset: text.length, reason: 'no profile in the policy' } };
  }
  return { ok: true, profiles };
}
