// The IS_PRIVATE(inode) early returns of security/security.c (7.1): for private inodes (S_PRIVATE,
// e.g. filesystem-internal xattr or journal inodes) these wrappers return without asking any LSM.
// The list was read from security.c of 7.1.3 into securityWrappers.json.
import type { Struct } from '../kernel/objects';
// A named import: the bundle keeps this list only, not the file's notes and alloc wrappers (30 KB).
import { isPrivateGuards } from './securityWrappers.json';

/** include/linux/fs.h S_PRIVATE: "Inode is fs-internal". */
export const S_PRIVATE = 1 << 9;

interface Guard {
  readonly hook: string;
  readonly checks: string;
  /** The early return: a number, the text `LSM_RET_DEFAULT(hook)`, or null for void hooks. */
  readonly returns: number | string | null;
}

const GUARDS: ReadonlyMap<string, Guard> = new Map((isPrivateGuards as unknown as Guard[]).map((g) => [g.hook, g]));

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

/** The early return of security_<hook>() for private inodes: `{ rc }` (rc null for void hooks). */
export interface PrivateReturn {
  readonly rc: number | null;
}

function earlyReturn(g: Guard, defaultRc: number | null): PrivateReturn {
  if (g.returns === null) return { rc: null };
  return {
    rc: typeof g.returns === 'string' && g.returns.startsWith('LSM_RET_DEFAULT') ? defaultRc : Number(g.returns),
  };
}

/**
 * Whether security_<hook>() returns early for these arguments, and with what: `{ rc }` with the
 * early return value (null for void hooks), or null when the LSMs are called as usual.
 */
export type PrivateGuard = (args: readonly unknown[]) => PrivateReturn | null;

/**
 * The IS_PRIVATE guard of security_<hook>(), or null when the wrapper has none. The check
 * expressions are parsed here, once per hook, so that a call only reads its arguments.
 */
export function privateGuardOf(
  hook: string,
  argNames: readonly string[],
  defaultRc: number | null,
): PrivateGuard | null {
  const g = GUARDS.get(hook);
  if (!g) return null;
  // Each check reads one argument, by its C name (the last one of that name), and
  // takes the inode from it: the argument itself, d_backing_inode(arg) or d_backing_inode(arg->dentry).
  const checks = g.checks.split(' || ').map((raw): ((args: readonly unknown[]) => unknown) => {
    const expr = raw.trim();
    const m = /^d_backing_inode\((\w+)(?:->dentry)?\)$/.exec(expr);
    const at = argNames.lastIndexOf(m ? m[1]! : expr.replace(/ \(.*\)$/, ''));
    if (at < 0) return () => undefined;
    if (!m) return (args) => args[at];
    if (expr.includes('->dentry')) return (args) => dInode(pathDentry(args[at]));
    return (args) => dInode(args[at]);
  });
  const early = earlyReturn(g, defaultRc);
  // Most wrappers check one argument: no loop over a list of checks on every call.
  if (checks.length === 1) {
    const inodeOf = checks[0]!;
    return (args) => (isPrivateInode(inodeOf(args)) ? early : null);
  }
  return (args) => {
    for (const inodeOf of checks) if (isPrivateInode(inodeOf(args))) return early;
    return null;
  };
}
