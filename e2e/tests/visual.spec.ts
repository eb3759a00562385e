import { expect, test, type Locator } from '@playwright/test';
import { guardPage } from './pageHelpers';

// Visual baselines: a few views whose look is stable (no clock, no random data), compared pixel by
// pixel with e2e/baselines/*.png. A deliberate change of look updates them with --update-snapshots.
guardPage();
// Reduced motion: the event list jumps to the current event instead of scrolling smoothly to it.
test.use({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });

/**
 * Puts the event list in a known scroll position: from the top, one step back and forth scrolls
 * it just far enough to show the current event (where it stood before depends on timing).
 */
async function settleList(trace: Locator) {
  await trace.getByRole('list', { name: 'Events of this syscall' }).evaluate((el) => (el.scrollTop = 0));
  await trace.getByRole('button', { name: /Back/ }).click();
  await trace.getByRole('button', { name: /Step/ }).click();
  await expect(trace.locator('.panel__meta')).toContainText('event 41 of');
}

const DENIED_WRITE = '/#cmd=echo%20x%20%3E%20%2Fetc%2Fshadow&step=40';

test('the default 7.1 stack', async ({ page }) => {
  await page.goto('/');
  const stack = page.getByRole('region', { name: 'LSM stack' });
  await expect(stack.getByRole('list', { name: 'Active LSMs in boot order' }).getByRole('heading')).toHaveCount(12);
  await expect(stack).toHaveScreenshot('stack-7.1.png');
});

test('the trace of a denied write, at the denial', async ({ page }) => {
  await page.goto(DENIED_WRITE);
  const trace = page.getByRole('region', { name: 'Trace' });
  await expect(trace.locator('.panel__meta')).toContainText('event 41 of');
  await settleList(trace);
  await expect(trace).toHaveScreenshot('trace-denied-write.png');
});

test('the keyboard help', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('list', { name: 'Active LSMs in boot order' })).toBeVisible();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard' });
  await expect(help).toBeVisible();
  await expect(help).toHaveScreenshot('keyboard-help.png');
});

test('the projector display', async ({ page }) => {
  await page.goto(DENIED_WRITE);
  await page.getByRole('radio', { name: 'Projector' }).check();
  const trace = page.getByRole('region', { name: 'Trace' });
  await expect(trace.locator('.panel__meta')).toContainText('event 41 of');
  await settleList(trace);
  await expect(trace).toHaveScreenshot('trace-projector.png');
});
