// `pnpm lsm test`: run as a person runs it (tsx in a child process), on golden fixtures that pass,
// a scenario that fails on purpose and one that is invalid; the exit status and what it prints.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const tsx = `${root}node_modules/.bin/tsx`;
const cli = `${root}packages/core/src/cli/lsm.ts`;
const fixture = (name: string) => `e2e/fixtures/scenarios/${name}.json`;
const testdata = (name: string) => `packages/core/src/cli/testdata/${name}.json`;

function lsm(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(tsx, [cli, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, INIT_CWD: root } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('pnpm lsm test', () => {
  it('exits 0 and prints every check when the scenarios pass', () => {
    const r = lsm('test', fixture('landlock-sandbox'), fixture('bpf-lsm'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`${fixture('landlock-sandbox')}: landlock-sandbox\n`);
    expect(r.stdout).toContain(
      '  ✓ step 8 fails with EACCES, denied by landlock: openat returned EACCES, denied by landlock\n',
    );
    expect(r.stdout).toContain('  ✓ an O_PATH open never calls file_open: file_open not reached in step 4\n');
    expect(r.stdout).toContain('  ✓ step 1 (landlock_create_ruleset): as expected\n');
    expect(r.stdout).toMatch(/ {2}ok: 20 of 20 passed\n/);
    expect(r.stdout).toMatch(/ {2}ok: 12 of 12 passed\n/);
    expect(r.stdout).not.toContain('✗');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('2 of 2 files passed; 32 of 32 checks passed');
  }, 60_000);

  it('exits 1, marks each failure and says which file failed', () => {
    const r = lsm('test', testdata('fails-on-purpose'), fixture('bpf-lsm'));
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('  ✗ step 2 (openat): errno: expected none, got -EACCES\n');
    expect(r.stdout).toContain(
      '  ✗ step 1 fails with EACCES, denied by selinux: openat: expected EACCES, got success; expected denied by selinux, but allowed by DAC and every LSM\n',
    );
    expect(r.stdout).toContain(
      '  ✓ step 2 fails with EACCES, refused by DAC: openat returned EACCES, refused by DAC\n',
    );
    expect(r.stdout).toContain('  FAILED: 3 of 5 passed\n');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('1 of 2 files passed; 15 of 17 checks passed');
    expect(r.stderr).toBe(`lsm test: failed: ${testdata('fails-on-purpose')} (2 failed)\n`);
  }, 60_000);

  it('exits 1 on an invalid or missing file, with every problem and the file named', () => {
    const r = lsm('test', testdata('invalid'), 'no-such-file.json');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      `${testdata('invalid')}: invalid scenario:\n  expectations[0].step: step 4 does not exist (the scenario has 1 step)\n`,
    );
    expect(r.stdout).toContain('no-such-file.json: ENOENT');
    expect(r.stdout).toContain('0 of 2 files passed; 0 of 0 checks passed; 2 files invalid or not run');
    expect(r.stderr).toContain(`lsm test: failed: ${testdata('invalid')} (invalid), no-such-file.json (invalid)`);
  }, 60_000);

  it('prints the usage and exits 2 without a file', () => {
    const r = lsm('test');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('test <scenario.json>...');
  }, 60_000);
});

describe('pnpm lsm lesson', () => {
  it('exits 0 when a lesson validates, its solution passes and its start does not', () => {
    const r = lsm('lesson', 'packages/core/src/lessons/data/06-first-file-open.json');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('06-first-file-open.json: first-file-open: Your first file_open hook: refuse a write\n');
    expect(r.stdout).toContain(
      "    ✓ root's write to /etc/shadow is refused by shield: openat returned EACCES, denied by shield\n",
    );
    expect(r.stdout).toContain('  start: ✓ 2 of 3 goals left to do\n');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('1 of 1 lesson ok');
  }, 60_000);

  it('exits 1 when the solution does not pass, or the file is not a lesson', () => {
    const r = lsm('lesson', testdata('lesson-unsolved'), testdata('invalid'));
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('  solution: (must pass every goal)\n');
    expect(r.stdout).toContain(
      '    ✗ dmesg has the line first_hook: open /etc/hostname: no line of dmesg contains "first_hook: open /etc/hostname"\n',
    );
    expect(r.stdout).toContain('  FAILED\n');
    expect(r.stdout).toContain(`${testdata('invalid')}: invalid lesson:\n  name: unknown field`);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('0 of 2 lessons ok');
  }, 60_000);
});
