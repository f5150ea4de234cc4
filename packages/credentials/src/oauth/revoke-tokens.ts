import { type OAuthProvider, parseRetryAfter, signalWithTimeout } from '@knotwork/sdk';
import * as oauth from 'oauth4webapi';
import type { OAuthTokens } from '../types.js';
import {
  authorizationServerFor,
  clientAuthenticationFor,
  clientFor,
  PROVIDER_REQUEST_TIMEOUT_MS,
  requestOptions,
} from './authorization-server.js';
import { oauthError, redactorFor } from './oauth-errors.js';
import { describeFailure } from './token-failure.js';
import { networkReason, type TokenEndpointFailure } from './token-response.js';

export interface RevokeTokensInput {
  provider: OAuthProvider;
  clientId: string;
  clientSecret?: string;
  tokens: OAuthTokens;
  signal?: AbortSignal;
}

/**
 * Revokes the grant at the provider (RFC 7009), for "delete credential". The refresh token
 * is revoked when there is one: that ends the grant and, per RFC 7009 §2.1, the access
 * tokens issued from it. Returns false when the provider has no RFC 7009 endpoint (the
 * user revokes in the provider's settings); throws an IntegrationError when the provider
 * refused or could not be reached, so the caller can say revocation did not happen.
 */
export async function revokeTokens(input: RevokeTokensInput): Promise<boolean> {
  const { provider } = input;
  if (!provider.revocationUrl) return false;
  const failure = await attemptRevocation(input, provider.revocationUrl);
  if (!failure) return true;
  const retryable = failure.kind === 'network' || failure.kind === 'unavailable';
  throw oauthError(
    provider,
    {
      code: 'revocation_failed',
      message: `${provider.displayName} did not revoke the token: ${describeFailure(failure)}`,
      hint: retryable
        ? `Try again later, or revoke knotwork's access in your ${provider.displayName} account settings.`
        : `Revoke knotwork's access in your ${provider.displayName} account settings.`,
      retryable,
      ...(failure.kind === 'network' ? {} : { status: failure.status }),
      ...(failure.kind === 'unavailable' && failure.retryAfterSeconds !== undefined
        ? { retryAfterSeconds: failure.retryAfterSeconds }
        : {}),
    },
    redactorFor(input.clientSecret, input.tokens.refreshToken, input.tokens.accessToken),
  );
}

/** Undefined when the provider confirmed the revocation. */
async function attemptRevocation(
  input: RevokeTokensInput,
  revocationUrl: string,
): Promise<TokenEndpointFailure | undefined> {
  const { provider, tokens } = input;
  const timeout = signalWithTimeout(input.signal, PROVIDER_REQUEST_TIMEOUT_MS);
  try {
    const options = {
      ...requestOptions(provider, revocationUrl, timeout.signal),
      additionalParameters: {
        token_type_hint: tokens.refreshToken ? 'refresh_token' : 'access_token',
      },
    };
    let response: Response;
    try {
      response = await oauth.revocationRequest(
        authorizationServerFor(provider),
        clientFor(input.clientId),
        clientAuthenticationFor(provider, input.clientSecret),
        tokens.refreshToken ?? tokens.accessToken,
        options,
      );
    } catch (cause) {
      return { kind: 'network', reason: networkReason(cause) };
    }
    try {
      await oauth.processRevocationResponse(response);
      return undefined;
    } catch (cause) {
      return revocationFailure(response, cause);
    }
  } finally {
    timeout.dispose();
  }
}

function revocationFailure(response: Response, cause: unknown): TokenEndpointFailure {
  const { status } = response;
  if (status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after') ?? '', Date.now());
    return {
      kind: 'unavailable',
      status,
      ...(retryAfterMs === undefined ? {} : { retryAfterSeconds: Math.ceil(retryAfterMs / 1000) }),
    };
  }
  if (cause instanceof oauth.ResponseBodyError) {
    return {
      kind: 'refused',
      status,
      error: cause.error,
      ...(cause.error_description ? { description: cause.error_description } : {}),
    };
  }
  return { kind: 'malformed', status, reason: `unexpected HTTP ${status} answer` };
}
