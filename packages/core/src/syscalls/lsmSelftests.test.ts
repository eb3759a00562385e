// The kernel's LSM syscall selftests, tools/testing/selftests/lsm/ (lsm_list_modules_test.c,
// lsm_get_self_attr_test.c, lsm_set_self_attr_test.c, common.c, common.h; torvalds/linux, the
// versions after "lsm: use 32-bit compatible data types in LSM syscalls" plus the IPE case of
// correct_lsm_list_modules), ported to the model. One vitest test per TEST(), same names.
//
// Each test runs for several boots, because what the selftests expect depends on which
// attribute-providing LSM (selinux, smack, apparmor: common.c attr_lsm_count()) is active.
// A C call that fails returns -1 and sets errno; the model returns -errno, so `sys()` below
// turns a result into the C view ({ ret: -1, errno }) and the ASSERTs are ported on that.
//
// Besides the selftests' own ASSERTs, each test checks the exact values the kernel produces
// (errno, *size, entry lengths), worked out by hand from security/lsm_syscalls.c and
// security_getselfattr()/security_setselfattr()/lsm_fill_user_ctx() in security/security.c
// (7.1.3; the same in 6.18.38), and from the 6.8.0 differences: `size_t __user *size` (8
// bytes) and no NULL check in lsm_fill_user_ctx() (both changed by lsm-pr-20240314 for 6.9:
// a5a858f622a0 and eaf0e7a3d271).
import { describe, expect, test } from 'vitest';
import {
  E2BIG,
  EFAULT,
  EINVAL,
  ENOENT,
  EOPNOTSUPP,
  LSM_ATTR_CURRENT,
  LSM_ATTR_EXEC,
  LSM_ATTR_FSCREATE,
  LSM_ATTR_KEYCREATE,
  LSM_ATTR_PREV,
  LSM_ATTR_SOCKCREATE,
  LSM_FLAG_SINGLE,
  LSM_ID_APPARMOR,
  LSM_ID_BPF,
  LSM_ID_CAPABILITY,
  LSM_ID_EVM,
  LSM_ID_IMA,
  LSM_ID_IPE,
  LSM_ID_LANDLOCK,
  LSM_ID_LOADPIN,
  LSM_ID_LOCKDOWN,
  LSM_ID_SAFESETID,
  LSM_ID_SELINUX,
  LSM_ID_SMACK,
  LSM_ID_TOMOYO,
  LSM_ID_YAMA,
  boot,
  decodeLsmCtx,
  utf8Decode,
  type BootConfig,
  type CallResult,
  type Kernel,
} from '../index';

/** sysconf(_SC_PAGESIZE) on x86_64. */
const page_size = 4096;

const CONFIGS: readonly { readonly name: string; readonly config: BootConfig }[] = [
  { name: '7.1 default CONFIG_LSM (selinux)', config: {} },
  { name: '7.1 lsm=apparmor', config: { cmdline: 'lsm=apparmor' } },
  { name: '7.1 lsm=smack', config: { cmdline: 'lsm=smack' } },
  { name: '7.1 lsm=landlock (no attribute LSM)', config: { cmdline: 'lsm=landlock' } },
  { name: '6.18 default CONFIG_LSM (selinux)', config: { kernelVersion: '6.18' } },
  { name: '6.8 default CONFIG_LSM (selinux)', config: { kernelVersion: '6.8' } },
];

/** One selftest process on one booted kernel. */
interface Proc {
  readonly k: Kernel;
  readonly name: string;
  /** sizeof(*size): size_t (8) in 6.8.0, __u32 (4) since 6.9 (common.h). */
  readonly sizeWidth: 4 | 8;
}

function forEachConfig(body: (p: Proc) => void): void {
  for (const { name, config } of CONFIGS) {
    const k = boot(config);
    body({ k, name, sizeWidth: k.version === '6.8' ? 8 : 4 });
  }
}

/** The C view of a syscall's return: -1 and errno on failure. */
function sys(r: CallResult): { ret: number; errno: number } {
  if (r.rc === null) throw new Error(`syscall oopsed: ${r.error}`);
  return r.rc < 0 ? { ret: -1, errno: -r.rc } : { ret: r.rc, errno: 0 };
}

