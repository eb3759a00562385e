// `pnpm bench`: hook dispatch throughput and boot time. Numbers go to docs/PERFORMANCE.md; no test
// asserts timings (these machines are noisy).
import { bench, describe } from 'vitest';
import { boot, inTreeLsms, type LsmInfo } from '../index';

const twelve: LsmInfo[] = Array.from({ length: 12 }, (_, i) => ({
  name: `lsm${i}`,
  id: 200 + i,
  order: 'mutable',
  hooks: { file_open: () => 0, file_permission: () => 0 },
}));
const full = boot({ lsms: twelve, configLsm: twelve.map((l) => l.name).join(',') });
const file = full.newObject('file', 'file');
const stock = boot();
const stockFile = stock.newObject('file', 'file');
const denyLast: LsmInfo[] = twelve.map((l, i) => (i === 11 ? { ...l, hooks: { file_open: () => -13 } } : l));
const deny = boot({ lsms: denyLast, configLsm: denyLast.map((l) => l.name).join(',') });

describe('dispatch', () => {
  bench('call_int_hook(file_open) through a 12-LSM stack, all 12 called, traced', () => {
    full.call('file_open', [file]);
  });
  bench('call_int_hook(file_open), 12 LSMs, the 12th denies', () => {
    deny.call('file_open', [file]);
  });
  bench('file_open on the default 7.1 stack (4 LSMs on the head)', () => {
    stock.call('file_open', [stockFile]);
  });
});

describe('boot', () => {
  bench('boot() default 7.1 config (14 LSMs built, 12 active)', () => {
    boot();
  });
  bench('boot() 6.8 with lsm.debug', () => {
    boot({ kernelVersion: '6.8', cmdline: 'lsm.debug' });
  });
  bench('build the in-tree LSM presets for 7.1', () => {
    inTreeLsms('7.1');
  });
});

// Simulated syscalls against the real thing: open and close a file, as many times as possible.
import { closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Machine } from '../index';

const traced = Machine.boot();
const untraced = Machine.boot();
untraced.kernel.recording = false;
const realFile = join(mkdtempSync(join(tmpdir(), 'lsm-bench-')), 'f');
writeFileSync(realFile, 'x');
const openClose = (m: Machine) => {
  const r = m.syscall(1102, 'openat', { path: '/home/alice/notes.txt' });
  m.syscall(1102, 'close', { fd: r.ret! });
};

describe('syscalls (openat + close of /home/alice/notes.txt as alice, default 7.1 stack)', () => {
  bench('simulated, full trace recorded', () => openClose(traced));
  bench('simulated, trace recording off', () => openClose(untraced));
  bench('real: fs.openSync + fs.closeSync on this machine', () => closeSync(openSync(realFile, 'r')));
});
