// The only import of ./setup, a dynamic one: Monaco lands in lazy chunks fetched after the first paint,
// and component tests replace this module instead of loading Monaco into happy-dom.
import type { MonacoSetup } from './editorHandle';

/** Loads Monaco and the module editor's setup (workers, TypeScript defaults, themes). */
export const loadMonaco = (): Promise<MonacoSetup> => import('./setup');
