// Boot ordering cases. Expected orders derived by hand from security/lsm_init.c (7.1:
// lsm_order_append(), lsm_order_parse(), security_init()) and security/security.c (6.8/6.18:
// append_ordered_lsm(), ordered_lsm_parse(), lsm_prepare()), with the link order of
// security/Makefile and the CONFIG_LSM default of security/Kconfig.
import { describe, expect, test } from 'vitest';
import { boot, inTreeLsms, type KernelVersion, type LsmInfo } from '../index';

const DEFAULT_71 = [
  'capability',
  'landlock',
  'lockdown',
  'yama',
  'loadpin',
  'safesetid',
  'selinux',
  'tomoyo',
  'ipe',
  'bpf',
  'ima',
  'evm',
];
const ORDER = (cmdline: string, version: KernelVersion = '7.1') => boot({ cmdline, kernelVersion: version }).order;

describe('7.1 lsm_order_parse()', () => {
  test('default CONFIG_LSM: first exclusive (selinux) wins, smack and apparmor lose the slot', () => {
    const k = boot();
    expect(k.order).toEqual(DEFAULT_71);
    expect(k.lsm('smack')?.enabled).toBe(false);
    expect(k.lsm('smack')?.why).toMatch(/selinux already holds the exclusive slot/);
    expect(k.lsm('apparmor')?.why).toMatch(/exclusive/);
  });

  test('selinux=0: a disabled LSM never claims the exclusive slot, so smack gets it (LSM-FACTS §8.4)', () => {
    const k = boot({ cmdline: 'selinux=0' });
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
    expect(k.lsm('selinux')?.reasons.map((r) => r.code)).toEqual(['enable-param', 'skip-disabled']);
    expect(k.lsm('apparmor')?.why).toMatch(/smack already holds/);
  });

  test('lsm= with an empty value still replaces CONFIG_LSM: only FIRST and LAST remain', () => {
    expect(ORDER('lsm=')).toEqual(['capability', 'ima', 'evm']);
  });

  test('lsm= order is the list order; the second exclusive LSM is dropped', () => {
    expect(ORDER('lsm=apparmor,selinux,yama')).toEqual(['capability', 'apparmor', 'yama', 'ima', 'evm']);
  });

  test('FIRST and LAST names in lsm= are ignored (only MUTABLE entries are taken)', () => {
    expect(ORDER('lsm=evm,capability,ima,yama')).toEqual(['capability', 'yama', 'ima', 'evm']);
  });

  test('duplicates keep their first position', () => {
    expect(ORDER('lsm=yama,landlock,yama')).toEqual(['capability', 'yama', 'landlock', 'ima', 'evm']);
  });

  test('unknown, empty, wrong-case and padded names are ignored silently', () => {
    const k = boot({ cmdline: 'lsm=,nope,Yama,,landlock,integrity,' });
    expect(k.order).toEqual(['capability', 'landlock', 'ima', 'evm']);
  });

  test('an unquoted space ends the value: "lsm=yama, landlock" gives lsm="yama," and a stray parameter', () => {
    const k = boot({ cmdline: 'lsm=yama, landlock' });
    expect(k.order).toEqual(['capability', 'yama', 'ima', 'evm']);
    expect(k.dmesg()).toContain('Unknown kernel command line parameters "landlock", will be passed to user space.');
  });

  test('quoted value keeps the space, and " landlock" then matches nothing', () => {
    expect(ORDER('lsm="yama, landlock"')).toEqual(['capability', 'yama', 'ima', 'evm']);
  });

  test('the last lsm= wins; parsing stops at "--"', () => {
    expect(ORDER('lsm=yama lsm=landlock')).toEqual(['capability', 'landlock', 'ima', 'evm']);
    expect(ORDER('quiet -- lsm=yama')).toEqual(DEFAULT_71);
  });

  test('security=apparmor disables every other legacy major, tomoyo included', () => {
    const k = boot({ cmdline: 'security=apparmor' });
    expect(k.order).toEqual([
      'capability',
      'landlock',
      'lockdown',
      'yama',
      'loadpin',
      'safesetid',
      'apparmor',
      'ipe',
      'bpf',
      'ima',
      'evm',
    ]);
    expect(k.lsm('tomoyo')?.why).toMatch(/security=apparmor disables/);
  });

  test('security= is ignored when lsm= is given (7.1 prints nothing)', () => {
    const k = boot({ cmdline: 'security=apparmor lsm=selinux' });
    expect(k.order).toEqual(['capability', 'selinux', 'ima', 'evm']);
    expect(k.dmesg()).not.toMatch(/superseded/);
  });

  test('security=yama (not a major) disables all four majors; security= name outside the list is appended before LAST', () => {
    expect(ORDER('security=yama')).toEqual([
      'capability',
      'landlock',
      'lockdown',
      'yama',
      'loadpin',
      'safesetid',
      'ipe',
      'bpf',
      'ima',
      'evm',
    ]);
    const k = boot({ cmdline: 'security=tomoyo', configLsm: 'yama' });
    expect(k.order).toEqual(['capability', 'yama', 'tomoyo', 'ima', 'evm']);
  });

  test('security=evm: the legacy pass has no order check, so evm comes before ima', () => {
    expect(ORDER('security=evm').slice(-2)).toEqual(['evm', 'ima']);
  });

  test('security=selinux selinux=0: no fallback to another major', () => {
    const k = boot({ cmdline: 'security=selinux selinux=0' });
    expect(k.order.filter((n) => ['selinux', 'smack', 'tomoyo', 'apparmor'].includes(n))).toEqual([]);
  });

  test('enable parameters are numeric: apparmor=off is ignored, apparmor=0 and 0x0 disable', () => {
    expect(ORDER('apparmor=off lsm=apparmor')).toEqual(['capability', 'apparmor', 'ima', 'evm']);
    expect(ORDER('apparmor=0 lsm=apparmor')).toEqual(['capability', 'ima', 'evm']);
    expect(ORDER('apparmor=0x0 lsm=apparmor')).toEqual(['capability', 'ima', 'evm']);
    expect(ORDER('apparmor=08 lsm=apparmor')).toEqual(['capability', 'apparmor', 'ima', 'evm']); // invalid octal
    const k = boot({ cmdline: 'apparmor=off lsm=apparmor' });
    expect(k.lsm('apparmor')?.reasons[0]?.text).toMatch(/kstrtoul/);
  });

  test('apparmor.enabled is a kstrtobool module parameter: "off" works there', () => {
    expect(ORDER('apparmor.enabled=off lsm=apparmor')).toEqual(['capability', 'ima', 'evm']);
    expect(ORDER('apparmor.enabled=Y lsm=apparmor')).toEqual(['capability', 'apparmor', 'ima', 'evm']);
  });

  test('selinux= exists only with CONFIG_SECURITY_SELINUX_BOOTPARAM', () => {
    const k = boot({ cmdline: 'selinux=0', kconfig: [] });
    expect(k.order).toContain('selinux');
    expect(k.dmesg()).toContain('Unknown kernel command line parameters "selinux=0"');
  });

  test('MAX_LSM_COUNT overflow: LSMs past the limit are dropped with a warning, LAST ones included', () => {
    const k = boot({ cmdline: 'lsm=yama,landlock,loadpin', maxLsmCount: 4 });
    expect(k.order).toEqual(['capability', 'yama', 'landlock', 'loadpin']);
    expect(k.dmesg()).toContain('LSM: exceeded maximum LSM count on last:ima');
    expect(k.lsm('evm')?.why).toMatch(/MAX_LSM_COUNT = 4/);
  });

  test('an early lockdown comes before capability and lsm= cannot remove it', () => {
    const k = boot({ lsms: inTreeLsms('7.1', { lockdownEarly: true }), cmdline: 'lsm=yama lsm.debug' });
    expect(k.order).toEqual(['lockdown', 'capability', 'yama', 'ima', 'evm']);
    expect(k.readSecurityfs('/sys/kernel/security/lsm')).toBe('lockdown,capability,yama,ima,evm');
    expect(k.dmesg()).toContain('LSM: available LSMs: lockdown(E),capability,');
    expect(k.dmesg()).toContain('LSM: enabled LSM early:lockdown');
  });

  test('lsm.debug prints the kernel’s lines, including "(null)" for absent parameters', () => {
    const text = boot({ cmdline: 'lsm.debug' }).dmesg();
    expect(text).toContain('LSM: legacy LSM parameter: (null)');
    expect(text).toContain('LSM: skip exclusive LSM conflict builtin:smack');
    expect(text).toContain('LSM: blob(msg_msg)_size 4');
    expect(text).toContain('LSM: blob(xattr) count 9');
    expect(boot().dmesg()).not.toContain('LSM: enabling');
  });
});

