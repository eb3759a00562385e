// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { inProcessWorker } from '../engine/inProcess';
import { createPlaygroundStore } from '../store/createPlaygroundStore';
import type { TraceRun } from '../store/traceSlice';
import { traceSvg, xmlText } from './traceSvg';

const parse = (svg: string) => new DOMParser().parseFromString(svg, 'image/svg+xml');
const texts = (svg: string) => [...parse(svg).getElementsByTagName('text')].map((t) => t.textContent);

async function deniedWrite() {
  const store = createPlaygroundStore({}, { spawnEngine: inProcessWorker });
  await store.getState().runShellLine('echo hacked >> /etc/shadow', { play: false });
  const s = store.getState();
  const run = s.run!;
  return { run, syscall: run.syscalls.findIndex((r) => r.name === 'openat'), order: s.loadResult!.order };
}

describe('traceSvg', () => {
  it('draws the denied write: the strace line, the stack in order, the path with each verdict', async () => {
    const { run, syscall, order } = await deniedWrite();
    const svg = traceSvg({ run, syscall, kernelVersion: '7.1', order });
    const doc = parse(svg);
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(doc.documentElement.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    // Generic families only: nothing to fetch, the file renders the same anywhere.
    expect(svg).not.toMatch(/@font-face|url\(|<image|href=/);
    expect(doc.documentElement.getAttribute('font-family')).toMatch(/monospace$/);
    const t = texts(svg);
    expect(t).toContain('$ echo hacked >> /etc/shadow');
    expect(t).toContain(
      'openat(AT_FDCWD, "/etc/shadow", O_WRONLY|O_CREAT|O_APPEND, 0666) = -1 EACCES (Permission denied)',
    );
    // The stack as StackView lists it, numbered in call order.
    expect(t).toContain('1 capability');
    expect(t).toContain(`${order.indexOf('rustshield') + 1} rustshield`);
    // The path: userspace, security_file_open denied by rustshield with every LSM's verdict, the return.
    expect(t).toContain('bash[1001] openat()');
    expect(t).toContain('security_file_open');
    expect(t).toContain('-13 -EACCES by rustshield');
    expect(t).toContain('rustshield -EACCES');
    expect(t).toContain('← openat = -13');
    const deny = [...doc.getElementsByTagName('text')].find((e) => e.textContent === 'rustshield -EACCES')!;
    expect(deny.getAttribute('fill')).toBe('#cf222e');
  });

  it('escapes what the user typed: the document parses and the text comes back unchanged', async () => {
    const { run, syscall, order } = await deniedWrite();
    const hostile = `echo "<b>&amp;</b>" '\u0001' > /tmp/x]]>`;
    const svg = traceSvg({ run: { ...run, line: hostile } as TraceRun, syscall, kernelVersion: '7.1', order });
    expect(parse(svg).getElementsByTagName('parsererror')).toHaveLength(0);
    expect(texts(svg)).toContain(`$ echo "<b>&amp;</b>" '\uFFFD' > /tmp/x]]>`);
    // Every & in the document starts an entity; no raw < inside text.
    expect(svg.replace(/&(amp|lt|gt|quot|apos);/g, '')).not.toContain('&');
    expect(svg).not.toContain('<b>');
  });

  it('xmlText replaces characters XML forbids and lone surrogates', () => {
    expect(xmlText('a\u0000b\uD800c\u0009')).toBe('a\uFFFDb\uFFFDc\u0009');
    expect(xmlText(`<'&">`)).toBe('&lt;&apos;&amp;&quot;&gt;');
  });

  it('a syscall the run does not have gives an empty path, still a valid document', async () => {
    const { run, order } = await deniedWrite();
    const svg = traceSvg({ run, syscall: 99, kernelVersion: '7.1', order });
    expect(parse(svg).getElementsByTagName('parsererror')).toHaveLength(0);
    expect(texts(svg)).toContain('(no syscall)');
  });
});
