import { describe, expect, test } from 'vitest';
import { LsmCallbackError } from '../dispatch/callHooks';
import { Engine } from '../engine/engine';
import { formatLogLine, KERN_INFO, LOG_BUF_LEN } from '../kernel/printk';
import { builtInLsms, defaultConfigLsm, inTreeLsms } from '../lsm/inTreeLsms';
import type { LsmInfo } from '../lsm/lsmInfo';
import type { KernelVersion } from '../version';
import { boot } from './boot';
import { diagnoseBoot, withoutLsm } from './bootFailure';

const ENOMEM = -12;
const failing = (init: NonNullable<LsmInfo['init']>): LsmInfo => ({
  name: 'rustshield',
  id: 0,
  order: 'mutable',
  init,
});
const withFailing = (info: LsmInfo, cmdline = '', version: KernelVersion = '7.1') =>
  boot({
    kernelVersion: version,
    lsms: [...inTreeLsms(version), info],
    configLsm: `${defaultConfigLsm(version)},rustshield`,
    cmdline,
  });

describe('diagnoseBoot', () => {
  test('a clean boot has no failure', () => {
    expect(diagnoseBoot(boot())).toBeNull();
  });

  test('an init that returns -ENOMEM: lsm_init_single() WARNs, the boot goes on, lsm= without it avoids it', () => {
    const k = withFailing(
      failing(() => ENOMEM),
      'lsm.debug',
    );
    const f = diagnoseBoot(k)!;
    expect(f).toMatchObject({
      kind: 'init-failed',
      lsm: 'rustshield',
      headline: 'rustshield failed to initialize: -12',
    });
    // 7.1 keeps it in lsm_order (lsm_order_append() ran before init).
    expect(k.order).toContain('rustshield');
    expect(f.lines.map((i) => k.log[i]!.text)).toEqual([
      '------------[ cut here ]------------',
      'rustshield failed to initialize: -12',
      'WARNING: CPU: 0 PID: 0 at security/lsm_init.c lsm_init_single',
      '---[ end trace 0000000000000000 ]---',
    ]);
    expect(f.recovery).toEqual({
      cmdline: `lsm.debug lsm=${defaultConfigLsm('7.1')}`,
      edit: 'lsm= without rustshield',
      selection: [14, 14 + defaultConfigLsm('7.1').length],
    });
    // The recovery does what it says: the next boot is clean and rustshield never initialises.
    const next = withFailing(
      failing(() => ENOMEM),
      f.recovery!.cmdline,
    );
    expect(diagnoseBoot(next)).toBeNull();
    expect(next.order).not.toContain('rustshield');
  });

  test('an init that oopses panics the boot: make_task_dead() cannot kill the idle task', () => {
    const oops = (): number => {
      const e = new LsmCallbackError('rustshield', 'init', 'panicked');
      e.report = ['rust_kernel: panicked at rustshield.ts:4:11:', 'no policy', 'kernel BUG at rust/helpers/bug.c:7!'];
      throw e;
    };
    for (const version of ['7.1', '6.18', '6.8'] as const) {
      const k = withFailing(failing(oops), 'lsm=yama,rustshield', version);
      expect(k.panic).toBe('Attempted to kill the idle task!');
      const text = k.log.map(formatLogLine).join('\n');
      expect(text).toMatch(
        /rust_kernel: panicked at rustshield.ts:4:11:\n.*no policy\n.*kernel BUG at.*\n.*Kernel panic - not syncing: Attempted to kill the idle task!$/,
      );
      const f = diagnoseBoot(k)!;
      expect(f.kind).toBe('panic');
      expect(f.lsm).toBe('rustshield');
      expect(f.headline).toBe('Kernel panic - not syncing: Attempted to kill the idle task!');
      expect(f.lines.map((i) => k.log[i]!.text)).toEqual([
        'rust_kernel: panicked at rustshield.ts:4:11:',
        'no policy',
        'kernel BUG at rust/helpers/bug.c:7!',
        'Kernel panic - not syncing: Attempted to kill the idle task!',
      ]);
      expect(f.recovery?.cmdline).toBe('lsm=yama');
      expect(k.lsm('rustshield')?.why).toMatch(/init oopsed/);
    }
  });

  test('any other exception from an init is a bug of the input and still throws', () => {
    expect(() =>
      withFailing(
        failing(() => {
          throw new TypeError('not an oops');
        }),
      ),
    ).toThrow('not an oops');
  });

  test('a LAST LSM cannot be left out by lsm=: no command-line recovery', () => {
    const ima = inTreeLsms('7.1').map((l) => (l.name === 'ima' ? { ...l, init: () => ENOMEM } : l));
    const f = diagnoseBoot(boot({ lsms: ima }))!;
    expect(f.lsm).toBe('ima');
    expect(f.recovery).toBeNull();
    expect(f.noRecovery).toMatch(/LSM_ORDER_LAST: lsm= cannot leave it out/);
  });
});

