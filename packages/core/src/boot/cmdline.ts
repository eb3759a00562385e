// The kernel command line as start_kernel() parses it: lib/cmdline.c next_arg() splits it, and
// kernel/params.c parse_args() stops at "--" (what follows goes to init).

/** One `param[=value]` token; value is null when there is no '='. */
export interface CmdlineParam {
  readonly param: string;
  readonly val: string | null;
}

const isSpace = (c: string | undefined): boolean =>
  c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';

/**
 * lib/cmdline.c next_arg(): an unquoted space ends a token; a leading quote on the token or on the
 * value is stripped together with a quote that ends the token; '=' splits at its first occurrence.
 */
export function nextArg(args: string): { param: string; val: string | null; rest: string } {
  let s = args;
  let inQuote = false;
  let quoted = false;
  if (s[0] === '"') {
    s = s.slice(1);
    inQuote = true;
    quoted = true;
  }
  let i = 0;
  let equals = 0;
  for (; i < s.length; i++) {
    if (isSpace(s[i]) && !inQuote) break;
    if (equals === 0 && s[i] === '=') equals = i;
    if (s[i] === '"') inQuote = !inQuote;
  }
  let token = s.slice(0, i);
  let rest = s.slice(i < s.length ? i + 1 : i);
  // The kernel NUL-terminates in place; a quote that closes the token is cut off.
  let param: string;
  let val: string | null;
  if (!equals) {
    if (quoted && token.endsWith('"')) token = token.slice(0, -1);
    param = token;
    val = null;
  } else {
    param = token.slice(0, equals);
    val = token.slice(equals + 1);
    if (val.startsWith('"')) {
      val = val.slice(1);
      if (token.endsWith('"')) val = val.slice(0, -1);
    } else if (quoted && token.endsWith('"')) {
      val = val.slice(0, -1);
    }
  }
  let j = 0;
  while (isSpace(rest[j])) j++;
  rest = rest.slice(j);
  return { param, val, rest };
}

/** parse_args("Booting kernel", …): the parameters before "--", and the arguments after it. */
export function parseCmdline(cmdline: string): { params: CmdlineParam[]; afterDashes: string | null } {
  const params: CmdlineParam[] = [];
  let args = cmdline.replace(/^[ \t\n\v\f\r]+/, '');
  while (args.length > 0) {
    const { param, val, rest } = nextArg(args);
    args = rest;
    if (val === null && param === '--') return { params, afterDashes: args };
    params.push({ param, val });
  }
  return { params, afterDashes: null };
}

/** kernel/params.c parameqn(): '-' and '_' compare equal. */
export function parameqn(a: string, b: string, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const x = a[i] === '-' ? '_' : a[i];
    const y = b[i] === '-' ? '_' : b[i];
    if (x !== y) return false;
  }
  return true;
}
