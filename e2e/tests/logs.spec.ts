import { expect, test, type Page } from '@playwright/test';
import { guardPage } from './pageHelpers';

// The kernel log and the audit records as a person reads them after a denied write, and a log
// line followed to the trace event that printed it.
guardPage({ goto: true });

const shell = (page: Page) => page.getByRole('textbox', { name: 'Shell command' });
const transcript = (page: Page) => page.getByLabel('Shell transcript');
const logView = (page: Page) => page.getByRole('region', { name: 'Kernel log' });
const trace = (page: Page) => page.getByRole('region', { name: 'Trace' });

async function run(page: Page, line: string, prompt: string) {
  await shell(page).fill(line);
  await shell(page).press('Enter');
  await expect(transcript(page)).toContainText(`${prompt} ${line}`);
}

test('echo x > /etc/shadow: as alice DAC refuses without a log line; as root RustShield logs, linked to its event', async ({
  page,
}) => {
  const log = logView(page);
  await run(page, 'su alice', 'root@lsm:~#');
  await run(page, 'echo x > /etc/shadow', 'alice@lsm:~$');
  await expect(transcript(page)).toContainText('bash: /etc/shadow: Permission denied');
  // The engine's kernel booted with the user's module: its boot log is all there is so far.
  await expect(log.getByText(/^\d+ lines/)).toBeVisible();
  await expect(log.getByRole('grid', { name: 'dmesg lines' })).toContainText('Linux version 7.1.3');
  // generic_permission() refused alice (shadow is not hers) before security_file_open(): no LSM ran,
  // so nothing was printed and nothing audited.
  await log.getByRole('searchbox', { name: 'Search the log' }).fill('shadow');
  await expect(log.getByText('No line matches the filters.')).toBeVisible();
  await log.getByRole('searchbox', { name: 'Search the log' }).fill('');
  await log.getByRole('tab', { name: 'audit' }).click();
  await expect(log.getByText(/^No audit records yet/)).toBeVisible();
  await log.getByRole('tab', { name: 'dmesg' }).click();

  // Root passes DAC, so the write reaches file_open, where RustShield denies it and says so.
  await run(page, 'exit', 'alice@lsm:~$');
  await run(page, 'echo x > /etc/shadow', 'root@lsm:~#');
  const row = log.getByRole('row').filter({ hasText: 'rustshield: blocked write to /etc/shadow' });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('gridcell').first()).toHaveText(/^\[ {4}0\.\d{6}\]$/);
  // RustShield prints with pr_info() and writes no audit record; no LSM of the default stack does.
  await log.getByRole('tab', { name: 'audit' }).click();
  await expect(log.getByText(/^No audit records yet/)).toBeVisible();
  await log.getByRole('tab', { name: 'dmesg' }).click();

  // Another command takes the trace; the log line brings the denial's event back.
  await run(page, 'ls /tmp', 'root@lsm:~#');
  await expect(trace(page).getByText('ls /tmp', { exact: true })).toBeVisible();
  await row.getByRole('button', { name: 'go to event' }).click();
  await expect(trace(page).getByText('echo x > /etc/shadow', { exact: true })).toBeVisible();
  const current = trace(page).getByRole('list', { name: 'Events of this syscall' }).locator('[aria-current="step"]');
  await expect(current).toHaveText('printk: rustshield: blocked write to /etc/shadow');
  await expect(row).toHaveAttribute('aria-current', 'true');
  // A step on, the line is no longer the current event's.
  await trace(page).getByRole('button', { name: /Step/ }).click();
  await expect(current).toHaveText(/^rustshield → -13 -EACCES/);
  await expect(row).not.toHaveAttribute('aria-current', 'true');
});

