// A lesson of the learn mode, as data: one JSON file per lesson (lessons/data/NN-id.json), so a
// teacher can write a new one and share it as a link. It carries a short explanation with links to
// the kernel source it is about, a starting state (editor files, boot, shell lines), a goal written
// as scenario expectations (machine/expectations.ts), hints, and a reference solution.
import type { Expectation } from '../machine/expectations';
import type { KernelVersion } from '../version';

export const LESSON_FORMAT = 'lsm-playground-lesson';
export const LESSON_VERSION = 1;

export interface LessonFile {
  /** name.ts (a user LSM) or name.bpf.c (a BPF LSM program), as the editor names them. */
  readonly fileName: string;
  readonly source: string;
}

/** What the playground is set to when the lesson opens, or what the solution changes. */
export interface LessonState {
  readonly boot?: {
    readonly kernelVersion?: KernelVersion;
    readonly configLsm?: string;
    readonly cmdline?: string;
    /** Boot policies by LSM name (BootConfig.policies). */
    readonly policies?: Readonly<Record<string, string>>;
  };
  /** The editor's modules, in tab order. */
  readonly files: readonly LessonFile[];
  /** Shell lines run after the modules load; the goals' step numbers count these, from 1. */
  readonly lines: readonly string[];
}

export interface LessonLink {
  readonly title: string;
  /** An https link, usually to a file of the kernel source (elixir.bootlin.com or git.kernel.org). */
  readonly url: string;
}

export interface Lesson {
  readonly format: typeof LESSON_FORMAT;
  readonly version: typeof LESSON_VERSION;
  /** Short and stable: progress is kept by id. */
  readonly id: string;
  readonly title: string;
  /** The explanation: paragraphs of a small Markdown subset (`code`, **bold**, [text](https://…), lists). */
  readonly body: readonly string[];
  readonly links: readonly LessonLink[];
  readonly start: LessonState;
  /** The goal: every expectation passes. The start must not already pass them all. */
  readonly goals: readonly Expectation[];
  readonly hints: readonly string[];
  /** The reference solution: the state that passes every goal (fields left out: as in start). */
  readonly solution: Partial<LessonState>;
}
