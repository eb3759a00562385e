// The kernel configuration's LSM options: which in-tree LSMs are built in (=y). An LSM left out is
// not in the kernel at all, so CONFIG_LSM or lsm= naming it matches nothing.
import { useId, useState } from 'react';
import { usePlayground } from '../../store/PlaygroundProvider';
import { selectBuildOptions, selectNotBuilt, selectSetBuilt } from '../../store/selectors';

/** Renders one "built in" checkbox per in-tree LSM of the selected version, named by its Kconfig symbol. */
export function BuildOptions() {
  const id = useId();
  const options = usePlayground(selectBuildOptions);
  const notBuilt = usePlayground(selectNotBuilt);
  const setBuilt = usePlayground(selectSetBuilt);
  const [open, setOpen] = useState(() => notBuilt.length > 0);
  const built = options.filter((o) => o.kconfig === null || !notBuilt.includes(o.name)).length;
  // Folded by default (it is a build-time choice, and the boot loader should leave room for the
  // rest of the page on a laptop or a projector); open at first when an LSM is left out.
  return (
    <details className="build-options__details" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="build-options__summary">
        Kernel configuration:{' '}
        <span className="build-options__count">
          {built} of {options.length} in-tree LSMs built in
        </span>
      </summary>
      <BuildOptionsFieldset id={id} />
    </details>
  );
}

function BuildOptionsFieldset({ id }: { id: string }) {
  const options = usePlayground(selectBuildOptions);
  const notBuilt = usePlayground(selectNotBuilt);
  const setBuilt = usePlayground(selectSetBuilt);
  return (
    <fieldset className="build-options" aria-describedby={`${id}-hint`}>
      <legend className="field__label">Built-in LSMs (kernel configuration)</legend>
      <p className="field__hint" id={`${id}-hint`}>
        Untick to build a kernel without the LSM: <code>lsm=</code> and CONFIG_LSM then ignore its name.
      </p>
      <ul className="build-options__list">
        {options.map((o) => {
          const built = o.kconfig === null || !notBuilt.includes(o.name);
          return (
            <li key={o.name}>
              <label className="build-options__item">
                <input
                  type="checkbox"
                  checked={built}
                  disabled={o.kconfig === null}
                  onChange={(e) => setBuilt(o.name, e.target.checked)}
                />
                <span className="build-options__name">{o.name}</span>{' '}
                <code className="build-options__symbol">{o.kconfig ?? 'CONFIG_SECURITY (always built)'}</code>
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
