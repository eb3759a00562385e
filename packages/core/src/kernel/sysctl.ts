// Writes to one-integer sysctl files (kernel/sysctl.c): what proc_dointvec_minmax() accepts.

/**
 * The value proc_dointvec_minmax() stores for a write of `data` to a one-int table with bounds
 * [min, max]: leading and trailing whitespace, an optional sign, base 10. Null where the kernel
 * returns -EINVAL (no number, trailing garbage, or a value out of range).
 */
export function dointvecMinmax(data: string, min: number, max: number): number | null {
  const m = /^\s*([-+]?\d+)\s*$/.exec(data);
  if (!m) return null;
  const v = Number(m[1]);
  if (!Number.isSafeInteger(v) || v < min || v > max) return null;
  return v;
}
