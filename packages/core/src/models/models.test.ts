// The model registry and the plumbing models use: every model implements only hooks its real
// module registers (so the hook heads of a default boot list what the real kernel's do), init
// returns exactly the hooks a model claims, pseudo files appear in (and leave) the VFS, boot
// policies are written by init, and the policy syscalls reach a model's handler.
import { describe, expect, it } from 'vitest';
import { boot } from '../boot/boot';
import { hookDefs, type HookImpls } from '../hooks/hookDefs';
import { inTreeLsms } from '../lsm/inTreeLsms';
import type { LsmInfo, LsmInitContext } from '../lsm/lsmInfo';
import { Machine } from '../machine/machine';
import { KERNEL_VERSIONS } from '../version';
import { inTreeModels } from './index';
import { INIT, ROOT, ALICE, readFile, writeFile } from './testing';

describe('in-tree models', () => {
  for (const version of KERNEL_VERSIONS) {
    for (const model of inTreeModels()) {
      it(`${model.name} (${version}) implements only hooks the real module registers, and init returns exactly them`, () => {
        const lsm = inTreeLsms(version).find((l) => l.name === model.name);
        if (!lsm) return; // not in this version (ipe, ima, evm before 6.9)
        const registered = new Set(
          [...hookDefs(version).values()]
            .filter((d) => model.name === 'bpf' || d.implementedBy.includes(model.name))
            .map((d) => d.name),
        );
        const claimed = model.implemented(version);
        expect(claimed.filter((h) => !registered.has(h))).toEqual([]);
        let returned: string[] = [];
        const spy: LsmInfo = {
          ...lsm,
          init: (ctx: LsmInitContext) => {
            returned = Object.keys(model.init(ctx, version).hooks);
            return 0;
          },
        };
        // lsm=<name>: an exclusive module (selinux, smack, apparmor) boots only when it is the first one named.
        boot({
          kernelVersion: version,
          cmdline: `lsm=${model.name}`,
          lsms: inTreeLsms(version).map((l) => (l.name === model.name ? spy : l)),
        });
        expect([...returned].sort()).toEqual([...claimed].sort());
      });
    }
  }

  it('the default 7.1 boot registers, for each module, the hooks the real module registers', () => {
    const k = boot();
    for (const name of k.order) {
      const want = [...hookDefs('7.1').values()]
        .filter((d) => (name === 'bpf' ? true : d.implementedBy.includes(name)))
        .map((d) => d.name)
        .sort();
      const got = [...k.hookHeads().entries()]
        .filter(([, lsms]) => lsms.includes(name))
        .map(([h]) => h)
        .sort();
      expect(got, name).toEqual(want);
    }
  });
});

/** A test LSM with one selinuxfs-style file, a boot policy file and a system policy handler. */
function policyLsm(log: string[]): LsmInfo {
  return {
    name: 'testpol',
    id: 999,
    order: 'mutable',
    init: (ctx) => {
      let policy = '';
      const load = (text: string): number => {
        if (!text.startsWith('policy ')) return -22;
        policy = text;
        log.push(`load ${text.trim()}`);
        // A file that appears after boot, as selinuxfs booleans do at a policy load.
        ctx.pseudoFileRemove('securityfs', 'testpol/loaded');
        ctx.pseudoFileCreate('securityfs', 'testpol/loaded', { mode: 0o444, read: () => policy, write: null });
        return text.length;
      };
      ctx.pseudoFileCreate('securityfs', 'testpol/load', {
        mode: 0o600,
        read: null,
        write: (data) => (ctx.capable(33) ? load(data) : -1),
      });
      ctx.bootPolicyFile('securityfs', 'testpol/load');
      ctx.configPolicyHandler('system', (buf) => (load(new TextDecoder().decode(buf)) < 0 ? -22 : 0));
      ctx.securityAddHooks({} as HookImpls);
      return 0;
    },
  };
}

describe('pseudo files and boot policies', () => {
  it('init writes the boot policy to the file the LSM named; later files appear in the VFS', () => {
    const log: string[] = [];
    const m = Machine.boot({
      lsms: [...inTreeLsms('7.1'), policyLsm(log)],
      configLsm: 'capability,testpol',
      policies: { testpol: 'policy one\n' },
    });
    expect(log).toEqual(['load policy one']);
    expect(m.bootPolicyResults).toEqual([{ lsm: 'testpol', path: '/sys/kernel/security/testpol/load', rc: 11 }]);
    expect(readFile(m, ALICE, '/sys/kernel/security/testpol/loaded')).toBe('policy one\n');
    expect(writeFile(m, ALICE, '/sys/kernel/security/testpol/load', 'policy two')).toBe(-13);
    expect(writeFile(m, ROOT, '/sys/kernel/security/testpol/load', 'policy two')).toBe(10);
    expect(readFile(m, ALICE, '/sys/kernel/security/testpol/loaded')).toBe('policy two');
    void INIT;
  });

  it('a boot policy the LSM refuses is logged as init logs it, and the boot goes on', () => {
    const m = Machine.boot({
      lsms: [...inTreeLsms('7.1'), policyLsm([])],
      configLsm: 'capability,testpol',
      policies: { testpol: 'garbage' },
    });
    expect(m.bootPolicyResults[0]!.rc).toBe(-22);
    expect(m.dmesg()).toContain(
      'init[1]: Failed to load testpol policy into /sys/kernel/security/testpol/load: -EINVAL',
    );
  });

  it('lsm_config_system_policy reaches the handler the module registered', () => {
    const log: string[] = [];
    const m = Machine.boot({ lsms: [...inTreeLsms('7.1'), policyLsm(log)], configLsm: 'capability,testpol' });
    expect(m.syscall(ROOT, 'lsm_config_system_policy', { lsm_id: 999, policy: 'policy three' }).ret).toBe(0);
    expect(log).toEqual(['load policy three']);
    expect(m.syscall(ROOT, 'lsm_config_system_policy', { lsm_id: 999, policy: 'nope' }).errno).toBe('-EINVAL');
  });
});

describe('the metadata-only stack (the page’s first paint, before the models’ chunk arrives)', () => {
  it('has the same LSMs, order, hook heads and blob sizes as the modelled one', () => {
    for (const version of KERNEL_VERSIONS) {
      const full = boot({ kernelVersion: version, lsms: inTreeLsms(version) });
      const meta = boot({ kernelVersion: version, lsms: inTreeLsms(version, { models: false }) });
      expect(meta.order).toEqual(full.order);
      expect(meta.hookHeads()).toEqual(full.hookHeads());
      expect(meta.blobSizes).toEqual(full.blobSizes);
      expect(meta.lsms.map((l) => [l.name, l.enabled, l.position])).toEqual(
        full.lsms.map((l) => [l.name, l.enabled, l.position]),
      );
    }
  });
});
