// An Ubuntu-like AppArmor policy for the default world, in the profile language the model parses
// (policy.ts). On Ubuntu, /etc/apparmor.d holds one file per program and apparmor.service runs
// apparmor_parser -r on them at boot, which writes the compiled profiles to
// /sys/kernel/security/apparmor/.replace; the model's init writes this text there instead
// (BootConfig.policies.apparmor). Real profiles #include abstractions (base, nameservice, python);
// the model has none, so the rules they would add are written out.

/** Profiles for the default world: a confined python3, passwd, and a `sandbox` profile to stack. */
export const APPARMOR_DEFAULT_POLICY = `# /etc/apparmor.d/usr.bin.python3 (a demo profile): a confined interpreter. It may read the
# system's configuration but not write it; whatever DAC says, root running python3 cannot
# write /etc/shadow (no rule allows it: apparmor="DENIED" ... requested_mask="w").
profile python3 /usr/bin/python3 {
  /usr/bin/python3 mr,
  /usr/lib/** r,
  /etc/passwd r,
  /etc/group r,
  /etc/hostname r,
  /etc/shadow r,
  /dev/null rw,
  /tmp/ r,
  /tmp/** rwk,
  /home/*/ r,
  owner /home/*/** rw,
  /proc/*/status r,
  /proc/*/attr/current r,
  /usr/bin/ls ix,
  /usr/bin/passwd Px,
  # Quiet denial: root's files are off limits and not worth a log line.
  deny /root/** rwx,
  capability setuid,
}

# /etc/apparmor.d/usr.bin.passwd: passwd may rewrite the password database and nothing else.
profile passwd /usr/bin/passwd {
  /usr/bin/passwd mr,
  /etc/passwd r,
  /etc/shadow rw,
  /etc/group r,
  /dev/null rw,
  capability chown,
  capability dac_override,
  capability fowner,
  capability setuid,
  audit deny /home/** w,
}

# A profile with no attachment: nothing attaches it at exec; a task stacks it onto itself
# (lsm_config_self_policy(LSM_ID_APPARMOR, "sandbox"), aa-exec -p sandbox --stack).
profile sandbox {
  /usr/** r,
  /etc/** r,
  deny /etc/shadow r,
  /home/** r,
  /tmp/ r,
  /tmp/** rw,
  /proc/** r,
  /dev/null rw,
}
`;
