// `LL_FS_RO=... LL_FS_RW=... sandboxer CMD [ARGS]`: the kernel's Landlock sample
// (samples/landlock/sandboxer.c), the way an unprivileged user confines a program. bash forks;
// in the child the sandboxer asks the Landlock ABI version, creates a ruleset handling the
// "roughly read" and "roughly write" file system rights the ABI knows, adds one path-beneath rule
// per listed path (opened with O_PATH; a file keeps only the rights a file can have), sets
// no_new_privs, restricts itself, closes the ruleset and execs CMD. CMD `bash` gives a confined
// shell: the lines that follow run in it, until `exit`. The network and scope settings of the
// sample are not modelled. The program itself is not in the disk image, so its own execve is not
// shown: the child goes straight to the sandboxer's syscalls.
import type { Machine, SyscallResult } from './machine';
import type { Task } from './types';

/** What the sandboxer needs of the shell's Io (shell.ts). */
export interface SandboxerIo {
  readonly machine: Machine;
  sys(name: string, args: Readonly<Record<string, number | string>>, pid?: number): SyscallResult;
  print(s: string): void;
  fail(line: string, status?: number): void;
  why(r: SyscallResult): string;
  status: number;
}

// include/uapi/linux/landlock.h access rights (bit numbers as in models/landlock/uapi.ts).
const FS = {
  EXECUTE: 1 << 0,
  WRITE_FILE: 1 << 1,
  READ_FILE: 1 << 2,
  READ_DIR: 1 << 3,
  REMOVE_DIR: 1 << 4,
  REMOVE_FILE: 1 << 5,
  MAKE_CHAR: 1 << 6,
  MAKE_DIR: 1 << 7,
  MAKE_REG: 1 << 8,
  MAKE_SOCK: 1 << 9,
  MAKE_FIFO: 1 << 10,
  MAKE_BLOCK: 1 << 11,
  MAKE_SYM: 1 << 12,
  REFER: 1 << 13,
  TRUNCATE: 1 << 14,
  IOCTL_DEV: 1 << 15,
} as const;
const ACCESS_FILE = FS.EXECUTE | FS.WRITE_FILE | FS.READ_FILE | FS.TRUNCATE | FS.IOCTL_DEV;
const ROUGHLY_READ = FS.EXECUTE | FS.READ_FILE | FS.READ_DIR;
const ROUGHLY_WRITE =
  FS.WRITE_FILE |
  FS.REMOVE_DIR |
  FS.REMOVE_FILE |
  FS.MAKE_CHAR |
  FS.MAKE_DIR |
  FS.MAKE_REG |
  FS.MAKE_SOCK |
  FS.MAKE_FIFO |
  FS.MAKE_BLOCK |
  FS.MAKE_SYM |
  FS.REFER |
  FS.TRUNCATE |
  FS.IOCTL_DEV;
const LANDLOCK_CREATE_RULESET_VERSION = 1;
const LANDLOCK_RULE_PATH_BENEATH = 1;
const PR_SET_NO_NEW_PRIVS = 38;
const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;

export const SANDBOXER_USAGE = `usage: LL_FS_RO="..." LL_FS_RW="..." sandboxer <cmd> [args]...
Execute the given command in a restricted environment (colon-separated path lists):
* LL_FS_RO: paths allowed to be used in a read-only way
* LL_FS_RW: paths allowed to be used in a read-write way
Example: LL_FS_RO=/usr:/etc LL_FS_RW=/tmp sandboxer bash`;

const failed = (r: SyscallResult): boolean => r.ret === null || r.ret < 0;

/** The handled rights for the ABI, as the sample's "best-effort security" switch lowers them. */
function handledFor(abi: number): number {
  let fs = ROUGHLY_READ | ROUGHLY_WRITE;
  if (abi < 2) fs &= ~FS.REFER;
  if (abi < 3) fs &= ~FS.TRUNCATE;
  if (abi < 5) fs &= ~FS.IOCTL_DEV;
  return fs;
}

/**
 * Runs the sandboxer as bash would: fork, then the sandboxer in the child. Returns the pid of a
 * confined shell to switch to (CMD bash), or null when the child has exited (and was reaped).
 */
