// Blob layout per security/lsm_init.c lsm_blob_size_update() / lsm_prepare() (7.1) and
// security/security.c lsm_set_blob_size() (6.8). Sizes per LSM come from blobRequests.json.
import { describe, expect, test } from 'vitest';
import { blobKinds, boot, emptyBlobTotals, lsmBlobSizeUpdate, lsmPrepareBlobs } from '../index';

describe('lsm_blob_size_update()', () => {
  test('offsets are aligned to sizeof(void *); the total is not rounded up', () => {
    expect(lsmBlobSizeUpdate(11, 0)).toEqual({ offset: 0, total: 11 });
    expect(lsmBlobSizeUpdate(24, 11)).toEqual({ offset: 16, total: 40 });
    expect(lsmBlobSizeUpdate(0, 11)).toEqual({ offset: null, total: 11 });
  });
  test('the inode blob reserves a 16-byte rcu_head, but only once some LSM asks for inode space', () => {
    const totals = emptyBlobTotals();
    expect(lsmPrepareBlobs('7.1', { cred: 8 }, totals)).toEqual({ cred: 0 });
    expect(totals.inode).toBe(0);
    expect(lsmPrepareBlobs('7.1', { inode: 8 }, totals)).toEqual({ inode: 16 });
    expect(totals.inode).toBe(24);
  });
  test('kinds a version lacks are not laid out (6.8 has no sock blob)', () => {
    const totals = emptyBlobTotals();
    expect(lsmPrepareBlobs('6.8', { sock: 32, cred: 8 }, totals)).toEqual({ cred: 0 });
    expect(totals.sock).toBe(0);
  });
});

describe('default 7.1 boot', () => {
  const k = boot();
  test('total sizes follow lsm_order: landlock, selinux, tomoyo, ipe, bpf, ima, evm', () => {
    // inode: rcu 16 | landlock 8 @16 | selinux 40 @24 | ipe 1 @64 | bpf 8 @72 | ima 8 @80 | evm 40 @88 = 128
    expect(k.blobSizes.inode).toBe(128);
    expect(k.lsm('evm')?.offsets.inode).toBe(88);
    // cred: landlock 11 @0 | selinux 24 @16 = 40
    expect(k.blobSizes.cred).toBe(40);
    expect(k.lsm('selinux')?.offsets.cred).toBe(16);
    // file: landlock 20 @0 | selinux 16 @24 = 40
    expect(k.blobSizes.file).toBe(40);
    expect(k.lsm('selinux')?.offsets.file).toBe(24);
    // superblock: landlock 8 @0 | selinux 72 @8 | ipe 1 @80 = 81, not rounded up
    expect(k.blobSizes.superblock).toBe(81);
  });
  test('lbs_xattr_count is aligned like bytes: selinux 1 + evm 1 = 9', () => {
    expect(k.blobSizes.xattr_count).toBe(9);
    expect(k.lsm('evm')?.offsets.xattr_count).toBe(8);
  });
  test('disabled LSMs get no offsets', () => {
    expect(k.lsm('smack')?.offsets).toEqual({});
    expect(k.lsm('smack')?.requested.cred).toBe(80);
  });
  test('each version lists each blob kind once, in the kernel’s update order', () => {
    expect(blobKinds('7.1')).toEqual([
      'cred',
      'file',
      'backing_file',
      'ib',
      'inode',
      'ipc',
      'key',
      'msg_msg',
      'perf_event',
      'sock',
      'superblock',
      'task',
      'tun_dev',
      'xattr_count',
      'bdev',
      'bpf_map',
      'bpf_prog',
      'bpf_token',
    ]);
    expect(new Set(blobKinds('6.18')).size).toBe(blobKinds('6.18').length);
  });
  test('6.8 has eight blob kinds; smack and apparmor change the layout', () => {
    const k68 = boot({ kernelVersion: '6.8', cmdline: 'lsm=smack,apparmor' });
    expect(Object.keys(k68.blobSizes)).toEqual([
      'cred',
      'file',
      'inode',
      'ipc',
      'msg_msg',
      'superblock',
      'task',
      'xattr_count',
    ]);
    expect(k68.blobSizes.cred).toBe(88);
    expect(k68.blobSizes.xattr_count).toBe(2);
  });
  test('objects get a blob of the composite size and each LSM writes only its own slice', () => {
    const cred = k.newObject('cred', 'cred');
    expect(cred.security?.size).toBe(40);
    const sel = cred.security!.slice<string>('selinux', 16, 24);
    sel.set('system_u:system_r:init_t:s0');
    expect(cred.security!.contents()).toEqual([{ offset: 16, lsm: 'selinux', value: 'system_u:system_r:init_t:s0' }]);
    expect(() => cred.security!.slice('rogue', 32, 16)).toThrow(/outside blob of 40 bytes/);
  });
});
