import { assertNoCanary, nock, recordRequests, runNode } from '@knotwork/testing';
import { describe, expect, test } from 'vitest';
import { DISCORD_USER_AGENT } from '../src/discord-api.js';
import plugin from '../src/index.js';
import {
  botCredential,
  CHANNEL_ID,
  canaryBotToken,
  DISCORD_ORIGIN,
  discordError,
  fixture,
  rateLimited,
  useClosedNetwork,
} from './support.js';

useClosedNetwork();

const MESSAGES = `/api/v10/channels/${CHANNEL_ID}/messages`;

describe('Send Bot Message', () => {
  test('posts to the channel with the Bot authorization and returns the message', async () => {
    const token = canaryBotToken();
    const scope = nock(DISCORD_ORIGIN).post(MESSAGES).reply(200, fixture('message.json'));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'sendBotMessage',
      {
        channel_id: CHANNEL_ID,
        content: 'Supa Hot',
        embeds: [{ title: 'Hello, Embed!', description: 'This is an embedded message.' }],
        message_reference: { message_id: '306588351130107906' },
        allowed_mentions: { replied_user: false },
      },
      { credential: botCredential(token) },
    );

    expect(run.error).toBeUndefined();
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url).toBe(`https://discord.com${MESSAGES}`);
    expect(requests[0]?.headers.authorization).toBe(`Bot ${token}`);
    expect(requests[0]?.headers['user-agent']).toBe(DISCORD_USER_AGENT);
    expect(requests[0]?.body).toEqual({
      content: 'Supa Hot',
      embeds: [{ title: 'Hello, Embed!', description: 'This is an embedded message.' }],
      message_reference: { message_id: '306588351130107906' },
      allowed_mentions: { replied_user: false },
    });
    expect(run.output).toEqual({
      id: '334385199974967042',
      channel_id: CHANNEL_ID,
      message: fixture('message.json'),
    });
    assertNoCanary(token, { logs: run.logs, output: run.output });
  });

  test('adds "Bot " once when the token was pasted with it', async () => {
    const token = canaryBotToken();
    const scope = nock(DISCORD_ORIGIN).post(MESSAGES).reply(200, fixture('message.json'));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'sendBotMessage',
      { channel_id: CHANNEL_ID, content: 'hi' },
      { credential: botCredential(`Bot ${token}`) },
    );

    expect(run.ok).toBe(true);
    expect(requests[0]?.headers.authorization).toBe(`Bot ${token}`);
  });
});

