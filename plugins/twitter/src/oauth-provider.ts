import { defineOAuthProvider } from '@knotwork/sdk';

/**
 * OAuth 2.0 scopes per feature. Reading a user (even /users/me) needs tweet.read next to
 * users.read, and POST /2/tweets needs all three.
 * https://docs.x.com/fundamentals/authentication/oauth-2-0/authorization-code (Scopes)
 */
export const xScopes = {
  read: ['tweet.read', 'users.read'],
  post: ['tweet.read', 'tweet.write', 'users.read'],
};

/**
 * X's OAuth 2.0 Authorization Code Flow with PKCE (user context). Not in
 * @knotwork/oauth-providers, so the plugin declares it here.
 * https://docs.x.com/fundamentals/authentication/oauth-2-0/user-access-token
 */
export const xOAuthProvider = defineOAuthProvider({
  key: 'twitter',
  displayName: 'X (Twitter)',
  // twitter.com/i/oauth2/authorize still redirects here.
  authorizationUrl: 'https://x.com/i/oauth2/authorize',
  tokenUrl: 'https://api.x.com/2/oauth2/token',
  revocationUrl: 'https://api.x.com/2/oauth2/revoke',
  scopes: xScopes,
  // "If the scope offline.access is applied an OAuth 2.0 refresh token will be issued…
  // If this scope is not passed, we will not generate a refresh token", and the access
  // token lives two hours. Note the dot: X spells it offline.access, not offline_access.
  defaultScopes: ['offline.access'],
  scopeSeparator: ' ',
  // X requires PKCE on every authorization request; S256 and plain are accepted.
  pkce: 'S256',
  // "If you are working with confidential clients, you will need to use a basic
  // authentication scheme … while making requests to the token endpoints." Public clients
  // (no secret) send client_id in the body, which the credentials manager does by itself.
  clientAuthentication: 'basic',
  refreshTokens: true,
  // Observed, not in X's docs: refresh tokens are single-use, each refresh returns a new
  // one and the old one stops working (https://github.com/trypostit/trypost/issues/126,
  // https://github.com/r-lib/httr2/issues/197).
  rotatesRefreshToken: true,
  // An expired access token answers 401 {"title":"Unauthorized","type":"about:blank"}.
  expirySignal: { statuses: [401] },
  expiryBufferSeconds: 300,
  docsUrl: 'https://docs.x.com/fundamentals/authentication/oauth-2-0/user-access-token',
});
