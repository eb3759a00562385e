// Syscall argument constants (x86_64 uapi values) and their parsing and strace-like printing.
import type { ArgKind } from './syscallTable';
import { LANDLOCK_CONSTANTS } from '../models/landlock/uapi';

export const O_RDONLY = 0;
export const O_WRONLY = 1;
export const O_RDWR = 2;
export const O_ACCMODE = 3;
export const O_CREAT = 0o100;
export const O_EXCL = 0o200;
export const O_NOCTTY = 0o400;
export const O_TRUNC = 0o1000;
export const O_APPEND = 0o2000;
export const O_NONBLOCK = 0o4000;
export const O_DIRECTORY = 0o200000;
export const O_NOFOLLOW = 0o400000;
export const O_NOATIME = 0o1000000;
export const O_CLOEXEC = 0o2000000;
export const O_PATH = 0o10000000;

export const AT_FDCWD = -100;
export const AT_SYMLINK_NOFOLLOW = 0x100;
export const AT_REMOVEDIR = 0x200;
export const AT_SYMLINK_FOLLOW = 0x400;
export const AT_NO_AUTOMOUNT = 0x800;
export const AT_EMPTY_PATH = 0x1000;
/** AT_STATX_SYNC_TYPE: the two bits of AT_STATX_FORCE_SYNC (0x2000) and AT_STATX_DONT_SYNC (0x4000). */
export const AT_STATX_SYNC_TYPE = 0x6000;
/** STATX_BASIC_STATS (include/uapi/linux/stat.h): what stat(2) returns. */
export const STATX_BASIC_STATS = 0x7ff;

/** `v` as strace prints a flag set: the names of its bits, then what is left in hex; `none` for 0. */
function flagNames(v: number, names: readonly [string, number][], none: string): string {
  let rest = v;
  const out: string[] = [];
  for (const [name, bit] of names) {
    if (rest & bit) {
      out.push(name);
      rest &= ~bit;
    }
  }
  if (rest) out.push(`0x${rest.toString(16)}`);
  return out.length ? out.join('|') : none;
}

/** faccessat2()'s flags: AT_EACCESS is AT_REMOVEDIR's bit, named for what it means here. */
const ACCESS_FLAGS: readonly [string, number][] = [
  ['AT_SYMLINK_NOFOLLOW', 0x100],
  ['AT_EACCESS', 0x200],
  ['AT_EMPTY_PATH', 0x1000],
];

/** access()'s mode bits (include/uapi/linux/unistd.h … fcntl.h), as strace prints them. */
const ACCESS_MODES: readonly [string, number][] = [
  ['R_OK', 4],
  ['W_OK', 2],
  ['X_OK', 1],
];

/** The AT_* flags as strace names them, in its order. */
const AT_FLAGS: readonly [string, number][] = [
  ['AT_SYMLINK_NOFOLLOW', AT_SYMLINK_NOFOLLOW],
  ['AT_REMOVEDIR', AT_REMOVEDIR],
  ['AT_SYMLINK_FOLLOW', AT_SYMLINK_FOLLOW],
  ['AT_NO_AUTOMOUNT', AT_NO_AUTOMOUNT],
  ['AT_EMPTY_PATH', AT_EMPTY_PATH],
  ['AT_STATX_FORCE_SYNC', 0x2000],
  ['AT_STATX_DONT_SYNC', 0x4000],
];

const OPEN_FLAGS: readonly [string, number][] = [
  ['O_CREAT', O_CREAT],
  ['O_EXCL', O_EXCL],
  ['O_NOCTTY', O_NOCTTY],
  ['O_TRUNC', O_TRUNC],
  ['O_APPEND', O_APPEND],
  ['O_NONBLOCK', O_NONBLOCK],
  ['O_DIRECTORY', O_DIRECTORY],
  ['O_NOFOLLOW', O_NOFOLLOW],
  ['O_NOATIME', O_NOATIME],
  ['O_CLOEXEC', O_CLOEXEC],
  ['O_PATH', O_PATH],
];

