// The active LSM order, as security/lsm_init.c (7.1) computes it: lsm_order_append() and
// lsm_order_parse(), plus the 6.x variant of security/security.c append_ordered_lsm() /
// ordered_lsm_parse() / lsm_prepare(), whose enable and exclusive checks run after ordering.
import type { KernelVersion } from '../version';
import type { BootLog } from './bootLog';
import { lsmEnabledSet, lsmIsEnabled, reason, type LsmBootState } from './lsmState';

export interface OrderContext {
  readonly version: KernelVersion;
  /** Built-in LSMs in link order (__start_lsm_info .. __end_lsm_info); early LSMs excluded. */
  readonly raw: readonly LsmBootState[];
  readonly log: BootLog;
  debug: boolean;
  readonly maxLsmCount: number;
  /** lsm_order[]: grows as LSMs are appended; early LSMs are already in it. */
  readonly order: LsmBootState[];
  /** lsm_exclusive (7.1) / exclusive (6.x). */
  exclusive: LsmBootState | null;
}

/** Where an entry came from, as lsm_order_append()'s `src` argument names it. */
type Src = string;

function dbg(ctx: OrderContext, text: string): void {
  if (ctx.debug) ctx.log.lsm(text);
}

/** lsm_order_append() (7.1): duplicates, explicitly disabled LSMs, MAX_LSM_COUNT and exclusivity. */
export function lsmOrderAppend(ctx: OrderContext, lsm: LsmBootState, src: Src): void {
  const name = lsm.info.name;
  if (ctx.order.includes(lsm)) {
    if (src !== 'first' && src !== 'last')
      reason(lsm, 'duplicate', `listed again by ${src}: duplicates keep their first position`);
    return;
  }
  if (lsm.enabled.kind !== 'null' && !lsmIsEnabled(lsm)) {
    dbg(ctx, `skip previously disabled LSM ${src}:${name}`);
    reason(lsm, 'skip-disabled', `reached by ${src} but already disabled, so never appended`);
    return;
  }
  if (ctx.order.length === ctx.maxLsmCount) {
    ctx.log.lsm(`exceeded maximum LSM count on ${src}:${name}`, 4);
    lsmEnabledSet(lsm, false);
    reason(lsm, 'max-count', `lsm_order is full: MAX_LSM_COUNT = ${ctx.maxLsmCount} (include/linux/lsm_count.h)`);
    return;
  }
  if (lsm.info.exclusive) {
    if (ctx.exclusive) {
      dbg(ctx, `skip exclusive LSM conflict ${src}:${name}`);
      lsmEnabledSet(lsm, false);
      reason(
        lsm,
        'exclusive-conflict',
        `LSM_FLAG_EXCLUSIVE: ${ctx.exclusive.info.name} already holds the exclusive slot`,
      );
      return;
    }
    dbg(ctx, `select exclusive LSM ${src}:${name}`);
    ctx.exclusive = lsm;
    reason(lsm, 'exclusive-selected', 'LSM_FLAG_EXCLUSIVE: first enabled exclusive LSM, takes the exclusive slot');
  }
  lsmEnabledSet(lsm, true);
  ctx.order.push(lsm);
  lsm.appendedBy = src;
  reason(lsm, 'appended', appendText(src, ctx.order.length - 1));
  dbg(ctx, `enabling LSM ${src}:${name}`);
}

function appendText(src: Src, pos: number): string {
  const why: Record<string, string> = {
    early: 'DEFINE_EARLY_LSM: appended by early_security_init() before the command line is parsed',
    first: 'LSM_ORDER_FIRST: always appended first',
    last: 'LSM_ORDER_LAST: always appended last',
    builtin: 'named in CONFIG_LSM',
    cmdline: 'named in lsm=',
    'security=': 'named by security=',
  };
  return `${why[src] ?? src} (position ${pos})`;
}

/** strsep(&next, ",") over a copy: every field, empty ones included; no trimming. */
function strsepComma(list: string): string[] {
  return list.split(',');
}

/** lsm_order_parse() (7.1). */
export function lsmOrderParse(ctx: OrderContext, list: string, src: Src, legacy: string | null): void {
  if (legacy !== null) {
    for (const lsm of ctx.raw) {
      if (lsm.info.legacyMajor && lsm.info.name !== legacy) {
        lsmEnabledSet(lsm, false);
        dbg(ctx, `skip legacy LSM conflict ${src}:${lsm.info.name}`);
        reason(
          lsm,
          'legacy-conflict',
          `security=${legacy} disables every other LSM_FLAG_LEGACY_MAJOR LSM (no fallback)`,
        );
      }
    }
  }
  for (const lsm of ctx.raw) if (lsm.info.order === 'first') lsmOrderAppend(ctx, lsm, 'first');
  for (const name of strsepComma(list)) {
    for (const lsm of ctx.raw) {
      if (lsm.info.name === name && lsm.info.order === 'mutable') lsmOrderAppend(ctx, lsm, src);
    }
  }
  if (legacy !== null) {
    // No order check here: security=evm appends evm before ima (a quirk of 7.1 and 6.18).
    for (const lsm of ctx.raw) if (lsm.info.name === legacy) lsmOrderAppend(ctx, lsm, 'security=');
  }
  for (const lsm of ctx.raw) if (lsm.info.order === 'last') lsmOrderAppend(ctx, lsm, 'last');
  for (const lsm of ctx.raw) {
    if (ctx.order.includes(lsm)) continue;
    lsmEnabledSet(lsm, false);
    dbg(ctx, `skip disabled LSM ${src}:${lsm.info.name}`);
    if (!lsm.reasons.some((r) => r.code !== 'enable-param' && r.code !== 'enable-param-ignored')) {
      reason(
        lsm,
        'not-listed',
        `not named in ${src === 'cmdline' ? 'lsm=' : 'CONFIG_LSM'}: every MUTABLE LSM left off the list is disabled`,
      );
    }
  }
}

