// The in-tree LSMs as their DEFINE_LSM blocks declare them (security/*/…; LSM-FACTS §1.1), in
// link order (security/Makefile), with the blob sizes they request (blobRequests.json, derived by
// hand from the structs of each version for x86_64, field by field in blobRequests.derivations.json,
// which stays out of the bundle) and the hooks they register.
import { hookDefs, type HookImpls, type HookName } from '../hooks/hookDefs';
import { EINVAL, ENOENT, EOPNOTSUPP } from '../errno';
import type { Ref, Struct } from '../kernel/objects';
import { KERN_INFO } from '../kernel/printk';
import { utf8Encode } from '../util/utf8';
import * as ids from '../uapi/lsm';
import type { KernelVersion } from '../version';
import type { LsmBlobSizes } from './blobKinds';
import BLOB_REQUESTS from './blobRequests.json';
import type { EnableParam, LsmInfo, LsmInitContext, LsmOrder } from './lsmInfo';
import { inTreeModel } from '../models/registry';

/** CONFIG_LSM defaults of security/Kconfig (7.1 and 6.18; 6.8 has the same strings without ipe). */
export const CONFIG_LSM_DEFAULTS = {
  default: 'landlock,lockdown,yama,loadpin,safesetid,selinux,smack,tomoyo,apparmor,ipe,bpf',
  DEFAULT_SECURITY_SMACK: 'landlock,lockdown,yama,loadpin,safesetid,smack,selinux,tomoyo,apparmor,ipe,bpf',
  DEFAULT_SECURITY_APPARMOR: 'landlock,lockdown,yama,loadpin,safesetid,apparmor,selinux,smack,tomoyo,ipe,bpf',
  DEFAULT_SECURITY_TOMOYO: 'landlock,lockdown,yama,loadpin,safesetid,tomoyo,ipe,bpf',
  DEFAULT_SECURITY_DAC: 'landlock,lockdown,yama,loadpin,safesetid,ipe,bpf',
} as const;

export type ConfigLsmChoice = keyof typeof CONFIG_LSM_DEFAULTS;

/** The CONFIG_LSM default string of a version for one of the Kconfig "default security" choices. */
export function defaultConfigLsm(version: KernelVersion, choice: ConfigLsmChoice = 'default'): string {
  const s = CONFIG_LSM_DEFAULTS[choice];
  return version === '6.8' ? s.replace(',ipe', '') : s;
}

interface Meta {
  readonly name: string;
  readonly id: number;
  readonly order: LsmOrder;
  readonly legacyMajor?: boolean;
  readonly exclusive?: boolean;
  readonly enabled?: { name: string; initial: number };
  readonly enableParams?: readonly EnableParam[];
  readonly source: string;
  /** What the LSM's init prints (pr_info), when it prints something. */
  readonly initMessage?: string;
  readonly versions: readonly KernelVersion[];
}

/**
 * The Kconfig option that builds each in-tree LSM (security/<lsm>/Kconfig, security/integrity/Kconfig;
 * the same symbols include/linux/lsm_count.h counts). capability has none of its own: it is built
 * whenever CONFIG_SECURITY is.
 */
const KCONFIG: Readonly<Record<string, string>> = {
  selinux: 'CONFIG_SECURITY_SELINUX',
  smack: 'CONFIG_SECURITY_SMACK',
  tomoyo: 'CONFIG_SECURITY_TOMOYO',
  apparmor: 'CONFIG_SECURITY_APPARMOR',
  yama: 'CONFIG_SECURITY_YAMA',
  loadpin: 'CONFIG_SECURITY_LOADPIN',
  safesetid: 'CONFIG_SECURITY_SAFESETID',
  lockdown: 'CONFIG_SECURITY_LOCKDOWN_LSM',
  bpf: 'CONFIG_BPF_LSM',
  landlock: 'CONFIG_SECURITY_LANDLOCK',
  ipe: 'CONFIG_SECURITY_IPE',
  ima: 'CONFIG_IMA',
  evm: 'CONFIG_EVM',
  integrity: 'CONFIG_INTEGRITY',
};

