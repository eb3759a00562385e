// Property tests: random built-in LSM sets and command lines, with the seed in each test name so a
// failure replays exactly. Invariants from security/lsm_init.c and security/security.c.
import { describe, expect, test } from 'vitest';
import { boot, blobKinds, mulberry32, type KernelVersion, type LsmInfo, type TraceEvent } from './index';

const KINDS = ['cred', 'file', 'inode', 'task', 'superblock', 'sock', 'xattr_count'] as const;

function randomWorld(seed: number) {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const version: KernelVersion = pick(['7.1', '6.18', '6.8'] as const);
  const n = 2 + Math.floor(rnd() * 9);
  const rcs = [0, 0, 0, -13, -1, -95, 1];
  const lsms: LsmInfo[] = [];
  for (let i = 0; i < n; i++) {
    const order = rnd() < 0.15 ? 'first' : rnd() < 0.2 ? 'last' : 'mutable';
    const blobs: Record<string, number> = {};
    for (const k of KINDS) if (rnd() < 0.4) blobs[k] = 1 + Math.floor(rnd() * 40);
    const rc = pick(rcs);
    lsms.push({
      name: `l${i}`,
      id: 200 + i,
      order,
      ...(rnd() < 0.3 ? { exclusive: true } : {}),
      ...(rnd() < 0.3 ? { legacyMajor: true } : {}),
      ...(rnd() < 0.1 ? { early: true } : {}),
      ...(rnd() < 0.2 ? { enabled: { name: `l${i}_enabled`, initial: rnd() < 0.5 ? 1 : 0 } } : {}),
      blobs,
      hooks: { file_open: () => rc, inode_getsecurity: () => rc },
    });
  }
  const names = lsms.map((l) => l.name);
  const list = () => Array.from({ length: Math.floor(rnd() * 6) }, () => (rnd() < 0.1 ? '' : pick(names))).join(',');
  const parts: string[] = [];
  if (rnd() < 0.5) parts.push(`lsm=${list()}`);
  if (rnd() < 0.3) parts.push(`security=${pick(names)}`);
  const maxLsmCount = rnd() < 0.2 ? 1 + Math.floor(rnd() * n) : undefined;
  return { version, lsms, configLsm: list(), cmdline: parts.join(' '), ...(maxLsmCount ? { maxLsmCount } : {}) };
}

const SEEDS = Array.from({ length: 60 }, (_, i) => 0x5eed0000 + i * 7919);

describe.each(SEEDS)('random boot, seed %i', (seed) => {
  const w = randomWorld(seed);
  const k = boot({
    kernelVersion: w.version,
    lsms: w.lsms,
    configLsm: w.configLsm,
    cmdline: w.cmdline,
    ...(w.maxLsmCount ? { maxLsmCount: w.maxLsmCount } : {}),
  });
  const info = (name: string) => w.lsms.find((l) => l.name === name)!;

  test('early LSMs, then FIRST, then the rest, with LAST at the end (security=<last> aside)', () => {
    const rank = (n: string) => (info(n).early ? 0 : info(n).order === 'first' ? 1 : info(n).order === 'last' ? 3 : 2);
    const ranks = k.order.map(rank);
    const legacy = /security=(\S+)/.exec(w.cmdline)?.[1];
    const lsmGiven = /(^|\s)lsm=/.test(w.cmdline);
    // Only the security= quirk may put a LAST LSM before others.
    if (!legacy || lsmGiven || info(legacy).order !== 'last') expect(ranks).toEqual([...ranks].sort());
  });

  test('at most one exclusive LSM is active, and no LSM appears twice', () => {
    expect(k.order.filter((n) => info(n).exclusive).length).toBeLessThanOrEqual(1);
    expect(new Set(k.order).size).toBe(k.order.length);
    expect(k.order.length).toBeLessThanOrEqual(k.config.maxLsmCount + w.lsms.filter((l) => l.early).length);
  });

  test('blob offsets are 8-aligned, disjoint and inside the composite blob', () => {
    for (const kind of blobKinds(w.version)) {
      if (kind === 'xattr_count') continue;
      const slots = k.lsms
        .filter((l) => l.offsets[kind] !== undefined)
        .map((l) => ({ off: l.offsets[kind]!, size: l.requested[kind]! }))
        .sort((a, b) => a.off - b.off);
      let end = kind === 'inode' && slots.length ? 16 : 0;
      const packed = !w.lsms.some((l) => l.early);
      for (const s of slots) {
        expect(s.off % 8).toBe(0);
        expect(s.off).toBeGreaterThanOrEqual(end);
        // Without early LSMs each slice starts exactly at ALIGN(previous end, 8): no gaps.
        if (packed) expect(s.off).toBe(Math.ceil(end / 8) * 8);
        end = s.off + s.size;
      }
      // The total is the end of the last slice (never rounded up); 7.1 prepares early LSMs twice,
      // so with an early LSM only check that everything fits.
      if (w.lsms.some((l) => l.early)) expect(end).toBeLessThanOrEqual(k.blobSizes[kind] ?? 0);
      else expect(end).toBe(k.blobSizes[kind] ?? 0);
    }
  });

  test('an int hook stops at the first non-default return and returns it', () => {
    if (k.panic) return;
    for (const hook of ['file_open', 'inode_getsecurity'] as const) {
      const args = hook === 'file_open' ? [null] : [null, null, 'x', null, false];
      const r = k.call(hook, args);
      const rets = r.trace.filter((e): e is Extract<TraceEvent, { type: 'lsm_return' }> => e.type === 'lsm_return');
      const dflt = hook === 'file_open' ? 0 : -95;
      const stopAt = w.version === '6.8' && hook === 'file_open' ? 0 : dflt;
      rets.slice(0, -1).forEach((e) => expect(e.rc).toBe(stopAt));
      const last = rets.at(-1);
      expect(r.rc).toBe(last ? last.rc : dflt);
      if (last && last.rc !== stopAt) expect(rets.length).toBeLessThanOrEqual(k.hookHead(hook).length);
      else expect(rets.length).toBe(k.hookHead(hook).length);
    }
  });

  test('the same input gives the same log and trace', () => {
    const again = boot({
      kernelVersion: w.version,
      lsms: w.lsms,
      configLsm: w.configLsm,
      cmdline: w.cmdline,
      ...(w.maxLsmCount ? { maxLsmCount: w.maxLsmCount } : {}),
    });
    expect(JSON.stringify(again.log)).toBe(JSON.stringify(k.log));
    expect(again.order).toEqual(k.order);
  });
});
