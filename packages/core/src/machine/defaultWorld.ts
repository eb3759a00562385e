// The machine as it is after boot: a root filesystem with a believable userland, procfs, sysfs
// and securityfs mounted, and a process tree from init (pid 1): cron, sshd, a root shell and the
// login shell of an ordinary user (alice, uid 1000).
import { EINVAL } from '../errno';
import type { Kernel, SyscallContext } from '../kernel';
import { dointvecMinmax } from '../kernel/sysctl';
import { CAP_EMPTY_SET, CAP_FULL_SET } from './capability';
import { procPidInstantiate } from './procfs';
import { tgidOf } from './taskState';
import {
  S_IFCHR,
  S_IFDIR,
  S_IFLNK,
  S_IFREG,
  type Cred,
  type CredFields,
  type Dentry,
  type Inode,
  type SuperBlock,
  type Task,
  type VfsMount,
  MNT_NOSUID,
  MNT_NODEV,
  MNT_NOEXEC,
  MNT_RELATIME,
} from './types';
import { dentryPath, NAMEI_SYSCTLS, World } from './world';
import { imageXattrs } from './imageXattrs';
import { blobLayout } from './blobLayout';
import { followPseudoFiles, instantiatePseudoFile, type PseudoRoots } from './pseudoFs';

/** Users and groups of /etc/passwd and /etc/group. */
export const USERS = [
  { name: 'root', uid: 0, gid: 0, home: '/root', shell: '/bin/bash' },
  { name: 'daemon', uid: 1, gid: 1, home: '/usr/sbin', shell: '/usr/sbin/nologin' },
  { name: 'syslog', uid: 104, gid: 110, home: '/nonexistent', shell: '/usr/sbin/nologin' },
  { name: 'sshd', uid: 105, gid: 65534, home: '/run/sshd', shell: '/usr/sbin/nologin' },
  { name: 'alice', uid: 1000, gid: 1000, home: '/home/alice', shell: '/bin/bash' },
  { name: 'bob', uid: 1001, gid: 1001, home: '/home/bob', shell: '/bin/bash' },
] as const;

export const GROUPS = [
  { name: 'root', gid: 0, members: [] as string[] },
  { name: 'daemon', gid: 1, members: [] },
  { name: 'adm', gid: 4, members: ['syslog', 'alice'] },
  { name: 'sudo', gid: 27, members: ['alice'] },
  { name: 'shadow', gid: 42, members: [] },
  { name: 'syslog', gid: 110, members: [] },
  { name: 'alice', gid: 1000, members: [] },
  { name: 'bob', gid: 1001, members: [] },
] as const;

/** The user name of `uid` from /etc/passwd, or the number (as `ls -l` prints an unknown owner). */
export const userName = (uid: number): string => USERS.find((u) => u.uid === uid)?.name ?? String(uid);
/** The group name of `gid` from /etc/group, or the number. */
export const groupName = (gid: number): string => GROUPS.find((g) => g.gid === gid)?.name ?? String(gid);

/** Credentials of a user as a login gives them: root gets every capability, others none. */
export function userCred(uid: number): CredFields {
  const u = USERS.find((x) => x.uid === uid);
  const gid = u?.gid ?? uid;
  const name = u?.name ?? '';
  const groups = [gid, ...GROUPS.filter((g) => (g.members as readonly string[]).includes(name)).map((g) => g.gid)];
  const caps = uid === 0 ? CAP_FULL_SET : CAP_EMPTY_SET;
  return {
    uid,
    euid: uid,
    suid: uid,
    fsuid: uid,
    gid,
    egid: gid,
    sgid: gid,
    fsgid: gid,
    groups,
    securebits: 0,
    cap_inheritable: CAP_EMPTY_SET,
    cap_permitted: caps,
    cap_effective: caps,
    cap_bset: CAP_FULL_SET,
    cap_ambient: CAP_EMPTY_SET,
  };
}

const PASSWD = USERS.map((u) => `${u.name}:x:${u.uid}:${u.gid}::${u.home}:${u.shell}`).join('\n') + '\n';
const GROUP = GROUPS.map((g) => `${g.name}:x:${g.gid}:${g.members.join(',')}`).join('\n') + '\n';
const SHADOW =
  USERS.map((u) => `${u.name}:${u.uid === 0 || u.uid >= 1000 ? '$y$j9T$model$hash' : '*'}:20000:0:99999:7:::`).join(
    '\n',
  ) + '\n';

/** The flags systemd mounts the API filesystems with. */
const API_FS = MNT_NOSUID | MNT_NODEV | MNT_NOEXEC | MNT_RELATIME;