const ALL: readonly KernelVersion[] = ['7.1', '6.18', '6.8'];
const SINCE_6_9: readonly KernelVersion[] = ['7.1', '6.18'];

/** security/Makefile link order; integrity/ (ima before evm) last. */
const META: readonly Meta[] = [
  { name: 'capability', id: ids.LSM_ID_CAPABILITY, order: 'first', source: 'security/commoncap.c', versions: ALL },
  {
    name: 'selinux',
    id: ids.LSM_ID_SELINUX,
    order: 'mutable',
    legacyMajor: true,
    exclusive: true,
    enabled: { name: 'selinux_enabled_boot', initial: 1 },
    enableParams: [
      {
        key: 'selinux=',
        kind: '__setup',
        parse: 'kstrtoul',
        requires: 'CONFIG_SECURITY_SELINUX_BOOTPARAM',
        handler: 'selinux_enabled_setup',
      },
    ],
    source: 'security/selinux/hooks.c',
    initMessage: 'SELinux:  Initializing.',
    versions: ALL,
  },
  {
    name: 'smack',
    id: ids.LSM_ID_SMACK,
    order: 'mutable',
    legacyMajor: true,
    exclusive: true,
    source: 'security/smack/smack_lsm.c',
    initMessage: 'Smack:  Initializing.',
    versions: ALL,
  },
  {
    name: 'tomoyo',
    id: ids.LSM_ID_TOMOYO,
    order: 'mutable',
    legacyMajor: true,
    enabled: { name: 'tomoyo_enabled', initial: 1 },
    source: 'security/tomoyo/tomoyo.c',
    initMessage: 'TOMOYO Linux initialized',
    versions: ALL,
  },
  {
    name: 'apparmor',
    id: ids.LSM_ID_APPARMOR,
    order: 'mutable',
    legacyMajor: true,
    exclusive: true,
    enabled: { name: 'apparmor_enabled', initial: 1 },
    enableParams: [
      { key: 'apparmor=', kind: '__setup', parse: 'kstrtoul', handler: 'apparmor_enabled_setup' },
      { key: 'apparmor.enabled', kind: 'module_param', parse: 'kstrtobool', handler: 'param_set_aaintbool' },
    ],
    source: 'security/apparmor/lsm.c',
    initMessage: 'AppArmor: AppArmor initialized',
    versions: ALL,
  },
  {
    name: 'yama',
    id: ids.LSM_ID_YAMA,
    order: 'mutable',
    source: 'security/yama/yama_lsm.c',
    initMessage: 'Yama: becoming mindful.',
    versions: ALL,
  },
  {
    name: 'loadpin',
    id: ids.LSM_ID_LOADPIN,
    order: 'mutable',
    source: 'security/loadpin/loadpin.c',
    initMessage: 'LoadPin: ready to pin (currently not enforcing)',
    versions: ALL,
  },
  { name: 'safesetid', id: ids.LSM_ID_SAFESETID, order: 'mutable', source: 'security/safesetid/lsm.c', versions: ALL },
  {
    name: 'lockdown',
    id: ids.LSM_ID_LOCKDOWN,
    order: 'mutable',
    source: 'security/lockdown/lockdown.c',
    versions: ALL,
  },
  {
    name: 'bpf',
    id: ids.LSM_ID_BPF,
    order: 'mutable',
    source: 'security/bpf/hooks.c',
    initMessage: 'LSM support for eBPF active',
    versions: ALL,
  },
  {
    name: 'landlock',
    id: ids.LSM_ID_LANDLOCK,
    order: 'mutable',
    source: 'security/landlock/setup.c',
    initMessage: 'landlock: Up and running.',
    versions: ALL,
  },
  { name: 'ipe', id: ids.LSM_ID_IPE, order: 'mutable', source: 'security/ipe/ipe.c', versions: SINCE_6_9 },
  { name: 'ima', id: ids.LSM_ID_IMA, order: 'last', source: 'security/integrity/ima/ima_main.c', versions: SINCE_6_9 },
  { name: 'evm', id: ids.LSM_ID_EVM, order: 'last', source: 'security/integrity/evm/evm_main.c', versions: SINCE_6_9 },
  // 6.8: one `integrity` LSM (security/integrity/iint.c) that never calls security_add_hooks().
  { name: 'integrity', id: ids.LSM_ID_UNDEF, order: 'last', source: 'security/integrity/iint.c', versions: ['6.8'] },
];

