// The replay of the last shell line: each syscall's path from userspace through DAC and the hook
// heads, every LSM's callback and verdict, stepped forward and back, played or scrubbed. It
// renders events the engine recorded; it decides nothing.
import { memo, useEffect, useId, useMemo, useRef, type KeyboardEvent } from 'react';
import type { TraceEvent } from '@lsm-playground/core';
import { usePlayground, usePlaygroundStore } from '../../store/PlaygroundProvider';
import { PLAY_SPEEDS, runEvents, type PlaySpeed } from '../../store/traceSlice';
import { describeEvent } from './describe';
import { SyscallPath } from './SyscallPath';
import './TraceView.css';

/** The innermost hook head open at the cursor (or just closed by it), with each LSM's verdict so far. */
function headAt(events: readonly { event: TraceEvent }[], cursor: number) {
  let closed = 0;
  for (let i = cursor; i >= 0; i--) {
    const e = events[i]!.event;
    if (e.type === 'syscall_enter') return null;
    if (e.type === 'hook_exit' && i < cursor) closed++;
    if (e.type !== 'hook_enter') continue;
    if (closed > 0) {
      closed--;
      continue;
    }
    // lsm_call/lsm_return of this head are at the hook's depth; nested hooks are deeper.
    const verdicts = new Map<string, { verdict: string; errno: string | null; current: boolean }>();
    let skipped: readonly string[] = [];
    for (let j = i + 1; j <= cursor; j++) {
      const x = events[j]!.event;
      if (x.depth !== e.depth) continue;
      if (x.type === 'lsm_call') verdicts.set(x.lsm, { verdict: 'running', errno: null, current: j === cursor });
      if (x.type === 'lsm_return') verdicts.set(x.lsm, { verdict: x.verdict, errno: x.errno, current: j === cursor });
      if (x.type === 'short_circuit') skipped = x.skipped;
    }
    return { hook: e.hook, head: e.head, verdicts, skipped };
  }
  return null;
}

/**
 * One event of the list. Memoised: a step changes the `when` of two rows, so only those two render
 * again (the list has one row per event of the syscall, 40 to 80 for a file syscall).
 */
const EventRow = memo(function EventRow({
  event,
  index,
  when,
  onSeek,
}: {
  event: TraceEvent;
  index: number;
  when: 'past' | 'now' | 'future';
  onSeek: (index: number) => void;
}) {
  const d = describeEvent(event);
  return (
    <li
      className={`trace__event trace__event--${d.tone} trace__event--${when}`}
      style={{ paddingLeft: `${0.5 + event.depth * 1.25}rem` }}
      {...(when === 'now' ? { 'aria-current': 'step' as const } : {})}
      onClick={() => onSeek(index)}
    >
      {d.text}
    </li>
  );
});

const reducedMotion = () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

