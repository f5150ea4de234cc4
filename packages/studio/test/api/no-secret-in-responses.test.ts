import { createCanary, type FakeOAuthProvider, startFakeOAuthProvider } from '@knotwork/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type LocalApi, startLocalApi } from '../support/local-api.js';
import { openStudio, type Studio } from '../support/open-studio.js';

/**
 * Every route, driven with credentials whose secrets are canaries, in the ways that tend
 * to leak: echoes, provider errors quoting what they refused, validation errors about the
 * body that carried the secret, logs. Not one answer may carry a canary in any form.
 */
const canaries = {
  bearer: createCanary('sweep-bearer'),
  header: createCanary('sweep-header'),
  password: createCanary('sweep-password'),
  clientSecret: createCanary('sweep-client-secret'),
  database: createCanary('sweep-database'),
  rejected: createCanary('sweep-rejected'),
  invalid: createCanary('sweep-invalid'),
};
let studio: Studio;
let api: LocalApi;
let provider: FakeOAuthProvider;
const ids: Record<string, string> = {};

async function save(name: string, type: string, data: Record<string, unknown>) {
  const response = await studio.api('POST', '/api/credentials', { name, type, data });
  expect(response.statusCode, response.payload).toBe(201);
  ids[name] = response.json().credential.id;
}

beforeAll(async () => {
  studio = await openStudio();
  api = await startLocalApi(canaries.bearer);
  provider = await startFakeOAuthProvider({ clientSecret: canaries.clientSecret });
  await save('bearer', 'webhook.bearerToken', { token: canaries.bearer, testUrl: `${api.url}/me` });
  await save('rejected', 'webhook.bearerToken', {
    token: canaries.rejected,
    testUrl: `${api.url}/me`,
  });
  await save('header', 'webhook.headerAuth', { name: 'X-Api-Key', value: canaries.header });
  await save('basic', 'webhook.basicAuth', { username: 'ann', password: canaries.password });
  await save('postgres', 'postgres.connection', {
    host: '127.0.0.1',
    user: 'postgres',
    database: 'test',
    password: canaries.database,
  });
});
afterAll(async () => {
  await studio.close();
  await api.close();
  await provider.close();
});

