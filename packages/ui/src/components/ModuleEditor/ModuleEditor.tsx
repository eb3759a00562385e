// The module editor: tabs of the user's LSM files, Run / Step / Share, theme and vim toggles, and
// Monaco, loaded after the first paint. Until Monaco is up (or if it never loads) a plain textarea
// edits the same store text, so the code shows at once and no keystroke is lost.
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { usePlayground, usePlaygroundStore } from '../../store/PlaygroundProvider';
import {
  selectActiveFile,
  selectActiveSource,
  selectBootedVersion,
  selectTraceLineKey,
  selectEditorTheme,
  selectEngineDiagnostics,
  selectModules,
  selectSetEditorTheme,
  selectSetSource,
  selectSetVimMode,
  selectVimMode,
} from '../../store/selectors';
import {
  EDITOR_COMMANDS,
  EDITOR_FONT_SIZE,
  PROJECTOR_FONT_SIZE,
  ariaKeyShortcuts,
  chordLabel,
  commandForKey,
  isMacPlatform,
  type EditorCommandId,
} from './editorCommands';
import type { ModuleEditorHandle } from './monaco/editorHandle';
import { loadMonaco } from './monaco/loadMonaco';
import { ModuleTabs, tabId } from './ModuleTabs';
import './ModuleEditor.css';

export interface ModuleEditorProps {
  /** Ctrl/Cmd+Enter and the Run button; the button is disabled without it. */
  readonly onRun?: () => void;
  /** F10 and the Step button. */
  readonly onStep?: () => void;
  /** Ctrl/Cmd+Shift+S and the Share button. */
  readonly onShare?: () => void;
}

type LoadState = 'loading' | 'ready' | 'failed';

