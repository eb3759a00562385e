// A Tizen-like Smack setup for the model's disk image: the three-domain labels ("System",
// "User", per-package "User::Pkg::<pkg>" apps) on the few files that need one, and the rules
// that go with them, as /etc/smack/accesses.d would hold them. Files without a SMACK64 xattr
// read as the floor label "_" (the superblock's smk_default).
import type { ImageFile } from '../../machine/imageXattrs';

/** The rules, in load2 format ("subject object access"), one per line. */
export const SMACK_DEFAULT_RULES = `System System::Log rwxa
System System::Shared rwxat
System User rwx
System User::Home rwxat
User System::Shared rx
User System::Log a
User User::Home rwxat
User::Pkg::python3 User::Home rwx
User::Pkg::python3 System::Shared rx
`;

/** Labels by path on the root filesystem (ext4): SMACK64, SMACK64EXEC, SMACK64TRANSMUTE. */
const ROOT_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  '/etc/shadow': { 'security.SMACK64': 'System' },
  '/var/log': { 'security.SMACK64': 'System::Log', 'security.SMACK64TRANSMUTE': 'TRUE' },
  '/var/log/auth.log': { 'security.SMACK64': 'System::Log' },
  '/usr/sbin/sshd': { 'security.SMACK64EXEC': 'System' },
  '/usr/sbin/cron': { 'security.SMACK64EXEC': 'System' },
  '/usr/bin/python3': { 'security.SMACK64EXEC': 'User::Pkg::python3' },
  '/tmp': { 'security.SMACK64': '*' },
  '/dev/null': { 'security.SMACK64': '*' },
};

/** The image's security.SMACK64* xattrs (machine/imageXattrs.ts provider). */
export function smackImageXattrs(f: ImageFile): Readonly<Record<string, string>> | null {
  if (f.fsType !== 'ext4') return null;
  return ROOT_LABELS[f.path] ?? null;
}
