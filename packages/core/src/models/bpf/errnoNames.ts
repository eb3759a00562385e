// The errno names a program may use (EPERM, EACCES, …): programs include them from
// <asm-generic/errno-base.h> and <asm-generic/errno.h>; the values are the model's errno.ts.
import * as errno from '../../errno';

export const ERRNO_NAMES: Readonly<Record<string, number>> = Object.fromEntries(
  Object.entries(errno).filter(([k, v]) => /^E[A-Z0-9]+$/.test(k) && typeof v === 'number'),
) as Record<string, number>;
