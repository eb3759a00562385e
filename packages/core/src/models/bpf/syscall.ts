// The BPF LSM program's way through bpf(BPF_PROG_LOAD): what libbpf does with the object first
// (the section names the program type and attach target: BPF_PROG_TYPE_LSM, BPF_LSM_MAC,
// attach_btf_id of `bpf_lsm_<hook>`, BPF_F_SLEEPABLE for "lsm.s/"), then bpf_check() (verifier.ts)
// and the program's fd. machine/syscalls/system.ts calls these.
import { hookDefs } from '../../hooks/hookDefs';
import type { Struct } from '../../kernel/objects';
import type { Sys } from '../../machine/syscallTable';
import { bpfLsmBtfId } from './hookSets';
import { formatParseError, parseBpfLsmProgram, type BpfLsmProgram } from './lang';
import {
  BPF_F_SLEEPABLE,
  BPF_LSM_MAC,
  BPF_PROG_TYPE_LSM,
  bpfLsmProgInstalled,
  bpfLsmState,
  type LoadedBpfProg,
} from './trampoline';
import { bpfLsmVerify } from './verifier';
import { EINVAL, ENOENT, ESRCH } from '../../errno';

/** What libbpf puts in bpf_attr for the program, or the -errno (and message) it stops with. */
export type LibbpfLoad =
  | {
      readonly prog: BpfLsmProgram;
      readonly attr: {
        readonly prog_type: number;
        readonly expected_attach_type: number;
        readonly attach_btf_id: number;
        readonly prog_flags: number;
        readonly insn_cnt: number;
        readonly license: string;
      };
    }
  | { readonly rc: number; readonly message: string };

/** bpf_object__open() + bpf_object__load()'s preparation of one LSM program's text. */
export function libbpfPrepare(version: Sys['version'], text: string): LibbpfLoad {
  const r = parseBpfLsmProgram(text, version);
  if (!r.ok) return { rc: -{ EINVAL, ENOENT, ESRCH }[r.errno], message: formatParseError(r.error) };
  const prog = r.program;
  return {
    prog,
    attr: {
      prog_type: BPF_PROG_TYPE_LSM,
      expected_attach_type: BPF_LSM_MAC,
      attach_btf_id: bpfLsmBtfId(version, prog.hook)!,
      prog_flags: prog.sleepable ? BPF_F_SLEEPABLE : 0,
      insn_cnt: prog.insnCnt,
      license: prog.license ?? '',
    },
  };
}

/**
 * bpf_check() for the LSM program: the verifier's checks (verifier.ts), its log in `out`; returns
 * the loaded program or bpf_check()'s -errno.
 */
export function bpfLsmCheck(
  sys: Sys,
  prog: BpfLsmProgram,
  obj: Struct<'bpf_prog'>,
  out: { data: string },
): LoadedBpfProg | number {
  const v = bpfLsmVerify(prog, sys.version);
  const def = hookDefs(sys.version).get(prog.hook)!;
  sys.kfunc(
    'bpf_check',
    v.rc
      ? `rejects ${prog.name}: ${v.log.join(' / ')}`
      : `accepts ${prog.name} for bpf_lsm_${prog.hook} (${def.ret} hook${def.ret === 'void' ? ': its return value is ignored' : ''})`,
  );
  out.data = v.log.map((l) => `${l}\n`).join('');
  if (v.rc) return v.rc;
  return bpfLsmState(sys.machine.kernel.initTask).newProg(prog, obj, bpfLsmBtfId(sys.version, prog.hook)!);
}

export { bpfLsmProgInstalled };
