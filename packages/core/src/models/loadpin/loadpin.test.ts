// LoadPin's rules as security/loadpin/loadpin.c (7.1.3) and Documentation/admin-guide/LSM/LoadPin.rst
// give them: the first kernel_read_file() pins its superblock (report_writable() then
// report_load("pinned")); a later read from another superblock is "denied" (-EPERM) when
// enforcing and "pinning-ignored" otherwise; a load with no file (init_module from memory) is
// "old-api-denied" when enforcing and "old-api-pinning-ignored" otherwise. loadpin.enforce is off
// unless CONFIG_SECURITY_LOADPIN_ENFORCE (not in the model's build) or the boot parameter says so.
import { describe, expect, it } from 'vitest';
import type { Struct } from '../../kernel/objects';
import type { Machine } from '../../machine/machine';
import { ALICE, ROOT, bootMachine, logSince, readFile, verdictsOf, writeFile } from '../testing';

const HELLO = '/usr/lib/modules/7.1.3/hello.ko';
const ENFORCE = '/proc/sys/kernel/loadpin/enforce';

function finit(m: Machine, path: string) {
  const fd = m.syscall(ROOT, 'openat', { path, flags: 'O_RDONLY' }).ret!;
  expect(fd).toBeGreaterThanOrEqual(0);
  const r = m.syscall(ROOT, 'finit_module', { fd });
  m.syscall(ROOT, 'close', { fd });
  return r;
}

/** A tmpfs on /mnt (a second superblock) holding a copy of hello.ko under another module name. */
function tmpfsModule(m: Machine): string {
  expect(m.syscall(ROOT, 'mkdirat', { path: '/mnt' }).ret).toBe(0);
  expect(m.syscall(ROOT, 'mount', { source: 'tmpfs', target: '/mnt', fstype: 'tmpfs' }).ret).toBe(0);
  const image = '\u007fELF name=other (module)';
  expect(writeFile(m, ROOT, '/mnt/other.ko', image, 'O_WRONLY|O_CREAT')).toBe(image.length);
  return '/mnt/other.ko';
}

describe('loadpin: not enforcing (the default)', () => {
  it('prints the init message and pins the root filesystem at the first finit_module', () => {
    const m = bootMachine();
    expect(m.dmesg()).toContain('LoadPin: ready to pin (currently not enforcing)');
    const before = m.logCount;
    const r = finit(m, HELLO);
    expect(r.ret).toBe(0);
    expect(verdictsOf(r, 'kernel_read_file')).toContain('loadpin:default');
    expect(logSince(m, before)).toEqual([
      'LoadPin: vda1 (254:1): writable',
      `LoadPin: kernel-module pinned obj="${HELLO}" pid=${ROOT} cmdline="bash"`,
    ]);
  });

  it('a module from another superblock is only reported (pinning-ignored)', () => {
    const m = bootMachine();
    finit(m, HELLO);
    const other = tmpfsModule(m);
    const before = m.logCount;
    expect(finit(m, other).ret).toBe(0);
    expect(logSince(m, before)).toEqual([
      `LoadPin: kernel-module pinning-ignored obj="${other}" pid=${ROOT} cmdline="bash"`,
    ]);
  });

  it('init_module from memory: old-api-pinning-ignored, obj=<unknown> unquoted', () => {
    const m = bootMachine();
    const before = m.logCount;
    expect(m.syscall(ROOT, 'init_module', { image: HELLO }).ret).toBe(0);
    expect(logSince(m, before)).toEqual([
      `LoadPin: kernel-module old-api-pinning-ignored obj=<unknown> pid=${ROOT} cmdline="bash"`,
    ]);
  });
});

