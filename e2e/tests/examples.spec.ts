import { readFileSync } from 'node:fs';
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { guardPage } from './pageHelpers';

// The examples gallery: each example opens from the menu as a link would (its modules, boot and
// shell lines) and its transcript shows what the example is about. The list is shared with the ui
// unit test (e2e/fixtures/examples.json, kept equal to share/examples.ts).
guardPage({ goto: true });

// An example reboots and replays its lines in a fresh engine: a few seconds on a busy machine.
const expect = baseExpect.configure({ timeout: 20_000 });

const EXAMPLES = JSON.parse(readFileSync(new URL('../fixtures/examples.json', import.meta.url), 'utf8')) as {
  id: string;
  title: string;
  expect: string;
}[];

const transcript = (page: Page) => page.getByLabel('Shell transcript');

for (const ex of EXAMPLES) {
  test(`example "${ex.title}" opens from the gallery and shows ${JSON.stringify(ex.expect)}`, async ({ page }) => {
    await page.getByRole('combobox', { name: 'Examples' }).selectOption(ex.id);
    await expect(transcript(page)).toContainText(ex.expect);
  });
}
