// Export: the current trace as PNG, SVG, JSON or text, and the user's module as the kernel files
// of a Rust LSM. Each entry is one declarative record (label, enabled, what it does); the files
// come from export/exportFiles.ts.
import { useEffect, useId, useRef, useState } from 'react';
import type { RustExport } from '@lsm-playground/core';
import { usePlayground, usePlaygroundStore } from '../../store/PlaygroundProvider';
import type { PlaygroundState, PlaygroundStore } from '../../store/createPlaygroundStore';
import { downloadBlob, svgToPng } from '../../export/download';
import type { ExportFile } from '../../export/exportFiles';
import '../../styles/popover.css';
import './ExportMenu.css';

interface ExportCommand {
  readonly id: string;
  readonly label: string;
  readonly hint: string;
  isEnabled(s: PlaygroundState): boolean;
  /** The file to download, or null when there is nothing to export. */
  run(s: PlaygroundState): Promise<ExportFile | null>;
}

const hasRun = (s: PlaygroundState) => s.run !== null;

/**
 * The exporters (the SVG drawing, the trace document, the Rust LSM generator, tar): fetched on the
 * first export, not with the page, whose first paint has no use for them.
 */
const exporters = () => import('../../export/exportFiles');

/** The trace downloads, in menu order. */
export const EXPORT_COMMANDS: readonly ExportCommand[] = [
  {
    id: 'trace-png',
    label: 'Trace as PNG',
    hint: 'The selected syscall’s path and the stack, as an image',
    isEnabled: hasRun,
    run: async (s) => {
      const { traceSvgOf, selectedSyscall } = await exporters();
      const svg = traceSvgOf(s);
      if (svg === null) return null;
      return { name: `lsm-trace-${s.run!.syscalls[selectedSyscall(s)]?.name ?? 'run'}.png`, blob: await svgToPng(svg) };
    },
  },
  {
    id: 'trace-svg',
    label: 'Trace as SVG',
    hint: 'The same picture as a vector document',
    isEnabled: hasRun,
    run: async (s) => (await exporters()).traceSvgFile(s),
  },
  {
    id: 'trace-json',
    label: 'Trace as JSON',
    hint: 'Every event of the command’s syscalls (format lsm-playground-trace, version 1)',
    isEnabled: hasRun,
    run: async (s) => (await exporters()).traceJsonFile(s),
  },
  {
    id: 'trace-text',
    label: 'Trace as text',
    hint: 'The strace-like text the command-line runner prints',
    isEnabled: hasRun,
    run: async (s) => (await exporters()).traceTextFile(s),
  },
];

/** The header's Export menu and the Rust LSM dialog it opens. */
export function ExportMenu() {
  const id = useId();
  const store = usePlaygroundStore();
  const run = usePlayground((s) => s.run);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [rust, setRust] = useState<RustDialogState | null>(null);
  const details = useRef<HTMLDetailsElement>(null);
  const close = () => {
    if (details.current) details.current.open = false;
  };
  const s = store.getState();
  return (
    <>
      <details
        ref={details}
        className="popover-menu export"
        open={open}
        onToggle={(e) => setOpen(e.currentTarget.open)}
      >
        <summary className="btn popover-menu__button">Export</summary>
        <div className="popover-menu__panel export__popover" role="menu" aria-labelledby={`${id}-title`}>
          <p className="field__label" id={`${id}-title`}>
            Export
          </p>
          {EXPORT_COMMANDS.map((c) => (
            <button
              key={c.id}
              type="button"
              role="menuitem"
              className="export__item"
              disabled={!c.isEnabled(s)}
              title={run ? c.hint : 'Run a command in the shell first: the trace is what it exports'}
              onClick={() => {
                setError(null);
                c.run(store.getState()).then(
                  (f) => {
                    if (f) downloadBlob(f.blob, f.name);
                    close();
                  },
                  (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
                );
              }}
            >
              {c.label}
            </button>
          ))}
          <button
            type="button"
            role="menuitem"
            className="export__item"
            title="The kernel files of a Rust LSM for your module: impl Hooks, define_lsm!, Kconfig, Makefile, lsm_count.h"
            onClick={() => {
              close();
              void openRust(store, setRust);
            }}
          >
            Rust LSM…
          </button>
          {error && (
            <p className="field__hint export__error" role="alert">
              {error}
            </p>
          )}
        </div>
      </details>
      {rust && <RustDialog state={rust} onClose={() => setRust(null)} />}
    </>
  );
}

type RustDialogState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'ready'; readonly exports: readonly { readonly lsm: string; readonly result: RustExport }[] };

