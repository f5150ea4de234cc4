import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  completeAuthorization,
  expandScopes,
  PENDING_AUTHORIZATION_TTL_MS,
  startAuthorization,
} from '../src/oauth/index.js';
import {
  type AuthorizationServer,
  startAuthorizationServer,
} from './fixtures/oauth-authorization-server.js';
import { memoryVault } from './fixtures/oauth-memory-vault.js';
import { rejectionOf } from './fixtures/rejection.js';

let server: AuthorizationServer;

beforeAll(async () => {
  server = await startAuthorizationServer();
});

afterAll(async () => {
  await server.close();
});

function clientOf(target: AuthorizationServer) {
  return {
    provider: target.provider,
    clientId: target.clientId,
    clientSecret: target.clientSecret,
  };
}

/** What the credential asks for when no feature is picked: the provider's default scopes. */
function defaultScopes() {
  return expandScopes(server.provider, []);
}

describe('connecting against a real authorization server (oidc-provider)', () => {
  it('authorizes with PKCE S256, exchanges the code and saves the tokens on the credential', async () => {
    const vault = memoryVault();
    const { url, state } = await startAuthorization(
      {
        ...clientOf(server),
        credentialId: 'cred-1',
        redirectUri: server.redirectUri,
        scopes: expandScopes(server.provider, ['read']),
      },
      vault,
    );
    const sent = new URL(url).searchParams;
    expect(sent.get('code_challenge_method')).toBe('S256');
    expect(sent.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sent.get('scope')).toBe('offline_access api:read');
    expect(sent.get('state')).toBe(state);
    // The verifier never leaves the process: only its hash is in the URL.
    const pending = vault.store.pending.get(state);
    expect(pending?.codeVerifier).toBeDefined();
    expect(url).not.toContain(pending?.codeVerifier);

    const callbackUrl = await server.approve(url);
    const completed = await completeAuthorization({ ...clientOf(server), callbackUrl }, vault);

    expect(completed.credentialId).toBe('cred-1');
    expect(completed.refreshTokenIssued).toBe(true);
    expect(completed.warning).toBeUndefined();
    expect(completed.tokens).toMatchObject({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      tokenType: 'Bearer',
      scope: 'offline_access api:read',
    });
    expect(completed.tokens.expiresAt).toBeGreaterThan(Date.now() + 3500_000);
    expect(vault.store.tokens.get('cred-1')).toEqual(completed.tokens);
    expect(server.tokenRequests.authorization_code).toBeGreaterThanOrEqual(1);
  });

  it('authenticates in the request body when the provider says so (client_secret_post)', async () => {
    const vault = memoryVault();
    const client = server.bodyAuthClient;
    const { url } = await startAuthorization(
      {
        ...client,
        credentialId: 'cred-body',
        redirectUri: server.redirectUri,
        scopes: ['api:read'],
      },
      vault,
    );
    const completed = await completeAuthorization(
      { ...client, callbackUrl: await server.approve(url) },
      vault,
    );
    expect(completed.tokens.accessToken).toEqual(expect.any(String));
  });

  it('refuses a second completion with the same state, saying to start again', async () => {
    const vault = memoryVault();
    const { url } = await startAuthorization(
      {
        ...clientOf(server),
        credentialId: 'cred-2',
        redirectUri: server.redirectUri,
        scopes: defaultScopes(),
      },
      vault,
    );
    const callbackUrl = await server.approve(url);
    await completeAuthorization({ ...clientOf(server), callbackUrl }, vault);
    const tokensAfterFirst = vault.store.tokens.get('cred-2');

    const error = await rejectionOf(
      completeAuthorization({ ...clientOf(server), callbackUrl }, vault),
    );
    expect(error.code).toBe('invalid_state');
    expect(error.hint).toMatch(/start connecting the credential again/i);
    expect(vault.store.tokens.get('cred-2')).toEqual(tokensAfterFirst);
  });

  it('refuses a state older than ten minutes', async () => {
    const vault = memoryVault();
    const { url, state } = await startAuthorization(
      {
        ...clientOf(server),
        credentialId: 'cred-3',
        redirectUri: server.redirectUri,
        scopes: defaultScopes(),
      },
      vault,
    );
    const pending = vault.store.pending.get(state);
    expect(pending?.expiresAt).toBeGreaterThan(Date.now() + PENDING_AUTHORIZATION_TTL_MS - 5_000);
    vault.store.pending.set(state, { ...pending!, expiresAt: Date.now() - 1 });
    const callbackUrl = await server.approve(url);

    const error = await rejectionOf(
      completeAuthorization({ ...clientOf(server), callbackUrl }, vault),
    );
    expect(error.code).toBe('invalid_state');
    expect(vault.store.tokens.has('cred-3')).toBe(false);
  });

  it('refuses an unknown state without calling the token endpoint', async () => {
    const vault = memoryVault();
    const before = server.tokenRequests.authorization_code ?? 0;
    const error = await rejectionOf(
      completeAuthorization(
        { ...clientOf(server), callbackUrl: `${server.redirectUri}?code=abc&state=forged` },
        vault,
      ),
    );
    expect(error.code).toBe('invalid_state');
    expect(server.tokenRequests.authorization_code ?? 0).toBe(before);
  });

  it('fails the exchange when the code verifier was tampered with, without leaking code or verifier', async () => {
    const vault = memoryVault();
    const { url, state } = await startAuthorization(
      {
        ...clientOf(server),
        credentialId: 'cred-4',
        redirectUri: server.redirectUri,
        scopes: defaultScopes(),
      },
      vault,
    );
    const pending = vault.store.pending.get(state)!;
    const tampered = `${pending.codeVerifier!.slice(0, -4)}AAAA`;
    vault.store.pending.set(state, { ...pending, codeVerifier: tampered });
    const callbackUrl = await server.approve(url);
    const code = new URL(callbackUrl).searchParams.get('code')!;

    const error = await rejectionOf(
      completeAuthorization({ ...clientOf(server), callbackUrl }, vault),
    );
    expect(error.code).toBe('authorization_failed');
    expect(error.message).toContain('invalid_grant');
    expect(error.retryable).toBe(false);
    const shown = JSON.stringify(error);
    for (const secret of [code, tampered, server.clientSecret]) expect(shown).not.toContain(secret);
    expect(vault.store.tokens.has('cred-4')).toBe(false);
  });

  it('says clearly that access was denied when the user cancels at the consent page', async () => {
    const vault = memoryVault();
    const { url } = await startAuthorization(
      {
        ...clientOf(server),
        credentialId: 'cred-5',
        redirectUri: server.redirectUri,
        scopes: defaultScopes(),
      },
      vault,
    );
    const callbackUrl = await server.deny(url);
    expect(new URL(callbackUrl).searchParams.get('error')).toBe('access_denied');

    const error = await rejectionOf(
      completeAuthorization({ ...clientOf(server), callbackUrl }, vault),
    );
    expect(error.code).toBe('access_denied');
    expect(error.message).toMatch(/denied/);
    expect(error.hint).toMatch(/Nothing was saved/);
  });

  it('refuses a callback whose iss names another server (RFC 9207 mix-up defence)', async () => {
    const vault = memoryVault();
    const { url } = await startAuthorization(
      {
        ...clientOf(server),
        credentialId: 'cred-6',
        redirectUri: server.redirectUri,
        scopes: defaultScopes(),
      },
      vault,
    );
    const callback = new URL(await server.approve(url));
    callback.searchParams.set('iss', 'https://attacker.example');

    const error = await rejectionOf(
      completeAuthorization({ ...clientOf(server), callbackUrl: callback }, vault),
    );
    expect(error.code).toBe('invalid_callback');
  });

  it('flags at connect time a provider that issues no refresh token but an expiring access token', async () => {
    const vault = memoryVault();
    const withoutOfflineAccess = { ...server.provider, defaultScopes: [] };
    const { url } = await startAuthorization(
      {
        ...clientOf(server),
        provider: withoutOfflineAccess,
        credentialId: 'cred-7',
        redirectUri: server.redirectUri,
        scopes: ['api:read'],
      },
      vault,
    );
    const completed = await completeAuthorization(
      {
        ...clientOf(server),
        provider: withoutOfflineAccess,
        callbackUrl: await server.approve(url),
      },
      vault,
    );
    expect(completed.refreshTokenIssued).toBe(false);
    expect(completed.tokens.refreshToken).toBeUndefined();
    expect(completed.warning).toMatch(
      /issued no refresh token, so this credential will need reconnecting when the token expires at \d{4}-\d\d-\d\dT/,
    );
  });
});
