// A plain-JSON picture of the world after a step, for the UI's World and Blobs views: tasks with
// their creds and blobs, the file tree with owners, modes, xattrs and inode blobs, and the mounts.
// The world itself is mutable; a snapshot after each step is what lets the UI show any step.
//
// Snapshots are immutable and share structure: given the previous step's snapshot, every part that
// has not changed (a task's view, a file's view, its xattrs or blob, a whole list) is the previous
// snapshot's own object, so a run of many steps holds each unchanged part once. Consumers must not
// mutate them (the types are readonly).
import type { SecurityBlob } from '../lsm/securityBlob';
import { capNames } from './capability';
import { isDir, type Dentry, type Task, type VfsMount } from './types';
import { modeString, type World } from './world';

/** One LSM's slice of a blob and what it holds. */
export interface BlobSliceView {
  readonly lsm: string;
  readonly offset: number;
  readonly value: unknown;
}

export interface BlobView {
  readonly kind: string;
  readonly size: number;
  readonly slices: readonly BlobSliceView[];
}

export interface TaskView {
  readonly pid: number;
  readonly ppid: number;
  readonly comm: string;
  readonly exe: string;
  readonly state: string;
  readonly uid: number;
  readonly euid: number;
  readonly suid: number;
  readonly fsuid: number;
  readonly gid: number;
  readonly egid: number;
  readonly groups: readonly number[];
  readonly capEffective: readonly string[];
  readonly capPermitted: readonly string[];
  readonly noNewPrivs: boolean;
  readonly credBlob: BlobView | null;
  readonly taskBlob: BlobView | null;
  readonly fds: readonly { fd: number; path: string; flags: number }[];
}

export interface FileView {
  readonly path: string;
  readonly ino: number;
  readonly mode: string;
  readonly uid: number;
  readonly gid: number;
  readonly size: number;
  readonly fs: string;
  readonly xattrs: Readonly<Record<string, string>>;
  readonly blob: BlobView | null;
}

export interface WorldSnapshot {
  readonly tasks: readonly TaskView[];
  readonly files: readonly FileView[];
  readonly mounts: readonly { mountpoint: string; fstype: string; source: string }[];
}

/** JSON-safe copy of a blob value (bigint as text, functions and cycles dropped). */
function plain(v: unknown, depth = 0): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'function') return '[function]';
  if (typeof v !== 'object') return v;
  if (depth > 4) return '[…]';
  if (Array.isArray(v)) return v.map((x) => plain(x, depth + 1));
  if (v instanceof Map) return Object.fromEntries([...v.entries()].map(([k, x]) => [String(k), plain(x, depth + 1)]));
  if ('struct' in v && 'addr' in v)
    return `<${String((v as { struct: string }).struct)} @${Number((v as { addr: number }).addr).toString(16)}>`;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x, depth + 1)]));
}

function blobView(b: SecurityBlob | null | undefined): BlobView | null {
  if (!b) return null;
  return {
    kind: b.kind,
    size: b.size,
    slices: b.contents().map((c) => ({ lsm: c.lsm, offset: c.offset, value: plain(c.value) })),
  };
}

function taskView(world: World, t: Task): TaskView {
  const c = t.cred;
  return {
    pid: t.pid,
    ppid: t.ppid,
    comm: t.comm,
    exe: t.exe,
    state: t.state,
    uid: c.uid,
    euid: c.euid,
    suid: c.suid,
    fsuid: c.fsuid,
    gid: c.gid,
    egid: c.egid,
    groups: c.groups,
    capEffective: capNames(c.cap_effective),
    capPermitted: capNames(c.cap_permitted),
    noNewPrivs: t.no_new_privs,
    credBlob: blobView(c.security),
    taskBlob: blobView(t.security),
    fds: [...t.files.entries()].map(([fd, f]) => ({ fd, path: world.pathName(f.f_path), flags: f.f_flags })),
  };
}

