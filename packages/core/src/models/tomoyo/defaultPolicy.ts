// TOMOYO's built-in policy in the model (what security/tomoyo/builtin-policy.h holds when the
// kernel is built with policy/*.conf), and a sample domain policy.
//
// The profiles are those tomoyo-init writes on a fresh system: 0 disabled, 1 learning,
// 2 permissive, 3 enforcing, each logging rejected requests only. The managers are the programs
// that may write the policy files: init (which loads BootConfig.policies.tomoyo into
// domain_policy) and the shells of the model's machine.

export const TOMOYO_BUILTIN_PROFILE = `PROFILE_VERSION=20150505
0-COMMENT=-----Disabled Mode-----
0-PREFERENCE={ max_audit_log=1024 max_learning_entry=2048 }
0-CONFIG={ mode=disabled grant_log=no reject_log=yes }
1-COMMENT=-----Learning Mode-----
1-CONFIG={ mode=learning grant_log=no reject_log=yes }
2-COMMENT=-----Permissive Mode-----
2-CONFIG={ mode=permissive grant_log=no reject_log=yes }
3-COMMENT=-----Enforcing Mode-----
3-CONFIG={ mode=enforcing grant_log=no reject_log=yes }
`;

export const TOMOYO_BUILTIN_EXCEPTION_POLICY = `initialize_domain /usr/sbin/sshd from any
initialize_domain /usr/sbin/cron from any
`;

export const TOMOYO_BUILTIN_MANAGER = `/usr/sbin/init
/usr/bin/bash
`;

/**
 * A domain policy for the default world: the shells' domain <kernel> learns, and cat run from it
 * may read the world-readable files of /etc and alice's home but nothing else.
 */
export const TOMOYO_DEFAULT_DOMAIN_POLICY = `<kernel>
use_profile 1

<kernel> /usr/bin/cat
use_profile 3
file read /etc/passwd
file read /etc/group
file read /etc/hostname
file read /home/\\*/\\*.txt
`;
