import { describe, expect, test } from 'vitest';
import '../models/index';
import { Engine } from '../engine/engine';
import { DEFAULT_MODULE_FILE, DEFAULT_MODULE_SOURCE } from '../engine/examples';
import { exportRustLsm, lsmCountDiff, rustLsmArchiveFiles, rustLsmBundle, type RustExport } from './exportRustLsm';

/** Loads modules into a fresh engine and returns what it learnt of each (the UserLsmSummary). */
function summaries(...modules: { fileName: string; source: string }[]) {
  const r = new Engine().load({ modules });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.lsms;
}

const file = (e: RustExport, path: string) => {
  const f = e.files.find((x) => x.path === path);
  if (!f) throw new Error(`no ${path} in ${e.files.map((x) => x.path).join(', ')}`);
  return f.content;
};

const OPEN_LOGGER = `import { Hooks, File, Result, Ok, defineLsm, LSM_ID_UNDEF, pr_info } from 'kernel';
class OpenLogger implements Hooks {
  file_open(file: File): Result {
    pr_info('open {}', file.path());
    return Ok();
  }
}
export default defineLsm(OpenLogger, 'open_logger\\0', LSM_ID_UNDEF);
`;

const BEYOND_V1 = `import { Hooks, Inode, Task, Result, Ok, SecurityBlob, defineLsm, LSM_ID_UNDEF } from 'kernel';
const seen = new SecurityBlob<{ n: number }>('task', () => ({ n: 0 }), 16);
class Watcher implements Hooks {
  task_alloc(task: Task, clone_flags: number): Result {
    return Ok();
  }
  inode_permission(inode: Inode, mask: number): Result {
    return Ok();
  }
  task_free(task: Task): void {}
}
export default defineLsm(Watcher, 'watcher\\0', LSM_ID_UNDEF);
`;