test('the log is a keyboard list: End selects the last line, Enter follows its link', async ({ page }) => {
  await run(page, 'echo x > /etc/passwd', 'root@lsm:~#');
  await run(page, 'cat /etc/hostname', 'root@lsm:~#');
  const grid = logView(page).getByRole('grid', { name: 'dmesg lines' });
  await grid.focus();
  await page.keyboard.press('End');
  const selected = grid.locator('[aria-selected="true"]');
  await expect(selected).toContainText('rustshield: blocked write to /etc/passwd');
  await page.keyboard.press('Enter');
  await expect(trace(page).getByText('echo x > /etc/passwd', { exact: true })).toBeVisible();
  await expect(
    trace(page).getByRole('list', { name: 'Events of this syscall' }).locator('[aria-current="step"]'),
  ).toHaveText('printk: rustshield: blocked write to /etc/passwd');
  await page.keyboard.press('Home');
  await expect(selected).toContainText('Linux version 7.1');
});

test('Fedora-like: root writing /etc/shadow passes DAC, SELinux denies it, and the AVC record is in dmesg and the audit log', async ({
  page,
}) => {
  const log = logView(page);
  await page.getByRole('combobox', { name: 'Distribution' }).selectOption('fedora');
  await expect(page.getByRole('list', { name: 'Active LSMs in boot order' })).toContainText('selinux');
  await run(page, 'echo x > /etc/shadow', 'root@lsm:~#');
  await expect(transcript(page)).toContainText('bash: /etc/shadow: Permission denied');
  // kauditd prints the record to the kernel log when no auditd listens.
  const dmesgRow = log.getByRole('row').filter({ hasText: 'avc:  denied  { write }' });
  await expect(dmesgRow).toHaveCount(1);
  await expect(dmesgRow).toContainText(
    /audit: type=1400 audit\(\d+\.\d{3}:\d+\): avc: {2}denied {2}\{ write \} for {2}pid=1001 comm="bash" name="shadow"/,
  );
  await expect(dmesgRow).toContainText('tcontext=system_u:object_r:shadow_t:s0 tclass=file permissive=0');
  // The audit log shows it as auditd writes /var/log/audit/audit.log.
  await log.getByRole('tab', { name: 'audit' }).click();
  const record = log.getByRole('row').filter({ hasText: 'type=AVC msg=audit(' });
  await expect(record).toHaveCount(1);
  await expect(record).toContainText(/staff_t/);
  // The record links to the event that wrote it: SELinux's verdict in file_open... or earlier.
  await record.getByRole('button', { name: 'go to event' }).click();
  const current = trace(page).getByRole('list', { name: 'Events of this syscall' }).locator('[aria-current="step"]');
  await expect(current).toHaveText(/avc: {2}denied/);
});

test('booted with audit=0, SELinux still denies root the write, but no audit record is made anywhere', async ({
  page,
}) => {
  const log = logView(page);
  await page.getByRole('combobox', { name: 'Distribution' }).selectOption('fedora');
  await expect(page.getByRole('list', { name: 'Active LSMs in boot order' })).toContainText('selinux');
  const cmdline = page.getByRole('textbox', { name: 'Kernel command line' });
  await cmdline.fill(`${await cmdline.inputValue()} audit=0`.trim());
  await cmdline.press('Enter');
  // audit_enable() says so while the command line is parsed, before the LSMs initialise.
  await expect(page.getByLabel('dmesg output')).toContainText('audit: disabled (until reboot)');
  await expect(page.getByRole('list', { name: 'Active LSMs in boot order' })).toContainText('selinux');
  await run(page, 'echo x > /etc/shadow', 'root@lsm:~#');
  await expect(transcript(page)).toContainText('bash: /etc/shadow: Permission denied');
  await expect(log.getByRole('row').filter({ hasText: 'audit: disabled (until reboot)' })).toHaveCount(1);
  await expect(log.getByRole('row').filter({ hasText: 'avc:' })).toHaveCount(0);
  await log.getByRole('tab', { name: 'audit' }).click();
  await expect(log.getByText(/^No audit records yet/)).toBeVisible();
});
