import { describe, expect, test } from 'vitest';
import { URL_LIMITS, ViewUrlError, formatViewUrl, parseViewUrl } from './viewUrl';

describe('view fragment', () => {
  test('round-trips boot inputs, shell lines with spaces and symbols, and the step', () => {
    const view = {
      kernelVersion: '6.8' as const,
      configLsm: 'landlock,yama',
      cmdline: 'lsm=yama,landlock lsm.debug',
      notBuilt: ['apparmor', 'selinux'],
      lines: ['su alice', 'echo x > /etc/shadow', 'cat /tmp/a&b#c+d'],
      step: 12,
    };
    const text = formatViewUrl(view);
    expect(text).not.toContain('+'); // spaces as %20, '+' escaped
    expect(parseViewUrl(`#${text}`)).toEqual(view);
  });

  test('leaves out what equals the defaults, so the plain page has an empty fragment', () => {
    expect(formatViewUrl({ kernelVersion: '7.1', cmdline: '', lines: [] })).toBe('');
    expect(formatViewUrl({ lines: ['id'], step: 3 })).toBe('cmd=id&step=3');
    expect(parseViewUrl('')).toBeNull();
    expect(parseViewUrl('#')).toBeNull();
  });

  test('reads a hand-written fragment with + for spaces', () => {
    expect(parseViewUrl('#cmd=echo+x+>+/tmp/f&step=0')).toEqual({ lines: ['echo x > /tmp/f'], step: 0 });
  });

  test.each([
    ['#foo=1', 'unknown part "foo"'],
    ['#cmd=id&step=-1', 'step "-1" is not a whole number'],
    ['#cmd=id&step=1.5', 'not a whole number'],
    ['#cmd=id&step=99999999', 'not a whole number'],
    ['#step=3', 'a step but no shell line'],
    ['#kv=9.9&cmd=id', 'kernel version "9.9" is not one of'],
    ['#cmd=id&step=1&step=2', '"step" 2 times'],
    ['#cmd=a%0Ab', 'line break'],
    ['#nobuild=selinux,Bad!', '"Bad!" in nobuild is not an LSM name'],
  ])('refuses %s with a message that names the cause', (hash, why) => {
    expect(() => parseViewUrl(hash)).toThrow(ViewUrlError);
    expect(() => parseViewUrl(hash)).toThrow(why);
  });

  test('bounds what a link may make the page do', () => {
    const many = Array.from({ length: URL_LIMITS.lines + 1 }, () => 'cmd=id').join('&');
    expect(() => parseViewUrl(many)).toThrow(`at most ${URL_LIMITS.lines} are replayed`);
    expect(() => parseViewUrl(`cmd=${'x'.repeat(URL_LIMITS.lineLength + 1)}`)).toThrow('shell line 1 is longer');
    expect(() => parseViewUrl(`cmdline=${'x'.repeat(URL_LIMITS.textLength + 1)}`)).toThrow('"cmdline" is longer');
    // Only the last lines are written when a session runs more than a link replays.
    const lines = Array.from({ length: URL_LIMITS.lines + 5 }, (_, i) => `echo ${i}`);
    expect(parseViewUrl(formatViewUrl({ lines }))?.lines).toEqual(lines.slice(5));
  });
});
