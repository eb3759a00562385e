// The lesson track, in order. Each lesson is one JSON file in data/ (NN-id.json); lessons.test.ts
// validates every one, runs its reference solution and checks that its start does not already pass.
import type { Lesson } from './lesson';
import l01 from './data/01-what-is-a-hook.json';
import l02 from './data/02-hook-heads.json';
import l03 from './data/03-lsm-and-security.json';
import l04 from './data/04-short-circuit.json';
import l05 from './data/05-security-blobs.json';
import l06 from './data/06-first-file-open.json';
import l07 from './data/07-task-alloc.json';
import l08 from './data/08-task-free-context.json';
import l09 from './data/09-rate-limited-logging.json';
import l10 from './data/10-exclusive-lsms.json';
import l11 from './data/11-boot-recovery.json';
import l12 from './data/12-landlock-unprivileged.json';
import l13 from './data/13-policy-syscalls.json';
import l14 from './data/14-label-vs-path.json';
import l15 from './data/15-protected-symlinks.json';

/** The lessons of the learn mode, in track order. */
export const LESSONS: readonly Lesson[] = [
  l01,
  l02,
  l03,
  l04,
  l05,
  l06,
  l07,
  l08,
  l09,
  l10,
  l11,
  l12,
  l13,
  l14,
  l15,
] as unknown as readonly Lesson[];

/** The lesson with this id, or undefined. */
export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
