// What went wrong in a boot, in the kernel's words, and the command-line edit that avoids it: an
// LSM whose init oopsed (a panic: make_task_dead() cannot kill swapper/0) or returned an error
// (lsm_init_single() in 7.1 / initialize_lsm() in 6.x WARNs and boots on), or an init that floods
// the log buffer past CONFIG_LOG_BUF_SHIFT so the start of the boot is lost. The recovery is what an
// administrator does at the boot loader: leave the LSM off `lsm=`, which lsm_order_parse() then
// never appends, so its init never runs.
import { errnoName } from '../errno';
import type { Kernel, LsmStatus } from '../kernel';
import { KERN_WARNING, LOG_BUF_LEN, type LogLine } from '../kernel/printk';
import { parameqn, parseCmdline } from './cmdline';

export type BootFailureKind = 'panic' | 'init-failed' | 'log-flood';

/** A command line that avoids the failure, and what was edited. */
export interface BootRecovery {
  readonly cmdline: string;
  /** The edit in a few words, e.g. "lsm= without rustshield". */
  readonly edit: string;
  /** Where the edited `lsm=` value is in `cmdline` ([start, end)), for an editor's selection. */
  readonly selection: readonly [number, number];
}

export interface BootFailure {
  readonly kind: BootFailureKind;
  /** The LSM whose init failed, or null when the panic names none. */
  readonly lsm: string | null;
  /** What the kernel printed, verbatim: the panic line or the WARN message. */
  readonly headline: string;
  /** The failure in a few words, e.g. "rustshield: init failed (-ENOMEM)". */
  readonly summary: string;
  /** What it means for this boot, in one sentence. */
  readonly consequence: string;
  /** Indices into the boot log of the lines that report the failure. */
  readonly lines: readonly number[];
  /** How to boot past it from the boot loader, or null when no command line can. */
  readonly recovery: BootRecovery | null;
  /** Why there is no command-line recovery, when there is none. */
  readonly noRecovery: string | null;
}

/** The parts of a booted kernel the diagnosis reads (a Kernel has them all). */
export type BootOutcome = Pick<Kernel, 'panic' | 'log' | 'logDropped' | 'lsms' | 'config'>;

/** Finds the first failure of a boot, or null for a clean one. */
export function diagnoseBoot(k: BootOutcome): BootFailure | null {
  const failed = k.lsms.find((l) => l.reasons.some((r) => r.code === 'init-failed'));
  if (k.panic) {
    const lines = indicesWhere(k.log, (l) => l.level < KERN_WARNING);
    return {
      kind: 'panic',
      lsm: failed?.name ?? null,
      headline: `Kernel panic - not syncing: ${k.panic}`,
      summary: failed ? `${failed.name}: init oopsed, the boot stopped` : 'the boot stopped',
      consequence: failed
        ? `${failed.name}'s init oopsed inside security_init(), which runs as the idle task (swapper/0): the kernel cannot kill it, so it panics and nothing after the LSMs boots.`
        : 'The boot stopped in security_init(): nothing after the LSMs boots.',
      lines,
      ...recoveryFor(k, failed),
    };
  }
  if (failed) {
    const warnAt = k.log.findIndex((l) => l.text === `${failed.name} failed to initialize: ${failed.initRc}`);
    const lines = warnAt < 0 ? [] : indicesWhere(k.log, (l, i) => i >= warnAt - 1 && i <= warnAt + 2);
    return {
      kind: 'init-failed',
      lsm: failed.name,
      headline: `${failed.name} failed to initialize: ${failed.initRc}`,
      summary: `${failed.name}: init failed (${errnoName(failed.initRc ?? 0)}), the LSM is not working`,
      consequence:
        k.config.kernelVersion === '7.1'
          ? `The kernel WARNs and boots on: ${failed.name} stays in lsm_order and /sys/kernel/security/lsm, with whatever hooks it registered before failing.`
          : `The kernel WARNs and boots on: ${failed.name} stays ordered, and is listed only if it registered hooks before failing.`,
      lines,
      ...recoveryFor(k, failed),
    };
  }
  if (k.logDropped > 0) {
    // The LSM that printed most during its init filled the buffer; its lines are what is left.
    const flooder = [...k.lsms].sort((a, b) => b.initPrintks - a.initPrintks)[0];
    const lsm = flooder && flooder.initPrintks > 0 ? flooder : undefined;
    return {
      kind: 'log-flood',
      lsm: lsm?.name ?? null,
      // What the console prints when records were overwritten before it got to them
      // (kernel/printk/printk.c, console_prepend_dropped()); dmesg itself just starts later.
      headline: `** ${k.logDropped} printk messages dropped **`,
      summary: lsm
        ? `${lsm.name}: init printed ${lsm.initPrintks} lines, the log buffer overflowed`
        : 'the log buffer overflowed during boot',
      consequence: `The log buffer keeps the newest ${LOG_BUF_LEN / 1024} KiB (CONFIG_LOG_BUF_SHIFT=17): the first ${k.logDropped} lines of this boot are gone from dmesg, and on a slow console the flood stalls the boot. In the module, pr_info_ratelimited() is the fix.`,
      lines: lsm ? indicesWhere(k.log, (l) => l.text.startsWith(`${lsm.name}: `)) : [],
      ...recoveryFor(k, lsm),
    };
  }
  return null;
}

