// SELinux (security/selinux/hooks.c, avc.c, selinuxfs.c, ss/services.c): type enforcement over
// security contexts on creds and inodes, with the policy in policy.ts, the security server in
// services.ts and the AVC in avc.ts. Before a policy is loaded (ss_initialized == 0) everything is
// allowed, tasks carry the kernel initial SID and inodes wait for their labels; the first load
// labels them (the delayed superblock initialisation) and gives the tasks that already exist the
// domains their start-up would have given them (see relabelTasks()).
import type { HookImpls, HookName } from '../../hooks/hookDefs';
import { EACCES, EINVAL, EOPNOTSUPP, EPERM } from '../../errno';
import type { Ref, Struct } from '../../kernel/objects';
import { KERN_ERR, KERN_INFO, KERN_WARNING } from '../../kernel/printk';
import type { LsmInitContext } from '../../lsm/lsmInfo';
import { CAP_FOWNER, CAP_MAC_ADMIN, CAP_SYS_ADMIN } from '../../machine/capability';
import { userName } from '../../machine/defaultWorld';
import {
  isDir,
  MAY_APPEND,
  MAY_EXEC,
  MAY_READ,
  MAY_WRITE,
  type Cred,
  type Dentry,
  type File,
  type Inode,
  type Task,
} from '../../machine/types';
import { dentryPath } from '../../machine/world';
import * as ids from '../../uapi/lsm';
import { utf8Decode, utf8Encode } from '../../util/utf8';
import type { KernelVersion } from '../../version';
import { currentCred, type InTreeModel } from '../model';
import { Avc, type AuditData } from './avc';
import { COMMON_CAP2_PERMS, COMMON_CAP_PERMS, inodeModeToSecurityClass } from './classmap';
import { parsePolicy, PolicyError, POLICYCAP_NAMES, type PolicyDb } from './policy';
import {
  SECINITSID_FILE,
  SECINITSID_KERNEL,
  SECINITSID_SECURITY,
  SECINITSID_UNLABELED,
  SecurityServer,
} from './services';

/** struct cred_security_struct: SIDs (0 = unset). */
export interface CredSecurity {
  sid: number;
  osid: number;
  exec_sid: number;
  create_sid: number;
  keycreate_sid: number;
  sockcreate_sid: number;
}

/** struct inode_security_struct (initialized: LABEL_INITIALIZED). */
interface InodeSecurity {
  sid: number;
  sclass: string;
  initialized: boolean;
}

/** struct file_security_struct. */
interface FileSecurity {
  sid: number;
  isid: number;
  pseqno: number;
}

const CAP_OPT_NOAUDIT = 0x2;
const PTRACE_MODE_READ = 0x01;
const LSM_UNSAFE_PTRACE = 2;
const LSM_UNSAFE_NO_NEW_PRIVS = 4;
const MNT_NOSUID = 0x01;
const ATTR_MODE = 1;
const ATTR_UID = 2;
const ATTR_GID = 4;
const ATTR_SIZE = 8;
const ATTR_ATIME_SET = 128;
const ATTR_MTIME_SET = 256;
const ATTR_FILE = 8192;
const ATTR_TIMES_SET = 1 << 16;
const O_APPEND = 0o2000;
const FMODE_READ = 1;
const FMODE_WRITE = 2;
const SIGCHLD = 17;
const PROT_WRITE = 2;
const PROT_EXEC = 4;
const MAP_SHARED = 1;
const MAP_TYPE = 0x0f;
const SIGKILL = 9;
const SIGSTOP = 19;
const XATTR_NAME_SELINUX = 'security.selinux';
/** The uid audit_get_loginuid() gives a task without a login uid, and its session. */
const AUDIT_UID_UNSET = 4294967295;

/** POLICYDB_VERSION_MAX of security/selinux/include/security.h (UNCERTAIN for 6.18/7.1: 35 read from the neveraudit series). */
const POLICYVERS: Readonly<Record<KernelVersion, number>> = { '7.1': 35, '6.18': 35, '6.8': 33 };

/** The attribute names of /proc/<pid>/attr/ and their LSM_ATTR_* ids. */
const PROC_ATTRS: Readonly<Record<string, number>> = {
  current: ids.LSM_ATTR_CURRENT,
  prev: ids.LSM_ATTR_PREV,
  exec: ids.LSM_ATTR_EXEC,
  fscreate: ids.LSM_ATTR_FSCREATE,
  keycreate: ids.LSM_ATTR_KEYCREATE,
  sockcreate: ids.LSM_ATTR_SOCKCREATE,
};

