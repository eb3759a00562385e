import { execFileSync } from 'node:child_process';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { BlobLayout, BlobKind } from '@lsm-playground/core';
import { guardPage } from './pageHelpers';

// The World view from a person's side: a shell line's replay moves the world with it (a file
// appears exactly when openat returns), and a task's blobs read as a memory map whose rows are
// the layout the kernel the engine booted gave each LSM.
guardPage({ goto: true });

const shell = (page: Page) => page.getByRole('textbox', { name: 'Shell command' });

async function run(page: Page, line: string) {
  await shell(page).fill(line);
  await shell(page).press('Enter');
}

/**
 * The blob layout of the kernel the page's engine boots (the default module stacked with the
 * in-tree LSMs), computed by core itself in Node. Core's sources import JSON without import
 * attributes, which Playwright's loader refuses, so tsx (the CLI's runner) loads them.
 */
function engineLayout(): { layout: BlobLayout; sizes: Partial<Record<BlobKind, number>> } {
  const code = `
    import { blobLayout, DEFAULT_MODULE_FILE, DEFAULT_MODULE_SOURCE, Engine } from '@lsm-playground/core';
    import '@lsm-playground/core/models';
    const e = new Engine();
    const r = e.load({ modules: [{ fileName: DEFAULT_MODULE_FILE, source: DEFAULT_MODULE_SOURCE }] });
    if (!r.ok) throw new Error('the default module did not load');
    process.stdout.write(JSON.stringify({ layout: blobLayout(e.machine.kernel), sizes: e.machine.kernel.blobSizes }));`;
  return JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8' }),
  ) as ReturnType<typeof engineLayout>;
}

/** The cells of a table's body rows, as text. */
async function cells(table: Locator): Promise<string[][]> {
  return table
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')));
}

test('stepping the trace moves the world: the file exists only after openat returns', async ({ page }) => {
  // Reduced motion: the run opens at its end instead of playing, so nothing moves by itself.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await run(page, 'echo x > /tmp/newfile');
  const trace = page.getByRole('region', { name: 'Trace' });
  const syscalls = trace.getByRole('list', { name: 'Syscalls of this command' });
  await expect(syscalls).toContainText('openat = 0');
  const world = page.getByRole('region', { name: 'World' });
  const caption = world.getByTestId('world-step');
  await expect(caption).toHaveText(/: after close\(\) = 0$/);
  const newfile = world.getByRole('table', { name: 'Files' }).locator('tr[data-path="/tmp/newfile"]');
  await expect(newfile).toHaveCount(1);

  // The openat chip goes to its syscall_enter: the world before it has no /tmp/newfile.
  await syscalls.getByRole('button', { name: /^openat/ }).click();
  await expect(caption).toHaveText(/^as at step 1 of \d+: before openat\(\)$/);
  await expect(newfile).toHaveCount(0);
  // The write chip, then one step back: openat's syscall_exit, where the file appears.
  await syscalls.getByRole('button', { name: /^write/ }).click();
  await expect(caption).toHaveText(/: before write\(\)$/);
  await trace.getByRole('button', { name: /Back/ }).click();
  await expect(caption).toHaveText(/^as at step \d+ of \d+: after openat\(\) = 0$/);
  await expect(newfile).toHaveCount(1);
  expect((await cells(world.getByRole('table', { name: 'Files' }))).find((r) => r[0] === '/tmp/newfile')).toEqual([
    '/tmp/newfile',
    '-rw-r--r--',
    'root:root',
    expect.any(String),
    'created',
  ]);
  // One more step back is the last event inside openat: the file is not there yet.
  await trace.getByRole('button', { name: /Back/ }).click();
  await expect(caption).toHaveText(/: before openat\(\)$/);
  await expect(newfile).toHaveCount(0);
  await trace.getByRole('button', { name: /Step/ }).click();
  await expect(caption).toHaveText(/: after openat\(\) = 0$/);
  await expect(newfile).toHaveCount(1);
});

