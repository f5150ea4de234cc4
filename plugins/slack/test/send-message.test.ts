import { assertNoCanary, nock, recordRequests, runNode } from '@knotwork/testing';
import { describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import {
  botCredential,
  canaryToken,
  fixture,
  oauthCredential,
  SLACK_ORIGIN,
  slackError,
  useClosedNetwork,
} from './support.js';

useClosedNetwork();

const POST_MESSAGE = '/api/chat.postMessage';

interface PostMessageOk {
  ok: true;
  channel: string;
  ts: string;
  message: Record<string, unknown>;
}

describe('Send Message with a bot token', () => {
  test('posts the text as JSON with the bearer token and returns channel, ts and message', async () => {
    const token = canaryToken();
    const reply = fixture<PostMessageOk>('chat-post-message-ok.json');
    const scope = nock(SLACK_ORIGIN).post(POST_MESSAGE).reply(200, reply);
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'sendMessage',
      { channel: 'C1H9RESGL', text: "Here's a message for you" },
      { credential: botCredential(token) },
    );

    expect(run.error).toBeUndefined();
    expect(run.output).toEqual({
      ok: true,
      channel: 'C1H9RESGL',
      ts: '1503435956.000247',
      message: reply.message,
    });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.url).toBe('https://slack.com/api/chat.postMessage');
    expect(requests[0]?.headers.authorization).toBe(`Bearer ${token}`);
    expect(requests[0]?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(requests[0]?.body).toEqual({ channel: 'C1H9RESGL', text: "Here's a message for you" });
    assertNoCanary(token, { logs: run.logs, output: run.output });
  });

  test('sends blocks, thread and formatting options under the names Slack uses', async () => {
    const scope = nock(SLACK_ORIGIN)
      .post(POST_MESSAGE)
      .reply(200, fixture('chat-post-message-ok.json'));
    const requests = recordRequests(scope);
    const blocks = [{ type: 'section', text: { type: 'plain_text', text: 'Hello world' } }];

    const run = await runNode(
      plugin,
      'sendMessage',
      {
        channel: ' C1H9RESGL ',
        text: 'Hello world',
        blocks,
        thread_ts: '1503435956.000247',
        reply_broadcast: true,
        unfurl_links: false,
        mrkdwn: false,
        username: 'ecto1',
        icon_emoji: ':ghost:',
      },
      { credential: botCredential() },
    );

    expect(run.error).toBeUndefined();
    expect(requests[0]?.body).toEqual({
      channel: 'C1H9RESGL',
      text: 'Hello world',
      blocks,
      thread_ts: '1503435956.000247',
      reply_broadcast: true,
      unfurl_links: false,
      mrkdwn: false,
      username: 'ecto1',
      icon_emoji: ':ghost:',
    });
  });

  test('posts blocks alone, without text', async () => {
    const scope = nock(SLACK_ORIGIN)
      .post(POST_MESSAGE)
      .reply(200, fixture('chat-post-message-ok.json'));
    const requests = recordRequests(scope);
    const blocks = [{ type: 'divider' }];

    const run = await runNode(
      plugin,
      'sendMessage',
      { channel: 'C1H9RESGL', blocks },
      { credential: botCredential() },
    );

    expect(run.ok).toBe(true);
    expect(requests[0]?.body).toEqual({ channel: 'C1H9RESGL', blocks });
  });

  test('with an OAuth credential, signs with the stored access token', async () => {
    const accessToken = canaryToken();
    const scope = nock(SLACK_ORIGIN)
      .post(POST_MESSAGE)
      .reply(200, fixture('chat-post-message-ok.json'));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'sendMessage',
      { channel: 'C1H9RESGL', text: 'hi' },
      { credential: oauthCredential(accessToken) },
    );

    expect(run.ok).toBe(true);
    expect(requests[0]?.headers.authorization).toBe(`Bearer ${accessToken}`);
    assertNoCanary(accessToken, { logs: run.logs, output: run.output });
  });

  test("logs Slack's truncation warning and still returns the posted message", async () => {
    nock(SLACK_ORIGIN).post(POST_MESSAGE).reply(200, fixture('chat-post-message-truncated.json'));

    const run = await runNode(
      plugin,
      'sendMessage',
      { channel: 'C1H9RESGL', text: 'x'.repeat(40_001) },
      { credential: botCredential() },
    );

    expect(run.output).toEqual({ ok: true, channel: 'C1H9RESGL', ts: '1503435956.000248' });
    const warning = run.logs.find((record) => record.level === 'warn');
    expect(warning?.message).toBe('Slack posted the message with warnings: message_truncated');
  });
});

