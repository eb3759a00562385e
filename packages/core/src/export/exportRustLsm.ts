// "Export as a Rust LSM": the kernel files the seed's guide (Documentation/rust/lsm.rst, seed 000)
// says a Rust LSM needs, generated from what the engine learnt loading the user's module (its
// UserLsmSummary): `impl lsm::Hooks` with the v1 methods the module uses, `define_lsm!`, the
// Kconfig entry, the Makefiles and the include/linux/lsm_count.h hunk. Everything the v1
// abstraction cannot express (other hooks, security blobs, a second Rust LSM) is called out.
import { hookDef } from '../hooks/hookDefs';
import type { LsmBlobSizes } from '../lsm/blobKinds';
import * as lsmUapi from '../uapi/lsm';
import { DEFAULT_KERNEL_VERSION, type KernelVersion } from '../version';
import { RUST_V1_HOOKS } from '../engine/defineLsm';

/** What the export reads of a loaded module (a UserLsmSummary fits). */
export interface RustExportInput {
  /** lsm_id.name without the NUL. */
  readonly name: string;
  readonly id: number;
  readonly className: string;
  readonly fileName: string;
  /** The hooks the class implements, in lsm_hook_defs.h order. */
  readonly hooks: readonly string[];
  readonly blobs: LsmBlobSizes;
  /** Each hook method's line in the module, for pointing at the code to port. */
  readonly hookLines?: Readonly<Record<string, number>>;
  /** lsm_info flags the module asked for (defineLsm's fourth argument). */
  readonly legacyMajor?: boolean;
  readonly exclusive?: boolean;
}

export interface RustExportOptions {
  readonly version?: KernelVersion;
  /** How many user LSMs the playground loaded (v1 allows one Rust LSM per build). */
  readonly userLsmCount?: number;
}

/** `new`: a file to create; `lines`: lines to add to an existing file; `diff`: a unified diff to apply. */
export type RustExportFileKind = 'new' | 'lines' | 'diff';

export interface RustExportFile {
  readonly path: string;
  readonly kind: RustExportFileKind;
  readonly content: string;
}

export interface RustExport {
  /** The Kconfig symbol without CONFIG_: SECURITY_MY_LSM. */
  readonly kconfig: string;
  readonly files: readonly RustExportFile[];
  /** Everything in the module the v1 abstraction cannot express, one sentence each. */
  readonly warnings: readonly string[];
}

/** The Rust signature of each v1 hook, as the seed's `pub trait Hooks` declares it. */
const V1_SIGNATURES: Readonly<Record<string, { params: string; ret: string; body: string; note: string }>> = {
  file_open: {
    params: '_file: &File',
    ret: ' -> Result',
    body: 'Ok(())',
    note: 'Ok(()) allows the open; Err(EACCES) denies it.',
  },
  task_alloc: {
    params: '_task: &Task, _clone_flags: u64',
    ret: ' -> Result',
    body: 'Ok(())',
    note: 'clone_flags holds the CLONE_* flags; Err(e) denies the new task.',
  },
  task_free: {
    params: '_task: &Task',
    ret: '',
    body: '',
    note: 'Runs where the kernel must not sleep: no msleep, no GFP_KERNEL allocation.',
  },
};

const LSM_ID_NAMES: ReadonlyMap<number, string> = new Map(
  Object.entries(lsmUapi)
    .filter(([k, v]) => k.startsWith('LSM_ID_') && typeof v === 'number')
    .map(([k, v]) => [v as number, k]),
);

/** The column lsm_count.h aligns its line-continuation backslashes to (tabs of 8). */
const COUNT_BACKSLASH_COLUMN = 40;
/** The column security/Makefile aligns `+=` to. */
const MAKEFILE_COLUMN = 40;

function tabsTo(from: number, column: number): string {
  let tabs = '';
  let c = from;
  do {
    tabs += '\t';
    c = (Math.floor(c / 8) + 1) * 8;
  } while (c < column);
  return tabs;
}

/**
 * The include/linux/lsm_count.h hunk (Linux 6.12 and later): a `<NAME>_ENABLED` macro after the
 * last LSM's (IPE's), and that macro as the last argument of COUNT_LSMS in MAX_LSM_COUNT. The
 * context lines and line numbers are those of the upstream header (its tail has not changed since
 * IPE joined the count; the diff was checked with git apply against torvalds/linux).
 */
