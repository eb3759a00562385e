// The module files as tabs: select, add, rename (double-click or F2) and close with a confirmation,
// since closing a tab discards its text.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { usePlayground, usePlaygroundStore } from '../../store/PlaygroundProvider';
import { nextBpfProgramName } from '../../store/editorSlice';
import {
  selectActiveFile,
  selectAddModule,
  selectModules,
  selectRemoveModule,
  selectRenameModule,
  selectSetActiveFile,
} from '../../store/selectors';

export interface ModuleTabsProps {
  /** The id of the tab panel the tabs control. */
  readonly panelId: string;
  /** The id prefix of the tabs; the active tab is `${idPrefix}-${fileName}`. */
  readonly idPrefix: string;
}

interface Renaming {
  readonly from: string;
  readonly draft: string;
  readonly error: string | null;
}

/** The id of the tab of `fileName`. */
export const tabId = (idPrefix: string, fileName: string) => `${idPrefix}-${fileName.replace('.', '-')}`;

/** Renders the tab bar of the module files with its add button and the close confirmation. */
export function ModuleTabs({ panelId, idPrefix }: ModuleTabsProps) {
  const store = usePlaygroundStore();
  const modules = usePlayground(selectModules);
  const activeFile = usePlayground(selectActiveFile);
  const setActiveFile = usePlayground(selectSetActiveFile);
  const addModule = usePlayground(selectAddModule);
  const removeModule = usePlayground(selectRemoveModule);
  const renameModule = usePlayground(selectRenameModule);

  const [renaming, setRenamingState] = useState<Renaming | null>(null);
  // Enter commits and unmounts the input, which may blur it: the ref makes the second commit a no-op.
  const renamingRef = useRef<Renaming | null>(null);
  const setRenaming = (next: Renaming | null) => {
    renamingRef.current = next;
    setRenamingState(next);
  };
  const [confirming, setConfirming] = useState<string | null>(null);
  const tabRefs = useRef(new Map<string, HTMLButtonElement>());
  const cancelRef = useRef<HTMLButtonElement>(null);
  const pendingFocus = useRef<string | null>(null);

  useEffect(() => {
    if (pendingFocus.current === null) return;
    tabRefs.current.get(pendingFocus.current)?.focus();
    pendingFocus.current = null;
  });

  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
  }, [confirming]);

  const canClose = modules.length > 1;
  const names = modules.map((m) => m.fileName);

  const select = (fileName: string, focus: boolean) => {
    setActiveFile(fileName);
    if (focus) pendingFocus.current = fileName;
  };

  const startRename = (fileName: string) => {
    setConfirming(null);
    setRenaming({ from: fileName, draft: fileName, error: null });
  };

  const commitRename = (keepOpenOnError: boolean) => {
    const current = renamingRef.current;
    if (!current) return;
    const to = current.draft.trim();
    const error = renameModule(current.from, to);
    if (error && keepOpenOnError) {
      setRenaming({ ...current, error });
      return;
    }
    pendingFocus.current = error ? current.from : to;
    setRenaming(null);
  };

  const onTabKeyDown = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const fileName = names[index];
    if (fileName === undefined) return;
    const move = { ArrowLeft: index - 1, ArrowRight: index + 1, Home: 0, End: names.length - 1 }[e.key];
    if (move !== undefined) {
      e.preventDefault();
      const target = names[(move + names.length) % names.length];
      if (target) select(target, true);
    } else if (e.key === 'F2') {
      e.preventDefault();
      startRename(fileName);
    } else if (e.key === 'Delete' && canClose) {
      e.preventDefault();
      setConfirming(fileName);
    }
  };

  return (
    <div className="module-tabs">
      <div className="module-tabs__bar">
        <div className="module-tabs__list" role="tablist" aria-label="Module files">
          {modules.map(({ fileName }, index) => {
            const active = fileName === activeFile;
            if (renaming?.from === fileName) {
              return (
                <div key={fileName} className="module-tabs__tab module-tabs__tab--active" role="presentation">
                  <input
                    className="module-tabs__rename"
                    aria-label={`Rename ${fileName}`}
                    aria-invalid={renaming.error !== null}
                    aria-describedby={renaming.error ? `${idPrefix}-rename-error` : undefined}
                    value={renaming.draft}
                    size={Math.max(renaming.draft.length, 8)}
                    autoFocus
                    spellCheck={false}
                    autoComplete="off"
                    autoCapitalize="off"
                    onFocus={(e) =>
                      e.currentTarget.setSelectionRange(0, e.currentTarget.value.replace(/\.ts$/, '').length)
                    }
                    onChange={(e) => setRenaming({ ...renaming, draft: e.target.value, error: null })}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') {
                        e.preventDefault();
                        commitRename(true);
                      } else if (e.key === 'Escape') {
                        e.preventDefault();
                        pendingFocus.current = fileName;
                        setRenaming(null);
                      }
                    }}
                    onBlur={() => commitRename(false)}
                  />
                </div>
              );
            }
            return (
              <div
                key={fileName}
                className={`module-tabs__tab${active ? ' module-tabs__tab--active' : ''}`}
                role="presentation"
              >
                <button
                  ref={(el) => {
                    if (el) tabRefs.current.set(fileName, el);
                    else tabRefs.current.delete(fileName);
                  }}
                  type="button"
                  role="tab"
                  id={tabId(idPrefix, fileName)}
                  className="module-tabs__name"
                  aria-selected={active}
                  aria-controls={panelId}
                  tabIndex={active ? 0 : -1}
                  title="Double-click or F2 to rename"
                  onClick={() => select(fileName, false)}
                  onDoubleClick={() => startRename(fileName)}
                  onKeyDown={(e) => onTabKeyDown(e, index)}
                >
                  {fileName}
                </button>
                <button
                  type="button"
                  className="module-tabs__close"
                  aria-label={`Close ${fileName}`}
                  title={canClose ? `Close ${fileName}` : 'The last module cannot be closed'}
                  tabIndex={active ? 0 : -1}
                  disabled={!canClose}
                  onClick={() => setConfirming(fileName)}
                >
                  <span aria-hidden="true">×</span>
                </button>
              </div>
            );
          })}
        </div>
        <button
          type="button"
          className="module-tabs__add"
          aria-label="Add module"
          title="Add a module file"
          onClick={() => {
            setConfirming(null);
            pendingFocus.current = addModule();
          }}
        >
          <span aria-hidden="true">+</span>
        </button>
        <button
          type="button"
          className="module-tabs__add module-tabs__add--bpf"
          aria-label="Add BPF program"
          title="Add a BPF LSM program (name.bpf.c), attached at boot"
          onClick={() => {
            setConfirming(null);
            pendingFocus.current = addModule(nextBpfProgramName(modules.map((m) => m.fileName)));
          }}
        >
          <span aria-hidden="true">+bpf</span>
        </button>
      </div>
      {renaming?.error && (
        <p className="module-tabs__error" id={`${idPrefix}-rename-error`} role="alert">
          {renaming.error}
        </p>
      )}
      {confirming && (
        <div
          className="module-tabs__confirm"
          role="alertdialog"
          aria-labelledby={`${idPrefix}-confirm-title`}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              pendingFocus.current = confirming;
              setConfirming(null);
            }
          }}
        >
          <p id={`${idPrefix}-confirm-title`} className="module-tabs__confirm-text">
            Close <code>{confirming}</code>? Its text is discarded.
          </p>
          <button
            type="button"
            className="btn btn--danger"
            onClick={() => {
              removeModule(confirming);
              setConfirming(null);
              pendingFocus.current = store.getState().activeFile;
            }}
          >
            Close and discard
          </button>
          <button
            ref={cancelRef}
            type="button"
            className="btn"
            onClick={() => {
              pendingFocus.current = confirming;
              setConfirming(null);
            }}
          >
            Keep
          </button>
        </div>
      )}
    </div>
  );
}
