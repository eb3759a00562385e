// Landlock's audit records (security/landlock/audit.c, 6.15+): AUDIT_LANDLOCK_ACCESS (1423) for a
// denial, naming the youngest domain layer that denied it and the "blockers", then, the first time
// a domain shows in the log, AUDIT_LANDLOCK_DOMAIN (1424) describing who created it.
import type { LsmInitContext } from '../../lsm/lsmInfo';
import { dPath } from '../../machine/world';
import type { Dentry, Path, Task } from '../../machine/types';
import { auditString, taskComm, taskPid } from '../model';
import { hierarchyOf, type Hierarchy, type LandlockCred, type LayerMasks, type Ruleset } from './ruleset';
import { FS_ACCESS_STRINGS, LANDLOCK_ACCESS_FS_OPTIONAL, NET_ACCESS_STRINGS } from './uapi';

/** enum landlock_request_type. */
export type RequestType =
  'fs_access' | 'fs_change_topology' | 'net_access' | 'ptrace' | 'scope_abstract_unix_socket' | 'scope_signal';

/** struct landlock_request: what was denied, and where (the common_audit_data, already formatted). */
export interface LandlockRequest {
  readonly type: RequestType;
  /** audit_log_lsm_data() output: ' path="/tmp" dev="vda1" ino=12', ' opid=1 ocomm="init"'. */
  readonly data: () => string;
  /** The denied rights (fs/net requests); 0 for the others, which give layer_plus_one. */
  readonly access?: number;
  readonly layerMasks?: LayerMasks;
  /** For rights checked on an opened file (truncate, ioctl): deny_masks of the file blob. */
  readonly denyMasks?: number;
  readonly layer_plus_one?: number;
}

/** LSM_AUDIT_DATA_PATH (security/lsm_audit.c): path, then the inode's dev and ino. */
export function auditPath(p: Path): string {
  const inode = p.dentry.d_inode;
  const tail = inode ? ` dev=${auditString(inode.i_sb.s_id)} ino=${inode.i_ino}` : '';
  return ` path=${auditString(dPath(p))}${tail}`;
}

/** LSM_AUDIT_DATA_DENTRY: the dentry's name, then dev and ino. */
export function auditDentry(d: Dentry): string {
  const inode = d.d_inode;
  const tail = inode ? ` dev=${auditString(inode.i_sb.s_id)} ino=${inode.i_ino}` : '';
  return ` name=${auditString(d.d_name)}${tail}`;
}

/** LSM_AUDIT_DATA_TASK: the other task's tgid and comm. */
export function auditTaskData(t: Task): string {
  const pid = taskPid(t);
  return pid ? ` opid=${pid} ocomm=${auditString(taskComm(t))}` : '';
}

/** audit.c get_blocker() / log_blockers(). */
function blockers(type: RequestType, access: number): string {
  const names: string[] = [];
  const table = type === 'fs_access' ? FS_ACCESS_STRINGS : type === 'net_access' ? NET_ACCESS_STRINGS : null;
  for (let bit = 0; bit < 32; bit++) if (access & (1 << bit)) names.push(table?.[bit] ?? 'unknown');
  if (names.length) return names.join(',');
  return {
    ptrace: 'ptrace',
    fs_change_topology: 'fs.change_topology',
    scope_abstract_unix_socket: 'scope.abstract_unix_socket',
    scope_signal: 'scope.signal',
    fs_access: 'unknown',
    net_access: 'unknown',
  }[type];
}

/** audit.c get_denied_layer(): the youngest layer still denying part of the request, and that part. */
function deniedLayer(domain: Ruleset, access: number, masks: LayerMasks): { layer: number; missing: number } {
  for (let i = masks.length - 1; i >= 0; i--) {
    if (masks[i]! & access) return { layer: i, missing: access & masks[i]! };
  }
  return { layer: domain.num_layers - 1, missing: 0 };
}

/**
 * domain.c landlock_get_deny_masks(): for each optional right (TRUNCATE, IOCTL_DEV) that was asked
 * at open, the youngest layer denying it, one nibble each.
 */
export function getDenyMasks(optionalAccess: number, masks: LayerMasks): number {
  let deny = 0;
  let index = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (!(LANDLOCK_ACCESS_FS_OPTIONAL & (1 << bit))) continue;
    if (optionalAccess & (1 << bit)) {
      for (let i = masks.length - 1; i >= 0; i--) {
        if (masks[i]! & (1 << bit)) {
          deny |= i << (index * 4);
          break;
        }
      }
    }
    index++;
  }
  return deny;
}

/** audit.c get_layer_from_deny_masks(). */
function layerFromDenyMasks(access: number, denyMasks: number): { layer: number; missing: number } {
  let youngest = 0;
  let missing = 0;
  let index = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (!(LANDLOCK_ACCESS_FS_OPTIONAL & (1 << bit))) continue;
    if (access & (1 << bit)) {
      const layer = (denyMasks >> (index * 4)) & 0xf;
      if (layer > youngest) {
        youngest = layer;
        missing = 1 << bit;
      } else if (layer === youngest) missing |= 1 << bit;
    }
    index++;
  }
  return { layer: youngest, missing };
}

/** A domain id as %llx prints it. */
export const domainId = (id: number): string => id.toString(16);

/**
 * audit.c landlock_log_denial(): finds the youngest denying layer, counts the denial, and (unless
 * its log_* flags quiet it) writes AUDIT_LANDLOCK_ACCESS, then log_domain() the first time.
 * `enabled` is false for kernels without Landlock audit (6.8).
 */
export function logDenial(
  ctx: LsmInitContext,
  enabled: boolean,
  subject: LandlockCred,
  request: LandlockRequest,
): void {
  const domain = subject.domain;
  if (!enabled || !domain?.hierarchy) return;
  let layer: number;
  let missing = request.access ?? 0;
  if (missing) {
    const r = request.layerMasks
      ? deniedLayer(domain, missing, request.layerMasks)
      : layerFromDenyMasks(missing, request.denyMasks ?? 0);
    layer = r.layer;
    missing = r.missing;
  } else layer = (request.layer_plus_one ?? 1) - 1;
  const youngest = hierarchyOf(domain, layer);
  if (youngest.log_status === 'disabled') return;
  youngest.num_denials++;
  if (subject.domain_exec & (1 << layer)) {
    if (!youngest.log_same_exec) return;
  } else if (!youngest.log_new_exec) return;
  ctx.audit(
    'LANDLOCK_ACCESS',
    `domain=${domainId(youngest.id)} blockers=${blockers(request.type, missing)}${request.data()}`,
  );
  // log_domain()
  if (youngest.log_status === 'recorded') return;
  const d = youngest.details!;
  ctx.audit(
    'LANDLOCK_DOMAIN',
    `domain=${domainId(youngest.id)} status=allocated mode=enforcing pid=${d.pid} uid=${d.uid} exe=${auditString(d.exe_path)} comm=${auditString(d.comm)}`,
  );
  youngest.log_status = 'recorded';
}

/**
 * audit.c landlock_log_drop_domain(): when a domain that showed in the log is freed (the last
 * landlock_put_hierarchy()), AUDIT_LANDLOCK_DOMAIN "status=deallocated" with its denial count.
 */
export function logDropDomain(ctx: LsmInitContext, enabled: boolean, h: Hierarchy): void {
  if (!enabled || h.log_status !== 'recorded') return;
  ctx.audit('LANDLOCK_DOMAIN', `domain=${domainId(h.id)} status=deallocated denials=${h.num_denials}`);
}
