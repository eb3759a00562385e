// SafeSetID's rules as Documentation/admin-guide/LSM/SafeSetID.rst and security/safesetid/ (7.1.3)
// give them: a write to safesetid/uid_allowlist_policy replaces the whole uid policy (lines
// "parent:child\n"; a malformed line fails the write with -EINVAL and the old policy stays; a
// duplicate is -EEXIST); a task whose real uid has rules may only switch to ids it already holds
// or that its rules allow — anything else prints "UID transition (...) blocked", fails with
// -EACCES and SIGKILLs the task (force_sig() in safesetid_task_fix_setuid()).
import { describe, expect, it } from 'vitest';
import { ALICE, ROOT, bootMachine, forkAs, logSince, readFile, verdictsOf, writeFile } from '../testing';
import { parsePolicy, SetidRuleset } from './policy';
import type { SyscallContext } from '../../kernel';
import { CAP_FULL_SET } from '../../machine/capability';
import type { Cred } from '../../machine/types';

const UIDS = '/sys/kernel/security/safesetid/uid_allowlist_policy';
const GIDS = '/sys/kernel/security/safesetid/gid_allowlist_policy';

describe('safesetid: the policy files', () => {
  it('are root 0600; a write needs CAP_MAC_ADMIN and replaces the policy; reads give the text back', () => {
    const m = bootMachine();
    expect(readFile(m, ROOT, UIDS)).toBe('');
    expect(writeFile(m, ALICE, UIDS, '1000:1001\n')).toBe(-13);
    expect(writeFile(m, ROOT, UIDS, '1000:1001\n1000:1002\n')).toBe(20);
    expect(readFile(m, ROOT, UIDS)).toBe('1000:1001\n1000:1002\n');
    expect(writeFile(m, ROOT, UIDS, '2000:2001\n')).toBe(10);
    expect(readFile(m, ROOT, UIDS)).toBe('2000:2001\n');
    expect(writeFile(m, ROOT, GIDS, '1000:1001\n')).toBe(10);
    expect(readFile(m, ROOT, GIDS)).toBe('1000:1001\n');
  });

  it('a malformed policy fails with -EINVAL and the old one stays (atomic)', () => {
    const m = bootMachine();
    expect(writeFile(m, ROOT, UIDS, '1000:1001\n')).toBe(10);
    for (const bad of ['1000:1002', '1000-1002\n', 'x:1\n', '1:y\n', '1000:4294967295\n', '\n'])
      expect(writeFile(m, ROOT, UIDS, bad), JSON.stringify(bad)).toBe(-22);
    expect(readFile(m, ROOT, UIDS)).toBe('1000:1001\n');
    const before = m.logCount;
    expect(writeFile(m, ROOT, UIDS, '1:2\n1:2\n')).toBe(-17);
    expect(logSince(m, before)).toEqual(['SafeSetID: bad policy: duplicate entry']);
    expect(readFile(m, ROOT, UIDS)).toBe('1000:1001\n');
  });

  it('the parser says where: line and column', () => {
    const r = parsePolicy('1000:1001\n1000:abc\n', 'UID');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ line: 2, col: 6, errno: 'EINVAL' });
    const n = parsePolicy('1:2\n3:4', 'UID');
    if (!n.ok) expect(n.error).toMatchObject({ line: 2, reason: 'the line does not end with a newline' });
    // kstrtou32 base 0: hex and octal parents.
    expect(parsePolicy('0x3e8:01751\n', 'UID').ok).toBe(true);
  });

  it('verify_ruleset(): a child without rules of its own is reported and fixed up, and the policy loads', () => {
    const m = bootMachine();
    const before = m.logCount;
    expect(writeFile(m, ROOT, UIDS, '1000:1001\n1001:1001\n1000:1002\n')).toBe(30);
    expect(logSince(m, before)).toEqual([
      'SafeSetID: insecure policy detected: uid 1000 is constrained but transitively unconstrained through uid 1002',
    ]);
  });

  it('the rules sit in hash_32() buckets (GOLDEN_RATIO_32, top 8 bits)', () => {
    expect(SetidRuleset.bucket(0)).toBe(0);
    expect(SetidRuleset.bucket(1)).toBe(0x61);
  });

  it('the boot policy goes to the uid allowlist', () => {
    const m = bootMachine({ policies: { safesetid: '1000:1001\n' } });
    expect(readFile(m, ROOT, UIDS)).toBe('1000:1001\n');
  });
});

