// The Share menu's embed code: an iframe of this moment for another page, read-only by default
// (a reader steps through the trace but cannot change it), with or without the editor.
import { useState } from 'react';
import { embedUrl, iframeSnippet } from '../../share/embedOptions';

export function EmbedSnippet({ fragment }: { readonly fragment: string | null }) {
  const [readOnly, setReadOnly] = useState(true);
  const [editor, setEditor] = useState(false);
  const [copied, setCopied] = useState(false);
  const base = typeof window === 'undefined' ? '/' : `${window.location.origin}${window.location.pathname}`;
  const snippet = fragment ? iframeSnippet(embedUrl(base, fragment, { readOnly, editor })) : '';
  return (
    <>
      <p className="field__label">Embed this moment</p>
      <div className="field__row">
        <label>
          <input
            type="checkbox"
            checked={readOnly}
            onChange={(e) => {
              setReadOnly(e.currentTarget.checked);
              setCopied(false);
            }}
          />{' '}
          Read-only
        </label>
        <label>
          <input
            type="checkbox"
            checked={editor}
            onChange={(e) => {
              setEditor(e.currentTarget.checked);
              setCopied(false);
            }}
          />{' '}
          Show the modules
        </label>
      </div>
      <textarea
        className="control control--mono share__link share__snippet"
        readOnly
        rows={3}
        value={snippet}
        aria-label="Embed code"
        onFocus={(e) => e.currentTarget.select()}
      />
      <div className="field__row">
        <button
          type="button"
          className="btn"
          disabled={!snippet}
          onClick={() => {
            void navigator.clipboard?.writeText(snippet).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
        >
          {copied ? 'Copied' : 'Copy embed code'}
        </button>
      </div>
    </>
  );
}
