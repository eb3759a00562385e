import { describe, expect, it } from 'vitest';
import { embedUrl, iframeSnippet, parseEmbedOptions } from './embedOptions';

describe('embed options', () => {
  it('reads the mode and its options from the query, and nothing from an ordinary page', () => {
    expect(parseEmbedOptions('')).toBeNull();
    expect(parseEmbedOptions('?readonly=1')).toBeNull();
    expect(parseEmbedOptions('?embed=0')).toBeNull();
    expect(parseEmbedOptions('?embed=1')).toEqual({ readOnly: false, editor: false, step: null });
    expect(parseEmbedOptions('?embed=1&readonly=1&editor=true&step=42')).toEqual({
      readOnly: true,
      editor: true,
      step: 42,
    });
    // A step that is not a small whole number is ignored (the state's own step stands).
    expect(parseEmbedOptions('?embed&step=-3')).toEqual({ readOnly: false, editor: false, step: null });
    expect(parseEmbedOptions('?embed=1&step=999999999')?.step).toBeNull();
  });

  it('builds an address whose options read back and whose state stays in the fragment', () => {
    const url = embedUrl('https://example.org/play/', 'v1.abc_-', { readOnly: true, step: 7 });
    expect(url).toBe('https://example.org/play/?embed=1&readonly=1&step=7#v1.abc_-');
    const u = new URL(url);
    expect(parseEmbedOptions(u.search)).toEqual({ readOnly: true, editor: false, step: 7 });
    expect(u.hash).toBe('#v1.abc_-');
  });

  it('quotes the address in the iframe snippet', () => {
    const html = iframeSnippet('https://x.test/?embed=1&readonly=1#v1."<a');
    expect(html).toBe(
      '<iframe src="https://x.test/?embed=1&amp;readonly=1#v1.&quot;&lt;a" width="960" height="540" title="LSM Playground" loading="lazy" style="border:0" allow="fullscreen; clipboard-write"></iframe>',
    );
  });
});
