// The program language of the BPF LSM playground: the C a BPF LSM program is written in (as in
// Documentation/bpf/prog_lsm.rst and tools/testing/selftests/bpf/progs/lsm.c), cut down to what a
// small, always-terminating interpreter runs. One program per text:
//
//   #include "vmlinux.h"                     (preprocessor lines are skipped; #define NAME int works)
//   char LICENSE[] SEC("license") = "GPL";
//   SEC("lsm/file_open")                     ("lsm.s/<hook>" for a sleepable program)
//   int BPF_PROG(restrict_shadow, struct file *file)
//   {
//       if (file->f_path.dentry->d_name == "shadow" && (u32)bpf_get_current_uid_gid() != 0)
//           return -EPERM;
//       return 0;
//   }
//
// Statements: blocks, if/else, return, declarations (`int x = …;`, `char buf[16];`), assignments
// and calls. No loops, so every program terminates. Expressions: integer, character and string
// literals, the errno names, ! ~ - & (address of) and casts, * / % + - << >> < <= > >= == != & ^ |
// && || ?:, field access (-> on pointers, . on embedded structs) over the structs the machine
// models (FIELD_SCHEMA), and the helpers in HELPERS. Comparing a string (a qstr, a char array, a
// `const char *`) with == or != compares the characters, where C would compare addresses (a
// simplification: real programs call bpf_strncmp() or compare by hand).
//
// Errors carry the line and column (1-based) where they are found; nothing is returned on error.
import { hookDefs, type HookDef, type HookName } from '../../hooks/hookDefs';
import type { KernelVersion } from '../../version';
import { ERRNO_NAMES } from './errnoNames';

export interface Pos {
  readonly line: number;
  readonly col: number;
}

/** A static type: a scalar, a string (const char *, qstr, char array), a struct pointer or an embedded struct. */
export type VType =
  | { readonly t: 'int'; readonly bits: 8 | 16 | 32 | 64; readonly signed: boolean }
  | { readonly t: 'str' }
  | { readonly t: 'buf'; readonly size: number }
  | { readonly t: 'ptr'; readonly struct: string }
  | { readonly t: 'struct'; readonly struct: string }
  | { readonly t: 'void' };

export type Expr =
  | { readonly k: 'int'; readonly v: bigint; readonly pos: Pos }
  | { readonly k: 'str'; readonly v: string; readonly pos: Pos }
  | { readonly k: 'var'; readonly name: string; readonly pos: Pos }
  | { readonly k: 'field'; readonly obj: Expr; readonly field: string; readonly pos: Pos }
  | { readonly k: 'call'; readonly fn: string; readonly args: readonly Expr[]; readonly pos: Pos }
  | { readonly k: 'unary'; readonly op: '!' | '-' | '~' | '&'; readonly e: Expr; readonly pos: Pos }
  | { readonly k: 'bin'; readonly op: string; readonly l: Expr; readonly r: Expr; readonly pos: Pos }
  | { readonly k: 'cond'; readonly c: Expr; readonly a: Expr; readonly b: Expr; readonly pos: Pos }
  | { readonly k: 'cast'; readonly to: VType; readonly e: Expr; readonly pos: Pos }
  | { readonly k: 'assign'; readonly name: string; readonly e: Expr; readonly pos: Pos };

export type Stmt =
  | { readonly k: 'block'; readonly body: readonly Stmt[]; readonly pos: Pos }
  | { readonly k: 'if'; readonly c: Expr; readonly then: Stmt; readonly else: Stmt | null; readonly pos: Pos }
  | { readonly k: 'return'; readonly e: Expr | null; readonly pos: Pos }
  | { readonly k: 'decl'; readonly name: string; readonly type: VType; readonly init: Expr | null; readonly pos: Pos }
  | { readonly k: 'expr'; readonly e: Expr; readonly pos: Pos };

/** One parameter of BPF_PROG(): the name the program gives the hook's argument at its position. */
export interface BpfParam {
  readonly name: string;
  /** The hook argument's type (from its BTF), whatever the program declared. */
  readonly type: VType;
  /** The argument's index; equal to the hook's argument count for the trailing `int ret`. */
  readonly index: number;
  readonly pos: Pos;
}

/** A parsed BPF LSM program: what clang and libbpf would hand to bpf(BPF_PROG_LOAD). */
export interface BpfLsmProgram {
  /** The ELF section, e.g. "lsm/file_open". */
  readonly section: string;
  readonly hook: HookName;
  /** "lsm.s/": libbpf sets BPF_F_SLEEPABLE. */
  readonly sleepable: boolean;
  /** The program's name (BPF_PROG's first argument, the C function's name). */
  readonly name: string;
  readonly params: readonly BpfParam[];
  readonly body: readonly Stmt[];
  /** The "license" section's string, null when the object has none. */
  readonly license: string | null;
  /** The hook's argument count in this version (BTF func_proto vlen). */
  readonly nrArgs: number;
  /** An estimate of the number of BPF instructions clang would emit (attr.insn_cnt). */
  readonly insnCnt: number;
  readonly pos: Pos;
}

export interface BpfParseError {
  readonly line: number;
  readonly col: number;
  readonly message: string;
}

