// printk levels (include/linux/kern_levels.h) and the dmesg line format with its timestamp.

/** CONFIG_LOG_BUF_SHIFT=17: the printk ring buffer holds 128 KiB of text. */
export const LOG_BUF_LEN = 1 << 17;

export const KERN_EMERG = 0;
export const KERN_ALERT = 1;
export const KERN_CRIT = 2;
export const KERN_ERR = 3;
export const KERN_WARNING = 4;
export const KERN_NOTICE = 5;
export const KERN_INFO = 6;
export const KERN_DEBUG = 7;

export const LEVEL_NAMES = ['emerg', 'alert', 'crit', 'err', 'warn', 'notice', 'info', 'debug'] as const;

/** One line of the kernel log buffer. */
export interface LogLine {
  readonly level: number;
  /** Virtual nanoseconds since boot. */
  readonly t: number;
  readonly text: string;
}

/** dmesg's timestamp of virtual time `ns`: `[    1.234567]` (seconds with microseconds). */
export function formatLogTime(ns: number): string {
  const us = Math.floor(ns / 1000);
  const sec = Math.floor(us / 1_000_000);
  const frac = String(us % 1_000_000).padStart(6, '0');
  return `[${String(sec).padStart(5, ' ')}.${frac}]`;
}

/** Formats a line as dmesg prints it: `[    1.234567] text`. */
export function formatLogLine(line: LogLine): string {
  return `${formatLogTime(line.t)} ${line.text}`;
}
