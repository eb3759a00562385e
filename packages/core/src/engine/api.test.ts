import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { KERNEL_VERSIONS } from '../version';
import { createKernelApi } from './api';
import { lsmApiDts } from './dts';
import { DEFAULT_MODULE_SOURCE } from './examples';
import { formatRust } from './format';

/** Type-checks `files` against the kernel module's declarations, as the editor does. */
function typeErrors(dts: string, files: Record<string, string>): string[] {
  const all: Record<string, string> = { '/kernel.d.ts': dts, ...files };
  const options: ts.CompilerOptions = {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts'],
    noEmit: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (f) => all[f] ?? read(f);
  host.fileExists = (f) => f in all || ts.sys.fileExists(f);
  const getSource = host.getSourceFile.bind(host);
  host.getSourceFile = (f, v) => (f in all ? ts.createSourceFile(f, all[f]!, v) : getSource(f, v));
  const program = ts.createProgram(Object.keys(all), options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

describe('the kernel module declarations', () => {
  test.each(KERNEL_VERSIONS)('declare every hook of %s and type-check the default module', (version) => {
    const dts = lsmApiDts(version);
    expect(typeErrors(dts, { '/rustshield.ts': DEFAULT_MODULE_SOURCE })).toEqual([]);
  });

  test('an undeclared hook argument type or a wrong return is a type error', () => {
    const bad = `import { Hooks, File, defineLsm, LSM_ID_UNDEF } from 'kernel';
class A implements Hooks { file_open(file: File): number { return file.flags(); } }
export default defineLsm(A, 'a\\0', LSM_ID_UNDEF);
`;
    expect(typeErrors(lsmApiDts(), { '/a.ts': bad }).join('\n')).toMatch(/not assignable/);
  });

  test('the declared values are exactly the values the runtime module exports', () => {
    const api = createKernelApi({
      version: '7.1',
      rustV1: false,
      runningLsm: () => null,
      loading: () => null,
      world: () => null,
      syscall: () => null,
      runAs: (_l, _w, fn) => fn(),
    });
    const declared = [...lsmApiDts().matchAll(/^ {2}export (?:const|function|class) (\w+)/gm)].map((m) => m[1]!);
    expect(new Set(declared)).toEqual(new Set(Object.keys(api)));
  });

  test('hooks carry their kernel doc and where the kernel calls them', () => {
    const dts = lsmApiDts('7.1');
    expect(dts).toContain('Called from `security_file_open()` (security/security.c, Linux 7.1).');
    expect(dts).toContain('file_open?(file: File | null): Result;');
    expect(dts).toMatch(/task_free\?\(task: Task \| null\): void;/);
  });
});

describe('pr_info formats like Rust', () => {
  test.each([
    ['flags={:#x}', [0x8241], 'flags=0x8241'],
    ['{} {:?} {{literal}}', ['a', 'b'], 'a "b" {literal}'],
    ['{:o} {:b} {:X}', [8, 5, 255], '10 101 FF'],
    ['missing {}', [], 'missing {}'],
    ['line\n', [], 'line'],
    ['neg {:x}', [-1], 'neg ffffffff'],
  ])('%j', (fmt, args, out) => {
    expect(formatRust(fmt, args)).toBe(out);
  });
});
