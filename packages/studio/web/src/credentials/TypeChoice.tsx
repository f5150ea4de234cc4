import type { CredentialTypeInfo } from '../api/types.js';
import { CREDENTIAL_KIND_LABEL } from '../format/labels.js';

/** "How do you want to connect?" as a radio group of cards. */
export function TypeChoice({
  types,
  selected,
  onSelect,
}: {
  types: CredentialTypeInfo[];
  selected: string;
  onSelect: (type: string) => void;
}) {
  return (
    <fieldset className="type-choice">
      <legend>How do you want to connect?</legend>
      <div className="type-choice-options">
        {types.map((type) => (
          <label key={type.type} className="type-option">
            <input
              type="radio"
              name="credential-type"
              value={type.type}
              checked={type.type === selected}
              onChange={() => onSelect(type.type)}
            />
            <span className="type-option-body">
              <span className="type-option-kind">{CREDENTIAL_KIND_LABEL[type.kind]}</span>
              <span className="type-option-title">{type.displayName}</span>
              <span className="type-option-text">{type.description}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
