import { describe, expect, test } from 'vitest';
import { DEFAULT_MODULE_FILE, DEFAULT_MODULE_SOURCE } from './examples';
import { Engine, type LoadOptions } from './engine';
import { EngineSession, handleEngineRequest, type EngineResponse } from './protocol';

let nextId = 1;
function session(options: LoadOptions, engineOpts: ConstructorParameters<typeof Engine>[0] = {}) {
  const s = new EngineSession(new Engine(engineOpts));
  const loaded = handleEngineRequest(s, { id: nextId++, type: 'load', options });
  if (loaded.type !== 'loaded') throw new Error(JSON.stringify(loaded));
  const shell = (line: string) => {
    const r = handleEngineRequest(s, { id: nextId++, type: 'shell', line });
    if (r.type !== 'shell') throw new Error(JSON.stringify(r));
    return r as Extract<EngineResponse, { type: 'shell' }>;
  };
  return { s, load: loaded.result, shell };
}

const mod = (source: string, fileName = 'my_lsm.ts') => ({ modules: [{ fileName, source }] });

const DENY_SHADOW_WRITES = `import { Hooks, File, Result, Ok, Err, EACCES, FMODE_WRITE, defineLsm, LSM_ID_UNDEF, pr_info } from 'kernel';
class Guard implements Hooks {
  file_open(file: File): Result {
    if (file.path() === '/etc/shadow' && file.mode() & FMODE_WRITE) {
      pr_info('denied write to {} (flags {:#x})', file.path(), file.flags());
      return Err(EACCES);
    }
    return Ok();
  }
}
export default defineLsm(Guard, 'guard\\0', LSM_ID_UNDEF);
`;