const calloc = (p: Proc, n: number): number => p.k.mem.alloc(n);

/** A `size` variable (__u32 or size_t) in user memory, initialised to v. */
function sizeVar(p: Proc, v: number): number {
  const a = p.k.mem.alloc(p.sizeWidth);
  setSize(p, a, v);
  return a;
}
function setSize(p: Proc, a: number, v: number): void {
  if (p.sizeWidth === 8) p.k.mem.putU64(a, BigInt(v));
  else p.k.mem.putU32(a, v);
}
function getSize(p: Proc, a: number): number {
  return p.sizeWidth === 8 ? Number(p.k.mem.getU64(a)) : p.k.mem.getU32(a);
}

/** (char *)tctx->ctx: the C string at ctx + 32. */
function ctxString(p: Proc, tctx: number): string {
  const bytes: number[] = [];
  for (let a = tctx + 32; ; a++) {
    const b = p.k.mem.read(a, 1)[0]!;
    if (b === 0) break;
    bytes.push(b);
  }
  return utf8Decode(new Uint8Array(bytes));
}

/** lsm_get_self_attr_test.c next_ctx(): ctxp + sizeof(*ctxp) + ctxp->ctx_len (not ctxp->len). */
function next_ctx(p: Proc, tctx: number): number {
  return tctx + 32 + Number(decodeLsmCtx(p.k.mem.read(tctx, 32)).ctx_len);
}

/** common.c read_sysfs_lsms(): the model's /sys/kernel/security/lsm. */
function read_sysfs_lsms(p: Proc): string | null {
  return p.k.readSecurityfs('/sys/kernel/security/lsm');
}

/** common.c attr_lsm_count(): strstr() of selinux, smack and apparmor in the sysfs list. */
function attr_lsm_count(p: Proc): number {
  const names = read_sysfs_lsms(p);
  if (names === null) return 0;
  return ['selinux', 'smack', 'apparmor'].filter((n) => names.includes(n)).length;
}

/**
 * common.c read_proc_attr(): /proc/self/attr/<name> up to the first '\n', or null where the C
 * helper returns -1 (an error, or a read of 0 bytes). The model has no procfs and its in-tree
 * getprocattr hooks are unmodelled stubs, so the value is derived here from kernel source:
 * security_getprocattr() asks only the first LSM on the getprocattr hook (lsmid 0), and
 * - selinux_getprocattr() -> selinux_lsm_getattr(): the context of the sid, or 0 bytes when the
 *   sid is SECSID_NULL (exec, fscreate, keycreate, sockcreate of the init task); the init cred
 *   has sid = osid = SECINITSID_KERNEL ("kernel", cred_init_security());
 * - apparmor_getprocattr(): "current" is aa_getprocattr(label, newline=true) of the cred label
 *   ("unconfined\n" for the root namespace); "prev"/"exec" without ctx->previous/onexec -EINVAL;
 * - smack_getprocattr(): "current" is smk_of_task()->smk_known ("_", init_task_smack()), other
 *   names -EINVAL;
 * - the BPF stub returns -EINVAL (LSM_RET_DEFAULT(getprocattr)).
 */
function read_proc_attr(p: Proc, name: string): string | null {
  const first = p.k.hookHead('getprocattr')[0];
  switch (first) {
    case 'selinux':
      return name === 'current' || name === 'prev' ? 'kernel' : null;
    case 'apparmor':
      return name === 'current' ? 'unconfined' : null;
    case 'smack':
      return name === 'current' ? '_' : null;
    default:
      return null;
  }
}

/** ALIGN(x, sizeof(void *)) on x86_64. */
const align8 = (x: number): number => Math.ceil(x / 8) * 8;

