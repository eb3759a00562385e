// The BPF LSM with programs attached: the verifier's rules for BPF_PROG_TYPE_LSM (kernel/bpf/
// verifier.c check_attach_btf_id()/check_return_code(), kernel/bpf/bpf_lsm.c bpf_lsm_verify_prog()
// and bpf_lsm_get_retval_range()), bpf_prog_load()'s capabilities (CAP_BPF for every type but
// SOCKET_FILTER/CGROUP_SKB, CAP_PERFMON for is_perfmon_prog_type(), each or CAP_SYS_ADMIN), and
// the trampoline's semantics (kernel/bpf/trampoline.c, arch/x86/net/bpf_jit_comp.c
// invoke_bpf_mod_ret()): newest link first, the first non-zero return wins.
import { describe, expect, it } from 'vitest';
import type { Machine } from '../../machine/machine';
import { ALICE, ROOT, bootMachine, hooksOf, readFile, verdictsOf } from '../testing';
import { bpfLsmState, BPF_LINK_CREATE, BPF_RAW_TRACEPOINT_OPEN } from './trampoline';

const BPF_PROG_LOAD = 5;
const LICENSE = 'char LICENSE[] SEC("license") = "GPL";\n';

const RESTRICT_SHADOW = `${LICENSE}
SEC("lsm/file_open")
int BPF_PROG(restrict_shadow, struct file *file)
{
    if (file->f_path.dentry->d_name == "shadow")
        return -EPERM;
    return 0;
}
`;

function load(m: Machine, text: string, pid = ROOT) {
  return m.syscall(pid, 'bpf', { cmd: BPF_PROG_LOAD, prog: text });
}

/** Loads and attaches with BPF_LINK_CREATE; returns the link fd. */
function attach(m: Machine, text: string, pid = ROOT): number {
  const l = load(m, text, pid);
  expect(l.errno, l.out).toBeNull();
  const k = m.syscall(pid, 'bpf', { cmd: BPF_LINK_CREATE, prog_fd: l.ret! });
  expect(k.errno).toBeNull();
  return k.ret!;
}

describe('bpf: a program on file_open', () => {
  it('denies opening /etc/shadow with -EPERM; the BPF LSM is the one that denies', () => {
    const m = bootMachine();
    // Root may read /etc/shadow (0640 root:shadow) before the program is attached.
    expect(readFile(m, ROOT, '/etc/shadow')).not.toBeTypeOf('number');
    attach(m, RESTRICT_SHADOW);
    const o = m.syscall(ROOT, 'openat', { path: '/etc/shadow', flags: 'O_RDONLY' });
    expect(o.errno).toBe('-EPERM');
    expect(verdictsOf(o, 'file_open')).toEqual(['landlock:default', 'selinux:default', 'tomoyo:default', 'bpf:deny']);
    const fns = o.trace.filter((e) => e.type === 'kfunc').map((e) => (e as { fn: string }).fn);
    expect(fns.some((f) => /^bpf_prog_[0-9a-f]{16}_restrict_shadow$/.test(f))).toBe(true);
    // Other files open as before.
    expect(readFile(m, ALICE, '/etc/hostname')).toBe('playground\n');
  });

  it('reads the caller: uid from bpf_get_current_uid_gid(), comm into a char array', () => {
    const m = bootMachine();
    attach(
      m,
      `${LICENSE}
#define ALICE_UID 1000
SEC("lsm/file_open")
int BPF_PROG(only_root_reads_hostname, struct file *file)
{
    u32 uid = (u32)bpf_get_current_uid_gid();
    char comm[16];
    bpf_get_current_comm(comm, sizeof(comm));
    if (uid == ALICE_UID && comm == "bash" && bpf_strncmp(file->f_path.dentry->d_name.name, 8, "hostname") == 0)
        return -EACCES;
    return 0;
}
`,
    );
    expect(readFile(m, ALICE, '/etc/hostname')).toBe(-13);
    expect(readFile(m, ROOT, '/etc/hostname')).toBe('playground\n');
  });

  it('bpf_printk() writes a line to the trace pipe and a bpf_trace_printk line to the trace', () => {
    const m = bootMachine();
    attach(
      m,
      `${LICENSE}
SEC("lsm/file_open")
int BPF_PROG(log_opens, struct file *file)
{
    bpf_printk("open %s by %d", file->f_path.dentry->d_name.name, bpf_get_current_pid_tgid() >> 32);
    return 0;
}
`,
    );
    const r = m.syscall(ALICE, 'openat', { path: '/etc/hostname', flags: 'O_RDONLY' });
    expect(r.errno).toBeNull();
    expect(verdictsOf(r, 'file_open')).toContain('bpf:default');
    const pipe = bpfLsmState(m.kernel.initTask).tracePipe;
    expect(pipe).toHaveLength(1);
    expect(pipe[0]).toMatch(
      /^ {12}bash-1102 {4}\[000\] \.\.\.11 +\d+\.\d{6}: bpf_trace_printk: open hostname by 1102$/,
    );
    expect(r.trace.some((e) => e.type === 'kfunc' && e.fn === 'bpf_trace_printk')).toBe(true);
  });

  it('bpf_d_path() gives the full path (file_open is a sleepable hook, where bpf_d_path_allowed() lets LSM programs call it)', () => {
    const m = bootMachine();
    attach(
      m,
      `${LICENSE}
SEC("lsm.s/file_open")
int BPF_PROG(no_etc_passwd, struct file *file)
{
    char path[64];
    if (bpf_d_path(&file->f_path, path, sizeof(path)) < 0)
        return 0;
    return path == "/etc/passwd" ? -EPERM : 0;
}
`,
    );
    expect(readFile(m, ALICE, '/etc/passwd')).toBe(-1);
    expect(readFile(m, ALICE, '/etc/hostname')).toBe('playground\n');
  });
});

