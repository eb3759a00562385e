// AppArmor's decisions as security/apparmor/ makes them (7.1): attachment at exec (domain.c
// find_attach(), profile_transition()), file rules (file.c aa_path_perm(), aa_audit_file(); lsm.c
// apparmor_path_*), capability rules (capability.c), complain mode (audit.c aa_audit():
// apparmor="ALLOWED", complain_error()), quiet deny rules, policy management through securityfs
// (apparmorfs.c, policy.c aa_replace_profiles(), audit_policy()) and the lsm_config_*_policy
// series (aa_change_profile(AA_CHANGE_STACK)). Records are checked in their exact format.
import { describe, expect, it } from 'vitest';
import type { Machine } from '../../machine/machine';
import { ALICE, ROOT, bootMachine, forkAs, hooksOf, readFile, verdictsOf, writeFile } from '../testing';
import { APPARMOR_DEFAULT_POLICY } from './defaultPolicy';

const AA = { cmdline: 'lsm=apparmor', policies: { apparmor: APPARMOR_DEFAULT_POLICY } };
const SECFS = '/sys/kernel/security/apparmor';

/** The audit records written since `from`, without the "type=AVC msg=audit(…): " stamp. */
function records(m: Machine, from = 0): string[] {
  return m.audit.slice(from).map((r) => r.replace(/^type=AVC msg=audit\([^)]*\): /, ''));
}

/** fork() as `parent`, then execve(path) in the child: the child's pid. */
function spawn(m: Machine, parent: number, path: string): number {
  const child = forkAs(m, parent);
  const r = m.syscall(child, 'execve', { path });
  if (r.ret !== 0) throw new Error(`execve ${path}: ${r.errno}`);
  return child;
}

const open = (m: Machine, pid: number, path: string, flags: string) => m.syscall(pid, 'openat', { path, flags });

describe('apparmor: boot and policy load', () => {
  it('prints its init message, loads the boot policy through .replace with STATUS records, and lists profiles', () => {
    const m = bootMachine(AA);
    expect(m.dmesg()).toContain('AppArmor: AppArmor initialized');
    expect(m.bootPolicyResults).toEqual([
      { lsm: 'apparmor', path: `${SECFS}/.replace`, rc: APPARMOR_DEFAULT_POLICY.length },
    ]);
    expect(records(m)).toEqual([
      'apparmor="STATUS" operation="profile_load" profile="unconfined" name="python3" pid=1 comm="init"',
      'apparmor="STATUS" operation="profile_load" profile="unconfined" name="passwd" pid=1 comm="init"',
      'apparmor="STATUS" operation="profile_load" profile="unconfined" name="sandbox" pid=1 comm="init"',
    ]);
    // seq_show_profile(): "name (mode)", newest first (list_add_rcu()).
    expect(readFile(m, ALICE, `${SECFS}/profiles`)).toBe('sandbox (enforce)\npasswd (enforce)\npython3 (enforce)\n');
    // Unconfined tasks: aa_getprocattr() of the root namespace's unconfined label.
    expect(readFile(m, ALICE, `/proc/${ALICE}/attr/current`)).toBe('unconfined\n');
  });

  it('refuses a policy load from a task without CAP_MAC_ADMIN (aa_may_manage_policy(): "not policy admin")', () => {
    const m = bootMachine(AA);
    const before = m.audit.length;
    // .load is 0666: the open passes DAC, the write is refused by AppArmor.
    expect(writeFile(m, ALICE, `${SECFS}/.load`, 'profile x {}')).toBe(-13);
    expect(records(m, before)).toEqual([
      'apparmor="STATUS" operation="profile_load" info="not policy admin" error=-13 profile="unconfined" pid=1102 comm="bash"',
    ]);
  });

  it('a syntax error loads nothing and is reported with line:col; .load refuses an existing profile', () => {
    const m = bootMachine(AA);
    const before = m.audit.length;
    const bad = 'profile new1 {\n  /etc/hostname r,\n}\nprofile python3 {\n  /etc/** rq,\n}\n';
    expect(writeFile(m, ROOT, `${SECFS}/.replace`, bad)).toBe(-22);
    expect(records(m, before)).toEqual([
      `apparmor="STATUS" info="5:12: invalid permission 'q' (the model takes r w a l k m and ix px Px cx Cx ux Ux pix pux)" error=-22 profile="unconfined" pid=1001 comm="bash" offset=${bad.indexOf('q,')}`,
    ]);
    // Atomic: new1, which parsed, was not loaded either.
    expect(readFile(m, ROOT, `${SECFS}/profiles`)).not.toContain('new1');

    const b2 = m.audit.length;
    expect(writeFile(m, ROOT, `${SECFS}/.load`, 'profile python3 {}')).toBe(-17);
    expect(records(m, b2)).toEqual([
      'apparmor="STATUS" operation="profile_replace" info="profile already exists" error=-17 profile="unconfined" name="python3" pid=1001 comm="bash"',
    ]);
  });
});

