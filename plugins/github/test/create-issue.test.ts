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

const ISSUES = '/repos/octocat/Hello-World/issues';
const ISSUE = { owner: 'octocat', repo: 'Hello-World', title: 'Found a bug' };

describe('Create Issue', () => {
  test('posts the issue with the pinned API headers and returns what GitHub created', async () => {
    const token = canaryToken();
    const scope = nock(GITHUB_ORIGIN).post(ISSUES).reply(201, fixture('issue-created.json'));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'createIssue',
      {
        ...ISSUE,
        body: "I'm having a problem with this.",
        labels: ['bug'],
        assignees: ['octocat'],
        milestone: 1,
      },
      { credential: tokenCredential(token) },
    );

    expect(run.error).toBeUndefined();
    expect(run.output).toMatchObject({
      number: 1347,
      html_url: 'https://github.com/octocat/Hello-World/issues/1347',
      state: 'open',
    });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.url).toBe('https://api.github.com/repos/octocat/Hello-World/issues');
    expectGitHubHeaders(requests[0], token);
    expect(requests[0]?.headers['content-type']).toBe('application/json');
    expect(requests[0]?.body).toEqual({
      title: 'Found a bug',
      body: "I'm having a problem with this.",
      labels: ['bug'],
      assignees: ['octocat'],
      milestone: 1,
    });
    expect(run.logs.filter((record) => record.level === 'warn')).toEqual([]);
    assertNoCanary(token, { logs: run.logs, output: run.output });
  });

  test('takes labels and assignees as comma-separated text and the milestone as text', async () => {
    const scope = nock(GITHUB_ORIGIN).post(ISSUES).reply(201, fixture('issue-created.json'));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'createIssue',
      { ...ISSUE, labels: ' bug, , ui ', assignees: 'octocat', milestone: '1' },
      { credential: tokenCredential() },
    );

    expect(run.ok).toBe(true);
    expect(requests[0]?.body).toEqual({
      title: 'Found a bug',
      labels: ['bug', 'ui'],
      assignees: ['octocat'],
      milestone: 1,
    });
  });

  test('sends the request to a GitHub Enterprise Server under /api/v3', async () => {
    const scope = nock('https://github.example.test')
      .post('/api/v3/repos/octocat/Hello-World/issues')
      .reply(201, fixture('issue-created.json'));
    const requests = recordRequests(scope);

    const run = await runNode(plugin, 'createIssue', ISSUE, {
      credential: tokenCredential(canaryToken(), 'https://github.example.test/api/v3'),
    });

    expect(run.ok).toBe(true);
    expect(requests[0]?.url).toBe(
      'https://github.example.test/api/v3/repos/octocat/Hello-World/issues',
    );
  });

  test('warns when GitHub silently drops labels and assignees for a user without push access', async () => {
    const created = {
      ...fixture('issue-created.json'),
      labels: [],
      assignees: [],
      milestone: null,
    };
    nock(GITHUB_ORIGIN).post(ISSUES).reply(201, created);

    const run = await runNode(
      plugin,
      'createIssue',
      { ...ISSUE, labels: ['Bug'], assignees: ['hubot'], milestone: 1 },
      { credential: tokenCredential() },
    );

    expect(run.ok).toBe(true);
    const warning = run.logs.find((record) => record.level === 'warn');
    expect(warning?.message).toBe(
      'GitHub created issue #1347 without label Bug, assignee hubot, milestone 1: only people with push access to the repository can set labels, assignees and milestones.',
    );
  });
});

describe('Create Issue when GitHub refuses', () => {
  test.each([
    [404, 'notFound', 'not_found', 'the token cannot see it'],
    [401, 'badCredentials', 'bad_credentials', 'Create a new token'],
    [403, 'samlEnforcement', 'saml_sso_required', 'Configure SSO'],
    [403, 'notAccessibleByFineGrainedToken', 'missing_permission', 'Issues: Read and write'],
    [403, 'mustHavePushAccess', 'forbidden', 'repo scope'],
    [410, 'issuesDisabled', 'issues_disabled', 'Features → Issues'],
    [422, 'invalidAssignee', 'invalid_assignee', 'people with access to the repository'],
  ])('maps HTTP %i %s to %s with a hint', async (status, body, code, hintPhrase) => {
    const scope = nock(GITHUB_ORIGIN).post(ISSUES).reply(status, githubError(body));
    const requests = recordRequests(scope);

    const run = await runNode(plugin, 'createIssue', ISSUE, { credential: tokenCredential() });

    expect(run.ok).toBe(false);
    expect(run.error?.service).toBe('github');
    expect(run.error?.code).toBe(code);
    expect(run.error?.status).toBe(status);
    expect(run.error?.retryable).toBe(false);
    expect(run.error?.hint).toContain(hintPhrase);
    expect(requests).toHaveLength(1);
    expect(run.retryDelays).toEqual([]);
  });

  test('says both causes of a 404: no such repository, or no access to it', async () => {
    nock(GITHUB_ORIGIN).post(ISSUES).reply(404, githubError('notFound'));

    const run = await runNode(plugin, 'createIssue', ISSUE, { credential: tokenCredential() });

    expect(run.error?.message).toBe('github answered 404 (not_found): Not Found');
    expect(run.error?.hint).toContain('does not exist');
    expect(run.error?.hint).toContain('404 rather than 403 for private repositories');
    expect(run.error?.details?.documentation_url).toBe(
      'https://docs.github.com/rest/issues/issues#create-an-issue',
    );
  });

  test("puts GitHub's validation errors into the message and the details", async () => {
    nock(GITHUB_ORIGIN).post(ISSUES).reply(422, githubError('invalidAssignee'));

    const run = await runNode(
      plugin,
      'createIssue',
      { ...ISSUE, assignees: ['nobody-here'] },
      { credential: tokenCredential() },
    );

    expect(run.error?.message).toBe(
      'github answered 422 (invalid_assignee): Validation Failed: Issue.assignees invalid',
    );
    expect(run.error?.details?.errors).toEqual([
      { value: 'nobody-here', resource: 'Issue', field: 'assignees', code: 'invalid' },
    ]);
  });

  test('does not repeat the POST after a 502, since the issue may exist, and says to look', async () => {
    const scope = nock(GITHUB_ORIGIN).post(ISSUES).reply(502, githubError('serverError'));
    const requests = recordRequests(scope);

    const run = await runNode(plugin, 'createIssue', ISSUE, { credential: tokenCredential() });

    expect(requests).toHaveLength(1);
    expect(run.retryDelays).toEqual([]);
    expect(run.error?.status).toBe(502);
    expect(run.error?.retryable).toBe(true);
    expect(run.error?.hint).toContain('GitHub may have created the issue before failing');
  });
});

