import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type BinaryData,
  createHttpClient,
  fullJitterDelay,
  type HttpAuth,
  type HttpClientOptions,
  IntegrationError,
  isBinaryData,
  RateLimiterRegistry,
  resolveServicePolicy,
  type ServicePolicy,
} from '../src/index.js';
import { closedPort, json, LocalServer, recordingSleep, text } from './fixtures/local-server.js';

const server = new LocalServer();
beforeAll(() => server.start());
afterAll(() => server.stop());

function client(policy: ServicePolicy = {}, options: Partial<HttpClientOptions> = {}) {
  const recorded = recordingSleep();
  const http = createHttpClient({
    service: 'acme',
    policy: resolveServicePolicy(policy),
    baseUrl: server.url,
    sleep: recorded.sleep,
    ...options,
  });
  return { http, delays: recorded.delays };
}

async function failure(promise: Promise<unknown>): Promise<IntegrationError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(IntegrationError);
    return error as IntegrationError;
  }
  throw new Error('expected the request to fail');
}

describe('retries', () => {
  test('retries a GET on 503 with growing backoff, then succeeds', async () => {
    server.replies(text(503, 'busy'), text(503, 'busy'), json(200, { ok: 1 }));
    const { http, delays } = client({ retry: { baseDelayMs: 100 } });

    const response = await http.request({ url: '/things' });

    expect(response.data).toEqual({ ok: 1 });
    expect(server.requests).toHaveLength(3);
    expect(delays).toHaveLength(2);
    expect(delays[0]).toBeGreaterThanOrEqual(0);
    expect(delays[0]).toBeLessThanOrEqual(100);
    expect(delays[1]).toBeLessThanOrEqual(200);
  });

  test('waits the Retry-After seconds the provider asked for', async () => {
    server.replies(json(429, {}, { 'retry-after': '7' }), json(200, { done: true }));
    const { http, delays } = client();

    const response = await http.request({ url: '/things' });

    expect(response.data).toEqual({ done: true });
    expect(delays).toEqual([7000]);
  });

  test('waits until the HTTP date a Retry-After header names', async () => {
    const at = new Date(Date.now() + 5_000).toUTCString();
    server.replies(json(503, {}, { 'retry-after': at }), json(200, { done: true }));
    const { http, delays } = client();

    await http.request({ url: '/things' });

    expect(delays).toHaveLength(1);
    // HTTP dates have whole seconds: the wait is between 4 and 5 seconds.
    expect(delays[0]).toBeGreaterThan(3_000);
    expect(delays[0]).toBeLessThanOrEqual(5_000);
  });

  test('waits for a GitHub-style reset time when the remaining budget is 0 on a 403', async () => {
    const reset = Math.ceil(Date.now() / 1000) + 3;
    server.replies(
      json(
        403,
        { message: 'API rate limit exceeded for user ID 1.' },
        { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
      ),
      json(200, { login: 'octocat' }),
    );
    const { http, delays } = client({
      rateLimit: {
        statuses: [403, 429],
        resetHeaders: [
          {
            header: 'x-ratelimit-reset',
            format: 'epoch-seconds',
            remainingHeader: 'x-ratelimit-remaining',
          },
        ],
      },
    });

    const response = await http.request({ url: '/user' });

    expect(response.data).toEqual({ login: 'octocat' });
    expect(delays).toHaveLength(1);
    // The reset is 3 to 4 seconds away, in whole seconds.
    expect(delays[0]).toBeGreaterThan(2_000);
    expect(delays[0]).toBeLessThanOrEqual(4_000);
  });

  test('does not treat a 403 as a rate limit while the GitHub budget is not used up', async () => {
    const reset = Math.ceil(Date.now() / 1000) + 3;
    server.replies(
      json(
        403,
        { message: 'Resource not accessible by integration' },
        { 'x-ratelimit-remaining': '4999', 'x-ratelimit-reset': String(reset) },
      ),
    );
    const { http, delays } = client({
      rateLimit: {
        statuses: [403, 429],
        resetHeaders: [
          {
            header: 'x-ratelimit-reset',
            format: 'epoch-seconds',
            remainingHeader: 'x-ratelimit-remaining',
          },
        ],
      },
    });

    const error = await failure(http.request({ url: '/repos/a/b' }));

    expect(server.requests).toHaveLength(1);
    expect(delays).toEqual([]);
    expect(error.status).toBe(403);
    expect(error.code).toBe('http_403');
    expect(error.message).toContain('Resource not accessible by integration');
  });

  test('waits the retry_after a Telegram body carries', async () => {
    server.replies(
      json(429, {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 5',
        parameters: { retry_after: 5 },
      }),
      json(200, { ok: true, result: { message_id: 1 } }),
    );
    const { http, delays } = client({
      rateLimit: { retryAfterBodyPath: 'parameters.retry_after' },
      errors: { okPath: 'ok', codePath: 'error_code', messagePath: 'description' },
    });

    const response = await http.request({ url: '/sendMessage', json: { chat_id: 1, text: 'hi' } });

    expect(response.data).toEqual({ ok: true, result: { message_id: 1 } });
    expect(delays).toEqual([5000]);
    expect(server.requests).toHaveLength(2);
  });

  test('counts a Google "User-rate limit exceeded" 403 as a rate limit and retries it', async () => {
    const googleBody = {
      error: {
        code: 403,
        message: 'User-rate limit exceeded.',
        errors: [
          {
            domain: 'usageLimits',
            reason: 'userRateLimitExceeded',
            message: 'User-rate limit exceeded.',
          },
        ],
      },
    };
    server.replies(json(403, googleBody), json(200, { files: [] }));
    const { http, delays } = client({
      rateLimit: { bodyPatterns: ['User-rate limit exceeded'] },
      retry: { baseDelayMs: 100 },
    });

    const response = await http.request({ url: '/drive/v3/files' });

    expect(response.data).toEqual({ files: [] });
    expect(server.requests).toHaveLength(2);
    expect(delays).toHaveLength(1);
  });

  test('does not repeat a POST that failed with 500: the server sees exactly one request', async () => {
    server.replies(json(500, { message: 'internal' }), json(200, {}));
    const { http, delays } = client();

    const error = await failure(
      http.request({ method: 'POST', url: '/charges', json: { amount: 1 } }),
    );

    expect(server.requests).toHaveLength(1);
    expect(delays).toEqual([]);
    expect(error.status).toBe(500);
    expect(error.retryable).toBe(true);
  });

  test('repeats a POST refused with 429, since nothing happened', async () => {
    server.replies(json(429, {}, { 'retry-after': '1' }), json(201, { id: 'msg_1' }));
    const { http } = client();

    const response = await http.request({ method: 'POST', url: '/messages', json: { text: 'hi' } });

    expect(response.status).toBe(201);
    expect(server.requests.map((request) => request.method)).toEqual(['POST', 'POST']);
  });

  test('repeats a POST with the same idempotency key on every attempt when the provider takes one', async () => {
    server.replies(json(500, {}), json(502, {}), json(200, { id: 'ch_1' }));
    const { http } = client({ retry: { idempotencyKeyHeader: 'Idempotency-Key' } });

    const response = await http.request({
      method: 'POST',
      url: '/v1/charges',
      form: { amount: 100 },
    });

    expect(response.data).toEqual({ id: 'ch_1' });
    const keys = server.requests.map((request) => request.headers['idempotency-key']);
    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keys).size).toBe(1);
  });

  test('keeps an idempotency key the caller set', async () => {
    server.replies(json(500, {}), json(200, {}));
    const { http } = client({ retry: { idempotencyKeyHeader: 'Idempotency-Key' } });

    await http.request({
      method: 'POST',
      url: '/v1/charges',
      headers: { 'Idempotency-Key': 'order-42' },
    });

    expect(server.requests.map((request) => request.headers['idempotency-key'])).toEqual([
      'order-42',
      'order-42',
    ]);
  });

  test('repeats a POST whose connection was refused, because it was never sent', async () => {
    const port = await closedPort();
    const late = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"sent":true}');
    });
    let waits = 0;
    const http = createHttpClient({
      service: 'acme',
      policy: resolveServicePolicy({}),
      baseUrl: `http://127.0.0.1:${port}`,
      // The server comes up while the client waits to retry.
      sleep: async () => {
        waits++;
        if (!late.listening)
          await new Promise<void>((resolve) => late.listen(port, '127.0.0.1', resolve));
      },
    });
    try {
      const response = await http.request({ method: 'POST', url: '/orders', json: { id: 1 } });
      expect(response.data).toEqual({ sent: true });
      expect(waits).toBe(1);
    } finally {
      late.closeAllConnections();
      await new Promise((resolve) => late.close(resolve));
    }
  });

  test('gives a network_error naming the host when the connection stays refused', async () => {
    const port = await closedPort();
    const { http, delays } = client(
      { retry: { maxAttempts: 3 } },
      { baseUrl: `http://127.0.0.1:${port}` },
    );

    const error = await failure(http.request({ url: '/x' }));

    expect(delays).toHaveLength(2);
    expect(error.code).toBe('network_error');
    expect(error.message).toContain(`127.0.0.1:${port}`);
    expect(error.retryable).toBe(true);
  });

  test('gives up after maxAttempts with an error carrying status, code and hint', async () => {
    server.replies(json(503, { error: { code: 'overloaded', message: 'Try later' } }));
    const { http, delays } = client({
      retry: { maxAttempts: 3 },
      errors: {
        codePath: 'error.code',
        hints: { overloaded: { hint: 'Acme is overloaded: wait a minute.' } },
      },
    });

    const error = await failure(http.request({ url: '/things' }));

    expect(server.requests).toHaveLength(3);
    expect(delays).toHaveLength(2);
    expect(error.service).toBe('acme');
    expect(error.status).toBe(503);
    expect(error.code).toBe('overloaded');
    expect(error.hint).toBe('Acme is overloaded: wait a minute.');
    expect(error.message).toBe('acme answered 503 (overloaded): Try later');
    expect(error.retryable).toBe(true);
  });

  test('fails at once, with the wait in retryAfterSeconds, when the provider asks for more than maxRetryAfterMs', async () => {
    server.replies(json(429, {}, { 'retry-after': '600' }), json(200, {}));
    const { http, delays } = client({ retry: { maxRetryAfterMs: 10_000 } });

    const error = await failure(http.request({ url: '/things' }));

    expect(server.requests).toHaveLength(1);
    expect(delays).toEqual([]);
    expect(error.code).toBe('rate_limited');
    expect(error.status).toBe(429);
    expect(error.retryAfterSeconds).toBe(600);
    expect(error.retryable).toBe(true);
  });

  test('does not retry a request marked retry: false', async () => {
    server.replies(json(503, {}), json(200, {}));
    const { http } = client();

    await failure(http.request({ url: '/things', retry: false }));

    expect(server.requests).toHaveLength(1);
  });
});

