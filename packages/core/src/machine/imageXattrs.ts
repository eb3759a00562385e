// The extended attributes the root filesystem image carries, as a distribution's installer and
// its relabelling tools leave them: `security.selinux` (restorecon from file_contexts),
// `security.SMACK64` (the image's Smack labels), `security.ima` / `security.evm` (signed or hashed
// files). They are on disk whichever LSMs boot, as on a real disk; each LSM reads its own when the
// inode is instantiated (security_d_instantiate()). Each provider belongs to the model that
// reads the attribute.
import { smackImageXattrs } from '../models/smack/defaultPolicy';
import { fileCapsXattrs } from '../models/capability/fileCaps';
import { selinuxImageXattrs } from '../models/selinux/fileContexts';
import { imaImageXattrs } from '../models/integrity/ima';

/** One file of the image as a provider sees it: the filesystem type, the path in it, the mode. */
export interface ImageFile {
  readonly fsType: string;
  readonly path: string;
  readonly mode: number;
  readonly data: string;
}

export type XattrProvider = (f: ImageFile) => Readonly<Record<string, string>> | null;

// prettier-ignore
const PROVIDERS: readonly XattrProvider[] = [
  smackImageXattrs,
  fileCapsXattrs,
  selinuxImageXattrs,
  imaImageXattrs,
];

/** The xattrs of one image file, from every provider. */
export function imageXattrs(f: ImageFile): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of PROVIDERS) Object.assign(out, p(f) ?? {});
  return out;
}
