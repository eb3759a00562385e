// The task syscalls' kernel chains, checked hook by hook (hook_enter order) against the kernel
// functions they follow: kernel/fork.c copy_process(), fs/exec.c do_execveat_common() /
// bprm_execve() / begin_new_exec(), fs/binfmt_elf.c load_elf_binary(), kernel/exit.c do_exit() /
// exit_notify() / release_task() / wait_task_zombie(), kernel/signal.c check_kill_permission(),
// kernel/ptrace.c ptrace_attach() / __ptrace_may_access() / ptrace_traceme(), kernel/sys.c
// __sys_setuid() / __sys_setresuid() / prctl, security/commoncap.c cap_bprm_creds_from_file() /
// cap_task_fix_setuid(), fs/proc/array.c proc_pid_status(), fs/proc/base.c proc_pid_attr_read().
import { describe, expect, test } from 'vitest';
import { Machine, type SyscallResult } from '../../index';
import { CAP_FULL_SET } from '../capability';
import { snapshotWorld } from '../snapshot';
import {
  CLONE_FILES,
  CLONE_NEWNS,
  CLONE_SIGHAND,
  CLONE_THREAD,
  CLONE_VM,
  LSM_SETID_ID,
  LSM_SETID_RES,
  PR_GET_DUMPABLE,
  PR_GET_NAME,
  PR_GET_NO_NEW_PRIVS,
  PR_SET_DUMPABLE,
  PR_SET_NAME,
  PR_SET_NO_NEW_PRIVS,
  PTRACE_ATTACH,
  PTRACE_DETACH,
  PTRACE_MODE_ATTACH_REALCREDS,
  PTRACE_TRACEME,
  SIGCHLD,
  SIGKILL,
  SIGTERM,
} from './task';

const ALICE = 1102;
const ROOT = 1001;
const INIT = 1;

const hooks = (r: SyscallResult): string[] =>
  r.trace.filter((e) => e.type === 'hook_enter').map((e) => (e as { hook: string }).hook);
const kfuncs = (r: SyscallResult): string[] =>
  r.trace.filter((e) => e.type === 'kfunc').map((e) => (e as { fn: string }).fn);
const capsAsked = (r: SyscallResult): string[] =>
  r.trace
    .filter((e) => e.type === 'kfunc' && (e as { fn: string }).fn === 'ns_capable')
    .map((e) => (e as { note: string }).note);
const hookArgs = (r: SyscallResult, hook: string): readonly unknown[] => {
  const e = r.trace.find((x) => x.type === 'hook_enter' && x.hook === hook);
  return e && e.type === 'hook_enter' ? e.args : [];
};

/** The open of a binary (fs/exec.c do_open_execat() → path_openat()) of /usr/bin/X: three directories. */
const OPEN_EXEC_USR_BIN = [
  'file_alloc_security',
  'inode_permission', // may_lookup /
  'inode_permission', // may_lookup /usr
  'inode_permission', // may_lookup /usr/bin
  'inode_permission', // may_open(): MAY_OPEN|MAY_EXEC
  'file_open', // do_dentry_open()
  'file_post_open',
];
/** do_execveat_common() from bprm_mm_init() to search_binary_handler()'s bprm_check_security. */
const BPRM_UNTIL_CHECK = [
  'vm_enough_memory', // bprm_mm_init() → create_init_stack_vma() → insert_vm_struct()
  'cred_prepare', // prepare_bprm_creds() → prepare_exec_creds() → prepare_creds()
  'bprm_creds_for_exec',
  'file_permission', // prepare_binprm() → kernel_read() → rw_verify_area()
  'bprm_check_security',
];
/** load_elf_binary() after begin_new_exec(): the text and data PT_LOADs. */
const ELF_MAPS = ['mmap_file', 'mmap_addr', 'mmap_file', 'mmap_addr', 'vm_enough_memory'];

function forkAs(m: Machine, pid: number): number {
  const r = m.syscall(pid, 'fork');
  expect(r.ret).toBeGreaterThan(0);
  return r.ret!;
}

function readFile(m: Machine, pid: number, path: string): SyscallResult & { fd: number } {
  const o = m.syscall(pid, 'openat', { path });
  expect(o.ret).toBeGreaterThanOrEqual(0);
  const r = m.syscall(pid, 'read', { fd: o.ret! });
  m.syscall(pid, 'close', { fd: o.ret! });
  return { ...r, fd: o.ret! };
}

