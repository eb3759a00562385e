// The composite security blob of one object (cred->security, inode->i_security, …). Each LSM
// reaches only its own slice, at the offset the framework gave it, as `selinux_cred(cred)` does.
import type { BlobKind } from './blobKinds';

/** One LSM's slice of a blob: [offset, offset + size). */
export interface BlobSlice<T> {
  readonly lsm: string;
  readonly offset: number;
  readonly size: number;
  get(): T | undefined;
  set(value: T): void;
}

/** A blob allocated by lsm_blob_alloc(): `size` bytes, zeroed, one value per LSM slice. */
export class SecurityBlob {
  readonly kind: BlobKind;
  readonly size: number;
  /**
   * What the LSMs wrote, by offset; null until the first write. Most blobs (every file opened
   * and closed) are never written, and a Map per blob was a measurable part of a syscall's cost.
   */
  private values: Map<number, { lsm: string; value: unknown }> | null = null;

  constructor(kind: BlobKind, size: number) {
    this.kind = kind;
    this.size = size;
  }

  /** The slice of `lsm` at `offset`; throws if it lies outside the blob (a model bug, like an oops). */
  slice<T>(lsm: string, offset: number, size: number): BlobSlice<T> {
    if (offset < 0 || size <= 0 || offset + size > this.size) {
      throw new RangeError(
        `${lsm}: ${this.kind} blob slice [${offset}, ${offset + size}) outside blob of ${this.size} bytes`,
      );
    }
    return new Slice<T>(this, lsm, offset, size);
  }

  /** The value at `offset`, if one was written. */
  read(offset: number): unknown {
    return this.values?.get(offset)?.value;
  }

  /** Writes `value` at `offset` on behalf of `lsm`. */
  write(lsm: string, offset: number, value: unknown): void {
    (this.values ??= new Map()).set(offset, { lsm, value });
  }

  /** The slices written so far, by offset, for the blob memory map. */
  contents(): { offset: number; lsm: string; value: unknown }[] {
    if (!this.values) return [];
    return [...this.values.entries()].sort((a, b) => a[0] - b[0]).map(([offset, v]) => ({ offset, ...v }));
  }
}

/** A BlobSlice: a class rather than a literal with two closures, as one is made per callback that uses a blob. */
class Slice<T> implements BlobSlice<T> {
  readonly blob: SecurityBlob;
  readonly lsm: string;
  readonly offset: number;
  readonly size: number;

  constructor(blob: SecurityBlob, lsm: string, offset: number, size: number) {
    this.blob = blob;
    this.lsm = lsm;
    this.offset = offset;
    this.size = size;
  }

  get(): T | undefined {
    return this.blob.read(this.offset) as T | undefined;
  }

  set(value: T): void {
    this.blob.write(this.lsm, this.offset, value);
  }
}
