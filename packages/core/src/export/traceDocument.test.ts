import { describe, expect, test } from 'vitest';
import '../models/index';
import { Engine } from '../engine/engine';
import { DEFAULT_MODULE_FILE, DEFAULT_MODULE_SOURCE } from '../engine/examples';
import { initialShellState, runShell } from '../machine/shell';
import { traceDocument, traceJson, traceText, type TraceBoot } from './traceDocument';

/** Boots the default module and runs one shell line; returns the boot and the line's syscalls. */
function run(line: string) {
  const engine = new Engine();
  const load = engine.load({ modules: [{ fileName: DEFAULT_MODULE_FILE, source: DEFAULT_MODULE_SOURCE }] });
  const m = engine.machine!;
  const boot: TraceBoot = {
    kernelVersion: m.version,
    configLsm: 'landlock,lockdown,yama,integrity,selinux,bpf,ipe,rustshield',
    cmdline: '',
    notBuilt: [],
    order: load.order,
    userLsms: load.lsms,
  };
  return { boot, results: runShell(m, initialShellState(), line).results };
}

describe('traceDocument', () => {
  test('version 1: the boot, the line, and per syscall its strace line and every event', () => {
    const { boot, results } = run('echo x > /etc/shadow');
    const doc = traceDocument(boot, 'echo x > /etc/shadow', results);
    expect(Object.keys(doc)).toEqual(['format', 'version', 'boot', 'line', 'steps']);
    expect(doc.format).toBe('lsm-playground-trace');
    expect(doc.version).toBe(1);
    expect(doc.boot.order).toContain('rustshield');
    expect(doc.boot.userLsms).toEqual([
      { name: 'rustshield', id: 0, className: 'RustShield', fileName: 'rustshield.ts', hooks: ['file_open'] },
    ]);
    const open = doc.steps.find((s) => s.syscall === 'openat')!;
    expect(open.strace).toBe(
      'openat(AT_FDCWD, "/etc/shadow", O_WRONLY|O_CREAT|O_TRUNC, 0666) = -1 EACCES (Permission denied)',
    );
    expect(open.errno).toBe('-EACCES');
    expect(open.events[0]!.type).toBe('syscall_enter');
    expect(open.events.at(-1)!.type).toBe('syscall_exit');
    expect(open.events.some((e) => e.type === 'lsm_return' && e.lsm === 'rustshield' && e.verdict === 'deny')).toBe(
      true,
    );
    expect(doc.steps.map((s) => s.index)).toEqual(doc.steps.map((_, i) => i));
  });

  test('deterministic: the same line on a fresh engine gives the same bytes, and they parse back', () => {
    const a = run('cat /etc/hostname');
    const b = run('cat /etc/hostname');
    const ja = traceJson(traceDocument(a.boot, 'cat /etc/hostname', a.results));
    expect(traceJson(traceDocument(b.boot, 'cat /etc/hostname', b.results))).toBe(ja);
    expect(JSON.parse(ja)).toEqual(traceDocument(a.boot, 'cat /etc/hostname', a.results));
    expect(ja.endsWith('}\n')).toBe(true);
  });

  test('text: the line, then each syscall as formatTrace prints it (the CLI text)', () => {
    const { results } = run('echo x > /etc/shadow');
    const text = traceText('echo x > /etc/shadow', results);
    expect(text.split('\n')[0]).toBe('$ echo x > /etc/shadow');
    expect(text).toContain(
      'openat(AT_FDCWD, "/etc/shadow", O_WRONLY|O_CREAT|O_TRUNC, 0666) = -1 EACCES (Permission denied)\n',
    );
    expect(text).toMatch(/security_file_open: .*rustshield=-EACCES ✗/);
  });
});
