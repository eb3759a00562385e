// Distribution presets: one choice sets the kernel build, CONFIG_LSM, the command line and the
// policies init loads, then reboots. Editing any input afterwards makes the setup "Custom".
import { useId } from 'react';
import { usePlayground } from '../../store/PlaygroundProvider';
import { selectApplyPreset, selectPresetId, selectPresets } from '../../store/selectors';

export function PresetPicker() {
  const id = useId();
  const presets = usePlayground(selectPresets);
  const presetId = usePlayground(selectPresetId);
  const applyPreset = usePlayground(selectApplyPreset);
  const current = presets.find((p) => p.id === presetId) ?? null;
  return (
    <div className="field preset">
      <label className="field__label" htmlFor={`${id}-preset`}>
        Distribution
      </label>
      <select
        id={`${id}-preset`}
        className="control"
        value={presetId ?? ''}
        aria-describedby={`${id}-preset-hint`}
        onChange={(e) => {
          if (e.target.value) applyPreset(e.target.value);
        }}
      >
        <option value="">Custom</option>
        {presets.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <p className="field__hint" id={`${id}-preset-hint`}>
        {current
          ? `${current.description} CONFIG_LSM from ${current.source}.`
          : 'Pick a distribution to boot its LSM stack and the policies its userspace loads.'}
      </p>
    </div>
  );
}
