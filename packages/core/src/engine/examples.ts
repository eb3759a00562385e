// Starting points for the module editor: user LSMs written against the `kernel` module.
// pr_info() prefixes the LSM name itself, as Rust's pr_info! does with __LOG_PREFIX.

/** The module a new playground opens with: RustShield's first policy (seed 001). */
export const DEFAULT_MODULE_FILE = 'rustshield.ts';

export const DEFAULT_MODULE_SOURCE = `import { Hooks, File, Result, Ok, Err, EACCES, FMODE_WRITE, defineLsm, LSM_ID_UNDEF, pr_info } from 'kernel';

const PROTECTED = ['/etc/shadow', '/etc/passwd', '/var/log/auth.log'];

class RustShield implements Hooks {
  file_open(file: File): Result {
    const path = file.path();
    if (PROTECTED.includes(path) && file.mode() & FMODE_WRITE) {
      pr_info('blocked write to {}', path);
      return Err(EACCES);
    }
    return Ok();
  }
}

export default defineLsm(RustShield, 'rustshield\\0', LSM_ID_UNDEF);
`;
