import { createHash } from 'node:crypto';
import { defineOAuthProvider, type OAuthProviderInput } from '@knotwork/sdk';
import { describe, expect, it } from 'vitest';
import { expandScopes, startAuthorization } from '../src/oauth/index.js';
import { memoryVault } from './fixtures/oauth-memory-vault.js';

function provider(overrides: Partial<OAuthProviderInput> = {}) {
  return defineOAuthProvider({
    key: 'example',
    displayName: 'Example',
    authorizationUrl: 'https://auth.example.com/authorize?tenant=acme',
    tokenUrl: 'https://auth.example.com/token',
    ...overrides,
  });
}

async function start(overrides: Partial<OAuthProviderInput>, extraParams?: Record<string, string>) {
  const vault = memoryVault();
  const started = await startAuthorization(
    {
      provider: provider(overrides),
      credentialId: 'cred',
      clientId: 'client-1',
      redirectUri: 'http://127.0.0.1:5000/callback',
      scopes: ['a', 'b'],
      ...(extraParams ? { extraParams } : {}),
    },
    vault,
  );
  return { ...started, params: new URL(started.url).searchParams, vault };
}

describe('the authorization URL', () => {
  it("keeps the URL's own query and adds the standard parameters", async () => {
    const { url, params, state } = await start({});
    expect(url.startsWith('https://auth.example.com/authorize?')).toBe(true);
    expect(params.get('tenant')).toBe('acme');
    expect(params.get('response_type')).toBe('code');
    expect(params.get('client_id')).toBe('client-1');
    expect(params.get('redirect_uri')).toBe('http://127.0.0.1:5000/callback');
    expect(params.get('state')).toBe(state);
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("joins scopes with the provider's separator under the provider's parameter name", async () => {
    const { params } = await start({ scopeSeparator: ',', scopeParam: 'user_scope' });
    expect(params.get('user_scope')).toBe('a,b');
    expect(params.has('scope')).toBe(false);
  });

  it('sends the S256 hash of the saved verifier', async () => {
    const { params, state, vault } = await start({ pkce: 'S256' });
    const verifier = vault.store.pending.get(state)?.codeVerifier ?? '';
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(params.get('code_challenge')).toBe(
      createHash('sha256').update(verifier).digest('base64url'),
    );
    expect(params.get('code_challenge_method')).toBe('S256');
  });

  it('sends the verifier itself for plain PKCE, and nothing for none', async () => {
    const plain = await start({ pkce: 'plain' });
    expect(plain.params.get('code_challenge')).toBe(
      plain.vault.store.pending.get(plain.state)?.codeVerifier,
    );
    expect(plain.params.get('code_challenge_method')).toBe('plain');

    const none = await start({ pkce: 'none' });
    expect(none.params.has('code_challenge')).toBe(false);
    expect(none.vault.store.pending.get(none.state)?.codeVerifier).toBeUndefined();
  });

  it("adds the provider's and the caller's extra parameters, but never lets them replace state or PKCE", async () => {
    const { params, state } = await start(
      { authorizationParams: { access_type: 'offline', prompt: 'consent', state: 'fixed' } },
      { login_hint: 'ada@example.com', prompt: 'select_account', code_challenge: 'mine' },
    );
    expect(params.get('access_type')).toBe('offline');
    expect(params.get('prompt')).toBe('select_account');
    expect(params.get('login_hint')).toBe('ada@example.com');
    expect(params.get('state')).toBe(state);
    expect(params.get('code_challenge')).not.toBe('mine');
  });

  it('saves the pending authorization for ten minutes under the state', async () => {
    const { state, vault } = await start({});
    const pending = vault.store.pending.get(state);
    expect(pending).toMatchObject({
      credentialId: 'cred',
      redirectUri: 'http://127.0.0.1:5000/callback',
    });
    expect(pending?.expiresAt).toBeGreaterThan(Date.now() + 9 * 60_000);
    expect(pending?.expiresAt).toBeLessThanOrEqual(Date.now() + 10 * 60_000);
  });

  it('gives a different state and verifier every time', async () => {
    const first = await start({});
    const second = await start({});
    expect(first.state).not.toBe(second.state);
    expect(first.params.get('code_challenge')).not.toBe(second.params.get('code_challenge'));
  });
});

describe('expandScopes', () => {
  const google = provider({
    scopes: { drive: ['drive', 'drive.file'], sheets: ['spreadsheets', 'drive.file'] },
    defaultScopes: ['openid'],
  });

  it('expands feature names, keeps raw scopes, puts defaults first and sends each scope once', () => {
    expect(expandScopes(google, ['drive', 'sheets', 'userinfo.email'])).toEqual([
      'openid',
      'drive',
      'drive.file',
      'spreadsheets',
      'userinfo.email',
    ]);
  });

  it('gives just the defaults when nothing is picked', () => {
    expect(expandScopes(google)).toEqual(['openid']);
  });
});
