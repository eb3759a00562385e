// Named selectors. Anything derived from the kernel is memoised per Kernel object, so a selector
// returns the same array until the next reboot (useStore compares snapshots by reference).
import {
  defaultConfigLsm,
  distroPresets,
  pseudoFilePath,
  type DistroPreset,
  diagnoseBoot,
  lsmBuildOptions,
  diffWorlds,
  KERNEL_VERSIONS,
  LEVEL_NAMES,
  formatLogLine,
  type BlobKind,
  type Kernel,
  type BootFailure,
  type KernelVersion,
  type LoadResult,
  type LsmBuildOption,
  type LsmStatus,
  type WorldDiff,
  type WorldSnapshot,
} from '@lsm-playground/core';
import type { PlaygroundState } from './createPlaygroundStore';
import type { EditorTheme, ModuleFile } from './editorSlice';
import type { LogEntry, LogFilter, LogTab } from './logSlice';
import { callbackAt, runEvents } from './traceSlice';

function memoByKernel<T>(derive: (kernel: Kernel) => T): (state: PlaygroundState) => T {
  const cache = new WeakMap<Kernel, T>();
  return (state) => {
    const hit = cache.get(state.kernel);
    if (hit !== undefined) return hit;
    const value = derive(state.kernel);
    cache.set(state.kernel, value);
    return value;
  };
}

/** The kernel versions the boot loader offers. */
export const KERNEL_VERSION_OPTIONS: readonly KernelVersion[] = KERNEL_VERSIONS;

export const selectKernelVersion = (s: PlaygroundState): KernelVersion => s.kernelVersion;
export const selectConfigLsm = (s: PlaygroundState): string => s.configLsm;
export const selectCmdline = (s: PlaygroundState): string => s.cmdline;
export const selectBootError = (s: PlaygroundState): string | null => s.bootError;
export const selectBootCount = (s: PlaygroundState): number => s.bootCount;
export const selectKernel = (s: PlaygroundState): Kernel => s.kernel;
/** The kernel version that is actually running (the select may already show another). */
export const selectBootedVersion = (s: PlaygroundState): KernelVersion => s.kernel.version;
export const selectPanic = (s: PlaygroundState): string | null => s.kernel.panic;
export const selectDefaultConfigLsm = (s: PlaygroundState): string => defaultConfigLsm(s.kernelVersion);

export const selectSetCmdline = (s: PlaygroundState) => s.setCmdline;
export const selectSetConfigLsm = (s: PlaygroundState) => s.setConfigLsm;
export const selectNotBuilt = (s: PlaygroundState): readonly string[] => s.notBuilt;
export const selectSetBuilt = (s: PlaygroundState) => s.setBuilt;
export const selectPolicies = (s: PlaygroundState): Readonly<Record<string, string>> => s.policies;
export const selectSetPolicy = (s: PlaygroundState) => s.setPolicy;
export const selectApplyPreset = (s: PlaygroundState) => s.applyPreset;
export const selectPresetId = (s: PlaygroundState): string | null => s.presetId;
/** The LSMs of the booted kernel that take a boot policy, with the path init writes it to. */
export const selectPolicyTargets = memoByKernel((k): readonly { lsm: string; path: string }[] =>
  k.bootPolicyTargets().map((t) => ({ lsm: t.lsm, path: pseudoFilePath(t) })),
);
export const selectSetKernelVersion = (s: PlaygroundState) => s.setKernelVersion;
export const selectResetConfigLsm = (s: PlaygroundState) => s.resetConfigLsm;
export const selectReboot = (s: PlaygroundState) => s.reboot;

/** True when the inputs differ from what the running kernel was booted with. */
export const selectHasPendingChanges = (s: PlaygroundState): boolean => {
  const c = s.kernel.config;
  if (c.kernelVersion !== s.kernelVersion || c.configLsm !== s.configLsm || c.cmdline !== s.cmdline) return true;
  // The booted kernel's built-in LSMs are exactly its statuses.
  const built = buildOptionsOf(s.kernelVersion).filter((o) => o.kconfig === null || !s.notBuilt.includes(o.name));
  return built.length !== s.kernel.lsms.length || built.some((o) => !s.kernel.lsm(o.name));
};

const buildOptionCache = new Map<KernelVersion, readonly LsmBuildOption[]>();
function buildOptionsOf(version: KernelVersion): readonly LsmBuildOption[] {
  let hit = buildOptionCache.get(version);
  if (!hit) buildOptionCache.set(version, (hit = lsmBuildOptions(version)));
  return hit;
}

