import { readFileSync } from 'node:fs';
import { expect as baseExpect, test, type Download, type Page } from '@playwright/test';
import { guardPage } from './pageHelpers';

// Export: after a denied write, each entry of the header's Export menu downloads a file a person
// can use elsewhere: the trace as PNG and SVG (the selected syscall's path and the stack), as JSON
// (format lsm-playground-trace, version 1) and as the CLI's text; and the module as Rust LSM files.
guardPage({ goto: true });

// The first shell line starts the worker and boots: a few seconds on a busy machine.
const expect = baseExpect.configure({ timeout: 20_000 });

const shell = (page: Page) => page.getByRole('textbox', { name: 'Shell command' });

async function deniedWrite(page: Page) {
  await shell(page).fill('echo hacked >> /etc/shadow');
  await shell(page).press('Enter');
  await expect(page.getByLabel('Shell transcript')).toContainText('Permission denied');
}

/** Opens the Export menu, clicks an entry and returns the download it started. */
async function exportVia(page: Page, item: string): Promise<{ download: Download; bytes: Buffer }> {
  const menu = page.getByRole('menu', { name: 'Export' });
  if (!(await menu.isVisible())) await page.locator('summary', { hasText: 'Export' }).click();
  const entry = menu.getByRole('menuitem', { name: item });
  await expect(entry).toBeEnabled();
  const [download] = await Promise.all([page.waitForEvent('download'), entry.click()]);
  const path = await download.path();
  return { download, bytes: readFileSync(path) };
}

const STRACE = 'openat(AT_FDCWD, "/etc/shadow", O_WRONLY|O_CREAT|O_APPEND, 0666) = -1 EACCES (Permission denied)';

test('the trace downloads as JSON with the documented shape and as text with the strace line', async ({ page }) => {
  await deniedWrite(page);
  const json = await exportVia(page, 'Trace as JSON');
  expect(json.download.suggestedFilename()).toBe('lsm-trace.json');
  const doc = JSON.parse(json.bytes.toString('utf8')) as {
    format: string;
    version: number;
    boot: { kernelVersion: string; order: string[]; userLsms: { name: string; hooks: string[] }[] };
    line: string;
    steps: { syscall: string; strace: string; errno: string | null; events: { type: string }[] }[];
  };
  expect(doc.format).toBe('lsm-playground-trace');
  expect(doc.version).toBe(1);
  expect(doc.line).toBe('echo hacked >> /etc/shadow');
  expect(doc.boot.kernelVersion).toBe('7.1');
  expect(doc.boot.order).toContain('rustshield');
  expect(doc.boot.userLsms).toEqual([expect.objectContaining({ name: 'rustshield', hooks: ['file_open'] })]);
  const open = doc.steps.find((s) => s.syscall === 'openat')!;
  expect(open.strace).toBe(STRACE);
  expect(open.events[0]!.type).toBe('syscall_enter');
  expect(open.events.some((e) => e.type === 'lsm_return')).toBe(true);

  const text = await exportVia(page, 'Trace as text');
  expect(text.download.suggestedFilename()).toBe('lsm-trace.txt');
  const body = text.bytes.toString('utf8');
  expect(body.split('\n')[0]).toBe('$ echo hacked >> /etc/shadow');
  expect(body).toContain(STRACE);
  expect(body).toMatch(/security_file_open: .*rustshield=-EACCES ✗/);
});

test('the trace downloads as an SVG that parses and a PNG with the PNG signature', async ({ page }) => {
  await deniedWrite(page);
  const svg = await exportVia(page, 'Trace as SVG');
  expect(svg.download.suggestedFilename()).toMatch(/^lsm-trace-\w+\.svg$/);
  const source = svg.bytes.toString('utf8');
  // Chromium's XML parser is strict: a stray & or < would give a parsererror.
  const parsed = await page.evaluate((s) => {
    const d = new DOMParser().parseFromString(s, 'image/svg+xml');
    return {
      errors: d.getElementsByTagName('parsererror').length,
      root: d.documentElement.localName,
      texts: [...d.getElementsByTagName('text')].map((t) => t.textContent),
    };
  }, source);
  expect(parsed.errors).toBe(0);
  expect(parsed.root).toBe('svg');
  expect(parsed.texts).toContain('$ echo hacked >> /etc/shadow');
  expect(parsed.texts).toContain('rustshield -EACCES');

  const png = await exportVia(page, 'Trace as PNG');
  expect(png.download.suggestedFilename()).toMatch(/^lsm-trace-\w+\.png$/);
  expect(png.bytes.length).toBeGreaterThan(1000);
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // The IHDR: twice the SVG's size (drawn at scale 2).
  const width = Number(/<svg[^>]* width="(\d+)"/.exec(source)![1]);
  expect(png.bytes.readUInt32BE(16)).toBe(width * 2);
});

test('Export as a Rust LSM lists impl Hooks, define_lsm!, Kconfig, Makefile and lsm_count.h, and downloads them', async ({
  page,
}) => {
  await page.locator('summary', { hasText: 'Export' }).click();
  await page.getByRole('menu', { name: 'Export' }).getByRole('menuitem', { name: 'Rust LSM…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export as a Rust LSM' });
  await expect(dialog.getByRole('figure')).toHaveCount(6);
  // The figure of one file, by its exact path (security/Kconfig's line also names security/rustshield/Kconfig).
  const file = (path: string) =>
    dialog.getByRole('figure').filter({ has: page.locator('figcaption code').getByText(path, { exact: true }) });
  const rs = file('security/rustshield/rustshield.rs');
  await expect(rs.locator('pre')).toContainText('impl lsm::Hooks for RustShield {');
  await expect(rs.locator('pre')).toContainText(
    'kernel::define_lsm!(RustShield, "rustshield\\0", bindings::LSM_ID_UNDEF as u64);',
  );
  await expect(file('security/rustshield/Kconfig').locator('pre')).toContainText('config SECURITY_RUSTSHIELD');
  await expect(file('security/rustshield/Makefile').locator('pre')).toContainText(
    'obj-$(CONFIG_SECURITY_RUSTSHIELD) += rustshield.o',
  );
  await expect(file('include/linux/lsm_count.h').locator('pre')).toContainText('+#define RUSTSHIELD_ENABLED 1,');
  const [bundle] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Download as one text file' }).click(),
  ]);
  expect(bundle.suggestedFilename()).toBe('rustshield-rust-lsm.txt');
  const text = readFileSync(await bundle.path(), 'utf8');
  for (const part of [
    'impl lsm::Hooks for RustShield',
    'kernel::define_lsm!',
    '==> security/rustshield/Kconfig (new file) <==',
    '==> security/rustshield/Makefile (new file) <==',
    '==> include/linux/lsm_count.h (apply with git apply) <==',
  ])
    expect(text).toContain(part);
  const [tar] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Download .tar' }).click(),
  ]);
  expect(tar.suggestedFilename()).toBe('rustshield-rust-lsm.tar');
  const bytes = readFileSync(await tar.path());
  expect(bytes.length % 512).toBe(0);
  expect(bytes.subarray(0, 33).toString('utf8')).toBe('security/rustshield/rustshield.rs');
  expect(bytes.subarray(257, 262).toString('utf8')).toBe('ustar');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
