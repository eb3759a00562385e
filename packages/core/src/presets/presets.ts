// Distribution presets: a kernel build (CONFIG_LSM, the LSMs built in), a command line and the
// policies the distribution's userspace loads at boot. The CONFIG_LSM strings are the ones the
// distributions ship where they are known (see `source`); `integrity` in a pre-6.9 string names
// the old integrity LSM and matches nothing in 6.9+, where ima and evm are LSM_ORDER_LAST and
// join the order on their own: the boot log shows it, as a real 7.1 boot with that string does.
import type { KernelVersion } from '../version';
import { APPARMOR_DEFAULT_POLICY } from '../models/apparmor/defaultPolicy';
import { SELINUX_FEDORA_POLICY } from '../models/selinux/defaultPolicy';

export interface DistroPreset {
  readonly id: string;
  readonly name: string;
  /** One or two sentences: what the preset shows. */
  readonly description: string;
  readonly kernelVersion: KernelVersion;
  readonly configLsm: string;
  readonly cmdline: string;
  /** In-tree LSMs left out of the build (their CONFIG_SECURITY_* is n). */
  readonly notBuilt: readonly string[];
  /** The policies init loads at boot, by LSM name (BootConfig.policies). */
  readonly policies: Readonly<Record<string, string>>;
  /** Where the CONFIG_LSM string comes from, or why it is an approximation. */
  readonly source: string;
}

/**
 * The boot policies of each preset, by preset id then LSM name: each model's default policy
 * (models/<lsm>/defaultPolicy.ts). ChromeOS's SafeSetID list lets the demo's daemons (uid 1, 104)
 * switch only to one another, as ChromeOS restricts its system services.
 */
const POLICIES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  ubuntu: { apparmor: APPARMOR_DEFAULT_POLICY },
  fedora: { selinux: SELINUX_FEDORA_POLICY },
  chromeos: { safesetid: '1:104\n104:1\n' },
  android: { selinux: SELINUX_FEDORA_POLICY },
};

const BASE: readonly Omit<DistroPreset, 'policies'>[] = [
  {
    id: 'upstream',
    name: 'Upstream defaults',
    description:
      'The Kconfig defaults of Linux 7.1: every in-tree LSM built, CONFIG_LSM as security/Kconfig has it, no policy loaded.',
    kernelVersion: '7.1',
    configLsm: 'landlock,lockdown,yama,loadpin,safesetid,selinux,smack,tomoyo,apparmor,ipe,bpf',
    cmdline: '',
    notBuilt: [],
    source: 'security/Kconfig (config LSM, default when DEFAULT_SECURITY_SELINUX is not chosen)',
  },
  {
    id: 'ubuntu',
    name: 'Ubuntu-like (AppArmor)',
    description:
      'AppArmor as the major LSM with profiles loaded at boot by apparmor_parser, beside Landlock, Lockdown and Yama.',
    kernelVersion: '7.1',
    configLsm: 'landlock,lockdown,yama,integrity,apparmor',
    cmdline: '',
    notBuilt: [],
    source: 'Ubuntu generic kernels (debian.master/config/annotations: CONFIG_LSM)',
  },
  {
    id: 'fedora',
    name: 'Fedora-like (SELinux)',
    description:
      'SELinux enforcing with a targeted-style policy loaded by systemd, beside Lockdown, Yama, the BPF LSM, Landlock and IPE.',
    kernelVersion: '7.1',
    configLsm: 'lockdown,yama,integrity,selinux,bpf,landlock,ipe',
    cmdline: '',
    notBuilt: [],
    source: 'Fedora kernel config (kernel-x86_64-fedora.config: CONFIG_LSM), as quoted on LKML in 2025',
  },
  {
    id: 'chromeos',
    name: 'ChromeOS-like',
    description:
      'LoadPin pins module loading to the root filesystem, SafeSetID restricts uid changes of system services, Yama and Landlock, SELinux for the Android container. ChromeOS’s own out-of-tree LSM is not modelled.',
    kernelVersion: '7.1',
    configLsm: 'lockdown,yama,loadpin,safesetid,integrity,landlock,selinux,bpf',
    cmdline: 'loadpin.enforce=1',
    notBuilt: ['smack', 'tomoyo', 'apparmor', 'ipe'],
    source: 'an approximation: the in-tree LSMs ChromeOS kernels enable, in CONFIG_LSM order',
  },
  {
    id: 'android',
    name: 'Android-like',
    description:
      'SELinux is the only MAC module built (as in GKI kernels), under the long CONFIG_LSM string older kernels defaulted to: names of LSMs that are not built match nothing. The policy is the playground’s Fedora-like one; Android’s own sepolicy is not modelled.',
    kernelVersion: '7.1',
    configLsm: 'lockdown,yama,loadpin,safesetid,integrity,selinux,smack,tomoyo,apparmor,bpf',
    cmdline: '',
    notBuilt: ['smack', 'tomoyo', 'apparmor', 'landlock', 'ipe', 'loadpin', 'safesetid', 'lockdown'],
    source:
      'the pre-6.x Kconfig default with SELinux as default security, as Android kernel trees carry it; GKI builds SELinux only',
  },
  {
    id: 'minimal',
    name: 'Minimal',
    description:
      'Only the capability module: CONFIG_SECURITY with no other LSM built, the stack a user module joins alone.',
    kernelVersion: '7.1',
    configLsm: '',
    cmdline: '',
    notBuilt: [
      'selinux',
      'smack',
      'tomoyo',
      'apparmor',
      'yama',
      'loadpin',
      'safesetid',
      'lockdown',
      'bpf',
      'landlock',
      'ipe',
      'ima',
      'evm',
    ],
    source: 'a build with every CONFIG_SECURITY_* LSM option off',
  },
];

/** The presets, with the policies registered for them. */
export function distroPresets(): DistroPreset[] {
  return BASE.map((p) => ({ ...p, policies: { ...(POLICIES[p.id] ?? {}) } }));
}

export function distroPreset(id: string): DistroPreset | undefined {
  return distroPresets().find((p) => p.id === id);
}