/** A plain JSON value as snapshots hold it (objects, arrays, strings, numbers, booleans, null). */
type Json = unknown;

/**
 * `fresh`, with each part that equals the same part of `prev` replaced by prev's object, and prev
 * itself when the two are equal throughout (keys in the same order, so JSON text is unchanged).
 * `fresh` is newly built, so its parts are replaced in place.
 */
function share<T extends Json>(fresh: T, prev: T | undefined): T {
  if (fresh === prev || prev === undefined) return fresh;
  if (typeof fresh !== 'object' || fresh === null || typeof prev !== 'object' || prev === null) return fresh;
  if (Array.isArray(fresh) !== Array.isArray(prev)) return fresh;
  const f = fresh as Record<string, Json>;
  const p = prev as Record<string, Json>;
  const keys = Object.keys(f);
  const prevKeys = Object.keys(p);
  let same = keys.length === prevKeys.length;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (same && prevKeys[i] !== k) same = false;
    if (!Object.hasOwn(p, k)) continue;
    const part = share(f[k], p[k]);
    if (part !== f[k]) f[k] = part;
    if (part !== p[k]) same = false;
  }
  return same ? prev : fresh;
}

/** `fresh`, a list of views, sharing each view with prev's view of the same key, and prev when all are shared. */
function shareList<T extends Json>(
  fresh: T[],
  prev: readonly T[] | undefined,
  key: (v: T) => string | number,
): readonly T[] {
  if (!prev) return fresh;
  const byKey = new Map(prev.map((v) => [key(v), v]));
  let same = fresh.length === prev.length;
  for (let i = 0; i < fresh.length; i++) {
    const view = share(fresh[i]!, byKey.get(key(fresh[i]!)));
    fresh[i] = view;
    if (view !== prev[i]) same = false;
  }
  return same ? prev : fresh;
}

/**
 * The world as it is now. `/proc` is left out (it mirrors the tasks). With `previous` (the snapshot of
 * the step before), unchanged parts are shared with it.
 */
export function snapshotWorld(world: World, previous?: WorldSnapshot): WorldSnapshot {
  const files: FileView[] = [];
  const visit = (mnt: VfsMount, d: Dentry, path: string): void => {
    const inode = d.d_inode;
    if (!inode) return;
    files.push({
      path,
      ino: inode.i_ino,
      mode: modeString(inode.i_mode),
      uid: inode.i_uid,
      gid: inode.i_gid,
      size: inode.data.length,
      fs: inode.i_sb.s_type,
      xattrs: Object.fromEntries(inode.xattrs),
      blob: blobView(inode.security),
    });
    if (!isDir(inode) || inode.i_sb.s_type === 'proc') return;
    for (const [name, child] of [...inode.children!.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
      const below = world.mountedOn(mnt, child);
      const childPath = path === '/' ? `/${name}` : `${path}/${name}`;
      if (below) visit(below, below.mnt_root, childPath);
      else visit(mnt, child, childPath);
    }
  };
  visit(world.rootMount, world.rootMount.mnt_root, '/');
  const snapshot: WorldSnapshot = {
    tasks: shareList(
      [...world.tasks.values()].sort((a, b) => a.pid - b.pid).map((t) => taskView(world, t)),
      previous?.tasks,
      (t) => t.pid,
    ),
    files: shareList(files, previous?.files, (f) => f.path),
    mounts: shareList(
      world.mounts.map((m) => ({
        mountpoint: world.pathName({ mnt: m, dentry: m.mnt_root }),
        fstype: m.mnt_sb.s_type,
        source: m.mnt_sb.s_id,
      })),
      previous?.mounts,
      (m) => m.mountpoint,
    ),
  };
  const unchanged =
    previous &&
    snapshot.tasks === previous.tasks &&
    snapshot.files === previous.files &&
    snapshot.mounts === previous.mounts;
  return unchanged ? previous : snapshot;
}