function selinuxInit(ctx: LsmInitContext, version: KernelVersion): { hooks: Partial<HookImpls> } {
  const ss = new SecurityServer();
  const avc = new Avc(ctx, ss);
  const tasks = new Set<Task>();
  const inodes = new Set<Inode>();
  /** d_find_alias(): the inode's dentry (the model has no hard links). */
  const aliases = new WeakMap<Inode, Dentry>();
  /** /proc/<pid> inodes: the task whose SID they carry (selinux_task_to_inode(), pid_revalidate()). */
  const procTasks = new WeakMap<Inode, Task>();

  // enforcing= (CONFIG_SECURITY_SELINUX_DEVELOP: permissive unless the command line says otherwise).
  const enf = ctx.bootParam('enforcing');
  avc.enforcing = enf !== undefined && /^\d+$/.test(enf) && Number(enf) !== 0;

  // A cred made outside the machine (a bare test object) has no blob: it reads as the kernel SID.
  const credSec = (c: Struct | null | undefined): CredSecurity | undefined =>
    c?.security ? ctx.blob<CredSecurity>('cred', c).get() : undefined;
  const credSid = (c: Struct | null | undefined): number => credSec(c)?.sid ?? SECINITSID_KERNEL;
  const currentSid = (): number => credSid(ctx.currentCred());
  const taskSid = (t: Task): number => credSid(t.cred);
  const inodeSec = (i: Inode): InodeSecurity | undefined =>
    i.security ? ctx.blob<InodeSecurity>('inode', i).get() : undefined;
  const current = (): Task => ctx.currentTask() as unknown as Task;

  /** The superblock's labelling: fs_use_xattr (SBLABEL_MNT), genfscon, or none. */
  const sbBehavior = (fsType: string): 'xattr' | 'genfs' | 'none' => {
    const db = ss.policy;
    if (!db) return 'none';
    if (db.fsUseXattr.has(fsType)) return 'xattr';
    return db.genfs.some((g) => g.fs === fsType) ? 'genfs' : 'none';
  };
  /** sbsec->sid: the fs_use_xattr context, else unlabeled. */
  const sbSid = (fsType: string): number => {
    const c = ss.policy?.fsUseXattr.get(fsType);
    return (c && ss.contextToSid(c)) || SECINITSID_UNLABELED;
  };

  /** inode_doinit_with_dentry(): the label from the xattr (or the file initial SID), or genfscon. */
  const inodeDoinit = (inode: Inode, isec: InodeSecurity): void => {
    const fsType = inode.i_sb.s_type;
    let sid = SECINITSID_UNLABELED;
    switch (sbBehavior(fsType)) {
      case 'xattr': {
        const v = inode.xattrs.get(XATTR_NAME_SELINUX);
        sid = v ? (ss.contextToSid(v.replace(/\0$/, ''), true) ?? SECINITSID_UNLABELED) : SECINITSID_FILE;
        break;
      }
      case 'genfs': {
        // security_genfs_sid(): the longest genfscon path prefix of the path within the filesystem.
        const alias = aliases.get(inode);
        const path = alias ? dentryPath(alias) : '/';
        let best: { path: string; context: string } | null = null;
        for (const g of ss.policy!.genfs)
          if (g.fs === fsType && path.startsWith(g.path) && (!best || g.path.length > best.path.length)) best = g;
        sid = best ? (ss.contextToSid(best.context) ?? SECINITSID_UNLABELED) : SECINITSID_UNLABELED;
        break;
      }
      default:
        break;
    }
    isec.sid = sid;
    isec.initialized = true;
  };

  /** inode_security(): the inode's blob, labelled now if the label is still invalid. */
  const isecOf = (inode: Inode): InodeSecurity => {
    let isec = inodeSec(inode);
    if (!isec) {
      isec = {
        sid: SECINITSID_UNLABELED,
        sclass: inodeModeToSecurityClass(inode.i_mode),
        initialized: false,
      };
      if (inode.security) ctx.blob<InodeSecurity>('inode', inode).set(isec);
    }
    const task = procTasks.get(inode);
    if (task) isec.sid = taskSid(task);
    else if (!isec.initialized && ss.initialized) inodeDoinit(inode, isec);
    return isec;
  };

  const has = (ssid: number, tsid: number, cls: string, perms: readonly string[], ad: AuditData | null): number =>
    avc.hasPerm(ssid, tsid, cls, perms, ad);

  /** inode_has_perm(). */
  const inodeHasPerm = (inode: Inode, perms: readonly string[], ad: AuditData): number => {
    const isec = isecOf(inode);
    return has(currentSid(), isec.sid, isec.sclass, perms, ad);
  };
  /** dentry_has_perm(): LSM_AUDIT_DATA_DENTRY. */
  const dentryHasPerm = (dentry: Dentry, perms: readonly string[]): number =>
    dentry.d_inode ? inodeHasPerm(dentry.d_inode, perms, { type: 'dentry', dentry }) : 0;

  /**
   * has_cap_mac_admin(): cap_capable() and cred_has_capability() called directly, not through
   * security_capable(): CAP_MAC_ADMIN in the effective set and capability2:mac_admin.
   */
  const hasCapMacAdmin = (audit: boolean): boolean => {
    const cred = currentCred(ctx);
    if (typeof cred.cap_effective !== 'bigint' || !((cred.cap_effective >> BigInt(CAP_MAC_ADMIN)) & 1n)) return false;
    const sid = currentSid();
    return has(sid, sid, 'capability2', ['mac_admin'], audit ? { type: 'cap', cap: CAP_MAC_ADMIN } : null) === 0;
  };

  /** file_has_perm(): fd:use on a descriptor another domain opened, then the permissions (LSM_AUDIT_DATA_FILE). */
  const fileHasPerm = (f: File, av: readonly string[]): number => {
    const fsec = f.security ? ctx.blob<FileSecurity>('file', f).get() : undefined;
    const sid = currentSid();
    const ad: AuditData = { type: 'file', file: f };
    if (fsec && sid !== fsec.sid) {
      const rc = has(sid, fsec.sid, 'fd', ['use'], ad);
      if (rc) return rc;
    }
    return av.length ? inodeHasPerm(f.f_inode, av, ad) : 0;
  };

  /** file_mask_to_av(). */
  const fileMaskToAv = (mode: number, mask: number): string[] => {
    const av: string[] = [];
    if (!isDir({ i_mode: mode } as Inode)) {
      if (mask & MAY_EXEC) av.push('execute');
      if (mask & MAY_READ) av.push('read');
      if (mask & MAY_APPEND) av.push('append');
      else if (mask & MAY_WRITE) av.push('write');
    } else {
      if (mask & MAY_EXEC) av.push('search');
      if (mask & MAY_WRITE) av.push('write');
      if (mask & MAY_READ) av.push('read');
    }
    return av;
  };

  /** file_to_av() + FILE__OPEN with the open_perms capability (open_file_to_av()). */
  const openFileToAv = (file: File): string[] => {
    const av: string[] = [];
    if (file.f_mode & FMODE_READ) av.push('read');
    if (file.f_mode & FMODE_WRITE) av.push(file.f_flags & O_APPEND ? 'append' : 'write');
    if (!av.length) av.push('ioctl');
    if (ss.policy?.policycaps.has('open_perms')) av.push('open');
    return av;
  };

  /** selinux_determine_inode_label(): fscreate, else security_transition_sid(current, dir, class). */
  const determineInodeLabel = (dir: Inode, cls: string): number | { invalid: string } => {
    const tsec = credSec(ctx.currentCred());
    if (tsec?.create_sid) return tsec.create_sid;
    const r = ss.transitionSid(currentSid(), isecOf(dir).sid, cls);
    return 'sid' in r ? r.sid : r;
  };

  /** compute_sid_handle_invalid_context(): SELINUX_ERR, and -EACCES when enforcing. */
  const invalidContext = (ssid: number, tsid: number, cls: string, ctxText: string): number => {
    ctx.audit(
      'SELINUX_ERR',
      `op=security_compute_sid invalid_context=${quoteUntrusted(ctxText)} scontext=${ss.sidToContext(ssid)} tcontext=${ss.sidToContext(tsid)} tclass=${cls}`,
    );
    return avc.enforcing ? -EACCES : 0;
  };

  /** may_create(). */
  const mayCreate = (dir: Inode, dentry: Dentry, cls: string): number => {
    const sid = currentSid();
    const ad: AuditData = { type: 'dentry', dentry };
    let rc = has(sid, isecOf(dir).sid, 'dir', ['add_name', 'search'], ad);
    if (rc) return rc;
    const label = determineInodeLabel(dir, cls);
    let newsid: number;
    if (typeof label === 'number') newsid = label;
    else {
      rc = invalidContext(sid, isecOf(dir).sid, cls, label.invalid);
      if (rc) return rc;
      newsid = ss.contextToSid(label.invalid, true)!;
    }
    rc = has(sid, newsid, cls, ['create'], ad);
    if (rc) return rc;
    return has(newsid, sbSid(dir.i_sb.s_type), 'filesystem', ['associate'], ad);
  };

  /** may_link() for MAY_LINK (dir add_name, file link), MAY_UNLINK and MAY_RMDIR (dir remove_name). */
  const mayLink = (dir: Inode, dentry: Dentry, kind: 'link' | 'unlink' | 'rmdir'): number => {
    const sid = currentSid();
    const ad: AuditData = { type: 'dentry', dentry };
    let rc = has(sid, isecOf(dir).sid, 'dir', [kind === 'link' ? 'add_name' : 'remove_name', 'search'], ad);
    if (rc || !dentry.d_inode) return rc;
    const isec = isecOf(dentry.d_inode);
    rc = has(sid, isec.sid, isec.sclass, [kind], ad);
    return rc;
  };

  /** The task's would-be domain after the start-up the world did before the policy existed. */
  const relabelTasks = (db: PolicyDb): void => {
    const byPid = new Map([...tasks].filter((t) => t.state !== 'dead').map((t) => [t.pid, t]));
    const memo = new Map<number, number>();
    const exeSid = (path: string): number | null => {
      for (const i of inodes) {
        const alias = aliases.get(i);
        if (alias && i.i_sb.s_id === 'vda1' && dentryPath(alias) === path) return isecOf(i).sid;
      }
      return null;
    };
    const domainOf = (t: Task): number => {
      const known = memo.get(t.pid);
      if (known !== undefined) return known;
      memo.set(t.pid, SECINITSID_KERNEL);
      const parent = t.ppid ? byPid.get(t.ppid) : undefined;
      const pdom = parent ? domainOf(parent) : SECINITSID_KERNEL;
      let sid = pdom;
      // pam_selinux in sshd's session: setexeccon() to the login's context before the shell runs.
      const login =
        parent?.exe === '/usr/sbin/sshd'
          ? (db.logins.get(userName(t.cred.uid)) ?? db.logins.get('__default__'))
          : undefined;
      const loginSid = login ? ss.contextToSid(login) : null;
      if (loginSid) sid = loginSid;
      else {
        const fsid = exeSid(t.exe);
        if (fsid !== null) {
          const r = ss.transitionSid(pdom, fsid, 'process');
          if ('sid' in r) sid = r.sid;
        }
      }
      memo.set(t.pid, sid);
      return sid;
    };
    for (const t of [...byPid.values()].sort((a, b) => a.pid - b.pid)) {
      const tsec = credSec(t.cred);
      if (!tsec || tsec.sid !== SECINITSID_KERNEL) continue;
      const sid = domainOf(t);
      ctx.blob<CredSecurity>('cred', t.cred).set({ ...tsec, sid, osid: sid });
    }
  };

  // ---- selinuxfs -------------------------------------------------------------------------------

  const boolFiles = new Set<string>();
  /** sel_make_bools(): booleans/<name> for each boolean of the new policy; the old ones go. */
  const makeBools = (): void => {
    for (const name of boolFiles) ctx.pseudoFileRemove('selinuxfs', `booleans/${name}`);
    boolFiles.clear();
    for (const name of ss.bools.keys()) {
      boolFiles.add(name);
      ctx.pseudoFileCreate('selinuxfs', `booleans/${name}`, {
        mode: 0o644,
        // sel_read_bool(): "%d %d", the current and the pending value.
        read: () => `${ss.bools.get(name) ? 1 : 0} ${ss.pendingBools.get(name) ? 1 : 0}`,
        // sel_write_bool(): security:setbool, then the pending value (!!new_value).
        write: (data) => {
          ctx.kfunc('sel_write_bool', name);
          const rc = has(currentSid(), SECINITSID_SECURITY, 'security', ['setbool'], { type: 'none' });
          if (rc) return rc;
          const v = parseIntLike(data);
          if (v === null) return -EINVAL;
          if (!ss.bools.has(name)) return -EINVAL;
          ss.pendingBools.set(name, v !== 0);
          return data.length;
        },
      });
    }
  };

  /** security_load_policy() + selinux_policy_commit(): atomic; the first load completes initialisation. */
  /** The loaded policy: the model's policy text stands for policydb's binary image. */
  let loadedText = '';
  const loadPolicy = (text: string): number => {
    let db: PolicyDb;
    try {
      db = parsePolicy(text);
    } catch (e) {
      if (!(e instanceof PolicyError)) throw e;
      ctx.printk(KERN_ERR, `SELinux:  policy:${e.line}:${e.col}: ${e.reason}`);
      ctx.printkRatelimited(KERN_WARNING, 'SELinux: failed to load policy', 'sel_write_load');
      return -EINVAL;
    }
    const first = !ss.initialized;
    ss.commit(db);
    loadedText = text;
    avc.reset();
    // security_policycaps_print()
    for (const cap of POLICYCAP_NAMES)
      ctx.printk(KERN_INFO, `SELinux:  policy capability ${cap}=${db.policycaps.has(cap) ? 1 : 0}`);
    if (first) {
      // selinux_complete_init(): the existing superblocks and their inodes get their labels now;
      // systemd sets the mode from /etc/selinux/config and re-executes init in its domain.
      for (const i of inodes) {
        const isec = inodeSec(i);
        if (isec && !isec.initialized && !procTasks.has(i)) inodeDoinit(i, isec);
      }
      relabelTasks(db);
    }
    makeBools();
    ctx.audit('MAC_POLICY_LOAD', `auid=${AUDIT_UID_UNSET} ses=${AUDIT_UID_UNSET} lsm=selinux res=1`);
    // selinux_init_load_policy(): enforcing= on the kernel command line wins over the config file.
    if (first && db.config !== null && enf === undefined) setEnforce(db.config === 'enforcing');
    return 0;
  };

  const setEnforce = (on: boolean): void => {
    const old = avc.enforcing;
    if (on === old) return;
    ctx.audit(
      'MAC_STATUS',
      `enforcing=${on ? 1 : 0} old_enforcing=${old ? 1 : 0} auid=${AUDIT_UID_UNSET} ses=${AUDIT_UID_UNSET} enabled=1 old-enabled=1 lsm=selinux res=1`,
    );
    avc.enforcing = on;
    if (on) avc.reset();
  };

  ctx.pseudoFileCreate('selinuxfs', 'load', {
    mode: 0o600,
    read: null,
    // sel_write_load(): security:load_policy, then the load.
    write: (data) => {
      ctx.kfunc('sel_write_load', `${data.length} bytes`);
      const rc = has(currentSid(), SECINITSID_SECURITY, 'security', ['load_policy'], { type: 'none' });
      if (rc) return rc;
      const r = loadPolicy(data);
      return r < 0 ? r : data.length;
    },
  });
  ctx.pseudoFileCreate('selinuxfs', 'enforce', {
    mode: 0o644,
    // sel_read_enforce(): "%d".
    read: () => `${avc.enforcing ? 1 : 0}`,
    // sel_write_enforce(): security:setenforce only when the value changes.
    write: (data) => {
      ctx.kfunc('sel_write_enforce', data.trim());
      const v = parseIntLike(data);
      if (v === null) return -EINVAL;
      const on = v !== 0;
      if (on !== avc.enforcing) {
        const rc = has(currentSid(), SECINITSID_SECURITY, 'security', ['setenforce'], { type: 'none' });
        if (rc) return rc;
        setEnforce(on);
      }
      return data.length;
    },
  });
  ctx.pseudoFileCreate('selinuxfs', 'commit_pending_bools', {
    mode: 0o200,
    read: null,
    // sel_commit_bools_write(): security:setbool, then security_set_bools() audits each change.
    write: (data) => {
      ctx.kfunc('sel_commit_bools_write');
      const rc = has(currentSid(), SECINITSID_SECURITY, 'security', ['setbool'], { type: 'none' });
      if (rc) return rc;
      const v = parseIntLike(data);
      if (v === null) return -EINVAL;
      if (v && ss.initialized) {
        for (const [name, val] of ss.pendingBools) {
          const old = ss.bools.get(name) ?? false;
          if (old !== val)
            ctx.audit(
              'MAC_CONFIG_CHANGE',
              `bool=${name} val=${val ? 1 : 0} old_val=${old ? 1 : 0} auid=${AUDIT_UID_UNSET} ses=${AUDIT_UID_UNSET}`,
            );
        }
        ss.commitBools();
      }
      return data.length;
    },
  });
  // sel_open_policy(): security:read_policy, then the loaded policy (security_read_policy()).
  ctx.pseudoFileCreate('selinuxfs', 'policy', {
    mode: 0o400,
    read: () => {
      ctx.kfunc('sel_open_policy');
      const rc = has(currentSid(), SECINITSID_SECURITY, 'security', ['read_policy'], { type: 'none' });
      return rc || loadedText;
    },
    write: null,
  });
  ctx.pseudoFileCreate('selinuxfs', 'policyvers', { mode: 0o444, read: () => `${POLICYVERS[version]}`, write: null });
  ctx.bootPolicyFile('selinuxfs', 'load');
  // selinux_lsm_config_system_policy() (the unmerged v6 series): the same atomic load.
  ctx.configPolicyHandler('system', (buf) => {
    const rc = has(currentSid(), SECINITSID_SECURITY, 'security', ['load_policy'], { type: 'none' });
    if (rc) return rc;
    return loadPolicy(utf8Decode(buf));
  });

  // cred_init_security(): the init cred carries SECINITSID_KERNEL.
  ctx.blob<CredSecurity>('cred', ctx.currentCred()).set({
    sid: SECINITSID_KERNEL,
    osid: SECINITSID_KERNEL,
    exec_sid: 0,
    create_sid: 0,
    keycreate_sid: 0,
    sockcreate_sid: 0,
  });
  ctx.printk(KERN_INFO, 'SELinux:  Initializing.');

  /** selinux_lsm_getattr(): the SID of one attribute of `p`, process:getattr for another task. */
  const lsmGetattr = (attr: number, p: Task | null): { sid: number } | number => {
    const tsec = credSec(p ? p.cred : ctx.currentCred());
    if (!tsec) return -EINVAL;
    if (p && p !== current()) {
      const rc = has(currentSid(), tsec.sid, 'process', ['getattr'], { type: 'none' });
      if (rc) return rc;
    }
    switch (attr) {
      case ids.LSM_ATTR_CURRENT:
        return { sid: tsec.sid };
      case ids.LSM_ATTR_PREV:
        return { sid: tsec.osid };
      case ids.LSM_ATTR_EXEC:
        return { sid: tsec.exec_sid };
      case ids.LSM_ATTR_FSCREATE:
        return { sid: tsec.create_sid };
      case ids.LSM_ATTR_KEYCREATE:
        return { sid: tsec.keycreate_sid };
      case ids.LSM_ATTR_SOCKCREATE:
        return { sid: tsec.sockcreate_sid };
      default:
        return -EOPNOTSUPP;
    }
  };

  /** selinux_lsm_setattr(): the permission for the attribute, the context, then the new value. */
  const lsmSetattr = (attr: number, value: Uint8Array, size: number): number => {
    const me = currentSid();
    const perm = (
      {
        [ids.LSM_ATTR_EXEC]: 'setexec',
        [ids.LSM_ATTR_FSCREATE]: 'setfscreate',
        [ids.LSM_ATTR_KEYCREATE]: 'setkeycreate',
        [ids.LSM_ATTR_SOCKCREATE]: 'setsockcreate',
        [ids.LSM_ATTR_CURRENT]: 'setcurrent',
      } as Record<number, string>
    )[attr];
    if (!perm) return -EOPNOTSUPP;
    let rc = has(me, me, 'process', [perm], { type: 'none' });
    if (rc) return rc;
    let text = utf8Decode(value.slice(0, size));
    let sid = 0;
    if (text.length && text[0] !== '\0' && text[0] !== '\n') {
      // A trailing newline is dropped and not counted in the returned size.
      if (text.endsWith('\n')) {
        text = text.slice(0, -1);
        size--;
      }
      text = text.replace(/\0+$/, '');
      const s = ss.contextToSid(text);
      if (s === null) {
        if (attr === ids.LSM_ATTR_FSCREATE && hasCapMacAdmin(true)) sid = ss.contextToSid(text, true) ?? 0;
        else return -EINVAL;
      } else sid = s;
    }
    const tsec = credSec(ctx.currentCred());
    if (!tsec) return -EINVAL;
    const next = { ...tsec };
    if (attr === ids.LSM_ATTR_EXEC) next.exec_sid = sid;
    else if (attr === ids.LSM_ATTR_FSCREATE) next.create_sid = sid;
    else if (attr === ids.LSM_ATTR_KEYCREATE) next.keycreate_sid = sid;
    else if (attr === ids.LSM_ATTR_SOCKCREATE) next.sockcreate_sid = sid;
    else {
      if (!sid) return -EINVAL;
      rc = has(tsec.sid, sid, 'process', ['dyntransition'], { type: 'none' });
      if (rc) return rc;
      const tracer = current().ptracer ? ctx.findTaskByVpid(current().ptracer) : null;
      if (tracer) {
        rc = has(taskSid(tracer as unknown as Task), sid, 'process', ['ptrace'], { type: 'none' });
        if (rc) return rc;
      }
      next.sid = sid;
    }
    ctx.blob<CredSecurity>('cred', ctx.currentCred()).set(next);
    return size;
  };

  const nul = (s: string): Uint8Array => utf8Encode(`${s}\0`);

  const hooks: Partial<HookImpls> = {
    /** selinux_cred_prepare(): *tsec = *old_tsec. */
    cred_prepare: (n, old) => {
      const v = credSec(old);
      if (v && n) ctx.blob<CredSecurity>('cred', n).set({ ...v });
      return 0;
    },
    /** selinux_cred_transfer(). */
    cred_transfer: (n, old) => {
      const v = credSec(old);
      if (v && n) ctx.blob<CredSecurity>('cred', n).set({ ...v });
    },
    /** selinux_task_alloc(): the per-task AVD cache starts empty (the model keeps a task list for the first load). */
    task_alloc: (task) => {
      if (task) tasks.add(task as unknown as Task);
      return 0;
    },
    /** selinux_getselfattr() → selinux_lsm_getattr() for current. */
    getselfattr: (attr, uctx, size) => {
      const r = lsmGetattr(attr, null);
      if (typeof r === 'number') return r;
      // An unset SID gives a zero-length value; contexts count their NUL.
      const rc = ctx.fillUserCtx(uctx, size, r.sid ? nul(ss.sidToContext(r.sid)) : new Uint8Array(0), 0);
      return rc ? rc : 1;
    },
    /** selinux_setselfattr() → selinux_lsm_setattr(): 0 on success. */
    setselfattr: (attr, lctx, size) => {
      const c = (lctx as unknown as { ctx: Uint8Array } | null)?.ctx ?? new Uint8Array(0);
      const rc = lsmSetattr(attr, c, c.length);
      return rc > 0 ? 0 : rc;
    },
    /** selinux_getprocattr(): /proc/<pid>/attr/<name>; the length counts the NUL. */
    getprocattr: (p, name, value) => {
      const attr = name ? PROC_ATTRS[name] : undefined;
      if (attr === undefined || !p) return -EINVAL;
      const r = lsmGetattr(attr, p as unknown as Task);
      if (typeof r === 'number') return r;
      if (!r.sid) {
        value.value = null;
        return 0;
      }
      const text = `${ss.sidToContext(r.sid)}\0`;
      value.value = text;
      return text.length;
    },
    /** selinux_setprocattr() → selinux_lsm_setattr(): the size taken (a trailing newline is not counted). */
    setprocattr: (name, value, size) => {
      const attr = name ? PROC_ATTRS[name] : undefined;
      if (attr === undefined) return -EINVAL;
      const bytes = value instanceof Uint8Array ? value : utf8Encode(String(value ?? ''));
      return lsmSetattr(attr, bytes, Math.min(size, bytes.length));
    },
    /** selinux_inode_alloc_security(): unlabeled, LABEL_INVALID. */
    inode_alloc_security: (inode) => {
      if (!inode) return 0;
      const i = inode as unknown as Inode;
      ctx.blob<InodeSecurity>('inode', i).set({
        sid: SECINITSID_UNLABELED,
        sclass: inodeModeToSecurityClass(i.i_mode),
        initialized: false,
      });
      inodes.add(i);
      return 0;
    },
    /** selinux_inode_free_security(). */
    inode_free_security: (inode) => {
      if (inode) inodes.delete(inode as unknown as Inode);
    },
    /** selinux_d_instantiate() → inode_doinit_with_dentry(): deferred until a policy is loaded. */
    d_instantiate: (dentry, inode) => {
      if (!inode || !dentry) return;
      const i = inode as unknown as Inode;
      const isec = inodeSec(i);
      if (!isec) return;
      // The dentry first: genfscon labels by the path within the filesystem.
      if (!aliases.has(i)) aliases.set(i, dentry as unknown as Dentry);
      isecOf(i);
    },
    /** selinux_task_to_inode(): /proc/<pid> inodes carry the task's SID. */
    task_to_inode: (p, inode) => {
      if (!p || !inode) return;
      const i = inode as unknown as Inode;
      const isec = isecOf(i);
      procTasks.set(i, p as unknown as Task);
      isec.sid = taskSid(p as unknown as Task);
      isec.initialized = true;
    },
    /**
     * selinux_inode_init_security(): the new inode's label (fscreate, else the type_transition for
     * the class, else the directory's type with the creator's user), and the security.selinux xattr
     * on a labelling filesystem once a policy is loaded.
     */
    inode_init_security: (inode, dir, _qstr, xattrs, count) => {
      if (!inode || !dir) return -EOPNOTSUPP;
      const i = inode as unknown as Inode;
      const cls = inodeModeToSecurityClass(i.i_mode);
      const label = determineInodeLabel(dir as unknown as Inode, cls);
      let sid: number;
      if (typeof label === 'number') sid = label;
      else {
        const rc = invalidContext(currentSid(), isecOf(dir as unknown as Inode).sid, cls, label.invalid);
        if (rc) return rc;
        sid = ss.contextToSid(label.invalid, true)!;
      }
      const isec = isecOf(i);
      if (ss.initialized) {
        isec.sclass = cls;
        isec.sid = sid;
        isec.initialized = true;
      }
      if (!ss.initialized || sbBehavior(i.i_sb.s_type) !== 'xattr') return -EOPNOTSUPP;
      const slots = (xattrs as unknown as { slots?: { name: string; value: string }[] } | null)?.slots;
      if (slots) {
        slots.push({ name: 'selinux', value: ss.sidToContext(sid) });
        count.value++;
      }
      return 0;
    },
    /** selinux_inode_permission(): file_mask_to_av() on the inode, LSM_AUDIT_DATA_INODE. */
    inode_permission: (inode, mask) => {
      if (!inode) return 0;
      const m = mask & (MAY_READ | MAY_WRITE | MAY_EXEC | MAY_APPEND);
      if (!m || !ss.initialized) return 0;
      const i = inode as unknown as Inode;
      const dentry = aliases.get(i);
      return inodeHasPerm(i, fileMaskToAv(i.i_mode, m), {
        type: 'inode',
        inode: i,
        name: dentry ? dentry.d_name : null,
      });
    },
    /**
     * selinux_sb_show_options(), as /proc/<pid>/mounts shows a mount: nothing before a policy is
     * loaded; then the mount's context options (the model mounts none with context=) and
     * ",seclabel" when selinux_is_sblabel_mnt(): an fs_use_xattr filesystem, or a genfscon one
     * with its own xattr handler (sysfs, pstore, debugfs, tracefs, rootfs).
     */
    sb_show_options: (m, sb) => {
      if (!m || !sb || !ss.policy) return 0;
      const fsType = (sb as unknown as { s_type: string }).s_type;
      const behavior = sbBehavior(fsType);
      const genfsSpecial = ['sysfs', 'pstore', 'debugfs', 'tracefs', 'rootfs'].includes(fsType);
      if (behavior === 'xattr' || (behavior === 'genfs' && genfsSpecial))
        (m.fields as { buf: string }).buf += ',seclabel';
      return 0;
    },
    /** selinux_file_alloc_security(): the opener's SID. */
    file_alloc_security: (file) => {
      if (file?.security) ctx.blob<FileSecurity>('file', file).set({ sid: currentSid(), isid: 0, pseqno: 0 });
      return 0;
    },
    /** selinux_file_open(): remembers the inode SID and policy seqno; file_path_has_perm(open_file_to_av()). */
    file_open: (file) => {
      if (!file) return 0;
      const f = file as unknown as File;
      const isec = isecOf(f.f_inode);
      const fsec = f.security ? ctx.blob<FileSecurity>('file', f).get() : undefined;
      if (fsec) ctx.blob<FileSecurity>('file', f).set({ ...fsec, isid: isec.sid, pseqno: ss.seqno });
      if (!ss.initialized) return 0;
      return inodeHasPerm(f.f_inode, openFileToAv(f), { type: 'file', file: f });
    },
    /**
     * selinux_file_permission(): nothing to check when neither the task, the inode label nor the
     * policy changed since file_open; else file_has_perm() (fd:use, then the file_mask_to_av()).
     */
    file_permission: (file, mask) => {
      if (!file || !mask) return 0;
      const f = file as unknown as File;
      const isec = isecOf(f.f_inode);
      const fsec = f.security ? ctx.blob<FileSecurity>('file', f).get() : undefined;
      const sid = currentSid();
      if (fsec && sid === fsec.sid && fsec.isid === isec.sid && fsec.pseqno === ss.seqno) return 0;
      if (!ss.initialized) return 0;
      const m = f.f_flags & O_APPEND && mask & MAY_WRITE ? mask | MAY_APPEND : mask;
      return fileHasPerm(f, fileMaskToAv(f.f_inode.i_mode, m));
    },
    /** selinux_inode_create() → may_create(dir, dentry, SECCLASS_FILE). */
    inode_create: (dir, dentry, mode) =>
      dir && dentry
        ? mayCreate(dir as unknown as Inode, dentry as unknown as Dentry, inodeModeToSecurityClass(mode))
        : 0,
    /** selinux_inode_mkdir() → may_create(dir, dentry, SECCLASS_DIR). */
    inode_mkdir: (dir, dentry) =>
      dir && dentry ? mayCreate(dir as unknown as Inode, dentry as unknown as Dentry, 'dir') : 0,
    /** selinux_inode_link() → may_link(dir, old_dentry, MAY_LINK): the audit names the old dentry. */
    inode_link: (oldDentry, dir, _newDentry) =>
      dir && oldDentry ? mayLink(dir as unknown as Inode, oldDentry as unknown as Dentry, 'link') : 0,
    /** selinux_inode_unlink() → may_link(MAY_UNLINK). */
    inode_unlink: (dir, dentry) =>
      dir && dentry ? mayLink(dir as unknown as Inode, dentry as unknown as Dentry, 'unlink') : 0,
    /** selinux_inode_rmdir() → may_link(MAY_RMDIR). */
    inode_rmdir: (dir, dentry) =>
      dir && dentry ? mayLink(dir as unknown as Inode, dentry as unknown as Dentry, 'rmdir') : 0,
    /**
     * selinux_inode_rename() → may_rename(): the old directory (remove_name, search), the file
     * (rename; reparent for a directory changing parent), the new directory (add_name, search,
     * remove_name when replacing) and the replaced file (unlink or rmdir). The label moves with
     * the inode.
     */
    inode_rename: (oldDir, oldDentry, newDir, newDentry) => {
      if (!oldDir || !oldDentry || !newDir || !newDentry) return 0;
      const od = oldDentry as unknown as Dentry;
      const nd = newDentry as unknown as Dentry;
      const sid = currentSid();
      let ad: AuditData = { type: 'dentry', dentry: od };
      let rc = has(sid, isecOf(oldDir as unknown as Inode).sid, 'dir', ['remove_name', 'search'], ad);
      if (rc || !od.d_inode) return rc;
      const oisec = isecOf(od.d_inode);
      rc = has(sid, oisec.sid, oisec.sclass, ['rename'], ad);
      if (rc) return rc;
      const oldIsDir = isDir(od.d_inode);
      if (oldIsDir && newDir !== oldDir) {
        rc = has(sid, oisec.sid, oisec.sclass, ['reparent'], ad);
        if (rc) return rc;
      }
      ad = { type: 'dentry', dentry: nd };
      const av = nd.d_inode ? ['add_name', 'search', 'remove_name'] : ['add_name', 'search'];
      rc = has(sid, isecOf(newDir as unknown as Inode).sid, 'dir', av, ad);
      if (rc) return rc;
      if (nd.d_inode) {
        const nisec = isecOf(nd.d_inode);
        rc = has(sid, nisec.sid, nisec.sclass, [isDir(nd.d_inode) ? 'rmdir' : 'unlink'], ad);
      }
      return rc;
    },
    /** selinux_inode_setattr(): setattr for mode/owner/times, else write (+ open for a truncate). */
    inode_setattr: (a0, a1, a2) => {
      // 6.8 passes (dentry, attr); later versions (idmap, dentry, attr).
      const is68 = (a0 as Struct | null)?.struct === 'dentry';
      const dentry = (is68 ? a0 : a1) as unknown as Dentry | null;
      const attr = (is68 ? a1 : a2) as Struct | null;
      if (!dentry) return 0;
      const valid = Number(attr?.fields?.['ia_valid'] ?? 0);
      if (valid & (ATTR_MODE | ATTR_UID | ATTR_GID | ATTR_ATIME_SET | ATTR_MTIME_SET | ATTR_TIMES_SET))
        return dentryHasPerm(dentry, ['setattr']);
      const av = ['write'];
      if (ss.policy?.policycaps.has('open_perms') && valid & ATTR_SIZE && !(valid & ATTR_FILE)) av.push('open');
      return dentryHasPerm(dentry, av);
    },
    /** selinux_inode_getxattr(): getattr. */
    inode_getxattr: (dentry) => (dentry ? dentryHasPerm(dentry as unknown as Dentry, ['getattr']) : 0),
    /**
     * selinux_inode_setxattr(): other names need setattr (6.8: after cap_inode_setxattr()); for
     * security.selinux the owner (or CAP_FOWNER), relabelfrom on the old label, a valid new
     * context (CAP_MAC_ADMIN may force one), relabelto, and filesystem:associate.
     */
    inode_setxattr: (_idmap, dentry, name, value, size) => {
      if (!dentry) return 0;
      const d = dentry as unknown as Dentry;
      const inode = d.d_inode;
      if (!inode) return 0;
      if (name !== XATTR_NAME_SELINUX) {
        if (version === '6.8' && name?.startsWith('security.') && name !== 'security.capability') {
          if (!ctx.capable(CAP_SYS_ADMIN)) return -EPERM;
        }
        return dentryHasPerm(d, ['setattr']);
      }
      const ownerOrCapable = (): boolean => currentCred(ctx).fsuid === inode.i_uid || ctx.capable(CAP_FOWNER);
      if (!ss.initialized) return ownerOrCapable() ? 0 : -EPERM;
      if (sbBehavior(inode.i_sb.s_type) !== 'xattr') return -EOPNOTSUPP;
      if (!ownerOrCapable()) return -EPERM;
      const sid = currentSid();
      const isec = isecOf(inode);
      const ad: AuditData = { type: 'dentry', dentry: d };
      let rc = has(sid, isec.sid, isec.sclass, ['relabelfrom'], ad);
      if (rc) return rc;
      const text = String(value ?? '')
        .slice(0, size)
        .replace(/\0$/, '');
      let newsid = ss.contextToSid(text);
      if (newsid === null) {
        if (!hasCapMacAdmin(true)) {
          ctx.audit('SELINUX_ERR', `op=setxattr invalid_context=${quoteUntrusted(text)}`);
          return -EINVAL;
        }
        newsid = ss.contextToSid(text, true)!;
      }
      rc = has(sid, newsid, isec.sclass, ['relabelto'], ad);
      if (rc) return rc;
      return has(newsid, sbSid(inode.i_sb.s_type), 'filesystem', ['associate'], ad);
    },
    /** selinux_inode_post_setxattr(): the inode takes the new label. */
    inode_post_setxattr: (dentry, name, value, size) => {
      if (name !== XATTR_NAME_SELINUX || !dentry || !ss.initialized) return;
      const inode = (dentry as unknown as Dentry).d_inode;
      if (!inode) return;
      const sid = ss.contextToSid(
        String(value ?? '')
          .slice(0, size)
          .replace(/\0$/, ''),
        true,
      );
      if (sid === null) return;
      const isec = isecOf(inode);
      isec.sid = sid;
      isec.initialized = true;
    },
    /** selinux_inode_getsecurity(): security.selinux is the inode's context (with its NUL). */
    inode_getsecurity: (_idmap, inode, name, buffer: Ref<unknown>, alloc) => {
      if (name !== 'selinux' || !inode) return -EOPNOTSUPP;
      // sid_to_context_force() for CAP_MAC_ADMIN (has_cap_mac_admin(false): no audit), else unlabeled for an invalid label.
      const text = `${ss.sidToContext(isecOf(inode as unknown as Inode).sid, hasCapMacAdmin(false))}\0`;
      if (alloc) buffer.value = text;
      return text.length;
    },
    /**
     * selinux_bprm_creds_for_exec(): the new SID from the exec context (setexeccon) or the
     * process type_transition on the file's type; the same SID needs file:execute_no_trans, a new
     * one process:transition and file:entrypoint (and ptrace by a tracer); nnp or nosuid
     * transitions need process2 permissions (nnp_nosuid_transition).
     */
    bprm_creds_for_exec: (bprm) => {
      const fields = (bprm?.fields ?? {}) as Record<string, unknown>;
      const cred = fields['cred'] as Cred | undefined;
      const file = fields['file'] as File | undefined;
      if (!cred || !file) return 0;
      const old = credSec(ctx.currentCred());
      if (!old) return 0;
      const isec = isecOf(file.f_inode);
      const next: CredSecurity = {
        ...old,
        sid: old.sid,
        osid: old.sid,
        create_sid: 0,
        keycreate_sid: 0,
        sockcreate_sid: 0,
      };
      const unsafe = Number(fields['unsafe'] ?? 0);
      const nnp = (unsafe & LSM_UNSAFE_NO_NEW_PRIVS) !== 0;
      const nosuid = (file.f_path.mnt.mnt_flags & MNT_NOSUID) !== 0;
      /** check_nnp_nosuid(). */
      const nnpNosuid = (newSid: number): number => {
        if ((!nnp && !nosuid) || newSid === old.sid) return 0;
        if (ss.policy?.policycaps.has('nnp_nosuid_transition'))
          return has(old.sid, newSid, 'process2', [nnp ? 'nnp_transition' : 'nosuid_transition'], { type: 'none' });
        return -EPERM;
      };
      let rc: number;
      if (old.exec_sid) {
        next.sid = old.exec_sid;
        next.exec_sid = 0;
        rc = nnpNosuid(next.sid);
        if (rc) return rc;
      } else {
        const r = ss.transitionSid(old.sid, isec.sid, 'process');
        if ('sid' in r) next.sid = r.sid;
        else {
          rc = invalidContext(old.sid, isec.sid, 'process', r.invalid);
          if (rc) return rc;
          next.sid = ss.contextToSid(r.invalid, true)!;
        }
        if (nnpNosuid(next.sid)) next.sid = old.sid;
      }
      const ad: AuditData = { type: 'file', file };
      if (next.sid === old.sid) {
        rc = has(old.sid, isec.sid, 'file', ['execute_no_trans'], ad);
        if (rc) return rc;
      } else {
        rc = has(old.sid, next.sid, 'process', ['transition'], ad);
        if (rc) return rc;
        rc = has(next.sid, isec.sid, 'file', ['entrypoint'], ad);
        if (rc) return rc;
        const tracer = unsafe & LSM_UNSAFE_PTRACE && current().ptracer ? ctx.findTaskByVpid(current().ptracer) : null;
        if (tracer) {
          rc = has(taskSid(tracer as unknown as Task), next.sid, 'process', ['ptrace'], null);
          if (rc) return rc;
        }
        // AT_SECURE unless process:noatsecure is allowed.
        if (has(old.sid, next.sid, 'process', ['noatsecure'], null)) fields['secureexec'] = 1;
      }
      ctx.blob<CredSecurity>('cred', cred).set(next);
      return 0;
    },
    /** selinux_inode_follow_link(): lnk_file:read on the link (dentry_has_perm()). */
    inode_follow_link: (dentry) =>
      dentry && ss.initialized ? dentryHasPerm(dentry as unknown as Dentry, ['read']) : 0,
    /**
     * selinux_mmap_file(): file:map on a file mapping, then file_map_prot_check(): process:execmem
     * for anonymous or private writable executable memory (default_noexec), and file_has_perm()
     * with read, write for a shared writable mapping, execute for an executable one.
     */
    mmap_file: (file, _reqprot, prot, flags) => {
      if (!ss.initialized) return 0;
      const f = file as unknown as File | null;
      const shared = (flags & MAP_TYPE) === MAP_SHARED;
      if (f) {
        const rc = inodeHasPerm(f.f_inode, ['map'], { type: 'file', file: f });
        if (rc) return rc;
      }
      if (prot & PROT_EXEC && (!f || (!shared && prot & PROT_WRITE))) {
        const me = currentSid();
        const rc = has(me, me, 'process', ['execmem'], { type: 'none' });
        if (rc) return rc;
      }
      if (!f) return 0;
      const av = ['read'];
      if (shared && prot & PROT_WRITE) av.push('write');
      if (prot & PROT_EXEC) av.push('execute');
      return fileHasPerm(f, av);
    },
    /** selinux_task_kill(): signal_to_av() on the target's SID, no audit data. */
    task_kill: (p, _info, sig, cred) => {
      if (!p) return 0;
      const perm =
        sig === 0
          ? 'signull'
          : sig === SIGCHLD
            ? 'sigchld'
            : sig === SIGKILL
              ? 'sigkill'
              : sig === SIGSTOP
                ? 'sigstop'
                : 'signal';
      const secid = cred ? credSid(cred) : currentSid();
      return has(secid, taskSid(p as unknown as Task), 'process', [perm], { type: 'none' });
    },
    /** selinux_ptrace_access_check(): file:read for PTRACE_MODE_READ, else process:ptrace. */
    ptrace_access_check: (child, mode) => {
      if (!child) return 0;
      const csid = taskSid(child as unknown as Task);
      if (mode & PTRACE_MODE_READ) return has(currentSid(), csid, 'file', ['read'], { type: 'none' });
      return has(currentSid(), csid, 'process', ['ptrace'], { type: 'none' });
    },
    /** selinux_ptrace_traceme(): the parent needs process:ptrace on current. */
    ptrace_traceme: (parent) =>
      parent ? has(taskSid(parent as unknown as Task), currentSid(), 'process', ['ptrace'], { type: 'none' }) : 0,
    /**
     * selinux_capable() → cred_has_capability(): capability (0–31) or capability2 (32–63) on the
     * cred's own SID, audited unless CAP_OPT_NOAUDIT.
     */
    capable: (cred, _ns, cap, opts) => {
      const sid = credSid(cred);
      const cls = cap < 32 ? 'capability' : 'capability2';
      const names = cap < 32 ? COMMON_CAP_PERMS : COMMON_CAP2_PERMS;
      const perm = names[cap % 32];
      if (!perm) return -EINVAL;
      return has(sid, sid, cls, [perm], opts & CAP_OPT_NOAUDIT ? null : { type: 'cap', cap });
    },
  };
  if (version !== '6.8') {
    /** selinux_inode_xattr_skipcap(): security.selinux skips cap_inode_setxattr(). */
    hooks.inode_xattr_skipcap = (name) => (name === XATTR_NAME_SELINUX ? 1 : 0);
  }
  return { hooks };
}

