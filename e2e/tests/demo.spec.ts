import { expect as baseExpect, test, type FrameLocator, type Page } from '@playwright/test';
import { guardPage, readShareLink } from './pageHelpers';

// Demo modes (issue 7): the embed of a shared moment in another page's iframe, the presentation of
// bookmarked moments from a clicker's keys, and the app starting and running with the network off.
guardPage();

// Opening a link replays its lines in a fresh engine: a few seconds on a busy machine.
const expect = baseExpect.configure({ timeout: 20_000 });
// New runs open at their end, so a link's step is the run's last event. The service worker is left
// out but in the offline test (it would answer the blog post's address with the app, as for any page).
test.use({ reducedMotion: 'reduce', viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });

type Where = Page | FrameLocator;
const shell = (p: Where) => p.getByRole('textbox', { name: 'Shell command' });
const transcript = (p: Where) => p.getByLabel('Shell transcript');
const traceMeta = (p: Where) => p.getByRole('region', { name: 'Trace' }).locator('.panel__meta');

async function run(page: Page, line: string) {
  await shell(page).fill(line);
  await shell(page).press('Enter');
  await expect(transcript(page)).toContainText(line);
  await expect(traceMeta(page)).toContainText(line);
}

/** The state in the page's link once it has `lines` (the link is written a moment after a change). */
async function linkWith(page: Page, lines: string[], bookmarks = 0) {
  await expect
    .poll(() => {
      const s = readShareLink(new URL(page.url()).hash) as { lines: string[]; bookmarks?: unknown[] } | null;
      return s && { lines: s.lines, bookmarks: s.bookmarks?.length ?? 0 };
    })
    .toEqual({ lines, bookmarks });
  return page.url();
}

/** "event N of M" of the trace panel, as numbers. */
async function eventAt(p: Where): Promise<{ n: number; of: number }> {
  const m = /event (\d+) of (\d+)/.exec((await traceMeta(p).textContent()) ?? '');
  if (!m) throw new Error('the trace shows no event');
  return { n: Number(m[1]), of: Number(m[2]) };
}

