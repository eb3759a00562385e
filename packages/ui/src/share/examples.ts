// The examples gallery: each example is a share state (the editor files, the boot, the shell
// lines), so it opens exactly as a link would, and what it shows is checked by the ui tests and
// by Playwright (`expect`: text its transcript shows once its lines have run).
import { DEFAULT_MODULE_FILE, DEFAULT_MODULE_SOURCE, defaultConfigLsm, distroPreset } from '@lsm-playground/core';
import { SHARE_VERSION, type ShareState } from './shareState';

export interface Example {
  readonly id: string;
  readonly title: string;
  /** One sentence: what to look at. */
  readonly summary: string;
  readonly state: ShareState;
  /** Text the shell transcript shows after the example's lines ran. */
  readonly expect: string;
}

const DEFAULT_BOOT = {
  kernelVersion: '7.1',
  configLsm: defaultConfigLsm('7.1'),
  cmdline: '',
  notBuilt: [],
  policies: {},
  presetId: null,
} as const;

function example(
  id: string,
  title: string,
  summary: string,
  files: readonly { fileName: string; source: string }[],
  lines: readonly string[],
  expect: string,
  boot: ShareState['boot'] = DEFAULT_BOOT,
): Example {
  return {
    id,
    title,
    summary,
    expect,
    state: { v: SHARE_VERSION, boot, files, activeFile: files[0]!.fileName, rustV1: false, lines, step: null },
  };
}

const LOG_OPENS = `// The seed's minimal example: log every file open (impl Hooks for a struct, define_lsm!).
import { Hooks, File, Result, Ok, defineLsm, LSM_ID_UNDEF, pr_info } from 'kernel';

class OpenLogger implements Hooks {
  file_open(file: File): Result {
    pr_info('open {}', file.path());
    return Ok();
  }
}

export default defineLsm(OpenLogger, 'open_logger\\0', LSM_ID_UNDEF);
`;

const FLOOD_FIXED = `// RustShield's log flood: a line on every inode_permission floods dmesg. The fix: rate-limited
// printk (10 lines per 5 s, then "N callbacks suppressed"), as the kernel's pr_info_ratelimited.
import { Hooks, Inode, Result, Ok, defineLsm, LSM_ID_UNDEF, pr_info_ratelimited } from 'kernel';

class QuietShield implements Hooks {
  inode_permission(inode: Inode, mask: number): Result {
    pr_info_ratelimited('checked inode {} for mask {}', inode.ino(), mask);
    return Ok();
  }
}

export default defineLsm(QuietShield, 'quiet_shield\\0', LSM_ID_UNDEF);
`;

const TASK_FREE_SLEEP = `// The task_free sleeping bug: task_free runs where the kernel may not sleep (RCU callback
// context); msleep() there is the kernel's "BUG: sleeping function called from invalid context".
import { Hooks, Task, defineLsm, LSM_ID_UNDEF, msleep } from 'kernel';

class Sleepy implements Hooks {
  task_free(task: Task): void {
    msleep(10);
  }
}

export default defineLsm(Sleepy, 'sleepy\\0', LSM_ID_UNDEF);
`;

// RustShield as seed 001 registers it: its C helper's DEFINE_LSM sets
// .flags = LSM_FLAG_LEGACY_MAJOR | LSM_FLAG_EXCLUSIVE.
const EXCLUSIVE_SHIELD = DEFAULT_MODULE_SOURCE.replace(
  'defineLsm, LSM_ID_UNDEF,',
  'defineLsm, LSM_ID_UNDEF, LSM_FLAG_LEGACY_MAJOR, LSM_FLAG_EXCLUSIVE,',
).replace(
  "defineLsm(RustShield, 'rustshield\\0', LSM_ID_UNDEF)",
  "defineLsm(RustShield, 'rustshield\\0', LSM_ID_UNDEF, LSM_FLAG_LEGACY_MAJOR | LSM_FLAG_EXCLUSIVE)",
);