/** The names of the in-tree LSMs of a version, in link order. */
export function inTreeLsmNames(version: KernelVersion): string[] {
  return META.filter((m) => m.versions.includes(version)).map((m) => m.name);
}

const NOT_MODELLED = (lsm: string): string =>
  `${lsm}'s policy is not modelled yet: the callback returns the hook's default`;

const CAP_CAPABLE_NOTE = 'user namespaces are not modelled: checks cap_effective against init_user_ns only';

/** commoncap.c cap_capable(): is `cap` in the cred's effective set? (init_user_ns only) */
function capCapable(cred: Struct | null, _ns: unknown, cap: number): number {
  const eff = (cred as { cap_effective?: unknown } | null)?.cap_effective ?? cred?.fields?.['cap_effective'];
  if (typeof eff !== 'bigint') return -1;
  return (eff >> BigInt(cap)) & 1n ? 0 : -1;
}

function hooksFor(
  meta: Meta,
  version: KernelVersion,
  withModels: boolean,
): { hooks: HookImpls; simplified: Partial<Record<HookName, string>> } {
  const hooks: Record<string, unknown> = {};
  const simplified: Partial<Record<HookName, string>> = {};
  const model = withModels ? inTreeModel(meta.name) : undefined;
  const modelled = new Set<string>(model?.implemented(version) ?? []);
  for (const def of hookDefs(version).values()) {
    const registered = meta.name === 'bpf' || def.implementedBy.includes(meta.name);
    if (!registered) continue;
    if (meta.name === 'capability' && def.name === 'capable') {
      hooks[def.name] = capCapable;
      simplified[def.name] = CAP_CAPABLE_NOTE;
      continue;
    }
    if (modelled.has(def.name)) {
      // The model's callback replaces this default at init; its note, if any, says what it leaves out.
      const note = model?.notes?.[def.name];
      if (note) simplified[def.name] = note;
    }
    const dflt = def.default;
    // kernel/bpf/bpf_lsm.c: the BPF LSM's stubs really do `return DEFAULT;` until a program attaches.
    hooks[def.name] = def.ret === 'void' ? () => undefined : () => dflt;
    const plumbing =
      (['getselfattr', 'cred_prepare'].includes(def.name) && ['selinux', 'apparmor', 'smack'].includes(meta.name)) ||
      (def.name === 'task_alloc' && meta.name === 'apparmor');
    if (meta.name !== 'bpf' && !plumbing && !modelled.has(def.name)) simplified[def.name] = NOT_MODELLED(meta.name);
  }
  return { hooks: hooks as HookImpls, simplified };
}

/** The per-LSM attribute plumbing of getselfattr (Documentation/userspace-api/lsm.rst). */
interface SelinuxCred {
  sid: string;
  osid: string;
  exec: string | null;
  create: string | null;
  keycreate: string | null;
  sockcreate: string | null;
}
interface AaTaskCtx {
  previous: string | null;
  onexec: string | null;
}

/**
 * Hooks that are not policy but attribute plumbing, modelled exactly: selinux_getselfattr(),
 * apparmor_getselfattr(), smack_getselfattr(), and the labels each init() gives the init cred
 * (selinux cred_init_security(): SECINITSID_KERNEL "kernel"; apparmor: the root namespace's
 * "unconfined"; smack init_task_smack(): the floor label "_").
 */
