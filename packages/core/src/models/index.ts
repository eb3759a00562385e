// The in-tree LSM models, each in its own directory. Importing this module registers them
// (models/registry.ts), which inTreeLsms.ts asks for the model of each LSM it builds: it is the
// `@lsm-playground/core/models` entry, kept out of core's index so that the page's first paint
// does not wait for the policy languages.
import type { InTreeModel } from './model';
import { registerInTreeModels } from './registry';
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

registerInTreeModels(MODELS);

export { inTreeModel, inTreeModels, inTreeModelsLoaded } from './registry';
