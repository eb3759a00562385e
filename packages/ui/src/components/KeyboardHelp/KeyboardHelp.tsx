// The keyboard help: every page shortcut and the editor's own chords, generated from the same
// records the key handlers use, in a modal dialog (Escape or ? closes it, focus goes back).
import { useEffect, useId, useRef } from 'react';
import { usePlayground } from '../../store/PlaygroundProvider';
import { EDITOR_COMMANDS, chordLabel, isMacPlatform } from '../ModuleEditor/editorCommands';
import { SHORTCUTS, type Shortcut, type ShortcutGroup } from '../Playground/shortcuts';
import './KeyboardHelp.css';

const GROUPS: readonly ShortcutGroup[] = ['Run and replay', 'Move around', 'Display'];

export interface KeyboardHelpProps {
  /** The shortcuts this page takes (an embed takes fewer); left out: all of them. */
  readonly allow?: (s: Shortcut) => boolean;
  /** Whether the page has an editor, whose own commands are listed then. */
  readonly editor?: boolean;
}

export function KeyboardHelp({ allow = () => true, editor = true }: KeyboardHelpProps = {}) {
  const id = useId();
  const open = usePlayground((s) => s.helpOpen);
  const setHelpOpen = usePlayground((s) => s.setHelpOpen);
  const ref = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnTo.current = dialog.ownerDocument.activeElement as HTMLElement | null;
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
      dialog.querySelector<HTMLElement>('button')?.focus();
    } else if (!open && dialog.open) {
      if (typeof dialog.close === 'function') dialog.close();
      else dialog.removeAttribute('open');
      returnTo.current?.focus?.();
    }
  }, [open]);

  const mac = isMacPlatform();
  return (
    <dialog
      ref={ref}
      className="keyboard-help"
      aria-labelledby={`${id}-title`}
      // Escape closes a modal dialog natively; keep the store in step with it.
      onClose={() => setHelpOpen(false)}
      onKeyDown={(e) => {
        if (e.key === '?') {
          e.preventDefault();
          setHelpOpen(false);
        }
      }}
    >
      <div className="keyboard-help__head">
        <h2 id={`${id}-title`}>Keyboard</h2>
        <button type="button" className="btn" onClick={() => setHelpOpen(false)}>
          Close
        </button>
      </div>
      <p className="keyboard-help__note">
        Single keys work when the focus is not in a text field. In the editor, F6 leaves for the shell and Ctrl+M makes
        Tab move the focus instead of indenting.
      </p>
      {GROUPS.filter((group) => SHORTCUTS.some((s) => s.group === group && allow(s))).map((group) => (
        <section key={group} aria-label={group}>
          <h3>{group}</h3>
          <dl className="keyboard-help__list">
            {SHORTCUTS.filter((s) => s.group === group && allow(s)).map((s) => (
              <div key={s.id} className="keyboard-help__row">
                <dt>
                  <kbd>{s.label}</kbd>
                </dt>
                <dd>{s.description}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      {editor && (
        <section aria-label="In the editor">
          <h3>In the editor</h3>
          <dl className="keyboard-help__list">
            {EDITOR_COMMANDS.map((c) => (
              <div key={c.id} className="keyboard-help__row">
                <dt>
                  <kbd>{chordLabel(c.chord, mac)}</kbd>
                </dt>
                <dd>{c.description}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
    </dialog>
  );
}
