// A small shell over the machine: each command is the syscalls its coreutils/util-linux program
// (or bash builtin) makes, run as the shell's current task, with the output and error messages
// those programs print. Syscalls are looked up by name at run time, so commands that need a
// syscall the model does not have yet say so instead of failing oddly.
//
// What is modelled differently from a real system, on purpose:
// - The shell does not fork/exec a program for each command: `cat` runs its openat/read/close as
//   the shell task itself. Only a path (`/usr/bin/passwd`) or a program found in /usr/bin that is
//   not one of the commands below is fork()ed and execve()d.
// - `su USER` does not authenticate or setuid(): it switches the current shell task to the
//   login shell USER already has on the machine (root's bash is pid 1001, alice's 1102), and
//   `exit` returns to the shell that ran `su`. `sudo CMD` runs CMD as root's login shell, for
//   users in the sudo group (or root).
// - `id`, `whoami` and `ps` read the world directly (getuid() and procfs reads are not modelled
//   as syscalls), as `ls -l` does for the entries of a directory; `dmesg` prints the log buffer
//   (syslog(2) is not modelled).
// - `cd` is chdir(2).
import { lsmConfig } from './lsmConfig';
import { sandboxer } from './sandboxer';
import { errnoName } from '../errno';
import { GROUPS, USERS, groupName, userName } from './defaultWorld';
import { strerror } from './formatTrace';
import type { Machine, SyscallResult } from './machine';
import { syscallDef } from './syscallTable';
import { PTRACE_DETACH, PTRACE_SEIZE } from './syscalls/task';
import { inodeSize, isLnk, linkTarget, S_IFDIR, S_IFLNK, S_IFMT, S_IFREG, type Inode, type Task } from './types';
import { modeString } from './world';
import { parseLine, type ParsedLine } from './shellParse';

export { parseLine, type ParsedLine };

/** What `$NAME` expands to in `state`'s shell: its own variables, then those bash sets itself. */
function shellVar(machine: Machine, state: ShellState, name: string): string | undefined {
  if (name === '?') return String(state.status ?? 0);
  if (name === '$') return String(state.pid);
  const own = state.vars?.[state.pid]?.[name];
  if (own !== undefined) return own;
  const t = machine.task(state.pid);
  if (!t) return undefined;
  switch (name) {
    case 'UID':
      return String(t.cred.uid);
    case 'EUID':
      return String(t.cred.euid);
    case 'USER':
    case 'LOGNAME':
      return userName(t.cred.uid);
    case 'HOME':
      return USERS.find((u) => u.uid === t.cred.uid)?.home;
    case 'PWD':
      return machine.world.pathName(t.cwd);
    case 'SHELL':
      return '/bin/bash';
    case 'HOSTNAME':
      return 'playground';
    case 'PATH':
      return '/usr/local/bin:/usr/bin:/bin';
  }
  return undefined;
}

/** The shell's own state; the working directory is the task's (task->fs->pwd), not kept here. */
export interface ShellState {
  /** The task running the commands. */
  readonly pid: number;
  /** The shells `su` switched away from, innermost last (`exit` returns to the last one). */
  readonly stack: readonly number[];
  /** `$?`: the last line's exit status (absent: 0). */
  readonly status?: number;
  /** Shell variables set by lines of `NAME=value` words, by the pid of the shell that set them. */
  readonly vars?: Readonly<Record<number, Readonly<Record<string, string>>>>;
}

export interface ShellResult {
  /** What the terminal shows: the commands' stdout and stderr, each line ending in "\n". */
  readonly output: string;
  /** Every syscall the line made, in order. */
  readonly results: SyscallResult[];
  readonly state: ShellState;
  /** The exit status as $? would hold it. */
  readonly status: number;
  /**
   * The syscall that decided the line: the first failure the command reported (not a probe such
   * as mv's look at its destination), else the last syscall; null when it made none.
   */
  readonly outcome: SyscallResult | null;
}

/** What a caller can ask of runShell() besides the line. */
export interface ShellOptions {
  /**
   * Called after each syscall the line makes, with its result and index in `results`: where a
   * host snapshots the world between syscalls (the engine, for the World view at each step).
   */
  readonly afterSyscall?: (result: SyscallResult, index: number) => void;
}

/** root's login shell in the default world. */
export const ROOT_SHELL_PID = 1001;

export function initialShellState(pid = ROOT_SHELL_PID): ShellState {
  return { pid, stack: [] };
}

// ---- parsing: shellParse.ts (pure, so that lesson and link checks need none of the machine) ----

// ---- users and groups -----------------------------------------------------------------------

function parseUid(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  return USERS.find((u) => u.name === s)?.uid ?? null;
}

function parseGid(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  return GROUPS.find((g) => g.name === s)?.gid ?? null;
}

/** Signal numbers (x86_64, include/uapi/asm-generic/signal.h). */
const SIGNALS: Readonly<Record<string, number>> = {
  HUP: 1,
  INT: 2,
  QUIT: 3,
  ILL: 4,
  TRAP: 5,
  ABRT: 6,
  BUS: 7,
  FPE: 8,
  KILL: 9,
  USR1: 10,
  SEGV: 11,
  USR2: 12,
  PIPE: 13,
  ALRM: 14,
  TERM: 15,
  CHLD: 17,
  CONT: 18,
  STOP: 19,
  TSTP: 20,
};

// ---- running --------------------------------------------------------------------------------

class Io {
  /** The terminal: stdout and stderr interleaved as written. */
  term = '';
  /** stdout while it is redirected to a file. */
  stdout = '';
  redirected = false;
  status = 0;
  /** The first failed syscall a message was printed for. */
  reported: SyscallResult | null = null;
  readonly results: SyscallResult[] = [];

  constructor(
    readonly machine: Machine,
    public pid: number,
    private readonly afterSyscall: ShellOptions['afterSyscall'] = undefined,
  ) {}

  /** stdout text, as the program writes it. */
  print(s: string): void {
    if (this.redirected) this.stdout += s;
    else this.term += s;
  }
  /** One line (or several) on stderr; sets a failing status. */
  fail(line: string, status = 1): void {
    if (this.term && !this.term.endsWith('\n')) this.term += '\n';
    this.term += `${line}\n`;
    this.status = status;
  }

  /** The error text of a failed syscall the command reports; the first one is the line's outcome. */
  why(r: SyscallResult): string {
    this.reported ??= r;
    return errorText(r);
  }

