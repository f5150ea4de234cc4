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
import { tokensFrom } from './token-expiry.js';
import { tokenFailureError } from './token-failure.js';
import { callTokenEndpoint, type TokenEndpointResult } from './token-response.js';

export interface CompleteAuthorizationInput {
  provider: OAuthProvider;
  clientId: string;
  clientSecret?: string;
  /** The full URL the provider redirected the browser to (code, state, maybe iss or error). */
  callbackUrl: string | URL;
  signal?: AbortSignal;
}

export interface CompletedAuthorization {
  credentialId: string;
  tokens: OAuthTokens;
  refreshTokenIssued: boolean;
  /** Set when the credential will stop working on its own: no refresh token, but an expiry. */
  warning?: string;
}

const START_AGAIN = 'Start connecting the credential again: knotwork credentials connect.';

/**
 * Finishes "Connect": takes the pending authorization by its single-use state, exchanges
 * the code (with the PKCE verifier and the client authentication the provider wants) and
 * stores the tokens on the credential.
 */
export async function completeAuthorization(
  input: CompleteAuthorizationInput,
  vault: TokenVault,
): Promise<CompletedAuthorization> {
  const { provider } = input;
  const parameters = new URL(String(input.callbackUrl)).searchParams;
  const state = parameters.get('state');
  // Taking deletes it: whatever happens next, this state cannot be used a second time.
  const pending = state ? await vault.takePendingAuthorization(state) : undefined;
  if (!state || !pending || pending.expiresAt <= Date.now()) {
    throw oauthError(provider, {
      code: 'invalid_state',
      message: state
        ? `This ${provider.displayName} sign-in was already completed, has expired, or was not started here`
        : `The ${provider.displayName} callback carries no state`,
      hint: `Sign-in links work once and for 10 minutes. ${START_AGAIN}`,
    });
  }

  const providerError = parameters.get('error');
  if (providerError) throw authorizationRefused(provider, providerError, parameters);

  const server = authorizationServerFor(provider);
  const client = clientFor(input.clientId);
  let callback: URLSearchParams;
  try {
    callback = oauth.validateAuthResponse(server, client, parameters, state);
  } catch (cause) {
    throw oauthError(provider, {
      code: 'invalid_callback',
      message: `The ${provider.displayName} callback was refused: ${cause instanceof Error ? cause.message : String(cause)}`,
      hint: `The callback did not come from ${server.issuer}. ${START_AGAIN}`,
    });
  }
  const code = callback.get('code');
  if (!code) {
    throw oauthError(provider, {
      code: 'invalid_callback',
      message: `The ${provider.displayName} callback carries no authorization code`,
      hint: START_AGAIN,
    });
  }

  const redactor = redactorFor(input.clientSecret, code, pending.codeVerifier);
  const clientAuthentication = clientAuthenticationFor(provider, input.clientSecret);
  const timeout = signalWithTimeout(input.signal, PROVIDER_REQUEST_TIMEOUT_MS);
  let result: TokenEndpointResult;
  try {
    const options = {
      ...requestOptions(provider, provider.tokenUrl, timeout.signal),
      additionalParameters: provider.tokenParams,
    };
    result = await callTokenEndpoint(provider, () =>
      oauth.authorizationCodeGrantRequest(
        server,
        client,
        clientAuthentication,
        callback,
        pending.redirectUri,
        pending.codeVerifier ?? oauth.nopkce,
        options,
      ),
    );
  } finally {
    timeout.dispose();
  }
  if (!result.ok) throw tokenFailureError(provider, 'authorization_code', result.failure, redactor);

  const tokens = tokensFrom(result.tokens, Date.now());
  await vault.writeTokens(pending.credentialId, tokens);
  const refreshTokenIssued = tokens.refreshToken !== undefined;
  const warning = refreshTokenIssued ? undefined : noRefreshTokenWarning(provider, tokens);
  return {
    credentialId: pending.credentialId,
    tokens,
    refreshTokenIssued,
    ...(warning ? { warning } : {}),
  };
}

/** The user said no, or the provider refused the request before any code was issued. */
function authorizationRefused(provider: OAuthProvider, error: string, parameters: URLSearchParams) {
  const description = parameters.get('error_description');
  const said = `${error}${description ? ` (${description})` : ''}`;
  if (error === 'access_denied') {
    return oauthError(provider, {
      code: 'access_denied',
      message: `Access to ${provider.displayName} was denied: ${said}`,
      hint: `Nothing was saved. To use this credential, approve the access ${provider.displayName} asks for. ${START_AGAIN}`,
    });
  }
  return oauthError(provider, {
    code: 'authorization_failed',
    message: `${provider.displayName} refused the authorization request: ${said}`,
    hint: `Check the ${provider.displayName} app's redirect URI and allowed scopes. ${START_AGAIN}`,
  });
}

/**
 * "A provider that issues no refresh token is flagged at connect time": the credential
 * works until the stated expiry and then needs a person to connect it again.
 */
function noRefreshTokenWarning(provider: OAuthProvider, tokens: OAuthTokens): string | undefined {
  if (tokens.expiresAt === undefined) return undefined;
  const expected = provider.refreshTokens
    ? ` ${provider.displayName} normally issues one: check that the app is allowed offline access.`
    : '';
  return (
    `${provider.displayName} issued no refresh token, so this credential will need reconnecting ` +
    `when the token expires at ${new Date(tokens.expiresAt).toISOString()}.${expected}`
  );
}
