// The header's Learn button and the place of the learn views on the page. The views (the track,
// a lesson, the fourteen lessons' texts: about 25 KB gzip) are fetched when learn mode first opens,
// not with the page.
import { lazy } from 'react';
import { LazyPart } from '../LazyPart/LazyPart';
import { usePlayground, usePlaygroundStore } from '../../store/PlaygroundProvider';
import './LearnPanel.css';

const LearnViews = lazy(() => import('./LearnPanel').then((m) => ({ default: m.LearnPanel })));

/** The header's entry to learn mode: opens the lesson track (or closes it). */
export function LearnButton() {
  const store = usePlaygroundStore();
  const view = usePlayground((s) => s.learnView);
  const inLesson = usePlayground((s) => s.lesson !== null);
  return (
    <button
      type="button"
      className="btn learn__entry"
      aria-expanded={view === 'track'}
      onClick={() => store.getState().setLearnView(view === 'track' ? (inLesson ? 'lesson' : 'closed') : 'track')}
    >
      Learn
    </button>
  );
}

/** The track or the open lesson, once learn mode is on. */
export function LearnPanel() {
  const view = usePlayground((s) => s.learnView);
  const inLesson = usePlayground((s) => s.lesson !== null);
  if (view === 'closed' || (view === 'lesson' && !inLesson)) return null;
  return (
    <LazyPart
      name="the lessons"
      fallback={
        <section className="panel learn" aria-busy="true">
          <p className="field__hint">Loading the lessons…</p>
        </section>
      }
    >
      <LearnViews />
    </LazyPart>
  );
}
