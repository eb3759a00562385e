// A syscall result as readable text: an strace-like first line, then one indented line per kernel
// function, DAC check and LSM hook on the path, each hook with every LSM's verdict, e.g.
//
//   openat(AT_FDCWD, "/etc/shadow", O_WRONLY|O_TRUNC) = -1 EACCES (Permission denied)
//     may_open() /etc/shadow
//     DAC generic_permission(/etc/shadow, MAY_WRITE|MAY_OPEN) = -EACCES: other bits deny
//     security_file_open: landlock=0 selinux=-EACCES ✗ (short-circuit: tomoyo, bpf skipped)
import { errnoName } from '../errno';
import type { TraceEvent } from '../trace/events';
import type { SyscallResult } from './machine';

/** glibc's strerror() texts for the errnos the model knows (string/_strerror.c, sysdeps errlist). */
const STRERROR: Readonly<Record<string, string>> = {
  EPERM: 'Operation not permitted',
  ENOENT: 'No such file or directory',
  ESRCH: 'No such process',
  EINTR: 'Interrupted system call',
  E2BIG: 'Argument list too long',
  ENOEXEC: 'Exec format error',
  EBADF: 'Bad file descriptor',
  ECHILD: 'No child processes',
  EAGAIN: 'Resource temporarily unavailable',
  ENOMEM: 'Cannot allocate memory',
  EACCES: 'Permission denied',
  EFAULT: 'Bad address',
  EBUSY: 'Device or resource busy',
  EEXIST: 'File exists',
  EXDEV: 'Invalid cross-device link',
  ENODEV: 'No such device',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  EINVAL: 'Invalid argument',
  ENFILE: 'Too many open files in system',
  EMFILE: 'Too many open files',
  ETXTBSY: 'Text file busy',
  ENOSPC: 'No space left on device',
  ESPIPE: 'Illegal seek',
  EROFS: 'Read-only file system',
  EMLINK: 'Too many links',
  ERANGE: 'Numerical result out of range',
  ENAMETOOLONG: 'File name too long',
  ENOSYS: 'Function not implemented',
  ENOTEMPTY: 'Directory not empty',
  ELOOP: 'Too many levels of symbolic links',
  ENODATA: 'No data available',
  ENOTSOCK: 'Socket operation on non-socket',
  ENOPROTOOPT: 'Protocol not available',
  EOPNOTSUPP: 'Operation not supported',
  EAFNOSUPPORT: 'Address family not supported by protocol',
  EADDRINUSE: 'Address already in use',
  ECONNREFUSED: 'Connection refused',
  EKEYREJECTED: 'Key was rejected by service',
  EBADMSG: 'Bad message',
  ESTALE: 'Stale file handle',
  ENOKEY: 'Required key not available',
};

/**
 * strerror(): the C library's text for an errno, given as a name ("EACCES", "-EACCES") or a
 * number (13, -13). Unknown ones read "Unknown error N" as glibc prints them.
 */
export function strerror(errno: string | number): string {
  const name = typeof errno === 'number' ? errnoName(-Math.abs(errno)).replace(/^-/, '') : errno.replace(/^-/, '');
  return STRERROR[name] ?? `Unknown error ${typeof errno === 'number' ? Math.abs(errno) : name}`;
}

/** The wrapper in security/security.c that calls a hook: security_file_open, security_file_alloc… */
export function securityWrapperName(hook: string): string {
  const m = /^(.*)_(alloc|free)_security$/.exec(hook);
  return m ? `security_${m[1]}_${m[2]}` : `security_${hook}`;
}

/** The strace argument list: open(2)'s mode is printed only with O_CREAT/O_TMPFILE, as strace does. */
function straceArgs(name: string, args: readonly string[]): readonly string[] {
  if (name === 'openat' && args.length === 4 && !/O_CREAT|O_TMPFILE/.test(args[2]!)) return args.slice(0, 3);
  return args;
}

/** The strace-like first line: `openat(AT_FDCWD, "/etc/shadow", O_RDONLY) = -1 EACCES (Permission denied)`. */
export function formatSyscallLine(r: SyscallResult): string {
  const enter = r.trace.find((e) => e.type === 'syscall_enter');
  const args = enter?.type === 'syscall_enter' ? straceArgs(r.name, enter.args).join(', ') : '...';
  if (r.ret === null) return `${r.name}(${args}) = ? <${r.error ?? 'not run'}>`;
  let ret: string;
  if (r.ret < 0) {
    const name = (r.errno ?? errnoName(r.ret)).replace(/^-/, '');
    ret = `-1 ${name} (${strerror(name)})`;
  } else if (r.name === 'mmap') {
    ret = `0x${r.ret.toString(16)}`;
  } else {
    ret = String(r.ret);
  }
  const line = `${r.name}(${args}) = ${ret}`;
  return r.error ? `${line} <${r.error}>` : line;
}