interface Builder {
  readonly world: World;
  readonly ctx: SyscallContext;
}

/** An inode with its LSM blob (security_inode_alloc()) and a dentry (security_d_instantiate()). */
function mk(
  b: Builder,
  parent: Dentry,
  name: string,
  mode: number,
  uid: number,
  gid: number,
  data = '',
  generate?: Inode['generate'],
): Dentry {
  const inode = b.world.newInode(parent.d_inode!.i_sb, mode, uid, gid, data, generate);
  const path = `${parent.d_parent === parent ? '' : dentryPath(parent)}/${name}`;
  for (const [k, v] of Object.entries(imageXattrs({ fsType: inode.i_sb.s_type, path, mode, data })))
    inode.xattrs.set(k, v);
  b.ctx.alloc('inode', inode, []);
  const d = b.world.newDentry(name, parent, inode);
  b.ctx.hook('d_instantiate', [d, inode]);
  return d;
}

function dir(b: Builder, parent: Dentry, name: string, perm = 0o755, uid = 0, gid = 0): Dentry {
  return mk(b, parent, name, S_IFDIR | perm, uid, gid);
}

function file(b: Builder, parent: Dentry, name: string, perm: number, data = '', uid = 0, gid = 0): Dentry {
  return mk(b, parent, name, S_IFREG | perm, uid, gid, data);
}

function fsRoot(b: Builder, sb: SuperBlock, perm = 0o755): Dentry {
  const inode = b.world.newInode(sb, S_IFDIR | perm, 0, 0);
  for (const [k, v] of Object.entries(imageXattrs({ fsType: sb.s_type, path: '/', mode: S_IFDIR | perm, data: '' })))
    inode.xattrs.set(k, v);
  b.ctx.alloc('inode', inode, []);
  const root = b.world.newDentry('/', null, inode);
  sb.s_root = root;
  b.ctx.alloc('superblock', sb, []);
  return root;
}

const ELF = (name: string) => `\u007fELF (model executable: ${name})`;

