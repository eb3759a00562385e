// The editor slice: the user's LSM module files, which one is open, the editor's look, and the
// diagnostics the engine reported for each file. User text is only ever replaced by user actions.
import { DEFAULT_MODULE_FILE, DEFAULT_MODULE_SOURCE } from '@lsm-playground/core';
import type { StateCreator } from 'zustand/vanilla';
import type { PlaygroundState } from './createPlaygroundStore';

/** One user LSM: a TypeScript file written against the `kernel` module. */
export interface ModuleFile {
  readonly fileName: string;
  readonly source: string;
}

export type EditorTheme = 'dark' | 'light';

/** A problem the engine found in a module (transpile error, load failure, oops), 1-based positions. */
export interface EngineDiagnostic {
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

export interface EditorSlice {
  /** The module files in tab order; never empty. */
  readonly modules: readonly ModuleFile[];
  /** The file name of the open module; always one of `modules`. */
  readonly activeFile: string;
  readonly editorTheme: EditorTheme;
  readonly vimMode: boolean;
  /** Engine diagnostics per file name; a file without problems has no key. */
  readonly engineDiagnostics: Readonly<Record<string, readonly EngineDiagnostic[]>>;
  /** Adds a module from the template (named `fileName`, or the first free `lsmN.ts`), opens it, returns its name. */
  addModule(fileName?: string): string;
  /** Removes a module unless it is the last one; the UI confirms first, since its text is gone. */
  removeModule(fileName: string): void;
  /** Renames a module; returns why the new name was refused, or null when it was applied. */
  renameModule(from: string, to: string): string | null;
  setSource(fileName: string, source: string): void;
  /** Replaces every module at once (opening a shared link or restoring saved work). */
  replaceModules(modules: readonly ModuleFile[], activeFile: string): void;
  setActiveFile(fileName: string): void;
  setEditorTheme(editorTheme: EditorTheme): void;
  setVimMode(vimMode: boolean): void;
  /** Replaces the engine's diagnostics for one file; an empty list clears them. */
  setEngineDiagnostics(fileName: string, diagnostics: readonly EngineDiagnostic[]): void;
}

/** An LSM module (`name.ts`) or a BPF LSM program (`name.bpf.c`, loaded and attached after boot). */
const MODULE_NAME = /^[a-z0-9_]+(\.ts|\.bpf\.c)$/;

/** Is this editor file a BPF LSM program rather than a TypeScript module? */
export const isBpfProgram = (fileName: string): boolean => fileName.endsWith('.bpf.c');
const MAX_NAME_LENGTH = 64;

/** Why `name` cannot be a module file name next to `existing`, or null when it can. */
export function validateModuleName(name: string, existing: readonly string[]): string | null {
  if (!MODULE_NAME.test(name))
    return 'Use lower-case letters, digits and _ followed by .ts (a module) or .bpf.c (a BPF program), e.g. my_lsm.ts.';
  if (name.length > MAX_NAME_LENGTH) return `Keep the name under ${MAX_NAME_LENGTH} characters.`;
  if (existing.includes(name)) return `${name} already exists.`;
  return null;
}

/** The first `lsmN.ts` not in `existing`. */
export function nextModuleName(existing: readonly string[]): string {
  for (let n = existing.length + 1; ; n++) {
    const name = `lsm${n}.ts`;
    if (!existing.includes(name)) return name;
  }
}

/** `my_guard.ts` → `MyGuard`: a class name for the template (prefixed when the stem starts with a digit). */
export function className(fileName: string): string {
  const pascal = fileName
    .replace(/\.ts$/, '')
    .split('_')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
  return /^[A-Za-z]/.test(pascal) ? pascal : `Lsm${pascal}`;
}

/** The first `progN.bpf.c` not in `existing`. */
export function nextBpfProgramName(existing: readonly string[]): string {
  for (let n = 1; ; n++) {
    const name = `prog${n}.bpf.c`;
    if (!existing.includes(name)) return name;
  }
}

/** A BPF LSM program to start from: a file_open program that allows everything (return 0). */
export function bpfProgramTemplate(fileName: string): string {
  const name = fileName.replace(/\.bpf\.c$/, '');
  return `// A BPF LSM program: loaded with bpf(BPF_PROG_LOAD) and attached with BPF_LINK_CREATE at boot.
// Return 0 to allow, a negative errno to deny (the verifier keeps int hooks in [-MAX_ERRNO, 0]).
char LICENSE[] SEC("license") = "GPL";

SEC("lsm/file_open")
int BPF_PROG(${name}, struct file *file)
{
    return 0;
}
`;
}

/** The source a new module starts with: an empty Hooks class registered under the file's stem. */
export function moduleTemplate(fileName: string): string {
  if (isBpfProgram(fileName)) return bpfProgramTemplate(fileName);
  const cls = className(fileName);
  const lsmName = fileName.replace(/\.ts$/, '');
  return `import { Hooks, defineLsm, LSM_ID_UNDEF } from 'kernel';

class ${cls} implements Hooks {
  // Type a hook name such as file_open here; Ctrl+Space lists them all.
}

export default defineLsm(${cls}, '${lsmName}\\0', LSM_ID_UNDEF);
`;
}

function withoutKey<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  const { [key]: _dropped, ...rest } = record;
  return rest;
}

