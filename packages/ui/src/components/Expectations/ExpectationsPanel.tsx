// The expectations beside the trace: each one's words, whether it holds and what happened, as the
// engine checked them against the shell session. A failing one jumps the trace to the event that
// broke it. Authoring: "Expect this" turns the line the trace shows into a result expectation, and
// the list can be edited as JSON (validated; the text is kept while it has problems).
import { useId, useState } from 'react';
import { describeExpectation, validateExpectations, type Expectation } from '@lsm-playground/core';
import { usePlayground, usePlaygroundStore } from '../../store/PlaygroundProvider';
import './ExpectationsPanel.css';

export interface ExpectationsPanelProps {
  /** The panel's heading ("Goals" in a lesson). */
  readonly title?: string;
  /** No authoring (a lesson's goals are the lesson's). */
  readonly readOnly?: boolean;
}

export function ExpectationsPanel({ title = 'Expectations', readOnly = false }: ExpectationsPanelProps) {
  const id = useId();
  const store = usePlaygroundStore();
  const expectations = usePlayground((s) => s.expectations);
  const results = usePlayground((s) => s.expectationResults);
  const error = usePlayground((s) => s.expectationsError);
  const canExpect = usePlayground((s) => s.run !== null && s.sessionLines.length > 0);
  const [editing, setEditing] = useState<string | null>(null);
  const [problems, setProblems] = useState<readonly string[]>([]);
  const [note, setNote] = useState<string | null>(null);

  const passed = results?.filter((r) => r.pass).length ?? 0;
  const meta =
    expectations.length === 0
      ? readOnly
        ? 'nothing to check'
        : 'none yet: run a command, then “Expect this” on its trace'
      : results && results.length === expectations.length
        ? `${passed} of ${expectations.length} pass`
        : (error ?? 'checking…');

  const applyJson = () => {
    if (editing === null) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(editing);
    } catch (e) {
      setProblems([`not JSON: ${e instanceof Error ? e.message : String(e)}`]);
      return;
    }
    const found = validateExpectations(parsed, null);
    setProblems(found);
    if (found.length > 0) return;
    store.getState().setExpectations(parsed as Expectation[]);
    setEditing(null);
  };

  return (
    <section className="panel expectations" aria-labelledby={`${id}-title`}>
      <div className="panel__head">
        <h2 className="panel__title" id={`${id}-title`}>
          {title}
        </h2>
        <p className="panel__meta" aria-live="polite">
          {meta}
        </p>
      </div>
      {expectations.length > 0 && editing === null && (
        <ol className="expectations__list" aria-label={title}>
          {expectations.map((e, i) => {
            const r = results && results.length === expectations.length ? results[i] : undefined;
            const state = r ? (r.pass ? 'pass' : 'fail') : 'unknown';
            const at = r?.at ?? null;
            return (
              <li key={i} className={`expectations__item expectations__item--${state}`} data-state={state}>
                <span className="expectations__mark" aria-hidden="true">
                  {state === 'pass' ? '✓' : state === 'fail' ? '✗' : '·'}
                </span>
                <span className="expectations__text">
                  <span className="expectations__title">
                    <span className="visually-hidden">
                      {state === 'pass' ? 'Passes: ' : state === 'fail' ? 'Fails: ' : 'Not checked: '}
                    </span>
                    {r?.title ?? describeExpectation(e)}
                  </span>
                  {r && <span className="expectations__detail">{r.detail}</span>}
                </span>
                {at && (
                  <button
                    type="button"
                    className="btn expectations__btn"
                    aria-label={`Show in trace: ${r?.title ?? ''}`}
                    onClick={() => void store.getState().jumpToEvent(at)}
                  >
                    {r?.pass ? 'Show' : 'Show why'}
                  </button>
                )}
                {!readOnly && (
                  <button
                    type="button"
                    className="btn expectations__btn"
                    aria-label={`Remove expectation ${i + 1}`}
                    onClick={() => store.getState().removeExpectation(i)}
                  >
                    ×
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {!readOnly && editing !== null && (
        <div className="expectations__json">
          <label htmlFor={`${id}-json`}>Expectations as JSON</label>
          <textarea
            id={`${id}-json`}
            className="control expectations__textarea"
            spellCheck={false}
            value={editing}
            rows={10}
            onChange={(ev) => setEditing(ev.target.value)}
            {...(problems.length > 0 ? { 'aria-invalid': true, 'aria-describedby': `${id}-problems` } : {})}
          />
          {problems.length > 0 && (
            <ul className="expectations__problems" id={`${id}-problems`} role="alert">
              {problems.slice(0, 10).map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          )}
          <div className="expectations__actions">
            <button type="button" className="btn btn--primary" onClick={applyJson}>
              Apply
            </button>
            <button
              type="button"
              className="btn"
              onClick={() => {
                setEditing(null);
                setProblems([]);
              }}
            >
              Cancel
            </button>
          </div>
        </div>
      )}
      {!readOnly && editing === null && (
        <div className="expectations__actions">
          <button
            type="button"
            className="btn"
            disabled={!canExpect}
            title="Add a result expectation for the command the trace shows: its errno and who denied it"
            onClick={() =>
              void store
                .getState()
                .expectThis()
                .then((e) => setNote(e ? null : 'That command made no syscall: nothing to expect.'))
            }
          >
            Expect this
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => {
              setEditing(JSON.stringify(expectations, null, 2));
              setProblems([]);
            }}
          >
            Edit as JSON
          </button>
          {note && <span className="expectations__note">{note}</span>}
        </div>
      )}
    </section>
  );
}