describe('bpf: the verifier (bpf_check) on LSM programs', () => {
  it('rejects a program returning 1 from file_open: R0 must be in [-MAX_ERRNO, 0]', () => {
    const m = bootMachine();
    const l = load(
      m,
      `${LICENSE}SEC("lsm/file_open")
int BPF_PROG(bad, struct file *file)
{
    return 1;
}
`,
    );
    expect(l.errno).toBe('-EINVAL');
    expect(l.out).toBe('At program exit the register R0 has smin=1 smax=1 should have been in [-4095, 0]\n');
    // The checks before the verifier ran: security_bpf, then security_bpf_prog_load; the verdict comes after them.
    expect(hooksOf(l).filter((h) => h.startsWith('bpf'))).toEqual(['bpf', 'bpf_prog_load', 'bpf_prog_free']);
    // A return value the verifier cannot bound is an unknown scalar.
    const u = load(
      m,
      `${LICENSE}SEC("lsm/file_open")
int BPF_PROG(bad2, struct file *file)
{
    return bpf_get_current_pid_tgid();
}
`,
    );
    expect(u.out).toBe('At program exit the register R0 has unknown scalar value should have been in [-4095, 0]\n');
  });

  it('6.8 had no return-range check for BPF_LSM_MAC programs (added in 6.13)', () => {
    const m = bootMachine({ kernelVersion: '6.8' });
    const l = load(m, `${LICENSE}SEC("lsm/file_open")\nint BPF_PROG(any, struct file *file) { return 1; }\n`);
    expect(l.errno).toBeNull();
    // …so a positive return becomes security_file_open()'s result, which do_dentry_open() takes for
    // an error and openat() passes on: 1, not a descriptor (the kind of bug the 6.13 check closed).
    m.syscall(ROOT, 'bpf', { cmd: BPF_LINK_CREATE, prog_fd: l.ret! });
    const o = m.syscall(ALICE, 'openat', { path: '/etc/hostname', flags: 'O_RDONLY' });
    expect(verdictsOf(o, 'file_open').at(-1)).toMatch(/^bpf:/);
    expect(o.trace.some((e) => e.type === 'kfunc' && e.fn === '__bpf_prog_exit')).toBe(true);
    expect(o.ret).toBe(1);
  });

  it('bool hooks take [0, 1]: inode_xattr_skipcap may return 1, not -EPERM', () => {
    const m = bootMachine();
    const ok = load(
      m,
      `${LICENSE}SEC("lsm/inode_xattr_skipcap")\nint BPF_PROG(skip, const char *name) { return 1; }\n`,
    );
    expect(ok.errno).toBeNull();
    const bad = load(
      m,
      `${LICENSE}SEC("lsm/inode_xattr_skipcap")\nint BPF_PROG(skip2, const char *name) { return -EPERM; }\n`,
    );
    expect(bad.out).toBe('At program exit the register R0 has smin=-1 smax=-1 should have been in [0, 1]\n');
  });

  it('void hooks ignore the return value: a program on file_free_security may return 1, and runs after the stub', () => {
    const m = bootMachine();
    attach(
      m,
      `${LICENSE}SEC("lsm/file_free_security")
int BPF_PROG(count_frees, struct file *file)
{
    bpf_printk("free");
    return 1;
}
`,
    );
    const r = m.syscall(ALICE, 'openat', { path: '/etc/hostname', flags: 'O_RDONLY' });
    const c = m.syscall(ALICE, 'close', { fd: r.ret! });
    expect(c.ret).toBe(0);
    const notes = c.trace.filter((e) => e.type === 'kfunc').map((e) => `${(e as { fn: string }).fn}`);
    expect(notes).toContain('bpf_lsm_file_free_security');
    expect(notes).toContain('bpf_trace_printk');
    expect(bpfLsmState(m.kernel.initTask).tracePipe.at(-1)).toMatch(/bpf_trace_printk: free$/);
  });

  it('refuses disabled hooks, sleepable programs on non-sleepable hooks, a missing GPL license, unknown hooks', () => {
    const m = bootMachine();
    const disabled = load(
      m,
      `${LICENSE}SEC("lsm/getprocattr")\nint BPF_PROG(p, struct task_struct *t) { return 0; }\n`,
    );
    expect(disabled.errno).toBe('-EINVAL');
    expect(disabled.out).toMatch(/^attach_btf_id \d+ points to disabled hook bpf_lsm_getprocattr\n$/);

    const sleepy = load(
      m,
      `${LICENSE}SEC("lsm.s/file_permission")\nint BPF_PROG(p, struct file *f, int mask) { return 0; }\n`,
    );
    expect(sleepy.errno).toBe('-EINVAL');
    expect(sleepy.out).toBe('bpf_lsm_file_permission is not sleepable\n');

    const noLicense = load(m, `SEC("lsm/file_open")\nint BPF_PROG(p, struct file *f) { return 0; }\n`);
    expect(noLicense.out).toBe('LSM programs must have a GPL compatible license\n');
    const proprietary = load(
      m,
      `char _license[] SEC("license") = "Proprietary";\nSEC("lsm/file_open")\nint BPF_PROG(p, struct file *f) { return 0; }\n`,
    );
    expect(proprietary.errno).toBe('-EINVAL');

    const unknown = load(m, `${LICENSE}SEC("lsm/no_such_hook")\nint BPF_PROG(p) { return 0; }\n`);
    expect(unknown.errno).toBe('-ESRCH');
    expect(unknown.out).toBe(
      "2:5: error: libbpf: prog 'p': failed to find kernel BTF type ID of 'bpf_lsm_no_such_hook': -ESRCH\n",
    );
    // libbpf stops before bpf(2) reaches the kernel's checks.
    expect(hooksOf(unknown)).toEqual([]);
  });

  it('bpf_d_path() is refused on a hook that is not sleepable', () => {
    const m = bootMachine();
    const l = load(
      m,
      `${LICENSE}SEC("lsm/file_permission")
int BPF_PROG(p, struct file *file, int mask)
{
    char buf[32];
    bpf_d_path(&file->f_path, buf, sizeof(buf));
    return 0;
}
`,
    );
    expect(l.out).toBe('helper call is not allowed in probe\n');
  });

  it('reading past the hook arguments is an invalid context access; the trailing argument is the return value', () => {
    const m = bootMachine();
    const ok = load(
      m,
      `${LICENSE}SEC("lsm/file_open")\nint BPF_PROG(p, struct file *f, int ret) { if (ret != 0) return ret; return 0; }\n`,
    );
    expect(ok.errno).toBeNull();
    const bad = load(
      m,
      `${LICENSE}SEC("lsm/file_open")\nint BPF_PROG(p2, struct file *f, int ret, int x) { return x ? -EPERM : 0; }\n`,
    );
    expect(bad.errno).toBe('-EACCES');
    expect(bad.out).toBe(
      "func 'bpf_lsm_file_open' doesn't have 3-th argument\ninvalid bpf_context access off=16 size=8\n",
    );
  });

  it('loading needs CAP_BPF and CAP_PERFMON (BPF_PROG_TYPE_LSM is a perfmon type), or CAP_SYS_ADMIN: alice gets -EPERM', () => {
    const m = bootMachine();
    const l = load(m, RESTRICT_SHADOW, ALICE);
    expect(l.errno).toBe('-EPERM');
  });
});

