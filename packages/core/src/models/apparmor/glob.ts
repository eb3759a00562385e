// AppArmor path globbing (apparmor.d(5) "Globbing", as apparmor_parser's convert_aaregex_to_pcre()
// turns it into the policy DFA): `*` any characters except '/', `**` any characters including '/',
// `?` one character except '/', `[abc]` / `[^abc]` a character class, `{a,b}` alternation (nested
// allowed), `\` escapes the next character; `*` or `**` right after a '/' needs one character. The kernel matches names against the compiled DFA; the
// model compiles each glob to a RegExp instead.

/** A compiled glob, or the column (0-based, within the glob) and reason it was refused. */
export type GlobResult =
  { ok: true; re: RegExp; literalPrefix: number } | { ok: false; offset: number; reason: string };

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\/]/;

/** True when `s` has no glob operator: the profile name is matched exactly (find_attach()'s strcmp). */
export function isLiteralGlob(s: string): boolean {
  return !/[*?[\]{}\\]/.test(s);
}

/**
 * Compiles an AppArmor glob to an anchored RegExp. `literalPrefix` is the length of the plain
 * text before the first glob operator: the attachment's xmatch_len that find_attach() compares
 * to prefer the more specific of two matching profiles.
 */
export function compileGlob(glob: string): GlobResult {
  let out = '';
  let depth = 0;
  let literalPrefix = -1;
  const markSpecial = (i: number): void => {
    if (literalPrefix < 0) literalPrefix = i;
  };
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '\\') {
      const next = glob[i + 1];
      if (next === undefined) return { ok: false, offset: i, reason: 'trailing backslash in path' };
      out += REGEX_SPECIAL.test(next) ? `\\${next}` : next;
      i++;
      continue;
    }
    if (c === '*') {
      markSpecial(i);
      // After a '/', the parser makes '*' and '**' match at least one character: /tmp/* names the
      // entries of /tmp, not /tmp/ itself.
      const afterSlash = glob[i - 1] === '/';
      if (glob[i + 1] === '*') {
        out += afterSlash ? '[^/].*' : '.*';
        while (glob[i + 1] === '*') i++;
      } else out += afterSlash ? '[^/]+' : '[^/]*';
      continue;
    }
    if (c === '?') {
      markSpecial(i);
      out += '[^/]';
      continue;
    }
    if (c === '[') {
      markSpecial(i);
      const end = glob.indexOf(']', i + 2);
      if (end < 0) return { ok: false, offset: i, reason: "unterminated '[' in path" };
      let body = glob.slice(i + 1, end);
      const negate = body.startsWith('^');
      if (negate) body = body.slice(1);
      const escaped = body.replace(/[\\\]^]/g, (m) => `\\${m}`);
      out += negate ? `[^/${escaped}]` : `[${escaped}]`;
      i = end;
      continue;
    }
    if (c === '{') {
      markSpecial(i);
      depth++;
      out += '(?:';
      continue;
    }
    if (c === '}') {
      if (depth === 0) return { ok: false, offset: i, reason: "unbalanced '}' in path" };
      depth--;
      out += ')';
      continue;
    }
    if (c === ',' && depth > 0) {
      out += '|';
      continue;
    }
    out += REGEX_SPECIAL.test(c) ? `\\${c}` : c;
  }
  if (depth > 0) return { ok: false, offset: glob.lastIndexOf('{'), reason: "unterminated '{' in path" };
  return { ok: true, re: new RegExp(`^${out}$`, 's'), literalPrefix: literalPrefix < 0 ? glob.length : literalPrefix };
}
