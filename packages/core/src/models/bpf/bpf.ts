// The BPF LSM (security/bpf/hooks.c, kernel/bpf/bpf_lsm.c, Documentation/bpf/prog_lsm.rst): one
// `bpf_lsm_<hook>` stub for every hook of lsm_hook_defs.h, registered on every hook head, each
// `return DEFAULT;` until a program is attached to it. An attached program runs from the stub's
// BPF trampoline:
// - int hooks: BPF_TRAMP_MODIFY_RETURN (bpf_attach_type_to_tramp()). invoke_bpf_mod_ret()
//   (arch/x86/net/bpf_jit_comp.c) runs the programs newest first, each seeing 0 as the previous
//   return value; the first non-zero return ends the run and becomes the hook's result without
//   calling the stub; when every program returns 0 the stub runs and returns the hook's default.
// - void hooks: BPF_TRAMP_FEXIT: the stub runs, then every program; return values are ignored.
import { errnoName } from '../../errno';
import { hookDefs, type HookDef, type HookImpls } from '../../hooks/hookDefs';
import { KERN_INFO } from '../../kernel/printk';
import type { LsmInitContext } from '../../lsm/lsmInfo';
import { dPath } from '../../machine/world';
import type { KernelVersion } from '../../version';
import { taskComm, taskPid, type InTreeModel } from '../model';
import { runBpfProgram, type BpfRunEnv } from './interp';
import { bpfLsmState, type BpfLsmLink, type BpfLsmState } from './trampoline';

/** A trace_pipe line: "%16s-%-7d [%03d] <lat> %5lu.%06lu: bpf_trace_printk: <msg>" (trace_print_context()). */
export function tracePipeLine(comm: string, pid: number, nowNs: number, msg: string): string {
  const usecs = Math.floor(nowNs / 1000);
  const secs = Math.floor(usecs / 1_000_000);
  const rem = usecs % 1_000_000;
  return `${comm.padStart(16)}-${String(pid).padEnd(7)} [000] ...11 ${String(secs).padStart(5)}.${String(rem).padStart(6, '0')}: bpf_trace_printk: ${msg}`;
}

function bpfInit(ctx: LsmInitContext, version: KernelVersion): { hooks: Partial<HookImpls> } {
  // The boot task is current during init: it names this kernel's trampolines.
  const state: BpfLsmState = bpfLsmState(ctx.currentTask());

  const env = (): BpfRunEnv => {
    const task = ctx.currentTask() as unknown as BpfRunEnv['task'];
    return {
      task,
      now: ctx.now(),
      dPath: (p) => dPath(p as Parameters<typeof dPath>[0]),
      tracePrintk: (msg) => {
        const line = tracePipeLine(taskComm(task), taskPid(task), ctx.now(), msg);
        state.tracePipe.push(line);
        ctx.kfunc('bpf_trace_printk', msg);
      },
    };
  };

  const runOne = (l: BpfLsmLink, args: readonly unknown[], retval: number, fmodRet: boolean): number => {
    const p = l.prog;
    // __bpf_prog_enter() → the JIT image, named bpf_prog_<tag>_<name> in kallsyms → __bpf_prog_exit().
    ctx.kfunc(`bpf_prog_${p.tag}_${p.prog.name}`, `${p.prog.section}, prog id ${p.id}, link id ${l.id}`);
    const rc = runBpfProgram(p.prog, args, retval, env());
    ctx.kfunc(
      '__bpf_prog_exit',
      !fmodRet
        ? `${p.prog.name} returned ${rc} (fexit: ignored)`
        : rc !== 0
          ? `${p.prog.name} returned ${errnoName(rc)}: not 0, so the trampoline skips the other programs and bpf_lsm_${p.prog.hook}`
          : `${p.prog.name} returned 0`,
    );
    return rc;
  };

  const stub = (def: HookDef): ((...args: unknown[]) => unknown) => {
    const hook = def.name;
    if (def.ret === 'void')
      return (...args: unknown[]) => {
        const links = state.active(hook);
        if (links.length === 0) return undefined;
        // BPF_TRAMP_FEXIT: the stub, then each program (its return value is ignored).
        ctx.kfunc(`bpf_lsm_${hook}`, 'the stub returns; fexit programs follow');
        for (const l of links) runOne(l, args, 0, false);
        return undefined;
      };
    const dflt = def.default ?? 0;
    return (...args: unknown[]) => {
      const links = state.active(hook);
      if (links.length === 0) return dflt;
      // BPF_TRAMP_MODIFY_RETURN: newest first; a non-zero return skips the rest and the stub.
      for (const l of links) {
        const rc = runOne(l, args, 0, true);
        if (rc !== 0) return rc;
      }
      ctx.kfunc(`bpf_lsm_${hook}`, `every program returned 0: the stub runs and returns ${def.defaultText || dflt}`);
      return dflt;
    };
  };

  const hooks: Record<string, unknown> = {};
  for (const def of hookDefs(version).values()) hooks[def.name] = stub(def);
  ctx.printk(KERN_INFO, 'LSM support for eBPF active');
  return { hooks: hooks as Partial<HookImpls> };
}

export const bpfModel: InTreeModel = {
  name: 'bpf',
  implemented: (version) => [...hookDefs(version).keys()],
  notes: {
    inode_free_security:
      'hooks.c also registers bpf_inode_storage_free() here (BPF inode storage is not modelled); only the stub and its programs run',
  },
  init: (ctx, version) => bpfInit(ctx, version),
};