export function TraceView() {
  const id = useId();
  const store = usePlaygroundStore();
  const run = usePlayground((s) => s.run);
  const cursor = usePlayground((s) => s.cursor);
  const playing = usePlayground((s) => s.playing);
  const speed = usePlayground((s) => s.speed);
  const events = useMemo(() => runEvents(run), [run]);
  const current = cursor >= 0 ? events[cursor] : undefined;
  const syscallIndex = current?.syscall ?? 0;
  const list = useRef<HTMLOListElement>(null);

  // Playing: one event per tick at the chosen speed (the store stops at the end).
  useEffect(() => {
    if (!playing) return;
    const t = setInterval(() => store.getState().stepForward(), 1000 / speed);
    return () => clearInterval(t);
  }, [playing, speed, store]);

  useEffect(() => {
    const el = list.current?.querySelector<HTMLElement>('[aria-current="step"]');
    const box = list.current;
    if (!el || !box) return;
    // Scroll the list only: scrollIntoView() would scroll the page too, and the page would jump
    // under the reader at every step.
    const top = el.offsetTop;
    const bottom = top + el.offsetHeight;
    let to: number | null = null;
    if (top < box.scrollTop) to = top;
    else if (bottom > box.scrollTop + box.clientHeight) to = bottom - box.clientHeight;
    if (to !== null) box.scrollTo?.({ top: to, behavior: reducedMotion() ? 'auto' : 'smooth' });
  }, [cursor]);

  const head = useMemo(() => (cursor >= 0 ? headAt(events, cursor) : null), [events, cursor]);
  const rows = useMemo(
    () => events.map((e, i) => ({ ...e, index: i })).filter((e) => e.syscall === syscallIndex),
    [events, syscallIndex],
  );

  const s = store.getState();
  const onKey = (e: KeyboardEvent) => {
    if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement) return;
    const keys: Record<string, () => void> = {
      ArrowRight: s.stepForward,
      ArrowLeft: s.stepBack,
      n: s.nextDenial,
      ' ': () => s.setPlaying(!playing),
      Home: () => s.seek(0),
      End: () => s.seek(events.length - 1),
    };
    const fn = keys[e.key];
    if (fn) {
      e.preventDefault();
      fn();
    }
  };

  return (
    <section className="panel trace" aria-labelledby={`${id}-title`} onKeyDown={onKey}>
      <div className="panel__head">
        <h2 className="panel__title" id={`${id}-title`}>
          Trace
        </h2>
        <p className="panel__meta">
          {run ? (
            <>
              <code>{run.line}</code> · event {cursor + 1} of {events.length}
            </>
          ) : (
            'run a command in the shell to see its syscalls travel through the stack'
          )}
        </p>
      </div>
      {run && (
        <>
          <ol className="trace__syscalls" aria-label="Syscalls of this command">
            {run.syscalls.map((sc, i) => (
              <li key={i}>
                <button
                  type="button"
                  className={`chip${i === syscallIndex ? ' chip--on' : ''}`}
                  aria-pressed={i === syscallIndex}
                  onClick={() => s.seek(events.findIndex((e) => e.syscall === i))}
                >
                  {sc.name} = {sc.ret ?? '—'}
                  {sc.errno ? ` ${sc.errno}` : ''}
                </button>
              </li>
            ))}
          </ol>
          <div className="trace__controls" role="toolbar" aria-label="Replay">
            <button type="button" className="btn" onClick={s.stepBack} title="Back (←)" disabled={cursor < 0}>
              ◀ Back
            </button>
            <button
              type="button"
              className="btn"
              onClick={s.stepForward}
              title="Step (→ or F10)"
              disabled={cursor >= events.length - 1}
            >
              Step ▶
            </button>
            <button type="button" className="btn" onClick={() => s.setPlaying(!playing)} title="Play or pause (Space)">
              {playing ? 'Pause' : 'Play'}
            </button>
            <button type="button" className="btn" onClick={s.nextDenial} title="Next denial (n)">
              Next denial
            </button>
            <label className="trace__speed">
              Speed{' '}
              <select value={speed} onChange={(e) => s.setSpeed(Number(e.target.value) as PlaySpeed)}>
                {PLAY_SPEEDS.map((v) => (
                  <option key={v} value={v}>
                    {v}/s
                  </option>
                ))}
              </select>
            </label>
            <input
              type="range"
              className="trace__scrub"
              aria-label="Scrub to event"
              min={-1}
              max={events.length - 1}
              value={cursor}
              onChange={(e) => s.seek(Number(e.target.value))}
            />
          </div>
          <SyscallPath events={events} syscall={syscallIndex} cursor={cursor} onSeek={s.seek} />
          {head && (
            <div className="trace__head" aria-label={`Hook head of ${head.hook}`}>
              <span className="trace__hookname">security_{head.hook}</span>
              <ol className="trace__lanes">
                {head.head.map((lsm) => {
                  const v = head.verdicts.get(lsm);
                  const state = v ? v.verdict : head.skipped.includes(lsm) ? 'skipped' : 'pending';
                  return (
                    <li
                      key={lsm}
                      className={`trace__lane trace__lane--${state}${v?.current ? ' trace__lane--current' : ''}`}
                      data-lsm={lsm}
                    >
                      <span className="trace__lsm">{lsm}</span>
                      <span className="trace__verdict">
                        {state === 'deny' ? (v?.errno ?? 'deny') : state === 'skipped' ? 'not called' : state}
                      </span>
                    </li>
                  );
                })}
              </ol>
            </div>
          )}
          <ol
            className="trace__events"
            ref={list}
            aria-label="Events of this syscall"
            tabIndex={0}
            data-focus-target="trace"
          >
            {rows.map(({ event, index }) => (
              <EventRow
                key={index}
                event={event}
                index={index}
                when={index < cursor ? 'past' : index === cursor ? 'now' : 'future'}
                onSeek={s.seek}
              />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
