// Preparing a presentation: bookmark the trace step on screen as a moment, see the moments in the
// order they will be shown, drop one, and start presenting. The moments travel in the share link.
import { useId } from 'react';
import { usePlayground, usePlaygroundStore } from '../../store/PlaygroundProvider';
import { enterPresentation } from './presentation';
import './Presentation.css';

export function MomentsPanel() {
  const id = useId();
  const store = usePlaygroundStore();
  const bookmarks = usePlayground((s) => s.bookmarks);
  const lines = usePlayground((s) => s.sessionLines);
  const canMark = usePlayground((s) => s.run !== null && s.sessionLines.length > 0);
  return (
    <section className="panel moments" aria-labelledby={`${id}-title`}>
      <div className="panel__head">
        <h2 className="panel__title" id={`${id}-title`}>
          Moments
        </h2>
        <p className="panel__meta">trace steps to present one after another (clicker: PageDown, PageUp)</p>
      </div>
      {bookmarks.length > 0 && (
        <ol className="moments__list" aria-label="Bookmarked moments">
          {bookmarks.map((b, i) => (
            <li key={`${b.line}:${b.step}`} className="moments__item">
              <span>
                <code>{lines[b.line]}</code> (line {b.line + 1}), step {b.step + 1}
              </span>
              <button
                type="button"
                className="btn"
                aria-label={`Remove moment ${i + 1}`}
                onClick={() => store.getState().removeBookmark(i)}
              >
                Remove
              </button>
            </li>
          ))}
        </ol>
      )}
      <div className="field__row">
        <button
          type="button"
          className="btn"
          disabled={!canMark}
          title={canMark ? undefined : 'Run a shell line first: a moment is a step of its trace'}
          onClick={() => store.getState().addBookmark()}
        >
          Bookmark this step
        </button>
        <button
          type="button"
          className="btn btn--primary"
          aria-keyshortcuts="p"
          onClick={(e) => enterPresentation(store, e.currentTarget.ownerDocument)}
        >
          Present <kbd>p</kbd>
        </button>
      </div>
    </section>
  );
}
