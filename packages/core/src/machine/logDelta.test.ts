// logDelta(): audit lines parsed into auditd's record form, and links only for lines whose printk
// event is among the results passed.
import { describe, expect, test } from 'vitest';
import { EACCES, inTreeLsms, Machine, type LsmInfo } from '../index';
import { logDelta, parseAuditLine } from './logDelta';

const avc: LsmInfo = {
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

describe('logDelta', () => {
  test("an audit record's line carries the record as auditd writes it, linked to its printk", () => {
    const m = Machine.boot({ lsms: [...inTreeLsms('7.1'), avc], cmdline: 'lsm=avcdemo' });
    const from = m.logCount;
    const r = m.syscall(1102, 'openat', { path: '/home/alice/notes.txt' });
    const { lines } = logDelta(m, from, [r]);
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(line.text).toMatch(/^audit: type=1400 audit\(1795305600\.\d{3}:1\): avc: {2}denied/);
    expect(line.audit).toEqual({ type: 1400, typeName: 'AVC', record: m.audit[0] });
    expect(r.trace[line.source!.event]).toMatchObject({ type: 'printk', text: line.text });
    // The audit event itself comes just before the printk that prints it.
    expect(r.trace[line.source!.event - 1]).toMatchObject({ type: 'audit', recordType: 1400 });
  });

  test('lines of syscalls not passed get no link; the others still do', () => {
    const m = Machine.boot({ lsms: [...inTreeLsms('7.1'), avc], cmdline: 'lsm=avcdemo' });
    const from = m.logCount;
    m.syscall(1102, 'openat', { path: '/home/alice/notes.txt' });
    const second = m.syscall(1102, 'openat', { path: '/home/alice/notes.txt' });
    const { lines, next } = logDelta(m, from, [second]);
    expect(lines.map((l) => l.seq)).toEqual([from, from + 1]);
    expect(next).toBe(from + 2);
    expect(lines[0]!.source).toBeNull();
    expect(lines[1]!.source).toEqual({ syscall: 0, event: expect.any(Number) });
    expect(lines.map((l) => l.audit?.record)).toEqual(m.audit);
  });

  test('parseAuditLine names known types, keeps unknown numbers, and ignores other lines', () => {
    expect(parseAuditLine('audit: type=1503 audit(1795305600.001:7): apparmor="DENIED" operation="open"')).toEqual({
      type: 1503,
      typeName: 'APPARMOR_DENIED',
      record: 'type=APPARMOR_DENIED msg=audit(1795305600.001:7): apparmor="DENIED" operation="open"',
    });
    expect(parseAuditLine('audit: type=9999 audit(1795305600.001:8): x')?.typeName).toBe('9999');
    expect(parseAuditLine('audit: initializing netlink subsys (disabled)')).toBeNull();
    expect(parseAuditLine('rustshield: blocked write to /etc/shadow')).toBeNull();
  });
});
