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

const fedora = distroPreset('fedora')!;

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
];
