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
  const k = e.machine!.kernel;
  k.recording = false;
  return { k, world: e.machine!.world };
}

function builtinKernel(hook: LsmInfo['hooks']) {
  const info: LsmInfo = { name: 'builtin_lsm', id: 0, order: 'mutable', hooks: hook ?? {} };
  const k = boot({ lsms: [...inTreeLsms('7.1'), info], configLsm: `${defaultConfigLsm('7.1')},builtin_lsm` });
  k.recording = false;
  return k;
}

// A real file of the default world, so path() has a dentry chain to walk.
const user = userKernel(TRIVIAL);
const userCheck = userKernel(PATHCHECK);
const aFile = (w: typeof user.world) => {
  const etc = w.rootMount.mnt_root.d_inode!.children!.get('etc')!;
  const shadow = etc.d_inode!.children!.get('shadow')!;
  return w.newFile(w.path(w.rootMount, shadow), 0, 1, w.tasks.get(1)!.cred);
};
const userFile = aFile(user.world);
const userCheckFile = aFile(userCheck.world);
const builtin = builtinKernel({ file_open: () => 0 });
const builtinFile = builtin.newObject('file', 'file');

describe('user hooks: security_file_open() on the default 7.1 stack plus one more LSM, untraced', () => {
  bench('built-in LSM, file_open returns 0', () => {
    builtin.call('file_open', [builtinFile]);
  });
  bench('user LSM (editor module), file_open returns Ok()', () => {
    user.k.call('file_open', [userFile]);
  });
  bench("user LSM, RustShield's path check (file.path(), file.mode())", () => {
    userCheck.k.call('file_open', [userCheckFile]);
  });
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
