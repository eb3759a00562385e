// LoadPin (security/loadpin/loadpin.c, Documentation/admin-guide/LSM/LoadPin.rst): the first
// kernel file read through kernel_read_file() (a module by finit_module(2), firmware…) pins its
// superblock; every later read must come from the same superblock. When enforcing, a read from
// another superblock, and any load without a file (init_module(2) from a memory buffer, the
// "old API"), is refused with -EPERM. LoadPin keeps no blobs and writes no audit records: every
// decision it reports is a pr_notice() line.
import type { HookImpls } from '../../hooks/hookDefs';
import { EINVAL, EPERM } from '../../errno';
import { KERN_INFO, KERN_NOTICE } from '../../kernel/printk';
import { dointvecMinmax } from '../../kernel/sysctl';
import type { Struct } from '../../kernel/objects';
import type { LsmInitContext } from '../../lsm/lsmInfo';
import type { File, SuperBlock } from '../../machine/types';
import { dPath } from '../../machine/world';
import type { KernelVersion } from '../../version';
import { currentTask, taskComm, taskPid, type InTreeModel } from '../model';

/**
 * include/linux/kernel_read_file.h kernel_read_file_str[]: the name of each enum
 * kernel_read_file_id (7.1 adds READING_MODULE_COMPRESSED 7; enum kernel_load_data_id shares the
 * numbering, which loadpin_load_data() relies on when it casts).
 */
export function kernelReadFileStr(version: KernelVersion): readonly string[] {
  const ids = [
    'unknown',
    'firmware',
    'kernel-module',
    'kexec-image',
    'kexec-initramfs',
    'security-policy',
    'x509-certificate',
  ];
  return version === '7.1' ? [...ids, 'kernel-module-compressed'] : ids;
}

/** The block device behind a superblock (s_bdev): the image's ext4 root is vda1 (virtio-blk 254:1). */
const BLOCK_DEVICES: Readonly<Record<string, string>> = { vda1: '254:1' };

/** kstrtoint(s, 0): an optional sign, then kstrtoul's syntax, within int range. */
function kstrtoint(s: string): number | null {
  const neg = s.startsWith('-');
  const m = /^\+?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)\n?$/.exec(neg ? s.slice(1) : s);
  if (!m) return null;
  const v = Number.parseInt(
    m[1]!,
    m[1]!.startsWith('0x') || m[1]!.startsWith('0X') ? 16 : m[1]! !== '0' && m[1]!.startsWith('0') ? 8 : 10,
  );
  const r = neg ? -v : v;
  return r >= -2147483648 && r <= 2147483647 ? r : null;
}

