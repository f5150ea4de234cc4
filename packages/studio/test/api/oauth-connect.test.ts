import { createCanary, type FakeOAuthProvider, startFakeOAuthProvider } from '@knotwork/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openStudio, type Studio } from '../support/open-studio.js';

const clientSecret = createCanary('studio-oauth-client');
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

function oauthData() {
  return {
    authorizationUrl: provider.provider.authorizationUrl,
    tokenUrl: provider.provider.tokenUrl,
    revocationUrl: provider.provider.revocationUrl,
    clientId: provider.clientId,
    clientSecret,
    scopes: 'read offline_access',
    testUrl: provider.resourceUrl,
  };
}

/** The callback URL the provider sent the browser to, as a request to the studio. */
function pathOf(callbackUrl: string): string {
  const url = new URL(callbackUrl);
  return `${url.pathname}${url.search}`;
}

async function connect(name: string) {
  const response = await studio.api('POST', '/api/oauth/connect', {
    name,
    type: 'webhook.oauth2',
    data: oauthData(),
  });
  expect(response.statusCode).toBe(200);
  return response.json() as {
    credential: { id: string; status: string };
    authorizationUrl: string;
  };
}

describe('OAuth connect', () => {
  let callback: string;
  let id: string;

  test('GET /api/oauth/redirect-uri is this server’s /oauth/callback', async () => {
    const response = await studio.api('GET', '/api/oauth/redirect-uri', undefined, {
      host: '127.0.0.1:5678',
    });
    expect(response.json()).toEqual({ redirectUri: 'http://127.0.0.1:5678/oauth/callback' });
  });

  test('connect saves the client and answers the provider’s sign-in URL', async () => {
    const started = await connect('local-oauth');
    id = started.credential.id;
    expect(started.credential.status).toBe('not_set_up');
    const url = new URL(started.authorizationUrl);
    expect(`${url.origin}${url.pathname}`).toBe(provider.provider.authorizationUrl);
    expect(url.searchParams.get('redirect_uri')).toBe('http://localhost:80/oauth/callback');
    expect(url.searchParams.get('code_challenge')).toBeTruthy();
    callback = await provider.approve(started.authorizationUrl);
  });

  test('before the sign-in completes, a test says the credential is not connected', async () => {
    const response = await studio.api('POST', `/api/credentials/${id}/test`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'credential_not_connected',
        hint: expect.any(String),
      }),
    });
  });

  test('the callback stores the tokens and sends the browser back to the credentials page', async () => {
    const response = await studio.raw({ method: 'GET', url: pathOf(callback) });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/credentials?connected=${id}`);
    const { credentials } = (await studio.api('GET', '/api/credentials')).json();
    expect(credentials).toEqual([
      expect.objectContaining({
        id,
        status: 'connected',
        oauth: expect.objectContaining({ connected: true, hasRefreshToken: true }),
      }),
    ]);
    const webhook = (await studio.api('GET', '/api/plugins/webhook')).json().plugin;
    expect(webhook.status).toBe('connected');
  });

  test('the connected credential tests and runs with its token', async () => {
    const tested = await studio.api('POST', `/api/credentials/${id}/test`);
    expect(tested.json()).toMatchObject({ ok: true });
    const run = await studio.api('POST', '/api/nodes/webhook.call/run', {
      input: { url: provider.resourceUrl },
      credentialId: id,
    });
    expect(run.json()).toMatchObject({
      ok: true,
      output: { status: 200, body: { id: 'fake-user' } },
    });
  });

  test('the same callback a second time is refused with a page saying so', async () => {
    const response = await studio.raw({ method: 'GET', url: pathOf(callback) });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.payload).toContain('no longer valid');
    expect(response.payload).toContain('href="/credentials"');
  });

  test('an unknown or missing state is refused', async () => {
    for (const url of ['/oauth/callback?code=abc&state=made-up', '/oauth/callback?code=abc']) {
      const response = await studio.raw({ method: 'GET', url });
      expect(response.statusCode, url).toBe(400);
      expect(response.payload).toContain('no longer valid');
    }
  });

  test('a denied sign-in shows the provider’s answer, and reconnecting keeps the credential', async () => {
    provider.denyNextAuthorization();
    const started = await connect('local-oauth');
    expect(started.credential.id).toBe(id);
    const denied = await provider.approve(started.authorizationUrl);
    const response = await studio.raw({ method: 'GET', url: pathOf(denied) });
    expect(response.statusCode).toBe(400);
    expect(response.payload).toContain('Access was not granted');
    expect(response.payload).toMatch(/access_denied|denied/);
  });

  test('delete revokes the tokens at the provider', async () => {
    const response = await studio.api('DELETE', `/api/credentials/${id}`);
    expect(response.json()).toEqual({ deleted: true, revoked: true });
    expect(provider.requests.revoke).toBeGreaterThan(0);
  });
});

describe('connect refusals', () => {
  test('a type that is not OAuth2 is 400 naming the type field', async () => {
    const response = await studio.api('POST', '/api/oauth/connect', {
      name: 'nope',
      type: 'webhook.bearerToken',
      data: { token: 'x-token' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'not_oauth',
      fields: [{ path: 'type', message: expect.any(String) }],
    });
  });

  test('missing client fields are named under data.', async () => {
    const response = await studio.api('POST', '/api/oauth/connect', {
      name: 'incomplete',
      type: 'webhook.oauth2',
      data: { clientId: 'abc' },
    });
    expect(response.statusCode).toBe(400);
    const paths = response.json().error.fields.map((field: { path: string }) => field.path);
    expect(paths).toEqual(expect.arrayContaining(['data.tokenUrl', 'data.clientSecret']));
  });

  test('an unknown type is 404', async () => {
    const response = await studio.api('POST', '/api/oauth/connect', {
      name: 'x',
      type: 'nobody.oauth2',
      data: {},
    });
    expect(response.statusCode).toBe(404);
  });
});

test('the client secret and the tokens never reached a response', () => {
  for (const seen of studio.seen) expect(seen).not.toContain(clientSecret);
  for (const seen of studio.seen) expect(seen).not.toMatch(/fake-(at|rt)-/);
});
