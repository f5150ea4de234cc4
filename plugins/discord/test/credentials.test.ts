import { assertNoCanary, nock, recordRequests, testCredential } from '@knotwork/testing';
import { describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import {
  canaryBotToken,
  canaryWebhook,
  DISCORD_ORIGIN,
  discordError,
  fixture,
  rateLimited,
  useClosedNetwork,
  WEBHOOK_ID,
} from './support.js';

useClosedNetwork();

describe('Discord webhook: Test connection', () => {
  test('reads the webhook without posting and names it and its channel', async () => {
    const { url, token, path } = canaryWebhook();
    // Discord returns the webhook's own token in the answer; it must not surface.
    const scope = nock(DISCORD_ORIGIN)
      .get(path)
      .reply(200, { ...fixture('webhook-incoming.json'), token });
    const requests = recordRequests(scope);

    const result = await testCredential(plugin, { key: 'webhookUrl', data: { webhookUrl: url } });

    expect(result.ok).toBe(true);
    expect(result.message).toBe(
      'Webhook "test webhook" posts to channel 199737254929760256 in server 199737254929760256',
    );
    expect(requests).toHaveLength(1);
    expect(requests[0]?.method).toBe('GET');
    assertNoCanary(token, { result });
  });

  test('fails with the hint for a deleted webhook', async () => {
    const { url, token, path } = canaryWebhook();
    const error = discordError('unknownWebhook');
    nock(DISCORD_ORIGIN).get(path).reply(error.status, error.body);

    const result = await testCredential(plugin, { key: 'webhookUrl', data: { webhookUrl: url } });

    expect(result.ok).toBe(false);
    expect(result.message).toBe('discord answered 404 (10015): Unknown Webhook');
    expect(result.hint).toContain('create a new webhook');
    assertNoCanary(token, { result });
  });

  test('masks the token of a discordapp.com URL in the retry log', async () => {
    const { token, path } = canaryWebhook();
    const { headers, body } = rateLimited('user');
    nock(DISCORD_ORIGIN)
      .get(path)
      .reply(429, body, headers)
      .get(path)
      .reply(200, fixture('webhook-incoming.json'));

    const result = await testCredential(plugin, {
      key: 'webhookUrl',
      data: { webhookUrl: `https://discordapp.com/api/webhooks/${WEBHOOK_ID}/${token}` },
    });

    expect(result.ok).toBe(true);
    expect(result.retryDelays).toEqual([65_000]);
    expect(result.logs.map((record) => record.message)).toEqual(['Retrying GET [redacted]']);
    assertNoCanary(token, { logs: result.logs });
  });

  test('goes to the base URL override', async () => {
    const { url, token } = canaryWebhook();
    const scope = nock('http://127.0.0.1:8765')
      .get(`/api/v10/webhooks/${WEBHOOK_ID}/${token}`)
      .reply(200, fixture('webhook-incoming.json'));
    const requests = recordRequests(scope);

    const result = await testCredential(plugin, {
      key: 'webhookUrl',
      data: { webhookUrl: url, baseUrl: 'http://127.0.0.1:8765/api/v10' },
    });

    expect(result.ok).toBe(true);
    expect(requests).toHaveLength(1);
  });

  test.each([
    ['a Slack webhook', 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXX'],
    ['a URL without its token', `https://discord.com/api/webhooks/${WEBHOOK_ID}`],
    ['plain http', `http://discord.com/api/webhooks/${WEBHOOK_ID}/${'a'.repeat(68)}`],
  ])('refuses %s and names the field', async (_case, webhookUrl) => {
    const result = await testCredential(plugin, { key: 'webhookUrl', data: { webhookUrl } });

    expect(result.ok).toBe(false);
    expect(result.message).toContain('webhookUrl: Give the full webhook URL');
    expect(nock.pendingMocks()).toEqual([]);
  });

  test('refuses a base URL that does not end in /api/v10', async () => {
    const { url, token } = canaryWebhook();

    const result = await testCredential(plugin, {
      key: 'webhookUrl',
      data: { webhookUrl: url, baseUrl: 'https://proxy.example.test' },
    });

    expect(result.ok).toBe(false);
    expect(result.message).toContain('baseUrl: End the address with /api/v10');
    assertNoCanary(token, { result });
  });
});

describe('Discord bot token: Test connection', () => {
  test('asks who the token belongs to and names the bot', async () => {
    const token = canaryBotToken();
    const scope = nock(DISCORD_ORIGIN)
      .get('/api/v10/users/@me')
      .reply(200, fixture('current-user-bot.json'));
    const requests = recordRequests(scope);

    const result = await testCredential(plugin, { key: 'botToken', data: { botToken: token } });

    expect(result).toMatchObject({
      ok: true,
      message: 'Connected as bot Nelly (id 80351110224678912)',
    });
    expect(requests[0]?.headers.authorization).toBe(`Bot ${token}`);
    assertNoCanary(token, { result });
  });

  test('refuses a token that belongs to a user, not a bot', async () => {
    nock(DISCORD_ORIGIN)
      .get('/api/v10/users/@me')
      .reply(200, { ...fixture('current-user-bot.json'), bot: undefined });

    const result = await testCredential(plugin, {
      key: 'botToken',
      data: { botToken: canaryBotToken() },
    });

    expect(result.ok).toBe(false);
    expect(result.hint).toContain('Reset Token');
  });

  test('fails with the hint for a wrong token', async () => {
    const token = canaryBotToken();
    const error = discordError('unauthorized');
    nock(DISCORD_ORIGIN).get('/api/v10/users/@me').reply(error.status, error.body);

    const result = await testCredential(plugin, { key: 'botToken', data: { botToken: token } });

    expect(result.ok).toBe(false);
    expect(result.message).toBe('discord answered 401 (0): 401: Unauthorized');
    expect(result.hint).toContain('copy the bot token again');
    assertNoCanary(token, { result });
  });

  test('refuses something that is not a bot token and names the field', async () => {
    const result = await testCredential(plugin, {
      key: 'botToken',
      data: { botToken: 'client-secret-pasted-by-mistake' },
    });

    expect(result.ok).toBe(false);
    expect(result.message).toContain('botToken: A Discord bot token has three parts');
    expect(result.hint).toBe('Fix "credential.botToken" and run again.');
  });
});
