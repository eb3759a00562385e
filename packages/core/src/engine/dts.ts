// The type declarations of the `kernel` module that user LSMs import, for the editor's
// IntelliSense (Monaco's TypeScript worker reads them as an extra lib).
import type { KernelVersion } from '../version';
import { DEFAULT_KERNEL_VERSION } from '../version';

/** The file name the declarations are registered under in the editor. */
export const LSM_API_DTS_PATH = 'file:///node_modules/@types/kernel/index.d.ts';

/** `declare module 'kernel' { … }` for `version`'s hook table. */
export function lsmApiDts(version: KernelVersion = DEFAULT_KERNEL_VERSION): string {
  return `// kernel::lsm for Linux ${version} (stub, replaced by the generated API)
declare module 'kernel' {
  export type Result = { readonly ok: boolean };
  export function Ok(): Result;
  export function Err(e: Errno): Result;
  export interface Errno { readonly name: string; readonly errno: number }
  export const EACCES: Errno;
  export const EPERM: Errno;
  export interface File { path(): string; flags(): number }
  export interface Task { pid(): number; comm(): string }
  export interface Hooks {
    /** A file is being opened. Return Err to deny the open. */
    file_open?(file: File): Result;
    task_alloc?(task: Task, clone_flags: bigint): Result;
    task_free?(task: Task): void;
  }
  export const LSM_ID_UNDEF: number;
  export function defineLsm(hooks: new () => Hooks, name: string, id: number): unknown;
  export function pr_info(fmt: string, ...args: unknown[]): void;
}
`;
}