describe('apparmor: attachment at exec and file rules', () => {
  it('root running the confined python3 is denied writing /etc/shadow, whatever DAC allows', () => {
    const m = bootMachine(AA);
    const py = spawn(m, ROOT, '/usr/bin/python3');
    expect(readFile(m, py, `/proc/${py}/attr/current`)).toBe('python3 (enforce)\n');
    expect(readFile(m, ROOT, `/proc/${py}/attr/current`)).toBe('python3 (enforce)\n');
    const before = m.audit.length;
    const w = open(m, py, '/etc/shadow', 'O_RDWR');
    expect(w.errno).toBe('-EACCES');
    expect(verdictsOf(w, 'file_open')).toContain('apparmor:deny');
    // aa_audit_file(): only the denied bits are reported (the profile allows r).
    expect(records(m, before)).toEqual([
      'apparmor="DENIED" operation="open" class="file" profile="python3" name="/etc/shadow" pid=1200 comm="python3" requested_mask="w" denied_mask="w" fsuid=0 ouid=0',
    ]);
    expect(open(m, py, '/etc/shadow', 'O_RDONLY').ret).toBeGreaterThanOrEqual(0);
    // Unconfined root is not affected.
    expect(open(m, ROOT, '/etc/shadow', 'O_RDWR').ret).toBeGreaterThanOrEqual(0);
  });

  it('an exec that matches no profile stays unconfined', () => {
    const m = bootMachine(AA);
    const ls = spawn(m, ALICE, '/usr/bin/ls');
    expect(readFile(m, ls, `/proc/${ls}/attr/current`)).toBe('unconfined\n');
  });

  it('a deny rule is quiet; `audit deny` is logged; owner rules need the caller to own the file', () => {
    const m = bootMachine(AA);
    const py = spawn(m, ROOT, '/usr/bin/python3');
    let before = m.audit.length;
    // deny /root/** rwx: refused without a record (the parser puts deny rules in the quiet mask).
    expect(open(m, py, '/root/.bashrc', 'O_RDONLY|O_CREAT').errno).toBe('-EACCES');
    expect(records(m, before)).toEqual([]);

    // owner /home/*/** rw: alice's python3 may write her notes, but not a file root left in her
    // home, even one DAC lets everyone write (file.c aa_compute_fperms(): the "other" perms).
    const apy = spawn(m, ALICE, '/usr/bin/python3');
    expect(writeFile(m, apy, '/home/alice/notes.txt', 'x')).toBe(1);
    expect(writeFile(m, ROOT, '/home/alice/shared.txt', 'x', 'O_WRONLY|O_CREAT')).toBe(1);
    expect(m.syscall(ROOT, 'chmod', { path: '/home/alice/shared.txt', mode: 0o666 }).ret).toBe(0);
    before = m.audit.length;
    expect(open(m, apy, '/home/alice/shared.txt', 'O_WRONLY').errno).toBe('-EACCES');
    expect(records(m, before)).toEqual([
      `apparmor="DENIED" operation="open" class="file" profile="python3" name="/home/alice/shared.txt" pid=${apy} comm="python3" requested_mask="w" denied_mask="w" fsuid=1000 ouid=0`,
    ]);

    // passwd: audit deny /home/** w. (Searching alice's 0750 home, DAC asks CAP_DAC_READ_SEARCH
    // first, which passwd's profile lacks, then CAP_DAC_OVERRIDE, which it has.)
    const pw = spawn(m, ROOT, '/usr/bin/passwd');
    before = m.audit.length;
    expect(open(m, pw, '/home/alice/notes.txt', 'O_WRONLY').errno).toBe('-EACCES');
    expect(records(m, before)).toEqual([
      `apparmor="DENIED" operation="capable" class="cap" profile="passwd" pid=${pw} comm="passwd" capability=2  capname="dac_read_search"`,
      `apparmor="DENIED" operation="open" class="file" profile="passwd" name="/home/alice/notes.txt" pid=${pw} comm="passwd" requested_mask="w" denied_mask="w" fsuid=0 ouid=1000`,
    ]);
  });

  it('directories are named with a trailing "/" (mkdir asks c on "/tmp/d/")', () => {
    const m = bootMachine(AA);
    const py = spawn(m, ROOT, '/usr/bin/python3');
    expect(m.syscall(py, 'mkdirat', { path: '/tmp/d' }).ret).toBe(0);
    const before = m.audit.length;
    expect(m.syscall(py, 'mkdirat', { path: '/etc/d' }).errno).toBe('-EACCES');
    expect(records(m, before)).toEqual([
      'apparmor="DENIED" operation="mkdir" class="file" profile="python3" name="/etc/d/" pid=1200 comm="python3" requested_mask="c" denied_mask="c" fsuid=0 ouid=0',
    ]);
  });

  it('rename needs r, w and d on the source (rename_src) and w, c on the destination (rename_dest)', () => {
    const m = bootMachine(AA);
    const py = spawn(m, ROOT, '/usr/bin/python3');
    expect(writeFile(m, py, '/tmp/a', 'x', 'O_WRONLY|O_CREAT')).toBe(1);
    expect(m.syscall(py, 'renameat2', { oldpath: '/tmp/a', newpath: '/tmp/b' }).ret).toBe(0);
    // Out of /tmp into /etc: the destination is not writable.
    let before = m.audit.length;
    const out = m.syscall(py, 'renameat2', { oldpath: '/tmp/b', newpath: '/etc/b' });
    expect(out.errno).toBe('-EACCES');
    expect(hooksOf(out)).toContain('path_rename');
    expect(records(m, before)).toEqual([
      'apparmor="DENIED" operation="rename_dest" class="file" profile="python3" name="/etc/b" pid=1200 comm="python3" requested_mask="wc" denied_mask="wc" fsuid=0 ouid=0',
    ]);
    // From /etc (read only) into /tmp: the source may not be written or deleted.
    expect(writeFile(m, ROOT, '/etc/motd', 'hi', 'O_WRONLY|O_CREAT')).toBe(2);
    before = m.audit.length;
    expect(m.syscall(py, 'renameat2', { oldpath: '/etc/hostname', newpath: '/tmp/h' }).errno).toBe('-EACCES');
    expect(records(m, before)).toEqual([
      'apparmor="DENIED" operation="rename_src" class="file" profile="python3" name="/etc/hostname" pid=1200 comm="python3" requested_mask="wd" denied_mask="wd" fsuid=0 ouid=0',
    ]);
  });

  it('exec rules: ix keeps the profile, Px moves to the target profile, no rule denies the exec', () => {
    const m = bootMachine(AA);
    const py = spawn(m, ROOT, '/usr/bin/python3');
    const ls = forkAs(m, py);
    expect(m.syscall(ls, 'execve', { path: '/usr/bin/ls' }).ret).toBe(0);
    expect(readFile(m, ROOT, `/proc/${ls}/attr/current`)).toBe('python3 (enforce)\n');
    const pw = forkAs(m, py);
    expect(m.syscall(pw, 'execve', { path: '/usr/bin/passwd' }).ret).toBe(0);
    expect(readFile(m, ROOT, `/proc/${pw}/attr/current`)).toBe('passwd (enforce)\n');
    const id = forkAs(m, py);
    const before = m.audit.length;
    const r = m.syscall(id, 'execve', { path: '/usr/bin/id' });
    expect(r.errno).toBe('-EACCES');
    expect(verdictsOf(r, 'bprm_creds_for_exec')).toContain('apparmor:deny');
    expect(records(m, before)).toEqual([
      `apparmor="DENIED" operation="exec" class="file" profile="python3" name="/usr/bin/id" pid=${id} comm="python3" requested_mask="x" denied_mask="x" fsuid=0 ouid=0`,
    ]);
  });

  it('find_attach(): an exact name wins, then the longest plain prefix; equal globs conflict', () => {
    const policy = `profile any /usr/bin/* {}
profile py /usr/bin/py* {}
profile exact /usr/bin/python3 {}
profile x1 /usr/sbin/c* {}
profile x2 /usr/sbin/c?on {}
`;
    const m = bootMachine({ ...AA, policies: { apparmor: policy } });
    const label = (path: string): string | number => readFile(m, ROOT, `/proc/${spawn(m, ALICE, path)}/attr/current`);
    expect(label('/usr/bin/python3')).toBe('exact (enforce)\n');
    expect(label('/usr/bin/ls')).toBe('any (enforce)\n');
    const before = m.audit.length;
    expect(label('/usr/sbin/cron')).toBe('unconfined\n');
    expect(records(m, before)).toEqual([
      'apparmor="AUDIT" operation="exec" class="file" info="conflicting profile attachments" profile="unconfined" name="/usr/sbin/cron" pid=1202 comm="bash" requested_mask="x" fsuid=1000 ouid=0',
    ]);
  });

  it('ux runs the binary unconfined', () => {
    const m = bootMachine({ ...AA, policies: { apparmor: 'profile py /usr/bin/python3 {\n  /usr/bin/ls ux,\n}\n' } });
    const py = spawn(m, ALICE, '/usr/bin/python3');
    expect(m.syscall(py, 'execve', { path: '/usr/bin/ls' }).ret).toBe(0);
    expect(readFile(m, ROOT, `/proc/${py}/attr/current`)).toBe('unconfined\n');
  });

  it('exec into another profile revalidates inherited open files (aa_inherit_files(): operation="file_inherit")', () => {
    const m = bootMachine(AA);
    const py = spawn(m, ROOT, '/usr/bin/python3');
    expect(open(m, py, '/etc/hostname', 'O_RDONLY').ret).toBe(0);
    expect(open(m, py, '/etc/shadow', 'O_RDONLY').ret).toBe(1);
    const before = m.audit.length;
    const r = m.syscall(py, 'execve', { path: '/usr/bin/passwd' });
    expect(r.ret).toBe(0);
    expect(hooksOf(r)).toContain('bprm_committing_creds');
    // passwd may read /etc/shadow but not /etc/hostname.
    expect(records(m, before)).toEqual([
      `apparmor="DENIED" operation="file_inherit" class="file" profile="passwd" name="/etc/hostname" pid=${py} comm="passwd" requested_mask="r" denied_mask="r" fsuid=0 ouid=0`,
    ]);
    // Files opened by an unconfined task are delegated: never revalidated (__file_is_delegated()).
    const child = forkAs(m, ROOT);
    expect(open(m, child, '/var/log/auth.log', 'O_RDONLY').ret).toBe(0);
    const b2 = m.audit.length;
    expect(m.syscall(child, 'execve', { path: '/usr/bin/python3' }).ret).toBe(0);
    expect(m.syscall(child, 'read', { fd: 0, count: 5 }).ret).toBe(5);
    expect(m.audit.length).toBe(b2);
  });

  it('a Px target that is not loaded: "profile transition not found"', () => {
    const m = bootMachine(AA);
    writeFile(m, ROOT, `${SECFS}/.remove`, 'passwd');
    const py = spawn(m, ROOT, '/usr/bin/python3');
    const before = m.audit.length;
    expect(m.syscall(py, 'execve', { path: '/usr/bin/passwd' }).errno).toBe('-EACCES');
    expect(records(m, before)).toEqual([
      'apparmor="DENIED" operation="exec" class="file" info="profile transition not found" error=-13 profile="python3" name="/usr/bin/passwd" pid=1200 comm="python3" requested_mask="x" denied_mask="x" fsuid=0 ouid=0 target="/usr/bin/passwd"',
    ]);
  });

  it('capability rules: a confined root still needs `capability dac_read_search` to pass DAC on her home', () => {
    const m = bootMachine(AA);
    const py = spawn(m, ROOT, '/usr/bin/python3');
    const before = m.audit.length;
    const r = open(m, py, '/home/alice/notes.txt', 'O_RDONLY');
    expect(r.errno).toBe('-EACCES');
    // The capability LSM allows (root), AppArmor refuses; DAC then tries CAP_DAC_OVERRIDE too.
    expect(verdictsOf(r, 'capable').slice(0, 2)).toEqual(['capability:default', 'apparmor:deny']);
    expect(records(m, before)).toEqual([
      'apparmor="DENIED" operation="capable" class="cap" profile="python3" pid=1200 comm="python3" capability=2  capname="dac_read_search"',
      'apparmor="DENIED" operation="capable" class="cap" profile="python3" pid=1200 comm="python3" capability=1  capname="dac_override"',
    ]);
    // audit_caps(): the same cred and capability within a second are not logged again.
    open(m, py, '/home/alice/notes.txt', 'O_RDONLY');
    expect(m.audit.length).toBe(before + 2);
    // passwd has capability dac_override.
    const pw = spawn(m, ROOT, '/usr/bin/passwd');
    expect(open(m, pw, '/home/alice/notes.txt', 'O_WRONLY').errno).toBe('-EACCES'); // audit deny /home/** w
  });
});

