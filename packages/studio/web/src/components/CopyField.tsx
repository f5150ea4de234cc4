import { useId, useState } from 'react';
import { Icon } from './Icon.js';

/** A read-only value with a copy button, for things to paste elsewhere (a redirect URI). */
export function CopyField({ label, value }: { label: string; value: string }) {
  const id = useId();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 2000);
    } catch {
      // Clipboard access is refused on plain http from another host; select it for the user instead.
      (document.getElementById(id) as HTMLInputElement | null)?.select();
    }
  };
  return (
    <div className="copy-field">
      <label htmlFor={id} className="control-label">
        {label}
      </label>
      <div className="copy-field-row">
        <input
          id={id}
          className="form-control mono"
          value={value}
          readOnly
          onFocus={(e) => e.target.select()}
        />
        <button type="button" className="btn btn-secondary" onClick={copy}>
          <Icon name={copied ? 'check' : 'copy'} />
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
    </div>
  );
}
