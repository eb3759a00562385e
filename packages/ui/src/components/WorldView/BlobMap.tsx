// One object's composite security blob drawn as a memory map: a bar with a segment per region
// sized by its bytes, and a row per region in offset order (offset, size, owner, contents). The
// regions are the engine's: reserved bytes, each LSM's slice as boot laid it out, and the
// alignment padding between them (lsm_blob_size_update() aligns each offset to 8).
import type { BlobView } from '@lsm-playground/core';

function showValue(v: unknown): string {
  if (typeof v === 'string') return v;
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

interface Region {
  readonly offset: number;
  readonly size: number;
  readonly kind: 'lsm' | 'reserved' | 'padding';
  readonly owner: string;
  readonly contents: string;
  readonly written: boolean;
}

/** The blob's bytes from 0 to size, each in exactly one region. */
function regions(blob: BlobView): Region[] {
  const parts: Region[] = [
    ...blob.reserved.map((r) => ({
      offset: r.offset,
      size: r.size,
      kind: 'reserved' as const,
      owner: r.what,
      contents: 'not an LSM’s',
      written: false,
    })),
    ...blob.slices.map((s) => ({
      offset: s.offset,
      size: s.size,
      kind: 'lsm' as const,
      owner: s.lsm,
      contents: s.written ? showValue(s.value) : 'zero (untouched)',
      written: s.written,
    })),
  ].sort((a, b) => a.offset - b.offset);
  const out: Region[] = [];
  let at = 0;
  const pad = (to: number) => {
    if (to > at)
      out.push({ offset: at, size: to - at, kind: 'padding', owner: 'padding', contents: '', written: false });
  };
  for (const p of parts) {
    pad(p.offset);
    out.push(p);
    at = Math.max(at, p.offset + p.size);
  }
  pad(blob.size);
  return out;
}

/** Renders a blob's memory map, or why the object has none. */
export function BlobMap({ title, blob }: { title: string; blob: BlobView | null }) {
  if (!blob) return <p className="world__blob-none">{title}: no blob (no LSM asked for one)</p>;
  const rows = regions(blob);
  return (
    <figure className="world__blob" aria-label={`${title} blob`}>
      <figcaption>
        {title}{' '}
        <span className="world__meta">
          <code>{blob.kind}</code> blob, {blob.size} bytes
        </span>
      </figcaption>
      <div className="blobmap__bar" aria-hidden="true">
        {rows.map((r) => (
          <span
            key={r.offset}
            className={`blobmap__seg blobmap__seg--${r.kind}${r.written ? ' blobmap__seg--written' : ''}`}
            style={{ flexGrow: r.size }}
            title={`+${r.offset}, ${r.size} B: ${r.owner}`}
          >
            {r.kind === 'padding' ? '' : r.owner}
          </span>
        ))}
      </div>
      <table className="world__slices" aria-label={`${title} slices`}>
        <thead>
          <tr>
            <th scope="col">offset</th>
            <th scope="col">size</th>
            <th scope="col">LSM</th>
            <th scope="col">contents</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.offset} className={`blobmap__row--${r.kind}`} data-lsm={r.kind === 'lsm' ? r.owner : undefined}>
              <td>+{r.offset}</td>
              <td>{r.size} B</td>
              <td>{r.owner}</td>
              <td>{r.kind === 'padding' ? '' : <code>{r.contents}</code>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
