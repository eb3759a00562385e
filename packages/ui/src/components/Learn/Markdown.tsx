// The small Markdown subset lessons are written in: `code`, **bold**, [text](https://…) and lists
// ("- item" lines). Rendered as React elements, never as HTML: markup in a lesson (a teacher's
// lesson comes from a link) shows as text. Links open in a new tab, without access to this page.
import type { ReactNode } from 'react';

const INLINE = /(`[^`\n]+`)|(\*\*[^*\n]+\*\*)|(\[[^\]\n]+\]\([^)\s]+\))/g;

/** A link target the page will follow: http(s) only (no javascript:, data: or relative URLs). */
export function safeHref(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

export function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  const safe = safeHref(href);
  if (!safe) return <>{children}</>;
  return (
    <a href={safe} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  );
}

/** One line's inline markup. */
export function inline(text: string, key = ''): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let n = 0;
  for (const m of text.matchAll(INLINE)) {
    const at = m.index;
    if (at > last) out.push(text.slice(last, at));
    const k = `${key}${n++}`;
    if (m[1]) out.push(<code key={k}>{m[1].slice(1, -1)}</code>);
    else if (m[2]) out.push(<strong key={k}>{inline(m[2].slice(2, -2), `${k}.`)}</strong>);
    else if (m[3]) {
      const close = m[3].indexOf('](');
      out.push(
        <ExternalLink key={k} href={m[3].slice(close + 2, -1)}>
          {m[3].slice(1, close)}
        </ExternalLink>,
      );
    }
    last = at + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

const ITEM = /^\s*(?:[-*]|\d+\.)\s+/;

/** A paragraph: text lines, and runs of "- item" lines as a list. */
export function MarkdownParagraph({ text }: { text: string }) {
  const blocks: { list: boolean; lines: string[] }[] = [];
  for (const line of text.split('\n')) {
    const list = ITEM.test(line);
    const prev = blocks[blocks.length - 1];
    if (prev && prev.list === list) prev.lines.push(list ? line.replace(ITEM, '') : line);
    else blocks.push({ list, lines: [list ? line.replace(ITEM, '') : line] });
  }
  return (
    <>
      {blocks.map((b, i) =>
        b.list ? (
          <ul key={i}>
            {b.lines.map((l, j) => (
              <li key={j}>{inline(l)}</li>
            ))}
          </ul>
        ) : (
          <p key={i}>{inline(b.lines.join(' '))}</p>
        ),
      )}
    </>
  );
}
