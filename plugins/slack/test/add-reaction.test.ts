import { assertNoCanary, nock, recordRequests, runNode } from '@knotwork/testing';
import { describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import {
  botCredential,
  canaryToken,
  canaryWebhookUrl,
  fixture,
  oauthCredential,
  SLACK_ORIGIN,
  slackError,
  useClosedNetwork,
  webhookCredential,
} from './support.js';

useClosedNetwork();

const REACTIONS_ADD = '/api/reactions.add';
const MESSAGE = { channel: 'C1H9RESGL', timestamp: '1503435956.000247' };

describe('Add Reaction', () => {
  test.each([
    ['thumbsup', 'thumbsup'],
    [':thumbsup:', 'thumbsup'],
    [' :thumbsup::skin-tone-2: ', 'thumbsup::skin-tone-2'],
  ])('sends %j to reactions.add as %j with the bearer token', async (given, sent) => {
    const token = canaryToken();
    const scope = nock(SLACK_ORIGIN)
      .post(REACTIONS_ADD)
      .reply(200, fixture('reactions-add-ok.json'));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'addReaction',
      { ...MESSAGE, name: given },
      { credential: botCredential(token) },
    );

    expect(run.error).toBeUndefined();
    expect(run.output).toEqual({ ok: true });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url).toBe('https://slack.com/api/reactions.add');
    expect(requests[0]?.headers.authorization).toBe(`Bearer ${token}`);
    expect(requests[0]?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(requests[0]?.body).toEqual({ ...MESSAGE, name: sent });
    assertNoCanary(token, { logs: run.logs, output: run.output });
  });

  test('works with an OAuth credential', async () => {
    const accessToken = canaryToken();
    const scope = nock(SLACK_ORIGIN)
      .post(REACTIONS_ADD)
      .reply(200, fixture('reactions-add-ok.json'));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'addReaction',
      { ...MESSAGE, name: 'eyes' },
      { credential: oauthCredential(accessToken) },
    );

    expect(run.output).toEqual({ ok: true });
    expect(requests[0]?.headers.authorization).toBe(`Bearer ${accessToken}`);
  });

  test.each([
    ['already_reacted', 'nothing to add'],
    ['bad_timestamp', '1503435956.000247'],
    ['invalid_name', 'without colons'],
    ['message_not_found', 'same message'],
    ['channel_not_found', 'use its ID'],
    ['missing_scope', 'reactions:write'],
    ['too_many_emoji', 'distinct emoji'],
  ])('maps %s to an error with an actionable hint', async (code, hintPhrase) => {
    const body =
      code === 'already_reacted' ? fixture('reactions-add-already-reacted.json') : slackError(code);
    nock(SLACK_ORIGIN).post(REACTIONS_ADD).reply(200, body);

    const run = await runNode(
      plugin,
      'addReaction',
      { ...MESSAGE, name: 'eyes' },
      { credential: botCredential() },
    );

    expect(run.error?.code).toBe(code);
    expect(run.error?.retryable).toBe(false);
    expect(run.error?.hint).toContain(hintPhrase);
  });

  test('retries after the Retry-After delay and then succeeds', async () => {
    nock(SLACK_ORIGIN)
      .post(REACTIONS_ADD)
      .reply(429, fixture('web-api-ratelimited.json'), { 'Retry-After': '30' })
      .post(REACTIONS_ADD)
      .reply(200, fixture('reactions-add-ok.json'));

    const run = await runNode(
      plugin,
      'addReaction',
      { ...MESSAGE, name: 'eyes' },
      { credential: botCredential() },
    );

    expect(run.retryDelays).toEqual([30_000]);
    expect(run.output).toEqual({ ok: true });
  });

  test('masks the token when an error echoes it back', async () => {
    const token = canaryToken();
    nock(SLACK_ORIGIN)
      .post(REACTIONS_ADD)
      .reply(200, {
        ok: false,
        error: 'not_authed',
        response_metadata: { messages: [`[ERROR] could not use ${token}`] },
      });

    const run = await runNode(
      plugin,
      'addReaction',
      { ...MESSAGE, name: 'eyes' },
      { credential: botCredential(token) },
    );

    expect(run.error?.code).toBe('not_authed');
    expect(run.error?.message).toContain('[redacted]');
    assertNoCanary(token, { error: run.error, logs: run.logs });
  });
});

describe('Add Reaction with bad input', () => {
  test('names the emoji when it is only colons', async () => {
    const run = await runNode(
      plugin,
      'addReaction',
      { ...MESSAGE, name: '::' },
      { credential: botCredential() },
    );

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.map((problem) => problem.path)).toEqual(['name']);
  });

  test('names the timestamp when a message link is given instead', async () => {
    const run = await runNode(
      plugin,
      'addReaction',
      { channel: 'C1H9RESGL', timestamp: 'p1503435956000247', name: 'eyes' },
      { credential: botCredential() },
    );

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.map((problem) => problem.path)).toEqual(['timestamp']);
  });

  test('names every missing field at once', async () => {
    const run = await runNode(plugin, 'addReaction', {}, { credential: botCredential() });

    expect(run.error?.fields?.map((problem) => problem.path).sort()).toEqual([
      'channel',
      'name',
      'timestamp',
    ]);
  });

  test('refuses an incoming webhook, which cannot react', async () => {
    const { url, canary } = canaryWebhookUrl();

    const run = await runNode(
      plugin,
      'addReaction',
      { ...MESSAGE, name: 'eyes' },
      { credential: webhookCredential(url) },
    );

    expect(run.error?.code).toBe('credential_type_mismatch');
    expect(run.error?.hint).toContain('slack.botToken or slack.oauth2');
    assertNoCanary(canary, { error: run.error });
  });
});