describe('apparmor: complain mode', () => {
  const COMPLAIN = `profile python3 /usr/bin/python3 flags=(complain) {
  /usr/bin/python3 mr,
  /etc/passwd r,
  deny /root/** rw,
}
`;

  it('replacing a profile with flags=(complain) allows and logs apparmor="ALLOWED"; quiet deny rules still deny', () => {
    const m = bootMachine(AA);
    const py = spawn(m, ROOT, '/usr/bin/python3');
    let before = m.audit.length;
    expect(writeFile(m, ROOT, `${SECFS}/.replace`, COMPLAIN)).toBe(COMPLAIN.length);
    expect(records(m, before)).toEqual([
      'apparmor="STATUS" operation="profile_replace" profile="unconfined" name="python3" pid=1001 comm="bash"',
    ]);
    // The running task sees the new profile at once (aa_get_newest_label()).
    expect(readFile(m, ROOT, `/proc/${py}/attr/current`)).toBe('python3 (complain)\n');
    before = m.audit.length;
    expect(open(m, py, '/etc/shadow', 'O_RDWR').ret).toBeGreaterThanOrEqual(0);
    expect(records(m, before)).toEqual([
      'apparmor="ALLOWED" operation="open" class="file" profile="python3" name="/etc/shadow" pid=1200 comm="python3" requested_mask="wr" denied_mask="wr" fsuid=0 ouid=0',
    ]);
    // aa_audit_file() returns a quieted denial before aa_audit() could turn it into a complaint.
    before = m.audit.length;
    expect(open(m, py, '/root/.bashrc', 'O_RDONLY|O_CREAT').errno).toBe('-EACCES');
    expect(records(m, before)).toEqual([]);
  });

  it('complain mode lets a missing capability pass with an ALLOWED record', () => {
    const m = bootMachine({ ...AA, policies: { apparmor: COMPLAIN } });
    const py = spawn(m, ROOT, '/usr/bin/python3');
    const before = m.audit.length;
    expect(open(m, py, '/home/alice/notes.txt', 'O_RDONLY').ret).toBeGreaterThanOrEqual(0);
    expect(records(m, before)).toEqual([
      'apparmor="ALLOWED" operation="capable" class="cap" profile="python3" pid=1200 comm="python3" capability=2  capname="dac_read_search"',
      'apparmor="ALLOWED" operation="open" class="file" profile="python3" name="/home/alice/notes.txt" pid=1200 comm="python3" requested_mask="r" denied_mask="r" fsuid=0 ouid=1000',
    ]);
  });

  it('an open file is revalidated at the next read once its profile was replaced (aa_file_perm())', () => {
    const m = bootMachine(AA);
    const py = spawn(m, ROOT, '/usr/bin/python3');
    const fd = open(m, py, '/etc/shadow', 'O_RDONLY').ret!;
    expect(m.syscall(py, 'read', { fd, count: 4 }).ret).toBe(4);
    writeFile(m, ROOT, `${SECFS}/.replace`, 'profile python3 /usr/bin/python3 {\n  /etc/passwd r,\n}\n');
    const before = m.audit.length;
    expect(m.syscall(py, 'read', { fd, count: 4 }).errno).toBe('-EACCES');
    expect(records(m, before)).toEqual([
      'apparmor="DENIED" operation="file_perm" class="file" profile="python3" name="/etc/shadow" pid=1200 comm="python3" requested_mask="r" denied_mask="r" fsuid=0 ouid=0',
    ]);
  });

  it('an exec without a rule in complain mode moves to a learning profile "parent//null-<binary>"', () => {
    const m = bootMachine({ ...AA, policies: { apparmor: COMPLAIN } });
    const py = spawn(m, ROOT, '/usr/bin/python3');
    const before = m.audit.length;
    expect(m.syscall(py, 'execve', { path: '/usr/bin/id' }).ret).toBe(0);
    expect(records(m, before)[0]).toBe(
      'apparmor="ALLOWED" operation="exec" class="file" profile="python3" name="/usr/bin/id" pid=1200 comm="python3" requested_mask="x" denied_mask="x" fsuid=0 ouid=0 target="python3//null-/usr/bin/id"',
    );
    expect(readFile(m, ROOT, `/proc/${py}/attr/current`)).toBe('python3//null-/usr/bin/id (complain)\n');
  });
});

