// What a shell on the booted kernel sees in securityfs: the list of LSMs that registered hooks, and
// the files each LSM created there at boot. A readable file can be read in the shell with a click
// (`cat` runs as the shell's user, so the trace shows the read through the VFS and the hooks).
import { useId } from 'react';
import { modeString, S_IFREG } from '@lsm-playground/core';
import { usePlayground, usePlaygroundStore } from '../../store/PlaygroundProvider';
import { selectSecurityfsEntries, selectSecurityfsLsm } from '../../store/selectors';
import './SecurityfsView.css';

export const SECURITYFS_LSM_PATH = '/sys/kernel/security/lsm';

/** Renders `cat /sys/kernel/security/lsm` and its output, then the LSMs' own securityfs files. */
export function SecurityfsView() {
  const id = useId();
  const store = usePlaygroundStore();
  const lsm = usePlayground(selectSecurityfsLsm);
  const entries = usePlayground(selectSecurityfsEntries);
  const readOnly = usePlayground((s) => s.readOnly);
  // One line at a time, as in the terminal: a click while a line runs does nothing.
  const cat = (path: string) => {
    if (!store.getState().busy) void store.getState().runShellLine(`cat ${path}`);
  };
  return (
    <section className="panel securityfs" aria-labelledby={`${id}-title`}>
      <div className="panel__head">
        <h2 className="panel__title" id={`${id}-title`}>
          securityfs
        </h2>
        <p className="panel__meta">the LSMs that registered hooks, and their files</p>
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
      {entries.length > 0 && (
        <ul className="securityfs__tree" aria-label="Files the LSMs created in securityfs">
          {entries.map((e) => (
            <li key={e.dir ?? e.files[0]!.path}>
              {e.dir !== null && <span className="securityfs__dir">{e.dir}/</span>}
              {e.files.map((f) => (
                <button
                  key={f.path}
                  type="button"
                  className="securityfs__file"
                  disabled={!f.readable || readOnly}
                  title={`${f.path} (${modeString(S_IFREG | f.mode)}, ${f.lsm})${f.readable ? ': click to cat it in the shell' : ': takes writes only'}`}
                  aria-label={f.readable ? `cat ${f.path}` : `${f.path} (write-only)`}
                  onClick={() => cat(f.path)}
                >
                  {f.name}
                </button>
              ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