/**
 * The LSM_ATTR_CURRENT entries the kernel reports for the init task, in hook order, derived from
 * selinux_getselfattr() (security_sid_to_context() length counts the NUL: "kernel\0", 7),
 * apparmor_getselfattr() (aa_getprocattr(label, newline=false): "unconfined", 10, no NUL) and
 * smack_getselfattr() (strlen(smk_known) + 1: "_\0", 2). Each entry is
 * lsm_fill_user_ctx()'s ALIGN(struct_size(nctx, ctx, val_len), sizeof(void *)).
 */
function currentEntries(p: Proc): { id: number; ctx: string; ctx_len: number; len: number }[] {
  const table: Record<string, { id: number; ctx: string; ctx_len: number }> = {
    selinux: { id: LSM_ID_SELINUX, ctx: 'kernel', ctx_len: 7 },
    apparmor: { id: LSM_ID_APPARMOR, ctx: 'unconfined', ctx_len: 10 },
    smack: { id: LSM_ID_SMACK, ctx: '_', ctx_len: 2 },
  };
  return p.k
    .hookHead('getselfattr')
    .filter((n) => n in table)
    .map((n) => ({ ...table[n]!, len: align8(32 + table[n]!.ctx_len) }));
}

const currentTotal = (p: Proc): number => currentEntries(p).reduce((s, e) => s + e.len, 0);

describe('tools/testing/selftests/lsm/lsm_list_modules_test.c', () => {
  // lsm_list_modules_test.c TEST(size_null_lsm_list_modules)
  test('size_null_lsm_list_modules', () => {
    forEachConfig((p) => {
      const syscall_lsms = calloc(p, page_size);
      const r = sys(p.k.lsm_list_modules(syscall_lsms, 0, 0));
      expect(r.ret, p.name).toBe(-1);
      // lsm_syscalls.c sys_lsm_list_modules(): get_user(usize, NULL) faults.
      expect(r.errno, p.name).toBe(EFAULT);
    });
  });

  // lsm_list_modules_test.c TEST(ids_null_lsm_list_modules)
  test('ids_null_lsm_list_modules', () => {
    forEachConfig((p) => {
      const size = sizeVar(p, page_size);
      const r = sys(p.k.lsm_list_modules(0, size, 0));
      expect(r.ret, p.name).toBe(-1);
      expect(r.errno, p.name).toBe(EFAULT);
      expect(getSize(p, size), p.name).not.toBe(1);
      // sys_lsm_list_modules(): put_user(total_size, size) happens before the ids are written.
      expect(getSize(p, size), p.name).toBe(8 * p.k.lsmIds.length);
    });
  });

  // lsm_list_modules_test.c TEST(size_too_small_lsm_list_modules)
  test('size_too_small_lsm_list_modules', () => {
    forEachConfig((p) => {
      const syscall_lsms = calloc(p, page_size);
      const size = sizeVar(p, 1);
      const r = sys(p.k.lsm_list_modules(syscall_lsms, size, 0));
      expect(r.ret, p.name).toBe(-1);
      expect(r.errno, p.name).toBe(E2BIG);
      expect(getSize(p, size), p.name).not.toBe(1);
      // sys_lsm_list_modules(): *size = lsm_active_cnt * sizeof(u64) before the usize check.
      expect(getSize(p, size), p.name).toBe(8 * p.k.lsmIds.length);
      expect(p.k.mem.getU64(syscall_lsms), p.name).toBe(0n);
    });
  });

  // lsm_list_modules_test.c TEST(flags_set_lsm_list_modules)
  test('flags_set_lsm_list_modules', () => {
    forEachConfig((p) => {
      const syscall_lsms = calloc(p, page_size);
      const size = sizeVar(p, page_size);
      const r = sys(p.k.lsm_list_modules(syscall_lsms, size, 7));
      expect(r.ret, p.name).toBe(-1);
      expect(r.errno, p.name).toBe(EINVAL);
      // sys_lsm_list_modules(): `if (flags) return -EINVAL;` comes before put_user().
      expect(getSize(p, size), p.name).toBe(page_size);
    });
  });

  // lsm_list_modules_test.c TEST(correct_lsm_list_modules)
  test('correct_lsm_list_modules', () => {
    const names: Record<number, string> = {
      [LSM_ID_CAPABILITY]: 'capability',
      [LSM_ID_SELINUX]: 'selinux',
      [LSM_ID_SMACK]: 'smack',
      [LSM_ID_TOMOYO]: 'tomoyo',
      [LSM_ID_APPARMOR]: 'apparmor',
      [LSM_ID_YAMA]: 'yama',
      [LSM_ID_LOADPIN]: 'loadpin',
      [LSM_ID_SAFESETID]: 'safesetid',
      [LSM_ID_LOCKDOWN]: 'lockdown',
      [LSM_ID_BPF]: 'bpf',
      [LSM_ID_LANDLOCK]: 'landlock',
      [LSM_ID_IMA]: 'ima',
      [LSM_ID_EVM]: 'evm',
      [LSM_ID_IPE]: 'ipe',
    };
    forEachConfig((p) => {
      const size = sizeVar(p, page_size);
      const syscall_lsms = calloc(p, page_size);
      const sysfs_lsms = read_sysfs_lsms(p);
      expect(sysfs_lsms, p.name).not.toBeNull();
      const count = sys(p.k.lsm_list_modules(syscall_lsms, size, 0)).ret;
      expect(count, p.name).toBeGreaterThanOrEqual(1);
      let cp = 0;
      for (let i = 0; i < count; i++) {
        const id = Number(p.k.mem.getU64(syscall_lsms + 8 * i));
        const name = names[id] ?? 'INVALID';
        // ASSERT_EQ(0, strncmp(cp, name, strlen(name)));
        expect(sysfs_lsms!.slice(cp, cp + name.length), `${p.name}: entry ${i}`).toBe(name);
        cp += name.length + 1;
      }
      // Own expectation: both lists come from lsm_idlist in 7.1 (lsm_order_append(), lsm_read()),
      // and from security_add_hooks() (lsm_idlist, lsm_names) in 6.x, so they have the same length;
      // *size is lsm_active_cnt * 8.
      expect(count, p.name).toBe(sysfs_lsms!.split(',').length);
      expect(count, p.name).toBe(p.k.lsmIds.length);
      expect(getSize(p, size), p.name).toBe(8 * count);
    });
  });
});

