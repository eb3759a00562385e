// The shareable state: everything a person sees that a link must reproduce, as one versioned,
// validated object. The trace itself is not in it: the model is deterministic, so the boot, the
// editor files and the shell lines give the same trace again, and `step` puts the cursor back.
import {
  KERNEL_VERSIONS,
  validateExpectations,
  validateLesson,
  type Expectation,
  type KernelVersion,
  type Lesson,
} from '@lsm-playground/core';

export const SHARE_VERSION = 1;

export interface ShareBoot {
  readonly kernelVersion: KernelVersion;
  readonly configLsm: string;
  readonly cmdline: string;
  readonly notBuilt: readonly string[];
  /** Boot policies by LSM name. */
  readonly policies: Readonly<Record<string, string>>;
  /** The distribution preset the boot inputs came from, if they are unchanged from it. */
  readonly presetId: string | null;
}

export interface ShareFile {
  readonly fileName: string;
  readonly source: string;
}

export interface ShareState {
  readonly v: typeof SHARE_VERSION;
  readonly boot: ShareBoot;
  /** The editor's modules, in tab order, and the open one. */
  readonly files: readonly ShareFile[];
  readonly activeFile: string;
  /** The seed's Rust v1 limits. */
  readonly rustV1: boolean;
  /** Shell lines, in the order they ran (replayed in a fresh engine). */
  readonly lines: readonly string[];
  /** The trace cursor in the last line's run; null: the end of the run. */
  readonly step: number | null;
  /** Scenario expectations checked against the shell lines (left out: none). */
  readonly expectations?: readonly Expectation[];
  /** The lesson open (learn mode), whole: a teacher's own lesson travels in a link. */
  readonly lesson?: Lesson;
  /** The display the author had (dark, light, projector); left out: the reader's own. */
  readonly display?: ShareDisplay;
  /** Presentation moments (issue 7): steps in shell lines' runs, in the order they are shown; absent: none. */
  readonly bookmarks?: readonly ShareBookmark[];
}

export type ShareDisplay = 'dark' | 'light' | 'projector';
const DISPLAYS: readonly ShareDisplay[] = ['dark', 'light', 'projector'];

/** A bookmarked moment: the trace step `step` in the run of shell line `line` (0-based, into `lines`). */
export interface ShareBookmark {
  readonly line: number;
  readonly step: number;
}

/** Bounds that keep a hostile link from making the page work for long or hold much memory. */
export const SHARE_LIMITS = {
  files: 8,
  fileSource: 200_000,
  fileName: 64,
  lines: 200,
  lineLength: 1000,
  text: 4096,
  policies: 16,
  policy: 200_000,
  step: 10_000_000,
  bookmarks: 64,
} as const;

export type ShareErrorKind = 'malformed' | 'truncated' | 'corrupt' | 'too-large' | 'future-version' | 'invalid';

/** Why a link cannot be opened: the kind for the page's wording, the message for the person. */
export class ShareLinkError extends Error {
  override readonly name = 'ShareLinkError';
  constructor(
    readonly kind: ShareErrorKind,
    message: string,
  ) {
    super(message);
  }
}

const invalid = (why: string): never => {
  throw new ShareLinkError('invalid', why);
};

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function str(x: unknown, what: string, max: number): string {
  if (typeof x !== 'string') return invalid(`${what} is not text`);
  if (x.length > max) return invalid(`${what} is longer than ${max} characters`);
  return x;
}

function onlyKeys(o: Record<string, unknown>, keys: readonly string[], what: string): void {
  for (const k of Object.keys(o)) if (!keys.includes(k)) invalid(`${what} has an unknown field "${k.slice(0, 40)}"`);
}

const LSM_NAME = /^[a-z][a-z0-9_]{0,31}$/;
/** The editor's rule for module file names (editorSlice validateModuleName). */
const FILE_NAME = /^[a-z0-9_]+(\.ts|\.bpf\.c)$/;

