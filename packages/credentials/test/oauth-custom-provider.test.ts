import { CUSTOM_OAUTH_PROVIDER, isIntegrationError } from '@knotwork/sdk';
import { describe, expect, it } from 'vitest';
import { customProviderFromData } from '../src/oauth/index.js';

describe('customProviderFromData ("OAuth2 (custom)" credentials)', () => {
  it('builds a provider from hand-typed URLs with safe defaults', () => {
    const provider = customProviderFromData({
      authorizationUrl: 'https://sso.example.com/oauth2/authorize',
      tokenUrl: 'https://sso.example.com/oauth2/token',
      clientId: 'abc',
      clientSecret: 'shh-secret',
      scopes: 'read  write offline_access',
    });
    expect(provider).toMatchObject({
      key: CUSTOM_OAUTH_PROVIDER,
      displayName: 'OAuth2 (sso.example.com)',
      authorizationUrl: 'https://sso.example.com/oauth2/authorize',
      tokenUrl: 'https://sso.example.com/oauth2/token',
      defaultScopes: ['read', 'write', 'offline_access'],
      scopeSeparator: ' ',
      pkce: 'S256',
      clientAuthentication: 'body',
      clientCredentials: false,
    });
  });

  it('takes scopes as a list, a custom separator, PKCE and client auth choices, and a revocation URL', () => {
    const provider = customProviderFromData({
      authorizationUrl: 'https://id.example.org/auth',
      tokenUrl: 'https://id.example.org/token',
      revocationUrl: 'https://id.example.org/revoke',
      clientId: 'abc',
      scopes: ['a', 'b'],
      scopeSeparator: ',',
      pkce: 'none',
      clientAuthentication: 'basic',
      authorizationParams: { audience: 'api' },
    });
    expect(provider).toMatchObject({
      revocationUrl: 'https://id.example.org/revoke',
      defaultScopes: ['a', 'b'],
      scopeSeparator: ',',
      pkce: 'none',
      clientAuthentication: 'basic',
      authorizationParams: { audience: 'api' },
    });
  });

  it('reads the webhook plugin\'s "OAuth2 (custom)" credential data as it is saved', () => {
    const provider = customProviderFromData({
      authorizationUrl: 'https://sso.example.com/authorize',
      tokenUrl: 'https://sso.example.com/token',
      clientId: 'abc',
      clientSecret: 'shh',
      scopes: '',
      pkce: 'S256',
      clientAuthentication: 'basic',
      testUrl: 'https://api.example.com/me',
    });
    expect(provider).toMatchObject({ defaultScopes: [], clientAuthentication: 'basic' });
  });

  it('needs no authorization URL for the client-credentials grant', () => {
    const provider = customProviderFromData({
      tokenUrl: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token',
      clientId: 'app',
      clientSecret: 'secret',
      scopes: 'https://graph.microsoft.com/.default',
      grant: 'client_credentials',
    });
    expect(provider.clientCredentials).toBe(true);
    expect(provider.defaultScopes).toEqual(['https://graph.microsoft.com/.default']);
  });

  it('names every bad field, without echoing the secret', () => {
    let caught: unknown;
    try {
      customProviderFromData({ tokenUrl: 'not a url', clientSecret: 'shh-do-not-show' });
    } catch (error) {
      caught = error;
    }
    expect(isIntegrationError(caught)).toBe(true);
    if (!isIntegrationError(caught)) return;
    expect(caught.code).toBe('invalid_input');
    const paths = caught.fields?.map((problem) => problem.path) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['tokenUrl', 'clientId']));
    expect(JSON.stringify(caught)).not.toContain('shh-do-not-show');
  });

  it('asks for the authorization URL when the grant is authorization code', () => {
    expect(() =>
      customProviderFromData({ tokenUrl: 'https://x.example/token', clientId: 'abc' }),
    ).toThrow(/authorizationUrl/);
  });
});
