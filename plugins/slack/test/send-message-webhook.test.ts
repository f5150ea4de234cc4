import { assertNoCanary, nock, recordRequests, runNode } from '@knotwork/testing';
import { describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import {
  canaryWebhookUrl,
  fixture,
  useClosedNetwork,
  WEBHOOK_ORIGIN,
  WEBHOOK_PATH,
  webhookCredential,
} from './support.js';

useClosedNetwork();

/** Success is "HTTP 200 with a plain text ok" (https://api.slack.com/messaging/webhooks). */
const WEBHOOK_OK = [200, 'ok', { 'content-type': 'text/html' }] as const;

describe('Send Message through an incoming webhook', () => {
  test('posts the message to the webhook URL with no Authorization header', async () => {
    const { url, canary } = canaryWebhookUrl();
    const scope = nock(WEBHOOK_ORIGIN)
      .post(`${WEBHOOK_PATH}${canary}`)
      .reply(...WEBHOOK_OK);
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'sendMessage',
      { text: 'Hello, world.', thread_ts: '1503435956.000247' },
      { credential: webhookCredential(url) },
    );

    expect(run.error).toBeUndefined();
    expect(run.output).toEqual({ ok: true });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url).toBe(url);
    expect(requests[0]?.headers.authorization).toBeUndefined();
    expect(requests[0]?.headers['content-type']).toBe('application/json');
    expect(requests[0]?.body).toEqual({ text: 'Hello, world.', thread_ts: '1503435956.000247' });
    assertNoCanary(canary, { logs: run.logs, output: run.output });
  });

  test('warns that channel, username and icon are ignored, and leaves them out', async () => {
    const { url, canary } = canaryWebhookUrl();
    const scope = nock(WEBHOOK_ORIGIN)
      .post(`${WEBHOOK_PATH}${canary}`)
      .reply(...WEBHOOK_OK);
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'sendMessage',
      { channel: 'C0123456789', text: 'hi', username: 'ecto1', icon_emoji: ':ghost:' },
      { credential: webhookCredential(url) },
    );

    expect(run.ok).toBe(true);
    expect(requests[0]?.body).toEqual({ text: 'hi' });
    expect(run.logs.map((record) => record.message)).toEqual([
      "Incoming webhooks always post to their own channel with the app's name and icon; ignored: channel, username, icon_emoji",
    ]);
  });

  const webhookErrors = fixture<Array<{ status: number; body: string }>>('webhook-errors.json');
  const hintPhrases: Record<string, string> = {
    invalid_payload: 'could not parse',
    user_not_found: 'create a new webhook',
    action_prohibited: 'retrying will not help',
    channel_not_found: 'create a new webhook',
    channel_is_archived: 'archived',
    invalid_token: 'revoked',
    no_service: 'copy the URL again',
  };

  test.each(webhookErrors)(
    'maps the plain-text $body (HTTP $status) to its code and hint',
    async ({ status, body }) => {
      const { url, canary } = canaryWebhookUrl();
      nock(WEBHOOK_ORIGIN)
        .post(`${WEBHOOK_PATH}${canary}`)
        .reply(status, body, { 'content-type': 'text/html' });

      const run = await runNode(
        plugin,
        'sendMessage',
        { text: 'hi' },
        { credential: webhookCredential(url) },
      );

      expect(run.error?.code).toBe(body);
      expect(run.error?.status).toBe(status);
      expect(run.error?.retryable).toBe(false);
      expect(run.error?.hint).toContain(hintPhrases[body]);
      assertNoCanary(canary, { error: run.error, logs: run.logs });
    },
  );

  test('does not repeat a webhook post after rollup_error (HTTP 500)', async () => {
    const { url, canary } = canaryWebhookUrl();
    const scope = nock(WEBHOOK_ORIGIN).post(`${WEBHOOK_PATH}${canary}`).reply(500, 'rollup_error');
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'sendMessage',
      { text: 'hi' },
      { credential: webhookCredential(url) },
    );

    expect(requests).toHaveLength(1);
    expect(run.error?.code).toBe('rollup_error');
    expect(run.error?.retryable).toBe(true);
    expect(run.retryDelays).toEqual([]);
  });

  test('retries after Retry-After and keeps the webhook URL out of the retry log', async () => {
    const { url, canary } = canaryWebhookUrl();
    nock(WEBHOOK_ORIGIN)
      .post(`${WEBHOOK_PATH}${canary}`)
      .reply(429, 'rate_limited', { 'Retry-After': '30' })
      .post(`${WEBHOOK_PATH}${canary}`)
      .reply(...WEBHOOK_OK);

    const run = await runNode(
      plugin,
      'sendMessage',
      { text: 'hi' },
      { credential: webhookCredential(url) },
    );

    expect(run.retryDelays).toEqual([30_000]);
    expect(run.output).toEqual({ ok: true });
    expect(run.logs).toHaveLength(1);
    expect(run.logs[0]?.message).toContain('[redacted]');
    assertNoCanary(canary, { logs: run.logs, output: run.output });
  });

  test('masks the secret path even when the saved URL is spelt differently from the one sent', async () => {
    const { canary } = canaryWebhookUrl();
    const savedUrl = `HTTPS://Hooks.Slack.com${WEBHOOK_PATH}${canary}`;
    nock(WEBHOOK_ORIGIN)
      .post(`${WEBHOOK_PATH}${canary}`)
      .reply(429, 'rate_limited', { 'Retry-After': '1' })
      .post(`${WEBHOOK_PATH}${canary}`)
      .reply(...WEBHOOK_OK);

    const run = await runNode(
      plugin,
      'sendMessage',
      { text: 'hi' },
      { credential: webhookCredential(savedUrl) },
    );

    expect(run.retryDelays).toEqual([1_000]);
    expect(run.logs[0]?.message).toBe('Retrying POST [redacted]');
    assertNoCanary(canary, { logs: run.logs });
  });

  test('keeps the webhook URL out of a network error that quotes it', async () => {
    const { url, canary } = canaryWebhookUrl();
    nock(WEBHOOK_ORIGIN)
      .post(`${WEBHOOK_PATH}${canary}`)
      // An Error instance: nock 15.0.6 never settles fetch when given a plain object here.
      .replyWithError(
        Object.assign(new Error(`socket hang up while posting to ${url}`), { code: 'ECONNRESET' }),
      );

    const run = await runNode(
      plugin,
      'sendMessage',
      { text: 'hi' },
      { credential: webhookCredential(url) },
    );

    expect(run.error?.code).toBe('network_error');
    expect(run.error?.message).toContain('[redacted]');
    assertNoCanary(canary, { error: run.error, logs: run.logs });
  });
});
