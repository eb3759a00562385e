// The lesson track: every lesson file validates, its reference solution passes every goal, and its
// starting state does not already pass them all (so there is something to do).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import '../models/index';
import { LESSONS, lessonById } from './index';
import { runLessonState, solutionState } from './runLesson';
import { validateLesson } from './validateLesson';

const DIR = new URL('./data/', import.meta.url).pathname;
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('the lesson track', () => {
  it('has every data file, in file order, named NN-id.json', () => {
    expect(LESSONS.map((l, i) => `${String(i + 1).padStart(2, '0')}-${l.id}.json`)).toEqual(files);
  });

  it('has unique ids, each found by lessonById', () => {
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    for (const l of LESSONS) expect(lessonById(l.id)).toBe(l);
    expect(lessonById('no-such-lesson')).toBeUndefined();
  });

  it('links only to https addresses of the kernel source', () => {
    for (const l of LESSONS) {
      expect(l.links.length, l.id).toBeGreaterThan(0);
      for (const link of l.links)
        expect(link.url, l.id).toMatch(/^https:\/\/(elixir\.bootlin\.com|git\.kernel\.org)\//);
    }
  });
});

describe.each(files)('%s', (file) => {
  const json: unknown = JSON.parse(readFileSync(`${DIR}${file}`, 'utf8'));
  const v = validateLesson(json);

  it('validates', () => {
    expect(v.ok ? [] : v.errors).toEqual([]);
  });
  if (!v.ok) return;
  const lesson = v.lesson;

  it('has 2 to 5 paragraphs and 2 to 3 hints', () => {
    expect(lesson.body.length).toBeGreaterThanOrEqual(2);
    expect(lesson.body.length).toBeLessThanOrEqual(5);
    expect(lesson.hints.length).toBeGreaterThanOrEqual(2);
    expect(lesson.hints.length).toBeLessThanOrEqual(3);
  });

  it('passes every goal with its reference solution', () => {
    const run = runLessonState(lesson, solutionState(lesson));
    expect(run.loadErrors).toEqual([]);
    expect(run.results.filter((r) => !r.pass).map((r) => `${r.title}: ${r.detail}`)).toEqual([]);
    expect(run.passed).toBe(true);
  });

  it('does not pass every goal from its start', () => {
    const run = runLessonState(lesson, lesson.start);
    expect(run.passed).toBe(false);
    // Something is left to do besides fixing a load error: at least one goal is checked and fails.
    expect(run.results.some((r) => !r.pass)).toBe(true);
  });
});
