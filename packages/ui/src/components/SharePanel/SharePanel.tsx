// Share: the link of what the page shows, its length against what chat clients and browsers
// keep, a copy button, and the way back to work a link replaced.
import { useId, useState } from 'react';
import { usePlaygroundStore } from '../../store/PlaygroundProvider';
import { applyShareState, captureShareState } from '../../share/applyShare';
import { encodeShareLink } from '../../share/codec';
import { validateShareState } from '../../share/shareState';
import { BEFORE_LINK_KEY } from '../../share/useShareLink';
import { EmbedSnippet } from './EmbedSnippet';
import '../../styles/popover.css';
import './SharePanel.css';

/** Lengths a link stays comfortable under: most chat clients and issue trackers keep 2,000; 8,000 is long. */
export const LINK_COMFORT = 2000;
export const LINK_LONG = 8000;

export function lengthVerdict(n: number): { tone: 'ok' | 'warn' | 'err'; text: string } {
  if (n <= LINK_COMFORT)
    return { tone: 'ok', text: `${n.toLocaleString('en')} characters: short enough for any chat.` };
  if (n <= LINK_LONG)
    return { tone: 'warn', text: `${n.toLocaleString('en')} characters: fine in a browser, long for some chats.` };
  return {
    tone: 'err',
    text: `${n.toLocaleString('en')} characters: some tools will cut it; share it as a file instead.`,
  };
}

function previousWork() {
  try {
    const raw = localStorage.getItem(BEFORE_LINK_KEY);
    if (!raw) return null;
    return validateShareState((JSON.parse(raw) as { state: unknown }).state);
  } catch {
    return null;
  }
}

export function SharePanel() {
  const id = useId();
  const store = usePlaygroundStore();
  const [link, setLink] = useState<string | null>(null);
  const [fragment, setFragment] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [open, setOpen] = useState(false);
  const refresh = async () => {
    const frag = await encodeShareLink(captureShareState(store.getState()));
    setLink(`${window.location.origin}${window.location.pathname}#${frag}`);
    setFragment(frag);
    setCopied(false);
  };
  const previous = open ? previousWork() : null;
  const verdict = link ? lengthVerdict(link.length) : null;
  return (
    <details
      className="popover-menu share"
      open={open}
      onToggle={(e) => {
        setOpen(e.currentTarget.open);
        if (e.currentTarget.open) void refresh();
      }}
    >
      <summary className="btn popover-menu__button">Share</summary>
      <div className="popover-menu__panel share__popover" role="group" aria-labelledby={`${id}-title`}>
        <p className="field__label" id={`${id}-title`}>
          Link to this moment
        </p>
        <input
          className="control control--mono share__link"
          readOnly
          value={link ?? ''}
          aria-label="Share link"
          onFocus={(e) => e.currentTarget.select()}
        />
        {verdict && (
          <p className={`field__hint share__length share__length--${verdict.tone}`} aria-live="polite">
            <meter min={0} max={LINK_LONG} low={LINK_COMFORT} high={LINK_LONG * 0.9} optimum={0} value={link!.length} />{' '}
            {verdict.text}
          </p>
        )}
        <div className="field__row">
          <button
            type="button"
            className="btn btn--primary"
            disabled={!link}
            onClick={() => {
              if (!link) return;
              void navigator.clipboard?.writeText(link).then(
                () => setCopied(true),
                () => setCopied(false),
              );
            }}
          >
            {copied ? 'Copied' : 'Copy link'}
          </button>
          {previous && (
            <button type="button" className="btn" onClick={() => void applyShareState(store, previous)}>
              Restore my previous work
            </button>
          )}
        </div>
        <EmbedSnippet fragment={fragment} />
      </div>
    </details>
  );
}
