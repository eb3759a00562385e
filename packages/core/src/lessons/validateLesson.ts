// Checks a lesson file (parsed JSON) before it is used: every field, with bounded sizes, so a lesson
// that arrives in a share link cannot be malformed or huge. Each problem names its place
// (`start.files[1].fileName: …`) and what was found, so the author can fix it.
import { validateExpectations } from '../machine/expectations';
import { parseLine } from '../machine/shellParse';
import { KERNEL_VERSIONS } from '../version';
import { LESSON_FORMAT, LESSON_VERSION, type Lesson } from './lesson';

export type LessonValidation = { ok: true; lesson: Lesson } | { ok: false; errors: string[] };

/** The limits a lesson must stay within. */
export const LESSON_LIMITS = {
  id: 64,
  title: 120,
  paragraphs: 8,
  paragraph: 2000,
  links: 10,
  linkTitle: 200,
  url: 500,
  files: 8,
  source: 100_000,
  lines: 50,
  line: 1000,
  cmdline: 1000,
  configLsm: 500,
  policies: 8,
  policy: 100_000,
  goals: 50,
  hints: 5,
  hint: 500,
} as const;

/** An editor file name: a module (name.ts) or a BPF LSM program (name.bpf.c). */
export const LESSON_FILE_NAME = /^[a-z0-9_]+(\.ts|\.bpf\.c)$/;
export const LESSON_ID = /^[a-z0-9-]+$/;
/** An https address: a host name, an optional port, a path without spaces. */
const HTTPS_URL = /^https:\/\/[a-z0-9-]+(\.[a-z0-9-]+)+(:\d{1,5})?(\/\S*)?$/i;
const LSM_NAME = /^[a-z][a-z0-9_]{0,31}$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
};

const LESSON_FIELDS = ['format', 'version', 'id', 'title', 'body', 'links', 'start', 'goals', 'hints', 'solution'];
const STATE_FIELDS = ['boot', 'files', 'lines'];
const BOOT_FIELDS = ['kernelVersion', 'configLsm', 'cmdline', 'policies'];

function unknownFields(v: Record<string, unknown>, allowed: readonly string[], at: string, errors: string[]): void {
  for (const k of Object.keys(v))
    if (!allowed.includes(k))
      errors.push(`${at}${at ? '.' : ''}${k}: unknown field (${at || 'a lesson'} takes ${allowed.join(', ')})`);
}

/** A string of 1..max characters (0..max when `empty`). */
function text(v: unknown, max: number, at: string, errors: string[], empty = false): v is string {
  if (typeof v !== 'string' || (!empty && v.trim() === '') || v.length > max) {
    errors.push(`${at}: expected a${empty ? '' : ' non-empty'} text of at most ${max} characters, got ${show(v)}`);
    return false;
  }
  return true;
}

/** An array of at most max items (at least min); false (and an error) otherwise. */
function list(v: unknown, min: number, max: number, at: string, errors: string[]): v is unknown[] {
  if (!Array.isArray(v)) {
    errors.push(`${at}: expected an array, got ${show(v)}`);
    return false;
  }
  if (v.length < min || v.length > max) {
    errors.push(
      `${at}: expected ${min === 0 ? 'at most' : `${min} to`} ${max} item${max === 1 ? '' : 's'}, got ${v.length}`,
    );
    return false;
  }
  return true;
}

function validateUrl(v: unknown, at: string, errors: string[]): void {
  if (!text(v, LESSON_LIMITS.url, at, errors)) return;
  if (!HTTPS_URL.test(v)) errors.push(`${at}: links must be https:// addresses, got ${show(v)}`);
}

function validateBoot(v: unknown, at: string, errors: string[]): void {
  if (!isObject(v)) {
    errors.push(`${at}: expected an object, got ${show(v)}`);
    return;
  }
  unknownFields(v, BOOT_FIELDS, at, errors);
  if (v['kernelVersion'] !== undefined && !(KERNEL_VERSIONS as readonly unknown[]).includes(v['kernelVersion']))
    errors.push(`${at}.kernelVersion: expected one of ${KERNEL_VERSIONS.join(', ')}, got ${show(v['kernelVersion'])}`);
  if (v['configLsm'] !== undefined) text(v['configLsm'], LESSON_LIMITS.configLsm, `${at}.configLsm`, errors, true);
  if (v['cmdline'] !== undefined) text(v['cmdline'], LESSON_LIMITS.cmdline, `${at}.cmdline`, errors, true);
  const pol = v['policies'];
  if (pol === undefined) return;
  if (!isObject(pol)) {
    errors.push(`${at}.policies: expected an object of policy texts by LSM name, got ${show(pol)}`);
    return;
  }
  const names = Object.keys(pol);
  if (names.length > LESSON_LIMITS.policies)
    errors.push(`${at}.policies: at most ${LESSON_LIMITS.policies} policies, got ${names.length}`);
  for (const name of names) {
    if (!LSM_NAME.test(name)) errors.push(`${at}.policies: ${show(name)} is not an LSM name`);
    text(pol[name], LESSON_LIMITS.policy, `${at}.policies.${name}`, errors, true);
  }
}