export function lsmCountDiff(name: string, kconfig: string): string {
  const macro = `${name.toUpperCase()}_ENABLED`;
  const added = [`#if IS_ENABLED(CONFIG_${kconfig})`, `#define ${macro} 1,`, '#else', `#define ${macro}`, '#endif', ''];
  const ipe = `\t\tIPE_ENABLED${tabsTo(16 + 'IPE_ENABLED'.length, COUNT_BACKSLASH_COLUMN)}\\`;
  return [
    '--- a/include/linux/lsm_count.h',
    '+++ b/include/linux/lsm_count.h',
    `@@ -102,6 +102,${6 + added.length} @@`,
    ' #define IPE_ENABLED',
    ' #endif',
    ' ',
    ...added.map((l) => `+${l}`),
    ' /*',
    '  *  There is a trailing comma that we need to be accounted for. This is done by',
    '  *  using a skipped argument in __COUNT_LSMS',
    `@@ -124,7 +${124 + added.length},8 @@`,
    `${' '}\t\tLANDLOCK_ENABLED\t\\`,
    `${' '}\t\tIMA_ENABLED\t\t\\`,
    `${' '}\t\tEVM_ENABLED\t\t\\`,
    '-\t\tIPE_ENABLED)',
    `+${ipe}`,
    `+\t\t${macro})`,
    ' ',
    ' #else',
    ' ',
    '',
  ].join('\n');
}

