import { createCanary } from '@knotwork/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type LocalApi, startLocalApi } from '../support/local-api.js';
import { openStudio, type Studio } from '../support/open-studio.js';

const token = createCanary('studio-credentials');
let studio: Studio;
let api: LocalApi;
let id: string;

beforeAll(async () => {
  studio = await openStudio();
  api = await startLocalApi(token);
});
afterAll(async () => {
  await studio.close();
  await api.close();
});

describe('POST /api/credentials', () => {
  test('saves a credential and answers 201 with its summary and status', async () => {
    const response = await studio.api('POST', '/api/credentials', {
      name: 'my-api',
      type: 'webhook.bearerToken',
      data: { token, testUrl: `${api.url}/me` },
    });
    expect(response.statusCode).toBe(201);
    const { credential } = response.json();
    expect(credential).toMatchObject({
      name: 'my-api',
      type: 'webhook.bearerToken',
      service: 'webhook',
      kind: 'apiKey',
      isValid: true,
      status: 'connected',
    });
    id = credential.id;
  });

  test('data that does not fit the type names each bad field under data.', async () => {
    const response = await studio.api('POST', '/api/credentials', {
      name: 'bad-header',
      type: 'webhook.headerAuth',
      data: { name: 'X Key' },
    });
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('invalid_input');
    expect(error.service).toBe('webhook');
    expect(error.fields.map((field: { path: string }) => field.path).sort()).toEqual([
      'data.name',
      'data.value',
    ]);
    const names = (await studio.api('GET', '/api/credentials'))
      .json()
      .credentials.map((credential: { name: string }) => credential.name);
    expect(names).not.toContain('bad-header');
  });

  test('a body without name or data names those fields', async () => {
    const response = await studio.api('POST', '/api/credentials', { type: 'webhook.bearerToken' });
    expect(response.statusCode).toBe(400);
    expect(
      response
        .json()
        .error.fields.map((field: { path: string }) => field.path)
        .sort(),
    ).toEqual(['data', 'name']);
  });

  test('a taken name is 409 naming it', async () => {
    const response = await studio.api('POST', '/api/credentials', {
      name: 'my-api',
      type: 'webhook.bearerToken',
      data: { token: 'another-token' },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({
      code: 'name_taken',
      message: expect.stringContaining('my-api'),
    });
  });

  test('an unknown type is 404', async () => {
    const response = await studio.api('POST', '/api/credentials', {
      name: 'x',
      type: 'webhook.nope',
      data: {},
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('unknown_credential_type');
  });
});

describe('GET /api/credentials', () => {
  test('lists saved credentials with status, filtered by type on request', async () => {
    await studio.api('POST', '/api/credentials', {
      name: 'signing',
      type: 'webhook.hmacSecret',
      data: { secret: 'signing-secret-value' },
    });
    const all = (await studio.api('GET', '/api/credentials')).json().credentials;
    expect(all.map((credential: { name: string }) => credential.name).sort()).toEqual([
      'my-api',
      'signing',
    ]);
    const filtered = await studio.api('GET', '/api/credentials?type=webhook.hmacSecret');
    expect(filtered.json().credentials).toEqual([
      expect.objectContaining({ name: 'signing', status: 'connected' }),
    ]);
  });

  test('an empty type filter names the field', async () => {
    const response = await studio.api('GET', '/api/credentials?type=');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields[0].path).toBe('type');
  });
});

describe('GET /api/credentials/:id', () => {
  test('gives the non-secret fields and lists the secret ones as set', async () => {
    const response = await studio.api('GET', `/api/credentials/${id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      credential: expect.objectContaining({ id, name: 'my-api' }),
      data: { testUrl: `${api.url}/me` },
      secretFields: ['token'],
    });
  });

  test('an unknown id is 404', async () => {
    const response = await studio.api(
      'GET',
      '/api/credentials/00000000-0000-4000-8000-000000000000',
    );
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('credential_not_found');
  });
});

describe('POST /api/credentials/:id/test', () => {
  test('a working credential answers ok with the test’s message', async () => {
    const response = await studio.api('POST', `/api/credentials/${id}/test`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      ok: true,
      message: `${api.url}/me answered 200 with the credential applied`,
    });
    expect(api.requests.at(-1)).toEqual({ path: '/me', authorization: `Bearer ${token}` });
  });

  test('a refused credential is still 200, with ok false, the reason and a hint', async () => {
    const saved = await studio.api('POST', '/api/credentials', {
      name: 'stale',
      type: 'webhook.bearerToken',
      data: { token: 'stale-token-value', testUrl: `${api.url}/me` },
    });
    const response = await studio.api(
      'POST',
      `/api/credentials/${saved.json().credential.id}/test`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      ok: false,
      error: {
        code: 'test_failed',
        message: expect.stringContaining('401'),
        hint: expect.any(String),
      },
    });
    const listed = (await studio.api('GET', '/api/credentials')).json().credentials;
    expect(
      listed.find((credential: { name: string }) => credential.name === 'stale'),
    ).toMatchObject({
      isValid: false,
      status: 'failing',
    });
  });

  test('testing an unknown credential is 404', async () => {
    const response = await studio.api('POST', '/api/credentials/nope/test');
    expect(response.statusCode).toBe(404);
  });
});

describe('PATCH /api/credentials/:id', () => {
  test('renames a credential', async () => {
    const response = await studio.api('PATCH', `/api/credentials/${id}`, {
      name: 'my-renamed-api',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().credential).toMatchObject({ id, name: 'my-renamed-api' });
  });

  test('a secret field left out keeps its saved value', async () => {
    const response = await studio.api('PATCH', `/api/credentials/${id}`, {
      data: { testUrl: `${api.url}/me/again` },
    });
    expect(response.statusCode).toBe(200);
    const tested = await studio.api('POST', `/api/credentials/${id}/test`);
    expect(tested.json()).toMatchObject({ ok: true });
    expect(api.requests.at(-1)).toEqual({ path: '/me/again', authorization: `Bearer ${token}` });
  });

  test('a non-secret field left out is cleared (the form sends every one it shows)', async () => {
    await studio.api('PATCH', `/api/credentials/${id}`, { data: {} });
    const detail = (await studio.api('GET', `/api/credentials/${id}`)).json();
    expect(detail.data).toEqual({});
    expect(detail.secretFields).toEqual(['token']);
  });

  test('bad data names the field under data.', async () => {
    const response = await studio.api('PATCH', `/api/credentials/${id}`, {
      data: { testUrl: 'not a url' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual([
      { path: 'data.testUrl', message: expect.any(String) },
    ]);
  });

  test('renaming onto a taken name is 409', async () => {
    const response = await studio.api('PATCH', `/api/credentials/${id}`, { name: 'signing' });
    expect(response.statusCode).toBe(409);
  });

  test('an empty name is named', async () => {
    const response = await studio.api('PATCH', `/api/credentials/${id}`, { name: '  ' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields[0].path).toBe('name');
  });

  test('an unknown id is 404', async () => {
    const response = await studio.api('PATCH', '/api/credentials/nope', { name: 'x' });
    expect(response.statusCode).toBe(404);
  });
});

describe('DELETE /api/credentials/:id', () => {
  test('deletes; nothing to revoke for an API key', async () => {
    const response = await studio.api('DELETE', `/api/credentials/${id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ deleted: true, revoked: null });
    expect((await studio.api('GET', `/api/credentials/${id}`)).statusCode).toBe(404);
  });

  test('an unknown id is 404', async () => {
    const response = await studio.api('DELETE', `/api/credentials/${id}`);
    expect(response.statusCode).toBe(404);
  });
});

test('no answer in this file carried the secret token', () => {
  expect(studio.seen.length).toBeGreaterThan(20);
  for (const seen of studio.seen) expect(seen).not.toContain(token);
});