describe('tools/testing/selftests/lsm/lsm_get_self_attr_test.c', () => {
  // lsm_get_self_attr_test.c TEST(size_null_lsm_get_self_attr)
  test('size_null_lsm_get_self_attr', () => {
    forEachConfig((p) => {
      const ctx = calloc(p, page_size);
      const r = sys(p.k.lsm_get_self_attr(LSM_ATTR_CURRENT, ctx, 0, 0));
      expect(r.ret, p.name).toBe(-1);
      // security_getselfattr(): `if (size == NULL) return -EINVAL;` before get_user().
      expect(r.errno, p.name).toBe(EINVAL);
    });
  });

  // lsm_get_self_attr_test.c TEST(ctx_null_lsm_get_self_attr)
  test('ctx_null_lsm_get_self_attr', () => {
    forEachConfig((p) => {
      const size = sizeVar(p, page_size);
      const rc = sys(p.k.lsm_get_self_attr(LSM_ATTR_CURRENT, 0, size, 0));
      if (attr_lsm_count(p)) {
        if (p.k.version === '6.8') {
          // Linux 6.8.0's lsm_fill_user_ctx() has no `if (!uctx) goto out;`, so the hook's
          // copy_to_user(NULL) gives -EFAULT, which security_getselfattr() returns at once without
          // writing *size. The selftest's ASSERT_NE(-1, rc) fails on 6.8.0; eaf0e7a3d271 ("lsm:
          // handle the NULL buffer case in lsm_fill_user_ctx()", 6.9, backported to 6.8.y) fixed it.
          expect(rc, p.name).toEqual({ ret: -1, errno: EFAULT });
          expect(getSize(p, size), p.name).toBe(page_size);
          return;
        }
        expect(rc.ret, p.name).not.toBe(-1);
        expect(getSize(p, size), p.name).not.toBe(1);
        // lsm_fill_user_ctx(): a NULL uctx only reports the size; each hook returns 1.
        expect(rc.ret, p.name).toBe(currentEntries(p).length);
        expect(getSize(p, size), p.name).toBe(currentTotal(p));
      } else {
        expect(rc.ret, p.name).toBe(-1);
        // security_getselfattr(): no entries -> LSM_RET_DEFAULT(getselfattr); *size = total = 0.
        expect(rc.errno, p.name).toBe(EOPNOTSUPP);
        expect(getSize(p, size), p.name).toBe(0);
      }
    });
  });

  // lsm_get_self_attr_test.c TEST(size_too_small_lsm_get_self_attr)
  test('size_too_small_lsm_get_self_attr', () => {
    forEachConfig((p) => {
      const ctx = calloc(p, page_size);
      const size = sizeVar(p, 1);
      const r = sys(p.k.lsm_get_self_attr(LSM_ATTR_CURRENT, ctx, size, 0));
      expect(r.ret, p.name).toBe(-1);
      if (attr_lsm_count(p)) {
        expect(r.errno, p.name).toBe(E2BIG);
      } else {
        expect(r.errno, p.name).toBe(EOPNOTSUPP);
      }
      expect(getSize(p, size), p.name).not.toBe(1);
      // security_getselfattr(): on -E2BIG the required entry sizes are still summed into total.
      expect(getSize(p, size), p.name).toBe(currentTotal(p));
      expect(p.k.mem.getU64(ctx), p.name).toBe(0n);
    });
  });

  // lsm_get_self_attr_test.c TEST(flags_zero_lsm_get_self_attr)
  test('flags_zero_lsm_get_self_attr', () => {
    forEachConfig((p) => {
      const ctx = calloc(p, page_size);
      const syscall_lsms = calloc(p, page_size);
      const size = sizeVar(p, page_size);
      let r = sys(p.k.lsm_get_self_attr(LSM_ATTR_CURRENT, ctx, size, LSM_FLAG_SINGLE));
      expect(r.ret, p.name).toBe(-1);
      // security_getselfattr(): LSM_FLAG_SINGLE with ctx->id == LSM_ID_UNDEF -> -EINVAL, *size untouched.
      expect(r.errno, p.name).toBe(EINVAL);
      expect(getSize(p, size), p.name).toBe(page_size);

      const lsmcount = sys(p.k.lsm_list_modules(syscall_lsms, size, 0)).ret;
      expect(lsmcount, p.name).toBeGreaterThanOrEqual(1);

      const entries = currentEntries(p);
      for (let i = 0; i < lsmcount; i++) {
        setSize(p, size, page_size);
        const id = p.k.mem.getU64(syscall_lsms + 8 * i);
        p.k.mem.putU64(ctx, id); // ctx->id = syscall_lsms[i];
        r = sys(p.k.lsm_get_self_attr(LSM_ATTR_CURRENT, ctx, size, LSM_FLAG_SINGLE));
        const nid = Number(id);
        if (nid === LSM_ID_SELINUX || nid === LSM_ID_SMACK || nid === LSM_ID_APPARMOR) {
          expect(r.ret, `${p.name}: id ${nid}`).toBe(1);
          // Own expectation: the one entry of that LSM, written at ctx, *size = its length.
          const e = entries.find((x) => x.id === nid)!;
          const got = decodeLsmCtx(p.k.mem.read(ctx, e.len));
          expect(got.id, p.name).toBe(BigInt(nid));
          expect(got.len, p.name).toBe(BigInt(e.len));
          expect(got.ctx_len, p.name).toBe(BigInt(e.ctx_len));
          expect(ctxString(p, ctx), p.name).toBe(e.ctx);
          expect(getSize(p, size), p.name).toBe(e.len);
        } else {
          expect(r.ret, `${p.name}: id ${nid}`).toBe(-1);
          // No getselfattr callback of that id (or only bpf's stub): count 0 -> -EOPNOTSUPP.
          expect(r.errno, `${p.name}: id ${nid}`).toBe(EOPNOTSUPP);
        }
      }
    });
  });

  // lsm_get_self_attr_test.c TEST(flags_overset_lsm_get_self_attr)
  test('flags_overset_lsm_get_self_attr', () => {
    forEachConfig((p) => {
      const ctx = calloc(p, page_size);
      const size = sizeVar(p, page_size);
      let r = sys(p.k.lsm_get_self_attr(LSM_ATTR_CURRENT | LSM_ATTR_PREV, ctx, size, 0));
      expect(r.ret, p.name).toBe(-1);
      // 100 | 104 = 108 is no attribute: selinux_lsm_getattr(), apparmor_getselfattr() and
      // smack_getselfattr() all return -EOPNOTSUPP, so count stays 0.
      expect(r.errno, p.name).toBe(EOPNOTSUPP);
      expect(getSize(p, size), p.name).toBe(0);

      setSize(p, size, page_size);
      r = sys(p.k.lsm_get_self_attr(LSM_ATTR_CURRENT, ctx, size, LSM_FLAG_SINGLE | (LSM_FLAG_SINGLE << 1)));
      expect(r.ret, p.name).toBe(-1);
      // security_getselfattr(): `flags != LSM_FLAG_SINGLE` -> -EINVAL.
      expect(r.errno, p.name).toBe(EINVAL);
      expect(getSize(p, size), p.name).toBe(page_size);
    });
  });

  // lsm_get_self_attr_test.c TEST(basic_lsm_get_self_attr)
  test('basic_lsm_get_self_attr', () => {
    forEachConfig((p) => {
      const size = sizeVar(p, page_size);
      const ctx = calloc(p, page_size);
      const syscall_lsms = calloc(p, page_size);
      let cnt_current = 0;
      let cnt_exec = 0;
      let cnt_fscreate = 0;
      let cnt_keycreate = 0;
      let cnt_prev = 0;
      let cnt_sockcreate = 0;

      const lsmcount = sys(p.k.lsm_list_modules(syscall_lsms, size, 0)).ret;
      expect(lsmcount, p.name).toBeGreaterThanOrEqual(1);
      for (let i = 0; i < lsmcount; i++) {
        switch (Number(p.k.mem.getU64(syscall_lsms + 8 * i))) {
          case LSM_ID_SELINUX:
            cnt_current++;
            cnt_exec++;
            cnt_fscreate++;
            cnt_keycreate++;
            cnt_prev++;
            cnt_sockcreate++;
            break;
          case LSM_ID_SMACK:
            cnt_current++;
            break;
          case LSM_ID_APPARMOR:
            cnt_current++;
            cnt_exec++;
            cnt_prev++;
            break;
          default:
            break;
        }
      }

      if (cnt_current) {
        setSize(p, size, page_size);
        const r = sys(p.k.lsm_get_self_attr(LSM_ATTR_CURRENT, ctx, size, 0));
        const count = r.ret;
        expect(count, p.name).toBe(cnt_current);
        let tctx = ctx;
        const attr = read_proc_attr(p, 'current');
        expect(attr, p.name).not.toBeNull();
        expect(ctxString(p, tctx), p.name).toBe(attr);
        for (let i = 1; i < count; i++) {
          tctx = next_ctx(p, tctx);
          expect(ctxString(p, tctx), p.name).not.toBe(attr);
        }
        // Own expectation: *size is the sum of the ALIGN(32 + ctx_len, 8) entries.
        expect(getSize(p, size), p.name).toBe(currentTotal(p));
      }

      // The optional attributes: ASSERT_GE(cnt, count); the first entry equals the /proc value
      // when /proc gives one; later entries differ from it.
      const optional = (attrId: number, cnt: number, proc: string, expected: { ret: number; errno: number }): void => {
        if (!cnt) return;
        setSize(p, size, page_size);
        const r = sys(p.k.lsm_get_self_attr(attrId, ctx, size, 0));
        const count = r.ret;
        expect(count, `${p.name}: ${proc}`).toBeLessThanOrEqual(cnt);
        // Own expectation for the init task, from the LSMs' getselfattr hooks.
        expect(r, `${p.name}: ${proc}`).toEqual(expected);
        let tctx = ctx;
        const attr = read_proc_attr(p, proc);
        if (count > 0 && attr !== null) expect(ctxString(p, tctx), `${p.name}: ${proc}`).toBe(attr);
        for (let i = 1; i < count; i++) {
          tctx = next_ctx(p, tctx);
          expect(ctxString(p, tctx), `${p.name}: ${proc}`).not.toBe(attr);
        }
      };
      const selinux = p.k.lsmIds.includes(LSM_ID_SELINUX);
      // selinux_lsm_getattr(): exec/fscreate/keycreate/sockcreate sids are SECSID_NULL for the
      // init task: value NULL, length 0, a 32-byte entry, and the hook returns 1.
      // apparmor_getselfattr(): no ctx->onexec / ctx->previous -> label NULL -> -ENOENT, which
      // security_getselfattr() returns at once.
      const one = { ret: 1, errno: 0 };
      const enoent = { ret: -1, errno: ENOENT };
      optional(LSM_ATTR_EXEC, cnt_exec, 'exec', selinux ? one : enoent);
      optional(LSM_ATTR_FSCREATE, cnt_fscreate, 'fscreate', one);
      optional(LSM_ATTR_KEYCREATE, cnt_keycreate, 'keycreate', one);
      if (cnt_prev) {
        setSize(p, size, page_size);
        const r = sys(p.k.lsm_get_self_attr(LSM_ATTR_PREV, ctx, size, 0));
        const count = r.ret;
        expect(count, `${p.name}: prev`).toBeLessThanOrEqual(cnt_prev);
        // selinux: osid = SECINITSID_KERNEL ("kernel"); apparmor: no ctx->previous -> -ENOENT.
        expect(r, `${p.name}: prev`).toEqual(selinux ? one : enoent);
        if (count > 0) {
          let tctx = ctx;
          const attr = read_proc_attr(p, 'prev');
          expect(attr, p.name).not.toBeNull();
          expect(ctxString(p, tctx), p.name).toBe(attr);
          for (let i = 1; i < count; i++) {
            tctx = next_ctx(p, tctx);
            expect(ctxString(p, tctx), p.name).not.toBe(attr);
          }
        }
      }
      optional(LSM_ATTR_SOCKCREATE, cnt_sockcreate, 'sockcreate', one);
    });
  });
});

