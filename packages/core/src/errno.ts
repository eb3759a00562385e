// errno values from include/uapi/asm-generic/errno-base.h, errno.h and include/linux/errno.h.

export const EPERM = 1;
export const ENOENT = 2;
export const ESRCH = 3;
export const EINTR = 4;
export const E2BIG = 7;
export const EBADF = 9;
export const EAGAIN = 11;
export const ENOMEM = 12;
export const EACCES = 13;
export const EFAULT = 14;
export const EBUSY = 16;
export const EEXIST = 17;
export const ENODEV = 19;
export const ENOTDIR = 20;
export const EISDIR = 21;
export const EINVAL = 22;
export const ENOSPC = 28;
export const EROFS = 30;
export const ERANGE = 34;
export const ENOSYS = 38;
export const ENODATA = 61;
export const ENOPROTOOPT = 92;
export const EOPNOTSUPP = 95;
export const ENOPARAM = 519;

const NAMES: Readonly<Record<number, string>> = {
  [EPERM]: 'EPERM',
  [ENOENT]: 'ENOENT',
  [ESRCH]: 'ESRCH',
  [EINTR]: 'EINTR',
  [E2BIG]: 'E2BIG',
  [EBADF]: 'EBADF',
  [EAGAIN]: 'EAGAIN',
  [ENOMEM]: 'ENOMEM',
  [EACCES]: 'EACCES',
  [EFAULT]: 'EFAULT',
  [EBUSY]: 'EBUSY',
  [EEXIST]: 'EEXIST',
  [ENODEV]: 'ENODEV',
  [ENOTDIR]: 'ENOTDIR',
  [EISDIR]: 'EISDIR',
  [EINVAL]: 'EINVAL',
  [ENOSPC]: 'ENOSPC',
  [EROFS]: 'EROFS',
  [ERANGE]: 'ERANGE',
  [ENOSYS]: 'ENOSYS',
  [ENODATA]: 'ENODATA',
  [ENOPROTOOPT]: 'ENOPROTOOPT',
  [EOPNOTSUPP]: 'EOPNOTSUPP',
  [ENOPARAM]: 'ENOPARAM',
};

/** The symbolic name of a negative errno return ("-EACCES"), or the number itself as text. */
export function errnoName(rc: number): string {
  if (rc < 0) {
    const n = NAMES[-rc];
    return n ? `-${n}` : String(rc);
  }
  return String(rc);
}
