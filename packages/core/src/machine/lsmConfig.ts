// `lsm_config self|system LSM [-f FILE | POLICY...]`: a small client of the policy syscalls of the
// seed thread (Maxime Bélair's unmerged lsm_config_self_policy() / lsm_config_system_policy(), v6),
// for the shell. It names the target LSM by name or LSM_ID, reads the policy from FILE (openat, read,
// close, as any program would) or takes the rest of the line as its text, and makes one call with
// op LSM_POLICY_LOAD. No file of the LSM's pseudo-filesystem is touched: only the syscall's checks
// and the targeted LSM's hook decide.
import type { Machine, SyscallResult } from './machine';
import { LSM_POLICY_LOAD } from './policySyscalls';
import * as uapi from '../uapi/lsm';

/** What the tool needs of the shell's Io (shell.ts). */
export interface LsmConfigIo {
  readonly machine: Machine;
  readonly pid: number;
  sys(name: string, args: Readonly<Record<string, number | string>>, pid?: number): SyscallResult;
  fail(line: string, status?: number): void;
  why(r: SyscallResult): string;
}

export const LSM_CONFIG_USAGE = `usage: lsm_config self|system LSM [-f FILE | POLICY...]
Load a policy with lsm_config_self_policy() or lsm_config_system_policy() (LSM_POLICY_LOAD).
LSM is a name (apparmor, selinux, smack, ...) or an LSM_ID number. Examples:
  lsm_config self apparmor sandbox         stack the loaded AppArmor profile "sandbox" on this task
  lsm_config system selinux -f /tmp/policy load a whole SELinux policy (needs CAP_MAC_ADMIN)`;

/** The LSM_ID of a name ("apparmor") or a number ("104"); null when neither. */
export function lsmIdOf(name: string): number | null {
  if (/^\d+$/.test(name)) return Number(name);
  const v = (uapi as Record<string, unknown>)[`LSM_ID_${name.toUpperCase()}`];
  return typeof v === 'number' && /^[a-z]+$/.test(name) ? v : null;
}

const failed = (r: SyscallResult): boolean => r.ret === null || r.ret < 0;

export function lsmConfig(io: LsmConfigIo, args: readonly string[]): void {
  const [scope, lsm, ...rest] = args;
  if ((scope !== 'self' && scope !== 'system') || lsm === undefined || rest.length === 0) {
    io.fail(LSM_CONFIG_USAGE, 2);
    return;
  }
  const id = lsmIdOf(lsm);
  if (id === null) {
    io.fail(`lsm_config: unknown LSM ${JSON.stringify(lsm)} (a name such as apparmor, or an LSM_ID number)`, 2);
    return;
  }
  let policy: string;
  if (rest[0] === '-f') {
    const file = rest[1];
    if (file === undefined || rest.length > 2) {
      io.fail(LSM_CONFIG_USAGE, 2);
      return;
    }
    const o = io.sys('openat', { path: file, flags: 'O_RDONLY' });
    if (failed(o)) {
      io.fail(`lsm_config: ${file}: ${io.why(o)}`);
      return;
    }
    policy = '';
    for (let i = 0; i < 64; i++) {
      const r = io.sys('read', { fd: o.ret!, count: 65536 });
      if (failed(r)) {
        io.fail(`lsm_config: ${file}: ${io.why(r)}`);
        io.sys('close', { fd: o.ret! });
        return;
      }
      if (r.ret === 0) break;
      policy += r.out;
    }
    io.sys('close', { fd: o.ret! });
  } else policy = rest.join(' ');
  const name = `lsm_config_${scope}_policy`;
  const r = io.sys(name, { lsm_id: id, op: LSM_POLICY_LOAD, policy });
  if (failed(r)) io.fail(`lsm_config: ${name}: ${io.why(r)}`);
}
