import { expect, test, type Page } from '@playwright/test';
import { editorSurface, guardPage, readShareLink, setCode } from './pageHelpers';

// Learn mode, as a person takes it: the first lesson's goal fails, they write the fix in the
// editor, run, and the lesson is complete; a reload keeps the progress. And the expectations
// beside the trace: a failing one jumps to its event; one added from a step travels in a link.
guardPage();
// Reduced motion: a run opens at its end (no replay moving the cursor while the link is written).
test.use({ reducedMotion: 'reduce' });

const FIRST_TITLE = 'What is a hook? Log every file open';
const shell = (page: Page) => page.getByRole('textbox', { name: 'Shell command' });
const transcript = (page: Page) => page.getByLabel('Shell transcript');

async function run(page: Page, line: string) {
  await shell(page).fill(line);
  await shell(page).press('Enter');
}

const FIXED = `// Your first LSM: one callback on the file_open hook.
import { Hooks, File, Result, Ok, defineLsm, LSM_ID_UNDEF, pr_info } from 'kernel';

class FirstHook implements Hooks {
  file_open(file: File): Result {
    pr_info('open {}', file.path());
    return Ok();
  }
}

export default defineLsm(FirstHook, 'first_hook\\0', LSM_ID_UNDEF);
`;

test('a person completes the first lesson by editing its code, and the progress survives a reload', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Learn' }).click();
  const track = page.getByRole('list', { name: 'Lesson track' });
  // The track (fetched when learn mode first opens): at least ten lessons, none complete yet.
  await expect(track).toBeVisible();
  expect(await track.getByRole('listitem').count()).toBeGreaterThanOrEqual(10);
  await expect(page.getByText(/^0 of \d+ complete/)).toBeVisible();
  await track.getByRole('button', { name: FIRST_TITLE }).click();

  const lesson = page.getByRole('region', { name: FIRST_TITLE });
  const goals = lesson.getByRole('region', { name: 'Goals' });
  // The start: first_hook's file_open runs, but prints nothing, so the dmesg goal fails.
  await expect(goals.locator('.panel__meta')).toHaveText('2 of 3 pass', { timeout: 30_000 });
  const dmesgGoal = goals
    .getByRole('listitem')
    .filter({ hasText: 'dmesg has the line first_hook: open /etc/hostname' });
  await expect(dmesgGoal).toHaveAttribute('data-state', 'fail');
  await expect(lesson.getByRole('status')).toHaveCount(0);
  await expect(page.getByRole('tab', { name: 'first_hook.ts' })).toHaveAttribute('aria-selected', 'true');

  // The fix, typed into Monaco, and Ctrl+Enter: load, replay the lesson's line, check.
  await expect(editorSurface(page)).toHaveAttribute('data-editor', 'monaco', { timeout: 30_000 });
  await setCode(page, FIXED);
  await page.keyboard.press('Control+Enter');
  await expect(goals.locator('.panel__meta')).toHaveText('3 of 3 pass', { timeout: 30_000 });
  await expect(dmesgGoal).toHaveAttribute('data-state', 'pass');
  await expect(lesson.getByRole('status')).toContainText('lesson complete');
  await expect(lesson.getByLabel('Complete')).toBeVisible();

  // A reload: the lesson, the person's code and the progress are all there. (The address bar's
  // link is written a moment after the run settles; a reload before that would offer a choice.)
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('lsm-playground:lessons') ?? ''))
    .toContain('"completed":["what-is-a-hook"]');
  await expect
    .poll(
      () =>
        (readShareLink(new URL(page.url()).hash) as { files?: { source: string }[] } | null)?.files?.[0]?.source ?? '',
      { timeout: 30_000 },
    )
    .toContain("pr_info('open {}', file.path());");
  await page.reload();
  const again = page.getByRole('region', { name: FIRST_TITLE });
  await expect(again.getByLabel('Complete')).toBeVisible({ timeout: 30_000 });
  await expect(again.getByRole('region', { name: 'Goals' }).locator('.panel__meta')).toHaveText('3 of 3 pass', {
    timeout: 30_000,
  });
  await page.getByRole('button', { name: 'Learn' }).click();
  await expect(page.getByText(/^1 of \d+ complete/)).toBeVisible();
  await expect(page.getByRole('button', { name: /\(complete\)/ })).toContainText(FIRST_TITLE);
});

test('a failing expectation jumps the trace to the event that broke it', async ({ page }) => {
  await page.goto('/');
  await run(page, 'echo x > /etc/shadow');
  await expect(transcript(page)).toContainText('Permission denied', { timeout: 30_000 });
  await run(page, 'cat /etc/hostname');
  const panel = page.getByRole('region', { name: 'Expectations' });
  await panel.getByRole('button', { name: 'Edit as JSON' }).click();
  await panel
    .getByLabel('Expectations as JSON')
    .fill('[{"kind": "result", "step": 1, "errno": null, "label": "root may write /etc/shadow"}]');
  await panel.getByRole('button', { name: 'Apply' }).click();
  const item = panel.getByRole('listitem').filter({ hasText: 'root may write /etc/shadow' });
  await expect(item).toHaveAttribute('data-state', 'fail');
  await expect(item).toContainText('expected success, got EACCES');
  await item.getByRole('button', { name: /Show in trace/ }).click();
  const trace = page.getByRole('region', { name: 'Trace' });
  await expect(trace.locator('.panel__meta')).toContainText('echo x > /etc/shadow');
  await expect(
    trace.getByRole('list', { name: 'Events of this syscall' }).locator('[aria-current="step"]'),
  ).toContainText(/^rustshield → -13 -EACCES \(deny\)/);
});

test('an expectation added from a step round-trips through a share link', async ({ page, browser }) => {
  await page.goto('/');
  await run(page, 'echo x > /etc/shadow');
  await expect(transcript(page)).toContainText('Permission denied', { timeout: 30_000 });
  const panel = page.getByRole('region', { name: 'Expectations' });
  await panel.getByRole('button', { name: 'Expect this' }).click();
  const title = 'step 1 fails with EACCES, denied by rustshield';
  await expect(panel.getByRole('listitem').filter({ hasText: title })).toHaveAttribute('data-state', 'pass');
  const inLink = () =>
    (readShareLink(new URL(page.url()).hash) as { expectations?: unknown[] } | null)?.expectations ?? null;
  await expect
    .poll(inLink, { timeout: 30_000 })
    .toEqual([{ kind: 'result', step: 1, errno: 'EACCES', deniedBy: 'rustshield' }]);

  // Another browser (no saved work) opens the link: the same expectation, checked again, passing.
  const other = await browser.newPage();
  await other.goto(page.url());
  const theirs = other.getByRole('region', { name: 'Expectations' });
  await expect(theirs.getByRole('listitem').filter({ hasText: title })).toHaveAttribute('data-state', 'pass', {
    timeout: 30_000,
  });
  await other.close();
});
