// The policy language of the model: a small subset of checkpolicy's .te syntax (classes, types,
// attributes, roles, users, allow/auditallow/dontaudit, type_transition, booleans with if/else,
// permissive types, initial SIDs, fs_use_xattr and genfscon), parsed into a policydb. The real
// kernel loads a binary policy that checkpolicy compiled; the model loads the source and refuses
// any syntax or semantic error with `line:col` and the reason, loading nothing.
//
// Two statements are not kernel policy but the userspace configuration around it, so that a
// policy file can describe a whole Fedora-like system: `login <user> <context>;` (seusers and
// default contexts, what pam_selinux gives a login session) and `config enforcing|permissive;`
// (SELINUX= of /etc/selinux/config, which systemd writes to /sys/fs/selinux/enforce after the
// first load).
import { SECCLASS_MAP } from './classmap';

export type AvKind = 'allow' | 'auditallow' | 'dontaudit';

export interface AvRule {
  readonly kind: AvKind;
  readonly src: readonly string[];
  /** Type or attribute names; `self` means the source type itself. */
  readonly tgt: readonly string[];
  readonly classes: readonly string[];
  /** Permission names, or '*' for every permission of the class. */
  readonly perms: readonly string[] | '*';
}

export interface TypeTransition {
  readonly src: readonly string[];
  readonly tgt: readonly string[];
  readonly classes: readonly string[];
  readonly newType: string;
}

/** A conditional expression over booleans (cond_expr in the kernel, evaluated by cond_evaluate_expr()). */
export type CondExpr =
  | { readonly op: 'bool'; readonly name: string }
  | { readonly op: 'not'; readonly a: CondExpr }
  | { readonly op: 'and' | 'or' | 'xor' | 'eq' | 'neq'; readonly a: CondExpr; readonly b: CondExpr };

export interface CondBlock {
  readonly expr: CondExpr;
  readonly ifTrue: { readonly av: readonly AvRule[]; readonly tt: readonly TypeTransition[] };
  readonly ifFalse: { readonly av: readonly AvRule[]; readonly tt: readonly TypeTransition[] };
}

export type HandleUnknown = 'allow' | 'deny' | 'reject';

/** The parsed policy. */
export interface PolicyDb {
  readonly classes: ReadonlyMap<string, ReadonlySet<string>>;
  readonly types: ReadonlySet<string>;
  /** attribute → its types. */
  readonly attributes: ReadonlyMap<string, ReadonlySet<string>>;
  /** role → the types it may hold (object_r holds every type). */
  readonly roles: ReadonlyMap<string, ReadonlySet<string>>;
  /** user → its roles. */
  readonly users: ReadonlyMap<string, ReadonlySet<string>>;
  readonly av: readonly AvRule[];
  readonly tt: readonly TypeTransition[];
  readonly conds: readonly CondBlock[];
  /** Booleans with their default values, in declaration order. */
  readonly bools: ReadonlyMap<string, boolean>;
  readonly permissive: ReadonlySet<string>;
  /** Initial SID name → context (the `sid` statements). */
  readonly isids: ReadonlyMap<string, string>;
  readonly fsUseXattr: ReadonlyMap<string, string>;
  readonly genfs: readonly { readonly fs: string; readonly path: string; readonly context: string }[];
  readonly handleUnknown: HandleUnknown;
  readonly policycaps: ReadonlySet<string>;
  /** login name (or __default__) → context of the login session (seusers + default contexts). */
  readonly logins: ReadonlyMap<string, string>;
  readonly config: 'enforcing' | 'permissive' | null;
}

export class PolicyError extends Error {
  constructor(
    readonly line: number,
    readonly col: number,
    readonly reason: string,
  ) {
    super(`${line}:${col}: ${reason}`);
  }
}

