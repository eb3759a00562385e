// The command line: `pnpm lsm run <scenario.json>` runs a scenario and prints each step's trace;
// `pnpm lsm test <scenario.json>...` runs scenarios and checks what they expect (for CI);
// `pnpm lsm lesson <lesson.json>...` checks lesson files as a teacher writes them;
// `pnpm lsm check <scenario.json>` only validates it; `pnpm lsm shell` is an interactive shell on
// a freshly booted machine. Run through tsx (no build step). Not library code: it may use Node.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import '../models/index';
import { formatTrace } from '../machine/formatTrace';
import { Machine } from '../machine/machine';
import { runScenario, validateScenario, type Scenario, type ScenarioRun, type StepResult } from '../machine/scenario';
import { initialShellState, runShell, shellPrompt } from '../machine/shell';
import { runLessonState, solutionState } from '../lessons/runLesson';
import { validateLesson } from '../lessons/validateLesson';

const USAGE = `usage: pnpm lsm <command> [options]

  run <scenario.json> [--quiet] [--blobs] [--no-kfuncs]
        run a scenario: each step's strace line, kernel functions, DAC checks and hooks;
        exits 1 when the scenario is invalid or an expectation does not hold
  test <scenario.json>...
        run each scenario and check its expectations (and each step's expect): prints
        ✓ or ✗ with each one's result, a summary per file and overall; exits 1 when one
        fails or a file is invalid
  lesson <lesson.json>...
        validate each lesson, run its reference solution (every goal must pass) and its
        start (must not pass them all); prints each goal's result; exits 1 otherwise
  hash <scenario.json>   print the sha256 of the scenario's traces (determinism checks)
  check <scenario.json>
        validate a scenario without running it
  shell [--trace]
        an interactive shell on a machine booted with the default configuration
`;

/** A path as the user typed it: relative to where `pnpm lsm` was started (pnpm runs in the root). */
function userPath(p: string): string {
  return resolve(process.env['INIT_CWD'] ?? process.cwd(), p);
}

/** The scenario in a file, or why it cannot be used (unreadable, not JSON, invalid: every problem). */
function read(file: string): { scenario: Scenario } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(userPath(file), 'utf8'));
  } catch (e) {
    return { error: `${file}: ${e instanceof Error ? e.message : String(e)}` };
  }
  const v = validateScenario(json);
  if (!v.ok) return { error: `${file}: invalid scenario:\n${v.errors.map((e) => `  ${e}`).join('\n')}` };
  return { scenario: v.scenario };
}

function load(file: string): Scenario | null {
  const r = read(file);
  if ('error' in r) {
    process.stderr.write(`lsm: ${r.error}\n`);
    return null;
  }
  return r.scenario;
}

function describeStep(r: StepResult): string {
  const who = `pid ${r.pid}`;
  const what = 'shell' in r.step ? `$ ${r.step.shell}` : r.step.syscall;
  return `--- step ${r.index + 1} (${who}): ${what}${r.step.note ? `  # ${r.step.note}` : ''}`;
}

