import { expect, test, type Page } from '@playwright/test';
import { editorLines, editorSurface, guardPage, setCode } from './pageHelpers';
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
  // The header's examples and share menus, display switch (a radio group: one Tab stop), keyboard help,
  // export menu and Learn come first, then the boot loader from the distribution preset down.
  const expected = [
    'Examples',
    'Share',
    'Dark',
    'Keyboard shortcuts',
    'Export',
    'Learn',
    'Distribution',
    'Kernel version',
    'CONFIG_LSM',
    'Kernel command line',
  ];
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

test('lsm= on the command line sets the order of the lanes after a reboot', async ({ page }) => {
  await cmdline(page).fill('lsm=landlock,yama,apparmor');
  await page.getByRole('button', { name: 'Reboot' }).click();
  // capability is always first, ima and evm always last; apparmor takes the exclusive slot.
  await expect(activeOrder(page)).toHaveText(['capability', 'landlock', 'yama', 'apparmor', 'ima', 'evm']);
  await expect(inactive(page).getByRole('listitem', { name: 'selinux (not active)' })).toContainText(
    'not named in lsm=',
  );
});

test('an LSM left out of the build is gone after a reboot, and the log says why', async ({ page }) => {
  await page.getByRole('combobox', { name: 'Kernel version' }).selectOption('6.18');
  await expect(page.getByText('Kernel configuration: 14 of 14 in-tree LSMs built in')).toBeVisible();
  await page.getByText('Kernel configuration:').click(); // the toggles are folded by default
  const selinux = page.getByRole('checkbox', { name: 'selinux CONFIG_SECURITY_SELINUX' });
  await expect(selinux).toBeChecked();
  await selinux.uncheck();
  await expect(page.getByRole('status')).toContainText('reboot to apply');
  await cmdline(page).fill('lsm.debug');
  await cmdline(page).press('Enter');
  // CONFIG_LSM still names selinux, but nothing by that name is linked in: smack is the first exclusive.
  await expect(activeOrder(page)).toHaveText([
    'capability',
    'landlock',
    'lockdown',
    'yama',
    'loadpin',
    'safesetid',
    'smack',
    'tomoyo',
    'ipe',
    'bpf',
    'ima',
    'evm',
  ]);
  await expect(inactive(page).getByRole('listitem', { name: 'selinux (not active)' })).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Not built into this kernel' })).toHaveText(
    'selinux: # CONFIG_SECURITY_SELINUX is not set, so lsm= and CONFIG_LSM naming it match nothing',
  );
  await expect(page.getByLabel('dmesg output')).toContainText('LSM: builtin ignored: selinux (not built into kernel)');
});

/** A Rust LSM whose type cannot be constructed: its init panics inside security_init(). */
const PANICKING_INIT = `import { Hooks, defineLsm, LSM_ID_UNDEF } from 'kernel';

class RustShield implements Hooks {
  constructor() {
    throw new Error('no policy loaded');
  }
}

export default defineLsm(RustShield, 'rustshield\\0', LSM_ID_UNDEF);
`;

test('a module whose init panics: the panic in the kernel words, then recovery by editing lsm=', async ({ page }) => {
  await expect(editorSurface(page)).toHaveAttribute('data-editor', 'monaco', { timeout: 30_000 });
  await setCode(page, PANICKING_INIT);
  await editorLines(page).click();
  await page.keyboard.press('Control+Enter');

  const banner = page.getByRole('alert', { name: 'Boot failure' });
  await expect(banner).toContainText('Kernel panic - not syncing: Attempted to kill the idle task!', {
    timeout: 30_000,
  });
  await expect(banner).toContainText('rustshield: init oopsed, the boot stopped');
  const fixed = 'lsm=landlock,lockdown,yama,loadpin,safesetid,selinux,smack,tomoyo,apparmor,ipe,bpf';
  await expect(banner).toContainText(`edit the command line at the boot loader (lsm= without rustshield)`);
  await expect(banner).toContainText(fixed);
  // The boot log is that boot's, with the Rust panic and the kernel panic marked.
  const marked = page.getByLabel('dmesg output').locator('mark');
  await expect(marked.first()).toContainText('rust_kernel: panicked at rustshield.ts:5:');
  await expect(marked.last()).toContainText('Kernel panic - not syncing: Attempted to kill the idle task!');

  // The hint fills the entry and focuses it; nothing boots until Enter.
  await banner.getByRole('button', { name: 'Edit the command line' }).click();
  await expect(cmdline(page)).toHaveValue(fixed);
  await expect(cmdline(page)).toBeFocused();
  await expect(page.getByRole('status').first()).toContainText('reboot to apply');
  await page.keyboard.press('Enter');

  await expect(page.getByText('booted with your modules')).toBeVisible({ timeout: 30_000 });
  await expect(banner).toHaveCount(0);
  await expect(marked).toHaveCount(0);
  await expect(activeOrder(page)).toHaveText(bootCase('stock 7.1').order as string[]);
  await expect(page.getByLabel('dmesg output')).toContainText(`Command line: ${fixed}`);
});
