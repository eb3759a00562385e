// TOMOYO's policy (security/tomoyo/common.c, file.c, domain.c, gc.c): domains with their profile
// and ACLs, the exception policy (transition controls, path and number groups, ACL groups), the
// profiles and the managers; the parsers of the securityfs files' lines and the printers of
// their reads. A write is parsed and applied to a copy; the copy replaces the policy only when
// every line was accepted.
import { isPattern, wordProblem } from './pathnames';

/** TOMOYO_TYPE_* of the path ACL, in bit order (tomoyo_path_keyword[]). */
export const PATH_KEYWORDS = [
  'execute',
  'read',
  'write',
  'append',
  'unlink',
  'getattr',
  'rmdir',
  'truncate',
  'symlink',
  'chroot',
  'unmount',
] as const;
/** tomoyo_path_number_keyword[]. */
export const PATH_NUMBER_KEYWORDS = [
  'create',
  'mkdir',
  'mkfifo',
  'mksock',
  'ioctl',
  'chmod',
  'chown',
  'chgrp',
] as const;
/** tomoyo_mkdev_keyword[]. */
export const MKDEV_KEYWORDS = ['mkblock', 'mkchar'] as const;
/** tomoyo_path2_keyword[]. */
export const PATH2_KEYWORDS = ['link', 'rename', 'pivot_root'] as const;

export type PathOp = (typeof PATH_KEYWORDS)[number];
export type PathNumberOp = (typeof PATH_NUMBER_KEYWORDS)[number];
export type Path2Op = (typeof PATH2_KEYWORDS)[number];

/** TOMOYO_CONFIG_*. */
export const TOMOYO_CONFIG_DISABLED = 0;
export const TOMOYO_CONFIG_LEARNING = 1;
export const TOMOYO_CONFIG_PERMISSIVE = 2;
export const TOMOYO_CONFIG_ENFORCING = 3;
export const MODE_NAMES = ['disabled', 'learning', 'permissive', 'enforcing'] as const;
const CONFIG_WANT_REJECT_LOG = 64;
const CONFIG_WANT_GRANT_LOG = 32;
/** TOMOYO_CONFIG_USE_DEFAULT. */
const USE_DEFAULT = 255;

/** The MAC index of each operation (tomoyo_p2mac[], tomoyo_pn2mac[], tomoyo_pp2mac[]) and its keyword. */
export const MAC_OF: Readonly<Record<string, string>> = {
  execute: 'execute',
  read: 'open',
  write: 'open',
  append: 'open',
  unlink: 'unlink',
  getattr: 'getattr',
  rmdir: 'rmdir',
  truncate: 'truncate',
  symlink: 'symlink',
  chroot: 'chroot',
  unmount: 'unmount',
  create: 'create',
  mkdir: 'mkdir',
  mkfifo: 'mkfifo',
  mksock: 'mksock',
  ioctl: 'ioctl',
  chmod: 'chmod',
  chown: 'chown',
  chgrp: 'chgrp',
  mkblock: 'mkblock',
  mkchar: 'mkchar',
  link: 'link',
  rename: 'rename',
  pivot_root: 'pivot_root',
};
const FILE_MAC = new Set([...Object.values(MAC_OF), 'mount']);

/** A name in an ACL: a word (maybe a pattern) or "@group". */
export type NameUnion = { readonly word: string } | { readonly group: string };
/** A number in an ACL: a range (min = max for one value) in the radix it was written in, or "@group". */
export type NumberUnion =
  { readonly min: number; readonly max: number; readonly radix: 8 | 10 | 16 } | { readonly group: string };

export type Acl =
  | { readonly kind: 'path'; perm: number; readonly name: NameUnion }
  | { readonly kind: 'path_number'; perm: number; readonly name: NameUnion; readonly number: NumberUnion }
  | {
      readonly kind: 'mkdev';
      perm: number;
      readonly name: NameUnion;
      readonly mode: NumberUnion;
      readonly major: NumberUnion;
      readonly minor: NumberUnion;
    }
  | { readonly kind: 'path2'; perm: number; readonly name1: NameUnion; readonly name2: NameUnion }
  /** A line of a class the model does not enforce (network, misc, task, ipc, capability, file mount). */
  | { readonly kind: 'raw'; readonly text: string };

export interface Domain {
  readonly name: string;
  profile: number;
  groups: number[];
  acls: Acl[];
  quotaExceeded: boolean;
  transitionFailed: boolean;
  deleted: boolean;
}

