// A POSIX ustar archive of text files (pax-free: paths up to 100 bytes, or 255 split at a '/'),
// enough to download the Rust LSM's files as one security/ tree. Deterministic: mtime 0, uid 0.
import { utf8Encode } from '../util/utf8';

const BLOCK = 512;

function octal(n: number, width: number): string {
  return `${n.toString(8).padStart(width - 1, '0')}\0`;
}

/** Splits a path into ustar's prefix (≤155 bytes) and name (≤100 bytes) at a '/'. */
function splitPath(path: string): { prefix: string; name: string } {
  if (utf8Encode(path).length <= 100) return { prefix: '', name: path };
  for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (utf8Encode(prefix).length <= 155 && utf8Encode(name).length <= 100) return { prefix, name };
  }
  throw new Error(`${path}: too long for a ustar archive (100 bytes, or 155 + 100 split at a '/')`);
}

function header(path: string, size: number): Uint8Array {
  const h = new Uint8Array(BLOCK);
  const put = (offset: number, text: string) => h.set(utf8Encode(text), offset);
  const { prefix, name } = splitPath(path);
  put(0, name);
  put(100, octal(0o644, 8));
  put(108, octal(0, 8));
  put(116, octal(0, 8));
  put(124, octal(size, 12));
  put(136, octal(0, 12));
  put(148, '        ');
  put(156, '0');
  put(257, 'ustar\0');
  put(263, '00');
  put(345, prefix);
  let sum = 0;
  for (const b of h) sum += b;
  put(148, `${sum.toString(8).padStart(6, '0')}\0 `);
  return h;
}

/** The files as a ustar archive: a header and the padded content of each, then two zero blocks. */
export function tarArchive(files: readonly { readonly path: string; readonly content: string }[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const f of files) {
    const data = utf8Encode(f.content);
    parts.push(header(f.path, data.length), data, new Uint8Array((BLOCK - (data.length % BLOCK)) % BLOCK));
  }
  parts.push(new Uint8Array(2 * BLOCK));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