describe('loadpin: enforcing (loadpin.enforce=1)', () => {
  it('pins the first superblock and denies a module from another one with -EPERM', () => {
    const m = bootMachine({ cmdline: 'loadpin.enforce=1' });
    expect(m.dmesg()).toContain('LoadPin: ready to pin (currently enforcing)');
    const other = tmpfsModule(m);
    expect(finit(m, HELLO).ret).toBe(0);
    const before = m.logCount;
    const r = finit(m, other);
    expect(r.errno).toBe('-EPERM');
    expect(verdictsOf(r, 'kernel_read_file')).toEqual(['loadpin:deny']);
    expect(logSince(m, before)).toEqual([`LoadPin: kernel-module denied obj="${other}" pid=${ROOT} cmdline="bash"`]);
  });

  it('whichever superblock comes first is pinned: the tmpfs module first, then the root one is denied', () => {
    const m = bootMachine({ cmdline: 'loadpin.enforce=1' });
    const other = tmpfsModule(m);
    const before = m.logCount;
    expect(finit(m, other).ret).toBe(0);
    expect(logSince(m, before)).toContain('LoadPin: mnt_sb lacks block device, treating as: writable');
    expect(finit(m, HELLO).errno).toBe('-EPERM');
  });

  it('init_module from memory is old-api-denied', () => {
    const m = bootMachine({ cmdline: 'loadpin.enforce=1' });
    const before = m.logCount;
    const r = m.syscall(ROOT, 'init_module', { image: HELLO });
    expect(r.errno).toBe('-EPERM');
    expect(verdictsOf(r, 'kernel_load_data')).toEqual(['loadpin:deny']);
    expect(logSince(m, before)).toEqual([
      `LoadPin: kernel-module old-api-denied obj=<unknown> pid=${ROOT} cmdline="bash"`,
    ]);
  });

  it('loadpin.exclude=kernel-module turns pinning off for modules', () => {
    const m = bootMachine({ cmdline: 'loadpin.enforce=1 loadpin.exclude=kernel-module' });
    expect(m.dmesg()).toContain('LoadPin: excluding: kernel-module');
    const before = m.logCount;
    expect(m.syscall(ROOT, 'init_module', { image: HELLO }).ret).toBe(0);
    expect(logSince(m, before)).toEqual([
      `LoadPin: kernel-module pinning-excluded obj=<unknown> pid=${ROOT} cmdline="bash"`,
    ]);
  });
});

describe('loadpin: sb_free_security', () => {
  /** deactivate_locked_super() of a superblock → security_sb_free() (the machine has no umount(2)). */
  function freeSuperblock(m: Machine, sb: Struct): string[] {
    const root = m.world.tasks.get(ROOT)!;
    const r = m.kernel.runSyscall({ cred: root.cred, task: root }, (ctx) => {
      ctx.free('superblock', sb);
      return 0;
    });
    return r.trace.flatMap((e) => (e.type === 'printk' ? [(e as { text: string }).text] : []));
  }

  it('enforcing: freeing the pinned superblock refuses every later load', () => {
    const m = bootMachine({ cmdline: 'loadpin.enforce=1' });
    expect(finit(m, HELLO).ret).toBe(0);
    expect(freeSuperblock(m, m.world.rootMount.mnt_sb)).toEqual(['LoadPin: umount pinned fs: refusing further loads']);
    const r = finit(m, HELLO);
    expect(r.errno).toBe('-EPERM');
  });

  it('not enforcing: the next load pins again', () => {
    const m = bootMachine();
    finit(m, HELLO);
    freeSuperblock(m, m.world.rootMount.mnt_sb);
    const before = m.logCount;
    m.syscall(ROOT, 'init_module', { image: HELLO });
    const other = tmpfsModule(m);
    finit(m, other);
    expect(logSince(m, before)).toContain(`LoadPin: kernel-module pinned obj="${other}" pid=${ROOT} cmdline="bash"`);
  });
});

describe('loadpin: the kernel.loadpin.enforce sysctl', () => {
  it('refuses writes until a writable root is pinned, then takes 0..1 from root', () => {
    const m = bootMachine();
    expect(readFile(m, ALICE, ENFORCE)).toBe('0\n');
    // proc_handler_loadpin(): loadpin_root_writable is still false.
    expect(writeFile(m, ROOT, ENFORCE, '1')).toBe(-22);
    finit(m, HELLO);
    expect(writeFile(m, ALICE, ENFORCE, '1')).toBe(-13);
    expect(writeFile(m, ROOT, ENFORCE, '2')).toBe(-22);
    expect(writeFile(m, ROOT, ENFORCE, '1\n')).toBe(2);
    expect(readFile(m, ROOT, ENFORCE)).toBe('1\n');
    expect(m.syscall(ROOT, 'init_module', { image: HELLO }).errno).toBe('-EPERM');
  });
});