export type TransitionType = 'no_reset' | 'reset' | 'no_initialize' | 'initialize' | 'no_keep' | 'keep';
/** In tomoyo_transition_type()'s order. */
export const TRANSITION_TYPES: readonly TransitionType[] = [
  'no_reset',
  'reset',
  'no_initialize',
  'initialize',
  'no_keep',
  'keep',
];

export interface TransitionControl {
  readonly type: TransitionType;
  /** null: "any". */
  readonly program: string | null;
  /** null: "any"; a domainname, or a program's name when isLastName. */
  readonly domainname: string | null;
  readonly isLastName: boolean;
}

export interface Profile {
  comment: string;
  /** default_config: the mode in the low bits, the log wishes above. */
  defaultConfig: number;
  /** CONFIG::file and CONFIG::file::<mac> entries. */
  config: Map<string, number>;
  maxAuditLog: number;
  maxLearningEntry: number;
}

export interface TomoyoPolicy {
  domains: Map<string, Domain>;
  /** The order domains were created (tomoyo_domain_list). */
  order: string[];
  transitions: TransitionControl[];
  pathGroups: Map<string, string[]>;
  numberGroups: Map<string, { min: number; max: number; radix: 8 | 10 | 16 }[]>;
  aclGroups: Map<number, Acl[]>;
  profiles: Map<number, Profile>;
  profileVersion: number;
  managers: string[];
  /** Exception-policy lines the model keeps but does not enforce (aggregator, deny_autobind, …). */
  rawException: string[];
}

export const KERNEL_DOMAIN = '<kernel>';

export function newPolicy(): TomoyoPolicy {
  const kernel: Domain = {
    name: KERNEL_DOMAIN,
    profile: 0,
    groups: [],
    acls: [],
    quotaExceeded: false,
    transitionFailed: false,
    deleted: false,
  };
  return {
    domains: new Map([[KERNEL_DOMAIN, kernel]]),
    order: [KERNEL_DOMAIN],
    transitions: [],
    pathGroups: new Map(),
    numberGroups: new Map(),
    aclGroups: new Map(),
    profiles: new Map(),
    profileVersion: 0,
    managers: [],
    rawException: [],
  };
}

/** A deep copy, for an atomic write. */
export function clonePolicy(p: TomoyoPolicy): TomoyoPolicy {
  const acl = (a: Acl): Acl => ({ ...a });
  return {
    domains: new Map([...p.domains].map(([k, d]) => [k, { ...d, groups: [...d.groups], acls: d.acls.map(acl) }])),
    order: [...p.order],
    transitions: [...p.transitions],
    pathGroups: new Map([...p.pathGroups].map(([k, v]) => [k, [...v]])),
    numberGroups: new Map([...p.numberGroups].map(([k, v]) => [k, [...v]])),
    aclGroups: new Map([...p.aclGroups].map(([k, v]) => [k, v.map(acl)])),
    profiles: new Map([...p.profiles].map(([k, v]) => [k, { ...v, config: new Map(v.config) }])),
    profileVersion: p.profileVersion,
    managers: [...p.managers],
    rawException: [...p.rawException],
  };
}

