// The boot log: printk lines with a virtual timestamp, pr_fmt prefixes and pr_cont joining.
import { COST, type VirtualClock } from '../kernel/clock';
import { KERN_INFO, KERN_WARNING, LOG_BUF_LEN, type LogLine } from '../kernel/printk';

/**
 * Collects printk output during boot; pr_cont appends to the last line as the kernel does. Like
 * the ring buffer (__log_buf, CONFIG_LOG_BUF_SHIFT=17), it keeps the newest LOG_BUF_LEN bytes:
 * a flood at boot overwrites the first lines.
 */
export class BootLog {
  readonly lines: LogLine[] = [];
  /** Lines overwritten before anyone could read them (what a console reports as dropped). */
  dropped = 0;
  private bytes = 0;
  private readonly clock: VirtualClock;

  constructor(clock: VirtualClock) {
    this.clock = clock;
  }

  printk(level: number, text: string): void {
    this.lines.push({ level, t: this.clock.advance(COST.printk), text });
    this.bytes += text.length + 1;
    this.trim();
  }

  private trim(): void {
    let drop = 0;
    while (this.bytes > LOG_BUF_LEN && this.lines.length - drop > 1) this.bytes -= this.lines[drop++]!.text.length + 1;
    if (drop > 0) {
      this.lines.splice(0, drop);
      this.dropped += drop;
    }
  }

  /** pr_info("LSM: " …): the pr_fmt of security/lsm_init.c and security/security.c. */
  lsm(text: string, level = KERN_INFO): void {
    this.printk(level, `LSM: ${text}`);
  }

  cont(text: string): void {
    const last = this.lines.pop();
    if (!last) {
      this.printk(KERN_INFO, text);
      return;
    }
    this.lines.push({ ...last, text: last.text + text });
    this.bytes += text.length;
    this.trim();
  }

  /** WARN(cond, fmt): the "cut here" report with the message, as a WARN_ON at boot prints it. */
  warn(message: string, where: string): void {
    this.printk(KERN_WARNING, '------------[ cut here ]------------');
    this.printk(KERN_WARNING, message);
    this.printk(KERN_WARNING, `WARNING: CPU: 0 PID: 0 at ${where}`);
    this.printk(KERN_WARNING, '---[ end trace 0000000000000000 ]---');
  }
}
