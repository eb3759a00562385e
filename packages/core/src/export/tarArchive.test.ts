import { describe, expect, test } from 'vitest';
import { utf8Decode } from '../util/utf8';
import { tarArchive } from './tarArchive';

/** Reads a ustar archive back: each entry's path and text, checking each header's checksum. */
function untar(tar: Uint8Array): { path: string; content: string }[] {
  const text = (a: number, b: number) => utf8Decode(tar.subarray(a, b)).replace(/\0.*$/s, '');
  const out: { path: string; content: string }[] = [];
  for (let at = 0; at + 512 <= tar.length;) {
    const h = tar.subarray(at, at + 512);
    if (h.every((b) => b === 0)) break;
    let sum = 0;
    h.forEach((b, i) => (sum += i >= 148 && i < 156 ? 32 : b));
    expect(parseInt(text(at + 148, at + 156), 8)).toBe(sum);
    expect(text(at + 257, at + 263)).toBe('ustar');
    const size = parseInt(text(at + 124, at + 136), 8);
    const prefix = text(at + 345, at + 500);
    const name = text(at, at + 100);
    out.push({
      path: prefix ? `${prefix}/${name}` : name,
      content: utf8Decode(tar.subarray(at + 512, at + 512 + size)),
    });
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

describe('tarArchive', () => {
  test('round-trips files, long paths split into prefix and name, and ends with two zero blocks', () => {
    const long = `security/${'d'.repeat(90)}/${'f'.repeat(40)}.rs`;
    const files = [
      { path: 'security/x/x.rs', content: 'fn main() {}\n' },
      { path: 'security/x/Kconfig', content: 'é'.repeat(300) },
      { path: long, content: '' },
    ];
    const tar = tarArchive(files);
    expect(tar.length % 512).toBe(0);
    expect(tar.subarray(tar.length - 1024).every((b) => b === 0)).toBe(true);
    expect(untar(tar)).toEqual(files);
  });

  test('is deterministic and refuses a path it cannot store', () => {
    expect(tarArchive([{ path: 'a', content: 'b' }])).toEqual(tarArchive([{ path: 'a', content: 'b' }]));
    expect(() => tarArchive([{ path: 'x'.repeat(101), content: '' }])).toThrow(/too long for a ustar archive/);
  });
});
