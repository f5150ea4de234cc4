import { IntegrationError, type OAuthProvider, Redactor } from '@knotwork/sdk';

/**
 * Every OAuth failure is an IntegrationError of the provider's service. Messages may quote
 * what the provider said, so everything passes through a redactor holding the call's
 * secrets (client secret, code, verifier, tokens) first.
 */
export function oauthError(
  provider: OAuthProvider,
  init: {
    code: string;
    message: string;
    hint: string;
    status?: number;
    retryable?: boolean;
    retryAfterSeconds?: number;
    details?: Record<string, unknown>;
  },
  redactor?: Redactor,
): IntegrationError {
  const error = new IntegrationError({ service: provider.key, ...init });
  return redactor ? error.mapStrings((text) => redactor.redact(text)) : error;
}

/** A redactor for one call: every secret it handled, in every wire form. */
export function redactorFor(...secrets: Array<string | undefined>): Redactor {
  return new Redactor().add(...secrets);
}

/** The hint every "connect again" failure ends with. */
export function reconnectHint(credentialLabel: string): string {
  return `Reconnect it: knotwork credentials connect ${credentialLabel}`;
}