export type BpfParseResult =
  | { readonly ok: true; readonly program: BpfLsmProgram }
  | { readonly ok: false; readonly error: BpfParseError; readonly errno: 'ENOENT' | 'ESRCH' | 'EINVAL' };

const INT = (bits: 8 | 16 | 32 | 64, signed: boolean): VType => ({ t: 'int', bits, signed });
const S32 = INT(32, true);
const U32 = INT(32, false);
const S64 = INT(64, true);
const U64 = INT(64, false);
const STR: VType = { t: 'str' };
const ptr = (struct: string): VType => ({ t: 'ptr', struct });
const emb = (struct: string): VType => ({ t: 'struct', struct });

/**
 * The fields a program may read, by struct, with their C types: what the machine's objects carry
 * (machine/types.ts). kuid_t, kgid_t and kernel_cap_t hold their value in `.val`; a qstr's string
 * is `.name`.
 */
export const FIELD_SCHEMA: Readonly<Record<string, Readonly<Record<string, VType>>>> = {
  file: { f_path: emb('path'), f_inode: ptr('inode'), f_flags: U32, f_mode: U32, f_pos: S64, f_cred: ptr('cred') },
  path: { mnt: ptr('vfsmount'), dentry: ptr('dentry') },
  dentry: { d_name: emb('qstr'), d_parent: ptr('dentry'), d_inode: ptr('inode') },
  qstr: { name: STR, len: U32 },
  inode: {
    i_ino: U64,
    i_mode: INT(16, false),
    i_uid: emb('kuid_t'),
    i_gid: emb('kgid_t'),
    i_flags: U32,
    i_nlink: U32,
    i_sb: ptr('super_block'),
  },
  super_block: { s_id: STR, s_flags: U64, s_root: ptr('dentry') },
  vfsmount: { mnt_sb: ptr('super_block'), mnt_root: ptr('dentry'), mnt_flags: S32 },
  cred: {
    uid: emb('kuid_t'),
    gid: emb('kgid_t'),
    suid: emb('kuid_t'),
    sgid: emb('kgid_t'),
    euid: emb('kuid_t'),
    egid: emb('kgid_t'),
    fsuid: emb('kuid_t'),
    fsgid: emb('kgid_t'),
    securebits: U32,
    cap_inheritable: emb('kernel_cap_t'),
    cap_permitted: emb('kernel_cap_t'),
    cap_effective: emb('kernel_cap_t'),
    cap_bset: emb('kernel_cap_t'),
    cap_ambient: emb('kernel_cap_t'),
  },
  kuid_t: { val: U32 },
  kgid_t: { val: U32 },
  kernel_cap_t: { val: U64 },
  task_struct: { pid: S32, tgid: S32, comm: STR, cred: ptr('cred'), real_cred: ptr('cred') },
  linux_binprm: { filename: STR, interp: STR, argc: S32, cred: ptr('cred'), unsafe: U32, secureexec: U32 },
};

/** The helpers a program may call: return type, and the argument kinds checked at compile time. */
export const HELPERS: Readonly<Record<string, { readonly ret: VType; readonly args: readonly string[] }>> = {
  bpf_get_current_uid_gid: { ret: U64, args: [] },
  bpf_get_current_pid_tgid: { ret: U64, args: [] },
  bpf_get_current_comm: { ret: S64, args: ['buf', 'int'] },
  bpf_get_current_task_btf: { ret: ptr('task_struct'), args: [] },
  bpf_ktime_get_ns: { ret: U64, args: [] },
  bpf_d_path: { ret: S64, args: ['ptr:path', 'buf', 'int'] },
  bpf_strncmp: { ret: S64, args: ['strbuf', 'int', 'str'] },
  bpf_printk: { ret: S64, args: ['str', '...'] },
};

const TYPE_WORDS = new Set([
  'int',
  'unsigned',
  'signed',
  'long',
  'short',
  'char',
  'bool',
  '_Bool',
  'void',
  'const',
  'struct',
  'u8',
  'u16',
  'u32',
  'u64',
  's8',
  's16',
  's32',
  's64',
  '__u8',
  '__u16',
  '__u32',
  '__u64',
  '__s8',
  '__s16',
  '__s32',
  '__s64',
  'size_t',
  'pid_t',
  'uid_t',
  'gid_t',
  'umode_t',
  'loff_t',
]);

const KEYWORDS = new Set(['if', 'else', 'return', 'sizeof', 'for', 'while', 'do', 'goto', 'switch']);

interface Tok {
  readonly kind: 'id' | 'int' | 'str' | 'char' | 'punct' | 'eof';
  readonly text: string;
  readonly value?: bigint | string;
  readonly pos: Pos;
}

class ParseError extends Error {
  constructor(
    readonly pos: Pos,
    message: string,
    readonly errno: 'ENOENT' | 'ESRCH' | 'EINVAL' = 'EINVAL',
  ) {
    super(message);
  }
}

const PUNCT = [
  '<<=',
  '>>=',
  '->',
  '&&',
  '||',
  '==',
  '!=',
  '<=',
  '>=',
  '<<',
  '>>',
  '++',
  '--',
  '+=',
  '-=',
  '*=',
  '/=',
  '|=',
  '&=',
  ...'{}()[];,.!~-+*/%<>&|^=?:'.split(''),
];

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', '\\': '\\', '"': '"', "'": "'", '0': '\0' };

