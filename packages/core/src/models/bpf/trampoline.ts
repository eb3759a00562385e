// The kernel side of BPF LSM programs that is not the LSM itself: loaded programs (bpf_prog with
// its parsed text), BPF trampolines (kernel/bpf/trampoline.c) with the links attached to each
// `bpf_lsm_<hook>`, the trace pipe bpf_printk() writes to, and the bpf(2) commands that attach
// (BPF_LINK_CREATE, BPF_RAW_TRACEPOINT_OPEN → bpf_tracing_prog_attach()). The BPF LSM's stubs
// (bpf.ts) run what is attached here; a kernel whose lsm= leaves bpf out still loads and attaches
// programs (nothing checks), but no stub is on a hook head, so they never run.
//
// The state belongs to one kernel: it is keyed by the kernel's boot task (init_task), which the
// BPF LSM's init sees as current and the bpf(2) side reaches as Kernel.initTask.
import { EBADF, EBUSY, E2BIG, EINVAL } from '../../errno';
import type { Struct } from '../../kernel/objects';
import type { Sys } from '../../machine/syscallTable';
import { fileInUse } from '../../machine/taskState';
import type { File } from '../../machine/types';
import type { World } from '../../machine/world';
import { hookDefs } from '../../hooks/hookDefs';
import type { BpfLsmProgram } from './lang';

/** include/uapi/linux/bpf.h. */
export const BPF_RAW_TRACEPOINT_OPEN = 17;
export const BPF_LINK_CREATE = 28;
export const BPF_PROG_TYPE_LSM = 29;
export const BPF_LSM_MAC = 27;
export const BPF_F_SLEEPABLE = 1 << 4;
/** include/linux/bpf.h BPF_MAX_TRAMP_LINKS (x86-64). */
export const BPF_MAX_TRAMP_LINKS = 38;

/** A loaded LSM program: the bpf_prog and what bpf_check() accepted. */
export interface LoadedBpfProg {
  readonly id: number;
  readonly prog: BpfLsmProgram;
  readonly btfId: number;
  /** bpf_prog_calc_tag(): the model hashes the program text (the kernel hashes the instructions). */
  readonly tag: string;
  readonly obj: Struct<'bpf_prog'>;
}

/** A bpf_tracing_link on the trampoline of one hook. */
export interface BpfLsmLink {
  readonly id: number;
  readonly prog: LoadedBpfProg;
  readonly file: File;
}

export class BpfLsmState {
  private nextProgId = 1;
  private nextLinkId = 1;
  /** Links per hook, newest first (__bpf_trampoline_link_prog() does hlist_add_head()). */
  private readonly links = new Map<string, BpfLsmLink[]>();
  private readonly progFiles = new WeakMap<File, LoadedBpfProg>();
  /** The machine whose fd tables hold the link files (a closed link fd detaches). */
  private world: World | null = null;
  /** The lines bpf_printk() wrote, as /sys/kernel/tracing/trace_pipe prints them. */
  readonly tracePipe: string[] = [];

  newProg(prog: BpfLsmProgram, obj: Struct<'bpf_prog'>, btfId: number): LoadedBpfProg {
    return { id: this.nextProgId++, prog, btfId, tag: progTag(prog), obj };
  }

  installProgFile(file: File, p: LoadedBpfProg): void {
    this.progFiles.set(file, p);
  }

  progOfFile(file: File): LoadedBpfProg | undefined {
    return this.progFiles.get(file);
  }

  /** The links on a hook whose fd is still open somewhere, newest first (bpf_trampoline_get_progs()). */
  active(hook: string): readonly BpfLsmLink[] {
    const list = this.links.get(hook);
    if (!list || list.length === 0) return [];
    const world = this.world;
    if (!world) return list;
    // bpf_link_release() at the last fput() of the link's file: bpf_trampoline_unlink_prog().
    const live = list.filter((l) => fileInUse(world, l.file));
    if (live.length !== list.length) this.links.set(hook, live);
    return live;
  }

  /** __bpf_trampoline_link_prog(): the same program twice on one trampoline is -EBUSY; at most BPF_MAX_TRAMP_LINKS. */
  link(world: World, p: LoadedBpfProg, file: () => File | number): BpfLsmLink | number {
    this.world = world;
    const list = [...this.active(p.prog.hook)];
    if (list.length >= BPF_MAX_TRAMP_LINKS) return -E2BIG;
    if (list.some((l) => l.prog === p)) return -EBUSY;
    const f = file();
    if (typeof f === 'number') return f;
    const l: BpfLsmLink = { id: this.nextLinkId++, prog: p, file: f };
    this.links.set(p.prog.hook, [l, ...list]);
    return l;
  }