test('drive every route with the secrets in play', async () => {
  const { api: call, raw } = studio;
  for (const url of [
    '/api/session',
    '/api/openapi.json',
    '/api/plugins',
    '/api/plugins/webhook',
    '/api/plugins/postgres',
    '/api/plugins/webhook/docs',
    '/api/nodes/webhook.call',
    '/api/credential-types/webhook.oauth2',
    '/api/credential-types/postgres.connection',
    '/api/credentials',
    '/api/credentials?type=webhook.bearerToken',
    '/api/oauth/redirect-uri',
    ...Object.values(ids).map((id) => `/api/credentials/${id}`),
  ]) {
    expect((await call('GET', url)).statusCode, url).toBe(200);
  }
  await raw({
    method: 'POST',
    url: '/api/login',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ token: canaries.invalid }),
  });
  expect((await call('POST', '/api/logout')).statusCode).toBe(200);

  // Tests that pass and fail (the API quotes the token it refused).
  expect((await call('POST', `/api/credentials/${ids.bearer}/test`)).json().ok).toBe(true);
  expect((await call('POST', `/api/credentials/${ids.rejected}/test`)).json().ok).toBe(false);
  expect((await call('POST', `/api/credentials/${ids.postgres}/test`)).json().ok).toBe(true);

  // Bodies that carry a secret and are refused.
  const invalid = await call('POST', '/api/credentials', {
    name: 'invalid',
    type: 'webhook.bearerToken',
    data: { token: canaries.invalid, testUrl: canaries.invalid },
  });
  expect(invalid.statusCode).toBe(400);
  const taken = await call('POST', '/api/credentials', {
    name: 'bearer',
    type: 'webhook.bearerToken',
    data: { token: canaries.invalid },
  });
  expect(taken.statusCode).toBe(409);
  const patched = await call('PATCH', `/api/credentials/${ids.header}`, {
    data: { name: 'X Bad Header', value: canaries.invalid },
  });
  expect(patched.statusCode).toBe(400);
  expect(
    (
      await call('PATCH', `/api/credentials/${ids.header}`, {
        name: 'header-renamed',
        data: { name: 'X-Api-Key' },
      })
    ).statusCode,
  ).toBe(200);

  // Runs: echoes of every auth form, a refusal quoting the token, a database run with logs,
  // a file.
  for (const name of ['bearer', 'header', 'basic']) {
    const echoed = await call('POST', '/api/nodes/webhook.call/run', {
      input: { url: `${api.url}/echo` },
      credentialId: ids[name],
    });
    expect(echoed.json().ok, name).toBe(true);
  }
  const refused = await call('POST', '/api/nodes/webhook.call/run', {
    input: { url: `${api.url}/hello` },
    credentialId: ids.rejected,
  });
  expect(refused.json().ok).toBe(false);
  const query = await call('POST', '/api/nodes/postgres.query/run', {
    input: { sql: 'SELECT 1 AS one' },
    credentialId: ids.postgres,
  });
  expect(query.json().logs.length).toBeGreaterThan(0);
  const file = await call('POST', '/api/nodes/webhook.call/run', {
    input: { url: `${api.url}/echo`, responseFormat: 'binary' },
    credentialId: ids.bearer,
  });
  const ref = file.json().binaries[0];
  expect((await call('GET', `/api/binaries/${ref.$binary}`)).statusCode).toBe(200);

  // OAuth: connect, the provider's callback, then delete with revocation.
  const connect = await call('POST', '/api/oauth/connect', {
    name: 'oauth',
    type: 'webhook.oauth2',
    data: {
      authorizationUrl: provider.provider.authorizationUrl,
      tokenUrl: provider.provider.tokenUrl,
      revocationUrl: provider.provider.revocationUrl,
      clientId: provider.clientId,
      clientSecret: canaries.clientSecret,
      scopes: 'read offline_access',
      testUrl: provider.resourceUrl,
    },
  });
  const started = connect.json();
  const callback = new URL(await provider.approve(started.authorizationUrl));
  expect(
    (await raw({ method: 'GET', url: `${callback.pathname}${callback.search}` })).statusCode,
  ).toBe(303);
  expect((await call('GET', `/api/credentials/${started.credential.id}`)).statusCode).toBe(200);
  expect((await call('POST', `/api/credentials/${started.credential.id}/test`)).json().ok).toBe(
    true,
  );
  // Reconnecting signs in again with the saved client secret: it must stay on the server.
  const reconnect = await call('POST', '/api/oauth/reconnect', {
    credentialId: started.credential.id,
  });
  const again = new URL(await provider.approve(reconnect.json().authorizationUrl));
  expect((await raw({ method: 'GET', url: `${again.pathname}${again.search}` })).statusCode).toBe(
    303,
  );
  const oauthRun = await call('POST', '/api/nodes/webhook.call/run', {
    input: { url: `${api.url}/echo` },
    credentialId: started.credential.id,
  });
  expect(oauthRun.json().ok).toBe(true);
  expect((await call('DELETE', `/api/credentials/${started.credential.id}`)).json().revoked).toBe(
    true,
  );
  expect((await call('DELETE', `/api/credentials/${ids.basic}`)).statusCode).toBe(200);
});

test('every API route was driven', async () => {
  const document = (await studio.api('GET', '/api/openapi.json')).json();
  const driven = studio.requests.map((request) => `${request.method} ${request.url.split('?')[0]}`);
  for (const [path, methods] of Object.entries(document.paths as Record<string, object>)) {
    const pattern = new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+').replaceAll('.', '\\.')}$`);
    for (const method of Object.keys(methods)) {
      const hit = driven.some((request) => {
        const [verb, url] = request.split(' ');
        return verb === method.toUpperCase() && pattern.test(url ?? '');
      });
      expect(hit, `${method.toUpperCase()} ${path}`).toBe(true);
    }
  }
  expect(driven.some((request) => request.startsWith('GET /oauth/callback'))).toBe(true);
});

test('no answer carried a secret, raw, URL-encoded or base64', () => {
  const forms = (secret: string) => [
    secret,
    encodeURIComponent(secret),
    Buffer.from(secret).toString('base64').replace(/=+$/, ''),
    Buffer.from(`ann:${secret}`).toString('base64').replace(/=+$/, ''),
  ];
  expect(studio.seen.length).toBeGreaterThan(30);
  for (const [name, secret] of Object.entries(canaries)) {
    for (const form of forms(secret)) {
      const leaked = studio.seen.find((answer) => answer.includes(form));
      expect(leaked, `${name} leaked`).toBeUndefined();
    }
  }
  // The OAuth tokens the fake provider issued, whatever their values.
  for (const answer of studio.seen) expect(answer).not.toMatch(/fake-(at|rt|code)-/);
});
