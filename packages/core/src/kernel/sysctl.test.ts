import { describe, expect, it } from 'vitest';
import { dointvecMinmax } from './sysctl';

describe('dointvecMinmax', () => {
  it('takes one base-10 integer with whitespace around it, within the bounds', () => {
    expect(dointvecMinmax('1\n', 0, 2)).toBe(1);
    expect(dointvecMinmax('  0 ', 0, 2)).toBe(0);
    expect(dointvecMinmax('+2\n', 0, 2)).toBe(2);
  });

  it('refuses what the kernel answers with -EINVAL', () => {
    expect(dointvecMinmax('3\n', 0, 2)).toBeNull();
    expect(dointvecMinmax('-1', 0, 2)).toBeNull();
    expect(dointvecMinmax('one', 0, 2)).toBeNull();
    expect(dointvecMinmax('1x', 0, 2)).toBeNull();
    expect(dointvecMinmax('', 0, 2)).toBeNull();
    expect(dointvecMinmax('99999999999999999999', 0, 2)).toBeNull();
  });
});