describe('Send Message when Slack refuses', () => {
  test.each([
    ['not_in_channel', '/invite @your-bot'],
    ['channel_not_found', 'use its ID'],
    ['invalid_auth', 'OAuth & Permissions'],
    ['is_archived', 'archived'],
    ['missing_scope', 'chat:write.public'],
    ['restricted_action_thread_only_channel', 'thread_ts'],
    ['token_revoked', 'reinstall the app'],
  ])('maps %s to an error with an actionable hint', async (code, hintPhrase) => {
    nock(SLACK_ORIGIN).post(POST_MESSAGE).reply(200, slackError(code));

    const run = await runNode(
      plugin,
      'sendMessage',
      { channel: 'C0123456789', text: 'hi' },
      { credential: botCredential() },
    );

    expect(run.ok).toBe(false);
    expect(run.error?.service).toBe('slack');
    expect(run.error?.code).toBe(code);
    expect(run.error?.status).toBe(200);
    expect(run.error?.retryable).toBe(false);
    expect(run.error?.hint).toContain(hintPhrase);
    expect(run.retryDelays).toEqual([]);
  });

  test("names the bad block from Slack's response metadata", async () => {
    nock(SLACK_ORIGIN)
      .post(POST_MESSAGE)
      .reply(200, fixture('chat-post-message-invalid-blocks.json'));

    const run = await runNode(
      plugin,
      'sendMessage',
      { channel: 'C0123456789', blocks: [{ type: 'section' }, { type: 'rich_text' }] },
      { credential: botCredential() },
    );

    expect(run.error?.code).toBe('invalid_blocks');
    expect(run.error?.message).toContain('[json-pointer:/blocks/1/elements/0/text]');
    expect(run.error?.hint).toContain('https://app.slack.com/block-kit-builder');
  });

  test('does not repeat a post after internal_error, since Slack may have posted it', async () => {
    const scope = nock(SLACK_ORIGIN).post(POST_MESSAGE).reply(200, slackError('internal_error'));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'sendMessage',
      { channel: 'C0123456789', text: 'hi' },
      { credential: botCredential() },
    );

    expect(requests).toHaveLength(1);
    expect(run.error?.code).toBe('internal_error');
    expect(run.error?.retryable).toBe(true);
    expect(run.error?.hint).toContain('look in the channel');
    expect(run.retryDelays).toEqual([]);
  });
});

describe('Send Message under rate limits', () => {
  test('retries after the Retry-After delay and then succeeds', async () => {
    const scope = nock(SLACK_ORIGIN)
      .post(POST_MESSAGE)
      .reply(429, fixture('web-api-ratelimited.json'), { 'Retry-After': '30' })
      .post(POST_MESSAGE)
      .reply(200, fixture('chat-post-message-ok.json'));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'sendMessage',
      { channel: 'C1H9RESGL', text: 'hi' },
      { credential: botCredential() },
    );

    expect(run.retryDelays).toEqual([30_000]);
    expect(requests).toHaveLength(2);
    expect(requests[1]?.body).toEqual(requests[0]?.body);
    expect(run.output).toMatchObject({ ok: true, ts: '1503435956.000247' });
  });

  test('waits as long as a 200 "rate_limited" body says, then posts', async () => {
    nock(SLACK_ORIGIN)
      .post(POST_MESSAGE)
      .reply(200, fixture('chat-post-message-rate-limited.json'))
      .post(POST_MESSAGE)
      .reply(200, fixture('chat-post-message-ok.json'));

    const run = await runNode(
      plugin,
      'sendMessage',
      { channel: 'C1H9RESGL', text: 'hi' },
      { credential: botCredential() },
    );

    expect(run.retryDelays).toEqual([1_000]);
    expect(run.ok).toBe(true);
  });

  test('gives up after five refused attempts and says when to retry', async () => {
    nock(SLACK_ORIGIN)
      .post(POST_MESSAGE)
      .times(5)
      .reply(429, fixture('web-api-ratelimited.json'), { 'Retry-After': '30' });

    const run = await runNode(
      plugin,
      'sendMessage',
      { channel: 'C1H9RESGL', text: 'hi' },
      { credential: botCredential() },
    );

    expect(run.retryDelays).toEqual([30_000, 30_000, 30_000, 30_000]);
    expect(run.error?.code).toBe('ratelimited');
    expect(run.error?.status).toBe(429);
    expect(run.error?.retryable).toBe(true);
    expect(run.error?.retryAfterSeconds).toBe(30);
  });

  test('fails at once when Slack asks for a wait longer than two minutes', async () => {
    nock(SLACK_ORIGIN)
      .post(POST_MESSAGE)
      .reply(429, fixture('web-api-ratelimited.json'), { 'Retry-After': '300' });

    const run = await runNode(
      plugin,
      'sendMessage',
      { channel: 'C1H9RESGL', text: 'hi' },
      { credential: botCredential() },
    );

    expect(run.retryDelays).toEqual([]);
    expect(run.error?.code).toBe('ratelimited');
    expect(run.error?.retryAfterSeconds).toBe(300);
  });
});

