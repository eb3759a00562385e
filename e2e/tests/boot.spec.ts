import { expect, test, type Page } from '@playwright/test';
import { guardPage } from './pageHelpers';
import { bootCase, bootCases } from '../fixtures/bootCases';

// Every request must stay on the preview server, and nothing may log an error.
guardPage({ goto: true });

const activeOrder = (page: Page) =>
  page.getByRole('list', { name: 'Active LSMs in boot order' }).getByRole('heading', { level: 3 });
const inactive = (page: Page) => page.getByRole('list', { name: 'Built in, not active' });
const securityfs = (page: Page) => page.getByTestId('securityfs-lsm');
const cmdline = (page: Page) => page.getByRole('textbox', { name: 'Kernel command line' });

test('a person sees the booted stack, edits the command line, reboots, then boots 6.8', async ({ page }) => {
  await expect(page).toHaveTitle('LSM Playground');
  await expect(page.getByRole('heading', { level: 1, name: 'LSM Playground' })).toBeVisible();

  // The stock 7.1 stack: capability first … ima, evm last; smack greyed out by the exclusive slot.
  const stock = bootCase('stock 7.1');
  await expect(activeOrder(page)).toHaveText(stock.order as string[]);
  const smack = inactive(page).getByRole('listitem', { name: 'smack (not active)' });
  await expect(smack).toBeVisible();
  await expect(smack).toHaveClass(/lsm-card--inactive/);
  await expect(smack).toContainText('LSM_FLAG_EXCLUSIVE: selinux already holds the exclusive slot');
  await expect(securityfs(page)).toHaveText(stock.securityfs);

  // Edit the entry like a boot loader line and press Enter.
  const yamaLandlock = bootCase('lsm= sets the order');
  await cmdline(page).fill(yamaLandlock.cmdline);
  await expect(page.getByRole('status')).toContainText('reboot to apply');
  await cmdline(page).press('Enter');
  await expect(activeOrder(page)).toHaveText(yamaLandlock.order as string[]);
  await expect(securityfs(page)).toHaveText('capability,yama,landlock,ima,evm');
  await expect(page.getByRole('status')).toHaveText('Boot #2: Linux 7.1, 5 LSMs active.');
  await expect(page.getByLabel('dmesg output')).toContainText('Command line: lsm=yama,landlock');

  // Pick another kernel and reboot with the Reboot button.
  const v68 = bootCase('6.8 appends integrity, which registers no hooks');
  await page.getByRole('combobox', { name: 'Kernel version' }).selectOption('6.8');
  await page.getByRole('button', { name: 'Reboot' }).click();
  await expect(activeOrder(page)).toHaveText(v68.order as string[]);
  await expect(activeOrder(page).last()).toHaveText('integrity');
  await expect(securityfs(page)).toHaveText(v68.securityfs);
  await expect(
    page.getByRole('region', { name: 'Blob sizes' }).getByRole('rowheader', { name: 'backing_file' }),
  ).toHaveCount(0);
});

test('Enter in either text field and the Reboot button each boot exactly once', async ({ page }) => {
  const status = page.getByRole('status');
  await expect(status).toHaveText('Boot #1: Linux 7.1, 12 LSMs active.');
  await cmdline(page).fill('lsm=landlock');
  await cmdline(page).press('Enter'); // handled on keydown: no implicit form submission on top
  await expect(status).toHaveText('Boot #2: Linux 7.1, 4 LSMs active.');
  await page.getByRole('textbox', { name: 'CONFIG_LSM' }).press('Enter'); // implicit submission
  await expect(status).toHaveText('Boot #3: Linux 7.1, 4 LSMs active.');
  await page.getByRole('button', { name: 'Reboot' }).click();
  await expect(status).toHaveText('Boot #4: Linux 7.1, 4 LSMs active.');
});

for (const c of bootCases) {
  test(`boot fixture: ${c.name} (${c.kernelVersion}, "${c.cmdline}")`, async ({ page }) => {
    await page.getByRole('combobox', { name: 'Kernel version' }).selectOption(c.kernelVersion);
    await cmdline(page).fill(c.cmdline);
    await cmdline(page).press('Enter');
    await expect(activeOrder(page)).toHaveText(c.order as string[]);
    await expect(securityfs(page)).toHaveText(c.securityfs);
  });
}

test('keyboard users move through the boot loader with a visible focus ring', async ({ page }) => {
  await page.getByRole('heading', { level: 1 }).click(); // start from the top of the page
  // The header's display switch (a radio group: one Tab stop) and keyboard help come first.
  const expected = ['Dark', 'Keyboard shortcuts', 'Kernel version', 'CONFIG_LSM', 'Kernel command line'];
  for (const name of expected) {
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    await expect(focused).toHaveAccessibleName(name);
    const ring = await focused.evaluate((el) => {
      // The entry box draws the command line's ring, the label a (visually hidden) radio's.
      const target = el.closest('.grub__entry') ?? el.closest('.display-switch__option') ?? el;
      const s = getComputedStyle(target);
      return { visible: el.matches(':focus-visible'), style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
    expect(ring.visible).toBe(true);
    expect(ring.style).not.toBe('none');
    expect(ring.width).toBeGreaterThanOrEqual(2);
  }
});
