import { type FormEvent, type ReactNode, useId, useMemo, useRef, useState } from 'react';
import { ApiError, toErrorBody } from '../api/client.js';
import type { ApiErrorBody, CredentialTypeInfo } from '../api/types.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { toErrorTree } from '../forms/field-errors.js';
import { LazySchemaForm } from '../forms/LazySchemaForm.js';
import type { FormData, SchemaFormHandle } from '../forms/SchemaForm.js';
import { editableSchema, withoutEmptySecrets } from '../forms/secret-fields.js';

/**
 * Name plus the credential type's own fields. Saving sends only what the user typed:
 * a secret left empty in an edit keeps its saved value on the server.
 */
export function CredentialForm({
  typeInfo,
  initialName,
  initialData,
  savedSecrets,
  submitLabel,
  busyLabel,
  onSubmit,
  aside,
  secondary,
}: {
  typeInfo: CredentialTypeInfo;
  initialName: string;
  initialData: FormData;
  savedSecrets?: readonly string[];
  submitLabel: ReactNode;
  busyLabel: string;
  onSubmit: (name: string, data: FormData) => Promise<void>;
  /** Shown between the fields and the buttons (the OAuth redirect URI). */
  aside?: ReactNode;
  /** Buttons after the submit button. */
  secondary?: ReactNode;
}) {
  const nameId = useId();
  const form = useRef<SchemaFormHandle>(null);
  const [name, setName] = useState(initialName);
  const [data, setData] = useState<FormData>(initialData);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorBody>();
  const [nameProblem, setNameProblem] = useState<string>();
  const schema = useMemo(
    () => (savedSecrets ? editableSchema(typeInfo.schema, savedSecrets) : typeInfo.schema),
    [typeInfo.schema, savedSecrets],
  );
  const fieldErrors = useMemo(
    () =>
      error?.fields
        ? toErrorTree(
            error.fields.filter((f) => f.path !== 'name'),
            'data',
          )
        : undefined,
    [error],
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    const fieldsValid = form.current?.validate() ?? true;
    setNameProblem(trimmed ? undefined : 'Give it a name you will recognise in a workflow.');
    if (!trimmed) document.getElementById(nameId)?.focus();
    if (!trimmed || !fieldsValid) return;
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(trimmed, withoutEmptySecrets(data, typeInfo.schema));
    } catch (failure) {
      const body = toErrorBody(failure);
      setError(body);
      const nameTaken = failure instanceof ApiError && failure.status === 409;
      if (nameTaken || body.fields?.some((f) => f.path === 'name')) {
        setNameProblem(body.fields?.find((f) => f.path === 'name')?.message ?? body.message);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form-card" onSubmit={submit} noValidate>
      {error ? (
        <ErrorNotice error={error} title="Not saved" onDismiss={() => setError(undefined)} />
      ) : null}
      <div className={nameProblem ? 'form-group field-error' : 'form-group'}>
        <label className="control-label" htmlFor={nameId}>
          Name<span className="required">*</span>
        </label>
        <div className="field-description" id={`${nameId}-help`}>
          How this credential is listed and picked in workflows.
        </div>
        <input
          id={nameId}
          className="form-control"
          value={name}
          onChange={(event) => setName(event.target.value)}
          autoComplete="off"
          aria-invalid={nameProblem ? true : undefined}
          aria-describedby={nameProblem ? `${nameId}-help ${nameId}-error` : `${nameId}-help`}
        />
        {nameProblem ? (
          <ul className="error-detail" id={`${nameId}-error`}>
            <li>{nameProblem}</li>
          </ul>
        ) : null}
      </div>
      <LazySchemaForm
        ref={form}
        idPrefix="credential"
        schema={schema}
        formData={data}
        onChange={setData}
        extraErrors={fieldErrors}
        disabled={busy}
        {...(savedSecrets ? { savedSecrets } : {})}
      />
      {aside}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </button>
        {secondary}
      </div>
    </form>
  );
}
