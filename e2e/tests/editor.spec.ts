import { expect, test, type Page } from '@playwright/test';
import { editorLines, editorSurface, guardPage, setCode } from './pageHelpers';

// Monaco is bundled (no CDN) and the page's CSP must not block anything it does.
const { workers } = guardPage();

const surface = editorSurface;
const monaco = (page: Page) => surface(page).locator('.monaco-editor');
const lines = editorLines;
const tab = (page: Page, name: string) => page.getByRole('tab', { name });

async function openEditor(page: Page) {
  await page.goto('/');
  await expect(monaco(page)).toBeVisible({ timeout: 30_000 });
  await expect(surface(page)).toHaveAttribute('data-editor', 'monaco');
}

test('Monaco takes over from the textarea with the default module, and its workers start', async ({ page }) => {
  await openEditor(page);
  await expect(tab(page, 'rustshield.ts')).toHaveAttribute('aria-selected', 'true');
  await expect(lines(page)).toContainText('class RustShield implements Hooks');
  await expect(page.getByRole('textbox', { name: /^Source of / })).toHaveCount(0);

  // The TypeScript worker checks as you type: no DOM in an LSM, and strict types.
  await setCode(page, "const n: number = 'one';\ndocument.title;\n");
  await expect(surface(page).locator('.squiggly-error')).toHaveCount(2, { timeout: 30_000 });
  expect(workers.some((u) => /\/assets\/editor\.worker-[\w-]+\.js$/.test(u))).toBe(true);
  expect(workers.some((u) => /\/assets\/ts\.worker-[\w-]+\.js$/.test(u))).toBe(true);
  expect(workers.every((u) => u.startsWith('http://127.0.0.1:'))).toBe(true);
});

test("completion inside `class A implements Hooks {` offers the kernel's hooks", async ({ page }) => {
  await openEditor(page);
  await setCode(page, "import { Hooks } from 'kernel';\n\nclass A implements Hooks {");
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+Space');
  const suggest = page.locator('.suggest-widget');
  await expect(suggest).toBeVisible({ timeout: 30_000 });
  // All 277 hooks of 7.1 are offered, alphabetically; narrowing to "file_o" brings file_open up.
  await expect(suggest).toContainText('audit_rule_free', { timeout: 30_000 });
  await page.keyboard.type('file_o');
  await expect(suggest).toContainText('file_open', { timeout: 30_000 });
});

test('`kernel` resolves to the generated declarations, with hover docs', async ({ page }) => {
  await openEditor(page);
  await setCode(page, "import { Hooks } from 'kernel';\nexport type H = Hooks;\n");
  await expect(surface(page).locator('.squiggly-error')).toHaveCount(0);
  await lines(page).getByText('Hooks', { exact: true }).last().hover();
  await expect(page.locator('.monaco-hover').filter({ hasText: 'interface Hooks' })).toBeVisible({ timeout: 30_000 });
});

test('the light theme switches the editor and the panel', async ({ page }) => {
  await openEditor(page);
  const panel = page.locator('section.module-editor');
  const background = () =>
    monaco(page)
      .locator('.monaco-editor-background')
      .first()
      .evaluate((el) => getComputedStyle(el).backgroundColor);
  await expect(monaco(page)).toHaveClass(/\bvs-dark\b/);
  expect(await background()).toBe('rgb(6, 9, 13)');
  await page.getByRole('button', { name: 'Light theme' }).click();
  await expect(panel).toHaveAttribute('data-theme', 'light');
  await expect(monaco(page)).not.toHaveClass(/\bvs-dark\b/);
  await expect(monaco(page)).toHaveClass(/\bvs\b/);
  expect(await background()).toBe('rgb(255, 255, 255)');
  await page.getByRole('button', { name: 'Light theme' }).click();
  await expect(monaco(page)).toHaveClass(/\bvs-dark\b/);
});

test('a second module gets its own tab; the first keeps its text and its undo history', async ({ page }) => {
  await openEditor(page);
  await lines(page).click();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.insertText('MINE'); // one word: one undo step (Monaco ends an undo step at a space)
  await expect(lines(page)).toContainText('MINEimport {');

  await page.getByRole('button', { name: 'Add module' }).click();
  await expect(tab(page, 'lsm2.ts')).toHaveAttribute('aria-selected', 'true');
  await expect(lines(page)).toContainText('class Lsm2 implements Hooks');
  await expect(lines(page)).not.toContainText('RustShield');

  await tab(page, 'rustshield.ts').click();
  await expect(lines(page)).toContainText('MINEimport {');
  await expect(lines(page)).toContainText('class RustShield implements Hooks');
  await lines(page).click();
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(lines(page)).not.toContainText('MINE');
  await expect(lines(page)).toContainText('import { Hooks, File, Result, Ok, Err, EACCES, FMODE_WRITE, defineLsm');

  await tab(page, 'lsm2.ts').click();
  await expect(lines(page)).toContainText('class Lsm2 implements Hooks');
});

test('text typed in the textarea before Monaco arrives is what Monaco opens with', async ({ page }) => {
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/setup-[\w-]+\.js$/, async (route) => {
    await gate;
    await route.continue();
  });
  await page.goto('/');
  const textarea = page.getByRole('textbox', { name: 'Source of rustshield.ts' });
  await expect(textarea).toBeVisible();
  await textarea.click();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.type('// typed early\n');
  release();
  await expect(monaco(page)).toBeVisible({ timeout: 30_000 });
  await expect(lines(page)).toContainText('// typed early');
  await expect(textarea).toHaveCount(0);
});

test('Run, Step and Share own their shortcuts inside Monaco; Run builds and boots, Step steps the trace', async ({
  page,
}) => {
  await openEditor(page);
  const viewLines = surface(page).locator('.view-line');
  const before = await viewLines.count();
  await lines(page).click();
  // Bound inside Monaco: Ctrl+Enter runs instead of inserting a line; F10 steps the trace; Ctrl+Shift+S is taken too.
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('booted with your modules')).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press('F10');
  await page.keyboard.press('Control+Shift+S');
  await expect(viewLines).toHaveCount(before);
  for (const [name, keys, wired] of [
    ['Run', 'Ctrl+Enter', true],
    ['Step', 'F10', true],
    ['Share', 'Ctrl+Shift+S', false],
  ] as const) {
    const button = page.getByRole('button', { name: new RegExp(`^${name}`) });
    if (wired) await expect(button).toBeEnabled();
    else await expect(button).toBeDisabled();
    await expect(button).toHaveAttribute('title', new RegExp(`\\(${keys.replace(/\+/g, '\\+')}\\)`));
  }
});
