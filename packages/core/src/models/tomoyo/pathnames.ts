// TOMOYO's pathnames (security/tomoyo/util.c, realpath.c): the encoding of names in policy and
// logs (tomoyo_encode(): a backslash is "\\", bytes outside '!'..'~' are "\ooo"), the check that a
// word is well formed (tomoyo_correct_word2()), and the wildcard match of a name against a pattern
// (tomoyo_path_matches_pattern(): "\*", "\@", "\?", "\$", "\+", "\X", "\x", "\A", "\a", "\-" within
// one path component and "/\{dir\}/" across directories).

/** tomoyo_encode2(): the policy form of a name. */
export function tomoyoEncode(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (ch === '\\') out += '\\\\';
    else if (c > 0x20 && c < 0x7f) out += ch;
    else out += `\\${((c >> 6) & 3).toString()}${((c >> 3) & 7).toString()}${(c & 7).toString()}`;
  }
  return out;
}

const WILDCARDS = new Set(['*', '@', '?', '$', '+', 'X', 'x', 'A', 'a', '-']);

/**
 * tomoyo_correct_word2(): every backslash starts "\\", "\ooo" (a byte outside '!'..'~'), a
 * wildcard or "\{" / "\}" (only as "/\{" … "\}/"); no other byte below '!' or above '~'. Returns
 * the offset of the first fault and why, or null.
 */
export function wordProblem(w: string): { at: number; why: string } | null {
  if (w === '') return { at: 0, why: 'an empty name' };
  let inRecursion = false;
  for (let i = 0; i < w.length; i++) {
    const c = w[i]!;
    const code = c.charCodeAt(0);
    if (code <= 0x20 || code >= 0x7f) return { at: i, why: `a byte that must be written as \\ooo` };
    if (c !== '\\') continue;
    const d = w[i + 1];
    if (d === undefined) return { at: i, why: 'a lone backslash at the end' };
    if (d === '\\') {
      i++;
      continue;
    }
    if (WILDCARDS.has(d)) {
      i++;
      continue;
    }
    if (d === '{') {
      if (inRecursion || w[i - 1] !== '/') return { at: i, why: '"\\{" must follow a "/"' };
      inRecursion = true;
      i++;
      continue;
    }
    if (d === '}') {
      if (!inRecursion || w[i + 2] !== '/') return { at: i, why: '"\\}" must close a "/\\{" and be followed by "/"' };
      inRecursion = false;
      i++;
      continue;
    }
    if (d >= '0' && d <= '3') {
      const e = w[i + 2];
      const f = w[i + 3];
      if (e === undefined || f === undefined || e < '0' || e > '7' || f < '0' || f > '7')
        return { at: i, why: 'a "\\ooo" escape needs three octal digits' };
      const v = ((d.charCodeAt(0) - 48) << 6) | ((e.charCodeAt(0) - 48) << 3) | (f.charCodeAt(0) - 48);
      if (v > 0x20 && v < 0x7f) return { at: i, why: `"\\${d}${e}${f}" is a printable character, write it as is` };
      i += 3;
      continue;
    }
    return { at: i, why: `"\\${d}" is not a TOMOYO escape` };
  }
  if (inRecursion) return { at: w.length, why: '"/\\{" is not closed by "\\}/"' };
  return null;
}

/** tomoyo_const_part_length() > 0 check: does the word hold any wildcard? */
export function isPattern(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    if (w[i] !== '\\') continue;
    const d = w[i + 1];
    if (d === '\\' || (d !== undefined && d >= '0' && d <= '3')) {
      i += d === '\\' ? 1 : 3;
      continue;
    }
    return true;
  }
  return false;
}

/** One matching element of a component pattern. */
type Tok =
  | { readonly k: 'lit'; readonly c: string }
  | { readonly k: 'one'; readonly ok: (c: string) => boolean }
  | { readonly k: 'many'; readonly ok: (c: string) => boolean; readonly min: number };

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isHex = (c: string): boolean => isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
const isAlpha = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