describe('full-jitter backoff', () => {
  const retry = resolveServicePolicy({ retry: { baseDelayMs: 500, maxDelayMs: 10_000 } }).retry;

  test('grows with each attempt and never exceeds the cap', () => {
    const ceilings = [1, 2, 3, 4, 5, 6, 7, 8].map((attempt) =>
      fullJitterDelay(attempt, retry, () => 1),
    );
    expect(ceilings).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
    for (const attempt of [1, 5, 10]) {
      for (const random of [0, 0.25, 0.5, 0.999]) {
        const delay = fullJitterDelay(attempt, retry, () => random);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(10_000);
      }
    }
  });

  test('picks a random point below the ceiling', () => {
    expect(fullJitterDelay(3, retry, () => 0)).toBe(0);
    expect(fullJitterDelay(3, retry, () => 0.5)).toBe(1000);
  });
});

describe('timeouts and cancellation', () => {
  test('a request slower than its timeout fails with code timeout', async () => {
    server.handle((_request, response) => {
      setTimeout(() => response.writeHead(200).end('late'), 1_000).unref();
    });
    const { http } = client();

    const started = performance.now();
    const error = await failure(http.request({ url: '/slow', timeoutMs: 50, retry: false }));

    expect(error.code).toBe('timeout');
    expect(error.message).toContain('50 ms');
    expect(performance.now() - started).toBeLessThan(900);
  });

  test("a request whose timeout ends after the run's deadline is ended by the run's timeout", async () => {
    server.handle((_request, response) => {
      setTimeout(() => response.writeHead(200).end('late'), 1_000).unref();
    });
    const { http } = client(
      {},
      { signal: AbortSignal.timeout(50), signalDeadline: performance.now() + 50 },
    );

    const started = performance.now();
    const error = await failure(http.request({ url: '/slow', timeoutMs: 10_000, retry: false }));

    expect(error.code).toBe('timeout');
    expect(error.message).toBe('The acme node ran out of time');
    expect(performance.now() - started).toBeLessThan(900);
  });

  test("a request whose timeout ends before the run's deadline keeps its own timer", async () => {
    server.handle((_request, response) => {
      setTimeout(() => response.writeHead(200).end('late'), 1_000).unref();
    });
    const run = new AbortController();
    const { http } = client({}, { signal: run.signal, signalDeadline: performance.now() + 60_000 });

    const started = performance.now();
    const error = await failure(http.request({ url: '/slow', timeoutMs: 50, retry: false }));

    expect(error.code).toBe('timeout');
    expect(error.message).toContain('within 50 ms');
    expect(performance.now() - started).toBeLessThan(900);
  });

  test('cancelling the run while waiting to retry rejects promptly with code cancelled', async () => {
    server.replies(json(503, {}, { 'retry-after': '30' }));
    const controller = new AbortController();
    // The real sleep: the abort has to cut a 30 s wait short.
    const http = createHttpClient({
      service: 'acme',
      policy: resolveServicePolicy({}),
      baseUrl: server.url,
      signal: controller.signal,
    });

    const started = performance.now();
    const pending = failure(http.request({ url: '/things' }));
    setTimeout(() => controller.abort(), 50);
    const error = await pending;

    expect(error.code).toBe('cancelled');
    expect(server.requests).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  test('an already-cancelled run does not reach the server', async () => {
    server.replies(json(200, {}));
    const controller = new AbortController();
    controller.abort();
    const { http } = client({}, { signal: controller.signal });

    const error = await failure(http.request({ url: '/things' }));

    expect(error.code).toBe('cancelled');
    expect(server.requests).toHaveLength(0);
  });
});

describe('provider errors', () => {
  const slack: ServicePolicy = {
    errors: {
      okPath: 'ok',
      codePath: 'error',
      textBodyIsCode: true,
      hints: {
        not_in_channel: { hint: 'Invite the bot to the channel (/invite @bot), then run again.' },
        invalid_payload: { hint: 'The message is malformed: check the blocks JSON.' },
      },
    },
  };

  test('an ok:false answer on HTTP 200 becomes an error with the provider code and its hint', async () => {
    server.replies(json(200, { ok: false, error: 'not_in_channel' }));
    const { http } = client(slack);

    const error = await failure(
      http.request({ url: '/chat.postMessage', json: { channel: 'C1' } }),
    );

    expect(error.code).toBe('not_in_channel');
    expect(error.status).toBe(200);
    expect(error.hint).toBe('Invite the bot to the channel (/invite @bot), then run again.');
    expect(error.message).toContain('not_in_channel');
  });

  test('a plain-text invalid_payload body is read as the error code', async () => {
    server.replies(text(400, 'invalid_payload'));
    const { http } = client(slack);

    const error = await failure(http.request({ url: '/services/T/B/X', json: { text: '' } }));

    expect(error.code).toBe('invalid_payload');
    expect(error.status).toBe(400);
    expect(error.hint).toBe('The message is malformed: check the blocks JSON.');
  });

  test('an unknown failure gets a hint for its status and keeps the request id', async () => {
    server.replies(json(404, { message: 'Not Found' }, { 'x-request-id': 'req-77' }));
    const { http } = client();

    const error = await failure(http.request({ url: '/things/9' }));

    expect(error.code).toBe('http_404');
    expect(error.hint).toMatch(/found nothing/);
    expect(error.retryable).toBe(false);
    expect(error.details).toEqual({ providerMessage: 'Not Found', requestId: 'req-77' });
  });

  test('throwOnError: false hands back the failed response', async () => {
    server.replies(json(404, { message: 'Not Found' }));
    const { http } = client();

    const response = await http.request({ url: '/things/9', throwOnError: false });

    expect(response.status).toBe(404);
    expect(response.data).toEqual({ message: 'Not Found' });
  });
});

describe('request shape', () => {
  test('a relative URL joins the base URL and keeps its path', async () => {
    server.replies(json(200, { ok: true }));
    const { http } = client({}, { baseUrl: `${server.url}/api/` });

    await http.request({ url: '/chat.postMessage', json: { text: 'hi' } });

    expect(server.requests[0]?.url).toBe('/api/chat.postMessage');
    expect(server.requests[0]?.method).toBe('POST');
    expect(server.requests[0]?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ text: 'hi' });
  });

  test('a relative URL without a base URL is refused with a hint', async () => {
    const { http } = client({}, { baseUrl: undefined });

    const error = await failure(http.request({ url: '/me' }));

    expect(error.code).toBe('invalid_url');
    expect(error.hint).toMatch(/base URL/);
  });

  test('array query values repeat the parameter; empty ones are left out', async () => {
    server.replies(json(200, {}));
    const { http } = client();

    await http.request({
      url: '/search',
      query: { id: [1, 2], q: 'a b', skip: undefined, none: null },
    });

    expect(server.requests[0]?.url).toBe('/search?id=1&id=2&q=a+b');
  });

  test('a form body is sent url-encoded, leaving out undefined fields', async () => {
    server.replies(json(200, {}));
    const { http } = client();

    await http.request({
      url: '/token',
      form: { grant_type: 'client_credentials', scope: 'a b', extra: undefined },
    });

    const seen = server.requests[0]!;
    expect(seen.method).toBe('POST');
    expect(seen.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(seen.body).toBe('grant_type=client_credentials&scope=a+b');
  });

  test('identifies itself with a knotwork user agent unless the plugin sets one', async () => {
    server.replies(json(200, {}));
    const { http } = client();

    await http.request({ url: '/a' });
    await http.request({ url: '/b', headers: { 'User-Agent': 'my-bot/1.0' } });

    expect(server.requests[0]?.headers['user-agent']).toMatch(/^knotwork\/\d+\.\d+\.\d+/);
    expect(server.requests[1]?.headers['user-agent']).toBe('my-bot/1.0');
  });
});

describe('responses', () => {
  test('a binary response becomes BinaryData named by Content-Disposition', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
    server.handle((_request, response) => {
      response
        .writeHead(200, {
          'content-type': 'image/png',
          'content-disposition': 'attachment; filename="chart.png"',
        })
        .end(bytes);
    });
    const { http } = client();

    const response = await http.request<BinaryData>({ url: '/files/42/download' });

    expect(isBinaryData(response.data)).toBe(true);
    expect(response.data.fileName).toBe('chart.png');
    expect(response.data.mimeType).toBe('image/png');
    expect(response.data.size).toBe(8);
    expect(Buffer.from(response.data.bytes!)).toEqual(bytes);
  });

  test('a UTF-8 filename* wins, and without Content-Disposition the URL names the file', async () => {
    server.replies(
      (_request, response) => {
        response
          .writeHead(200, {
            'content-type': 'application/pdf',
            'content-disposition': `attachment; filename="report.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf`,
          })
          .end('%PDF');
      },
      (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/octet-stream' }).end('raw');
      },
    );
    const { http } = client();

    const named = await http.request<BinaryData>({ url: '/files/1' });
    const unnamed = await http.request<BinaryData>({ url: '/exports/data%20dump.bin' });

    expect(named.data.fileName).toBe('résumé.pdf');
    expect(unnamed.data.fileName).toBe('data dump.bin');
  });

  test('the policy fetch returns a failed Response after its retries instead of throwing', async () => {
    server.replies(json(503, { message: 'down' }));
    const { http, delays } = client({ retry: { maxAttempts: 2 } });

    const response = await http.fetch(`${server.url}/v1/customers`, { method: 'GET' });

    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ message: 'down' });
    expect(server.requests).toHaveLength(2);
    expect(delays).toHaveLength(1);
  });

  test('the policy fetch passes a success through untouched', async () => {
    server.replies(json(200, { id: 'cus_1' }));
    const { http } = client();

    const response = await http.fetch(
      new Request(`${server.url}/v1/customers`, { method: 'POST', body: 'name=a' }),
    );

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: 'cus_1' });
    expect(server.requests[0]?.method).toBe('POST');
    expect(server.requests[0]?.body).toBe('name=a');
  });
});