export interface PolicyError {
  readonly line: number;
  readonly col: number;
  readonly reason: string;
}
class LineError extends Error {
  constructor(
    readonly col: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** tomoyo_normalize_line(): runs of whitespace become one space, none at either end; with the column of each word. */
function words(line: string): { w: string; col: number }[] {
  const out: { w: string; col: number }[] = [];
  const re = /\S+/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push({ w: m[0], col: m.index + 1 });
  return out;
}

/** tomoyo_correct_domain(): "<name>" then absolute program names. */
export function domainProblem(d: string): string | null {
  const parts = d.split(' ');
  const head = parts[0]!;
  if (!/^<[^<>\s]+>$/.test(head)) return `a domainname starts with a namespace such as "<kernel>", not "${head}"`;
  for (const p of parts.slice(1)) {
    if (!p.startsWith('/')) return `"${p}" in a domainname is not an absolute program name`;
    const w = wordProblem(p);
    if (w) return `"${p}": ${w.why}`;
  }
  return null;
}

function parseName(t: { w: string; col: number }, what: string): NameUnion {
  if (t.w.startsWith('@')) {
    if (t.w.length === 1) throw new LineError(t.col, `${what}: "@" needs a path_group name`);
    return { group: t.w.slice(1) };
  }
  const p = wordProblem(t.w);
  if (p) throw new LineError(t.col + p.at, `${what} "${t.w}": ${p.why}`);
  return { word: t.w };
}

/** tomoyo_parse_ulong(): 0x… hexadecimal, 0… octal, else decimal. */
function parseUlong(s: string): { v: number; radix: 8 | 10 | 16 } | null {
  if (/^0[xX][0-9a-fA-F]+$/.test(s)) return { v: parseInt(s.slice(2), 16), radix: 16 };
  if (/^0[0-7]*$/.test(s)) return { v: parseInt(s, 8) || 0, radix: 8 };
  if (/^[1-9][0-9]*$/.test(s)) return { v: parseInt(s, 10), radix: 10 };
  return null;
}

function parseNumber(t: { w: string; col: number }, what: string): NumberUnion {
  if (t.w.startsWith('@')) return { group: t.w.slice(1) };
  const [a, b, ...rest] = t.w.split('-');
  const lo = parseUlong(a ?? '');
  const hi = b === undefined ? lo : parseUlong(b);
  if (!lo || !hi || rest.length || hi.v < lo.v) throw new LineError(t.col, `${what} "${t.w}" is not a number or range`);
  return { min: lo.v, max: hi.v, radix: lo.radix };
}

/** tomoyo_write_file(): one "file ..." line (after "file "). */
function parseFileAcl(ws: { w: string; col: number }[]): Acl {
  const opsTok = ws[0];
  if (!opsTok) throw new LineError(1, 'a "file" line needs operations and a path');
  const ops = opsTok.w.split('/');
  const all = (list: readonly string[]) => ops.every((o) => list.includes(o));
  const bits = (list: readonly string[]) => ops.reduce((m, o) => m | (1 << list.indexOf(o)), 0);
  const conditions = (n: number) => {
    if (ws.length > n) throw new LineError(ws[n]!.col, `conditions ("${ws[n]!.w}") are not modelled`);
  };
  const need = (n: number, shape: string) => {
    if (ws.length < n) throw new LineError(ws[ws.length - 1]!.col, `"file ${opsTok.w}" takes ${shape}`);
  };
  if (all(PATH_KEYWORDS)) {
    need(2, 'a path');
    conditions(2);
    return { kind: 'path', perm: bits(PATH_KEYWORDS), name: parseName(ws[1]!, 'path') };
  }
  if (all(PATH_NUMBER_KEYWORDS)) {
    need(3, 'a path and a number');
    conditions(3);
    return {
      kind: 'path_number',
      perm: bits(PATH_NUMBER_KEYWORDS),
      name: parseName(ws[1]!, 'path'),
      number: parseNumber(ws[2]!, 'number'),
    };
  }
  if (all(MKDEV_KEYWORDS)) {
    need(5, 'a path, a mode, a major and a minor');
    conditions(5);
    return {
      kind: 'mkdev',
      perm: bits(MKDEV_KEYWORDS),
      name: parseName(ws[1]!, 'path'),
      mode: parseNumber(ws[2]!, 'mode'),
      major: parseNumber(ws[3]!, 'major'),
      minor: parseNumber(ws[4]!, 'minor'),
    };
  }
  if (all(PATH2_KEYWORDS)) {
    need(3, 'two paths');
    conditions(3);
    return {
      kind: 'path2',
      perm: bits(PATH2_KEYWORDS),
      name1: parseName(ws[1]!, 'path'),
      name2: parseName(ws[2]!, 'path'),
    };
  }
  if (opsTok.w === 'mount') return { kind: 'raw', text: `file ${ws.map((x) => x.w).join(' ')}` };
  const bad = ops.find(
    (o) => ![...PATH_KEYWORDS, ...PATH_NUMBER_KEYWORDS, ...MKDEV_KEYWORDS, ...PATH2_KEYWORDS].includes(o as never),
  );
  throw new LineError(
    opsTok.col,
    bad ? `"${bad}" is not a file operation` : `"${opsTok.w}" mixes operations that take different arguments`,
  );
}

function sameNames(a: NameUnion, b: NameUnion): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** tomoyo_same_*_acl(): entries that differ only in their permission bits merge. */
function sameAcl(a: Acl, b: Acl): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'path':
      return sameNames(a.name, (b as typeof a).name);
    case 'path_number':
      return (
        sameNames(a.name, (b as typeof a).name) && JSON.stringify(a.number) === JSON.stringify((b as typeof a).number)
      );
    case 'mkdev': {
      const o = b as typeof a;
      return (
        sameNames(a.name, o.name) &&
        JSON.stringify([a.mode, a.major, a.minor]) === JSON.stringify([o.mode, o.major, o.minor])
      );
    }
    case 'path2':
      return sameNames(a.name1, (b as typeof a).name1) && sameNames(a.name2, (b as typeof a).name2);
    case 'raw':
      return a.text === (b as typeof a).text;
  }
}

