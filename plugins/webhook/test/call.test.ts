import { type BinaryData, binaryFrom, readBinary } from '@knotwork/sdk';
import { assertNoCanary, createCanary, runNode, testCredential } from '@knotwork/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import { startLocalServer } from './local-server.js';

let server: Awaited<ReturnType<typeof startLocalServer>>;
beforeAll(async () => {
  server = await startLocalServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.received.length = 0;
  server.handle((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
});

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  ((_request, response) => {
    response
      .writeHead(status, { 'content-type': 'application/json', ...headers })
      .end(JSON.stringify(body));
  }) as Parameters<typeof server.handle>[0];

describe('Call', () => {
  test('GETs with query parameters and returns status, headers and the parsed JSON', async () => {
    server.handle(json(200, { items: [1, 2] }, { 'x-total': '2' }));
    const run = await runNode(plugin, 'call', {
      url: `${server.url}/items`,
      query: { page: 2, tag: 'a b' },
    });
    expect(run.error).toBeUndefined();
    expect(run.output).toMatchObject({
      status: 200,
      body: { items: [1, 2] },
      headers: { 'x-total': '2' },
    });
    expect(server.received[0]).toMatchObject({ method: 'GET', url: '/items?page=2&tag=a+b' });
  });

  test('POSTs a JSON body', async () => {
    await runNode(plugin, 'call', {
      method: 'POST',
      url: `${server.url}/items`,
      body: { type: 'json', json: { name: 'widget', count: 3 } },
    });
    expect(server.received[0]?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(server.received[0]!.body.toString())).toEqual({ name: 'widget', count: 3 });
  });

  test('sends a form body URL-encoded', async () => {
    await runNode(plugin, 'call', {
      method: 'POST',
      url: `${server.url}/form`,
      body: { type: 'form', form: { a: '1 2', b: true } },
    });
    expect(server.received[0]?.headers['content-type']).toMatch(
      /application\/x-www-form-urlencoded/,
    );
    expect(server.received[0]?.body.toString()).toBe('a=1+2&b=true');
  });

  test('sends a raw body with its content type, unless a typed header says otherwise', async () => {
    await runNode(plugin, 'call', {
      method: 'PUT',
      url: `${server.url}/raw`,
      body: { type: 'raw', raw: '<a/>', contentType: 'application/xml' },
    });
    await runNode(plugin, 'call', {
      method: 'PUT',
      url: `${server.url}/raw`,
      headers: { 'Content-Type': 'text/xml' },
      body: { type: 'raw', raw: '<a/>', contentType: 'application/xml' },
    });
    expect(server.received.map((request) => request.headers['content-type'])).toEqual([
      'application/xml',
      'text/xml',
    ]);
    expect(server.received[0]?.body.toString()).toBe('<a/>');
  });

  test('uploads a file from an earlier node and downloads one as binary data', async () => {
    const file = binaryFrom(new Uint8Array([0, 1, 2, 250]), {
      fileName: 'a.bin',
      mimeType: 'application/x-test',
    });
    await runNode(plugin, 'call', {
      method: 'POST',
      url: `${server.url}/upload`,
      body: { type: 'binary', file },
    });
    expect(server.received[0]?.headers['content-type']).toBe('application/x-test');
    expect([...server.received[0]!.body]).toEqual([0, 1, 2, 250]);

    server.handle((_request, response) => {
      response
        .writeHead(200, {
          'content-type': 'image/png',
          'content-disposition': 'attachment; filename="logo.png"',
        })
        .end(Buffer.from([137, 80, 78, 71]));
    });
    const run = await runNode<{ body: BinaryData }>(plugin, 'call', { url: `${server.url}/logo` });
    expect(run.output?.body).toMatchObject({
      kind: 'binary',
      fileName: 'logo.png',
      mimeType: 'image/png',
      size: 4,
    });
    expect([...(await readBinary(run.output!.body))]).toEqual([137, 80, 78, 71]);
  });

  test('fails on a 404 with a hint, or returns it when told not to fail', async () => {
    server.handle(json(404, { message: 'no such item' }));
    const failed = await runNode(plugin, 'call', { url: `${server.url}/items/9` });
    expect(failed.error).toMatchObject({ status: 404, code: 'http_404' });
    expect(failed.error?.message).toContain('no such item');
    expect(failed.error?.hint).toMatch(/found nothing at that address/);

    const returned = await runNode(plugin, 'call', {
      url: `${server.url}/items/9`,
      failOnHttpError: false,
    });
    expect(returned.output).toMatchObject({ status: 404, body: { message: 'no such item' } });
  });

  test('retries a GET on 503 after the Retry-After delay, but never a POST on 500', async () => {
    let calls = 0;
    server.handle((_request, response) => {
      calls++;
      if (calls === 1) response.writeHead(503, { 'retry-after': '2' }).end();
      else response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    const get = await runNode(plugin, 'call', { url: `${server.url}/flaky` });
    expect(get.retryDelays).toEqual([2000]);
    expect(get.output).toMatchObject({ status: 200 });

    server.received.length = 0;
    server.handle(json(500, { message: 'boom' }));
    const post = await runNode(plugin, 'call', {
      method: 'POST',
      url: `${server.url}/orders`,
      body: { type: 'json', json: {} },
    });
    expect(post.error?.status).toBe(500);
    expect(server.received).toHaveLength(1);
  });

  test('names a bad URL and a bad method', async () => {
    const run = await runNode(plugin, 'call', { method: 'FETCH', url: 'ftp://example.test/x' });
    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.map((problem) => problem.path)).toEqual(['method', 'url']);
  });
});

describe('credentials on Call', () => {
  test('a bearer token is sent and kept out of logs, errors and output', async () => {
    const token = createCanary('bearer');
    server.handle(json(401, { message: `token ${token} is not valid here` }));
    const run = await runNode(
      plugin,
      'call',
      { url: `${server.url}/me` },
      {
        credential: { key: 'bearerToken', data: { token } },
      },
    );
    expect(server.received[0]?.headers.authorization).toBe(`Bearer ${token}`);
    expect(run.error?.status).toBe(401);
    assertNoCanary(token, { error: run.error, logs: run.logs, output: run.output });
  });

  test('header auth sends the named header', async () => {
    await runNode(
      plugin,
      'call',
      { url: `${server.url}/me` },
      {
        credential: { key: 'headerAuth', data: { name: 'X-API-Key', value: 'k-123456' } },
      },
    );
    expect(server.received[0]?.headers['x-api-key']).toBe('k-123456');
  });

  test('basic auth sends user and password, and masks the encoded pair', async () => {
    const password = createCanary('basic');
    server.handle((request, response) => {
      response
        .writeHead(400, { 'content-type': 'text/plain' })
        .end(`echo ${request.headers.authorization}`);
    });
    const run = await runNode(
      plugin,
      'call',
      { url: `${server.url}/me` },
      {
        credential: { key: 'basicAuth', data: { username: 'ann', password } },
      },
    );
    const expected = `Basic ${Buffer.from(`ann:${password}`).toString('base64')}`;
    expect(server.received[0]?.headers.authorization).toBe(expected);
    expect(run.error?.message).not.toContain(expected.slice(6));
    assertNoCanary(password, { error: run.error, logs: run.logs });
  });

  test('a custom OAuth2 credential sends its access token', async () => {
    await runNode(
      plugin,
      'call',
      { url: `${server.url}/me` },
      {
        credential: {
          key: 'oauth2',
          data: {
            authorizationUrl: 'https://auth.example.test/authorize',
            tokenUrl: 'https://auth.example.test/token',
            clientId: 'client',
            clientSecret: 'client-secret',
          },
          token: { accessToken: 'at-0123456789' },
        },
      },
    );
    expect(server.received[0]?.headers.authorization).toBe('Bearer at-0123456789');
  });

  test('"Test connection" calls the test URL with the credential, and says when there is none', async () => {
    server.handle((request, response) => {
      response.writeHead(request.headers.authorization === 'Bearer good-token' ? 204 : 401).end();
    });
    const good = await testCredential(plugin, {
      key: 'bearerToken',
      data: { token: 'good-token', testUrl: `${server.url}/ping` },
    });
    expect(good).toMatchObject({
      ok: true,
      message: `${server.url}/ping answered 204 with the credential applied`,
    });
    const bad = await testCredential(plugin, {
      key: 'bearerToken',
      data: { token: 'bad-token', testUrl: `${server.url}/ping` },
    });
    expect(bad).toMatchObject({ ok: false });
    expect(bad.hint).toMatch(/rejected the credential/);
    const untested = await testCredential(plugin, {
      key: 'bearerToken',
      data: { token: 'x-token' },
    });
    expect(untested.message).toMatch(/not checked/);
  });
});
