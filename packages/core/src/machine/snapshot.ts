// A plain-JSON picture of the world after a step, for the UI's World and Blobs views: tasks with
// their creds and blobs, the file tree with owners, modes, xattrs and inode blobs, and the mounts.
// The world itself is mutable; a snapshot after each step is what lets the UI show any step.
//
// Snapshots are immutable and share structure: given the previous step's snapshot, every part that
// has not changed (a task's view, a file's view, its xattrs or blob, a whole list) is the previous
// snapshot's own object, so a run of many steps holds each unchanged part once. Consumers must not
// mutate them (the types are readonly).
import type { BlobKind } from '../lsm/blobKinds';
import type { SecurityBlob } from '../lsm/securityBlob';
import type { BlobLayout, BlobReserved } from './blobLayout';
import { capNames } from './capability';
import { isDir, isLnk, type Dentry, type Task, type VfsMount } from './types';
import { modeString, type World } from './world';
import { groupName, userName } from './defaultWorld';

/**
 * One LSM's slice of a blob: where boot put it (offset and size from the LSM's `lsm_blob_sizes`
 * request) and what it holds. Every LSM with space in the blob has one, written or not: a slice
 * nobody has written is still the zeroes lsm_blob_alloc() left (`written` false, `value` null).
 */
export interface BlobSliceView {
  readonly lsm: string;
  readonly offset: number;
  readonly size: number;
  readonly written: boolean;
  readonly value: unknown;
}

/** One object's composite blob as a memory map: the reserved bytes, then each LSM's slice, by offset. */
export interface BlobView {
  readonly kind: string;
  readonly size: number;
  /** Bytes that belong to no LSM (the inode blob's struct rcu_head). */
  readonly reserved: readonly BlobReserved[];
  readonly slices: readonly BlobSliceView[];
}

/** An open file of a task: its fd, path, flags and the `struct file` blob. */
export interface FdView {
  readonly fd: number;
  readonly path: string;
  readonly flags: number;
  readonly blob: BlobView | null;
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
  readonly fds: readonly FdView[];
}

export interface FileView {
  readonly path: string;
  readonly ino: number;
  readonly mode: string;
  readonly uid: number;
  readonly gid: number;
  /** `user:group` as `ls -l` names them from /etc/passwd and /etc/group (numbers when unknown). */
  readonly owner: string;
  readonly size: number;
  /** A symbolic link's target (what `ls -l` prints after `->`); null for anything else. */
  readonly target: string | null;
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

const NO_RESERVED: readonly BlobReserved[] = [];

/** The blob laid out by the boot's layout, each slice with what its LSM wrote there (if anything). */
function blobView(layout: BlobLayout, b: SecurityBlob | null | undefined): BlobView | null {
  if (!b) return null;
  const kind = layout[b.kind as BlobKind];
  const written = new Map(b.contents().map((c) => [c.offset, c]));
  const slices: BlobSliceView[] = [];
  for (const s of kind?.slices ?? []) {
    const c = written.get(s.offset);
    written.delete(s.offset);
    slices.push({ lsm: s.lsm, offset: s.offset, size: s.size, written: !!c, value: c ? plain(c.value) : null });
  }
  // A world built without a layout (a bare World in a test) still shows what was written, each slice
  // running to the next one or the end of the blob.
  if (written.size > 0) {
    for (const c of written.values())
      slices.push({ lsm: c.lsm, offset: c.offset, size: 0, written: true, value: plain(c.value) });
    slices.sort((x, y) => x.offset - y.offset);
    slices.forEach((s, i) => {
      if (s.size === 0) slices[i] = { ...s, size: (slices[i + 1]?.offset ?? b.size) - s.offset };
    });
  }
  return { kind: b.kind, size: b.size, reserved: kind?.reserved ?? NO_RESERVED, slices };
}

function taskView(world: World, t: Task): TaskView {
  const c = t.cred;
  const layout = world.blobLayout;
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
    credBlob: blobView(layout, c.security),
    taskBlob: blobView(layout, t.security),
    fds: [...t.files.entries()].map(([fd, f]) => ({
      fd,
      path: world.pathName(f.f_path),
      flags: f.f_flags,
      blob: blobView(layout, f.security),
    })),
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
      owner: `${userName(inode.i_uid)}:${groupName(inode.i_gid)}`,
      size: inode.data.length,
      // A link whose target depends on the reader (/proc/self) has none of its own to show.
      target: isLnk(inode) ? (inode.getLink ? '(the reader’s own pid)' : inode.data) : null,
      fs: inode.i_sb.s_type,
      xattrs: Object.fromEntries(inode.xattrs),
      blob: blobView(world.blobLayout, inode.security),
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

/** What one step changed, read off two snapshots of the same run (views are compared by identity). */
export interface WorldDiff {
  readonly filesCreated: readonly string[];
  readonly filesRemoved: readonly string[];
  /** Changed files, each with the fields that differ (mode, uid, size, xattrs, blob…). */
  readonly filesChanged: ReadonlyMap<string, readonly string[]>;
  readonly tasksCreated: readonly number[];
  readonly tasksGone: readonly number[];
  readonly tasksChanged: ReadonlyMap<number, readonly string[]>;
}

/** Deep equality of plain JSON values; shared parts compare by identity at once. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return ka.every((k) => Object.hasOwn(y, k) && same(x[k], y[k]));
}

function changedFields(a: object, b: object): string[] {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return Object.keys(y).filter((k) => !same(x[k], y[k]));
}

function diffList<T extends object, K>(
  prev: readonly T[],
  next: readonly T[],
  key: (v: T) => K,
): { created: K[]; removed: K[]; changed: Map<K, string[]> } {
  const before = new Map(prev.map((v) => [key(v), v]));
  const created: K[] = [];
  const changed = new Map<K, string[]>();
  for (const v of next) {
    const k = key(v);
    const old = before.get(k);
    before.delete(k);
    if (!old) created.push(k);
    else if (old !== v) {
      // Snapshots further apart than one step can hold equal views that are not shared.
      const fields = changedFields(old, v);
      if (fields.length > 0) changed.set(k, fields);
    }
  }
  return { created, removed: [...before.keys()], changed };
}

/**
 * The difference between two snapshots, usually a step's and the one before it. It leans on the
 * sharing of `snapshotWorld(world, previous)`: an unchanged view is the same object and is skipped,
 * so only the parts that differ are walked (snapshots structured-cloned together keep this).
 */
export function diffWorlds(prev: WorldSnapshot, next: WorldSnapshot): WorldDiff {
  const files =
    prev.files === next.files
      ? { created: [], removed: [], changed: new Map<string, string[]>() }
      : diffList(prev.files, next.files, (f) => f.path);
  const tasks =
    prev.tasks === next.tasks
      ? { created: [], removed: [], changed: new Map<number, string[]>() }
      : diffList(prev.tasks, next.tasks, (t) => t.pid);
  return {
    filesCreated: files.created,
    filesRemoved: files.removed,
    filesChanged: files.changed,
    tasksCreated: tasks.created,
    tasksGone: tasks.removed,
    tasksChanged: tasks.changed,
  };
}
