import { defineOAuthProvider } from '@knotwork/sdk';

/**
 * Scope sets per feature. Each is the narrowest scope that lets the matching plugin do
 * its job; https://developers.google.com/identity/protocols/oauth2/scopes lists them all.
 */
export const googleScopes = {
  /** Full Drive access: list, read, upload and share any file the user can see. */
  drive: ['https://www.googleapis.com/auth/drive'],
  /** Read and write spreadsheets (the Sheets API needs no Drive scope for known ids). */
  sheets: ['https://www.googleapis.com/auth/spreadsheets'],
  /** Read, send and label mail; never permanently deletes (that would need https://mail.google.com/). */
  gmail: ['https://www.googleapis.com/auth/gmail.modify'],
  /** Send only, for workflows that never read the mailbox. */
  gmailSend: ['https://www.googleapis.com/auth/gmail.send'],
};

/**
 * Google's OAuth 2.0 for web server applications:
 * https://developers.google.com/identity/protocols/oauth2/web-server
 */
export const googleOAuthProvider = defineOAuthProvider({
  key: 'google',
  displayName: 'Google',
  authorizationUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenUrl: 'https://oauth2.googleapis.com/token',
  // RFC 7009-style: POST token=<refresh or access token>; revoking the refresh token also
  // ends the access tokens of the grant. (web-server#tokenrevoke)
  revocationUrl: 'https://oauth2.googleapis.com/revoke',
  scopes: googleScopes,
  scopeSeparator: ' ',
  // code_challenge / code_challenge_method are "Recommended" for web server apps; S256 and
  // plain are accepted.
  pkce: 'S256',
  // client_secret in the form body is what the guide shows for the token exchange.
  clientAuthentication: 'body',
  authorizationParams: {
    // "offline" is what makes Google return a refresh token at all…
    access_type: 'offline',
    // …and it does so only the first time a user consents, unless consent is asked again.
    // Without this, reconnecting an app the user approved before yields no refresh token.
    prompt: 'consent',
  },
  refreshTokens: true,
  // Google normally keeps the refresh token; if a refresh does return one, it is stored.
  rotatesRefreshToken: false,
  // An expired access token gets 401 with WWW-Authenticate: Bearer error="invalid_token".
  expirySignal: { statuses: [401] },
  // Access tokens live an hour; five minutes of slack covers clock skew and slow runs.
  expiryBufferSeconds: 300,
  // Google has no client-credentials grant: server-to-server access uses service-account
  // JWTs (https://developers.google.com/identity/protocols/oauth2/service-account).
  clientCredentials: false,
  docsUrl: 'https://developers.google.com/identity/protocols/oauth2/web-server',
});
