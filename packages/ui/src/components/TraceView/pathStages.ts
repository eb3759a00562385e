// The path of one syscall as stages: userspace, each discretionary check and each hook head it
// reached at the top level (hooks called from inside a hook fold into their caller), and the
// return to userspace. Each stage spans a range of the run's events, so the replay can light the
// stages behind the cursor, the one under it, and leave the rest dark.
import type { RunEvent } from '../../store/traceSlice';

export type StageKind = 'enter' | 'dac' | 'hook' | 'exit';

export interface PathStage {
  readonly kind: StageKind;
  /** What the stage shows: `openat`, `generic_permission`, `security_file_open`, `= -13`. */
  readonly label: string;
  /** The outcome once the stage is passed: `0`, `-EACCES`, `void`; null before it has one. */
  readonly result: string | null;
  readonly denied: boolean;
  /** Which LSM denied (for a hook head whose call ended in a denial). */
  readonly by: string | null;
  /** The run-wide indexes of the stage's first and last events. */
  readonly start: number;
  readonly end: number;
}

/** The stages of syscall `syscall` of a run, in the order the kernel passes them. */
export function pathStages(events: readonly RunEvent[], syscall: number): PathStage[] {
  const stages: PathStage[] = [];
  let open: { start: number; hook: string; by: string | null } | null = null;
  for (let i = 0; i < events.length; i++) {
    const { syscall: s, event: e } = events[i]!;
    if (s !== syscall) continue;
    if (open) {
      if (e.type === 'lsm_return' && e.depth === events[open.start]!.event.depth && e.verdict === 'deny')
        open.by = e.lsm;
      if (e.type === 'hook_exit' && e.depth === events[open.start]!.event.depth) {
        const rc = e.rc === null ? 'void' : e.errno ? `${e.rc} ${e.errno}` : String(e.rc);
        stages.push({
          kind: 'hook',
          label: `security_${open.hook}`,
          result: rc,
          denied: e.rc !== null && e.rc < 0,
          by: open.by,
          start: open.start,
          end: i,
        });
        open = null;
      }
      continue;
    }
    switch (e.type) {
      case 'syscall_enter':
        stages.push({
          kind: 'enter',
          label: `${e.comm}[${e.pid}] ${e.name}()`,
          result: null,
          denied: false,
          by: null,
          start: i,
          end: i,
        });
        break;
      case 'dac':
        stages.push({
          kind: 'dac',
          label: `DAC ${e.fn}`,
          result: e.rc < 0 ? String(e.rc) : '0',
          denied: e.rc < 0,
          by: null,
          start: i,
          end: i,
        });
        break;
      case 'hook_enter':
        open = { start: i, hook: e.hook, by: null };
        break;
      case 'syscall_exit':
        stages.push({
          kind: 'exit',
          label: `${e.name} = ${e.ret}`,
          result: e.errno,
          denied: e.ret < 0,
          by: null,
          start: i,
          end: i,
        });
        break;
      default:
        break;
    }
  }
  return stages;
}
