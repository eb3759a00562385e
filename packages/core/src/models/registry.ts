// The registry of in-tree LSM models. The models themselves (models/index.ts, a few hundred KB of
// policy languages) register here when that module is imported: the engine's worker, the CLI and
// the tests import it before booting; the page's main thread imports it lazily, after its first
// paint, and boots a metadata-only stack until then (inTreeLsms(version, { models: false })).
import type { InTreeModel } from './model';

let byName: ReadonlyMap<string, InTreeModel> | null = null;
let list: readonly InTreeModel[] = [];

/** Called once by models/index.ts. */
export function registerInTreeModels(models: readonly InTreeModel[]): void {
  list = models;
  byName = new Map(models.map((m) => [m.name, m]));
}

/** Whether the models are loaded (models/index.ts was imported). */
export function inTreeModelsLoaded(): boolean {
  return byName !== null;
}

/** The model of an in-tree LSM, or undefined when its policy is not modelled. Throws if none are loaded. */
export function inTreeModel(name: string): InTreeModel | undefined {
  if (!byName)
    throw new Error(
      "the in-tree LSM models are not loaded: import '@lsm-playground/core/models' (or boot a metadata-only stack with inTreeLsms(version, { models: false }))",
    );
  return byName.get(name);
}

/** Every model, in the order they are listed (empty before they are loaded). */
export function inTreeModels(): readonly InTreeModel[] {
  return list;
}
