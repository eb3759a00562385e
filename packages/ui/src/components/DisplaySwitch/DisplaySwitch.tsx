// The display switch in the header: dark, light, or the projector's large type and high contrast.
// A radio group, so arrow keys move between the choices as in any native radio group.
import { useId } from 'react';
import { usePlayground } from '../../store/PlaygroundProvider';
import { DISPLAYS, DISPLAY_LABELS } from '../../store/viewSlice';
import './DisplaySwitch.css';

export function DisplaySwitch() {
  const id = useId();
  const display = usePlayground((s) => s.display);
  const setDisplay = usePlayground((s) => s.setDisplay);
  const setHelpOpen = usePlayground((s) => s.setHelpOpen);
  return (
    <div className="display-switch">
      <fieldset className="display-switch__group">
        <legend className="visually-hidden">Display</legend>
        {DISPLAYS.map((d) => (
          <label key={d} className={`display-switch__option${d === display ? ' display-switch__option--on' : ''}`}>
            <input
              type="radio"
              name={`${id}-display`}
              value={d}
              checked={d === display}
              onChange={() => setDisplay(d)}
            />
            {DISPLAY_LABELS[d]}
          </label>
        ))}
      </fieldset>
      <button
        type="button"
        className="btn display-switch__help"
        onClick={() => setHelpOpen(true)}
        aria-keyshortcuts="?"
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
      >
        Keys <kbd>?</kbd>
      </button>
    </div>
  );
}
