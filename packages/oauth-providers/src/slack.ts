import { defineOAuthProvider } from '@knotwork/sdk';

/**
 * Bot scopes per feature. chat:write.public lets the bot post in public channels it has not
 * joined; chat:write.customize is needed only for a custom username or icon.
 * https://docs.slack.dev/reference/scopes/chat.write.public
 */
export const slackBotScopes = {
  messages: ['chat:write', 'chat:write.public'],
  reactions: ['reactions:write'],
  customIdentity: ['chat:write.customize'],
};

/** Slack's OAuth v2 install flow: https://api.slack.com/authentication/oauth-v2 */
export const slackOAuthProvider = defineOAuthProvider({
  key: 'slack',
  displayName: 'Slack',
  authorizationUrl: 'https://slack.com/oauth/v2/authorize',
  tokenUrl: 'https://slack.com/api/oauth.v2.access',
  // No revocationUrl: Slack's auth.revoke is a Web API method called with the token itself as
  // a bearer token, not an RFC 7009 endpoint taking token + client credentials, so a generic
  // revoker would call it wrongly. https://docs.slack.dev/reference/methods/auth.revoke
  scopes: slackBotScopes,
  // "a comma-separated list of scopes" (oauth-v2#asking); `scope` carries bot scopes.
  scopeSeparator: ',',
  // PKCE is off on purpose. Turning it on in a Slack app makes it a public client for good, and
  // "localhost redirects for PKCE-enabled apps cannot request bot scopes", which is exactly
  // what this credential asks for over a loopback redirect. An app without PKCE may refuse
  // the verifier (oauth.v2.access error pkce_not_allowed).
  // https://docs.slack.dev/changelog/2026/03/30/pkce
  pkce: 'none',
  // "supply the Client ID and Client Secret using the HTTP Basic authentication scheme"
  // is Slack's stated preference for oauth.v2.access.
  clientAuthentication: 'basic',
  // Only apps with token rotation get refresh tokens (xoxe-1-…), and each one is single-use:
  // "the refresh token you used is revoked after a short grace period".
  // https://api.slack.com/authentication/rotation
  refreshTokens: true,
  rotatesRefreshToken: true,
  // Slack reports an expired rotating token as HTTP 200 {"ok": false, "error": "token_expired"}.
  expirySignal: { statuses: [401], bodyPattern: '"error"\\s*:\\s*"token_expired"' },
  // oauth.v2.access answers 200 {"ok": false, "error": "invalid_code"} on failure, and calls
  // its bot token type "bot" though it is used as a Bearer token.
  tokenResponse: { okPath: 'ok', errorPath: 'error', tokenType: 'Bearer' },
  docsUrl: 'https://api.slack.com/authentication/oauth-v2',
});