describe('fork / clone: kernel/fork.c copy_process()', () => {
  test('fork: copy_creds() → prepare_creds (cred_prepare), sched_fork/audit_alloc, security_task_alloc, dup_mmap() charges', () => {
    const m = Machine.boot();
    const r = m.syscall(ALICE, 'fork');
    expect(r.ret).toBe(1200);
    // copy_creds → prepare_creds → security_prepare_creds; security_task_alloc after
    // sched_fork()/audit_alloc(); copy_mm() → dup_mmap(): vm_enough_memory per VM_ACCOUNT area.
    expect(hooks(r)).toEqual(['cred_prepare', 'task_alloc', 'vm_enough_memory', 'vm_enough_memory']);
    const k = kfuncs(r);
    expect(k.indexOf('sched_fork')).toBeLessThan(k.indexOf('audit_alloc'));
    expect(hookArgs(r, 'task_alloc')[1]).toEqual({ kind: 'number', value: 0 });
    expect(hookArgs(r, 'cred_prepare')[2]).toEqual({ kind: 'number', value: 0x400cc0 }); // GFP_KERNEL_ACCOUNT
    const child = m.task(1200)!;
    const parent = m.task(ALICE)!;
    expect(child).toMatchObject({ ppid: ALICE, comm: 'bash', exe: '/usr/bin/bash', state: 'running' });
    expect(child.cred).not.toBe(parent.cred);
    expect(child.cred.uid).toBe(1000);
    expect(child.cred.security?.size).toBe(m.kernel.blobSizes.cred);
    expect(child.security?.size).toBe(m.kernel.blobSizes.task);
    expect(child.cwd).toBe(parent.cwd);
    expect(m.world.nextPid).toBe(1201);
  });

  test('the fd table is copied and each copy shares the parent’s struct file', () => {
    const m = Machine.boot();
    const fd = m.syscall(ALICE, 'openat', { path: '/etc/hostname' }).ret!;
    const child = m.task(forkAs(m, ALICE))!;
    expect(child.files.get(fd)).toBe(m.task(ALICE)!.files.get(fd));
    expect(child.files).not.toBe(m.task(ALICE)!.files);
    const shared = m.syscall(ALICE, 'clone', { flags: CLONE_FILES | SIGCHLD });
    expect(m.task(shared.ret!)!.files).toBe(m.task(ALICE)!.files);
  });

  test('CLONE_THREAD shares the cred: no cred_prepare; CLONE_VM: no dup_mmap() charge', () => {
    const m = Machine.boot();
    const r = m.syscall(ALICE, 'clone', { flags: CLONE_THREAD | CLONE_SIGHAND | CLONE_VM });
    expect(r.ret).toBe(1200);
    // copy_creds(): CLONE_THREAD without a thread keyring → get_cred_many(), no prepare_creds().
    expect(hooks(r)).toEqual(['task_alloc']);
    expect(hookArgs(r, 'task_alloc')[1]).toEqual({ kind: 'number', value: CLONE_THREAD | CLONE_SIGHAND | CLONE_VM });
    const t = m.task(1200)!;
    expect(t.cred).toBe(m.task(ALICE)!.cred);
    expect(t.ppid).toBe(m.task(ALICE)!.ppid); // the thread's real_parent is its creator's
    expect(readFile(m, ALICE, '/proc/1200/status').out).toContain('Tgid:\t1102\n');
  });

  test('flag checks fail before any hook: CLONE_THREAD without CLONE_SIGHAND, CLONE_SIGHAND without CLONE_VM, CLONE_NEWNS|CLONE_FS', () => {
    const m = Machine.boot();
    for (const flags of [CLONE_THREAD | CLONE_VM, CLONE_SIGHAND, CLONE_NEWNS | 0x200]) {
      const r = m.syscall(ALICE, 'clone', { flags });
      expect(r.errno).toBe('-EINVAL');
      expect(hooks(r)).toEqual([]);
    }
    expect(m.world.nextPid).toBe(1200);
  });

  test('CLONE_NEWNS without CAP_SYS_ADMIN: copy_namespaces() fails, bad_fork_cleanup_security → task_free, exit_creds → cred_free', () => {
    const m = Machine.boot();
    const r = m.syscall(ALICE, 'clone', { flags: CLONE_NEWNS | SIGCHLD });
    expect(r.errno).toBe('-EPERM');
    expect(hooks(r)).toEqual([
      'cred_prepare',
      'task_alloc',
      'vm_enough_memory',
      'vm_enough_memory',
      'capable',
      'task_free',
      'cred_free',
    ]);
    expect(capsAsked(r)).toEqual(['CAP_SYS_ADMIN']);
    expect(m.world.nextPid).toBe(1200);
    expect(m.task(1200)).toBeUndefined();
  });

  test('root may create namespaces (not modelled further)', () => {
    const m = Machine.boot();
    const r = m.syscall(ROOT, 'clone', { flags: CLONE_NEWNS | SIGCHLD });
    expect(r.ret).toBe(1200);
    expect(hooks(r)).toEqual(['cred_prepare', 'task_alloc', 'vm_enough_memory', 'vm_enough_memory', 'capable']);
  });
});

