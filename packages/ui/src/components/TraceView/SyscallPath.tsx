// The current syscall's path as a row of stages, from userspace through the DAC checks and the
// hook heads back to userspace: the stages behind the cursor lit with their outcome (a denial in
// the error colour, naming the LSM), the one under the cursor marked, the rest still dark.
import { useMemo } from 'react';
import type { RunEvent } from '../../store/traceSlice';
import { pathStages } from './pathStages';

export interface SyscallPathProps {
  readonly events: readonly RunEvent[];
  readonly syscall: number;
  readonly cursor: number;
  onSeek(index: number): void;
}

export function SyscallPath({ events, syscall, cursor, onSeek }: SyscallPathProps) {
  const stages = useMemo(() => pathStages(events, syscall), [events, syscall]);
  return (
    <ol className="trace__path" aria-label="Path of this syscall">
      {stages.map((st) => {
        const when = cursor > st.end ? 'past' : cursor >= st.start ? 'now' : 'future';
        const outcome = when === 'future' ? null : when === 'now' && st.kind === 'hook' ? 'running' : st.result;
        return (
          <li
            key={st.start}
            className={`trace__stage trace__stage--${st.kind} trace__stage--${when}${st.denied && when !== 'future' && outcome !== 'running' ? ' trace__stage--denied' : ''}`}
            {...(when === 'now' ? { 'aria-current': 'true' as const } : {})}
          >
            <button type="button" onClick={() => onSeek(st.start)} title={`Go to ${st.label}`}>
              <span className="trace__stage-label">{st.kind === 'exit' ? `← ${st.label}` : st.label}</span>
              {outcome !== null && (
                <span className="trace__stage-result">
                  {outcome}
                  {st.by && when === 'past' ? ` by ${st.by}` : ''}
                </span>
              )}
            </button>
          </li>
        );
      })}
    </ol>
  );
}
