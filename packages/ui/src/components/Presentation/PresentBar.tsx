// The presentation's bar: which moment is on screen of how many, previous and next for a mouse,
// and the way out. The moments themselves are the page's trace and transcript, in large type.
import { usePlayground, usePlaygroundStore } from '../../store/PlaygroundProvider';
import { leavePresentation } from './presentation';
import './Presentation.css';

export function PresentBar() {
  const store = usePlaygroundStore();
  const moment = usePlayground((s) => s.moment);
  const bookmarks = usePlayground((s) => s.bookmarks);
  const lines = usePlayground((s) => s.deck?.lines);
  const busy = usePlayground((s) => s.busy);
  const n = bookmarks.length;
  const at = bookmarks[moment];
  return (
    <div className="present-bar" role="toolbar" aria-label="Presentation">
      <button
        type="button"
        className="btn"
        onClick={() => void store.getState().previousMoment()}
        disabled={n === 0 || moment <= 0}
        aria-keyshortcuts="PageUp ArrowLeft"
      >
        ← Previous
      </button>
      <p className="present-bar__count" aria-live="polite" data-testid="moment-count">
        {n === 0 ? 'no moments bookmarked: PageDown and PageUp step the trace' : `moment ${moment + 1} / ${n}`}
      </p>
      <button
        type="button"
        className="btn"
        onClick={() => void store.getState().nextMoment()}
        disabled={n === 0 || moment >= n - 1}
        aria-keyshortcuts="PageDown ArrowRight Space"
      >
        Next →
      </button>
      {at && lines && (
        <p className="present-bar__where">
          <code>{lines[at.line]}</code>, step {at.step + 1}
          {busy ? ' (running…)' : ''}
        </p>
      )}
      <button
        type="button"
        className="btn present-bar__leave"
        onClick={(e) => leavePresentation(store, e.currentTarget.ownerDocument)}
        aria-keyshortcuts="Escape"
      >
        Leave presentation <kbd>Esc</kbd>
      </button>
    </div>
  );
}
