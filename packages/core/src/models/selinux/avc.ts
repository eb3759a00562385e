// The access vector cache (security/selinux/avc.c): avc_has_perm() with its audit record, and the
// permissive behaviour of avc_denied(): in permissive mode, or for a permissive domain, a denial
// is audited once and then granted in the cache (avc_update_node(AVC_CALLBACK_GRANT)), so the same
// access is not audited again until the cache is reset (a policy load, setenforce 1).
import { EACCES } from '../../errno';
import type { LsmInitContext } from '../../lsm/lsmInfo';
import { dPath } from '../../machine/world';
import type { Dentry, File, Inode, Task } from '../../machine/types';
import { auditString, taskComm, taskPid } from '../model';
import { orderPerms } from './classmap';
import type { SecurityServer } from './services';

/** struct common_audit_data: what dump_common_audit_data() prints after pid and comm. */
export type AuditData =
  | { readonly type: 'none' }
  | { readonly type: 'cap'; readonly cap: number }
  | { readonly type: 'inode'; readonly inode: Inode; readonly name: string | null }
  | { readonly type: 'dentry'; readonly dentry: Dentry }
  | { readonly type: 'file'; readonly file: File }
  | { readonly type: 'task'; readonly task: Task };

/** dump_common_audit_data() (security/lsm_audit.c) for one record type, after " pid=N comm=...". */
function auditDataText(a: AuditData): string {
  const devIno = (inode: Inode): string => ` dev=${auditString(inode.i_sb.s_id)} ino=${inode.i_ino}`;
  switch (a.type) {
    case 'none':
      return '';
    case 'cap':
      // audit_log_format(ab, " capability=%d ", cap): the trailing space gives "capability=N  scontext".
      return ` capability=${a.cap} `;
    case 'inode':
      return `${a.name !== null ? ` name=${auditString(a.name)}` : ''}${devIno(a.inode)}`;
    case 'dentry':
      return ` name=${auditString(a.dentry.d_name)}${a.dentry.d_inode ? devIno(a.dentry.d_inode) : ''}`;
    case 'file':
      return ` path=${auditString(dPath(a.file.f_path))}${devIno(a.file.f_inode)}`;
    case 'task':
      return a.task.pid ? ` opid=${a.task.pid} ocomm=${auditString(a.task.comm)}` : '';
  }
}

const raw = (key: string, v: string | null): string => (v === null ? '' : `${key}${auditString(v)}`);

export class Avc {
  /** Permissions granted in the cache after a permissive denial, by "ssid|tsid|class". */
  private granted = new Map<string, Set<string>>();
  private seqno = -1;
  enforcing = false;

  constructor(
    private readonly ctx: LsmInitContext,
    private readonly ss: SecurityServer,
  ) {}

  /** avc_ss_reset(): the cache is flushed (policy load, setenforce 1). */
  reset(): void {
    this.granted = new Map();
  }

  /**
   * avc_has_perm(ssid, tsid, tclass, requested, ad): 0 or -EACCES; `ad` null means no audit
   * (avc_has_perm_noaudit()). Before the first policy load everything is allowed.
   */
  hasPerm(ssid: number, tsid: number, cls: string, requested: readonly string[], ad: AuditData | null): number {
    if (!this.ss.initialized || !requested.length) return 0;
    if (this.seqno !== this.ss.seqno) {
      this.seqno = this.ss.seqno;
      this.reset();
    }
    const key = `${ssid}|${tsid}|${cls}`;
    const avd = this.ss.computeAv(ssid, tsid, cls);
    const extra = this.granted.get(key);
    const denied = requested.filter((p) => avd.allowed !== 'all' && !avd.allowed.has(p) && !extra?.has(p));
    let rc = 0;
    if (denied.length) {
      if (this.enforcing && !avd.permissive) rc = -EACCES;
      else {
        const set = extra ?? new Set<string>();
        for (const p of denied) set.add(p);
        this.granted.set(key, set);
      }
    }
    if (ad) {
      // avc_audit_required(): denials unless dontaudit; grants only with auditallow.
      const audited = denied.length
        ? denied.filter((p) => !avd.dontaudit.has(p))
        : requested.filter((p) => avd.auditallow.has(p));
      if (audited.length) this.audit(ssid, tsid, cls, audited, denied.length > 0, rc, ad);
    }
    return rc;
  }

  /** slow_avc_audit(): avc_audit_pre_callback(), dump_common_audit_data(), avc_audit_post_callback(). */
  private audit(
    ssid: number,
    tsid: number,
    cls: string,
    audited: readonly string[],
    denied: boolean,
    rc: number,
    ad: AuditData,
  ): void {
    const cur = this.ctx.currentTask() as unknown as Task;
    const perms = orderPerms(cls, audited).join(' ');
    const body =
      `avc:  ${denied ? 'denied' : 'granted'}  { ${perms} } for ` +
      ` pid=${taskPid(cur)} comm=${auditString(taskComm(cur))}${auditDataText(ad)}` +
      ` scontext=${this.ss.sidToContext(ssid)} tcontext=${this.ss.sidToContext(tsid)} tclass=${cls}` +
      (denied ? ` permissive=${rc ? 0 : 1}` : '') +
      // "in case of invalid context report also the actual context string"
      raw(' srawcon=', this.ss.sidToContextInval(ssid)) +
      raw(' trawcon=', this.ss.sidToContextInval(tsid));
    this.ctx.audit('AVC', body);
  }
}
