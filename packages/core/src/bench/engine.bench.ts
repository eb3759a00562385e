// `pnpm bench`: what a hook written in the editor costs against the same hook built in, and how
// long the in-worker watchdog takes to stop a runaway hook and have a fresh engine ready.
import { bench, describe } from 'vitest';
import {
  boot,
  DEFAULT_MODULE_FILE,
  DEFAULT_MODULE_SOURCE,
  defaultConfigLsm,
  Engine,
  inTreeLsms,
  Machine,
  type LsmInfo,
} from '../index';

const TRIVIAL = `import { Hooks, File, Result, Ok, defineLsm, LSM_ID_UNDEF } from 'kernel';
class A implements Hooks {
  file_open(file: File): Result { return Ok(); }
}
export default defineLsm(A, 'user_lsm\\0', LSM_ID_UNDEF);
`;
const PATHCHECK = `import { Hooks, File, Result, Ok, Err, EACCES, FMODE_WRITE, defineLsm, LSM_ID_UNDEF } from 'kernel';
const PROTECTED = ['/etc/shadow', '/etc/passwd', '/var/log/auth.log'];
class A implements Hooks {
  file_open(file: File): Result {
    return PROTECTED.includes(file.path()) && file.mode() & FMODE_WRITE ? Err(EACCES) : Ok();
  }
}
export default defineLsm(A, 'user_lsm\\0', LSM_ID_UNDEF);
`;

function userKernel(source: string) {
  const e = new Engine();
  const r = e.load({ modules: [{ fileName: 'user_lsm.ts', source }] });
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return e.machine!;
}

function builtinKernel(hook: LsmInfo['hooks']) {
  const info: LsmInfo = { name: 'builtin_lsm', id: 0, order: 'mutable', hooks: hook ?? {} };
  return Machine.fromKernel(
    boot({ lsms: [...inTreeLsms('7.1'), info], configLsm: `${defaultConfigLsm('7.1')},builtin_lsm` }),
  );
}

/**
 * An open file of the default world as root's shell opened it (with its blob, set up by every LSM's
 * file_alloc_security), and a security_file_open() of it as root, untraced; throws if any LSM
 * faults, so that a bench never times an error path.
 */
function fileOpenOf(m: Machine, path: string): () => void {
  const r = m.syscall(1001, 'openat', { path });
  if (r.ret === null || r.ret < 0) throw new Error(`openat ${path}: ${r.errno ?? r.error}`);
  const task = m.task(1001)!;
  const file = task.files.get(r.ret)!;
  m.kernel.recording = false;
  const check = m.kernel.call('file_open', [file], { cred: task.cred });
  if (check.error) throw new Error(check.error);
  return () => void m.kernel.call('file_open', [file], { cred: task.cred });
}

// A real open file of the default world (/etc/shadow read by root), so path() has a dentry chain
// to walk and every model finds its blob.
const userOpen = fileOpenOf(userKernel(TRIVIAL), '/etc/shadow');
const userCheckOpen = fileOpenOf(userKernel(PATHCHECK), '/etc/shadow');
const builtinOpen = fileOpenOf(builtinKernel({ file_open: () => 0 }), '/etc/shadow');

describe('user hooks: security_file_open() on the default 7.1 stack plus one more LSM, untraced', () => {
  bench('built-in LSM, file_open returns 0', builtinOpen);
  bench('user LSM (editor module), file_open returns Ok()', userOpen);
  bench("user LSM, RustShield's path check (file.path(), file.mode())", userCheckOpen);
});

const LOOP = `import { Hooks, File, Result, Ok, defineLsm, LSM_ID_UNDEF } from 'kernel';
class Spin implements Hooks {
  file_open(file: File): Result {
    for (;;) {}
  }
}
export default defineLsm(Spin, 'spin\\0', LSM_ID_UNDEF);
`;

describe('build', () => {
  bench('Run: compile RustShield (sucrase + guards), evaluate, define_lsm!, boot the machine', () => {
    new Engine().load({ modules: [{ fileName: DEFAULT_MODULE_FILE, source: DEFAULT_MODULE_SOURCE }] });
  });
});

describe('watchdog', () => {
  bench(
    'runaway file_open: guard budget (2^25) to soft lockup report, then a fresh engine loaded and booted',
    () => {
      const e = new Engine();
      e.load({ modules: [{ fileName: 'spin.ts', source: LOOP }] });
      e.machine!.syscall(1001, 'openat', { path: '/etc/passwd' });
      if (e.fault?.kind !== 'softlockup') throw new Error('expected a soft lockup');
      new Engine().load({ modules: [{ fileName: 'spin.ts', source: LOOP }] });
    },
    { iterations: 10, time: 0, warmupIterations: 1 },
  );
});