describe('the reported list', () => {
  test('/sys/kernel/security/lsm is lsm_order joined by commas, no trailing newline', () => {
    expect(boot().readSecurityfs('/sys/kernel/security/lsm')).toBe(DEFAULT_71.join(','));
  });

  test('7.1 reports an LSM whose init failed; 6.x does not if it never registered hooks', () => {
    const failing: LsmInfo = { name: 'broken', id: 0, order: 'mutable', init: () => -12 };
    const k71 = boot({ lsms: [...inTreeLsms('7.1'), failing], cmdline: 'lsm=broken' });
    expect(k71.readSecurityfs('lsm')).toBe('capability,broken,ima,evm');
    expect(k71.dmesg()).toContain('broken failed to initialize: -12');
    const k618 = boot({ kernelVersion: '6.18', lsms: [...inTreeLsms('6.18'), failing], cmdline: 'lsm=broken' });
    expect(k618.readSecurityfs('lsm')).toBe('capability,ima,evm');
    expect(k618.lsmIds).toEqual([100, 111, 112]);
  });
});

describe('6.8 and 6.18 (security/security.c)', () => {
  const to68 = (o: readonly string[]) =>
    o.filter((n) => n !== 'ipe' && n !== 'ima' && n !== 'evm').concat(o.includes('ima') ? ['integrity'] : []);
  const cases = [
    '',
    'selinux=0',
    'lsm=',
    'lsm=apparmor,selinux,yama',
    'security=apparmor',
    'lsm=yama,landlock,yama',
    'apparmor=off lsm=apparmor',
    'security=yama',
  ];
  test.each(cases)('same active set and order as 7.1 for %j', (cmdline) => {
    const o71 = ORDER(cmdline);
    expect(ORDER(cmdline, '6.18')).toEqual(o71);
    expect(ORDER(cmdline, '6.8')).toEqual(to68(o71));
  });

  test('6.x warns when security= is superseded by lsm= and always logs the initializing line', () => {
    const k = boot({ kernelVersion: '6.18', cmdline: 'security=apparmor lsm=selinux' });
    expect(k.dmesg()).toContain('LSM: security=apparmor is ignored because it is superseded by lsm=selinux');
    expect(k.dmesg()).toContain('LSM: initializing lsm=capability,selinux,ima,evm');
  });

  test('6.8: the integrity LSM never calls security_add_hooks(), so it is not reported', () => {
    const k = boot({ kernelVersion: '6.8' });
    expect(k.order.at(-1)).toBe('integrity');
    expect(k.readSecurityfs('lsm')).not.toContain('integrity');
    expect(k.lsm('integrity')?.why).toMatch(/never called security_add_hooks/);
  });

  test('6.8 debug lines use the old format', () => {
    const text = boot({ kernelVersion: '6.8', cmdline: 'lsm.debug lsm=nope' }).dmesg();
    expect(text).toContain('LSM: cmdline ignored: nope (not built into kernel)');
    expect(text).toContain('LSM: xattr slots          = 0');
    expect(text).toContain('LSM: boot arg lsm=nope');
  });

  test('static call slots: a hook registered more than MAX_LSM_COUNT times panics (7.1 and 6.18)', () => {
    const greedy: LsmInfo = {
      name: 'greedy',
      id: 0,
      order: 'mutable',
      init: (ctx) => {
        for (let i = 0; i < 3; i++) ctx.securityAddHooks({ file_open: () => 0 });
        return 0;
      },
    };
    const k = boot({ lsms: [...inTreeLsms('7.1'), greedy], cmdline: 'lsm=greedy', maxLsmCount: 2 });
    expect(k.panic).toBe('exhausted LSM callback slots with LSM greedy');
    expect(k.dmesg()).toContain('Kernel panic - not syncing: exhausted LSM callback slots with LSM greedy');
    const k618 = boot({
      kernelVersion: '6.18',
      lsms: [...inTreeLsms('6.18'), greedy],
      cmdline: 'lsm=greedy',
      maxLsmCount: 2,
    });
    expect(k618.panic).toBe('lsm_static_call_init - Ran out of static slots.');
    const k68 = boot({
      kernelVersion: '6.8',
      lsms: [...inTreeLsms('6.8'), greedy],
      cmdline: 'lsm=greedy',
      maxLsmCount: 2,
    });
    expect(k68.panic).toBeNull(); // 6.8 hook heads are hlists: no slot limit
  });
});

describe('bad input', () => {
  test('an unknown version, a bad MAX_LSM_COUNT or a bad LSM name is refused with the reason', () => {
    expect(() => boot({ kernelVersion: '5.0' as KernelVersion })).toThrow(
      'unknown kernel version "5.0": the model follows 7.1, 6.18, 6.8',
    );
    expect(() => boot({ maxLsmCount: 0 })).toThrow('MAX_LSM_COUNT must be a positive integer, got 0');
    expect(() => boot({ lsms: [{ name: 'a,b', id: 0, order: 'mutable' }] })).toThrow(/invalid LSM name "a,b"/);
    expect(() =>
      boot({
        lsms: [
          { name: 'a', id: 0, order: 'mutable' },
          { name: 'a', id: 0, order: 'mutable' },
        ],
      }),
    ).toThrow(/two built-in LSMs are named a/);
  });
});