/** Builds the post-boot world; hooks run in the init task's context and their trace is dropped. */
export function buildDefaultWorld(kernel: Kernel): { world: World; init: Task } {
  const world = new World();
  world.blobLayout = blobLayout(kernel);
  world.audit = kernel.audit;
  world.builtLsms = new Set(kernel.lsms.map((l) => l.name));
  let init!: Task;
  kernel.runSyscall({ cred: kernel.initCred, task: kernel.initTask }, (ctx) => {
    const b: Builder = { world, ctx };
    const rootSb = world.newSuperBlock('vda1', 'ext4');
    const root = fsRoot(b, rootSb);
    // The mounts systemd leaves: / relatime; the API filesystems nosuid, nodev (not selinuxfs),
    // noexec and relatime.
    world.rootMount = world.newMount(rootSb, root, null, null, '/dev/vda1', MNT_RELATIME);

    const etc = dir(b, root, 'etc');
    file(b, etc, 'passwd', 0o644, PASSWD);
    file(b, etc, 'group', 0o644, GROUP);
    file(b, etc, 'shadow', 0o640, SHADOW, 0, 42);
    file(b, etc, 'hostname', 0o644, 'playground\n');
    const usr = dir(b, root, 'usr');
    const bin = dir(b, usr, 'bin');
    for (const name of [
      'bash',
      'cat',
      'ls',
      'echo',
      'rm',
      'mv',
      'mkdir',
      'chmod',
      'id',
      'ps',
      'kill',
      'mount',
      'insmod',
      'dmesg',
      'python3',
    ]) {
      file(b, bin, name, 0o755, ELF(`/usr/bin/${name}`));
    }
    file(b, bin, 'passwd', 0o4755, ELF('/usr/bin/passwd'));
    file(b, bin, 'sudo', 0o4755, ELF('/usr/bin/sudo'));
    file(b, bin, 'su', 0o4755, ELF('/usr/bin/su'));
    const sbin = dir(b, usr, 'sbin');
    for (const name of ['init', 'sshd', 'cron']) file(b, sbin, name, 0o755, ELF(`/usr/sbin/${name}`));
    mk(b, root, 'bin', S_IFLNK | 0o777, 0, 0, 'usr/bin');
    mk(b, root, 'sbin', S_IFLNK | 0o777, 0, 0, 'usr/sbin');
    const lib = dir(b, usr, 'lib');
    const mods = dir(b, dir(b, lib, 'modules'), '7.1.3');
    file(b, mods, 'hello.ko', 0o644, ELF('hello.ko (module)'));
    const home = dir(b, root, 'home');
    const alice = dir(b, home, 'alice', 0o750, 1000, 1000);
    file(b, alice, 'notes.txt', 0o644, 'buy milk\n', 1000, 1000);
    dir(b, home, 'bob', 0o750, 1001, 1001);
    dir(b, root, 'root', 0o700);
    dir(b, root, 'tmp', 0o1777);
    const varDir = dir(b, root, 'var');
    const log = dir(b, varDir, 'log', 0o775, 0, 110);
    file(b, log, 'auth.log', 0o640, 'sshd[402]: Server listening on 0.0.0.0 port 22.\n', 104, 4);
    const dev = dir(b, root, 'dev');
    mk(b, dev, 'null', S_IFCHR | 0o666, 0, 0);

    // procfs, sysfs and securityfs, each its own superblock (fs/proc, fs/sysfs, security/inode.c).
    const procMp = dir(b, root, 'proc', 0o555);
    const sysMp = dir(b, root, 'sys', 0o555);
    const procSb = world.newSuperBlock('proc', 'proc');
    const procRoot = fsRoot(b, procSb, 0o555);
    world.procRoot = {
      mnt: world.newMount(procSb, procRoot, world.rootMount, procMp, 'proc', API_FS),
      dentry: procRoot,
    };
    // proc_setup_self() (fs/proc/self.c): /proc/self, a symlink (S_IFLNK | 0777, root's, size 0)
    // to the reader's own /proc/<tgid> (proc_self_get_link()).
    mk(b, procRoot, 'self', S_IFLNK | 0o777, 0, 0).d_inode!.getLink = (reader) => String(tgidOf(reader));
    // proc_root_init(): proc_symlink("mounts", NULL, "self/mounts").
    mk(b, procRoot, 'mounts', S_IFLNK | 0o777, 0, 0, 'self/mounts');
    const sysSb = world.newSuperBlock('sysfs', 'sysfs');
    const sysRoot = fsRoot(b, sysSb, 0o555);
    const sysMnt = world.newMount(sysSb, sysRoot, world.rootMount, sysMp, 'sysfs', API_FS);
    const kernelDir = dir(b, sysRoot, 'kernel');
    const secMp = dir(b, kernelDir, 'security');
    const secSb = world.newSuperBlock('securityfs', 'securityfs');
    const secRoot = fsRoot(b, secSb, 0o755);
    world.newMount(secSb, secRoot, sysMnt, secMp, 'securityfs', API_FS);
    // security/inode.c: "lsm" is 0444 and generated from lsm_idlist (7.1) / lsm_names (6.x).
    file(b, secRoot, 'lsm', 0o444, '', 0, 0).d_inode!.generate = () =>
      kernel.readSecurityfs('/sys/kernel/security/lsm') ?? '';
    for (const name of kernel.order) {
      if (['apparmor', 'tomoyo', 'ima', 'ipe', 'loadpin', 'safesetid', 'integrity'].includes(name))
        dir(b, secRoot, name);
    }
    // The files LSMs created with securityfs_create_file() during init, in /sys/kernel/security/<lsm>/.
    for (const [lsm, files] of kernel.securityfsFiles) {
      const lsmDir = secRoot.d_inode!.children!.get(lsm) ?? dir(b, secRoot, lsm);
      for (const f of files) {
        const d = file(b, lsmDir, f.name, f.mode);
        const read = f.read;
        const write = f.write;
        d.d_inode!.generate = () => (read ? read() : -EINVAL);
        if (write) d.d_inode!.store = (data) => write(data);
      }
    }
    // /sys/fs, where selinuxfs and smackfs are mounted (sysfs's fs_kobj), and /proc/sys.
    const sysFs = dir(b, sysRoot, 'fs');
    const procSys = dir(b, procRoot, 'sys', 0o555);
    // register_sysctl_init("fs", namei_sysctls): 0644 files read and written by proc_dointvec_minmax().
    const procSysFs = dir(b, procSys, 'fs', 0o555);
    procSys.d_inode!.permission = 'proc_sys_permission';
    procSysFs.d_inode!.permission = 'proc_sys_permission';
    for (const [name, max] of NAMEI_SYSCTLS) {
      const inode = file(b, procSysFs, name, 0o644).d_inode!;
      inode.permission = 'proc_sys_permission';
      inode.generate = () => `${world.sysctl[name]}\n`;
      inode.store = (data) => {
        const v = dointvecMinmax(data, 0, max);
        if (v === null) return -EINVAL;
        world.sysctl[name] = v;
        return data.length;
      };
    }
    const roots: PseudoRoots = { securityfs: secRoot, proc_sys: procSys };
    const registered = kernel.pseudoFiles.all();
    for (const [fs, mp, s_id] of [
      ['selinuxfs', 'selinux', 'selinuxfs'],
      ['smackfs', 'smackfs', 'smackfs'],
    ] as const) {
      if (!registered.some((f) => f.fs === fs)) continue;
      const mountpoint = dir(b, sysFs, mp);
      const sb = world.newSuperBlock(s_id, fs);
      const fsRootDentry = fsRoot(b, sb, 0o755);
      world.newMount(sb, fsRootDentry, sysMnt, mountpoint, fs, fs === 'selinuxfs' ? API_FS & ~MNT_NODEV : API_FS);
      roots[fs] = fsRootDentry;
    }
    for (const f of registered) {
      const root = roots[f.fs];
      if (root) instantiatePseudoFile(world, ctx, root, f);
    }
    followPseudoFiles(kernel, world, roots);
    const has = (path: string): boolean => kernel.pseudoFiles.get('securityfs', path) !== undefined;
    if (kernel.order.includes('lockdown') && !has('lockdown'))
      file(b, secRoot, 'lockdown', 0o644, '[none] integrity confidentiality\n');
    if (kernel.order.includes('evm') && !has('evm')) file(b, secRoot, 'evm', 0o644, '0\n');

    // The process tree. init's cred is the boot cred; everyone else's comes from prepare_creds().
    const initCred = credFrom(world, ctx, kernel.initCred as Cred, userCred(0));
    init = spawn(b, null, 1, 'init', '/usr/sbin/init', initCred);
    // copy_process() → copy_creds() → prepare_creds(): each forked process has a cred of its own.
    const cron = spawn(b, init, 301, 'cron', '/usr/sbin/cron', credFrom(world, ctx, initCred, userCred(0)));
    void cron;
    const sshd = spawn(b, init, 402, 'sshd', '/usr/sbin/sshd', credFrom(world, ctx, initCred, userCred(0)));
    spawn(b, sshd, 1001, 'bash', '/usr/bin/bash', credFrom(world, ctx, initCred, userCred(0)), '/root');
    spawn(b, sshd, 1102, 'bash', '/usr/bin/bash', credFrom(world, ctx, initCred, userCred(1000)), '/home/alice');
    world.nextPid = 1200;
    // /proc/<pid> for each task (fs/proc/base.c; see procfs.ts).
    for (const t of world.tasks.values()) procPidInstantiate(world, ctx, t);
    // /usr/bin/ping with file capabilities (security.capability cap_net_raw+ep, imageXattrs.ts);
    // made last so that no other file's inode number moves.
    file(b, bin, 'ping', 0o755, ELF('/usr/bin/ping'));
    // Programs the shell runs in a child of its own (strace -p, `sleep N &` in the background,
    // the kernel's samples/landlock/sandboxer); also last, for the same reason.
    for (const name of ['strace', 'sleep', 'sandboxer']) file(b, bin, name, 0o755, ELF(`/usr/bin/${name}`));
    return 0;
  });
  return { world, init };
}

