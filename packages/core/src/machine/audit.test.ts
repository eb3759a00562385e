// Audit records from an LSM callback: kernel/audit.c stamps "audit(<sec>.<msec>:<serial>)"; with no
// auditd, kauditd_printk_skb() prints "audit: type=<n> ..." to the kernel log.
import { expect, test } from 'vitest';
import { EACCES, inTreeLsms, Machine, type LsmInfo } from '../index';

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

test('with trace recording off, the audit record still reaches the audit trail and dmesg', () => {
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
  const m = Machine.boot({ lsms: [...inTreeLsms('7.1'), denier], cmdline: 'lsm=avcdemo' });
  m.kernel.recording = false;
  const r = m.syscall(1102, 'openat', { path: '/home/alice/notes.txt' });
  expect(r.errno).toBe('-EACCES');
  expect(r.trace.map((e) => e.type)).toEqual(['audit', 'printk']);
  expect(m.audit).toEqual([expect.stringMatching(/^type=AVC msg=audit\(1795305600\.\d{3}:1\): avc: {2}denied/)]);
  expect(m.dmesg()).toMatch(/audit: type=1400 audit\(1795305600\.\d{3}:1\): avc: {2}denied/);
});
