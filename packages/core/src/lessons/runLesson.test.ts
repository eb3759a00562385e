// runLessonState: a state is loaded and run as the page runs it, and judged by the lesson's goals;
// code that does not compile, a boot that panics and a module that faults never pass.
import { describe, expect, it } from 'vitest';
import '../models/index';
import { Machine } from '../machine/machine';
import { initialShellState, runShell } from '../machine/shell';
import { lessonById } from './index';
import type { Lesson, LessonState } from './lesson';
import { runLessonState, shellSessionSubject, solutionState } from './runLesson';

const lesson1 = lessonById('what-is-a-hook')!;
const withSource = (source: string): LessonState => ({
  ...lesson1.start,
  files: [{ fileName: 'first_hook.ts', source }],
});
const START = lesson1.start.files[0]!.source;

describe('runLessonState', () => {
  it('passes lesson 1 once the hook logs the open, and says which goal is missing before', () => {
    const before = runLessonState(lesson1, lesson1.start);
    expect(before.passed).toBe(false);
    expect(before.results.map((r) => r.pass)).toEqual([true, false, true]);
    expect(before.outputs).toEqual(['playground\n']);
    const after = runLessonState(
      lesson1,
      withSource(
        START.replace('// TODO: print the path of the file being opened.', "pr_info('open {}', file.path());"),
      ),
    );
    expect(after).toMatchObject({ passed: true, loadErrors: [], fault: null });
  });

  it('reports code that does not compile at its file and line, and checks the goals against nothing', () => {
    const r = runLessonState(lesson1, withSource(START.replace('return Ok();', 'return Ok(;')));
    expect(r.passed).toBe(false);
    expect(r.loadErrors).toHaveLength(1);
    expect(r.loadErrors[0]).toMatch(/^first_hook\.ts:7:\d+: /);
    expect(r.outputs).toEqual([]);
    expect(r.results.every((x) => !x.pass)).toBe(true);
  });

  it('reports a boot that panics (an init that throws)', () => {
    const r = runLessonState(
      lesson1,
      withSource(
        START.replace(
          'class FirstHook implements Hooks {',
          "class FirstHook implements Hooks {\n  constructor() { throw new Error('no'); }",
        ),
      ),
    );
    expect(r.passed).toBe(false);
    expect(r.loadErrors.some((e) => e.startsWith('boot: '))).toBe(true);
  });

  it('does not pass a module that faults, even when its goals hold', () => {
    const faulty = START.replace(
      '    // TODO: print the path of the file being opened.',
      "    pr_info('open {}', file.path());\n    if (file.path() === '/etc/hostname') (null as any).x = 1;",
    );
    const lesson: Lesson = {
      ...lesson1,
      goals: [{ kind: 'log', log: 'dmesg', contains: 'first_hook: open /etc/hostname' }],
    };
    const r = runLessonState(lesson, withSource(faulty));
    expect(r.fault).toMatchObject({ kind: 'panic', lsm: 'first_hook', hook: 'file_open', fileName: 'first_hook.ts' });
    expect(r.results.every((x) => x.pass)).toBe(true);
    expect(r.passed).toBe(false);
  });

  it('boots as the page does: a CONFIG_LSM left out, or the default one, gets the editor’s modules appended', () => {
    const lesson = lessonById('hook-heads')!;
    const sol = solutionState(lesson);
    expect(runLessonState(lesson, sol).passed).toBe(true);
    const noConfig = runLessonState(lesson, { ...sol, boot: {} });
    // Appended in tab order (gatekeeper, watcher): the watcher is never asked.
    expect(noConfig.loadErrors).toEqual([]);
    expect(noConfig.results.map((r) => r.pass)).toEqual([false, false, true]);
  });
});

describe('shellSessionSubject', () => {
  it('makes one step per shell line, its outcome the line’s outcome syscall', () => {
    const m = Machine.boot();
    let state = initialShellState();
    const lines = ['cat /etc/hostname /nonexistent', 'su alice', 'cat /etc/shadow'].map((l) => {
      const r = runShell(m, state, l);
      state = r.state;
      return r;
    });
    const s = shellSessionSubject(m, lines);
    expect(s.bootOrder).toEqual(m.kernel.order);
    expect(s.steps).toHaveLength(3);
    expect(s.steps[0]!.syscalls[s.steps[0]!.outcome]!.errno).toBe('-ENOENT');
    expect(s.steps[1]).toEqual({ syscalls: [], outcome: -1 });
    expect(s.steps[2]!.syscalls[s.steps[2]!.outcome]!).toMatchObject({ name: 'openat', errno: '-EACCES' });
    expect(s.dmesg.length).toBe(m.log.length);
  });
});
