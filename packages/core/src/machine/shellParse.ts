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
 * What `$NAME`, `${NAME}`, `$?` and `$$` expand to: the shell's variables, its last status and
 * its pid (an unknown name is empty, as in bash). Without it, `$` is an ordinary character, as
 * validators that check lines without running them need nothing more.
 */
export type ShellVars = (name: string) => string | undefined;

/**
 * Splits a line into words as bash does for the simple cases: blanks separate words, '…' quotes
 * literally, "…" quotes with \" \\ \$ \` escapes, a backslash outside quotes escapes the next
 * character, `$NAME`, `${NAME}`, `$?` and `$$` expand outside single quotes (when `vars` is given;
 * an unquoted expansion that is empty makes no word), `>` / `>>` (also `1>`) redirect stdout to the
 * next word, a trailing `&` runs the command in the background, and `#` at the start of a word
 * starts a comment. Returns an error string for an unterminated quote, a redirection without a
 * file, an `&` before the end of the line, and for what the model's shell does not run, rather
 * than taking it for words: pipelines, `;` and `&&` lists, `<`, other descriptors' redirections
 * (`2>`, `>&`, `&>`) and command substitution.
 */
export function parseLine(line: string, vars?: ShellVars): ParsedLine | { error: string } {
  const words: string[] = [];
  let redirect: { path: string; append: boolean } | null = null;
  let pendingRedirect: boolean | null = null; // append flag of a `>`/`>>` waiting for its word
  let cur = '';
  let inWord = false;
  /** The word so far is only unquoted expansions (an empty one then makes no word). */
  let onlyExpanded = false;
  let background = false;
  const endWord = () => {
    if (!inWord) return;
    if (onlyExpanded && cur === '' && pendingRedirect === null) {
      inWord = false;
      onlyExpanded = false;
      return;
    }
    onlyExpanded = false;
    if (pendingRedirect !== null) {
      redirect = { path: cur, append: pendingRedirect };
      pendingRedirect = null;
    } else words.push(cur);
    cur = '';
    inWord = false;
  };
  /** `$…` at `i`: the expansion and the index of its last character, or null for a literal `$`. */
  const expand = (i: number): { text: string; end: number } | { error: string } | null => {
    if (!vars) return null;
    const next = line[i + 1];
    if (next === '(') return { error: 'command substitution ($(…)) is not modelled here' };
    if (next === '?' || next === '$') return { text: vars(next) ?? '', end: i + 1 };
    if (next === '{') {
      const close = line.indexOf('}', i + 2);
      const name = close < 0 ? '' : line.slice(i + 2, close);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$|^[?$]$/.test(name))
        return { error: `\${${close < 0 ? line.slice(i + 2) : name}}: bad substitution` };
      return { text: vars(name) ?? '', end: close };
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(line.slice(i + 1));
    if (!m) return null;
    return { text: vars(m[0]) ?? '', end: i + m[0].length };
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === ' ' || c === '\t' || c === '\n') {
      endWord();
    } else if (c === '#' && !inWord) {
      break;
    } else if (c === '|') {
      return { error: 'pipelines (|) are not modelled here (one command per line)' };
    } else if (c === ';') {
      return { error: "`;' lists are not modelled here (one command per line)" };
    } else if (c === '<') {
      return { error: 'input redirection (<) is not modelled here' };
    } else if (c === '`') {
      return { error: 'command substitution (`…`) is not modelled here' };
    } else if (c === '$' && vars) {
      const x = expand(i);
      if (x && 'error' in x) return x;
      if (!x) {
        cur += c;
        onlyExpanded = false;
      } else {
        cur += x.text;
        if (!inWord) onlyExpanded = true;
        i = x.end;
      }
      inWord = true;
    } else if (c === '&' && line[i + 1] === '>') {
      return { error: 'redirecting stdout and stderr together (&>) is not modelled here' };
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
      if (line[i + 1] === '&') return { error: 'duplicating descriptors (>&) is not modelled here' };
      // `N>`: digits right before `>` name the descriptor; 1 is stdout, others are not modelled.
      if (inWord && !onlyExpanded && /^\d+$/.test(cur) && !/["'\\]/.test(line.slice(i - cur.length, i))) {
        if (cur !== '1') return { error: `redirecting descriptor ${cur} (${cur}>) is not modelled here (only stdout)` };
        cur = '';
        inWord = false;
      }
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
      onlyExpanded = false;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`'.includes(line[j + 1]!)) j++;
        else if (line[j] === '`') return { error: 'command substitution (`…`) is not modelled here' };
        else if (line[j] === '$' && vars) {
          const x = expand(j);
          if (x && 'error' in x) return x;
          if (x) {
            cur += x.text;
            j = x.end;
            continue;
          }
        }
        cur += line[j]!;
      }
      if (j >= line.length) return { error: 'unexpected EOF while looking for matching `"\'' };
      inWord = true;
      onlyExpanded = false;
      i = j;
    } else if (c === '\\') {
      if (i + 1 < line.length) cur += line[++i]!;
      inWord = true;
      onlyExpanded = false;
    } else {
      cur += c;
      inWord = true;
      onlyExpanded = false;
    }
  }
  endWord();
  if (pendingRedirect !== null) return { error: "syntax error near unexpected token `newline'" };
  return background ? { words, redirect, background } : { words, redirect };
}
