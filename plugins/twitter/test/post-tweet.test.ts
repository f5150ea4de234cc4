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

const TWEETS = '/2/tweets';

describe('Post Tweet', () => {
  test('posts the text with the user token and returns the id and a link', async () => {
    const accessToken = createCanary('access-token');
    const scope = nock(X_ORIGIN).post(TWEETS).reply(201, fixture('create-post-ok.json'));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'postTweet',
      { text: 'Are you excited for the weekend?' },
      { credential: oauthCredential(accessToken) },
    );

    expect(run.error).toBeUndefined();
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url).toBe('https://api.x.com/2/tweets');
    expect(requests[0]?.headers.authorization).toBe(`Bearer ${accessToken}`);
    expect(requests[0]?.headers['content-type']).toBe('application/json');
    expect(requests[0]?.body).toEqual({ text: 'Are you excited for the weekend?' });
    expect(run.output).toEqual({
      id: '1445880548472328192',
      text: 'Are you excited for the weekend?',
      url: 'https://x.com/i/web/status/1445880548472328192',
      edit_history_tweet_ids: ['1445880548472328192'],
    });
    assertNoCanary(accessToken, { logs: run.logs, output: run.output });
  });

  test('replies and quotes, taking post links as well as ids', async () => {
    const scope = nock(X_ORIGIN).post(TWEETS).reply(201, fixture('create-post-ok.json'));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'postTweet',
      {
        text: 'Agreed!',
        reply_to: 'https://x.com/XDevelopers/status/1346889436626259968?s=20',
        quote_tweet_id: ' 1445880548472328100 ',
      },
      { credential: oauthCredential() },
    );

    expect(run.ok).toBe(true);
    expect(requests[0]?.body).toEqual({
      text: 'Agreed!',
      reply: { in_reply_to_tweet_id: '1346889436626259968' },
      quote_tweet_id: '1445880548472328100',
    });
  });

  test('refuses an app bearer token before calling X and names the credential type to use', async () => {
    const token = createCanary('bearer-token');

    const run = await runNode(
      plugin,
      'postTweet',
      { text: 'hello' },
      { credential: bearerCredential(token) },
    );

    expect(run.error?.code).toBe('credential_type_mismatch');
    expect(run.error?.message).toContain(
      'appBearerToken, but twitter.postTweet accepts twitter.oauth2',
    );
    expect(run.error?.hint).toContain('twitter.oauth2');
    expect(nock.pendingMocks()).toEqual([]);
    assertNoCanary(token, { error: run.error, logs: run.logs });
  });
});