describe('Send Bot Message: Discord errors', () => {
  test.each([
    ['unknownChannel', '10003', 404, 'Copy Channel ID'],
    ['missingAccess', '50001', 403, 'View Channel'],
    ['missingPermissions', '50013', 403, 'Send Messages'],
    ['invalidToken', '50014', 401, 'Reset Token'],
    ['entityTooLarge', '40005', 413, '25 MiB'],
  ])('maps %s to code %s with a hint', async (name, code, status, hintPhrase) => {
    const error = discordError(name);
    nock(DISCORD_ORIGIN).post(MESSAGES).reply(error.status, error.body);

    const run = await runNode(
      plugin,
      'sendBotMessage',
      { channel_id: CHANNEL_ID, content: 'hi' },
      { credential: botCredential() },
    );

    expect(run.error?.code).toBe(code);
    expect(run.error?.status).toBe(status);
    expect(run.error?.retryable).toBe(false);
    expect(run.error?.hint).toContain(hintPhrase);
  });

  test('gives the general error code 0 the hint of its HTTP status (a wrong token)', async () => {
    const error = discordError('unauthorized');
    nock(DISCORD_ORIGIN).post(MESSAGES).reply(error.status, error.body);

    const run = await runNode(
      plugin,
      'sendBotMessage',
      { channel_id: CHANNEL_ID, content: 'hi' },
      { credential: botCredential() },
    );

    expect(run.error?.code).toBe('0');
    expect(run.error?.message).toBe('discord answered 401 (0): 401: Unauthorized');
    expect(run.error?.hint).toContain('copy the bot token again');
  });

  test('says how to post anyway when the message to reply to is gone', async () => {
    const error = discordError('replyTargetMissing');
    nock(DISCORD_ORIGIN).post(MESSAGES).reply(error.status, error.body);

    const run = await runNode(
      plugin,
      'sendBotMessage',
      { channel_id: CHANNEL_ID, content: 'hi', message_reference: { message_id: '1'.repeat(18) } },
      { credential: botCredential() },
    );

    expect(run.error?.code).toBe('50035');
    expect(run.error?.hint).toContain('fail_if_not_exists to false');
    expect(run.error?.details?.errors).toEqual({
      message_reference: {
        _errors: [{ code: 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', message: 'Unknown message' }],
      },
    });
  });

  test('does not post again after a 502, which may have gone through', async () => {
    nock(DISCORD_ORIGIN).post(MESSAGES).reply(502, 'Bad Gateway');

    const run = await runNode(
      plugin,
      'sendBotMessage',
      { channel_id: CHANNEL_ID, content: 'hi' },
      { credential: botCredential() },
    );

    expect(run.retryDelays).toEqual([]);
    expect(run.error?.code).toBe('http_502');
    expect(run.error?.retryable).toBe(true);
    expect(run.error?.hint).toContain('no gateway free');
  });

  test('masks the token when an error quotes it', async () => {
    const token = canaryBotToken();
    nock(DISCORD_ORIGIN)
      .post(MESSAGES)
      .reply(401, { message: `Invalid token ${token}`, code: 50014 });

    const run = await runNode(
      plugin,
      'sendBotMessage',
      { channel_id: CHANNEL_ID, content: 'hi' },
      { credential: botCredential(token) },
    );

    expect(run.error?.message).toBe('discord answered 401 (50014): Invalid token [redacted]');
    assertNoCanary(token, { error: run.error, logs: run.logs, details: run.error?.details });
  });
});

describe('Send Bot Message: rate limits', () => {
  test('waits as long as the 429 says, then posts once more', async () => {
    const token = canaryBotToken();
    const { headers, body } = rateLimited('user');
    const scope = nock(DISCORD_ORIGIN)
      .post(MESSAGES)
      .reply(429, body, headers)
      .post(MESSAGES)
      .reply(200, fixture('message.json'));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'sendBotMessage',
      { channel_id: CHANNEL_ID, content: 'hi' },
      { credential: botCredential(token) },
    );

    expect(run.retryDelays).toEqual([65_000]);
    expect(requests.map((request) => request.headers.authorization)).toEqual([
      `Bot ${token}`,
      `Bot ${token}`,
    ]);
    expect(run.output).toMatchObject({ id: '334385199974967042' });
    assertNoCanary(token, { logs: run.logs });
  });

  test('maps a slowmode refusal (code 20016) to a wait, not a failure', async () => {
    nock(DISCORD_ORIGIN)
      .post(MESSAGES)
      .reply(429, {
        message: 'This action cannot be performed due to slowmode rate limit.',
        code: 20016,
        retry_after: 4.2,
        global: false,
      })
      .post(MESSAGES)
      .reply(200, fixture('message.json'));

    const run = await runNode(
      plugin,
      'sendBotMessage',
      { channel_id: CHANNEL_ID, content: 'hi' },
      { credential: botCredential() },
    );

    expect(run.retryDelays).toEqual([4_200]);
    expect(run.ok).toBe(true);
  });
});

describe('Send Bot Message with bad input', () => {
  test.each([
    ['a missing channel id', { content: 'hi' }, ['channel_id']],
    ['a channel name instead of an id', { channel_id: '#general', content: 'hi' }, ['channel_id']],
    [
      'a reply without a message id',
      { channel_id: CHANNEL_ID, content: 'hi', message_reference: { fail_if_not_exists: false } },
      ['message_reference.message_id'],
    ],
    ['no content and no embeds', { channel_id: CHANNEL_ID, embeds: [] }, ['content', 'embeds']],
    ['a misspelt field', { channel_id: CHANNEL_ID, content: 'hi', contnet: 'x' }, ['(input)']],
  ])('names the field for %s', async (_case, input, paths) => {
    const run = await runNode(plugin, 'sendBotMessage', input, { credential: botCredential() });

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.map((problem) => problem.path)).toEqual(paths);
  });
});