describe('bpf: the trampoline', () => {
  it('runs the newest program first; the first non-zero return is the verdict, the older program is skipped', () => {
    const m = bootMachine();
    const prog = (name: string, rc: string): string =>
      `${LICENSE}SEC("lsm/file_open")\nint BPF_PROG(${name}, struct file *file)\n{\n    bpf_printk("${name}");\n    return ${rc};\n}\n`;
    attach(m, prog('older', '-EACCES'));
    attach(m, prog('newer', '-EPERM'));
    const r = m.syscall(ALICE, 'openat', { path: '/etc/hostname', flags: 'O_RDONLY' });
    expect(r.errno).toBe('-EPERM');
    expect(bpfLsmState(m.kernel.initTask).tracePipe.map((l) => l.split(': ').at(-1))).toEqual(['newer']);
  });

  it('when every program returns 0 the stub runs and returns the default (task_prctl: -ENOSYS)', () => {
    const m = bootMachine();
    attach(m, `${LICENSE}SEC("lsm/task_prctl")\nint BPF_PROG(p, int option) { return 0; }\n`);
    const r = m.syscall(ALICE, 'prctl', { option: 0x59616d61, arg2: 0 });
    expect(verdictsOf(r, 'task_prctl')).toContain('bpf:default');
    expect(r.trace.some((e) => e.type === 'kfunc' && e.fn === 'bpf_lsm_task_prctl')).toBe(true);
  });

  it('the same program twice on one trampoline is -EBUSY; BPF_RAW_TRACEPOINT_OPEN attaches too', () => {
    const m = bootMachine();
    const l = load(m, RESTRICT_SHADOW);
    expect(m.syscall(ROOT, 'bpf', { cmd: BPF_RAW_TRACEPOINT_OPEN, prog_fd: l.ret! }).errno).toBeNull();
    expect(m.syscall(ROOT, 'bpf', { cmd: BPF_LINK_CREATE, prog_fd: l.ret! }).errno).toBe('-EBUSY');
    // link_create() requires attach_type to equal the program's expected_attach_type (BPF_LSM_MAC).
    const l2 = load(m, RESTRICT_SHADOW.replace('restrict_shadow', 'again'));
    expect(m.syscall(ROOT, 'bpf', { cmd: BPF_LINK_CREATE, prog_fd: l2.ret!, attach_type: 26 }).errno).toBe('-EINVAL');
    expect(m.syscall(ROOT, 'bpf', { cmd: BPF_LINK_CREATE, prog_fd: 99 }).errno).toBe('-EBADF');
  });

  it('closing the link fd detaches the program (closing the program fd does not)', () => {
    const m = bootMachine();
    const l = load(m, RESTRICT_SHADOW);
    const link = m.syscall(ROOT, 'bpf', { cmd: BPF_LINK_CREATE, prog_fd: l.ret! }).ret!;
    m.syscall(ROOT, 'close', { fd: l.ret! });
    expect(readFile(m, ROOT, '/etc/shadow')).toBe(-1);
    m.syscall(ROOT, 'close', { fd: link });
    expect(readFile(m, ROOT, '/etc/shadow')).not.toBeTypeOf('number');
  });

  it('with lsm= leaving bpf out, programs load and attach but never run (no stub on any hook head)', () => {
    const m = bootMachine({ cmdline: 'lsm=landlock,lockdown,yama,selinux' });
    expect(m.kernel.order).not.toContain('bpf');
    attach(m, RESTRICT_SHADOW);
    expect(readFile(m, ROOT, '/etc/shadow')).not.toBeTypeOf('number');
  });
});

