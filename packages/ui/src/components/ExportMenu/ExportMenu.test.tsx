// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { inProcessWorker } from '../../engine/inProcess';
import { createPlaygroundStore } from '../../store/createPlaygroundStore';
import { Playground } from '../Playground/Playground';

/** What the page offered for download: the file name and the blob behind its URL. */
let downloads: { name: string; blob: Blob }[] = [];

beforeEach(() => {
  downloads = [];
  const blobs = new Map<string, Blob>();
  let n = 0;
  vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
    const url = `blob:test/${++n}`;
    blobs.set(url, b as Blob);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push({ name: this.download, blob: blobs.get(this.getAttribute('href')!)! });
  });
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

async function setup() {
  const store = createPlaygroundStore({}, { spawnEngine: inProcessWorker });
  render(<Playground store={store} />);
  // The menu is fetched after the page's first paint (a lazy chunk).
  await screen.findByRole('menu', { name: 'Export' });
  const menu = () => screen.getByRole('menu', { name: 'Export' });
  return { store, menu, item: (name: string) => within(menu()).getByRole('menuitem', { name }) };
}

describe('ExportMenu', () => {
  it('offers the trace downloads only once a command ran', async () => {
    const { store, item } = await setup();
    expect((item('Trace as SVG') as HTMLButtonElement).disabled).toBe(true);
    expect((item('Trace as JSON') as HTMLButtonElement).disabled).toBe(true);
    await store.getState().runShellLine('echo hacked >> /etc/shadow', { play: false });
    await waitFor(() => expect((item('Trace as SVG') as HTMLButtonElement).disabled).toBe(false));
  });

  it('downloads the SVG of the selected syscall, the JSON document and the text', async () => {
    const { store, item } = await setup();
    await store.getState().runShellLine('echo hacked >> /etc/shadow', { play: false });
    await waitFor(() => expect((item('Trace as SVG') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(item('Trace as SVG'));
    fireEvent.click(item('Trace as JSON'));
    fireEvent.click(item('Trace as text'));
    await waitFor(() => expect(downloads).toHaveLength(3));
    // The replay opened at its end: the last syscall of the line is the selected one.
    const last = store.getState().run!.syscalls.at(-1)!.name;
    expect(downloads.map((d) => d.name)).toEqual([`lsm-trace-${last}.svg`, 'lsm-trace.json', 'lsm-trace.txt']);
    const svg = await downloads[0]!.blob.text();
    expect(new DOMParser().parseFromString(svg, 'image/svg+xml').getElementsByTagName('parsererror')).toHaveLength(0);
    expect(svg).toContain('$ echo hacked &gt;&gt; /etc/shadow');
    const doc = JSON.parse(await downloads[1]!.blob.text()) as Record<string, unknown>;
    expect(doc).toMatchObject({ format: 'lsm-playground-trace', version: 1, line: 'echo hacked >> /etc/shadow' });
    expect((doc['boot'] as { order: string[] }).order).toContain('rustshield');
    expect(await downloads[2]!.blob.text()).toContain(
      'openat(AT_FDCWD, "/etc/shadow", O_WRONLY|O_CREAT|O_APPEND, 0666) = -1 EACCES (Permission denied)',
    );
  });

  it('Rust LSM… builds the module when needed and lists its kernel files, each copyable, plus the downloads', async () => {
    const { item } = await setup();
    fireEvent.click(item('Rust LSM…'));
    const dialog = await screen.findByRole('dialog', { name: 'Export as a Rust LSM' });
    const files = await within(dialog).findAllByRole('figure');
    expect(files.map((f) => f.querySelector('code')!.textContent)).toEqual([
      'security/rustshield/rustshield.rs',
      'security/rustshield/Kconfig',
      'security/rustshield/Makefile',
      'security/Kconfig',
      'security/Makefile',
      'include/linux/lsm_count.h',
    ]);
    expect(files[0]!.querySelector('pre')!.textContent).toContain('impl lsm::Hooks for RustShield {');
    expect(within(dialog).getByRole('button', { name: 'Copy security/rustshield/rustshield.rs' })).toBeTruthy();
    expect(within(dialog).queryByRole('note', { name: 'Outside the v1 abstraction' })).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Download .tar' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Download as one text file' }));
    await waitFor(() => expect(downloads).toHaveLength(2));
    expect(downloads.map((d) => d.name)).toEqual(['rustshield-rust-lsm.tar', 'rustshield-rust-lsm.txt']);
    const tar = new Uint8Array(await downloads[0]!.blob.arrayBuffer());
    expect(new TextDecoder().decode(tar.subarray(257, 262))).toBe('ustar');
    expect(await downloads[1]!.blob.text()).toContain('kernel::define_lsm!(RustShield, "rustshield\\0"');
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('a module beyond v1 gets its warnings in the dialog', async () => {
    const { store, item } = await setup();
    const src = `import { Hooks, Inode, Result, Ok, defineLsm, LSM_ID_UNDEF } from 'kernel';
class Walk implements Hooks {
  inode_permission(inode: Inode, mask: number): Result {
    return Ok();
  }
}
export default defineLsm(Walk, 'walk\\0', LSM_ID_UNDEF);
`;
    const file = store.getState().modules[0]!.fileName;
    store.getState().setSource(file, src);
    fireEvent.click(item('Rust LSM…'));
    const dialog = await screen.findByRole('dialog', { name: 'Export as a Rust LSM' });
    const note = await within(dialog).findByRole('note', { name: 'Outside the v1 abstraction' });
    expect(note.textContent).toMatch(
      /inode_permission: the v1 Hooks trait has only file_open, task_alloc and task_free/,
    );
  });
});
