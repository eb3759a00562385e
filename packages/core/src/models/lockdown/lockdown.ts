// Lockdown (security/lockdown/lockdown.c, Documentation/admin-guide/LSM/ kernel_lockdown.7): one
// global level, kernel_locked_down, that only rises. A feature asks security_locked_down(reason);
// the reasons of include/linux/security.h enum lockdown_reason are ordered so that every reason
// below LOCKDOWN_INTEGRITY_MAX is refused at "integrity" and every reason below
// LOCKDOWN_CONFIDENTIALITY_MAX at "confidentiality". Lockdown keeps no blobs and writes no audit
// records, only a rate-limited pr_notice.
import type { HookImpls } from '../../hooks/hookDefs';
import { EINVAL, EPERM } from '../../errno';
import { KERN_NOTICE, KERN_WARNING } from '../../kernel/printk';
import type { LsmInitContext } from '../../lsm/lsmInfo';
import { currentTask, taskComm, type InTreeModel } from '../model';

/** include/linux/security.h enum lockdown_reason (identical in 6.8, 6.18 and 7.1). */
export const LOCKDOWN_NONE = 0;
export const LOCKDOWN_MODULE_SIGNATURE = 1;
export const LOCKDOWN_INTEGRITY_MAX = 21;
export const LOCKDOWN_BPF_READ_KERNEL = 24;
export const LOCKDOWN_CONFIDENTIALITY_MAX = 30;

/** security/security.c lockdown_reasons[]: the text each reason is reported with. */
export const LOCKDOWN_REASONS: readonly string[] = [
  'none',
  'unsigned module loading',
  '/dev/mem,kmem,port',
  '/dev/efi_test access',
  'kexec of unsigned images',
  'hibernation',
  'direct PCI access',
  'raw io port access',
  'raw MSR access',
  'modifying ACPI tables',
  'modifying device tree contents',
  'direct PCMCIA CIS storage',
  'reconfiguration of serial port IO',
  'unsafe module parameters',
  'unsafe mmio',
  'debugfs access',
  'xmon write access',
  'use of bpf to write user RAM',
  'use of kgdb/kdb to write kernel RAM',
  'RTAS error injection',
  'Xen guest user action',
  'integrity',
  '/proc/kcore access',
  'use of kprobes',
  'use of bpf to read kernel RAM',
  'use of kgdb/kdb to read kernel RAM',
  'unsafe use of perf',
  'use of tracefs',
  'xmon read and write access',
  'xfrm SA secret',
  'confidentiality',
];

/** lockdown_levels[]: the three levels securityfs shows and accepts. */
const LOCKDOWN_LEVELS = [LOCKDOWN_NONE, LOCKDOWN_INTEGRITY_MAX, LOCKDOWN_CONFIDENTIALITY_MAX] as const;

function lockdownInit(ctx: LsmInitContext): { hooks: Partial<HookImpls> } {
  let kernelLockedDown = LOCKDOWN_NONE;

  /** lock_kernel_down(): only upwards; -EPERM for the current level or a lower one. */
  const lockKernelDown = (where: string, level: number): number => {
    if (kernelLockedDown >= level) return -EPERM;
    kernelLockedDown = level;
    ctx.printk(KERN_NOTICE, `Kernel is locked down from ${where}; see man kernel_lockdown.7`);
    return 0;
  };

  // lockdown_param(), early_param("lockdown"): "integrity" or "confidentiality"; anything else is
  // -EINVAL (the level stays). The kernel parses it in parse_early_param(), before the LSMs
  // initialise; the model applies it when lockdown's init runs.
  const param = ctx.bootParam('lockdown');
  if (param === 'integrity') lockKernelDown('command line', LOCKDOWN_INTEGRITY_MAX);
  else if (param === 'confidentiality') lockKernelDown('command line', LOCKDOWN_CONFIDENTIALITY_MAX);

  // lockdown_secfs_init() (initcall_core): securityfs_create_file("lockdown", 0644, NULL, …) at the
  // securityfs root.
  ctx.pseudoFileCreate('securityfs', 'lockdown', {
    mode: 0o644,
    /** lockdown_read(): each level's name, the current one in brackets, the last space a newline. */
    read: () =>
      LOCKDOWN_LEVELS.map((l) => (l === kernelLockedDown ? `[${LOCKDOWN_REASONS[l]}]` : LOCKDOWN_REASONS[l])).join(
        ' ',
      ) + '\n',
    /**
     * lockdown_write(): one trailing newline is dropped; a level name calls lock_kernel_down(
     * "securityfs", level), which refuses the current level or a lower one with -EPERM; anything
     * else is -EINVAL. No capability is asked: the file's 0644 mode (DAC) is the only gate.
     */
    write: (data) => {
      const state = (data.includes('\0') ? data.slice(0, data.indexOf('\0')) : data).replace(/\n$/, '');
      ctx.kfunc('lockdown_write', `"${state}"`);
      let err = -EINVAL;
      for (const level of LOCKDOWN_LEVELS)
        if (state === LOCKDOWN_REASONS[level]) err = lockKernelDown('securityfs', level);
      return err ? err : data.length;
    },
  });

  const hooks: Partial<HookImpls> = {
    /**
     * lockdown_is_locked_down() (security/lockdown/lockdown.c): a reason at or below the current
     * level is refused with -EPERM and a rate-limited notice naming current's comm. A reason of
     * LOCKDOWN_CONFIDENTIALITY_MAX or above is a caller's bug: WARN and -EPERM.
     */
    locked_down: (what) => {
      if (what >= LOCKDOWN_CONFIDENTIALITY_MAX) {
        ctx.printk(KERN_WARNING, 'Invalid lockdown reason');
        return -EPERM;
      }
      ctx.kfunc(
        'lockdown_is_locked_down',
        `${LOCKDOWN_REASONS[what] ?? what} (level ${LOCKDOWN_REASONS[kernelLockedDown]})`,
      );
      if (kernelLockedDown >= what) {
        const reason = LOCKDOWN_REASONS[what];
        if (reason)
          ctx.printkRatelimited(
            KERN_NOTICE,
            `Lockdown: ${taskComm(currentTask(ctx))}: ${reason} is restricted; see man kernel_lockdown.7`,
            'lockdown_is_locked_down',
          );
        return -EPERM;
      }
      return 0;
    },
  };
  return { hooks };
}

export const lockdownModel: InTreeModel = {
  name: 'lockdown',
  implemented: () => ['locked_down'],
  init: (ctx) => lockdownInit(ctx),
};