describe('bpf: the public API', () => {
  it('checkBpfLsmProgram() compiles and verifies without a machine; bpfLsmAttached() lists the trampolines', async () => {
    const { checkBpfLsmProgram, bpfLsmAttached, bpfTracePipe } = await import('../../index');
    const bad = checkBpfLsmProgram(`${LICENSE}SEC("lsm/file_open")\nint BPF_PROG(p, struct file *f) { return 1; }\n`);
    expect(bad.parse.ok).toBe(true);
    expect(bad.verifier?.rc).toBe(-22);
    const syntax = checkBpfLsmProgram('SEC("lsm/file_open")\nint BPF_PROG(p, struct file *f) { return 0 }\n');
    expect(syntax.parse.ok ? null : syntax.parse.error).toEqual({
      line: 2,
      col: 44,
      message: "expected ';' before '}'",
    });
    const m = bootMachine();
    attach(m, RESTRICT_SHADOW);
    expect(
      [...bpfLsmAttached(m).entries()].map(([h, l]) => `${h}:${l.map((x) => x.prog.prog.name).join(',')}`),
    ).toEqual(['file_open:restrict_shadow']);
    expect(bpfTracePipe(m)).toEqual([]);
  });
});

describe('bpf: other hooks', () => {
  it('bprm_check_security: a program that keeps alice from running /usr/bin/passwd', () => {
    const m = bootMachine();
    attach(
      m,
      `${LICENSE}SEC("lsm/bprm_check_security")
int BPF_PROG(no_passwd, struct linux_binprm *bprm)
{
    if (bprm->filename == "/usr/bin/passwd" && bprm->cred->uid.val == 1000)
        return -EACCES;
    return 0;
}
`,
    );
    const child = m.syscall(ALICE, 'fork').ret!;
    const r = m.syscall(child, 'execve', { path: '/usr/bin/passwd' });
    expect(r.errno).toBe('-EACCES');
    expect(verdictsOf(r, 'bprm_check_security').at(-1)).toBe('bpf:deny');
  });
});

