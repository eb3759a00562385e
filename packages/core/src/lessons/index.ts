// The lesson track, in order. Each lesson is one JSON file in data/ (NN-id.json); lessons.test.ts
// validates every one, runs its reference solution and checks that its start does not already pass.
import type { Lesson } from './lesson';
import l01 from './data/01-what-is-a-hook.json';
import l02 from './data/02-hook-heads.json';
import l03 from './data/03-lsm-and-security.json';
import l04 from './data/04-short-circuit.json';
import l05 from './data/05-security-blobs.json';

/** The lessons of the learn mode, in track order. */
export const LESSONS: readonly Lesson[] = [l01, l02, l03, l04, l05] as unknown as readonly Lesson[];

/** The lesson with this id, or undefined. */
export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