  /** True when the syscall exists; otherwise prints the "not available yet" message. */
  has(cmd: string, syscall: string): boolean {
    if (syscallDef(syscall)) return true;
    this.fail(notAvailable(cmd, syscall), 127);
    return false;
  }

  /** Runs a syscall by named arguments as the current task. */
  sys(name: string, args: Readonly<Record<string, number | string>>, pid = this.pid): SyscallResult {
    const r = this.machine.syscall(pid, name, args);
    this.results.push(r);
    this.afterSyscall?.(r, this.results.length - 1);
    return r;
  }

  /** Runs a syscall with its arguments given in the order of the syscall table's definition. */
  sysPositional(name: string, values: readonly (number | string)[], pid = this.pid): SyscallResult {
    const def = syscallDef(name)!;
    const args: Record<string, number | string> = {};
    def.args.forEach((a, i) => {
      if (i < values.length) args[a.name] = values[i]!;
    });
    return this.sys(name, args, pid);
  }

  task(): Task {
    return this.machine.task(this.pid)!;
  }
}

/** The message a command prints when the syscall it needs is not in the table yet. */
export function notAvailable(cmd: string, syscall: string): string {
  return `${cmd}: ${syscall}(2) is not available yet in this model`;
}

/** "Permission denied" for a failed result; the model's own error text when it was not run. */
function errorText(r: SyscallResult): string {
  if (r.ret === null) return r.error ?? 'not run';
  return strerror(r.errno ?? errnoName(r.ret));
}

const failed = (r: SyscallResult): boolean => r.ret === null || r.ret < 0;

/** Reads a whole open file: read() until it returns 0 (at most 64 calls). */
function readAll(io: Io, fd: number): { data: string; err: SyscallResult | null } {
  let data = '';
  for (let i = 0; i < 64; i++) {
    const r = io.sys('read', { fd, count: 65536 });
    if (failed(r)) return { data, err: r };
    if (r.ret === 0) break;
    data += r.out;
  }
  return { data, err: null };
}

/** What `ls -l` shows of an open directory: its inode, its parent's, and its entries' (across mounts). */
function openDir(io: Io, fd: number): { self: Inode; parent: Inode; children: Map<string, Inode> } | null {
  const f = io.task().files.get(fd);
  if (!f) return null;
  const world = io.machine.world;
  const covering = world.mountedOn(f.f_path.mnt, f.f_path.dentry);
  const mnt = covering ?? f.f_path.mnt;
  const dentry = covering ? covering.mnt_root : f.f_path.dentry;
  const children = new Map<string, Inode>();
  for (const [name, d] of dentry.d_inode?.children ?? []) {
    const m = world.mountedOn(mnt, d);
    const inode = m ? m.mnt_root.d_inode : d.d_inode;
    if (inode) children.set(name, inode);
  }
  // follow_dotdot(): from a mount's root, the parent is the mountpoint's parent.
  let up = dentry;
  let upMnt = mnt;
  while (up === upMnt.mnt_root && upMnt.mnt_parent && upMnt.mnt_mountpoint) {
    up = upMnt.mnt_mountpoint;
    upMnt = upMnt.mnt_parent;
  }
  return { self: dentry.d_inode!, parent: up.d_parent.d_inode!, children };
}

/** The commands here that are bash builtins (their errors carry the shell's name). */
const BUILTINS: ReadonlySet<string> = new Set([
  'echo',
  'cd',
  'pwd',
  'kill',
  'exit',
  'help',
  'true',
  'false',
  ':',
  'test',
  '[',
]);

const S_ISDIR = (mode: number): boolean => (mode & S_IFMT) === S_IFDIR;

/** The fields of the model's struct statx line that `ls -l` prints. */
interface Stat {
  readonly mode: number;
  readonly nlink: number;
  readonly uid: number;
  readonly gid: number;
  readonly size: number;
}

/** The statx(2) result line ("mode=0100644 nlink=1 uid=0 …") as numbers. */
function parseStat(text: string): Stat {
  const field = (k: string) => new RegExp(`(?:^| )${k}=(\\S+)`).exec(text)?.[1] ?? 'NaN';
  const n = (k: string) => Number(field(k));
  return { mode: parseInt(field('mode'), 8), nlink: n('nlink'), uid: n('uid'), gid: n('gid'), size: n('size') };
}

/** The columns of one `ls -l` line (no dates: the model keeps no file times). */
function lsRow(st: Stat, name: string): string[] {
  return [modeString(st.mode), String(st.nlink), userName(st.uid), groupName(st.gid), String(st.size), name];
}

/** An `ls -l` line of a directory entry, read from the world (ls would statx each one). */
function lsLong(inode: Inode, name: string, reader: Task): string[] {
  const st = { mode: inode.i_mode, nlink: inode.i_nlink, uid: inode.i_uid, gid: inode.i_gid, size: inodeSize(inode) };
  // A symbolic link's size is its target's length, shown after the name.
  return lsRow(st, isLnk(inode) ? `${name} -> ${linkTarget(inode, reader)}` : name);
}

/** Aligns `ls -l` rows as ls does: counts right-aligned, names left-aligned. */
function lsColumns(rows: string[][]): string {
  const width = (i: number) => Math.max(...rows.map((r) => r[i]!.length));
  return rows
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : i === 1 || i === 4 ? c.padStart(width(i)) : c.padEnd(width(i))))
        .join(' '),
    )
    .map((l) => `${l}\n`)
    .join('');
}

function cat(io: Io, args: string[]): void {
  if (args.length === 0) return io.fail('cat: reading standard input is not supported here');
  for (const path of args) {
    const o = io.sys('openat', { path, flags: 'O_RDONLY' });
    if (failed(o)) {
      io.fail(`cat: ${path}: ${io.why(o)}`);
      continue;
    }
    const { data, err } = readAll(io, o.ret!);
    io.print(data);
    if (err) io.fail(`cat: ${path}: ${io.why(err)}`);
    io.sys('close', { fd: o.ret! });
  }
}