describe('safesetid: set*uid transitions of a constrained uid', () => {
  /** A child of root's shell with real uid 1000 and euid/suid 0, so it keeps CAP_SETUID. */
  function constrained(policy: string) {
    const m = bootMachine();
    expect(writeFile(m, ROOT, UIDS, policy)).toBe(policy.length);
    const pid = forkAs(m, ROOT);
    // Root (ruid 0) is not constrained: its own transitions pass untouched.
    const r = m.syscall(pid, 'setresuid', { ruid: 1000, euid: 0, suid: 0 });
    expect(r.ret).toBe(0);
    expect(verdictsOf(r, 'task_fix_setuid')).toContain('safesetid:default');
    return { m, pid };
  }

  it('1000 → 1001 is in the allowlist: setuid(1001) succeeds', () => {
    const { m, pid } = constrained('1000:1001\n');
    const r = m.syscall(pid, 'setuid', { uid: 1001 });
    expect(r.ret).toBe(0);
    // CAP_SETUID asked with CAP_OPT_INSETID: SafeSetID leaves it to task_fix_setuid.
    expect(verdictsOf(r, 'capable')).toContain('safesetid:default');
    expect(verdictsOf(r, 'task_fix_setuid')).toContain('safesetid:default');
    expect(m.world.tasks.get(pid)!.cred.uid).toBe(1001);
  });

  it('ids the task already holds need no rule: back to euid 0', () => {
    const { m, pid } = constrained('1000:1001\n');
    expect(m.syscall(pid, 'setresuid', { ruid: -1, euid: 1000, suid: -1 }).ret).toBe(0);
    expect(m.syscall(pid, 'setresuid', { ruid: -1, euid: 0, suid: -1 }).ret).toBe(0);
  });

  it('1000 → 1002 is not: -EACCES, "UID transition ... blocked", and the task is SIGKILLed', () => {
    const { m, pid } = constrained('1000:1001\n');
    const before = m.logCount;
    const r = m.syscall(pid, 'setresuid', { ruid: 1002, euid: 1002, suid: 1002 });
    expect(r.errno).toBe('-EACCES');
    expect(verdictsOf(r, 'task_fix_setuid')).toEqual(['capability:default', 'safesetid:deny']);
    expect(logSince(m, before)).toEqual(['SafeSetID: UID transition ((1000,0,0) -> 1002) blocked']);
    expect(r.trace.some((e) => e.type === 'kfunc' && e.fn === 'force_sig')).toBe(true);
    expect(m.world.tasks.get(pid)?.state ?? 'dead').not.toBe('running');
  });

  it('a task whose real uid has no rules is not affected', () => {
    const { m } = constrained('1000:1001\n');
    const other = forkAs(m, ROOT);
    expect(m.syscall(other, 'setresuid', { ruid: 2000, euid: 2000, suid: 2000 }).ret).toBe(0);
  });
});

describe('safesetid: hooks no machine syscall reaches yet (called as the kernel would)', () => {
  /** security_*() called in a task's context, outside any syscall of the machine. */
  function call(m: ReturnType<typeof bootMachine>, body: (ctx: SyscallContext, cred: Cred) => number) {
    const t = m.world.tasks.get(ALICE)!;
    const r = m.kernel.runSyscall({ cred: t.cred, task: t }, (ctx) => body(ctx, t.cred));
    return { rc: r.rc, log: r.trace.flatMap((e) => (e.type === 'printk' ? [(e as { text: string }).text] : [])) };
  }

  it('capable(CAP_SETUID) outside set*uid (no CAP_OPT_INSETID) is refused for a constrained uid', () => {
    const m = bootMachine();
    expect(writeFile(m, ROOT, UIDS, '1000:1001\n')).toBe(10);
    // security_capable() on a uid-1000 cred holding every capability, as a non-set*id path asks it.
    const r = call(
      m,
      (ctx, cred) => ctx.hook('capable', [{ ...cred, cap_effective: CAP_FULL_SET } as never, null, 7, 0]) as number,
    );
    expect(r.rc).toBe(-1);
    expect(r.log).toEqual([
      'SafeSetID: Operation requires CAP_SETUID, which is not available to UID 1000 for operations besides approved set*uid transitions',
    ]);
    // With CAP_OPT_INSETID (set*uid) it is left to task_fix_setuid.
    expect(
      call(
        m,
        (ctx, cred) => ctx.hook('capable', [{ ...cred, cap_effective: CAP_FULL_SET } as never, null, 7, 4]) as number,
      ).rc,
    ).toBe(0);
  });

  it('task_fix_setgid: a gid transition outside the gid allowlist is -EACCES and queues SIGKILL', () => {
    const m = bootMachine();
    expect(writeFile(m, ROOT, GIDS, '1000:1001\n')).toBe(10);
    const ok = call(
      m,
      (ctx, cred) =>
        ctx.hook('task_fix_setgid', [
          { ...cred, gid: 1001, egid: 1001, sgid: 1001, fsgid: 1001 } as never,
          cred as never,
          1,
        ]) as number,
    );
    expect(ok.rc).toBe(0);
    const bad = call(
      m,
      (ctx, cred) =>
        ctx.hook('task_fix_setgid', [
          { ...cred, gid: 0, egid: 0, sgid: 0, fsgid: 0 } as never,
          cred as never,
          1,
        ]) as number,
    );
    expect(bad.rc).toBe(-13);
    expect(bad.log).toEqual(['SafeSetID: GID transition ((1000,1000,1000) -> 0) blocked']);
    expect(m.world.tasks.get(ALICE)!.pending_sigkill).toBe(true);
  });
});
