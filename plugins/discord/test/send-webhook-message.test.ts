import { assertNoCanary, nock, recordRequests, runNode } from '@knotwork/testing';
import { describe, expect, test } from 'vitest';
import { DISCORD_USER_AGENT } from '../src/discord-api.js';
import plugin from '../src/index.js';
import {
  botCredential,
  CHANNEL_ID,
  canaryWebhook,
  DISCORD_ORIGIN,
  discordError,
  fixture,
  rateLimited,
  useClosedNetwork,
  WEBHOOK_ID,
  webhookCredential,
} from './support.js';

useClosedNetwork();

const EMBED = { title: 'Build #42 passed', description: 'All 318 tests green.', color: 0x2ecc71 };

describe('Send Webhook Message', () => {
  test('posts the message to the webhook URL and answers ok when Discord returns 204', async () => {
    const { url, token, path } = canaryWebhook();
    const scope = nock(DISCORD_ORIGIN).post(path).reply(204);
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'sendWebhookMessage',
      {
        content: 'Deploy finished',
        embeds: [EMBED],
        username: 'CI',
        avatar_url: 'https://example.com/ci.png',
        allowed_mentions: { parse: [] },
      },
      { credential: webhookCredential(url) },
    );

    expect(run.error).toBeUndefined();
    expect(run.output).toEqual({ ok: true });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url).toBe(`https://discord.com${path}`);
    expect(requests[0]?.headers.authorization).toBeUndefined();
    expect(requests[0]?.headers['user-agent']).toBe(DISCORD_USER_AGENT);
    expect(requests[0]?.headers['content-type']).toBe('application/json');
    expect(requests[0]?.body).toEqual({
      content: 'Deploy finished',
      embeds: [EMBED],
      username: 'CI',
      avatar_url: 'https://example.com/ci.png',
      allowed_mentions: { parse: [] },
    });
    assertNoCanary(token, { logs: run.logs, output: run.output });
  });

  test('sends a URL copied from discordapp.com to discord.com/api/v10', async () => {
    const { token, path } = canaryWebhook();
    const scope = nock(DISCORD_ORIGIN).post(path).reply(204);
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'sendWebhookMessage',
      { content: 'hi' },
      {
        credential: webhookCredential(
          ` https://discordapp.com/api/webhooks/${WEBHOOK_ID}/${token}/ `,
        ),
      },
    );

    expect(run.ok).toBe(true);
    expect(requests[0]?.path).toBe(path);
  });

  test('with wait, posts in the thread and returns the stored message', async () => {
    const { url, path } = canaryWebhook();
    const scope = nock(DISCORD_ORIGIN)
      .post(path)
      .query({ wait: 'true', thread_id: '1187471236891721738' })
      .reply(200, fixture('message.json'));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'sendWebhookMessage',
      { content: 'Supa Hot', wait: true, thread_id: '1187471236891721738' },
      { credential: webhookCredential(url) },
    );

    expect(run.error).toBeUndefined();
    expect(requests[0]?.path).toBe(`${path}?wait=true&thread_id=1187471236891721738`);
    expect(run.output).toEqual({
      ok: true,
      id: '334385199974967042',
      channel_id: CHANNEL_ID,
      message: fixture('message.json'),
    });
  });

  test('uses the base URL override, and masks the token in its retry log', async () => {
    const { url, token } = canaryWebhook();
    const { headers, body } = rateLimited('user');
    const path = `/proxy/api/v10/webhooks/${WEBHOOK_ID}/${token}`;
    const scope = nock('https://discord.example.test')
      .post(path)
      .reply(429, body, headers)
      .post(path)
      .reply(204);
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'sendWebhookMessage',
      { content: 'hi' },
      {
        credential: webhookCredential(url, {
          baseUrl: 'https://discord.example.test/proxy/api/v10',
        }),
      },
    );

    expect(run.ok).toBe(true);
    expect(requests).toHaveLength(2);
    expect(run.logs.some((record) => record.message.startsWith('Retrying POST'))).toBe(true);
    assertNoCanary(token, { logs: run.logs, output: run.output });
  });
});

