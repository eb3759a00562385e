import { expect, test } from '@playwright/test';

// The parts of the page fetched after the first paint (React.lazy chunks): when one cannot be
// fetched (offline before it was ever cached, or a tab whose build is gone from the server), it
// says so in its own place, with a reload, and the rest of the page keeps working. No guardPage
// here: the failed fetch is meant to log errors.

test('a part that cannot be fetched says so in its place; the shell and the rest still work', async ({ page }) => {
  // The Export menu's chunk never arrives.
  await page.route(/\/assets\/ExportMenu-[^/]+\.js$/, (route) => route.abort('failed'));
  await page.goto('/');
  const alert = page.getByRole('alert').filter({ hasText: 'The Export menu could not be loaded' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('reload it to get the current version');
  await expect(alert.getByRole('button', { name: 'Reload' })).toBeVisible();
  // Everything else is there and works.
  await expect(page.getByRole('list', { name: 'Active LSMs in boot order' })).toBeVisible();
  const shell = page.getByRole('textbox', { name: 'Shell command' });
  await shell.fill('cat /etc/hostname');
  await shell.press('Enter');
  await expect(page.getByLabel('Shell transcript')).toContainText('lsm');
  await page.getByRole('button', { name: 'Learn' }).click();
  await expect(page.getByRole('list', { name: 'Lesson track' })).toBeVisible();
  // Once the chunk can be fetched again, Reload brings the menu back.
  await page.unroute(/\/assets\/ExportMenu-[^/]+\.js$/);
  await alert.getByRole('button', { name: 'Reload' }).click();
  await expect(page.locator('summary', { hasText: 'Export' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'could not be loaded' })).toHaveCount(0);
});
