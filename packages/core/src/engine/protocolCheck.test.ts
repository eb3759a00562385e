// The `check` request: expectations evaluated in the worker against the session as it stands (the
// boot order, every shell line since the last load, dmesg and the audit log).
import { describe, expect, test } from 'vitest';
import '../models/index';
import type { Expectation } from '../machine/expectations';
import { Engine } from './engine';
import { EngineSession, MAX_CHECKED_LINES, handleEngineRequest, type EngineResponse } from './protocol';

const DENY_SECRET = `import { Hooks, File, Result, Ok, Err, EACCES, defineLsm, LSM_ID_UNDEF, pr_info } from 'kernel';
class Guard implements Hooks {
  file_open(file: File): Result {
    if (file.path() === '/etc/shadow') { pr_info('no shadow'); return Err(EACCES); }
    return Ok();
  }
}
export default defineLsm(Guard, 'guard\\0', LSM_ID_UNDEF);
`;

function session(source?: string) {
  const s = new EngineSession(new Engine());
  let id = 1;
  const load = () => {
    const modules = source ? [{ fileName: 'guard.ts', source }] : [];
    const r = handleEngineRequest(s, { id: id++, type: 'load', options: { modules } });
    if (r.type !== 'loaded' || !r.result.ok) throw new Error(JSON.stringify(r));
  };
  const shell = (line: string) => handleEngineRequest(s, { id: id++, type: 'shell', line });
  const check = (expectations: readonly Expectation[]): EngineResponse =>
    handleEngineRequest(s, { id: id++, type: 'check', expectations });
  const results = (expectations: readonly Expectation[]) => {
    const r = check(expectations);
    if (r.type !== 'checked') throw new Error(JSON.stringify(r));
    return r.results;
  };
  return { s, load, shell, check, results };
}

describe('check: expectations against the shell session', () => {
  test('a denied line: result, lsm, hook and dmesg expectations pass and point at their events', () => {
    const { load, shell, results } = session(DENY_SECRET);
    load();
    shell('ls /tmp');
    shell('cat /etc/shadow');
    const r = results([
      { kind: 'result', step: 2, errno: 'EACCES', deniedBy: 'guard' },
      { kind: 'result', step: 1, errno: null },
      { kind: 'lsm', lsm: 'guard', called: true, hook: 'file_open', step: 2 },
      { kind: 'log', log: 'dmesg', contains: 'no shadow' },
    ]);
    expect(r.map((x) => [x.pass, x.detail])).toEqual([
      [true, expect.stringContaining('EACCES, denied by guard')],
      [true, expect.stringContaining('success')],
      [true, 'guard on file_open called in step 2'],
      [true, expect.stringContaining('no shadow')],
    ]);
    // The denial's event: step 2 is shell line index 1.
    expect(r[0]!.at).toMatchObject({ step: 1 });
    expect(r[0]!.at!.seq).toBeGreaterThan(0);
  });

  test('a failing expectation says what happened instead', () => {
    const { load, shell, results } = session(DENY_SECRET);
    load();
    shell('cat /etc/passwd');
    const [r] = results([{ kind: 'result', step: 1, errno: 'EACCES', deniedBy: 'guard' }]);
    expect(r!.pass).toBe(false);
    expect(r!.detail).toMatch(/expected EACCES, got success/);
    expect(r!.at).not.toBeNull();
  });

  test('boot order is the kernel lsm_order; a step past the session did not run', () => {
    const { load, results } = session(DENY_SECRET);
    load();
    const r = results([
      { kind: 'bootOrder', order: ['nonsense'] },
      { kind: 'result', step: 1, errno: null },
    ]);
    expect(r[0]!.pass).toBe(false);
    expect(r[0]!.detail).toMatch(/booted .*guard/);
    expect(r[1]).toMatchObject({ pass: false, detail: 'step 1 did not run (the run has 0 steps)' });
  });

  test('a load starts the steps over', () => {
    const { load, shell, results } = session(DENY_SECRET);
    load();
    shell('cat /etc/shadow');
    expect(results([{ kind: 'result', step: 1, deniedBy: 'guard' }])[0]!.pass).toBe(true);
    load();
    shell('cat /etc/passwd');
    expect(results([{ kind: 'result', step: 1, deniedBy: 'guard' }])[0]!.pass).toBe(false);
  });

  test('invalid expectations and no machine are errors, not crashes', () => {
    const { load, check } = session();
    const none = check([{ kind: 'bootOrder', order: ['capability'] }]);
    expect(none).toMatchObject({ type: 'error', message: expect.stringMatching(/load the modules/) });
    load();
    const bad = check([{ kind: 'hook', hook: 'no_such_hook', reached: true } as Expectation]);
    expect(bad).toMatchObject({ type: 'error', message: expect.stringMatching(/expectations\[0\]\.hook/) });
  });

  test('the session keeps at most MAX_CHECKED_LINES lines', () => {
    const { s, load, shell } = session();
    load();
    for (let i = 0; i < MAX_CHECKED_LINES + 3; i++) shell('true');
    expect(s.lines).toHaveLength(MAX_CHECKED_LINES);
  });

  test('line: an earlier line of the session again, with its outcome', () => {
    const { load, shell, s } = session(DENY_SECRET);
    load();
    shell('cat /etc/shadow');
    shell('ls /');
    const r = handleEngineRequest(s, { id: 99, type: 'line', step: 0 });
    if (r.type !== 'line' || !r.line) throw new Error(JSON.stringify(r));
    expect(r.line.results[r.line.outcome]).toMatchObject({ name: 'openat', errno: '-EACCES' });
    expect(handleEngineRequest(s, { id: 100, type: 'line', step: 2 })).toMatchObject({ type: 'line', line: null });
  });
});
