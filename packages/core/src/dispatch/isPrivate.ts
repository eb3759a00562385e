// The IS_PRIVATE(inode) early returns of security/security.c (7.1): for private inodes (S_PRIVATE,
// e.g. filesystem-internal xattr or journal inodes) these wrappers return without asking any LSM.
// The list was read from security.c of 7.1.3 into securityWrappers.json.
import type { Struct } from '../kernel/objects';
import WRAPPERS from './securityWrappers.json';

/** include/linux/fs.h S_PRIVATE: "Inode is fs-internal". */
export const S_PRIVATE = 1 << 9;

interface Guard {
  readonly hook: string;
  readonly checks: string;
  /** The early return: a number, the text `LSM_RET_DEFAULT(hook)`, or null for void hooks. */
  readonly returns: number | string | null;
}

const GUARDS: ReadonlyMap<string, Guard> = new Map(
  (WRAPPERS as unknown as { isPrivateGuards: Guard[] }).isPrivateGuards.map((g) => [g.hook, g]),
);

type Obj = Struct & Record<string, unknown>;

function isPrivateInode(inode: unknown): boolean {
  if (!inode || typeof inode !== 'object') return false;
  const o = inode as Obj;
  const flags = (o['i_flags'] ?? o.fields?.['i_flags']) as number | undefined;
  return typeof flags === 'number' && (flags & S_PRIVATE) !== 0;
}

/** d_backing_inode(dentry): the dentry's inode (no overlay stacking in the model). */
function dInode(dentry: unknown): unknown {
  if (!dentry || typeof dentry !== 'object') return null;
  const d = dentry as Obj;
  return d['d_inode'] ?? d.fields?.['d_inode'] ?? null;
}

function pathDentry(path: unknown): unknown {
  if (!path || typeof path !== 'object') return null;
  const p = path as Obj;
  return p['dentry'] ?? p.fields?.['dentry'] ?? null;
}

function resolve(expr: string, args: Readonly<Record<string, unknown>>): unknown {
  const m = /^d_backing_inode\((\w+)(?:->dentry)?\)$/.exec(expr);
  if (!m) return args[expr.replace(/ \(.*\)$/, '')];
  const base = args[m[1]!];
  return dInode(expr.includes('->dentry') ? pathDentry(base) : base);
}

/**
 * Whether security_<hook>() returns early for these arguments, and with what: `{ rc }` with the
 * early return value (null for void hooks), or null when the LSMs are called as usual.
 */
export function privateGuard(
  hook: string,
  argNames: () => readonly string[],
  args: readonly unknown[],
  defaultRc: number | null,
): { rc: number | null } | null {
  const g = GUARDS.get(hook);
  if (!g) return null;
  const named: Record<string, unknown> = {};
  argNames().forEach((n, i) => (named[n] = args[i]));
  const hit = g.checks.split(' || ').some((expr) => isPrivateInode(resolve(expr.trim(), named)));
  if (!hit) return null;
  if (g.returns === null) return { rc: null };
  return {
    rc: typeof g.returns === 'string' && g.returns.startsWith('LSM_RET_DEFAULT') ? defaultRc : Number(g.returns),
  };
}
