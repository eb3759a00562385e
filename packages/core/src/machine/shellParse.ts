// The shell's line parser: words, quotes, redirections and a trailing `&`, as bash reads the simple
// cases. Pure and on its own, so that what checks lines without running them (lessons, share links)
// does not bring in the machine.

export interface ParsedLine {
  readonly words: string[];
  readonly redirect: { readonly path: string; readonly append: boolean } | null;
  /** A trailing `&`: run the program in the background (bash forks and does not wait). */
  readonly background?: boolean;
}

/**
 * Splits a line into words as bash does for the simple cases: blanks separate words, '…' quotes
 * literally, "…" quotes with \" \\ \$ \` escapes, a backslash outside quotes escapes the next
 * character, `>` / `>>` redirect stdout to the next word, a trailing `&` runs the command in the
 * background, and `#` at the start of a word starts a comment. Returns an error string for an
 * unterminated quote, a redirection without a file, or an `&` before the end of the line
 * (lists such as `a & b` and `a && b` are not modelled).
 */
export function parseLine(line: string): ParsedLine | { error: string } {
  const words: string[] = [];
  let redirect: { path: string; append: boolean } | null = null;
  let pendingRedirect: boolean | null = null; // append flag of a `>`/`>>` waiting for its word
  let cur = '';
  let inWord = false;
  let background = false;
  const endWord = () => {
    if (!inWord) return;
    if (pendingRedirect !== null) {
      redirect = { path: cur, append: pendingRedirect };
      pendingRedirect = null;
    } else words.push(cur);
    cur = '';
    inWord = false;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === ' ' || c === '\t' || c === '\n') {
      endWord();
    } else if (c === '#' && !inWord) {
      break;
    } else if (c === '&') {
      endWord();
      const rest = line
        .slice(i + 1)
        .replace(/#.*$/, '')
        .trim();
      if (words.length === 0 || pendingRedirect !== null || (rest.startsWith('&') && line[i + 1] !== '&'))
        return { error: "syntax error near unexpected token `&'" };
      if (line[i + 1] === '&') return { error: "`&&' lists are not modelled here (one command per line)" };
      if (rest !== '') return { error: "`&' is modelled only at the end of a line (one background command)" };
      background = true;
    } else if (c === '>') {
      endWord();
      if (pendingRedirect !== null) return { error: "syntax error near unexpected token `>'" };
      const append = line[i + 1] === '>';
      if (append) i++;
      pendingRedirect = append;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { error: "unexpected EOF while looking for matching `''" };
      cur += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`'.includes(line[j + 1]!)) j++;
        cur += line[j]!;
      }
      if (j >= line.length) return { error: 'unexpected EOF while looking for matching `"\'' };
      inWord = true;
      i = j;
    } else if (c === '\\') {
      if (i + 1 < line.length) cur += line[++i]!;
      inWord = true;
    } else {
      cur += c;
      inWord = true;
    }
  }
  endWord();
  if (pendingRedirect !== null) return { error: "syntax error near unexpected token `newline'" };
  return background ? { words, redirect, background } : { words, redirect };
}
