import { createCanary, type FakeOAuthProvider, startFakeOAuthProvider } from '@knotwork/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openStudio, type Studio } from '../support/open-studio.js';

const clientSecret = createCanary('studio-reconnect-client');
let provider: FakeOAuthProvider;
let studio: Studio;

beforeAll(async () => {
  provider = await startFakeOAuthProvider({ clientSecret });
  studio = await openStudio();
});
afterAll(async () => {
  await studio.close();
  await provider.close();
});

/** The callback URL the provider sent the browser to, as a request to the studio. */
function pathOf(callbackUrl: string): string {
  const url = new URL(callbackUrl);
  return `${url.pathname}${url.search}`;
}

const statusOf = async (id: string) =>
  (await studio.api('GET', `/api/credentials/${id}`)).json().credential.status;

describe('POST /api/oauth/reconnect', () => {
  let id: string;

  beforeAll(async () => {
    const connected = await studio.api('POST', '/api/oauth/connect', {
      name: 'to-reconnect',
      type: 'webhook.oauth2',
      data: {
        authorizationUrl: provider.provider.authorizationUrl,
        tokenUrl: provider.provider.tokenUrl,
        clientId: provider.clientId,
        clientSecret,
        scopes: 'read offline_access',
        testUrl: provider.resourceUrl,
      },
    });
    const { credential, authorizationUrl } = connected.json();
    id = credential.id;
    await studio.raw({ method: 'GET', url: pathOf(await provider.approve(authorizationUrl)) });
  });

  test('a revoked connection signs in again with the saved client, the browser sending only its id', async () => {
    provider.revokeAll();
    expect((await studio.api('POST', `/api/credentials/${id}/test`)).json().ok).toBe(false);
    expect(await statusOf(id)).toBe('failing');

    const response = await studio.api('POST', '/api/oauth/reconnect', { credentialId: id });
    expect(response.statusCode).toBe(200);
    const { credential, authorizationUrl } = response.json();
    expect(credential).toMatchObject({ id, name: 'to-reconnect' });
    const url = new URL(authorizationUrl);
    expect(`${url.origin}${url.pathname}`).toBe(provider.provider.authorizationUrl);
    expect(url.searchParams.get('client_id')).toBe(provider.clientId);
    expect(url.searchParams.get('redirect_uri')).toBe('http://localhost:80/oauth/callback');

    const callback = await studio.raw({
      method: 'GET',
      url: pathOf(await provider.approve(authorizationUrl)),
    });
    expect(callback.statusCode).toBe(303);
    expect(callback.headers.location).toBe(`/credentials?connected=${id}`);
    expect((await studio.api('POST', `/api/credentials/${id}/test`)).json()).toMatchObject({
      ok: true,
    });
    expect(await statusOf(id)).toBe('connected');
    const { credentials } = (await studio.api('GET', '/api/credentials')).json();
    expect(credentials).toHaveLength(1);
  });

  test('a credential that is not OAuth2 is 400 not_oauth', async () => {
    const saved = await studio.api('POST', '/api/credentials', {
      name: 'plain-token',
      type: 'webhook.bearerToken',
      data: { token: 'x-token' },
    });
    const response = await studio.api('POST', '/api/oauth/reconnect', {
      credentialId: saved.json().credential.id,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('not_oauth');
  });

  test('an unknown credential is 404, a missing id 400 naming it', async () => {
    const unknown = await studio.api('POST', '/api/oauth/reconnect', { credentialId: 'nope' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('credential_not_found');
    const missing = await studio.api('POST', '/api/oauth/reconnect', {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toEqual([
      { path: 'credentialId', message: expect.any(String) },
    ]);
  });
});

test('the client secret and the tokens never reached a response', () => {
  for (const seen of studio.seen) expect(seen).not.toContain(clientSecret);
  for (const seen of studio.seen) expect(seen).not.toMatch(/fake-(at|rt)-/);
});