describe('a log flood at boot', () => {
  test('an init that prints past CONFIG_LOG_BUF_SHIFT overwrites the start of the boot log', () => {
    const chatty = failing((ctx) => {
      for (let i = 0; i < 5000; i++) ctx.printk(KERN_INFO, `rustshield: rule ${i} loaded`);
      return 0;
    });
    const k = withFailing(chatty);
    // __log_buf keeps the newest 128 KiB: "Linux version" and the command line are gone.
    expect(k.log.reduce((n, l) => n + l.text.length + 1, 0)).toBeLessThanOrEqual(LOG_BUF_LEN);
    expect(k.log[0]!.text).not.toMatch(/^Linux version/);
    expect(k.logDropped).toBeGreaterThan(0);
    const f = diagnoseBoot(k)!;
    expect(f.kind).toBe('log-flood');
    expect(f.headline).toBe(`** ${k.logDropped} printk messages dropped **`);
    expect(f.summary).toBe('rustshield: init printed 5000 lines, the log buffer overflowed');
    expect(f.lines.length).toBe(k.log.filter((l) => l.text.startsWith('rustshield: ')).length);
    expect(f.lines.length).toBeGreaterThan(1000);
    expect(f.recovery?.cmdline).toBe(`lsm=${defaultConfigLsm('7.1')}`);
    expect(diagnoseBoot(withFailing(chatty, f.recovery!.cmdline))).toBeNull();
  });

  test('an init that prints a few lines is no flood', () => {
    const k = withFailing(failing((ctx) => (ctx.printk(KERN_INFO, 'rustshield: ready'), 0)));
    expect(k.logDropped).toBe(0);
    expect(k.lsm('rustshield')?.initPrintks).toBe(1);
    expect(diagnoseBoot(k)).toBeNull();
  });
});

describe('withoutLsm', () => {
  test('edits the last lsm= in place and keeps every other parameter, quotes and the part after --', () => {
    const r = withoutLsm('quiet lsm=selinux lsm=yama,x,landlock foo="a b" -- single', 'ignored', 'x');
    expect(r.cmdline).toBe('quiet lsm=yama,landlock foo="a b" -- single');
    expect(r.cmdline.slice(...r.selection)).toBe('yama,landlock');
  });

  test('appends lsm= from CONFIG_LSM when the command line has none', () => {
    const r = withoutLsm('lsm.debug', 'yama,x,bpf', 'x');
    expect(r.cmdline).toBe('lsm.debug lsm=yama,bpf');
    expect(r.cmdline.slice(...r.selection)).toBe('yama,bpf');
  });
});

describe('builtInLsms (per-LSM Kconfig options)', () => {
  test('an LSM that is not built in is absent; CONFIG_LSM naming it matches nothing', () => {
    const k = boot({ lsms: builtInLsms('7.1', ['selinux']) });
    expect(k.lsm('selinux')).toBeUndefined();
    // lsm_order_parse(): with selinux gone, smack is the first exclusive LSM of the list.
    expect(k.order).toEqual([
      'capability',
      'landlock',
      'lockdown',
      'yama',
      'loadpin',
      'safesetid',
      'smack',
      'tomoyo',
      'ipe',
      'bpf',
      'ima',
      'evm',
    ]);
  });

  test('6.x ordered_lsm_parse() says so under lsm.debug; 7.1 lsm_order_parse() dropped the message', () => {
    const log = (v: KernelVersion) =>
      boot({ kernelVersion: v, lsms: builtInLsms(v, ['selinux']), cmdline: 'lsm.debug' }).log.map((l) => l.text);
    expect(log('6.18')).toContain('LSM: builtin ignored: selinux (not built into kernel)');
    expect(log('7.1').some((t) => t.includes('not built into kernel'))).toBe(false);
    expect(log('7.1')).toContain(
      'LSM: available LSMs: capability,smack,tomoyo,apparmor,yama,loadpin,safesetid,lockdown,bpf,landlock,ipe,ima,evm',
    );
  });

  test('capability is always built', () => {
    expect(builtInLsms('7.1', ['capability', 'yama']).map((l) => l.name)).toContain('capability');
  });
});

describe('the engine boots with the same inputs', () => {
  test('a user LSM whose constructor throws panics the boot; the result carries the log and the recovery', () => {
    const source = `import { Hooks, defineLsm, LSM_ID_UNDEF } from 'kernel';
class Broken implements Hooks {
  constructor() {
    throw new Error('no policy loaded');
  }
}
export default defineLsm(Broken, 'broken\\0', LSM_ID_UNDEF);
`;
    const e = new Engine();
    const r = e.load({ modules: [{ fileName: 'broken.ts', source }], notBuilt: ['apparmor'] });
    expect(r.ok).toBe(false);
    expect(r.panic).toBe('Attempted to kill the idle task!');
    expect(r.dmesg).toMatch(
      /rust_kernel: panicked at broken.ts:4:\d+:\n.*no policy loaded\n[^]*Kernel panic - not syncing: Attempted to kill the idle task!$/,
    );
    expect(r.bootFailure).toMatchObject({ kind: 'panic', lsm: 'broken' });
    expect(r.bootFailure!.recovery!.cmdline).toBe(`lsm=${defaultConfigLsm('7.1')}`);
    const fixed = e.load({
      modules: [{ fileName: 'broken.ts', source }],
      notBuilt: ['apparmor'],
      boot: { cmdline: r.bootFailure!.recovery!.cmdline },
    });
    expect(fixed.ok).toBe(true);
    expect(fixed.bootFailure).toBeNull();
    expect(fixed.order).not.toContain('broken');
    expect(fixed.order).not.toContain('apparmor');
  });
});
