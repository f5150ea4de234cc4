import { assertNoCanary, nock, recordRequests, runNode } from '@knotwork/testing';
import { describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import {
  canaryToken,
  DATABASE_ID,
  expectNotionHeaders,
  fixture,
  integrationCredential,
  NOTION_ORIGIN,
  notionError,
  useClosedNetwork,
} from './support.js';

useClosedNetwork();

const QUERY = `/v1/databases/${DATABASE_ID}/query`;
const FILTER = { property: 'In stock', checkbox: { equals: false } };
const SORTS = [{ property: 'Name', direction: 'ascending' }];

interface QueryOutput {
  results: Array<{ id: string }>;
  count: number;
  hasMore: boolean;
}

describe('Query Database', () => {
  test('posts the filter and sorts, then follows next_cursor as start_cursor until has_more is false', async () => {
    const token = canaryToken();
    const scope = nock(NOTION_ORIGIN)
      .post(QUERY)
      .reply(200, fixture('query-page-1.json'))
      .post(QUERY)
      .reply(200, fixture('query-page-2.json'));
    const requests = recordRequests(scope);

    const run = await runNode<QueryOutput>(
      plugin,
      'queryDatabase',
      { database_id: DATABASE_ID, filter: FILTER, sorts: SORTS },
      { credential: integrationCredential(token) },
    );

    expect(run.error).toBeUndefined();
    expect(run.output?.results.map((page) => page.id)).toEqual([
      '59833787-2cf9-4fdf-8782-e53db20768a5',
      '7a3a8f6e-1a4b-4e2b-9d6c-3c1f5b2e8d90',
    ]);
    expect(run.output).toMatchObject({ count: 2, hasMore: false });
    expect(requests.map((request) => request.body)).toEqual([
      { filter: FILTER, sorts: SORTS, page_size: 100 },
      {
        filter: FILTER,
        sorts: SORTS,
        page_size: 100,
        start_cursor: '5e9bcda8-8a5c-4c57-8f1b-4d7a9e9d2f11',
      },
    ]);
    expect(requests[0]?.url).toBe(`https://api.notion.com${QUERY}`);
    expectNotionHeaders(requests[0], token);
    expectNotionHeaders(requests[1], token);
    expect(requests[0]?.headers['content-type']).toBe('application/json');
    assertNoCanary(token, { logs: run.logs, output: run.output });
  });

  test.each([
    [
      'a link with a view',
      'https://www.notion.so/acme/d9824bdc84454327be8b5b47500af6ce?v=4f5b6c7d8e9f40a1b2c3d4e5f6a7b8c9',
    ],
    ['an undashed id', 'd9824bdc84454327be8b5b47500af6ce'],
    ['an upper-case dashed id', 'D9824BDC-8445-4327-BE8B-5B47500AF6CE'],
  ])('accepts %s and queries the database by its dashed id', async (_kind, database_id) => {
    const scope = nock(NOTION_ORIGIN).post(QUERY).reply(200, fixture('query-page-2.json'));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'queryDatabase',
      { database_id },
      { credential: integrationCredential() },
    );

    expect(run.ok).toBe(true);
    expect(requests[0]?.path).toBe(QUERY);
    expect(requests[0]?.body).toEqual({ page_size: 100 });
  });

  test('takes the filter and sorts as JSON text, as a workflow expression may give them', async () => {
    const scope = nock(NOTION_ORIGIN).post(QUERY).reply(200, fixture('query-page-2.json'));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'queryDatabase',
      { database_id: DATABASE_ID, filter: JSON.stringify(FILTER), sorts: JSON.stringify(SORTS) },
      { credential: integrationCredential() },
    );

    expect(run.ok).toBe(true);
    expect(requests[0]?.body).toEqual({ filter: FILTER, sorts: SORTS, page_size: 100 });
  });

  test('stops at maxItems, asks only for what it needs, and says more exist', async () => {
    // Asked for maxItems + 1, Notion sends two results: one to return, one to prove there is more.
    const first = fixture<{ results: unknown[] }>('query-page-1.json');
    const second = fixture<{ results: unknown[] }>('query-page-2.json');
    const scope = nock(NOTION_ORIGIN)
      .post(QUERY)
      .reply(200, { ...first, results: [...first.results, ...second.results] });
    const requests = recordRequests(scope);

    const run = await runNode<QueryOutput>(
      plugin,
      'queryDatabase',
      { database_id: DATABASE_ID, maxItems: 1 },
      { credential: integrationCredential() },
    );

    expect(run.output).toMatchObject({ count: 1, hasMore: true });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.body).toEqual({ page_size: 2 });
  });
});