describe('Send Webhook Message: Discord errors', () => {
  test.each([
    ['unknownWebhook', '10015', 404, 'create a new webhook'],
    ['invalidWebhookToken', '50027', 401, 'copy the URL again'],
    ['entityTooLarge', '40005', 413, '25 MiB'],
  ])('maps %s to code %s with a hint', async (name, code, status, hintPhrase) => {
    const { url, token, path } = canaryWebhook();
    const error = discordError(name);
    nock(DISCORD_ORIGIN).post(path).reply(error.status, error.body);

    const run = await runNode(
      plugin,
      'sendWebhookMessage',
      { content: 'hi' },
      { credential: webhookCredential(url) },
    );

    expect(run.error?.code).toBe(code);
    expect(run.error?.status).toBe(status);
    expect(run.error?.retryable).toBe(false);
    expect(run.error?.hint).toContain(hintPhrase);
    assertNoCanary(token, { error: run.error, logs: run.logs });
  });

  test('names the rejected field from the Invalid Form Body errors tree', async () => {
    const { url, path } = canaryWebhook();
    const error = discordError('invalidFormBody');
    nock(DISCORD_ORIGIN).post(path).reply(error.status, error.body);

    const run = await runNode(
      plugin,
      'sendWebhookMessage',
      { embeds: [{ title: 'x', url: 'not a url' }] },
      { credential: webhookCredential(url) },
    );

    expect(run.error?.code).toBe('50035');
    expect(run.error?.message).toBe('discord answered 400 (50035): Invalid Form Body');
    expect(run.error?.hint).toContain('error.details.errors names the field');
    expect(run.error?.details?.errors).toEqual({
      embeds: {
        '0': {
          url: { _errors: [{ code: 'URL_TYPE_INVALID_URL', message: 'Not a well formed URL.' }] },
        },
      },
    });
  });

  test('refuses a bot token credential, which cannot post through a webhook', async () => {
    const run = await runNode(
      plugin,
      'sendWebhookMessage',
      { content: 'hi' },
      { credential: botCredential() },
    );

    expect(run.error?.code).toBe('credential_type_mismatch');
    expect(run.error?.hint).toContain('discord.webhookUrl');
  });
});

describe('Send Webhook Message: rate limits', () => {
  test('waits as long as the 429 says, then posts the same message again', async () => {
    const { url, path } = canaryWebhook();
    const { headers, body } = rateLimited('user');
    const scope = nock(DISCORD_ORIGIN).post(path).reply(429, body, headers).post(path).reply(204);
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'sendWebhookMessage',
      { content: 'hi' },
      { credential: webhookCredential(url) },
    );

    // Retry-After: 65 (whole seconds) is read before the body's retry_after: 64.57.
    expect(run.retryDelays).toEqual([65_000]);
    expect(requests).toHaveLength(2);
    expect(requests[1]?.body).toEqual(requests[0]?.body);
    expect(run.output).toEqual({ ok: true });
  });

  test("uses the body's retry_after when no Retry-After header came", async () => {
    const { url, path } = canaryWebhook();
    nock(DISCORD_ORIGIN)
      .post(path)
      .reply(429, { message: 'You are being rate limited.', retry_after: 0.342, global: false })
      .post(path)
      .reply(204);

    const run = await runNode(
      plugin,
      'sendWebhookMessage',
      { content: 'hi' },
      { credential: webhookCredential(url) },
    );

    expect(run.retryDelays).toEqual([342]);
    expect(run.ok).toBe(true);
  });

  test('fails at once when a shared resource limit asks for more than two minutes', async () => {
    const { url, path } = canaryWebhook();
    const { headers, body } = rateLimited('shared');
    nock(DISCORD_ORIGIN).post(path).reply(429, body, headers);

    const run = await runNode(
      plugin,
      'sendWebhookMessage',
      { content: 'hi' },
      { credential: webhookCredential(url) },
    );

    expect(run.retryDelays).toEqual([]);
    expect(run.error?.code).toBe('rate_limited');
    expect(run.error?.retryable).toBe(true);
    expect(run.error?.retryAfterSeconds).toBe(1337);
    expect(run.error?.message).toContain('The resource is being rate limited.');
  });

  test('says when the limit hit is the global one', async () => {
    const { url, path } = canaryWebhook();
    const { headers, body } = rateLimited('global');
    nock(DISCORD_ORIGIN).post(path).times(5).reply(429, body, headers);

    const run = await runNode(
      plugin,
      'sendWebhookMessage',
      { content: 'hi' },
      { credential: webhookCredential(url) },
    );

    expect(run.retryDelays).toEqual([65_000, 65_000, 65_000, 65_000]);
    expect(run.error?.code).toBe('rate_limited');
    expect(run.error?.details?.global).toBe(true);
  });
});