/** The tokens of `text`; `#define NAME <integer>` lines become macros, other preprocessor lines are skipped. */
function lex(text: string, macros: Map<string, bigint>): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const pos = (): Pos => ({ line, col: i - lineStart + 1 });
  let atLineStart = true;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n') {
      i++;
      line++;
      lineStart = i;
      atLineStart = true;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#' && atLineStart) {
      const end = text.indexOf('\n', i);
      const directive = text.slice(i, end < 0 ? text.length : end);
      const m = /^#\s*define\s+([A-Za-z_]\w*)\s+(-?\s*(?:0[xX][0-9a-fA-F]+|\d+))\s*$/.exec(directive.trim());
      if (m) macros.set(m[1]!, BigInt(m[2]!.replace(/\s+/g, '')));
      else if (!/^#\s*(include|pragma|ifndef|ifdef|endif|define|undef|if|else)\b/.test(directive.trim()))
        throw new ParseError(pos(), `invalid preprocessing directive`);
      i = end < 0 ? text.length : end;
      continue;
    }
    atLineStart = false;
    if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
      continue;
    }
    if (text.startsWith('/*', i)) {
      const start = pos();
      const end = text.indexOf('*/', i + 2);
      if (end < 0) throw new ParseError(start, 'unterminated /* comment');
      for (let j = i; j < end; j++)
        if (text[j] === '\n') {
          line++;
          lineStart = j + 1;
        }
      i = end + 2;
      continue;
    }
    const p = pos();
    if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < text.length && /\w/.test(text[j]!)) j++;
      toks.push({ kind: 'id', text: text.slice(i, j), pos: p });
      i = j;
      continue;
    }
    if (/[0-9]/.test(c)) {
      const m = /^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)([uUlL]*)/.exec(text.slice(i))!;
      const raw = m[1]!;
      const v =
        raw.length > 1 && raw.startsWith('0') && !/^0[xX]/.test(raw) ? BigInt('0o' + raw.slice(1)) : BigInt(raw);
      if (/\w/.test(text[i + m[0].length] ?? '')) throw new ParseError(p, `invalid suffix on integer constant`);
      toks.push({ kind: 'int', text: m[0], value: v, pos: p });
      i += m[0].length;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let s = '';
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\n') break;
        if (text[j] === '\\') {
          const e = ESCAPES[text[j + 1] ?? ''];
          if (e === undefined) throw new ParseError({ line, col: j - lineStart + 1 }, 'unknown escape sequence');
          s += e;
          j += 2;
          continue;
        }
        s += text[j];
        j++;
      }
      if (text[j] !== c)
        throw new ParseError(p, c === '"' ? 'missing terminating " character' : "missing terminating ' character");
      if (c === "'") {
        if (s.length !== 1) throw new ParseError(p, 'character constant must hold one character');
        toks.push({ kind: 'int', text: text.slice(i, j + 1), value: BigInt(s.charCodeAt(0)), pos: p });
      } else toks.push({ kind: 'str', text: text.slice(i, j + 1), value: s, pos: p });
      i = j + 1;
      continue;
    }
    const punct = PUNCT.find((q) => text.startsWith(q, i));
    if (!punct) throw new ParseError(p, `unexpected character '${c}'`);
    toks.push({ kind: 'punct', text: punct, pos: p });
    i += punct.length;
  }
  toks.push({ kind: 'eof', text: '<end of input>', pos: { line, col: i - lineStart + 1 } });
  return toks;
}

