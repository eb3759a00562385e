// The security server (security/selinux/ss/services.c): the SID table, access vector computation
// (security_compute_av(): allow rules, the enabled branch of each conditional, auditallow and
// dontaudit, permissive types, handle_unknown) and new-label computation (security_compute_sid()
// for security_transition_sid()).
import { SECCLASS_MAP } from './classmap';
import { contextInvalid, evalCond, INITIAL_SIDS, type AvRule, type PolicyDb, type TypeTransition } from './policy';

/** struct av_decision: the permission names granted, audited when granted, audited when denied. */
export interface AvDecision {
  readonly allowed: ReadonlySet<string> | 'all';
  readonly auditallow: ReadonlySet<string>;
  /** Permissions whose denial is NOT audited (dontaudit). */
  readonly dontaudit: ReadonlySet<string>;
  /** AVD_FLAGS_PERMISSIVE: the source type is permissive. */
  readonly permissive: boolean;
}

const INITIAL_NAMES = new Map(Object.entries(INITIAL_SIDS).map(([n, v]) => [v, n]));
const SECINITSID_UNLABELED_ = INITIAL_SIDS['unlabeled']!;

export const SECINITSID_KERNEL = INITIAL_SIDS['kernel']!;
export const SECINITSID_SECURITY = INITIAL_SIDS['security']!;
export const SECINITSID_UNLABELED = INITIAL_SIDS['unlabeled']!;
export const SECINITSID_FILE = INITIAL_SIDS['file']!;

/** The loaded policy with its boolean state and SID table. */
export class SecurityServer {
  policy: PolicyDb | null = null;
  /** Current boolean values (the policy's defaults after each load, then setbool commits). */
  bools = new Map<string, boolean>();
  /** Pending values written to booleans/<name> and not yet committed. */
  pendingBools = new Map<string, boolean>();
  /** SID table: context strings of the non-initial SIDs; kept across policy reloads. */
  private readonly sidToCtx = new Map<number, string>();
  private readonly ctxToSid = new Map<string, number>();
  private nextSid = 100;
  /** The policy load sequence number (avc_policy_seqno()). */
  seqno = 0;
  private avCache = new Map<string, AvDecision>();
  /** type → the type itself and its attributes. */
  private typeNames = new Map<string, Set<string>>();

  get initialized(): boolean {
    return this.policy !== null;
  }

  /** Installs a parsed policy (selinux_policy_commit()). */
  commit(db: PolicyDb): void {
    this.policy = db;
    this.bools = new Map(db.bools);
    this.pendingBools = new Map(db.bools);
    this.typeNames = new Map();
    for (const t of db.types) this.typeNames.set(t, new Set([t]));
    for (const [attr, members] of db.attributes) for (const t of members) this.typeNames.get(t)?.add(attr);
    this.seqno++;
    this.avCache = new Map();
  }

  /** security_set_bools(): commit the pending values. */
  commitBools(): void {
    this.bools = new Map(this.pendingBools);
    this.seqno++;
    this.avCache = new Map();
  }

  /**
   * security_sid_to_context(): the context, or before the first load the initial SID's name. A SID
   * whose context the policy does not accept (a forced label, a reload) reads as unlabeled
   * (sidtab_search_entry()); `force` gives its own string (security_sid_to_context_force()).
   */
  sidToContext(sid: number, force = false): string {
    const initial = INITIAL_NAMES.get(sid);
    if (initial !== undefined) {
      if (!this.policy) return initial;
      return this.policy.isids.get(initial) ?? this.policy.isids.get('unlabeled')!;
    }
    const ctx = this.sidToCtx.get(sid);
    if (ctx === undefined) return this.sidToContext(SECINITSID_UNLABELED_);
    if (!force && this.policy && contextInvalid(this.policy, ctx)) return this.sidToContext(SECINITSID_UNLABELED_);
    return ctx;
  }

  /** security_sid_to_context_inval(): the string of an invalid context, else null. */
  sidToContextInval(sid: number): string | null {
    const ctx = this.sidToCtx.get(sid);
    return ctx !== undefined && this.policy && contextInvalid(this.policy, ctx) ? ctx : null;
  }

  /** security_context_to_sid(): a SID for a valid context, or null (-EINVAL). */
  contextToSid(ctx: string, force = false): number | null {
    if (!this.policy) return null;
    if (!force && contextInvalid(this.policy, ctx)) return null;
    for (const [name, c] of this.policy.isids) if (c === ctx) return INITIAL_SIDS[name]!;
    let sid = this.ctxToSid.get(ctx);
    if (sid === undefined) {
      sid = this.nextSid++;
      this.ctxToSid.set(ctx, sid);
      this.sidToCtx.set(sid, ctx);
    }
    return sid;
  }

