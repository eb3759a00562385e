// The kernel log (dmesg) and the audit records the engine sent, virtualised: rows have one fixed
// height, only those in view (plus some overscan) are in the DOM, and a spacer keeps the scroll
// height, so 100,000 lines scroll like 100. A line written by a traced event links to it.
import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { usePlayground, usePlaygroundStore } from '../../store/PlaygroundProvider';
import { findLogEntry, type LogEntry, type LogTab } from '../../store/logSlice';
import { selectLogKeyAtCursor, selectVisibleLogLines } from '../../store/selectors';
import './LogView.css';

/** Row height in px; LogView.css gives rows the same height. */
export const LOG_ROW_HEIGHT = 20;
/** Rows rendered above and below the viewport. */
export const LOG_OVERSCAN = 10;
/** The viewport height before it is measured (or where there is no layout, as in tests). */
const FALLBACK_HEIGHT = 320;

const LEVELS = [
  { value: 7, label: 'all levels' },
  { value: 6, label: 'info and above' },
  { value: 5, label: 'notice and above' },
  { value: 4, label: 'warn and above' },
  { value: 3, label: 'err and above' },
] as const;

const TABS: readonly { readonly tab: LogTab; readonly label: string }[] = [
  { tab: 'dmesg', label: 'dmesg' },
  { tab: 'audit', label: 'audit' },
];

