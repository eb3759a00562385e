// The trace as a file: a versioned JSON document (what a shell line's syscalls did, event by event,
// with the boot that produced them) and the strace-like text the CLI prints. Both only render the
// engine's results; the same input gives the same bytes.
import { formatSyscallLine, formatTrace } from '../machine/formatTrace';
import type { SyscallResult } from '../machine/machine';
import type { TraceEvent } from '../trace/events';

export const TRACE_FORMAT = 'lsm-playground-trace';
export const TRACE_FORMAT_VERSION = 1;

/** The boot a trace ran on: the build, the command line and the LSMs it activated. */
export interface TraceBoot {
  readonly kernelVersion: string;
  /** CONFIG_LSM of the build. */
  readonly configLsm: string;
  readonly cmdline: string;
  /** In-tree LSMs the build left out. */
  readonly notBuilt: readonly string[];
  /** The active LSMs in boot order (what /sys/kernel/security/lsm lists). */
  readonly order: readonly string[];
  /** The user's modules: each LSM's name, id, class, file and the hooks it registers. */
  readonly userLsms: readonly {
    readonly name: string;
    readonly id: number;
    readonly className: string;
    readonly fileName: string;
    readonly hooks: readonly string[];
  }[];
}

/** One syscall of the line: its result, its strace line and every event of its trace. */
export interface TraceStep {
  readonly index: number;
  readonly syscall: string;
  readonly pid: number;
  /** The return value (>= 0) or -errno; null when the call could not be made. */
  readonly ret: number | null;
  readonly errno: string | null;
  readonly error: string | null;
  /** `openat(AT_FDCWD, "/etc/shadow", O_WRONLY|O_CREAT|O_TRUNC, 0666) = -1 EACCES (Permission denied)`. */
  readonly strace: string;
  /** What the syscall gave userspace (bytes read, a listing). */
  readonly out: string;
  readonly events: readonly TraceEvent[];
}

/** Version 1 of the trace file (docs/ARCHITECTURE.md, "Export"). */
export interface TraceDocument {
  readonly format: typeof TRACE_FORMAT;
  readonly version: typeof TRACE_FORMAT_VERSION;
  readonly boot: TraceBoot;
  /** The shell line whose syscalls these are. */
  readonly line: string;
  readonly steps: readonly TraceStep[];
}

/** Builds the trace document of one shell line's syscalls; fields in a fixed order. */
export function traceDocument(boot: TraceBoot, line: string, syscalls: readonly SyscallResult[]): TraceDocument {
  return {
    format: TRACE_FORMAT,
    version: TRACE_FORMAT_VERSION,
    boot: {
      kernelVersion: boot.kernelVersion,
      configLsm: boot.configLsm,
      cmdline: boot.cmdline,
      notBuilt: [...boot.notBuilt],
      order: [...boot.order],
      userLsms: boot.userLsms.map((l) => ({
        name: l.name,
        id: l.id,
        className: l.className,
        fileName: l.fileName,
        hooks: [...l.hooks],
      })),
    },
    line,
    steps: syscalls.map((r, index) => ({
      index,
      syscall: r.name,
      pid: r.pid,
      ret: r.ret,
      errno: r.errno,
      error: r.error,
      strace: formatSyscallLine(r),
      out: r.out,
      events: r.trace,
    })),
  };
}

/** The document as the file holds it: two-space indented JSON with a final newline. */
export function traceJson(doc: TraceDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** The line's syscalls as the CLI's `lsm run --trace` prints them (formatTrace), after a `$ line` header. */
export function traceText(line: string, syscalls: readonly SyscallResult[]): string {
  return [`$ ${line}`, ...syscalls.map((r) => formatTrace(r))].join('\n') + '\n';
}
