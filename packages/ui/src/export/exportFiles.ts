// What the Export menu produces from the store: the trace of the selected syscall as SVG and PNG,
// the run as JSON and as text, and the user's modules as Rust LSM files. Rendering only: each
// file is built from what the engine returned (the run, the load result).
import {
  exportRustLsm,
  rustLsmArchiveFiles,
  rustLsmBundle,
  tarArchive,
  traceDocument,
  traceJson,
  traceText,
  type RustExport,
  type TraceBoot,
} from '@lsm-playground/core';
import type { PlaygroundState } from '../store/createPlaygroundStore';
import { runEvents } from '../store/traceSlice';
import { traceSvg } from './traceSvg';

/** A file ready to download. */
export interface ExportFile {
  readonly name: string;
  readonly blob: Blob;
}

/** The syscall the replay is on (the first before the cursor moves). */
export function selectedSyscall(s: PlaygroundState): number {
  return runEvents(s.run)[s.cursor]?.syscall ?? 0;
}

/**
 * The boot the run happened on: the page's boot inputs (the engine loaded with them, unless they
 * were edited since without a reboot or Run) and the active order the engine's boot reported.
 */
export function traceBoot(s: PlaygroundState): TraceBoot {
  return {
    kernelVersion: s.kernelVersion,
    configLsm: s.configLsm,
    cmdline: s.cmdline,
    notBuilt: s.notBuilt,
    order: s.loadResult?.order ?? s.kernel.order,
    userLsms: s.loadResult?.lsms ?? [],
  };
}

/** The selected syscall's view as an SVG document, or null before the first run. */
export function traceSvgOf(s: PlaygroundState): string | null {
  if (!s.run) return null;
  const boot = traceBoot(s);
  return traceSvg({ run: s.run, syscall: selectedSyscall(s), kernelVersion: boot.kernelVersion, order: boot.order });
}

const stem = (s: PlaygroundState) => `lsm-trace-${s.run?.syscalls[selectedSyscall(s)]?.name ?? 'run'}`;

/** The SVG of the selected syscall as a file, or null before the first run. */
export function traceSvgFile(s: PlaygroundState): ExportFile | null {
  const svg = traceSvgOf(s);
  return svg === null ? null : { name: `${stem(s)}.svg`, blob: new Blob([svg], { type: 'image/svg+xml' }) };
}

/** The run as the version 1 trace document (lsm-playground-trace), or null before the first run. */
export function traceJsonFile(s: PlaygroundState): ExportFile | null {
  if (!s.run) return null;
  const json = traceJson(traceDocument(traceBoot(s), s.run.line, s.run.syscalls));
  return { name: 'lsm-trace.json', blob: new Blob([json], { type: 'application/json' }) };
}

/** The run as the command-line runner's text, or null before the first run. */
export function traceTextFile(s: PlaygroundState): ExportFile | null {
  if (!s.run) return null;
  return {
    name: 'lsm-trace.txt',
    blob: new Blob([traceText(s.run.line, s.run.syscalls)], { type: 'text/plain;charset=utf-8' }),
  };
}

/** The Rust LSM files of each user LSM the engine loaded (empty before a successful load). */
export function rustExportsOf(s: PlaygroundState): { readonly lsm: string; readonly result: RustExport }[] {
  const lsms = s.loadResult?.lsms ?? [];
  return lsms.map((l) => ({
    lsm: l.name,
    result: exportRustLsm(l, { version: s.kernelVersion, userLsmCount: lsms.length }),
  }));
}

/** One LSM's Rust files as a ustar archive that extracts over a kernel tree without overwriting. */
export function rustTarFile(lsm: string, e: RustExport): ExportFile {
  const bytes = tarArchive(rustLsmArchiveFiles(e, lsm));
  return { name: `${lsm}-rust-lsm.tar`, blob: new Blob([bytes.slice().buffer], { type: 'application/x-tar' }) };
}

/** One LSM's Rust files and warnings as one text file. */
export function rustBundleFile(lsm: string, e: RustExport): ExportFile {
  return { name: `${lsm}-rust-lsm.txt`, blob: new Blob([rustLsmBundle(e)], { type: 'text/plain;charset=utf-8' }) };
}
