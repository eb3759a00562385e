// The engine as the store sees it: loading the modules into a fresh kernel, the shell's
// transcript, and the faults of user code. The worker decides everything; this slice only keeps
// what it answered, so the views can render it.
import {
  defaultConfigLsm,
  type EngineFault,
  type LoadResult,
  type ModuleSource,
  type ShellPrompt,
  type WorldSnapshot,
} from '@lsm-playground/core';
import type { StateCreator } from 'zustand/vanilla';
import type { EngineClient } from '../engine/client';
import type { BootInputs } from './bootSlice';
import type { EditorSlice, EngineDiagnostic } from './editorSlice';
import type { LearnSlice } from './learnSlice';
import type { LogSlice } from './logSlice';
import type { TraceRun, TraceSlice } from './traceSlice';

/** One command of the terminal and what came back. */
export interface TerminalEntry {
  readonly id: number;
  readonly prompt: string;
  readonly line: string;
  readonly output: string;
  readonly status: number;
  /** The errno of the syscall that decided the line, e.g. "-EACCES". */
  readonly errno: string | null;
  readonly fault: EngineFault | null;
}

export type EngineStatus = 'idle' | 'loading' | 'ready' | 'failed';

export interface EngineSlice {
  readonly engineStatus: EngineStatus;
  /** The seed's v1 limits: file_open, task_alloc and task_free only, one Rust LSM, no blobs. */
  readonly rustV1: boolean;
  readonly loadResult: LoadResult | null;
  readonly terminal: readonly TerminalEntry[];
  readonly prompt: ShellPrompt | null;
  /** The last fault of user code; the worker was replaced after it. */
  readonly lastFault: EngineFault | null;
  /** Workers replaced after a fault or the watchdog. */
  readonly engineRestarts: number;
  readonly busy: boolean;
  /** The machine after the last shell line (null before the first). */
  readonly world: WorldSnapshot | null;
  /**
   * The machine at each syscall boundary of the run the trace replays (`list[i]` before syscall i,
   * `list[i + 1]` after it), tagged with the run's id so a stale list is never paired with a run.
   */
  readonly worlds: { readonly runId: number; readonly list: readonly WorldSnapshot[] } | null;
  /** The task whose blobs the blob view shows (null while a file is selected). */
  readonly selectedPid: number | null;
  /** The shell lines run on the loaded engine, in order (what a link replays); a load or a fault clears them. */
  readonly sessionLines: readonly string[];
  /** Counts the sessions: a load or a fault clears sessionLines and starts the next. */
  readonly sessionId: number;
  /** Whether a new run starts playing (off under prefers-reduced-motion: it opens at its end). */
  readonly autoPlay: boolean;
  setAutoPlay(on: boolean): void;
  /** The file whose inode blob the blob view shows (null while a task is selected). */
  readonly selectedPath: string | null;
  selectTask(pid: number | null): void;
  selectFile(path: string | null): void;
  setRustV1(on: boolean): void;
  /** Compiles the modules and boots a kernel with them (the Run action). */
  loadModules(): Promise<LoadResult | null>;
  /** Runs one shell line as the current task; its trace plays unless `play` is false or autoPlay is off. */
  runShellLine(line: string, options?: { readonly play?: boolean }): Promise<void>;
  clearTerminal(): void;
  dismissFault(): void;
}

/** The parts of the editor slice the engine slice reads: the files, and where problems go. */
type Peers = Pick<EditorSlice, 'modules' | 'setEngineDiagnostics'> &
  /** Set in a lesson about the boot alone: the editor's modules are not loaded. */
  Pick<LearnSlice, 'lessonLoadsNoModules'> &
  Pick<TraceSlice, 'setRun'> &
  Pick<LogSlice, 'receiveLog'>;

export function promptText(p: ShellPrompt | null): string {
  if (!p) return '$';
  const home = p.user === 'root' ? '/root' : `/home/${p.user}`;
  const cwd = p.cwd === home ? '~' : p.cwd.startsWith(`${home}/`) ? `~${p.cwd.slice(home.length)}` : p.cwd;
  return `${p.user}@lsm:${cwd}${p.root ? '#' : '$'}`;
}

