// Each preset boots, and boots the stack its description promises.
import { describe, expect, it } from 'vitest';
import { builtInLsms } from '../lsm/inTreeLsms';
import { Machine } from '../machine/machine';
import { distroPresets } from './presets';

const boot = (id: string) => {
  const p = distroPresets().find((x) => x.id === id)!;
  return Machine.boot({
    kernelVersion: p.kernelVersion,
    configLsm: p.configLsm,
    cmdline: p.cmdline,
    lsms: builtInLsms(p.kernelVersion, p.notBuilt),
    policies: p.policies,
  });
};

describe('distribution presets', () => {
  it('have unique ids and every one boots without a failed policy load', () => {
    const ids = distroPresets().map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      const m = boot(id);
      expect(m.kernel.panic, id).toBeNull();
      expect(
        m.bootPolicyResults.filter((r) => r.rc < 0),
        id,
      ).toEqual([]);
    }
  });

  it('give the orders a 7.1 kernel makes of their CONFIG_LSM strings', () => {
    expect(boot('ubuntu').kernel.order).toEqual([
      'capability',
      'landlock',
      'lockdown',
      'yama',
      'apparmor',
      'ima',
      'evm',
    ]);
    expect(boot('fedora').kernel.order).toEqual([
      'capability',
      'lockdown',
      'yama',
      'selinux',
      'bpf',
      'landlock',
      'ipe',
      'ima',
      'evm',
    ]);
    expect(boot('android').kernel.order).toEqual(['capability', 'yama', 'selinux', 'bpf', 'ima', 'evm']);
    expect(boot('minimal').kernel.order).toEqual(['capability']);
  });
});