describe('execve: fs/exec.c bprm_execve(), fs/binfmt_elf.c load_elf_binary()', () => {
  test('alice runs /usr/bin/passwd (04755 root): euid 0 and full caps, in the kernel’s hook order', () => {
    const m = Machine.boot();
    const child = forkAs(m, ALICE);
    const r = m.syscall(child, 'execve', { path: '/usr/bin/passwd', argv: 'passwd' });
    expect(r.ret).toBe(0);
    expect(hooks(r)).toEqual([
      ...OPEN_EXEC_USR_BIN,
      ...BPRM_UNTIL_CHECK,
      'file_permission', // load_elf_phdrs() → elf_read() → kernel_read()
      'inode_permission', // bprm_fill_uid(): the set-id file's MAY_EXEC is re-checked
      'bprm_creds_from_file',
      'inode_permission', // would_dump(): MAY_READ
      'bprm_committing_creds',
      'bprm_committed_creds',
      ...ELF_MAPS,
    ]);
    const k = kfuncs(r);
    expect(k.indexOf('cap_bprm_creds_from_file')).toBeLessThan(k.indexOf('commit_creds'));
    const t = m.task(child)!;
    expect([t.cred.uid, t.cred.euid, t.cred.suid, t.cred.fsuid]).toEqual([1000, 0, 0, 0]);
    expect(t.cred.cap_permitted).toBe(CAP_FULL_SET);
    expect(t.cred.cap_effective).toBe(CAP_FULL_SET);
    expect(t).toMatchObject({ comm: 'passwd', exe: '/usr/bin/passwd', dumpable: 0 });
    // task_dump_owner(): a non-dumpable task's /proc/<pid> belongs to root.
    expect(m.world.procRoot!.dentry.d_inode!.children!.get(String(child))!.d_inode!.i_uid).toBe(0);
  });

  test('with no_new_privs (prctl) the set-user-ID bit is ignored: bprm_fill_uid() returns early', () => {
    const m = Machine.boot();
    const child = forkAs(m, ALICE);
    expect(m.syscall(child, 'prctl', { option: PR_SET_NO_NEW_PRIVS, arg2: 1 }).ret).toBe(0);
    const r = m.syscall(child, 'execve', { path: '/usr/bin/passwd' });
    expect(r.ret).toBe(0);
    // No bprm_fill_uid() inode_permission(MAY_EXEC) between load_elf_phdrs and bprm_creds_from_file.
    expect(hooks(r)).toEqual([
      ...OPEN_EXEC_USR_BIN,
      ...BPRM_UNTIL_CHECK,
      'file_permission',
      'bprm_creds_from_file',
      'inode_permission',
      'bprm_committing_creds',
      'bprm_committed_creds',
      ...ELF_MAPS,
    ]);
    const t = m.task(child)!;
    expect([t.cred.uid, t.cred.euid, t.cred.suid]).toEqual([1000, 1000, 1000]);
    expect(t.cred.cap_effective).toBe(0n);
    expect(t.dumpable).toBe(1);
  });

  test('root running an ordinary binary keeps full caps (handle_privileged_root); alice gets none', () => {
    const m = Machine.boot();
    const rc = forkAs(m, ROOT);
    expect(m.syscall(rc, 'execve', { path: '/usr/bin/cat' }).ret).toBe(0);
    expect(m.task(rc)!.cred.cap_effective).toBe(CAP_FULL_SET);
    const ac = forkAs(m, ALICE);
    const r = m.syscall(ac, 'execve', { path: '/bin/cat' });
    expect(r.ret).toBe(0);
    expect(m.task(ac)).toMatchObject({ comm: 'cat', exe: '/usr/bin/cat' });
    expect(m.task(ac)!.cred.cap_permitted).toBe(0n);
  });

  test('a traced exec of a set-user-ID binary is downgraded when the tracer lacks CAP_SYS_PTRACE (LSM_UNSAFE_PTRACE)', () => {
    const m = Machine.boot();
    const child = forkAs(m, ALICE);
    expect(m.syscall(ALICE, 'ptrace', { request: PTRACE_ATTACH, pid: child }).ret).toBe(0);
    const r = m.syscall(child, 'execve', { path: '/usr/bin/passwd' });
    expect(r.ret).toBe(0);
    // The capability LSM's cap_bprm_creds_from_file() asks, inside the bprm_creds_from_file
    // hook: ptracer_capable() (security_capable, no ns_capable), then ns_capable(CAP_SETUID) for
    // the downgrade.
    const i = hooks(r).indexOf('bprm_creds_from_file');
    expect(hooks(r).slice(i - 1, i + 3)).toEqual(['inode_permission', 'bprm_creds_from_file', 'capable', 'capable']);
    expect(capsAsked(r)).toEqual(['CAP_SETUID']);
    expect(m.task(child)!.cred.euid).toBe(1000);
    expect(m.task(child)!.cred.cap_effective).toBe(0n);
  });

  test('-ENOENT: the walk fails, the empty file is freed at once (no file_release)', () => {
    const m = Machine.boot();
    const r = m.syscall(ALICE, 'execve', { path: '/usr/bin/nope' });
    expect(r.errno).toBe('-ENOENT');
    expect(hooks(r)).toEqual([
      'file_alloc_security',
      'inode_permission',
      'inode_permission',
      'inode_permission',
      'file_free_security',
    ]);
  });

  test('-EACCES: no exec bit (DAC in may_open), a directory, and path_noexec (procfs)', () => {
    const m = Machine.boot();
    const noX = m.syscall(ALICE, 'execve', { path: '/etc/passwd' });
    expect(noX.errno).toBe('-EACCES');
    // generic_permission(MAY_EXEC) without any x bit tries no capability.
    expect(hooks(noX)).toEqual(['file_alloc_security', 'inode_permission', 'inode_permission', 'file_free_security']);
    const dir = m.syscall(ALICE, 'execve', { path: '/tmp' });
    expect(dir.errno).toBe('-EACCES');
    expect(hooks(dir)).toEqual(['file_alloc_security', 'inode_permission', 'file_free_security']);
    const proc = m.syscall(ALICE, 'execve', { path: '/proc/1102/status' });
    expect(proc.errno).toBe('-EACCES');
    expect(kfuncs(proc)).toContain('path_noexec');
    expect(hooks(proc).filter((h) => h === 'file_open')).toEqual([]);
    expect(m.task(ALICE)!.comm).toBe('bash');
  });

  test('-ENOEXEC for a file no binfmt takes: free_bprm() closes the file (task work), then abort_creds (RCU)', () => {
    const m = Machine.boot();
    const fd = m.syscall(ALICE, 'openat', { path: '/home/alice/run.sh', flags: 'O_WRONLY|O_CREAT', mode: 0o755 }).ret!;
    m.syscall(ALICE, 'write', { fd, buf: '#!/bin/sh\n' });
    m.syscall(ALICE, 'close', { fd });
    const r = m.syscall(ALICE, 'execve', { path: '/home/alice/run.sh' });
    expect(r.errno).toBe('-ENOEXEC');
    expect(hooks(r).slice(-7)).toEqual([
      'cred_prepare',
      'bprm_creds_for_exec',
      'file_permission',
      'bprm_check_security',
      'file_release',
      'file_free_security',
      'cred_free',
    ]);
    expect(m.task(ALICE)!.cred.uid).toBe(1000);
  });

  test('-ETXTBSY: a binary open for writing is not executed (exe_file_deny_write_access())', () => {
    const m = Machine.boot();
    const fd = m.syscall(ALICE, 'openat', { path: '/home/alice/prog', flags: 'O_WRONLY|O_CREAT', mode: 0o755 }).ret!;
    m.syscall(ALICE, 'write', { fd, buf: '\u007fELF model' });
    const r = m.syscall(ALICE, 'execve', { path: '/home/alice/prog' });
    expect(r.errno).toBe('-ETXTBSY');
    expect(hooks(r).slice(-4)).toEqual(['file_open', 'file_post_open', 'file_release', 'file_free_security']);
  });

  test('O_CLOEXEC descriptors are closed by do_close_on_exec(); the old exe_file goes with the old mm', () => {
    const m = Machine.boot();
    const child = forkAs(m, ALICE);
    m.syscall(child, 'execve', { path: '/usr/bin/cat' });
    const keep = m.syscall(child, 'openat', { path: '/etc/hostname' }).ret!;
    const gone = m.syscall(child, 'openat', { path: '/etc/passwd', flags: 'O_RDONLY|O_CLOEXEC' }).ret!;
    const r = m.syscall(child, 'execve', { path: '/usr/bin/id' });
    expect(r.ret).toBe(0);
    expect(m.task(child)!.files.has(keep)).toBe(true);
    expect(m.task(child)!.files.has(gone)).toBe(false);
    // task_work_run() on the way out, newest first: the O_CLOEXEC file, then the old binary.
    const fput = r.trace.filter((e) => e.type === 'kfunc' && (e as { fn: string }).fn === '____fput');
    expect(fput.map((e) => (e as { note: string }).note)).toEqual(['/etc/passwd', '/usr/bin/cat']);
    // The old binary's file held the cred its exec started with (f_cred): put_cred_rcu follows.
    expect(hooks(r).slice(-5)).toEqual([
      'file_release',
      'file_free_security',
      'file_release',
      'file_free_security',
      'cred_free',
    ]);
  });
});

