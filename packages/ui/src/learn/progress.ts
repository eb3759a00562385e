// Learn mode progress, kept in this browser: the lessons completed, and each lesson's work (its
// editor files, shell lines and boot inputs) so a person comes back to their own code. Storage
// that cannot be read (corrupt, or from elsewhere) is ignored: the track starts fresh, nothing crashes.
import type { KernelVersion } from '@lsm-playground/core';

export const LESSONS_KEY = 'lsm-playground:lessons';
/** Progress past this is not saved (localStorage holds a few MB per origin). */
const MAX_CHARS = 2_000_000;

/** A person's work on one lesson. */
export interface LessonWork {
  readonly files: readonly { readonly fileName: string; readonly source: string }[];
  readonly lines: readonly string[];
  readonly boot: {
    readonly kernelVersion: KernelVersion;
    readonly configLsm: string;
    readonly cmdline: string;
    readonly policies: Readonly<Record<string, string>>;
  };
}

export interface LessonProgress {
  /** Ids of the lessons whose goals all passed with the person's own work. */
  readonly completed: readonly string[];
  /** The work on each lesson, by id. */
  readonly work: Readonly<Record<string, LessonWork>>;
  /** The work set aside by "Show solution" or "Reset lesson", by id ("Restore my work"). */
  readonly kept: Readonly<Record<string, LessonWork>>;
}

export const EMPTY_PROGRESS: LessonProgress = { completed: [], work: {}, kept: {} };

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');

function isWork(x: unknown): x is LessonWork {
  if (!isRecord(x) || !isStrings(x['lines']) || !Array.isArray(x['files'])) return false;
  if (!x['files'].every((f) => isRecord(f) && typeof f['fileName'] === 'string' && typeof f['source'] === 'string'))
    return false;
  const b = x['boot'];
  return (
    isRecord(b) &&
    typeof b['kernelVersion'] === 'string' &&
    typeof b['configLsm'] === 'string' &&
    typeof b['cmdline'] === 'string' &&
    isRecord(b['policies']) &&
    Object.values(b['policies']).every((p) => typeof p === 'string')
  );
}

function works(x: unknown): Record<string, LessonWork> {
  const out: Record<string, LessonWork> = {};
  if (!isRecord(x)) return out;
  for (const [id, w] of Object.entries(x)) if (isWork(w)) out[id] = w;
  return out;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The saved progress; whatever part of it cannot be read is left out. */
export function readProgress(): LessonProgress {
  let raw: string | null | undefined;
  try {
    raw = storage()?.getItem(LESSONS_KEY);
  } catch {
    return EMPTY_PROGRESS;
  }
  if (!raw) return EMPTY_PROGRESS;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return EMPTY_PROGRESS;
  }
  if (!isRecord(parsed)) return EMPTY_PROGRESS;
  const completed = isStrings(parsed['completed']) ? parsed['completed'] : [];
  return { completed: [...new Set(completed)], work: works(parsed['work']), kept: works(parsed['kept']) };
}

export function writeProgress(p: LessonProgress): void {
  const text = JSON.stringify(p);
  if (text.length > MAX_CHARS) return;
  try {
    storage()?.setItem(LESSONS_KEY, text);
  } catch {
    // Quota exceeded or storage disabled: the progress lives on in this page.
  }
}
