import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clientCredentialsToken,
  completeAuthorization,
  expandScopes,
  refreshTokens,
  revokeTokens,
  startAuthorization,
} from '../src/oauth/index.js';
import type { OAuthTokens, TokenVault } from '../src/types.js';
import {
  type AuthorizationServer,
  startAuthorizationServer,
} from './fixtures/oauth-authorization-server.js';
import { type MemoryVault, memoryVault, SharedTokenStore } from './fixtures/oauth-memory-vault.js';
import { rejectionOf } from './fixtures/rejection.js';

let server: AuthorizationServer;
let credentialCount = 0;

beforeAll(async () => {
  server = await startAuthorizationServer();
});

afterAll(async () => {
  await server.close();
});

function client() {
  return {
    provider: server.provider,
    clientId: server.clientId,
    clientSecret: server.clientSecret,
  };
}

/** Connects a fresh credential through the real consent flow and returns its id. */
async function connectedCredential(vault: TokenVault): Promise<string> {
  credentialCount += 1;
  const credentialId = `cred-${credentialCount}`;
  const { url } = await startAuthorization(
    {
      ...client(),
      credentialId,
      redirectUri: server.redirectUri,
      scopes: expandScopes(server.provider, ['read']),
    },
    vault,
  );
  await completeAuthorization({ ...client(), callbackUrl: await server.approve(url) }, vault);
  return credentialId;
}

/** Makes the stored access token look expired, as it would be an hour later. */
function expire(vault: MemoryVault, credentialId: string): OAuthTokens {
  const tokens = vault.store.tokens.get(credentialId)!;
  const expired = { ...tokens, expiresAt: Date.now() - 1_000 };
  vault.store.tokens.set(credentialId, expired);
  return expired;
}

function refreshCount(): number {
  return server.tokenRequests.refresh_token ?? 0;
}

describe('refresh against a real authorization server that rotates refresh tokens', () => {
  it('leaves a fresh token alone and makes no request', async () => {
    const vault = memoryVault();
    const credentialId = await connectedCredential(vault);
    const before = refreshCount();
    const tokens = await refreshTokens({ ...client(), credentialId }, vault);
    expect(tokens).toEqual(vault.store.tokens.get(credentialId));
    expect(refreshCount()).toBe(before);
  });

  it('refreshes an expired token, saves the rotated refresh token, and the old one stops working', async () => {
    const vault = memoryVault();
    const credentialId = await connectedCredential(vault);
    const old = expire(vault, credentialId);

    const fresh = await refreshTokens({ ...client(), credentialId }, vault);

    expect(fresh.accessToken).not.toBe(old.accessToken);
    expect(fresh.refreshToken).toEqual(expect.any(String));
    expect(fresh.refreshToken).not.toBe(old.refreshToken);
    expect(fresh.expiresAt).toBeGreaterThan(Date.now() + 3500_000);
    expect(vault.store.tokens.get(credentialId)).toEqual(fresh);

    const replay = await server.tokenRequest({
      grant_type: 'refresh_token',
      refresh_token: old.refreshToken!,
    });
    expect(replay.status).toBe(400);
    expect(replay.body.error).toBe('invalid_grant');
  });

  it('refreshes when the provider signalled expiry, even though the clock says the token is fresh', async () => {
    const vault = memoryVault();
    const credentialId = await connectedCredential(vault);
    const before = vault.store.tokens.get(credentialId)!;
    const count = refreshCount();

    const fresh = await refreshTokens({ ...client(), credentialId, force: true }, vault);

    expect(fresh.accessToken).not.toBe(before.accessToken);
    expect(refreshCount()).toBe(count + 1);
  });

  it('skips a forced refresh when the refused token was already replaced by another worker', async () => {
    const vault = memoryVault();
    const credentialId = await connectedCredential(vault);
    const current = vault.store.tokens.get(credentialId)!;
    const count = refreshCount();

    const tokens = await refreshTokens(
      { ...client(), credentialId, force: true, rejectedAccessToken: 'an-older-access-token' },
      vault,
    );

    expect(tokens).toEqual(current);
    expect(refreshCount()).toBe(count);
  });

  it('makes exactly one refresh request for 100 concurrent callers of one expired credential', async () => {
    const vault = memoryVault();
    const credentialId = await connectedCredential(vault);
    expire(vault, credentialId);
    const before = refreshCount();

    const results = await Promise.all(
      Array.from({ length: 100 }, () => refreshTokens({ ...client(), credentialId }, vault)),
    );

    expect(refreshCount()).toBe(before + 1);
    expect(new Set(results.map((tokens) => tokens.accessToken)).size).toBe(1);
    // The callers shared one refresh in flight: the store's lock was taken once, not 100 times.
    expect(vault.store.lockHolds.get(credentialId)).toBe(1);
    expect(
      vault.store.tokenWrites.filter((write) => write.credentialId === credentialId),
    ).toHaveLength(2);
  });

  it('makes exactly one refresh request when two processes sharing the store refresh at once', async () => {
    const store = new SharedTokenStore();
    const processA = memoryVault(store);
    const processB = memoryVault(store);
    const credentialId = await connectedCredential(processA);
    expire(processA, credentialId);
    const before = refreshCount();

    const results = await Promise.all([
      ...Array.from({ length: 20 }, () => refreshTokens({ ...client(), credentialId }, processA)),
      ...Array.from({ length: 20 }, () => refreshTokens({ ...client(), credentialId }, processB)),
    ]);

    expect(refreshCount()).toBe(before + 1);
    expect(new Set(results.map((tokens) => tokens.accessToken)).size).toBe(1);
    // One refresh in flight per process, and the second process found the work done.
    expect(store.lockHolds.get(credentialId)).toBe(2);
    // Both processes end with the rotated refresh token, which still works.
    const saved = store.tokens.get(credentialId)!;
    expect(results.every((tokens) => tokens.refreshToken === saved.refreshToken)).toBe(true);
    expire(processB, credentialId);
    await expect(refreshTokens({ ...client(), credentialId }, processB)).resolves.toMatchObject({
      accessToken: expect.any(String),
    });
  });

  it('two processes both told by the provider that the token expired refresh once', async () => {
    const store = new SharedTokenStore();
    const processA = memoryVault(store);
    const processB = memoryVault(store);
    const credentialId = await connectedCredential(processA);
    const refused = store.tokens.get(credentialId)!.accessToken;
    const before = refreshCount();

    const [fromA, fromB] = await Promise.all([
      refreshTokens(
        { ...client(), credentialId, force: true, rejectedAccessToken: refused },
        processA,
      ),
      refreshTokens(
        { ...client(), credentialId, force: true, rejectedAccessToken: refused },
        processB,
      ),
    ]);

    expect(refreshCount()).toBe(before + 1);
    expect(fromA.accessToken).toBe(fromB.accessToken);
    expect(fromA.accessToken).not.toBe(refused);
  });

  it('marks the credential invalid and asks to reconnect when the refresh token is refused (invalid_grant)', async () => {
    const vault = memoryVault();
    const credentialId = await connectedCredential(vault);
    const tokens = expire(vault, credentialId);
    vault.store.tokens.set(credentialId, {
      ...tokens,
      refreshToken: 'not-a-refresh-token-from-this-server',
    });

    const error = await rejectionOf(
      refreshTokens({ ...client(), credentialId, credentialName: 'my-idp' }, vault),
    );

    expect(error.code).toBe('reconnect_required');
    expect(error.retryable).toBe(false);
    expect(error.hint).toBe('Reconnect it: knotwork credentials connect my-idp');
    expect(error.message).toContain('invalid_grant');
    expect(vault.store.invalid.get(credentialId)).toMatch(
      /no longer accepts the refresh token: invalid_grant/,
    );
    expect(JSON.stringify(error)).not.toContain('not-a-refresh-token-from-this-server');
    expect(vault.store.invalid.get(credentialId)).not.toContain(
      'not-a-refresh-token-from-this-server',
    );
  });

  it('revokes the grant at the provider, after which refreshing fails with reconnect_required', async () => {
    const vault = memoryVault();
    const credentialId = await connectedCredential(vault);
    const tokens = vault.store.tokens.get(credentialId)!;

    await expect(revokeTokens({ ...client(), tokens })).resolves.toBe(true);

    const replay = await server.tokenRequest({
      grant_type: 'refresh_token',
      refresh_token: tokens.refreshToken!,
    });
    expect(replay.body.error).toBe('invalid_grant');
    expire(vault, credentialId);
    const error = await rejectionOf(refreshTokens({ ...client(), credentialId }, vault));
    expect(error.code).toBe('reconnect_required');
    expect(vault.store.invalid.has(credentialId)).toBe(true);
  });

  it('answers false for a provider without a revocation endpoint, sending nothing', async () => {
    const tokens = { accessToken: 'some-access-token' };
    const provider = { ...server.provider, revocationUrl: undefined };
    await expect(revokeTokens({ ...client(), provider, tokens })).resolves.toBe(false);
  });
});

