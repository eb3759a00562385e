// Policies for the playground's presets, in the model's policy language (policy.ts).
//
// SELINUX_FEDORA_POLICY is a Fedora-like targeted-and-confined-users policy cut down to the
// default world: init, cron and sshd run in their own domains (the transitions on init_exec_t,
// crond_exec_t, sshd_exec_t), root logs in as the confined administrator staff_u:staff_r:staff_t
// (which may read but not write shadow_t, so `echo x > /etc/shadow` as root passes DAC and is
// denied by SELinux), alice as user_u:user_r:user_t, and running /usr/bin/passwd (passwd_exec_t)
// moves either of them into passwd_t, which may write shadow_t. Unlike Fedora's staff_t, the
// playground's staff_t may load policy, set booleans and switch enforcing, so root can edit the
// policy from the shell.

const CLASSES = `
class security { load_policy setenforce setbool compute_av check_context read_policy }
class process { fork transition sigchld sigkill sigstop signull signal ptrace getattr setexec setfscreate
  noatsecure siginh rlimitinh dyntransition setcurrent setkeycreate setsockcreate getsched setsched getpgid setpgid
  getsession getcap setcap share setrlimit execmem execstack execheap getrlimit }
class process2 { nnp_transition nosuid_transition }
class filesystem { mount remount unmount getattr relabelfrom relabelto associate }
class file { ioctl read write create getattr setattr lock relabelfrom relabelto append map unlink link rename
  execute open execute_no_trans entrypoint }
class dir { ioctl read write create getattr setattr lock relabelfrom relabelto append map unlink link rename
  execute open add_name remove_name reparent search rmdir }
class lnk_file { read write create getattr setattr unlink link rename relabelfrom relabelto open }
class chr_file { ioctl read write create getattr setattr open append map }
class sock_file { read write create getattr setattr unlink open }
class fd { use }
class capability { chown dac_override dac_read_search fowner fsetid kill setgid setuid setpcap linux_immutable
  net_bind_service net_broadcast net_admin net_raw ipc_lock ipc_owner sys_module sys_rawio sys_chroot sys_ptrace
  sys_pacct sys_admin sys_boot sys_nice sys_resource sys_time sys_tty_config mknod lease audit_write audit_control
  setfcap }
class capability2 { mac_override mac_admin syslog wake_alarm block_suspend audit_read perfmon bpf checkpoint_restore }
`;

