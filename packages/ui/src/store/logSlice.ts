// The kernel log and the audit records as the engine sent them: a bounded copy on the page (the
// worker sends each line once), the filters of the log view, and following a line to the trace
// event that wrote it. The traces of the last LOG_RUNS_KEPT shell lines are kept for that.
import { LEVEL_NAMES, type LogAudit, type LogDelta } from '@lsm-playground/core';
import type { StateCreator } from 'zustand/vanilla';
import type { TraceRun, TraceSlice } from './traceSlice';

/** Lines the page keeps; older ones are dropped (and counted), like the kernel's ring buffer. */
export const LOG_LINES_KEPT = 100_000;
/** Shell lines whose traces stay reachable from their log lines. */
export const LOG_RUNS_KEPT = 50;

export type LevelName = (typeof LEVEL_NAMES)[number];

/** Where a log line's event is: the run (terminal entry id) and the index in runEvents(run). */
export interface LogLink {
  readonly runId: number;
  readonly index: number;
}

/** One log line on the page. */
export interface LogEntry {
  /** Increasing on the page, across reboots: the row's key. */
  readonly key: number;
  readonly level: number;
  readonly levelName: LevelName;
  /** `[    1.234567]` */
  readonly time: string;
  readonly text: string;
  readonly audit: LogAudit | null;
  readonly link: LogLink | null;
}

export type LogTab = 'dmesg' | 'audit';

export interface LogFilter {
  /** Show lines at this printk level or more urgent (7 = every line). */
  readonly maxLevel: number;
  /** In the dmesg tab: hide the lines that print audit records. */
  readonly kernelOnly: boolean;
  /** Case-insensitive text the line must contain. */
  readonly text: string;
}

export const DEFAULT_LOG_FILTER: LogFilter = { maxLevel: 7, kernelOnly: false, text: '' };

export interface LogSlice {
  readonly logLines: readonly LogEntry[];
  /** Older lines that are not in logLines: dropped by the kernel's ring buffer or the page's bound. */
  readonly logDropped: number;
  readonly logTab: LogTab;
  readonly logFilter: LogFilter;
  /** The traces log lines can link to, oldest first. */
  readonly logRuns: readonly TraceRun[];
  /** Why the last followed link could not be shown, or null. */
  readonly logNotice: string | null;
  /** Adds the lines of one engine response; `run` is the shell line they link into; `reset` starts over (a new boot). */
  receiveLog(delta: LogDelta, run: TraceRun | null, reset?: boolean): void;
  setLogTab(tab: LogTab): void;
  setLogFilter(patch: Partial<LogFilter>): void;
  /** Shows the linked run in the trace with its cursor on the event that wrote line `key`. */
  followLogLink(key: number): void;
}

/** The entry with `key` (lines are sorted by key), or undefined. */
export function findLogEntry(lines: readonly LogEntry[], key: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const k = lines[mid]!.key;
    if (k === key) return mid;
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

type Peers = Pick<TraceSlice, 'run' | 'setRun' | 'seek'>;

export function createLogSlice(): StateCreator<LogSlice & Peers, [], [], LogSlice> {
  let nextKey = 0;
  return (set, get) => ({
    logLines: [],
    logDropped: 0,
    logTab: 'dmesg',
    logFilter: DEFAULT_LOG_FILTER,
    logRuns: [],
    logNotice: null,
    receiveLog: (delta, run, reset = false) => {
      // The run's flattened event index of each syscall's first event (runEvents() order).
      const offsets: number[] = [];
      if (run) {
        let n = 0;
        for (const sc of run.syscalls) {
          offsets.push(n);
          n += sc.trace.length;
        }
      }
      const added = delta.lines.map((l): LogEntry => ({
        key: nextKey++,
        level: l.level,
        levelName: LEVEL_NAMES[l.level] ?? 'info',
        time: l.time,
        text: l.text,
        audit: l.audit,
        link:
          run && l.source && offsets[l.source.syscall] !== undefined
            ? { runId: run.id, index: offsets[l.source.syscall]! + l.source.event }
            : null,
      }));
      set((s) => {
        const before = reset ? [] : s.logLines;
        const all = added.length === 0 ? before : before.concat(added);
        const over = Math.max(0, all.length - LOG_LINES_KEPT);
        const runs = reset ? [] : s.logRuns;
        return {
          logLines: over > 0 ? all.slice(over) : all,
          logDropped: (reset ? 0 : s.logDropped) + delta.dropped + over,
          logRuns: run && added.some((l) => l.link) ? [...runs, run].slice(-LOG_RUNS_KEPT) : runs,
          ...(reset ? { logNotice: null } : {}),
        };
      });
    },
    setLogTab: (tab) => set({ logTab: tab }),
    setLogFilter: (patch) => set((s) => ({ logFilter: { ...s.logFilter, ...patch } })),
    followLogLink: (key) => {
      const s = get();
      const line = s.logLines[findLogEntry(s.logLines, key)];
      if (!line?.link) return;
      const { runId, index } = line.link;
      const run = s.run?.id === runId ? s.run : s.logRuns.find((r) => r.id === runId);
      if (!run) {
        set({
          logNotice: `The trace of that command is no longer kept (the traces of the last ${LOG_RUNS_KEPT} commands that logged are).`,
        });
        return;
      }
      if (run !== s.run) s.setRun(run, false);
      get().seek(index);
      set({ logNotice: null });
    },
  });
}