/** Renders the module editor of the surrounding playground. */
export function ModuleEditor({ onRun, onStep, onShare }: ModuleEditorProps) {
  const store = usePlaygroundStore();
  const modules = usePlayground(selectModules);
  const activeFile = usePlayground(selectActiveFile);
  const source = usePlayground(selectActiveSource);
  const theme = usePlayground(selectEditorTheme);
  const projector = usePlayground((s) => s.display === 'projector');
  const vimMode = usePlayground(selectVimMode);
  const diagnostics = usePlayground(selectEngineDiagnostics);
  const kernelVersion = usePlayground(selectBootedVersion);
  const traceLineKey = usePlayground(selectTraceLineKey);
  const traceLine = useMemo(() => {
    const m = traceLineKey ? /^(.*):(\d+)$/.exec(traceLineKey) : null;
    return m ? { fileName: m[1]!, line: Number(m[2]) } : null;
  }, [traceLineKey]);
  const setSource = usePlayground(selectSetSource);
  const setEditorTheme = usePlayground(selectSetEditorTheme);
  const setVimMode = usePlayground(selectSetVimMode);
  const id = useId();
  const [mac] = useState(isMacPlatform);
  const [load, setLoad] = useState<LoadState>('loading');
  const hostRef = useRef<HTMLDivElement>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const vimStatusRef = useRef<HTMLDivElement>(null);
  const handleRef = useRef<ModuleEditorHandle | null>(null);

  const callbacks: Record<EditorCommandId, (() => void) | undefined> = { run: onRun, step: onStep, share: onShare };
  const callbacksRef = useRef(callbacks);
  useEffect(() => {
    callbacksRef.current = callbacks;
  });
  const runCommand = useCallback((command: EditorCommandId) => callbacksRef.current[command]?.(), []);

  useEffect(() => {
    let cancelled = false;
    let handle: ModuleEditorHandle | null = null;
    loadMonaco().then(
      (setup) => {
        const host = hostRef.current;
        if (cancelled || !host) return;
        const s = store.getState();
        const textarea = textareaRef.current;
        const focused = textarea !== null && textarea === textarea.ownerDocument.activeElement;
        try {
          handle = setup.mountModuleEditor(host, {
            modules: s.modules,
            activeFile: s.activeFile,
            theme: s.editorTheme,
            kernelVersion: s.kernel.version,
            diagnostics: s.engineDiagnostics,
            focusOffset: focused ? textarea.selectionStart : null,
            onChange: (fileName, text) => store.getState().setSource(fileName, text),
            onCommand: runCommand,
          });
        } catch {
          setLoad('failed'); // the textarea stays, with the text typed so far
          return;
        }
        handleRef.current = handle;
        setLoad('ready');
      },
      () => {
        if (!cancelled) setLoad('failed');
      },
    );
    return () => {
      cancelled = true;
      handle?.dispose();
      handleRef.current = null;
    };
  }, [store, runCommand]);

  // Store → Monaco. Each effect also runs once when Monaco comes up (`load` changes).
  useEffect(() => handleRef.current?.update({ modules, activeFile }), [modules, activeFile, load]);
  useEffect(() => handleRef.current?.setTheme(theme), [theme, load]);
  useEffect(() => handleRef.current?.setVim(vimMode, vimStatusRef.current), [vimMode, load]);
  useEffect(() => handleRef.current?.setDiagnostics(diagnostics), [diagnostics, load]);
  useEffect(() => handleRef.current?.setKernelVersion(kernelVersion), [kernelVersion, load]);
  useEffect(() => handleRef.current?.setTraceLine(traceLine), [traceLine, load]);
  const focusRequest = usePlayground((s) => s.editorFocusRequest);
  useEffect(() => {
    if (focusRequest === 0) return;
    if (handleRef.current) handleRef.current.focus();
    else textareaRef.current?.focus();
  }, [focusRequest]);
  useEffect(
    () => handleRef.current?.setFontSize(projector ? PROJECTOR_FONT_SIZE : EDITOR_FONT_SIZE),
    [projector, load],
  );

  const onTextareaKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    const command = commandForKey(e);
    if (!command || e.nativeEvent.isComposing) return;
    e.preventDefault();
    runCommand(command.id);
  };

  const panelId = `${id}-panel`;
  const problems = diagnostics[activeFile] ?? [];

  return (
    <section className="panel module-editor" data-theme={theme} aria-labelledby={`${id}-title`}>
      <div className="panel__head module-editor__head">
        <h2 className="panel__title" id={`${id}-title`}>
          Module editor
        </h2>
        <div className="module-editor__toolbar">
          <div className="module-editor__group" role="group" aria-label="Run the modules">
            {EDITOR_COMMANDS.map((command) => {
              const keys = chordLabel(command.chord, mac);
              const enabled = callbacks[command.id] !== undefined;
              return (
                <button
                  key={command.id}
                  type="button"
                  className={`btn module-editor__command${command.id === 'run' ? ' btn--primary' : ''}`}
                  title={`${command.description} (${keys})${enabled ? '' : ': not available yet'}`}
                  aria-keyshortcuts={ariaKeyShortcuts(command.chord)}
                  disabled={!enabled}
                  onClick={() => runCommand(command.id)}
                >
                  {command.label} <kbd className="module-editor__kbd">{keys}</kbd>
                </button>
              );
            })}
          </div>
          <div className="module-editor__group" role="group" aria-label="Editor settings">
            <button
              type="button"
              className="btn"
              aria-pressed={theme === 'light'}
              title="Switch between the dark and the light editor theme"
              onClick={() => setEditorTheme(theme === 'light' ? 'dark' : 'light')}
            >
              Light theme
            </button>
            <label className="module-editor__vim-toggle" title="Vim key bindings in the code editor">
              <input type="checkbox" checked={vimMode} onChange={(e) => setVimMode(e.target.checked)} />
              Vim
            </label>
          </div>
        </div>
      </div>

      <ModuleTabs panelId={panelId} idPrefix={`${id}-tab`} />

      <div
        className="module-editor__surface"
        id={panelId}
        role="tabpanel"
        aria-labelledby={tabId(`${id}-tab`, activeFile)}
        data-testid="module-editor"
        data-editor={load === 'ready' ? 'monaco' : 'textarea'}
      >
        {/* Monaco mounts behind the textarea, at full size, so it can take focus before the textarea goes. */}
        <div ref={hostRef} className="module-editor__monaco" />
        {load !== 'ready' && (
          <textarea
            ref={textareaRef}
            className="module-editor__textarea"
            aria-label={`Source of ${activeFile}`}
            value={source}
            onChange={(e) => setSource(activeFile, e.target.value)}
            onKeyDown={onTextareaKeyDown}
            spellCheck={false}
            autoComplete="off"
            autoCapitalize="off"
            autoCorrect="off"
            wrap="off"
          />
        )}
      </div>

      <div className="module-editor__foot">
        <div
          ref={vimStatusRef}
          className="module-editor__vim-status"
          hidden={!vimMode || load !== 'ready'}
          data-testid="vim-status"
        />
        <p className="field__hint module-editor__hint">
          {load === 'loading' && 'Plain text until the code editor has loaded.'}
          {load === 'failed' && 'The code editor could not be loaded; editing as plain text.'}
          {load === 'ready' && (
            <>
              <kbd>Ctrl</kbd>+<kbd>Space</kbd> lists the hooks; <kbd>{mac ? 'Ctrl+Shift+M' : 'Ctrl+M'}</kbd> lets{' '}
              <kbd>Tab</kbd> move focus out of the editor; <kbd>F6</kbd> goes to the shell.
            </>
          )}
        </p>
      </div>
      {load !== 'ready' && problems.length > 0 && (
        <ul className="module-editor__problems" aria-label={`Engine problems in ${activeFile}`}>
          {problems.map((p, i) => (
            <li key={i} className={`module-editor__problem module-editor__problem--${p.severity}`}>
              {activeFile}:{p.line}:{p.column}: {p.severity}: {p.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
