import { assertNoCanary, nock, recordRequests, runNode } from '@knotwork/testing';
import { describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import {
  canaryToken,
  exhaustedPrimaryLimit,
  expectGitHubHeaders,
  fixture,
  GITHUB_ORIGIN,
  githubError,
  tokenCredential,
  useClosedNetwork,
} from './support.js';

useClosedNetwork();

interface Listing {
  repositories: Array<{ full_name: string }>;
  count: number;
  hasMore: boolean;
}

/** GitHub's Link header for page `page` of `last`, as documented in "Using pagination". */
function linkHeader(path: string, page: number, last: number): string {
  const at = (number: number) => `<${GITHUB_ORIGIN}${path}&page=${number}>`;
  const links = [];
  if (page > 1) links.push(`${at(page - 1)}; rel="prev"`);
  if (page < last) links.push(`${at(page + 1)}; rel="next"`, `${at(last)}; rel="last"`);
  if (page > 1) links.push(`${at(1)}; rel="first"`);
  return links.join(', ');
}

describe('List Repositories', () => {
  test("follows the Link header through every page of the token user's repositories", async () => {
    const token = canaryToken();
    const query = '/user/repos?type=owner&sort=updated&direction=desc&per_page=100';
    const scope = nock(GITHUB_ORIGIN)
      .get(query)
      .reply(200, fixture('repos-page-1.json'), { link: linkHeader(query, 1, 2) })
      .get(`${query}&page=2`)
      .reply(200, fixture('repos-page-2.json'), { link: linkHeader(query, 2, 2) });
    const requests = recordRequests(scope);

    const run = await runNode<Listing>(
      plugin,
      'listRepos',
      { type: 'owner', sort: 'updated', direction: 'desc' },
      { credential: tokenCredential(token) },
    );

    expect(run.error).toBeUndefined();
    expect(run.output?.repositories.map((repo) => repo.full_name)).toEqual([
      'octocat/Hello-World',
      'octocat/Spoon-Knife',
      'octocat/git-consortium',
    ]);
    expect(run.output).toMatchObject({ count: 3, hasMore: false });
    expect(requests.map((request) => request.path)).toEqual([query, `${query}&page=2`]);
    expectGitHubHeaders(requests[0], token);
    expectGitHubHeaders(requests[1], token);
    assertNoCanary(token, { logs: run.logs, output: run.output });
  });

  test.each([
    ['org', 'github', '/orgs/github/repos?type=sources&per_page=100', 'sources'],
    ['user', 'octocat', '/users/octocat/repos?type=member&per_page=100', 'member'],
  ])('lists an %s account from its own endpoint', async (ownerType, owner, path, type) => {
    const scope = nock(GITHUB_ORIGIN).get(path).reply(200, fixture('repos-page-2.json'));
    const requests = recordRequests(scope);

    const run = await runNode<Listing>(
      plugin,
      'listRepos',
      { owner_type: ownerType, owner, type },
      { credential: tokenCredential() },
    );

    expect(run.output).toMatchObject({ count: 1, hasMore: false });
    expect(requests.map((request) => request.path)).toEqual([path]);
  });

  test('stops at maxItems without fetching further pages and says more exist', async () => {
    const query = '/user/repos?per_page=100';
    const scope = nock(GITHUB_ORIGIN)
      .get(query)
      .reply(200, fixture('repos-page-1.json'), { link: linkHeader(query, 1, 5) });
    const requests = recordRequests(scope);

    const run = await runNode<Listing>(
      plugin,
      'listRepos',
      { maxItems: 1 },
      { credential: tokenCredential() },
    );

    expect(run.output?.repositories.map((repo) => repo.full_name)).toEqual(['octocat/Hello-World']);
    expect(run.output).toMatchObject({ count: 1, hasMore: true });
    expect(requests).toHaveLength(1);
  });

  test('says there is no more when the list ends exactly at maxItems', async () => {
    nock(GITHUB_ORIGIN).get('/user/repos?per_page=100').reply(200, fixture('repos-page-1.json'));

    const run = await runNode<Listing>(
      plugin,
      'listRepos',
      { maxItems: 2 },
      { credential: tokenCredential() },
    );

    expect(run.output).toMatchObject({ count: 2, hasMore: false });
  });
});

describe('List Repositories when GitHub refuses or struggles', () => {
  test('explains a 404 for an organization that does not exist or is hidden', async () => {
    nock(GITHUB_ORIGIN)
      .get('/orgs/no-such-org/repos?per_page=100')
      .reply(404, {
        ...githubError('notFound'),
        documentation_url:
          'https://docs.github.com/rest/repos/repos#list-organization-repositories',
      });

    const run = await runNode(
      plugin,
      'listRepos',
      { owner_type: 'org', owner: 'no-such-org' },
      { credential: tokenCredential() },
    );

    expect(run.error?.code).toBe('not_found');
    expect(run.error?.hint).toContain('the token cannot see it');
  });

  test('retries a GET after a 502, since reading twice is harmless', async () => {
    const scope = nock(GITHUB_ORIGIN)
      .get('/user/repos?per_page=100')
      .reply(502, githubError('serverError'))
      .get('/user/repos?per_page=100')
      .reply(200, fixture('repos-page-2.json'));
    const requests = recordRequests(scope);

    const run = await runNode<Listing>(plugin, 'listRepos', {}, { credential: tokenCredential() });

    expect(requests).toHaveLength(2);
    expect(run.retryDelays).toHaveLength(1);
    expect(run.output?.count).toBe(1);
  });

  test('waits for x-ratelimit-reset on a 429 mid-way and carries on from the same page', async () => {
    const query = '/user/repos?per_page=100';
    const scope = nock(GITHUB_ORIGIN)
      .get(query)
      .reply(200, fixture('repos-page-1.json'), { link: linkHeader(query, 1, 2) })
      .get(`${query}&page=2`)
      .reply(429, githubError('primaryRateLimit'), exhaustedPrimaryLimit(10))
      .get(`${query}&page=2`)
      .reply(200, fixture('repos-page-2.json'));
    const requests = recordRequests(scope);

    const run = await runNode<Listing>(plugin, 'listRepos', {}, { credential: tokenCredential() });

    expect(run.output?.count).toBe(3);
    expect(run.retryDelays).toHaveLength(1);
    expect(run.retryDelays[0]).toBeGreaterThan(8_000);
    expect(run.retryDelays[0]).toBeLessThanOrEqual(10_000);
    expect(requests.map((request) => request.path)).toEqual([
      query,
      `${query}&page=2`,
      `${query}&page=2`,
    ]);
  });
});

describe('List Repositories input', () => {
  test.each([
    [{ owner_type: 'org' }, 'owner', 'organization login'],
    [{ owner: 'octocat' }, 'owner', 'Leave owner empty'],
    [{ owner_type: 'user', owner: 'octocat', type: 'forks' }, 'type', 'all, owner, member'],
    [{ owner_type: 'team' }, 'owner_type', ''],
  ])('names the bad field in %j', async (input, path, messagePhrase) => {
    const run = await runNode(plugin, 'listRepos', input, { credential: tokenCredential() });

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.map((problem) => problem.path)).toEqual([path]);
    expect(run.error?.fields?.[0]?.message).toContain(messagePhrase);
  });
});
