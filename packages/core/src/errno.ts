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
export const ECHILD = 10;
export const ENOEXEC = 8;
export const EXDEV = 18;
export const ENFILE = 23;
export const EMFILE = 24;
export const ETXTBSY = 26;
export const ESPIPE = 29;
export const EMLINK = 31;
export const ENAMETOOLONG = 36;
export const ENOTEMPTY = 39;
export const ELOOP = 40;
export const ENOTSOCK = 88;
export const EAFNOSUPPORT = 97;
export const EADDRINUSE = 98;
export const ECONNREFUSED = 111;
export const EKEYREJECTED = 129;
export const EIO = 5;
export const EPROTOTYPE = 91;
export const EPROTONOSUPPORT = 93;
export const ESOCKTNOSUPPORT = 94;
export const EADDRNOTAVAIL = 99;
export const EISCONN = 106;
export const ENOPARAM = 519;
export const ENOMSG = 42;
export const EBADFD = 77;
export const EBADMSG = 74;
export const ESTALE = 116;
export const ENOKEY = 126;

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
  [ECHILD]: 'ECHILD',
  [ENOEXEC]: 'ENOEXEC',
  [EXDEV]: 'EXDEV',
  [ENFILE]: 'ENFILE',
  [EMFILE]: 'EMFILE',
  [ETXTBSY]: 'ETXTBSY',
  [ESPIPE]: 'ESPIPE',
  [EMLINK]: 'EMLINK',
  [ENAMETOOLONG]: 'ENAMETOOLONG',
  [ENOTEMPTY]: 'ENOTEMPTY',
  [ELOOP]: 'ELOOP',
  [ENOTSOCK]: 'ENOTSOCK',
  [EAFNOSUPPORT]: 'EAFNOSUPPORT',
  [EADDRINUSE]: 'EADDRINUSE',
  [ECONNREFUSED]: 'ECONNREFUSED',
  [EKEYREJECTED]: 'EKEYREJECTED',
  [EIO]: 'EIO',
  [EPROTOTYPE]: 'EPROTOTYPE',
  [EPROTONOSUPPORT]: 'EPROTONOSUPPORT',
  [ESOCKTNOSUPPORT]: 'ESOCKTNOSUPPORT',
  [EADDRNOTAVAIL]: 'EADDRNOTAVAIL',
  [EISCONN]: 'EISCONN',
  [ENOPARAM]: 'ENOPARAM',
  [ENOMSG]: 'ENOMSG',
  [EBADFD]: 'EBADFD',
  [EBADMSG]: 'EBADMSG',
  [ESTALE]: 'ESTALE',
  [ENOKEY]: 'ENOKEY',
};

/** The symbolic name of a negative errno return ("-EACCES"), or the number itself as text. */
export function errnoName(rc: number): string {
  if (rc < 0) {
    const n = NAMES[-rc];
    return n ? `-${n}` : String(rc);
  }
  return String(rc);
}