describe('Create Issue under rate limits', () => {
  test('waits as long as Retry-After says after a secondary rate limit (403), then posts once more', async () => {
    const scope = nock(GITHUB_ORIGIN)
      .post(ISSUES)
      .reply(403, githubError('secondaryRateLimit'), { 'retry-after': '60' })
      .post(ISSUES)
      .reply(201, fixture('issue-created.json'));
    const requests = recordRequests(scope);

    const run = await runNode(plugin, 'createIssue', ISSUE, { credential: tokenCredential() });

    expect(run.retryDelays).toEqual([60_000]);
    expect(requests).toHaveLength(2);
    expect(requests[1]?.body).toEqual(requests[0]?.body);
    expect(run.output).toMatchObject({ number: 1347 });
  });

  test('waits until x-ratelimit-reset when the primary limit is used up (403, remaining 0)', async () => {
    nock(GITHUB_ORIGIN)
      .post(ISSUES)
      .reply(403, githubError('primaryRateLimit'), exhaustedPrimaryLimit(30))
      .post(ISSUES)
      .reply(201, fixture('issue-created.json'));

    const run = await runNode(plugin, 'createIssue', ISSUE, { credential: tokenCredential() });

    expect(run.ok).toBe(true);
    expect(run.retryDelays).toHaveLength(1);
    expect(run.retryDelays[0]).toBeGreaterThan(28_000);
    expect(run.retryDelays[0]).toBeLessThanOrEqual(30_000);
  });

  test('fails at once with the reset time when the primary limit resets in an hour', async () => {
    const scope = nock(GITHUB_ORIGIN)
      .post(ISSUES)
      .reply(403, githubError('primaryRateLimit'), exhaustedPrimaryLimit(3_600));
    const requests = recordRequests(scope);

    const run = await runNode(plugin, 'createIssue', ISSUE, { credential: tokenCredential() });

    expect(requests).toHaveLength(1);
    expect(run.retryDelays).toEqual([]);
    expect(run.error?.code).toBe('rate_limited');
    expect(run.error?.retryable).toBe(true);
    expect(run.error?.retryAfterSeconds).toBeGreaterThan(3_590);
    expect(run.error?.hint).toContain('hourly request budget');
  });

  test('does not hammer GitHub after a secondary limit that names no wait', async () => {
    const scope = nock(GITHUB_ORIGIN).post(ISSUES).reply(403, githubError('secondaryRateLimit'));
    const requests = recordRequests(scope);

    const run = await runNode(plugin, 'createIssue', ISSUE, { credential: tokenCredential() });

    expect(requests).toHaveLength(1);
    expect(run.error?.code).toBe('secondary_rate_limited');
    expect(run.error?.retryable).toBe(true);
    expect(run.error?.hint).toContain('wait at least a minute');
  });
});

describe('Create Issue input', () => {
  test.each([
    ['repo', { ...ISSUE, repo: 'octocat/Hello-World' }, 'the owner goes in "owner"'],
    ['owner', { ...ISSUE, owner: 'https://github.com/octocat' }, 'no slashes'],
    ['title', { ...ISSUE, title: '  ' }, 'Give the issue a title'],
    ['milestone', { ...ISSUE, milestone: 'v1.0' }, 'not its title'],
    [
      'assignees',
      { ...ISSUE, assignees: Array.from({ length: 11 }, (_, index) => `user${index}`) },
      'at most 10 assignees',
    ],
  ])('names the bad field %s before calling GitHub', async (path, input, messagePhrase) => {
    const run = await runNode(plugin, 'createIssue', input, { credential: tokenCredential() });

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.map((problem) => problem.path)).toEqual([path]);
    expect(run.error?.fields?.[0]?.message).toContain(messagePhrase);
    expect(nock.pendingMocks()).toEqual([]);
  });
});

describe('Create Issue keeps the token secret', () => {
  test('masks the token when an error body echoes it back', async () => {
    const token = canaryToken();
    nock(GITHUB_ORIGIN)
      .post(ISSUES)
      .reply(401, {
        message: `Bad credentials: ${token}`,
        documentation_url: 'https://docs.github.com/rest',
      });

    const run = await runNode(plugin, 'createIssue', ISSUE, { credential: tokenCredential(token) });

    expect(run.error?.code).toBe('bad_credentials');
    expect(run.error?.message).toContain('[redacted]');
    assertNoCanary(token, { logs: run.logs, error: run.error, details: run.error?.details });
  });
});