describe('pagination', () => {
  test('follows a cursor in the query string until the body says there is no more', async () => {
    const pages: Record<string, unknown> = {
      '': { items: [1, 2], has_more: true, next: 'c2' },
      c2: { items: [3, 4], has_more: true, next: 'c3' },
      c3: { items: [5], has_more: false, next: 'c4' },
    };
    server.handle((request, response) => {
      const cursor = new URL(request.url, 'http://x').searchParams.get('cursor') ?? '';
      json(200, pages[cursor] ?? { items: ['unexpected'] })(request, response);
    });
    const { http } = client();

    const items: unknown[] = [];
    for await (const item of http.paginate(
      { url: '/list', query: { limit: 2 } },
      {
        type: 'cursor',
        itemsPath: 'items',
        cursorPath: 'next',
        cursorParam: 'cursor',
        hasMorePath: 'has_more',
      },
    )) {
      items.push(item);
    }

    expect(items).toEqual([1, 2, 3, 4, 5]);
    expect(server.requests.map((request) => request.url)).toEqual([
      '/list?limit=2',
      '/list?limit=2&cursor=c2',
      '/list?limit=2&cursor=c3',
    ]);
  });

  test('sends the cursor inside the JSON body (Notion style)', async () => {
    server.handle((request, response) => {
      const body = JSON.parse(request.body) as { start_cursor?: string };
      json(
        200,
        body.start_cursor === 'p2'
          ? { results: [{ id: 'b' }], has_more: false, next_cursor: null }
          : { results: [{ id: 'a' }], has_more: true, next_cursor: 'p2' },
      )(request, response);
    });
    const { http } = client();

    const ids: string[] = [];
    for await (const page of http.paginate<{ id: string }>(
      { method: 'POST', url: '/v1/databases/db1/query', json: { page_size: 1 } },
      {
        type: 'cursor',
        itemsPath: 'results',
        cursorPath: 'next_cursor',
        cursorParam: 'start_cursor',
        cursorIn: 'json',
        hasMorePath: 'has_more',
      },
    )) {
      ids.push(page.id);
    }

    expect(ids).toEqual(['a', 'b']);
    expect(server.requests.map((request) => JSON.parse(request.body))).toEqual([
      { page_size: 1 },
      { page_size: 1, start_cursor: 'p2' },
    ]);
  });

  test('follows GitHub-style Link headers across several pages', async () => {
    server.handle((request, response) => {
      const page = Number(new URL(request.url, 'http://x').searchParams.get('page') ?? '1');
      const links = [
        page < 3 ? `<${server.url}/repos/a/b/issues?per_page=2&page=${page + 1}>; rel="next"` : '',
        `<${server.url}/repos/a/b/issues?per_page=2&page=3>; rel="last"`,
      ]
        .filter(Boolean)
        .join(', ');
      const items = page < 3 ? [{ n: page * 2 - 1 }, { n: page * 2 }] : [{ n: 5 }];
      json(200, items, { link: links })(request, response);
    });
    const { http } = client();

    const numbers: number[] = [];
    for await (const issue of http.paginate<{ n: number }>(
      { url: '/repos/a/b/issues', query: { per_page: 2 } },
      { type: 'link' },
    )) {
      numbers.push(issue.n);
    }

    expect(numbers).toEqual([1, 2, 3, 4, 5]);
    expect(server.requests.map((request) => request.url)).toEqual([
      '/repos/a/b/issues?per_page=2',
      '/repos/a/b/issues?per_page=2&page=2',
      '/repos/a/b/issues?per_page=2&page=3',
    ]);
  });

  test('numbered pages stop at the first short page', async () => {
    server.handle((request, response) => {
      const page = Number(new URL(request.url, 'http://x').searchParams.get('page'));
      json(200, { data: page === 1 ? ['a', 'b'] : page === 2 ? ['c'] : ['never'] })(
        request,
        response,
      );
    });
    const { http } = client();

    const items: string[] = [];
    for await (const item of http.paginate<string>(
      { url: '/records' },
      {
        type: 'page',
        itemsPath: 'data',
        pageParam: 'page',
        pageSizeParam: 'per_page',
        pageSize: 2,
      },
    )) {
      items.push(item);
    }

    expect(items).toEqual(['a', 'b', 'c']);
    expect(server.requests.map((request) => request.url)).toEqual([
      '/records?page=1&per_page=2',
      '/records?page=2&per_page=2',
    ]);
  });

  test('maxItems stops reading and fetches no further page', async () => {
    server.handle((request, response) => {
      json(200, { items: [1, 2, 3], next: 'more' })(request, response);
    });
    const { http } = client();

    const items: unknown[] = [];
    for await (const item of http.paginate(
      { url: '/list' },
      { type: 'cursor', itemsPath: 'items', cursorPath: 'next', cursorParam: 'cursor' },
      { maxItems: 2 },
    )) {
      items.push(item);
    }

    expect(items).toEqual([1, 2]);
    expect(server.requests).toHaveLength(1);
  });

  test('an answer without a list at itemsPath is an unexpected_response error', async () => {
    server.replies(json(200, { results: 'nope' }));
    const { http } = client();

    const read = async () => {
      for await (const _item of http.paginate(
        { url: '/list' },
        { type: 'link', itemsPath: 'results' },
      )) {
        // drain
      }
    };
    const error = await failure(read());

    expect(error.code).toBe('unexpected_response');
    expect(error.message).toContain('"results"');
  });
});

