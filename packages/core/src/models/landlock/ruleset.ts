// Landlock rulesets and domains (security/landlock/ruleset.{c,h}, access.h, cred.h, domain.h).
// A ruleset is what landlock_create_ruleset() returns (one layer, level 1 once merged); a domain
// is the read-only stack of layers landlock_restrict_self() builds in the cred, each layer with its
// handled access masks and the rules merged from one ruleset.
import { E2BIG, EINVAL, ENOMSG } from '../../errno';
import { LANDLOCK_ACCESS_FS_INITIALLY_DENIED, LANDLOCK_MAX_NUM_LAYERS } from './uapi';

/** struct access_masks: what one layer handles. */
export interface AccessMasks {
  readonly fs: number;
  readonly net: number;
  readonly scope: number;
}

/** struct landlock_layer: the access a rule grants in the layer `level` (1-based). */
export interface Layer {
  readonly level: number;
  readonly access: number;
}

/** struct landlock_object: what an inode's blob points to once a rule names the inode. */
export interface LandlockObject {
  /** The model's key for the object (the kernel compares object pointers). */
  readonly id: number;
}

/** struct landlock_details: who created the domain (domain.c get_current_details()). */
export interface Details {
  readonly pid: number;
  readonly uid: number;
  readonly comm: string;
  readonly exe_path: string;
}

/** enum landlock_log_status. */
export type LogStatus = 'pending' | 'recorded' | 'disabled';

/** struct landlock_hierarchy: one domain layer's node in the tree of domains (with its audit state). */
export interface Hierarchy {
  readonly parent: Hierarchy | null;
  /** The domain id (landlock_get_id_range(1)); 0 without audit (6.8). */
  readonly id: number;
  readonly details: Details | null;
  log_status: LogStatus;
  log_same_exec: boolean;
  log_new_exec: boolean;
  num_denials: number;
  /** References: the domain that owns it and each child hierarchy (landlock_get_hierarchy()). */
  usage: number;
}

/** struct landlock_ruleset: a ruleset (num_layers 1, no hierarchy) or a domain. */
export interface Ruleset {
  readonly num_layers: number;
  /** access_masks[layer]: the handled rights of each layer (a domain's are upgraded with REFER). */
  readonly access_masks: readonly AccessMasks[];
  /** root_inode: the rules on inodes, by object id; each rule's layers in level order. */
  readonly rules: ReadonlyMap<number, readonly Layer[]>;
  /** root_net_port: the rules on TCP ports. */
  readonly netRules: ReadonlyMap<number, readonly Layer[]>;
  /** Domains only. */
  readonly hierarchy: Hierarchy | null;
  /** Domains: the creds that point to it (landlock_get_ruleset() / landlock_put_ruleset()). */
  usage: number;
}

/** struct landlock_cred_security: the domain of a cred, with its audit bits (CONFIG_AUDIT). */
export interface LandlockCred {
  readonly domain: Ruleset | null;
  /** Bit n: layer n was created by the current execution (reset by bprm_creds_for_exec). */
  readonly domain_exec: number;
  readonly log_subdomains_off: boolean;
}

export const NO_CRED: LandlockCred = { domain: null, domain_exec: 0, log_subdomains_off: false };

/** access.h landlock_upgrade_handled_access_masks(): REFER is denied once any fs right is handled. */
export function upgradeHandledAccessMasks(m: AccessMasks): AccessMasks {
  return m.fs ? { ...m, fs: m.fs | LANDLOCK_ACCESS_FS_INITIALLY_DENIED } : m;
}

/** ruleset.c landlock_create_ruleset(): -ENOMSG for a ruleset that handles nothing. */
export function createRuleset(fs: number, net: number, scope: number): Ruleset | number {
  if (!fs && !net && !scope) return -ENOMSG;
  return {
    num_layers: 1,
    access_masks: [{ fs, net, scope }],
    rules: new Map(),
    netRules: new Map(),
    hierarchy: null,
    usage: 1,
  };
}

/** ruleset.h landlock_get_fs_access_mask(): a layer's handled fs rights, REFER always included. */
export function fsAccessMask(r: Ruleset, layer: number): number {
  return r.access_masks[layer]!.fs | LANDLOCK_ACCESS_FS_INITIALLY_DENIED;
}

/**
 * ruleset.c insert_rule() for an unmerged ruleset: a rule on the same object ORs the new access
 * into its one layer. `access` is already absolute (landlock_append_fs_rule()).
 */
export function insertRule(r: Ruleset, key: 'inode' | 'net', id: number, access: number): Ruleset {
  const map = new Map(key === 'inode' ? r.rules : r.netRules);
  const prev = map.get(id)?.[0]?.access ?? 0;
  map.set(id, [{ level: 0, access: prev | access }]);
  return key === 'inode' ? { ...r, rules: map } : { ...r, netRules: map };
}

