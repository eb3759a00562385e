// define_lsm!(T, "name\0", id) as Documentation/rust/lsm.rst (seed 000) describes it: the checks
// the macro and the compiler make, and the items it generates (__LSM_ID, __LSM_HOOKS,
// __lsm_init calling security_add_hooks(), __LSM_INFO in .lsm_info.init).
import { hookDefs, type HookName } from '../hooks/hookDefs';
import { inTreeLsmNames } from '../lsm/inTreeLsms';
import { LSM_FLAG_EXCLUSIVE, LSM_FLAG_LEGACY_MAJOR } from '../lsm/lsmInfo';
import * as lsmUapi from '../uapi/lsm';
import type { KernelVersion } from '../version';
import type { BlobDecl, LsmDefinitionInput } from './api';

/** The hooks of the v1 abstraction (Documentation/rust/lsm.rst, "Available hooks (v1)"). */
export const RUST_V1_HOOKS: readonly HookName[] = ['file_open', 'task_alloc', 'task_free'];

/** A problem found in a definition, tied to the module it came from. */
export interface DefineProblem {
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

/** A definition that passed the checks: what the macro would generate from. */
export interface UserLsmDefinition {
  /** lsm_id.name without the NUL. */
  readonly name: string;
  readonly id: number;
  readonly className: string;
  readonly fileName: string;
  readonly hooksClass: new () => object;
  /** The hook methods, in lsm_hook_defs.h order. */
  readonly hooks: readonly HookName[];
  readonly blobs: readonly BlobDecl[];
  /** From the optional flags argument (the C DEFINE_LSM's .flags; define_lsm! of seed 000 has none). */
  readonly legacyMajor: boolean;
  readonly exclusive: boolean;
}

const LSM_IDS: ReadonlyMap<number, string> = new Map(
  Object.entries(lsmUapi)
    .filter(([k, v]) => k.startsWith('LSM_ID_') && typeof v === 'number')
    .map(([k, v]) => [v as number, k]),
);

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

/** The closest hook name to a misspelt one, if any is close. */
export function suggestHook(name: string, version: KernelVersion): string | null {
  let best: string | null = null;
  let bestD = Math.max(2, Math.floor(name.length / 4)) + 1;
  for (const h of hookDefs(version).keys()) {
    const d = editDistance(name, h);
    if (d < bestD) [best, bestD] = [h, d];
  }
  return best;
}

/** The own and inherited method names of a class's prototype chain (not Object's). */
function methodNames(cls: new () => object): string[] {
  const names: string[] = [];
  for (let p = cls.prototype as object | null; p && p !== Object.prototype; p = Object.getPrototypeOf(p) as object) {
    for (const k of Object.getOwnPropertyNames(p)) {
      if (k === 'constructor' || names.includes(k)) continue;
      const d = Object.getOwnPropertyDescriptor(p, k);
      if (d && typeof d.value === 'function') names.push(k);
    }
  }
  return names;
}

export interface DefineContext {
  readonly version: KernelVersion;
  readonly rustV1: boolean;
  /** Names already taken by other user modules. */
  readonly taken: readonly string[];
}

/** Checks one defineLsm() call; returns the definition (if usable) and every problem found. */
export function checkDefinition(
  input: LsmDefinitionInput,
  c: DefineContext,
): { def: UserLsmDefinition | null; problems: DefineProblem[] } {
  const problems: DefineProblem[] = [];
  const error = (message: string) => problems.push({ message, severity: 'error' });
  const warn = (message: string) => problems.push({ message, severity: 'warning' });
  const cls = input.hooksClass;
  if (typeof cls !== 'function' || !(cls as { prototype?: unknown }).prototype) {
    error('defineLsm(T, name, id): T must be the class that implements Hooks');
  }
  let name = '';
  if (typeof input.name !== 'string') {
    error('defineLsm(T, name, id): name must be a string literal such as "my_lsm\\0"');
  } else if (!input.name.endsWith('\0')) {
    error(
      `the name ${JSON.stringify(input.name)} has no NUL terminator: write "${input.name}\\0" (a C string, as define_lsm! requires)`,
    );
  } else {
    name = input.name.slice(0, -1);
    if (name.includes('\0')) error('the name has a NUL before its end');
    else if (!/^[a-z0-9_]{1,32}$/.test(name))
      error(
        `the name ${JSON.stringify(name)} must be 1 to 32 of [a-z0-9_]: it is a word of the comma-separated lsm= and CONFIG_LSM lists and a line of /sys/kernel/security/lsm`,
      );
    else if (inTreeLsmNames(c.version).includes(name))
      error(`${name} is the name of an in-tree LSM; lsm_info names must be unique`);
    else if (c.taken.includes(name)) error(`another module already defines an LSM named ${name}`);
  }
  let id = 0;
  if (typeof input.id !== 'number' || !Number.isInteger(input.id) || input.id < 0) {
    error('defineLsm(T, name, id): id must be an LSM_ID_* constant; use LSM_ID_UNDEF during development');
  } else {
    id = input.id;
    const owner = LSM_IDS.get(id);
    if (id !== 0 && owner)
      error(`id ${id} is ${owner}, which belongs to another LSM; use LSM_ID_UNDEF during development`);
    else if (id !== 0)
      warn(
        `id ${id} is not assigned in include/uapi/linux/lsm.h; permanent ids are requested with the upstream patch series`,
      );
  }
  // RustShield's C registration helper (seed 001) sets .flags = LSM_FLAG_LEGACY_MAJOR | LSM_FLAG_EXCLUSIVE.
  const FLAGS = LSM_FLAG_LEGACY_MAJOR | LSM_FLAG_EXCLUSIVE;
  let flags = 0;
  if (input.flags !== undefined) {
    if (typeof input.flags !== 'number' || !Number.isInteger(input.flags) || input.flags & ~FLAGS || input.flags < 0)
      error(
        `defineLsm(T, name, id, flags): flags must be 0 or LSM_FLAG_LEGACY_MAJOR | LSM_FLAG_EXCLUSIVE, not ${String(input.flags).slice(0, 20)}`,
      );
    else flags = input.flags;
  }
  if (problems.some((p) => p.severity === 'error')) return { def: null, problems };
  const hooksClass = cls as new () => object;
  const defs = hookDefs(c.version);
  const implemented = new Set<HookName>();
  for (const m of methodNames(hooksClass)) {
    if (defs.has(m as HookName)) {
      implemented.add(m as HookName);
      continue;
    }
    const near = suggestHook(m, c.version);
    warn(
      `${hooksClass.name || 'the class'}.${m} is not an LSM hook of Linux ${c.version}, so the kernel never calls it` +
        (near ? ` (did you mean ${near}?)` : ''),
    );
  }
  const hooks = [...defs.keys()].filter((h) => implemented.has(h));
  if (c.rustV1) {
    const beyond = hooks.filter((h) => !RUST_V1_HOOKS.includes(h));
    for (const h of beyond)
      error(
        `${h}: the v1 Rust abstraction has only file_open, task_alloc and task_free (Documentation/rust/lsm.rst, Limitations (v1)); turn off "Rust v1" to use every hook`,
      );
    if (c.taken.length > 0)
      error(
        'At most one Rust LSM can be registered per kernel build with the v1 macro (its statics are not unique); turn off "Rust v1" to stack several',
      );
  }
  if (hooks.length === 0) warn('the class implements no hooks: the LSM registers nothing');
  if (problems.some((p) => p.severity === 'error')) return { def: null, problems };
  return {
    def: {
      name,
      id,
      className: hooksClass.name || 'Anonymous',
      fileName: input.fileName,
      hooksClass,
      hooks,
      blobs: input.blobs,
      legacyMajor: (flags & LSM_FLAG_LEGACY_MAJOR) !== 0,
      exclusive: (flags & LSM_FLAG_EXCLUSIVE) !== 0,
    },
    problems,
  };
}

/** What define_lsm! generates for a definition, as Rust, for the "macro expansion" view. */
export function macroExpansion(def: UserLsmDefinition): string {
  const idName = LSM_IDS.get(def.id) ?? String(def.id);
  const n = def.hooks.length;
  const blobs = new Map<string, number>();
  for (const b of def.blobs) blobs.set(b.kind, (blobs.get(b.kind) ?? 0) + b.size);
  const lines = [
    `// kernel::define_lsm!(${def.className}, "${def.name}\\0", bindings::${idName} as u64) expands to:`,
    '',
    `static __LSM_ID: LsmId = LsmId { name: c"${def.name}", id: bindings::${idName} as u64 };`,
    '',
    `static mut __LSM_HOOKS: [MaybeUninit<bindings::security_hook_list>; ${n}] = [const { MaybeUninit::uninit() }; ${n}];`,
  ];
  if (blobs.size > 0) {
    lines.push('', 'static mut __LSM_BLOB_SIZES: bindings::lsm_blob_sizes = bindings::lsm_blob_sizes {');
    for (const [k, v] of blobs) lines.push(`    lbs_${k}: ${v},`);
    lines.push('    ..bindings::lsm_blob_sizes::ZERO', '};');
  }
  lines.push(
    '',
    'unsafe extern "C" fn __lsm_init() -> c_int {',
    '    // security_hook_list has __randomize_layout: each slot is filled by the C LSM_HOOK_INIT shim.',
  );
  def.hooks.forEach((h, i) =>
    lines.push(`    rust_helper_lsm_hook_init_${h}(__LSM_HOOKS[${i}].as_mut_ptr(), __${def.name}_${h});`),
  );
  lines.push(
    `    bindings::security_add_hooks(__LSM_HOOKS.as_mut_ptr().cast(), ${n}, &__LSM_ID);`,
    '    0',
    '}',
    '',
    '#[link_section = ".lsm_info.init"]',
    '#[used]',
    'static __LSM_INFO: LsmInfo = LsmInfo {',
    '    id: &__LSM_ID,',
    '    init: Some(__lsm_init),',
    blobs.size > 0 ? '    blobs: unsafe { &raw mut __LSM_BLOB_SIZES },' : '    blobs: ptr::null_mut(),',
    ...(def.legacyMajor || def.exclusive
      ? [
          `    flags: ${[def.legacyMajor ? 'bindings::LSM_FLAG_LEGACY_MAJOR' : '', def.exclusive ? 'bindings::LSM_FLAG_EXCLUSIVE' : ''].filter(Boolean).join(' | ')},`,
        ]
      : []),
    '    ..LsmInfo::ZERO',
    '};',
  );
  for (const h of def.hooks)
    lines.push(
      '',
      `// extern "C" adapter: calls <${def.className} as Hooks>::${h}(…)`,
      `unsafe extern "C" fn __${def.name}_${h}(…) { … }`,
    );
  return lines.join('\n');
}
