import type { ApiErrorBody } from '../api/types.js';
import { Notice } from './Notice.js';

/** The API's one error shape: the message, then the hint on what to do, then field problems. */
export function ErrorNotice({
  error,
  title,
  onDismiss,
}: {
  error: ApiErrorBody;
  title?: string;
  onDismiss?: () => void;
}) {
  return (
    <Notice tone="error" title={title ?? error.message} {...(onDismiss ? { onDismiss } : {})}>
      {title ? <p>{error.message}</p> : null}
      {error.hint ? <p className="notice-hint">{error.hint}</p> : null}
      {error.fields && error.fields.length > 0 ? (
        <ul className="notice-fields">
          {error.fields.map((field) => (
            <li key={`${field.path}:${field.message}`}>
              {field.path ? <code>{field.path}</code> : null} {field.message}
            </li>
          ))}
        </ul>
      ) : null}
    </Notice>
  );
}
