// Applies the kernel command line to the LSM framework's inputs, as start_kernel()'s parse_args()
// does before security_init(): `__setup` handlers (lsm=, security=, lsm.debug, selinux=,
// apparmor=, audit=) through obsolete_checksetup(), and built-in module parameters (apparmor.enabled).
import { KERN_ERR, KERN_INFO, KERN_NOTICE } from '../kernel/printk';
import type { EnableParam } from '../lsm/lsmInfo';
import type { BootLog } from './bootLog';
import { parameqn, parseCmdline } from './cmdline';
import { kstrtobool, kstrtoul } from './kstrto';
import { reason, type LsmBootState } from './lsmState';

export interface FrameworkParams {
  /** lsm_order_cmdline: the raw value of the last `lsm=` (may be ""), or null. */
  lsm: string | null;
  /** lsm_order_legacy: the raw value of the last `security=`, or null. */
  security: string | null;
  debug: boolean;
  /** Parameters no handler took; the kernel passes them to init. */
  unknown: string[];
  /** What `audit=` left (kernel/audit.c audit_enable()). */
  audit: AuditBootState;
}

/**
 * kernel/audit.c's boot state: `audit_enabled` (AUDIT_OFF 0 or AUDIT_ON 1) and whether
 * `audit_initialized` was set to AUDIT_DISABLED, after which audit_init() never runs and
 * audit_log_start() returns NULL for every record.
 */
export interface AuditBootState {
  enabled: 0 | 1;
  disabled: boolean;
}

/**
 * audit_enable(), the `audit=` handler: "0"/"off" (any case for "off") is AUDIT_OFF and disables
 * audit until reboot; "1"/"on" is AUDIT_ON; anything else is an error and AUDIT_ON. A later
 * `audit=1` does not undo an earlier `audit=0`: nothing sets audit_initialized back. kernel/audit.c's
 * pr_fmt is "audit: ", and the error message starts with "audit: " too, so the line has it twice.
 */
function auditEnable(audit: AuditBootState, str: string, log: BootLog): void {
  let on: 0 | 1;
  if (str.toLowerCase() === 'off' || str === '0') on = 0;
  else if (str.toLowerCase() === 'on' || str === '1') on = 1;
  else {
    log.printk(KERN_ERR, `audit: audit: invalid 'audit' parameter value (${str})`);
    on = 1;
  }
  if (on === 0) audit.disabled = true;
  // audit_set_enabled(): audit_enabled is still AUDIT_OFF, so no AUDIT_CONFIG_CHANGE record.
  audit.enabled = on;
  log.printk(KERN_INFO, `audit: ${on ? 'enabled (after initialization)' : 'disabled (until reboot)'}`);
}

/** audit_backlog_limit_set(): kstrtouint(str, 0), the value or the default (64) kept. */
function auditBacklogLimit(str: string, log: BootLog, limit: { value: number }): void {
  const v = kstrtoul(str);
  if (!v.ok || v.value > 0xffff_ffffn) {
    log.printk(KERN_INFO, `audit: audit_backlog_limit: using default of ${limit.value}, unable to parse ${str}`);
    return;
  }
  limit.value = Number(v.value);
  log.printk(KERN_INFO, `audit: audit_backlog_limit: ${limit.value}`);
}

const INTEGRITY_SETUPS = [
  'ima_policy=',
  'ima_tcb',
  'ima_appraise_tcb',
  'ima_appraise=',
  'ima_hash=',
  'ima_template=',
  'ima_template_fmt=',
  'ima_canonical_fmt',
  'ima=',
  'integrity_audit=',
  'evm=',
];

interface SetupHandler {
  readonly str: string;
  readonly run: (value: string) => void;
}

