import type { OAuthProvider } from '@knotwork/sdk';
import type { OAuthTokens } from '../types.js';
import type { IssuedTokens } from './token-response.js';

/** True when the token is within the provider's buffer of its stated expiry (or past it). */
export function needsRefresh(tokens: OAuthTokens, provider: OAuthProvider, now: number): boolean {
  return (
    tokens.expiresAt !== undefined && tokens.expiresAt - provider.expiryBufferSeconds * 1000 <= now
  );
}

/** True when the token's stated expiry has passed: it no longer works at all. */
export function hasExpired(tokens: OAuthTokens, now: number): boolean {
  return tokens.expiresAt !== undefined && tokens.expiresAt <= now;
}

/** Stored tokens from a token answer; what the answer leaves out is kept from `previous`. */
export function tokensFrom(issued: IssuedTokens, now: number, previous?: OAuthTokens): OAuthTokens {
  // A provider that does not rotate answers a refresh without a refresh token: keep the
  // one we have, or the credential could never refresh again.
  const refreshToken = issued.refreshToken ?? previous?.refreshToken;
  const tokenType = issued.tokenType ?? previous?.tokenType;
  const scope = issued.scope ?? previous?.scope;
  return {
    accessToken: issued.accessToken,
    ...(refreshToken ? { refreshToken } : {}),
    ...(tokenType ? { tokenType } : {}),
    ...(issued.expiresInSeconds === undefined
      ? {}
      : { expiresAt: now + Math.round(issued.expiresInSeconds * 1000) }),
    ...(scope ? { scope } : {}),
  };
}
