// What a shell on the booted kernel sees in securityfs.
import { useId } from 'react';
import { usePlayground } from '../../store/PlaygroundProvider';
import { selectSecurityfsLsm } from '../../store/selectors';
import './SecurityfsView.css';

export const SECURITYFS_LSM_PATH = '/sys/kernel/security/lsm';

/** Renders `cat /sys/kernel/security/lsm` and its output for the running kernel. */
export function SecurityfsView() {
  const id = useId();
  const lsm = usePlayground(selectSecurityfsLsm);
  return (
    <section className="panel securityfs" aria-labelledby={`${id}-title`}>
      <div className="panel__head">
        <h2 className="panel__title" id={`${id}-title`}>
          securityfs
        </h2>
        <p className="panel__meta">the LSMs that registered hooks</p>
      </div>
      <pre className="terminal securityfs__out" tabIndex={0} aria-label="securityfs shell">
        <span className="securityfs__prompt" aria-hidden="true">
          ${' '}
        </span>
        <kbd>cat {SECURITYFS_LSM_PATH}</kbd>
        {'\n'}
        <samp data-testid="securityfs-lsm">
          {lsm.split(',').map((name, i) => (
            <span key={i}>
              {i > 0 && (
                <>
                  ,<wbr />
                </>
              )}
              {name}
            </span>
          ))}
        </samp>
      </pre>
    </section>
  );
}
