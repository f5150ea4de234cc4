import type { OAuthProvider } from '@knotwork/sdk';
import * as oauth from 'oauth4webapi';
import type { TokenVault } from '../types.js';
import { transportOptions } from './authorization-server.js';

/** How long a user has between "Connect" and coming back with a code. */
export const PENDING_AUTHORIZATION_TTL_MS = 10 * 60 * 1000;

export interface StartAuthorizationInput {
  provider: OAuthProvider;
  /** The credential the tokens will go to (created before the redirect, without tokens). */
  credentialId: string;
  clientId: string;
  /** Not sent here; accepted so callers can pass one client description to every step. */
  clientSecret?: string;
  redirectUri: string;
  /** Scopes to request, already expanded from feature names (see expandScopes). */
  scopes: string[];
  /** More authorization parameters (login_hint, a tenant's domain_hint, …). */
  extraParams?: Record<string, string>;
}

export interface StartedAuthorization {
  /** Where to send the user's browser. */
  url: string;
  /** The single-use value the callback must bring back. */
  state: string;
}

/** Parameters that carry the flow's security; no provider or caller parameter may replace them. */
const FLOW_PARAMETERS = new Set([
  'response_type',
  'client_id',
  'redirect_uri',
  'state',
  'code_challenge',
  'code_challenge_method',
]);

/**
 * Builds the provider's authorization URL with a fresh `state` and, where the provider
 * takes it, a PKCE challenge, and saves what the callback will need (verifier, redirect
 * URI, expiry) under that state.
 */
export async function startAuthorization(
  input: StartAuthorizationInput,
  vault: TokenVault,
): Promise<StartedAuthorization> {
  const { provider } = input;
  transportOptions(provider, provider.authorizationUrl);
  const state = oauth.generateRandomState();
  const codeVerifier = provider.pkce === 'none' ? undefined : oauth.generateRandomCodeVerifier();

  const url = new URL(provider.authorizationUrl);
  const extra = { ...provider.authorizationParams, ...input.extraParams };
  for (const [name, value] of Object.entries(extra)) {
    if (!FLOW_PARAMETERS.has(name)) url.searchParams.set(name, value);
  }
  const scopes = [...new Set(input.scopes.filter((scope) => scope !== ''))];
  if (scopes.length > 0) {
    url.searchParams.set(provider.scopeParam, scopes.join(provider.scopeSeparator));
  }
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', input.clientId);
  url.searchParams.set('redirect_uri', input.redirectUri);
  url.searchParams.set('state', state);
  if (codeVerifier !== undefined) {
    // RFC 7636 §4.2: S256 sends the hash; plain sends the verifier itself.
    const challenge =
      provider.pkce === 'S256'
        ? await oauth.calculatePKCECodeChallenge(codeVerifier)
        : codeVerifier;
    url.searchParams.set('code_challenge', challenge);
    url.searchParams.set('code_challenge_method', provider.pkce);
  }

  await vault.savePendingAuthorization(state, {
    credentialId: input.credentialId,
    ...(codeVerifier === undefined ? {} : { codeVerifier }),
    redirectUri: input.redirectUri,
    expiresAt: Date.now() + PENDING_AUTHORIZATION_TTL_MS,
  });
  return { url: url.href, state };
}
