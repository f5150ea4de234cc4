import {
  assertNoCanary,
  createCanary,
  nock,
  recordRequests,
  testCredential,
} from '@knotwork/testing';
import { describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import { fixture, useClosedNetwork, X_ORIGIN } from './support.js';

useClosedNetwork();

describe('X OAuth 2.0: Test connection', () => {
  test('asks /users/me who the token belongs to', async () => {
    const accessToken = createCanary('access-token');
    const clientSecret = createCanary('client-secret');
    const scope = nock(X_ORIGIN).get('/2/users/me').reply(200, fixture('users-me-ok.json'));
    const requests = recordRequests(scope);

    const result = await testCredential(plugin, {
      key: 'oauth2',
      data: { clientId: 'M1M5R3BMVy13QmpScXkzTUt5OE46MTpjaQ', clientSecret },
      token: { accessToken, tokenType: 'bearer' },
    });

    expect(result.ok).toBe(true);
    expect(result.message).toBe('Connected to X as @TwitterDev (X Dev)');
    expect(requests[0]?.headers.authorization).toBe(`Bearer ${accessToken}`);
    assertNoCanary(accessToken, { result });
    assertNoCanary(clientSecret, { result, requests });
  });

  test('works for a public client without a secret', async () => {
    nock(X_ORIGIN).get('/2/users/me').reply(200, fixture('users-me-ok.json'));

    const result = await testCredential(plugin, {
      key: 'oauth2',
      data: { clientId: 'M1M5R3BMVy13QmpScXkzTUt5OE46MTpjaQ' },
      token: { accessToken: createCanary('access-token') },
    });

    expect(result.ok).toBe(true);
  });

  test('fails with the reconnect hint when the token is rejected', async () => {
    nock(X_ORIGIN).get('/2/users/me').reply(401, fixture('unauthorized.json'));

    const result = await testCredential(plugin, {
      key: 'oauth2',
      data: { clientId: 'M1M5R3BMVy13QmpScXkzTUt5OE46MTpjaQ' },
      token: { accessToken: createCanary('access-token') },
    });

    expect(result.ok).toBe(false);
    expect(result.message).toContain('(unauthorized)');
    expect(result.hint).toContain('reconnect the credential');
  });

  test('says to connect first when there is no token yet', async () => {
    const result = await testCredential(plugin, {
      key: 'oauth2',
      data: {
        clientId: 'M1M5R3BMVy13QmpScXkzTUt5OE46MTpjaQ',
        clientSecret: createCanary('secret'),
      },
    });

    expect(result.ok).toBe(false);
    expect(result.hint).toBe('Connect it first: knotwork credentials connect twitter.oauth2');
  });
});

describe('X app bearer token: Test connection', () => {
  test('reads a public user to prove the token works, and says it cannot post', async () => {
    const token = createCanary('bearer-token');
    const scope = nock(X_ORIGIN)
      .get('/2/users/by/username/XDevelopers')
      .reply(200, { data: { id: '2244994945', name: 'Developers', username: 'XDevelopers' } });
    const requests = recordRequests(scope);

    const result = await testCredential(plugin, { key: 'appBearerToken', data: { token } });

    expect(result.ok).toBe(true);
    expect(result.message).toContain('@XDevelopers');
    expect(result.message).toContain('Post Tweet needs an OAuth 2.0 credential');
    expect(requests[0]?.headers.authorization).toBe(`Bearer ${token}`);
    assertNoCanary(token, { result });
  });

  test('uses the base URL override (api.twitter.com, a proxy)', async () => {
    const scope = nock('https://api.twitter.com')
      .get('/2/users/by/username/XDevelopers')
      .reply(200, { data: { id: '2244994945', name: 'Developers', username: 'XDevelopers' } });
    const requests = recordRequests(scope);

    const result = await testCredential(plugin, {
      key: 'appBearerToken',
      data: { token: createCanary('bearer-token'), baseUrl: 'https://api.twitter.com/2' },
    });

    expect(result.ok).toBe(true);
    expect(requests).toHaveLength(1);
  });

  test('reports an app outside a Project with what to do', async () => {
    const token = createCanary('bearer-token');
    nock(X_ORIGIN)
      .get('/2/users/by/username/XDevelopers')
      .reply(403, fixture('client-not-enrolled.json'));

    const result = await testCredential(plugin, { key: 'appBearerToken', data: { token } });

    expect(result.ok).toBe(false);
    expect(result.message).toContain('(client-forbidden)');
    expect(result.hint).toContain('Project');
    assertNoCanary(token, { result });
  });

  test('names the token field when it is too short to be a bearer token', async () => {
    const result = await testCredential(plugin, { key: 'appBearerToken', data: { token: 'abc' } });

    expect(result.ok).toBe(false);
    expect(result.message).toContain('token: Paste the whole Bearer Token');
  });
});
