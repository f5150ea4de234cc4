import { assertNoCanary, nock, recordRequests, runNode } from '@knotwork/testing';
import { describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import {
  canaryToken,
  expectGitHubHeaders,
  fixture,
  GITHUB_ORIGIN,
  githubError,
  oauthCredential,
  tokenCredential,
  useClosedNetwork,
} from './support.js';

useClosedNetwork();

const PULLS = '/repos/octocat/Hello-World/pulls';
const PULL = {
  owner: 'octocat',
  repo: 'Hello-World',
  title: 'Amazing new feature',
  head: 'new-topic',
  base: 'master',
};

describe('Create Pull Request', () => {
  test('posts head, base, title, body, draft and maintainer_can_modify as GitHub names them', async () => {
    const token = canaryToken();
    const scope = nock(GITHUB_ORIGIN).post(PULLS).reply(201, fixture('pull-request-created.json'));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'createPullRequest',
      {
        ...PULL,
        body: 'Please pull these awesome changes in!',
        draft: true,
        maintainer_can_modify: false,
      },
      { credential: tokenCredential(token) },
    );

    expect(run.error).toBeUndefined();
    expect(run.output).toMatchObject({
      number: 1347,
      html_url: 'https://github.com/octocat/Hello-World/pull/1347',
      head: { ref: 'new-topic' },
    });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url).toBe('https://api.github.com/repos/octocat/Hello-World/pulls');
    expectGitHubHeaders(requests[0], token);
    expect(requests[0]?.body).toEqual({
      title: 'Amazing new feature',
      head: 'new-topic',
      base: 'master',
      body: 'Please pull these awesome changes in!',
      draft: true,
      maintainer_can_modify: false,
    });
    assertNoCanary(token, { logs: run.logs, output: run.output });
  });

  test('signs with the OAuth access token and keeps the client secret out of sight', async () => {
    const accessToken = canaryToken();
    const credential = oauthCredential(accessToken);
    const scope = nock(GITHUB_ORIGIN).post(PULLS).reply(201, fixture('pull-request-created.json'));
    const requests = recordRequests(scope);

    const run = await runNode(plugin, 'createPullRequest', PULL, { credential });

    expect(run.ok).toBe(true);
    expectGitHubHeaders(requests[0], accessToken);
    assertNoCanary(accessToken, { logs: run.logs, output: run.output });
    const clientSecret = String(credential.data.clientSecret);
    assertNoCanary(clientSecret, { logs: run.logs, output: run.output, requests });
  });
});

describe('Create Pull Request when GitHub refuses', () => {
  test.each([
    ['pullRequestExists', 'pull_request_exists', 'already exists', 'push to the branch'],
    [
      'noCommitsBetween',
      'no_commits_between',
      'No commits between master and new-topic',
      'push commits',
    ],
    ['invalidHead', 'invalid_head', 'PullRequest.head invalid', 'push it first'],
  ])('maps the 422 %s to %s', async (body, code, messagePhrase, hintPhrase) => {
    const scope = nock(GITHUB_ORIGIN).post(PULLS).reply(422, githubError(body));
    const requests = recordRequests(scope);

    const run = await runNode(plugin, 'createPullRequest', PULL, { credential: tokenCredential() });

    expect(run.error?.code).toBe(code);
    expect(run.error?.status).toBe(422);
    expect(run.error?.retryable).toBe(false);
    expect(run.error?.message).toContain(messagePhrase);
    expect(run.error?.hint).toContain(hintPhrase);
    expect(run.error?.details?.errors).toEqual(githubError(body).errors);
    expect(requests).toHaveLength(1);
  });

  test('maps 403 without a wait signal to a permission problem, not a rate limit', async () => {
    const scope = nock(GITHUB_ORIGIN)
      .post(PULLS)
      .reply(403, githubError('mustHavePushAccess'), {
        'x-ratelimit-remaining': '4999',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 600),
        'x-accepted-oauth-scopes': 'repo',
      });
    const requests = recordRequests(scope);

    const run = await runNode(plugin, 'createPullRequest', PULL, { credential: tokenCredential() });

    expect(requests).toHaveLength(1);
    expect(run.error?.code).toBe('forbidden');
    expect(run.error?.retryable).toBe(false);
    expect(run.error?.hint).toContain('Pull requests: Read and write');
  });
});

describe('Create Pull Request under rate limits', () => {
  test('retries a POST refused with 429 and Retry-After: nothing was created', async () => {
    const scope = nock(GITHUB_ORIGIN)
      .post(PULLS)
      .reply(429, githubError('secondaryRateLimit'), { 'retry-after': '5' })
      .post(PULLS)
      .reply(201, fixture('pull-request-created.json'));
    const requests = recordRequests(scope);

    const run = await runNode(plugin, 'createPullRequest', PULL, { credential: tokenCredential() });

    expect(run.retryDelays).toEqual([5_000]);
    expect(requests).toHaveLength(2);
    expect(run.output).toMatchObject({ number: 1347 });
  });
});

describe('Create Pull Request input', () => {
  test('names head when it equals base, without calling GitHub', async () => {
    const run = await runNode(
      plugin,
      'createPullRequest',
      { ...PULL, head: 'main', base: 'main' },
      { credential: tokenCredential() },
    );

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.map((problem) => problem.path)).toEqual(['head']);
    expect(run.error?.fields?.[0]?.message).toContain('both "main"');
  });

  test('accepts a fork branch written owner:branch even when its name matches base', async () => {
    const scope = nock(GITHUB_ORIGIN).post(PULLS).reply(201, fixture('pull-request-created.json'));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'createPullRequest',
      { ...PULL, head: 'hubot:master' },
      { credential: tokenCredential() },
    );

    expect(run.ok).toBe(true);
    expect(requests[0]?.body).toMatchObject({ head: 'hubot:master', base: 'master' });
  });

  test('names a branch with spaces and a missing title together', async () => {
    const run = await runNode(
      plugin,
      'createPullRequest',
      { ...PULL, head: 'new topic', title: '' },
      { credential: tokenCredential() },
    );

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.map((problem) => problem.path).sort()).toEqual(['head', 'title']);
  });
});
