// The in-tree LSM models, by LSM name. Each lives in its own directory; inTreeLsms.ts asks here
// for the model of each LSM it builds.
import type { InTreeModel } from './model';
import { yamaModel } from './yama/yama';
import { imaModel } from './integrity/ima';
import { evmModel } from './integrity/evm';
import { ipeModel } from './ipe/ipe';

const MODELS: readonly InTreeModel[] = [yamaModel, imaModel, evmModel, ipeModel];

const BY_NAME = new Map(MODELS.map((m) => [m.name, m]));

/** The model of an in-tree LSM, or undefined when its policy is not modelled. */
export function inTreeModel(name: string): InTreeModel | undefined {
  return BY_NAME.get(name);
}

/** Every model, in the order they are listed. */
export function inTreeModels(): readonly InTreeModel[] {
  return MODELS;
}