describe('tools/testing/selftests/lsm/lsm_set_self_attr_test.c', () => {
  // lsm_set_self_attr_test.c TEST(ctx_null_lsm_set_self_attr)
  test('ctx_null_lsm_set_self_attr', () => {
    forEachConfig((p) => {
      const r = sys(p.k.lsm_set_self_attr(LSM_ATTR_CURRENT, 0, 32 /* sizeof(struct lsm_ctx) */, 0));
      expect(r.ret, p.name).toBe(-1);
      // security_setselfattr(): the size checks pass, memdup_user(NULL, 32) -> -EFAULT.
      expect(r.errno, p.name).toBe(EFAULT);
    });
  });

  // lsm_set_self_attr_test.c TEST(size_too_small_lsm_set_self_attr)
  test('size_too_small_lsm_set_self_attr', () => {
    forEachConfig((p) => {
      const ctx = calloc(p, page_size);
      const size = sizeVar(p, page_size);
      if (attr_lsm_count(p)) {
        expect(sys(p.k.lsm_get_self_attr(LSM_ATTR_CURRENT, ctx, size, 0)).ret, p.name).toBeGreaterThanOrEqual(1);
      }
      const r = sys(p.k.lsm_set_self_attr(LSM_ATTR_CURRENT, ctx, 1, 0));
      expect(r.ret, p.name).toBe(-1);
      // security_setselfattr(): `size < sizeof(*lctx)` -> -EINVAL.
      expect(r.errno, p.name).toBe(EINVAL);
    });
  });

  // lsm_set_self_attr_test.c TEST(flags_zero_lsm_set_self_attr)
  test('flags_zero_lsm_set_self_attr', () => {
    forEachConfig((p) => {
      const ctx = calloc(p, page_size);
      const size = sizeVar(p, page_size);
      if (attr_lsm_count(p)) {
        expect(sys(p.k.lsm_get_self_attr(LSM_ATTR_CURRENT, ctx, size, 0)).ret, p.name).toBeGreaterThanOrEqual(1);
      }
      const r = sys(p.k.lsm_set_self_attr(LSM_ATTR_CURRENT, ctx, getSize(p, size), 1));
      expect(r.ret, p.name).toBe(-1);
      // security_setselfattr(): `if (flags) return -EINVAL;` first.
      expect(r.errno, p.name).toBe(EINVAL);
    });
  });

  // lsm_set_self_attr_test.c TEST(flags_overset_lsm_set_self_attr)
  test('flags_overset_lsm_set_self_attr', () => {
    forEachConfig((p) => {
      const ctx = calloc(p, page_size);
      const size = sizeVar(p, page_size);
      const tctx = ctx;
      if (attr_lsm_count(p)) {
        expect(sys(p.k.lsm_get_self_attr(LSM_ATTR_CURRENT, tctx, size, 0)).ret, p.name).toBeGreaterThanOrEqual(1);
      }
      const r = sys(p.k.lsm_set_self_attr(LSM_ATTR_CURRENT | LSM_ATTR_PREV, tctx, getSize(p, size), 0));
      expect(r.ret, p.name).toBe(-1);
      if (attr_lsm_count(p)) {
        // The ctx is a valid entry of the active attribute LSM, so security_setselfattr() calls
        // its setselfattr hook, which rejects attribute 108: selinux_lsm_setattr() (default case),
        // apparmor_setselfattr() (neither CURRENT nor EXEC) and smack_setselfattr() (not CURRENT)
        // all return -EOPNOTSUPP.
        expect(r.errno, p.name).toBe(EOPNOTSUPP);
      } else {
        // A zeroed ctx of page_size bytes: ctx->len 0 < sizeof(*lctx) + ctx_len -> -EINVAL.
        expect(r.errno, p.name).toBe(EINVAL);
      }
    });
  });
});

