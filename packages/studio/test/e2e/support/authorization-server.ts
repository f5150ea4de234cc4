import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';

/**
 * A real OAuth 2.0 authorization server (oidc-provider) on loopback, with one
 * confidential client whose redirect URI is the studio's callback. Its built-in login and
 * consent pages are what the browser goes through.
 */
export interface AuthorizationServer {
  issuer: string;
  authorizationUrl: string;
  tokenUrl: string;
  revocationUrl: string;
  clientId: string;
  clientSecret: string;
  /** Access tokens it issued that are still good (for the resource server's check). */
  isActive(accessToken: string): Promise<boolean>;
  close(): Promise<void>;
}

export async function startAuthorizationServer(redirectUri: string): Promise<AuthorizationServer> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'knotwork-studio-e2e';
  const clientSecret = 'studio-e2e-client-secret-5b7d21';
  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { required: () => true },
    scopes: ['openid', 'offline_access', 'api:read'],
    features: { devInteractions: { enabled: true }, revocation: { enabled: true } },
    cookies: { keys: ['knotwork-e2e-cookie-key'] },
    findAccount: async (_context, accountId) => ({
      accountId,
      claims: async () => ({ sub: accountId }),
    }),
  };
  const provider = new Provider(issuer, configuration);
  server.on('request', provider.callback());
  return {
    issuer,
    authorizationUrl: `${issuer}/auth`,
    tokenUrl: `${issuer}/token`,
    revocationUrl: `${issuer}/token/revocation`,
    clientId,
    clientSecret,
    isActive: async (accessToken) => {
      const token = await provider.AccessToken.find(accessToken);
      return Boolean(token && !token.isExpired);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