describe('exportRustLsm', () => {
  test('the default module (RustShield): impl lsm::Hooks with file_open, define_lsm!, Kconfig, Makefiles, lsm_count.h', () => {
    const [lsm] = summaries({ fileName: DEFAULT_MODULE_FILE, source: DEFAULT_MODULE_SOURCE });
    const e = exportRustLsm(lsm!);
    expect(e.warnings).toEqual([]);
    expect(e.kconfig).toBe('SECURITY_RUSTSHIELD');
    expect(e.files.map((f) => [f.path, f.kind])).toEqual([
      ['security/rustshield/rustshield.rs', 'new'],
      ['security/rustshield/Kconfig', 'new'],
      ['security/rustshield/Makefile', 'new'],
      ['security/Kconfig', 'lines'],
      ['security/Makefile', 'lines'],
      ['include/linux/lsm_count.h', 'diff'],
    ]);
    const rs = file(e, 'security/rustshield/rustshield.rs');
    expect(rs).toContain('const __LOG_PREFIX: &[u8] = b"rustshield\\0";');
    expect(rs).toContain('struct RustShield;\n\nimpl lsm::Hooks for RustShield {');
    expect(rs).toContain('    fn file_open(_file: &File) -> Result {\n        Ok(())\n    }');
    expect(rs).toContain('Port of RustShield.file_open (rustshield.ts:6)');
    expect(rs).toContain('kernel::define_lsm!(RustShield, "rustshield\\0", bindings::LSM_ID_UNDEF as u64);');
    expect(rs).not.toContain('#![no_std]');
    expect(rs).not.toContain('task_alloc');
    expect(rs).not.toContain('use kernel::task::Task;');
    expect(rs).not.toContain('NOT IN v1');
    expect(file(e, 'security/rustshield/Kconfig')).toMatch(
      /^config SECURITY_RUSTSHIELD\n\tbool "RustShield Rust LSM"\n\tdepends on SECURITY\n\tselect RUST\n\thelp\n/,
    );
    expect(file(e, 'security/rustshield/Makefile')).toBe('obj-$(CONFIG_SECURITY_RUSTSHIELD) += rustshield.o\n');
    expect(file(e, 'security/Makefile')).toBe('obj-$(CONFIG_SECURITY_RUSTSHIELD)\t+= rustshield/\n');
    expect(file(e, 'security/Kconfig')).toBe('source "security/rustshield/Kconfig"\n');
    const diff = file(e, 'include/linux/lsm_count.h');
    expect(diff).toContain('+#if IS_ENABLED(CONFIG_SECURITY_RUSTSHIELD)\n+#define RUSTSHIELD_ENABLED 1,\n');
    expect(diff).toContain('-\t\tIPE_ENABLED)\n+\t\tIPE_ENABLED\t\t\\\n+\t\tRUSTSHIELD_ENABLED)\n');
  });

  test('the log-opens example names its type and file after the module', () => {
    const [lsm] = summaries({ fileName: 'open_logger.ts', source: OPEN_LOGGER });
    const e = exportRustLsm(lsm!);
    expect(e.files[0]!.path).toBe('security/open_logger/open_logger.rs');
    expect(file(e, 'security/open_logger/open_logger.rs')).toContain(
      'kernel::define_lsm!(OpenLogger, "open_logger\\0", bindings::LSM_ID_UNDEF as u64);',
    );
    expect(e.kconfig).toBe('SECURITY_OPEN_LOGGER');
    expect(e.warnings.some((w) => w.includes('flags'))).toBe(false);
  });

  test('lsm_info flags (an exclusive module) are called out: v1 define_lsm! takes none', () => {
    const source = OPEN_LOGGER.replace(
      'LSM_ID_UNDEF, pr_info',
      'LSM_ID_UNDEF, LSM_FLAG_LEGACY_MAJOR, LSM_FLAG_EXCLUSIVE, pr_info',
    ).replace('LSM_ID_UNDEF);', 'LSM_ID_UNDEF, LSM_FLAG_LEGACY_MAJOR | LSM_FLAG_EXCLUSIVE);');
    const [lsm] = summaries({ fileName: 'open_logger.ts', source });
    expect(lsm).toMatchObject({ exclusive: true, legacyMajor: true });
    expect(exportRustLsm(lsm!).warnings).toContain(
      "LSM_FLAG_LEGACY_MAJOR | LSM_FLAG_EXCLUSIVE: the v1 define_lsm!(type, name, id) takes no flags, so the Rust LSM is not exclusive; C's DEFINE_LSM sets .flags in struct lsm_info",
    );
  });

  test('hooks beyond v1 and security blobs are left as comments and listed as warnings', () => {
    const [lsm] = summaries({ fileName: 'watcher.ts', source: BEYOND_V1 });
    const e = exportRustLsm(lsm!);
    const rs = file(e, 'security/watcher/watcher.rs');
    // task_alloc and task_free are v1 methods with the trait's signatures; task_free returns nothing.
    expect(rs).toContain('    fn task_alloc(_task: &Task, _clone_flags: u64) -> Result {\n        Ok(())\n    }');
    expect(rs).toContain('    fn task_free(_task: &Task) {\n    }');
    expect(rs).toContain('use kernel::task::Task;');
    expect(rs).not.toContain('use kernel::fs::File;');
    expect(rs).not.toMatch(/^\s*fn inode_permission/m);
    expect(rs).toContain('//   int inode_permission(struct inode *inode, int mask)  (watcher.ts:7)');
    expect(rs).toContain('//     lbs_task: 16 bytes');
    expect(e.warnings).toEqual([
      expect.stringMatching(/^inode_permission: the v1 Hooks trait has only file_open, task_alloc and task_free/),
      expect.stringMatching(/^security blobs \(task 16 bytes\): v1 has no blob support; SecurityBlob<T> is planned/),
    ]);
  });

  test('a second user LSM, an unassigned id and Linux 6.8 are called out', () => {
    const e = exportRustLsm(
      { name: 'two', id: 999, className: 'Two', fileName: 'two.ts', hooks: ['file_open'], blobs: {} },
      { userLsmCount: 2, version: '6.8' },
    );
    expect(e.warnings).toHaveLength(3);
    expect(e.warnings[0]).toMatch(/at most one Rust LSM/);
    expect(e.warnings[1]).toMatch(/id 999 is not assigned/);
    expect(e.warnings[2]).toMatch(/Linux 6\.8 has no include\/linux\/lsm_count\.h/);
    expect(e.files.some((f) => f.path === 'include/linux/lsm_count.h')).toBe(false);
    expect(file(e, 'security/two/two.rs')).toContain('kernel::define_lsm!(Two, "two\\0", 999);');
    // No bindings:: in use, so no `use kernel::bindings;` for rustc to warn about.
    expect(file(e, 'security/two/two.rs')).not.toContain('use kernel::bindings;');
  });

  test('the lsm_count.h diff is well-formed: hunk counts match the lines', () => {
    const diff = lsmCountDiff('a_very_long_lsm_name', 'SECURITY_A_VERY_LONG_LSM_NAME');
    const lines = diff.split('\n');
    const hunks: { old: number; new: number; body: string[] }[] = [];
    for (const l of lines.slice(2)) {
      const m = /^@@ -\d+,(\d+) \+\d+,(\d+) @@$/.exec(l);
      if (m) hunks.push({ old: Number(m[1]), new: Number(m[2]), body: [] });
      else if (l !== '' || hunks.at(-1)!.body.length < hunks.at(-1)!.old) hunks.at(-1)?.body.push(l);
    }
    expect(hunks).toHaveLength(2);
    for (const h of hunks) {
      const body = h.body.filter((l) => l.length > 0);
      expect(body.filter((l) => l[0] !== '+').length).toBe(h.old);
      expect(body.filter((l) => l[0] !== '-').length).toBe(h.new);
    }
    // A long macro still gets one tab before its backslash-free last argument.
    expect(diff).toContain('+\t\tA_VERY_LONG_LSM_NAME_ENABLED)');
  });

  test('the bundle puts the warnings first and every file under a header', () => {
    const [lsm] = summaries({ fileName: 'watcher.ts', source: BEYOND_V1 });
    const text = rustLsmBundle(exportRustLsm(lsm!));
    expect(text.startsWith('# Outside the v1 abstraction:\n#  - inode_permission')).toBe(true);
    expect(text).toContain('==> security/watcher/watcher.rs (new file) <==\n// SPDX-License-Identifier: GPL-2.0');
    expect(text).toContain('==> include/linux/lsm_count.h (apply with git apply) <==\n--- a/include/linux/lsm_count.h');
  });

  test('the archive never overwrites a kernel file: lines and diffs get their own names', () => {
    const [lsm] = summaries({ fileName: DEFAULT_MODULE_FILE, source: DEFAULT_MODULE_SOURCE });
    expect(rustLsmArchiveFiles(exportRustLsm(lsm!), 'rustshield').map((f) => f.path)).toEqual([
      'security/rustshield/rustshield.rs',
      'security/rustshield/Kconfig',
      'security/rustshield/Makefile',
      'security/Kconfig.add',
      'security/Makefile.add',
      'rustshield-lsm_count.h.patch',
    ]);
  });
});
