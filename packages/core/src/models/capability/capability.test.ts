// The capability LSM's rules as security/commoncap.c (7.1.3) and capabilities(7) give them:
// file capabilities on exec (pP' = (X & fP) | (pI & fI), pE' = fE ? pP' : pA'), the unsafe-exec
// downgrade (no_new_privs, a tracer without CAP_SYS_PTRACE), ptrace's "permitted set must cover
// the target's", PR_CAPBSET_*/securebits/keepcaps/ambient prctls, and CAP_SYS_RAWIO below
// dac_mmap_min_addr.
import { describe, expect, it } from 'vitest';
import { ALICE, ROOT, bootMachine, forkAs, hooksOf, logSince, verdictsOf } from '../testing';
import {
  PR_CAPBSET_DROP,
  PR_CAPBSET_READ,
  PR_CAP_AMBIENT,
  PR_CAP_AMBIENT_IS_SET,
  PR_CAP_AMBIENT_RAISE,
  PR_GET_KEEPCAPS,
  PR_GET_SECUREBITS,
  PR_SET_KEEPCAPS,
  PR_SET_SECUREBITS,
} from './capability';
import { getVfsCapsFromDisk, vfsCapV2 } from './fileCaps';

const CAP_NET_RAW = 13n;
const NET_RAW = 1n << CAP_NET_RAW;
const PTRACE_TRACEME = 0;
const PR_SET_NO_NEW_PRIVS = 38;