function ls(io: Io, args: string[]): void {
  let long = false;
  let all = false;
  const paths: string[] = [];
  for (const a of args) {
    if (/^-[la]+$/.test(a)) {
      long ||= a.includes('l');
      all ||= a.includes('a');
    } else if (a.startsWith('-') && a !== '-') return io.fail(`ls: invalid option -- '${a.slice(1)}'`, 2);
    else paths.push(a);
  }
  if (paths.length === 0) paths.push('.');
  // GNU ls prints the names that are not directories first, as one list, then each directory.
  const files: string[][] = [];
  const blocks: [string, string][] = [];
  for (const path of paths) {
    let text = '';
    // GNU ls stats each name it is given: with -l it does not follow a symbolic link (lstat);
    // without, it follows one (stat) and looks at the link itself (lstat) when that fails with
    // ENOENT or ELOOP (a dangling link) or finds no directory. Only a directory is opened.
    let st = io.sys('statx', { path, flags: long ? 'AT_SYMLINK_NOFOLLOW' : 0 });
    if (!long && (failed(st) ? st.errno === '-ENOENT' || st.errno === '-ELOOP' : !S_ISDIR(parseStat(st.out).mode)))
      st = io.sys('statx', { path, flags: 'AT_SYMLINK_NOFOLLOW' });
    if (failed(st)) {
      io.fail(`ls: cannot access '${path}': ${io.why(st)}`, 2);
      continue;
    }
    const stat = parseStat(st.out);
    if (!S_ISDIR(stat.mode)) {
      let name = path;
      if (long && (stat.mode & S_IFMT) === S_IFLNK) {
        const l = io.sys('readlinkat', { path });
        if (failed(l)) io.fail(`ls: cannot read symbolic link '${path}': ${io.why(l)}`, 1);
        name = `${path} -> ${failed(l) ? '' : l.out}`;
      }
      files.push(long ? lsRow(stat, name) : [name]);
      continue;
    }
    const o = io.sys('openat', { path, flags: 'O_RDONLY|O_DIRECTORY|O_CLOEXEC' });
    if (failed(o)) {
      io.fail(
        o.errno === '-ENOENT'
          ? `ls: cannot access '${path}': ${io.why(o)}`
          : `ls: cannot open directory '${path}': ${io.why(o)}`,
        2,
      );
      continue;
    }
    const fd = o.ret!;
    const g = io.sys('getdents64', { fd });
    const info = openDir(io, fd);
    io.sys('close', { fd });
    if (failed(g)) {
      io.fail(`ls: reading directory '${path}': ${io.why(g)}`, 2);
      continue;
    }
    let names = g.out ? g.out.split('\n') : [];
    if (all) names = ['.', '..', ...names];
    else names = names.filter((n) => !n.startsWith('.'));
    if (long) {
      const rows = names.map((n) => {
        const inode = n === '.' ? info?.self : n === '..' ? info?.parent : info?.children.get(n);
        return inode ? lsLong(inode, n, io.task()) : ['-?????????', '?', '?', '?', '?', n];
      });
      text = rows.length ? lsColumns(rows) : '';
    } else text = names.length ? `${names.join('  ')}\n` : '';
    blocks.push([path, paths.length > 1 ? `${path}:\n${text}` : text]);
  }
  // Each group sorted by name, as ls sorts in the C locale.
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  files.sort((a, b) => byName(a[a.length - 1]!, b[b.length - 1]!));
  blocks.sort((a, b) => byName(a[0], b[0]));
  const out = blocks.map((b) => b[1]);
  if (files.length) out.unshift(long ? lsColumns(files) : `${files.map((f) => f[0]).join('  ')}\n`);
  io.print(out.join('\n'));
}

function rm(io: Io, args: string[]): void {
  const force = args.includes('-f');
  const files = args.filter((a) => a !== '-f');
  const bad = files.find((a) => a.startsWith('-'));
  if (bad) return io.fail(`rm: invalid option -- '${bad.slice(1)}'`);
  if (files.length === 0)
    return force ? undefined : io.fail("rm: missing operand\nTry 'rm --help' for more information.");
  for (const path of files) {
    const r = io.sys('unlinkat', { path, flags: 0 });
    if (failed(r) && !(force && r.errno === '-ENOENT')) io.fail(`rm: cannot remove '${path}': ${io.why(r)}`);
  }
}

function simpleEach(io: Io, cmd: string, args: string[], run: (path: string) => void): void {
  if (args.length === 0) return io.fail(`${cmd}: missing operand\nTry '${cmd} --help' for more information.`);
  for (const a of args) run(a);
}

function mv(io: Io, args: string[]): void {
  if (args.length === 0) return io.fail("mv: missing file operand\nTry 'mv --help' for more information.");
  if (args.length === 1)
    return io.fail(`mv: missing destination file operand after '${args[0]}'\nTry 'mv --help' for more information.`);
  if (args.length > 2) return io.fail('mv: only `mv SOURCE DEST` is supported here');
  const [src, dst] = args as [string, string];
  // mv stats the destination: into a directory, the source keeps its name.
  let target = dst;
  const probe = io.sys('openat', { path: dst, flags: 'O_PATH|O_DIRECTORY' });
  if (!failed(probe)) {
    io.sys('close', { fd: probe.ret! });
    const base = src.replace(/\/+$/, '').split('/').pop()!;
    target = `${dst.replace(/\/+$/, '')}/${base}`;
  }
  const r = io.sys('renameat2', { oldpath: src, newpath: target });
  if (failed(r)) {
    io.fail(
      r.errno === '-ENOENT'
        ? `mv: cannot stat '${src}': ${io.why(r)}`
        : `mv: cannot move '${src}' to '${target}': ${io.why(r)}`,
    );
  }
}

/**
 * ln [-s] TARGET [LINK_NAME]: GNU ln makes a hard link with linkat(AT_FDCWD, TARGET, AT_FDCWD,
 * LINK, 0) (-P, its default: a symlink TARGET is linked itself, not followed), or with -s a
 * symbolic link with symlinkat(TARGET, AT_FDCWD, LINK); into a directory (or the current one,
 * without LINK_NAME) the link keeps TARGET's base name.
 */
