import { describe, expect, it } from 'vitest';
import { fdText, mayMaskName, MAY_EXEC, MAY_OPEN, MAY_READ, permOctal, S_IFDIR, S_IFREG } from './types';

describe('trace texts', () => {
  it('permOctal prints the permission bits as stat -c %a does, the same string each time', () => {
    expect(permOctal(S_IFDIR | 0o755)).toBe('755');
    expect(permOctal(S_IFREG | 0o4755)).toBe('4755');
    expect(permOctal(S_IFDIR | 0o1777)).toBe('1777');
    expect(permOctal(S_IFREG)).toBe('0');
    expect(permOctal(S_IFREG | 0o640)).toBe(permOctal(0o640));
  });

  it('fdText names a descriptor, small or large', () => {
    expect(fdText(0)).toBe('fd 0');
    expect(fdText(3)).toBe('fd 3');
    expect(fdText(63)).toBe('fd 63');
    expect(fdText(1024)).toBe('fd 1024');
  });

  it('mayMaskName joins the MAY_* names', () => {
    expect(mayMaskName(MAY_READ | MAY_OPEN)).toBe('MAY_READ|MAY_OPEN');
    expect(mayMaskName(MAY_EXEC)).toBe('MAY_EXEC');
    expect(mayMaskName(0)).toBe('0');
  });
});