describe('apparmor: ptrace', () => {
  it('a confined tracer needs capability sys_ptrace to trace a task of another label (profile_tracer_perm())', () => {
    // Without Yama, so that only DAC (same uid) and AppArmor decide.
    const m = bootMachine({ ...AA, cmdline: 'lsm=apparmor' });
    const py = spawn(m, ALICE, '/usr/bin/python3');
    const before = m.audit.length;
    const r = m.syscall(py, 'ptrace', { request: 16, pid: ALICE });
    expect(r.errno).toBe('-EPERM');
    expect(records(m, before)).toEqual([
      `apparmor="DENIED" operation="capable" class="cap" profile="python3" pid=${py} comm="python3" capability=19  capname="sys_ptrace"`,
      `apparmor="DENIED" operation="ptrace" class="ptrace" profile="python3" pid=${py} comm="python3" peer="unconfined"`,
    ]);
    // A task of the same label: no check.
    const py2 = spawn(m, ALICE, '/usr/bin/python3');
    expect(m.syscall(py, 'ptrace', { request: 16, pid: py2 }).ret).toBe(0);
    // Unconfined tracers are not mediated.
    const py3 = spawn(m, ALICE, '/usr/bin/python3');
    const before2 = m.audit.length;
    expect(m.syscall(ALICE, 'ptrace', { request: 16, pid: py3 }).ret).toBe(0);
    expect(m.audit.length).toBe(before2);
  });
});

