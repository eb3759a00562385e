// Kernel objects as the hooks see them. The machine model (tasks, inodes, files…) builds on these;
// here they are only what the framework needs: a struct tag, an address and the LSM blob.
import type { SecurityBlob } from '../lsm/securityBlob';

/** A pointer to a kernel structure `struct K`, e.g. `Struct<'file'>`; `security` is its LSM blob. */
export interface Struct<K extends string = string> {
  readonly struct: K;
  /** A stable, deterministic address used to name the object in traces. */
  readonly addr: number;
  security?: SecurityBlob | null;
  /** Fields of the C struct that the model exposes, e.g. a cred's `cap_effective`. */
  readonly fields?: Readonly<Record<string, unknown>>;
}

/** An out-parameter (`u32 *secid`, `char **value`): the callee writes `value`. */
export interface Ref<T> {
  value: T;
}

/** A userspace address (`void __user *`); 0 is NULL. Dereferenced through `UserMemory`. */
export type UserAddr = number;
