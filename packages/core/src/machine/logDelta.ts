// The kernel log lines written since the page last heard from the machine, each with what it needs
// to be shown (level, dmesg timestamp, audit record) and, when a syscall's trace holds the printk
// event that wrote it, a link to that event. The page keeps its own bounded copy of the log, so
// the worker sends each line once instead of the whole ring buffer every time.
import { AUDIT_TYPES } from '../kernel/audit';
import { formatLogTime, type LogLine } from '../kernel/printk';
import type { Machine, SyscallResult } from './machine';

/** Where a log line came from: the printk event at `event` in the trace of `results[syscall]`. */
export interface LogSource {
  /** Index of the syscall among the shell line's results. */
  readonly syscall: number;
  /** Index of the printk event in that syscall's trace. */
  readonly event: number;
}

/** An audit record as auditd would write it to audit.log, parsed from its "audit: type=N" line. */
export interface LogAudit {
  /** The record type number (AUDIT_AVC = 1400, AUDIT_APPARMOR_DENIED = 1503, …). */
  readonly type: number;
  /** Its name without the AUDIT_ prefix ("AVC"), or the number when the model does not name it. */
  readonly typeName: string;
  /** `type=AVC msg=audit(1795305600.123:4): avc:  denied  { write } …` */
  readonly record: string;
}

/** One kernel log line as the page shows it. */
export interface LogRecord {
  /** The line's number since boot (0 is the first boot line); unique within one boot. */
  readonly seq: number;
  /** printk level, KERN_EMERG (0) … KERN_DEBUG (7). */
  readonly level: number;
  /** dmesg's timestamp: `[    1.234567]`. */
  readonly time: string;
  readonly text: string;
  /** Set for the lines kauditd_printk_skb() prints for audit records (no auditd listening). */
  readonly audit: LogAudit | null;
  /** The event that wrote the line; null for boot lines and lines of other requests. */
  readonly source: LogSource | null;
}

/** The lines written since line number `from`. */
export interface LogDelta {
  readonly lines: readonly LogRecord[];
  /** Lines written since `from` that the ring buffer dropped before they could be sent. */
  readonly dropped: number;
  /** The number to pass as `from` next time (the machine's logCount). */
  readonly next: number;
}

const AUDIT_NAMES = new Map<number, string>(Object.entries(AUDIT_TYPES).map(([name, n]) => [n, name]));

// kernel/audit.c kauditd_printk_skb(): "audit: type=%d %s" with the record's "audit(...): body".
const AUDIT_LINE = /^audit: type=(\d+) (audit\(\d+\.\d{3}:\d+\)): ([\s\S]*)$/;

/** The audit record a log line prints, or null when it is not one. */
export function parseAuditLine(text: string): LogAudit | null {
  const m = AUDIT_LINE.exec(text);
  if (!m) return null;
  const type = Number(m[1]);
  const typeName = AUDIT_NAMES.get(type) ?? String(type);
  return { type, typeName, record: `type=${typeName} msg=${m[2]}: ${m[3]}` };
}

/**
 * The log lines from line number `from` on, linked to the printk events of `results` (the
 * syscalls that ran since `from`) that wrote them.
 */
export function logDelta(machine: Machine, from: number, results: readonly SyscallResult[] = []): LogDelta {
  const log = machine.log;
  const next = machine.logCount;
  const firstKept = next - log.length;
  const start = Math.max(from, firstKept);
  const dropped = Math.max(0, firstKept - from);
  if (start >= next) return { lines: [], dropped, next };
  // The machine appends each syscall's printk events in trace order, so the newest lines pair with
  // the last printk events of `results`, walking both backwards; a line that does not match the
  // event (written by another request) gets no link and the walk keeps the event for the next line.
  const printks: { syscall: number; event: number; ev: { level: number; t: number; text: string } }[] = [];
  for (let i = 0; i < results.length; i++) {
    const trace = results[i]!.trace;
    for (let j = 0; j < trace.length; j++) {
      const ev = trace[j]!;
      if (ev.type === 'printk') printks.push({ syscall: i, event: j, ev });
    }
  }
  const lines: LogRecord[] = new Array<LogRecord>(next - start);
  let p = printks.length - 1;
  for (let n = next - 1; n >= start; n--) {
    const line: LogLine = log[n - firstKept]!;
    const at = p >= 0 ? printks[p]! : null;
    let source: LogSource | null = null;
    if (at && at.ev.t === line.t && at.ev.level === line.level && at.ev.text === line.text) {
      source = { syscall: at.syscall, event: at.event };
      p--;
    }
    lines[n - start] = {
      seq: n,
      level: line.level,
      time: formatLogTime(line.t),
      text: line.text,
      audit: line.text.startsWith('audit: ') ? parseAuditLine(line.text) : null,
      source,
    };
  }
  return { lines, dropped, next };
}