/** kstrtoint/sscanf("%d") of a selinuxfs write. */
function parseIntLike(data: string): number | null {
  const m = /^\s*([-+]?\d+)\s*$/.exec(data.replace(/\0+$/, ''));
  return m ? Number(m[1]) : null;
}

/** audit_log_n_untrustedstring(). */
function quoteUntrusted(s: string): string {
  const needsHex = [...utf8Encode(s)].some((c) => c === 0x22 || c < 0x21 || c > 0x7e);
  return needsHex ? [...utf8Encode(s)].map((c) => c.toString(16).toUpperCase().padStart(2, '0')).join('') : `"${s}"`;
}

const IMPLEMENTED: readonly HookName[] = [
  'cred_prepare',
  'cred_transfer',
  'task_alloc',
  'getselfattr',
  'setselfattr',
  'getprocattr',
  'setprocattr',
  'inode_alloc_security',
  'inode_free_security',
  'd_instantiate',
  'task_to_inode',
  'inode_init_security',
  'inode_permission',
  'file_alloc_security',
  'file_open',
  'file_permission',
  'inode_create',
  'inode_mkdir',
  'inode_link',
  'inode_unlink',
  'inode_rmdir',
  'inode_rename',
  'inode_setattr',
  'inode_getxattr',
  'inode_setxattr',
  'inode_post_setxattr',
  'inode_getsecurity',
  'sb_show_options',
  'bprm_creds_for_exec',
  'inode_follow_link',
  'mmap_file',
  'task_kill',
  'ptrace_access_check',
  'ptrace_traceme',
  'capable',
];

export const selinuxModel: InTreeModel = {
  name: 'selinux',
  implemented: (version) => (version === '6.8' ? IMPLEMENTED : [...IMPLEMENTED, 'inode_xattr_skipcap']),
  notes: {
    setselfattr:
      'the new value is written into the current cred’s blob in place, not through prepare_creds()/commit_creds()',
    setprocattr:
      'the new value is written into the current cred’s blob in place, not through prepare_creds()/commit_creds()',
    bprm_creds_for_exec:
      'bounded transitions (security_bounded_transition()) are not modelled: without nnp_nosuid_transition an nnp/nosuid transition fails',
    inode_init_security: 'name-based type transitions are not modelled',
    d_instantiate: 'genfscon rules apply per path prefix, without a class; no context= mount options',
    capable: 'cap_userns classes are not modelled (user namespaces are not)',
    mmap_file: 'execheap and execstack are not checked (the model has no heap or stack mappings)',
  },
  init: (ctx, version) => selinuxInit(ctx, version),
};