const CONSTANTS: Readonly<Record<string, number>> = {
  O_RDONLY,
  O_WRONLY,
  O_RDWR,
  ...Object.fromEntries(OPEN_FLAGS),
  AT_FDCWD,
  AT_SYMLINK_NOFOLLOW,
  AT_REMOVEDIR,
  AT_SYMLINK_FOLLOW,
  AT_NO_AUTOMOUNT,
  AT_EMPTY_PATH,
  // faccessat2(): AT_EACCESS shares AT_REMOVEDIR's bit; access() modes (include/uapi/linux/unistd.h).
  AT_EACCESS: 0x200,
  F_OK: 0,
  X_OK: 1,
  W_OK: 2,
  R_OK: 4,
  AT_STATX_FORCE_SYNC: 0x2000,
  AT_STATX_DONT_SYNC: 0x4000,
  STATX_BASIC_STATS,
  ...LANDLOCK_CONSTANTS,
};

/** Parses one argument: numbers, numeric strings ("0644", "0x10"), and A|B constant names. */
export function parseArg(kind: ArgKind, raw: number | string): number | string | { error: string } {
  if (kind === 'path' || kind === 'string' || kind === 'bytes') {
    return typeof raw === 'string' ? raw : { error: `expected a string, got ${JSON.stringify(raw)}` };
  }
  if (typeof raw === 'number') return Number.isInteger(raw) ? raw : { error: `expected an integer, got ${raw}` };
  let v = 0;
  for (const part of raw.split('|').map((p) => p.trim())) {
    if (/^-?(0x[0-9a-f]+|0[0-7]*|[1-9][0-9]*)$/i.test(part)) {
      v |=
        part.startsWith('0x') || part.startsWith('0X')
          ? parseInt(part, 16)
          : part.startsWith('0')
            ? parseInt(part, 8)
            : parseInt(part, 10);
    } else if (part in CONSTANTS) {
      v |= CONSTANTS[part]!;
    } else {
      return { error: `not a number or a known constant: ${JSON.stringify(part)}` };
    }
  }
  return v;
}

const OPEN_FLAGS_NAMES = new Map<number, string>();

/** open(2) flags as strace prints them: O_WRONLY|O_CREAT|O_TRUNC. */
export function openFlagsName(flags: number): string {
  // One string per flags value: every traced open names its flags, and programs use a handful.
  let name = OPEN_FLAGS_NAMES.get(flags);
  if (name === undefined) {
    const acc = ['O_RDONLY', 'O_WRONLY', 'O_RDWR', 'O_ACCMODE'][flags & O_ACCMODE]!;
    name = [acc, ...OPEN_FLAGS.filter(([, b]) => flags & b).map(([n]) => n)].join('|');
    if (OPEN_FLAGS_NAMES.size < 1024) OPEN_FLAGS_NAMES.set(flags, name);
  }
  return name;
}

const QUOTED = new Map<string, string>();

/** JSON.stringify() of a string, kept for the few paths a program names again and again (bounded). */
function quoted(s: string): string {
  let q = QUOTED.get(s);
  if (q === undefined) {
    q = JSON.stringify(s);
    if (QUOTED.size >= 1024) QUOTED.clear();
    QUOTED.set(s, q);
  }
  return q;
}

/** One argument as strace prints it. */
export function formatArg(kind: ArgKind, v: number | string): string {
  switch (kind) {
    case 'path':
    case 'string':
      return typeof v === 'string' ? quoted(v) : JSON.stringify(v);
    case 'bytes': {
      const s = String(v);
      return JSON.stringify(s.length > 32 ? `${s.slice(0, 32)}...` : s);
    }
    case 'openFlags':
      return openFlagsName(Number(v));
    case 'mode':
      return `0${Number(v).toString(8)}`;
    case 'fd':
      return Number(v) === AT_FDCWD ? 'AT_FDCWD' : String(v);
    case 'atFlags':
      return flagNames(Number(v), AT_FLAGS, '0');
    case 'accessFlags':
      return flagNames(Number(v), ACCESS_FLAGS, '0');
    case 'accessMode':
      return flagNames(Number(v), ACCESS_MODES, 'F_OK');
    default:
      return String(v);
  }
}
