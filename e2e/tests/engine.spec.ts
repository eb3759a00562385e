import { expect, test, type Page } from '@playwright/test';
import { editorLines, editorSurface, guardPage, setCode } from './pageHelpers';

// The engine worker from a person's side: shell lines run as syscalls through the stack, the
// user's module included, and nothing leaves the page's origin.
guardPage({ goto: true });

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

// Modules are typed into Monaco as a person would (insertText: Monaco's auto-closing would double brackets).
const surface = editorSurface;
const lines = editorLines;

async function typeModule(page: Page, code: string) {
  await expect(surface(page)).toHaveAttribute('data-editor', 'monaco', { timeout: 30_000 });
  await setCode(page, code);
}

const moduleWith = (
  body: string,
  name = 'mine',
) => `import { Hooks, File, Result, Ok, Err, EACCES, FMODE_WRITE, defineLsm, LSM_ID_UNDEF, pr_info } from 'kernel';

class Mine implements Hooks {
  file_open(file: File): Result {
    if (file.path() === '/etc/hostname') {
      ${body}
    }
    return Ok();
  }
}

export default defineLsm(Mine, '${name}\\0', LSM_ID_UNDEF);
`;

async function runModule(page: Page) {
  await lines(page).click();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('booted with your modules')).toBeVisible({ timeout: 30_000 });
}

test('a module typed in the editor denies writes to /etc/shadow', async ({ page }) => {
  const code = `import { Hooks, File, Result, Ok, Err, EACCES, FMODE_WRITE, defineLsm, LSM_ID_UNDEF, pr_info } from 'kernel';

class ShadowGuard implements Hooks {
  file_open(file: File): Result {
    if (file.path() === '/etc/shadow' && file.mode() & FMODE_WRITE) {
      pr_info('no writes to {} for {}', file.path(), file.cred().uid());
      return Err(EACCES);
    }
    return Ok();
  }
}

export default defineLsm(ShadowGuard, 'shadow_guard\\0', LSM_ID_UNDEF);
`;
  await typeModule(page, code);
  await runModule(page);
  await expect(
    page.getByRole('region', { name: 'Your modules' }).getByText('shadow_guard', { exact: true }),
  ).toBeVisible();
  await run(page, 'echo x > /etc/shadow');
  await expect(transcript(page)).toContainText('bash: /etc/shadow: Permission denied');
  await run(page, 'cat /etc/shadow');
  await expect(transcript(page)).toContainText('root:');
  await run(page, 'dmesg');
  await expect(transcript(page)).toContainText('shadow_guard: no writes to /etc/shadow for 0');
});