function run(file: string, flags: Set<string>): number {
  const scenario = load(file);
  if (!scenario) return 1;
  let result;
  try {
    result = runScenario(scenario);
  } catch (e) {
    process.stderr.write(`lsm: ${file}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  const out: string[] = [`# ${scenario.name}${scenario.description ? `: ${scenario.description}` : ''}`];
  let failed = 0;
  for (const r of result.results) {
    out.push(describeStep(r));
    if (r.output) out.push(r.output.replace(/\n$/, ''));
    if (!flags.has('--quiet'))
      for (const s of r.results)
        out.push(formatTrace(s, { blobs: flags.has('--blobs'), kfuncs: !flags.has('--no-kfuncs') }));
    if (r.error) out.push(`  error: ${r.error}`);
    if (r.expectMet !== null || r.hooksMet !== null) {
      const ok = r.expectMet !== false && r.hooksMet !== false;
      if (!ok) failed++;
      out.push(ok ? '  expect: ok' : r.mismatches.map((m) => `  EXPECT FAILED: ${m}`).join('\n'));
    }
  }
  const steps = result.results.length;
  out.push(`--- ${steps} step${steps === 1 ? '' : 's'}, ${failed} unmet expectation${failed === 1 ? '' : 's'}`);
  process.stdout.write(`${out.join('\n')}\n`);
  if (failed) process.stderr.write(`lsm: ${file}: ${failed} step(s) did not meet their expectations\n`);
  return failed ? 1 : 0;
}

/** The lines `test` prints for one scenario, and whether everything it expects held. */
export function testReport(
  file: string,
  scenario: Scenario,
  result: ScenarioRun,
): { lines: string[]; failed: number; total: number } {
  const lines: string[] = [`${file}: ${scenario.name}`];
  let failed = 0;
  let total = 0;
  for (const r of result.results) {
    if (r.expectMet === null && r.hooksMet === null) continue;
    total++;
    const what = 'shell' in r.step ? `$ ${r.step.shell}` : r.step.syscall;
    if (r.mismatches.length === 0) lines.push(`  ✓ step ${r.index + 1} (${what}): as expected`);
    else {
      failed++;
      lines.push(`  ✗ step ${r.index + 1} (${what}): ${r.mismatches.join('; ')}`);
    }
  }
  for (const e of result.expectations) {
    total++;
    if (!e.pass) failed++;
    lines.push(`  ${e.pass ? '✓' : '✗'} ${e.title}: ${e.detail}`);
  }
  if (total === 0) lines.push('  (nothing to check: the scenario has no expectations and no step expects anything)');
  lines.push(`  ${failed === 0 ? 'ok' : 'FAILED'}: ${total - failed} of ${total} passed`);
  return { lines, failed, total };
}

function test(files: readonly string[]): number {
  let failedFiles = 0;
  let invalid = 0;
  let checks = 0;
  let failedChecks = 0;
  const bad: string[] = [];
  for (const file of files) {
    const loaded = read(file);
    if ('error' in loaded) {
      invalid++;
      bad.push(`${file} (invalid)`);
      process.stdout.write(`${loaded.error}\n`);
      continue;
    }
    const scenario = loaded.scenario;
    let result: ScenarioRun;
    try {
      result = runScenario(scenario);
    } catch (e) {
      invalid++;
      bad.push(`${file} (did not run)`);
      process.stdout.write(`${file}: did not run: ${e instanceof Error ? e.message : String(e)}\n`);
      continue;
    }
    const r = testReport(file, scenario, result);
    checks += r.total;
    failedChecks += r.failed;
    if (r.failed) {
      failedFiles++;
      bad.push(`${file} (${r.failed} failed)`);
    }
    process.stdout.write(`${r.lines.join('\n')}\n`);
  }
  const n = files.length;
  const passedFiles = n - failedFiles - invalid;
  process.stdout.write(
    `${passedFiles} of ${n} file${n === 1 ? '' : 's'} passed; ${checks - failedChecks} of ${checks} checks passed${invalid ? `; ${invalid} file${invalid === 1 ? '' : 's'} invalid or not run` : ''}\n`,
  );
  if (bad.length) process.stderr.write(`lsm test: failed: ${bad.join(', ')}\n`);
  return bad.length ? 1 : 0;
}

/** `lesson`: what a lesson author needs to know before sharing a lesson file. */
function lessons(files: readonly string[]): number {
  let bad = 0;
  for (const file of files) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(userPath(file), 'utf8'));
    } catch (e) {
      process.stdout.write(`${file}: ${e instanceof Error ? e.message : String(e)}\n`);
      bad++;
      continue;
    }
    const v = validateLesson(json);
    if (!v.ok) {
      process.stdout.write(`${file}: invalid lesson:\n${v.errors.map((e) => `  ${e}\n`).join('')}`);
      bad++;
      continue;
    }
    const lesson = v.lesson;
    const out: string[] = [`${file}: ${lesson.id}: ${lesson.title}`];
    let ok = true;
    const sol = runLessonState(lesson, solutionState(lesson));
    out.push(`  solution:${sol.passed ? '' : ' (must pass every goal)'}`);
    for (const e of sol.loadErrors) out.push(`    ✗ ${e}`);
    for (const r of sol.results) out.push(`    ${r.pass ? '✓' : '✗'} ${r.title}: ${r.detail}`);
    ok &&= sol.passed;
    const start = runLessonState(lesson, lesson.start);
    const left = start.results.filter((r) => !r.pass).length;
    out.push(
      start.passed
        ? '  start: ✗ passes every goal already (nothing to do)'
        : `  start: ✓ ${left} of ${start.results.length} goal${start.results.length === 1 ? '' : 's'} left to do${start.loadErrors.length ? ` (and: ${start.loadErrors.join('; ')})` : ''}`,
    );
    ok &&= !start.passed;
    out.push(`  ${ok ? 'ok' : 'FAILED'}`);
    if (!ok) bad++;
    process.stdout.write(`${out.join('\n')}\n`);
  }
  process.stdout.write(`${files.length - bad} of ${files.length} lesson${files.length === 1 ? '' : 's'} ok\n`);
  return bad ? 1 : 0;
}

/** sha256 over the JSON of every step's syscall results: equal runs give equal digests. */
export function traceDigest(run: ReturnType<typeof runScenario>): string {
  return createHash('sha256')
    .update(JSON.stringify(run.results.map((r) => r.results)))
    .digest('hex');
}

async function shell(trace: boolean): Promise<number> {
  const machine = Machine.boot();
  let state = initialShellState();
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  rl.setPrompt(shellPrompt(machine, state));
  rl.prompt();
  for await (const line of rl) {
    const r = runShell(machine, state, line);
    process.stdout.write(r.output);
    if (trace) for (const s of r.results) process.stdout.write(`${formatTrace(s)}\n`);
    state = r.state;
    rl.setPrompt(shellPrompt(machine, state));
    rl.prompt();
  }
  process.stdout.write('\n');
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  const flags = new Set(rest.filter((a) => a.startsWith('--')));
  const files = rest.filter((a) => !a.startsWith('--'));
  switch (cmd) {
    case 'run':
    case 'check': {
      if (files.length !== 1) break;
      if (cmd === 'run') return run(files[0]!, flags);
      if (!load(files[0]!)) return 1;
      process.stdout.write(`${files[0]}: ok\n`);
      return 0;
    }
    case 'test':
      if (files.length === 0) break;
      return test(files);
    case 'lesson':
      if (files.length === 0) break;
      return lessons(files);
    case 'hash': {
      if (files.length !== 1) break;
      const scenario = load(files[0]!);
      if (!scenario) return 1;
      process.stdout.write(`${traceDigest(runScenario(scenario))}\n`);
      return 0;
    }
    case 'shell':
      return shell(flags.has('--trace'));
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return 0;
  }
  process.stderr.write(USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`lsm: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