  /** The context used for decisions: an invalid context (policy reload, forced label) counts as unlabeled. */
  private effective(sid: number): string[] {
    return this.sidToContext(sid).split(':');
  }

  typeOf(sid: number): string {
    return this.effective(sid)[2]!;
  }

  private matches(names: readonly string[], type: string): boolean {
    const mine = this.typeNames.get(type);
    return !!mine && names.some((n) => mine.has(n));
  }

  private ruleApplies(r: AvRule | TypeTransition, stype: string, ttype: string, cls: string): boolean {
    if (!r.classes.includes(cls) || !this.matches(r.src, stype)) return false;
    return r.tgt.some((t) => (t === 'self' ? ttype === stype : this.typeNames.get(ttype)?.has(t)));
  }

  private activeRules<T>(pick: (b: { av: readonly AvRule[]; tt: readonly TypeTransition[] }) => readonly T[]): T[] {
    const db = this.policy!;
    const out = [...pick(db)];
    for (const c of db.conds) out.push(...pick(evalCond(c.expr, this.bools) ? c.ifTrue : c.ifFalse));
    return out;
  }

  /**
   * security_compute_av(): before the first load everything is allowed. A class the policy does
   * not define, or permissions of a class it does not define, follow handle_unknown.
   */
  computeAv(ssid: number, tsid: number, cls: string): AvDecision {
    const key = `${ssid}|${tsid}|${cls}`;
    const hit = this.avCache.get(key);
    if (hit) return hit;
    const d = this.computeAvUncached(ssid, tsid, cls);
    this.avCache.set(key, d);
    return d;
  }

  private computeAvUncached(ssid: number, tsid: number, cls: string): AvDecision {
    const db = this.policy;
    const none = new Set<string>();
    if (!db) return { allowed: 'all', auditallow: none, dontaudit: none, permissive: false };
    const stype = this.typeOf(ssid);
    const ttype = this.typeOf(tsid);
    const permissive = db.permissive.has(stype);
    const perms = db.classes.get(cls);
    if (!perms) {
      const allowed = db.handleUnknown === 'allow' ? 'all' : none;
      return { allowed, auditallow: none, dontaudit: none, permissive };
    }
    const allowed = new Set<string>();
    const auditallow = new Set<string>();
    const dontaudit = new Set<string>();
    for (const r of this.activeRules((b) => b.av)) {
      if (!this.ruleApplies(r, stype, ttype, cls)) continue;
      const list = r.perms === '*' ? [...perms] : r.perms;
      const into = r.kind === 'allow' ? allowed : r.kind === 'auditallow' ? auditallow : dontaudit;
      for (const p of list) into.add(p);
    }
    // Kernel permissions the policy's class does not define: handle_unknown.
    if (db.handleUnknown === 'allow') for (const p of SECCLASS_PERMS(cls)) if (!perms.has(p)) allowed.add(p);
    return { allowed, auditallow, dontaudit, permissive };
  }

  /** The type a type_transition rule gives, or null. */
  private transitionType(stype: string, ttype: string, cls: string): string | null {
    for (const r of this.activeRules((b) => b.tt)) if (this.ruleApplies(r, stype, ttype, cls)) return r.newType;
    return null;
  }

  /**
   * security_compute_sid(AVTAB_TRANSITION): user from the source; role from the source for
   * processes, object_r for objects; type from the type_transition rule, else the source's
   * (process) or the target's (object); the source's level. An invalid result is an error
   * (compute_sid_handle_invalid_context()): `invalid` carries the context, the caller audits it.
   */
  transitionSid(ssid: number, tsid: number, cls: string): { sid: number } | { invalid: string } {
    if (!this.policy) return { sid: cls === 'process' ? ssid : tsid };
    const s = this.effective(ssid);
    const t = this.effective(tsid);
    const isProcess = cls === 'process';
    const type = this.transitionType(s[2]!, t[2]!, cls) ?? (isProcess ? s[2]! : t[2]!);
    const ctx = [s[0]!, isProcess ? s[1]! : 'object_r', type, ...(s[3] ? [s[3].split('-')[0]!] : [])].join(':');
    const sid = this.contextToSid(ctx);
    return sid === null ? { invalid: ctx } : { sid };
  }
}

function SECCLASS_PERMS(cls: string): readonly string[] {
  return SECCLASS_MAP[cls] ?? [];
}
