// Audit records (include/uapi/linux/audit.h record types; kernel/audit.c audit_log_start()'s
// "audit(<sec>.<msec>:<serial>)" stamp). With no auditd listening, kauditd_printk_skb() prints each
// record to the kernel log as "audit: type=<n> audit(...): <body>".

/** Record types LSMs emit. */
export const AUDIT_TYPES = {
  AVC: 1400,
  SELINUX_ERR: 1401,
  MAC_POLICY_LOAD: 1403,
  MAC_STATUS: 1404,
  MAC_CONFIG_CHANGE: 1405,
  APPARMOR_AUDIT: 1501,
  APPARMOR_ALLOWED: 1502,
  APPARMOR_DENIED: 1503,
  APPARMOR_HINT: 1504,
  APPARMOR_STATUS: 1505,
  APPARMOR_ERROR: 1506,
  INTEGRITY_DATA: 1800,
  INTEGRITY_METADATA: 1801,
  INTEGRITY_STATUS: 1802,
  INTEGRITY_HASH: 1803,
  INTEGRITY_PCR: 1804,
  INTEGRITY_RULE: 1805,
  INTEGRITY_EVM_XATTR: 1806,
  INTEGRITY_POLICY_RULE: 1807,
  IPE_ACCESS: 1420,
  IPE_CONFIG_CHANGE: 1421,
  IPE_POLICY_LOAD: 1422,
  LANDLOCK_ACCESS: 1423,
  LANDLOCK_DOMAIN: 1424,
  KERNEL_OTHER: 1316,
} as const;

export type AuditType = keyof typeof AUDIT_TYPES;

/** The model's wall clock at boot (2026-11-22T00:00:00Z), so audit stamps are deterministic. */
export const BOOT_EPOCH_SECONDS = 1795305600;

/** "audit(1795305600.123:42)" for virtual time `ns` since boot. */
export function auditStamp(ns: number, serial: number): string {
  const ms = Math.floor(ns / 1_000_000);
  const sec = BOOT_EPOCH_SECONDS + Math.floor(ms / 1000);
  return `audit(${sec}.${String(ms % 1000).padStart(3, '0')}:${serial})`;
}
