/** The kernel versions whose LSM framework the model follows. */
export const KERNEL_VERSIONS = ['7.1', '6.18', '6.8'] as const;
export type KernelVersion = (typeof KERNEL_VERSIONS)[number];
export const DEFAULT_KERNEL_VERSION: KernelVersion = '7.1';

/** True for the 7.x framework (security/lsm_init.c); 6.x keeps the older security.c init. */
export function hasLsmInit(v: KernelVersion): boolean {
  return v === '7.1';
}
