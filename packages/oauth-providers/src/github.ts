import { defineOAuthProvider } from '@knotwork/sdk';

/**
 * OAuth app scopes per feature: https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/scopes-for-oauth-apps
 * GitHub has no issues-only scope: issues, pull requests and contents all come with `repo`
 * (or `public_repo` for public repositories only).
 */
export const githubScopes = {
  repo: ['repo'],
  publicRepo: ['public_repo'],
  issues: ['repo'],
  workflows: ['workflow'],
  organizations: ['read:org'],
  gists: ['gist'],
  user: ['read:user', 'user:email'],
};

/**
 * GitHub's web application flow for OAuth apps:
 * https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
 */
export const githubOAuthProvider = defineOAuthProvider({
  key: 'github',
  displayName: 'GitHub',
  authorizationUrl: 'https://github.com/login/oauth/authorize',
  tokenUrl: 'https://github.com/login/oauth/access_token',
  // No revocationUrl: GitHub revokes with DELETE /applications/{client_id}/token, a JSON
  // body and Basic auth (https://docs.github.com/en/rest/apps/oauth-applications#delete-an-app-token),
  // which an RFC 7009 revoker cannot express. Users revoke at
  // https://github.com/settings/applications.
  scopes: githubScopes,
  // The authorize parameter is "a space-delimited list of scopes" (the token response's
  // `scope` comes back comma-separated, which is only stored).
  scopeSeparator: ' ',
  // Supported, S256 only, since July 2025:
  // https://github.blog/changelog/2025-07-14-pkce-support-for-oauth-and-github-app-authentication
  pkce: 'S256',
  // The access_token request takes client_id and client_secret as parameters.
  clientAuthentication: 'body',
  // A failed exchange answers 200 with {"error": "bad_verification_code", …}
  // (https://docs.github.com/en/apps/oauth-apps/maintaining-oauth-apps/troubleshooting-oauth-app-access-token-request-errors).
  tokenResponse: { errorPath: 'error' },
  // OAuth app tokens never expire and come without a refresh token. GitHub Apps with
  // expiring user tokens do get one (8 h access, 6 months refresh), and then each refresh
  // returns a new refresh token and retires the old one; whatever the exchange returns is
  // stored, so both kinds of app work with this provider.
  // https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/refreshing-user-access-tokens
  refreshTokens: false,
  rotatesRefreshToken: true,
  // A revoked or expired token: 401 {"message": "Bad credentials"}.
  expirySignal: { statuses: [401] },
  expiryBufferSeconds: 300,
  clientCredentials: false,
  docsUrl: 'https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps',
});
