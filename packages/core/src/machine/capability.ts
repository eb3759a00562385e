// include/uapi/linux/capability.h: capability numbers, and the cap sets as 64-bit masks.

export const CAP_NAMES = [
  'CAP_CHOWN',
  'CAP_DAC_OVERRIDE',
  'CAP_DAC_READ_SEARCH',
  'CAP_FOWNER',
  'CAP_FSETID',
  'CAP_KILL',
  'CAP_SETGID',
  'CAP_SETUID',
  'CAP_SETPCAP',
  'CAP_LINUX_IMMUTABLE',
  'CAP_NET_BIND_SERVICE',
  'CAP_NET_BROADCAST',
  'CAP_NET_ADMIN',
  'CAP_NET_RAW',
  'CAP_IPC_LOCK',
  'CAP_IPC_OWNER',
  'CAP_SYS_MODULE',
  'CAP_SYS_RAWIO',
  'CAP_SYS_CHROOT',
  'CAP_SYS_PTRACE',
  'CAP_SYS_PACCT',
  'CAP_SYS_ADMIN',
  'CAP_SYS_BOOT',
  'CAP_SYS_NICE',
  'CAP_SYS_RESOURCE',
  'CAP_SYS_TIME',
  'CAP_SYS_TTY_CONFIG',
  'CAP_MKNOD',
  'CAP_LEASE',
  'CAP_AUDIT_WRITE',
  'CAP_AUDIT_CONTROL',
  'CAP_SETFCAP',
  'CAP_MAC_OVERRIDE',
  'CAP_MAC_ADMIN',
  'CAP_SYSLOG',
  'CAP_WAKE_ALARM',
  'CAP_BLOCK_SUSPEND',
  'CAP_AUDIT_READ',
  'CAP_PERFMON',
  'CAP_BPF',
  'CAP_CHECKPOINT_RESTORE',
] as const;

export type CapName = (typeof CAP_NAMES)[number];

export const CAP_CHOWN = 0;
export const CAP_DAC_OVERRIDE = 1;
export const CAP_DAC_READ_SEARCH = 2;
export const CAP_FOWNER = 3;
export const CAP_FSETID = 4;
export const CAP_KILL = 5;
export const CAP_SETGID = 6;
export const CAP_SETUID = 7;
export const CAP_SETPCAP = 8;
export const CAP_NET_BIND_SERVICE = 10;
export const CAP_NET_ADMIN = 12;
export const CAP_SYS_MODULE = 16;
export const CAP_SYS_RAWIO = 17;
export const CAP_SYS_PTRACE = 19;
export const CAP_SYS_ADMIN = 21;
export const CAP_MKNOD = 27;
export const CAP_SETFCAP = 31;
export const CAP_MAC_OVERRIDE = 32;
export const CAP_MAC_ADMIN = 33;
export const CAP_SYSLOG = 34;
export const CAP_BPF = 39;
export const CAP_LAST_CAP = 40;

/** CAP_FULL_SET: every capability up to CAP_LAST_CAP. */
export const CAP_FULL_SET = (1n << BigInt(CAP_LAST_CAP + 1)) - 1n;
export const CAP_EMPTY_SET = 0n;

/** cap_raised(set, cap). */
export function capRaised(set: bigint, cap: number): boolean {
  return ((set >> BigInt(cap)) & 1n) === 1n;
}

/** The names of the capabilities in a set, for display. */
export function capNames(set: bigint): CapName[] {
  return CAP_NAMES.filter((_, i) => capRaised(set, i));
}