export function createEngineSlice(
  client: () => EngineClient,
): StateCreator<EngineSlice & BootInputs & Peers, [], [], EngineSlice> {
  let entryId = 0;
  return (set, get) => {
    const modules = (): ModuleSource[] =>
      get().lessonLoadsNoModules ? [] : get().modules.map((m) => ({ fileName: m.fileName, source: m.source }));
    const load = async (): Promise<LoadResult | null> => {
      const s = get();
      set({ engineStatus: 'loading', busy: true });
      const configLsm = s.configLsm === defaultConfigLsm(s.kernelVersion) ? undefined : s.configLsm;
      const reply = await client().call({
        type: 'load',
        options: {
          modules: modules(),
          rustV1: s.rustV1,
          notBuilt: s.notBuilt,
          boot: {
            kernelVersion: s.kernelVersion,
            cmdline: s.cmdline,
            ...(configLsm ? { configLsm } : {}),
            ...(Object.keys(s.policies).length > 0 ? { policies: s.policies } : {}),
          },
        },
      });
      const r = reply.response;
      if (r.type !== 'loaded') {
        set({ engineStatus: 'failed', busy: false, lastFault: reply.fault, loadResult: null });
        return null;
      }
      const byFile = new Map<string, EngineDiagnostic[]>(modules().map((m) => [m.fileName, []]));
      for (const d of r.result.diagnostics)
        byFile.get(d.fileName)?.push({ line: d.line, column: d.column, message: d.message, severity: d.severity });
      for (const [f, list] of byFile) get().setEngineDiagnostics(f, list);
      // A new kernel: its log starts over with its boot lines.
      get().receiveLog(r.log, null, true);
      set({
        engineStatus: r.result.ok ? 'ready' : 'failed',
        busy: false,
        loadResult: r.result,
        prompt: r.result.ok ? { user: 'root', pid: 1001, cwd: '/root', root: true } : null,
        lastFault: reply.fault,
        sessionLines: [],
        sessionId: get().sessionId + 1,
      });
      return r.result;
    };
    return {
      engineStatus: 'idle',
      rustV1: false,
      loadResult: null,
      terminal: [],
      prompt: null,
      lastFault: null,
      engineRestarts: 0,
      busy: false,
      world: null,
      worlds: null,
      selectedPid: null,
      sessionLines: [],
      sessionId: 0,
      autoPlay: true,
      setAutoPlay: (autoPlay) => set({ autoPlay }),
      selectedPath: null,
      selectTask: (pid) => set({ selectedPid: pid, selectedPath: null }),
      selectFile: (path) => set({ selectedPath: path, selectedPid: null }),
      setRustV1: (on) => {
        set({ rustV1: on });
        // The limits are checked at build time: rebuild what is loaded so the problems show now.
        if (get().engineStatus !== 'idle') void load();
      },
      loadModules: load,
      runShellLine: async (line, options = {}) => {
        if (get().engineStatus !== 'ready') {
          const loaded = await load();
          if (!loaded?.ok) return;
        }
        const prompt = promptText(get().prompt);
        set({ busy: true });
        const reply = await client().call({ type: 'shell', line });
        const r = reply.response;
        const entry: TerminalEntry =
          r.type === 'shell'
            ? {
                id: ++entryId,
                prompt,
                line,
                output: r.result.output,
                status: r.result.status,
                errno: r.result.outcome?.errno ?? null,
                fault: reply.fault,
              }
            : {
                id: ++entryId,
                prompt,
                line,
                output: r.type === 'error' ? `${r.message}\n` : '',
                status: 1,
                errno: null,
                fault: reply.fault,
              };
        // The replay view animates this line's syscalls (a fault's partial trace included).
        // The worlds go in first, so the World view never pairs the new run with the old worlds.
        const run: TraceRun | null =
          r.type === 'shell' && r.result.results.length > 0
            ? {
                id: entry.id,
                line,
                syscalls: r.result.results,
                lineIndex: get().sessionLines.length,
                sessionId: get().sessionId,
              }
            : null;
        if (run && r.type === 'shell') {
          set({ world: r.world, worlds: { runId: entry.id, list: r.worlds } });
          get().setRun(run, (options.play ?? true) && get().autoPlay);
        }
        if (r.type === 'shell') get().receiveLog(r.log, run);
        // After a fault the fresh worker booted again: its boot lines follow the fault's report.
        if (reply.reloadLog) get().receiveLog(reply.reloadLog, null);
        set((s) => ({
          busy: false,
          terminal: [...s.terminal, entry].slice(-500),
          prompt: r.type === 'shell' && !reply.fault ? r.prompt : s.prompt,
          world: r.type === 'shell' ? r.world : s.world,
          selectedPid: s.selectedPid ?? (r.type === 'shell' && s.selectedPath === null ? r.prompt.pid : null),
          lastFault: reply.fault ?? s.lastFault,
          // After a fault the worker was replaced and reloaded: its shell starts over.
          sessionLines: reply.fault ? [] : [...s.sessionLines, line],
          sessionId: reply.fault ? s.sessionId + 1 : s.sessionId,
          engineRestarts: s.engineRestarts + (reply.fault ? 1 : 0),
          ...(reply.fault ? { prompt: { user: 'root', pid: 1001, cwd: '/root', root: true } } : {}),
        }));
      },
      clearTerminal: () => set({ terminal: [] }),
      dismissFault: () => set({ lastFault: null }),
    };
  };
}
