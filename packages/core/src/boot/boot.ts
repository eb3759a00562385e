// boot(config): start_kernel()'s part in the LSM framework. 7.1 follows security/lsm_init.c
// (early_security_init(), security_init(), lsm_init_single(), security_add_hooks()); 6.18 and 6.8
// follow security/security.c (ordered_lsm_init(), lsm_prepare(), initialize_lsm()).
import { hookDef, type HookImpls } from '../hooks/hookDefs';
import { VirtualClock } from '../kernel/clock';
import type { Struct } from '../kernel/objects';
import { KERN_EMERG, KERN_ERR, KERN_INFO, KERN_NOTICE, KERN_WARNING } from '../kernel/printk';
import { blobKinds, type BlobKind } from '../lsm/blobKinds';
import { emptyBlobTotals, lsmPrepareBlobs } from '../lsm/blobSizes';
import { defaultConfigLsm, inTreeLsms } from '../lsm/inTreeLsms';
import type { LsmInfo, LsmInitContext, SecurityfsFile } from '../lsm/lsmInfo';
import { PseudoFiles, type PseudoFs } from '../lsm/pseudoFiles';
import { parseCmdline } from './cmdline';
import { CAP_NAMES } from '../machine/capability';
import type { BlobSlice } from '../lsm/securityBlob';
import { LsmCallbackError, type HookEntry } from '../dispatch/callHooks';
import { DEFAULT_KERNEL_VERSION, KERNEL_VERSIONS, type KernelVersion } from '../version';
import { BootLog } from './bootLog';
import { applyCmdline, type AuditBootState } from './bootParams';
import { newLsmState, lsmIsEnabled, reason, type BootReason, type LsmBootState } from './lsmState';
import { legacyPrepareEnable, lsmOrderAppend, lsmOrderParse, orderedLsmParse, type OrderContext } from './orderLsms';
import { Kernel, type KernelRuntime, type LsmStatus, type PolicyHandlers } from '../kernel';
import { SecurityBlob } from '../lsm/securityBlob';
import { ATOMIC_HOOKS, mightSleepReport } from '../kernel/atomicContext';
import { ratelimit, type RatelimitState } from '../kernel/ratelimit';
import { AUDIT_TYPES, auditStamp } from '../kernel/audit';
import { lsmFillUserCtx } from '../syscalls/lsmSyscalls';

/** Everything boot() needs; every field is optional and defaults to a stock 7.1 build. */
export interface BootConfig {
  readonly kernelVersion?: KernelVersion;
  /** The built-in LSMs in link order (default: the in-tree LSMs of the version). */
  readonly lsms?: readonly LsmInfo[];
  /** CONFIG_LSM (default: the Kconfig default of the version). */
  readonly configLsm?: string;
  /** The kernel command line. */
  readonly cmdline?: string;
  /** MAX_LSM_COUNT (default: every built-in LSM, as include/linux/lsm_count.h counts them). */
  readonly maxLsmCount?: number;
  /** Enabled Kconfig options that change the framework's behaviour. */
  readonly kconfig?: readonly string[];
  /**
   * The policy userspace loads at boot, by LSM name (SELinux policy text, AppArmor profiles, Smack
   * rules…): Machine.boot() writes each to the file its LSM named with bootPolicyFile(), as pid 1.
   */
  readonly policies?: Readonly<Record<string, string>>;
}

/** The Kconfig options the model reads, with the values a distribution kernel has. */
export const DEFAULT_KCONFIG: readonly string[] = ['CONFIG_SECURITY_SELINUX_BOOTPARAM'];

class KernelPanic extends Error {}

