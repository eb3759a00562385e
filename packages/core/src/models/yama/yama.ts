// Yama (security/yama/yama_lsm.c, Documentation/admin-guide/LSM/Yama.rst): ptrace scoping by the
// sysctl kernel.yama.ptrace_scope, with PR_SET_PTRACER exceptions. Yama keeps no blobs: its
// relations are one global list (ptracer_relations), and it writes no audit records, only a
// rate-limited pr_notice.
import type { HookImpls } from '../../hooks/hookDefs';
import { EINVAL, ENOSYS, EPERM } from '../../errno';
import { KERN_INFO, KERN_NOTICE } from '../../kernel/printk';
import { dointvecMinmax } from '../../kernel/sysctl';
import type { Struct } from '../../kernel/objects';
import type { LsmInitContext } from '../../lsm/lsmInfo';
import { CAP_SYS_PTRACE } from '../../machine/capability';
import type { Task } from '../../machine/types';
import { taskComm, taskPid, type InTreeModel } from '../model';

export const YAMA_SCOPE_DISABLED = 0;
export const YAMA_SCOPE_RELATIONAL = 1;
export const YAMA_SCOPE_CAPABILITY = 2;
export const YAMA_SCOPE_NO_ATTACH = 3;

/** include/uapi/linux/prctl.h: PR_SET_PTRACER is 0x59616d61 ("Yama"); PR_SET_PTRACER_ANY is -1UL. */
export const PR_SET_PTRACER = 0x59616d61;
/** include/linux/ptrace.h PTRACE_MODE_* bits. */
const PTRACE_MODE_ATTACH = 0x02;
const PTRACE_MODE_NOAUDIT = 0x04;

/** One PR_SET_PTRACER exception: tracer null means any process (PR_SET_PTRACER_ANY). */
interface Relation {
  readonly tracer: Task | null;
  readonly tracee: Task;
}