const FORK_GUARD = `// A fork-bomb guard in task_alloc: each uid may have at most MAX_PROCS live processes (its login
// shell counts); one more (clone_flags without CLONE_THREAD: a new process, not a thread) is refused with EAGAIN, which bash reports as "fork: Resource temporarily unavailable".
// The uid a process was counted for sits in its task blob, so task_free gives it back.
import { Hooks, Task, Result, Ok, Err, EAGAIN, SecurityBlob, defineLsm, LSM_ID_UNDEF, pr_info } from 'kernel';

const CLONE_THREAD = 0x00010000; // include/uapi/linux/sched.h
const MAX_PROCS = 4;
const countedFor = new SecurityBlob<{ uid: number }>('task', () => ({ uid: -1 }));
const live = new Map<number, number>();

class ForkGuard implements Hooks {
  task_alloc(task: Task, clone_flags: number): Result {
    if (clone_flags & CLONE_THREAD) return Ok();
    const uid = task.cred().uid();
    const n = live.get(uid) ?? 0;
    if (n >= MAX_PROCS) {
      pr_info('uid {} already runs {} processes: fork refused', uid, n);
      return Err(EAGAIN);
    }
    live.set(uid, n + 1);
    countedFor.get(task).uid = uid;
    return Ok();
  }

  task_free(task: Task): void {
    const uid = countedFor.get(task).uid;
    if (uid >= 0) live.set(uid, (live.get(uid) ?? 1) - 1);
  }
}

export default defineLsm(ForkGuard, 'fork_guard\\0', LSM_ID_UNDEF);
`;

const PTRACE_WATCH = `// Logs each ptrace access check that reaches it. Stacked after Yama: when Yama refuses an
// attach, call_int_hook stops there and this hook is not called.
import { Hooks, Task, Result, Ok, current, defineLsm, LSM_ID_UNDEF, pr_info } from 'kernel';

class PtraceWatch implements Hooks {
  ptrace_access_check(child: Task, mode: number): Result {
    pr_info('{}[{}] may trace {}[{}] (mode {:#x})', current().comm(), current().pid(), child.comm(), child.pid(), mode);
    return Ok();
  }
}

export default defineLsm(PtraceWatch, 'ptrace_watch\\0', LSM_ID_UNDEF);
`;

const SELF_POLICY_BOOT = {
  ...DEFAULT_BOOT,
  configLsm: 'landlock,lockdown,yama,apparmor,bpf',
  policies: { apparmor: 'profile sandbox {\n  /usr/** r,\n  /tmp/** rw,\n}\n' },
};

const BLOB_COUNTER = `// Two user LSMs share the task blob: each declares a SecurityBlob<T>('task') and the framework
// gives each module its own slice, at the offset lsm_set_blob_size() computed at boot after the
// in-tree LSMs' slices (task->security + offset). This one counts each task's opens.
import { Hooks, File, Result, Ok, SecurityBlob, current, defineLsm, LSM_ID_UNDEF, pr_info } from 'kernel';

const opens = new SecurityBlob<{ n: number }>('task', () => ({ n: 0 }), 8);

class OpenCounter implements Hooks {
  constructor() {
    pr_info('task blob slice at offset {} ({} bytes)', opens.offset(), opens.size());
  }

  file_open(file: File): Result {
    const mine = opens.get(current());
    mine.n++;
    if (file.path() === '/etc/hostname')
      pr_info('{}[{}]: slice @{} holds {} opens', current().comm(), current().pid(), opens.offset(), mine.n);
    return Ok();
  }
}

export default defineLsm(OpenCounter, 'open_counter\\0', LSM_ID_UNDEF);
`;

const BLOB_TAGGER = `// The second module: its own slice of the same task blob, after open_counter's. It remembers
// the last path each task opened.
import { Hooks, File, Result, Ok, SecurityBlob, current, defineLsm, LSM_ID_UNDEF, pr_info } from 'kernel';

const lastOpen = new SecurityBlob<{ path: string }>('task', () => ({ path: '(none)' }), 16);

class Tagger implements Hooks {
  constructor() {
    pr_info('task blob slice at offset {} ({} bytes)', lastOpen.offset(), lastOpen.size());
  }

  file_open(file: File): Result {
    const mine = lastOpen.get(current());
    if (file.path() === '/etc/hostname')
      pr_info('{}[{}]: slice @{} holds last open {}', current().comm(), current().pid(), lastOpen.offset(), mine.path);
    mine.path = file.path();
    return Ok();
  }
}

export default defineLsm(Tagger, 'tagger\\0', LSM_ID_UNDEF);
`;

const fedora = distroPreset('fedora')!;

// TOMOYO's <kernel> domain in enforcing mode (profile 3): alice may read her notes by their own
// name and make the /tmp link, and nothing else.
const TOMOYO_LINK_POLICY = `<kernel>
use_profile 3
file read /home/alice/notes.txt
file link /home/alice/notes.txt /tmp/notes.txt
`;

