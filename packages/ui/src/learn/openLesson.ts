// Opening, running and resetting a lesson. A lesson's state (its editor files, boot and shell
// lines) opens as a share state through applyShareState, the path a link takes; the lesson itself
// travels in the state's `lesson` field, so a teacher's own lesson opens from a link the same way.
import { DEFAULT_KERNEL_VERSION, defaultConfigLsm, type Lesson, type LessonState } from '@lsm-playground/core';
import { applyShareState, captureShareState } from '../share/applyShare';
import { SHARE_VERSION, type ShareState } from '../share/shareState';
import { BEFORE_LINK_KEY } from '../share/useShareLink';
import type { PlaygroundState, PlaygroundStore } from '../store/createPlaygroundStore';
import type { LessonWork } from './progress';

/** A lesson state as work: the boot inputs it leaves out take the playground's defaults. */
export function lessonWork(state: LessonState): LessonWork {
  const b = state.boot ?? {};
  const kernelVersion = b.kernelVersion ?? DEFAULT_KERNEL_VERSION;
  return {
    files: state.files.map((f) => ({ fileName: f.fileName, source: f.source })),
    lines: [...state.lines],
    boot: {
      kernelVersion,
      configLsm: b.configLsm ?? defaultConfigLsm(kernelVersion),
      cmdline: b.cmdline ?? '',
      policies: { ...(b.policies ?? {}) },
    },
  };
}

export const startWork = (lesson: Lesson): LessonWork => lessonWork(lesson.start);
export const solutionWork = (lesson: Lesson): LessonWork => lessonWork({ ...lesson.start, ...lesson.solution });

/** Does the lesson use the editor's modules? (Some lessons are about the boot alone: they load none.) */
export const lessonHasModules = (lesson: Lesson): boolean =>
  lesson.start.files.length > 0 || (lesson.solution.files?.length ?? 0) > 0;

/** The person's work on the open lesson, as the page holds it now. */
export function currentWork(s: PlaygroundState): LessonWork {
  return {
    files:
      s.lesson && !lessonHasModules(s.lesson) ? [] : s.modules.map((m) => ({ fileName: m.fileName, source: m.source })),
    lines: [...s.lessonLines],
    boot: { kernelVersion: s.kernelVersion, configLsm: s.configLsm, cmdline: s.cmdline, policies: { ...s.policies } },
  };
}

/**
 * The share state that opens `lesson` with `work`. A lesson without modules keeps the editor's
 * files as they are (a share state always has one); the engine loads none of them in that lesson.
 */
export function lessonShareState(lesson: Lesson, work: LessonWork, s: PlaygroundState): ShareState {
  const files = work.files.length > 0 ? work.files : s.modules.map((m) => ({ fileName: m.fileName, source: m.source }));
  return {
    v: SHARE_VERSION,
    boot: { ...work.boot, notBuilt: [], presetId: null },
    files,
    activeFile: files[0]!.fileName,
    rustV1: false,
    lines: [...work.lines],
    step: null,
    lesson,
  };
}

/** Opens `work` for the lesson through the share path; the lesson becomes the open one. */
async function openWork(store: PlaygroundStore, lesson: Lesson, work: LessonWork): Promise<void> {
  store.getState().setLessonApplying(true);
  try {
    await applyShareState(store, lessonShareState(lesson, work, store.getState()));
  } finally {
    store.getState().setLessonApplying(false);
  }
}

/**
 * Opens a lesson: the person's saved work on it if there is some, else its start. The playground
 * work it replaces (outside a lesson) is kept, as the examples do: "Restore my previous work".
 */
export async function openLesson(store: PlaygroundStore, lesson: Lesson): Promise<void> {
  const s = store.getState();
  if (!s.lesson) {
    try {
      localStorage.setItem(BEFORE_LINK_KEY, JSON.stringify({ savedAt: Date.now(), state: captureShareState(s) }));
    } catch {
      // Storage disabled or full: the lesson opens all the same.
    }
  }
  const saved = s.lessonProgress.work[lesson.id];
  await openWork(store, lesson, saved ?? startWork(lesson));
}

/** Run in a lesson: load the modules with the current boot inputs, then replay the lesson's lines. */
export async function runLesson(store: PlaygroundStore): Promise<void> {
  const loaded = await store.getState().loadModules();
  if (!loaded?.ok) return;
  for (const line of store.getState().lessonLines) {
    await store.getState().runShellLine(line, { play: false });
    if (store.getState().lastFault) return;
  }
}

/** Run: the lesson's run when a lesson is open, else the playground's (load the modules). */
export function runAction(store: PlaygroundStore): void {
  if (store.getState().lesson) void runLesson(store);
  else void store.getState().loadModules();
}

/** Sets the person's work aside (restorable) and opens the reference solution. */
export async function showSolution(store: PlaygroundStore): Promise<void> {
  const s = store.getState();
  const lesson = s.lesson;
  if (!lesson) return;
  if (!s.viewingSolution) s.keepLessonWork(lesson.id, currentWork(s));
  await openWork(store, lesson, solutionWork(lesson));
  store.getState().setViewingSolution(true);
}

/** Sets the person's work aside (restorable) and opens the lesson's start again. */
export async function resetLesson(store: PlaygroundStore): Promise<void> {
  const s = store.getState();
  const lesson = s.lesson;
  if (!lesson) return;
  if (!s.viewingSolution) s.keepLessonWork(lesson.id, currentWork(s));
  await openWork(store, lesson, startWork(lesson));
}

/** Brings back the work "Show solution" or "Reset lesson" set aside. */
export async function restoreWork(store: PlaygroundStore): Promise<void> {
  const s = store.getState();
  const lesson = s.lesson;
  const kept = lesson ? s.lessonProgress.kept[lesson.id] : undefined;
  if (!lesson || !kept) return;
  await openWork(store, lesson, kept);
  store.getState().keepLessonWork(lesson.id, null);
}

/** Leaves the lesson: the playground as it stands, without goals. */
export function leaveLesson(store: PlaygroundStore): void {
  store.getState().setLesson(null);
  store.getState().setExpectations([]);
}

/** Watches an open lesson: its work is saved as it changes, and all goals passing completes it. */
export function watchLesson(store: PlaygroundStore): () => void {
  return store.subscribe((s, prev) => {
    const lesson = s.lesson;
    if (!lesson) return;
    // An edit of the person's own ends the solution view.
    const edited =
      s.modules !== prev.modules ||
      s.lessonLines !== prev.lessonLines ||
      s.cmdline !== prev.cmdline ||
      s.configLsm !== prev.configLsm ||
      s.kernelVersion !== prev.kernelVersion ||
      s.policies !== prev.policies;
    if (edited && s.lesson === prev.lesson && !s.lessonApplying) {
      if (s.viewingSolution) store.getState().setViewingSolution(false);
      else s.saveLessonWork(lesson.id, currentWork(s));
    }
    const results = s.expectationResults;
    if (
      results !== prev.expectationResults &&
      results &&
      s.expectationResultsFor === s.expectations &&
      s.expectations === lesson.goals &&
      results.length > 0 &&
      results.every((r) => r.pass) &&
      !s.viewingSolution
    )
      s.markLessonComplete(lesson.id);
  });
}