function rcText(rc: number | null): string {
  return rc === null ? 'void' : errnoName(rc);
}

export interface FormatOptions {
  /** Print blob_alloc/blob_free lines (off by default). */
  readonly blobs?: boolean;
  /** Print kfunc lines (on by default). */
  readonly kfuncs?: boolean;
}

interface OpenHook {
  readonly hook: string;
  readonly head: readonly string[];
  readonly slot: number;
  readonly depth: number;
  readonly verdicts: string[];
  skipped: readonly string[] | null;
  shortBy: string | null;
}

/** The hook line: each called LSM's return, the outcome, and who the short-circuit skipped. */
function hookLine(h: OpenHook, rc: number | null, closed: boolean): string {
  const parts = [`${securityWrapperName(h.hook)}:`];
  if (h.head.length === 0) parts.push('(no LSM on this hook)');
  parts.push(...h.verdicts);
  if (!closed) parts.push('(did not return)');
  else if (rc === null) {
    if (h.head.length === 0) parts.push('(void)');
  } else if (rc === 0) parts.push('✓');
  else if (rc < 0) parts.push('✗');
  else parts.push(`→ ${rc}`);
  if (h.skipped && h.skipped.length > 0) parts.push(`(short-circuit: ${h.skipped.join(', ')} skipped)`);
  return parts.join(' ');
}

/** The indented body lines of a trace (everything between syscall_enter and syscall_exit). */
export function formatTraceEvents(trace: readonly TraceEvent[], opts: FormatOptions = {}): string[] {
  const lines: string[] = [];
  const open: OpenHook[] = [];
  const pad = (depth: number) => '  '.repeat(depth + 1);
  for (const e of trace) {
    switch (e.type) {
      case 'syscall_enter':
      case 'syscall_exit':
      case 'lsm_call':
        break;
      case 'kfunc':
        if (opts.kfuncs !== false) lines.push(`${pad(e.depth)}${e.fn}()${e.note ? ` ${e.note}` : ''}`);
        break;
      case 'dac':
        lines.push(`${pad(e.depth)}DAC ${e.fn}(${e.path}, ${e.mask}) = ${errnoName(e.rc)}: ${e.reason}`);
        break;
      case 'hook_enter':
        open.push({
          hook: e.hook,
          head: e.head,
          slot: lines.length,
          depth: e.depth,
          verdicts: [],
          skipped: null,
          shortBy: null,
        });
        lines.push('');
        break;
      case 'lsm_return': {
        const h = open[open.length - 1];
        if (h) h.verdicts.push(e.rc === null ? e.lsm : `${e.lsm}=${rcText(e.rc)}`);
        break;
      }
      case 'short_circuit': {
        const h = open[open.length - 1];
        if (h) {
          h.skipped = e.skipped;
          h.shortBy = e.lsm;
        }
        break;
      }
      case 'hook_exit': {
        const h = open.pop();
        if (h) lines[h.slot] = `${pad(h.depth)}${hookLine(h, e.rc, true)}`;
        break;
      }
      case 'printk':
        lines.push(`${pad(e.depth)}printk(<${e.level}>) ${e.text}`);
        break;
      case 'blob_alloc':
      case 'blob_free':
        if (opts.blobs)
          lines.push(
            `${pad(e.depth)}${e.type} ${e.blob} blob, ${e.size} bytes, for ${e.owner.struct}@0x${e.owner.addr.toString(16)}`,
          );
        break;
      case 'oops':
        lines.push(
          `${pad(e.depth)}!! ${e.kind}${e.lsm ? ` in ${e.lsm}` : ''}${e.hook ? `/${e.hook}` : ''}: ${e.message}`,
        );
        break;
    }
  }
  // Hooks left open (a callback oopsed): say so where they started.
  for (const h of open) lines[h.slot] = `${pad(h.depth)}${hookLine(h, null, false)}`;
  return lines;
}

/** The whole readable text of one syscall result: the strace line, then the indented trace. */
export function formatTrace(r: SyscallResult, opts: FormatOptions = {}): string {
  return [formatSyscallLine(r), ...formatTraceEvents(r.trace, opts)].join('\n');
}

/** The hooks a trace reached, in order (nested ones included), by their hook names: ["file_open", …]. */
export function hookNames(trace: readonly TraceEvent[]): string[] {
  return trace.flatMap((e) => (e.type === 'hook_enter' ? [e.hook] : []));
}
