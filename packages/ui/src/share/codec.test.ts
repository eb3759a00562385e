import { describe, expect, it } from 'vitest';
import {
  MAX_INFLATED_BYTES,
  base64urlDecode,
  base64urlEncode,
  decodeShareLink,
  deflateRaw,
  encodeShareLink,
  isShareFragment,
} from './codec';
import { SHARE_LIMITS, ShareLinkError, validateShareState } from './shareState';
import { SAMPLE } from './sampleState';

async function kindOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (e instanceof ShareLinkError) return e.kind;
    throw e;
  }
}

describe('base64url', () => {
  it('round-trips every length and refuses what it cannot be', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      expect(base64urlDecode(base64urlEncode(bytes))).toEqual(bytes);
    }
    expect(base64urlDecode('a')).toBeNull();
    expect(base64urlDecode('ab+c')).toBeNull();
    expect(base64urlDecode('ab=c')).toBeNull();
  });
});

describe('share links', () => {
  it('round-trip the state, with a version prefix, and are short for the default demo', async () => {
    const link = await encodeShareLink(SAMPLE);
    expect(link.startsWith('v1.')).toBe(true);
    expect(isShareFragment(`#${link}`)).toBe(true);
    expect(await decodeShareLink(`#${link}`)).toEqual(SAMPLE);
    // The default module dominates; deflate keeps the link to a few hundred characters.
    expect(link.length).toBeLessThan(2000);
  });

  it('says a link from a newer version is from a newer version', async () => {
    await expect(decodeShareLink('#v2.AAAA')).rejects.toMatchObject({ kind: 'future-version' });
    await expect(decodeShareLink('#v999999.AAAA')).rejects.toThrow(/newer version/);
  });

  it('tells a truncated link from a damaged one', async () => {
    const link = await encodeShareLink(SAMPLE);
    expect(await kindOf(decodeShareLink(link.slice(0, link.length - 40)))).toMatch(/truncated|corrupt/);
    expect(await kindOf(decodeShareLink(link.slice(0, 3 + 5)))).toMatch(/truncated|corrupt/);
    expect(await kindOf(decodeShareLink('v1.%%%%'))).toBe('corrupt');
    expect(
      await kindOf(decodeShareLink(`v1.${base64urlEncode(new TextEncoder().encode('not deflate at all'))}`)),
    ).toMatch(/corrupt|truncated/);
  });

  it('refuses a link that inflates past the bound without inflating it all', async () => {
    const bomb = await deflateRaw(new Uint8Array(MAX_INFLATED_BYTES + 1024));
    const link = `v1.${base64urlEncode(bomb)}`;
    expect(link.length).toBeLessThan(10_000);
    await expect(decodeShareLink(link)).rejects.toMatchObject({ kind: 'too-large' });
  });

  it('refuses a well-formed link whose state breaks the rules, naming the field', async () => {
    const bad = `v1.${base64urlEncode(await deflateRaw(new TextEncoder().encode(JSON.stringify({ ...SAMPLE, step: -1 }))))}`;
    await expect(decodeShareLink(bad)).rejects.toThrow(/step/);
    const json = `v1.${base64urlEncode(await deflateRaw(new TextEncoder().encode('[1,2')))}`;
    await expect(decodeShareLink(json)).rejects.toMatchObject({ kind: 'corrupt' });
  });

  it('carries bookmarked moments, keeps links without them valid, and refuses moments that name no line', async () => {
    const link = await encodeShareLink(SAMPLE);
    expect((await decodeShareLink(link))?.bookmarks).toEqual(SAMPLE.bookmarks);
    const { bookmarks: _, ...old } = SAMPLE;
    const plain = await decodeShareLink(await encodeShareLink(old));
    expect(plain).toEqual(old);
    expect(plain && 'bookmarks' in plain).toBe(false);
    const refuse = (bookmarks: unknown) =>
      expect(() => validateShareState({ ...SAMPLE, bookmarks })).toThrow(ShareLinkError);
    refuse([{ line: 2, step: 0 }]);
    refuse([{ line: 0, step: -1 }]);
    refuse([{ line: 0, step: 1.5 }]);
    refuse([{ line: 0, step: 1, note: 'x' }]);
    refuse({ line: 0, step: 1 });
    refuse(Array.from({ length: SHARE_LIMITS.bookmarks + 1 }, () => ({ line: 0, step: 0 })));
    expect(() => validateShareState({ ...SAMPLE, bookmarks: [{ line: 5, step: 0 }] })).toThrow(/bookmarks\[0\]\.line/);
  });

  it('opens the readable fragment of the first version (v0) as a current state', async () => {
    const s = await decodeShareLink('#kv=6.8&cmd=cat%20%2Fetc%2Fpasswd&step=3');
    expect(s).toMatchObject({ v: 1, boot: { kernelVersion: '6.8', cmdline: '' }, lines: ['cat /etc/passwd'], step: 3 });
    expect(await decodeShareLink('#')).toBeNull();
    await expect(decodeShareLink('#cmd=a&bogus=1')).rejects.toMatchObject({ kind: 'malformed' });
  });
});

describe('expectations in a link', () => {
  it('round-trip, and old links without them stay valid', async () => {
    const back = await decodeShareLink(await encodeShareLink(SAMPLE));
    expect(back?.expectations).toEqual(SAMPLE.expectations);
    const { expectations: _, ...old } = SAMPLE;
    const oldBack = await decodeShareLink(await encodeShareLink(old));
    expect(oldBack).toEqual(old);
    expect(oldBack && 'expectations' in oldBack).toBe(false);
  });

  it('are validated, the problem named', () => {
    expect(() =>
      validateShareState({ ...SAMPLE, expectations: [{ kind: 'hook', hook: 'nope', reached: true }] }),
    ).toThrow(/expectations\[0\]\.hook: "nope" is not an LSM hook/);
    expect(() => validateShareState({ ...SAMPLE, expectations: 'all good' })).toThrow(/expected an array/);
    const many = Array.from({ length: 201 }, () => ({ kind: 'bootOrder', order: ['capability'] }));
    expect(() => validateShareState({ ...SAMPLE, expectations: many })).toThrow(/at most 200/);
  });
});
