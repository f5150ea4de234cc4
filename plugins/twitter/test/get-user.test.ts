import { assertNoCanary, createCanary, nock, recordRequests, runNode } from '@knotwork/testing';
import { describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import {
  bearerCredential,
  fixture,
  oauthCredential,
  useClosedNetwork,
  X_ORIGIN,
} from './support.js';

useClosedNetwork();

describe('Get User', () => {
  test('looks a user up by username, taking off the @, with the fields asked for', async () => {
    const token = createCanary('bearer-token');
    const scope = nock(X_ORIGIN)
      .get('/2/users/by/username/TwitterDev')
      .query({ 'user.fields': 'created_at,description,public_metrics,verified' })
      .reply(200, fixture('user-by-username-ok.json'));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'getUser',
      { username: '@TwitterDev', user_fields: 'created_at,description,public_metrics,verified' },
      { credential: bearerCredential(token) },
    );

    expect(run.error).toBeUndefined();
    expect(requests).toHaveLength(1);
    expect(requests[0]?.headers.authorization).toBe(`Bearer ${token}`);
    expect(run.output).toEqual(fixture('user-by-username-ok.json').data);
    assertNoCanary(token, { logs: run.logs, output: run.output });
  });

  test('looks a user up by id with an OAuth credential, sending no empty fields', async () => {
    const scope = nock(X_ORIGIN).get('/2/users/2244994945').reply(200, fixture('users-me-ok.json'));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'getUser',
      { id: '2244994945' },
      { credential: oauthCredential() },
    );

    expect(requests[0]?.path).toBe('/2/users/2244994945');
    expect(run.output).toEqual({ id: '2244994945', name: 'X Dev', username: 'TwitterDev' });
  });

  test('accepts a profile link as the username', async () => {
    nock(X_ORIGIN).get('/2/users/by/username/XDevelopers').reply(200, fixture('users-me-ok.json'));

    const run = await runNode(
      plugin,
      'getUser',
      { username: 'https://x.com/XDevelopers' },
      { credential: oauthCredential() },
    );

    expect(run.ok).toBe(true);
  });
});

describe('Get User when X finds nothing or refuses', () => {
  test('turns a 200 answer with only errors into resource-not-found', async () => {
    nock(X_ORIGIN)
      .get('/2/users/by/username/giggggfbgfb')
      .reply(200, fixture('user-not-found.json'));

    const run = await runNode(
      plugin,
      'getUser',
      { username: 'giggggfbgfb' },
      { credential: oauthCredential() },
    );

    expect(run.error?.code).toBe('resource-not-found');
    expect(run.error?.message).toContain('Could not find user with username: [giggggfbgfb].');
    expect(run.error?.hint).toContain('check the id or username');
    expect(run.error?.details).toMatchObject({ resource_type: 'user', parameter: 'username' });
  });

  test('maps an expired bearer token to unauthorized with a hint about the portal', async () => {
    nock(X_ORIGIN).get('/2/users/2244994945').reply(401, fixture('unauthorized.json'));

    const run = await runNode(
      plugin,
      'getUser',
      { id: '2244994945' },
      { credential: bearerCredential() },
    );

    expect(run.error?.code).toBe('unauthorized');
    expect(run.error?.status).toBe(401);
    expect(run.error?.hint).toContain('developer portal');
  });

  test('retries after the reset when X rate limits the lookup', async () => {
    const reset = String(Math.ceil(Date.now() / 1000) + 2);
    nock(X_ORIGIN)
      .get('/2/users/2244994945')
      .reply(429, fixture('too-many-requests.json'), {
        'x-rate-limit-remaining': '0',
        'x-rate-limit-reset': reset,
      })
      .get('/2/users/2244994945')
      .reply(200, fixture('users-me-ok.json'));

    const run = await runNode(
      plugin,
      'getUser',
      { id: '2244994945' },
      { credential: oauthCredential() },
    );

    expect(run.ok).toBe(true);
    expect(run.retryDelays).toHaveLength(1);
    expect(run.retryDelays[0]).toBeGreaterThan(0);
    expect(run.retryDelays[0]).toBeLessThanOrEqual(3_000);
  });
});

describe('Get User with bad input', () => {
  test.each([
    ['neither username nor id', {}, ['username', 'id']],
    ['both username and id', { username: 'XDevelopers', id: '2244994945' }, ['username', 'id']],
    ['a username longer than 15 characters', { username: 'giorgdcsadsacsacdsani' }, ['username']],
    ['an id with letters', { id: 'XDevelopers' }, ['id']],
  ])('names the field for %s', async (_case, input, paths) => {
    const run = await runNode(plugin, 'getUser', input, { credential: oauthCredential() });

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.map((problem) => problem.path)).toEqual(paths);
  });
});
