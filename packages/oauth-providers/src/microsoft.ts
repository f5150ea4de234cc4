import { defineOAuthProvider } from '@knotwork/sdk';

/**
 * Microsoft Graph delegated permissions per feature. Bare names mean Graph
 * (https://graph.microsoft.com/<name>); see
 * https://learn.microsoft.com/en-us/graph/permissions-reference
 */
export const microsoftScopes = {
  /** Post to channels and chats, and list the teams and channels to pick from. */
  teams: ['ChannelMessage.Send', 'Chat.ReadWrite', 'Team.ReadBasic.All', 'Channel.ReadBasic.All'],
  /** Outlook mail: read, move, draft and send. */
  outlook: ['Mail.ReadWrite', 'Mail.Send'],
  /** OneDrive (and SharePoint files the user can reach). */
  onedrive: ['Files.ReadWrite.All'],
  calendar: ['Calendars.ReadWrite'],
};

/**
 * Microsoft identity platform (v2.0 endpoints), authorization code flow:
 * https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow
 *
 * The `common` tenant accepts work, school and personal accounts. An app registered as
 * single-tenant needs its tenant id in both URLs instead; that (and sovereign clouds) is
 * what the "OAuth2 (custom)" credential is for until provider URLs can carry a tenant.
 */
export const microsoftOAuthProvider = defineOAuthProvider({
  key: 'microsoft',
  displayName: 'Microsoft',
  authorizationUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
  tokenUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
  // No RFC 7009 endpoint: refresh tokens are revoked per user through Graph's
  // revokeSignInSessions, which needs the user's own token and ends every session.
  scopes: microsoftScopes,
  // offline_access is what makes the token endpoint return a refresh token; User.Read lets
  // the credential test say who is connected.
  // https://learn.microsoft.com/en-us/entra/identity-platform/scopes-oidc#offline_access
  defaultScopes: ['offline_access', 'User.Read'],
  // Work and school accounts accept only spaces between scopes (commas fail on refresh).
  scopeSeparator: ' ',
  // PKCE is recommended for every app type and required for single-page apps.
  pkce: 'S256',
  // The token request examples send client_secret in the form body.
  clientAuthentication: 'body',
  refreshTokens: true,
  // "Refresh tokens replace themselves with a fresh token upon every use … Securely delete
  // the old refresh token after acquiring a new one."
  // https://learn.microsoft.com/en-us/entra/identity-platform/refresh-tokens
  rotatesRefreshToken: true,
  // Graph answers an expired token with 401 and error code InvalidAuthenticationToken.
  expirySignal: { statuses: [401] },
  expiryBufferSeconds: 300,
  // Microsoft supports the client-credentials grant, but only against a tenant-specific
  // token URL with scope https://graph.microsoft.com/.default; `common` refuses it. Use the
  // custom OAuth2 credential with the tenant's token URL for app-only access.
  clientCredentials: false,
  docsUrl: 'https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow',
});
