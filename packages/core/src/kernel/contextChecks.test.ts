// printk_ratelimited() per lib/ratelimit.c ___ratelimit() (interval 5*HZ, burst 10), and
// might_sleep() in a hook called from atomic context (kernel/sched/core.c __might_resched()).
import { describe, expect, test } from 'vitest';
import { boot, type LsmInfo, type LsmInitContext } from '../index';
import { ratelimit } from './ratelimit';

describe('___ratelimit()', () => {
  test('10 lines per 5 s, then "N callbacks suppressed" when the next interval starts', () => {
    const rs = { begin: 0, printed: 0, missed: 0 };
    const printed = Array.from({ length: 25 }, () => ratelimit(rs, 1_000_000, 'f').print).filter(Boolean).length;
    expect(printed).toBe(10);
    const next = ratelimit(rs, 6_000_000_000, 'f');
    expect(next).toEqual({ print: true, suppressed: 'f: 15 callbacks suppressed' });
  });
});

function lsmWith(init: (ctx: LsmInitContext) => void): LsmInfo {
  return { name: 'shield', id: 0, order: 'mutable', init: (ctx) => (init(ctx), 0) };
}

describe('LSM context helpers', () => {
  test('a flood of pr_info_ratelimited() from inode_permission keeps 10 lines per interval', () => {
    const k = boot({
      lsms: [
        lsmWith((ctx) =>
          ctx.securityAddHooks({
            inode_permission: () => {
              ctx.printkRatelimited(6, 'shield: inode_permission called');
              return 0;
            },
          }),
        ),
      ],
      configLsm: 'shield',
    });
    const lines = Array.from({ length: 100 }, () =>
      k.call('inode_permission', [null, 4]).trace.filter((e) => e.type === 'printk'),
    ).flat();
    expect(lines).toHaveLength(10);
  });

  test('might_sleep() in task_free gives the kernel BUG report; in file_open it is fine', () => {
    const k = boot({
      lsms: [
        lsmWith((ctx) =>
          ctx.securityAddHooks({
            task_free: () => ctx.msleep(10),
            file_open: () => (ctx.msleep(10), 0),
          }),
        ),
      ],
      configLsm: 'shield',
    });
    const r = k.call('task_free', [null]);
    const text = r.trace.filter((e) => e.type === 'printk').map((e) => (e as { text: string }).text);
    expect(text[0]).toBe('BUG: sleeping function called from invalid context at msleep(10)');
    expect(text).toContain(' shield_task_free');
    expect(r.trace.some((e) => e.type === 'oops' && e.hook === 'task_free')).toBe(true);
    expect(k.call('file_open', [null]).trace.some((e) => e.type === 'oops')).toBe(false);
  });
});
