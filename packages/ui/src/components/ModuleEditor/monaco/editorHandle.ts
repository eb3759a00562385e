// The contract between the ModuleEditor component and the lazily loaded Monaco code: plain data in,
// a handle out. The component imports only these types, so Monaco stays out of the initial chunk.
import type { KernelVersion } from '@lsm-playground/core';
import type { EditorTheme, EngineDiagnostic, ModuleFile } from '../../../store/editorSlice';
import type { EditorCommandId } from '../editorCommands';

export interface EditorFiles {
  readonly modules: readonly ModuleFile[];
  readonly activeFile: string;
}

export interface MountOptions extends EditorFiles {
  readonly theme: EditorTheme;
  /** The `kernel` API the IntelliSense declarations are generated for. */
  readonly kernelVersion: KernelVersion;
  readonly diagnostics: Readonly<Record<string, readonly EngineDiagnostic[]>>;
  /** When set, the editor takes focus with the caret at this offset of the active file (the textarea's caret). */
  readonly focusOffset: number | null;
  /** Called with a model's full text after every edit typed in Monaco. */
  onChange(fileName: string, source: string): void;
  /** Called by the editor's keyboard shortcuts. */
  onCommand(id: EditorCommandId): void;
}

/** Where in the user's modules the trace's current event runs. */
export interface TraceLine {
  readonly fileName: string;
  readonly line: number;
}

/** A mounted Monaco editor showing the playground's module files. */
export interface ModuleEditorHandle {
  /** Brings the models in line with the store: creates, disposes, updates text, switches the open file. */
  update(files: EditorFiles): void;
  setTheme(theme: EditorTheme): void;
  /** The text size in CSS pixels (the projector display enlarges it). */
  setFontSize(px: number): void;
  /** Turns vim mode on or off; its status line is written into `statusNode`. */
  setVim(on: boolean, statusNode: HTMLElement | null): void;
  setDiagnostics(diagnostics: Readonly<Record<string, readonly EngineDiagnostic[]>>): void;
  setKernelVersion(version: KernelVersion): void;
  /** Highlights the line the trace's current event runs (a user LSM's hook), or nothing. */
  setTraceLine(at: TraceLine | null): void;
  focus(): void;
  dispose(): void;
}

/** What `./setup` exports; `import('./setup')` resolves to it. */
export interface MonacoSetup {
  mountModuleEditor(host: HTMLElement, options: MountOptions): ModuleEditorHandle;
}
