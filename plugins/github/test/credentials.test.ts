import { assertNoCanary, nock, recordRequests, testCredential } from '@knotwork/testing';
import { describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import {
  canaryToken,
  expectGitHubHeaders,
  fixture,
  GITHUB_ORIGIN,
  githubError,
  useClosedNetwork,
} from './support.js';

useClosedNetwork();

describe('GitHub personal access token: Test connection', () => {
  test('calls GET /user and reports the login and the classic token scopes', async () => {
    const token = canaryToken();
    const scope = nock(GITHUB_ORIGIN)
      .get('/user')
      .reply(200, fixture('user.json'), { 'x-oauth-scopes': 'repo, read:org' });
    const requests = recordRequests(scope);

    const result = await testCredential(plugin, { key: 'personalAccessToken', data: { token } });

    expect(result.ok).toBe(true);
    expect(result.message).toBe(
      'Connected to GitHub as octocat (monalisa octocat) with scopes: repo, read:org.',
    );
    expect(result.hint).toBeUndefined();
    expect(requests).toHaveLength(1);
    expectGitHubHeaders(requests[0], token);
    assertNoCanary(token, { result });
  });

  test('says a fine-grained token has no scopes rather than reporting none, and when it expires', async () => {
    nock(GITHUB_ORIGIN).get('/user').reply(200, fixture('user.json'), {
      'github-authentication-token-expiration': '2026-11-12 10:31:26 UTC',
    });

    const result = await testCredential(plugin, {
      key: 'personalAccessToken',
      data: { token: canaryToken() },
    });

    expect(result.ok).toBe(true);
    expect(result.message).toContain('fine-grained or GitHub App token, which has no OAuth scopes');
    expect(result.message).toContain('The token expires 2026-11-12 10:31:26 UTC.');
    expect(result.hint).toBeUndefined();
  });

  test('passes but warns when a classic token lacks the repo scope', async () => {
    nock(GITHUB_ORIGIN)
      .get('/user')
      .reply(200, fixture('user.json'), { 'x-oauth-scopes': 'gist, read:user' });

    const result = await testCredential(plugin, {
      key: 'personalAccessToken',
      data: { token: canaryToken() },
    });

    expect(result.ok).toBe(true);
    expect(result.message).toContain('with scopes: gist, read:user');
    expect(result.hint).toContain('neither the repo nor the public_repo scope');
  });

  test('talks to GitHub Enterprise Server at its /api/v3 base URL', async () => {
    const scope = nock('https://github.example.test')
      .get('/api/v3/user')
      .reply(200, fixture('user.json'), { 'x-oauth-scopes': 'repo' });
    const requests = recordRequests(scope);

    const result = await testCredential(plugin, {
      key: 'personalAccessToken',
      data: { token: canaryToken(), baseUrl: 'https://github.example.test/api/v3' },
    });

    expect(result.ok).toBe(true);
    expect(requests[0]?.url).toBe('https://github.example.test/api/v3/user');
  });

  test.each([
    ['https://github.com', 'the API is https://api.github.com'],
    ['https://github.example.test', '/api/v3'],
  ])('refuses the base URL %s and says which one to use', async (baseUrl, phrase) => {
    const result = await testCredential(plugin, {
      key: 'personalAccessToken',
      data: { token: canaryToken(), baseUrl },
    });

    expect(result.ok).toBe(false);
    expect(result.message).toContain('baseUrl');
    expect(result.message).toContain(phrase);
  });

  test('fails with the Bad credentials hint for a revoked token', async () => {
    const token = canaryToken();
    nock(GITHUB_ORIGIN).get('/user').reply(401, githubError('badCredentials'));

    const result = await testCredential(plugin, { key: 'personalAccessToken', data: { token } });

    expect(result.ok).toBe(false);
    expect(result.message).toBe('github answered 401 (bad_credentials): Bad credentials');
    expect(result.hint).toContain('Create a new token');
    assertNoCanary(token, { result });
  });
});

describe('GitHub OAuth2: Test connection', () => {
  test('calls GET /user with the access token and reports its scopes', async () => {
    const accessToken = canaryToken();
    const scope = nock(GITHUB_ORIGIN)
      .get('/user')
      .reply(200, fixture('user.json'), { 'x-oauth-scopes': 'repo' });
    const requests = recordRequests(scope);

    const result = await testCredential(plugin, {
      key: 'oauth2',
      data: { clientId: 'Ov23liAbCdEfGhIjKlMn', clientSecret: 'not-used-by-the-test' },
      token: { accessToken, tokenType: 'bearer', scope: 'repo' },
    });

    expect(result.ok).toBe(true);
    expect(result.message).toBe(
      'Connected to GitHub as octocat (monalisa octocat) with scopes: repo.',
    );
    expectGitHubHeaders(requests[0], accessToken);
    assertNoCanary(accessToken, { result });
  });
});