describe('capability: file capabilities on exec (cap_bprm_creds_from_file)', () => {
  it('the image’s /usr/bin/ping carries cap_net_raw+ep', () => {
    const m = bootMachine();
    const r = m.syscall(ALICE, 'getxattr', { path: '/usr/bin/ping', name: 'security.capability', size: 0 });
    expect(r.ret).toBe(20);
    expect(verdictsOf(r, 'inode_getsecurity')[0]).toBe('capability:value');
    const caps = getVfsCapsFromDisk(r.out);
    expect(caps).toMatchObject({ permitted: NET_RAW, inheritable: 0n, magic_etc: 0x0200_0001 });
  });

  it('cap_inode_getsecurity(): revision 1 is -EINVAL; a v3 value with rootid 0 reads back as revision 2', () => {
    const m = bootMachine();
    const le = (w: number) => String.fromCharCode(w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, (w >>> 24) & 0xff);
    const v1 = le(0x0100_0001) + le(1 << 13) + le(0);
    expect(m.syscall(ROOT, 'setxattr', { path: '/usr/bin/cat', name: 'security.capability', value: v1 }).ret).toBe(0);
    expect(m.syscall(ROOT, 'getxattr', { path: '/usr/bin/cat', name: 'security.capability', size: 0 }).errno).toBe(
      '-EINVAL',
    );
    const v3 = le(0x0300_0001) + le(1 << 13) + le(0) + le(0) + le(0) + le(0);
    expect(m.syscall(ROOT, 'setxattr', { path: '/usr/bin/ls', name: 'security.capability', value: v3 }).ret).toBe(0);
    const r = m.syscall(ROOT, 'getxattr', { path: '/usr/bin/ls', name: 'security.capability', size: 0 });
    expect(r.out).toBe(vfsCapV2(NET_RAW, 0n, true));
    // get_vfs_caps_from_disk() takes revision 1 on exec (one 32-bit word per set).
    const a = forkAs(m, ALICE);
    expect(m.syscall(a, 'execve', { path: '/usr/bin/cat' }).ret).toBe(0);
    expect(m.world.tasks.get(a)!.cred.cap_effective).toBe(NET_RAW);
  });

  it("alice execs ping: pP' = pE' = CAP_NET_RAW, her ids stay", () => {
    const m = bootMachine();
    const child = forkAs(m, ALICE);
    const r = m.syscall(child, 'execve', { path: '/usr/bin/ping' });
    expect(r.ret).toBe(0);
    expect(verdictsOf(r, 'bprm_creds_from_file')[0]).toBe('capability:default');
    const cred = m.world.tasks.get(child)!.cred;
    expect(cred).toMatchObject({ uid: 1000, euid: 1000, cap_permitted: NET_RAW, cap_effective: NET_RAW });
    // An exec that gains permitted caps makes the task non-dumpable (commit_creds()).
    expect(m.world.tasks.get(child)!.dumpable).toBe(0);
  });

  it('a plain binary gives alice nothing; root keeps the full set (handle_privileged_root())', () => {
    const m = bootMachine();
    const a = forkAs(m, ALICE);
    m.syscall(a, 'execve', { path: '/usr/bin/cat' });
    expect(m.world.tasks.get(a)!.cred.cap_permitted).toBe(0n);
    const r = forkAs(m, ROOT);
    m.syscall(r, 'execve', { path: '/usr/bin/ping' });
    expect(m.world.tasks.get(r)!.cred.cap_effective).toBe(m.world.tasks.get(ROOT)!.cred.cap_bset);
  });

  it("no_new_privs: the exec may not gain caps (pP' ∩ pP = ∅)", () => {
    const m = bootMachine();
    const child = forkAs(m, ALICE);
    expect(m.syscall(child, 'prctl', { option: PR_SET_NO_NEW_PRIVS, arg2: 1 }).ret).toBe(0);
    expect(m.syscall(child, 'execve', { path: '/usr/bin/ping' }).ret).toBe(0);
    expect(m.world.tasks.get(child)!.cred).toMatchObject({ cap_permitted: 0n, cap_effective: 0n });
  });

  it('a tracer without CAP_SYS_PTRACE: the traced exec is downgraded (ptracer_capable() inside the hook)', () => {
    const m = bootMachine();
    const child = forkAs(m, ALICE);
    expect(m.syscall(ALICE, 'ptrace', { request: 16, pid: child }).ret).toBe(0);
    const r = m.syscall(child, 'execve', { path: '/usr/bin/ping' });
    expect(r.ret).toBe(0);
    const i = hooksOf(r).indexOf('bprm_creds_from_file');
    expect(hooksOf(r)[i + 1]).toBe('capable');
    expect(m.world.tasks.get(child)!.cred.cap_permitted).toBe(0n);
  });

  it('a malformed security.capability fails the exec with -EINVAL and a notice', () => {
    const m = bootMachine();
    expect(
      m.syscall(ROOT, 'setxattr', { path: '/usr/bin/cat', name: 'security.capability', value: 'garbage' }).ret,
    ).toBe(0);
    const child = forkAs(m, ALICE);
    const before = m.logCount;
    expect(m.syscall(child, 'execve', { path: '/usr/bin/cat' }).errno).toBe('-EINVAL');
    expect(logSince(m, before)).toContain('Invalid argument reading file caps for /usr/bin/cat');
  });

  it('setfattr’s 0x form is decoded; a nosuid mount ignores file caps (mnt_may_suid())', () => {
    const m = bootMachine();
    const hex =
      '0x' + [...vfsCapV2(NET_RAW, 0n, true)].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
    expect(m.syscall(ROOT, 'setxattr', { path: '/usr/bin/cat', name: 'security.capability', value: hex }).ret).toBe(0);
    const a = forkAs(m, ALICE);
    m.syscall(a, 'execve', { path: '/usr/bin/cat' });
    expect(m.world.tasks.get(a)!.cred.cap_effective).toBe(NET_RAW);

    expect(m.syscall(ROOT, 'mkdirat', { path: '/mnt' }).ret).toBe(0);
    expect(m.syscall(ROOT, 'mount', { source: 'tmpfs', target: '/mnt', flags: 2 /* MS_NOSUID */ }).ret).toBe(0);
    const fd = m.syscall(ROOT, 'openat', { path: '/mnt/tool', flags: 'O_WRONLY|O_CREAT', mode: 0o755 }).ret!;
    m.syscall(ROOT, 'write', { fd, buf: '\u007fELF tool' });
    m.syscall(ROOT, 'close', { fd });
    expect(m.syscall(ROOT, 'setxattr', { path: '/mnt/tool', name: 'security.capability', value: hex }).ret).toBe(0);
    const b = forkAs(m, ALICE);
    expect(m.syscall(b, 'execve', { path: '/mnt/tool' }).ret).toBe(0);
    expect(m.world.tasks.get(b)!.cred.cap_effective).toBe(0n);
  });
});

describe('capability: set*uid (cap_task_fix_setuid → cap_emulate_setxuid)', () => {
  it('root → uid 1000 in all three ids clears pP and pE; the work is the capability callback’s', () => {
    const m = bootMachine();
    const c = forkAs(m, ROOT);
    const r = m.syscall(c, 'setuid', { uid: 1000 });
    expect(r.ret).toBe(0);
    expect(r.trace.some((e) => e.type === 'kfunc' && e.fn === 'cap_emulate_setxuid')).toBe(true);
    expect(m.world.tasks.get(c)!.cred).toMatchObject({ cap_permitted: 0n, cap_effective: 0n });
  });

  it('keeping saved uid 0 keeps pP; euid 0 → 1000 → 0 drops then restores pE', () => {
    const m = bootMachine();
    const c = forkAs(m, ROOT);
    const full = m.world.tasks.get(ROOT)!.cred.cap_permitted;
    expect(m.syscall(c, 'setresuid', { ruid: 1000, euid: 1000, suid: 0 }).ret).toBe(0);
    expect(m.world.tasks.get(c)!.cred).toMatchObject({ cap_permitted: full, cap_effective: 0n });
    expect(m.syscall(c, 'setresuid', { ruid: -1, euid: 0, suid: -1 }).ret).toBe(0);
    expect(m.world.tasks.get(c)!.cred.cap_effective).toBe(full);
  });
});

