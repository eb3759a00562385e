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

describe('the presets’ demos', () => {
  it('Fedora-like: root (staff_t) writing /etc/shadow passes DAC and is denied by SELinux, with an AVC record', () => {
    const m = boot('fedora');
    const r = m.syscall(1001, 'openat', { path: '/etc/shadow', flags: 'O_WRONLY' });
    expect(r.errno).toBe('-EACCES');
    const avc = r.trace.find((e) => e.type === 'audit') as { typeName: string; text: string } | undefined;
    expect(avc?.typeName).toBe('AVC');
    expect(avc?.text).toMatch(
      /^avc: {2}denied {2}\{ write \} for {2}pid=1001 comm="bash" name="shadow" dev="vda1" ino=\d+ scontext=\S+:staff_t:\S+ tcontext=system_u:object_r:shadow_t:s0 tclass=file permissive=0$/,
    );
    expect(m.audit.at(-1)).toMatch(/^type=AVC msg=audit\(\d+\.\d{3}:\d+\): avc: {2}denied/);
  });

  it('Ubuntu-like: the profiles are loaded at boot and listed in securityfs', () => {
    const m = boot('ubuntu');
    const o = m.syscall(1001, 'openat', { path: '/sys/kernel/security/apparmor/profiles', flags: 'O_RDONLY' });
    const r = m.syscall(1001, 'read', { fd: o.ret!, count: 4096 });
    expect(r.out).toMatch(/python3 \(enforce\)/);
  });
});
