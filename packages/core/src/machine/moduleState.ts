// The loaded kernel modules of one machine (kernel/module/main.c `modules` list): what
// init_module(2)/finit_module(2) add, keyed by module name, in load order.
import type { World } from './world';

/** One entry of the `modules` list (struct module, the parts the model keeps). */
export interface LoadedModule {
  readonly name: string;
  /** info->len after the signature was stripped. */
  readonly size: number;
  /** The uargs string (module parameters). */
  readonly params: string;
  /** info->sig_ok: a valid appended signature was found (module_sig_check()). */
  readonly sigOk: boolean;
  /** Which syscall loaded it. */
  readonly via: 'init_module' | 'finit_module';
  /** The loading task's pid. */
  readonly pid: number;
  /** MODULE_STATE_LIVE once do_init_module() finished (always, in the model). */
  readonly state: 'Live';
}

const MODULES = new WeakMap<World, Map<string, LoadedModule>>();

/** The machine's module list (find_module_all() searches it by name). */
export function moduleList(world: World): Map<string, LoadedModule> {
  let m = MODULES.get(world);
  if (!m) {
    m = new Map();
    MODULES.set(world, m);
  }
  return m;
}

/** /proc/modules as kernel/module/procfs.c m_show() prints it (refcount and address are 0 here). */
export function procModules(world: World): string {
  return [...moduleList(world).values()]
    .reverse()
    .map((m) => `${m.name} ${m.size} 0 - ${m.state} 0x0000000000000000${m.sigOk ? '' : ' (E)'}`)
    .join('\n');
}
