// Yama's rules as Documentation/admin-guide/LSM/Yama.rst and security/yama/yama_lsm.c give them:
// ptrace_scope 1 (relational, the default) lets a process attach only to its descendants or to a
// process that named it with PR_SET_PTRACER; 2 needs CAP_SYS_PTRACE; 3 forbids every attach and
// PTRACE_TRACEME and cannot be lowered again. The sysctl takes writes only with CAP_SYS_PTRACE.
import { describe, expect, it } from 'vitest';
import { ALICE, ROOT, bootMachine, forkAs, hooksOf, logSince, readFile, verdictsOf, writeFile } from '../testing';
import { PR_SET_PTRACER } from './yama';

const PTRACE_TRACEME = 0;
const PTRACE_ATTACH = 16;
const SCOPE = '/proc/sys/kernel/yama/ptrace_scope';

describe('yama: ptrace_scope 1 (YAMA_SCOPE_RELATIONAL)', () => {
  it('lets alice attach to her own child, not to her parent shell (same uid, so DAC allows both)', () => {
    const m = bootMachine();
    expect(readFile(m, ALICE, SCOPE)).toBe('1\n');
    const child = forkAs(m, ALICE);
    const down = m.syscall(ALICE, 'ptrace', { request: PTRACE_ATTACH, pid: child });
    expect(down.ret).toBe(0);
    expect(verdictsOf(down, 'ptrace_access_check')).toContain('yama:default');

    const grandchild = forkAs(m, child);
    const before = m.logCount;
    const up = m.syscall(grandchild, 'ptrace', { request: PTRACE_ATTACH, pid: ALICE });
    expect(up.errno).toBe('-EPERM');
    expect(verdictsOf(up, 'ptrace_access_check')).toEqual(['capability:default', 'landlock:default', 'yama:deny']);
    // Not a descendant and no exception: Yama asks ns_capable(CAP_SYS_PTRACE), which alice lacks.
    expect(hooksOf(up)).toEqual(['ptrace_access_check', 'capable']);
    expect(logSince(m, before)).toEqual([`ptrace attach of "bash"[${ALICE}] was attempted by "bash"[${grandchild}]`]);
    // Yama writes no audit record.
    expect(up.trace.some((e) => e.type === 'audit')).toBe(false);
  });

  it('PR_SET_PTRACER names a tracer (and its descendants); 0 clears it; PR_SET_PTRACER_ANY allows anyone', () => {
    const m = bootMachine();
    const child = forkAs(m, ALICE);
    const debuggee = forkAs(m, ALICE);
    expect(m.syscall(child, 'ptrace', { request: PTRACE_ATTACH, pid: debuggee }).errno).toBe('-EPERM');
    expect(m.syscall(debuggee, 'prctl', { option: PR_SET_PTRACER, arg2: child }).ret).toBe(0);
    expect(m.syscall(child, 'ptrace', { request: PTRACE_ATTACH, pid: debuggee }).ret).toBe(0);

    const other = forkAs(m, ALICE);
    expect(m.syscall(other, 'prctl', { option: PR_SET_PTRACER, arg2: -1 }).ret).toBe(0);
    const stranger = forkAs(m, child);
    expect(m.syscall(stranger, 'ptrace', { request: PTRACE_ATTACH, pid: other }).ret).toBe(0);

    const third = forkAs(m, ALICE);
    m.syscall(third, 'prctl', { option: PR_SET_PTRACER, arg2: -1 });
    m.syscall(third, 'prctl', { option: PR_SET_PTRACER, arg2: 0 });
    expect(m.syscall(stranger, 'ptrace', { request: PTRACE_ATTACH, pid: third }).errno).toBe('-EPERM');
    // find_get_task_by_vpid() finds no such tracer: -EINVAL.
    expect(m.syscall(third, 'prctl', { option: PR_SET_PTRACER, arg2: 4000 }).errno).toBe('-EINVAL');
  });

  it('root passes through CAP_SYS_PTRACE', () => {
    const m = bootMachine();
    expect(m.syscall(ROOT, 'ptrace', { request: PTRACE_ATTACH, pid: ALICE }).ret).toBe(0);
  });
});