function ln(io: Io, args: string[]): void {
  const symbolic = args.some((a) => a === '-s' || a === '--symbolic');
  const operands = args.filter((a) => a !== '-s' && a !== '--symbolic');
  const bad = operands.find((a) => a.startsWith('-') && a !== '-');
  if (bad) return io.fail(`ln: invalid option -- '${bad.replace(/^-+/, '')}'\nTry 'ln --help' for more information.`);
  if (operands.length === 0) return io.fail("ln: missing file operand\nTry 'ln --help' for more information.");
  if (operands.length > 2) return io.fail('ln: only `ln [-s] TARGET [LINK_NAME]` is supported here');
  if (!io.has('ln', symbolic ? 'symlinkat' : 'linkat')) return;
  const [src, dst = '.'] = operands as [string, string?];
  const base = src.replace(/\/+$/, '').split('/').pop()!;
  // ln stats the link name: into a directory, the link keeps the target's name.
  let link = dst;
  const probe = io.sys('openat', { path: dst, flags: 'O_PATH|O_DIRECTORY' });
  if (!failed(probe)) {
    io.sys('close', { fd: probe.ret! });
    link = dst === '.' ? base : `${dst.replace(/\/+$/, '')}/${base}`;
  }
  if (symbolic) {
    const r = io.sys('symlinkat', { target: src, linkpath: link });
    if (failed(r)) io.fail(`ln: failed to create symbolic link '${link}': ${io.why(r)}`);
    return;
  }
  const r = io.sys('linkat', { oldpath: src, newpath: link, flags: 0 });
  if (!failed(r)) return;
  // coreutils ln's wording: the target missing, the name taken (or no room), anything else.
  if (r.errno === '-ENOENT') io.fail(`ln: failed to access '${src}': ${io.why(r)}`);
  else if (['-EEXIST', '-EDQUOT', '-ENOSPC', '-EROFS'].includes(r.errno ?? ''))
    io.fail(`ln: failed to create hard link '${link}': ${io.why(r)}`);
  else if (r.errno === '-EMLINK') io.fail(`ln: failed to create hard link to '${src}': ${io.why(r)}`);
  else io.fail(`ln: failed to create hard link '${link}' => '${src}': ${io.why(r)}`);
}

function chmod(io: Io, args: string[]): void {
  if (args.length === 0) return io.fail("chmod: missing operand\nTry 'chmod --help' for more information.");
  if (args.length === 1)
    return io.fail(`chmod: missing operand after '${args[0]}'\nTry 'chmod --help' for more information.`);
  const [mode, ...files] = args as [string, ...string[]];
  if (!/^[0-7]{1,4}$/.test(mode))
    return io.fail(`chmod: invalid mode: '${mode}' (only octal modes are supported here)`);
  for (const path of files) {
    const r = io.sys('chmod', { path, mode: `0${mode}` });
    if (failed(r))
      io.fail(
        r.errno === '-ENOENT'
          ? `chmod: cannot access '${path}': ${io.why(r)}`
          : `chmod: changing permissions of '${path}': ${io.why(r)}`,
      );
  }
}

function chown(io: Io, args: string[]): void {
  if (args.length === 0) return io.fail("chown: missing operand\nTry 'chown --help' for more information.");
  if (args.length === 1)
    return io.fail(`chown: missing operand after '${args[0]}'\nTry 'chown --help' for more information.`);
  const [spec, ...files] = args as [string, ...string[]];
  const [u, g] = spec.split(/[:.]/, 2) as [string, string | undefined];
  const uid = u === '' ? -1 : parseUid(u);
  if (uid === null) return io.fail(`chown: invalid user: '${spec}'`);
  const gid = g === undefined || g === '' ? -1 : parseGid(g);
  if (gid === null) return io.fail(`chown: invalid group: '${spec}'`);
  for (const path of files) {
    const r = io.sys('chown', { path, uid, gid });
    if (failed(r))
      io.fail(
        r.errno === '-ENOENT'
          ? `chown: cannot access '${path}': ${io.why(r)}`
          : `chown: changing ownership of '${path}': ${io.why(r)}`,
      );
  }
}

/** Parses `-n NAME [-v VALUE] FILE…` of getfattr/setfattr. */
function fattrArgs(args: string[], wantValue: boolean): { name: string; value: string; files: string[] } | string {
  let name: string | null = null;
  let value: string | null = null;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-n' || a === '-v') {
      const v = args[++i];
      if (v === undefined) return `option requires an argument -- '${a.slice(1)}'`;
      if (a === '-n') name = v;
      else value = v;
    } else if (a.startsWith('-n') || a.startsWith('-v')) {
      if (a.startsWith('-n')) name = a.slice(2);
      else value = a.slice(2);
    } else if (a.startsWith('-') && a.length > 1) return `invalid option -- '${a.slice(1)}'`;
    else files.push(a);
  }
  if (name === null || files.length === 0 || (wantValue && value === null)) return '';
  return { name, value: value ?? '', files };
}

function getfattr(io: Io, args: string[]): void {
  const p = fattrArgs(args, false);
  if (typeof p === 'string')
    return io.fail(
      `${p ? `getfattr: ${p}\n` : ''}Usage: getfattr -n NAME FILE...\nTry \`getfattr --help' for more information.`,
    );
  for (const path of p.files) {
    const r = io.sys('getxattr', { path, name: p.name, size: 0 });
    if (failed(r)) {
      io.fail(`${path}: ${r.errno === '-ENODATA' ? `${p.name}: No such attribute` : io.why(r)}`);
      continue;
    }
    // getfattr prints a NUL-terminated value (security.selinux counts its NUL) without the NUL.
    io.print(`# file: ${path.replace(/^\/+/, '')}\n${p.name}=${JSON.stringify(r.out.replace(/\0$/, ''))}\n\n`);
  }
}

function setfattr(io: Io, args: string[]): void {
  const p = fattrArgs(args, true);
  if (typeof p === 'string')
    return io.fail(
      `${p ? `setfattr: ${p}\n` : ''}Usage: setfattr -n NAME -v VALUE FILE...\nTry \`setfattr --help' for more information.`,
    );
  for (const path of p.files) {
    const r = io.sys('setxattr', { path, name: p.name, value: p.value, flags: 0 });
    if (failed(r)) io.fail(`setfattr: ${path}: ${io.why(r)}`);
  }
}

function cd(io: Io, args: string[]): void {
  if (args.length > 1) return io.fail('bash: cd: too many arguments');
  const uid = io.task().cred.uid;
  const dir = args[0] ?? USERS.find((u) => u.uid === uid)?.home ?? '/';
  const r = io.sys('chdir', { path: dir });
  if (failed(r)) io.fail(`bash: cd: ${dir}: ${io.why(r)}`);
}

/** bash's test's unary file operators: what each asks of the kernel. */
const TEST_FILE_OPS: Readonly<Record<string, 'stat' | 'lstat' | 'R_OK' | 'W_OK' | 'X_OK'>> = {
  '-e': 'stat',
  '-f': 'stat',
  '-d': 'stat',
  '-s': 'stat',
  '-L': 'lstat',
  '-h': 'lstat',
  '-r': 'R_OK',
  '-w': 'W_OK',
  '-x': 'X_OK',
};

