import { assertNoCanary, createCanary, nock, recordRequests, runNode } from '@knotwork/testing';
import { afterEach, describe, expect, test, vi } from 'vitest';
import plugin from '../src/index.js';
import {
  bearerCredential,
  epochSeconds,
  fixture,
  oauthCredential,
  useClosedNetwork,
  X_ORIGIN,
} from './support.js';

useClosedNetwork();
afterEach(() => {
  vi.useRealTimers();
});

const SEARCH = '/2/tweets/search/recent';

interface SearchOutput {
  tweets: Array<{ id: string }>;
  includes: Record<string, Array<{ id: string }>>;
  meta: Record<string, unknown>;
  errors?: unknown[];
}

describe('Search Recent', () => {
  test('follows next_token to the last page, tolerating a final page without data', async () => {
    const token = createCanary('bearer-token');
    const scope = nock(X_ORIGIN)
      .get(SEARCH)
      .query(true)
      .reply(200, fixture('search-page-1.json'))
      .get(SEARCH)
      .query(true)
      .reply(200, fixture('search-page-2.json'))
      .get(SEARCH)
      .query(true)
      .reply(200, fixture('search-empty-page.json'));
    const requests = recordRequests(scope);

    const run = await runNode<SearchOutput>(
      plugin,
      'searchRecent',
      {
        query: 'python lang:en -is:retweet',
        tweet_fields: 'created_at, author_id',
        expansions: ['author_id'],
        user_fields: 'username',
      },
      { credential: bearerCredential(token) },
    );

    expect(run.error).toBeUndefined();
    expect(requests.map((request) => new URL(request.url).searchParams.get('next_token'))).toEqual([
      null,
      'b26v89c19zqg8o3fo7gghep0wmpt92c0wn0jiqwtc7tdp',
      'b26v89c19zqg8o3fo7gghep0wmpt92c0wn0jiqwtc7tdq',
    ]);
    const first = new URL(requests[0]?.url ?? '');
    expect(first.pathname).toBe('/2/tweets/search/recent');
    expect(Object.fromEntries(first.searchParams)).toEqual({
      query: 'python lang:en -is:retweet',
      max_results: '100',
      'tweet.fields': 'created_at,author_id',
      expansions: 'author_id',
      'user.fields': 'username',
    });
    expect(requests[0]?.headers.authorization).toBe(`Bearer ${token}`);
    expect(run.output?.tweets.map((tweet) => tweet.id)).toEqual([
      '1234567890123456789',
      '1234567890123456788',
      '1234567890123456787',
    ]);
    // The author on both pages is kept once.
    expect(run.output?.includes.users?.map((user) => user.id)).toEqual([
      '9876543210',
      '1111111111',
    ]);
    expect(run.output?.meta).toEqual({
      result_count: 3,
      pages: 3,
      newest_id: '1234567890123456789',
      oldest_id: '1234567890123456787',
    });
    assertNoCanary(token, { logs: run.logs, output: run.output });
  });

  test('answers an empty list when nothing matches', async () => {
    nock(X_ORIGIN).get(SEARCH).query(true).reply(200, fixture('search-empty-page.json'));

    const run = await runNode<SearchOutput>(
      plugin,
      'searchRecent',
      { query: 'nothing-matches-this' },
      { credential: oauthCredential() },
    );

    expect(run.output).toEqual({ tweets: [], includes: {}, meta: { result_count: 0, pages: 1 } });
  });

  test('stops at the limit, asks only for what it still needs and hands back the next token', async () => {
    const scope = nock(X_ORIGIN)
      .get(SEARCH)
      .query(true)
      .reply(200, fixture('search-page-1.json'))
      .get(SEARCH)
      .query(true)
      .reply(200, fixture('search-page-2.json'));
    const requests = recordRequests(scope);

    const run = await runNode<SearchOutput>(
      plugin,
      'searchRecent',
      { query: 'python', limit: 3, max_results: 50 },
      { credential: oauthCredential() },
    );

    expect(requests.map((request) => new URL(request.url).searchParams.get('max_results'))).toEqual(
      ['10', '10'],
    );
    expect(run.output?.tweets).toHaveLength(3);
    expect(run.output?.meta.next_token).toBe('b26v89c19zqg8o3fo7gghep0wmpt92c0wn0jiqwtc7tdq');
  });

  test('sends the time window in the format X wants', async () => {
    const scope = nock(X_ORIGIN)
      .get(SEARCH)
      .query(true)
      .reply(200, fixture('search-empty-page.json'));
    const requests = recordRequests(scope);

    await runNode(
      plugin,
      'searchRecent',
      {
        query: 'python',
        start_time: '2025-01-15T12:00:00.000+02:00',
        end_time: '2025-01-16T00:00:00Z',
        sort_order: 'relevancy',
      },
      { credential: oauthCredential() },
    );

    const sent = new URL(requests[0]?.url ?? '').searchParams;
    expect(sent.get('start_time')).toBe('2025-01-15T10:00:00Z');
    expect(sent.get('end_time')).toBe('2025-01-16T00:00:00Z');
    expect(sent.get('sort_order')).toBe('relevancy');
  });

  test('passes on partial errors and warns about them', async () => {
    const problem = {
      value: '1234567890123456000',
      detail: 'Could not find tweet with referenced_tweets.id: [1234567890123456000].',
      title: 'Not Found Error',
      resource_type: 'tweet',
      parameter: 'referenced_tweets.id',
      resource_id: '1234567890123456000',
      type: 'https://api.twitter.com/2/problems/resource-not-found',
    };
    nock(X_ORIGIN)
      .get(SEARCH)
      .query(true)
      .reply(200, {
        ...fixture('search-page-2.json'),
        meta: { result_count: 1 },
        errors: [problem],
      });

    const run = await runNode<SearchOutput>(
      plugin,
      'searchRecent',
      { query: 'python', expansions: 'referenced_tweets.id' },
      { credential: oauthCredential() },
    );

    expect(run.output?.errors).toEqual([problem]);
    expect(
      run.logs.some((record) => record.level === 'warn' && /1 expanded/.test(record.message)),
    ).toBe(true);
  });
});

