// The policies init loads at boot, one per LSM that takes one (SELinux's policy, AppArmor's
// profiles, Smack's rules…): edited here, loaded at the next reboot by writing them to the file
// the LSM names (selinuxfs `load`, securityfs `apparmor/.replace`…). A policy the LSM refuses
// stays as typed; the kernel log says why (line and column).
import { useId, useState } from 'react';
import { errnoName } from '@lsm-playground/core';
import { usePlayground } from '../../store/PlaygroundProvider';
import { selectBootPolicyResults, selectPolicies, selectPolicyTargets, selectSetPolicy } from '../../store/selectors';

export function PolicyEditor() {
  const id = useId();
  const targets = usePlayground(selectPolicyTargets);
  const policies = usePlayground(selectPolicies);
  const setPolicy = usePlayground(selectSetPolicy);
  const results = usePlayground(selectBootPolicyResults);
  const inactive = Object.keys(policies).filter((lsm) => !targets.some((t) => t.lsm === lsm));
  const count = Object.keys(policies).length;
  const [open, setOpen] = useState(false);
  return (
    <details className="policies" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="build-options__summary">
        Boot policies:{' '}
        <span className="build-options__count">{count === 0 ? 'none loaded' : `${count} loaded by init`}</span>
      </summary>
      {open && (
        <div className="policies__body">
          {targets.length === 0 && <p className="field__hint">No active LSM of this kernel takes a policy at boot.</p>}
          {targets.map((t) => {
            const text = policies[t.lsm];
            const result = results.find((r) => r.lsm === t.lsm);
            const fieldId = `${id}-${t.lsm}`;
            return (
              <div key={t.lsm} className="field policies__item">
                <label className="field__label" htmlFor={fieldId}>
                  {t.lsm} <code className="build-options__symbol">→ {t.path}</code>
                </label>
                {text === undefined ? (
                  <button type="button" className="btn policies__add" onClick={() => setPolicy(t.lsm, '')}>
                    Add {/^[aeiou]/.test(t.lsm) ? 'an' : 'a'} {t.lsm} policy
                  </button>
                ) : (
                  <>
                    <textarea
                      id={fieldId}
                      className="control control--mono policies__text"
                      value={text}
                      rows={Math.min(16, Math.max(4, text.split('\n').length + 1))}
                      spellCheck={false}
                      onChange={(e) => setPolicy(t.lsm, e.target.value)}
                    />
                    <div className="field__row policies__foot">
                      {result && result.rc < 0 ? (
                        <p className="field__hint policies__error" role="alert">
                          init could not load it ({errnoName(result.rc)}): the kernel log says where.
                        </p>
                      ) : (
                        <p className="field__hint">Reboot to load an edited policy.</p>
                      )}
                      <button type="button" className="btn" onClick={() => setPolicy(t.lsm, null)}>
                        Remove
                      </button>
                    </div>
                  </>
                )}
              </div>
            );
          })}
          {inactive.map((lsm) => (
            <p key={lsm} className="field__hint">
              A {lsm} policy is kept but not loaded: {lsm} is not active in this kernel.{' '}
              <button type="button" className="btn" onClick={() => setPolicy(lsm, null)}>
                Remove
              </button>
            </p>
          ))}
        </div>
      )}
    </details>
  );
}
