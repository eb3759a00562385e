// The syscall bench in Chromium, where the playground's engine worker runs the same code: bundled
// as a classic script by e2e/scripts/benchBrowser.mjs and run in a blank page, which calls
// `runSyscallBench(rounds, perRound)`.
import { interleaved, simulatedPairs } from './syscallPairs';

(globalThis as { runSyscallBench?: unknown }).runSyscallBench = (rounds: number, perRound: number) =>
  interleaved(simulatedPairs(), rounds, perRound, () => performance.now());