function attrHooks(name: string, ctx: LsmInitContext): { hooks: Record<string, unknown>; setup: () => void } {
  const nul = (s: string): Uint8Array => utf8Encode(`${s}\0`);
  switch (name) {
    case 'selinux':
      return {
        setup: () =>
          ctx
            .blob<SelinuxCred>('cred', ctx.currentCred())
            .set({ sid: 'kernel', osid: 'kernel', exec: null, create: null, keycreate: null, sockcreate: null }),
        hooks: {
          // selinux_cred_prepare(): *tsec = *old_tsec.
          cred_prepare: (n: Struct, old: Struct): number => {
            const v = ctx.blob<SelinuxCred>('cred', old).get();
            if (v) ctx.blob<SelinuxCred>('cred', n).set({ ...v });
            return 0;
          },
          getselfattr: (attr: number, uctx: number, size: Ref<number>, _flags: number): number => {
            const t = ctx.blob<SelinuxCred>('cred', ctx.currentCred()).get();
            if (!t) return -EINVAL;
            const sid = (
              {
                [ids.LSM_ATTR_CURRENT]: t.sid,
                [ids.LSM_ATTR_PREV]: t.osid,
                [ids.LSM_ATTR_EXEC]: t.exec,
                [ids.LSM_ATTR_FSCREATE]: t.create,
                [ids.LSM_ATTR_KEYCREATE]: t.keycreate,
                [ids.LSM_ATTR_SOCKCREATE]: t.sockcreate,
              } as Record<number, string | null>
            )[attr];
            if (sid === undefined) return -EOPNOTSUPP;
            // selinux_lsm_getattr(): an unset sid gives a zero-length value; contexts count their NUL.
            const rc = ctx.fillUserCtx(uctx, size, sid === null ? new Uint8Array(0) : nul(sid), 0);
            return rc ? rc : 1;
          },
        },
      };
    case 'apparmor':
      return {
        setup: () => {
          ctx.blob<string>('cred', ctx.currentCred()).set('unconfined');
          ctx.blob<AaTaskCtx>('task', ctx.currentTask()).set({ previous: null, onexec: null });
        },
        hooks: {
          // apparmor_cred_prepare(): set_cred_label(new, aa_get_newest_label(cred_label(old))).
          cred_prepare: (n: Struct, old: Struct): number => {
            const v = ctx.blob<string>('cred', old).get();
            if (v) ctx.blob<string>('cred', n).set(v);
            return 0;
          },
          // apparmor_task_alloc(): a new task context (no onexec or previous label).
          task_alloc: (task: Struct): number => {
            ctx.blob<AaTaskCtx>('task', task).set({ previous: null, onexec: null });
            return 0;
          },
          getselfattr: (attr: number, uctx: number, size: Ref<number>, _flags: number): number => {
            const task = ctx.blob<AaTaskCtx>('task', ctx.currentTask()).get();
            let label: string | null | undefined;
            if (attr === ids.LSM_ATTR_CURRENT) label = ctx.blob<string>('cred', ctx.currentCred()).get() ?? null;
            else if (attr === ids.LSM_ATTR_PREV) label = task?.previous ?? null;
            else if (attr === ids.LSM_ATTR_EXEC) label = task?.onexec ?? null;
            else return -EOPNOTSUPP;
            if (!label) return -ENOENT;
            // aa_getprocattr() returns the length without the NUL it writes.
            const rc = ctx.fillUserCtx(uctx, size, utf8Encode(label), 0);
            return rc < 0 ? rc : 1;
          },
        },
      };
    case 'smack':
      return {
        setup: () =>
          ctx
            .blob<{ smk_task: string; smk_forked: string }>('cred', ctx.currentCred())
            .set({ smk_task: '_', smk_forked: '_' }),
        hooks: {
          // smack_cred_prepare(): the new task_smack copies the old one's labels.
          cred_prepare: (n: Struct, old: Struct): number => {
            const v = ctx.blob<{ smk_task: string; smk_forked: string }>('cred', old).get();
            if (v) ctx.blob<{ smk_task: string; smk_forked: string }>('cred', n).set({ ...v });
            return 0;
          },
          getselfattr: (attr: number, uctx: number, size: Ref<number>, _flags: number): number => {
            if (attr !== ids.LSM_ATTR_CURRENT) return -EOPNOTSUPP;
            const skp = ctx.blob<{ smk_task: string }>('cred', ctx.currentCred()).get()?.smk_task ?? '_';
            const rc = ctx.fillUserCtx(uctx, size, nul(skp), 0);
            return rc ? rc : 1;
          },
        },
      };
    default:
      return { hooks: {}, setup: () => undefined };
  }
}

