// `pnpm bench`: hook dispatch throughput and boot time. Numbers go to docs/PERFORMANCE.md; no test
// asserts timings (these machines are noisy).
import { bench, describe } from 'vitest';
import { boot, inTreeLsms, Machine, type LsmInfo } from '../index';

const twelve: LsmInfo[] = Array.from({ length: 12 }, (_, i) => ({
  name: `lsm${i}`,
  id: 200 + i,
  order: 'mutable',
  hooks: { file_open: () => 0, file_permission: () => 0 },
}));
const full = boot({ lsms: twelve, configLsm: twelve.map((l) => l.name).join(',') });
const file = full.newObject('file', 'file');
// A real open file of the default world with its blob, opened by root (the models of the default
// stack look at its inode, path and blob); the call must not fault, or the bench times an error.
const stock = Machine.boot();
const stockOpen = stock.syscall(1001, 'openat', { path: '/etc/hostname' });
const stockFile = stock.task(1001)!.files.get(stockOpen.ret!)!;
const stockCred = stock.task(1001)!.cred;
stock.kernel.recording = false;
const stockCheck = stock.kernel.call('file_open', [stockFile], { cred: stockCred });
if (stockCheck.error) throw new Error(stockCheck.error);
const stockHead = stock.kernel.hookHead('file_open').length;
const denyLast: LsmInfo[] = twelve.map((l, i) => (i === 11 ? { ...l, hooks: { file_open: () => -13 } } : l));
const deny = boot({ lsms: denyLast, configLsm: denyLast.map((l) => l.name).join(',') });

describe('dispatch', () => {
  bench('call_int_hook(file_open) through a 12-LSM stack, all 12 called, traced', () => {
    full.call('file_open', [file]);
  });
  bench('call_int_hook(file_open), 12 LSMs, the 12th denies', () => {
    deny.call('file_open', [file]);
  });
  bench(`file_open of an open file on the default 7.1 stack (${stockHead} LSMs on the head), untraced`, () => {
    stock.kernel.call('file_open', [stockFile], { cred: stockCred });
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
