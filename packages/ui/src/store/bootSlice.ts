// The boot slice: what the user would type at a boot loader (kernel, CONFIG_LSM, command line)
// and the kernel the last reboot produced. The only place in the UI that calls core's boot().
import {
  boot,
  builtInLsms,
  defaultConfigLsm,
  distroPreset,
  inTreeModelsLoaded,
  type Kernel,
  type KernelVersion,
} from '@lsm-playground/core';
import type { StateCreator } from 'zustand/vanilla';
import type { PlaygroundState } from './createPlaygroundStore';

/** What a boot reads: the kernel build and its command line. */
export interface BootInputs {
  readonly kernelVersion: KernelVersion;
  /** CONFIG_LSM of the kernel build. */
  readonly configLsm: string;
  /** The kernel command line, as a boot loader entry passes it. */
  readonly cmdline: string;
  /**
   * In-tree LSMs whose Kconfig option is off (`# CONFIG_SECURITY_SELINUX is not set`), by name.
   * Names the selected version does not have are ignored; capability is always built.
   */
  readonly notBuilt: readonly string[];
  /**
   * The policy each LSM's userspace loads at boot, by LSM name (SELinux policy, AppArmor profiles,
   * Smack rules…): init writes it to the LSM's load file after the machine is up.
   */
  readonly policies: Readonly<Record<string, string>>;
}

export interface BootSlice extends BootInputs {
  /** The distribution preset the inputs came from, until one of them is edited (null: custom). */
  readonly presetId: string | null;
  /** The kernel the last successful reboot produced; inputs edited since then are not in it. */
  readonly kernel: Kernel;
  /** Set when the last reboot threw; the previous kernel stays on screen. */
  readonly bootError: string | null;
  /** Incremented by every successful boot, so views can tell reboots apart. */
  readonly bootCount: number;
  setCmdline(cmdline: string): void;
  setConfigLsm(configLsm: string): void;
  /** Sets (or, with null, removes) the boot policy of one LSM (takes effect at the next reboot). */
  setPolicy(lsm: string, text: string | null): void;
  /** Sets every boot input at once (a shared link, saved work); reboot() applies them. */
  setBootInputs(inputs: BootInputs, presetId: string | null): void;
  /** Takes a distribution preset's build, command line and policies, and reboots. */
  applyPreset(id: string): void;
  /** Builds an in-tree LSM into the kernel or leaves it out (takes effect at the next reboot). */
  setBuilt(name: string, built: boolean): void;
  /** Picks another kernel; a CONFIG_LSM still at the old version's default follows the new default. */
  setKernelVersion(kernelVersion: KernelVersion): void;
  /** Restores CONFIG_LSM to the Kconfig default of the selected kernel version. */
  resetConfigLsm(): void;
  /** Boots a fresh kernel from the current inputs, and the engine's too once modules were run. */
  reboot(): void;
}

/** The defaults of a stock build: Linux 7.1, the Kconfig CONFIG_LSM default, an empty command line. */
export function defaultBootInputs(kernelVersion: KernelVersion = '7.1'): BootInputs {
  return { kernelVersion, configLsm: defaultConfigLsm(kernelVersion), cmdline: '', notBuilt: [], policies: {} };
}

type BootResult = { readonly kernel: Kernel; readonly error: null } | { readonly kernel: null; readonly error: string };

function tryBoot(inputs: BootInputs): BootResult {
  try {
    const { kernelVersion, configLsm, cmdline, notBuilt, policies } = inputs;
    // Until the models' chunk has loaded (right after the first paint), the stack is booted from
    // the modules' metadata: the same LSMs, order and hook heads; loadModels() boots it again.
    const lsms = builtInLsms(kernelVersion, notBuilt, { models: inTreeModelsLoaded() });
    return {
      kernel: boot({ kernelVersion, configLsm, cmdline, policies, lsms }),
      error: null,
    };
  } catch (e) {
    return { kernel: null, error: e instanceof Error ? e.message : String(e) };
  }
}

/** Creates the boot slice, booted once from `initial` (or from the defaults if that boot throws). */
export function createBootSlice(initial: BootInputs): StateCreator<PlaygroundState, [], [], BootSlice> {
  return (set, get) => {
    const first = tryBoot(initial);
    const kernel = first.kernel ?? boot(defaultBootInputs(initial.kernelVersion));
    // The inputs of the kernel on screen, to boot again once the models are in.
    let booted: BootInputs = first.kernel ? initial : defaultBootInputs(initial.kernelVersion);
    if (!inTreeModelsLoaded()) {
      // The first paint shows the metadata-only stack; the models' chunk follows, and the same
      // inputs boot again with the modules' policies and init messages (not a new boot number).
      void import('@lsm-playground/core/models').then(() => {
        const again = tryBoot(booted);
        if (again.kernel) set({ kernel: again.kernel });
      });
    }
    return {
      ...initial,
      kernel,
      bootError: first.error,
      bootCount: 1,
      presetId: null,
      setCmdline: (cmdline) => set({ cmdline, presetId: null }),
      setConfigLsm: (configLsm) => set({ configLsm, presetId: null }),
      setBuilt: (name, built) => {
        const rest = get().notBuilt.filter((n) => n !== name);
        set({ notBuilt: built ? rest : [...rest, name], presetId: null });
      },
      setPolicy: (lsm, text) => {
        const { [lsm]: _old, ...rest } = get().policies;
        set({ policies: text === null ? rest : { ...rest, [lsm]: text }, presetId: null });
      },
      setBootInputs: (inputs, presetId) =>
        set({
          kernelVersion: inputs.kernelVersion,
          configLsm: inputs.configLsm,
          cmdline: inputs.cmdline,
          notBuilt: [...inputs.notBuilt],
          policies: { ...inputs.policies },
          presetId,
        }),
      applyPreset: (id) => {
        const p = distroPreset(id);
        if (!p) return;
        set({
          kernelVersion: p.kernelVersion,
          configLsm: p.configLsm,
          cmdline: p.cmdline,
          notBuilt: [...p.notBuilt],
          policies: { ...p.policies },
        });
        get().reboot();
        set({ presetId: id });
      },
      setKernelVersion: (kernelVersion) => {
        const { configLsm, kernelVersion: previous } = get();
        const followDefault = configLsm === defaultConfigLsm(previous);
        set(
          followDefault
            ? { kernelVersion, configLsm: defaultConfigLsm(kernelVersion), presetId: null }
            : { kernelVersion, presetId: null },
        );
      },
      resetConfigLsm: () => set({ configLsm: defaultConfigLsm(get().kernelVersion), presetId: null }),
      reboot: () => {
        const { kernelVersion, configLsm, cmdline, notBuilt, policies, bootCount, engineStatus } = get();
        const inputs = { kernelVersion, configLsm, cmdline, notBuilt, policies };
        const result = tryBoot(inputs);
        if (result.kernel) {
          booted = inputs;
          set({ kernel: result.kernel, bootError: null, bootCount: bootCount + 1 });
        } else set({ bootError: result.error });
        // The engine's kernel (the one with the user's modules) boots from the same inputs: once
        // modules were run, a reboot boots that one again too, so the shell sees the new stack.
        if (engineStatus !== 'idle') void get().loadModules();
      },
    };
  };
}
