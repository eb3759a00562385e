import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../trace/events';
import {
  formatSyscallLine,
  formatTrace,
  formatTraceEvents,
  hookNames,
  securityWrapperName,
  strerror,
} from './formatTrace';
import { Machine, type SyscallResult } from './machine';

const ROOT = 1001;
const ALICE = 1102;

/** Completes event literals with seq/t/depth as the tracer would. */
function events(list: readonly (Record<string, unknown> & { type: string; depth?: number })[]): TraceEvent[] {
  return list.map((e, seq) => ({ depth: 0, ...e, seq, t: seq * 10 }) as unknown as TraceEvent);
}

describe('strerror', () => {
  it('gives glibc texts by name or number', () => {
    expect(strerror('EACCES')).toBe('Permission denied');
    expect(strerror('-EPERM')).toBe('Operation not permitted');
    expect(strerror(-2)).toBe('No such file or directory');
    expect(strerror(39)).toBe('Directory not empty');
    expect(strerror('ENODATA')).toBe('No data available');
  });

  it('falls back to "Unknown error N"', () => {
    expect(strerror(999)).toBe('Unknown error 999');
  });
});

describe('securityWrapperName', () => {
  it('names the security.c wrapper of a hook', () => {
    expect(securityWrapperName('file_open')).toBe('security_file_open');
    expect(securityWrapperName('file_alloc_security')).toBe('security_file_alloc');
    expect(securityWrapperName('inode_free_security')).toBe('security_inode_free');
    expect(securityWrapperName('capable')).toBe('security_capable');
  });
});

describe('formatSyscallLine', () => {
  it('prints a failure as strace does', () => {
    const m = Machine.boot();
    const r = m.syscall(ALICE, 'openat', { path: '/etc/shadow', flags: 'O_WRONLY|O_TRUNC' });
    expect(formatSyscallLine(r)).toBe(
      'openat(AT_FDCWD, "/etc/shadow", O_WRONLY|O_TRUNC) = -1 EACCES (Permission denied)',
    );
  });

  it('prints open(2)’s mode only with O_CREAT, and a success as its return value', () => {
    const m = Machine.boot();
    expect(
      formatSyscallLine(m.syscall(ALICE, 'openat', { path: '/tmp/x', flags: 'O_WRONLY|O_CREAT', mode: '0644' })),
    ).toBe('openat(AT_FDCWD, "/tmp/x", O_WRONLY|O_CREAT, 0644) = 0');
    expect(formatSyscallLine(m.syscall(ALICE, 'close', { fd: 0 }))).toBe('close(0) = 0');
  });

  it('says why a call could not be made', () => {
    const m = Machine.boot();
    expect(formatSyscallLine(m.syscall(4242, 'close', { fd: 0 }))).toBe(
      'close(...) = ? <no running task with pid 4242>',
    );
  });
});