/** tomoyo_update_domain(): merge into an equal entry (or add at the tail); delete clears the bits. */
export function updateAcl(list: Acl[], acl: Acl, isDelete: boolean): void {
  const i = list.findIndex((x) => sameAcl(x, acl));
  if (i >= 0) {
    const e = list[i]!;
    if (e.kind === 'raw') {
      if (isDelete) list.splice(i, 1);
      return;
    }
    e.perm = isDelete ? e.perm & ~(acl as { perm: number }).perm : e.perm | (acl as { perm: number }).perm;
    if (e.perm === 0) list.splice(i, 1);
    return;
  }
  if (!isDelete) list.push(acl);
}

/** The classes of domain-policy lines the model keeps without enforcing them. */
const RAW_CLASSES = new Set(['network', 'misc', 'task', 'ipc', 'capability']);

/** tomoyo_write_domain2(): one ACL line. */
function parseAclLine(ws: { w: string; col: number }[]): Acl {
  const head = ws[0]!;
  if (head.w === 'file') return parseFileAcl(ws.slice(1));
  if (RAW_CLASSES.has(head.w)) return { kind: 'raw', text: ws.map((x) => x.w).join(' ') };
  throw new LineError(head.col, `"${head.w}" is not a policy class (file, network, misc, task, ipc, capability)`);
}

/** Runs `each` over the lines of `text` on a copy of `policy`; the copy, or where the first bad line is. */
function applyLines(
  policy: TomoyoPolicy,
  text: string,
  each: (p: TomoyoPolicy, ws: { w: string; col: number }[], line: string) => void,
): { policy: TomoyoPolicy } | { error: PolicyError } {
  const p = clonePolicy(policy);
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    const ws = words(line);
    if (ws.length === 0) continue;
    try {
      each(p, ws, line);
    } catch (e) {
      if (e instanceof LineError) return { error: { line: i + 1, col: e.col, reason: e.reason } };
      throw e;
    }
  }
  return { policy: p };
}

/** tomoyo_assign_domain(name, false): find or create a domain (profile 0, no groups). */
export function assignDomain(p: TomoyoPolicy, name: string, profile = 0, groups: number[] = []): Domain {
  let d = p.domains.get(name);
  if (d && !d.deleted) return d;
  d = { name, profile, groups: [...groups], acls: [], quotaExceeded: false, transitionFailed: false, deleted: false };
  p.domains.set(name, d);
  p.order = [...p.order.filter((n) => n !== name), name];
  return d;
}

/**
 * tomoyo_write_domain(): a domainname line selects (creating it if needed) the domain the next
 * lines are about; "select <domainname>" selects an existing one; "delete <domainname>" deletes
 * it; then use_profile, use_group, quota_exceeded, transition_failed and ACLs ("delete" before
 * an ACL removes it).
 */