test('the Share menu’s embed code, pasted into another page, shows the shared trace at its start step, read-only', async ({
  page,
  context,
  baseURL,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  await run(page, 'cat /etc/passwd');
  await run(page, 'echo x > /etc/shadow');
  await linkWith(page, ['cat /etc/passwd', 'echo x > /etc/shadow']);

  await page.locator('summary', { hasText: 'Share' }).click();
  const code = page.getByRole('textbox', { name: 'Embed code' });
  await expect(code).toHaveValue(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/\?embed=1&amp;readonly=1#v1\.[\w-]+" /);
  await page.getByRole('button', { name: 'Copy embed code' }).click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  const snippet = await page.evaluate(() => navigator.clipboard.readText());
  expect(snippet).toBe(await code.inputValue());

  // Someone's blog post with the snippet in it; the embed starts at step 5 (a query option).
  const withStep = snippet.replace('readonly=1#', 'readonly=1&amp;step=4#');
  await page.route(`${baseURL}/blog-post.html`, (route) =>
    route.fulfill({ contentType: 'text/html', body: `<!doctype html><h1>A post</h1>${withStep}` }),
  );
  await page.goto('/blog-post.html');
  const frame = page.frameLocator('iframe[title="LSM Playground"]');
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText('LSM Playground (read-only)');
  await expect(transcript(frame)).toContainText('echo x > /etc/shadow');
  await expect(transcript(frame)).toContainText('-EACCES');
  await expect(traceMeta(frame)).toContainText(/echo x > \/etc\/shadow · event 5 of \d+/);
  // Minimal chrome: the transcript and the trace, no boot loader, editor or menus.
  await expect(frame.getByRole('heading', { level: 2 })).toHaveText(['Shell', 'Trace']);
  await expect(frame.getByRole('textbox', { name: 'Kernel command line' })).toHaveCount(0);
  await expect(frame.locator('summary', { hasText: 'Share' })).toHaveCount(0);
  // Read-only: the shell takes nothing, Ctrl+Enter rebuilds nothing; stepping works.
  await expect(shell(frame)).toBeDisabled();
  await frame.getByRole('button', { name: /Step/ }).click();
  await expect(traceMeta(frame)).toContainText('event 6 of');
  await frame.getByRole('region', { name: 'Trace' }).getByRole('button', { name: /Back/ }).focus();
  await page.keyboard.press('Control+Enter');
  await expect(transcript(frame)).toContainText('echo x > /etc/shadow');
  await expect(traceMeta(frame)).toContainText('event 6 of');
});

test('an interactive embed with the modules takes shell input', async ({ page }) => {
  await page.goto('/');
  await run(page, 'cat /etc/hostname');
  const link = new URL(await linkWith(page, ['cat /etc/hostname']));
  await page.goto(`/?embed=1&editor=1${link.hash}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('LSM Playground');
  await expect(page.getByTestId('module-editor')).toBeVisible();
  await expect(transcript(page)).toContainText('cat /etc/hostname');
  await shell(page).fill('id');
  await shell(page).press('Enter');
  await expect(transcript(page)).toContainText('uid=0(root)');
  // The embed never rewrites its address or the visitor's saved work.
  expect(new URL(page.url()).hash).toBe(link.hash);
});

test('presenting: moments bookmarked while preparing travel in the link; clicker keys step through them in order; Escape leaves', async ({
  page,
  browser,
}) => {
  await page.goto('/');
  const mark = page.getByRole('button', { name: 'Bookmark this step' });
  await run(page, 'cat /etc/passwd');
  const first = await eventAt(page);
  await mark.click();
  await run(page, 'echo x > /etc/shadow');
  const trace = page.getByRole('region', { name: 'Trace' });
  for (let i = 0; i < 3; i++) await trace.getByRole('button', { name: /Back/ }).click();
  const second = await eventAt(page);
  await mark.click();
  await run(page, 'cat /etc/hostname');
  const third = await eventAt(page);
  await mark.click();
  const lines = ['cat /etc/passwd', 'echo x > /etc/shadow', 'cat /etc/hostname'];
  const link = await linkWith(page, lines, 3);

  // The audience's machine: a fresh browser profile opens the link with its moments.
  const room = await browser.newContext({
    reducedMotion: 'reduce',
    viewport: { width: 1280, height: 900 },
    serviceWorkers: 'block',
  });
  const p = await room.newPage();
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(e.message));
  await p.goto(link);
  await expect(p.getByRole('list', { name: 'Bookmarked moments' }).getByRole('listitem')).toHaveCount(3);
  await expect(traceMeta(p)).toContainText(`cat /etc/hostname · event ${third.n} of ${third.of}`);
  const normalSize = await p.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));

  await p.keyboard.press('p');
  const count = p.getByTestId('moment-count');
  await expect(count).toHaveText('moment 1 / 3');
  await expect(p.locator('html')).toHaveAttribute('data-display', 'projector');
  // Polled: the root's size may still be on its way (a transition, even a reduced one, ends a frame later).
  await expect
    .poll(() => p.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize)))
    .toBeGreaterThan(normalSize * 1.2);
  await expect.poll(() => p.evaluate(() => document.fullscreenElement !== null)).toBe(true);
  // Only the shell and the replay, across the screen.
  await expect(p.getByRole('region', { name: 'Boot loader' })).toBeHidden();
  const at = async (line: string, ev: { n: number; of: number }) => {
    await expect(traceMeta(p)).toContainText(`${line} · event ${ev.n} of ${ev.of}`);
  };
  await at(lines[0]!, first);
  await p.keyboard.press('PageDown');
  await expect(count).toHaveText('moment 2 / 3');
  await at(lines[1]!, second);
  await p.keyboard.press('ArrowRight');
  await expect(count).toHaveText('moment 3 / 3');
  await at(lines[2]!, third);
  await p.keyboard.press('PageUp');
  await expect(count).toHaveText('moment 2 / 3');
  await at(lines[1]!, second);
  await p.keyboard.press('ArrowLeft');
  await expect(count).toHaveText('moment 1 / 3');
  await at(lines[0]!, first);
  await expect(transcript(p)).not.toContainText('cat /etc/hostname');
  await p.keyboard.press(' ');
  await expect(count).toHaveText('moment 2 / 3');
  await at(lines[1]!, second);

  await p.keyboard.press('Escape');
  await expect(p.getByRole('toolbar', { name: 'Presentation' })).toHaveCount(0);
  await expect(p.locator('html')).toHaveAttribute('data-display', 'dark');
  await expect.poll(() => p.evaluate(() => document.fullscreenElement === null)).toBe(true);
  // The work is back as the link had it, and the link never lost a line meanwhile.
  await expect(transcript(p)).toContainText('cat /etc/hostname');
  await expect(traceMeta(p)).toContainText(`cat /etc/hostname · event ${third.n} of ${third.of}`);
  expect(readShareLink(new URL(p.url()).hash)?.lines).toEqual(lines);
  expect(errors).toEqual([]);
  await room.close();
});

test.describe('offline', () => {
  test.use({ serviceWorkers: 'allow' });
  test('offline: after one visit the app starts with the network off, cross-origin isolated, and runs a shell line', async ({
    page,
    context,
  }) => {
    await page.goto('/');
    await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
    // The service worker has installed (its precache is complete) and controls the page.
    await page.evaluate(() => navigator.serviceWorker.ready);
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await run(page, 'cat /etc/hostname');
    const link = await linkWith(page, ['cat /etc/hostname']);

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('list', { name: 'Active LSMs in boot order' })).toBeVisible();
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await expect(transcript(page)).toContainText('cat /etc/hostname');
    await run(page, 'cat /etc/passwd');
    await expect(transcript(page)).toContainText('root:x:0:0');
    const manifest = await page.evaluate(() =>
      fetch('/manifest.webmanifest').then((r) => r.json() as Promise<{ name: string }>),
    );
    expect(manifest.name).toBe('LSM Playground');
    // The module editor's lazy chunks (Monaco) come from the cache too.
    await expect(page.getByTestId('module-editor')).toHaveAttribute('data-editor', 'monaco');

    // An embed address (a query the cache has never seen) is the same app shell.
    await page.goto(`/?embed=1&readonly=1${new URL(link).hash}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('LSM Playground (read-only)');
    await expect(transcript(page)).toContainText('cat /etc/hostname');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await context.setOffline(false);
  });

  test('a tab opened before an update still gets the previous build’s files; a page address gets this build', async ({
    page,
  }) => {
    await page.goto('/');
    await page.evaluate(() => navigator.serviceWorker.ready);
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    // What the previous build's worker would have left: its cache, with a chunk this build does not have.
    const got = await page.evaluate(async () => {
      const older = await caches.open('lsm-playground-previous-build');
      const headers = { 'Content-Type': 'text/javascript' };
      await older.put('/assets/gone-in-this-build.js', new Response('export const old = 1;', { headers }));
      await older.put(
        '/',
        new Response('<title>the previous shell</title>', { headers: { 'Content-Type': 'text/html' } }),
      );
      const chunk = await fetch('/assets/gone-in-this-build.js');
      // The shell as this build cached it, not the one the older cache holds.
      const shell = await (await fetch('/')).text();
      await caches.delete('lsm-playground-previous-build');
      return {
        chunk: await chunk.text(),
        isolated: chunk.headers.get('Cross-Origin-Embedder-Policy'),
        shell,
      };
    });
    expect(got.chunk).toBe('export const old = 1;');
    expect(got.isolated).toBe('require-corp');
    expect(got.shell).not.toContain('the previous shell');
    expect(got.shell).toContain('<div id="root">');
  });
});
