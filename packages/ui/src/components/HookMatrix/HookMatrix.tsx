// The hook heads as a matrix: which LSM registered which hook, in call order. By default the
// hooks the current trace reached (in the order it reached them); or every hook with a
// callback, searchable. Heads come from the kernel the engine booted (user LSMs included), or
// from the boot panel's kernel before the first run.
import { useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { usePlayground } from '../../store/PlaygroundProvider';
import { runEvents } from '../../store/traceSlice';
import './HookMatrix.css';

/** The hook whose head the event at `cursor` belongs to, or null outside any hook. */
function hookAt(events: ReturnType<typeof runEvents>, cursor: number): string | null {
  for (let i = cursor; i >= 0; i--) {
    const e = events[i]?.event;
    if (e?.type === 'hook_enter' || e?.type === 'hook_exit' || e?.type === 'lsm_call' || e?.type === 'lsm_return')
      return e.hook;
    if (e?.type === 'syscall_enter') return null;
  }
  return null;
}

/**
 * Past this many rows only the rows in view are in the document (plus OVERSCAN on each side): the
 * list of every hook with a callback is about 300 rows of 13 cells, about 4,000 elements, which
 * was most of the page's layout work while it loads. A command's hooks are fewer and all drawn.
 */
const WINDOW_FROM = 60;
const OVERSCAN = 10;
/** Rows drawn before the first measure: enough for the 22rem box at any display size. */
const FIRST_ROWS = 40;

/** The row height and the box height in px; rowH 0 means there is no layout (a test DOM): draw all. */
interface Metrics {
  readonly rowH: number;
  readonly viewH: number;
}

export function HookMatrix() {
  const id = useId();
  const kernel = usePlayground((s) => s.kernel);
  const loaded = usePlayground((s) => s.loadResult);
  const run = usePlayground((s) => s.run);
  // The hook at the cursor, not the cursor: the matrix renders again only when the hook changes.
  const currentHook = usePlayground((s) => hookAt(runEvents(s.run), s.cursor));
  const [scope, setScope] = useState<'trace' | 'all'>('trace');
  const [query, setQuery] = useState('');

  const { order, heads } = useMemo(() => {
    if (loaded?.ok) return { order: loaded.order, heads: new Map(Object.entries(loaded.heads)) };
    return { order: kernel.order, heads: kernel.hookHeads() as Map<string, readonly string[]> };
  }, [loaded, kernel]);

  const events = useMemo(() => runEvents(run), [run]);
  const touched = useMemo(() => {
    const seen = new Map<string, readonly string[]>();
    for (const { event } of events)
      if (event.type === 'hook_enter' && !seen.has(event.hook)) seen.set(event.hook, event.head);
    return seen;
  }, [events]);

  const showTrace = scope === 'trace' && touched.size > 0;
  const rows = useMemo(() => {
    const source = showTrace ? [...touched] : [...heads].filter(([, h]) => h.length > 0);
    const q = query.trim().toLowerCase();
    return q ? source.filter(([hook]) => hook.includes(q)) : source;
  }, [showTrace, touched, heads, query]);

  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [metrics, setMetrics] = useState<Metrics | null>(null);
  // The projector display scales every size: measure again.
  const display = usePlayground((s) => s.display);
  const [measuredFor, setMeasuredFor] = useState(display);
  if (measuredFor !== display) {
    setMeasuredFor(display);
    setMetrics(null);
  }
  const windowed = rows.length > WINDOW_FROM && metrics?.rowH !== 0;
  useLayoutEffect(() => {
    if (!windowed || metrics) return;
    const box = scroller.current;
    const row = box?.querySelector('tbody tr:not([aria-hidden])');
    if (!box || !row) return;
    setMetrics({ rowH: row.getBoundingClientRect().height, viewH: box.clientHeight });
  }, [windowed, metrics]);
  let first = 0;
  let last = rows.length;
  if (windowed && metrics) {
    first = Math.max(0, Math.floor(scrollTop / metrics.rowH) - OVERSCAN);
    last = Math.min(rows.length, Math.ceil((scrollTop + metrics.viewH) / metrics.rowH) + OVERSCAN);
  } else if (windowed) last = Math.min(rows.length, FIRST_ROWS);
  const rowH = metrics?.rowH ?? 0;

  return (
    <section className="panel hookmatrix" aria-labelledby={`${id}-title`}>
      <div className="panel__head">
        <h2 className="panel__title" id={`${id}-title`}>
          Hook heads
        </h2>
        <p className="panel__meta">
          {showTrace ? `${rows.length} hooks this command reached` : `${rows.length} hooks with callbacks`} · numbers
          are the call order
        </p>
      </div>
      <div className="hookmatrix__controls">
        <div role="group" aria-label="Which hooks">
          <button
            type="button"
            className={`chip${showTrace ? ' chip--on' : ''}`}
            aria-pressed={showTrace}
            disabled={touched.size === 0}
            onClick={() => setScope('trace')}
          >
            Reached by the trace
          </button>{' '}
          <button
            type="button"
            className={`chip${!showTrace ? ' chip--on' : ''}`}
            aria-pressed={!showTrace}
            onClick={() => setScope('all')}
          >
            All hooks
          </button>
        </div>
        <input
          type="search"
          className="hookmatrix__search"
          aria-label="Search hooks"
          placeholder="search hooks, e.g. file_"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      <div
        className="hookmatrix__scroll"
        tabIndex={0}
        role="region"
        aria-label="Hook head matrix"
        ref={scroller}
        onScroll={windowed ? (e) => setScrollTop(e.currentTarget.scrollTop) : undefined}
      >
        <table className="hookmatrix__table" aria-rowcount={rows.length + 1}>
          <thead>
            <tr>
              <th scope="col">hook</th>
              {order.map((lsm) => (
                <th key={lsm} scope="col" className="hookmatrix__lsm">
                  <span>{lsm}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {first > 0 && <tr aria-hidden="true" style={{ height: first * rowH }} />}
            {rows.slice(first, last).map(([hook, head], i) => (
              <tr
                key={hook}
                aria-rowindex={first + i + 2}
                className={hook === currentHook ? 'hookmatrix__row--current' : undefined}
              >
                <th scope="row">
                  <code>{hook}</code>
                </th>
                {order.map((lsm) => {
                  const at = head.indexOf(lsm);
                  return (
                    <td key={lsm} className={at >= 0 ? 'hookmatrix__on' : undefined}>
                      {at >= 0 ? at + 1 : ''}
                    </td>
                  );
                })}
              </tr>
            ))}
            {last < rows.length && <tr aria-hidden="true" style={{ height: (rows.length - last) * (rowH || 20) }} />}
          </tbody>
        </table>
      </div>
    </section>
  );
}