describe('Send Message with bad input', () => {
  test('names both text and blocks when neither is given', async () => {
    const run = await runNode(
      plugin,
      'sendMessage',
      { channel: 'C0123456789', text: '  ' },
      { credential: botCredential() },
    );

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.map((problem) => problem.path)).toEqual(['text', 'blocks']);
    expect(run.error?.message).toContain('text or blocks');
  });

  test('names the channel when a bot token is used without one', async () => {
    const run = await runNode(
      plugin,
      'sendMessage',
      { text: 'hi' },
      { credential: botCredential() },
    );

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.map((problem) => problem.path)).toEqual(['channel']);
    expect(run.error?.hint).toContain('"channel"');
  });

  test('refuses more than 50 blocks before calling Slack', async () => {
    const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' }));

    const run = await runNode(
      plugin,
      'sendMessage',
      { channel: 'C0123456789', blocks },
      { credential: botCredential() },
    );

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.[0]?.path).toBe('blocks');
    expect(run.error?.fields?.[0]?.message).toContain('at most 50 blocks');
  });

  test('refuses a thread_ts that is not a message timestamp', async () => {
    const run = await runNode(
      plugin,
      'sendMessage',
      {
        channel: 'C0123456789',
        text: 'hi',
        thread_ts: 'https://acme.slack.com/archives/C0123456789/p1503435956000247',
      },
      { credential: botCredential() },
    );

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.map((problem) => problem.path)).toEqual(['thread_ts']);
    expect(run.error?.fields?.[0]?.message).toContain('1503435956.000247');
  });

  test('names a misspelt field instead of dropping it', async () => {
    const run = await runNode(
      plugin,
      'sendMessage',
      { chanel: 'C0123456789', text: 'hi' },
      { credential: botCredential() },
    );

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.message).toContain('Unknown field(s) chanel');
  });
});

describe('Send Message keeps the token secret', () => {
  test('masks the token when a Slack error echoes it back', async () => {
    const token = canaryToken();
    nock(SLACK_ORIGIN)
      .post(POST_MESSAGE)
      .reply(200, {
        ok: false,
        error: 'invalid_auth',
        response_metadata: { messages: [`[ERROR] token ${token} is not valid here`] },
      });

    const run = await runNode(
      plugin,
      'sendMessage',
      { channel: 'C0123456789', text: 'hi' },
      { credential: botCredential(token) },
    );

    expect(run.error?.code).toBe('invalid_auth');
    expect(run.error?.message).toContain('[ERROR] token [redacted] is not valid here');
    assertNoCanary(token, { logs: run.logs, error: run.error, details: run.error?.details });
  });

  test('refreshes an expired rotating OAuth token once and posts with the new one', async () => {
    const expired = canaryToken();
    const fresh = canaryToken();
    const scope = nock(SLACK_ORIGIN)
      .post(POST_MESSAGE)
      .reply(200, slackError('token_expired'))
      .post(POST_MESSAGE)
      .reply(200, fixture('chat-post-message-ok.json'));
    const requests = recordRequests(scope);
    let refreshes = 0;
    // A stored credential's refresh hook, as the credentials manager supplies it.
    const credential = {
      ...oauthCredential(expired),
      refresh: async () => {
        refreshes++;
        return { accessToken: fresh, tokenType: 'bot', expiresAt: Date.now() + 43_200_000 };
      },
    };

    const run = await runNode(
      plugin,
      'sendMessage',
      { channel: 'C1H9RESGL', text: 'hi' },
      { credential },
    );

    expect(run.ok).toBe(true);
    expect(refreshes).toBe(1);
    expect(requests.map((request) => request.headers.authorization)).toEqual([
      `Bearer ${expired}`,
      `Bearer ${fresh}`,
    ]);
    assertNoCanary(fresh, { logs: run.logs, output: run.output });
  });
});
