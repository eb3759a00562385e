// Monaco for the module editor. ModuleEditor imports this module with import(), so Monaco is never
// part of the initial chunk: the lean editor API with every editor feature, the TypeScript language
// and C languages only (C for BPF programs), workers bundled from our own origin, and the `kernel`
// module's declarations as an extra lib.
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/typescript/register';
import 'monaco-editor/languages/definitions/cpp/register';
import * as ts from 'monaco-editor/languages/features/typescript/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker';
import { LSM_API_DTS_PATH, lsmApiDts, type KernelVersion } from '@lsm-playground/core';
import type { EditorTheme, EngineDiagnostic } from '../../../store/editorSlice';
import { EDITOR_COMMANDS, EDITOR_FONT_SIZE, type KeyChord } from '../editorCommands';
import type { EditorFiles, ModuleEditorHandle, MountOptions, TraceLine } from './editorHandle';

/** Marker owner of the engine's diagnostics; TypeScript's own markers have the owner 'typescript'. */
export const ENGINE_MARKER_OWNER = 'lsm-engine';

/** The model URI of a module file. */
export const moduleUri = (fileName: string) => monaco.Uri.parse(`file:///modules/${fileName}`);

// Without getWorker Monaco tries to load its workers by relative path and fails at runtime.
(globalThis as { MonacoEnvironment?: monaco.Environment }).MonacoEnvironment = {
  getWorker: (_workerId, label) =>
    label === 'typescript' || label === 'javascript' ? new TsWorker({ name: label }) : new EditorWorker(),
};

const ES2022 = 9 as ts.ScriptTarget; // Monaco's enum stops at ES2020; the bundled TypeScript 5.9 knows 9.

ts.typescriptDefaults.setCompilerOptions({
  strict: true,
  target: ES2022,
  module: ts.ModuleKind.ESNext,
  // Finds `declare module 'kernel'` in the extra lib, and node_modules/@types/kernel if it becomes a module file.
  moduleResolution: ts.ModuleResolutionKind.NodeJs,
  lib: ['es2022'], // LSMs run in the kernel: no DOM
  noEmit: true,
  allowNonTsExtensions: true,
});
// Every module file is part of one program, so errors show in files that are not open.
ts.typescriptDefaults.setEagerModelSync(true);

let apiVersion: KernelVersion | null = null;

/** Registers the `kernel` declarations of `version` (one extra lib per page: Monaco's TS defaults are global). */
function useKernelApi(version: KernelVersion): void {
  if (apiVersion === version) return;
  apiVersion = version;
  ts.typescriptDefaults.setExtraLibs([{ content: lsmApiDts(version), filePath: LSM_API_DTS_PATH }]);
}

const THEMES: Record<EditorTheme, string> = { dark: 'lsm-dark', light: 'lsm-light' };
// Backgrounds match theme.css (--code-bg) so the editor sits flush in its panel.
monaco.editor.defineTheme(THEMES.dark, {
  base: 'vs-dark',
  inherit: true,
  rules: [],
  colors: { 'editor.background': '#06090d', 'editorGutter.background': '#06090d' },
});
monaco.editor.defineTheme(THEMES.light, {
  base: 'vs',
  inherit: true,
  rules: [],
  colors: { 'editor.background': '#ffffff', 'editorGutter.background': '#ffffff' },
});

const KEY_CODES: Record<KeyChord['key'], monaco.KeyCode> = {
  Enter: monaco.KeyCode.Enter,
  F10: monaco.KeyCode.F10,
  S: monaco.KeyCode.KeyS,
};

function keybinding(chord: KeyChord): number {
  return (chord.mod ? monaco.KeyMod.CtrlCmd : 0) | (chord.shift ? monaco.KeyMod.Shift : 0) | KEY_CODES[chord.key];
}

const clamp = (n: number, lo: number, hi: number) => Math.min(Math.max(n, lo), hi);

/** An engine diagnostic as a marker; without an end it covers the word at its start (or the rest of the line). */
function toMarker(model: monaco.editor.ITextModel, d: EngineDiagnostic): monaco.editor.IMarkerData {
  const line = clamp(d.line, 1, model.getLineCount());
  const column = clamp(d.column, 1, model.getLineMaxColumn(line));
  const word = model.getWordAtPosition({ lineNumber: line, column });
  return {
    source: 'lsm engine',
    severity: d.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
    message: d.message,
    startLineNumber: line,
    startColumn: column,
    endLineNumber: d.endLine ?? line,
    endColumn: d.endColumn ?? word?.endColumn ?? model.getLineMaxColumn(line),
  };
}

interface VimAdapter {
  dispose(): void;
}

