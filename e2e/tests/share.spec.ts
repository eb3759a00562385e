import { expect as baseExpect, test, type Page } from '@playwright/test';
import { guardPage, readShareLink } from './pageHelpers';

// Sharing and saving: a link from a newer version or a damaged one says so and leaves the page
// working; work survives a reload; a link never silently replaces different saved work.
guardPage();

// Opening a link replays its lines in a fresh engine: on a busy machine that takes a few seconds.
const expect = baseExpect.configure({ timeout: 20_000 });

const shell = (page: Page) => page.getByRole('textbox', { name: 'Shell command' });
const transcript = (page: Page) => page.getByLabel('Shell transcript');

async function run(page: Page, line: string) {
  await shell(page).fill(line);
  await shell(page).press('Enter');
}

test('a link from a newer version and a cut-short link get their messages, never a blank page', async ({ page }) => {
  await page.goto('/#v9.AAAA');
  const alert = page.getByRole('alert').filter({ hasText: 'This link' });
  await expect(alert).toContainText('made by a newer version of the playground');
  await run(page, 'id');
  await expect(transcript(page)).toContainText('uid=0(root)');

  await page.goto('/');
  await run(page, 'cat /etc/hostname');
  await expect.poll(() => new URL(page.url()).hash).toMatch(/^#v1\./);
  const cut = page.url().slice(0, page.url().length - 30);
  const other = await page.context().browser()!.newContext();
  const p2 = await other.newPage();
  await p2.goto(cut);
  await expect(p2.getByRole('alert').filter({ hasText: 'This link' })).toContainText(/cut short|damaged/);
  await expect(p2.getByRole('list', { name: 'Active LSMs in boot order' })).toBeVisible();
  await other.close();
});

test('work is saved as it is made and restored after a reload', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Kernel command line' }).fill('lsm=yama,landlock');
  await page.getByRole('button', { name: 'Reboot' }).click();
  await run(page, 'cat /sys/kernel/security/lsm');
  await expect(transcript(page)).toContainText('capability,yama,landlock');
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('lsm-playground:work') ?? ''))
    .toContain('cat /sys/kernel/security/lsm');
  await page.goto('/'); // no fragment: the saved work comes back
  await expect(page.getByRole('textbox', { name: 'Kernel command line' })).toHaveValue('lsm=yama,landlock');
  await expect(transcript(page)).toContainText('capability,yama,landlock');
});

test('opening a link over different saved work offers both, and keeps the work it replaces', async ({ page }) => {
  await page.goto('/');
  await run(page, 'cat /etc/passwd');
  await expect(transcript(page)).toContainText('root:x:0:0');
  // The link is written a moment after the line's run settles.
  await expect.poll(() => readShareLink(new URL(page.url()).hash)?.lines).toEqual(['cat /etc/passwd']);
  const link = page.url();
  await page.goto('/');
  await expect(transcript(page)).toContainText('cat /etc/passwd');
  await run(page, 'id');
  await expect.poll(() => page.evaluate(() => localStorage.getItem('lsm-playground:work') ?? '')).toContain('"id"');

  await page.goto('about:blank');
  await page.goto(link);
  const choice = page.getByRole('alert').filter({ hasText: 'different setup' });
  await expect(choice).toBeVisible();
  await choice.getByRole('button', { name: 'Open the link' }).click();
  await expect(transcript(page)).toContainText('cat /etc/passwd');
  await expect(transcript(page)).not.toContainText('uid=0(root)');
  await page.locator('summary', { hasText: 'Share' }).click();
  await page.getByRole('button', { name: 'Restore my previous work' }).click();
  await expect(transcript(page)).toContainText('uid=0(root)');
});

test('the share menu shows the link and its length', async ({ page }) => {
  await page.goto('/');
  await run(page, 'echo x > /etc/shadow');
  await page.locator('summary', { hasText: 'Share' }).click();
  const link = page.getByRole('textbox', { name: 'Share link' });
  await expect(link).toHaveValue(/#v1\./);
  await expect(page.locator('.share__length')).toContainText(/characters: short enough for any chat/);
});