describe('exit, exit_group, wait4: kernel/exit.c', () => {
  test('fork, exit: a zombie until wait4(); reaping runs task_free then cred_free (release_task → __put_task_struct)', () => {
    const m = Machine.boot();
    const child = forkAs(m, ALICE);
    const e = m.syscall(child, 'exit', { error_code: 3 });
    expect(e.ret).toBe(0);
    // do_exit() has no security calls; the child holds no file.
    expect(hooks(e)).toEqual([]);
    expect(m.task(child)).toMatchObject({ state: 'zombie', exit_code: 0x300 });
    expect(readFile(m, ALICE, `/proc/${child}/status`).out).toContain('State:\tZ (zombie)\n');
    const w = m.syscall(ALICE, 'wait4', { pid: child });
    expect(w.ret).toBe(child);
    expect(w.out).toBe(`pid ${child} status 0x0300`);
    expect(hooks(w)).toEqual(['task_free', 'cred_free']);
    const k = kfuncs(w);
    expect(k.indexOf('release_task')).toBeLessThan(k.indexOf('__put_task_struct'));
    expect(m.task(child)).toBeUndefined();
    expect(m.syscall(ALICE, 'openat', { path: `/proc/${child}/status` }).errno).toBe('-ENOENT');
    expect(m.syscall(ALICE, 'wait4', {}).errno).toBe('-ECHILD');
  });

  test('a child of init is reaped at once: exit_group shows file_release, file_free_security, task_free, cred_free', () => {
    const m = Machine.boot();
    const child = forkAs(m, INIT);
    m.syscall(child, 'openat', { path: '/etc/hostname' });
    const r = m.syscall(child, 'exit_group', { error_code: 0 });
    // exit_files() → exit_task_work(): __fput(); exit_notify() → release_task(); RCU:
    // delayed_put_task_struct → security_task_free, exit_creds() → put_cred_rcu → security_cred_free.
    expect(hooks(r)).toEqual(['file_release', 'file_free_security', 'task_free', 'cred_free']);
    expect(m.task(child)).toBeUndefined();
  });

  test('a file shared with the parent after fork is not released when the child exits', () => {
    const m = Machine.boot();
    const fd = m.syscall(ALICE, 'openat', { path: '/etc/hostname' }).ret!;
    const child = forkAs(m, ALICE);
    const r = m.syscall(child, 'exit_group', { error_code: 0 });
    expect(hooks(r)).toEqual([]);
    expect(m.task(ALICE)!.files.get(fd)!.security).not.toBeNull();
  });

  test('wait4 with no exited child returns 0 (WNOHANG: the model never sleeps)', () => {
    const m = Machine.boot();
    forkAs(m, ALICE);
    const r = m.syscall(ALICE, 'wait4', {});
    expect(r.ret).toBe(0);
    expect(hooks(r)).toEqual([]);
  });

  test('exit_group ends every thread of the group; the threads are reaped as they go', () => {
    const m = Machine.boot();
    const child = forkAs(m, INIT);
    const thr = m.syscall(child, 'clone', { flags: CLONE_THREAD | CLONE_SIGHAND | CLONE_VM }).ret!;
    const r = m.syscall(child, 'exit_group', { error_code: 1 });
    expect(m.task(thr)).toBeUndefined();
    expect(m.task(child)).toBeUndefined();
    // Each task's blob goes; the shared cred only once, after the last task holding it.
    expect(hooks(r)).toEqual(['task_free', 'task_free', 'cred_free']);
  });

  test('orphans go to init, which reaps the zombies among them', () => {
    const m = Machine.boot();
    const mid = forkAs(m, ALICE);
    const grandchild = forkAs(m, mid);
    m.syscall(grandchild, 'exit', {});
    expect(m.task(grandchild)!.state).toBe('zombie');
    const r = m.syscall(mid, 'exit', {});
    expect(m.task(grandchild)).toBeUndefined();
    expect(m.task(mid)!.state).toBe('zombie');
    expect(hooks(r)).toEqual(['task_free', 'cred_free']);
  });

  test('init may not exit: panic("Attempted to kill init!"), which the model logs and survives', () => {
    const m = Machine.boot();
    const r = m.syscall(INIT, 'exit', { error_code: 1 });
    expect(
      r.trace.some((e) => e.type === 'printk' && e.text.includes('Attempted to kill init! exitcode=0x00000100')),
    ).toBe(true);
    expect(m.task(INIT)!.state).toBe('running');
  });
});