/** A Rust type name for the class (the class name when it is one). */
function rustTypeName(className: string, name: string): string {
  if (/^[A-Z][A-Za-z0-9]*$/.test(className)) return className;
  return name
    .split('_')
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

/** The C prototype of a hook, from the hook table: `int inode_permission(struct inode *inode, int mask)`. */
function cPrototype(hook: string, version: KernelVersion): string {
  const d = hookDef(hook, version);
  if (!d) return `${hook}(…)`;
  const args = d.args.map((a) => `${a.ctype}${a.ctype.endsWith('*') ? '' : ' '}${a.name}`).join(', ');
  return `${d.ret} ${hook}(${args})`;
}

/** Generates the kernel files of a Rust LSM for one loaded user module. */
export function exportRustLsm(lsm: RustExportInput, options: RustExportOptions = {}): RustExport {
  const version = options.version ?? DEFAULT_KERNEL_VERSION;
  const { name } = lsm;
  const kconfig = `SECURITY_${name.toUpperCase()}`;
  const type = rustTypeName(lsm.className, name);
  const warnings: string[] = [];
  const supported = lsm.hooks.filter((h) => RUST_V1_HOOKS.includes(h as (typeof RUST_V1_HOOKS)[number]));
  const unsupported = lsm.hooks.filter((h) => !supported.includes(h));
  const where = (h: string) => {
    const line = lsm.hookLines?.[h];
    return line ? `${lsm.fileName}:${line}` : lsm.fileName;
  };

  for (const h of unsupported)
    warnings.push(
      `${h}: the v1 Hooks trait has only file_open, task_alloc and task_free (Documentation/rust/lsm.rst, "Limitations (v1)"); it is left as a comment in ${name}.rs`,
    );
  const blobs = Object.entries(lsm.blobs).filter(([, size]) => (size ?? 0) > 0);
  if (blobs.length > 0)
    warnings.push(
      `security blobs (${blobs.map(([k, s]) => `${k} ${s} bytes`).join(', ')}): v1 has no blob support; SecurityBlob<T> is planned for v2`,
    );
  if ((options.userLsmCount ?? 1) > 1)
    warnings.push(
      'at most one Rust LSM can be registered per kernel build with the v1 define_lsm! (its statics are not unique): build one of the modules per kernel',
    );
  if (lsm.hooks.length === 0) warnings.push('the class implements no hooks: the LSM registers nothing');
  const flags = [lsm.legacyMajor ? 'LSM_FLAG_LEGACY_MAJOR' : '', lsm.exclusive ? 'LSM_FLAG_EXCLUSIVE' : ''].filter(
    Boolean,
  );
  if (flags.length > 0)
    warnings.push(
      `${flags.join(' | ')}: the v1 define_lsm!(type, name, id) takes no flags, so the Rust LSM is not ${lsm.exclusive ? 'exclusive' : 'a legacy major'}; C's DEFINE_LSM sets .flags in struct lsm_info`,
    );
  const idName = LSM_ID_NAMES.get(lsm.id);
  const idExpr = idName ? `bindings::${idName} as u64` : `${lsm.id}`;
  if (!idName)
    warnings.push(
      `id ${lsm.id} is not assigned in include/uapi/linux/lsm.h: use LSM_ID_UNDEF during development and request a permanent id with the upstream patch series`,
    );
  if (version === '6.8')
    warnings.push(
      'Linux 6.8 has no include/linux/lsm_count.h: count the LSM in LSM_CONFIG_COUNT in security/security.c instead (the hunk is for 6.12 and later)',
    );

  const uses = idName ? ['use kernel::bindings;'] : [];
  if (supported.includes('file_open')) uses.push('use kernel::fs::File;');
  uses.push('use kernel::lsm;', 'use kernel::prelude::*;');
  if (supported.some((h) => h === 'task_alloc' || h === 'task_free')) uses.push('use kernel::task::Task;');

  const rs: string[] = [
    '// SPDX-License-Identifier: GPL-2.0',
    '',
    `//! ${type}: the LSM \`${name}\`, exported from the LSM Playground (${lsm.fileName}).`,
    '//!',
    '//! Written against the kernel::lsm abstraction as Documentation/rust/lsm.rst (v1) describes it.',
    '//! The hook bodies are to be ported from the TypeScript methods named in each comment.',
    '',
    `const __LOG_PREFIX: &[u8] = b"${name}\\0";`,
    '',
    ...uses,
    '',
  ];
  if (blobs.length > 0) {
    rs.push('// NOT IN v1: security blobs. The module reserves', '//');
    for (const [k, s] of blobs) rs.push(`//     lbs_${k}: ${s} bytes`);
    rs.push('//', '// v1 has no blob support; SecurityBlob<T> is planned for v2 (Documentation/rust/lsm.rst).');
  }
  rs.push(`struct ${type};`, '', `impl lsm::Hooks for ${type} {`);
  supported.forEach((h, i) => {
    const sig = V1_SIGNATURES[h]!;
    if (i > 0) rs.push('');
    rs.push(`    // Port of ${lsm.className}.${h} (${where(h)}). ${sig.note}`);
    rs.push(`    fn ${h}(${sig.params})${sig.ret} {`);
    if (sig.body) rs.push(`        ${sig.body}`);
    rs.push('    }');
  });
  if (unsupported.length > 0) {
    if (supported.length > 0) rs.push('');
    rs.push(
      '    // NOT IN v1: the module also implements these hooks, which the v1 Hooks trait does not have',
      '    // (Documentation/rust/lsm.rst, "Limitations (v1)": more hooks follow as safe Rust wrappers for',
      '    // their argument types are contributed). Their C prototypes (include/linux/lsm_hook_defs.h):',
    );
    for (const h of unsupported) rs.push(`    //   ${cPrototype(h, version)}  (${where(h)})`);
  }
  rs.push('}', '', `kernel::define_lsm!(${type}, "${name}\\0", ${idExpr});`, '');

  const hooksText = lsm.hooks.length > 0 ? lsm.hooks.join(', ') : 'no hooks';
  const kconfigFile = [
    `config ${kconfig}`,
    `\tbool "${type} Rust LSM"`,
    '\tdepends on SECURITY',
    '\tselect RUST',
    '\thelp',
    `\t  ${type}, written in Rust against kernel::lsm (hooks: ${hooksText}).`,
    `\t  Activate it by adding ${name} to the lsm= boot parameter or to`,
    '\t  CONFIG_LSM; /sys/kernel/security/lsm then lists it.',
    '',
    '\t  If you are unsure how to answer this question, answer N.',
    '',
  ].join('\n');

  const files: RustExportFile[] = [
    { path: `security/${name}/${name}.rs`, kind: 'new', content: rs.join('\n') },
    { path: `security/${name}/Kconfig`, kind: 'new', content: kconfigFile },
    { path: `security/${name}/Makefile`, kind: 'new', content: `obj-$(CONFIG_${kconfig}) += ${name}.o\n` },
    {
      path: 'security/Kconfig',
      kind: 'lines',
      content: `source "security/${name}/Kconfig"\n`,
    },
    {
      path: 'security/Makefile',
      kind: 'lines',
      content: `obj-$(CONFIG_${kconfig})${tabsTo(14 + kconfig.length, MAKEFILE_COLUMN)}+= ${name}/\n`,
    },
  ];
  if (version !== '6.8')
    files.push({ path: 'include/linux/lsm_count.h', kind: 'diff', content: lsmCountDiff(name, kconfig) });
  return { kconfig, files, warnings };
}

/** All files as one text bundle: each under a `==> path (kind) <==` header, the warnings first. */
export function rustLsmBundle(e: RustExport): string {
  const head =
    e.warnings.length > 0 ? ['# Outside the v1 abstraction:', ...e.warnings.map((w) => `#  - ${w}`), ''] : [];
  const how: Record<RustExportFileKind, string> = {
    new: 'new file',
    lines: 'add these lines beside the other LSMs',
    diff: 'apply with git apply',
  };
  return [
    ...head,
    ...e.files.flatMap((f) => [`==> ${f.path} (${how[f.kind]}) <==`, f.content.replace(/\n?$/, '\n')]),
  ].join('\n');
}

/**
 * The files as an archive extracts them over a kernel tree: new files at their paths; the lines
 * for existing files as `<path>.add` and the diff as `<name>-lsm_count.h.patch`, so that extracting
 * never overwrites a kernel file.
 */
export function rustLsmArchiveFiles(e: RustExport, name: string): { path: string; content: string }[] {
  return e.files.map((f) => ({
    path:
      f.kind === 'new' ? f.path : f.kind === 'lines' ? `${f.path}.add` : `${name}-${f.path.split('/').at(-1)!}.patch`,
    content: f.content,
  }));
}
