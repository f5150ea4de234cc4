import { IntegrationError, isIntegrationError } from '@knotwork/sdk';

export interface IntegrationFailure {
  code: string;
  message: string;
  hint: string;
  service?: string;
  fields?: Array<{ path: string; message: string }>;
}

/** A test or run that the provider or node refused: an answer to show, not an HTTP error. */
export function failureOf(error: IntegrationError): IntegrationFailure {
  return {
    code: error.code,
    message: error.message,
    hint: error.hint,
    service: error.service,
    ...(error.fields
      ? { fields: error.fields.map(({ path, message }) => ({ path, message })) }
      : {}),
  };
}

/** Credential data errors name their fields under `data.`, as the request body nests them. */
export function underData(error: unknown): unknown {
  if (!isIntegrationError(error) || error.code !== 'invalid_input' || !error.fields) return error;
  return new IntegrationError({
    service: error.service,
    code: error.code,
    message: error.message,
    hint: error.hint,
    fields: error.fields.map((field) => ({ ...field, path: `data.${field.path}` })),
  });
}