function yamaInit(ctx: LsmInitContext): { hooks: Partial<HookImpls> } {
  let ptraceScope = YAMA_SCOPE_RELATIONAL;
  let relations: Relation[] = [];

  const find = (pid: number): Task | null => ctx.findTaskByVpid(pid) as Task | null;
  const current = (): Task => ctx.currentTask() as unknown as Task;

  /** task_is_descendant(): walk child's real_parent chain (the model has one thread per process). */
  const taskIsDescendant = (parent: Task | null, child: Task | null): boolean => {
    if (!parent || !child) return false;
    let walker: Task | null = child;
    while (walker && walker.pid > 0) {
      if (walker === parent) return true;
      walker = walker.ppid > 0 ? find(walker.ppid) : null;
    }
    return false;
  };

  /** ptracer_exception_found(): an active tracer of the same group, or a PR_SET_PTRACER relation. */
  const ptracerExceptionFound = (tracer: Task, tracee: Task): boolean => {
    if (tracee.ptracer && tracee.ptracer === tracer.pid) return true;
    const rel = relations.find((r) => r.tracee === tracee);
    return rel !== undefined && (rel.tracer === null || taskIsDescendant(rel.tracer, tracer));
  };

  /**
   * report_access(): the kernel queues __report_access() as task_work that runs when the caller
   * returns to user space, and prints each task's quotable command line; the model prints at the
   * denial, with comm for the command line (argv is not modelled).
   */
  const reportAccess = (access: string, target: Struct, agent: Struct): void =>
    ctx.printkRatelimited(
      KERN_NOTICE,
      `ptrace ${access} of "${taskComm(target)}"[${taskPid(target)}] was attempted by "${taskComm(agent)}"[${taskPid(agent)}]`,
      '__report_access',
    );

  // register_sysctl("kernel/yama", yama_sysctl_table): ptrace_scope, 0644, yama_dointvec_minmax.
  ctx.pseudoFileCreate('proc_sys', 'kernel/yama/ptrace_scope', {
    mode: 0o644,
    read: () => `${ptraceScope}\n`,
    write: (data) => {
      ctx.kfunc('yama_dointvec_minmax', `write "${data.trim()}"`);
      if (!ctx.capable(CAP_SYS_PTRACE)) return -EPERM;
      // Lock the max value if it ever gets set: extra1 becomes extra2.
      const min = ptraceScope === YAMA_SCOPE_NO_ATTACH ? YAMA_SCOPE_NO_ATTACH : YAMA_SCOPE_DISABLED;
      const v = dointvecMinmax(data, min, YAMA_SCOPE_NO_ATTACH);
      if (v === null) return -EINVAL;
      ptraceScope = v;
      return data.length;
    },
  });
  ctx.printk(KERN_INFO, 'Yama: becoming mindful.');

  const hooks: Partial<HookImpls> = {
    ptrace_access_check: (child, mode) => {
      const tracee = child as unknown as Task;
      let rc = 0;
      if (mode & PTRACE_MODE_ATTACH) {
        ctx.kfunc('yama_ptrace_access_check', `ptrace_scope ${ptraceScope}`);
        switch (ptraceScope) {
          case YAMA_SCOPE_DISABLED:
            break;
          case YAMA_SCOPE_RELATIONAL:
            if (tracee.state === 'dead') rc = -EPERM;
            if (
              !rc &&
              !taskIsDescendant(current(), tracee) &&
              !ptracerExceptionFound(current(), tracee) &&
              !ctx.capable(CAP_SYS_PTRACE)
            )
              rc = -EPERM;
            break;
          case YAMA_SCOPE_CAPABILITY:
            if (!ctx.capable(CAP_SYS_PTRACE)) rc = -EPERM;
            break;
          default:
            rc = -EPERM;
        }
      }
      if (rc && (mode & PTRACE_MODE_NOAUDIT) === 0 && child) reportAccess('attach', child, ctx.currentTask());
      return rc;
    },
    ptrace_traceme: (parent) => {
      let rc = 0;
      if (ptraceScope === YAMA_SCOPE_CAPABILITY) {
        const cred = (parent as unknown as Task).cred ?? null;
        if (!cred || !ctx.hasCapability(cred, CAP_SYS_PTRACE)) rc = -EPERM;
      } else if (ptraceScope === YAMA_SCOPE_NO_ATTACH) rc = -EPERM;
      if (rc && parent) reportAccess('traceme', ctx.currentTask(), parent);
      return rc;
    },
    task_prctl: (option, arg2) => {
      if (option !== PR_SET_PTRACER) return -ENOSYS;
      const myself = current();
      // arg2 is an unsigned long: PR_SET_PTRACER_ANY is -1UL, and (int)arg2 == -1 counts too.
      const a2 = BigInt.asUintN(64, BigInt(arg2));
      if (a2 === 0n) {
        relations = relations.filter((r) => r.tracee !== myself);
        return 0;
      }
      if (a2 === 0xffff_ffff_ffff_ffffn || BigInt.asIntN(32, a2) === -1n) {
        relations = [...relations.filter((r) => r.tracee !== myself), { tracer: null, tracee: myself }];
        return 0;
      }
      const tracer = a2 <= 0x7fff_ffffn ? find(Number(a2)) : null;
      if (!tracer) return -EINVAL;
      relations = [...relations.filter((r) => r.tracee !== myself), { tracer, tracee: myself }];
      return 0;
    },
    // yama_task_free() → yama_ptracer_del(task, task): relations naming the task as either end go.
    task_free: (task) => {
      relations = relations.filter((r) => r.tracee !== (task as unknown) && r.tracer !== (task as unknown));
    },
  };
  return { hooks };
}

export const yamaModel: InTreeModel = {
  name: 'yama',
  implemented: () => ['ptrace_access_check', 'ptrace_traceme', 'task_prctl', 'task_free'],
  notes: {
    ptrace_access_check:
      'the denial notice names comm, not the quotable command line, and is printed at once rather than by task_work at return to user space',
  },
  init: (ctx) => yamaInit(ctx),
};
