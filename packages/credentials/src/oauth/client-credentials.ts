import { type OAuthProvider, signalWithTimeout } from '@knotwork/sdk';
import * as oauth from 'oauth4webapi';
import type { OAuthTokens, TokenVault } from '../types.js';
import {
  authorizationServerFor,
  clientAuthenticationFor,
  clientFor,
  PROVIDER_REQUEST_TIMEOUT_MS,
  requestOptions,
} from './authorization-server.js';
import { oauthError, redactorFor } from './oauth-errors.js';
import { singleFlight } from './single-flight.js';
import { needsRefresh, tokensFrom } from './token-expiry.js';
import { describeFailure, isClientRefused, tokenFailureError } from './token-failure.js';
import { callTokenEndpoint, type TokenEndpointResult } from './token-response.js';

export interface ClientCredentialsInput {
  provider: OAuthProvider;
  clientId: string;
  clientSecret: string;
  /** Scopes to request, already expanded (Microsoft: https://graph.microsoft.com/.default). */
  scopes: string[];
  /** Where the app-only token is cached. */
  credentialId: string;
  /** The provider refused the cached token: ask for a new one even if it looks fresh. */
  force?: boolean;
  /** The token the provider refused, when known (see RefreshTokensInput.rejectedAccessToken). */
  rejectedAccessToken?: string;
  credentialName?: string;
  signal?: AbortSignal;
}

/**
 * An app-only token from the client-credentials grant (RFC 6749 §4.4), cached in the
 * vault and requested again when it is about to expire. Same single-flight as refresh: one
 * request per credential in this process, and under the vault's lock across processes.
 */
export function clientCredentialsToken(
  input: ClientCredentialsInput,
  vault: TokenVault,
): Promise<OAuthTokens> {
  if (!input.provider.clientCredentials) {
    return Promise.reject(
      oauthError(input.provider, {
        code: 'grant_not_supported',
        message: `${input.provider.displayName} is not set up for the client-credentials grant`,
        hint: 'Use a credential that connects as a user, or a custom OAuth2 credential whose token URL takes client credentials.',
      }),
    );
  }
  return singleFlight(vault, `client-credentials:${input.credentialId}`, input.force === true, () =>
    tokenWhenNeeded(input, vault),
  );
}

async function tokenWhenNeeded(input: ClientCredentialsInput, vault: TokenVault) {
  const { provider, credentialId } = input;
  const cached = await vault.readTokens(credentialId);
  if (cached && !input.force && !needsRefresh(cached, provider, Date.now())) return cached;
  const refused = input.rejectedAccessToken ?? cached?.accessToken;

  return vault.withCredentialLock(credentialId, async () => {
    const current = await vault.readTokens(credentialId);
    if (
      current &&
      !needsRefresh(current, provider, Date.now()) &&
      (!input.force || current.accessToken !== refused)
    ) {
      return current;
    }
    const redactor = redactorFor(input.clientSecret, current?.accessToken);
    const result = await requestToken(input);
    if (!result.ok) {
      if (isClientRefused(result.failure)) {
        // The credential's own data (client id and secret) is what was refused.
        const reason = redactor.redact(
          `${provider.displayName} refused the client credentials: ${describeFailure(result.failure)}`,
        );
        await vault.markInvalid(credentialId, reason);
      }
      throw tokenFailureError(provider, 'client_credentials', result.failure, redactor);
    }
    const tokens = tokensFrom(result.tokens, Date.now());
    await vault.writeTokens(credentialId, tokens);
    return tokens;
  });
}

async function requestToken(input: ClientCredentialsInput): Promise<TokenEndpointResult> {
  const { provider } = input;
  const parameters = new URLSearchParams(provider.tokenParams);
  const scopes = [...new Set(input.scopes.filter((scope) => scope !== ''))];
  if (scopes.length > 0) parameters.set('scope', scopes.join(provider.scopeSeparator));
  const server = authorizationServerFor(provider);
  const clientAuthentication = clientAuthenticationFor(provider, input.clientSecret);
  const timeout = signalWithTimeout(input.signal, PROVIDER_REQUEST_TIMEOUT_MS);
  try {
    const options = requestOptions(provider, provider.tokenUrl, timeout.signal);
    return await callTokenEndpoint(provider, () =>
      oauth.clientCredentialsGrantRequest(
        server,
        clientFor(input.clientId),
        clientAuthentication,
        parameters,
        options,
      ),
    );
  } finally {
    timeout.dispose();
  }
}
