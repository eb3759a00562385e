// What the engine made of the user's modules: compile and define_lsm! diagnostics, each LSM's
// hooks and blobs, the macro's expansion, the Rust v1 switch and the last fault.
import { useId } from 'react';
import { usePlayground, usePlaygroundStore } from '../../store/PlaygroundProvider';
import { FaultReport } from '../FaultReport/FaultReport';
import './ModuleStatus.css';

const STATUS_TEXT = {
  idle: 'not loaded yet',
  loading: 'compiling and booting…',
  ready: 'booted with your modules',
  failed: 'not booted: see the problems below',
} as const;

export function ModuleStatus() {
  const id = useId();
  const store = usePlaygroundStore();
  const status = usePlayground((s) => s.engineStatus);
  const result = usePlayground((s) => s.loadResult);
  const rustV1 = usePlayground((s) => s.rustV1);
  const fault = usePlayground((s) => s.lastFault);
  const restarts = usePlayground((s) => s.engineRestarts);
  return (
    <section className="panel modstat" aria-labelledby={`${id}-title`}>
      <div className="panel__head">
        <h2 className="panel__title" id={`${id}-title`}>
          Your modules
        </h2>
        <p className="panel__meta" data-status={status}>
          {STATUS_TEXT[status]}
          {restarts > 0 && ` · engine restarted ${restarts}×`}
        </p>
      </div>
      <div className="modstat__controls">
        <label className="modstat__v1">
          <input type="checkbox" checked={rustV1} onChange={(e) => store.getState().setRustV1(e.target.checked)} /> Rust
          v1 limits <span className="modstat__hint">(file_open, task_alloc, task_free; one LSM; no blobs)</span>
        </label>
      </div>
      {result && result.diagnostics.length > 0 && (
        <ul className="modstat__diags" aria-label="Problems">
          {result.diagnostics.map((d, i) => (
            <li key={i} className={`modstat__diag modstat__diag--${d.severity}`}>
              <code>
                {d.fileName}:{d.line}:{d.column}
              </code>{' '}
              {d.severity}: {d.message}
            </li>
          ))}
        </ul>
      )}
      {result?.panic && <p className="modstat__panic">Kernel panic - not syncing: {result.panic}</p>}
      {fault && status !== 'ready' && <FaultReport fault={fault} onDismiss={() => store.getState().dismissFault()} />}
      {result?.lsms.map((l) => (
        <div key={l.name} className="modstat__lsm">
          <p>
            <strong>{l.name}</strong>{' '}
            <span className="modstat__hint">
              ({l.fileName}, id {l.id})
            </span>{' '}
            registers {l.hooks.length === 0 ? 'no hooks' : l.hooks.map((h) => <code key={h}>{h} </code>)}
            {Object.keys(l.blobs).length > 0 &&
              ` · blobs: ${Object.entries(l.blobs)
                .map(([k, v]) => `${k} ${v} B`)
                .join(', ')}`}
          </p>
          <details>
            <summary>What define_lsm! generates</summary>
            <pre className="terminal modstat__expansion">{l.expansion}</pre>
          </details>
        </div>
      ))}
    </section>
  );
}