test('selecting a task shows its blobs laid out as the booted kernel placed each LSM', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await run(page, 'cat /etc/hostname');
  const world = page.getByRole('region', { name: 'World' });
  await expect(world.getByTestId('world-step')).toHaveText(/after close\(\) = 0$/);
  const { layout, sizes } = engineLayout();
  // The Blob sizes view (the page's own boot) agrees on who sits where.
  const blobSizes = page.getByRole('region', { name: 'Blob sizes' });
  for (const kind of ['cred', 'task'] as const) {
    const row = blobSizes.getByRole('row').filter({ has: page.getByRole('rowheader', { name: kind, exact: true }) });
    await expect(row.getByRole('cell').last()).toHaveText(
      layout[kind]!.slices.map((x) => `${x.lsm}@${x.offset}`).join(' '),
    );
  }

  const init = world.getByRole('button', { name: 'Task init[1]' });
  await init.focus();
  await page.keyboard.press('Enter');
  await expect(init).toHaveAttribute('aria-pressed', 'true');
  const blobs = world.getByLabel('Blobs of init[1]');
  for (const kind of ['cred', 'task'] as const) {
    const title = kind === 'cred' ? 'cred of init[1]' : 'task init[1]';
    const figure = blobs.getByLabel(`${title} blob`);
    await expect(figure.locator('figcaption')).toContainText(`${kind} blob, ${sizes[kind]} bytes`);
    const rows = (await cells(figure.getByRole('table', { name: `${title} slices` }))).filter(
      (r) => r[2] !== 'padding',
    );
    expect(rows.map((r) => r.slice(0, 3))).toEqual(
      layout[kind]!.slices.map((s) => [`+${s.offset}`, `${s.size} B`, s.lsm]),
    );
    expect(rows.length).toBeGreaterThan(0);
    // The bar draws one labelled segment per LSM slice.
    await expect(figure.locator('.blobmap__seg--lsm')).toHaveText(layout[kind]!.slices.map((s) => s.lsm));
  }
});

test('the securityfs panel lists each LSM’s files; a click reads one in the shell, as the shell’s user', async ({
  page,
}) => {
  const panel = page.getByRole('region', { name: 'securityfs' });
  const files = panel.getByRole('list', { name: 'Files the LSMs created in securityfs' });
  await expect(files.getByRole('listitem').filter({ hasText: 'tomoyo/' })).toContainText('self_domain');
  await files.getByRole('button', { name: 'cat /sys/kernel/security/tomoyo/version' }).click();
  const transcript = page.getByLabel('Shell transcript');
  await expect(transcript).toContainText('cat /sys/kernel/security/tomoyo/version');
  await expect(transcript).toContainText('2.6.0');
  // The read went through the VFS: its trace is on screen.
  await expect(page.getByRole('region', { name: 'Trace' })).toContainText('openat');
  // As alice the same file (0400 root) is refused by DAC, as cat would say.
  await run(page, 'su alice');
  await files.getByRole('button', { name: 'cat /sys/kernel/security/tomoyo/version' }).click();
  await expect(transcript).toContainText('cat: /sys/kernel/security/tomoyo/version: Permission denied');
});

test('a link alice plants in /tmp is not followed by root until protected_symlinks is 0', async ({ page }) => {
  const transcript = page.getByLabel('Shell transcript');
  await run(page, 'su alice');
  await run(page, 'ln -s /etc/shadow /tmp/innocent');
  await expect(transcript).toContainText('ln -s /etc/shadow /tmp/innocent');
  await run(page, 'exit');
  await run(page, 'cat /tmp/innocent');
  await expect(transcript).toContainText('cat: /tmp/innocent: Permission denied');
  // The refusal is the VFS's, before any LSM is asked about the link: may_follow_link() says why.
  await expect(page.getByRole('region', { name: 'Trace' })).toContainText('may_follow_link');
  await run(page, 'cat /proc/sys/fs/protected_symlinks');
  await run(page, 'echo 0 > /proc/sys/fs/protected_symlinks');
  await run(page, 'cat /tmp/innocent');
  await expect(transcript).toContainText('root:$y$j9T$model$hash:');
});

test('the hook matrix of every hook draws the rows in view and the next ones as it scrolls', async ({ page }) => {
  const matrix = page.getByRole('region', { name: 'Hook head matrix' });
  const table = matrix.getByRole('table');
  const total = Number(await table.getAttribute('aria-rowcount')) - 1;
  expect(total).toBeGreaterThan(200);
  // Far fewer rows in the document than hooks in the list.
  await expect.poll(() => matrix.locator('tbody tr[aria-rowindex]').count()).toBeLessThan(60);
  // Scrolled to the end, the last hook is drawn and on screen.
  await matrix.scrollIntoViewIfNeeded();
  await matrix.evaluate((el) => (el.scrollTop = el.scrollHeight));
  const lastRow = matrix.locator(`tbody tr[aria-rowindex="${total + 1}"]`);
  await expect(lastRow).toBeInViewport();
  // Halfway, the rows in view are drawn (no blank gap where the spacer is) once the scroll has
  // been handled: the window follows the scroll event on the next render, so the row is polled.
  await matrix.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
  const box = (await matrix.boundingBox())!;
  const rowAtMiddle = async () =>
    Number(
      await page.evaluate(
        ({ x, y }) => document.elementFromPoint(x, y)?.closest('tr')?.getAttribute('aria-rowindex') ?? null,
        { x: box.x + 40, y: box.y + box.height / 2 },
      ),
    );
  await expect.poll(rowAtMiddle).toBeGreaterThan(total / 2 - 20);
  expect(await rowAtMiddle()).toBeLessThan(total / 2 + 30);
  // The search still finds any hook.
  await page.getByRole('searchbox', { name: 'Search hooks' }).fill('bdev_alloc');
  await expect(matrix.getByRole('rowheader', { name: 'bdev_alloc_security' })).toBeVisible();
});
