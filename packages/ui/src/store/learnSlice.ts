// Learn mode: which lesson is open, its shell lines (what Run replays after the load), and the
// progress kept in this browser. Opening a lesson goes through the share path (learn/openLesson.ts);
// this slice keeps the state and marks a lesson complete when the engine says every goal passes.
import type { Lesson } from '@lsm-playground/core';
import type { StateCreator } from 'zustand/vanilla';
import { readProgress, writeProgress, type LessonProgress, type LessonWork } from '../learn/progress';

export type LearnView = 'closed' | 'track' | 'lesson';

export interface LearnSlice {
  readonly learnView: LearnView;
  /** The lesson open (null: the playground as usual). */
  readonly lesson: Lesson | null;
  /** The shell lines Run replays after loading the modules (the lesson's, as the person edited them). */
  readonly lessonLines: readonly string[];
  readonly lessonProgress: LessonProgress;
  /** The editor holds the reference solution the person asked to see (it does not count as completing). */
  readonly viewingSolution: boolean;
  /** The open lesson is about the boot alone: Run loads none of the editor's modules. */
  readonly lessonLoadsNoModules: boolean;
  /** A lesson's state is being opened (its edits are not the person's). */
  readonly lessonApplying: boolean;
  setLessonApplying(on: boolean): void;
  /** Hints shown so far for the open lesson. */
  readonly hintsShown: number;
  setLearnView(view: LearnView): void;
  /** Makes `lesson` the open one (null: leaves learn mode's lesson); the caller sets the editor. */
  setLesson(lesson: Lesson | null, lines?: readonly string[]): void;
  setLessonLines(lines: readonly string[]): void;
  setViewingSolution(on: boolean): void;
  showNextHint(): void;
  markLessonComplete(id: string): void;
  saveLessonWork(id: string, work: LessonWork): void;
  keepLessonWork(id: string, work: LessonWork | null): void;
}

export const createLearnSlice: StateCreator<LearnSlice, [], [], LearnSlice> = (set, get) => {
  const update = (p: LessonProgress) => {
    set({ lessonProgress: p });
    writeProgress(p);
  };
  return {
    learnView: 'closed',
    lesson: null,
    lessonLines: [],
    lessonProgress: readProgress(),
    viewingSolution: false,
    lessonLoadsNoModules: false,
    lessonApplying: false,
    setLessonApplying: (lessonApplying) => set({ lessonApplying }),
    hintsShown: 0,
    setLearnView: (learnView) => set({ learnView }),
    setLesson: (lesson, lines) =>
      set({
        lesson,
        lessonLines: lines ?? lesson?.start.lines ?? [],
        viewingSolution: false,
        hintsShown: get().lesson?.id === lesson?.id ? get().hintsShown : 0,
        learnView: lesson ? 'lesson' : 'closed',
        lessonLoadsNoModules: lesson
          ? lesson.start.files.length === 0 && (lesson.solution.files?.length ?? 0) === 0
          : false,
      }),
    setLessonLines: (lessonLines) => set({ lessonLines }),
    setViewingSolution: (viewingSolution) => set({ viewingSolution }),
    showNextHint: () => set({ hintsShown: Math.min(get().hintsShown + 1, get().lesson?.hints.length ?? 0) }),
    markLessonComplete: (id) => {
      const p = get().lessonProgress;
      if (!p.completed.includes(id)) update({ ...p, completed: [...p.completed, id] });
    },
    saveLessonWork: (id, work) => {
      const p = get().lessonProgress;
      update({ ...p, work: { ...p.work, [id]: work } });
    },
    keepLessonWork: (id, work) => {
      const p = get().lessonProgress;
      const kept = { ...p.kept };
      if (work) kept[id] = work;
      else delete kept[id];
      update({ ...p, kept });
    },
  };
};