export const EXAMPLES: readonly Example[] = [
  example(
    'log-opens',
    'Log every file open',
    'The seed’s minimal Rust example: a file_open hook that prints each path (see dmesg).',
    [{ fileName: 'open_logger.ts', source: LOG_OPENS }],
    ['cat /etc/hostname', 'dmesg'],
    'open_logger: open /etc/hostname',
  ),
  example(
    'rustshield',
    'RustShield protects /etc/shadow',
    'The default module: writes to /etc/shadow, /etc/passwd and /var/log/auth.log are refused in file_open, even for root.',
    [{ fileName: DEFAULT_MODULE_FILE, source: DEFAULT_MODULE_SOURCE }],
    ['echo x > /etc/shadow'],
    'bash: /etc/shadow: Permission denied',
  ),
  example(
    'log-flood-fixed',
    'The log flood, rate-limited',
    'A print in inode_permission runs on every path walk step; pr_info_ratelimited keeps ten lines per 5 s and, once the 5 s have passed, says how many it dropped.',
    [{ fileName: 'quiet_shield.ts', source: FLOOD_FIXED }],
    ['cat /etc/passwd /etc/group /etc/hostname /etc/passwd /etc/group', 'sleep 6', 'cat /etc/hostname', 'dmesg'],
    'callbacks suppressed',
  ),
  example(
    'task-free-sleep',
    'The task_free sleeping bug',
    'msleep() in task_free: when the id process is reaped, the kernel reports a sleeping function called from invalid context.',
    [{ fileName: 'sleepy.ts', source: TASK_FREE_SLEEP }],
    ['/usr/bin/id', 'dmesg'],
    'BUG: sleeping function called from invalid context',
  ),
  example(
    'fedora-avc',
    'SELinux denies root (Fedora-like)',
    'Root runs as staff_t: DAC lets it write /etc/shadow, SELinux does not, and the AVC record says why.',
    [{ fileName: DEFAULT_MODULE_FILE, source: DEFAULT_MODULE_SOURCE.replace("'/etc/shadow', ", '') }],
    ['echo x > /etc/shadow', 'dmesg'],
    'avc:  denied  { write }',
    {
      kernelVersion: fedora.kernelVersion,
      configLsm: fedora.configLsm,
      cmdline: fedora.cmdline,
      notBuilt: [...fedora.notBuilt],
      policies: { ...fedora.policies },
      presetId: null,
    },
  ),
  example(
    'exclusive-collision',
    'RustShield collides with SELinux at boot',
    'RustShield flagged LSM_FLAG_EXCLUSIVE comes after SELinux in CONFIG_LSM: SELinux holds the exclusive slot, so lsm_order_append() skips RustShield (lsm.debug prints why) and /etc/shadow is unprotected. Recover by booting with an lsm= that names rustshield and no other exclusive LSM (the next example).',
    [{ fileName: DEFAULT_MODULE_FILE, source: EXCLUSIVE_SHIELD }],
    ['cat /sys/kernel/security/lsm', 'echo x > /etc/shadow', 'dmesg'],
    'skip exclusive LSM conflict builtin:rustshield',
    { ...DEFAULT_BOOT, cmdline: 'lsm.debug' },
  ),
  example(
    'exclusive-recovered',
    'RustShield recovered with lsm=',
    'The same exclusive RustShield booted with lsm=landlock,lockdown,yama,rustshield,bpf: no other exclusive LSM is listed, so RustShield takes the slot and refuses the write.',
    [{ fileName: DEFAULT_MODULE_FILE, source: EXCLUSIVE_SHIELD }],
    ['cat /sys/kernel/security/lsm', 'echo x > /etc/shadow'],
    'capability,landlock,lockdown,yama,rustshield,bpf',
    { ...DEFAULT_BOOT, cmdline: 'lsm.debug lsm=landlock,lockdown,yama,rustshield,bpf' },
  ),
  example(
    'fork-bomb',
    'A fork bomb stopped in task_alloc',
    'alice starts programs in the background (bash forks and does not wait): the module counts her live processes in task_alloc (her shell and three jobs make four) and refuses the next fork with EAGAIN; threads (CLONE_THREAD) are not counted.',
    [{ fileName: 'fork_guard.ts', source: FORK_GUARD }],
    ['su alice', 'sleep 100 &', 'sleep 100 &', 'sleep 100 &', 'sleep 100 &', 'ps', 'dmesg'],
    'bash: fork: Resource temporarily unavailable',
  ),
  example(
    'yama-ptrace',
    'Yama stops a ptrace attach',
    'With ptrace_scope 1, a process may attach only to its descendants: strace (a child of alice’s shell) cannot attach to that shell even though DAC allows it. Root sets ptrace_scope to 0 and the same attach succeeds.',
    [{ fileName: 'ptrace_watch.ts', source: PTRACE_WATCH }],
    [
      'su alice',
      'strace -p 1102',
      'exit',
      'echo 0 > /proc/sys/kernel/yama/ptrace_scope',
      'su alice',
      'strace -p 1102',
      'dmesg',
    ],
    'strace: attach: ptrace(PTRACE_SEIZE, 1102): Operation not permitted',
  ),
  example(
    'landlock-self-policy',
    'Stacking an AppArmor profile from inside a Landlock sandbox',
    'Inside the kernel’s Landlock sandboxer alice cannot reach securityfs, so she asks AppArmor through lsm_config_self_policy() (an unmerged syscall, not a file access: Landlock has no say) to stack the boot-loaded profile sandbox onto her label; from then on AppArmor confines her too: /proc, which Landlock allows, is not in the profile.',
    [{ fileName: 'open_logger.ts', source: LOG_OPENS }],
    [
      'su alice',
      'LL_FS_RO=/usr:/proc LL_FS_RW=/tmp sandboxer bash',
      'cat /sys/kernel/security/apparmor/profiles',
      'lsm_config self apparmor sandbox',
      'cat /proc/1200/attr/current',
      'exit',
      'dmesg',
    ],
    'apparmor="DENIED" operation="open" class="file" profile="sandbox" name="/proc/1200/attr/current"',
    SELF_POLICY_BOOT,
  ),
  example(
    'selinux-system-policy',
    'An atomic SELinux policy load',
    'lsm_config_system_policy() loads SELinux policy whole or not at all: the copy with an unknown permission is refused and nothing of it applies (root still cannot write /etc/shadow); the good copy replaces the policy in one step and the write passes.',
    [{ fileName: DEFAULT_MODULE_FILE, source: DEFAULT_MODULE_SOURCE.replace("'/etc/shadow', ", '') }],
    [
      'cat /sys/fs/selinux/policy > /tmp/good.te',
      'cat /sys/fs/selinux/policy > /tmp/bad.te',
      "echo 'allow staff_t shadow_t:file { write fly };' >> /tmp/bad.te",
      "echo 'allow staff_t shadow_t:file write;' >> /tmp/good.te",
      'lsm_config system selinux -f /tmp/bad.te',
      'echo x > /etc/shadow',
      'lsm_config system selinux -f /tmp/good.te',
      'echo x > /etc/shadow',
      'dmesg',
    ],
    'lsm_config: lsm_config_system_policy: Invalid argument',
    {
      kernelVersion: fedora.kernelVersion,
      configLsm: fedora.configLsm,
      cmdline: fedora.cmdline,
      notBuilt: [...fedora.notBuilt],
      // The preset's policy, and root's staff_t may read it back (security:read_policy).
      policies: {
        ...fedora.policies,
        selinux: `${fedora.policies['selinux']}allow staff_t security_t:security read_policy;\n`,
      },
      presetId: null,
    },
  ),
  example(
    'shared-task-blob',
    'Two modules share the task blob',
    'open_counter and tagger each declare a task SecurityBlob: at boot each gets its own slice at its own offset after the in-tree LSMs’ slices, and each reads and writes only its own (see their lines in dmesg).',
    [
      { fileName: 'open_counter.ts', source: BLOB_COUNTER },
      { fileName: 'tagger.ts', source: BLOB_TAGGER },
    ],
    ['cat /etc/hostname /etc/hostname', 'dmesg'],
    'tagger: task blob slice at offset 136 (16 bytes)',
  ),
  example(
    'hardlink-disagree',
    'SELinux and TOMOYO disagree on a hard link',
    'alice links her notes into /tmp: one inode, two names. SELinux decides by the inode’s label (user_home_t whichever name is used) and allows both reads; TOMOYO decides by the name and refuses /tmp/notes.txt. (SELinux and AppArmor are both LSM_FLAG_EXCLUSIVE and never stack, so the path-based side here is TOMOYO, which does.)',
    [{ fileName: 'open_logger.ts', source: LOG_OPENS }],
    [
      'su alice',
      'ln /home/alice/notes.txt /tmp/notes.txt',
      'cat /home/alice/notes.txt',
      'cat /tmp/notes.txt',
      'getfattr -n security.selinux /tmp/notes.txt',
    ],
    'cat: /tmp/notes.txt: Operation not permitted',
    {
      ...DEFAULT_BOOT,
      configLsm: 'selinux,tomoyo',
      policies: { selinux: fedora.policies['selinux']!, tomoyo: TOMOYO_LINK_POLICY },
    },
  ),
];
