// Helpers the model tests share: a machine booted with a stack and policies, and the few things a
// test does to it through syscalls (write a file as a task, read one, fork). No test framework
// here: a failing step throws with the syscall's errno.
import type { BootConfig } from '../boot/boot';
import { Machine, type SyscallResult } from '../machine/machine';

/** The default world's tasks: init, a root shell, alice's login shell (uid 1000). */
export const INIT = 1;
export const ROOT = 1001;
export const ALICE = 1102;

export function bootMachine(config: BootConfig = {}): Machine {
  return Machine.boot(config);
}

/** openat(O_WRONLY) + write + close as `pid`: the write's return (or the openat's -errno). */
export function writeFile(m: Machine, pid: number, path: string, data: string, flags = 'O_WRONLY'): number {
  const o = m.syscall(pid, 'openat', { path, flags });
  if (o.error) throw new Error(o.error);
  if (o.ret! < 0) return o.ret!;
  const w = m.syscall(pid, 'write', { fd: o.ret!, buf: data });
  m.syscall(pid, 'close', { fd: o.ret! });
  if (w.error) throw new Error(w.error);
  return w.ret!;
}

/** openat(O_RDONLY) + read + close as `pid`: the text read, or the -errno of the first failure. */
export function readFile(m: Machine, pid: number, path: string): string | number {
  const o = m.syscall(pid, 'openat', { path, flags: 'O_RDONLY' });
  if (o.error) throw new Error(o.error);
  if (o.ret! < 0) return o.ret!;
  const r = m.syscall(pid, 'read', { fd: o.ret!, count: 65536 });
  m.syscall(pid, 'close', { fd: o.ret! });
  if (r.error) throw new Error(r.error);
  return r.ret! < 0 ? r.ret! : r.out;
}

/** fork() as `pid`: the child's pid. */
export function forkAs(m: Machine, pid: number): number {
  const r = m.syscall(pid, 'fork');
  if (r.error || r.ret === null || r.ret < 0) throw new Error(`fork as ${pid}: ${r.error ?? r.errno}`);
  return r.ret;
}

/** The hooks a call entered, in order (nested calls included). */
export function hooksOf(r: SyscallResult): string[] {
  return r.trace.filter((e) => e.type === 'hook_enter').map((e) => (e as { hook: string }).hook);
}

/** Each LSM's verdict on `hook` in a call: "lsm:verdict" in call order. */
export function verdictsOf(r: SyscallResult, hook: string): string[] {
  return r.trace
    .filter((e) => e.type === 'lsm_return' && (e as { hook: string }).hook === hook)
    .map((e) => `${(e as { lsm: string }).lsm}:${(e as { verdict: string }).verdict}`);
}

/** The kernel log lines written after line number `from` (Machine.logCount before the action). */
export function logSince(m: Machine, from: number): string[] {
  const first = m.logCount - m.log.length;
  return m.log.slice(Math.max(0, from - first)).map((l) => l.text);
}