describe('kill: kernel/signal.c kill_something_info() → check_kill_permission()', () => {
  test('alice kills root’s shell: kill_ok_by_cred() fails and ns_capable(CAP_KILL) is denied → -EPERM, no task_kill', () => {
    const m = Machine.boot();
    const r = m.syscall(ALICE, 'kill', { pid: ROOT, sig: SIGTERM });
    expect(r.errno).toBe('-EPERM');
    expect(hooks(r)).toEqual(['capable']);
    expect(capsAsked(r)).toEqual(['CAP_KILL']);
    expect(m.task(ROOT)!.state).toBe('running');
  });

  test('root kills alice’s shell with CAP_KILL; SIGKILL ends it (its parent sshd keeps a zombie)', () => {
    const m = Machine.boot();
    const r = m.syscall(ROOT, 'kill', { pid: ALICE, sig: SIGKILL });
    expect(r.ret).toBe(0);
    expect(hooks(r)).toEqual(['capable', 'task_kill']);
    expect(hookArgs(r, 'task_kill')).toEqual([
      { kind: 'struct', struct: 'task_struct', addr: m.task(ALICE)!.addr },
      expect.objectContaining({ kind: 'struct', struct: 'kernel_siginfo' }),
      { kind: 'number', value: SIGKILL },
      { kind: 'null' },
    ]);
    expect(m.task(ALICE)).toMatchObject({ state: 'zombie', exit_code: SIGKILL });
  });

  test('signal 0 checks only; matching uids need no capability', () => {
    const m = Machine.boot();
    const child = forkAs(m, ALICE);
    const r = m.syscall(ALICE, 'kill', { pid: child, sig: 0 });
    expect(r.ret).toBe(0);
    expect(hooks(r)).toEqual(['task_kill']);
    expect(m.task(child)!.state).toBe('running');
  });

  test('-ESRCH for no such pid; -EINVAL for a bad signal (after the lookup)', () => {
    const m = Machine.boot();
    const none = m.syscall(ALICE, 'kill', { pid: 4242, sig: SIGTERM });
    expect(none.errno).toBe('-ESRCH');
    expect(hooks(none)).toEqual([]);
    const bad = m.syscall(ALICE, 'kill', { pid: ALICE, sig: 99 });
    expect(bad.errno).toBe('-EINVAL');
    expect(hooks(bad)).toEqual([]);
  });

  test('init is SIGNAL_UNKILLABLE: root’s SIGKILL passes the checks and is dropped', () => {
    const m = Machine.boot();
    const r = m.syscall(ROOT, 'kill', { pid: INIT, sig: SIGKILL });
    expect(r.ret).toBe(0);
    expect(hooks(r)).toEqual(['task_kill']);
    expect(m.task(INIT)!.state).toBe('running');
  });

  test('kill(-1) signals every process but init and the caller; -EPERM ones do not count as errors', () => {
    const m = Machine.boot();
    const child = forkAs(m, ALICE);
    const r = m.syscall(ALICE, 'kill', { pid: -1, sig: 0 });
    expect(r.ret).toBe(0);
    // cron, sshd, root's bash: CAP_KILL denied each time; the child: uids match.
    expect(hooks(r)).toEqual(['capable', 'capable', 'capable', 'task_kill']);
    expect(m.task(child)!.state).toBe('running');
  });
});