describe('Search Recent when X refuses', () => {
  test('names the bad parameter from an invalid-request answer', async () => {
    nock(X_ORIGIN).get(SEARCH).query(true).reply(400, fixture('invalid-start-time.json'));

    const run = await runNode(
      plugin,
      'searchRecent',
      { query: 'python', start_time: '2025-01-01T00:00:00Z' },
      { credential: oauthCredential() },
    );

    expect(run.error?.code).toBe('invalid-request');
    expect(run.error?.status).toBe(400);
    expect(run.error?.message).toContain("'start_time' must be on or after");
    expect(run.error?.hint).toContain('last 7 days');
    expect(run.error?.details?.errors).toEqual(fixture('invalid-start-time.json').errors);
  });

  test('says when the plan does not include search', async () => {
    nock(X_ORIGIN).get(SEARCH).query(true).reply(403, fixture('client-not-enrolled.json'));

    const run = await runNode(
      plugin,
      'searchRecent',
      { query: 'python' },
      { credential: bearerCredential() },
    );

    expect(run.error?.code).toBe('client-forbidden');
    expect(run.error?.details?.reason).toBe('client-not-enrolled');
    expect(run.error?.hint).toContain('access level');
  });

  test('waits for x-rate-limit-reset on a 429 and then reads the page', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-01-15T10:00:00Z'));
    nock(X_ORIGIN)
      .get(SEARCH)
      .query(true)
      .reply(429, fixture('too-many-requests.json'), {
        'x-rate-limit-limit': '450',
        'x-rate-limit-remaining': '0',
        'x-rate-limit-reset': epochSeconds(new Date('2025-01-15T10:01:30Z')),
      })
      .get(SEARCH)
      .query(true)
      .reply(200, fixture('search-empty-page.json'));

    const run = await runNode(
      plugin,
      'searchRecent',
      { query: 'python' },
      { credential: bearerCredential() },
    );

    expect(run.retryDelays).toEqual([90_000]);
    expect(run.ok).toBe(true);
  });
});

describe('Search Recent with bad input', () => {
  test.each([
    ['an empty query', { query: ' ' }, ['query']],
    ['a query over 512 characters', { query: 'a'.repeat(513) }, ['query']],
    ['max_results under 10', { query: 'x', max_results: 5 }, ['max_results']],
    ['a date without a time', { query: 'x', start_time: '2025-01-15' }, ['start_time']],
    ['a field name with spaces', { query: 'x', tweet_fields: 'created at' }, ['tweet_fields.0']],
    [
      'a window that ends before it starts',
      { query: 'x', start_time: '2025-01-16T00:00:00Z', end_time: '2025-01-15T00:00:00Z' },
      ['start_time', 'end_time'],
    ],
  ])('names the field for %s', async (_case, input, paths) => {
    const run = await runNode(plugin, 'searchRecent', input, { credential: oauthCredential() });

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.map((problem) => problem.path)).toEqual(paths);
  });
});
