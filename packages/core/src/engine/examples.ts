// Starting points for the module editor: user LSMs written against the `kernel` module.

/** The module a new playground opens with: RustShield's first policy (seed 001). */
export const DEFAULT_MODULE_FILE = 'rustshield.ts';

export const DEFAULT_MODULE_SOURCE = `import { Hooks, File, Result, Ok, Err, EACCES, defineLsm, LSM_ID_UNDEF, pr_info } from 'kernel';

const PROTECTED = ['/etc/shadow', '/etc/passwd', '/var/log/auth.log'];

class RustShield implements Hooks {
  file_open(file: File): Result {
    const path = file.path();
    if (PROTECTED.includes(path) && file.mode() & 2 /* FMODE_WRITE */) {
      pr_info('rustshield: blocked write to %s', path);
      return Err(EACCES);
    }
    return Ok();
  }
}

export default defineLsm(RustShield, 'rustshield\\0', LSM_ID_UNDEF);
`;