/** Creates the editor slice with the default module open. */
export function createEditorSlice(): StateCreator<PlaygroundState, [], [], EditorSlice> {
  return (set, get) => ({
    modules: [{ fileName: DEFAULT_MODULE_FILE, source: DEFAULT_MODULE_SOURCE }],
    activeFile: DEFAULT_MODULE_FILE,
    editorTheme: 'dark',
    vimMode: false,
    engineDiagnostics: {},
    addModule: (fileName) => {
      const names = get().modules.map((m) => m.fileName);
      const name = fileName ?? nextModuleName(names);
      const refused = validateModuleName(name, names);
      if (refused) throw new Error(`addModule(${JSON.stringify(name)}): ${refused}`);
      set({ modules: [...get().modules, { fileName: name, source: moduleTemplate(name) }], activeFile: name });
      return name;
    },
    removeModule: (fileName) => {
      const { modules, activeFile, engineDiagnostics } = get();
      const index = modules.findIndex((m) => m.fileName === fileName);
      if (index < 0 || modules.length === 1) return;
      const rest = modules.filter((m) => m.fileName !== fileName);
      // The closed tab's right neighbour takes its place, as in most editors; the last tab's left one.
      const next =
        activeFile === fileName ? (rest[Math.min(index, rest.length - 1)]?.fileName ?? activeFile) : activeFile;
      set({ modules: rest, activeFile: next, engineDiagnostics: withoutKey(engineDiagnostics, fileName) });
    },
    renameModule: (from, to) => {
      const { modules, activeFile, engineDiagnostics } = get();
      if (!modules.some((m) => m.fileName === from)) return `${from} does not exist.`;
      if (from === to) return null;
      const refused = validateModuleName(
        to,
        modules.map((m) => m.fileName),
      );
      if (refused) return refused;
      const moved = engineDiagnostics[from];
      set({
        modules: modules.map((m) => (m.fileName === from ? { fileName: to, source: m.source } : m)),
        activeFile: activeFile === from ? to : activeFile,
        engineDiagnostics: moved ? { ...withoutKey(engineDiagnostics, from), [to]: moved } : engineDiagnostics,
      });
      return null;
    },
    replaceModules: (modules, activeFile) => {
      if (modules.length === 0) throw new Error('replaceModules: at least one module');
      const names = modules.map((m) => m.fileName);
      const active = names.includes(activeFile) ? activeFile : names[0]!;
      set({
        modules: modules.map((m) => ({ fileName: m.fileName, source: m.source })),
        activeFile: active,
        engineDiagnostics: {},
      });
    },
    setSource: (fileName, source) => {
      const { modules } = get();
      const current = modules.find((m) => m.fileName === fileName);
      if (!current || current.source === source) return;
      set({ modules: modules.map((m) => (m === current ? { fileName, source } : m)) });
    },
    setActiveFile: (fileName) => {
      if (get().modules.some((m) => m.fileName === fileName)) set({ activeFile: fileName });
    },
    setEditorTheme: (editorTheme) => set({ editorTheme }),
    setVimMode: (vimMode) => set({ vimMode }),
    setEngineDiagnostics: (fileName, diagnostics) => {
      const { engineDiagnostics } = get();
      if (diagnostics.length === 0) {
        if (fileName in engineDiagnostics) set({ engineDiagnostics: withoutKey(engineDiagnostics, fileName) });
        return;
      }
      set({ engineDiagnostics: { ...engineDiagnostics, [fileName]: diagnostics } });
    },
  });
}
