import type { IntegrationError, OAuthProvider, Redactor } from '@knotwork/sdk';
import { oauthError } from './oauth-errors.js';
import type { TokenEndpointFailure } from './token-response.js';

/**
 * Error codes that mean the refresh token (the grant) is gone for good: retrying cannot
 * help, the user must connect again. RFC 6749's invalid_grant, plus the names Slack
 * (`invalid_refresh_token`, oauth.v2.access) and GitHub (`bad_refresh_token`) use for it.
 */
export const GRANT_GONE_ERRORS: ReadonlySet<string> = new Set([
  'invalid_grant',
  'invalid_refresh_token',
  'bad_refresh_token',
]);

/** Error codes that mean the client id or secret was refused (RFC 6749, GitHub, Slack). */
const CLIENT_REFUSED_ERRORS: ReadonlySet<string> = new Set([
  'invalid_client',
  'unauthorized_client',
  'incorrect_client_credentials',
  'invalid_client_id',
  'bad_client_secret',
]);

export type TokenGrant = 'authorization_code' | 'refresh_token' | 'client_credentials';

const WHAT_WAS_SENT: Record<TokenGrant, string> = {
  authorization_code: 'the authorization code',
  refresh_token: 'the refresh token',
  client_credentials: 'the client-credentials request',
};

export function isGrantGone(
  failure: TokenEndpointFailure,
): failure is Extract<TokenEndpointFailure, { kind: 'refused' }> {
  return failure.kind === 'refused' && GRANT_GONE_ERRORS.has(failure.error);
}

export function isClientRefused(failure: TokenEndpointFailure): boolean {
  return failure.kind === 'refused' && CLIENT_REFUSED_ERRORS.has(failure.error);
}

/** What the provider said, as one line: `invalid_grant (Token has been expired or revoked.)`. */
export function describeFailure(failure: TokenEndpointFailure): string {
  switch (failure.kind) {
    case 'network':
      return failure.reason;
    case 'unavailable':
      return `HTTP ${failure.status}${failure.error ? ` ${failure.error}` : ''}`;
    case 'refused':
      return `${failure.error}${failure.description ? ` (${failure.description})` : ''}`;
    case 'malformed':
      return `HTTP ${failure.status}: ${failure.reason}`;
  }
}

/** The IntegrationError for a failed token request that is not a lost grant. */
export function tokenFailureError(
  provider: OAuthProvider,
  grant: TokenGrant,
  failure: TokenEndpointFailure,
  redactor: Redactor,
): IntegrationError {
  const name = provider.displayName;
  const said = describeFailure(failure);
  switch (failure.kind) {
    case 'network':
      return oauthError(
        provider,
        {
          code: 'provider_unreachable',
          message: `Could not reach ${name}'s token endpoint: ${said}`,
          hint: `Check the network connection to ${new URL(provider.tokenUrl).host}; retrying later can help.`,
          retryable: true,
        },
        redactor,
      );
    case 'unavailable':
      return oauthError(
        provider,
        {
          code: failure.status === 429 ? 'rate_limited' : 'provider_unavailable',
          message: `${name}'s token endpoint answered ${said}`,
          hint:
            failure.status === 429
              ? `${name} asked to slow down; retry after the wait it gave.`
              : `${name} had a problem on its side; retrying later can help.`,
          status: failure.status,
          retryable: true,
          ...(failure.retryAfterSeconds === undefined
            ? {}
            : { retryAfterSeconds: failure.retryAfterSeconds }),
        },
        redactor,
      );
    case 'malformed':
      return oauthError(
        provider,
        {
          code: 'invalid_token_response',
          message: `${name}'s token endpoint gave an answer knotwork cannot read: ${said}`,
          hint: `Check that the token URL (${provider.tokenUrl}) is ${name}'s OAuth2 token endpoint.`,
          status: failure.status,
        },
        redactor,
      );
    case 'refused':
      if (isClientRefused(failure)) {
        return oauthError(
          provider,
          {
            code: 'invalid_client',
            message: `${name} refused the client credentials: ${said}`,
            hint: `Check the client ID and client secret of your ${name} app, and that the app may use this grant.`,
            status: failure.status,
          },
          redactor,
        );
      }
      return oauthError(
        provider,
        {
          code: grant === 'authorization_code' ? 'authorization_failed' : `${grant}_failed`,
          message: `${name} refused ${WHAT_WAS_SENT[grant]}: ${said}`,
          hint:
            grant === 'authorization_code'
              ? 'The code may have expired or been used already, or the redirect URI or PKCE verifier did not match. Start connecting again.'
              : `Check the ${name} app's settings; if it keeps failing, connect the credential again.`,
          status: failure.status,
        },
        redactor,
      );
  }
}