/** security_init()'s lsm.debug lines in 7.1, in the order it prints them (not the update order). */
const BLOB_DEBUG_71: readonly [BlobKind, string][] = [
  ['cred', 'blob(cred) size'],
  ['file', 'blob(file) size'],
  ['backing_file', 'blob(backing_file) size'],
  ['ib', 'blob(ib) size'],
  ['inode', 'blob(inode) size'],
  ['ipc', 'blob(ipc) size'],
  ['key', 'blob(key) size'],
  ['msg_msg', 'blob(msg_msg)_size'],
  ['sock', 'blob(sock) size'],
  ['superblock', 'blob(superblock) size'],
  ['perf_event', 'blob(perf_event) size'],
  ['task', 'blob(task) size'],
  ['tun_dev', 'blob(tun_dev) size'],
  ['xattr_count', 'blob(xattr) count'],
  ['bdev', 'blob(bdev) size'],
  ['bpf_map', 'blob(bpf_map) size'],
  ['bpf_prog', 'blob(bpf_prog) size'],
  ['bpf_token', 'blob(bpf_token) size'],
];
/** ordered_lsm_init()'s debug lines in 6.x (only the kinds the version has are printed). */
const BLOB_DEBUG_6X: readonly [BlobKind, string][] = [
  ['cred', 'cred blob size       = '],
  ['file', 'file blob size       = '],
  ['ib', 'ib blob size         = '],
  ['inode', 'inode blob size      = '],
  ['ipc', 'ipc blob size        = '],
  ['key', 'key blob size        = '],
  ['msg_msg', 'msg_msg blob size    = '],
  ['sock', 'sock blob size       = '],
  ['superblock', 'superblock blob size = '],
  ['perf_event', 'perf event blob size = '],
  ['task', 'task blob size       = '],
  ['tun_dev', 'tun device blob size = '],
  ['xattr_count', 'xattr slots          = '],
  ['bdev', 'bdev blob size       = '],
  ['bpf_map', 'bpf map blob size    = '],
  ['bpf_prog', 'bpf prog blob size   = '],
  ['bpf_token', 'bpf token blob size  = '],
];