/** The initial SIDs the kernel knows (security/selinux/include/initial_sid_to_string.h), by value. */
export const INITIAL_SIDS: Readonly<Record<string, number>> = {
  kernel: 1,
  security: 2,
  unlabeled: 3,
  file: 5,
  init: 7,
  any_socket: 8,
  port: 9,
  netif: 10,
  netmsg: 11,
  node: 12,
  devnull: 27,
};
/** The ones policydb_load_isids() needs a context for in the model. */
const REQUIRED_ISIDS = ['kernel', 'security', 'unlabeled', 'file'];

/** Policy capabilities the kernel knows (selinux_policycap_names[]), printed at each load. */
export const POLICYCAP_NAMES = [
  'network_peer_controls',
  'open_perms',
  'extended_socket_class',
  'always_check_network',
  'cgroup_seclabel',
  'nnp_nosuid_transition',
  'genfs_seclabel_symlinks',
  'ioctl_skip_cloexec',
] as const;

interface Token {
  readonly text: string;
  readonly kind: 'word' | 'punct' | 'string' | 'eof';
  readonly line: number;
  readonly col: number;
}

const PUNCT2 = ['&&', '||', '==', '!='];
const PUNCT1 = '{};:(),~!^*';

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let line = 1;
  let col = 1;
  let i = 0;
  const adv = (n: number): void => {
    for (let k = 0; k < n; k++) {
      if (src[i] === '\n') {
        line++;
        col = 1;
      } else col++;
      i++;
    }
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') adv(1);
      continue;
    }
    if (/\s/.test(c)) {
      adv(1);
      continue;
    }
    const two = src.slice(i, i + 2);
    if (PUNCT2.includes(two)) {
      out.push({ text: two, kind: 'punct', line, col });
      adv(2);
      continue;
    }
    if (PUNCT1.includes(c)) {
      out.push({ text: c, kind: 'punct', line, col });
      adv(1);
      continue;
    }
    if (c === '"') {
      const l = line;
      const cc = col;
      let j = i + 1;
      while (j < src.length && src[j] !== '"' && src[j] !== '\n') j++;
      if (src[j] !== '"') throw new PolicyError(l, cc, 'unterminated string');
      out.push({ text: src.slice(i + 1, j), kind: 'string', line: l, col: cc });
      adv(j + 1 - i);
      continue;
    }
    const m = /^[A-Za-z0-9_.\-/]+/.exec(src.slice(i, i + 256));
    if (!m) throw new PolicyError(line, col, `unexpected character '${c}'`);
    out.push({ text: m[0], kind: 'word', line, col });
    adv(m[0].length);
  }
  out.push({ text: '', kind: 'eof', line, col });
  return out;
}

const KEYWORDS = new Set([
  'class',
  'attribute',
  'type',
  'typeattribute',
  'role',
  'user',
  'allow',
  'auditallow',
  'dontaudit',
  'type_transition',
  'bool',
  'if',
  'else',
  'permissive',
  'sid',
  'fs_use_xattr',
  'genfscon',
  'handle_unknown',
  'policycap',
  'login',
  'config',
  'self',
  'types',
  'roles',
  'true',
  'false',
]);

interface Pos {
  readonly line: number;
  readonly col: number;
}
type Named = { readonly name: string } & Pos;

