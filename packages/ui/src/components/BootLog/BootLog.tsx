// The kernel log of the last boot, as `dmesg` prints it. When a boot went wrong, the lines that
// report it are marked; when it was the boot of the last Run (the engine's, with the user's
// modules), that boot's log is the one shown, since it is the boot that failed.
import { Fragment, useId, useMemo } from 'react';
import { usePlayground } from '../../store/PlaygroundProvider';
import { selectBootFailure, selectDmesgLines, type DmesgLine } from '../../store/selectors';
import './BootLog.css';

/** Renders the boot's printk lines in a monospace, scrollable, keyboard-focusable region. */
export function BootLog() {
  const id = useId();
  const bootLines = usePlayground(selectDmesgLines);
  const failure = usePlayground(selectBootFailure);
  const fromRun = failure?.source === 'engine';
  const lines = useMemo<readonly DmesgLine[]>(
    () => (fromRun ? failure.log.map((text, key) => ({ key, level: 'info', text })) : bootLines),
    [fromRun, failure, bootLines],
  );
  const failing = useMemo(() => new Set(failure?.failure.lines ?? []), [failure]);
  return (
    <section className="panel bootlog" aria-labelledby={`${id}-title`}>
      <div className="panel__head">
        <h2 className="panel__title" id={`${id}-title`}>
          Boot log
        </h2>
        <p className="panel__meta">
          <code>dmesg</code> {fromRun ? 'of your last Run' : ''} · {lines.length} lines
          {failing.size > 0 ? ` · ${failing.size} report the failure` : ''} · add <code>lsm.debug</code> for the
          ordering passes
        </p>
      </div>
      <pre className="terminal bootlog__out" tabIndex={0} aria-label="dmesg output">
        {lines.map((l) =>
          failing.has(l.key) ? (
            <Fragment key={l.key}>
              <mark className={`bootlog__line bootlog__line--${l.level} bootlog__line--failing`}>{l.text}</mark>
              {'\n'}
            </Fragment>
          ) : (
            <span key={l.key} className={`bootlog__line bootlog__line--${l.level}`}>
              {l.text}
              {'\n'}
            </span>
          ),
        )}
      </pre>
    </section>
  );
}
