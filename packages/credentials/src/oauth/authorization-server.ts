import type { OAuthProvider } from '@knotwork/sdk';
import * as oauth from 'oauth4webapi';
import { oauthError } from './oauth-errors.js';

/** How long one call to a provider's token or revocation endpoint may take. */
export const PROVIDER_REQUEST_TIMEOUT_MS = 30_000;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * oauth4webapi's view of a provider. Provider data carries no issuer, so the authorization
 * URL's origin stands in for it: that is what `iss` in a callback (RFC 9207) is compared
 * with, and it is the issuer of Google, GitHub, Slack, Notion and oidc-provider alike.
 */
export function authorizationServerFor(provider: OAuthProvider): oauth.AuthorizationServer {
  return {
    issuer: new URL(provider.authorizationUrl).origin,
    authorization_endpoint: provider.authorizationUrl,
    token_endpoint: provider.tokenUrl,
    ...(provider.revocationUrl ? { revocation_endpoint: provider.revocationUrl } : {}),
  };
}

export function clientFor(clientId: string): oauth.Client {
  return { client_id: clientId };
}

/** The provider's token-endpoint client authentication; a client without a secret is public. */
export function clientAuthenticationFor(
  provider: OAuthProvider,
  clientSecret: string | undefined,
): oauth.ClientAuth {
  if (clientSecret === undefined || clientSecret === '') return oauth.None();
  return provider.clientAuthentication === 'basic'
    ? basicClientAuthentication(clientSecret)
    : oauth.ClientSecretPost(clientSecret);
}

/**
 * HTTP Basic client authentication that works with strict and lenient servers alike.
 * RFC 6749 §2.3.1 form-encodes id and secret before base64 (oauth4webapi's
 * ClientSecretBasic encodes even `-` and `.`), but several providers compare them
 * undecoded: Notion's UUID client ids, Slack's dotted ones
 * (https://github.com/panva/oauth4webapi/issues/199). Form-decoding a value without `%`
 * or `+` leaves it unchanged, so such values go as they are — the same credentials to
 * both kinds of server — and only values with `%`, `+` (or `:` in the id) are encoded.
 */
function basicClientAuthentication(clientSecret: string): oauth.ClientAuth {
  return (_server, client, _body, headers) => {
    const pair = `${basicPart(client.client_id, /[%+:]/)}:${basicPart(clientSecret, /[%+]/)}`;
    headers.set('authorization', `Basic ${Buffer.from(pair).toString('base64')}`);
  };
}

function basicPart(value: string, needsEncoding: RegExp): string {
  return needsEncoding.test(value) ? new URLSearchParams({ v: value }).toString().slice(2) : value;
}

/**
 * oauth4webapi refuses plain http. Tokens and client secrets must not cross a network in
 * clear, so http is allowed only to this machine (local test servers); anything else is
 * refused before a byte is sent.
 */
export function transportOptions(provider: OAuthProvider, url: string): { insecure: boolean } {
  const parsed = new URL(url);
  if (parsed.protocol === 'https:') return { insecure: false };
  if (parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname)) {
    return { insecure: true };
  }
  throw oauthError(provider, {
    code: 'insecure_provider_url',
    message: `${provider.displayName}'s endpoint ${parsed.origin}${parsed.pathname} is not https`,
    hint: 'OAuth endpoints must use https (plain http is accepted only for 127.0.0.1 and localhost).',
  });
}

/** Options every oauth4webapi request takes: the http allowance and a bounded wait. */
export function requestOptions(
  provider: OAuthProvider,
  url: string,
  signal: AbortSignal,
): { [oauth.allowInsecureRequests]?: boolean; signal: AbortSignal } {
  return {
    ...(transportOptions(provider, url).insecure ? { [oauth.allowInsecureRequests]: true } : {}),
    signal,
  };
}
