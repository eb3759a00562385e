import { expect, test, type Page } from '@playwright/test';

// The engine worker from a person's side: shell lines run as syscalls through the stack, the
// user's module included, and nothing leaves the page's origin.
const offOrigin: string[] = [];
const pageErrors: string[] = [];

test.beforeEach(async ({ page }) => {
  offOrigin.length = 0;
  pageErrors.length = 0;
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol === 'blob:' || u.protocol === 'data:') return;
    if (u.hostname !== '127.0.0.1') offOrigin.push(r.url());
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  await page.goto('/');
});

test.afterEach(() => {
  expect(offOrigin, 'requests that left 127.0.0.1').toEqual([]);
  expect(pageErrors, 'page errors and console errors (CSP violations)').toEqual([]);
});

const shell = (page: Page) => page.getByRole('textbox', { name: 'Shell command' });
const transcript = (page: Page) => page.getByLabel('Shell transcript');

async function run(page: Page, line: string) {
  await shell(page).fill(line);
  await shell(page).press('Enter');
}

test('a shell line boots the kernel with RustShield and is denied by it', async ({ page }) => {
  await run(page, 'echo hacked >> /etc/shadow');
  await expect(transcript(page)).toContainText('bash: /etc/shadow: Permission denied');
  await expect(transcript(page)).toContainText('-EACCES');
  await expect(page.getByText('booted with your modules')).toBeVisible();
  await run(page, 'cat /sys/kernel/security/lsm');
  await expect(transcript(page)).toContainText('bpf,rustshield,ima,evm');
  await run(page, 'dmesg');
  await expect(transcript(page)).toContainText('rustshield: blocked write to /etc/shadow');
  // The page is cross-origin isolated, so the watchdog can read where user code is.
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
});
