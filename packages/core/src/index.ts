// @lsm-playground/core: a DOM-free, deterministic model of the Linux LSM framework.
export { boot, DEFAULT_KCONFIG, type BootConfig } from './boot/boot';
export { Kernel, type CallOptions, type CallResult, type LsmStatus, type ResolvedBootConfig } from './kernel';
export {
  diagnoseBoot,
  withoutLsm,
  type BootFailure,
  type BootFailureKind,
  type BootOutcome,
  type BootRecovery,
} from './boot/bootFailure';
export { parseCmdline, nextArg, type CmdlineParam } from './boot/cmdline';
export { kstrtoul, kstrtobool } from './boot/kstrto';
export type { BootReason, BootReasonCode } from './boot/lsmState';
export {
  hookDefs,
  hookDef,
  lsmRetDefault,
  ALL_HOOK_NAMES,
  type HookName,
  type HookArgs,
  type HookDef,
  type HookArgDef,
  type HookCallback,
  type HookImpls,
  type HookRet,
} from './hooks/hookDefs';
export { HOOK_TABLE } from './hooks/hookTable.gen';
export type { LsmInfo, LsmOrder, LsmInitContext, EnableParam, EnableVariable } from './lsm/lsmInfo';
export { blobKinds, type BlobKind, type LsmBlobSizes } from './lsm/blobKinds';
export { lsmBlobSizeUpdate, lsmPrepareBlobs, emptyBlobTotals } from './lsm/blobSizes';
export { SecurityBlob, type BlobSlice } from './lsm/securityBlob';
export {
  inTreeLsms,
  inTreeLsmNames,
  lsmBuildOptions,
  builtInLsms,
  type LsmBuildOption,
  defaultConfigLsm,
  CONFIG_LSM_DEFAULTS,
  type ConfigLsmChoice,
} from './lsm/inTreeLsms';
export { UserMemory, UserFault, encodeLsmCtx, decodeLsmCtx, type LsmCtx } from './syscalls/userMemory';
export type { Struct, Ref, UserAddr } from './kernel/objects';
export {
  formatLogLine,
  formatLogTime,
  LEVEL_NAMES,
  KERN_EMERG,
  KERN_ALERT,
  KERN_CRIT,
  KERN_ERR,
  KERN_WARNING,
  KERN_NOTICE,
  KERN_INFO,
  KERN_DEBUG,
  type LogLine,
} from './kernel/printk';
export type { TraceEvent, TraceEventType, ArgSummary, DispatchKind, Verdict } from './trace/events';
export * from './errno';
export * from './uapi/lsm';
export { KERNEL_VERSIONS, DEFAULT_KERNEL_VERSION, type KernelVersion } from './version';
export { utf8Encode, utf8Decode } from './util/utf8';
export { mulberry32 } from './util/prng';
export type { BlobObject } from './dispatch/objectLifecycle';
export { Machine, type SyscallResult, LOG_BUF_LEN } from './machine/machine';
export {
  logDelta,
  parseAuditLine,
  type LogDelta,
  type LogRecord,
  type LogAudit,
  type LogSource,
} from './machine/logDelta';
export { syscallDef, syscallNames, type SyscallDef, type ArgSpec, type ArgKind } from './machine/syscallTable';
export * from './machine/syscallArgs';
export * from './machine/capability';
export type { Cred, Task, Inode, Dentry, File, Path, SuperBlock, VfsMount } from './machine/types';
export { modeString } from './machine/world';
export { S_IFREG } from './machine/types';
export * from './models/bpf/index';
export { runShell, initialShellState, type ShellState, type ShellResult, type ShellOptions } from './machine/shell';
export {
  validateScenario,
  runScenario,
  type Scenario,
  type ScenarioStep,
  type StepResult,
  type ScenarioRun,
  expectationSubject,
} from './machine/scenario';
export * from './machine/expectations';
export { formatTrace, formatSyscallLine, formatTraceEvents, strerror } from './machine/formatTrace';
export {
  snapshotWorld,
  diffWorlds,
  type WorldSnapshot,
  type WorldDiff,
  type TaskView,
  type FileView,
  type FdView,
  type BlobView,
  type BlobSliceView,
} from './machine/snapshot';
export {
  blobLayout,
  type BlobLayout,
  type BlobKindLayout,
  type BlobLayoutSlice,
  type BlobReserved,
} from './machine/blobLayout';
export { userCred, USERS, GROUPS } from './machine/defaultWorld';
export { AUDIT_TYPES, auditStamp, BOOT_EPOCH_SECONDS, type AuditType } from './kernel/audit';
export { lsmApiDts, LSM_API_DTS_PATH, apiType } from './engine/dts';
export {
  Engine,
  HOOK_NAMES,
  SOURCE_URL,
  DEFAULT_GUARD_BUDGET,
  UserCodeFault,
  type EngineFault,
  type EngineOptions,
  type FaultKind,
  type LoadOptions,
  type LoadResult,
  type ModuleSource,
  type UserLsmSummary,
} from './engine/engine';
export {
  EngineSession,
  handleEngineRequest,
  MAX_CHECKED_LINES,
  type EngineRequest,
  type EngineResponse,
  type ShellPrompt,
} from './engine/protocol';
export { compileModule, type Diagnostic, type GuardSite } from './engine/compile';
export { RUST_V1_HOOKS, macroExpansion } from './engine/defineLsm';
export { formatRust } from './engine/format';
export { DEFAULT_MODULE_FILE, DEFAULT_MODULE_SOURCE } from './engine/examples';
export { distroPresets, distroPreset, type DistroPreset } from './presets/presets';
export { inTreeModelsLoaded } from './models/registry';
export { pseudoFilePath, PSEUDO_FS_ROOT, type PseudoFs } from './lsm/pseudoFiles';
export {
  LESSON_FORMAT,
  LESSON_VERSION,
  type Lesson,
  type LessonFile,
  type LessonLink,
  type LessonState,
} from './lessons/lesson';
export { LESSONS, lessonById } from './lessons/index';
export {
  validateLesson,
  LESSON_LIMITS,
  LESSON_FILE_NAME,
  LESSON_ID,
  type LessonValidation,
} from './lessons/validateLesson';
export {
  runLessonState,
  solutionState,
  shellSessionSubject,
  type LessonRun,
  type ShellLineRun,
} from './lessons/runLesson';
export {
  traceDocument,
  traceJson,
  traceText,
  TRACE_FORMAT,
  TRACE_FORMAT_VERSION,
  type TraceBoot,
  type TraceDocument,
  type TraceStep,
} from './export/traceDocument';
export {
  exportRustLsm,
  rustLsmBundle,
  rustLsmArchiveFiles,
  lsmCountDiff,
  type RustExport,
  type RustExportFile,
  type RustExportFileKind,
  type RustExportInput,
  type RustExportOptions,
} from './export/exportRustLsm';
export { tarArchive } from './export/tarArchive';