export function sandboxer(
  io: SandboxerIo,
  parent: number,
  env: ReadonlyMap<string, string>,
  argv: string[],
): number | null {
  if (argv.length === 0) {
    io.fail(SANDBOXER_USAGE);
    return null;
  }
  const f = io.sys('fork', {}, parent);
  if (failed(f)) {
    io.fail(`bash: fork: ${io.why(f)}`, 126);
    return null;
  }
  const child = f.ret!;
  const sys = (name: string, args: Readonly<Record<string, number | string>>) => io.sys(name, args, child);
  const end = (status: number): null => {
    sys('exit_group', { error_code: status });
    io.sys('wait4', { pid: child }, parent);
    io.status = status;
    return null;
  };
  const abi = sys('landlock_create_ruleset', { flags: LANDLOCK_CREATE_RULESET_VERSION });
  if (failed(abi)) {
    io.fail(`Failed to check Landlock compatibility: ${io.why(abi)}`);
    if (abi.errno === '-EOPNOTSUPP')
      io.fail('Hint: Landlock is currently disabled: add "landlock" to CONFIG_LSM or to the "lsm" kernel parameter.');
    return end(1);
  }
  const handled = handledFor(abi.ret!);
  const ruleset = sys('landlock_create_ruleset', { handled_access_fs: handled });
  if (failed(ruleset)) {
    io.fail(`Failed to create a ruleset: ${io.why(ruleset)}`);
    return end(1);
  }
  const fd = ruleset.ret!;
  const populate = (name: string, allowed: number): boolean => {
    const value = env.get(name);
    if (value === undefined) {
      io.fail(`Missing environment variable ${name}`);
      return false;
    }
    if (value === '') return true;
    for (const path of value.split(':')) {
      const o = sys('openat', { path, flags: 'O_PATH|O_CLOEXEC' });
      if (failed(o)) {
        io.fail(`Failed to open "${path}": ${io.why(o)}`);
        continue;
      }
      // fstat(): whether the rule is on a directory (a file keeps only the rights of a file).
      const inode = io.machine.task(child)?.files.get(o.ret!)?.f_path.dentry.d_inode;
      const isDir = !!inode && (inode.i_mode & S_IFMT) === S_IFDIR;
      const access = isDir ? allowed : allowed & ACCESS_FILE;
      const r = sys('landlock_add_rule', {
        ruleset_fd: fd,
        rule_type: LANDLOCK_RULE_PATH_BENEATH,
        parent_fd: o.ret!,
        allowed_access: access,
      });
      sys('close', { fd: o.ret! });
      if (failed(r)) {
        io.fail(`Failed to update the ruleset with "${path}": ${io.why(r)}`);
        return false;
      }
    }
    return true;
  };
  if (
    !populate('LL_FS_RO', ROUGHLY_READ & handled) ||
    !populate('LL_FS_RW', (ROUGHLY_READ | ROUGHLY_WRITE) & handled)
  ) {
    sys('close', { fd });
    return end(1);
  }
  const nnp = sys('prctl', { option: PR_SET_NO_NEW_PRIVS, arg2: 1 });
  if (failed(nnp)) {
    io.fail(`Failed to restrict privileges: ${io.why(nnp)}`);
    sys('close', { fd });
    return end(1);
  }
  const restrict = sys('landlock_restrict_self', { ruleset_fd: fd, flags: 0 });
  if (failed(restrict)) {
    io.fail(`Failed to enforce ruleset: ${io.why(restrict)}`);
    sys('close', { fd });
    return end(1);
  }
  sys('close', { fd });
  io.fail('Executing the sandboxed command...', 0);
  const cmd = argv[0]!;
  const path = cmd.includes('/') ? cmd : `/usr/bin/${cmd}`;
  const e = sys('execve', { path, argv: argv.join(' ') });
  if (failed(e)) {
    io.fail(`Failed to execute "${cmd}": ${io.why(e)}`);
    io.fail('Hint: access to the binary, the interpreter or shared libraries may be denied.');
    return end(1);
  }
  const task: Task | undefined = io.machine.task(child);
  if (task?.comm === 'bash') return child;
  return end(0);
}
