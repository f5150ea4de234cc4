import { useId } from 'react';
import type { CredentialSummary } from '../api/types.js';
import { STATUS_LABEL } from '../format/labels.js';
import { Link } from '../router/router.js';

/** The saved credentials this node accepts; a link to add one when there are none. */
export function CredentialPicker({
  credentials,
  value,
  onChange,
  required,
  addLink,
  loading,
}: {
  credentials: CredentialSummary[];
  value: string | undefined;
  onChange: (id: string | undefined) => void;
  required: boolean;
  addLink: string;
  loading: boolean;
}) {
  const id = useId();
  if (loading) return <p className="muted">Loading credentials…</p>;
  if (credentials.length === 0) {
    return (
      <div className="form-group">
        <span className="control-label">Credential</span>
        <div className="inline-empty">
          <span>
            No saved credential for this node{required ? '' : ' (it can run without one)'}.
          </span>
          <Link to={addLink} className="btn btn-secondary btn-sm">
            Add one
          </Link>
        </div>
      </div>
    );
  }
  return (
    <div className="form-group">
      <label className="control-label" htmlFor={id}>
        Credential{required ? <span className="required">*</span> : null}
      </label>
      <div className="inline-select">
        <select
          id={id}
          className="form-control"
          value={value ?? ''}
          onChange={(event) => onChange(event.target.value || undefined)}
        >
          {required ? null : <option value="">No credential</option>}
          {credentials.map((credential) => (
            <option key={credential.id} value={credential.id}>
              {credential.name}
              {credential.status === 'connected'
                ? ''
                : ` (${STATUS_LABEL[credential.status].toLowerCase()})`}
            </option>
          ))}
        </select>
        <Link to={addLink} className="btn btn-ghost btn-sm">
          Add another
        </Link>
      </div>
    </div>
  );
}