describe('Query Database when Notion refuses or struggles', () => {
  test('tells the user to share the database with the integration on object_not_found', async () => {
    nock(NOTION_ORIGIN).post(QUERY).reply(404, notionError('object_not_found'));

    const run = await runNode(
      plugin,
      'queryDatabase',
      { database_id: DATABASE_ID },
      { credential: integrationCredential() },
    );

    expect(run.error?.code).toBe('object_not_found');
    expect(run.error?.status).toBe(404);
    expect(run.error?.retryable).toBe(false);
    expect(run.error?.hint).toContain('••• → Connections');
    expect(run.error?.message).toContain('Make sure the relevant pages and databases are shared');
    expect(run.error?.details?.request_id).toBe('8e1d6c2a-1f0b-4d7e-9f55-3a2f8c4b6d71');
  });

  test.each([
    ['validation_error', 400, 'names it'],
    ['unauthorized', 401, 'Internal Integration Secret'],
    ['restricted_resource', 403, 'Read content'],
  ])('maps %s (HTTP %i) to its hint', async (code, status, hintPhrase) => {
    const scope = nock(NOTION_ORIGIN).post(QUERY).reply(status, notionError(code));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'queryDatabase',
      { database_id: DATABASE_ID },
      { credential: integrationCredential() },
    );

    expect(run.error?.code).toBe(code);
    expect(run.error?.status).toBe(status);
    expect(run.error?.hint).toContain(hintPhrase);
    expect(requests).toHaveLength(1);
  });

  test('waits for Retry-After on rate_limited, then carries on from the same cursor', async () => {
    const scope = nock(NOTION_ORIGIN)
      .post(QUERY)
      .reply(200, fixture('query-page-1.json'))
      .post(QUERY)
      .reply(429, notionError('rate_limited'), { 'retry-after': '2' })
      .post(QUERY)
      .reply(200, fixture('query-page-2.json'));
    const requests = recordRequests(scope);

    const run = await runNode<QueryOutput>(
      plugin,
      'queryDatabase',
      { database_id: DATABASE_ID },
      { credential: integrationCredential() },
    );

    expect(run.retryDelays).toEqual([2_000]);
    expect(run.output?.count).toBe(2);
    expect(
      requests.map((request) => (request.body as { start_cursor?: string }).start_cursor),
    ).toEqual([
      undefined,
      '5e9bcda8-8a5c-4c57-8f1b-4d7a9e9d2f11',
      '5e9bcda8-8a5c-4c57-8f1b-4d7a9e9d2f11',
    ]);
  });

  test.each(['service_unavailable', 'database_connection_unavailable', 'gateway_timeout'])(
    'retries the read-only query after %s',
    async (code) => {
      const body = notionError(code);
      const scope = nock(NOTION_ORIGIN)
        .post(QUERY)
        .reply(Number(body.status), body)
        .post(QUERY)
        .reply(200, fixture('query-page-2.json'));
      const requests = recordRequests(scope);

      const run = await runNode<QueryOutput>(
        plugin,
        'queryDatabase',
        { database_id: DATABASE_ID },
        { credential: integrationCredential() },
      );

      expect(requests).toHaveLength(2);
      expect(run.retryDelays).toHaveLength(1);
      expect(run.output?.count).toBe(1);
    },
  );

  test('gives up after five attempts and reports the last error as retryable', async () => {
    nock(NOTION_ORIGIN).post(QUERY).times(5).reply(500, notionError('internal_server_error'));

    const run = await runNode(
      plugin,
      'queryDatabase',
      { database_id: DATABASE_ID },
      { credential: integrationCredential() },
    );

    expect(run.retryDelays).toHaveLength(4);
    expect(run.error?.code).toBe('internal_server_error');
    expect(run.error?.retryable).toBe(true);
    expect(run.error?.hint).toContain('status.notion.so');
  });
});

describe('Query Database input', () => {
  test.each([
    [{ database_id: 'my grocery list' }, 'database_id', 'or its Notion link'],
    [{ database_id: DATABASE_ID, filter: '[1, 2]' }, 'filter', 'must be a JSON object'],
    [{ database_id: DATABASE_ID, filter: '{not json' }, 'filter', 'must be a JSON object'],
    [{ database_id: DATABASE_ID, sorts: { property: 'Name' } }, 'sorts', 'JSON array'],
    [{ database_id: DATABASE_ID, page_size: 101 }, 'page_size', ''],
  ])('names the bad field in %j', async (input, path, messagePhrase) => {
    const run = await runNode(plugin, 'queryDatabase', input, {
      credential: integrationCredential(),
    });

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.map((problem) => problem.path)).toEqual([path]);
    expect(run.error?.fields?.[0]?.message).toContain(messagePhrase);
  });
});
