// lib/kstrtox.c: the strict integer and boolean parsers boot parameters use.

/** kstrtoul(s, 0, &v): optional '+', 0x hex / 0 octal / decimal, one trailing newline allowed. */
export function kstrtoul(s: string | null): { ok: true; value: bigint } | { ok: false; err: 'EINVAL' | 'ERANGE' } {
  if (s === null) return { ok: false, err: 'EINVAL' };
  let i = 0;
  if (s[i] === '+') i++;
  let base = 10;
  // _parse_integer_fixup_radix(): "0x" needs a hex digit after it to switch to base 16.
  if (s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X') && /[0-9a-fA-F]/.test(s[i + 2] ?? '')) {
    base = 16;
    i += 2;
  } else if (s[i] === '0') {
    base = 8;
  }
  let value = 0n;
  let digits = 0;
  for (; i < s.length; i++) {
    const c = s[i]!.toLowerCase();
    const d = c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c >= 'a' && c <= 'f' ? c.charCodeAt(0) - 87 : 99;
    if (d >= base) break;
    value = value * BigInt(base) + BigInt(d);
    digits++;
  }
  if (value > 0xffff_ffff_ffff_ffffn) return { ok: false, err: 'ERANGE' };
  if (digits === 0) return { ok: false, err: 'EINVAL' };
  if (s[i] === '\n') i++;
  if (i !== s.length) return { ok: false, err: 'EINVAL' };
  return { ok: true, value };
}

/** kstrtobool(): y/Y/t/T/1 and n/N/f/F/0 by first letter, "on"/"off"; anything else is -EINVAL. */
export function kstrtobool(s: string | null): boolean | null {
  if (s === null || s.length === 0) return null;
  switch (s[0]) {
    case 'y':
    case 'Y':
    case 't':
    case 'T':
    case '1':
      return true;
    case 'n':
    case 'N':
    case 'f':
    case 'F':
    case '0':
      return false;
    case 'o':
    case 'O':
      if (s[1] === 'n' || s[1] === 'N') return true;
      if (s[1] === 'f' || s[1] === 'F') return false;
      return null;
    default:
      return null;
  }
}
