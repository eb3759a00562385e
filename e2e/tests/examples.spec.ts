import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { guardPage } from './pageHelpers';

// The examples gallery: each example opens from the menu as a link would (its modules, boot and
// shell lines) and its transcript shows what the example is about; and each opens from its own
// link (`/#v1.` + base64url(deflate-raw(JSON of the state)), written here with Node's zlib, an
// independent writing of the format). The list is shared with the ui unit test
// (e2e/fixtures/examples.json, kept equal to share/examples.ts).
guardPage({ goto: true });

// An example reboots and replays its lines in a fresh engine: a few seconds on a busy machine.
const expect = baseExpect.configure({ timeout: 20_000 });

const EXAMPLES = JSON.parse(readFileSync(new URL('../fixtures/examples.json', import.meta.url), 'utf8')) as {
  id: string;
  title: string;
  expect: string;
  state: unknown;
}[];

const transcript = (page: Page) => page.getByLabel('Shell transcript');

/** The share link of a state, as the page writes it. */
const linkOf = (state: unknown) =>
  `/#v1.${deflateRawSync(Buffer.from(JSON.stringify(state), 'utf8')).toString('base64url')}`;

for (const ex of EXAMPLES) {
  test(`example "${ex.title}" opens from the gallery and shows ${JSON.stringify(ex.expect)}`, async ({ page }) => {
    await page.getByRole('combobox', { name: 'Examples' }).selectOption(ex.id);
    await expect(transcript(page)).toContainText(ex.expect);
  });

  test(`example "${ex.title}" opens from its link and shows ${JSON.stringify(ex.expect)}`, async ({ page }) => {
    await page.goto(linkOf(ex.state));
    await expect(transcript(page)).toContainText(ex.expect);
  });
}
