// A state with something in every field, for the share tests (codec, fuzz, store).
import { DEFAULT_MODULE_FILE, DEFAULT_MODULE_SOURCE } from '@lsm-playground/core';
import type { ShareState } from './shareState';

export const SAMPLE: ShareState = {
  v: 1,
  boot: {
    kernelVersion: '7.1',
    configLsm: 'landlock,lockdown,yama,integrity,apparmor',
    cmdline: 'lsm.debug',
    notBuilt: ['tomoyo'],
    policies: { apparmor: 'profile /usr/bin/cat {\n  /etc/** r,\n}\n' },
    presetId: null,
  },
  files: [{ fileName: DEFAULT_MODULE_FILE, source: DEFAULT_MODULE_SOURCE }],
  activeFile: DEFAULT_MODULE_FILE,
  rustV1: false,
  lines: ['cat /etc/passwd', 'echo x > /etc/shadow'],
  step: 12,
  display: 'light',
  bookmarks: [
    { line: 0, step: 3 },
    { line: 1, step: 12 },
  ],
  expectations: [
    { kind: 'result', step: 2, errno: 'EACCES', deniedBy: 'rustshield' },
    { kind: 'log', log: 'dmesg', contains: 'blocked write', label: 'RustShield logs the write' },
  ],
};