describe('capability: ptrace (cap_ptrace_access_check)', () => {
  it('same uid, dumpable, but the target holds caps the tracer lacks: CAP_SYS_PTRACE is asked, -EPERM', () => {
    const m = bootMachine();
    // The target: uid 1000 that kept root's caps (SECBIT_NO_SETUID_FIXUP), made dumpable again.
    const target = forkAs(m, ROOT);
    expect(m.syscall(target, 'prctl', { option: PR_SET_SECUREBITS, arg2: 0x04 }).ret).toBe(0);
    expect(m.syscall(target, 'setresuid', { ruid: 1000, euid: 1000, suid: 1000 }).ret).toBe(0);
    expect(m.syscall(target, 'prctl', { option: 4 /* PR_SET_DUMPABLE */, arg2: 1 }).ret).toBe(0);
    // The tracer: uid 1000 without caps.
    const tracer = forkAs(m, ROOT);
    expect(m.syscall(tracer, 'setresuid', { ruid: 1000, euid: 1000, suid: 1000 }).ret).toBe(0);
    const r = m.syscall(tracer, 'ptrace', { request: 16, pid: target });
    expect(r.errno).toBe('-EPERM');
    expect(verdictsOf(r, 'ptrace_access_check')).toEqual(['capability:deny']);
    expect(hooksOf(r)).toEqual(['ptrace_access_check', 'capable']);
    // Root covers every permitted set.
    expect(m.syscall(ROOT, 'ptrace', { request: 16, pid: target }).ret).toBe(0);
  });
});

describe('capability: ptrace (cap_ptrace_traceme)', () => {
  it('a child with caps its parent lacks may not PTRACE_TRACEME (has_ns_capability(parent, CAP_SYS_PTRACE))', () => {
    const m = bootMachine();
    const child = forkAs(m, ALICE);
    m.syscall(child, 'execve', { path: '/usr/bin/ping' });
    const r = m.syscall(child, 'ptrace', { request: PTRACE_TRACEME });
    expect(r.errno).toBe('-EPERM');
    expect(verdictsOf(r, 'ptrace_traceme')).toEqual(['capability:deny']);
    expect(hooksOf(r)).toEqual(['ptrace_traceme', 'capable']);
  });
});

describe('capability: prctl (cap_task_prctl)', () => {
  it('reads the bounding set, securebits, keepcaps and the ambient set', () => {
    const m = bootMachine();
    expect(m.syscall(ALICE, 'prctl', { option: PR_CAPBSET_READ, arg2: 13 }).ret).toBe(1);
    expect(m.syscall(ALICE, 'prctl', { option: PR_CAPBSET_READ, arg2: 99 }).errno).toBe('-EINVAL');
    expect(m.syscall(ALICE, 'prctl', { option: PR_GET_SECUREBITS }).ret).toBe(0);
    expect(m.syscall(ALICE, 'prctl', { option: PR_GET_KEEPCAPS }).ret).toBe(0);
    expect(m.syscall(ALICE, 'prctl', { option: PR_CAP_AMBIENT, arg2: PR_CAP_AMBIENT_IS_SET, arg3: 13 }).ret).toBe(0);
    // cap_prctl_drop(): ns_capable(CAP_SETPCAP) first.
    expect(m.syscall(ALICE, 'prctl', { option: PR_CAPBSET_DROP, arg2: 13 }).errno).toBe('-EPERM');
  });
});