describe('user LSMs through the engine', () => {
  test('the default module (RustShield) boots stacked after the in-tree LSMs and denies writes', () => {
    const { load, shell } = session(mod(DEFAULT_MODULE_SOURCE, DEFAULT_MODULE_FILE));
    expect(load.diagnostics).toEqual([]);
    expect(load.ok).toBe(true);
    expect(load.lsms.map((l) => [l.name, l.hooks])).toEqual([['rustshield', ['file_open']]]);
    expect(shell('cat /sys/kernel/security/lsm').result.output).toBe(
      'capability,landlock,lockdown,yama,loadpin,safesetid,selinux,tomoyo,ipe,bpf,rustshield,ima,evm\n',
    );
    const denied = shell('echo hacked >> /etc/shadow');
    expect(denied.result.output).toBe('bash: /etc/shadow: Permission denied\n');
    const open = denied.result.outcome!;
    expect(open.errno).toBe('-EACCES');
    const verdicts = open.trace.filter((e) => e.type === 'lsm_return' && e.hook === 'file_open');
    expect(verdicts.at(-1)).toMatchObject({ lsm: 'rustshield', verdict: 'deny', errno: '-EACCES' });
    expect(open.trace.some((e) => e.type === 'printk' && e.text === 'rustshield: blocked write to /etc/shadow')).toBe(
      true,
    );
    expect(shell('cat /etc/shadow').result.status).toBe(0);
  });

  test('pr_info formats like Rust, prefixed with the LSM name; printk lands in dmesg', () => {
    const { shell } = session(mod(DENY_SHADOW_WRITES));
    shell('echo x > /etc/shadow');
    expect(shell('dmesg').result.output).toContain('guard: denied write to /etc/shadow (flags 0x241)');
  });

  test('a syntax error is a diagnostic at its line, and nothing boots', () => {
    const { load } = session(mod('import { Hooks } from "kernel";\nclass A implements Hooks {\n  file_open(f {\n}\n'));
    expect(load.ok).toBe(false);
    expect(load.diagnostics).toHaveLength(1);
    expect(load.diagnostics[0]).toMatchObject({ fileName: 'my_lsm.ts', line: 3, severity: 'error' });
  });

  test('defineLsm checks the name, the id and the hooks as define_lsm! and rustc would', () => {
    const src = (name: string, id = 'LSM_ID_UNDEF', body = '') =>
      `import { Hooks, defineLsm, LSM_ID_UNDEF, LSM_ID_SELINUX, Ok } from 'kernel';\nclass A implements Hooks { ${body} }\nexport default defineLsm(A, ${name}, ${id});\n`;
    const problems = (source: string) =>
      session(mod(source)).load.diagnostics.map((d) => `${d.severity}: ${d.message}`);
    expect(problems(src("'my_lsm'"))[0]).toMatch(/no NUL terminator/);
    expect(problems(src("'selinux\\0'"))[0]).toMatch(/in-tree LSM/);
    expect(problems(src("'My LSM\\0'"))[0]).toMatch(/\[a-z0-9_\]/);
    expect(problems(src("'a\\0'", 'LSM_ID_SELINUX'))[0]).toMatch(/LSM_ID_SELINUX/);
    expect(problems(src("'a\\0'", 'LSM_ID_UNDEF', 'file_opne() { return Ok(); }'))).toEqual([
      expect.stringMatching(/^warning: A.file_opne is not an LSM hook.*did you mean file_open\?/),
      'warning: the class implements no hooks: the LSM registers nothing',
    ]);
    const d = session(mod('export const x = 1;\n')).load.diagnostics;
    expect(d[0]!.message).toMatch(/defines no LSM/);
  });

  test('defineLsm flags: an exclusive user LSM loses the exclusive slot to SELinux, and lsm= gives it back', () => {
    const flagged = DEFAULT_MODULE_SOURCE.replace(
      'LSM_ID_UNDEF, pr_info',
      'LSM_ID_UNDEF, LSM_FLAG_LEGACY_MAJOR, LSM_FLAG_EXCLUSIVE, pr_info',
    ).replace('LSM_ID_UNDEF);', 'LSM_ID_UNDEF, LSM_FLAG_LEGACY_MAJOR | LSM_FLAG_EXCLUSIVE);');
    const collided = session({ ...mod(flagged, DEFAULT_MODULE_FILE), boot: { cmdline: 'lsm.debug' } });
    expect(collided.load.diagnostics).toEqual([]);
    expect(collided.load.order).toContain('selinux');
    expect(collided.load.order).not.toContain('rustshield');
    expect(collided.load.dmesg).toContain('LSM: select exclusive LSM builtin:selinux\n');
    expect(collided.load.dmesg).toContain('LSM: skip exclusive LSM conflict builtin:rustshield\n');
    expect(collided.shell('echo x > /etc/shadow').result.status).toBe(0);
    expect(collided.load.lsms[0]!.expansion).toContain(
      'flags: bindings::LSM_FLAG_LEGACY_MAJOR | bindings::LSM_FLAG_EXCLUSIVE,',
    );
    const recovered = session({
      ...mod(flagged, DEFAULT_MODULE_FILE),
      boot: { cmdline: 'lsm=landlock,lockdown,yama,rustshield,bpf' },
    });
    expect(recovered.shell('cat /sys/kernel/security/lsm').result.output).toBe(
      'capability,landlock,lockdown,yama,rustshield,bpf,ima,evm\n',
    );
    expect(recovered.shell('echo x > /etc/shadow').result.output).toBe('bash: /etc/shadow: Permission denied\n');
    const bad = session(mod(DEFAULT_MODULE_SOURCE.replace('LSM_ID_UNDEF);', 'LSM_ID_UNDEF, 8);'))).load;
    expect(bad.diagnostics.map((d) => d.message)).toEqual([
      'defineLsm(T, name, id, flags): flags must be 0 or LSM_FLAG_LEGACY_MAJOR | LSM_FLAG_EXCLUSIVE, not 8',
    ]);
  });

  test('SecurityBlob.offset(): each module and each declaration its own slice, known from the init on', () => {
    const src = (name: string, sizes: number[]) =>
      `import { Hooks, File, Result, Ok, SecurityBlob, defineLsm, LSM_ID_UNDEF, pr_info } from 'kernel';
${sizes.map((n, i) => `const b${i} = new SecurityBlob<number>('task', () => 0, ${n});`).join('\n')}
class A implements Hooks {
  constructor() { ${sizes.map((_, i) => `pr_info('b${i} @{} +{}', b${i}.offset(), b${i}.size());`).join(' ')} }
  file_open(file: File): Result { return Ok(); }
}
export default defineLsm(A, '${name}\\0', LSM_ID_UNDEF);
`;
    const { load } = session({
      modules: [
        { fileName: 'a.ts', source: src('a', [8, 4]) },
        { fileName: 'b.ts', source: src('b', [16]) },
      ],
    });
    expect(load.diagnostics).toEqual([]);
    const lines = (load.dmesg ?? '').split('\n').filter((l) => /\] [ab]: b\d @/.test(l));
    const at = lines.map((l) => l.replace(/^\[[^\]]*\] /, ''));
    // In-tree slices first (128 bytes of the 7.1 task blob), then a's two declarations one after
    // the other; 7.1 aligns each LSM's request to sizeof(void *), so a's 12 bytes take 16 and b starts at 144.
    expect(at).toEqual(['a: b0 @128 +8', 'a: b1 @136 +4', 'b: b0 @144 +16']);
  });

  test('the macro expansion lists the generated items', () => {
    const { load } = session(mod(DENY_SHADOW_WRITES));
    const x = load.lsms[0]!.expansion;
    expect(x).toContain('static __LSM_ID: LsmId = LsmId { name: c"guard", id: bindings::LSM_ID_UNDEF as u64 };');
    expect(x).toContain('bindings::security_add_hooks(__LSM_HOOKS.as_mut_ptr().cast(), 1, &__LSM_ID);');
    expect(x).toContain('#[link_section = ".lsm_info.init"]');
  });

  test('Rust v1 flags hooks beyond the three, blobs and a second LSM', () => {
    const v1 = (modules: { fileName: string; source: string }[]) =>
      session({ modules, rustV1: true }).load.diagnostics.map((d) => d.message);
    const perm = `import { Hooks, defineLsm, LSM_ID_UNDEF, Ok } from 'kernel';\nclass A implements Hooks { inode_permission() { return Ok(); } }\nexport default defineLsm(A, 'a\\0', LSM_ID_UNDEF);\n`;
    expect(v1([{ fileName: 'a.ts', source: perm }])[0]).toMatch(/^inode_permission: the v1 Rust abstraction has only/);
    const blob = `import { SecurityBlob } from 'kernel';\nconst b = new SecurityBlob('task');\n`;
    expect(v1([{ fileName: 'a.ts', source: blob }])[0]).toMatch(/no security blob support/);
    const two = [
      { fileName: 'a.ts', source: DENY_SHADOW_WRITES },
      { fileName: 'b.ts', source: DENY_SHADOW_WRITES.replace("'guard\\0'", "'guard2\\0'") },
    ];
    expect(v1(two)).toEqual([expect.stringMatching(/At most one Rust LSM/)]);
    expect(session({ modules: two }).load.ok).toBe(true);
  });

  test('security blobs: per-task state through the framework blob offsets', () => {
    const src = `import { Hooks, File, Result, Ok, SecurityBlob, current, defineLsm, LSM_ID_UNDEF, pr_info } from 'kernel';
const opens = new SecurityBlob<{ n: number }>('task', () => ({ n: 0 }));
class Counter implements Hooks {
  file_open(file: File): Result {
    const s = opens.get(current()) as { n: number };
    s.n++;
    if (file.path() === '/etc/hostname') pr_info('{} opened {} files', current().comm(), s.n);
    return Ok();
  }
}
export default defineLsm(Counter, 'counter\\0', LSM_ID_UNDEF);
`;
    const { load, shell } = session(mod(src));
    expect(load.lsms[0]!.blobs).toEqual({ task: 8 });
    shell('cat /etc/passwd');
    shell('cat /etc/hostname');
    expect(shell('dmesg').result.output).toMatch(/counter: bash opened 2 files/);
  });

  test('securityfs files: the debug toggle of RustShield', () => {
    const src = `import { Hooks, defineLsm, LSM_ID_UNDEF, securityfs_create_file, Ok, EINVAL, Err } from 'kernel';
let debug = false;
class Shield implements Hooks {
  constructor() {
    securityfs_create_file('debug', 0o600, {
      read: () => (debug ? '1\\n' : '0\\n'),
      write: (d: string) => { if (!/^[01]\\n?$/.test(d)) return Err(EINVAL); debug = d[0] === '1'; return Ok(); },
    });
  }
}
export default defineLsm(Shield, 'shield\\0', LSM_ID_UNDEF);
`;
    const { shell } = session(mod(src));
    expect(shell('cat /sys/kernel/security/shield/debug').result.output).toBe('0\n');
    expect(shell('echo 1 > /sys/kernel/security/shield/debug').result.status).toBe(0);
    expect(shell('cat /sys/kernel/security/shield/debug').result.output).toBe('1\n');
    expect(shell('echo maybe > /sys/kernel/security/shield/debug').result.output).toMatch(/Invalid argument/);
  });
});