/** Opens the dialog, loading the modules first when the engine has not built them yet. */
async function openRust(store: PlaygroundStore, set: (s: RustDialogState) => void) {
  const { rustExportsOf } = await exporters();
  let exports = rustExportsOf(store.getState());
  if (exports.length === 0) {
    set({ kind: 'loading' });
    await store.getState().loadModules();
    exports = rustExportsOf(store.getState());
  }
  if (exports.length === 0)
    set({
      kind: 'failed',
      message: 'No module loaded: fix the problems the editor marks, then export again.',
    });
  else set({ kind: 'ready', exports });
}

function RustDialog({ state, onClose }: { state: RustDialogState; onClose: () => void }) {
  const id = useId();
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    dialog.current?.focus();
  }, []);
  return (
    <div className="export-dialog__backdrop" onClick={onClose}>
      <div
        ref={dialog}
        className="export-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        tabIndex={-1}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <div className="export-dialog__head">
          <h2 className="panel__title" id={`${id}-title`}>
            Export as a Rust LSM
          </h2>
          <button type="button" className="btn" onClick={onClose}>
            Close
          </button>
        </div>
        {state.kind === 'loading' && <p className="field__hint">Building the modules…</p>}
        {state.kind === 'failed' && (
          <p className="field__hint export__error" role="alert">
            {state.message}
          </p>
        )}
        {state.kind === 'ready' &&
          state.exports.map(({ lsm, result }) => <RustFiles key={lsm} lsm={lsm} result={result} />)}
      </div>
    </div>
  );
}

/** Downloads a Rust LSM file made by the exporters (fetched on first use). */
function downloadRust(make: (x: Awaited<ReturnType<typeof exporters>>) => ExportFile): void {
  void exporters().then((x) => {
    const f = make(x);
    downloadBlob(f.blob, f.name);
  });
}

function RustFiles({ lsm, result }: { lsm: string; result: RustExport }) {
  const [copied, setCopied] = useState<string | null>(null);
  const how = { new: 'new file', lines: 'add these lines', diff: 'unified diff' } as const;
  return (
    <section className="export-dialog__lsm" aria-label={`Rust LSM ${lsm}`}>
      <p className="field__hint">
        The files the kernel&apos;s Rust LSM guide (Documentation/rust/lsm.rst, v1) asks for, generated from{' '}
        <code>{lsm}</code>. Enable <code>CONFIG_{result.kconfig}</code>, then boot with <code>lsm=…,{lsm}</code>.
      </p>
      {result.warnings.length > 0 && (
        <div className="export-dialog__warnings" role="note" aria-label="Outside the v1 abstraction">
          <p className="field__label">Outside the v1 abstraction</p>
          <ul>
            {result.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="field__row">
        <button
          type="button"
          className="btn btn--primary"
          onClick={() => downloadRust((x) => x.rustTarFile(lsm, result))}
        >
          Download .tar
        </button>
        <button type="button" className="btn" onClick={() => downloadRust((x) => x.rustBundleFile(lsm, result))}>
          Download as one text file
        </button>
      </div>
      {result.files.map((f) => (
        <figure key={f.path} className="export-dialog__file">
          <figcaption>
            <code>{f.path}</code> <span className="field__hint">({how[f.kind]})</span>
            <button
              type="button"
              className="btn"
              aria-label={`Copy ${f.path}`}
              onClick={() => {
                void navigator.clipboard?.writeText(f.content).then(
                  () => setCopied(f.path),
                  () => setCopied(null),
                );
              }}
            >
              {copied === f.path ? 'Copied' : 'Copy'}
            </button>
          </figcaption>
          <pre className="export-dialog__code" tabIndex={0}>
            {f.content}
          </pre>
        </figure>
      ))}
    </section>
  );
}
