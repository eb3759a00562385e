// The syscall pair of syscallPairs.ts, for an instruction count: `node instructionPairs.mjs MODE N`
// runs 20,000 pairs to warm up, then N more, on one machine (MODE traced or untraced). Run under
// callgrind at two values of N, the difference is what N pairs cost, start-up and JIT aside.
import { simulatedPairs, TRACED, UNTRACED } from './syscallPairs';

const [mode = 'traced', n = '10000'] = process.argv.slice(2);
const pair = new Map(simulatedPairs()).get(mode === 'traced' ? TRACED : UNTRACED)!;
for (let i = 0; i < 20_000; i++) pair();
for (let i = 0; i < Number(n); i++) pair();
