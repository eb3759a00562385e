// BPF LSM programs written in the editor (`name.bpf.c`): parsed and verified with the modules,
// then loaded and attached by init after boot; their verdicts are the BPF LSM's.
import { describe, expect, test } from 'vitest';
import { Engine } from './engine';

const DENY_SHADOW = `char LICENSE[] SEC("license") = "GPL";

SEC("lsm/file_open")
int BPF_PROG(restrict_shadow, struct file *file)
{
    if (file->f_path.dentry->d_name == "shadow")
        return -EPERM;
    return 0;
}
`;

describe('BPF programs in the editor', () => {
  test('a program is attached at boot and denies as the BPF LSM', () => {
    const e = new Engine();
    const r = e.load({ modules: [{ fileName: 'restrict_shadow.bpf.c', source: DENY_SHADOW }] });
    expect(r.diagnostics).toEqual([]);
    expect(r.ok).toBe(true);
    const open = e.machine!.syscall(1001, 'openat', { path: '/etc/shadow', flags: 'O_RDONLY' });
    expect(open.errno).toBe('-EPERM');
    const verdicts = open.trace
      .filter((x) => x.type === 'lsm_return' && (x as { hook: string }).hook === 'file_open')
      .map((x) => `${(x as { lsm: string }).lsm}:${(x as { verdict: string }).verdict}`);
    expect(verdicts.at(-1)).toBe('bpf:deny');
    expect(e.machine!.syscall(1001, 'openat', { path: '/etc/passwd', flags: 'O_RDONLY' }).errno).toBeNull();
  });

  test('a syntax error and a verifier refusal point at the program, and nothing boots', () => {
    const e = new Engine();
    const bad = e.load({ modules: [{ fileName: 'bad.bpf.c', source: DENY_SHADOW.replace('return 0;', 'return 0') }] });
    expect(bad.ok).toBe(false);
    expect(bad.diagnostics[0]).toMatchObject({ fileName: 'bad.bpf.c', severity: 'error' });
    expect(bad.diagnostics[0]!.line).toBeGreaterThan(1);
    const one = e.load({ modules: [{ fileName: 'one.bpf.c', source: DENY_SHADOW.replace('return 0;', 'return 1;') }] });
    expect(one.ok).toBe(false);
    expect(one.diagnostics[0]!.message).toMatch(/verifier refuses the program: .*should have been in \[-4095, 0\]/);
  });

  test('with bpf left out of lsm=, the program loads and attaches but a warning says it never runs', () => {
    const e = new Engine();
    const r = e.load({
      modules: [{ fileName: 'restrict_shadow.bpf.c', source: DENY_SHADOW }],
      boot: { cmdline: 'lsm=yama' },
    });
    expect(r.ok).toBe(true);
    expect(r.diagnostics.map((d) => [d.severity, d.message])).toEqual([
      ['warning', 'bpf is not an active LSM of this boot: the program is attached but never runs'],
    ]);
    expect(e.machine!.syscall(1001, 'openat', { path: '/etc/shadow', flags: 'O_RDONLY' }).errno).toBeNull();
  });
});