/** Boots the LSM framework and returns the kernel: order, blobs, hook heads, log and syscalls. */
export function boot(config: BootConfig = {}): Kernel {
  const version = config.kernelVersion ?? DEFAULT_KERNEL_VERSION;
  if (!(KERNEL_VERSIONS as readonly string[]).includes(version)) {
    throw new Error(
      `unknown kernel version ${JSON.stringify(version)}: the model follows ${KERNEL_VERSIONS.join(', ')}`,
    );
  }
  if (config.maxLsmCount !== undefined && (!Number.isInteger(config.maxLsmCount) || config.maxLsmCount < 1)) {
    throw new Error(`MAX_LSM_COUNT must be a positive integer, got ${String(config.maxLsmCount)}`);
  }
  const lsms = config.lsms ?? inTreeLsms(version);
  const configLsm = config.configLsm ?? defaultConfigLsm(version);
  const cmdline = config.cmdline ?? '';
  // lsm_count.h counts every LSM Kconfig option that is built; an out-of-tree LSM counts only if its
  // author added it there by hand (pass maxLsmCount to model one that was not). 6.8's integrity
  // LSM is not in LSM_CONFIG_COUNT.
  const maxLsmCount = config.maxLsmCount ?? lsms.filter((l) => l.name !== 'integrity').length;
  const kconfig = new Set(config.kconfig ?? DEFAULT_KCONFIG);
  validateLsms(lsms);

  const clock = new VirtualClock();
  const log = new BootLog(clock);
  log.printk(
    KERN_INFO,
    `Linux version ${version === '7.1' ? '7.1.3' : version === '6.18' ? '6.18.2' : '6.8.0'} (lsm-playground model)`,
  );
  log.printk(KERN_INFO, `Command line: ${cmdline}`);

  const states = lsms.map(newLsmState);
  const early = states.filter((s) => s.info.early);
  const raw = states.filter((s) => !s.info.early);
  const order: LsmBootState[] = [];
  const heads = new Map<string, HookEntry[]>();
  const idlist: number[] = [];
  const idOwners: string[] = [];
  const lsmNames: string[] = []; // 6.x lsm_names, appended by security_add_hooks()
  const totals = emptyBlobTotals();
  const ctx: OrderContext = { version, raw, log, debug: false, maxLsmCount, order, exclusive: null };
  const initCred: Struct<'cred'> = {
    struct: 'cred',
    addr: 0xffff_0001,
    security: null,
    fields: { cap_effective: (1n << 41n) - 1n },
  };
  const initTask: Struct<'task_struct'> = {
    struct: 'task_struct',
    addr: 0xffff_0002,
    security: null,
    fields: { pid: 0, comm: 'swapper/0' },
  };
  const ratelimitStates = new Map<string, RatelimitState>();
  let auditSerial = 0;
  /** audit= (kernel/audit.c): set by applyCmdline(), read when a record is written. */
  let audit: AuditBootState = { enabled: 0, disabled: false };
  const runtime: KernelRuntime = { sys: null, tracer: null, cred: initCred, task: initTask, ctx: null };
  const securityfsFiles = new Map<string, SecurityfsFile[]>();
  const pseudoFiles = new PseudoFiles();
  const policyHandlers = new Map<string, PolicyHandlers>();
  const bootPolicyFiles = new Map<string, { fs: PseudoFs; path: string }>();
  const cmdlineParams = parseCmdline(cmdline).params;
  let booted = false;
  let panic: string | null = null;
  /** security_init(): lsm_cred_alloc(current->cred) and lsm_task_alloc(current) before any init(). */
  const allocInitBlobs = (): void => {
    if (totals.cred > 0) initCred.security = new SecurityBlob('cred', totals.cred);
    if (totals.task > 0) initTask.security = new SecurityBlob('task', totals.task);
  };

  const prepare = (s: LsmBootState): void => {
    if (!s.info.blobs) return;
    s.offsets = lsmPrepareBlobs(version, s.info.blobs, totals);
  };

  const addHooks = (s: LsmBootState, hooks: HookImpls, isEarly: boolean): void => {
    s.registered = true;
    if (version !== '7.1') {
      // 6.x security_add_hooks(): lsm_idlist and lsm_names grow at registration.
      // The kernel compares lsm_id pointers: the same LSM calling twice in a row counts once.
      if (idOwners.length === 0 || idOwners[idOwners.length - 1] !== s.info.name) {
        if (idlist.length >= maxLsmCount) throw new KernelPanic('security_add_hooks Too many LSMs registered.');
        idlist.push(s.info.id);
        idOwners.push(s.info.name);
      }
      if (!isEarly && lsmNames[lsmNames.length - 1] !== s.info.name) lsmNames.push(s.info.name);
    }
    for (const [name, fn] of Object.entries(hooks)) {
      if (typeof fn !== 'function') continue;
      if (!hookDef(name, version)) {
        log.printk(KERN_ERR, `LSM: ${s.info.name}: Linux ${version} has no hook ${name}; not registered`);
        continue;
      }
      const head = heads.get(name) ?? [];
      if (version !== '6.8' && head.length >= maxLsmCount) {
        throw new KernelPanic(
          version === '7.1'
            ? `exhausted LSM callback slots with LSM ${s.info.name}`
            : 'lsm_static_call_init - Ran out of static slots.',
        );
      }
      head.push({
        lsm: s.info.name,
        lsmId: s.info.id,
        fn: fn as HookEntry['fn'],
        simplified: s.info.simplified?.[name as keyof HookImpls] ?? null,
      });
      heads.set(name, head);
    }
  };

  const initOne = (s: LsmBootState, isEarly: boolean): void => {
    if (!lsmIsEnabled(s)) return;
    if (ctx.debug) log.lsm(`initializing ${s.info.name}`);
    // This LSM's offset and size in each blob kind (lsm_set_blob_sizes() has run: they are fixed).
    const blobSlots = new Map<BlobKind, { readonly off: number; readonly size: number } | null>();
    const initCtx: LsmInitContext = {
      securityAddHooks: (hooks) => addHooks(s, hooks, isEarly),
      printk: (level, text) => {
        if (runtime.tracer) return runtime.tracer.printk(level, text);
        if (!booted) s.initPrintks++;
        log.printk(level, text);
      },
      blobOffsets: s.offsets,
      blob: <T>(kind: BlobKind, obj: Struct): BlobSlice<T> => {
        // One Map look-up per call: the kind is a variable, so reading s.offsets[kind] and
        // s.info.blobs[kind] were two megamorphic keyed loads on every callback that uses a blob.
        let slot = blobSlots.get(kind);
        if (slot === undefined) {
          const off = s.offsets[kind];
          const size = s.info.blobs?.[kind];
          slot = off === undefined || !size ? null : { off, size };
          blobSlots.set(kind, slot);
        }
        if (slot === null || !obj.security) throw new Error(`${s.info.name} requested no ${kind} blob`);
        return obj.security.slice<T>(s.info.name, slot.off, slot.size);
      },
      printkRatelimited: (level, text, site) => {
        const func = site ?? `${s.info.name}_${runtime.tracer?.current?.hook ?? 'init'}`;
        const key = `${s.info.name}\0${func}`;
        let rs = ratelimitStates.get(key);
        if (!rs) ratelimitStates.set(key, (rs = { begin: 0, printed: 0, missed: 0 }));
        const r = ratelimit(rs, clock.now(), func);
        const out = (lvl: number, t: string) => (runtime.tracer ? runtime.tracer.printk(lvl, t) : log.printk(lvl, t));
        if (r.suppressed) out(KERN_WARNING, r.suppressed);
        if (r.print) out(level, text);
      },
      audit: (type, body) => {
        // audit_log_start(): with audit=0, audit_initialized is AUDIT_DISABLED and no record is made.
        if (audit.disabled) return;
        const serial = ++auditSerial;
        const stamp = auditStamp(clock.now(), serial);
        const recordType = AUDIT_TYPES[type];
        const line = `audit: type=${recordType} ${stamp}: ${body}`;
        if (runtime.tracer) {
          runtime.tracer.emit({
            type: 'audit',
            recordType,
            typeName: type,
            serial,
            stamp,
            lsm: s.info.name,
            text: body,
          });
          runtime.tracer.printk(KERN_NOTICE, line);
        } else log.printk(KERN_NOTICE, line);
      },
      mightSleep: (what) => {
        const cur = runtime.tracer?.current;
        if (!runtime.tracer || !cur || !ATOMIC_HOOKS.has(cur.hook)) return;
        const task = runtime.task as { pid?: number; comm?: string; fields?: Record<string, unknown> };
        const pid = Number(task.pid ?? task.fields?.['pid'] ?? 0);
        const comm = String(task.comm ?? task.fields?.['comm'] ?? 'swapper/0');
        for (const l of mightSleepReport(what ?? `${cur.lsm}_${cur.hook}`, cur.lsm, cur.hook, pid, comm))
          runtime.tracer.printk(l.level, l.text);
        runtime.tracer.emit({
          type: 'oops',
          kind: 'bug',
          lsm: cur.lsm,
          hook: cur.hook,
          message: `BUG: sleeping function called from invalid context (${cur.hook} runs in atomic context)`,
        });
      },
      msleep: (ms) => {
        initCtx.mightSleep(`msleep(${ms})`);
        clock.advance(ms * 1_000_000);
      },
      currentCred: () => runtime.cred,
      currentTask: () => runtime.task,
      securityfsCreateFile: (file) => {
        if (booted) throw new Error(`${s.info.name}: securityfs files are created during init`);
        const list = securityfsFiles.get(s.info.name) ?? [];
        securityfsFiles.set(s.info.name, list);
        if (list.some((f) => f.name === file.name))
          throw new Error(`${s.info.name}: securityfs file ${file.name} exists`);
        list.push(file);
      },
      fillUserCtx: (uctx, size, val, flags) => {
        if (!runtime.sys) throw new Error(`${s.info.name}: fillUserCtx outside a syscall`);
        return lsmFillUserCtx(runtime.sys, uctx, size, val, s.info.id, flags);
      },
      pseudoFileCreate: (fs, path, ops) => pseudoFiles.create({ fs, path, lsm: s.info.name, ...ops }),
      pseudoFileRemove: (fs, path) => {
        const f = pseudoFiles.get(fs, path);
        if (f && f.lsm !== s.info.name) throw new Error(`${s.info.name}: ${path} belongs to ${f.lsm}`);
        return pseudoFiles.remove(fs, path);
      },
      bootPolicyFile: (fs, path) => {
        bootPolicyFiles.set(s.info.name, { fs, path });
      },
      configPolicyHandler: (scope, handler) => {
        const h = policyHandlers.get(s.info.name) ?? {};
        policyHandlers.set(s.info.name, { ...h, [scope]: handler });
      },
      // ns_capable(): security_capable() through the whole stack, in the running call's context.
      capable: (cap, opts = 0) => {
        if (runtime.ctx && runtime.tracer?.recording) runtime.tracer.kfunc('ns_capable', CAP_NAMES[cap] ?? String(cap));
        return initCtx.hasCapability(runtime.cred, cap, opts);
      },
      // has_ns_capability() / ptracer_capable(): security_capable() on a cred, without ns_capable().
      hasCapability: (cred, cap, opts = 0) => {
        if (runtime.ctx) return runtime.ctx.hook('capable', [cred, null, cap, opts]) === 0;
        const eff = (cred.fields?.['cap_effective'] ?? (cred as { cap_effective?: bigint }).cap_effective) as
          bigint | undefined;
        return typeof eff === 'bigint' && ((eff >> BigInt(cap)) & 1n) === 1n;
      },
      findTaskByVpid: (pid) => runtime.findTask?.(pid) ?? null,
      prepareCreds: () => runtime.credOps?.prepare() ?? null,
      commitCreds: (cred) => {
        if (!runtime.credOps) throw new Error(`${s.info.name}: commit_creds() outside a call that offers it`);
        return runtime.credOps.commit(cred);
      },
      kfunc: (fn, note) => {
        const t = runtime.tracer;
        if (t?.recording) t.kfunc(fn, note === undefined ? null : typeof note === 'function' ? note() : note);
      },
      bootParam: (key) => {
        let v: string | undefined;
        for (const p of cmdlineParams) if (p.param === key) v = p.val ?? '';
        return v;
      },
      now: () => clock.now(),
    };
    let rc: number;
    try {
      rc = s.info.init ? s.info.init(initCtx) : (addHooks(s, s.info.hooks ?? {}, isEarly), 0);
    } catch (e) {
      const report = oopsReport(e);
      if (!report) throw e;
      // An oops in an init runs in swapper/0 (start_kernel → security_init): make_task_dead()
      // (kernel/exit.c) cannot kill the idle task, so the boot ends in a panic right there.
      for (const line of report) log.printk(KERN_EMERG, line);
      reason(s, 'init-failed', `init oopsed (${e instanceof Error ? e.message : String(e)}): the boot stops here`);
      throw new KernelPanic('Attempted to kill the idle task!');
    }
    s.initRc = rc;
    if (rc) {
      log.warn(
        `${s.info.name} failed to initialize: ${rc}`,
        version === '7.1' ? 'security/lsm_init.c lsm_init_single' : 'security/security.c initialize_lsm',
      );
      reason(
        s,
        'init-failed',
        `init returned ${rc}: WARN, but the LSM stays ${version === '7.1' ? 'in lsm_order and in the reported list' : 'ordered; it is reported only if it registered hooks'}`,
      );
    } else {
      reason(s, 'init', `${s.info.name} init returned 0`);
    }
  };

  try {
    if (version === '7.1') {
      // early_security_init(): before parse_args(), so lsm.debug is not yet known.
      for (const s of early) {
        s.enabled = s.enabled.kind === 'var' ? { ...s.enabled, value: 1 } : { kind: 'framework', value: true };
        lsmOrderAppend(ctx, s, 'early');
        prepare(s);
        initOne(s, true);
      }
      const p = applyCmdline(cmdline, states, kconfig, log);
      ctx.debug = p.debug;
      audit = p.audit;
      if (p.debug) {
        const avail = [...early.map((s) => `${s.info.name}(E)`), ...raw.map((s) => s.info.name)].join(',');
        log.lsm(`available LSMs: ${avail}`);
        log.lsm(`built-in LSM config: ${configLsm}`);
        log.lsm(`legacy LSM parameter: ${p.security ?? '(null)'}`);
        log.lsm(`boot LSM parameter: ${p.lsm ?? '(null)'}`);
        for (const s of early) log.lsm(`enabled LSM early:${s.info.name}`);
      }
      if (p.lsm !== null) {
        if (p.security !== null) noteSecurityIgnored(raw, p.security, false);
        lsmOrderParse(ctx, p.lsm, 'cmdline', null);
      } else {
        lsmOrderParse(ctx, configLsm, 'builtin', p.security);
      }
      for (const s of order) prepare(s); // includes the early LSMs a second time, as 7.1 does
      if (p.debug) for (const [k, label] of BLOB_DEBUG_71) log.lsm(`${label} ${totals[k]}`);
      for (const s of order) idlist.push(s.info.id);
      allocInitBlobs();
      for (const s of order.slice(early.length)) initOne(s, false);
      if (p.debug) log.lsm('all enabled LSMs fully activated');
    } else {
      for (const s of early) {
        if (s.enabled.kind === 'null') s.enabled = { kind: 'framework', value: true };
        if (legacyPrepareEnable(ctx, s)) prepare(s);
        initOne(s, true);
      }
      const p = applyCmdline(cmdline, states, kconfig, log);
      ctx.debug = p.debug;
      audit = p.audit;
      if (p.debug) {
        log.lsm(`legacy security=${p.security ?? ' *unspecified*'}`);
        log.lsm(`  CONFIG_LSM=${configLsm}`);
        log.lsm(`boot arg lsm=${p.lsm ?? ' *unspecified*'}`);
      }
      for (const s of early) {
        if (p.debug) log.lsm(`  early started: ${s.info.name} (${lsmIsEnabled(s) ? 'enabled' : 'disabled'})`);
        if (s.enabled.kind !== 'null') lsmNames.push(s.info.name);
      }
      if (p.lsm !== null) {
        if (p.security !== null) {
          log.lsm(`security=${p.security} is ignored because it is superseded by lsm=${p.lsm}`, KERN_WARNING);
          noteSecurityIgnored(raw, p.security, true);
        }
        orderedLsmParse(ctx, p.lsm, 'cmdline', null);
      } else {
        orderedLsmParse(ctx, configLsm, 'builtin', p.security);
      }
      for (const s of order) if (legacyPrepareEnable(ctx, s)) prepare(s);
      const enabledNames = [...early, ...order].filter(lsmIsEnabled).map((s) => s.info.name);
      log.lsm(`initializing lsm=${enabledNames.join(',')}`);
      if (p.debug) {
        const kinds = new Set(blobKinds(version));
        for (const [k, label] of BLOB_DEBUG_6X) if (kinds.has(k)) log.lsm(`${label}${totals[k]}`);
      }
      allocInitBlobs();
      for (const s of order) initOne(s, false);
    }
  } catch (e) {
    if (!(e instanceof KernelPanic)) throw e;
    panic = e.message;
    log.printk(KERN_EMERG, `Kernel panic - not syncing: ${e.message}`);
  }

  for (const s of states) {
    if (!lsmIsEnabled(s) && s.info.order !== 'first' && s.reasons.length === 0)
      reason(s, 'not-listed', 'never reached by the ordering passes');
    if (version !== '7.1' && lsmIsEnabled(s) && !s.registered && s.initRc === 0) {
      reason(
        s,
        'not-registered',
        'initialised but never called security_add_hooks(): missing from lsm_list_modules() and /sys/kernel/security/lsm',
      );
    }
  }

  const statuses: LsmStatus[] = states.map((s) => statusOf(s, order, version));
  const kinds = blobKinds(version);
  const blobSizes: Partial<Record<BlobKind, number>> = {};
  for (const k of kinds) blobSizes[k] = totals[k];
  booted = true;
  const securityfsLsm = version === '7.1' ? order.map((s) => s.info.name).join(',') : lsmNames.join(',');

  return new Kernel({
    version,
    config: { kernelVersion: version, configLsm, cmdline, maxLsmCount, kconfig: [...kconfig] },
    order:
      version === '7.1'
        ? order.map((s) => s.info.name)
        : [...early, ...order].filter(lsmIsEnabled).map((s) => s.info.name),
    lsms: statuses,
    blobSizes,
    heads,
    idlist,
    securityfsLsm,
    securityfsFiles,
    pseudoFiles,
    policyHandlers,
    bootPolicyFiles,
    policies: config.policies ?? {},
    log: log.lines,
    logDropped: log.dropped,
    clock,
    panic,
    initCred,
    initTask,
    runtime,
    lsmInfos: lsms,
    offsets: new Map(states.map((s) => [s.info.name, s.offsets])),
    audit,
  });
}