describe('auth', () => {
  test('applies auth on every attempt and refreshes once when the token expired, then retries with the new token', async () => {
    server.handle((request, response) => {
      if (request.headers.authorization === 'Bearer fresh')
        json(200, { ok: true })(request, response);
      else json(401, { error: 'token_expired' })(request, response);
    });
    let token = 'stale';
    let applied = 0;
    let refreshed = 0;
    const auth: HttpAuth = {
      apply: (outgoing) => {
        applied++;
        outgoing.headers.set('authorization', `Bearer ${token}`);
      },
      refresh: async () => {
        refreshed++;
        token = 'fresh';
        return true;
      },
      signalsExpiry: (status) => status === 401,
    };
    const { http } = client({}, { auth });

    const response = await http.request({ url: '/me' });

    expect(response.data).toEqual({ ok: true });
    expect(refreshed).toBe(1);
    expect(applied).toBe(2);
    expect(server.requests.map((request) => request.headers.authorization)).toEqual([
      'Bearer stale',
      'Bearer fresh',
    ]);
  });

  test('refreshes only once even when the new token is refused too', async () => {
    server.replies(json(401, { error: 'invalid_auth' }));
    let refreshed = 0;
    const auth: HttpAuth = {
      apply: (outgoing) => outgoing.headers.set('authorization', 'Bearer x'),
      refresh: async () => {
        refreshed++;
        return true;
      },
      signalsExpiry: (status) => status === 401,
    };
    const { http } = client({}, { auth });

    const error = await failure(http.request({ url: '/me' }));

    expect(refreshed).toBe(1);
    expect(server.requests).toHaveLength(2);
    expect(error.status).toBe(401);
    expect(error.hint).toMatch(/credential/);
  });

  test('auth: false leaves the credential out', async () => {
    server.replies(json(200, {}));
    const auth: HttpAuth = {
      apply: (outgoing) => outgoing.headers.set('authorization', 'Bearer secret'),
    };
    const { http } = client({}, { auth });

    await http.request({ url: '/public', auth: false });

    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });
});

