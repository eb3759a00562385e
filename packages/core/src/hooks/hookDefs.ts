// The one hook table (mirrors include/linux/lsm_hook_defs.h): names, signatures, LSM_RET_DEFAULT,
// sleepability and docs for every hook of 7.1, 6.18 and 6.8. Everything about hooks derives from it.
import type { KernelVersion } from '../version';
import { HOOK_TABLE, type HookArgs } from './hookTable.gen';

export type { HookArgs } from './hookTable.gen';

type Row = (typeof HOOK_TABLE)[number];

/** The name of any hook of any modelled kernel version. */
export type HookName = Row['name'];

/** The value type a hook returns: `number` for `int` hooks, nothing for `void` hooks. */
export type HookRet<N extends HookName> = Extract<Row, { name: N }>['ret'] extends 'int' ? number : void;

/** The C function an LSM registers for hook N, as a TypeScript function. */
export type HookCallback<N extends HookName> = (...args: HookArgs[N]) => HookRet<N>;

/** A `security_hook_list` array: the hooks one LSM implements. */
export type HookImpls = { [N in HookName]?: HookCallback<N> };

export interface HookArgDef {
  readonly name: string;
  /** The C parameter type, e.g. `const struct cred *`. */
  readonly ctype: string;
  /** The TypeScript type the model passes for it. */
  readonly ts: string;
}

/** One hook as it is declared in one kernel version. */
export interface HookDef {
  readonly name: HookName;
  readonly ret: 'int' | 'void';
  /** LSM_RET_DEFAULT(name); null for void hooks. */
  readonly default: number | null;
  readonly defaultText: string;
  readonly args: readonly HookArgDef[];
  readonly sleepable: boolean;
  readonly doc: string;
  readonly caller: string | null;
  readonly group: string;
  readonly cond: readonly string[];
  /** In-tree LSMs with an LSM_HOOK_INIT for this hook in this version (the BPF stub aside). */
  readonly implementedBy: readonly string[];
  readonly versions: readonly KernelVersion[];
}

interface Variant {
  readonly ret?: 'int' | 'void';
  readonly default?: number | null;
  readonly defaultText?: string;
  readonly args?: readonly HookArgDef[];
  readonly implementedBy?: readonly string[];
}

const cache = new Map<KernelVersion, ReadonlyMap<HookName, HookDef>>();

/** All hooks of one kernel version, keyed by name, in lsm_hook_defs.h order. */
export function hookDefs(version: KernelVersion): ReadonlyMap<HookName, HookDef> {
  let m = cache.get(version);
  if (!m) {
    const built = new Map<HookName, HookDef>();
    for (const row of HOOK_TABLE) {
      if (!(row.versions as readonly string[]).includes(version)) continue;
      const v = (row.variants as Readonly<Record<string, Variant>>)[version] ?? {};
      built.set(row.name, {
        name: row.name,
        ret: v.ret ?? row.ret,
        default: v.default !== undefined ? v.default : row.default,
        defaultText: v.defaultText ?? row.defaultText,
        args: v.args ?? row.args,
        sleepable: row.sleepable,
        doc: row.doc,
        caller: row.caller,
        group: row.group,
        cond: row.cond,
        implementedBy: v.implementedBy ?? row.implementedBy,
        versions: row.versions,
      });
    }
    m = built;
    cache.set(version, m);
  }
  return m;
}

/** One hook's definition in one version, or undefined when that version has no such hook. */
export function hookDef(name: string, version: KernelVersion): HookDef | undefined {
  return hookDefs(version).get(name as HookName);
}

/** Every hook name of every version (the union), for typings that span versions. */
export const ALL_HOOK_NAMES: readonly HookName[] = HOOK_TABLE.map((r) => r.name);

/** LSM_RET_DEFAULT(hook) in a version; throws for a void hook or a hook the version lacks. */
export function lsmRetDefault(name: HookName, version: KernelVersion): number {
  const d = hookDef(name, version);
  if (!d || d.default === null) throw new Error(`${name} has no int default in ${version}`);
  return d.default;
}