describe('capability: prctl changes through prepare_creds()/commit_creds()', () => {
  it('PR_SET_KEEPCAPS keeps pP across setresuid away from root (pE still drops with euid)', () => {
    const m = bootMachine();
    const c = forkAs(m, ROOT);
    const full = m.world.tasks.get(ROOT)!.cred.cap_permitted;
    const r = m.syscall(c, 'prctl', { option: PR_SET_KEEPCAPS, arg2: 1 });
    expect(r.ret).toBe(0);
    // prepare_creds() inside the hook: security_prepare_creds → cred_prepare.
    expect(hooksOf(r)).toEqual(['task_prctl', 'cred_prepare', 'cred_free']);
    expect(m.syscall(c, 'prctl', { option: PR_GET_KEEPCAPS }).ret).toBe(1);
    expect(m.syscall(c, 'setresuid', { ruid: 1000, euid: 1000, suid: 1000 }).ret).toBe(0);
    expect(m.world.tasks.get(c)!.cred).toMatchObject({ uid: 1000, cap_permitted: full, cap_effective: 0n });
    expect(m.syscall(c, 'prctl', { option: PR_SET_KEEPCAPS, arg2: 2 }).errno).toBe('-EINVAL');
  });

  it('PR_SET_SECUREBITS: SECBIT_NO_SETUID_FIXUP keeps pE too; locks hold; alice may set only the unprivileged bits', () => {
    const m = bootMachine();
    const c = forkAs(m, ROOT);
    expect(m.syscall(c, 'prctl', { option: PR_SET_SECUREBITS, arg2: 0x04 | 0x20 }).ret).toBe(0);
    expect(m.syscall(c, 'prctl', { option: PR_GET_SECUREBITS }).ret).toBe(0x24);
    // SECURE_KEEP_CAPS_LOCKED: PR_SET_KEEPCAPS is refused; a locked bit cannot be unlocked.
    expect(m.syscall(c, 'prctl', { option: PR_SET_KEEPCAPS, arg2: 1 }).errno).toBe('-EPERM');
    expect(m.syscall(c, 'prctl', { option: PR_SET_SECUREBITS, arg2: 0x04 }).errno).toBe('-EPERM');
    expect(m.syscall(c, 'setresuid', { ruid: 1000, euid: 1000, suid: 1000 }).ret).toBe(0);
    expect(m.world.tasks.get(c)!.cred.cap_effective).toBe(m.world.tasks.get(ROOT)!.cred.cap_effective);

    const a = forkAs(m, ALICE);
    expect(m.syscall(a, 'prctl', { option: PR_SET_SECUREBITS, arg2: 0x04 }).errno).toBe('-EPERM');
    // SECBIT_EXEC_RESTRICT_FILE is one of SECURE_ALL_UNPRIVILEGED (7.1); an unchanged value is -EPERM.
    expect(m.syscall(a, 'prctl', { option: PR_SET_SECUREBITS, arg2: 0x100 }).ret).toBe(0);
    expect(m.syscall(a, 'prctl', { option: PR_SET_SECUREBITS, arg2: 0x100 }).errno).toBe('-EPERM');
    const old = bootMachine({ kernelVersion: '6.8' });
    expect(old.syscall(ALICE, 'prctl', { option: PR_SET_SECUREBITS, arg2: 0x100 }).errno).toBe('-EPERM');
  });

  it('PR_CAPBSET_DROP of CAP_NET_RAW: ping’s forced capability no longer fits, so its exec fails with -EPERM', () => {
    const m = bootMachine();
    const c = forkAs(m, ROOT);
    expect(m.syscall(c, 'prctl', { option: PR_CAPBSET_DROP, arg2: 13 }).ret).toBe(0);
    expect(m.syscall(c, 'prctl', { option: PR_CAPBSET_READ, arg2: 13 }).ret).toBe(0);
    expect(m.syscall(c, 'execve', { path: '/usr/bin/ping' }).errno).toBe('-EPERM');
    expect(m.syscall(c, 'execve', { path: '/usr/bin/cat' }).ret).toBe(0);
  });

  it('PR_CAP_AMBIENT_RAISE needs the capability in pP and pI', () => {
    const m = bootMachine();
    const c = forkAs(m, ROOT);
    expect(m.syscall(c, 'prctl', { option: PR_CAP_AMBIENT, arg2: PR_CAP_AMBIENT_RAISE, arg3: 13 }).errno).toBe(
      '-EPERM',
    );
  });
});

describe('capability: mmap_addr and vm_enough_memory', () => {
  it('below dac_mmap_min_addr (65536) needs CAP_SYS_RAWIO, checked by cap_capable() without the capable hook', () => {
    const m = bootMachine();
    const r = m.syscall(ALICE, 'mmap', { addr: 4096, length: 4096, flags: 0x22 });
    expect(r.errno).toBe('-EPERM');
    expect(verdictsOf(r, 'mmap_addr')).toEqual(['capability:deny']);
    expect(hooksOf(r)).not.toContain('capable');
    expect(m.syscall(ROOT, 'mmap', { addr: 4096, length: 4096, flags: 0x22 }).ret).toBe(4096);
    expect(m.syscall(ALICE, 'mmap', { addr: 0x10000, length: 4096, flags: 0x22 }).ret).toBe(0x10000);
  });

  it('cap_vm_enough_memory(): without CAP_SYS_ADMIN the loop stops at capability (cap_sys_admin = 0)', () => {
    const m = bootMachine();
    const r = m.syscall(ALICE, 'mmap', { length: 4096, prot: 3, flags: 0x22 });
    expect(r.ret).toBeGreaterThan(0);
    expect(verdictsOf(r, 'vm_enough_memory')).toEqual(['capability:deny']);
    const root = m.syscall(ROOT, 'mmap', { length: 4096, prot: 3, flags: 0x22 });
    expect(verdictsOf(root, 'vm_enough_memory')[0]).toBe('capability:default');
  });
});
