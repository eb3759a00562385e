// One vanilla store per playground instance (zustand/vanilla), composed from slices. More slices
// (scenario, trace, view) join PlaygroundState as the playground grows.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { EngineClient, type WorkerLike } from '../engine/client';
import { spawnEngineWorker } from '../engine/spawn';
import { createBootSlice, defaultBootInputs, type BootInputs, type BootSlice } from './bootSlice';
import { createEditorSlice, type EditorSlice } from './editorSlice';
import { createEngineSlice, type EngineSlice } from './engineSlice';
import { createExpectationsSlice, watchExpectations, type ExpectationsSlice } from './expectationsSlice';
import { createLearnSlice, type LearnSlice } from './learnSlice';
import { watchLesson } from '../learn/openLesson';
import { createLogSlice, type LogSlice } from './logSlice';
import { createPresentSlice, type PresentSlice } from './presentSlice';
import { createTraceSlice, type TraceSlice } from './traceSlice';
import { createViewSlice, type ViewSlice } from './viewSlice';

export type PlaygroundState = BootSlice &
  EditorSlice &
  EngineSlice &
  TraceSlice &
  ViewSlice &
  LogSlice &
  ExpectationsSlice &
  LearnSlice &
  PresentSlice;
export type PlaygroundStore = StoreApi<PlaygroundState>;

export interface PlaygroundStoreOptions {
  /** Starts an engine worker (default: the real Web Worker; tests pass an in-process one). */
  readonly spawnEngine?: () => WorkerLike;
  readonly watchdogMs?: number;
  readonly timeLimitMs?: number;
}

/** Creates a playground store, booted from `initial` merged over the stock 7.1 defaults. */
export function createPlaygroundStore(
  initial: Partial<BootInputs> = {},
  options: PlaygroundStoreOptions = {},
): PlaygroundStore {
  const inputs: BootInputs = { ...defaultBootInputs(initial.kernelVersion), ...initial };
  // The worker starts on the first request, not with the store: the first paint does not wait for it.
  let client: EngineClient | null = null;
  const engine = () =>
    (client ??= new EngineClient({
      spawn: options.spawnEngine ?? spawnEngineWorker,
      ...(options.watchdogMs !== undefined ? { watchdogMs: options.watchdogMs } : {}),
      ...(options.timeLimitMs !== undefined ? { timeLimitMs: options.timeLimitMs } : {}),
    }));
  const store = createStore<PlaygroundState>()((...a) => ({
    ...createBootSlice(inputs)(...a),
    ...createEditorSlice()(...a),
    ...createEngineSlice(engine)(...a),
    ...createTraceSlice(...a),
    ...createViewSlice(...a),
    ...createLogSlice()(...a),
    ...createPresentSlice(...a),
    ...createExpectationsSlice(engine)(...a),
    ...createLearnSlice(...a),
  }));
  watchExpectations(store);
  watchLesson(store);
  return store;
}
