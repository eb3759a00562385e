// The kernel log of the last boot, as `dmesg` prints it.
import { useId } from 'react';
import { usePlayground } from '../../store/PlaygroundProvider';
import { selectDmesgLines } from '../../store/selectors';
import './BootLog.css';

/** Renders the boot's printk lines in a monospace, scrollable, keyboard-focusable region. */
export function BootLog() {
  const id = useId();
  const lines = usePlayground(selectDmesgLines);
  return (
    <section className="panel bootlog" aria-labelledby={`${id}-title`}>
      <div className="panel__head">
        <h2 className="panel__title" id={`${id}-title`}>
          Boot log
        </h2>
        <p className="panel__meta">
          <code>dmesg</code> · {lines.length} lines · add <code>lsm.debug</code> for the ordering passes
        </p>
      </div>
      <pre className="terminal bootlog__out" tabIndex={0} aria-label="dmesg output">
        {lines.map((l) => (
          <span key={l.key} className={`bootlog__line bootlog__line--${l.level}`}>
            {l.text}
            {'\n'}
          </span>
        ))}
      </pre>
    </section>
  );
}