describe('ptrace: kernel/ptrace.c', () => {
  test('alice attaching to root’s bash: ids differ, capable(CAP_SYS_PTRACE) is denied → -EPERM before ptrace_access_check', () => {
    const m = Machine.boot();
    const r = m.syscall(ALICE, 'ptrace', { request: PTRACE_ATTACH, pid: ROOT });
    expect(r.errno).toBe('-EPERM');
    expect(hooks(r)).toEqual(['capable']);
    expect(capsAsked(r)).toEqual(['CAP_SYS_PTRACE']);
    expect(m.task(ROOT)!.ptracer).toBe(0);
  });

  test('alice attaching to her own child: ids match, then security_ptrace_access_check(PTRACE_MODE_ATTACH_REALCREDS)', () => {
    const m = Machine.boot();
    const child = forkAs(m, ALICE);
    const r = m.syscall(ALICE, 'ptrace', { request: PTRACE_ATTACH, pid: child });
    expect(r.ret).toBe(0);
    expect(hooks(r)).toEqual(['ptrace_access_check']);
    expect(hookArgs(r, 'ptrace_access_check')[1]).toEqual({ kind: 'number', value: PTRACE_MODE_ATTACH_REALCREDS });
    expect(m.task(child)!.ptracer).toBe(ALICE);
    expect(readFile(m, ALICE, `/proc/${child}/status`).out).toContain('TracerPid:\t1102\n');
    // Already traced: -EPERM after the checks.
    const again = m.syscall(ALICE, 'ptrace', { request: PTRACE_ATTACH, pid: child });
    expect(again.errno).toBe('-EPERM');
    expect(hooks(again)).toEqual(['ptrace_access_check']);
    expect(m.syscall(ALICE, 'ptrace', { request: PTRACE_DETACH, pid: child }).ret).toBe(0);
    expect(m.task(child)!.ptracer).toBe(0);
    expect(m.syscall(ALICE, 'ptrace', { request: PTRACE_DETACH, pid: child }).errno).toBe('-ESRCH');
  });

  test('root attaching to alice: CAP_SYS_PTRACE overrides the id mismatch', () => {
    const m = Machine.boot();
    const r = m.syscall(ROOT, 'ptrace', { request: PTRACE_ATTACH, pid: ALICE });
    expect(r.ret).toBe(0);
    // Yama (relational scope): alice is not root's descendant, so yama_ptrace_access_check() asks
    // ns_capable(CAP_SYS_PTRACE) itself, inside the hook.
    expect(hooks(r)).toEqual(['capable', 'ptrace_access_check', 'capable']);
  });

  test('a non-dumpable target (set-user-ID exec) needs CAP_SYS_PTRACE a second time: task_still_dumpable()', () => {
    const m = Machine.boot();
    const child = forkAs(m, ALICE);
    m.syscall(child, 'execve', { path: '/usr/bin/passwd' });
    const denied = m.syscall(ALICE, 'ptrace', { request: PTRACE_ATTACH, pid: child });
    expect(denied.errno).toBe('-EPERM');
    expect(hooks(denied)).toEqual(['capable']);
    const root = m.syscall(ROOT, 'ptrace', { request: PTRACE_ATTACH, pid: child });
    expect(root.ret).toBe(0);
    expect(hooks(root)).toEqual(['capable', 'capable', 'ptrace_access_check', 'capable']);
  });

  test('attaching to one’s own thread group is -EPERM before any check; no such pid is -ESRCH', () => {
    const m = Machine.boot();
    const self = m.syscall(ALICE, 'ptrace', { request: PTRACE_ATTACH, pid: ALICE });
    expect(self.errno).toBe('-EPERM');
    expect(hooks(self)).toEqual([]);
    expect(m.syscall(ALICE, 'ptrace', { request: PTRACE_ATTACH, pid: 4242 }).errno).toBe('-ESRCH');
  });

  test('PTRACE_TRACEME: security_ptrace_traceme(parent); a second one is -EPERM without a hook', () => {
    const m = Machine.boot();
    const child = forkAs(m, ALICE);
    const r = m.syscall(child, 'ptrace', { request: PTRACE_TRACEME });
    expect(r.ret).toBe(0);
    expect(hooks(r)).toEqual(['ptrace_traceme']);
    expect(hookArgs(r, 'ptrace_traceme')[0]).toEqual({
      kind: 'struct',
      struct: 'task_struct',
      addr: m.task(ALICE)!.addr,
    });
    expect(m.task(child)!.ptracer).toBe(ALICE);
    const again = m.syscall(child, 'ptrace', { request: PTRACE_TRACEME });
    expect(again.errno).toBe('-EPERM');
    expect(hooks(again)).toEqual([]);
  });

  test('a tracer’s exit detaches its tracees (exit_ptrace())', () => {
    const m = Machine.boot();
    const tracer = forkAs(m, ALICE);
    const tracee = forkAs(m, ALICE);
    m.syscall(tracer, 'ptrace', { request: PTRACE_ATTACH, pid: tracee });
    m.syscall(tracer, 'exit', {});
    expect(m.task(tracee)!.ptracer).toBe(0);
  });
});

describe('setuid / setresuid: kernel/sys.c, security/commoncap.c cap_task_fix_setuid()', () => {
  test('alice setuid(0): prepare_creds, ns_capable_setid(CAP_SETUID) denied → abort_creds → -EPERM', () => {
    const m = Machine.boot();
    const old = m.task(ALICE)!.cred;
    const r = m.syscall(ALICE, 'setuid', { uid: 0 });
    expect(r.errno).toBe('-EPERM');
    expect(hooks(r)).toEqual(['cred_prepare', 'capable', 'cred_free']);
    expect(hookArgs(r, 'capable')[2]).toEqual({ kind: 'number', value: 7 }); // CAP_SETUID
    expect(hookArgs(r, 'capable')[3]).toEqual({ kind: 'number', value: 0x4 }); // CAP_OPT_INSETID
    expect(m.task(ALICE)!.cred).toBe(old);
  });

  test('root setuid(1000): all ids change, cap_emulate_setxuid() drops every capability, commit_creds frees the old cred', () => {
    const m = Machine.boot();
    const r = m.syscall(ROOT, 'setuid', { uid: 1000 });
    expect(r.ret).toBe(0);
    expect(hooks(r)).toEqual(['cred_prepare', 'capable', 'task_fix_setuid', 'cred_free']);
    expect(hookArgs(r, 'task_fix_setuid')[2]).toEqual({ kind: 'number', value: LSM_SETID_ID });
    const c = m.task(ROOT)!.cred;
    expect([c.uid, c.euid, c.suid, c.fsuid]).toEqual([1000, 1000, 1000, 1000]);
    expect([c.cap_permitted, c.cap_effective, c.cap_ambient]).toEqual([0n, 0n, 0n]);
    expect(readFile(m, ROOT, '/proc/1001/status').out).toContain('CapEff:\t0000000000000000\n');
  });

  test('alice setuid(1000), her own uid: allowed without the capability', () => {
    const m = Machine.boot();
    const r = m.syscall(ALICE, 'setuid', { uid: 1000 });
    expect(r.ret).toBe(0);
    expect(hooks(r)).toEqual(['cred_prepare', 'capable', 'task_fix_setuid', 'cred_free']);
  });

  test('setuid(-1) is -EINVAL (uid_valid) before prepare_creds', () => {
    const m = Machine.boot();
    const r = m.syscall(ALICE, 'setuid', { uid: -1 });
    expect(r.errno).toBe('-EINVAL');
    expect(hooks(r)).toEqual([]);
  });

  test('setresuid checks CAP_SETUID before prepare_creds; a no-op returns 0 at once', () => {
    const m = Machine.boot();
    const denied = m.syscall(ALICE, 'setresuid', { ruid: 0 });
    expect(denied.errno).toBe('-EPERM');
    expect(hooks(denied)).toEqual(['capable']);
    const noop = m.syscall(ALICE, 'setresuid', { ruid: 1000, euid: 1000, suid: 1000 });
    expect(noop.ret).toBe(0);
    expect(hooks(noop)).toEqual([]);
  });

  test('root setresuid(1000, 1000, 0): saved uid 0 keeps pP; the euid leaving 0 clears pE (LSM_SETID_RES)', () => {
    const m = Machine.boot();
    const r = m.syscall(ROOT, 'setresuid', { ruid: 1000, euid: 1000, suid: 0 });
    expect(r.ret).toBe(0);
    expect(hooks(r)).toEqual(['capable', 'cred_prepare', 'task_fix_setuid', 'cred_free']);
    expect(hookArgs(r, 'task_fix_setuid')[2]).toEqual({ kind: 'number', value: LSM_SETID_RES });
    const c = m.task(ROOT)!.cred;
    expect([c.uid, c.euid, c.suid]).toEqual([1000, 1000, 0]);
    expect(c.cap_permitted).toBe(CAP_FULL_SET);
    expect(c.cap_effective).toBe(0n);
    // Back to euid 0 (the saved uid): pE = pP again, no capability needed.
    const back = m.syscall(ROOT, 'setresuid', { euid: 0 });
    expect(back.ret).toBe(0);
    expect(hooks(back)).toEqual(['cred_prepare', 'task_fix_setuid', 'cred_free']);
    expect(m.task(ROOT)!.cred.cap_effective).toBe(CAP_FULL_SET);
  });
});

