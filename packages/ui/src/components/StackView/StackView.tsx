// The booted stack: active LSMs in the order their hooks are called, then the built-in LSMs that
// stayed out, greyed, each with the kernel's reason; then the LSMs the build left out.
import { useId } from 'react';
import { usePlayground } from '../../store/PlaygroundProvider';
import {
  selectActiveLsms,
  selectBootCount,
  selectBootedVersion,
  selectInactiveLsms,
  selectNotBuiltLsms,
  selectPanic,
} from '../../store/selectors';
import { LsmCard } from '../LsmCard/LsmCard';
import './StackView.css';

/** Renders the active LSMs in boot order and the inactive ones with their reasons. */
export function StackView() {
  const id = useId();
  const active = usePlayground(selectActiveLsms);
  const inactive = usePlayground(selectInactiveLsms);
  const version = usePlayground(selectBootedVersion);
  const panic = usePlayground(selectPanic);
  const bootCount = usePlayground(selectBootCount);
  const notBuilt = usePlayground(selectNotBuiltLsms);
  return (
    <section className="panel stack" aria-labelledby={`${id}-title`}>
      <div className="panel__head">
        <h2 className="panel__title" id={`${id}-title`}>
          LSM stack
        </h2>
        <p className="panel__meta">
          Linux {version} · {active.length} active · {inactive.length} not active
          {notBuilt.length > 0 ? ` · ${notBuilt.length} not built` : ''}
        </p>
      </div>
      {panic && (
        <p className="stack__panic" role="alert">
          Kernel panic - not syncing: {panic}
        </p>
      )}
      <p className="stack__lead">Every hook calls these LSMs left to right, top to bottom.</p>
      <ol className="stack__lanes" aria-label="Active LSMs in boot order" key={bootCount}>
        {active.map((lsm, i) => (
          <LsmCard key={lsm.name} lsm={lsm} position={i} />
        ))}
      </ol>
      {inactive.length > 0 && (
        <>
          <h3 className="stack__subtitle" id={`${id}-inactive`}>
            Built in, not active
          </h3>
          <ul className="stack__lanes stack__lanes--inactive" aria-labelledby={`${id}-inactive`}>
            {inactive.map((lsm) => (
              <LsmCard key={lsm.name} lsm={lsm} />
            ))}
          </ul>
        </>
      )}
      {notBuilt.length > 0 && (
        <>
          <h3 className="stack__subtitle" id={`${id}-unbuilt`}>
            Not built into this kernel
          </h3>
          <ul className="stack__unbuilt" aria-labelledby={`${id}-unbuilt`}>
            {notBuilt.map((o) => (
              <li key={o.name} className="stack__unbuilt-item" data-lsm={o.name}>
                <strong>{o.name}</strong>: <code>{`# ${o.kconfig ?? 'CONFIG_SECURITY'} is not set`}</code>, so{' '}
                <code>lsm=</code> and CONFIG_LSM naming it match nothing
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
