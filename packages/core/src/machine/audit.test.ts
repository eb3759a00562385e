// Audit records from an LSM callback: kernel/audit.c stamps "audit(<sec>.<msec>:<serial>)"; with no
// auditd, kauditd_printk_skb() prints "audit: type=<n> ..." to the kernel log.
import { describe, expect, test } from 'vitest';
import { boot, EACCES, inTreeLsms, Machine, type LsmInfo, type TraceEvent } from '../index';

test('an LSM denial with an AVC-format record reaches the trace, the audit trail and dmesg', () => {
  const avc: LsmInfo = {
    name: 'avcdemo',
    id: 0,
    order: 'mutable',
    init: (ctx) => {
      ctx.securityAddHooks({
        file_open: () => {
          const t = ctx.currentTask() as { pid?: number; comm?: string };
          ctx.audit(
            'AVC',
            `avc:  denied  { open } for  pid=${t.pid} comm="${t.comm}" scontext=user_u:user_r:user_t:s0 tclass=file permissive=0`,
          );
          return -EACCES;
        },
      });
      return 0;
    },
  };
  const m = Machine.boot({ lsms: [...inTreeLsms('7.1'), avc], cmdline: 'lsm=avcdemo' });
  const r = m.syscall(1102, 'openat', { path: '/home/alice/notes.txt' });
  expect(r.errno).toBe('-EACCES');
  const ev = r.trace.find((e) => e.type === 'audit');
  expect(ev).toMatchObject({ recordType: 1400, typeName: 'AVC', serial: 1, lsm: 'avcdemo' });
  expect(m.audit).toEqual([
    expect.stringMatching(
      /^type=AVC msg=audit\(1795305600\.\d{3}:1\): avc: {2}denied {2}\{ open \} for {2}pid=1102 comm="bash"/,
    ),
  ]);
  expect(m.dmesg()).toMatch(/audit: type=1400 audit\(1795305600\.\d{3}:1\): avc: {2}denied/);
});

/** An LSM whose file_open denies with an AVC-format record. */
const denier: LsmInfo = {
  name: 'avcdemo',
  id: 0,
  order: 'mutable',
  init: (ctx) => {
    ctx.securityAddHooks({
      file_open: () => {
        ctx.audit('AVC', 'avc:  denied  { open } for  pid=1102 comm="bash" tclass=file permissive=0');
        return -EACCES;
      },
    });
    return 0;
  },
};

test('with trace recording off, the audit record still reaches the audit trail and dmesg', () => {
  const m = Machine.boot({ lsms: [...inTreeLsms('7.1'), denier], cmdline: 'lsm=avcdemo' });
  m.kernel.recording = false;
  const r = m.syscall(1102, 'openat', { path: '/home/alice/notes.txt' });
  expect(r.errno).toBe('-EACCES');
  expect(r.trace.map((e) => e.type)).toEqual(['audit', 'printk']);
  expect(m.audit).toEqual([expect.stringMatching(/^type=AVC msg=audit\(1795305600\.\d{3}:1\): avc: {2}denied/)]);
  expect(m.dmesg()).toMatch(/audit: type=1400 audit\(1795305600\.\d{3}:1\): avc: {2}denied/);
});