export function writeDomainPolicy(
  policy: TomoyoPolicy,
  text: string,
  selected: string | null,
): { policy: TomoyoPolicy; selected: string | null } | { error: PolicyError } {
  let cur = selected;
  const r = applyLines(policy, text, (p, ws, line) => {
    const rest = line.trim().replace(/\s+/g, ' ');
    let isDelete = false;
    let body = ws;
    if (ws[0]!.w === 'delete') {
      isDelete = true;
      body = ws.slice(1);
      if (!body.length) throw new LineError(ws[0]!.col, '"delete" needs what to delete');
    }
    const joined = body.map((x) => x.w).join(' ');
    if (body[0]!.w.startsWith('<') || (body[0]!.w === 'select' && body[1]?.w.startsWith('<'))) {
      const isSelect = body[0]!.w === 'select';
      const name = isSelect
        ? body
            .slice(1)
            .map((x) => x.w)
            .join(' ')
        : joined;
      const problem = domainProblem(name);
      if (problem) throw new LineError(body[isSelect ? 1 : 0]!.col, problem);
      if (isDelete) {
        if (name === KERNEL_DOMAIN) throw new LineError(body[0]!.col, 'the <kernel> domain cannot be deleted');
        const d = p.domains.get(name);
        if (d) d.deleted = true;
        cur = null;
        return;
      }
      if (isSelect) {
        const d = p.domains.get(name);
        if (!d || d.deleted) throw new LineError(body[1]!.col, `no domain "${name}" to select`);
        cur = name;
        return;
      }
      assignDomain(p, name);
      cur = name;
      return;
    }
    void rest;
    const domain = cur ? p.domains.get(cur) : undefined;
    if (!domain)
      throw new LineError(body[0]!.col, 'no domain selected: write a domainname line such as "<kernel>" first');
    const kw = body[0]!.w;
    if (kw === 'use_profile' || kw === 'use_group') {
      const n = body[1];
      if (!n || !/^\d+$/.test(n.w) || Number(n.w) > 255 || body.length > 2)
        throw new LineError((n ?? body[0]!).col, `"${kw}" takes a number from 0 to 255`);
      if (kw === 'use_profile') {
        if (!isDelete) domain.profile = Number(n.w);
      } else {
        const g = Number(n.w);
        domain.groups = isDelete
          ? domain.groups.filter((x) => x !== g)
          : [...new Set([...domain.groups, g])].sort((a, b) => a - b);
      }
      return;
    }
    if (kw === 'quota_exceeded' || kw === 'transition_failed') {
      if (kw === 'quota_exceeded') domain.quotaExceeded = !isDelete;
      else domain.transitionFailed = !isDelete;
      return;
    }
    updateAcl(domain.acls, parseAclLine(body), isDelete);
  });
  if ('error' in r) return r;
  return { policy: r.policy, selected: cur };
}

/** tomoyo_write_exception(): transition controls, groups, acl_group and the lines kept raw. */
export function writeExceptionPolicy(
  policy: TomoyoPolicy,
  text: string,
): { policy: TomoyoPolicy } | { error: PolicyError } {
  return applyLines(policy, text, (p, ws) => {
    let isDelete = false;
    let body = ws;
    if (ws[0]!.w === 'delete') {
      isDelete = true;
      body = ws.slice(1);
      if (!body.length) throw new LineError(ws[0]!.col, '"delete" needs what to delete');
    }
    const kw = body[0]!.w;
    const type = TRANSITION_TYPES.find((t) => `${t}_domain` === kw);
    if (type) {
      const args = body.slice(1);
      const fromAt = args.findIndex((a) => a.w === 'from');
      let program: { w: string; col: number }[] | null = fromAt >= 0 ? args.slice(0, fromAt) : args;
      let domain: { w: string; col: number }[] | null = fromAt >= 0 ? args.slice(fromAt + 1) : null;
      if (fromAt < 0 && (type === 'keep' || type === 'no_keep')) {
        domain = program;
        program = null;
      }
      if (program && program.length !== 1)
        throw new LineError((program[1] ?? body[0]!).col, `"${kw}" takes one program (or "any")`);
      const prog = program?.[0];
      let e: TransitionControl = { type, program: null, domainname: null, isLastName: false };
      if (prog && prog.w !== 'any') {
        const problem = prog.w.startsWith('/') ? wordProblem(prog.w) : { at: 0, why: 'not an absolute program name' };
        if (problem) throw new LineError(prog.col + problem.at, `"${prog.w}": ${problem.why}`);
        e = { ...e, program: prog.w };
      }
      if (domain) {
        if (!domain.length)
          throw new LineError(body[body.length - 1]!.col, `"from" needs a domainname, a program or "any"`);
        const name = domain.map((x) => x.w).join(' ');
        if (name !== 'any') {
          if (domainProblem(name) === null) e = { ...e, domainname: name };
          else if (domain.length === 1 && domain[0]!.w.startsWith('/') && !wordProblem(name))
            e = { ...e, domainname: name, isLastName: true };
          else throw new LineError(domain[0]!.col, `"${name}" is neither a domainname nor a program`);
        }
      }
      const same = (x: TransitionControl) => JSON.stringify(x) === JSON.stringify(e);
      p.transitions = p.transitions.filter((x) => !same(x));
      if (!isDelete) p.transitions.push(e);
      return;
    }
    if (kw === 'path_group' || kw === 'number_group') {
      const [g, v] = [body[1], body[2]];
      if (!g || !v || body.length > 3) throw new LineError(body[0]!.col, `"${kw}" takes a group name and one member`);
      if (kw === 'path_group') {
        const problem = wordProblem(v.w);
        if (problem) throw new LineError(v.col + problem.at, `"${v.w}": ${problem.why}`);
        const list = (p.pathGroups.get(g.w) ?? []).filter((x) => x !== v.w);
        if (!isDelete) list.push(v.w);
        p.pathGroups.set(g.w, list);
      } else {
        const n = parseNumber(v, 'number');
        if ('group' in n) throw new LineError(v.col, 'a number_group member is a number or range');
        const list = (p.numberGroups.get(g.w) ?? []).filter((x) => JSON.stringify(x) !== JSON.stringify(n));
        if (!isDelete) list.push(n);
        p.numberGroups.set(g.w, list);
      }
      return;
    }
    if (kw === 'acl_group') {
      const g = body[1];
      if (!g || !/^\d+$/.test(g.w) || Number(g.w) > 255)
        throw new LineError((g ?? body[0]!).col, '"acl_group" takes a number from 0 to 255 and an ACL');
      if (body.length < 3) throw new LineError(g.col, '"acl_group" takes a number and an ACL');
      const list = p.aclGroups.get(Number(g.w)) ?? [];
      updateAcl(list, parseAclLine(body.slice(2)), isDelete);
      p.aclGroups.set(Number(g.w), list);
      return;
    }
    if (['aggregator', 'deny_autobind', 'address_group'].includes(kw)) {
      const text = body.map((x) => x.w).join(' ');
      p.rawException = p.rawException.filter((x) => x !== text);
      if (!isDelete) p.rawException.push(text);
      return;
    }
    throw new LineError(body[0]!.col, `"${kw}" is not an exception policy keyword`);
  });
}