/** The static type of a hook argument from its C type in lsm_hook_defs.h. */
export function typeOfCType(ctype: string): VType {
  const c = ctype
    .replace(/\bconst\b/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (/^(unsigned )?char \*$/.test(c)) return STR;
  const s = /^struct (\w+) \*$/.exec(c);
  if (s) return ptr(s[1]!);
  if (c.endsWith('*')) return ptr('void');
  if (/^(kuid_t|kgid_t)$/.test(c)) return emb(c);
  if (/\b(u64|s64|long|loff_t|size_t|__u64|unsigned long|dev_t|u64)\b/.test(c))
    return INT(64, !/^(u64|__u64|size_t|unsigned long)$/.test(c));
  if (/^(unsigned int|unsigned|u32|__u32|gfp_t|fmode_t|umode_t|u16|u8)$/.test(c)) return U32;
  return S32;
}

function typeName(t: VType): string {
  switch (t.t) {
    case 'int':
      return `${t.signed ? '' : 'unsigned '}${t.bits === 64 ? 'long long' : t.bits === 32 ? 'int' : t.bits === 16 ? 'short' : 'char'}`;
    case 'str':
      return 'const char *';
    case 'buf':
      return `char[${t.size}]`;
    case 'ptr':
      return `struct ${t.struct} *`;
    case 'struct':
      return t.struct.endsWith('_t') ? t.struct : `struct ${t.struct}`;
    case 'void':
      return 'void';
  }
}

/** Strings: a `const char *`, a char array, a qstr (compared by their characters). */
const isStringy = (t: VType): boolean => t.t === 'str' || t.t === 'buf' || (t.t === 'struct' && t.struct === 'qstr');
/** kuid_t, kgid_t, kernel_cap_t: compared as their `.val` (a simplification of C, where a struct is not a scalar). */
const isWrappedInt = (t: VType): boolean =>
  t.t === 'struct' && (t.struct === 'kuid_t' || t.struct === 'kgid_t' || t.struct === 'kernel_cap_t');
const isScalar = (t: VType): boolean => t.t === 'int' || isWrappedInt(t);

class Parser {
  private i = 0;
  private scopes: Map<string, VType>[] = [];
  private readonly used = new Set<BpfParam>();
  private nodes = 0;
  hookDef: HookDef | null = null;
  params: BpfParam[] = [];

  constructor(
    private readonly toks: Tok[],
    private readonly macros: Map<string, bigint>,
    private readonly version: KernelVersion,
  ) {}

  private get tok(): Tok {
    return this.toks[this.i]!;
  }
  private peek(n = 1): Tok {
    return this.toks[Math.min(this.i + n, this.toks.length - 1)]!;
  }
  private is(text: string): boolean {
    return this.tok.kind !== 'str' && this.tok.text === text;
  }
  private next(): Tok {
    const t = this.tok;
    if (t.kind !== 'eof') this.i++;
    return t;
  }
  private expect(text: string, what = `'${text}'`): Tok {
    if (!this.is(text)) throw new ParseError(this.tok.pos, `expected ${what} before '${this.tok.text}'`);
    return this.next();
  }
  private ident(what = 'identifier'): Tok {
    if (this.tok.kind !== 'id') throw new ParseError(this.tok.pos, `expected ${what} before '${this.tok.text}'`);
    return this.next();
  }
  private string(): Tok {
    if (this.tok.kind !== 'str')
      throw new ParseError(this.tok.pos, `expected a string literal before '${this.tok.text}'`);
    return this.next();
  }

  /** The whole object: a license and exactly one SEC("lsm/…") program. */
  parseObject(): BpfLsmProgram {
    let license: string | null = null;
    let program: Omit<BpfLsmProgram, 'license' | 'insnCnt'> | null = null;
    while (this.tok.kind !== 'eof') {
      if (this.is('char')) {
        this.next();
        this.ident();
        this.expect('[');
        this.expect(']');
        this.expect('SEC');
        this.expect('(');
        const sec = this.string();
        this.expect(')');
        if (sec.value !== 'license') throw new ParseError(sec.pos, `only the "license" section may hold a char array`);
        this.expect('=');
        license = this.string().value as string;
        this.expect(';');
        continue;
      }
      if (this.is('SEC')) {
        if (program) throw new ParseError(this.tok.pos, 'one program per object: load each program separately');
        program = this.parseProgram();
        continue;
      }
      throw new ParseError(this.tok.pos, `expected SEC("lsm/<hook>") or a license before '${this.tok.text}'`);
    }
    if (!program) throw new ParseError(this.tok.pos, 'no SEC("lsm/<hook>") program in the object');
    return { ...program, license, insnCnt: Math.max(2, this.nodes) };
  }

  private parseProgram(): Omit<BpfLsmProgram, 'license' | 'insnCnt'> {
    const secTok = this.next();
    this.expect('(');
    const sec = this.string();
    this.expect(')');
    const section = sec.value as string;
    const m = /^(lsm|lsm\.s)\/(\w+)$/.exec(section);
    if (!m)
      throw new ParseError(
        sec.pos,
        `libbpf: failed to guess program type from ELF section '${section}' (an LSM program's section is "lsm/<hook>" or "lsm.s/<hook>")`,
        'ESRCH',
      );
    const hook = m[2]!;
    const def = hookDefs(this.version).get(hook as HookName);
    // The function's name, found before the BTF lookup so the message can name the program.
    const retTok = this.tok;
    if (!this.is('int') && !this.is('void')) throw new ParseError(retTok.pos, `expected 'int' before '${retTok.text}'`);
    this.next();
    this.expect('BPF_PROG');
    this.expect('(');
    const name = this.ident('the program name').text;
    if (!def)
      throw new ParseError(
        sec.pos,
        `libbpf: prog '${name}': failed to find kernel BTF type ID of 'bpf_lsm_${hook}': -ESRCH`,
        'ESRCH',
      );
    this.hookDef = def;
    const params: BpfParam[] = [];
    while (this.is(',')) {
      this.next();
      const ppos = this.tok.pos;
      this.parseType();
      const pname = this.ident('a parameter name');
      const index = params.length;
      let type: VType;
      if (index < def.args.length) type = typeOfCType(def.args[index]!.ctype);
      else type = S32; // the trailing `int ret` (the previous program's return value), or a bad index
      params.push({ name: pname.text, type, index, pos: ppos });
    }
    this.expect(')');
    this.params = params;
    this.scopes = [new Map(params.map((p) => [p.name, p.type]))];
    const body = this.parseBlock().body;
    return {
      section,
      hook: def.name,
      sleepable: m[1] === 'lsm.s',
      name,
      params,
      body,
      nrArgs: def.args.length,
      pos: secTok.pos,
    };
  }

  /** A declaration's type: scalar words, `struct X *`, `char *`. */
  private parseType(): VType {
    const start = this.tok;
    const words: string[] = [];
    while (this.tok.kind === 'id' && TYPE_WORDS.has(this.tok.text)) {
      const w = this.next().text;
      if (w === 'struct') {
        words.push(`struct ${this.ident('a struct name').text}`);
        continue;
      }
      if (w !== 'const') words.push(w);
    }
    if (words.length === 0) throw new ParseError(start.pos, `unknown type name '${start.text}'`);
    let stars = 0;
    while (this.is('*')) {
      this.next();
      stars++;
    }
    const base = words.join(' ');
    if (base.startsWith('struct ')) {
      if (stars === 0) throw new ParseError(start.pos, `a struct is passed by pointer: '${base} *'`);
      return ptr(stars === 1 ? base.slice(7) : 'void');
    }
    if (stars > 0) return base === 'char' || base === 'unsigned char' ? STR : ptr('void');
    return scalarType(base, start.pos);
  }

  private isTypeStart(): boolean {
    return this.tok.kind === 'id' && TYPE_WORDS.has(this.tok.text);
  }

  private parseBlock(): { k: 'block'; body: Stmt[]; pos: Pos } {
    const open = this.expect('{');
    this.scopes.push(new Map());
    const body: Stmt[] = [];
    while (!this.is('}')) {
      if (this.tok.kind === 'eof') throw new ParseError(this.tok.pos, "expected '}' at end of input");
      body.push(this.parseStmt());
    }
    this.next();
    this.scopes.pop();
    return { k: 'block', body, pos: open.pos };
  }

  private parseStmt(): Stmt {
    const t = this.tok;
    this.nodes++;
    if (this.is('{')) return this.parseBlock();
    if (this.is(';')) {
      this.next();
      return { k: 'block', body: [], pos: t.pos };
    }
    if (this.is('if')) {
      this.next();
      this.expect('(');
      const c = this.parseExpr();
      this.condition(c);
      this.expect(')');
      const then = this.parseStmt();
      let els: Stmt | null = null;
      if (this.is('else')) {
        this.next();
        els = this.parseStmt();
      }
      return { k: 'if', c, then, else: els, pos: t.pos };
    }
    if (this.is('return')) {
      this.next();
      if (this.is(';')) {
        this.next();
        return { k: 'return', e: null, pos: t.pos };
      }
      const e = this.parseExpr();
      if (!isScalar(this.typeOf(e)))
        throw new ParseError(e.pos, `returning '${typeName(this.typeOf(e))}' from a function returning 'int'`);
      this.expect(';');
      return { k: 'return', e, pos: t.pos };
    }
    if (['for', 'while', 'do', 'goto', 'switch'].includes(t.text) && t.kind === 'id')
      throw new ParseError(
        t.pos,
        `'${t.text}' is not supported: programs have no loops or jumps, so they always terminate`,
      );
    if (this.isTypeStart()) {
      const type = this.parseType();
      const name = this.ident('a variable name');
      let vt = type;
      if (this.is('[')) {
        this.next();
        const n = this.tok;
        if (n.kind !== 'int') throw new ParseError(n.pos, 'an array needs a constant size');
        this.next();
        this.expect(']');
        if (!(type.t === 'int' && type.bits === 8)) throw new ParseError(name.pos, 'only char arrays are supported');
        const size = Number(n.value as bigint);
        if (size <= 0 || size > 512)
          throw new ParseError(n.pos, `array size ${size} is out of range (the BPF stack is 512 bytes)`);
        vt = { t: 'buf', size };
      }
      if (this.scopes[this.scopes.length - 1]!.has(name.text))
        throw new ParseError(name.pos, `redefinition of '${name.text}'`);
      let init: Expr | null = null;
      if (this.is('=')) {
        this.next();
        init = this.parseExpr();
        const it = this.typeOf(init);
        if (vt.t === 'buf') throw new ParseError(init.pos, 'array initializers are not supported');
        if (vt.t === 'int' && !isScalar(it))
          throw new ParseError(init.pos, `initializing '${typeName(vt)}' with an expression of type '${typeName(it)}'`);
        if (vt.t === 'ptr' && it.t !== 'ptr' && !(init.k === 'int' && init.v === 0n))
          throw new ParseError(init.pos, `initializing '${typeName(vt)}' with an expression of type '${typeName(it)}'`);
      }
      this.expect(';');
      this.scopes[this.scopes.length - 1]!.set(name.text, vt);
      return { k: 'decl', name: name.text, type: vt, init, pos: name.pos };
    }
    const e = this.parseExpr();
    this.expect(';');
    return { k: 'expr', e, pos: t.pos };
  }

  private condition(c: Expr): void {
    const t = this.typeOf(c);
    if (!isScalar(t) && t.t !== 'ptr') throw new ParseError(c.pos, `a '${typeName(t)}' cannot be used as a condition`);
  }

  private lookup(name: string): VType | undefined {
    for (let s = this.scopes.length - 1; s >= 0; s--) {
      const t = this.scopes[s]!.get(name);
      if (t) return t;
    }
    return undefined;
  }

  // Expressions, by C precedence.
  parseExpr(): Expr {
    return this.parseAssign();
  }

  private parseAssign(): Expr {
    const l = this.parseCond();
    if (this.is('=')) {
      const op = this.next();
      if (l.k !== 'var') throw new ParseError(op.pos, 'expression is not assignable');
      const r = this.parseAssign();
      const lt = this.typeOf(l);
      if (!(lt.t === 'int' && isScalar(this.typeOf(r))) && !(lt.t === 'ptr' && this.typeOf(r).t === 'ptr'))
        throw new ParseError(r.pos, `assigning to '${typeName(lt)}' from '${typeName(this.typeOf(r))}'`);
      return { k: 'assign', name: l.name, e: r, pos: op.pos };
    }
    return l;
  }

  private parseCond(): Expr {
    const c = this.parseBin(0);
    if (this.is('?')) {
      const q = this.next();
      this.condition(c);
      const a = this.parseExpr();
      this.expect(':');
      const b = this.parseCond();
      return { k: 'cond', c, a, b, pos: q.pos };
    }
    return c;
  }

  private static readonly LEVELS: readonly (readonly string[])[] = [
    ['||'],
    ['&&'],
    ['|'],
    ['^'],
    ['&'],
    ['==', '!='],
    ['<', '<=', '>', '>='],
    ['<<', '>>'],
    ['+', '-'],
    ['*', '/', '%'],
  ];

  private parseBin(level: number): Expr {
    if (level >= Parser.LEVELS.length) return this.parseUnary();
    let l = this.parseBin(level + 1);
    while (this.tok.kind === 'punct' && Parser.LEVELS[level]!.includes(this.tok.text)) {
      const op = this.next();
      const r = this.parseBin(level + 1);
      this.checkBin(op, l, r);
      this.nodes++;
      l = { k: 'bin', op: op.text, l, r, pos: op.pos };
    }
    return l;
  }

  private checkBin(op: Tok, l: Expr, r: Expr): void {
    const lt = this.typeOf(l);
    const rt = this.typeOf(r);
    if (op.text === '==' || op.text === '!=') {
      if (isStringy(lt) && isStringy(rt)) return;
      if (isScalar(lt) && isScalar(rt)) return;
      if (lt.t === 'ptr' && (rt.t === 'ptr' || (r.k === 'int' && r.v === 0n))) return;
      if (rt.t === 'ptr' && l.k === 'int' && l.v === 0n) return;
    } else if (op.text === '&&' || op.text === '||') {
      if ((isScalar(lt) || lt.t === 'ptr') && (isScalar(rt) || rt.t === 'ptr')) return;
    } else if (isScalar(lt) && isScalar(rt)) return;
    throw new ParseError(op.pos, `invalid operands to binary expression ('${typeName(lt)}' and '${typeName(rt)}')`);
  }

  private parseUnary(): Expr {
    const t = this.tok;
    if (t.kind === 'punct' && ['!', '-', '~', '&', '+'].includes(t.text)) {
      this.next();
      const e = this.parseUnary();
      this.nodes++;
      const et = this.typeOf(e);
      if (t.text === '+') return e;
      if (t.text === '&') {
        if (et.t !== 'struct' && et.t !== 'buf')
          throw new ParseError(t.pos, `taking the address of a '${typeName(et)}' is not supported`);
        return { k: 'unary', op: '&', e, pos: t.pos };
      }
      if (t.text === '!' ? !isScalar(et) && et.t !== 'ptr' : !isScalar(et))
        throw new ParseError(t.pos, `invalid argument type '${typeName(et)}' to unary expression`);
      // Fold -<literal> so that `return -1;` and `return -EPERM;` are constants.
      if (t.text === '-' && e.k === 'int') return { k: 'int', v: -e.v, pos: t.pos };
      return { k: 'unary', op: t.text as '!' | '-' | '~', e, pos: t.pos };
    }
    if (this.is('(') && this.peek().kind === 'id' && TYPE_WORDS.has(this.peek().text)) {
      const open = this.next();
      const to = this.parseType();
      this.expect(')');
      const e = this.parseUnary();
      const et = this.typeOf(e);
      if (to.t === 'int' && !isScalar(et))
        throw new ParseError(open.pos, `casting a '${typeName(et)}' to '${typeName(to)}' is not supported`);
      if (to.t === 'ptr' && et.t !== 'ptr')
        throw new ParseError(open.pos, `casting a '${typeName(et)}' to a pointer is not supported`);
      return { k: 'cast', to, e, pos: open.pos };
    }
    if (this.is('sizeof')) {
      const s = this.next();
      this.expect('(');
      let size: number;
      if (this.isTypeStart()) {
        const ty = this.parseType();
        size = ty.t === 'int' ? ty.bits / 8 : 8;
      } else {
        const e = this.parseExpr();
        const et = this.typeOf(e);
        size = et.t === 'buf' ? et.size : et.t === 'int' ? et.bits / 8 : 8;
      }
      this.expect(')');
      return { k: 'int', v: BigInt(size), pos: s.pos };
    }
    return this.parsePostfix();
  }

  private parsePostfix(): Expr {
    let e = this.parsePrimary();
    for (;;) {
      if (this.is('->') || this.is('.')) {
        const op = this.next();
        const f = this.ident('a field name');
        const et = this.typeOf(e);
        const arrow = op.text === '->';
        if (arrow && et.t !== 'ptr')
          throw new ParseError(
            op.pos,
            `member reference type '${typeName(et)}' is not a pointer; did you mean to use '.'?`,
          );
        if (!arrow && et.t !== 'struct')
          throw new ParseError(
            op.pos,
            `member reference type '${typeName(et)}' is a pointer; did you mean to use '->'?`,
          );
        const struct = (et as { struct: string }).struct;
        const schema = FIELD_SCHEMA[struct];
        if (!schema)
          throw new ParseError(
            f.pos,
            `the fields of 'struct ${struct}' are not modelled (the machine's objects expose ${Object.keys(FIELD_SCHEMA)
              .filter((s) => !s.endsWith('_t') && s !== 'qstr')
              .join(', ')})`,
          );
        if (!schema[f.text]) throw new ParseError(f.pos, `no member named '${f.text}' in '${typeName(emb(struct))}'`);
        this.nodes++;
        e = { k: 'field', obj: e, field: f.text, pos: f.pos };
        continue;
      }
      if (this.is('++') || this.is('--') || this.is('+=') || this.is('-=') || this.is('|=') || this.is('&='))
        throw new ParseError(this.tok.pos, `'${this.tok.text}' is not supported: write 'x = x + 1'`);
      return e;
    }
  }

  private parsePrimary(): Expr {
    const t = this.tok;
    if (t.kind === 'int') {
      this.next();
      return { k: 'int', v: t.value as bigint, pos: t.pos };
    }
    if (t.kind === 'str') {
      this.next();
      let s = t.value as string;
      // Adjacent string literals concatenate.
      while (this.tok.kind === 'str') s += this.next().value as string;
      return { k: 'str', v: s, pos: t.pos };
    }
    if (this.is('(')) {
      this.next();
      const e = this.parseExpr();
      this.expect(')');
      return e;
    }
    if (t.kind === 'id' && !KEYWORDS.has(t.text)) {
      this.next();
      this.nodes++;
      if (this.is('(')) {
        this.next();
        const args: Expr[] = [];
        while (!this.is(')')) {
          args.push(this.parseAssign());
          if (!this.is(')')) this.expect(',', "',' or ')'");
        }
        this.next();
        this.checkCall(t, args);
        return { k: 'call', fn: t.text, args, pos: t.pos };
      }
      if (t.text === 'NULL' || t.text === 'false') return { k: 'int', v: 0n, pos: t.pos };
      if (t.text === 'true') return { k: 'int', v: 1n, pos: t.pos };
      const macro = this.macros.get(t.text);
      if (macro !== undefined) return { k: 'int', v: macro, pos: t.pos };
      if (!this.lookup(t.text)) {
        const errno = ERRNO_NAMES[t.text];
        if (errno !== undefined) return { k: 'int', v: BigInt(errno), pos: t.pos };
        throw new ParseError(t.pos, `use of undeclared identifier '${t.text}'`);
      }
      const p = this.params.find((q) => q.name === t.text);
      if (p && this.scopes[0]!.get(t.text) === this.lookup(t.text)) this.used.add(p);
      return { k: 'var', name: t.text, pos: t.pos };
    }
    throw new ParseError(t.pos, `expected expression before '${t.text}'`);
  }

  private checkCall(fn: Tok, args: readonly Expr[]): void {
    const h = HELPERS[fn.text];
    if (!h) {
      const hint =
        fn.text === 'current_uid' || fn.text === 'getuid'
          ? ': use (u32)bpf_get_current_uid_gid()'
          : fn.text === 'current_pid' || fn.text === 'getpid'
            ? ': use bpf_get_current_pid_tgid() >> 32'
            : '';
      throw new ParseError(fn.pos, `call to undeclared function '${fn.text}'${hint}`);
    }
    const variadic = h.args.includes('...');
    const fixed = h.args.filter((a) => a !== '...');
    if (args.length < fixed.length || (!variadic && args.length > fixed.length))
      throw new ParseError(
        fn.pos,
        `too ${args.length < fixed.length ? 'few' : 'many'} arguments to function call, expected ${fixed.length}${variadic ? ' or more' : ''}, have ${args.length}`,
      );
    fixed.forEach((kind, i) => {
      const a = args[i]!;
      const at = this.typeOf(a);
      const ok =
        kind === 'int'
          ? isScalar(at)
          : kind === 'buf'
            ? at.t === 'buf'
            : kind === 'str'
              ? a.k === 'str'
              : kind === 'strbuf'
                ? isStringy(at)
                : kind.startsWith('ptr:')
                  ? at.t === 'ptr' && at.struct === kind.slice(4)
                  : true;
      if (!ok)
        throw new ParseError(
          a.pos,
          kind === 'str'
            ? `${fn.text}()'s ${i === 0 && fn.text === 'bpf_printk' ? 'format' : 'string'} must be a string literal`
            : `passing '${typeName(at)}' to ${fn.text}()'s argument ${i + 1}, which takes ${kind === 'buf' ? 'a char array' : kind.startsWith('ptr:') ? `'struct ${kind.slice(4)} *'` : kind === 'strbuf' ? 'a string' : 'an integer'}`,
        );
    });
    for (const a of args.slice(fixed.length)) {
      const at = this.typeOf(a);
      if (!isScalar(at) && !isStringy(at)) throw new ParseError(a.pos, `bpf_printk() cannot print a '${typeName(at)}'`);
    }
    if (fn.text === 'bpf_printk') {
      const fmt = (args[0] as { v: string }).v;
      const specs = fmt.match(/%(?:[-0-9]*)(?:ll|l|h|hh|z)?[diuxXsc%p]/g) ?? [];
      const n = specs.filter((s) => s !== '%%').length;
      if (n !== args.length - 1)
        throw new ParseError(args[0]!.pos, `the format has ${n} conversions for ${args.length - 1} arguments`);
    }
  }

  /** The static type of an expression (its operands were checked when it was built). */
  typeOf(e: Expr): VType {
    switch (e.k) {
      case 'int':
        return S32;
      case 'str':
        return STR;
      case 'var':
        return this.lookup(e.name) ?? S32;
      case 'field': {
        const ot = this.typeOf(e.obj) as { struct: string };
        return FIELD_SCHEMA[ot.struct]![e.field]!;
      }
      case 'call':
        return HELPERS[e.fn]!.ret;
      case 'unary':
        if (e.op === '&') {
          const et = this.typeOf(e.e);
          return et.t === 'struct' ? ptr(et.struct) : et;
        }
        return e.op === '!' ? S32 : this.typeOf(e.e);
      case 'bin':
        if (['==', '!=', '<', '<=', '>', '>=', '&&', '||'].includes(e.op)) return S32;
        return wider(this.typeOf(e.l), this.typeOf(e.r));
      case 'cond':
        return this.typeOf(e.a);
      case 'cast':
        return e.to;
      case 'assign':
        return this.typeOf(e.e);
    }
  }

  /** Parameters the program reads beyond the hook's arguments (+ the return value for BPF_LSM_MAC). */
  usedParams(): readonly BpfParam[] {
    return [...this.used];
  }
}

type IntType = Extract<VType, { t: 'int' }>;

function wider(a: VType, b: VType): VType {
  const ia: IntType = a.t === 'int' ? a : (U64 as IntType);
  const ib: IntType = b.t === 'int' ? b : (U64 as IntType);
  if (ia.bits !== ib.bits) return ia.bits > ib.bits ? ia : ib;
  return ia.signed ? ib : ia;
}

function scalarType(base: string, pos: Pos): VType {
  const b = base.replace(/^signed /, '');
  switch (b) {
    case 'int':
    case 'signed':
    case 's32':
    case '__s32':
    case 'pid_t':
      return S32;
    case 'unsigned':
    case 'unsigned int':
    case 'u32':
    case '__u32':
    case 'uid_t':
    case 'gid_t':
      return U32;
    case 'long':
    case 'long long':
    case 'long int':
    case 's64':
    case '__s64':
    case 'loff_t':
      return S64;
    case 'unsigned long':
    case 'unsigned long long':
    case 'u64':
    case '__u64':
    case 'size_t':
      return U64;
    case 'short':
    case 's16':
    case '__s16':
      return INT(16, true);
    case 'unsigned short':
    case 'u16':
    case '__u16':
    case 'umode_t':
      return INT(16, false);
    case 'char':
    case 's8':
    case '__s8':
      return INT(8, true);
    case 'unsigned char':
    case 'u8':
    case '__u8':
    case 'bool':
    case '_Bool':
      return INT(8, false);
    case 'void':
      return { t: 'void' };
  }
  throw new ParseError(pos, `unknown type name '${base}'`);
}

/** The parameters a parsed program reads (for the verifier's ctx-access check); kept beside the AST. */
const USED = new WeakMap<BpfLsmProgram, readonly BpfParam[]>();

/** The parameters the program reads (BPF_PROG loads each one it uses from the context). */
export function usedParams(p: BpfLsmProgram): readonly BpfParam[] {
  return USED.get(p) ?? [];
}

/**
 * Compiles a BPF LSM program's text (what clang and libbpf do before bpf(BPF_PROG_LOAD)): the
 * section names the hook, whose `bpf_lsm_<hook>` must exist in the version's BTF; the parameters
 * take the hook's argument types by position. Returns the program or the first error with its
 * line and column (and the errno libbpf would report for it).
 */
export function parseBpfLsmProgram(text: string, version: KernelVersion = '7.1'): BpfParseResult {
  try {
    const macros = new Map<string, bigint>();
    const toks = lex(text, macros);
    const p = new Parser(toks, macros, version);
    const program = p.parseObject();
    USED.set(program, p.usedParams());
    return { ok: true, program };
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    return { ok: false, error: { line: e.pos.line, col: e.pos.col, message: e.message }, errno: e.errno };
  }
}

/** `line:col: message`, as a compiler prints it. */
export function formatParseError(e: BpfParseError): string {
  return `${e.line}:${e.col}: error: ${e.message}`;
}