describe('audit= (kernel/audit.c audit_enable())', () => {
  const bootWith = (cmdline: string) =>
    Machine.boot({ lsms: [...inTreeLsms('7.1'), denier], cmdline: `lsm=avcdemo ${cmdline}` });
  const kfuncs = (r: { trace: readonly TraceEvent[] }, fn: string) =>
    r.trace.filter((e) => e.type === 'kfunc' && e.fn === fn).map((e) => (e as { note: string | null }).note);

  test.each([
    ['audit=0', 0, true, 'audit: disabled (until reboot)'],
    ['audit=off', 0, true, 'audit: disabled (until reboot)'],
    ['audit=OFF', 0, true, 'audit: disabled (until reboot)'],
    ['audit=1', 1, false, 'audit: enabled (after initialization)'],
    ['audit=On', 1, false, 'audit: enabled (after initialization)'],
    // A later audit=1 does not undo audit=0: audit_initialized stays AUDIT_DISABLED.
    ['audit=0 audit=1', 1, true, 'audit: enabled (after initialization)'],
  ])('%s: audit_enabled %i, disabled %s', (cmdline, enabled, disabled, line) => {
    const k = boot({ cmdline });
    expect(k.audit).toEqual({ enabled, disabled });
    expect(k.dmesg()).toContain(line);
    expect(k.dmesg()).not.toContain('Unknown kernel command line parameters');
  });

  test('a bad value is an error and turns audit on; the error has pr_fmt\u2019s "audit: " twice', () => {
    const k = boot({ cmdline: 'audit=yes' });
    expect(k.audit).toEqual({ enabled: 1, disabled: false });
    const lines = k.log.filter((l) => l.text.startsWith('audit:'));
    expect(lines.map((l) => [l.level, l.text])).toEqual([
      [3, "audit: audit: invalid 'audit' parameter value (yes)"],
      [6, 'audit: enabled (after initialization)'],
    ]);
  });

  test('no audit= leaves audit off but working; a bare "audit" is passed to init', () => {
    expect(boot().audit).toEqual({ enabled: 0, disabled: false });
    expect(boot().dmesg()).not.toContain('audit:');
    expect(boot({ cmdline: 'audit' }).dmesg()).toContain('Unknown kernel command line parameters "audit"');
  });

  test('audit_backlog_limit= is kernel/audit.c\u2019s too: its value, or the default kept', () => {
    expect(boot({ cmdline: 'audit_backlog_limit=8192' }).dmesg()).toContain('audit: audit_backlog_limit: 8192');
    const bad = boot({ cmdline: 'audit_backlog_limit=lots' }).dmesg();
    expect(bad).toContain('audit: audit_backlog_limit: using default of 64, unable to parse lots');
    expect(bad).not.toContain('Unknown kernel command line parameters');
  });

  test('audit=0: the LSM still denies, but no record is made: none in the trace, the audit trail or dmesg', () => {
    const m = bootWith('audit=0');
    const r = m.syscall(1102, 'openat', { path: '/home/alice/notes.txt' });
    expect(r.errno).toBe('-EACCES');
    expect(r.trace.some((e) => e.type === 'audit' || e.type === 'printk')).toBe(false);
    expect(m.audit).toEqual([]);
    expect(m.dmesg()).not.toContain('avc:');
    // The serial is not spent either: audit=1 would start at 1 as well.
    const on = bootWith('audit=1');
    on.syscall(1102, 'openat', { path: '/home/alice/notes.txt' });
    expect(on.audit).toEqual([expect.stringMatching(/^type=AVC msg=audit\(1795305600\.\d{3}:1\)/)]);
  });

  test('audit=1: the syscall that wrote a record says where audit_log_exit() adds SYSCALL and PROCTITLE', () => {
    const m = bootWith('audit=1');
    const denied = m.syscall(1102, 'openat', { path: '/home/alice/notes.txt' });
    const [note] = kfuncs(denied, 'audit_log_exit');
    expect(note).toContain('SYSCALL record (type=1300) and a PROCTITLE record (type=1327)');
    expect(note).toContain('simplified');
    // It comes after the record and just before syscall_exit.
    const types = denied.trace.map((e) => e.type);
    expect(types.indexOf('audit')).toBeLessThan(types.lastIndexOf('kfunc'));
    expect(types.slice(-2)).toEqual(['kfunc', 'syscall_exit']);
    // A syscall that writes no record gets no such note; neither does any syscall without audit=1.
    const quiet = m.syscall(1102, 'mkdirat', { path: '/tmp/d' });
    expect(quiet.errno).toBeNull();
    expect(quiet.trace.some((e) => e.type === 'syscall_exit')).toBe(true);
    expect(kfuncs(quiet, 'audit_log_exit')).toEqual([]);
    expect(kfuncs(bootWith('').syscall(1102, 'openat', { path: '/home/alice/notes.txt' }), 'audit_log_exit')).toEqual(
      [],
    );
  });

  test.each([
    ['7.1', true],
    ['6.18', true],
    ['6.8', false],
  ] as const)(
    '%s with audit=1: a protected_symlinks refusal reaches audit_log_path_denied(): %s',
    (kernelVersion, noted) => {
      const m = Machine.boot({ kernelVersion, cmdline: 'audit=1' });
      expect(m.syscall(1102, 'symlinkat', { target: '/etc/hostname', linkpath: '/tmp/l' }).errno).toBeNull();
      const r = m.syscall(1001, 'openat', { path: '/tmp/l' });
      expect(r.errno).toBe('-EACCES');
      const notes = kfuncs(r, 'audit_log_path_denied');
      expect(notes).toEqual(
        noted
          ? [expect.stringContaining('audit=1: the kernel writes an AUDIT_ANOM_LINK record (op=follow_link) here')]
          : [],
      );
      // Without audit=1, audit_enabled is off and nothing is said on any version.
      const off = Machine.boot({ kernelVersion });
      off.syscall(1102, 'symlinkat', { target: '/etc/hostname', linkpath: '/tmp/l' });
      expect(kfuncs(off.syscall(1001, 'openat', { path: '/tmp/l' }), 'audit_log_path_denied')).toEqual([]);
    },
  );
});
