import { ariaDescribedByIds, type FieldProps } from '@rjsf/utils';
import { useState } from 'react';
import { Icon } from '../../components/Icon.js';
import { formatBytes } from '../../format/time.js';
import { FieldHeading } from './FieldHeading.js';
import { nestedErrors } from './nested-errors.js';

/** A file as the playground sends it: the binary shape plus its bytes in base64. */
export interface UploadedBinary {
  kind: 'binary';
  fileName: string;
  mimeType: string;
  size: number;
  base64: string;
}

/**
 * Files travel inside the JSON request, so a large one is refused here with a reason. The
 * server refuses larger ones too (src/server/uploaded-files.ts): change both together.
 */
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export function BinaryField(props: FieldProps) {
  const {
    fieldPathId,
    formData,
    schema,
    uiSchema,
    required,
    disabled,
    readonly,
    onChange,
    name,
    errorSchema,
  } = props;
  // Problems with the file's parts (fileName missing…) all mean one thing to a person.
  const missingFile = nestedErrors(errorSchema).length > 0;
  const [problem, setProblem] = useState<string>();
  // A new key empties the native file input after "Remove".
  const [inputKey, setInputKey] = useState(0);
  const file = isUploaded(formData) ? formData : undefined;

  const choose = async (chosen: File | undefined) => {
    if (!chosen) return;
    if (chosen.size > MAX_UPLOAD_BYTES) {
      setProblem(
        `${chosen.name} is ${formatBytes(chosen.size)}; the playground takes files up to ${formatBytes(MAX_UPLOAD_BYTES)}.`,
      );
      return;
    }
    setProblem(undefined);
    const value: UploadedBinary = {
      kind: 'binary',
      fileName: chosen.name,
      mimeType: chosen.type || 'application/octet-stream',
      size: chosen.size,
      base64: await toBase64(chosen),
    };
    onChange(value, fieldPathId.path);
  };

  const label = (uiSchema?.['ui:title'] as string | undefined) ?? schema.title ?? name;
  return (
    <div className="binary-field">
      <FieldHeading
        fieldPathId={fieldPathId}
        label={label}
        required={required}
        description={schema.description}
      />
      <div className="binary-field-row">
        <input
          key={inputKey}
          id={fieldPathId.$id}
          type="file"
          className="form-control"
          disabled={disabled || readonly}
          aria-describedby={ariaDescribedByIds(fieldPathId)}
          onChange={(event) => void choose(event.target.files?.[0])}
        />
        {file ? (
          <span className="binary-chosen">
            <Icon name="check" size={16} />
            {file.fileName} · {formatBytes(file.size)}
            <button
              type="button"
              className="btn btn-ghost btn-sm"
              onClick={() => {
                setInputKey((key) => key + 1);
                onChange(undefined, fieldPathId.path);
              }}
            >
              Remove
            </button>
          </span>
        ) : null}
      </div>
      {problem ? <p className="field-note field-note-error">{problem}</p> : null}
      {missingFile && !file && !problem ? (
        <ul className="error-detail">
          <li>Choose a file.</li>
        </ul>
      ) : null}
    </div>
  );
}

function isUploaded(value: unknown): value is UploadedBinary {
  const file = value as Partial<UploadedBinary> | null | undefined;
  // rjsf starts a chosen "File" option as { kind: 'binary' }: no file yet.
  return typeof file?.fileName === 'string' && typeof file.base64 === 'string';
}

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}