/** A name component as a list of single bytes (an escape is one byte of the name). */
function unescape(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && s[i + 1] === '\\') {
      out.push('\\');
      i++;
    } else if (s[i] === '\\' && s[i + 1] !== undefined && s[i + 1]! >= '0' && s[i + 1]! <= '3') {
      out.push(String.fromCharCode(parseInt(s.slice(i + 1, i + 4), 8)));
      i += 3;
    } else out.push(s[i]!);
  }
  return out;
}

function tokens(p: string): Tok[] {
  const out: Tok[] = [];
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c !== '\\') {
      out.push({ k: 'lit', c });
      continue;
    }
    const d = p[++i]!;
    switch (d) {
      case '\\':
        out.push({ k: 'lit', c: '\\' });
        break;
      case '*':
        out.push({ k: 'many', ok: () => true, min: 0 });
        break;
      case '@':
        out.push({ k: 'many', ok: (x) => x !== '.', min: 0 });
        break;
      case '?':
        out.push({ k: 'one', ok: () => true });
        break;
      case '$':
        out.push({ k: 'many', ok: isDigit, min: 1 });
        break;
      case '+':
        out.push({ k: 'one', ok: isDigit });
        break;
      case 'X':
        out.push({ k: 'many', ok: isHex, min: 1 });
        break;
      case 'x':
        out.push({ k: 'one', ok: isHex });
        break;
      case 'A':
        out.push({ k: 'many', ok: isAlpha, min: 1 });
        break;
      case 'a':
        out.push({ k: 'one', ok: isAlpha });
        break;
      default:
        out.push({ k: 'lit', c: String.fromCharCode(parseInt(p.slice(i, i + 3), 8)) });
        i += 2;
    }
  }
  return out;
}

function matchToks(name: readonly string[], ni: number, toks: readonly Tok[], ti: number): boolean {
  if (ti === toks.length) return ni === name.length;
  const t = toks[ti]!;
  if (t.k === 'lit') return name[ni] === t.c && matchToks(name, ni + 1, toks, ti + 1);
  if (t.k === 'one') return ni < name.length && t.ok(name[ni]!) && matchToks(name, ni + 1, toks, ti + 1);
  let n = 0;
  for (;;) {
    if (n >= t.min && matchToks(name, ni + n, toks, ti + 1)) return true;
    if (ni + n >= name.length || !t.ok(name[ni + n]!)) return false;
    n++;
  }
}

/**
 * tomoyo_file_matches_pattern(): one component; "\-" splits the pattern into a part the name must
 * match and parts it must not.
 */
function componentMatches(name: string, pattern: string): boolean {
  const parts = pattern.split('\\-');
  const n = unescape(name);
  if (!matchToks(n, 0, tokens(parts[0]!), 0)) return false;
  return parts.slice(1).every((p) => !matchToks(n, 0, tokens(p), 0));
}

/**
 * tomoyo_path_matches_pattern(): a name against a pattern, component by component ("/"
 * separated). A "\{dir\}" component matches one or more directories each matching "dir". A name
 * ending in "/" (a directory) only matches a pattern ending in "/", and the other way round.
 */
export function pathMatches(name: string, pattern: string): boolean {
  if (!isPattern(pattern)) return name === pattern;
  if (name.endsWith('/') !== pattern.endsWith('/')) return false;
  const nc = name.split('/');
  const pc = pattern.split('/');
  const go = (i: number, j: number): boolean => {
    if (j === pc.length) return i === nc.length;
    if (i === nc.length) return false;
    const p = pc[j]!;
    if (p.startsWith('\\{') && p.endsWith('\\}')) {
      const inner = p.slice(2, -2);
      // One or more directory components; the last component of the name is not a directory.
      let k = i;
      while (k < nc.length - 1 && componentMatches(nc[k]!, inner)) {
        k++;
        if (go(k, j + 1)) return true;
      }
      return false;
    }
    return componentMatches(nc[i]!, p) && go(i + 1, j + 1);
  };
  return go(0, 0);
}
