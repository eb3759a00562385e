// The blob layout snapshots draw: each active LSM's slice where lsm_prepare() put it, packed and
// aligned, ending exactly at the blob's size, for every boot fixture the e2e specs use.
import { describe, expect, test } from 'vitest';
import fixtures from '../../../../e2e/fixtures/bootCases.json';
import { boot } from '../boot/boot';
import type { BlobKind } from '../lsm/blobKinds';
import type { KernelVersion } from '../version';
import { blobLayout } from './blobLayout';
import { snapshotWorld } from './snapshot';
import { World } from './world';

describe('blobLayout(kernel)', () => {
  for (const c of fixtures.cases) {
    test(`${c.name}: slices are the active LSMs' requests at their offsets, disjoint, ending at the blob size`, () => {
      const kernel = boot({ kernelVersion: c.kernelVersion as KernelVersion, cmdline: c.cmdline });
      const layout = blobLayout(kernel);
      for (const [kind, size] of Object.entries(kernel.blobSizes) as [BlobKind, number][]) {
        const k = layout[kind];
        if (kind === 'xattr_count' || size === 0) {
          expect(k, kind).toBeUndefined();
          continue;
        }
        const expected = kernel.order.flatMap((name) => {
          const l = kernel.lsm(name)!;
          const req = l.requested[kind] ?? 0;
          return req > 0 ? [{ lsm: name, offset: l.offsets[kind]!, size: req }] : [];
        });
        expect(k!.slices, kind).toEqual(expected.sort((a, b) => a.offset - b.offset));
        let end = kind === 'inode' ? 16 : 0;
        for (const s of k!.slices) {
          expect(s.offset % 8, `${kind} ${s.lsm}`).toBe(0);
          expect(s.offset, `${kind} ${s.lsm}`).toBeGreaterThanOrEqual(end);
          end = s.offset + s.size;
        }
        // The total is the last slice's end (lsm_blob_size_update() never rounds it up).
        expect(end, kind).toBe(size);
      }
      expect(layout.inode?.reserved).toEqual([{ offset: 0, size: 16, what: 'struct rcu_head' }]);
    });
  }

  test('a world without a layout still shows written slices, each running to the next', () => {
    const kernel = boot();
    const world = new World();
    const sb = world.newSuperBlock('vda1', 'ext4');
    const root = world.newInode(sb, 0o40755, 0, 0);
    const mnt = world.newMount(sb, world.newDentry('/', null, root), null, null);
    world.rootMount = mnt;
    const sel = kernel.lsm('selinux')!;
    root.security = kernel.newObject('inode', 'inode').security ?? null;
    root.security!.slice('selinux', sel.offsets.inode!, sel.requested.inode!).set({ sid: 'root_t' });
    const blob = snapshotWorld(world).files[0]!.blob!;
    expect(blob.reserved).toEqual([]);
    expect(blob.slices).toEqual([
      {
        lsm: 'selinux',
        offset: sel.offsets.inode,
        size: blob.size - sel.offsets.inode!,
        written: true,
        value: { sid: 'root_t' },
      },
    ]);
  });
});