// Not a selftest: the 6.8.0 ABI the model now follows (size_t *size), checked directly.
describe('6.8.0 size_t size (before a5a858f622a0)', () => {
  test('lsm_list_modules() and lsm_get_self_attr() read and write 8 bytes of *size', () => {
    const k = boot({ kernelVersion: '6.8' });
    const size = k.mem.alloc(8);
    k.mem.putU64(size, 0x1_0000_0000n); // a u32 read would see 0 and fail with E2BIG
    const ids = k.mem.alloc(page_size);
    expect(k.lsm_list_modules(ids, size, 0).rc).toBe(k.lsmIds.length);
    expect(k.mem.getU64(size)).toBe(BigInt(8 * k.lsmIds.length));
    const four = k.mem.alloc(4); // a __u32 size: the 8-byte get_user() faults
    expect(k.lsm_list_modules(ids, four, 0).rc).toBe(-EFAULT);
    expect(k.lsm_get_self_attr(LSM_ATTR_CURRENT, ids, four, 0).rc).toBe(-EFAULT);
    k.mem.putU64(size, BigInt(page_size));
    expect(k.lsm_get_self_attr(LSM_ATTR_CURRENT, ids, size, 0).rc).toBe(1);
    expect(k.mem.getU64(size)).toBe(40n);
    expect(utf8Decode(k.mem.read(ids + 32, 6))).toBe('kernel');
  });

  test('since 6.9 (6.18, 7.1) *size is a __u32', () => {
    for (const kernelVersion of ['6.18', '7.1'] as const) {
      const k = boot({ kernelVersion });
      const size = k.mem.alloc(8);
      k.mem.putU64(size, 0x1_0000_0000n); // the u32 get_user() sees 0
      const ids = k.mem.alloc(page_size);
      expect(k.lsm_list_modules(ids, size, 0).rc, kernelVersion).toBe(-E2BIG);
      expect(k.mem.getU64(size), kernelVersion).toBe(0x1_0000_0000n + BigInt(8 * k.lsmIds.length));
    }
  });
});