describe('Post Tweet when X refuses', () => {
  test.each([
    ['duplicate-content.json', 403, 'duplicate-content', 'change the text'],
    ['not-permitted.json', 403, 'not-permitted', 'over 280 characters needs X Premium'],
    ['oauth1-permissions.json', 403, 'oauth1-permissions', 'Read and write'],
    ['unsupported-authentication.json', 403, 'unsupported-authentication', 'twitter.oauth2'],
    ['client-not-enrolled.json', 403, 'client-forbidden', 'belong to a Project'],
    ['unauthorized.json', 401, 'unauthorized', 'reconnect the credential'],
  ])('maps %s to code %s… with a hint', async (file, status, code, hintPhrase) => {
    nock(X_ORIGIN).post(TWEETS).reply(status, fixture(file));

    const run = await runNode(
      plugin,
      'postTweet',
      { text: 'hi' },
      { credential: oauthCredential() },
    );

    expect(run.error?.code).toBe(code);
    expect(run.error?.status).toBe(status);
    expect(run.error?.retryable).toBe(false);
    expect(run.error?.hint).toContain(hintPhrase);
    expect(run.error?.message).toContain(`(${code})`);
  });

  test('does not repeat a post after a server error, since it may have gone out', async () => {
    const scope = nock(X_ORIGIN)
      .post(TWEETS)
      .reply(503, { title: 'Service Unavailable', type: 'about:blank', status: 503 });
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'postTweet',
      { text: 'hi' },
      { credential: oauthCredential() },
    );

    expect(requests).toHaveLength(1);
    expect(run.error?.code).toBe('service-unavailable');
    expect(run.error?.retryable).toBe(true);
    expect(run.retryDelays).toEqual([]);
  });

  test('waits until x-rate-limit-reset and posts once the window opens', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-01-15T10:00:00Z'));
    const scope = nock(X_ORIGIN)
      .post(TWEETS)
      .reply(429, fixture('too-many-requests.json'), {
        'x-rate-limit-limit': '100',
        'x-rate-limit-remaining': '0',
        'x-rate-limit-reset': epochSeconds(new Date('2025-01-15T10:00:45Z')),
      })
      .post(TWEETS)
      .reply(201, fixture('create-post-ok.json'));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'postTweet',
      { text: 'hi' },
      { credential: oauthCredential() },
    );

    expect(run.retryDelays).toEqual([45_000]);
    expect(requests).toHaveLength(2);
    expect(run.output).toMatchObject({ id: '1445880548472328192' });
  });

  test('fails at once with the reset time when the 24-hour post limit is spent', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-01-15T10:00:00Z'));
    nock(X_ORIGIN)
      .post(TWEETS)
      .reply(429, fixture('too-many-requests.json'), {
        'x-rate-limit-remaining': '99',
        'x-rate-limit-reset': epochSeconds(new Date('2025-01-15T10:15:00Z')),
        'x-user-limit-24hour-limit': '17',
        'x-user-limit-24hour-remaining': '0',
        'x-user-limit-24hour-reset': epochSeconds(new Date('2025-01-15T13:00:00Z')),
      });

    const run = await runNode(
      plugin,
      'postTweet',
      { text: 'hi' },
      { credential: oauthCredential() },
    );

    expect(run.retryDelays).toEqual([]);
    expect(run.error?.code).toBe('too-many-requests');
    expect(run.error?.retryable).toBe(true);
    expect(run.error?.retryAfterSeconds).toBe(3 * 60 * 60);
    expect(run.error?.hint).toContain('24 hours');
  });

  test('names the monthly usage cap after the usual 429 retries', async () => {
    nock(X_ORIGIN).post(TWEETS).times(5).reply(429, fixture('usage-capped.json'));

    const run = await runNode(
      plugin,
      'postTweet',
      { text: 'hi' },
      { credential: oauthCredential() },
    );

    expect(run.retryDelays).toHaveLength(4);
    expect(run.error?.code).toBe('usage-capped');
    expect(run.error?.hint).toContain('monthly post cap');
    expect(run.error?.message).toContain('Usage cap exceeded: Monthly product cap');
  });

  test('refreshes an expired access token once and posts with the new one', async () => {
    const expired = createCanary('expired-token');
    const fresh = createCanary('fresh-token');
    const scope = nock(X_ORIGIN)
      .post(TWEETS)
      .reply(401, fixture('unauthorized.json'))
      .post(TWEETS)
      .reply(201, fixture('create-post-ok.json'));
    const requests = recordRequests(scope);
    let refreshes = 0;
    const credential = {
      ...oauthCredential(expired),
      refresh: async () => {
        refreshes++;
        return { accessToken: fresh, tokenType: 'bearer', expiresAt: Date.now() + 7_200_000 };
      },
    };

    const run = await runNode(plugin, 'postTweet', { text: 'hi' }, { credential });

    expect(run.ok).toBe(true);
    expect(refreshes).toBe(1);
    expect(requests.map((request) => request.headers.authorization)).toEqual([
      `Bearer ${expired}`,
      `Bearer ${fresh}`,
    ]);
    assertNoCanary(fresh, { logs: run.logs, output: run.output });
  });

  test('masks the token when an error echoes it back', async () => {
    const accessToken = createCanary('access-token');
    nock(X_ORIGIN)
      .post(TWEETS)
      .reply(401, { ...fixture('unauthorized.json'), detail: `Token ${accessToken} is not valid` });

    const run = await runNode(
      plugin,
      'postTweet',
      { text: 'hi' },
      { credential: oauthCredential(accessToken) },
    );

    expect(run.error?.code).toBe('unauthorized');
    expect(run.error?.message).toContain('[redacted]');
    assertNoCanary(accessToken, { error: run.error, details: run.error?.details, logs: run.logs });
  });
});

describe('Post Tweet with bad input', () => {
  test('names the text when it is longer than X allows, counting as X does', async () => {
    // 141 CJK characters weigh 282: over the limit although only 141 characters long.
    const run = await runNode(
      plugin,
      'postTweet',
      { text: '字'.repeat(141) },
      { credential: oauthCredential() },
    );

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.map((problem) => problem.path)).toEqual(['text']);
    expect(run.error?.fields?.[0]?.message).toContain('counts 282 characters');
    expect(run.error?.fields?.[0]?.message).toContain('long_post');
  });

  test('lets a long post through for an X Premium account', async () => {
    nock(X_ORIGIN).post(TWEETS).reply(201, fixture('create-post-ok.json'));

    const run = await runNode(
      plugin,
      'postTweet',
      { text: 'a'.repeat(1_000), long_post: true },
      { credential: oauthCredential() },
    );

    expect(run.ok).toBe(true);
  });

  test.each([
    ['empty text', { text: '   ' }, ['text']],
    [
      'a reply_to that is not a post',
      { text: 'hi', reply_to: 'https://x.com/XDevelopers' },
      ['reply_to'],
    ],
    ['a quote id with letters', { text: 'hi', quote_tweet_id: '12ab' }, ['quote_tweet_id']],
  ])('names the field for %s', async (_case, input, paths) => {
    const run = await runNode(plugin, 'postTweet', input, { credential: oauthCredential() });

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.map((problem) => problem.path)).toEqual(paths);
  });
});
