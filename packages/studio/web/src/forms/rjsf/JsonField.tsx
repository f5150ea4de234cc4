import { ariaDescribedByIds, type FieldProps } from '@rjsf/utils';
import { useEffect, useState } from 'react';
import { FieldHeading } from './FieldHeading.js';
import { nestedErrors } from './nested-errors.js';

/**
 * Free-form JSON (Block Kit blocks, SQL parameters, a Notion filter): typed as text and
 * parsed as the user types. When the schema also accepts a plain string, text that is not
 * JSON is kept as that string.
 */
export function JsonField(props: FieldProps) {
  const {
    fieldPathId,
    formData,
    schema,
    uiSchema,
    required,
    disabled,
    readonly,
    onChange,
    onBlur,
    onFocus,
    name,
    errorSchema,
  } = props;
  const childProblems = nestedErrors(errorSchema);
  const [text, setText] = useState(() => toText(formData));
  const [parseError, setParseError] = useState<string>();

  // A value set from outside (a reset, a new node) replaces the text; the user's own edits do not.
  useEffect(() => {
    setText((current) => (sameValue(current, formData) ? current : toText(formData)));
  }, [formData]);

  const acceptsText = acceptsString(schema);
  const change = (next: string) => {
    setText(next);
    if (next.trim() === '') {
      setParseError(undefined);
      onChange(undefined, fieldPathId.path);
      return;
    }
    try {
      onChange(JSON.parse(next), fieldPathId.path);
      setParseError(undefined);
    } catch (error) {
      // Passed on as text so the form's validation names the field instead of dropping it.
      onChange(next, fieldPathId.path);
      setParseError(acceptsText ? undefined : (error as Error).message);
    }
  };

  const label = (uiSchema?.['ui:title'] as string | undefined) ?? schema.title ?? name;
  const placeholder =
    (uiSchema?.['ui:placeholder'] as string | undefined) ??
    (schema.type === 'array' ? '[ ]' : '{ }');
  return (
    <div className="json-field">
      <FieldHeading
        fieldPathId={fieldPathId}
        label={label}
        required={required}
        description={schema.description}
        badge={acceptsText ? 'JSON or text' : 'JSON'}
      />
      <textarea
        id={fieldPathId.$id}
        className={parseError ? 'form-control mono is-invalid' : 'form-control mono'}
        value={text}
        rows={Math.min(14, Math.max(3, text.split('\n').length + 1))}
        placeholder={placeholder}
        spellCheck={false}
        disabled={disabled}
        readOnly={readonly}
        aria-invalid={parseError ? true : undefined}
        aria-describedby={ariaDescribedByIds(fieldPathId)}
        onChange={(event) => change(event.target.value)}
        onBlur={() => onBlur(fieldPathId.$id, text)}
        onFocus={() => onFocus(fieldPathId.$id, text)}
      />
      {parseError ? (
        <p className="field-note field-note-error">Not valid JSON yet: {parseError}</p>
      ) : null}
      {childProblems.length > 0 ? (
        <ul className="error-detail">
          {childProblems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function toText(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2);
}

function sameValue(text: string, value: unknown): boolean {
  if (value === undefined) return text.trim() === '';
  try {
    return JSON.stringify(JSON.parse(text)) === JSON.stringify(value);
  } catch {
    return text === value;
  }
}

function acceptsString(schema: FieldProps['schema']): boolean {
  if (schema.type === 'string') return true;
  const options = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
  return options.some((option) => typeof option === 'object' && option.type === 'string');
}
