// The BPF LSM's public API, for an editor and the engine: compile a program's text (errors with
// line and column), the verifier's verdict without a machine, the bpf(2) constants a host passes
// to load and attach, and what a machine's trampolines and trace pipe hold.
import type { Machine } from '../../machine/machine';
import type { KernelVersion } from '../../version';
import { parseBpfLsmProgram } from './lang';
import { bpfLsmState, type BpfLsmLink } from './trampoline';
import { bpfLsmVerify, type VerifierResult } from './verifier';

export {
  parseBpfLsmProgram,
  formatParseError,
  type BpfLsmProgram,
  type BpfParseError,
  type BpfParseResult,
} from './lang';
export {
  BPF_LINK_CREATE,
  BPF_LSM_MAC,
  BPF_PROG_TYPE_LSM,
  BPF_RAW_TRACEPOINT_OPEN,
  type BpfLsmLink,
} from './trampoline';
export type { VerifierResult } from './verifier';

/** BPF_PROG_LOAD (enum bpf_cmd). */
export const BPF_PROG_LOAD = 5;

/** Compiles and verifies a program for a kernel version, as bpf(BPF_PROG_LOAD) would, without loading it. */
export function checkBpfLsmProgram(
  text: string,
  version: KernelVersion = '7.1',
): { readonly parse: ReturnType<typeof parseBpfLsmProgram>; readonly verifier: VerifierResult | null } {
  const parse = parseBpfLsmProgram(text, version);
  return { parse, verifier: parse.ok ? bpfLsmVerify(parse.program, version) : null };
}

/** The lines bpf_printk() wrote on this machine, as /sys/kernel/tracing/trace_pipe shows them. */
export function bpfTracePipe(m: Machine): readonly string[] {
  return bpfLsmState(m.kernel.initTask).tracePipe;
}

/** The programs attached to each hook's trampoline, newest (first to run) first. */
export function bpfLsmAttached(m: Machine): ReadonlyMap<string, readonly BpfLsmLink[]> {
  return bpfLsmState(m.kernel.initTask).attached();
}
