// The boot log: printk lines with a virtual timestamp, pr_fmt prefixes and pr_cont joining.
import { COST, type VirtualClock } from '../kernel/clock';
import { KERN_INFO, KERN_WARNING, type LogLine } from '../kernel/printk';

/** Collects printk output during boot; pr_cont appends to the last line as the kernel does. */
export class BootLog {
  readonly lines: LogLine[] = [];
  private readonly clock: VirtualClock;

  constructor(clock: VirtualClock) {
    this.clock = clock;
  }

  printk(level: number, text: string): void {
    this.lines.push({ level, t: this.clock.advance(COST.printk), text });
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
  }

  /** WARN(cond, fmt): the "cut here" report with the message, as a WARN_ON at boot prints it. */
  warn(message: string, where: string): void {
    this.printk(KERN_WARNING, '------------[ cut here ]------------');
    this.printk(KERN_WARNING, message);
    this.printk(KERN_WARNING, `WARNING: CPU: 0 PID: 0 at ${where}`);
    this.printk(KERN_WARNING, '---[ end trace 0000000000000000 ]---');
  }
}