describe('client credentials against a real authorization server', () => {
  it('gets an app-only token, caches it, and asks again only once it expires', async () => {
    const vault = memoryVault();
    const input = { ...client(), credentialId: 'service-account', scopes: ['api:read'] };
    const before = server.tokenRequests.client_credentials ?? 0;

    const first = await clientCredentialsToken(input, vault);
    const cached = await clientCredentialsToken(input, vault);
    expect(cached).toEqual(first);
    expect(first.scope).toBe('api:read');
    expect(first.refreshToken).toBeUndefined();
    expect(server.tokenRequests.client_credentials).toBe(before + 1);

    expire(vault, 'service-account');
    const renewed = await clientCredentialsToken(input, vault);
    expect(renewed.accessToken).not.toBe(first.accessToken);
    expect(server.tokenRequests.client_credentials).toBe(before + 2);
  });

  it('makes one request for 100 concurrent callers', async () => {
    const vault = memoryVault();
    const input = { ...client(), credentialId: 'service-account-2', scopes: ['api:read'] };
    const before = server.tokenRequests.client_credentials ?? 0;
    const results = await Promise.all(
      Array.from({ length: 100 }, () => clientCredentialsToken(input, vault)),
    );
    expect(server.tokenRequests.client_credentials).toBe(before + 1);
    expect(new Set(results.map((tokens) => tokens.accessToken)).size).toBe(1);
  });

  it('marks the credential invalid when the client secret is refused', async () => {
    const vault = memoryVault();
    const error = await rejectionOf(
      clientCredentialsToken(
        {
          ...client(),
          clientSecret: 'wrong-secret-123',
          credentialId: 'sa-3',
          scopes: ['api:read'],
        },
        vault,
      ),
    );
    expect(error.code).toBe('invalid_client');
    expect(vault.store.invalid.get('sa-3')).toMatch(/refused the client credentials/);
    expect(JSON.stringify(error)).not.toContain('wrong-secret-123');
  });
});
