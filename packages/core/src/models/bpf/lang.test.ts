// The program language: what parses, and the first error with its line and column otherwise.
import { describe, expect, it } from 'vitest';
import { formatParseError, parseBpfLsmProgram } from './lang';
import { runBpfProgram, type BpfRunEnv } from './interp';

const ok = (text: string) => {
  const r = parseBpfLsmProgram(text);
  if (!r.ok) throw new Error(formatParseError(r.error));
  return r.program;
};
const err = (text: string): string => {
  const r = parseBpfLsmProgram(text);
  if (r.ok) throw new Error('parsed');
  return formatParseError(r.error);
};

const HEAD = '#include "vmlinux.h"\n#include <bpf/bpf_helpers.h>\nchar LICENSE[] SEC("license") = "GPL";\n';

describe('parseBpfLsmProgram', () => {
  it('parses the example of the issue, with the hook, its argument types and the license', () => {
    const p = ok(`${HEAD}
SEC("lsm/file_open")
int BPF_PROG(restrict_shadow, struct file *file)
{
    if (file->f_path.dentry->d_name == "shadow" && (u32)bpf_get_current_uid_gid() != 0)
        return -EPERM; /* deny */
    return 0; // allow
}
`);
    expect(p.hook).toBe('file_open');
    expect(p.name).toBe('restrict_shadow');
    expect(p.sleepable).toBe(false);
    expect(p.license).toBe('GPL');
    expect(p.params).toEqual([
      { name: 'file', type: { t: 'ptr', struct: 'file' }, index: 0, pos: { line: 6, col: 31 } },
    ]);
    expect(p.nrArgs).toBe(1);
    expect(p.insnCnt).toBeGreaterThan(2);
  });

  it('reports syntax and semantic errors at line:col', () => {
    expect(err(`${HEAD}SEC("lsm/file_open")\nint BPF_PROG(p, struct file *file)\n{\n    return 0\n}\n`)).toBe(
      "8:1: error: expected ';' before '}'",
    );
    expect(
      err(`${HEAD}SEC("lsm/file_open")\nint BPF_PROG(p, struct file *file)\n{\n    return file->f_pth ? 0 : 1;\n}\n`),
    ).toBe("7:18: error: no member named 'f_pth' in 'struct file'");
    expect(
      err(
        `${HEAD}SEC("lsm/file_open")\nint BPF_PROG(p, struct file *file)\n{\n    return file->f_path->dentry ? 0 : 1;\n}\n`,
      ),
    ).toBe("7:24: error: member reference type 'struct path' is not a pointer; did you mean to use '.'?");
    expect(
      err(
        `${HEAD}SEC("lsm/file_open")\nint BPF_PROG(p, struct file *file)\n{\n    if (current_uid() != 0) return -EPERM;\n    return 0;\n}\n`,
      ),
    ).toBe("7:9: error: call to undeclared function 'current_uid': use (u32)bpf_get_current_uid_gid()");
    expect(
      err(`${HEAD}SEC("lsm/file_open")\nint BPF_PROG(p, struct file *file)\n{\n    while (1) {}\n    return 0;\n}\n`),
    ).toBe("7:5: error: 'while' is not supported: programs have no loops or jumps, so they always terminate");
    expect(err(`${HEAD}SEC("kprobe/do_sys_open")\nint BPF_PROG(p) { return 0; }\n`)).toMatch(
      /^4:5: error: libbpf: failed to guess program type/,
    );
    expect(
      err(`${HEAD}SEC("lsm/file_open")\nint BPF_PROG(p, struct file *file)\n{\n    return undefined_thing;\n}\n`),
    ).toBe("7:12: error: use of undeclared identifier 'undefined_thing'");
    expect(
      err(
        `${HEAD}SEC("lsm/file_open")\nint BPF_PROG(p, struct file *file)\n{\n    bpf_printk("%d %d", 1);\n    return 0;\n}\n`,
      ),
    ).toBe('7:16: error: the format has 2 conversions for 1 arguments');
    expect(err('SEC("lsm/file_open")\nint BPF_PROG(p, struct file *file)\n{\n    return "x;\n}\n')).toBe(
      '4:12: error: missing terminating " character',
    );
  });

  it("knows each version's hooks: inode_xattr_skipcap is not in 6.8", () => {
    expect(
      parseBpfLsmProgram(
        `${HEAD}SEC("lsm/inode_xattr_skipcap")\nint BPF_PROG(p, const char *name) { return 0; }\n`,
        '7.1',
      ).ok,
    ).toBe(true);
    const r = parseBpfLsmProgram(
      `${HEAD}SEC("lsm/inode_xattr_skipcap")\nint BPF_PROG(p, const char *name) { return 0; }\n`,
      '6.8',
    );
    expect(r.ok ? null : r.errno).toBe('ESRCH');
  });
});

describe('runBpfProgram', () => {
  const env = (uid: number): BpfRunEnv => ({
    task: { pid: 1102, comm: 'bash', cred: { uid, gid: 1000 } },
    now: 0,
    dPath: () => '/etc/shadow',
    tracePrintk: () => undefined,
  });
  const file = { f_path: { dentry: { d_name: 'shadow' } } };

  it('evaluates C: integer widths, casts, shifts, ?:, && short-circuit, BPF division by zero', () => {
    const p = ok(`${HEAD}SEC("lsm/file_open")
int BPF_PROG(p, struct file *file)
{
    u64 ug = bpf_get_current_uid_gid();
    u32 uid = ug;
    u32 gid = ug >> 32;
    int z = 0;
    if (uid / z != 0) return -1;
    if (uid % z != uid) return -2;
    if (gid != 1000 || uid != 1000) return -3;
    if ((u8)257 != 1) return -4;
    if ((int)0xffffffff != -1) return -5;
    return file->f_path.dentry->d_name.len == 6 ? -EPERM : 0;
}
`);
    expect(runBpfProgram(p, [file], 0, env(1000))).toBe(-1);
  });
});

describe('BPF_PROG parameters', () => {
  it('are local copies that the program may assign', () => {
    const p = ok(
      `${HEAD}SEC("lsm/file_permission")\nint BPF_PROG(p, struct file *file, int mask)\n{\n    mask = mask & 2;\n    return mask ? -EPERM : 0;\n}\n`,
    );
    const env: BpfRunEnv = { task: { pid: 1, comm: 'init' }, now: 0, dPath: () => '', tracePrintk: () => undefined };
    expect(runBpfProgram(p, [null, 6], 0, env)).toBe(-1);
    expect(runBpfProgram(p, [null, 4], 0, env)).toBe(0);
  });
});
