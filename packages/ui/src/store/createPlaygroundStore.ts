// One vanilla store per playground instance (zustand/vanilla), composed from slices. More slices
// (scenario, trace, view) join PlaygroundState as the playground grows.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createBootSlice, defaultBootInputs, type BootInputs, type BootSlice } from './bootSlice';
import { createEditorSlice, type EditorSlice } from './editorSlice';

export type PlaygroundState = BootSlice & EditorSlice;
export type PlaygroundStore = StoreApi<PlaygroundState>;

/** Creates a playground store, booted from `initial` merged over the stock 7.1 defaults. */
export function createPlaygroundStore(initial: Partial<BootInputs> = {}): PlaygroundStore {
  const inputs: BootInputs = { ...defaultBootInputs(initial.kernelVersion), ...initial };
  return createStore<PlaygroundState>()((...a) => ({
    ...createBootSlice(inputs)(...a),
    ...createEditorSlice()(...a),
  }));
}