/** test's integer comparisons. */
const TEST_INT_OPS: Readonly<Record<string, (a: number, b: number) => boolean>> = {
  '-eq': (a, b) => a === b,
  '-ne': (a, b) => a !== b,
  '-lt': (a, b) => a < b,
  '-le': (a, b) => a <= b,
  '-gt': (a, b) => a > b,
  '-ge': (a, b) => a >= b,
};

/**
 * bash's `test` / `[` builtin (test.c) for one expression: the file operators stat(2) the name
 * (statx here; -L/-h without following), -r/-w/-x ask faccessat2(AT_EACCESS) as bash's
 * sh_eaccess() does (the effective ids), then -z/-n, = and !=, the integer comparisons, a lone
 * string, and a leading `!`. Status 0 true, 1 false, 2 for a usage error. No -a/-o or parentheses.
 */
function testBuiltin(io: Io, cmd: string, args: string[]): void {
  const name = cmd === '[' ? '[' : 'test';
  if (cmd === '[') {
    if (args[args.length - 1] !== ']') return io.fail("bash: [: missing `]'", 2);
    args = args.slice(0, -1);
  }
  let negate = false;
  if (args.length > 1 && args[0] === '!') {
    negate = true;
    args = args.slice(1);
  }
  const answer = (ok: boolean): void => {
    io.status = ok !== negate ? 0 : 1;
  };
  if (args.length === 0) return answer(false);
  if (args.length === 1) return answer(args[0] !== '');
  if (args.length === 2) {
    const [op, operand] = args as [string, string];
    if (op === '-z') return answer(operand === '');
    if (op === '-n') return answer(operand !== '');
    const kind = TEST_FILE_OPS[op];
    if (!kind) return io.fail(`bash: ${name}: ${op}: unary operator expected`, 2);
    if (kind === 'stat' || kind === 'lstat') {
      const st = io.sys('statx', { path: operand, flags: kind === 'lstat' ? 'AT_SYMLINK_NOFOLLOW' : 0 });
      if (failed(st)) return answer(false);
      const { mode, size } = parseStat(st.out);
      const type = mode & S_IFMT;
      if (op === '-f') return answer(type === S_IFREG);
      if (op === '-d') return answer(type === S_IFDIR);
      if (op === '-s') return answer(size > 0);
      if (op === '-L' || op === '-h') return answer(type === S_IFLNK);
      return answer(true);
    }
    const r = io.sys('faccessat2', { path: operand, mode: kind, flags: 'AT_EACCESS' });
    return answer(!failed(r));
  }
  if (args.length === 3) {
    const [a, op, b] = args as [string, string, string];
    if (op === '=' || op === '==') return answer(a === b);
    if (op === '!=') return answer(a !== b);
    const cmp = TEST_INT_OPS[op];
    if (!cmp) return io.fail(`bash: ${name}: ${op}: binary operator expected`, 2);
    for (const v of [a, b])
      if (!/^\s*-?\d+\s*$/.test(v)) return io.fail(`bash: ${name}: ${v}: integer expression expected`, 2);
    return answer(cmp(Number(a), Number(b)));
  }
  return io.fail(`bash: ${name}: too many arguments`, 2);
}

function id(io: Io, args: string[]): void {
  if (args.length > 0) return io.fail('id: only `id` for the current user is supported here');
  const c = io.task().cred;
  const groups = [...new Set([c.gid, ...c.groups])].map((g) => `${g}(${groupName(g)})`).join(',');
  let line = `uid=${c.uid}(${userName(c.uid)}) gid=${c.gid}(${groupName(c.gid)})`;
  if (c.euid !== c.uid) line += ` euid=${c.euid}(${userName(c.euid)})`;
  if (c.egid !== c.gid) line += ` egid=${c.egid}(${groupName(c.egid)})`;
  io.print(`${line} groups=${groups}\n`);
}

function ps(io: Io): void {
  const rows = [...io.machine.world.tasks.values()]
    .filter((t) => t.state !== 'dead')
    .sort((a, b) => a.pid - b.pid)
    .map(
      (t) =>
        `${userName(t.cred.euid).padEnd(8)} ${String(t.pid).padStart(7)} ${String(t.ppid).padStart(7)} ${t.state === 'zombie' ? 'Z' : 'S'}    ${t.state === 'zombie' ? `[${t.comm}] <defunct>` : t.exe}`,
    );
  io.print(['UID          PID    PPID STAT CMD', ...rows].join('\n') + '\n');
}

function kill(io: Io, args: string[]): void {
  let sig = 15;
  const rest = [...args];
  if (rest[0]?.startsWith('-')) {
    const s = rest.shift()!.slice(1).toUpperCase().replace(/^SIG/, '');
    const n = /^\d+$/.test(s) ? Number(s) : SIGNALS[s];
    if (n === undefined) return io.fail(`bash: kill: ${s}: invalid signal specification`);
    sig = n;
  }
  if (rest.length === 0)
    return io.fail('kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]', 2);
  if (!io.has('kill', 'kill')) return;
  for (const p of rest) {
    if (!/^-?\d+$/.test(p)) {
      io.fail(`bash: kill: ${p}: arguments must be process or job IDs`);
      continue;
    }
    const r = io.sysPositional('kill', [Number(p), sig]);
    if (failed(r)) io.fail(`bash: kill: (${p}) - ${io.why(r)}`);
  }
}

function insmod(io: Io, args: string[]): void {
  if (args.length === 0) return io.fail('Usage:\n\tinsmod [options] filename [args]');
  const [file, ...params] = args as [string, ...string[]];
  const useFinit = !!syscallDef('finit_module');
  if (!useFinit && !syscallDef('init_module')) return io.fail(notAvailable('insmod', 'finit_module'), 127);
  const o = io.sys('openat', { path: file, flags: 'O_RDONLY|O_CLOEXEC' });
  if (failed(o)) return io.fail(`insmod: ERROR: could not load module ${file}: ${io.why(o)}`);
  let r: SyscallResult;
  if (useFinit) {
    r = io.sysPositional('finit_module', [o.ret!, params.join(' '), 0]);
  } else {
    const { data, err } = readAll(io, o.ret!);
    if (err) {
      io.sys('close', { fd: o.ret! });
      return io.fail(`insmod: ERROR: could not load module ${file}: ${io.why(err)}`);
    }
    r = io.sysPositional('init_module', [data, data.length, params.join(' ')]);
  }
  io.sys('close', { fd: o.ret! });
  if (failed(r)) io.fail(`insmod: ERROR: could not insert module ${file}: ${io.why(r)}`);
}