describe('bpf: per-version hook sets', () => {
  it('file_alloc_security is a disabled hook in 7.1, not in 6.18; 6.8 has no disabled set at all', () => {
    const text = `${LICENSE}SEC("lsm/file_alloc_security")\nint BPF_PROG(p, struct file *file) { return 0; }\n`;
    expect(load(bootMachine(), text).out).toMatch(/points to disabled hook bpf_lsm_file_alloc_security/);
    expect(load(bootMachine({ kernelVersion: '6.18' }), text).errno).toBeNull();
    const getprocattr = `${LICENSE}SEC("lsm/getprocattr")\nint BPF_PROG(p, struct task_struct *t) { return 0; }\n`;
    expect(load(bootMachine({ kernelVersion: '6.18' }), getprocattr).errno).toBe('-EINVAL');
    expect(load(bootMachine({ kernelVersion: '6.8' }), getprocattr).errno).toBeNull();
  });
});

describe('bpf: a program in the style of the kernel selftests', () => {
  it('compiles, verifies and runs: locals, the current task and cred, comm, bpf_strncmp, bpf_printk, the ret argument', () => {
    const m = bootMachine();
    attach(m, SELFTEST_STYLE);
    expect(readFile(m, ALICE, '/etc/hostname')).toBe(-1);
    // Root's euid is 0: allowed; the program printed for both opens.
    expect(readFile(m, ROOT, '/etc/hostname')).toBe('playground\n');
    expect(bpfLsmState(m.kernel.initTask).tracePipe.map((l) => l.split('bpf_trace_printk: ')[1])).toEqual([
      'uid 1000 pid 1102 comm bash',
      'uid 0 pid 1001 comm bash',
    ]);
  });
});

const SELFTEST_STYLE = `// SPDX-License-Identifier: GPL-2.0
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

SEC("lsm/file_open")
int BPF_PROG(check, struct file *file, int ret)
{
    const struct cred *cred = bpf_get_current_task_btf()->cred;
    struct task_struct *task = bpf_get_current_task_btf();
    __u32 uid = bpf_get_current_uid_gid() & 0xFFFFFFFF;
    int pid = bpf_get_current_pid_tgid() >> 32;
    char comm[16];
    umode_t mode;

    if (ret != 0)
        return ret;
    if (!file)
        return 0;
    mode = file->f_inode->i_mode;
    bpf_get_current_comm(&comm, sizeof(comm));
    if ((mode & 0170000) == 0040000)
        return 0;
    bpf_printk("uid %u pid %d comm %s", uid, pid, comm);
    if (bpf_strncmp(comm, sizeof(comm), "bash") == 0 && cred->euid.val != 0 && task->pid > 1)
        return -EPERM;
    return 0;
}
`;
