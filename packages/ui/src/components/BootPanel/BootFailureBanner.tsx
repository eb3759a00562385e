// A boot that went wrong, as the console showed it, and the boot loader edit that avoids it. The
// diagnosis and the edit come from core (diagnoseBoot); this only words and lays them out.
import type { BootRecovery } from '@lsm-playground/core';
import type { BootFailureView } from '../../store/selectors';

export interface BootFailureBannerProps {
  readonly view: BootFailureView;
  /** Puts the suggested command line in the entry for the user to check and boot; never boots. */
  readonly onEditCmdline: (recovery: BootRecovery) => void;
}

/** Renders the failure's headline in the kernel's words, what it means, and the recovery. */
export function BootFailureBanner({ view, onEditCmdline }: BootFailureBannerProps) {
  const { failure, source } = view;
  const severe = failure.kind === 'panic';
  return (
    <div
      className={`boot-failure boot-failure--${failure.kind}`}
      role={severe ? 'alert' : 'status'}
      aria-label="Boot failure"
      data-source={source}
    >
      <p className="boot-failure__source">
        {source === 'engine' ? 'The boot of your last Run' : 'This boot'} {severe ? 'did not finish' : 'went wrong'}:
      </p>
      <p className="boot-failure__headline">
        <code>{failure.headline}</code>
      </p>
      <p className="boot-failure__summary">
        <strong>{failure.summary}</strong>
      </p>
      <p className="boot-failure__why">{failure.consequence}</p>
      {failure.recovery ? (
        <div className="boot-failure__recovery">
          <p>
            <strong>To recover</strong>, edit the command line at the boot loader ({failure.recovery.edit}): an LSM left
            off <code>lsm=</code> is never initialised.
          </p>
          <p className="boot-failure__cmdline">
            <code>{failure.recovery.cmdline}</code>
          </p>
          <button type="button" className="btn" onClick={() => onEditCmdline(failure.recovery!)}>
            Edit the command line
          </button>
        </div>
      ) : (
        <p className="boot-failure__recovery">{failure.noRecovery}</p>
      )}
      <p className="boot-failure__log-hint">The lines that report it are highlighted in the boot log.</p>
    </div>
  );
}