/**
 * ruleset.c landlock_merge_ruleset(): a new domain, one layer above `parent` (-E2BIG past
 * LANDLOCK_MAX_NUM_LAYERS), inheriting every layer and rule of the parent (inherit_ruleset()) and
 * adding `ruleset` as the new top layer (merge_ruleset(), whose handled masks are upgraded).
 */
export function mergeRuleset(
  parent: Ruleset | null,
  ruleset: Ruleset,
  hierarchy: (parent: Hierarchy | null) => Hierarchy,
): Ruleset | number {
  if (parent === ruleset) return -EINVAL;
  if (parent && parent.num_layers >= LANDLOCK_MAX_NUM_LAYERS) return -E2BIG;
  // inherit_ruleset(): the new hierarchy holds a reference to the parent's.
  if (parent?.hierarchy) parent.hierarchy.usage++;
  const level = (parent?.num_layers ?? 0) + 1;
  const merge = (
    inherited: ReadonlyMap<number, readonly Layer[]> | undefined,
    added: ReadonlyMap<number, readonly Layer[]>,
  ): Map<number, readonly Layer[]> => {
    const out = new Map<number, readonly Layer[]>(inherited ?? []);
    for (const [id, layers] of added) out.set(id, [...(out.get(id) ?? []), { level, access: layers[0]!.access }]);
    return out;
  };
  return {
    num_layers: level,
    access_masks: [...(parent?.access_masks ?? []), upgradeHandledAccessMasks(ruleset.access_masks[0]!)],
    rules: merge(parent?.rules, ruleset.rules),
    netRules: merge(parent?.netRules, ruleset.netRules),
    hierarchy: hierarchy(parent?.hierarchy ?? null),
    usage: 1,
  };
}

/** struct layer_access_masks: the still unfulfilled rights of each layer (index = level - 1). */
export type LayerMasks = number[];

/**
 * ruleset.c landlock_init_layer_masks(): for each layer the requested rights it handles; returns
 * the union (the rights the request has to have granted).
 */
export function initLayerMasks(domain: Ruleset, request: number, masks: LayerMasks, key: 'inode' | 'net'): number {
  masks.length = LANDLOCK_MAX_NUM_LAYERS;
  masks.fill(0);
  if (!request) return 0;
  let handled = 0;
  for (let i = 0; i < domain.num_layers; i++) {
    const h = key === 'inode' ? fsAccessMask(domain, i) : domain.access_masks[i]!.net;
    masks[i] = request & h;
    handled |= masks[i]!;
  }
  return handled;
}

/**
 * ruleset.c landlock_unmask_layers(): clears, in each layer, what the rule's layer grants; true
 * when nothing is left unfulfilled. No rule: false (unless there are no masks at all).
 */
export function unmaskLayers(rule: readonly Layer[] | undefined, masks: LayerMasks | null): boolean {
  if (!masks) return true;
  if (!rule) return false;
  for (const l of rule) masks[l.level - 1] = masks[l.level - 1]! & ~l.access;
  return masks.every((m) => !m);
}

/** ruleset.h landlock_union_access_masks(): every right some layer handles. */
export function unionFsAccessMasks(domain: Ruleset): number {
  let fs = 0;
  for (let i = 0; i < domain.num_layers; i++) fs |= domain.access_masks[i]!.fs;
  return fs;
}

/**
 * cred.h landlock_get_applicable_subject(): the cred's Landlock part when some layer of its domain
 * handles one of `masks`, with the youngest such layer; null otherwise (the hook allows).
 */
export function applicableSubject(
  cred: LandlockCred | undefined,
  masks: Partial<AccessMasks>,
): { subject: LandlockCred & { domain: Ruleset }; handleLayer: number } | null {
  const domain = cred?.domain;
  if (!cred || !domain) return null;
  for (let l = domain.num_layers - 1; l >= 0; l--) {
    const m = domain.access_masks[l]!;
    if (m.fs & (masks.fs ?? 0) || m.net & (masks.net ?? 0) || m.scope & (masks.scope ?? 0))
      return { subject: cred as LandlockCred & { domain: Ruleset }, handleLayer: l };
  }
  return null;
}

/** audit.c get_hierarchy(): the hierarchy node of `layer` (0-based) in a domain. */
export function hierarchyOf(domain: Ruleset, layer: number): Hierarchy {
  let h = domain.hierarchy!;
  for (let i = domain.num_layers - 1; i > layer && h.parent; i--) h = h.parent;
  return h;
}