describe('formatTrace', () => {
  it('shows a short-circuit with each verdict and the LSMs skipped', () => {
    const trace = events([
      {
        type: 'hook_enter',
        hook: 'file_open',
        args: [],
        dispatch: 'call_int_hook',
        head: ['landlock', 'selinux', 'tomoyo', 'bpf'],
        defaultRc: 0,
      },
      { type: 'lsm_call', hook: 'file_open', lsm: 'landlock', lsmId: 110 },
      {
        type: 'lsm_return',
        hook: 'file_open',
        lsm: 'landlock',
        rc: 0,
        errno: null,
        verdict: 'default',
        simplified: null,
      },
      { type: 'lsm_call', hook: 'file_open', lsm: 'selinux', lsmId: 101 },
      {
        type: 'lsm_return',
        hook: 'file_open',
        lsm: 'selinux',
        rc: -13,
        errno: '-EACCES',
        verdict: 'deny',
        simplified: null,
      },
      { type: 'short_circuit', hook: 'file_open', lsm: 'selinux', rc: -13, skipped: ['tomoyo', 'bpf'], reason: '' },
      { type: 'hook_exit', hook: 'file_open', rc: -13, errno: '-EACCES', note: null },
    ]);
    expect(formatTraceEvents(trace)).toEqual([
      '  security_file_open: landlock=0 selinux=-EACCES ✗ (short-circuit: tomoyo, bpf skipped)',
    ]);
  });

  it('indents hooks called from inside a callback, and marks a hook that never returned', () => {
    const trace = events([
      {
        type: 'hook_enter',
        hook: 'inode_setxattr',
        args: [],
        dispatch: 'call_int_hook',
        head: ['selinux'],
        defaultRc: 0,
      },
      { type: 'lsm_call', hook: 'inode_setxattr', lsm: 'selinux', lsmId: 101 },
      {
        type: 'hook_enter',
        depth: 1,
        hook: 'capable',
        args: [],
        dispatch: 'call_int_hook',
        head: ['capability'],
        defaultRc: 0,
      },
      {
        type: 'lsm_return',
        depth: 1,
        hook: 'capable',
        lsm: 'capability',
        rc: 0,
        errno: null,
        verdict: 'default',
        simplified: null,
      },
      { type: 'hook_exit', depth: 1, hook: 'capable', rc: 0, errno: null, note: null },
      { type: 'oops', kind: 'exception', lsm: 'selinux', hook: 'inode_setxattr', message: 'boom' },
    ]);
    expect(formatTraceEvents(trace)).toEqual([
      '  security_inode_setxattr: (did not return)',
      '    security_capable: capability=0 ✓',
      '  !! exception in selinux/inode_setxattr: boom',
    ]);
  });

  it('shows hooks with no LSM, void hooks, and blob events on request', () => {
    const trace = events([
      {
        type: 'hook_enter',
        hook: 'file_free_security',
        args: [],
        dispatch: 'call_void_hook',
        head: ['landlock', 'bpf'],
        defaultRc: null,
      },
      {
        type: 'lsm_return',
        hook: 'file_free_security',
        lsm: 'landlock',
        rc: null,
        errno: null,
        verdict: 'void',
        simplified: null,
      },
      {
        type: 'lsm_return',
        hook: 'file_free_security',
        lsm: 'bpf',
        rc: null,
        errno: null,
        verdict: 'void',
        simplified: null,
      },
      { type: 'hook_exit', hook: 'file_free_security', rc: null, errno: null, note: null },
      { type: 'blob_free', blob: 'file', size: 40, owner: { struct: 'file', addr: 0x1000 } },
      { type: 'hook_enter', hook: 'mmap_addr', args: [], dispatch: 'call_int_hook', head: [], defaultRc: 0 },
      { type: 'hook_exit', hook: 'mmap_addr', rc: 0, errno: null, note: null },
    ]);
    expect(formatTraceEvents(trace)).toEqual([
      '  security_file_free: landlock bpf',
      '  security_mmap_addr: (no LSM on this hook) ✓',
    ]);
    expect(formatTraceEvents(trace, { blobs: true })[1]).toBe('  blob_free file blob, 40 bytes, for file@0x1000');
  });

  it('formats a real denial: kernel functions, DAC checks and the capability hooks', () => {
    const m = Machine.boot();
    const text = formatTrace(m.syscall(ALICE, 'openat', { path: '/etc/shadow' }));
    const lines = text.split('\n');
    expect(lines[0]).toBe('openat(AT_FDCWD, "/etc/shadow", O_RDONLY) = -1 EACCES (Permission denied)');
    expect(lines).toContain('  may_open() /etc/shadow');
    expect(lines).toContain('  DAC acl_permission_check(/etc/shadow, MAY_READ|MAY_OPEN) = -EACCES: other bits deny');
    expect(lines).toContain('  ns_capable() CAP_DAC_READ_SEARCH');
    expect(lines).toContain('  security_capable: capability=-EPERM ✗ (short-circuit: safesetid, selinux, bpf skipped)');
    expect(lines.every((l, i) => i === 0 || l.startsWith('  '))).toBe(true);
    expect(formatTrace(m.syscall(ALICE, 'openat', { path: '/etc/shadow' }), { kfuncs: false })).not.toContain(
      'may_open',
    );
  });

  it('formats a success that reaches every LSM', () => {
    const m = Machine.boot();
    const r: SyscallResult = m.syscall(ROOT, 'openat', { path: '/etc/shadow' });
    const text = formatTrace(r);
    expect(text.split('\n')[0]).toBe('openat(AT_FDCWD, "/etc/shadow", O_RDONLY) = 0');
    expect(text).toContain(
      `  security_file_open: ${m.kernel.order
        .filter((l) => ['landlock', 'selinux', 'tomoyo', 'bpf'].includes(l))
        .map((l) => `${l}=0`)
        .join(' ')} ✓`,
    );
  });
});

describe('hookNames', () => {
  it('lists hook_enter names in order', () => {
    const m = Machine.boot();
    const r = m.syscall(ALICE, 'close', { fd: 99 });
    expect(hookNames(r.trace)).toEqual([]);
    const o = m.syscall(ROOT, 'openat', { path: '/etc/hostname' });
    expect(hookNames(o.trace)[0]).toBe('file_alloc_security');
    expect(hookNames(o.trace)).toContain('file_open');
  });
});