/** Parses `cmdline` and runs every handler it reaches, last occurrence winning. */
export function applyCmdline(
  cmdline: string,
  lsms: readonly LsmBootState[],
  kconfig: ReadonlySet<string>,
  log: BootLog,
): FrameworkParams {
  const out: FrameworkParams = {
    lsm: null,
    security: null,
    debug: false,
    unknown: [],
    audit: { enabled: 0, disabled: false },
  };
  const backlogLimit = { value: 64 };
  const setups: SetupHandler[] = [
    { str: 'security=', run: (v) => (out.security = v) },
    { str: 'lsm=', run: (v) => (out.lsm = v) },
    { str: 'lsm.debug', run: () => (out.debug = true) },
    // kernel/audit.c: __setup("audit=", audit_enable), __setup("audit_backlog_limit=", ...).
    { str: 'audit=', run: (v) => auditEnable(out.audit, v, log) },
    { str: 'audit_backlog_limit=', run: (v) => auditBacklogLimit(v, log, backlogLimit) },
    // IMA/EVM's __setup handlers and core_params (ima_policy.c, ima_main.c, ima_appraise.c,
    // ima_template.c, integrity_audit.c, evm_main.c): their models read them with bootParam().
    ...INTEGRITY_SETUPS.map((str) => ({ str, run: () => undefined })),
  ];
  const moduleParams: { name: string; lsm: LsmBootState; p: EnableParam }[] = [];
  for (const s of lsms) {
    for (const p of s.info.enableParams ?? []) {
      if (p.requires && !kconfig.has(p.requires)) continue;
      if (p.kind === '__setup') setups.push({ str: p.key, run: (v) => applyEnable(s, p, v) });
      else moduleParams.push({ name: p.key, lsm: s, p });
    }
  }

  const { params } = parseCmdline(cmdline);
  for (const { param, val } of params) {
    // parse_one(): built-in module parameters are matched by whole name first.
    const mp = moduleParams.find((m) => m.name.length === param.length && parameqn(param, m.name, param.length));
    if (mp) {
      if (val === null) {
        // aaintbool has no KERNEL_PARAM_OPS_FL_NOARG: a bare name is -EINVAL.
        log.printk(KERN_ERR, `Booting kernel: \`' invalid for parameter \`${param}'`);
        continue;
      }
      applyEnable(mp.lsm, mp.p, val);
      continue;
    }
    // unknown_bootoption() → obsolete_checksetup(): the handler's string is a prefix of "param=val".
    const line = val === null ? param : `${param}=${val}`;
    // early_param("lockdown") (security/lockdown/lockdown.c), run by parse_early_param(); here
    // obsolete_checksetup() only notes it (an exact name match) so it is not passed to init.
    if (param === 'lockdown' && lsms.some((s) => s.info.name === 'lockdown')) continue;
    const h = setups.find((x) => parameqn(line, x.str, x.str.length));
    if (h) {
      h.run(line.slice(h.str.length));
      continue;
    }
    // A dotted name is an unused module parameter and is dropped silently.
    if (!param.includes('.')) out.unknown.push(line);
  }
  if (out.unknown.length > 0) {
    log.printk(
      KERN_NOTICE,
      `Unknown kernel command line parameters "${out.unknown.join(' ')}", will be passed to user space.`,
    );
  }
  return out;
}

function applyEnable(s: LsmBootState, p: EnableParam, raw: string): void {
  const shown = `${p.key}${p.kind === 'module_param' ? '=' : ''}${raw}`;
  if (s.enabled.kind !== 'var') return;
  if (p.parse === 'kstrtoul') {
    const r = kstrtoul(raw);
    if (!r.ok) {
      reason(
        s,
        'enable-param-ignored',
        `${shown} ignored: ${p.handler}() parses it with kstrtoul(), which fails (-${r.err}) on "${raw}"`,
      );
      return;
    }
    s.enabled.value = r.value !== 0n ? 1 : 0;
  } else {
    const b = kstrtobool(raw);
    if (b === null) {
      reason(s, 'enable-param-ignored', `${shown} ignored: ${p.handler}() rejects "${raw}" (kstrtobool -EINVAL)`);
      return;
    }
    s.enabled.value = b ? 1 : 0;
  }
  reason(s, 'enable-param', `${shown} set ${s.enabled.name} = ${s.enabled.value} (${p.handler})`);
}
