import { isIntegrationError, Redactor } from '@knotwork/sdk';
import type { CredentialTypes, OAuthTokens } from './types.js';

/**
 * A redactor for one credential's secrets: its type's secret fields (every string field
 * when the type is unknown, to err on the safe side) and its tokens.
 */
export function credentialRedactor(
  types: CredentialTypes,
  type: string,
  data: Record<string, unknown>,
  tokens?: OAuthTokens,
): Redactor {
  let secretFields: string[] | undefined;
  try {
    secretFields = types.describe(type).secretFields;
  } catch {
    secretFields = undefined;
  }
  const redactor = new Redactor();
  for (const [field, value] of Object.entries(data)) {
    if (typeof value === 'string' && (secretFields === undefined || secretFields.includes(field))) {
      redactor.add(value);
    }
  }
  if (tokens) redactor.add(tokens.accessToken, tokens.refreshToken);
  return redactor;
}

/** The same error with the credential's secrets masked in every text it carries. */
export function redactError(error: unknown, redactor: Redactor): unknown {
  if (isIntegrationError(error)) return error.mapStrings((text) => redactor.redact(text));
  if (error instanceof Error) {
    error.message = redactor.redact(error.message);
    if (error.stack) error.stack = redactor.redact(error.stack);
  }
  return error;
}

export function errorText(error: unknown): { message: string; hint?: string } {
  if (isIntegrationError(error)) return { message: error.message, hint: error.hint };
  return { message: error instanceof Error ? error.message : String(error) };
}