/** Checks a current-version object field by field; throws ShareLinkError('invalid') naming the first problem. */
export function validateShareState(x: unknown): ShareState {
  if (!isRecord(x)) return invalid('the link does not hold an object');
  onlyKeys(
    x,
    ['v', 'boot', 'files', 'activeFile', 'rustV1', 'lines', 'step', 'bookmarks', 'expectations', 'lesson', 'display'],
    'the state',
  );
  if (x['v'] !== SHARE_VERSION) return invalid(`the state's version is ${String(x['v']).slice(0, 20)}`);
  const b = x['boot'];
  if (!isRecord(b)) return invalid('boot is missing');
  onlyKeys(b, ['kernelVersion', 'configLsm', 'cmdline', 'notBuilt', 'policies', 'presetId'], 'boot');
  const kv = b['kernelVersion'];
  if (!(KERNEL_VERSIONS as readonly unknown[]).includes(kv))
    return invalid(`kernel version ${JSON.stringify(kv)?.slice(0, 20)} is not one of ${KERNEL_VERSIONS.join(', ')}`);
  const configLsm = str(b['configLsm'], 'CONFIG_LSM', SHARE_LIMITS.text);
  const cmdline = str(b['cmdline'], 'the command line', SHARE_LIMITS.text);
  const nb = b['notBuilt'];
  if (!Array.isArray(nb) || nb.length > 32) return invalid('notBuilt is not a short list');
  const notBuilt = nb.map((n, i) => {
    const s = str(n, `notBuilt[${i}]`, 32);
    if (!LSM_NAME.test(s)) invalid(`notBuilt[${i}] is not an LSM name`);
    return s;
  });
  const p = b['policies'];
  if (!isRecord(p)) return invalid('policies is not an object');
  const policyNames = Object.keys(p);
  if (policyNames.length > SHARE_LIMITS.policies) return invalid(`more than ${SHARE_LIMITS.policies} policies`);
  const policies: Record<string, string> = {};
  for (const name of policyNames) {
    if (!LSM_NAME.test(name)) invalid(`policy "${name.slice(0, 40)}" is not named after an LSM`);
    policies[name] = str(p[name], `the ${name} policy`, SHARE_LIMITS.policy);
  }
  const presetId = b['presetId'] === null ? null : str(b['presetId'], 'presetId', 32);
  const f = x['files'];
  if (!Array.isArray(f) || f.length === 0 || f.length > SHARE_LIMITS.files)
    return invalid(`files must list 1 to ${SHARE_LIMITS.files} modules`);
  const files = f.map((e, i) => {
    if (!isRecord(e)) return invalid(`files[${i}] is not an object`);
    onlyKeys(e, ['fileName', 'source'], `files[${i}]`);
    const fileName = str(e['fileName'], `files[${i}].fileName`, SHARE_LIMITS.fileName);
    if (!FILE_NAME.test(fileName))
      invalid(`files[${i}].fileName "${fileName}" is not a module file name (name.ts or name.bpf.c)`);
    return { fileName, source: str(e['source'], `${fileName}`, SHARE_LIMITS.fileSource) };
  });
  if (new Set(files.map((e) => e.fileName)).size !== files.length) return invalid('two files have the same name');
  const activeFile = str(x['activeFile'], 'activeFile', SHARE_LIMITS.fileName);
  if (!files.some((e) => e.fileName === activeFile))
    return invalid(`activeFile "${activeFile}" is not one of the files`);
  if (typeof x['rustV1'] !== 'boolean') return invalid('rustV1 is not true or false');
  const l = x['lines'];
  if (!Array.isArray(l) || l.length > SHARE_LIMITS.lines)
    return invalid(`lines must list at most ${SHARE_LIMITS.lines}`);
  const lines = l.map((e, i) => {
    const s = str(e, `shell line ${i + 1}`, SHARE_LIMITS.lineLength);
    if (/[\n\r]/.test(s)) invalid(`shell line ${i + 1} contains a line break`);
    return s;
  });
  const st = x['step'];
  if (st !== null && !(Number.isSafeInteger(st) && (st as number) >= 0 && (st as number) <= SHARE_LIMITS.step))
    return invalid(`step is not a whole number from 0 to ${SHARE_LIMITS.step}`);
  if (st !== null && lines.length === 0) return invalid('the state gives a step but no shell line');
  const bookmarks = x['bookmarks'] === undefined ? undefined : validateBookmarks(x['bookmarks'], lines.length);
  const display = x['display'];
  if (display !== undefined && !DISPLAYS.includes(display as ShareDisplay))
    return invalid(`display ${JSON.stringify(display)?.slice(0, 20)} is not one of ${DISPLAYS.join(', ')}`);
  const ex = x['expectations'];
  const exProblems = ex === undefined ? [] : validateExpectations(ex, null);
  if (exProblems.length > 0) return invalid(exProblems[0]!.slice(0, 300));
  const ls = x['lesson'];
  const lesson = ls === undefined ? undefined : validateLesson(ls);
  if (lesson && !lesson.ok) return invalid(`the lesson: ${lesson.errors[0]!.slice(0, 300)}`);
  return {
    v: SHARE_VERSION,
    boot: { kernelVersion: kv as KernelVersion, configLsm, cmdline, notBuilt, policies, presetId },
    files,
    activeFile,
    rustV1: x['rustV1'] as boolean,
    lines,
    step: st as number | null,
    ...(bookmarks ? { bookmarks } : {}),
    ...(display !== undefined ? { display: display as ShareDisplay } : {}),
    ...(ex === undefined ? {} : { expectations: ex as Expectation[] }),
    ...(lesson?.ok ? { lesson: lesson.lesson } : {}),
  };
}

function validateBookmarks(x: unknown, lineCount: number): ShareBookmark[] {
  if (!Array.isArray(x) || x.length > SHARE_LIMITS.bookmarks)
    return invalid(`bookmarks must list at most ${SHARE_LIMITS.bookmarks} moments`);
  const whole = (n: unknown, max: number) => Number.isSafeInteger(n) && (n as number) >= 0 && (n as number) <= max;
  return x.map((e, i) => {
    if (!isRecord(e)) return invalid(`bookmarks[${i}] is not an object`);
    onlyKeys(e, ['line', 'step'], `bookmarks[${i}]`);
    if (!whole(e['line'], lineCount - 1))
      return invalid(`bookmarks[${i}].line is not one of the ${lineCount} shell lines (0 to ${lineCount - 1})`);
    if (!whole(e['step'], SHARE_LIMITS.step))
      return invalid(`bookmarks[${i}].step is not a whole number from 0 to ${SHARE_LIMITS.step}`);
    return { line: e['line'] as number, step: e['step'] as number };
  });
}
