import { createCanary } from '@knotwork/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type LocalApi, PNG_BYTES, startLocalApi } from '../support/local-api.js';
import { openStudio, type Studio } from '../support/open-studio.js';

const token = createCanary('studio-playground');
const wrongToken = createCanary('studio-playground-wrong');
const dbPassword = createCanary('studio-playground-db');
let studio: Studio;
let api: LocalApi;
let credentialId: string;

beforeAll(async () => {
  studio = await openStudio();
  api = await startLocalApi(token);
  const saved = await studio.api('POST', '/api/credentials', {
    name: 'playground-api',
    type: 'webhook.bearerToken',
    data: { token },
  });
  credentialId = saved.json().credential.id;
});
afterAll(async () => {
  await studio.close();
  await api.close();
});

const run = (key: string, body: unknown) => studio.api('POST', `/api/nodes/${key}/run`, body);

describe('POST /api/nodes/:key/run', () => {
  test('runs webhook.call with a saved credential and answers the output, secrets masked', async () => {
    const response = await run('webhook.call', {
      input: { url: `${api.url}/hello` },
      credentialId,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toEqual({
      ok: true,
      output: {
        status: 200,
        headers: expect.objectContaining({ 'content-type': 'application/json' }),
        // The API echoed the Authorization header: once sent, its whole value is a secret.
        body: { hello: 'world', path: '/hello', sawAuthorization: '[redacted]' },
      },
      binaries: [],
      logs: [],
      durationMs: expect.any(Number),
    });
    expect(api.requests.at(-1)).toEqual({ path: '/hello', authorization: `Bearer ${token}` });
    const listed = (await studio.api('GET', '/api/credentials')).json().credentials[0];
    expect(listed.lastUsedAt).not.toBeNull();
  });

  test('a file in the output becomes a reference, downloadable once', async () => {
    const response = await run('webhook.call', {
      input: { url: `${api.url}/logo.png`, responseFormat: 'binary' },
      credentialId,
    });
    const body = response.json();
    expect(body.ok).toBe(true);
    const ref = body.output.body;
    expect(ref).toEqual({
      $binary: expect.any(String),
      fileName: expect.any(String),
      mimeType: 'image/png',
      size: PNG_BYTES.byteLength,
    });
    expect(body.binaries).toEqual([ref]);

    const download = await studio.api('GET', `/api/binaries/${ref.$binary}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="/);
    expect(download.rawPayload.equals(PNG_BYTES)).toBe(true);
  });

  test('an unknown file id is 404', async () => {
    const response = await studio.api('GET', '/api/binaries/00000000-0000-4000-8000-000000000000');
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('binary_not_found');
  });

  test('bad node input is a normal answer: ok false, the field named', async () => {
    const response = await run('webhook.call', { input: { url: 'not a url' } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'invalid_input',
        fields: [{ path: 'url', message: expect.any(String) }],
        hint: expect.any(String),
      }),
      logs: [],
      durationMs: expect.any(Number),
    });
  });

  test('a provider’s refusal is ok false with its reason, and the refused token is masked', async () => {
    const stale = await studio.api('POST', '/api/credentials', {
      name: 'playground-stale',
      type: 'webhook.bearerToken',
      data: { token: wrongToken },
    });
    const response = await run('webhook.call', {
      input: { url: `${api.url}/hello` },
      credentialId: stale.json().credential.id,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.ok).toBe(false);
    expect(body.error).toMatchObject({ code: expect.any(String), service: 'webhook' });
    expect(body.error.message).toContain('401');
    expect(response.payload).not.toContain(wrongToken);
  });

  test('a credential of a type the node does not take is ok false naming the types', async () => {
    const signing = await studio.api('POST', '/api/credentials', {
      name: 'playground-signing',
      type: 'webhook.hmacSecret',
      data: { secret: 'signing-secret-0123' },
    });
    const response = await run('webhook.call', {
      input: { url: `${api.url}/hello` },
      credentialId: signing.json().credential.id,
    });
    expect(response.json().ok).toBe(false);
    expect(response.json().error.message).toContain('webhook.hmacSecret');
  });

  test('log lines of the run come back, redacted', async () => {
    const saved = await studio.api('POST', '/api/credentials', {
      name: 'local-postgres',
      type: 'postgres.connection',
      data: {
        host: '127.0.0.1',
        port: 5432,
        user: 'postgres',
        database: 'test',
        password: dbPassword,
      },
    });
    expect(saved.statusCode).toBe(201);
    const response = await run('postgres.query', {
      input: { sql: 'SELECT $1::text AS greeting', parameters: ['hello'] },
      credentialId: saved.json().credential.id,
    });
    const body = response.json();
    expect(body.ok, JSON.stringify(body.error)).toBe(true);
    expect(body.output.rows).toEqual([{ greeting: 'hello' }]);
    expect(body.logs).toContainEqual({
      level: 'info',
      message: 'PostgreSQL statement ran',
      fields: expect.objectContaining({ node: 'postgres.query', rowCount: 1 }),
    });
  });

  test('a credential corrected after a failed run is used by the next run, not after a restart', async () => {
    const saved = await studio.api('POST', '/api/credentials', {
      name: 'postgres-wrong-db',
      type: 'postgres.connection',
      data: { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'no_such_database' },
    });
    const id = saved.json().credential.id;
    const input = { sql: 'SELECT current_database() AS db' };
    const failed = (await run('postgres.query', { input, credentialId: id })).json();
    expect(failed.ok).toBe(false);

    const fixed = await studio.api('PATCH', `/api/credentials/${id}`, {
      data: { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' },
    });
    expect(fixed.statusCode).toBe(200);
    const again = (await run('postgres.query', { input, credentialId: id })).json();
    expect(again.ok, JSON.stringify(again.error)).toBe(true);
    expect(again.output.rows).toEqual([{ db: 'test' }]);
  });

  test('a webhook trigger cannot run here: 400 not_runnable with a hint', async () => {
    const response = await run('webhook.trigger', { input: {} });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'not_runnable', hint: expect.any(String) });
  });

  test('an unknown node or credential is 404', async () => {
    expect((await run('webhook.nope', { input: {} })).statusCode).toBe(404);
    const response = await run('webhook.call', {
      input: { url: `${api.url}/hello` },
      credentialId: 'no-such-credential',
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('credential_not_found');
  });

  test('a credentialId that is not a string is named', async () => {
    const response = await run('webhook.call', { input: {}, credentialId: 42 });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual([
      { path: 'credentialId', message: expect.any(String) },
    ]);
  });
});

test('no answer in this file carried a secret', () => {
  for (const seen of studio.seen) {
    expect(seen).not.toContain(token);
    expect(seen).not.toContain(wrongToken);
    expect(seen).not.toContain(dbPassword);
  }
});