function mount(io: Io, args: string[]): void {
  // mount(8) with no arguments lists the mounts. util-linux reads /proc/self/mountinfo; the model
  // has /proc/self/mounts (the same mounts and options, one line each), read the same way.
  if (args.length === 0) {
    const o = io.sys('openat', { path: '/proc/self/mounts', flags: 'O_RDONLY|O_CLOEXEC' });
    if (failed(o)) return io.fail(`mount: /proc/self/mounts: ${io.why(o)}`, 32);
    const { data, err } = readAll(io, o.ret!);
    io.sys('close', { fd: o.ret! });
    if (err) return io.fail(`mount: /proc/self/mounts: ${io.why(err)}`, 32);
    for (const line of data.split('\n')) {
      const [dev, dir, type, opts] = line.split(' ');
      if (dev && dir && type && opts) io.print(`${dev} on ${dir} type ${type} (${opts})\n`);
    }
    return;
  }
  let type: string | null = null;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-t') {
      type = args[++i] ?? null;
      if (type === null) return io.fail("mount: option requires an argument -- 't'");
    } else rest.push(args[i]!);
  }
  if (type === null || rest.length !== 2)
    return io.fail('Usage:\n mount -t <type> <source> <directory>\n(only this form is supported here)');
  if (!io.has('mount', 'mount')) return;
  const [src, dir] = rest as [string, string];
  const r = io.sysPositional('mount', [src, dir, type]);
  if (failed(r)) io.fail(`mount: ${dir}: ${io.why(r)}`, 32);
}

/** The login shell of `uid` that `su` switches to: its lowest-pid running bash. */
function loginShell(machine: Machine, uid: number): Task | undefined {
  return [...machine.world.tasks.values()]
    .filter((t) => t.state === 'running' && t.comm === 'bash' && t.cred.uid === uid)
    .sort((a, b) => a.pid - b.pid)[0];
}

/** The fork syscall the table has (fork, else clone); null when neither is modelled. */
function forkSyscall(): string | null {
  return syscallDef('fork') ? 'fork' : syscallDef('clone') ? 'clone' : null;
}

/** The child's exit: exit_group(status) (or exit). */
function exitChild(io: Io, child: number, status: number): void {
  const exitName = syscallDef('exit_group') ? 'exit_group' : syscallDef('exit') ? 'exit' : null;
  if (exitName) io.sysPositional(exitName, [status], child);
}

/** bash waits for its child: wait4() reaps the zombie (release_task: task_free, cred_free). */
function reap(io: Io, child: number, parent = io.pid): void {
  if (syscallDef('wait4')) io.sysPositional('wait4', [child, 0], parent);
}

/** fork() then execve(path) in the child; the child's pid, or null once the failure is reported (and the child reaped). */
function forkExec(io: Io, path: string, argv: string[]): number | null {
  const forkName = forkSyscall();
  if (!forkName) return (io.fail(notAvailable(`bash: ${argv[0]}`, 'fork'), 127), null);
  if (!io.has(`bash: ${argv[0]}`, 'execve')) return null;
  const f = io.sysPositional(forkName, []);
  if (failed(f)) return (io.fail(`bash: fork: ${io.why(f)}`, 126), null);
  const child = f.ret!;
  const def = syscallDef('execve')!;
  const values: (number | string)[] = [path];
  if (def.args[1] && ['string', 'bytes'].includes(def.args[1].kind)) values.push(argv.join(' '));
  const r = io.sysPositional('execve', values, child);
  if (failed(r)) {
    io.fail(`bash: ${argv[0]}: ${io.why(r)}`, r.errno === '-ENOENT' ? 127 : 126);
    exitChild(io, child, io.status);
    reap(io, child);
    return null;
  }
  return child;
}

/** fork() + execve() in the child + the child's exit(), as bash runs a program. */
function execute(io: Io, path: string, argv: string[]): void {
  const child = forkExec(io, path, argv);
  if (child === null) return;
  exitChild(io, child, 0);
  reap(io, child);
}

/** The path bash runs for a command word: itself when it has a slash, else /usr/bin/NAME if it exists. */
function programPath(io: Io, cmd: string): string | null {
  return cmd.includes('/') ? cmd : inUsrBin(io.machine, cmd) ? `/usr/bin/${cmd}` : null;
}

/**
 * `CMD &`: bash forks and does not wait; the child execve()s the program found for CMD and keeps
 * running (the model runs no program body, so it stays until killed), and bash prints its job
 * number and pid. Job numbers count the shell's running children, as bash numbers its jobs when
 * none has ended.
 */
function background(io: Io, words: string[]): void {
  const path = programPath(io, words[0]!);
  if (!path) return io.fail(`bash: ${words[0]}: command not found`, 127);
  const child = forkExec(io, path, words);
  if (child === null) return;
  const jobs = [...io.machine.world.tasks.values()].filter((t) => t.ppid === io.pid && t.state === 'running').length;
  io.print(`[${jobs}] ${child}\n`);
}

/**
 * strace -p PID: the strace program runs in a child of the shell (fork + execve /usr/bin/strace)
 * and attaches as strace does, with ptrace(PTRACE_SEIZE, PID, 0, 0) (kernel/ptrace.c
 * ptrace_attach()). On failure it prints strace's own message
 * ("strace: attach: ptrace(PTRACE_SEIZE, PID): Operation not permitted") and exits 1. On success
 * it prints "Process PID attached"; the tracee's syscalls are not streamed here, so strace then
 * detaches at once (PTRACE_DETACH) as it does on Ctrl-C.
 */