/** tomoyo_assign_profile(): a new profile starts disabled with both logs wanted. */
function newProfile(): Profile {
  return {
    comment: '',
    defaultConfig: TOMOYO_CONFIG_DISABLED | CONFIG_WANT_GRANT_LOG | CONFIG_WANT_REJECT_LOG,
    config: new Map(),
    maxAuditLog: 1024,
    maxLearningEntry: 2048,
  };
}

/** tomoyo_set_mode(): "{ mode=… grant_log=… reject_log=… }" over `config`. */
function setMode(value: string, config: number, col: number, canUseDefault: boolean): number {
  if (canUseDefault && value.includes('use_default')) return USE_DEFAULT;
  let c = config === USE_DEFAULT ? TOMOYO_CONFIG_DISABLED | CONFIG_WANT_GRANT_LOG | CONFIG_WANT_REJECT_LOG : config;
  const m = /mode=(\w+)/.exec(value);
  if (m) {
    const i = MODE_NAMES.indexOf(m[1] as (typeof MODE_NAMES)[number]);
    if (i < 0) throw new LineError(col, `"mode=${m[1]}": the modes are disabled, learning, permissive and enforcing`);
    c = (c & ~7) | i;
  }
  if (value.includes('grant_log=yes')) c |= CONFIG_WANT_GRANT_LOG;
  else if (value.includes('grant_log=no')) c &= ~CONFIG_WANT_GRANT_LOG;
  if (value.includes('reject_log=yes')) c |= CONFIG_WANT_REJECT_LOG;
  else if (value.includes('reject_log=no')) c &= ~CONFIG_WANT_REJECT_LOG;
  return c;
}