/** Creates a Monaco editor in `host` with one model per module file, kept in sync with the store both ways. */
export function mountModuleEditor(host: HTMLElement, options: MountOptions): ModuleEditorHandle {
  useKernelApi(options.kernelVersion);
  const models = new Map<string, monaco.editor.ITextModel>();
  /** The store text each model was last reconciled with, so a store update that came from the model is a no-op. */
  const synced = new Map<string, string>();
  const viewStates = new Map<string, monaco.editor.ICodeEditorViewState>();
  const listeners = new Map<string, monaco.IDisposable>();
  let order: readonly string[] = [];
  let diagnostics = options.diagnostics;
  let applyingStore = false;
  let disposed = false;
  let vim: VimAdapter | null = null;
  let vimWanted = false;

  const editor = monaco.editor.create(host, {
    model: null,
    theme: THEMES[options.theme],
    automaticLayout: true,
    fixedOverflowWidgets: true, // suggest and hover widgets may extend past the panel
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    fontSize: EDITOR_FONT_SIZE,
    tabSize: 2,
    ariaLabel: 'Module source',
  });

  for (const command of EDITOR_COMMANDS) {
    editor.addAction({
      id: `lsm-playground.${command.id}`,
      label: `${command.label}: ${command.description}`,
      keybindings: [keybinding(command.chord)],
      run: () => options.onCommand(command.id),
    });
  }

  const fileOf = (model: monaco.editor.ITextModel | null) => [...models].find(([, m]) => m === model)?.[0] ?? null;

  function applyMarkers(fileName: string): void {
    const model = models.get(fileName);
    if (!model) return;
    const list = diagnostics[fileName] ?? [];
    monaco.editor.setModelMarkers(
      model,
      ENGINE_MARKER_OWNER,
      list.map((d) => toMarker(model, d)),
    );
  }

  function createModel(fileName: string, source: string): void {
    const uri = moduleUri(fileName);
    // BPF programs (`.bpf.c`) are C: highlighted as C, and the TypeScript service leaves them alone.
    const language = fileName.endsWith('.bpf.c') ? 'c' : 'typescript';
    const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(source, language, uri);
    if (model.getValue() !== source) model.setValue(source);
    models.set(fileName, model);
    synced.set(fileName, source);
    listeners.set(
      fileName,
      model.onDidChangeContent(() => {
        if (applyingStore) return;
        const text = model.getValue();
        synced.set(fileName, text);
        options.onChange(fileName, text);
      }),
    );
    applyMarkers(fileName);
  }

  function disposeModel(fileName: string): void {
    listeners.get(fileName)?.dispose();
    models.get(fileName)?.dispose();
    listeners.delete(fileName);
    models.delete(fileName);
    synced.delete(fileName);
    viewStates.delete(fileName);
  }

  /** Replaces a model's text with the store's as one undoable edit, so Ctrl+Z still works across it. */
  function applyStoreText(model: monaco.editor.ITextModel, text: string): void {
    applyingStore = true;
    try {
      model.pushStackElement();
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
      model.pushStackElement();
    } finally {
      applyingStore = false;
    }
  }

  function update({ modules, activeFile }: EditorFiles): void {
    const names = modules.map((m) => m.fileName);
    const current = fileOf(editor.getModel());
    const state = current === null ? null : editor.saveViewState();
    if (current !== null && state) viewStates.set(current, state);
    // A rename replaces a name in place: the new model inherits the old one's scroll and cursor
    // (its undo stack cannot follow, since a Monaco model's URI is fixed).
    names.forEach((name, i) => {
      const old = order[i];
      const oldState = old === undefined ? undefined : viewStates.get(old);
      if (old !== name && old !== undefined && !names.includes(old) && !models.has(name) && oldState) {
        viewStates.set(name, oldState);
      }
    });
    for (const name of [...models.keys()]) if (!names.includes(name)) disposeModel(name);
    for (const { fileName, source } of modules) {
      const model = models.get(fileName);
      if (!model) createModel(fileName, source);
      else if (synced.get(fileName) !== source) {
        synced.set(fileName, source);
        applyStoreText(model, source);
      }
    }
    const active = models.get(activeFile) ?? null;
    if (editor.getModel() !== active) {
      editor.setModel(active);
      const saved = viewStates.get(activeFile);
      if (saved) editor.restoreViewState(saved);
    }
    order = names;
  }

  function setVim(on: boolean, statusNode: HTMLElement | null): void {
    vimWanted = on;
    if (!on) {
      vim?.dispose();
      vim = null;
      if (statusNode) statusNode.textContent = '';
      return;
    }
    if (vim) return;
    import('monaco-vim').then(
      ({ initVimMode }) => {
        if (!vimWanted || vim || disposed) return;
        vim = initVimMode(editor, statusNode);
      },
      () => {
        if (statusNode) statusNode.textContent = 'Vim mode failed to load.';
      },
    );
  }

  update(options);
  if (options.focusOffset !== null) {
    const model = editor.getModel();
    if (model) {
      const position = model.getPositionAt(options.focusOffset);
      editor.setPosition(position);
      editor.revealPositionInCenterIfOutsideViewport(position);
    }
    editor.focus();
  }

  // The trace's current line: one whole-line decoration in one model at a time.
  let traceDecoration: { model: monaco.editor.ITextModel; ids: string[] } | null = null;
  function setTraceLine(at: TraceLine | null): void {
    if (traceDecoration && !traceDecoration.model.isDisposed())
      traceDecoration.model.deltaDecorations(traceDecoration.ids, []);
    traceDecoration = null;
    const model = at ? models.get(at.fileName) : undefined;
    if (!at || !model || at.line < 1 || at.line > model.getLineCount()) return;
    const ids = model.deltaDecorations(
      [],
      [
        {
          range: new monaco.Range(at.line, 1, at.line, 1),
          options: { isWholeLine: true, className: 'lsm-trace-line', linesDecorationsClassName: 'lsm-trace-gutter' },
        },
      ],
    );
    traceDecoration = { model, ids };
    if (editor.getModel() === model) editor.revealLineInCenterIfOutsideViewport(at.line);
  }

  return {
    update,
    setTraceLine,
    setTheme: (theme) => monaco.editor.setTheme(THEMES[theme]),
    setFontSize: (px) => editor.updateOptions({ fontSize: px }),
    setVim,
    setDiagnostics: (next) => {
      diagnostics = next;
      for (const name of models.keys()) applyMarkers(name);
    },
    setKernelVersion: useKernelApi,
    focus: () => editor.focus(),
    dispose: () => {
      disposed = true;
      vim?.dispose();
      vim = null;
      editor.dispose();
      // The store holds every text, so the models can go.
      for (const name of [...models.keys()]) disposeModel(name);
    },
  };
}