function strace(io: Io, args: string[]): void {
  if (args[0] !== '-p' || args.length === 1)
    return io.fail(
      args.length === 0 || args[0]!.startsWith('-')
        ? "strace: must have PROG [ARGS] or -p PID\nTry 'strace -h' for more information."
        : 'strace: only `strace -p PID` (attach to a running process) is modelled here',
    );
  if (args.length > 2) return io.fail('strace: only one -p PID is modelled here');
  const pidText = args[1]!;
  if (!/^\d+$/.test(pidText) || Number(pidText) === 0) return io.fail(`strace: Invalid process id: '${pidText}'`);
  const pid = Number(pidText);
  if (!io.has('strace', 'ptrace')) return;
  const path = programPath(io, 'strace');
  if (!path) return io.fail('bash: strace: command not found', 127);
  const child = forkExec(io, path, ['strace', ...args]);
  if (child === null) return;
  const a = io.sys('ptrace', { request: PTRACE_SEIZE, pid, addr: 0, data: 0 }, child);
  let status = 0;
  if (failed(a)) {
    io.fail(`strace: attach: ptrace(PTRACE_SEIZE, ${pid}): ${io.why(a)}`);
    status = 1;
  } else {
    io.fail(`strace: Process ${pid} attached`, 0);
    io.sys('ptrace', { request: PTRACE_DETACH, pid, addr: 0, data: 0 }, child);
    io.fail(`strace: Process ${pid} detached`, 0);
  }
  exitChild(io, child, status);
  reap(io, child);
}

/** True when the world has a file at `path` (a PATH lookup without permission checks, as bash's hash). */
function inUsrBin(machine: Machine, name: string): boolean {
  const bin = machine.world.rootMount.mnt_root.d_inode?.children?.get('usr')?.d_inode?.children?.get('bin');
  return !!bin?.d_inode?.children?.get(name)?.d_inode;
}

const HELP = `Commands (each runs the syscalls of the program it names, as the current shell task):
  cat FILE...              openat + read + close
  echo [-n] TEXT [> FILE | >> FILE]
                           redirection: openat(O_WRONLY|O_CREAT|O_TRUNC or O_APPEND) + write + close
  ls [-l] [-a] [PATH...]   statx of each PATH (readlinkat for a link under -l), then openat(O_DIRECTORY)
                           + getdents64 for a directory (-l reads its entries' modes from the world)
  rm [-f] FILE...          unlinkat
  rmdir DIR...             rmdir
  mkdir DIR...             mkdirat
  mv SOURCE DEST           renameat2
  ln [-s] TARGET [LINK_NAME]
                           linkat (a hard link), or symlinkat with -s
  chmod MODE FILE...       chmod (octal MODE)
  chown USER[:GROUP] FILE...
                           chown
  getfattr -n NAME FILE    getxattr
  setfattr -n NAME -v VALUE FILE
                           setxattr
  cd [DIR], pwd            chdir, and the task's working directory
  id, whoami, ps           read the credentials and the task list
  kill [-SIG] PID          kill
  strace -p PID            a child forks + execs /usr/bin/strace and attaches: ptrace(PTRACE_SEIZE),
                           then PTRACE_DETACH (the tracee's syscalls are not streamed)
  insmod FILE [ARGS]       openat + finit_module
  mount                    the mounts, from /proc/self/mounts (openat + read + close)
  mount -t TYPE SRC DIR    mount
  /path/to/program         fork + execve (a name found in /usr/bin runs the same way)
  PROGRAM [ARGS] &         in the background: fork + execve, no wait; prints [job] pid (the child
                           keeps running: the model runs no program body)
  dmesg                    the kernel log
  sleep SECONDS            let virtual time pass (nothing runs; rate limits and timers see it)
  su [USER], exit          switch to USER's (default root's) login shell, and back
  sudo CMD                 run CMD in root's login shell
  lsm_config self|system LSM [-f FILE | POLICY...]
                           load a policy through lsm_config_self_policy() or
                           lsm_config_system_policy() (the seed thread's syscalls, unmerged)
  LL_FS_RO=PATHS LL_FS_RW=PATHS sandboxer CMD
                           the Landlock sample: fork, confine the child (ruleset, rules,
                           no_new_privs, restrict_self), exec CMD; \`sandboxer bash\` until exit
  true, false, :           builtins: exit status 0, 1, 0
  test EXPR, [ EXPR ]      -e -f -d -s -L FILE (statx), -r -w -x FILE (faccessat2 with AT_EACCESS),
                           -z -n STR, = and !=, -eq -ne -lt -le -gt -ge, a leading !; status 0 or 1
  NAME=value               a shell variable; \$NAME, \${NAME}, \$? (the last status) and \$\$ expand
  help                     this text
Not modelled (the line is refused, not half run): pipelines, ; and && lists, < and 2> redirections,
command substitution.
`;