/** tomoyo_write_profile(): PROFILE_VERSION, N-COMMENT, N-PREFERENCE, N-CONFIG[::category[::mac]]. */
export function writeProfile(policy: TomoyoPolicy, text: string): { policy: TomoyoPolicy } | { error: PolicyError } {
  return applyLines(policy, text, (p, ws, line) => {
    const s = line.trim();
    const col = ws[0]!.col;
    const v = /^PROFILE_VERSION=(\d+)$/.exec(s);
    if (v) {
      p.profileVersion = Number(v[1]);
      return;
    }
    const m = /^(\d+)-([A-Z:a-z_]+)=(.*)$/.exec(s);
    if (!m || Number(m[1]) > 255)
      throw new LineError(col, 'a profile line is "N-COMMENT=…", "N-PREFERENCE={ … }" or "N-CONFIG…={ … }" (N 0–255)');
    const n = Number(m[1]);
    const key = m[2]!;
    const value = m[3]!;
    const prof = p.profiles.get(n) ?? newProfile();
    p.profiles.set(n, prof);
    if (key === 'COMMENT') {
      prof.comment = value;
      return;
    }
    if (key === 'PREFERENCE') {
      const a = /max_audit_log=(\d+)/.exec(value);
      const b = /max_learning_entry=(\d+)/.exec(value);
      if (a) prof.maxAuditLog = Number(a[1]);
      if (b) prof.maxLearningEntry = Number(b[1]);
      return;
    }
    if (key === 'CONFIG') {
      prof.defaultConfig = setMode(value, prof.defaultConfig, col, false);
      return;
    }
    const c = /^CONFIG::([a-z_]+)(?:::([a-z_]+))?$/.exec(key);
    if (!c) throw new LineError(col + m[1]!.length + 1, `"${key}" is not a profile key`);
    const [cat, mac] = [c[1]!, c[2]];
    if (cat !== 'file' && !['network', 'misc', 'ipc', 'capability'].includes(cat))
      throw new LineError(col + m[1]!.length + 1, `"${cat}" is not a profile category`);
    if (mac && cat === 'file' && !FILE_MAC.has(mac))
      throw new LineError(col + m[1]!.length + 1, `"${mac}" is not a file operation of the profile`);
    const k = mac ? `${cat}::${mac}` : cat;
    prof.config.set(k, setMode(value, prof.config.get(k) ?? USE_DEFAULT, col, true));
  });
}

/** tomoyo_write_manager(): domainnames or absolute program names. */
export function writeManager(policy: TomoyoPolicy, text: string): { policy: TomoyoPolicy } | { error: PolicyError } {
  return applyLines(policy, text, (p, ws) => {
    let body = ws;
    let isDelete = false;
    if (ws[0]!.w === 'delete') {
      isDelete = true;
      body = ws.slice(1);
    }
    const name = body.map((x) => x.w).join(' ');
    if (!name) throw new LineError(ws[0]!.col, '"delete" needs a manager');
    const ok = name.startsWith('<')
      ? domainProblem(name) === null
      : body.length === 1 && name.startsWith('/') && !wordProblem(name) && !isPattern(name);
    if (!ok) throw new LineError(body[0]!.col, `"${name}" is neither a domainname nor an absolute program name`);
    p.managers = p.managers.filter((x) => x !== name);
    if (!isDelete) p.managers.push(name);
  });
}

/**
 * The profile config key of a MAC ("file::open"), one string per key: built by concatenation on
 * every check, each key was a new string whose hash the Map look-up had to compute again.
 */
const CONFIG_KEYS = new Map<string, Map<string, string>>();
function configKey(category: string, mac: string): string {
  let byMac = CONFIG_KEYS.get(category);
  if (byMac === undefined) CONFIG_KEYS.set(category, (byMac = new Map()));
  let key = byMac.get(mac);
  if (key === undefined) byMac.set(mac, (key = `${category}::${mac}`));
  return key;
}

/** tomoyo_get_mode(): the MAC's own config, else its category's, else the profile default; disabled without a profile. */
export function getMode(p: TomoyoPolicy, profile: number, mac: string, category = 'file'): number {
  const prof = p.profiles.get(profile);
  if (!prof) return TOMOYO_CONFIG_DISABLED;
  let mode = prof.config.get(configKey(category, mac)) ?? USE_DEFAULT;
  if (mode === USE_DEFAULT) mode = prof.config.get(category) ?? USE_DEFAULT;
  if (mode === USE_DEFAULT) mode = prof.defaultConfig;
  return mode & 3;
}

/** tomoyo_get_audit(): the log wish of the MAC (grant or reject) and the room left in the log. */
export function wantAudit(p: TomoyoPolicy, profile: number, mac: string, granted: boolean, logCount: number): boolean {
  const prof = p.profiles.get(profile);
  if (!prof || logCount >= prof.maxAuditLog) return false;
  let mode = prof.config.get(configKey('file', mac)) ?? USE_DEFAULT;
  if (mode === USE_DEFAULT) mode = prof.config.get('file') ?? USE_DEFAULT;
  if (mode === USE_DEFAULT) mode = prof.defaultConfig;
  return granted ? (mode & CONFIG_WANT_GRANT_LOG) !== 0 : (mode & CONFIG_WANT_REJECT_LOG) !== 0;
}