/** Parses policy source into a policydb, or throws PolicyError for the first error. */
export function parsePolicy(src: string): PolicyDb {
  const toks = tokenize(src);
  let p = 0;
  const peek = (): Token => toks[p]!;
  const next = (): Token => toks[p++]!;
  const err = (t: Pos, reason: string): never => {
    throw new PolicyError(t.line, t.col, reason);
  };
  const expect = (text: string): Token => {
    const t = next();
    if (t.text !== text || (t.kind !== 'punct' && t.kind !== 'word'))
      err(t, `syntax error: expected '${text}' but found ${t.kind === 'eof' ? 'end of input' : `'${t.text}'`}`);
    return t;
  };
  const ident = (what: string): Named => {
    const t = next();
    if (t.kind !== 'word' || KEYWORDS.has(t.text))
      err(t, `syntax error: expected ${what} but found ${t.kind === 'eof' ? 'end of input' : `'${t.text}'`}`);
    return { name: t.text, line: t.line, col: t.col };
  };
  const isPunct = (text: string): boolean => peek().kind === 'punct' && peek().text === text;
  /** NAME | { NAME ... } */
  const nameSet = (what: string, allowSelf = false): Named[] => {
    const one = (): Named => {
      if (allowSelf && peek().text === 'self' && peek().kind === 'word') {
        const t = next();
        return { name: 'self', line: t.line, col: t.col };
      }
      return ident(what);
    };
    if (isPunct('{')) {
      next();
      const out: Named[] = [];
      while (!isPunct('}')) {
        if (peek().kind === 'eof') err(peek(), `syntax error: expected '}'`);
        out.push(one());
      }
      next();
      if (!out.length) err(peek(), `syntax error: empty set of ${what}s`);
      return out;
    }
    return [one()];
  };
  /** user:role:type[:level] */
  const context = (): { text: string } & Pos => {
    const u = ident('a user');
    expect(':');
    const r = ident('a role');
    expect(':');
    const t = ident('a type');
    let level = '';
    if (isPunct(':')) {
      next();
      level = `:${ident('a level').name}`;
    }
    return { text: `${u.name}:${r.name}:${t.name}${level}`, line: u.line, col: u.col };
  };

  // Declarations and references, checked after the whole file is read (checkpolicy allows use before declaration).
  const classes = new Map<string, Set<string>>();
  const types = new Set<string>();
  const attributes = new Map<string, Set<string>>();
  const typeAttrRefs: { type: Named; attr: Named }[] = [];
  const roles = new Map<string, Set<string>>([['object_r', new Set<string>()]]);
  const roleTypeRefs: Named[] = [];
  const users = new Map<string, Set<string>>();
  const userRoleRefs: Named[] = [];
  const declared = new Map<string, string>(); // name → kind, for duplicate checks
  const bools = new Map<string, boolean>();
  const permissive = new Set<string>();
  const permissiveRefs: Named[] = [];
  const isids = new Map<string, string>();
  const fsUseXattr = new Map<string, string>();
  const genfs: { fs: string; path: string; context: string }[] = [];
  const contexts: ({ text: string } & Pos)[] = [];
  const policycaps = new Set<string>();
  const logins = new Map<string, string>();
  let handleUnknown: HandleUnknown = 'deny';
  let config: 'enforcing' | 'permissive' | null = null;
  const av: AvRule[] = [];
  const tt: TypeTransition[] = [];
  const conds: CondBlock[] = [];
  const ruleRefs: { types: Named[]; classes: Named[]; perms: Named[] | '*'; newType?: Named; cond?: Named[] }[] = [];

  const declare = (n: Named, kind: string): void => {
    const prev = declared.get(n.name);
    if (prev) err(n, `${kind} ${n.name} is already declared${prev === kind ? '' : ` as a ${prev}`}`);
    declared.set(n.name, kind);
  };

  const avRule = (kind: AvKind): AvRule => {
    const src = nameSet('a type or attribute');
    const tgt = nameSet('a type or attribute', true);
    expect(':');
    const cls = nameSet('a class');
    let perms: Named[] | '*';
    if (isPunct('*')) {
      next();
      perms = '*';
    } else perms = nameSet('a permission');
    expect(';');
    ruleRefs.push({ types: [...src, ...tgt.filter((t) => t.name !== 'self')], classes: cls, perms });
    return {
      kind,
      src: src.map((n) => n.name),
      tgt: tgt.map((n) => n.name),
      classes: cls.map((n) => n.name),
      perms: perms === '*' ? '*' : perms.map((n) => n.name),
    };
  };
  const ttRule = (): TypeTransition => {
    const src = nameSet('a type or attribute');
    const tgt = nameSet('a type or attribute');
    expect(':');
    const cls = nameSet('a class');
    const newType = ident('a type');
    if (peek().kind === 'string') err(peek(), 'name-based type transitions are not supported');
    expect(';');
    ruleRefs.push({ types: [...src, ...tgt], classes: cls, perms: [], newType });
    return {
      src: src.map((n) => n.name),
      tgt: tgt.map((n) => n.name),
      classes: cls.map((n) => n.name),
      newType: newType.name,
    };
  };

  const condExpr = (): CondExpr => {
    const refs: Named[] = [];
    const primary = (): CondExpr => {
      if (isPunct('!')) {
        next();
        return { op: 'not', a: primary() };
      }
      if (isPunct('(')) {
        next();
        const e = orExpr();
        expect(')');
        return e;
      }
      const b = ident('a boolean');
      refs.push(b);
      return { op: 'bool', name: b.name };
    };
    const eqExpr = (): CondExpr => {
      let a = primary();
      while (isPunct('==') || isPunct('!=')) {
        const op = next().text === '==' ? 'eq' : 'neq';
        a = { op, a, b: primary() };
      }
      return a;
    };
    const xorExpr = (): CondExpr => {
      let a = eqExpr();
      while (isPunct('^')) {
        next();
        a = { op: 'xor', a, b: eqExpr() };
      }
      return a;
    };
    const andExpr = (): CondExpr => {
      let a = xorExpr();
      while (isPunct('&&')) {
        next();
        a = { op: 'and', a, b: xorExpr() };
      }
      return a;
    };
    const orExpr = (): CondExpr => {
      let a = andExpr();
      while (isPunct('||')) {
        next();
        a = { op: 'or', a, b: andExpr() };
      }
      return a;
    };
    expect('(');
    const e = orExpr();
    expect(')');
    ruleRefs.push({ types: [], classes: [], perms: [], cond: refs });
    return e;
  };
  const condBody = (): { av: AvRule[]; tt: TypeTransition[] } => {
    expect('{');
    const body = { av: [] as AvRule[], tt: [] as TypeTransition[] };
    while (!isPunct('}')) {
      const t = next();
      if (t.kind === 'eof') err(t, "syntax error: expected '}'");
      if (t.text === 'allow' || t.text === 'auditallow' || t.text === 'dontaudit') body.av.push(avRule(t.text));
      else if (t.text === 'type_transition') body.tt.push(ttRule());
      else err(t, `syntax error: '${t.text}' is not allowed in a conditional block`);
    }
    next();
    return body;
  };

  for (;;) {
    const t = next();
    if (t.kind === 'eof') break;
    if (t.kind !== 'word') err(t, `syntax error: unexpected '${t.text}'`);
    switch (t.text) {
      case 'class': {
        const n = ident('a class name');
        declare(n, 'class');
        if (!SECCLASS_MAP[n.name]) err(n, `class ${n.name} is not a class the kernel knows`);
        const perms = nameSet('a permission');
        const set = new Set<string>();
        for (const pn of perms) {
          if (set.has(pn.name)) err(pn, `permission ${pn.name} is declared twice in class ${n.name}`);
          set.add(pn.name);
        }
        classes.set(n.name, set);
        if (isPunct(';')) next();
        break;
      }
      case 'attribute': {
        const n = ident('an attribute name');
        declare(n, 'attribute');
        attributes.set(n.name, new Set());
        expect(';');
        break;
      }
      case 'type': {
        const n = ident('a type name');
        declare(n, 'type');
        types.add(n.name);
        while (isPunct(',')) {
          next();
          typeAttrRefs.push({ type: n, attr: ident('an attribute') });
        }
        expect(';');
        break;
      }
      case 'typeattribute': {
        const n = ident('a type');
        typeAttrRefs.push({ type: n, attr: ident('an attribute') });
        while (isPunct(',')) {
          next();
          typeAttrRefs.push({ type: n, attr: ident('an attribute') });
        }
        expect(';');
        break;
      }
      case 'role': {
        const n = ident('a role name');
        if (n.name !== 'object_r') declare(n, 'role');
        const set = roles.get(n.name) ?? new Set<string>();
        roles.set(n.name, set);
        if (peek().text === 'types' && peek().kind === 'word') {
          next();
          for (const ty of nameSet('a type')) {
            roleTypeRefs.push(ty);
            set.add(ty.name);
          }
        }
        expect(';');
        break;
      }
      case 'user': {
        const n = ident('a user name');
        declare(n, 'user');
        const set = new Set<string>();
        expect('roles');
        for (const r of nameSet('a role')) {
          userRoleRefs.push(r);
          set.add(r.name);
        }
        users.set(n.name, set);
        expect(';');
        break;
      }
      case 'allow':
      case 'auditallow':
      case 'dontaudit':
        av.push(avRule(t.text));
        break;
      case 'type_transition':
        tt.push(ttRule());
        break;
      case 'bool': {
        const n = ident('a boolean name');
        declare(n, 'bool');
        const v = next();
        if (v.text !== 'true' && v.text !== 'false') err(v, `syntax error: expected true or false`);
        bools.set(n.name, v.text === 'true');
        expect(';');
        break;
      }
      case 'if': {
        const expr = condExpr();
        const ifTrue = condBody();
        let ifFalse = { av: [] as AvRule[], tt: [] as TypeTransition[] };
        if (peek().text === 'else' && peek().kind === 'word') {
          next();
          ifFalse = condBody();
        }
        conds.push({ expr, ifTrue, ifFalse });
        break;
      }
      case 'permissive': {
        const n = ident('a type');
        permissiveRefs.push(n);
        permissive.add(n.name);
        expect(';');
        break;
      }
      case 'sid': {
        const n = ident('an initial SID name');
        if (INITIAL_SIDS[n.name] === undefined) err(n, `${n.name} is not an initial SID the kernel knows`);
        if (isids.has(n.name)) err(n, `initial SID ${n.name} has two contexts`);
        const c = context();
        contexts.push(c);
        isids.set(n.name, c.text);
        expect(';');
        break;
      }
      case 'fs_use_xattr': {
        const fs = ident('a filesystem type');
        const c = context();
        contexts.push(c);
        fsUseXattr.set(fs.name, c.text);
        expect(';');
        break;
      }
      case 'genfscon': {
        const fs = ident('a filesystem type');
        const path = ident('a path');
        if (!path.name.startsWith('/')) err(path, 'a genfscon path starts with /');
        const c = context();
        contexts.push(c);
        genfs.push({ fs: fs.name, path: path.name, context: c.text });
        expect(';');
        break;
      }
      case 'handle_unknown': {
        const v = next();
        if (!['allow', 'deny', 'reject'].includes(v.text)) err(v, 'syntax error: expected allow, deny or reject');
        handleUnknown = v.text as HandleUnknown;
        expect(';');
        break;
      }
      case 'policycap': {
        const n = ident('a policy capability');
        if (!(POLICYCAP_NAMES as readonly string[]).includes(n.name)) err(n, `unknown policy capability ${n.name}`);
        policycaps.add(n.name);
        expect(';');
        break;
      }
      case 'login': {
        const n = ident('a login name');
        const c = context();
        contexts.push(c);
        logins.set(n.name, c.text);
        expect(';');
        break;
      }
      case 'config': {
        const v = next();
        if (v.text !== 'enforcing' && v.text !== 'permissive') err(v, 'syntax error: expected enforcing or permissive');
        config = v.text as 'enforcing' | 'permissive';
        expect(';');
        break;
      }
      default:
        err(t, `syntax error: unknown statement '${t.text}'`);
    }
  }

  // Semantic checks, in source order of the references.
  for (const { type, attr } of typeAttrRefs) {
    if (!types.has(type.name)) err(type, `type ${type.name} is not declared`);
    const set = attributes.get(attr.name);
    if (!set) err(attr, `attribute ${attr.name} is not declared`);
    set!.add(type.name);
  }
  for (const r of roleTypeRefs)
    if (!types.has(r.name) && !attributes.has(r.name)) err(r, `type ${r.name} is not declared`);
  // A role's attribute members stand for their types.
  for (const [, set] of roles) for (const n of [...set]) for (const ty of attributes.get(n) ?? []) set.add(ty);
  for (const r of userRoleRefs) if (!roles.has(r.name)) err(r, `role ${r.name} is not declared`);
  for (const n of permissiveRefs) if (!types.has(n.name)) err(n, `type ${n.name} is not declared`);
  for (const ref of ruleRefs) {
    for (const ty of ref.types)
      if (!types.has(ty.name) && !attributes.has(ty.name)) err(ty, `type or attribute ${ty.name} is not declared`);
    if (ref.newType && !types.has(ref.newType.name)) err(ref.newType, `type ${ref.newType.name} is not declared`);
    for (const b of ref.cond ?? []) if (!bools.has(b.name)) err(b, `boolean ${b.name} is not declared`);
    for (const c of ref.classes) {
      const perms = classes.get(c.name);
      if (!perms) err(c, `class ${c.name} is not declared`);
      if (ref.perms !== '*')
        for (const pn of ref.perms)
          if (!perms!.has(pn.name)) err(pn, `permission ${pn.name} is not defined for class ${c.name}`);
    }
  }
  const db: PolicyDb = {
    classes,
    types,
    attributes,
    roles,
    users,
    av,
    tt,
    conds,
    bools,
    permissive,
    isids,
    fsUseXattr,
    genfs,
    handleUnknown,
    policycaps,
    logins,
    config,
  };
  for (const c of contexts) {
    const why = contextInvalid(db, c.text);
    if (why) err(c, `invalid context ${c.text}: ${why}`);
  }
  const last = toks[toks.length - 1]!;
  for (const name of REQUIRED_ISIDS) if (!isids.has(name)) err(last, `SID ${name} was never defined`);
  return db;
}

