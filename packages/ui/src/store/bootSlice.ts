// The boot slice: what the user would type at a boot loader (kernel, CONFIG_LSM, command line)
// and the kernel the last reboot produced. The only place in the UI that calls core's boot().
import { boot, defaultConfigLsm, type Kernel, type KernelVersion } from '@lsm-playground/core';
import type { StateCreator } from 'zustand/vanilla';
import type { PlaygroundState } from './createPlaygroundStore';

/** What a boot reads: the kernel build and its command line. */
export interface BootInputs {
  readonly kernelVersion: KernelVersion;
  /** CONFIG_LSM of the kernel build. */
  readonly configLsm: string;
  /** The kernel command line, as a boot loader entry passes it. */
  readonly cmdline: string;
}

export interface BootSlice extends BootInputs {
  /** The kernel the last successful reboot produced; inputs edited since then are not in it. */
  readonly kernel: Kernel;
  /** Set when the last reboot threw; the previous kernel stays on screen. */
  readonly bootError: string | null;
  /** Incremented by every successful boot, so views can tell reboots apart. */
  readonly bootCount: number;
  setCmdline(cmdline: string): void;
  setConfigLsm(configLsm: string): void;
  /** Picks another kernel; a CONFIG_LSM still at the old version's default follows the new default. */
  setKernelVersion(kernelVersion: KernelVersion): void;
  /** Restores CONFIG_LSM to the Kconfig default of the selected kernel version. */
  resetConfigLsm(): void;
  /** Boots a fresh kernel from the current inputs. */
  reboot(): void;
}

/** The defaults of a stock build: Linux 7.1, the Kconfig CONFIG_LSM default, an empty command line. */
export function defaultBootInputs(kernelVersion: KernelVersion = '7.1'): BootInputs {
  return { kernelVersion, configLsm: defaultConfigLsm(kernelVersion), cmdline: '' };
}

type BootResult = { readonly kernel: Kernel; readonly error: null } | { readonly kernel: null; readonly error: string };

function tryBoot(inputs: BootInputs): BootResult {
  try {
    return { kernel: boot(inputs), error: null };
  } catch (e) {
    return { kernel: null, error: e instanceof Error ? e.message : String(e) };
  }
}

/** Creates the boot slice, booted once from `initial` (or from the defaults if that boot throws). */
export function createBootSlice(initial: BootInputs): StateCreator<PlaygroundState, [], [], BootSlice> {
  return (set, get) => {
    const first = tryBoot(initial);
    const kernel = first.kernel ?? boot(defaultBootInputs(initial.kernelVersion));
    return {
      ...initial,
      kernel,
      bootError: first.error,
      bootCount: 1,
      setCmdline: (cmdline) => set({ cmdline }),
      setConfigLsm: (configLsm) => set({ configLsm }),
      setKernelVersion: (kernelVersion) => {
        const { configLsm, kernelVersion: previous } = get();
        const followDefault = configLsm === defaultConfigLsm(previous);
        set(followDefault ? { kernelVersion, configLsm: defaultConfigLsm(kernelVersion) } : { kernelVersion });
      },
      resetConfigLsm: () => set({ configLsm: defaultConfigLsm(get().kernelVersion) }),
      reboot: () => {
        const { kernelVersion, configLsm, cmdline, bootCount } = get();
        const result = tryBoot({ kernelVersion, configLsm, cmdline });
        // The engine runs the shell on its own kernel: mark it stale so the next line boots it with
        // these inputs (a loaded engine would otherwise keep the old order).
        if (result.kernel)
          set({
            kernel: result.kernel,
            bootError: null,
            bootCount: bootCount + 1,
            ...(get().engineStatus === 'ready' ? { engineStatus: 'idle' as const } : {}),
          });
        else set({ bootError: result.error });
      },
    };
  };
}
