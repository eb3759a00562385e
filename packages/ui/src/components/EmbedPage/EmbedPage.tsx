// The embed (issue 7): what an iframe on someone else's page shows of a shared state: the shell's
// transcript and the trace, stepped through as on the full page; the editor only if asked for. A
// read-only embed takes no shell input and no edits (its editor is the source, shown, not editable).
import { useEffect, useId, useRef, useState } from 'react';
import { usePlayground, usePlaygroundStore } from '../../store/PlaygroundProvider';
import type { EmbedOptions } from '../../share/embedOptions';
import { useEmbedLink } from '../../share/useEmbedLink';
import { KeyboardHelp } from '../KeyboardHelp/KeyboardHelp';
import { EngineModuleEditor } from '../Playground/EngineModuleEditor';
import { useDisplayAndMotion } from '../Playground/useDisplayAndMotion';
import { usePageShortcuts } from '../Playground/usePageShortcuts';
import type { Shortcut } from '../Playground/shortcuts';
import { Terminal } from '../Terminal/Terminal';
import { TraceView } from '../TraceView/TraceView';
import '../../styles/theme.css';
import '../Playground/Playground.css';
import './EmbedPage.css';

export interface EmbedPageProps {
  readonly options: EmbedOptions;
  readonly shortcuts: boolean;
}

export function EmbedPage({ options, shortcuts }: EmbedPageProps) {
  const store = usePlaygroundStore();
  const root = useRef<HTMLDivElement>(null);
  const display = usePlayground((s) => s.display);
  const { readOnly, editor } = options;
  useEffect(() => store.getState().setReadOnly(readOnly), [store, readOnly]);
  // A read-only embed leaves out what changes the work; no embed presents (that is the full page's).
  const allow = (s: Shortcut) => s.id !== 'present' && !(readOnly && s.edits);
  usePageShortcuts(root, store, shortcuts, allow);
  useDisplayAndMotion(root, store, display);
  const notice = useEmbedLink(store, options);
  const [full] = useState(() =>
    typeof window === 'undefined' ? '/' : `${window.location.origin}${window.location.pathname}${window.location.hash}`,
  );
  return (
    <div className="playground playground--embed" ref={root} data-embed={readOnly ? 'read-only' : 'interactive'}>
      <header className="embed__head">
        <h1 className="embed__title">
          LSM Playground{readOnly ? <span className="panel__meta"> (read-only)</span> : null}
        </h1>
        <a href={full} target="_blank" rel="noopener noreferrer">
          Open in the playground ↗
        </a>
      </header>
      {notice && (
        <div className={`playground__notice playground__notice--${notice.tone}`} role="alert">
          <span>{notice.text}</span>
        </div>
      )}
      <main className={`embed__main${editor ? ' embed__main--editor' : ''}`}>
        {editor && <div className="playground__editor">{readOnly ? <SourceView /> : <EngineModuleEditor />}</div>}
        <div className="playground__engine">
          <Terminal />
          <TraceView />
        </div>
      </main>
      <KeyboardHelp allow={allow} editor={editor && !readOnly} />
    </div>
  );
}

/** The modules' source, shown and not editable (a read-only embed's editor). */
function SourceView() {
  const id = useId();
  const modules = usePlayground((s) => s.modules);
  const active = usePlayground((s) => s.activeFile);
  const [open, setOpen] = useState<string | null>(null);
  const shown = modules.find((m) => m.fileName === (open ?? active)) ?? modules[0];
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <div className="panel__head">
        <h2 className="panel__title" id={`${id}-title`}>
          Modules
        </h2>
        {modules.length > 1 && (
          <select
            className="control"
            aria-label="Module"
            value={shown?.fileName}
            onChange={(e) => setOpen(e.currentTarget.value)}
          >
            {modules.map((m) => (
              <option key={m.fileName}>{m.fileName}</option>
            ))}
          </select>
        )}
      </div>
      <pre className="code embed__source" tabIndex={0} aria-label={`Source of ${shown?.fileName ?? ''} (read-only)`}>
        {shown?.source}
      </pre>
    </section>
  );
}