describe('apparmor: audit rules and other versions', () => {
  it('an `audit` rule logs the access it allows (apparmor="AUDIT")', () => {
    const m = bootMachine({
      ...AA,
      policies: { apparmor: 'profile py /usr/bin/python3 {\n  audit /etc/hostname r,\n}\n' },
    });
    const py = spawn(m, ALICE, '/usr/bin/python3');
    const before = m.audit.length;
    expect(readFile(m, py, '/etc/hostname')).toBe('playground\n');
    expect(records(m, before)).toEqual([
      'apparmor="AUDIT" operation="open" class="file" profile="py" name="/etc/hostname" pid=1200 comm="python3" requested_mask="r" fsuid=1000 ouid=0',
    ]);
  });

  for (const kernelVersion of ['6.18', '6.8'] as const) {
    it(`decides the same on ${kernelVersion}`, () => {
      const m = bootMachine({ ...AA, kernelVersion });
      const py = spawn(m, ROOT, '/usr/bin/python3');
      const before = m.audit.length;
      expect(open(m, py, '/etc/shadow', 'O_WRONLY').errno).toBe('-EACCES');
      expect(records(m, before)).toEqual([
        'apparmor="DENIED" operation="open" class="file" profile="python3" name="/etc/shadow" pid=1200 comm="python3" requested_mask="w" denied_mask="w" fsuid=0 ouid=0',
      ]);
    });
  }
});

