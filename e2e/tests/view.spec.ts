import { expect, test, type Page } from '@playwright/test';
import { editorLines, editorSurface, guardPage, readShareLink } from './pageHelpers';

// What a link, the keyboard and the display do for a person: a link opens at the moment its
// author saw, before the code editor has loaded; every action has a key; the projector display.
guardPage();

const shell = (page: Page) => page.getByRole('textbox', { name: 'Shell command' });
const transcript = (page: Page) => page.getByLabel('Shell transcript');
const trace = (page: Page) => page.getByRole('region', { name: 'Trace' });
const current = (page: Page) => trace(page).locator('[aria-current="step"]');

async function run(page: Page, line: string) {
  await shell(page).fill(line);
  await shell(page).press('Enter');
}

test('the URL follows the trace step, and the link opens at that step before Monaco loads', async ({
  page,
  browser,
}) => {
  await page.goto('/');
  await run(page, 'su alice');
  await run(page, 'echo x > /etc/shadow');
  await expect(trace(page).getByRole('list', { name: 'Syscalls of this command' })).toContainText('-EACCES');
  await trace(page)
    .getByRole('button', { name: /Pause|Play/ })
    .first()
    .click();
  await trace(page).getByRole('button', { name: 'Next denial' }).click();
  const denial = await current(page).textContent();
  const meta = await trace(page).locator('.panel__meta').textContent();
  const step = Number(/event (\d+) of/.exec(meta ?? '')![1]) - 1;
  // The address bar holds the share link of this moment (written once the cursor settles).
  await expect.poll(() => readShareLink(new URL(page.url()).hash)?.step).toBe(step);
  const link = page.url();
  expect(new URL(link).hash).toMatch(/^#v1\./);
  expect(readShareLink(new URL(link).hash)?.lines).toEqual(['su alice', 'echo x > /etc/shadow']);

  // A fresh browser context, with Monaco held back: the stack and the trace still come up.
  const reader = await browser.newContext();
  const other = await reader.newPage();
  await other.route(/\/assets\/(setup|editor\.api)-[^/]*\.js$/, () => new Promise(() => {}));
  await other.goto(link);
  await expect(other.getByRole('list', { name: 'Active LSMs in boot order' })).toBeVisible();
  await expect(current(other)).toHaveText(denial!);
  await expect(trace(other).locator('.panel__meta')).toHaveText(meta!);
  await expect(transcript(other)).toContainText('alice@lsm:~$ echo x > /etc/shadow -EACCES');
  await expect(editorSurface(other)).toHaveAttribute('data-editor', 'textarea');
  await reader.close();
});

test('a malformed link says what is wrong and leaves a working page', async ({ page }) => {
  await page.goto('/#cmd=id&step=twelve');
  const alert = page.getByRole('alert').filter({ hasText: 'This link' });
  await expect(alert).toContainText('This link could not be opened: step "twelve" is not a whole number');
  await run(page, 'id');
  await expect(transcript(page)).toContainText('uid=0(root)');
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert).toHaveCount(0);
});

test('every action has a key: help, display, shell, editor, boot entry, replay', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('list', { name: 'Active LSMs in boot order' })).toBeVisible();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Jump to the next denial');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  await page.keyboard.press('/');
  await expect(shell(page)).toBeFocused();
  await page.keyboard.type('echo x > /etc/shadow');
  await page.keyboard.press('Enter');
  await expect(trace(page).getByRole('list', { name: 'Syscalls of this command' })).toContainText('-EACCES');
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press(' '); // pause (or play from the end)
  await page.keyboard.press('t');
  await expect(trace(page).getByRole('list', { name: 'Events of this syscall' })).toBeFocused();
  await page.keyboard.press('Home');
  await expect(current(page)).toHaveText(/^bash\[1001\] → openat\(/);
  await page.keyboard.press('n');
  await expect(current(page)).toHaveText(/-EACCES/);
  await page.keyboard.press('ArrowLeft');
  await expect(current(page)).not.toHaveText(/-EACCES/);
  await page.keyboard.press('ArrowRight');
  await expect(current(page)).toHaveText(/-EACCES/);

  // Focus is never trapped in Monaco: F6 leaves it for the shell.
  await expect(editorSurface(page)).toHaveAttribute('data-editor', 'monaco', { timeout: 30_000 });
  await editorLines(page).click();
  await page.keyboard.press('F6');
  await expect(shell(page)).toBeFocused();
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('m');
  await expect(editorSurface(page).locator('.monaco-editor')).toHaveClass(/\bfocused\b/);
  await page.keyboard.press('F6');
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('e');
  await expect(page.getByRole('textbox', { name: 'Kernel command line' })).toBeFocused();
});

test('the projector display enlarges the type and raises the contrast', async ({ page }) => {
  await page.goto('/');
  const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const normal = await size();
  await page.getByRole('radio', { name: 'Projector' }).check();
  expect(await size()).toBeCloseTo(normal * 1.3125, 1);
  const colors = await page.evaluate(() => {
    const s = getComputedStyle(document.body);
    return [s.color, s.backgroundColor];
  });
  expect(colors).toEqual(['rgb(255, 255, 255)', 'rgb(0, 0, 0)']);
  await expect(editorSurface(page)).toHaveAttribute('data-editor', 'monaco', { timeout: 30_000 });
  const editorFont = await editorSurface(page)
    .locator('.view-lines')
    .evaluate((el) => getComputedStyle(el).fontSize);
  expect(editorFont).toBe('20px');
  await page.getByRole('radio', { name: 'Light' }).check();
  expect(await size()).toBe(normal);
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(246, 248, 250)');
});