/** Runs one parsed command. */
function runCommand(io: Io, words: string[], state: ShellState): ShellState {
  // NAME=value words before the command: its environment (only the sandboxer reads any).
  const env = new Map<string, string>();
  while (words.length > 1 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!)) {
    const w = words.shift()!;
    env.set(w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1));
  }
  const [cmd, ...args] = words as [string, ...string[]];
  switch (cmd) {
    case 'lsm_config':
      lsmConfig(io, args);
      break;
    case 'sandboxer': {
      const confined = sandboxer(io, io.pid, env, args);
      return confined === null ? state : { pid: confined, stack: [...state.stack, state.pid] };
    }
    case 'cat':
      cat(io, args);
      break;
    case 'echo': {
      const noNewline = args[0] === '-n';
      io.print(`${(noNewline ? args.slice(1) : args).join(' ')}${noNewline ? '' : '\n'}`);
      break;
    }
    case 'ls':
      ls(io, args);
      break;
    case 'rm':
      rm(io, args);
      break;
    case 'rmdir':
      simpleEach(io, 'rmdir', args, (path) => {
        const r = io.sys('rmdir', { path });
        if (failed(r)) io.fail(`rmdir: failed to remove '${path}': ${io.why(r)}`);
      });
      break;
    case 'mkdir':
      simpleEach(io, 'mkdir', args, (path) => {
        const r = io.sys('mkdirat', { path, mode: '0777' });
        if (failed(r)) io.fail(`mkdir: cannot create directory '${path}': ${io.why(r)}`);
      });
      break;
    case 'mv':
      mv(io, args);
      break;
    case 'ln':
      ln(io, args);
      break;
    case 'chmod':
      chmod(io, args);
      break;
    case 'chown':
      chown(io, args);
      break;
    case 'getfattr':
      getfattr(io, args);
      break;
    case 'setfattr':
      setfattr(io, args);
      break;
    case 'cd':
      cd(io, args);
      break;
    case 'pwd':
      io.print(`${io.machine.world.pathName(io.task().cwd)}\n`);
      break;
    case 'sleep': {
      // coreutils sleep: a number of seconds (fractions allowed); the task sleeps in
      // clock_nanosleep(), which reaches no LSM hook, so only the virtual clock moves.
      const secs = args.length === 1 && /^\d+(\.\d+)?$/.test(args[0]!) ? Number(args[0]) : NaN;
      if (!Number.isFinite(secs) || secs > 86_400) {
        io.fail(args.length === 0 ? 'sleep: missing operand' : `sleep: invalid time interval '${args.join(' ')}'`);
        break;
      }
      io.machine.idle(secs * 1000);
      break;
    }
    case 'id':
      id(io, args);
      break;
    case 'whoami':
      io.print(`${userName(io.task().cred.euid)}\n`);
      break;
    case 'ps':
      ps(io);
      break;
    case 'kill':
      kill(io, args);
      break;
    case 'insmod':
      insmod(io, args);
      break;
    case 'mount':
      mount(io, args);
      break;
    case 'dmesg':
      io.print(`${io.machine.dmesg()}\n`);
      break;
    case 'strace':
      strace(io, args);
      break;
    case 'help':
      io.print(HELP);
      break;
    case 'true':
    case ':':
      break;
    case 'false':
      io.status = 1;
      break;
    case 'test':
    case '[':
      testBuiltin(io, cmd, args);
      break;
    case 'su': {
      const user = args.find((a) => a !== '-' && a !== '-l') ?? 'root';
      const uid = parseUid(user);
      if (uid === null || !USERS.some((u) => u.uid === uid))
        return (
          io.fail(`su: user ${user} does not exist or the user entry does not contain all the required fields`),
          state
        );
      const shell = loginShell(io.machine, uid);
      if (!shell) return (io.fail(`su: ${user} has no login shell on this machine to switch to`), state);
      return { ...state, pid: shell.pid, stack: [...state.stack, state.pid] };
    }
    case 'exit':
    case 'logout': {
      if (state.stack.length === 0)
        return (io.fail(`bash: ${cmd}: this is the first login shell; there is none to return to`), state);
      const back = state.stack[state.stack.length - 1]!;
      if (io.task().ppid === back) {
        // A shell the previous one started (sandboxer bash): it exits and its parent reaps it.
        io.print('exit\n');
        exitChild(io, state.pid, 0);
        reap(io, state.pid, back);
      } else io.print('logout\n');
      return { ...state, pid: back, stack: state.stack.slice(0, -1) };
    }
    case 'sudo': {
      if (args.length === 0) return (io.fail('usage: sudo command'), state);
      const cred = io.task().cred;
      if (cred.uid !== 0 && !cred.groups.includes(27))
        return (io.fail(`${userName(cred.uid)} is not in the sudoers file.`), state);
      const root = loginShell(io.machine, 0);
      if (!root) return (io.fail('sudo: no root shell on this machine'), state);
      const saved = io.pid;
      io.pid = root.pid;
      runCommand(io, args, { pid: root.pid, stack: [] });
      io.pid = saved;
      break;
    }
    default:
      if (cmd.includes('/')) execute(io, cmd, words);
      else if (inUsrBin(io.machine, cmd)) execute(io, `/usr/bin/${cmd}`, words);
      else io.fail(`bash: ${cmd}: command not found`, 127);
  }
  return state;
}

/** Runs one command line as `state.pid`; returns what the terminal shows and every syscall made. */
export function runShell(machine: Machine, state: ShellState, line: string, options: ShellOptions = {}): ShellResult {
  const io = new Io(machine, state.pid, options.afterSyscall);
  const done = (s: ShellState): ShellResult => {
    if (io.term && !io.term.endsWith('\n')) io.term += '\n';
    const outcome = io.reported ?? io.results[io.results.length - 1] ?? null;
    // `$?` for the next line; a state keeps `status` only while it is not 0.
    const { status: _last, ...rest } = s;
    const next = io.status ? { ...rest, status: io.status } : rest;
    return { output: io.term, results: io.results, state: next, status: io.status, outcome };
  };
  const task = machine.task(state.pid);
  if (!task || task.state !== 'running') {
    io.fail(`bash: no running shell task with pid ${state.pid}`);
    return done(state);
  }
  const parsed = parseLine(line, (name) => shellVar(machine, state, name));
  if ('error' in parsed) {
    io.fail(`bash: ${parsed.error}`, 2);
    return done(state);
  }
  const { words, redirect } = parsed;
  // bash opens the redirection target before running the command.
  let fd: number | null = null;
  if (redirect) {
    const flags = `O_WRONLY|O_CREAT|${redirect.append ? 'O_APPEND' : 'O_TRUNC'}`;
    const o = io.sys('openat', { path: redirect.path, flags, mode: '0666' });
    if (failed(o)) {
      io.fail(`bash: ${redirect.path}: ${io.why(o)}`);
      return done(state);
    }
    fd = o.ret!;
    io.redirected = true;
  }
  let next = state;
  // NAME=value words before a command are its environment (runCommand reads them); a line of
  // assignments only sets shell variables, which `$NAME` expands on later lines.
  const assigns = words.findIndex((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
  if (assigns === -1) {
    const mine: Record<string, string> = { ...state.vars?.[state.pid] };
    for (const w of words) mine[w.slice(0, w.indexOf('='))] = w.slice(w.indexOf('=') + 1);
    if (words.length > 0) next = { ...state, vars: { ...state.vars, [state.pid]: mine } };
    words.length = 0;
  }
  if (parsed.background && words.length > 0) background(io, words.slice(assigns));
  else if (words.length > 0) next = runCommand(io, words, state);
  if (fd !== null) {
    io.redirected = false;
    if (io.stdout) {
      const w = io.sys('write', { fd, buf: io.stdout });
      // A builtin's error carries the shell's name (bash's builtin_error()); a program prints its own.
      const cmd = words[assigns] ?? 'bash';
      if (failed(w)) io.fail(`${BUILTINS.has(cmd) ? `bash: ${cmd}` : cmd}: write error: ${io.why(w)}`);
    }
    io.sys('close', { fd });
  }
  return done(next);
}

/** The prompt bash would show: `alice@playground:/home/alice$ `. */
export function shellPrompt(machine: Machine, state: ShellState): string {
  const t = machine.task(state.pid);
  if (!t) return '$ ';
  const uid = t.cred.euid;
  const home = USERS.find((u) => u.uid === uid)?.home;
  let cwd = machine.world.pathName(t.cwd);
  if (home && (cwd === home || cwd.startsWith(`${home}/`))) cwd = `~${cwd.slice(home.length)}`;
  return `${userName(uid)}@playground:${cwd}${uid === 0 ? '#' : '$'} `;
}