test('a BPF LSM program written in the editor is attached at boot and denies as the BPF LSM', async ({ page }) => {
  await expect(surface(page)).toHaveAttribute('data-editor', 'monaco', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Add BPF program' }).click();
  await expect(page.getByRole('tab', { name: /prog1\.bpf\.c/ })).toHaveAttribute('aria-selected', 'true');
  // The program is edited as C (highlighted as C; the TypeScript service leaves it alone).
  await expect(page.locator('[data-mode-id="c"]')).toBeVisible();
  // The body on one line: typed, each "{" gets its "}" from the editor's bracket auto-closing.
  await setCode(
    page,
    `char LICENSE[] SEC("license") = "GPL";
SEC("lsm/file_open")
int BPF_PROG(no_shadow, struct file *file) { if (file->f_path.dentry->d_name == "shadow") return -EPERM; return 0; }
`,
  );
  await runModule(page);
  await run(page, 'cat /etc/shadow');
  await expect(transcript(page)).toContainText('cat: /etc/shadow: Operation not permitted');
  await run(page, 'cat /etc/hostname');
  await expect(transcript(page)).toContainText('playground');
});

for (const c of [
  {
    what: 'an infinite loop',
    body: 'for (;;) {}',
    title: /Soft lockup in mine::file_open at rustshield\.ts:6/,
    log: /watchdog: BUG: soft lockup - CPU#0 stuck for 22s!/,
  },
  {
    what: 'a throwing hook',
    body: "throw new Error('boom');",
    title: /Rust panic \(kernel BUG\) in mine::file_open at rustshield\.ts:6/,
    log: /rust_kernel: panicked at rustshield\.ts:6:\d+:\s+boom/,
  },
  {
    what: 'an allocation bomb',
    body: 'const hoard: number[][] = [];\n      for (;;) hoard.push(new Array(1_000_000).fill(7));',
    title: /Soft lockup in mine::file_open at rustshield\.ts:7/,
    log: /soft lockup/,
  },
  {
    what: 'a hook that returns a bad value',
    body: 'return 5 as unknown as Result;',
    title: /Bad return value in mine::file_open at rustshield\.ts:4/,
    log: /returned 5; an int hook must return Ok\(\) or Err\(errno\)/,
  },
  {
    what: 'a request to the network',
    body: "fetch('https://example.com/steal');",
    title: /Rust panic \(kernel BUG\) in mine::file_open at rustshield\.ts:6/,
    log: /fetch is not a function/,
  },
  {
    what: 'a regular expression that backtracks for hours (no guard can see it: the watchdog ends the worker)',
    body: "/(a+)+$/.test('a'.repeat(48) + 'b');",
    title: /Soft lockup in mine::file_open at rustshield\.ts:4/,
    log: /the watchdog ended the engine: mine::file_open \(rustshield\.ts:4\) did not answer/,
  },
]) {
  test(`${c.what} leaves a usable page, the typed text and a clear report`, async ({ page }) => {
    const code = moduleWith(c.body);
    await typeModule(page, code);
    await runModule(page);
    await run(page, 'cat /etc/hostname');
    const report = page.getByRole('alert').filter({ hasText: c.title });
    await expect(report).toBeVisible({ timeout: 15_000 });
    await expect(report).toContainText(c.log);
    await expect(report).toContainText('The engine worker was replaced');
    // The page is intact: the text is still in the editor, and a fresh engine answers.
    await expect(lines(page)).toContainText(c.body.split('\n')[0]!.trim());
    await run(page, 'cat /etc/passwd');
    await expect(transcript(page)).toContainText('root:x:0:0::/root:/bin/bash');
    await expect(page.getByText(/engine restarted 1×/)).toBeVisible();
  });
}

test('define_lsm! checks and compile errors point at the line, in the problem list and the editor', async ({
  page,
}) => {
  await typeModule(page, moduleWith('return Ok();').replace("'mine\\0'", "'mine'"));
  await lines(page).click();
  await page.keyboard.press('Control+Enter');
  const problems = page.getByRole('list', { name: 'Problems' });
  await expect(problems).toContainText('rustshield.ts:12:1 error: the name "mine" has no NUL terminator');
  await expect(surface(page).locator('.squiggly-error')).not.toHaveCount(0);
  await typeModule(page, moduleWith('return Ok(;'));
  await lines(page).click();
  await page.keyboard.press('Control+Enter');
  await expect(problems).toContainText(/rustshield\.ts:6:\d+ error: /);
  await expect(page.getByText('not booted: see the problems below')).toBeVisible();
});

test('the trace replays a denied write: step to the denial, back, and forward again', async ({ page }) => {
  await run(page, 'echo x > /etc/shadow');
  const trace = page.getByRole('region', { name: 'Trace' });
  await expect(trace.getByRole('list', { name: 'Syscalls of this command' })).toContainText('openat = -13 -EACCES');
  await trace
    .getByRole('button', { name: 'Pause' })
    .click()
    .catch(() => undefined);
  const current = trace.locator('[aria-current="step"]');
  await trace.getByRole('button', { name: 'Next denial' }).click();
  await expect(current).toHaveText(/^rustshield → -13 -EACCES \(deny\)/);
  // The editor shows where it runs: RustShield's file_open, line 6 of rustshield.ts.
  const traced = page.getByTestId('module-editor').locator('.view-overlays .lsm-trace-line');
  await expect(traced).toHaveCount(1);
  // Overlay rows and text rows share their `top`: the highlighted row is file_open's line.
  const top = await traced.evaluate((el) => (el.parentElement as HTMLElement).style.top);
  const text = await page
    .getByTestId('module-editor')
    .locator('.view-lines .view-line')
    .evaluateAll((rows, t) => rows.find((r) => (r as HTMLElement).style.top === t)?.textContent ?? '', top);
  expect(text.trim().replace(/\u00a0/g, ' ')).toBe('file_open(file: File): Result {');
  const head = trace.getByLabel('Hook head of file_open');
  await expect(head.locator('[data-lsm="rustshield"]')).toHaveText('rustshield-EACCES');
  await expect(head.locator('[data-lsm="selinux"]')).toHaveClass(/trace__lane--(allow|default)/);
  await trace.getByRole('button', { name: /Back/ }).click();
  await expect(current).toHaveText('printk: rustshield: blocked write to /etc/shadow');
  await expect(head.locator('[data-lsm="rustshield"]')).toHaveText('rustshieldrunning');
  await trace.getByRole('button', { name: /Step/ }).click();
  await expect(current).toHaveText(/^rustshield → -13/);
  // The hook heads this command reached, with each LSM's place on the head.
  const matrix = page.getByRole('region', { name: 'Hook head matrix' });
  const row = matrix.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'file_open', exact: true }) });
  await expect(row).toHaveClass(/hookmatrix__row--current/);
  await expect(row.getByRole('cell').filter({ hasText: /^\d+$/ })).toHaveText(['1', '2', '3', '4', '5']);
  // The keyboard drives it too: End goes to the return to userspace.
  await trace.getByRole('list', { name: 'Events of this syscall' }).focus();
  await page.keyboard.press('End');
  await expect(current).toHaveText(/^← /);
});

test('with prefers-reduced-motion, a run opens at its end instead of playing', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await run(page, 'cat /etc/hostname');
  const trace = page.getByRole('region', { name: 'Trace' });
  await expect(trace.locator('[aria-current="step"]')).toHaveText(/^← close = 0/);
  await expect(trace.getByRole('button', { name: 'Play' })).toBeVisible();
});

test("selecting a task shows its cred blob laid out by the framework, each LSM's slice at its offset", async ({
  page,
}) => {
  await run(page, 'su alice');
  const region = page.getByRole('region', { name: 'World' });
  await expect(region.getByRole('list', { name: 'Process tree' })).toContainText('sshd');
  await region.getByRole('button', { name: 'Task bash[1102]' }).click();
  const cred = region.getByLabel('cred of bash[1102] blob');
  // 7.1's cred blob: landlock at +0 (not written yet), selinux at +16 with alice's context.
  await expect(cred).toContainText('40 bytes');
  await expect(cred.getByRole('row').filter({ hasText: 'selinux' })).toContainText('+16');
});
