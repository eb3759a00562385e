import { DEFAULT_MODULE_FILE, DEFAULT_MODULE_SOURCE } from '@lsm-playground/core';
import { describe, expect, it } from 'vitest';
import { createPlaygroundStore } from './createPlaygroundStore';
import {
  className,
  moduleTemplate,
  nextBpfProgramName,
  nextModuleName,
  validateModuleName,
  type EngineDiagnostic,
} from './editorSlice';

const names = (store: ReturnType<typeof createPlaygroundStore>) => store.getState().modules.map((m) => m.fileName);
const sourceOf = (store: ReturnType<typeof createPlaygroundStore>, fileName: string) =>
  store.getState().modules.find((m) => m.fileName === fileName)?.source;

const problem: EngineDiagnostic = { line: 7, column: 5, message: 'file.mode is not a function', severity: 'error' };

describe('editorSlice', () => {
  it('opens with the default module, dark theme and vim off', () => {
    const s = createPlaygroundStore().getState();
    expect(s.modules).toEqual([{ fileName: DEFAULT_MODULE_FILE, source: DEFAULT_MODULE_SOURCE }]);
    expect(s.activeFile).toBe(DEFAULT_MODULE_FILE);
    expect(s.editorTheme).toBe('dark');
    expect(s.vimMode).toBe(false);
    expect(s.engineDiagnostics).toEqual({});
  });

  it('adds modules under unique names from a template named after the file, and opens them', () => {
    const store = createPlaygroundStore();
    expect(store.getState().addModule()).toBe('lsm2.ts');
    expect(store.getState().addModule()).toBe('lsm3.ts');
    expect(store.getState().addModule('my_guard.ts')).toBe('my_guard.ts');
    expect(names(store)).toEqual([DEFAULT_MODULE_FILE, 'lsm2.ts', 'lsm3.ts', 'my_guard.ts']);
    expect(store.getState().activeFile).toBe('my_guard.ts');
    const source = sourceOf(store, 'my_guard.ts');
    expect(source).toContain('class MyGuard implements Hooks {');
    expect(source).toContain("export default defineLsm(MyGuard, 'my_guard\\0', LSM_ID_UNDEF);");
    expect(() => store.getState().addModule('my_guard.ts')).toThrow(/already exists/);
    expect(() => store.getState().addModule('Bad.ts')).toThrow(/lower-case/);
  });

  it('skips taken lsmN.ts names', () => {
    expect(nextModuleName(['rustshield.ts', 'lsm2.ts'])).toBe('lsm3.ts');
    expect(nextModuleName(['lsm2.ts', 'lsm3.ts'])).toBe('lsm4.ts');
  });

  it('derives a valid class name from any valid file name', () => {
    expect(className('rustshield.ts')).toBe('Rustshield');
    expect(className('no_new_privs.ts')).toBe('NoNewPrivs');
    expect(className('2fa.ts')).toBe('Lsm2fa');
    expect(className('_x.ts')).toBe('X');
    expect(moduleTemplate('lsm2.ts')).toMatch(/^import \{ Hooks, defineLsm, LSM_ID_UNDEF \} from 'kernel';/);
  });

  it('removes a module and opens its neighbour, but never the last one', () => {
    const store = createPlaygroundStore();
    store.getState().addModule();
    store.getState().addModule();
    store.getState().setActiveFile('lsm2.ts');
    store.getState().setEngineDiagnostics('lsm2.ts', [problem]);
    store.getState().removeModule('lsm2.ts');
    expect(names(store)).toEqual([DEFAULT_MODULE_FILE, 'lsm3.ts']);
    expect(store.getState().activeFile).toBe('lsm3.ts');
    expect(store.getState().engineDiagnostics).toEqual({});

    store.getState().removeModule('lsm3.ts'); // the last tab: its left neighbour
    expect(store.getState().activeFile).toBe(DEFAULT_MODULE_FILE);
    store.getState().removeModule(DEFAULT_MODULE_FILE);
    expect(names(store)).toEqual([DEFAULT_MODULE_FILE]);
    store.getState().removeModule('nope.ts');
    expect(names(store)).toEqual([DEFAULT_MODULE_FILE]);
  });

  it('keeps the open module when another one is removed', () => {
    const store = createPlaygroundStore();
    store.getState().addModule();
    store.getState().setActiveFile(DEFAULT_MODULE_FILE);
    store.getState().removeModule('lsm2.ts');
    expect(store.getState().activeFile).toBe(DEFAULT_MODULE_FILE);
  });

  it('renames valid, unique names only, carrying the text, the open tab and the diagnostics', () => {
    const store = createPlaygroundStore();
    store.getState().addModule();
    store.getState().setSource('lsm2.ts', 'typed by hand');
    store.getState().setEngineDiagnostics('lsm2.ts', [problem]);
    expect(store.getState().renameModule('lsm2.ts', 'Guard.ts')).toMatch(/lower-case/);
    expect(store.getState().renameModule('lsm2.ts', 'guard')).toMatch(/\.ts/);
    expect(store.getState().renameModule('lsm2.ts', 'my-guard.ts')).not.toBeNull();
    expect(store.getState().renameModule('lsm2.ts', DEFAULT_MODULE_FILE)).toBe(
      `${DEFAULT_MODULE_FILE} already exists.`,
    );
    expect(store.getState().renameModule('lsm2.ts', `${'a'.repeat(70)}.ts`)).toMatch(/64/);
    expect(store.getState().renameModule('nope.ts', 'x.ts')).toMatch(/does not exist/);
    expect(names(store)).toEqual([DEFAULT_MODULE_FILE, 'lsm2.ts']);

    expect(store.getState().renameModule('lsm2.ts', 'guard_2.ts')).toBeNull();
    expect(names(store)).toEqual([DEFAULT_MODULE_FILE, 'guard_2.ts']);
    expect(sourceOf(store, 'guard_2.ts')).toBe('typed by hand');
    expect(store.getState().activeFile).toBe('guard_2.ts');
    expect(store.getState().engineDiagnostics).toEqual({ 'guard_2.ts': [problem] });
    expect(store.getState().renameModule('guard_2.ts', 'guard_2.ts')).toBeNull();
  });

  it('validates names without a store', () => {
    expect(validateModuleName('ok_1.ts', [])).toBeNull();
    expect(validateModuleName('.ts', [])).not.toBeNull();
    expect(validateModuleName('a.ts.ts', [])).not.toBeNull();
    expect(validateModuleName('a b.ts', [])).not.toBeNull();
    expect(validateModuleName('a.ts', ['a.ts'])).toMatch(/exists/);
  });

  it('sets the source of one module and ignores unknown files and unchanged text', () => {
    const store = createPlaygroundStore();
    store.getState().addModule();
    const before = store.getState().modules;
    store.getState().setSource('lsm2.ts', sourceOf(store, 'lsm2.ts') ?? '');
    store.getState().setSource('nope.ts', 'x');
    expect(store.getState().modules).toBe(before);
    store.getState().setSource(DEFAULT_MODULE_FILE, '// mine');
    expect(sourceOf(store, DEFAULT_MODULE_FILE)).toBe('// mine');
    expect(store.getState().modules[1]).toBe(before[1]);
  });

  it('opens only existing modules', () => {
    const store = createPlaygroundStore();
    store.getState().setActiveFile('nope.ts');
    expect(store.getState().activeFile).toBe(DEFAULT_MODULE_FILE);
  });

  it('switches theme and vim mode', () => {
    const store = createPlaygroundStore();
    store.getState().setEditorTheme('light');
    store.getState().setVimMode(true);
    expect(store.getState().editorTheme).toBe('light');
    expect(store.getState().vimMode).toBe(true);
  });

  it('stores engine diagnostics per file and clears them with an empty list', () => {
    const store = createPlaygroundStore();
    store.getState().setEngineDiagnostics(DEFAULT_MODULE_FILE, [problem]);
    expect(store.getState().engineDiagnostics).toEqual({ [DEFAULT_MODULE_FILE]: [problem] });
    store.getState().setEngineDiagnostics(DEFAULT_MODULE_FILE, []);
    expect(store.getState().engineDiagnostics).toEqual({});
    const before = store.getState().engineDiagnostics;
    store.getState().setEngineDiagnostics(DEFAULT_MODULE_FILE, []);
    expect(store.getState().engineDiagnostics).toBe(before);
  });

  it('leaves the booted kernel alone', () => {
    const store = createPlaygroundStore();
    const kernel = store.getState().kernel;
    store.getState().addModule();
    store.getState().setSource('lsm2.ts', 'x');
    expect(store.getState().kernel).toBe(kernel);
    expect(store.getState().bootCount).toBe(1);
  });
});

describe('BPF programs in the editor', () => {
  it('adds a name.bpf.c file with a program that allows everything, and keeps the name rules', () => {
    const store = createPlaygroundStore();
    const name = store.getState().addModule(nextBpfProgramName(store.getState().modules.map((m) => m.fileName)));
    expect(name).toBe('prog1.bpf.c');
    const source = store.getState().modules.find((m) => m.fileName === name)!.source;
    expect(source).toContain('SEC("lsm/file_open")');
    expect(source).toContain('int BPF_PROG(prog1, struct file *file)');
    expect(validateModuleName('x.c', [])).toMatch(/\.bpf\.c/);
    expect(validateModuleName('ok.bpf.c', [])).toBeNull();
  });
});
