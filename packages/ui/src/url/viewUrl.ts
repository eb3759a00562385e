// The moment a page shows, in its URL fragment: the boot inputs that differ from the defaults, the
// shell lines run since the modules were loaded, and the trace step. Opening such a link boots,
// replays the lines in a fresh engine (the model is deterministic, so the trace is the same) and
// opens the trace at that step. It is version 0 of the share links (share/codec.ts reads it and
// migrates it to the current state); this fragment stays readable: `#step=12&cmd=su%20alice&cmd=...`.
import { KERNEL_VERSIONS, defaultConfigLsm, type KernelVersion } from '@lsm-playground/core';

export interface ViewUrlState {
  readonly kernelVersion?: KernelVersion;
  readonly configLsm?: string;
  readonly cmdline?: string;
  /** In-tree LSMs left out of the build (their Kconfig option not set). */
  readonly notBuilt?: readonly string[];
  /** Shell lines, in the order they ran. */
  readonly lines: readonly string[];
  /** The trace cursor in the last line's run; absent: the end of the run. */
  readonly step?: number;
}

/** Bounds on what a fragment may ask for, so a hostile link cannot make the page run for long. */
export const URL_LIMITS = { lines: 100, lineLength: 1000, textLength: 4096, step: 1_000_000 } as const;

export class ViewUrlError extends Error {
  override readonly name = 'ViewUrlError';
}

const KEYS = new Set(['kv', 'config', 'cmdline', 'nobuild', 'cmd', 'step']);

/** Parses a fragment (with or without its `#`); null when it carries no view state. Throws ViewUrlError. */
export function parseViewUrl(hash: string): ViewUrlState | null {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (text === '') return null;
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(text);
  } catch {
    throw new ViewUrlError('the link fragment is not in key=value form');
  }
  for (const key of params.keys())
    if (!KEYS.has(key)) throw new ViewUrlError(`the link has an unknown part "${key.slice(0, 40)}"`);
  const single = (key: string): string | undefined => {
    const all = params.getAll(key);
    if (all.length > 1) throw new ViewUrlError(`the link gives "${key}" ${all.length} times`);
    const v = all[0];
    if (v !== undefined && v.length > URL_LIMITS.textLength)
      throw new ViewUrlError(`"${key}" is longer than ${URL_LIMITS.textLength} characters`);
    return v;
  };
  const kv = single('kv');
  if (kv !== undefined && !(KERNEL_VERSIONS as readonly string[]).includes(kv))
    throw new ViewUrlError(`kernel version "${kv.slice(0, 20)}" is not one of ${KERNEL_VERSIONS.join(', ')}`);
  const lines = params.getAll('cmd');
  if (lines.length > URL_LIMITS.lines)
    throw new ViewUrlError(`the link runs ${lines.length} shell lines; at most ${URL_LIMITS.lines} are replayed`);
  lines.forEach((l, i) => {
    if (l.length > URL_LIMITS.lineLength)
      throw new ViewUrlError(`shell line ${i + 1} is longer than ${URL_LIMITS.lineLength} characters`);
    if (/[\n\r]/.test(l)) throw new ViewUrlError(`shell line ${i + 1} contains a line break`);
  });
  const stepText = single('step');
  let step: number | undefined;
  if (stepText !== undefined) {
    if (!/^\d{1,7}$/.test(stepText) || Number(stepText) > URL_LIMITS.step)
      throw new ViewUrlError(`step "${stepText.slice(0, 20)}" is not a whole number from 0 to ${URL_LIMITS.step}`);
    if (lines.length === 0) throw new ViewUrlError('the link gives a step but no shell line to replay');
    step = Number(stepText);
  }
  const nobuild = single('nobuild');
  const notBuilt = nobuild === undefined || nobuild === '' ? [] : nobuild.split(',');
  for (const name of notBuilt)
    if (!/^[a-z][a-z0-9_]{0,31}$/.test(name))
      throw new ViewUrlError(`"${name.slice(0, 40)}" in nobuild is not an LSM name`);
  const config = single('config');
  const cmdline = single('cmdline');
  return {
    ...(kv !== undefined ? { kernelVersion: kv as KernelVersion } : {}),
    ...(config !== undefined ? { configLsm: config } : {}),
    ...(cmdline !== undefined ? { cmdline } : {}),
    ...(notBuilt.length > 0 ? { notBuilt } : {}),
    lines,
    ...(step !== undefined ? { step } : {}),
  };
}

/** The fragment for `state` (without `#`); boot inputs equal to the defaults are left out. */
export function formatViewUrl(state: ViewUrlState): string {
  const p = new URLSearchParams();
  const kv = state.kernelVersion ?? '7.1';
  if (kv !== '7.1') p.set('kv', kv);
  if (state.configLsm !== undefined && state.configLsm !== defaultConfigLsm(kv)) p.set('config', state.configLsm);
  if (state.cmdline) p.set('cmdline', state.cmdline);
  if (state.notBuilt && state.notBuilt.length > 0) p.set('nobuild', [...state.notBuilt].sort().join(','));
  for (const l of state.lines.slice(-URL_LIMITS.lines)) p.append('cmd', l);
  if (state.step !== undefined && state.lines.length > 0) p.set('step', String(state.step));
  // URLSearchParams writes spaces as '+'; %20 reads the same and survives more chat clients.
  return p.toString().replace(/\+/g, '%20');
}