describe('rate limits', () => {
  test('with a rule of 2 requests per second the third request waits its turn', async () => {
    server.replies(json(200, {}));
    const limiters = new RateLimiterRegistry();
    const { http } = client(
      { rateLimit: { rules: [{ requests: 2, perSeconds: 1 }] } },
      { limiters, credentialKey: 'cred-1' },
    );

    await Promise.all([1, 2, 3].map((n) => http.request({ url: `/n/${n}` })));

    const times = server.requests.map((request) => request.at).sort((a, b) => a - b);
    expect(times).toHaveLength(3);
    expect(times[1]! - times[0]!).toBeLessThan(500);
    expect(times[2]! - times[0]!).toBeGreaterThanOrEqual(900);
  });
});

describe('service policy details', () => {
  test('sends the service’s own headers, and a request’s header wins', async () => {
    server.replies(json(200, {}), json(200, {}));
    const { http } = client({ headers: { 'Notion-Version': '2022-06-28', 'X-Trace': 'service' } });

    await http.request({ url: '/a' });
    await http.request({ url: '/b', headers: { 'x-trace': 'request' } });

    expect(server.requests[0]?.headers['notion-version']).toBe('2022-06-28');
    expect(server.requests[0]?.headers['x-trace']).toBe('service');
    expect(server.requests[1]?.headers['x-trace']).toBe('request');
  });

  test('a rate-limited 403 gets the rate-limit hint, not the permission hint', async () => {
    server.replies(json(403, { message: 'slow down' }, { 'retry-after': '600' }));
    const { http } = client({
      rateLimit: { statuses: [403, 429] },
      errors: { statusHints: { '403': { hint: 'Grant the repo scope.' } } },
    });

    const error = await failure(http.request({ url: '/a' }));

    expect(error.hint).toMatch(/rate limiting/);
    expect(error.retryAfterSeconds).toBe(600);
  });

  test('an ordinary 404 carrying rate-limit headers is no advice to wait', async () => {
    server.replies(
      json(
        404,
        { message: 'Not Found' },
        {
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': `${Math.floor(Date.now() / 1000) + 60}`,
        },
      ),
    );
    const { http } = client({
      rateLimit: {
        resetHeaders: [
          {
            header: 'x-ratelimit-reset',
            format: 'epoch-seconds',
            remainingHeader: 'x-ratelimit-remaining',
          },
        ],
      },
    });

    const error = await failure(http.request({ url: '/missing' }));

    expect(error.status).toBe(404);
    expect(error.retryAfterSeconds).toBeUndefined();
  });

  test('waits at least minWaitMs after a rate-limit refusal that names no wait', async () => {
    server.replies(json(429, {}), json(200, { ok: true }));
    const { http, delays } = client({
      rateLimit: { minWaitMs: 60_000 },
      retry: { maxRetryAfterMs: 120_000 },
    });

    await http.request({ url: '/a' });

    expect(delays).toEqual([60_000]);
  });

  test('a hint marked not retryable stops even a 429 from being retried', async () => {
    server.replies(json(429, { type: 'usage-capped' }));
    const { http, delays } = client({
      errors: {
        codePath: 'type',
        hints: { 'usage-capped': { hint: 'Monthly cap reached.', retryable: false } },
      },
    });

    const error = await failure(http.request({ url: '/a' }));

    expect(error.code).toBe('usage-capped');
    expect(error.retryable).toBe(false);
    expect(delays).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  test('paginate reads a page without its list key as empty', async () => {
    server.replies(
      json(200, { data: [1, 2], meta: { next_token: 't2' } }),
      json(200, { meta: { result_count: 0 } }),
    );
    const { http } = client();

    const items: unknown[] = [];
    for await (const item of http.paginate(
      { url: '/search' },
      {
        type: 'cursor',
        itemsPath: 'data',
        cursorPath: 'meta.next_token',
        cursorParam: 'next_token',
      },
    )) {
      items.push(item);
    }

    expect(items).toEqual([1, 2]);
    expect(server.requests[1]?.url).toBe('/search?next_token=t2');
  });

  test('an auth that rewrites the URL sees the original on every attempt', async () => {
    server.replies(text(503, 'busy'), json(200, { ok: true }));
    const seen: string[] = [];
    const auth: HttpAuth = {
      apply: ({ url }) => {
        seen.push(url.pathname);
        url.pathname = `/botSECRET${url.pathname}`;
      },
    };
    const { http } = client({}, { auth });

    await http.request({ url: '/getMe' });

    expect(seen).toEqual(['/getMe', '/getMe']);
    expect(server.requests.map((request) => request.url)).toEqual([
      '/botSECRET/getMe',
      '/botSECRET/getMe',
    ]);
  });
});
