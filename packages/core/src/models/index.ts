// The in-tree LSM models, by LSM name. Each lives in its own directory; inTreeLsms.ts asks here
// for the model of each LSM it builds.
import type { InTreeModel } from './model';
import { smackModel } from './smack/smack';
import { tomoyoModel } from './tomoyo/tomoyo';
import { apparmorModel } from './apparmor/apparmor';
import { selinuxModel } from './selinux/selinux';
import { yamaModel } from './yama/yama';
import { landlockModel } from './landlock/landlock';
import { bpfModel } from './bpf/bpf';
import { lockdownModel } from './lockdown/lockdown';
import { loadpinModel } from './loadpin/loadpin';
import { safesetidModel } from './safesetid/safesetid';
import { capabilityModel } from './capability/capability';
import { imaModel } from './integrity/ima';
import { evmModel } from './integrity/evm';
import { ipeModel } from './ipe/ipe';

// One model per line (prettier-ignore keeps it so), so that adding one touches one line.
// prettier-ignore
const MODELS: readonly InTreeModel[] = [
  smackModel,
  tomoyoModel,
  apparmorModel,
  selinuxModel,
  yamaModel,
  landlockModel,
  bpfModel,
  lockdownModel,
  loadpinModel,
  safesetidModel,
  capabilityModel,
  imaModel,
  evmModel,
  ipeModel,
];

const BY_NAME = new Map(MODELS.map((m) => [m.name, m]));

/** The model of an in-tree LSM, or undefined when its policy is not modelled. */
export function inTreeModel(name: string): InTreeModel | undefined {
  return BY_NAME.get(name);
}

/** Every model, in the order they are listed. */
export function inTreeModels(): readonly InTreeModel[] {
  return MODELS;
}