/** The in-tree LSMs the selected kernel version can build, with their Kconfig symbols, in link order. */
export const selectBuildOptions = (s: PlaygroundState): readonly LsmBuildOption[] => buildOptionsOf(s.kernelVersion);

/** The in-tree LSMs of the booted version that its build left out, with the option that is not set. */
export const selectNotBuiltLsms = memoByKernel((k): readonly LsmBuildOption[] =>
  buildOptionsOf(k.version).filter((o) => !k.lsm(o.name)),
);

/** A boot that went wrong, the log it printed (as dmesg lines) and which boot it was. */
export interface BootFailureView {
  /** "engine": the boot of the last Run, with the user's modules; "reboot": the boot loader's. */
  readonly source: 'engine' | 'reboot';
  readonly failure: BootFailure;
  readonly log: readonly string[];
}

const inlineFailure = memoByKernel((k): BootFailureView | null => {
  const failure = diagnoseBoot(k);
  return failure ? { source: 'reboot', failure, log: k.log.map(formatLogLine) } : null;
});
const engineFailures = new WeakMap<LoadResult, BootFailureView>();

/**
 * The failure to show: the last Run's boot when it went wrong (it is the boot with the user's
 * modules), else the boot loader's own boot when that did; null when both booted cleanly.
 */
export const selectBootFailure = (s: PlaygroundState): BootFailureView | null => {
  const r = s.loadResult;
  if (r?.bootFailure) {
    let hit = engineFailures.get(r);
    if (!hit) {
      hit = { source: 'engine', failure: r.bootFailure, log: (r.dmesg ?? '').split('\n') };
      engineFailures.set(r, hit);
    }
    return hit;
  }
  return inlineFailure(s);
};

/** The active LSMs in boot order (lsm_order in 7.1, the initialised LSMs in 6.x). */
export const selectOrder = (s: PlaygroundState): readonly string[] => s.kernel.order;

/** The statuses of the active LSMs, in boot order. */
export const selectActiveLsms = memoByKernel((k): readonly LsmStatus[] =>
  k.order.map((name) => k.lsm(name)).filter((l): l is LsmStatus => l !== undefined),
);

/** The built-in LSMs that did not make it into the stack, in link order, each with its reason. */
export const selectInactiveLsms = memoByKernel((k): readonly LsmStatus[] => k.disabled);

/** What `cat /sys/kernel/security/lsm` prints. */
export const selectSecurityfsLsm = (s: PlaygroundState): string =>
  s.kernel.readSecurityfs('/sys/kernel/security/lsm') ?? '';

/** One LSM directory (or a file at the top) of securityfs as the booted kernel created it. */
export interface SecurityfsEntry {
  /** The directory below /sys/kernel/security ("ima"), or null for a file at the top ("lockdown"). */
  readonly dir: string | null;
  readonly files: readonly {
    readonly name: string;
    readonly path: string;
    readonly lsm: string;
    readonly mode: number;
    /** The file has a read handler (some, such as ipe/new_policy, only take writes). */
    readonly readable: boolean;
  }[];
}

/**
 * The LSMs' files in securityfs (besides `lsm`) as `ls` lists them: a row per LSM directory and
 * per file at the top, by name, each directory's files by name. What securityfs_create_dir() and
 * securityfs_create_file() made at boot (security/inode.c).
 */
export const selectSecurityfsEntries = memoByKernel((k): readonly SecurityfsEntry[] => {
  const rows = new Map<string, { dir: string | null; files: SecurityfsEntry['files'][number][] }>();
  for (const f of k.pseudoFiles.all()) {
    if (f.fs !== 'securityfs' || f.path === 'lsm') continue;
    const slash = f.path.lastIndexOf('/');
    const dir = slash < 0 ? null : f.path.slice(0, slash);
    const key = dir ?? f.path;
    const row = rows.get(key) ?? { dir, files: [] };
    row.files.push({
      name: f.path.slice(slash + 1),
      path: pseudoFilePath(f),
      lsm: f.lsm,
      mode: f.mode,
      readable: f.read !== null,
    });
    rows.set(key, row);
  }
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...rows]
    .sort((a, b) => byName(a[0], b[0]))
    .map(([, row]) => ({ dir: row.dir, files: row.files.sort((a, b) => byName(a.name, b.name)) }));
});