export interface InTreeOptions {
  /** CONFIG_SECURITY_LOCKDOWN_LSM_EARLY: lockdown is defined with DEFINE_EARLY_LSM. */
  readonly lockdownEarly?: boolean;
  /**
   * false: the metadata-only stack (the same LSMs, order inputs, blobs and hook registrations, but
   * every callback returns the hook's default and no model's init runs), for a first paint before
   * the models are loaded. Default true, which needs `@lsm-playground/core/models` imported.
   */
  readonly models?: boolean;
}

/** One in-tree LSM as the kernel configuration offers it: its name and the option that builds it. */
export interface LsmBuildOption {
  readonly name: string;
  /** The Kconfig symbol, or null for capability (always built with CONFIG_SECURITY). */
  readonly kconfig: string | null;
}

/** The in-tree LSMs of a version with their Kconfig symbols, in link order. */
export function lsmBuildOptions(version: KernelVersion): LsmBuildOption[] {
  return META.filter((m) => m.versions.includes(version)).map((m) => ({
    name: m.name,
    kconfig: KCONFIG[m.name] ?? null,
  }));
}

/**
 * The in-tree LSMs a build with the options of `notBuilt` set to `n` links in: those LSMs are
 * simply absent from .lsm_info.init, so CONFIG_LSM or lsm= naming them matches nothing.
 * capability cannot be left out.
 */
export function builtInLsms(version: KernelVersion, notBuilt: readonly string[], opts: InTreeOptions = {}): LsmInfo[] {
  const out = new Set(notBuilt);
  return inTreeLsms(version, opts).filter((l) => l.order === 'first' || !out.has(l.name));
}

/** The in-tree LSMs of one version as LsmInfo records, in link order. */
export function inTreeLsms(version: KernelVersion, opts: InTreeOptions = {}): LsmInfo[] {
  const blobs = (BLOB_REQUESTS as unknown as Record<string, Record<string, LsmBlobSizes>>)[version] ?? {};
  return META.filter((m) => m.versions.includes(version)).map((m) => {
    const withModels = opts.models ?? true;
    const { hooks, simplified } =
      m.name === 'integrity' ? { hooks: {}, simplified: {} } : hooksFor(m, version, withModels);
    const req = blobs[m.name] ?? {};
    const info: LsmInfo = {
      name: m.name,
      id: m.id,
      order: m.order,
      ...(m.name === 'lockdown' && opts.lockdownEarly ? { early: true } : {}),
      ...(m.legacyMajor ? { legacyMajor: true } : {}),
      ...(m.exclusive ? { exclusive: true } : {}),
      enabled: m.enabled ?? null,
      ...(m.enableParams ? { enableParams: m.enableParams } : {}),
      blobs: Object.keys(req).length > 0 ? { ...req } : null,
      hooks,
      simplified,
      source: m.source,
      init: (ctx: LsmInitContext) => {
        const model = withModels ? inTreeModel(m.name) : undefined;
        if (model) {
          // The model's init prints what the module's init prints (its initMessage included).
          const r = model.init(ctx, version);
          ctx.securityAddHooks({ ...hooks, ...r.hooks } as HookImpls);
          return r.rc ?? 0;
        }
        const attr = attrHooks(m.name, ctx);
        attr.setup();
        if (m.name !== 'integrity') ctx.securityAddHooks({ ...hooks, ...(attr.hooks as HookImpls) });
        if (m.initMessage) ctx.printk(KERN_INFO, m.initMessage);
        return 0;
      },
    };
    return info;
  });
}
