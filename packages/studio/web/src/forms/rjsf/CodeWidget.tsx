import { ariaDescribedByIds, type WidgetProps } from '@rjsf/utils';

/** A monospaced textarea for SQL and other code; no spell-check squiggles under identifiers. */
export function CodeWidget({
  id,
  value,
  required,
  disabled,
  readonly,
  placeholder,
  options,
  onChange,
  onBlur,
  onFocus,
  htmlName,
}: WidgetProps) {
  return (
    <textarea
      id={id}
      name={htmlName || id}
      className="form-control mono"
      value={typeof value === 'string' ? value : ''}
      placeholder={placeholder}
      required={required}
      disabled={disabled}
      readOnly={readonly}
      rows={typeof options.rows === 'number' ? options.rows : 6}
      spellCheck={false}
      autoCapitalize="off"
      autoCorrect="off"
      onChange={(event) =>
        onChange(event.target.value === '' ? options.emptyValue : event.target.value)
      }
      onBlur={(event) => onBlur(id, event.target.value)}
      onFocus={(event) => onFocus(id, event.target.value)}
      aria-describedby={ariaDescribedByIds(id)}
    />
  );
}