/**
 * The oops report an init's exception carries (a user module's fault: Rust panic, BUG, stack guard
 * page), or null for any other exception, which is a bug of the model's input and propagates.
 */
function oopsReport(e: unknown): readonly string[] | null {
  return e instanceof LsmCallbackError && e.report ? e.report : null;
}

function noteSecurityIgnored(raw: readonly LsmBootState[], security: string, warned: boolean): void {
  for (const s of raw) {
    if (s.info.legacyMajor)
      reason(
        s,
        'enable-param-ignored',
        `security=${security} ignored because lsm= is given${warned ? ' (the kernel warns)' : ' (7.1 drops it silently)'}`,
      );
  }
}

const DISABLING = new Set<BootReason['code']>([
  'legacy-conflict',
  'enable-param',
  'exclusive-conflict',
  'max-count',
  'not-listed',
  'skip-disabled',
]);

function statusOf(s: LsmBootState, order: readonly LsmBootState[], version: KernelVersion): LsmStatus {
  const enabled = lsmIsEnabled(s);
  const pos = order.indexOf(s);
  const decisive = enabled
    ? (s.reasons.find((r) => r.code === 'init-failed' || r.code === 'not-registered') ??
      s.reasons.find((r) => r.code === 'appended'))
    : (s.reasons.find((r) => DISABLING.has(r.code) && !(r.code === 'enable-param' && r.text.includes('= 1 '))) ??
      s.reasons.at(-1));
  return {
    name: s.info.name,
    id: s.info.id,
    order: s.info.order,
    early: s.info.early ?? false,
    legacyMajor: s.info.legacyMajor ?? false,
    exclusive: s.info.exclusive ?? false,
    enabled,
    position: version === '7.1' ? (pos >= 0 ? pos : null) : enabled && pos >= 0 ? pos : null,
    appendedBy: s.appendedBy,
    initRc: s.initRc,
    registered: s.registered,
    initPrintks: s.initPrintks,
    why: decisive?.text ?? (enabled ? 'enabled' : 'disabled'),
    reasons: s.reasons,
    requested: { ...(s.info.blobs ?? {}) },
    offsets: { ...s.offsets },
    source: s.info.source ?? null,
  };
}

function validateLsms(lsms: readonly LsmInfo[]): void {
  const seen = new Set<string>();
  for (const l of lsms) {
    if (!l.name || /[,\s\0]/.test(l.name))
      throw new Error(`invalid LSM name ${JSON.stringify(l.name)}: no commas, spaces or NULs`);
    if (seen.has(l.name)) throw new Error(`two built-in LSMs are named ${l.name}`);
    seen.add(l.name);
  }
}