describe('yama: the kernel.yama.ptrace_scope sysctl', () => {
  it('is root 0644: alice cannot open it for writing (DAC), root can write 0..3', () => {
    const m = bootMachine();
    expect(writeFile(m, ALICE, SCOPE, '0\n')).toBe(-13);
    expect(writeFile(m, ROOT, SCOPE, '0\n')).toBe(2);
    expect(readFile(m, ALICE, SCOPE)).toBe('0\n');
    expect(writeFile(m, ROOT, SCOPE, '4\n')).toBe(-22);
    expect(writeFile(m, ROOT, SCOPE, 'x')).toBe(-22);
  });

  it('scope 0: alice’s grandchild may attach to her shell', () => {
    const m = bootMachine();
    writeFile(m, ROOT, SCOPE, '0');
    const g = forkAs(m, forkAs(m, ALICE));
    expect(m.syscall(g, 'ptrace', { request: PTRACE_ATTACH, pid: ALICE }).ret).toBe(0);
  });

  it('scope 2: only CAP_SYS_PTRACE attaches, even to a child; TRACEME needs a capable parent', () => {
    const m = bootMachine();
    writeFile(m, ROOT, SCOPE, '2');
    const child = forkAs(m, ALICE);
    expect(m.syscall(ALICE, 'ptrace', { request: PTRACE_ATTACH, pid: child }).errno).toBe('-EPERM');
    expect(m.syscall(ROOT, 'ptrace', { request: PTRACE_ATTACH, pid: ALICE }).ret).toBe(0);
    const before = m.logCount;
    expect(m.syscall(child, 'ptrace', { request: PTRACE_TRACEME }).errno).toBe('-EPERM');
    expect(logSince(m, before)).toContain(`ptrace traceme of "bash"[${child}] was attempted by "bash"[${ALICE}]`);
    const rootChild = forkAs(m, ROOT);
    expect(m.syscall(rootChild, 'ptrace', { request: PTRACE_TRACEME }).ret).toBe(0);
  });

  it('scope 3: no attach and no TRACEME for anyone, and the value is locked', () => {
    const m = bootMachine();
    expect(writeFile(m, ROOT, SCOPE, '3')).toBe(1);
    expect(m.syscall(ROOT, 'ptrace', { request: PTRACE_ATTACH, pid: ALICE }).errno).toBe('-EPERM');
    const rootChild = forkAs(m, ROOT);
    expect(m.syscall(rootChild, 'ptrace', { request: PTRACE_TRACEME }).errno).toBe('-EPERM');
    // yama_dointvec_minmax(): once at the maximum, extra1 = extra2, so only 3 is accepted.
    expect(writeFile(m, ROOT, SCOPE, '1')).toBe(-22);
    expect(writeFile(m, ROOT, SCOPE, '3')).toBe(1);
  });

  it('a writer without CAP_SYS_PTRACE is refused by yama_dointvec_minmax() even with the file open', () => {
    const m = bootMachine();
    const o = m.syscall(ROOT, 'openat', { path: SCOPE, flags: 'O_WRONLY' });
    expect(o.ret).toBeGreaterThanOrEqual(0);
    // root drops to uid 1000 with the file still open: the capabilities go with the uid.
    expect(m.syscall(ROOT, 'setresuid', { ruid: 1000, euid: 1000, suid: 1000 }).ret).toBe(0);
    expect(m.syscall(ROOT, 'write', { fd: o.ret!, buf: '0' }).errno).toBe('-EPERM');
  });
});

describe('yama: task_free', () => {
  it('drops the relations of an exiting tracee', () => {
    const m = bootMachine();
    const child = forkAs(m, ALICE);
    const debuggee = forkAs(m, ALICE);
    m.syscall(debuggee, 'prctl', { option: PR_SET_PTRACER, arg2: child });
    m.syscall(debuggee, 'exit', { error_code: 0 });
    const reap = m.syscall(ALICE, 'wait4', { pid: debuggee });
    const all = [...hooksOf(reap)];
    expect(all).toContain('task_free');
    expect(verdictsOf(reap, 'task_free')).toContain('yama:void');
  });
});