// ---- printing ------------------------------------------------------------------------------

function nameStr(n: NameUnion): string {
  return 'word' in n ? n.word : `@${n.group}`;
}
/** tomoyo_print_number_union(): in the radix the number was written in. */
function numStr(n: NumberUnion): string {
  if ('group' in n) return `@${n.group}`;
  const f = (v: number) =>
    n.radix === 16 ? `0x${v.toString(16).toUpperCase()}` : n.radix === 8 ? `0${v.toString(8)}` : String(v);
  return n.min === n.max ? f(n.min) : `${f(n.min)}-${f(n.max)}`;
}

/** tomoyo_print_entry(): "file op1/op2 args". */
export function aclLine(a: Acl): string {
  const ops = (list: readonly string[]) => list.filter((_, i) => a.kind !== 'raw' && a.perm & (1 << i)).join('/');
  switch (a.kind) {
    case 'path':
      return `file ${ops(PATH_KEYWORDS)} ${nameStr(a.name)}`;
    case 'path_number':
      return `file ${ops(PATH_NUMBER_KEYWORDS)} ${nameStr(a.name)} ${numStr(a.number)}`;
    case 'mkdev':
      return `file ${ops(MKDEV_KEYWORDS)} ${nameStr(a.name)} ${numStr(a.mode)} ${numStr(a.major)} ${numStr(a.minor)}`;
    case 'path2':
      return `file ${ops(PATH2_KEYWORDS)} ${nameStr(a.name1)} ${nameStr(a.name2)}`;
    case 'raw':
      return a.text;
  }
}

/** tomoyo_read_domain(): each domain, its profile, flags and groups, a blank line, its ACLs, a blank line. */
export function readDomainPolicy(p: TomoyoPolicy): string {
  let out = '';
  for (const name of p.order) {
    const d = p.domains.get(name);
    if (!d || d.deleted) continue;
    out += `${d.name}\nuse_profile ${d.profile}\n`;
    if (d.quotaExceeded) out += 'quota_exceeded\n';
    if (d.transitionFailed) out += 'transition_failed\n';
    for (const g of d.groups) out += `use_group ${g}\n`;
    out += '\n';
    for (const a of d.acls) out += `${aclLine(a)}\n`;
    out += '\n';
  }
  return out;
}

/**
 * tomoyo_read_exception(): transition controls (in the order written, each as "<type>_domain
 * <program|any> from <domainname|any>"), the lines kept raw, then groups and ACL groups.
 */
export function readExceptionPolicy(p: TomoyoPolicy): string {
  let out = '';
  for (const e of p.transitions) out += `${e.type}_domain ${e.program ?? 'any'} from ${e.domainname ?? 'any'}\n`;
  for (const x of p.rawException) out += `${x}\n`;
  for (const [g, list] of p.pathGroups) for (const v of list) out += `path_group ${g} ${v}\n`;
  for (const [g, list] of p.numberGroups) for (const v of list) out += `number_group ${g} ${numStr(v)}\n`;
  for (const [g, list] of [...p.aclGroups.entries()].sort((a, b) => a[0] - b[0]))
    for (const a of list) out += `acl_group ${g} ${aclLine(a)}\n`;
  return out;
}

function configStr(c: number): string {
  return `{ mode=${MODE_NAMES[c & 3]} grant_log=${c & CONFIG_WANT_GRANT_LOG ? 'yes' : 'no'} reject_log=${c & CONFIG_WANT_REJECT_LOG ? 'yes' : 'no'} }`;
}

/** tomoyo_read_profile(). */
export function readProfile(p: TomoyoPolicy): string {
  let out = p.profileVersion ? `PROFILE_VERSION=${p.profileVersion}\n` : '';
  for (const [n, prof] of [...p.profiles.entries()].sort((a, b) => a[0] - b[0])) {
    out += `${n}-COMMENT=${prof.comment}\n`;
    out += `${n}-PREFERENCE={ max_audit_log=${prof.maxAuditLog} max_learning_entry=${prof.maxLearningEntry} }\n`;
    out += `${n}-CONFIG=${configStr(prof.defaultConfig)}\n`;
    for (const [k, c] of prof.config) if (c !== USE_DEFAULT) out += `${n}-CONFIG::${k}=${configStr(c)}\n`;
  }
  return out;
}