/** The Fedora-like default policy of the SELinux preset. */
export const SELINUX_FEDORA_POLICY = `# A Fedora-like policy for the playground's default world (the model's .te subset).
handle_unknown allow;
policycap open_perms;
policycap nnp_nosuid_transition;
${CLASSES}
attribute domain;
attribute file_type;
attribute exec_type;

# Domains.
type kernel_t, domain;
type init_t, domain;
type crond_t, domain;
type sshd_t, domain;
type staff_t, domain;
type user_t, domain;
type passwd_t, domain;

# Files (file_contexts in the image gives these).
type unlabeled_t, file_type;
type fs_t, file_type;
type root_t, file_type;
type etc_t, file_type;
type passwd_file_t, file_type;
type shadow_t, file_type;
type usr_t, file_type;
type bin_t, file_type, exec_type;
type shell_exec_t, file_type, exec_type;
type init_exec_t, file_type, exec_type;
type crond_exec_t, file_type, exec_type;
type sshd_exec_t, file_type, exec_type;
type passwd_exec_t, file_type, exec_type;
type lib_t, file_type;
type modules_object_t, file_type;
type home_root_t, file_type;
type user_home_dir_t, file_type;
type user_home_t, file_type;
type admin_home_t, file_type;
type tmp_t, file_type;
type user_tmp_t, file_type;
type var_t, file_type;
type var_log_t, file_type;
type device_t, file_type;
type null_device_t, file_type;
type proc_t, file_type;
type sysfs_t, file_type;
type securityfs_t, file_type;
type security_t, file_type;

role system_r types { kernel_t init_t crond_t sshd_t };
role staff_r types { staff_t passwd_t };
role user_r types { user_t passwd_t };
user system_u roles { system_r };
user staff_u roles { staff_r };
user user_u roles { user_r };

sid kernel system_u:system_r:kernel_t:s0;
sid security system_u:object_r:security_t:s0;
sid unlabeled system_u:object_r:unlabeled_t:s0;
sid file system_u:object_r:unlabeled_t:s0;
fs_use_xattr ext4 system_u:object_r:fs_t:s0;
genfscon proc / system_u:object_r:proc_t:s0;
genfscon sysfs / system_u:object_r:sysfs_t:s0;
genfscon securityfs / system_u:object_r:securityfs_t:s0;
genfscon selinuxfs / system_u:object_r:security_t:s0;

# seusers and default contexts: what pam_selinux gives a session sshd starts.
login root staff_u:staff_r:staff_t:s0;
login __default__ user_u:user_r:user_t:s0;
# /etc/selinux/config: SELINUX=enforcing.
config enforcing;

# The system start: kernel_t runs init, init starts cron and sshd.
type_transition kernel_t init_exec_t:process init_t;
type_transition init_t crond_exec_t:process crond_t;
type_transition init_t sshd_exec_t:process sshd_t;
allow kernel_t init_t:process transition;
allow init_t init_exec_t:file entrypoint;
allow init_t { crond_t sshd_t }:process transition;
allow crond_t crond_exec_t:file entrypoint;
allow sshd_t sshd_exec_t:file entrypoint;

# The system domains are unconfined in this cut-down policy.
allow { kernel_t init_t crond_t sshd_t } file_type:{ file dir lnk_file chr_file sock_file } *;
allow { kernel_t init_t crond_t sshd_t } domain:process *;
allow { kernel_t init_t crond_t sshd_t } self:{ capability capability2 } *;
allow { kernel_t init_t } security_t:security *;

# Every domain.
allow domain self:process *;
allow domain domain:fd use;
allow domain self:{ file dir lnk_file } *;
allow domain { root_t etc_t usr_t bin_t lib_t var_t device_t home_root_t proc_t sysfs_t securityfs_t security_t }:dir { search getattr read open ioctl };
allow domain { etc_t passwd_file_t usr_t lib_t proc_t sysfs_t securityfs_t security_t }:file { read open getattr ioctl map };
allow domain { bin_t proc_t }:lnk_file { read getattr };
allow domain exec_type:file { read open getattr execute map ioctl };
allow domain { bin_t shell_exec_t }:file execute_no_trans;
allow domain null_device_t:chr_file { read write open getattr ioctl append };
allow domain tmp_t:dir { search getattr read open write add_name remove_name };
allow file_type fs_t:filesystem associate;

# Changing passwords: passwd_exec_t runs in passwd_t, which may write shadow_t.
type_transition { staff_t user_t } passwd_exec_t:process passwd_t;
allow { staff_t user_t } passwd_t:process transition;
allow passwd_t passwd_exec_t:file entrypoint;
allow passwd_t { shadow_t passwd_file_t }:file { read write open getattr setattr append lock create rename unlink };
allow passwd_t etc_t:dir { write add_name remove_name };
allow passwd_t self:capability { chown dac_override fowner setuid };
allow passwd_t { user_tmp_t }:file { read write append getattr };

# alice: user_t.
allow user_t { user_home_dir_t user_home_t }:dir *;
allow user_t user_home_t:{ file lnk_file } *;
type_transition user_t user_home_dir_t:{ file dir } user_home_t;
type_transition user_t tmp_t:file user_tmp_t;
type_transition user_t tmp_t:dir user_tmp_t;
allow user_t user_tmp_t:{ file dir lnk_file } *;
allow user_t user_tmp_t:file entrypoint;
bool allow_user_shadow false;
if (allow_user_shadow) {
  allow user_t shadow_t:file { read open getattr };
}

# root: staff_t, a confined administrator (reads shadow_t, may not write it).
allow staff_t file_type:dir { search getattr read open ioctl };
allow staff_t { etc_t var_log_t admin_home_t user_home_t user_tmp_t tmp_t usr_t lib_t modules_object_t }:file *;
allow staff_t { etc_t var_log_t admin_home_t user_home_dir_t user_home_t user_tmp_t tmp_t }:dir *;
allow staff_t { shadow_t passwd_file_t }:file { read open getattr ioctl lock };
allow staff_t file_type:file getattr;
type_transition staff_t tmp_t:file user_tmp_t;
allow staff_t self:capability *;
allow staff_t self:capability2 { mac_admin syslog };
allow staff_t domain:process { signal sigkill sigstop signull getattr ptrace };
allow staff_t domain:file { read open getattr };
allow staff_t domain:dir { read open getattr search };
allow staff_t security_t:file { write };
allow staff_t security_t:security { load_policy setenforce setbool };
`;

/**
 * A tiny permissive example: one domain for everyone and no allow rules, in permissive mode, so
 * every first access is logged (permissive=1) and allowed: the audit2allow way of writing policy.
 */
export const SELINUX_PERMISSIVE_POLICY = `# Everything runs as unconfined_t; nothing is allowed, nothing is enforced.
handle_unknown allow;
policycap open_perms;
${CLASSES}
type kernel_t;
type unconfined_t;
type unlabeled_t;
type fs_t;
type file_t;
type security_t;
role system_r types { kernel_t unconfined_t };
user system_u roles { system_r };
sid kernel system_u:system_r:kernel_t:s0;
sid security system_u:object_r:security_t:s0;
sid unlabeled system_u:object_r:unlabeled_t:s0;
sid file system_u:object_r:file_t:s0;
fs_use_xattr ext4 system_u:object_r:fs_t:s0;
genfscon selinuxfs / system_u:object_r:security_t:s0;
login __default__ system_u:system_r:unconfined_t:s0;
# Labels this policy does not define read as unlabeled_t: init (init_exec_t on disk) enters unconfined_t.
type_transition kernel_t unlabeled_t:process unconfined_t;
config permissive;
`;
