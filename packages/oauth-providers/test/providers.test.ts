import { defineOAuthProvider, type OAuthProvider } from '@knotwork/sdk';
import { describe, expect, it } from 'vitest';
import {
  githubOAuthProvider,
  googleOAuthProvider,
  microsoftOAuthProvider,
  notionOAuthProvider,
  oauthProviders,
  slackOAuthProvider,
} from '../src/index.js';

function urlsOf(provider: OAuthProvider): string[] {
  return [provider.authorizationUrl, provider.tokenUrl, provider.revocationUrl].filter(
    (url): url is string => url !== undefined,
  );
}

describe.each(Object.values(oauthProviders))('$displayName', (provider) => {
  it('is accepted by defineOAuthProvider as it stands', () => {
    expect(defineOAuthProvider(provider)).toEqual(provider);
  });

  it('talks to the provider over https only', () => {
    for (const url of urlsOf(provider)) expect(new URL(url).protocol).toBe('https:');
  });

  it('links the documentation it was checked against', () => {
    expect(provider.docsUrl).toMatch(/^https:\/\//);
  });
});

describe('Google', () => {
  it('asks for offline access and fresh consent so a refresh token comes back every time', () => {
    expect(googleOAuthProvider.authorizationParams).toEqual({
      access_type: 'offline',
      prompt: 'consent',
    });
  });

  it('uses PKCE S256, spaces between scopes and an RFC 7009 revocation endpoint', () => {
    expect(googleOAuthProvider.pkce).toBe('S256');
    expect(googleOAuthProvider.scopeSeparator).toBe(' ');
    expect(googleOAuthProvider.revocationUrl).toBe('https://oauth2.googleapis.com/revoke');
  });

  it('has scope sets for drive, sheets and gmail', () => {
    expect(Object.keys(googleOAuthProvider.scopes)).toEqual(
      expect.arrayContaining(['drive', 'sheets', 'gmail']),
    );
    expect(googleOAuthProvider.scopes.sheets).toEqual([
      'https://www.googleapis.com/auth/spreadsheets',
    ]);
  });
});

describe('Microsoft', () => {
  it('always asks for offline_access, which is what brings the refresh token', () => {
    expect(microsoftOAuthProvider.defaultScopes).toContain('offline_access');
    expect(microsoftOAuthProvider.authorizationParams).toEqual({});
  });

  it('rotates refresh tokens and uses PKCE S256 with client auth in the body', () => {
    expect(microsoftOAuthProvider.rotatesRefreshToken).toBe(true);
    expect(microsoftOAuthProvider.pkce).toBe('S256');
    expect(microsoftOAuthProvider.clientAuthentication).toBe('body');
  });

  it('has scope sets for teams, outlook and onedrive', () => {
    expect(Object.keys(microsoftOAuthProvider.scopes)).toEqual(
      expect.arrayContaining(['teams', 'outlook', 'onedrive']),
    );
  });
});

describe('GitHub', () => {
  it('expects no refresh token from an OAuth app and reads 200 {error} answers as failures', () => {
    expect(githubOAuthProvider.refreshTokens).toBe(false);
    expect(githubOAuthProvider.tokenResponse.errorPath).toBe('error');
  });

  it('declares no RFC 7009 revocation URL (its revocation is a REST DELETE)', () => {
    expect(githubOAuthProvider.revocationUrl).toBeUndefined();
  });

  it('has scope sets for repositories and issues, space separated, with PKCE S256', () => {
    expect(githubOAuthProvider.scopes.repo).toEqual(['repo']);
    expect(githubOAuthProvider.scopes.issues).toEqual(['repo']);
    expect(githubOAuthProvider.scopeSeparator).toBe(' ');
    expect(githubOAuthProvider.pkce).toBe('S256');
  });
});

describe('Slack', () => {
  it('separates scopes with commas, authenticates with Basic and skips PKCE', () => {
    expect(slackOAuthProvider.scopeSeparator).toBe(',');
    expect(slackOAuthProvider.clientAuthentication).toBe('basic');
    expect(slackOAuthProvider.pkce).toBe('none');
  });

  it('reads ok:false answers as failures and treats its "bot" token type as Bearer', () => {
    expect(slackOAuthProvider.tokenResponse).toEqual({
      okPath: 'ok',
      errorPath: 'error',
      tokenType: 'Bearer',
    });
  });
});

describe('Notion', () => {
  it('uses no scopes, asks for owner=user and authenticates with Basic', () => {
    expect(notionOAuthProvider.scopes).toEqual({});
    expect(notionOAuthProvider.defaultScopes).toEqual([]);
    expect(notionOAuthProvider.authorizationParams).toEqual({ owner: 'user' });
    expect(notionOAuthProvider.clientAuthentication).toBe('basic');
  });

  it('rotates the refresh tokens it issues', () => {
    expect(notionOAuthProvider.refreshTokens).toBe(true);
    expect(notionOAuthProvider.rotatesRefreshToken).toBe(true);
  });
});
