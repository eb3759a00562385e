// Every lesson through the page's own path (opened as a share state, Run, the worker's check):
// its start does not pass, its reference solution does, and a lesson about the boot alone loads
// none of the editor's modules.
import { describe, expect, test, vi } from 'vitest';
import { LESSONS } from '@lsm-playground/core';
import { inProcessWorker } from '../engine/inProcess';
import { createPlaygroundStore } from '../store/createPlaygroundStore';
import { openLesson, runLesson, showSolution } from './openLesson';

const allPass = (s: ReturnType<ReturnType<typeof createPlaygroundStore>['getState']>) =>
  s.expectationResultsFor === s.expectations &&
  (s.expectationResults?.length ?? 0) > 0 &&
  s.expectationResults!.every((r) => r.pass);

describe('lessons in the page', () => {
  test.each(LESSONS.map((l) => [l.id, l] as const))('%s: the start fails, the solution passes', async (_, lesson) => {
    const store = createPlaygroundStore({}, { spawnEngine: inProcessWorker });
    await openLesson(store, lesson);
    await store.getState().checkExpectationsNow();
    let s = store.getState();
    expect(s.lesson).toBe(lesson);
    expect(s.expectations).toBe(lesson.goals);
    // The lines ran, unless the start is a kernel that does not boot (a lesson about recovering).
    if (s.loadResult?.ok) expect(s.sessionLines).toEqual(lesson.start.lines);
    else expect(s.expectationsError).toBe('The kernel did not boot: nothing to check.');
    expect(allPass(s)).toBe(false);
    if (lesson.start.files.length === 0 && !lesson.solution.files?.length) expect(s.loadResult?.lsms ?? []).toEqual([]);
    await showSolution(store);
    await store.getState().checkExpectationsNow();
    s = store.getState();
    expect(s.viewingSolution).toBe(true);
    expect(s.expectationResults!.filter((r) => !r.pass).map((r) => `${r.title}: ${r.detail}`)).toEqual([]);
    // The solution is not the person's work: the lesson is not complete.
    expect(s.lessonProgress.completed).toEqual([]);
  });

  test('Run replays the lesson lines the person edited', async () => {
    const store = createPlaygroundStore({}, { spawnEngine: inProcessWorker });
    await openLesson(store, LESSONS[0]!);
    store.getState().setLessonLines(['cat /etc/passwd', 'cat /etc/hostname']);
    await runLesson(store);
    expect(store.getState().sessionLines).toEqual(['cat /etc/passwd', 'cat /etc/hostname']);
    await vi.waitFor(() => expect(store.getState().expectationResults?.length).toBe(3));
  });
});