describe('faults of user code are contained and reported the kernel way', () => {
  const hook = (body: string, extra = '') =>
    mod(`import { Hooks, File, Result, Ok, defineLsm, LSM_ID_UNDEF } from 'kernel';
${extra}
class Bad implements Hooks {
  file_open(file: File): Result {
    ${body}
    return Ok();
  }
}
export default defineLsm(Bad, 'bad\\0', LSM_ID_UNDEF);
`);

  test('an infinite loop ends in a soft lockup report naming the LSM, the hook and the line', () => {
    const { shell, s } = session(hook('let i = 0;\n    while (true) { i++; }'), { guardBudget: 1 << 16 });
    const r = shell('cat /etc/passwd');
    expect(r.fault).toMatchObject({
      kind: 'softlockup',
      lsm: 'bad',
      hook: 'file_open',
      fileName: 'my_lsm.ts',
      line: 6,
    });
    expect(r.result.outcome!.trace.some((e) => e.type === 'oops' && e.kind === 'softlockup')).toBe(true);
    const dmesg = s.engine.machine!.dmesg();
    expect(dmesg).toMatch(/watchdog: BUG: soft lockup - CPU#0 stuck for 22s! \[bash:1001\]/);
    expect(dmesg).toContain('RIP: 0010:bad::file_open (my_lsm.ts:6)');
    // The trace up to the lockup is kept: the syscall entered and reached the hook.
    const trace = r.result.outcome!.trace;
    expect(trace[0]).toMatchObject({ type: 'syscall_enter', name: 'openat' });
    expect(trace.some((e) => e.type === 'lsm_call' && e.lsm === 'bad')).toBe(true);
  });

  test('a loop that catches the lockup cannot swallow it', () => {
    const { shell } = session(hook('for (;;) { try { while (true) {} } catch { /* keep going */ } }'), {
      guardBudget: 1 << 12,
    });
    expect(shell('cat /etc/passwd').fault).toMatchObject({ kind: 'softlockup', line: 5 });
  });

  test('the wall-clock limit stops a slow loop before the budget', () => {
    let t = 0;
    const { shell } = session(hook('while (true) {}'), { now: () => (t += 10), timeLimitMs: 1000 });
    expect(shell('cat /etc/passwd').fault).toMatchObject({ kind: 'softlockup' });
  });

  test('a throw is a Rust panic: panicked at the line, then the BUG report', () => {
    const { shell, s } = session(hook("const x: any = undefined;\n    if (file.path() === '/etc/passwd') x.boom();"));
    const r = shell('cat /etc/passwd');
    expect(r.fault).toMatchObject({ kind: 'panic', line: 6 });
    expect(r.fault!.message).toMatch(/^panicked at my_lsm.ts:6: TypeError: Cannot read properties of undefined/);
    expect(s.engine.machine!.dmesg()).toMatch(
      /rust_kernel: panicked at my_lsm.ts:6:\d+:\n.*\n.*cut here.*\n.*kernel BUG at rust\/helpers\/bug.c:7!/,
    );
  });

  test('an allocation that cannot succeed is an allocation failure report', () => {
    const { shell, s } = session(hook('const a = new Array(2 ** 32);'));
    const r = shell('cat /etc/passwd');
    expect(r.fault).toMatchObject({ kind: 'oom', line: 5 });
    expect(s.engine.machine!.dmesg()).toContain('bash: page allocation failure: order:10, mode:0xcc0(GFP_KERNEL)');
  });

  test('allocating in a loop without bound is stopped by the guard at the loop', () => {
    const { shell } = session(hook('const a: number[][] = [];\n    while (true) a.push(new Array(64).fill(0));'), {
      guardBudget: 1 << 14,
    });
    expect(shell('cat /etc/passwd').fault).toMatchObject({ kind: 'softlockup', line: 6 });
  });

  test('unbounded recursion hits the stack guard page', () => {
    const { shell } = session(hook('f(1);', 'function f(n: number): number { return f(n + 1) + 1; }'));
    expect(shell('cat /etc/passwd').fault).toMatchObject({ kind: 'stack' });
  });

  test('a bad return value is reported with the hook and what it returned', () => {
    const { shell } = session(
      mod(`import { Hooks, defineLsm, LSM_ID_UNDEF } from 'kernel';
class Bad implements Hooks {
  file_open(): any {
    return 5;
  }
}
export default defineLsm(Bad, 'bad\\0', LSM_ID_UNDEF);
`),
    );
    const r = shell('cat /etc/passwd');
    expect(r.fault).toMatchObject({ kind: 'badret', hook: 'file_open', line: 3 });
    expect(r.fault!.message).toMatch(/returned 5; an int hook must return Ok\(\) or Err\(errno\)/);
  });

  test('a sleeping helper in task_free gives the might_sleep BUG report', () => {
    const { shell, s } = session(
      mod(`import { Hooks, Task, defineLsm, LSM_ID_UNDEF, msleep } from 'kernel';
class Sleepy implements Hooks {
  task_free(task: Task): void {
    msleep(10);
  }
}
export default defineLsm(Sleepy, 'sleepy\\0', LSM_ID_UNDEF);
`),
    );
    shell('/usr/bin/true');
    expect(s.engine.machine!.dmesg()).toContain('BUG: sleeping function called from invalid context');
  });

  test('module code sees seeded randomness and virtual time, and no network', () => {
    const src = `import { Hooks, defineLsm, LSM_ID_UNDEF, Ok } from 'kernel';
export const facts = [Math.random(), Date.now(), typeof fetch, typeof globalThis, typeof setTimeout];
class A implements Hooks {}
export default defineLsm(A, 'a\\0', LSM_ID_UNDEF);
`;
    const a = new Engine();
    const b = new Engine();
    a.load(mod(src));
    b.load(mod(src));
    const facts = (e: Engine) =>
      (e as unknown as { modules: { exports: { facts: unknown[] } }[] }).modules[0]!.exports.facts;
    expect(facts(a)).toEqual(facts(b));
    expect(facts(a).slice(2)).toEqual(['undefined', 'undefined', 'undefined']);
  });
});
