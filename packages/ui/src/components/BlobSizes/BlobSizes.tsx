// lsm_blob_sizes after boot: the size of each composite security blob and who shares it.
import { useId } from 'react';
import { usePlayground } from '../../store/PlaygroundProvider';
import { selectBlobRows } from '../../store/selectors';
import './BlobSizes.css';

/** Renders one table row per blob kind: total size and the active LSMs with their offsets. */
export function BlobSizes() {
  const id = useId();
  const rows = usePlayground(selectBlobRows);
  return (
    <section className="panel blobs" aria-labelledby={`${id}-title`}>
      <div className="panel__head">
        <h2 className="panel__title" id={`${id}-title`}>
          Blob sizes
        </h2>
        <p className="panel__meta">
          <code>lsm_blob_sizes</code> after boot
        </p>
      </div>
      <div className="blobs__frame">
        <table className="blobs__table">
          <caption className="visually-hidden">Composite security blob size by kind, and the LSMs sharing it</caption>
          <thead>
            <tr>
              <th scope="col">Blob</th>
              <th scope="col" className="num">
                Size
              </th>
              <th scope="col">LSM @ offset</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.kind} className={r.users.length === 0 ? 'blobs__row--unused' : undefined}>
                <th scope="row">
                  <code>{r.kind}</code>
                </th>
                <td className="num">
                  {r.size} <span className="blobs__unit">{r.unit === 'slots' ? 'slots' : 'B'}</span>
                </td>
                <td className="blobs__users">
                  {r.users.length === 0 ? '—' : r.users.map((u) => `${u.lsm}@${u.offset}`).join(' ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