/** kstrdup_quotable(): \f \n \r \t \v \a \e \\ and " escaped as \xNN (ESCAPE_HEX). */
function quotable(s: string): string {
  return s.replace(/[\f\n\r\t\v\x07\x1b\\"]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function loadpinInit(ctx: LsmInitContext, version: KernelVersion): { hooks: Partial<HookImpls> } {
  const readFileStr = kernelReadFileStr(version);
  // static int enforce = IS_ENABLED(CONFIG_SECURITY_LOADPIN_ENFORCE) (not set in the model's
  // build), overridden by the module parameter loadpin.enforce (param_set_int()).
  let enforce = 0;
  const enforceParam = ctx.bootParam('loadpin.enforce');
  if (enforceParam !== undefined) {
    const v = kstrtoint(enforceParam);
    if (v !== null) enforce = v;
  }
  /** pinned_root: null (nothing pinned yet), a superblock, or ERR_PTR(-EIO) after its unmount. */
  let pinnedRoot: SuperBlock | null | 'EIO' = null;
  let loadpinRootWritable = false;
  const ignoreReadFileId = new Set<number>();

  /**
   * report_load(): `LoadPin: <origin> <operation> obj="<path>" pid=<pid> cmdline="<cmdline>"`;
   * a NULL file is obj=<unknown>, unquoted.
   */
  const reportLoad = (origin: string, file: File | null, operation: string): void => {
    const pathname = file ? quotable(dPath(file.f_path)) : '<unknown>';
    const q = pathname[0] !== '<' ? '"' : '';
    const t = currentTask(ctx);
    ctx.printk(
      KERN_NOTICE,
      `LoadPin: ${origin} ${operation} obj=${q}${pathname}${q} pid=${taskPid(t)} cmdline="${quotable(taskComm(t))}"`,
    );
  };

  /** report_writable() for the superblock just pinned. */
  const reportWritable = (sb: SuperBlock, writable: boolean): void => {
    const dev = BLOCK_DEVICES[sb.s_id];
    if (dev) ctx.printk(KERN_INFO, `LoadPin: ${sb.s_id} (${dev}): ${writable ? 'writable' : 'read-only'}`);
    else ctx.printk(KERN_INFO, 'LoadPin: mnt_sb lacks block device, treating as: writable');
    if (!writable) ctx.printk(KERN_INFO, 'LoadPin: load pinning engaged.');
  };

  /** loadpin_check(): the exclusions, the old API (no file), the first pin, then the comparison. */
  const loadpinCheck = (file: File | null, id: number): number => {
    const origin = readFileStr[id] ?? 'unknown';
    if (ignoreReadFileId.has(id)) {
      reportLoad(origin, file, 'pinning-excluded');
      return 0;
    }
    if (!file) {
      if (!enforce) {
        reportLoad(origin, null, 'old-api-pinning-ignored');
        return 0;
      }
      reportLoad(origin, null, 'old-api-denied');
      return -EPERM;
    }
    const loadRoot = file.f_path.mnt.mnt_sb;
    if (pinnedRoot === null) {
      pinnedRoot = loadRoot;
      // sb_is_writable(): a block device that is not read-only; no block device counts as writable.
      // The model's disks are never read-only.
      loadpinRootWritable = true;
      reportWritable(loadRoot, loadpinRootWritable);
      reportLoad(origin, file, 'pinned');
    }
    ctx.kfunc(
      'loadpin_check',
      `${origin} from ${loadRoot.s_id}, pinned ${pinnedRoot === 'EIO' ? 'ERR_PTR(-EIO)' : pinnedRoot.s_id}`,
    );
    // dm_verity_loadpin_is_bdev_trusted(): no trusted verity digests are loaded in the model.
    if (pinnedRoot === 'EIO' || loadRoot !== pinnedRoot) {
      if (!enforce) {
        reportLoad(origin, file, 'pinning-ignored');
        return 0;
      }
      reportLoad(origin, file, 'denied');
      return -EPERM;
    }
    return 0;
  };

  ctx.printk(KERN_INFO, `LoadPin: ready to pin (currently ${enforce ? '' : 'not '}enforcing)`);
  // parse_exclude(): loadpin.exclude=<id name>[,<id name>…] (module_param_array_named, charp).
  const exclude = ctx.bootParam('loadpin.exclude');
  if (exclude !== undefined) {
    for (const cur of exclude.split(',')) {
      if (cur === '') continue;
      readFileStr.forEach((name, j) => {
        if (name !== cur) return;
        ctx.printk(KERN_INFO, `LoadPin: excluding: ${name}`);
        ignoreReadFileId.add(j);
      });
    }
  }
  // register_sysctl("kernel/loadpin", loadpin_sysctl_table): enforce, 0644, proc_handler_loadpin().
  ctx.pseudoFileCreate('proc_sys', 'kernel/loadpin/enforce', {
    mode: 0o644,
    read: () => `${enforce}\n`,
    write: (data) => {
      // proc_handler_loadpin(): no writes until a writable root is pinned, then
      // proc_dointvec_minmax() with 0..1.
      ctx.kfunc('proc_handler_loadpin', loadpinRootWritable ? 'pinned root writable' : 'no writable pinned root');
      if (!loadpinRootWritable) return -EINVAL;
      const v = dointvecMinmax(data, 0, 1);
      if (v === null) return -EINVAL;
      enforce = v;
      return data.length;
    },
  });

  const hooks: Partial<HookImpls> = {
    /**
     * loadpin_read_file() (security/loadpin/loadpin.c): only the origin of the file counts, so
     * `contents` is ignored and the file goes to loadpin_check().
     */
    kernel_read_file: (file, id) => loadpinCheck(file as unknown as File, id),
    /**
     * loadpin_load_data(): a load without a file (init_module(2), firmware from a buffer) goes
     * to loadpin_check() with a NULL file, the kernel_load_data_id cast to a kernel_read_file_id.
     */
    kernel_load_data: (id) => loadpinCheck(null, id),
    /**
     * loadpin_sb_free_security(): when the pinned superblock goes, enforcing LoadPin refuses every
     * later load (pinned_root = ERR_PTR(-EIO)); otherwise the next load pins again.
     */
    sb_free_security: (sb) => {
      if (pinnedRoot !== null && pinnedRoot !== 'EIO' && (sb as Struct) === (pinnedRoot as Struct)) {
        if (enforce) {
          pinnedRoot = 'EIO';
          ctx.printk(KERN_INFO, 'LoadPin: umount pinned fs: refusing further loads');
        } else pinnedRoot = null;
      }
    },
  };
  return { hooks };
}

export const loadpinModel: InTreeModel = {
  name: 'loadpin',
  implemented: () => ['kernel_read_file', 'kernel_load_data', 'sb_free_security'],
  notes: {
    kernel_read_file:
      'report_load() names comm for the command line (argv is not modelled); dm-verity trusted roots are not modelled',
    kernel_load_data: 'report_load() names comm for the command line (argv is not modelled)',
  },
  init: (ctx, version) => loadpinInit(ctx, version),
};