function indicesWhere(log: readonly LogLine[], pred: (l: LogLine, i: number) => boolean): number[] {
  const out: number[] = [];
  log.forEach((l, i) => pred(l, i) && out.push(i));
  return out;
}

function recoveryFor(
  k: BootOutcome,
  lsm: LsmStatus | undefined,
): { recovery: BootRecovery | null; noRecovery: string | null } {
  if (!lsm) return { recovery: null, noRecovery: 'No LSM is named in the report.' };
  if (lsm.order !== 'mutable' || lsm.early) {
    return {
      recovery: null,
      noRecovery: `${lsm.name} is ${lsm.early ? 'an early LSM' : `LSM_ORDER_${lsm.order.toUpperCase()}`}: lsm= cannot leave it out, only a kernel built without it can.`,
    };
  }
  return { recovery: withoutLsm(k.config.cmdline, k.config.configLsm, lsm.name), noRecovery: null };
}

/** The command line with `lsm=` set to the list in force (the last lsm=, else CONFIG_LSM) minus `name`. */
export function withoutLsm(cmdline: string, configLsm: string, name: string): BootRecovery {
  const { params, afterDashes } = parseCmdline(cmdline);
  // The same match obsolete_checksetup() makes for the lsm= __setup handler; the last one wins.
  const isLsm = (p: { param: string; val: string | null }) => p.val !== null && parameqn(`${p.param}=`, 'lsm=', 4);
  const lastLsm = params.map(isLsm).lastIndexOf(true);
  const current = lastLsm >= 0 ? params[lastLsm]!.val! : configLsm;
  const value = current
    .split(',')
    .filter((n) => n !== name)
    .join(',');
  const parts: string[] = [];
  let selection: [number, number] = [0, 0];
  const push = (text: string) => parts.push(text);
  const lengthSoFar = () => parts.reduce((n, p) => n + p.length + 1, 0);
  const pushLsm = () => {
    const start = lengthSoFar() + 'lsm='.length;
    selection = [start, start + value.length];
    push(`lsm=${value}`);
  };
  params.forEach((p, i) => {
    if (isLsm(p)) {
      if (i === lastLsm) pushLsm();
      return;
    }
    push(p.val === null ? p.param : `${p.param}=${/\s/.test(p.val) ? `"${p.val}"` : p.val}`);
  });
  if (lastLsm < 0) pushLsm();
  if (afterDashes !== null) push(afterDashes ? `-- ${afterDashes}` : '--');
  return { cmdline: parts.join(' '), edit: `lsm= without ${name}`, selection };
}
