#!/usr/bin/env node
// `pnpm bench:browser` (from the repository root): how long a person waits in the real page (Debian's Chromium, the built
// app under `vite preview`): a shell line, a runaway hook stopped by the in-worker guard, one
// stopped only by the watchdog, and the next command answered by the fresh worker.
// Needs `pnpm build` first. Prints JSON and writes .ci/out/browser.json.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

const PORT = Number(process.env.BENCH_PORT ?? 4599);
const server = spawn(
  'pnpm',
  ['--dir', 'app', 'exec', 'vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'],
  {
    stdio: 'ignore',
    detached: true,
  },
);
const stop = () => {
  try {
    process.kill(-server.pid);
  } catch {
    /* already gone */
  }
};
process.on('exit', stop);

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('vite preview did not start');
}

const moduleWith = (body) => `import { Hooks, File, Result, Ok, defineLsm, LSM_ID_UNDEF } from 'kernel';
class Mine implements Hooks {
  file_open(file: File): Result {
    if (file.path() === '/etc/hostname') { ${body} }
    return Ok();
  }
}
export default defineLsm(Mine, 'mine\\0', LSM_ID_UNDEF);
`;

await waitForServer();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const results = {};
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${PORT}/`);
  const shell = page.getByRole('textbox', { name: 'Shell command' });
  const transcript = page.getByLabel('Shell transcript');
  const surface = page.getByTestId('module-editor');
  await surface.locator('.monaco-editor').waitFor({ timeout: 60_000 });
  const timed = async (line, until) => {
    await shell.fill(line);
    const t0 = Date.now();
    await shell.press('Enter');
    await until();
    return Date.now() - t0;
  };
  let n = 0;
  const answered = () => page.locator('.term__entry').nth(n++).waitFor({ timeout: 30_000 });
  results.firstLineMs = await timed('cat /etc/passwd', answered); // starts the worker, builds, boots
  results.shellLineMs = await timed('cat /etc/passwd', answered);
  for (const [key, body] of [
    ['guardStopMs', 'for (;;) {}'],
    ['watchdogStopMs', "/(a+)+$/.test('a'.repeat(48) + 'b');"],
  ]) {
    await surface.locator('.view-lines').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(moduleWith(body));
    await page.keyboard.press('Control+Enter');
    await page.getByText('booted with your modules').waitFor();
    results[key] = await timed('cat /etc/hostname', answered);
    results[key.replace('StopMs', 'NextLineMs')] = await timed('cat /etc/passwd', answered);
  }
  await transcript.waitFor();
} finally {
  await browser.close();
  stop();
}
mkdirSync('.ci/out', { recursive: true });
writeFileSync('.ci/out/browser.json', JSON.stringify(results, null, 2));
console.log(JSON.stringify(results, null, 2));
process.exit(0);
