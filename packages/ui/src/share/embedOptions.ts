// The embed route (issue 7): `/?embed=1[&readonly=1][&editor=1][&step=N]#v1.…`. The state stays in
// the fragment, as in a share link (the server never sees it); the mode and its options are in the
// query, which the static server ignores (it serves index.html for `/`).
import { SHARE_LIMITS } from './shareState';

export interface EmbedOptions {
  /** No editing and no shell input; stepping through the trace still works. */
  readonly readOnly: boolean;
  /** Show the module editor too (by default an embed shows the transcript and the trace only). */
  readonly editor: boolean;
  /** The trace step to start at, over the one in the state; null: the state's own. */
  readonly step: number | null;
}

const on = (v: string | null) => v !== null && v !== '0' && v !== 'false';

/** The embed options of a page address's query (`location.search`), or null when it is not an embed. */
export function parseEmbedOptions(search: string): EmbedOptions | null {
  const q = new URLSearchParams(search);
  if (!on(q.get('embed'))) return null;
  const step = q.get('step');
  const n = step !== null && /^\d{1,8}$/.test(step) ? Number(step) : null;
  return {
    readOnly: on(q.get('readonly')),
    editor: on(q.get('editor')),
    step: n !== null && n <= SHARE_LIMITS.step ? n : null,
  };
}

/** The address of an embed of `fragment` (a share link's `v1.…`) on the page at `base` (origin and path). */
export function embedUrl(base: string, fragment: string, options: Partial<EmbedOptions> = {}): string {
  const q = new URLSearchParams({ embed: '1' });
  if (options.readOnly) q.set('readonly', '1');
  if (options.editor) q.set('editor', '1');
  if (options.step !== undefined && options.step !== null) q.set('step', String(options.step));
  return `${base}?${q.toString()}#${fragment}`;
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The HTML to paste into a page: an iframe of the embed, lazily loaded, with a title for screen readers. */
export function iframeSnippet(src: string, options: { width?: number; height?: number } = {}): string {
  const { width = 960, height = 540 } = options;
  return `<iframe src="${attr(src)}" width="${width}" height="${height}" title="LSM Playground" loading="lazy" style="border:0" allow="fullscreen; clipboard-write"></iframe>`;
}