/** prepare_creds() from `old` with the given ids and capabilities (the blob via cred_prepare). */
export function credFrom(world: World, ctx: SyscallContext, old: Cred, f: CredFields): Cred {
  const c = world.newCred(f);
  ctx.alloc('cred', c, [0xcc0], old);
  return c;
}

/** copy_process() for the initial tree: a task with its blob (security_task_alloc()). */
function spawn(b: Builder, parent: Task | null, pid: number, comm: string, exe: string, cred: Cred, cwd = '/'): Task {
  const w = b.world;
  const cwdDentry = lookupSimple(w.rootMount.mnt_root, cwd);
  const t: Task = {
    struct: 'task_struct',
    addr: w.addr(),
    security: null,
    pid,
    ppid: parent?.pid ?? 0,
    comm,
    exe,
    cred,
    no_new_privs: false,
    state: 'running',
    exit_code: 0,
    ptracer: 0,
    files: new Map(),
    cwd: w.path(w.rootMount, cwdDentry),
    dumpable: 1,
  };
  b.ctx.alloc('task', t, [0]);
  w.tasks.set(pid, t);
  return t;
}

/** A lookup without permission checks, for building the world. */
export function lookupSimple(root: Dentry, path: string): Dentry {
  let d = root;
  for (const part of path.split('/').filter(Boolean)) {
    const next = d.d_inode?.children?.get(part);
    if (!next) throw new Error(`default world has no ${path}`);
    d = next;
  }
  return d;
}

export type { Inode, VfsMount };
