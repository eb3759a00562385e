// lib/cmdline.c next_arg(), kernel/params.c parse_args()/parameqn() and lib/kstrtox.c, case by case.
import { describe, expect, test } from 'vitest';
import { kstrtobool, kstrtoul, nextArg, parseCmdline } from '../index';

describe('next_arg() / parse_args()', () => {
  test('splits on unquoted whitespace and at the first =', () => {
    expect(parseCmdline('  ro  lsm=a=b\tquiet ').params).toEqual([
      { param: 'ro', val: null },
      { param: 'lsm', val: 'a=b' },
      { param: 'quiet', val: null },
    ]);
  });
  test('quotes: param="v w" strips both quotes; a fully quoted token loses its outer quotes', () => {
    expect(nextArg('lsm="yama, landlock" x').param).toBe('lsm');
    expect(nextArg('lsm="yama, landlock" x').val).toBe('yama, landlock');
    expect(nextArg('"lsm=a b" x')).toEqual({ param: 'lsm', val: 'a b', rest: 'x' });
    expect(nextArg('"quiet"')).toEqual({ param: 'quiet', val: null, rest: '' });
  });
  test('"--" ends kernel parameters; the rest goes to init', () => {
    expect(parseCmdline('a=1 -- lsm=yama b')).toEqual({
      params: [{ param: 'a', val: '1' }],
      afterDashes: 'lsm=yama b',
    });
  });
  test('an empty value is still a value', () => {
    expect(parseCmdline('lsm=').params).toEqual([{ param: 'lsm', val: '' }]);
  });
});

describe('kstrtoul(s, 0) and kstrtobool()', () => {
  test.each([
    ['0', 0n],
    ['1', 1n],
    ['+7', 7n],
    ['0x1f', 31n],
    ['017', 15n],
    ['5\n', 5n],
  ])('%j parses to %s', (s, v) => {
    expect(kstrtoul(s)).toEqual({ ok: true, value: v });
  });
  test.each(['', 'off', '-1', '0x', '08', '1 ', '12a'])('%j is -EINVAL', (s) => {
    expect(kstrtoul(s)).toEqual({ ok: false, err: 'EINVAL' });
  });
  test('overflow is -ERANGE', () => {
    expect(kstrtoul('18446744073709551616')).toEqual({ ok: false, err: 'ERANGE' });
  });
  test('kstrtobool reads the first letter, and on/off', () => {
    expect(['y', 'Yes', 'true', '1', 'on', 'ON'].map(kstrtobool)).toEqual([true, true, true, true, true, true]);
    expect(['n', 'false', '0', 'off', 'oFF'].map(kstrtobool)).toEqual([false, false, false, false, false]);
    expect(['', 'o', 'maybe', '2'].map(kstrtobool)).toEqual([null, null, null, null]);
  });
});
