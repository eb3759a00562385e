// The boot fixtures the Playwright specs drive through the UI, checked against boot() directly.
import { describe, expect, it } from 'vitest';
import fixtures from '../../../../e2e/fixtures/bootCases.json';
import { KERNEL_VERSIONS, type KernelVersion } from '../version';
import { boot } from './boot';

const isVersion = (v: string): v is KernelVersion => (KERNEL_VERSIONS as readonly string[]).includes(v);

describe('e2e/fixtures/bootCases.json', () => {
  it('has unique case names', () => {
    const names = fixtures.cases.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });

  for (const c of fixtures.cases) {
    it(`${c.name}: Linux ${c.kernelVersion}, cmdline "${c.cmdline}"`, () => {
      if (!isVersion(c.kernelVersion)) throw new Error(`unknown kernel version ${c.kernelVersion}`);
      const kernel = boot({ kernelVersion: c.kernelVersion, cmdline: c.cmdline });
      expect(kernel.panic).toBeNull();
      expect(kernel.order).toEqual(c.order);
      expect(kernel.readSecurityfs('/sys/kernel/security/lsm')).toBe(c.securityfs);
    });
  }
});