describe('prctl: kernel/sys.c, security_task_prctl() first', () => {
  test('PR_SET_NO_NEW_PRIVS / PR_GET_NO_NEW_PRIVS after task_prctl returns -ENOSYS', () => {
    const m = Machine.boot();
    const set = m.syscall(ALICE, 'prctl', { option: PR_SET_NO_NEW_PRIVS, arg2: 1 });
    expect(set.ret).toBe(0);
    expect(hooks(set)).toEqual(['task_prctl']);
    expect(m.syscall(ALICE, 'prctl', { option: PR_GET_NO_NEW_PRIVS }).ret).toBe(1);
    expect(readFile(m, ALICE, '/proc/1102/status').out).toContain('NoNewPrivs:\t1\n');
    const bad = m.syscall(ALICE, 'prctl', { option: PR_SET_NO_NEW_PRIVS, arg2: 2 });
    expect(bad.errno).toBe('-EINVAL');
    expect(hooks(bad)).toEqual(['task_prctl']);
    expect(m.syscall(ALICE, 'prctl', { option: PR_GET_NO_NEW_PRIVS, arg2: 1 }).errno).toBe('-EINVAL');
  });

  test('PR_SET_DUMPABLE / PR_GET_DUMPABLE; only 0 and 1 are accepted', () => {
    const m = Machine.boot();
    expect(m.syscall(ALICE, 'prctl', { option: PR_GET_DUMPABLE }).ret).toBe(1);
    expect(m.syscall(ALICE, 'prctl', { option: PR_SET_DUMPABLE, arg2: 2 }).errno).toBe('-EINVAL');
    expect(m.syscall(ALICE, 'prctl', { option: PR_SET_DUMPABLE, arg2: 0 }).ret).toBe(0);
    expect(m.syscall(ALICE, 'prctl', { option: PR_GET_DUMPABLE }).ret).toBe(0);
    // Now even her own shell's id match is not enough for another of her processes.
    const child = forkAs(m, ALICE);
    m.syscall(ALICE, 'prctl', { option: PR_SET_DUMPABLE, arg2: 1 });
    const r = m.syscall(ALICE, 'ptrace', { request: PTRACE_ATTACH, pid: child });
    expect(r.errno).toBe('-EPERM');
    expect(hooks(r)).toEqual(['capable']);
  });

  test('PR_SET_NAME / PR_GET_NAME: comm, at most 15 characters', () => {
    const m = Machine.boot();
    expect(m.syscall(ALICE, 'prctl', { option: PR_SET_NAME, name: 'a-very-long-task-name' }).ret).toBe(0);
    expect(m.task(ALICE)!.comm).toBe('a-very-long-tas');
    expect(m.syscall(ALICE, 'prctl', { option: PR_GET_NAME }).out).toBe('a-very-long-tas');
    expect(readFile(m, ALICE, '/proc/1102/status').out.startsWith('Name:\ta-very-long-tas\n')).toBe(true);
  });

  test('an option nobody handles: task_prctl, then -EINVAL', () => {
    const m = Machine.boot();
    const r = m.syscall(ALICE, 'prctl', { option: 12345 });
    expect(r.errno).toBe('-EINVAL');
    expect(hooks(r)).toEqual(['task_prctl']);
  });
});

