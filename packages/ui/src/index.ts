// @lsm-playground/ui: the React playground and its store.
export { Playground, type PlaygroundProps } from './components/Playground/Playground';
export { ModuleEditor, type ModuleEditorProps } from './components/ModuleEditor/ModuleEditor';
export { createPlaygroundStore, type PlaygroundState, type PlaygroundStore } from './store/createPlaygroundStore';
export { defaultBootInputs, type BootInputs, type BootSlice } from './store/bootSlice';
export {
  validateModuleName,
  type EditorSlice,
  type EditorTheme,
  type EngineDiagnostic,
  type ModuleFile,
} from './store/editorSlice';
export { PlaygroundProvider, usePlayground, usePlaygroundStore } from './store/PlaygroundProvider';
export * as selectors from './store/selectors';
export { parseEmbedOptions, embedUrl, iframeSnippet, type EmbedOptions } from './share/embedOptions';