  /** Every hook with programs attached, for a view of the trampolines. */
  attached(): ReadonlyMap<string, readonly BpfLsmLink[]> {
    return new Map([...this.links.keys()].map((h) => [h, this.active(h)] as const).filter(([, l]) => l.length > 0));
  }
}

const STATES = new WeakMap<object, BpfLsmState>();

/** The BPF LSM state of the kernel whose boot task is `initTask`. */
export function bpfLsmState(initTask: object): BpfLsmState {
  let s = STATES.get(initTask);
  if (!s) STATES.set(initTask, (s = new BpfLsmState()));
  return s;
}

/** FNV-1a over the program text, as 16 hex digits (the width of a bpf_prog tag). */
function progTag(p: BpfLsmProgram): string {
  let h = 0xcbf29ce484222325n;
  const s = `${p.section}\0${p.name}\0${JSON.stringify(p.body, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))}`;
  for (let i = 0; i < s.length; i++) {
    h ^= BigInt(s.charCodeAt(i));
    h = BigInt.asUintN(64, h * 0x100000001b3n);
  }
  return h.toString(16).padStart(16, '0');
}

/**
 * bpf_prog_load()'s end for an LSM program: the bpf_prog fd is installed; remember which program
 * it holds (bpf_prog_get() finds it again from the fd).
 */
export function bpfLsmProgInstalled(sys: Sys, fd: number, p: LoadedBpfProg): void {
  const file = sys.task.files.get(fd);
  if (file) bpfLsmState(sys.machine.kernel.initTask).installProgFile(file, p);
}

/**
 * link_create() (BPF_LINK_CREATE) and bpf_raw_tp_link_attach()'s path for LSM programs
 * (BPF_RAW_TRACEPOINT_OPEN with no name): bpf_prog_get(prog_fd) (-EBADF; -EINVAL for a program
 * that is not an LSM program), the attach_type check (link_create only: it must equal the
 * program's expected_attach_type BPF_LSM_MAC), bpf_tracing_prog_attach() → bpf_link_prime()
 * (anon_inode "bpf_link") → bpf_trampoline_link_prog() → bpf_link_settle(). Returns the link fd.
 */
export function bpfLsmAttach(
  sys: Sys,
  cmd: number,
  progFd: number,
  attachType: number,
  anonInodeGetfd: (name: string, obj: Struct) => number,
): number {
  const state = bpfLsmState(sys.machine.kernel.initTask);
  sys.kfunc(cmd === BPF_LINK_CREATE ? 'link_create' : 'bpf_raw_tracepoint_open', `prog_fd ${progFd}`);
  const file = sys.task.files.get(progFd);
  sys.kfunc('bpf_prog_get', `fd ${progFd}`);
  if (!file) return -EBADF;
  const p = state.progOfFile(file);
  const isProg = file.f_path.dentry.d_name === 'anon_inode:bpf-prog';
  if (!isProg) return -EINVAL;
  if (!p) {
    sys.kfunc('__sys_bpf', 'simplified: only BPF_PROG_TYPE_LSM programs attach in the model: -EINVAL');
    return -EINVAL;
  }
  if (cmd === BPF_LINK_CREATE && attachType !== BPF_LSM_MAC) return -EINVAL;
  sys.kfunc('bpf_tracing_prog_attach', `${p.prog.name} → bpf_lsm_${p.prog.hook} (btf_id ${p.btfId})`);
  const link: Struct = { struct: 'bpf_link', addr: sys.world.addr(), security: null, fields: {} };
  const r = state.link(sys.world, p, () => {
    sys.kfunc('bpf_link_prime');
    const fd = anonInodeGetfd('bpf_link', link);
    return fd < 0 ? fd : sys.task.files.get(fd)!;
  });
  if (typeof r === 'number') return r;
  sys.kfunc(
    'bpf_trampoline_link_prog',
    `${p.prog.name} on bpf_lsm_${p.prog.hook} (${sys.machine.kernel.order.includes('bpf') ? 'BPF_TRAMP_' + (hookDefs(sys.version).get(p.prog.hook)?.ret === 'void' ? 'FEXIT' : 'MODIFY_RETURN') : 'the BPF LSM is not in lsm=: the stub is on no hook head, the program will not run'})`,
  );
  sys.kfunc('bpf_link_settle');
  for (const [fd, f] of sys.task.files) if (f === r.file) return fd;
  return -EINVAL;
}
