// A process's user address space, as far as copy_to_user()/get_user() see it: mapped regions,
// NULL and everything unmapped fault (-EFAULT). Little-endian like x86_64.
import { utf8Encode } from '../util/utf8';

/** Thrown by an access to an unmapped address; the syscall turns it into -EFAULT. */
export class UserFault extends Error {
  readonly addr: number;

  constructor(addr: number, len: number) {
    super(`user access fault at 0x${addr.toString(16)} (+${len})`);
    this.name = 'UserFault';
    this.addr = addr;
  }
}

interface Region {
  readonly start: number;
  readonly bytes: Uint8Array;
}

/** Userspace memory for simulated syscalls; `alloc` hands out addresses deterministically. */
export class UserMemory {
  private readonly regions: Region[] = [];
  /** Compact, deterministic addresses from 0x1000 up. */
  private next = 0x1000;

  /** Maps `size` zeroed bytes and returns their address (never 0). */
  alloc(size: number): number {
    const start = this.next;
    this.regions.push({ start, bytes: new Uint8Array(size) });
    // A guard gap after each region so that overruns fault.
    this.next = start + Math.ceil((size + 1) / 0x1000) * 0x1000 + 0x1000;
    return start;
  }

  private find(addr: number, len: number): { r: Region; off: number } {
    if (addr === 0) throw new UserFault(addr, len);
    for (const r of this.regions) {
      const off = addr - r.start;
      if (off >= 0 && off + len <= r.bytes.length) return { r, off };
    }
    throw new UserFault(addr, len);
  }

  read(addr: number, len: number): Uint8Array {
    if (len === 0) return new Uint8Array(0);
    const { r, off } = this.find(addr, len);
    return r.bytes.slice(off, off + len);
  }

  write(addr: number, data: Uint8Array): void {
    if (data.length === 0) return;
    const { r, off } = this.find(addr, data.length);
    r.bytes.set(data, off);
  }

  getU32(addr: number): number {
    const b = this.read(addr, 4);
    return new DataView(b.buffer).getUint32(0, true);
  }

  putU32(addr: number, v: number): void {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, v >>> 0, true);
    this.write(addr, b);
  }

  getU64(addr: number): bigint {
    const b = this.read(addr, 8);
    return new DataView(b.buffer).getBigUint64(0, true);
  }

  putU64(addr: number, v: bigint): void {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, v), true);
    this.write(addr, b);
  }
}

/** A decoded struct lsm_ctx (include/uapi/linux/lsm.h). */
export interface LsmCtx {
  readonly id: bigint;
  readonly flags: bigint;
  readonly len: bigint;
  readonly ctx_len: bigint;
  readonly ctx: Uint8Array;
}

/** Encodes a struct lsm_ctx: 32-byte header then ctx, padded to `len` bytes. */
export function encodeLsmCtx(c: {
  id: number | bigint;
  flags?: number | bigint;
  len?: number | bigint;
  ctx: Uint8Array | string;
}): Uint8Array {
  const ctx = typeof c.ctx === 'string' ? utf8Encode(c.ctx) : c.ctx;
  const len = c.len !== undefined ? Number(c.len) : 32 + ctx.length;
  const out = new Uint8Array(Math.max(len, 32 + ctx.length));
  const dv = new DataView(out.buffer);
  dv.setBigUint64(0, BigInt(c.id), true);
  dv.setBigUint64(8, BigInt(c.flags ?? 0), true);
  dv.setBigUint64(16, BigInt(len), true);
  dv.setBigUint64(24, BigInt(ctx.length), true);
  out.set(ctx, 32);
  return out;
}

/** Decodes the struct lsm_ctx at the start of `bytes`. */
export function decodeLsmCtx(bytes: Uint8Array): LsmCtx {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ctx_len = dv.getBigUint64(24, true);
  const n = Math.max(0, Math.min(Number(ctx_len), bytes.length - 32));
  return {
    id: dv.getBigUint64(0, true),
    flags: dv.getBigUint64(8, true),
    len: dv.getBigUint64(16, true),
    ctx_len,
    ctx: bytes.slice(32, 32 + n),
  };
}