export function LogView() {
  const id = useId();
  const store = usePlaygroundStore();
  const lines = usePlayground(selectVisibleLogLines);
  const total = usePlayground((s) => s.logLines.length);
  const dropped = usePlayground((s) => s.logDropped);
  const tab = usePlayground((s) => s.logTab);
  const filter = usePlayground((s) => s.logFilter);
  const notice = usePlayground((s) => s.logNotice);
  const currentKey = usePlayground(selectLogKeyAtCursor);
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(FALLBACK_HEIGHT);
  const [selected, setSelected] = useState<number | null>(null);
  // Following the tail: true while the view is scrolled to the bottom.
  const stick = useRef(true);

  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const measure = () => setHeight(el.clientHeight || FALLBACK_HEIGHT);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const maxTop = Math.max(0, lines.length * LOG_ROW_HEIGHT - height);
  const scrollTo = (top: number) => {
    const t = Math.max(0, Math.min(maxTop, top));
    stick.current = t >= maxTop;
    if (viewport.current) viewport.current.scrollTop = t;
    setScrollTop(t);
  };

  // New lines keep a view at the bottom there; elsewhere it keeps its position.
  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    if (stick.current) {
      el.scrollTop = maxTop;
      setScrollTop(maxTop);
    } else if (scrollTop > maxTop) setScrollTop(maxTop);
    // Only when the list or the viewport changes: a scroll alone must not pull the view back.
  }, [lines, maxTop]);

  const onScroll = () => {
    const el = viewport.current;
    if (!el) return;
    const top = Math.max(0, Math.min(maxTop, el.scrollTop));
    stick.current = top >= maxTop - LOG_ROW_HEIGHT / 2;
    setScrollTop(top);
  };

  const first = Math.max(0, Math.floor(scrollTop / LOG_ROW_HEIGHT) - LOG_OVERSCAN);
  const end = Math.min(lines.length, Math.ceil((scrollTop + height) / LOG_ROW_HEIGHT) + LOG_OVERSCAN);
  const selectedIndex = selected === null ? -1 : findLogEntry(lines, selected);

  const s = store.getState();
  const follow = (line: LogEntry) => {
    setSelected(line.key);
    s.followLogLink(line.key);
  };

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (lines.length === 0) return;
    const page = Math.max(1, Math.floor(height / LOG_ROW_HEIGHT) - 1);
    const from =
      selectedIndex >= 0 ? selectedIndex : Math.min(lines.length - 1, Math.floor(scrollTop / LOG_ROW_HEIGHT));
    const moves: Record<string, number> = {
      ArrowDown: selectedIndex >= 0 ? from + 1 : from,
      ArrowUp: selectedIndex >= 0 ? from - 1 : from,
      PageDown: from + page,
      PageUp: from - page,
      Home: 0,
      End: lines.length - 1,
    };
    if (e.key === 'Enter') {
      const line = lines[selectedIndex];
      if (line?.link) {
        e.preventDefault();
        follow(line);
      }
      return;
    }
    const to = moves[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const i = Math.max(0, Math.min(lines.length - 1, to));
    setSelected(lines[i]!.key);
    const top = i * LOG_ROW_HEIGHT;
    if (top < scrollTop) scrollTo(top);
    else if (top + LOG_ROW_HEIGHT > scrollTop + height) scrollTo(top + LOG_ROW_HEIGHT - height);
  };

  const empty =
    total === 0
      ? 'The kernel log appears when the engine boots: run a command or press Run.'
      : tab === 'audit' && !filter.text.trim()
        ? 'No audit records yet: no LSM in this stack has written one. Records show here as auditd writes them (type=AVC msg=audit(…): …).'
        : 'No line matches the filters.';

  const rows = [];
  for (let i = first; i < end; i++) {
    const l = lines[i]!;
    const text = tab === 'audit' && l.audit ? l.audit.record : l.text;
    const current = l.key === currentKey;
    rows.push(
      <div
        key={l.key}
        role="row"
        id={`${id}-row-${l.key}`}
        aria-rowindex={i + 1}
        aria-selected={l.key === selected}
        {...(current ? { 'aria-current': 'true' as const } : {})}
        className={`logview__row logview__row--${l.levelName}${current ? ' logview__row--current' : ''}`}
        style={{ top: i * LOG_ROW_HEIGHT }}
        onClick={() => setSelected(l.key)}
      >
        {tab === 'dmesg' && (
          <span role="gridcell" className="logview__time">
            {l.time}
          </span>
        )}
        <span role="gridcell" className="logview__text" title={text}>
          {text}
        </span>
        <span role="gridcell" className="logview__go">
          {l.link && (
            <button
              type="button"
              className="logview__link"
              tabIndex={-1}
              title="Show the event that wrote this line in the trace (Enter)"
              onClick={(e) => {
                e.stopPropagation();
                follow(l);
              }}
            >
              go to event
            </button>
          )}
        </span>
      </div>,
    );
  }

  return (
    <section className="panel logview" aria-labelledby={`${id}-title`}>
      <div className="panel__head">
        <h2 className="panel__title" id={`${id}-title`}>
          Kernel log
        </h2>
        <p className="panel__meta">
          {total} lines{dropped > 0 ? ` · ${dropped} older lines dropped` : ''} · ↑↓ PgUp PgDn Home End select, Enter
          goes to the event
        </p>
      </div>
      <div className="logview__bar">
        <div role="tablist" aria-label="Log" className="logview__tabs">
          {TABS.map((t) => (
            <button
              key={t.tab}
              type="button"
              role="tab"
              id={`${id}-tab-${t.tab}`}
              aria-selected={tab === t.tab}
              aria-controls={`${id}-panel`}
              className={`chip${tab === t.tab ? ' chip--on' : ''}`}
              onClick={() => s.setLogTab(t.tab)}
            >
              {t.label}
            </button>
          ))}
        </div>
        {tab === 'dmesg' && (
          <>
            <label className="logview__filter">
              Level{' '}
              <select value={filter.maxLevel} onChange={(e) => s.setLogFilter({ maxLevel: Number(e.target.value) })}>
                {LEVELS.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </label>
            <label className="logview__filter">
              <input
                type="checkbox"
                checked={filter.kernelOnly}
                onChange={(e) => s.setLogFilter({ kernelOnly: e.target.checked })}
              />{' '}
              hide audit lines
            </label>
          </>
        )}
        <input
          type="search"
          className="logview__search"
          aria-label="Search the log"
          placeholder="search"
          value={filter.text}
          onChange={(e) => s.setLogFilter({ text: e.target.value })}
        />
      </div>
      {notice && (
        <p className="logview__notice" role="status">
          {notice}
        </p>
      )}
      <div id={`${id}-panel`} role="tabpanel" aria-labelledby={`${id}-tab-${tab}`}>
        <div
          ref={viewport}
          className="terminal logview__viewport"
          role="grid"
          aria-label={tab === 'audit' ? 'Audit records' : 'dmesg lines'}
          aria-rowcount={lines.length}
          aria-readonly="true"
          tabIndex={0}
          onScroll={onScroll}
          onKeyDown={onKey}
          {...(selectedIndex >= first && selectedIndex < end
            ? { 'aria-activedescendant': `${id}-row-${selected}` }
            : {})}
        >
          {lines.length === 0 ? (
            <p className="logview__empty">{empty}</p>
          ) : (
            <div role="rowgroup" className="logview__spacer" style={{ height: lines.length * LOG_ROW_HEIGHT }}>
              {rows}
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
