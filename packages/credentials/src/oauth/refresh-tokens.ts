import { type IntegrationError, type OAuthProvider, signalWithTimeout } from '@knotwork/sdk';
import * as oauth from 'oauth4webapi';
import type { OAuthTokens, TokenVault } from '../types.js';
import {
  authorizationServerFor,
  clientAuthenticationFor,
  clientFor,
  PROVIDER_REQUEST_TIMEOUT_MS,
  requestOptions,
} from './authorization-server.js';
import { oauthError, reconnectHint, redactorFor } from './oauth-errors.js';
import { singleFlight } from './single-flight.js';
import { hasExpired, needsRefresh, tokensFrom } from './token-expiry.js';
import { describeFailure, isGrantGone, tokenFailureError } from './token-failure.js';
import { callTokenEndpoint, type TokenEndpointResult } from './token-response.js';

export interface RefreshTokensInput {
  provider: OAuthProvider;
  clientId: string;
  clientSecret?: string;
  credentialId: string;
  /**
   * The provider signalled expiry (its expirySignal matched a response): refresh even when
   * the clock says the token is still fresh.
   */
  force?: boolean;
  /**
   * The access token the provider refused, when known. A forced refresh whose stored token
   * already differs uses that one instead: another worker refreshed in the meantime.
   */
  rejectedAccessToken?: string;
  /** How the reconnect hint names the credential; its id when not given. */
  credentialName?: string;
  signal?: AbortSignal;
}

/**
 * Returns usable tokens for the credential, refreshing them when they are within the
 * provider's expiry buffer or when `force` says the provider refused them.
 *
 * One refresh per credential at a time: callers in this process share the refresh in
 * flight, and across processes the vault's credential lock serialises them. Under the lock
 * the tokens are read again, so a process that waited behind another's refresh uses the
 * new tokens instead of spending the (possibly single-use) refresh token a second time.
 * The new tokens, with a rotated refresh token, are written before the lock is released.
 */
export function refreshTokens(input: RefreshTokensInput, vault: TokenVault): Promise<OAuthTokens> {
  return singleFlight(vault, `refresh:${input.credentialId}`, input.force === true, () =>
    refreshWhenNeeded(input, vault),
  );
}

async function refreshWhenNeeded(
  input: RefreshTokensInput,
  vault: TokenVault,
): Promise<OAuthTokens> {
  const { provider, credentialId } = input;
  const seen = await vault.readTokens(credentialId);
  if (!seen) throw notConnected(input);
  if (!input.force && !needsRefresh(seen, provider, Date.now())) return seen;
  const refused = input.rejectedAccessToken ?? seen.accessToken;

  return vault.withCredentialLock(credentialId, async () => {
    const current = await vault.readTokens(credentialId);
    if (!current) throw notConnected(input);
    const now = Date.now();
    const refreshedElsewhere = current.accessToken !== refused;
    if (!needsRefresh(current, provider, now) && (!input.force || refreshedElsewhere)) {
      return current;
    }
    if (!current.refreshToken) {
      // Without a refresh token a token that still works is better than none: use it
      // until it expires, then the credential needs a person.
      if (!input.force && !hasExpired(current, now)) return current;
      throw await reconnectRequired(
        input,
        vault,
        input.force
          ? `${provider.displayName} refused the access token and issued no refresh token`
          : `the access token expired and ${provider.displayName} issued no refresh token`,
      );
    }

    const redactor = redactorFor(input.clientSecret, current.refreshToken, current.accessToken);
    const result = await requestRefresh(input, current.refreshToken);
    if (!result.ok) {
      if (isGrantGone(result.failure)) {
        throw await reconnectRequired(
          input,
          vault,
          redactor.redact(
            `${provider.displayName} no longer accepts the refresh token: ${describeFailure(result.failure)}`,
          ),
          result.failure.status,
        );
      }
      // Outages and rate limits pass; the credential stays valid and a retry may succeed.
      throw tokenFailureError(provider, 'refresh_token', result.failure, redactor);
    }
    const next = tokensFrom(result.tokens, Date.now(), current);
    await vault.writeTokens(credentialId, next);
    return next;
  });
}

async function requestRefresh(
  input: RefreshTokensInput,
  refreshToken: string,
): Promise<TokenEndpointResult> {
  const { provider } = input;
  const server = authorizationServerFor(provider);
  const clientAuthentication = clientAuthenticationFor(provider, input.clientSecret);
  const timeout = signalWithTimeout(input.signal, PROVIDER_REQUEST_TIMEOUT_MS);
  try {
    const options = {
      ...requestOptions(provider, provider.tokenUrl, timeout.signal),
      additionalParameters: provider.refreshParams,
    };
    return await callTokenEndpoint(provider, () =>
      oauth.refreshTokenGrantRequest(
        server,
        clientFor(input.clientId),
        clientAuthentication,
        refreshToken,
        options,
      ),
    );
  } finally {
    timeout.dispose();
  }
}

/** Marks the credential invalid with the reason, and the error that fails the run. */
async function reconnectRequired(
  input: RefreshTokensInput,
  vault: TokenVault,
  reason: string,
  status?: number,
): Promise<IntegrationError> {
  const label = input.credentialName ?? input.credentialId;
  await vault.markInvalid(input.credentialId, reason);
  return oauthError(input.provider, {
    code: 'reconnect_required',
    message: `Credential "${label}" must be connected again: ${reason}`,
    hint: reconnectHint(label),
    retryable: false,
    ...(status === undefined ? {} : { status }),
  });
}

function notConnected(input: RefreshTokensInput): IntegrationError {
  const label = input.credentialName ?? input.credentialId;
  return oauthError(input.provider, {
    code: 'credential_not_connected',
    message: `Credential "${label}" has no ${input.provider.displayName} tokens yet`,
    hint: `Connect it first: knotwork credentials connect ${label}`,
  });
}
