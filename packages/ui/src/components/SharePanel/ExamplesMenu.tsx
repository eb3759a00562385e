// The examples gallery: each example is a share state, opened as a link would be. The work it
// replaces is kept (the Share menu's "Restore my previous work" brings it back).
import { useId, useState } from 'react';
import { usePlaygroundStore } from '../../store/PlaygroundProvider';
import { applyShareState, captureShareState } from '../../share/applyShare';
import { EXAMPLES } from '../../share/examples';
import { BEFORE_LINK_KEY } from '../../share/useShareLink';

export function ExamplesMenu() {
  const id = useId();
  const store = usePlaygroundStore();
  const [chosen, setChosen] = useState('');
  const current = EXAMPLES.find((e) => e.id === chosen) ?? null;
  return (
    <div className="examples">
      <label className="visually-hidden" htmlFor={`${id}-examples`}>
        Examples
      </label>
      <select
        id={`${id}-examples`}
        className="control"
        value={chosen}
        title={current?.summary ?? 'Open an example: its modules, boot and shell lines'}
        onChange={(e) => {
          const ex = EXAMPLES.find((x) => x.id === e.target.value);
          setChosen(e.target.value);
          if (!ex) return;
          try {
            localStorage.setItem(
              BEFORE_LINK_KEY,
              JSON.stringify({ savedAt: Date.now(), state: captureShareState(store.getState()) }),
            );
          } catch {
            // Storage disabled or full: the example opens all the same.
          }
          void applyShareState(store, ex.state);
        }}
      >
        <option value="">Examples…</option>
        {EXAMPLES.map((e) => (
          <option key={e.id} value={e.id}>
            {e.title}
          </option>
        ))}
      </select>
    </div>
  );
}
