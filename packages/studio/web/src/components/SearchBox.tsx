import { useId } from 'react';
import { Icon } from './Icon.js';

/** A labelled search field (the label is for screen readers; the placeholder says the same). */
export function SearchBox({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="search">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <Icon name="search" className="search-icon" />
      <input
        id={id}
        type="search"
        className="form-control"
        placeholder={label}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