describe('Send Webhook Message with bad input', () => {
  async function badInput(message: Record<string, unknown>) {
    const { url } = canaryWebhook();
    const run = await runNode(plugin, 'sendWebhookMessage', message, {
      credential: webhookCredential(url),
    });
    expect(run.error?.code).toBe('invalid_input');
    return run.error;
  }

  test('names content and embeds when neither is given', async () => {
    const error = await badInput({ content: '   ', username: 'CI' });
    expect(error?.fields?.map((problem) => problem.path)).toEqual(['content', 'embeds']);
  });

  test('names content over 2000 characters, counting characters as Discord does', async () => {
    // 2000 emoji are 4000 UTF-16 units but 2000 characters: allowed; one more is not.
    const { url, path } = canaryWebhook();
    nock(DISCORD_ORIGIN).post(path).reply(204);
    const ok = await runNode(
      plugin,
      'sendWebhookMessage',
      { content: '🔥'.repeat(2000) },
      { credential: webhookCredential(url) },
    );
    expect(ok.error).toBeUndefined();

    const error = await badInput({ content: 'a'.repeat(2001) });
    expect(error?.fields).toEqual([
      expect.objectContaining({ path: 'content', message: expect.stringContaining('2001') }),
    ]);
  });

  test('names embeds when there are more than 10', async () => {
    const error = await badInput({ embeds: Array.from({ length: 11 }, () => EMBED) });
    expect(error?.fields?.[0]?.path).toBe('embeds');
    expect(error?.fields?.[0]?.message).toContain('at most 10 embeds');
  });

  test('names the embed part over its limit and the embeds over 6000 characters in all', async () => {
    const long = { title: 't'.repeat(257), description: 'd'.repeat(4000) };
    const error = await badInput({ embeds: [long, { description: 'd'.repeat(2000) }] });
    expect(error?.fields?.map((problem) => problem.path)).toEqual(['embeds.0.title', 'embeds']);
    expect(error?.fields?.[1]?.message).toContain('6257 characters');
  });

  test('names an embed field with an empty value', async () => {
    const error = await badInput({
      embeds: [{ title: 'Status', fields: [{ name: 'Tests', value: ' ' }] }],
    });
    expect(error?.fields?.map((problem) => problem.path)).toEqual(['embeds.0.fields.0.value']);
  });

  test('names allowed_mentions.users when users are also parsed', async () => {
    const error = await badInput({
      content: '<@80351110224678912>',
      allowed_mentions: { parse: ['users'], users: ['80351110224678912'] },
    });
    expect(error?.fields?.map((problem) => problem.path)).toEqual(['allowed_mentions.users']);
  });

  test('names a username Discord would refuse', async () => {
    const error = await badInput({ content: 'hi', username: 'Discord Alerts' });
    expect(error?.fields?.map((problem) => problem.path)).toEqual(['username']);
  });

  test('names a thread id given as a number', async () => {
    const error = await badInput({ content: 'hi', thread_id: 1187471236891721700 });
    expect(error?.fields?.map((problem) => problem.path)).toEqual(['thread_id']);
    expect(error?.fields?.[0]?.message).toContain('as text');
  });
});
