// The failure of the RustShield report (seed 001): an inode_permission hook that logs on every
// call floods the kernel log; the bounded buffer (CONFIG_LOG_BUF_SHIFT=17) drops the oldest lines,
// boot messages first. The fix: printk_ratelimited(), 10 lines per 5 s and "N callbacks suppressed".
import { describe, expect, test } from 'vitest';
import { inTreeLsms, KERN_INFO, LOG_BUF_LEN, Machine, type LsmInfo } from '../index';

function shield(ratelimited: boolean): LsmInfo {
  return {
    name: 'rustshield',
    id: 0,
    order: 'mutable',
    init: (ctx) => {
      ctx.securityAddHooks({
        inode_permission: (inode) => {
          const msg = `rustshield: inode_permission on inode ${(inode as { i_ino?: number } | null)?.i_ino ?? '?'}`;
          if (ratelimited) ctx.printkRatelimited(KERN_INFO, msg, 'rustshield_inode_permission');
          else ctx.printk(KERN_INFO, msg);
          return 0;
        },
      });
      return 0;
    },
  };
}

const boot = (ratelimited: boolean) =>
  Machine.boot({ lsms: [...inTreeLsms('7.1'), shield(ratelimited)], cmdline: 'lsm=rustshield,selinux' });

describe('log flood', () => {
  test('logging every inode_permission call overflows the log buffer and drops the boot lines', () => {
    const m = boot(false);
    expect(m.dmesg()).toContain('Linux version 7.1.3');
    for (let i = 0; i < 1500; i++) {
      const fd = m.syscall(1102, 'openat', { path: '/home/alice/notes.txt' }).ret!;
      m.syscall(1102, 'close', { fd });
    }
    const bytes = m.log.reduce((n, l) => n + l.text.length + 1, 0);
    expect(bytes).toBeLessThanOrEqual(LOG_BUF_LEN);
    expect(m.dmesg()).not.toContain('Linux version 7.1.3');
    expect(m.log.at(-1)?.text).toMatch(/^rustshield: inode_permission on inode \d+$/);
  });

  test('printk_ratelimited keeps 10 lines per 5 s and reports the suppressed ones', () => {
    const m = boot(true);
    const before = m.log.length;
    for (let i = 0; i < 200; i++) m.syscall(1102, 'openat', { path: '/home/alice/notes.txt' });
    expect(m.log.length - before).toBe(10);
    m.idle(6000);
    m.syscall(1102, 'openat', { path: '/home/alice/notes.txt' });
    const texts = m.log.slice(before).map((l) => l.text);
    expect(texts[10]).toMatch(/^rustshield_inode_permission: \d+ callbacks suppressed$/);
    expect(m.dmesg()).toContain('Linux version 7.1.3');
  });
});
