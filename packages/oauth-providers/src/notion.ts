import { defineOAuthProvider } from '@knotwork/sdk';

/**
 * Notion public connections (integrations) authorize with OAuth 2.0:
 * https://developers.notion.com/docs/authorization
 *
 * Notion has no scopes: what a connection may do is set by its capabilities in Notion's
 * developer portal, and which pages it sees is chosen by the user on the consent screen.
 */
export const notionOAuthProvider = defineOAuthProvider({
  key: 'notion',
  displayName: 'Notion',
  authorizationUrl: 'https://api.notion.com/v1/oauth/authorize',
  // https://developers.notion.com/reference/create-a-token
  tokenUrl: 'https://api.notion.com/v1/oauth/token',
  // No revocationUrl: Notion's POST /v1/oauth/revoke (https://developers.notion.com/reference/revoke-token)
  // takes a JSON body and requires a Notion-Version header, which an RFC 7009 revoker
  // (form body, no extra headers) does not send.
  scopes: {},
  scopeSeparator: ' ',
  // Notion documents no PKCE parameters for its authorization URL.
  pkce: 'none',
  // The token endpoint takes "Basic authentication … base64-encoded client_id:client_secret".
  clientAuthentication: 'basic',
  // owner=user is required on the authorization URL: the connection acts for the user who
  // approves it.
  authorizationParams: { owner: 'user' },
  // Notion now issues refresh tokens, and each refresh returns "a new access token and new
  // refresh token" (https://developers.notion.com/reference/refresh-a-token). Its token
  // responses state no expires_in, so the access token is refreshed when a call is refused
  // (401, code "unauthorized"), not on a clock. Older connections got no refresh token at
  // all (some answers carry "refresh_token": null); those need reconnecting if revoked.
  refreshTokens: true,
  rotatesRefreshToken: true,
  expirySignal: { statuses: [401] },
  expiryBufferSeconds: 300,
  clientCredentials: false,
  docsUrl: 'https://developers.notion.com/docs/authorization',
});