/** append_ordered_lsm() (6.8, 6.18): appends even disabled LSMs; enablement is decided later. */
export function appendOrderedLsm(ctx: OrderContext, lsm: LsmBootState, from: string): void {
  if (ctx.order.includes(lsm)) {
    if (from.trim() !== 'first' && from.trim() !== 'last')
      reason(lsm, 'duplicate', `listed again by ${from}: duplicates keep their first position`);
    return;
  }
  // 6.18 WARNs at MAX_LSM_COUNT; 6.8's limit is LSM_COUNT, the number of lsm_info entries.
  const limit = ctx.version === '6.8' ? ctx.raw.length : ctx.maxLsmCount;
  if (ctx.order.length === limit) {
    ctx.log.warn(
      `${from}: out of LSM ${ctx.version === '6.8' ? 'slots' : 'static calls'}!?`,
      'security/security.c append_ordered_lsm',
    );
    reason(lsm, 'max-count', `ordered_lsms is full (${limit})`);
    return;
  }
  if (lsm.enabled.kind === 'null') lsm.enabled = { kind: 'framework', value: true };
  ctx.order.push(lsm);
  lsm.appendedBy = from.trim();
  reason(lsm, 'appended', appendText(from.trim() === 'security=' ? 'security=' : from.trim(), ctx.order.length - 1));
  dbg(ctx, `${from} ordered: ${lsm.info.name} (${lsmIsEnabled(lsm) ? 'enabled' : 'disabled'})`);
}

/** ordered_lsm_parse() (6.8, 6.18). */
export function orderedLsmParse(ctx: OrderContext, order: string, origin: Src, chosenMajor: string | null): void {
  for (const lsm of ctx.raw) if (lsm.info.order === 'first') appendOrderedLsm(ctx, lsm, '  first');
  if (chosenMajor !== null) {
    for (const major of ctx.raw) {
      if (major.info.legacyMajor && major.info.name !== chosenMajor) {
        lsmEnabledSet(major, false);
        dbg(ctx, `security=${chosenMajor} disabled: ${major.info.name} (only one legacy major LSM)`);
        reason(
          major,
          'legacy-conflict',
          `security=${chosenMajor} disables every other LSM_FLAG_LEGACY_MAJOR LSM (no fallback)`,
        );
      }
    }
  }
  for (const name of strsepComma(order)) {
    let found = false;
    for (const lsm of ctx.raw) {
      if (lsm.info.name === name) {
        if (lsm.info.order === 'mutable') appendOrderedLsm(ctx, lsm, origin);
        found = true;
      }
    }
    if (!found) dbg(ctx, `${origin} ignored: ${name} (not built into kernel)`);
  }
  if (chosenMajor !== null) {
    for (const lsm of ctx.raw) {
      if (ctx.order.includes(lsm)) continue;
      if (lsm.info.name === chosenMajor) appendOrderedLsm(ctx, lsm, 'security=');
    }
  }
  for (const lsm of ctx.raw) if (lsm.info.order === 'last') appendOrderedLsm(ctx, lsm, '   last');
  for (const lsm of ctx.raw) {
    if (ctx.order.includes(lsm)) continue;
    lsmEnabledSet(lsm, false);
    dbg(ctx, `${origin} skipped: ${lsm.info.name} (not in requested order)`);
    if (!lsm.reasons.some((r) => r.code === 'legacy-conflict' || r.code === 'max-count')) {
      reason(
        lsm,
        'not-listed',
        `not named in ${origin === 'cmdline' ? 'lsm=' : 'CONFIG_LSM'}: every MUTABLE LSM left off the list is disabled`,
      );
    }
  }
}

/**
 * The enable and exclusive checks of 6.x lsm_prepare(): an LSM disabled by then is skipped, and a
 * second exclusive LSM is disabled. Returns whether the LSM's blobs should be registered.
 */
export function legacyPrepareEnable(ctx: OrderContext, lsm: LsmBootState): boolean {
  if (!lsmIsEnabled(lsm)) {
    lsmEnabledSet(lsm, false);
    if (!lsm.reasons.some((r) => r.code === 'legacy-conflict' || r.code === 'enable-param')) {
      reason(lsm, 'skip-disabled', 'disabled before lsm_prepare()');
    }
    return false;
  }
  if (lsm.info.exclusive && ctx.exclusive) {
    dbg(ctx, `exclusive disabled: ${lsm.info.name}`);
    lsmEnabledSet(lsm, false);
    reason(
      lsm,
      'exclusive-conflict',
      `LSM_FLAG_EXCLUSIVE: ${ctx.exclusive.info.name} already holds the exclusive slot`,
    );
    return false;
  }
  lsmEnabledSet(lsm, true);
  if (lsm.info.exclusive && !ctx.exclusive) {
    dbg(ctx, `exclusive chosen:   ${lsm.info.name}`);
    ctx.exclusive = lsm;
    reason(lsm, 'exclusive-selected', 'LSM_FLAG_EXCLUSIVE: first enabled exclusive LSM, takes the exclusive slot');
  }
  return true;
}