/**
 * Why a context is not valid under the policy (policydb_context_isvalid()), or null: the user, role
 * and type exist, the user may take the role, and the role may hold the type (object_r holds any).
 */
export function contextInvalid(db: PolicyDb, ctx: string): string | null {
  const parts = ctx.split(':');
  if (parts.length < 3 || parts.length > 4 || parts.some((x) => !x)) return 'not user:role:type[:level]';
  const [user, role, type] = parts as [string, string, string];
  if (!db.users.has(user)) return `user ${user} is not defined`;
  if (!db.roles.has(role)) return `role ${role} is not defined`;
  if (!db.types.has(type)) return `type ${type} is not defined`;
  if (role !== 'object_r' && !db.users.get(user)!.has(role)) return `user ${user} may not take role ${role}`;
  if (role !== 'object_r' && !db.roles.get(role)!.has(type)) return `role ${role} may not hold type ${type}`;
  return null;
}

/** cond_evaluate_expr(). */
export function evalCond(e: CondExpr, bools: ReadonlyMap<string, boolean>): boolean {
  switch (e.op) {
    case 'bool':
      return bools.get(e.name) ?? false;
    case 'not':
      return !evalCond(e.a, bools);
    case 'and':
      return evalCond(e.a, bools) && evalCond(e.b, bools);
    case 'or':
      return evalCond(e.a, bools) || evalCond(e.b, bools);
    case 'xor':
      return evalCond(e.a, bools) !== evalCond(e.b, bools);
    case 'eq':
      return evalCond(e.a, bools) === evalCond(e.b, bools);
    case 'neq':
      return evalCond(e.a, bools) !== evalCond(e.b, bools);
  }
}
