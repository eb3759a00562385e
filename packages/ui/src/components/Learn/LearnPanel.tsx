// Learn mode: the lesson track (with the lessons completed in this browser) and the open lesson,
// its explanation, links to the kernel source, shell lines, goals (checked by the engine after
// every run), hints one at a time, the reference solution on request, reset, previous and next.
import { useId, useState } from 'react';
import { LESSONS, type Lesson } from '@lsm-playground/core';
import { usePlayground, usePlaygroundStore } from '../../store/PlaygroundProvider';
import { leaveLesson, openLesson, resetLesson, restoreWork, runLesson, showSolution } from '../../learn/openLesson';
import { ExpectationsPanel } from '../Expectations/ExpectationsPanel';
import { ExternalLink, MarkdownParagraph, inline } from './Markdown';
import './LearnPanel.css';

export function LearnPanel() {
  const view = usePlayground((s) => s.learnView);
  const lesson = usePlayground((s) => s.lesson);
  if (view === 'track') return <LessonTrack />;
  if (view === 'lesson' && lesson) return <LessonView lesson={lesson} />;
  return null;
}

function LessonTrack() {
  const id = useId();
  const store = usePlaygroundStore();
  const completed = usePlayground((s) => s.lessonProgress.completed);
  const current = usePlayground((s) => s.lesson?.id ?? null);
  const done = LESSONS.filter((l) => completed.includes(l.id)).length;
  return (
    <section className="panel learn" aria-labelledby={`${id}-title`}>
      <div className="panel__head">
        <h2 className="panel__title" id={`${id}-title`}>
          Lessons
        </h2>
        <p className="panel__meta">
          {done} of {LESSONS.length} complete · your progress stays in this browser
        </p>
        <button
          type="button"
          className="btn learn__close"
          onClick={() => store.getState().setLearnView(current ? 'lesson' : 'closed')}
        >
          Close
        </button>
      </div>
      <ol className="learn__track" aria-label="Lesson track">
        {LESSONS.map((l, i) => {
          const isDone = completed.includes(l.id);
          return (
            <li key={l.id} className={`learn__track-item${isDone ? ' learn__track-item--done' : ''}`}>
              <button
                type="button"
                className="learn__track-button"
                {...(l.id === current ? { 'aria-current': 'true' as const } : {})}
                onClick={() => void openLesson(store, l)}
              >
                <span className="learn__mark" aria-hidden="true">
                  {isDone ? '✓' : i + 1}
                </span>
                <span>{l.title}</span>
                {isDone && <span className="visually-hidden"> (complete)</span>}
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function LessonView({ lesson }: { lesson: Lesson }) {
  const id = useId();
  const store = usePlaygroundStore();
  const index = LESSONS.findIndex((l) => l.id === lesson.id);
  const builtIn = index >= 0 && LESSONS[index] === lesson;
  const completed = usePlayground((s) => s.lessonProgress.completed.includes(lesson.id));
  const kept = usePlayground((s) => s.lessonProgress.kept[lesson.id] !== undefined);
  const viewingSolution = usePlayground((s) => s.viewingSolution);
  const hintsShown = usePlayground((s) => s.hintsShown);
  const lines = usePlayground((s) => s.lessonLines);
  const noModules = usePlayground((s) => s.lessonLoadsNoModules);
  const busy = usePlayground((s) => s.busy);
  const allPass = usePlayground(
    (s) =>
      s.expectationResultsFor === s.expectations &&
      s.expectations === lesson.goals &&
      (s.expectationResults?.length ?? 0) > 0 &&
      s.expectationResults!.every((r) => r.pass),
  );
  const [linesText, setLinesText] = useState<string | null>(null);
  const prev = builtIn && index > 0 ? LESSONS[index - 1] : undefined;
  const next = builtIn && index < LESSONS.length - 1 ? LESSONS[index + 1] : undefined;

  return (
    <section className="panel learn learn--lesson" aria-labelledby={`${id}-title`}>
      <div className="panel__head">
        <h2 className="panel__title" id={`${id}-title`}>
          {completed && (
            <span className="learn__done" aria-label="Complete" title="Complete">
              ✓{' '}
            </span>
          )}
          {lesson.title}
        </h2>
        <p className="panel__meta">{builtIn ? `Lesson ${index + 1} of ${LESSONS.length}` : 'A shared lesson'}</p>
        <div className="learn__nav">
          <button type="button" className="btn" disabled={!prev} onClick={() => prev && void openLesson(store, prev)}>
            ← Previous
          </button>
          <button type="button" className="btn" disabled={!next} onClick={() => next && void openLesson(store, next)}>
            Next →
          </button>
          <button type="button" className="btn" onClick={() => store.getState().setLearnView('track')}>
            All lessons
          </button>
          <button type="button" className="btn" onClick={() => leaveLesson(store)}>
            Leave lesson
          </button>
        </div>
      </div>
      {allPass && !viewingSolution && (
        <p className="learn__complete" role="status">
          ✓ Every goal passes: lesson complete.{next ? ' On to the next one when you are ready.' : ''}
        </p>
      )}
      {viewingSolution && (
        <p className="learn__solution-note" role="status">
          The editor shows the reference solution. Your own work is kept: “Restore my work” brings it back, and the
          lesson counts as complete when your own work passes.
        </p>
      )}
      <div className="learn__columns">
        <div className="learn__body">
          {lesson.body.map((p, i) => (
            <MarkdownParagraph key={i} text={p} />
          ))}
          {lesson.links.length > 0 && (
            <>
              <h3 className="learn__subtitle">In the kernel source</h3>
              <ul className="learn__links">
                {lesson.links.map((l, i) => (
                  <li key={i}>
                    <ExternalLink href={l.url}>{l.title}</ExternalLink>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
        <div className="learn__work">
          {noModules && (
            <p className="learn__note">
              This lesson is about the boot: Run loads none of the editor’s modules, only the in-tree LSMs.
            </p>
          )}
          <label className="learn__subtitle" htmlFor={`${id}-lines`}>
            Shell lines Run replays after the load
          </label>
          <textarea
            id={`${id}-lines`}
            className="control learn__lines"
            spellCheck={false}
            rows={Math.min(8, Math.max(2, lines.length + 1))}
            value={linesText ?? lines.join('\n')}
            onChange={(e) => setLinesText(e.target.value)}
            onBlur={() => {
              if (linesText === null) return;
              store.getState().setLessonLines(
                linesText
                  .split('\n')
                  .map((l) => l.trim())
                  .filter((l) => l !== ''),
              );
              setLinesText(null);
            }}
          />
          <div className="learn__actions">
            <button
              type="button"
              className="btn btn--primary"
              disabled={busy}
              title="Load the modules and run the shell lines (Ctrl+Enter)"
              onClick={() => void runLesson(store)}
            >
              Run and check
            </button>
            <button type="button" className="btn" onClick={() => void resetLesson(store)}>
              Reset lesson
            </button>
            {kept && (
              <button type="button" className="btn" onClick={() => void restoreWork(store)}>
                Restore my work
              </button>
            )}
            <button
              type="button"
              className="btn"
              disabled={viewingSolution}
              onClick={() => {
                if (window.confirm('Show the reference solution? Your own work is kept and can be restored.'))
                  void showSolution(store);
              }}
            >
              Show solution
            </button>
          </div>
          <ExpectationsPanel title="Goals" readOnly />
          {lesson.hints.length > 0 && (
            <div className="learn__hints">
              <h3 className="learn__subtitle">Hints</h3>
              {hintsShown > 0 && (
                <ol className="learn__hint-list" aria-label="Hints">
                  {lesson.hints.slice(0, hintsShown).map((h, i) => (
                    <li key={i}>{inline(h, `h${i}`)}</li>
                  ))}
                </ol>
              )}
              {hintsShown < lesson.hints.length && (
                <button type="button" className="btn" onClick={() => store.getState().showNextHint()}>
                  {hintsShown === 0 ? 'Show a hint' : 'Show another hint'} ({lesson.hints.length - hintsShown} left)
                </button>
              )}
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
