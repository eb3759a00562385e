// Rust's format strings as pr_info!() takes them: `{}`, `{:x}`, `{:#x}`, `{:X}`, `{:o}`, `{:b}`,
// `{:?}`, with `{{` and `}}` for literal braces. A trailing "\n" is the record's end, as in printk.

/** The printk levels by number: pr_emerg (0) … pr_debug (7). */
export const KERN_LEVELS = ['emerg', 'alert', 'crit', 'err', 'warn', 'notice', 'info', 'debug'] as const;

function display(v: unknown, debug: boolean): string {
  if (typeof v === 'string') return debug ? JSON.stringify(v) : v;
  if (typeof v === 'bigint') return v.toString();
  if (v === null || v === undefined) return debug ? String(v) : '(null)';
  if (typeof v === 'object' && !debug) return String(v);
  if (typeof v === 'object') {
    try {
      return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
    } catch {
      return String(v);
    }
  }
  return String(v);
}

function radix(v: unknown, base: number, upper: boolean, alternate: boolean): string {
  const prefix = alternate ? { 16: '0x', 8: '0o', 2: '0b' }[base as 16 | 8 | 2] : '';
  let n: bigint;
  try {
    n = typeof v === 'bigint' ? v : BigInt(Math.trunc(Number(v)));
  } catch {
    return display(v, false);
  }
  // Rust prints negative integers in hex as their two's complement; use 32 bits like an i32.
  if (n < 0n) n = BigInt.asUintN(32, n);
  const digits = n.toString(base);
  return prefix + (upper ? digits.toUpperCase() : digits);
}

/** Formats `fmt` with `args` as Rust's format_args!() would for the supported specs. */
export function formatRust(fmt: string, args: readonly unknown[]): string {
  let next = 0;
  const out = fmt.replace(/\{\{|\}\}|\{(:(#?)([xXob?])?)?\}/g, (m, _spec: string, alt: string, kind: string) => {
    if (m === '{{') return '{';
    if (m === '}}') return '}';
    if (next >= args.length) return m;
    const v = args[next++];
    switch (kind) {
      case 'x':
        return radix(v, 16, false, alt === '#');
      case 'X':
        return radix(v, 16, true, alt === '#');
      case 'o':
        return radix(v, 8, false, alt === '#');
      case 'b':
        return radix(v, 2, false, alt === '#');
      case '?':
        return display(v, true);
      default:
        return display(v, false);
    }
  });
  return out.endsWith('\n') ? out.slice(0, -1) : out;
}
