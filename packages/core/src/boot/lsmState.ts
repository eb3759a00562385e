// Per-LSM state while the framework boots: the `enabled` pointer of struct lsm_info and the
// reasons the model records so the UI can say why each LSM ended up on or off.
import type { LsmBlobSizes } from '../lsm/blobKinds';
import type { LsmInfo } from '../lsm/lsmInfo';

/** Why an LSM is where it is, one step at a time, in the order the kernel decided. */
export type BootReasonCode =
  | 'enable-param'
  | 'enable-param-ignored'
  | 'legacy-conflict'
  | 'appended'
  | 'skip-disabled'
  | 'exclusive-conflict'
  | 'exclusive-selected'
  | 'duplicate'
  | 'not-listed'
  | 'max-count'
  | 'init'
  | 'init-failed'
  | 'not-registered';

export interface BootReason {
  readonly code: BootReasonCode;
  readonly text: string;
}

/**
 * lsm_info.enabled: NULL, the framework's own lsm_enabled_true / lsm_enabled_false, or a pointer
 * to the LSM's variable (selinux_enabled_boot) holding `value`.
 */
export type EnabledPtr =
  | { readonly kind: 'null' }
  | { readonly kind: 'framework'; readonly value: boolean }
  | { readonly kind: 'var'; readonly name: string; value: number };

export interface LsmBootState {
  readonly info: LsmInfo;
  enabled: EnabledPtr;
  reasons: BootReason[];
  /** The list that appended it: "early", "first", "builtin", "cmdline", "last", "security=". */
  appendedBy: string | null;
  offsets: LsmBlobSizes;
  initRc: number | null;
  /** security_add_hooks() was called at least once. */
  registered: boolean;
  /** Lines its init printed. */
  initPrintks: number;
}

export function newLsmState(info: LsmInfo): LsmBootState {
  return {
    info,
    enabled: info.enabled ? { kind: 'var', name: info.enabled.name, value: info.enabled.initial } : { kind: 'null' },
    reasons: [],
    appendedBy: null,
    offsets: {},
    initRc: null,
    registered: false,
    initPrintks: 0,
  };
}

/** lsm_is_enabled() / is_enabled(): a NULL pointer reads as false. */
export function lsmIsEnabled(s: LsmBootState): boolean {
  switch (s.enabled.kind) {
    case 'null':
      return false;
    case 'framework':
      return s.enabled.value;
    case 'var':
      return s.enabled.value !== 0;
  }
}

/** lsm_enabled_set() (7.1) / set_enabled() (6.x): the framework's constants, or the LSM's variable. */
export function lsmEnabledSet(s: LsmBootState, on: boolean): void {
  if (s.enabled.kind === 'var') s.enabled.value = on ? 1 : 0;
  else s.enabled = { kind: 'framework', value: on };
}

export function reason(s: LsmBootState, code: BootReasonCode, text: string): void {
  s.reasons.push({ code, text });
}