function validateFiles(v: unknown, at: string, errors: string[]): void {
  if (!list(v, 0, LESSON_LIMITS.files, at, errors)) return;
  const seen = new Set<string>();
  v.forEach((f, i) => {
    const fat = `${at}[${i}]`;
    if (!isObject(f)) {
      errors.push(`${fat}: expected an object with fileName and source, got ${show(f)}`);
      return;
    }
    unknownFields(f, ['fileName', 'source'], fat, errors);
    const name = f['fileName'];
    if (typeof name !== 'string' || !LESSON_FILE_NAME.test(name))
      errors.push(
        `${fat}.fileName: expected lower-case letters, digits and _ followed by .ts or .bpf.c (my_lsm.ts), got ${show(name)}`,
      );
    else if (seen.has(name)) errors.push(`${fat}.fileName: ${show(name)} is already the name of another file`);
    else seen.add(name);
    text(f['source'], LESSON_LIMITS.source, `${fat}.source`, errors, true);
  });
}

function validateLines(v: unknown, at: string, errors: string[]): void {
  if (!list(v, 0, LESSON_LIMITS.lines, at, errors)) return;
  v.forEach((l, i) => {
    if (!text(l, LESSON_LIMITS.line, `${at}[${i}]`, errors)) return;
    const p = parseLine(l);
    if ('error' in p) errors.push(`${at}[${i}]: ${p.error}`);
  });
}

/** A state: all fields required for the start, any for the solution (at least one). */
function validateState(v: unknown, at: string, partial: boolean, errors: string[]): void {
  if (!isObject(v)) {
    errors.push(`${at}: expected an object, got ${show(v)}`);
    return;
  }
  unknownFields(v, STATE_FIELDS, at, errors);
  if (partial && !STATE_FIELDS.some((k) => v[k] !== undefined))
    errors.push(`${at}: a solution changes at least one of ${STATE_FIELDS.join(', ')}`);
  if (v['boot'] !== undefined) validateBoot(v['boot'], `${at}.boot`, errors);
  if (v['files'] !== undefined || !partial) validateFiles(v['files'], `${at}.files`, errors);
  if (v['lines'] !== undefined || !partial) validateLines(v['lines'], `${at}.lines`, errors);
}

/** Checks a parsed lesson file; every problem is reported with its place. */
export function validateLesson(json: unknown): LessonValidation {
  if (!isObject(json)) return { ok: false, errors: [`lesson: expected an object, got ${show(json)}`] };
  const errors: string[] = [];
  unknownFields(json, LESSON_FIELDS, '', errors);
  if (json['format'] !== LESSON_FORMAT)
    errors.push(`format: expected ${show(LESSON_FORMAT)}, got ${show(json['format'])}`);
  if (json['version'] !== LESSON_VERSION)
    errors.push(`version: expected ${LESSON_VERSION}, got ${show(json['version'])}`);
  const id = json['id'];
  if (typeof id !== 'string' || !LESSON_ID.test(id) || id.length > LESSON_LIMITS.id)
    errors.push(`id: expected lower-case letters, digits and - (at most ${LESSON_LIMITS.id}), got ${show(id)}`);
  text(json['title'], LESSON_LIMITS.title, 'title', errors);
  if (list(json['body'], 1, LESSON_LIMITS.paragraphs, 'body', errors))
    json['body'].forEach((p, i) => text(p, LESSON_LIMITS.paragraph, `body[${i}]`, errors));
  if (list(json['links'], 0, LESSON_LIMITS.links, 'links', errors))
    json['links'].forEach((l, i) => {
      if (!isObject(l)) {
        errors.push(`links[${i}]: expected an object with title and url, got ${show(l)}`);
        return;
      }
      unknownFields(l, ['title', 'url'], `links[${i}]`, errors);
      text(l['title'], LESSON_LIMITS.linkTitle, `links[${i}].title`, errors);
      validateUrl(l['url'], `links[${i}].url`, errors);
    });
  validateState(json['start'], 'start', false, errors);
  validateState(json['solution'], 'solution', true, errors);
  // The goals' step numbers count the shell lines: those of the solution, else of the start.
  const lineCount = (s: unknown): number | null =>
    isObject(s) && Array.isArray(s['lines']) ? s['lines'].length : null;
  const steps = lineCount(json['solution']) ?? lineCount(json['start']);
  const goals = json['goals'];
  if (Array.isArray(goals) && goals.length === 0) errors.push('goals: a lesson has at least one goal');
  else if (Array.isArray(goals) && goals.length > LESSON_LIMITS.goals)
    errors.push(`goals: at most ${LESSON_LIMITS.goals} goals, got ${goals.length}`);
  else errors.push(...validateExpectations(goals, steps, 'goals'));
  if (list(json['hints'], 1, LESSON_LIMITS.hints, 'hints', errors))
    json['hints'].forEach((h, i) => text(h, LESSON_LIMITS.hint, `hints[${i}]`, errors));
  if (errors.length) return { ok: false, errors };
  return { ok: true, lesson: json as unknown as Lesson };
}
