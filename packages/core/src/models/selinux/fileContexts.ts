// The image's security.selinux labels: what restorecon would have written from a Fedora-like
// file_contexts (the first matching regular expression wins, as in the real file, where the more
// specific entries sort last and are tried first). The provider is listed in
// machine/imageXattrs.ts; the labels are on disk whichever LSMs boot.
import type { ImageFile, XattrProvider } from '../../machine/imageXattrs';

/** file_contexts entries, most specific first: path regex → context (all `system_u:object_r:…:s0`). */
export const FILE_CONTEXTS: readonly (readonly [RegExp, string])[] = [
  [/^\/etc\/shadow$/, 'shadow_t'],
  [/^\/etc\/(passwd|group)$/, 'passwd_file_t'],
  [/^\/etc(\/.*)?$/, 'etc_t'],
  [/^\/usr\/bin\/passwd$/, 'passwd_exec_t'],
  [/^\/usr\/bin\/bash$/, 'shell_exec_t'],
  [/^\/usr\/sbin\/init$/, 'init_exec_t'],
  [/^\/usr\/sbin\/sshd$/, 'sshd_exec_t'],
  [/^\/usr\/sbin\/cron$/, 'crond_exec_t'],
  [/^\/usr\/(s?bin)(\/.*)?$/, 'bin_t'],
  [/^\/(s?bin)$/, 'bin_t'],
  [/^\/usr\/lib\/modules(\/.*)?$/, 'modules_object_t'],
  [/^\/usr\/lib(\/.*)?$/, 'lib_t'],
  [/^\/usr(\/.*)?$/, 'usr_t'],
  [/^\/home$/, 'home_root_t'],
  [/^\/home\/[^/]+$/, 'user_home_dir_t'],
  [/^\/home\/[^/]+\/.+$/, 'user_home_t'],
  [/^\/root(\/.*)?$/, 'admin_home_t'],
  [/^\/tmp$/, 'tmp_t'],
  [/^\/var\/log(\/.*)?$/, 'var_log_t'],
  [/^\/var(\/.*)?$/, 'var_t'],
  [/^\/dev\/null$/, 'null_device_t'],
  [/^\/dev(\/.*)?$/, 'device_t'],
  [/^\/proc$/, 'proc_t'],
  [/^\/sys$/, 'sysfs_t'],
  [/^\/$/, 'root_t'],
];

/** The security.selinux xattr restorecon gives an ext4 file of the image (pseudo filesystems have none). */
export const selinuxImageXattrs: XattrProvider = (f: ImageFile) => {
  if (f.fsType !== 'ext4') return null;
  const hit = FILE_CONTEXTS.find(([re]) => re.test(f.path));
  return hit ? { 'security.selinux': `system_u:object_r:${hit[1]}:s0` } : null;
};