describe('/proc/<pid>: fs/proc/array.c proc_pid_status(), fs/proc/base.c proc_pid_attr_read()', () => {
  test('/proc/1102/status read with openat + read, in the kernel’s format', () => {
    const m = Machine.boot();
    const r = readFile(m, ALICE, '/proc/1102/status');
    expect(r.out.split('\n').slice(0, 12)).toEqual([
      'Name:\tbash',
      'Umask:\t0022',
      'State:\tR (running)',
      'Tgid:\t1102',
      'Ngid:\t0',
      'Pid:\t1102',
      'PPid:\t402',
      'TracerPid:\t0',
      'Uid:\t1000\t1000\t1000\t1000',
      'Gid:\t1000\t1000\t1000\t1000',
      'FDSize:\t64',
      'Groups:\t4 27 1000 ',
    ]);
    expect(r.out).toContain('CapBnd:\t000001ffffffffff\n');
    expect(hooks(r)).toEqual(['file_permission']);
    const root = readFile(m, ALICE, '/proc/1001/status');
    expect(root.out).toContain('State:\tS (sleeping)\n');
    expect(root.out).toContain('CapEff:\t000001ffffffffff\n');
  });

  test('attr/current, attr/prev, attr/exec: security_getprocattr (first LSM only, lsmid 0); SELinux answers', () => {
    const m = Machine.boot();
    // selinux_getprocattr(): before a policy load the kernel initial SID's name with its NUL; exec unset: empty.
    const want: Record<string, string> = { current: 'kernel\0', prev: 'kernel\0', exec: '' };
    for (const name of ['current', 'prev', 'exec']) {
      const o = m.syscall(ALICE, 'openat', { path: `/proc/1102/attr/${name}` });
      expect(o.ret).toBeGreaterThanOrEqual(0);
      const r = m.syscall(ALICE, 'read', { fd: o.ret! });
      expect(r.errno).toBeNull();
      expect(r.out).toBe(want[name]);
      expect(hooks(r)).toEqual(['file_permission', 'getprocattr']);
      const enter = r.trace.find((e) => e.type === 'hook_enter' && e.hook === 'getprocattr') as { dispatch: string };
      expect(enter.dispatch).toBe('first_only');
      expect(hookArgs(r, 'getprocattr')[1]).toEqual({ kind: 'string', value: name });
    }
  });

  test('a forked task gets its /proc/<pid> (created outside the fork trace), and loses it when reaped', () => {
    const m = Machine.boot();
    const child = forkAs(m, INIT);
    const dir = m.world.procRoot!.dentry.d_inode!.children!.get(String(child))!;
    expect([...dir.d_inode!.children!.keys()]).toEqual(['status', 'mounts', 'attr']);
    const attr = dir.d_inode!.children!.get('attr')!.d_inode!;
    // The default build has Smack and AppArmor (not active): their attr/<lsm>/ directories exist.
    expect([...attr.children!.keys()]).toEqual(['current', 'prev', 'exec', 'smack', 'apparmor']);
    expect([...attr.children!.get('apparmor')!.d_inode!.children!.keys()]).toEqual(['current', 'prev', 'exec']);
    expect(dir.d_inode!.security?.size).toBe(m.kernel.blobSizes.inode);
    expect(readFile(m, ROOT, `/proc/${child}/status`).out).toContain(`PPid:\t1\n`);
    m.syscall(child, 'exit', {});
    expect(m.world.procRoot!.dentry.d_inode!.children!.has(String(child))).toBe(false);
    expect(dir.d_inode).toBeNull();
  });

  test('the default world’s tasks have their /proc entries; snapshotWorld still leaves /proc out', () => {
    const m = Machine.boot();
    const names = [...m.world.procRoot!.dentry.d_inode!.children!.keys()].filter((n) => /^\d+$/.test(n));
    expect(names).toEqual(['1', '301', '402', '1001', '1102']);
    expect(snapshotWorld(m.world).files.some((f) => f.path.startsWith('/proc/'))).toBe(false);
  });
});

describe('every version and determinism', () => {
  const SEQUENCE = (m: Machine): SyscallResult[] => {
    const out: SyscallResult[] = [];
    const f = m.syscall(ALICE, 'fork');
    out.push(f);
    out.push(m.syscall(f.ret!, 'execve', { path: '/usr/bin/passwd' }));
    out.push(m.syscall(ALICE, 'kill', { pid: ROOT, sig: SIGTERM }));
    out.push(m.syscall(ALICE, 'ptrace', { request: PTRACE_ATTACH, pid: ROOT }));
    out.push(m.syscall(ALICE, 'setuid', { uid: 0 }));
    out.push(m.syscall(ROOT, 'setuid', { uid: 1000 }));
    out.push(m.syscall(ALICE, 'prctl', { option: PR_SET_NO_NEW_PRIVS, arg2: 1 }));
    out.push(m.syscall(f.ret!, 'exit_group', { error_code: 0 }));
    out.push(m.syscall(ALICE, 'wait4', {}));
    const o = m.syscall(ALICE, 'openat', { path: '/proc/1102/status' });
    out.push(o, m.syscall(ALICE, 'read', { fd: o.ret! }));
    return out;
  };

  test('two fresh machines give byte-identical JSON traces', () => {
    const a = JSON.stringify(SEQUENCE(Machine.boot()), (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
    const b = JSON.stringify(SEQUENCE(Machine.boot()), (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
    expect(a).toBe(b);
  });

  test.each(['7.1', '6.18', '6.8'] as const)('Linux %s runs the sequence; 6.8 has no file_post_open in exec', (v) => {
    const m = Machine.boot({ kernelVersion: v });
    const results = SEQUENCE(m);
    expect(results.map((r) => r.error)).toEqual(results.map(() => null));
    expect(results.map((r) => r.errno)).toEqual([
      null,
      null,
      '-EPERM',
      '-EPERM',
      '-EPERM',
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(hooks(results[1]!).includes('file_post_open')).toBe(v !== '6.8');
  });
});
