// The protocol's `log` field: each kernel log line reaches the page once, in order, linked to the
// printk event that wrote it; boot lines have no link; lines the ring buffer dropped are counted.
import { describe, expect, test } from 'vitest';
import { LOG_BUF_LEN } from '../machine/machine';
import { DEFAULT_MODULE_FILE, DEFAULT_MODULE_SOURCE } from './examples';
import { Engine, type LoadOptions } from './engine';
import { EngineSession, handleEngineRequest, type EngineResponse } from './protocol';

let nextId = 1;
function session(options: LoadOptions) {
  const s = new EngineSession(new Engine());
  const loaded = handleEngineRequest(s, { id: nextId++, type: 'load', options });
  if (loaded.type !== 'loaded') throw new Error(JSON.stringify(loaded));
  const shell = (line: string) => {
    const r = handleEngineRequest(s, { id: nextId++, type: 'shell', line });
    if (r.type !== 'shell') throw new Error(JSON.stringify(r));
    return r as Extract<EngineResponse, { type: 'shell' }>;
  };
  return { s, loaded, shell };
}

const rustshield = { modules: [{ fileName: DEFAULT_MODULE_FILE, source: DEFAULT_MODULE_SOURCE }] };

const module = (body: string) => ({
  modules: [
    {
      fileName: 'noisy.ts',
      source: `import { Hooks, File, Result, Ok, defineLsm, LSM_ID_UNDEF, pr_info, pr_warn } from 'kernel';
class Noisy implements Hooks {
  file_open(file: File): Result {
    ${body}
    return Ok();
  }
}
export default defineLsm(Noisy, 'noisy\\0', LSM_ID_UNDEF);
`,
    },
  ],
});

describe('the log lines of engine responses', () => {
  test('load sends the boot log, numbered from 0, with no links', () => {
    const { loaded } = session(rustshield);
    const { lines, dropped, next } = loaded.log;
    expect(dropped).toBe(0);
    expect(lines.length).toBeGreaterThan(5);
    expect(next).toBe(lines.length);
    expect(lines.map((l) => l.seq)).toEqual(lines.map((_, i) => i));
    expect(lines[0]!.text).toMatch(/^Linux version 7\.1/);
    expect(lines[0]!.time).toBe('[    0.000000]');
    expect(lines.every((l) => l.source === null && l.audit === null)).toBe(true);
    expect(loaded.result.dmesg).toBe(lines.map((l) => `${l.time} ${l.text}`).join('\n'));
  });

  test("a denial's printk comes once, linked to its event in the shell line's syscalls", () => {
    const { loaded, shell } = session(rustshield);
    const boot = loaded.log.next;
    const denied = shell('echo x > /etc/shadow');
    expect(denied.log.dropped).toBe(0);
    expect(denied.log.lines).toHaveLength(1);
    const line = denied.log.lines[0]!;
    expect(line).toMatchObject({ seq: boot, level: 6, text: 'rustshield: blocked write to /etc/shadow', audit: null });
    expect(line.time).toMatch(/^\[ {4}0\.\d{6}\]$/);
    const ev = denied.result.results[line.source!.syscall]!.trace[line.source!.event]!;
    expect(ev).toMatchObject({ type: 'printk', text: 'rustshield: blocked write to /etc/shadow' });
    expect(denied.result.results[line.source!.syscall]!.name).toBe('openat');
    // Nothing new: nothing sent again.
    expect(shell('cat /etc/hostname').log).toEqual({ lines: [], dropped: 0, next: boot + 1 });
    // The shell's dmesg reads the same buffer.
    expect(shell('dmesg').result.output).toContain(`${line.time} ${line.text}`);
  });

  test('lines of several syscalls keep their order, each linked to its own syscall', () => {
    const { shell } = session(module("pr_info('open {}', file.path());"));
    const r = shell('cat /etc/hostname /etc/passwd');
    const opens = r.log.lines.filter((l) => l.text.startsWith('noisy: open /etc/'));
    expect(opens.map((l) => l.text)).toEqual(['noisy: open /etc/hostname', 'noisy: open /etc/passwd']);
    expect(r.log.lines.map((l) => l.seq)).toEqual(r.log.lines.map((_, i) => r.log.lines[0]!.seq + i));
    const [a, b] = opens.map((l) => l.source!);
    expect(a!.syscall).toBeLessThan(b!.syscall);
    for (const l of r.log.lines) {
      const ev = r.result.results[l.source!.syscall]!.trace[l.source!.event]!;
      expect(ev).toMatchObject({ type: 'printk', text: l.text, level: l.level });
    }
  });

  test('lines the ring buffer dropped before a response are counted, the rest still linked', () => {
    // 3,000 lines of ~80 bytes from one open: more than CONFIG_LOG_BUF_SHIFT=17 holds.
    const { loaded, shell } = session(
      module(
        "if (file.path() === '/etc/hostname') for (let i = 0; i < 3000; i++) pr_warn('flood {} {}', i, 'x'.repeat(60));",
      ),
    );
    const r = shell('cat /etc/hostname');
    const { lines, dropped, next } = r.log;
    expect(dropped).toBeGreaterThan(0);
    expect(dropped + lines.length).toBe(next - loaded.log.next);
    expect(lines.reduce((n, l) => n + l.text.length + 1, 0)).toBeLessThanOrEqual(LOG_BUF_LEN);
    expect(lines.at(-1)!.text).toMatch(/^noisy: flood 2999 x+$/);
    expect(lines[0]!.text).toBe(`noisy: flood ${3000 - lines.length} ${'x'.repeat(60)}`);
    expect(lines.every((l) => l.level === 4 && l.source !== null)).toBe(true);
    const events = r.result.results[lines[0]!.source!.syscall]!.trace;
    expect(events[lines.at(-1)!.source!.event]).toMatchObject({ type: 'printk', text: lines.at(-1)!.text });
  });

  test('a new load starts the log over with the new boot', () => {
    const { s, shell } = session(rustshield);
    shell('echo x > /etc/shadow');
    const again = handleEngineRequest(s, { id: nextId++, type: 'load', options: rustshield });
    if (again.type !== 'loaded') throw new Error(again.type);
    expect(again.log.lines[0]!.seq).toBe(0);
    expect(again.log.lines.some((l) => l.text.includes('blocked write'))).toBe(false);
  });
});