export interface DmesgLine {
  readonly key: number;
  readonly level: (typeof LEVEL_NAMES)[number];
  readonly text: string;
}

/** The boot log as dmesg prints it, one entry per line with its printk level. */
export const selectDmesgLines = memoByKernel((k): readonly DmesgLine[] =>
  k.log.map((line, i) => ({ key: i, level: LEVEL_NAMES[line.level] ?? 'info', text: formatLogLine(line) })),
);

export interface BlobRow {
  readonly kind: BlobKind;
  /** Bytes, or xattr slots for `xattr_count`. */
  readonly size: number;
  readonly unit: 'bytes' | 'slots';
  /** Active LSMs that were given space in this blob, in boot order, with their offsets. */
  readonly users: readonly { readonly lsm: string; readonly offset: number }[];
}

/** lsm_blob_sizes after boot, one row per blob kind of the running version. */
export const selectBlobRows = memoByKernel((k): readonly BlobRow[] => {
  const active = k.order.map((name) => k.lsm(name)).filter((l): l is LsmStatus => l !== undefined);
  return (Object.keys(k.blobSizes) as BlobKind[]).map((kind) => ({
    kind,
    size: k.blobSizes[kind] ?? 0,
    unit: kind === 'xattr_count' ? 'slots' : 'bytes',
    users: active.flatMap((l) => {
      const offset = l.offsets[kind];
      return offset !== undefined && (l.requested[kind] ?? 0) > 0 ? [{ lsm: l.name, offset }] : [];
    }),
  }));
});

export const selectModules = (s: PlaygroundState): readonly ModuleFile[] => s.modules;
export const selectActiveFile = (s: PlaygroundState): string => s.activeFile;
/** The open module's text ('' only if the store was edited into an inconsistent state by hand). */
export const selectActiveSource = (s: PlaygroundState): string =>
  s.modules.find((m) => m.fileName === s.activeFile)?.source ?? '';
export const selectEditorTheme = (s: PlaygroundState): EditorTheme => s.editorTheme;
export const selectVimMode = (s: PlaygroundState): boolean => s.vimMode;
export const selectEngineDiagnostics = (s: PlaygroundState) => s.engineDiagnostics;

export const selectAddModule = (s: PlaygroundState) => s.addModule;
export const selectRemoveModule = (s: PlaygroundState) => s.removeModule;
export const selectRenameModule = (s: PlaygroundState) => s.renameModule;
export const selectSetSource = (s: PlaygroundState) => s.setSource;
export const selectSetActiveFile = (s: PlaygroundState) => s.setActiveFile;
export const selectSetEditorTheme = (s: PlaygroundState) => s.setEditorTheme;
export const selectSetVimMode = (s: PlaygroundState) => s.setVimMode;

/**
 * Where the trace's current event runs in the user's modules, as "file.ts:line" (a primitive, so
 * components re-render only when it changes), or null outside a user LSM's callback.
 */
export function selectTraceLineKey(s: PlaygroundState): string | null {
  const at = callbackAt(runEvents(s.run), s.cursor);
  if (!at) return null;
  const lsm = s.loadResult?.lsms.find((l) => l.name === at.lsm);
  const line = lsm?.hookLines[at.hook];
  return lsm && line ? `${lsm.fileName}:${line}` : null;
}

/**
 * The log lines the log view shows: the audit tab only lines that print an audit record, then the
 * level, kernel-only and text filters. Memoised on its inputs, so a cursor step does not refilter.
 */
const VISIBLE = new WeakMap<readonly LogEntry[], { tab: LogTab; filter: LogFilter; out: readonly LogEntry[] }>();

export function selectVisibleLogLines(s: PlaygroundState): readonly LogEntry[] {
  const hit = VISIBLE.get(s.logLines);
  if (hit && hit.tab === s.logTab && hit.filter === s.logFilter) return hit.out;
  const { maxLevel, kernelOnly, text } = s.logFilter;
  const audit = s.logTab === 'audit';
  const needle = text.trim().toLowerCase();
  const out =
    !audit && maxLevel >= 7 && !kernelOnly && !needle
      ? s.logLines
      : s.logLines.filter((l) => {
          if (audit ? !l.audit : (kernelOnly && l.audit) || l.level > maxLevel) return false;
          return !needle || (audit ? l.audit!.record : l.text).toLowerCase().includes(needle);
        });
  VISIBLE.set(s.logLines, { tab: s.logTab, filter: s.logFilter, out });
  return out;
}

