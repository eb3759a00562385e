// Migrations of saved states, one step per version: a link made by any earlier version of the
// page opens as the current state. Each step takes the previous version's object (already
// checked by that version's rules where it had any) and returns the next version's.
import { DEFAULT_MODULE_FILE, DEFAULT_MODULE_SOURCE, defaultConfigLsm } from '@lsm-playground/core';
import type { ViewUrlState } from '../url/viewUrl';
import { ShareLinkError, SHARE_VERSION } from './shareState';

type Step = (previous: unknown) => unknown;

/**
 * v0 → v1. Version 0 is the readable fragment (`#kv=…&cmd=…&step=N`, parsed by parseViewUrl): boot
 * inputs that differ from the defaults, shell lines and a step, and no editor files, because the
 * page then always ran the default module.
 */
const v0ToV1: Step = (previous) => {
  const v = previous as ViewUrlState;
  const kernelVersion = v.kernelVersion ?? '7.1';
  return {
    v: 1,
    boot: {
      kernelVersion,
      configLsm: v.configLsm ?? defaultConfigLsm(kernelVersion),
      cmdline: v.cmdline ?? '',
      notBuilt: [...(v.notBuilt ?? [])],
      policies: {},
      presetId: null,
    },
    files: [{ fileName: DEFAULT_MODULE_FILE, source: DEFAULT_MODULE_SOURCE }],
    activeFile: DEFAULT_MODULE_FILE,
    rustV1: false,
    lines: [...v.lines],
    step: v.step ?? null,
  };
};

/** MIGRATIONS[n] turns a version-n state into version n + 1. */
export const MIGRATIONS: readonly Step[] = [v0ToV1];

/** Runs every step from `version` to the current one. */
export function migrateToCurrent(version: number, state: unknown): unknown {
  if (MIGRATIONS.length !== SHARE_VERSION) throw new Error('a migration step is missing');
  if (!Number.isInteger(version) || version < 0 || version > SHARE_VERSION)
    throw new ShareLinkError('malformed', `there is no link format ${version}`);
  let s = state;
  for (let v = version; v < SHARE_VERSION; v++) s = MIGRATIONS[v]!(s);
  return s;
}