describe('apparmor: removal and stacking', () => {
  it('.remove unloads a profile (STATUS profile_remove); its tasks become unconfined', () => {
    const m = bootMachine(AA);
    const py = spawn(m, ROOT, '/usr/bin/python3');
    const before = m.audit.length;
    expect(writeFile(m, ROOT, `${SECFS}/.remove`, 'python3\n')).toBe(8);
    expect(writeFile(m, ROOT, `${SECFS}/.remove`, 'nosuch')).toBe(-2);
    expect(records(m, before)).toEqual([
      'apparmor="STATUS" operation="profile_remove" profile="unconfined" name="python3" pid=1001 comm="bash"',
      'apparmor="STATUS" operation="profile_remove" info="profile does not exist" error=-2 profile="unconfined" name="nosuch" pid=1001 comm="bash"',
    ]);
    expect(readFile(m, ROOT, `/proc/${py}/attr/current`)).toBe('unconfined\n');
    expect(open(m, py, '/etc/shadow', 'O_RDWR').ret).toBeGreaterThanOrEqual(0);
  });

  it('lsm_config_self_policy stacks a loaded profile onto the caller (aa_change_profile(AA_CHANGE_STACK))', () => {
    const m = bootMachine(AA);
    let before = m.audit.length;
    const miss = m.syscall(ALICE, 'lsm_config_self_policy', { lsm_id: 104, policy: 'nosuch' });
    expect(miss.errno).toBe('-ENOENT');
    expect(records(m, before)).toEqual([
      'apparmor="DENIED" operation="stack" class="file" info="label not found" error=-2 profile="unconfined" name="nosuch" pid=1102 comm="bash"',
    ]);
    expect(m.syscall(ALICE, 'lsm_config_self_policy', { lsm_id: 104, policy: 'sandbox' }).ret).toBe(0);
    // The label is the sorted stack of both profiles; the mode ignores unconfined.
    expect(readFile(m, ALICE, `/proc/${ALICE}/attr/current`)).toBe('sandbox//&unconfined (enforce)\n');
    before = m.audit.length;
    expect(writeFile(m, ALICE, '/home/alice/notes.txt', 'x')).toBe(-13);
    expect(records(m, before)).toEqual([
      'apparmor="DENIED" operation="open" class="file" profile="sandbox" name="/home/alice/notes.txt" pid=1102 comm="bash" requested_mask="w" denied_mask="w" fsuid=1000 ouid=1000',
    ]);
    expect(readFile(m, ALICE, '/home/alice/notes.txt')).toBe('buy milk\n');
    // A stacked task's children inherit the stack (cred_prepare), and exec keeps it: sandbox has
    // no exec rule for ls, so the exec is denied by sandbox alone.
    const child = forkAs(m, ALICE);
    expect(m.syscall(child, 'execve', { path: '/usr/bin/ls' }).errno).toBe('-EACCES');
  });

  it('a confined task needs a change_profile rule to stack', () => {
    const m = bootMachine(AA);
    const py = spawn(m, ROOT, '/usr/bin/python3');
    const before = m.audit.length;
    expect(m.syscall(py, 'lsm_config_self_policy', { lsm_id: 104, policy: 'sandbox' }).errno).toBe('-EACCES');
    expect(records(m, before)).toEqual([
      'apparmor="DENIED" operation="stack" class="file" profile="python3" name="sandbox" pid=1200 comm="python3" target="sandbox"',
    ]);
  });

  it('lsm_config_system_policy loads policy text into the root namespace ("<ns>\\0<policy>" or bare text)', () => {
    const m = bootMachine(AA);
    expect(
      m.syscall(ROOT, 'lsm_config_system_policy', {
        lsm_id: 104,
        policy: '\0profile demo /usr/bin/id {\n  /etc/** r,\n}',
      }).ret,
    ).toBe(0);
    expect(m.syscall(ROOT, 'lsm_config_system_policy', { lsm_id: 104, policy: 'profile demo2 {}' }).ret).toBe(0);
    expect(m.syscall(ROOT, 'lsm_config_system_policy', { lsm_id: 104, policy: 'ns1\0profile demo3 {}' }).errno).toBe(
      '-EINVAL',
    );
    expect(m.syscall(ROOT, 'lsm_config_system_policy', { lsm_id: 104, policy: 'profile x { bad }' }).errno).toBe(
      '-EINVAL',
    );
    expect(readFile(m, ROOT, `${SECFS}/profiles`)).toBe(
      'demo2 (enforce)\ndemo (enforce)\nsandbox (enforce)\npasswd (enforce)\npython3 (enforce)\n',
    );
    const id = spawn(m, ALICE, '/usr/bin/id');
    expect(readFile(m, ROOT, `/proc/${id}/attr/current`)).toBe('demo (enforce)\n');
  });

  it('/proc/<pid>/attr/current takes "changeprofile NAME" and "stack NAME"; attr/exec "exec NAME" for the next exec', () => {
    const m = bootMachine(AA);
    // A task may only write its own attributes (proc_pid_attr_write()).
    expect(writeFile(m, ROOT, `/proc/${ALICE}/attr/current`, 'changeprofile sandbox')).toBe(-13);
    let before = m.audit.length;
    expect(writeFile(m, ALICE, `/proc/${ALICE}/attr/current`, 'bogus sandbox')).toBe(-22);
    expect(records(m, before)).toEqual([
      'apparmor="DENIED" operation="setprocattr" info="current" error=-22 profile="unconfined" pid=1102 comm="bash"',
    ]);
    const t = forkAs(m, ALICE);
    expect(writeFile(m, t, `/proc/${t}/attr/current`, 'changeprofile sandbox')).toBe(21);
    expect(readFile(m, t, `/proc/${t}/attr/current`)).toBe('sandbox (enforce)\n');

    // change_onexec: the next exec goes to the named profile instead of the attachment.
    const u = forkAs(m, ALICE);
    expect(writeFile(m, u, `/proc/${u}/attr/exec`, 'exec passwd')).toBe(11);
    expect(readFile(m, u, `/proc/${u}/attr/exec`)).toBe('passwd (enforce)\n');
    expect(m.syscall(u, 'execve', { path: '/usr/bin/ls' }).ret).toBe(0);
    expect(readFile(m, ROOT, `/proc/${u}/attr/current`)).toBe('passwd (enforce)\n');
    // bprm_committed_creds: the onexec label is used up.
    expect(readFile(m, ROOT, `/proc/${u}/attr/exec`)).toBe(-22);

    // stack at exec: the attachment's transition with sandbox stacked on it.
    const v = forkAs(m, ALICE);
    expect(writeFile(m, v, `/proc/${v}/attr/exec`, 'stack sandbox')).toBe(13);
    expect(m.syscall(v, 'execve', { path: '/usr/bin/python3' }).ret).toBe(0);
    expect(readFile(m, ROOT, `/proc/${v}/attr/current`)).toBe('python3//&sandbox (enforce)\n');
    before = m.audit.length;
    // Each profile of the stack decides: both allow writing in /tmp; only python3 allows writing
    // alice's own files (owner /home/*/** rw), so sandbox denies it.
    expect(open(m, v, '/tmp/x', 'O_WRONLY|O_CREAT').ret).toBeGreaterThanOrEqual(0);
    expect(open(m, v, '/home/alice/notes.txt', 'O_WRONLY').errno).toBe('-EACCES');
    expect(records(m, before)).toEqual([
      `apparmor="DENIED" operation="open" class="file" profile="sandbox" name="/home/alice/notes.txt" pid=${v} comm="python3" requested_mask="w" denied_mask="w" fsuid=1000 ouid=1000`,
    ]);
  });
});