const LINK_KEYS = new WeakMap<readonly LogEntry[], Map<string, number>>();

/** The key of the log line written by the trace's current event, or null (the view highlights it). */
export function selectLogKeyAtCursor(s: PlaygroundState): number | null {
  if (!s.run || s.cursor < 0) return null;
  let byLink = LINK_KEYS.get(s.logLines);
  if (!byLink) {
    byLink = new Map();
    for (const l of s.logLines) if (l.link) byLink.set(`${l.link.runId}:${l.link.index}`, l.key);
    LINK_KEYS.set(s.logLines, byLink);
  }
  return byLink.get(`${s.run.id}:${s.cursor}`) ?? null;
}

/** The world the World view shows: the snapshot at the trace cursor, and what its step changed. */
export interface WorldAtCursor {
  readonly world: WorldSnapshot;
  /** 'before'/'after' the syscall at the cursor; 'latest' when no run's worlds match the trace. */
  readonly phase: 'before' | 'after' | 'latest';
  /** The syscall the cursor is in (null for 'latest'). */
  readonly syscall: { readonly name: string; readonly ret: number | null; readonly errno: string | null } | null;
  /** 1-based event number at the cursor (0 before the first event) and the run's event count. */
  readonly step: number;
  readonly steps: number;
  /** What the syscall just completed changed ('after' only). */
  readonly diff: WorldDiff | null;
}

const WORLD_AT = new WeakMap<object, Map<number, WorldAtCursor>>();

/**
 * The snapshot at the trace cursor: while the cursor is inside syscall i (up to its syscall_exit),
 * the world before it; at its syscall_exit, the world after it, with what that syscall changed.
 * Without a run whose worlds the engine sent, the world after the last command. Memoised per
 * (worlds, cursor), so the view re-renders only when the answer changes.
 */
export function selectWorldAtCursor(s: PlaygroundState): WorldAtCursor | null {
  const { run, worlds, world, cursor } = s;
  const events = runEvents(run);
  const matched = run && worlds && worlds.runId === run.id && worlds.list.length === run.syscalls.length + 1;
  const key: object | null = matched ? worlds : world;
  if (!key) return null;
  let byCursor = WORLD_AT.get(key);
  if (!byCursor) WORLD_AT.set(key, (byCursor = new Map()));
  const at = matched ? cursor : -2;
  const hit = byCursor.get(at);
  if (hit) return hit;
  let value: WorldAtCursor;
  if (!matched) {
    value = { world: key as WorldSnapshot, phase: 'latest', syscall: null, step: 0, steps: 0, diff: null };
  } else {
    const list = worlds.list;
    const e = cursor >= 0 ? events[cursor] : undefined;
    const i = e?.syscall ?? 0;
    const sc = run.syscalls[i]!;
    const syscall = { name: sc.name, ret: sc.ret, errno: sc.errno };
    const after = e?.event.type === 'syscall_exit';
    value = {
      world: list[after ? i + 1 : i]!,
      phase: after ? 'after' : 'before',
      syscall,
      step: cursor + 1,
      steps: events.length,
      diff: after ? diffWorlds(list[i]!, list[i + 1]!) : null,
    };
  }
  byCursor.set(at, value);
  return value;
}

/** The World view's caption for a step: "as at step 12 of 40: before openat()". */
export function worldStepCaption(w: WorldAtCursor): string {
  if (w.phase === 'latest' || !w.syscall) return 'the machine after the last command';
  const where = w.step === 0 ? 'as at the start of the run' : `as at step ${w.step} of ${w.steps}`;
  const sc = w.syscall;
  if (w.phase === 'before') return `${where}: before ${sc.name}()`;
  return `${where}: after ${sc.name}() = ${sc.ret ?? '—'}${sc.errno ? ` ${sc.errno}` : ''}`;
}

const PRESETS: readonly DistroPreset[] = distroPresets();
/** The distribution presets (static). */
export const selectPresets = (): readonly DistroPreset[] => PRESETS;

const NO_RESULTS: readonly { lsm: string; path: string; rc: number }[] = [];
/** What init did with each boot policy at the engine's last boot (empty before one). */
export const selectBootPolicyResults = (s: PlaygroundState): readonly { lsm: string; path: string; rc: number }[] =>
  s.loadResult?.bootPolicies ?? NO_RESULTS;
