import { assertNoCanary, nock, recordRequests, runNode } from '@knotwork/testing';
import { describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import {
  botCredential,
  CHAT_ID,
  canaryToken,
  fixture,
  methodPath,
  TELEGRAM_ORIGIN,
  telegramError,
  useClosedNetwork,
} from './support.js';

useClosedNetwork();

const OK = fixture('send-message-ok.json');
const SENT = (OK as { result: unknown }).result;

describe('Send Message', () => {
  test('calls sendMessage with the token in the path and returns the message', async () => {
    const token = canaryToken();
    const scope = nock(TELEGRAM_ORIGIN).post(methodPath(token, 'sendMessage')).reply(200, OK);
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'sendMessage',
      { chat_id: CHAT_ID, text: 'Deploy finished' },
      { credential: botCredential(token) },
    );

    expect(run.error).toBeUndefined();
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url).toBe(`https://api.telegram.org/bot${token}/sendMessage`);
    expect(requests[0]?.headers.authorization).toBeUndefined();
    expect(requests[0]?.headers['content-type']).toBe('application/json');
    expect(requests[0]?.body).toEqual({ chat_id: CHAT_ID, text: 'Deploy finished' });
    expect(run.output).toEqual(SENT);
    assertNoCanary(token, { logs: run.logs, output: run.output });
  });

  test('sends formatting, buttons and the reply as Telegram names them', async () => {
    const token = canaryToken();
    const scope = nock(TELEGRAM_ORIGIN).post(methodPath(token, 'sendMessage')).reply(200, OK);
    const requests = recordRequests(scope);
    const keyboard = {
      inline_keyboard: [
        [
          { text: 'Approve', callback_data: 'deploy:yes' },
          { text: 'Logs', url: 'https://ci.example.com/42' },
        ],
      ],
    };

    const run = await runNode(
      plugin,
      'sendMessage',
      {
        chat_id: '@knotwork_news',
        text: '<b>Deploy</b> ready',
        parse_mode: 'HTML',
        reply_markup: keyboard,
        reply_to_message_id: 41,
        disable_notification: true,
        message_thread_id: 5,
      },
      { credential: botCredential(token) },
    );

    expect(run.ok).toBe(true);
    expect(requests[0]?.body).toEqual({
      chat_id: '@knotwork_news',
      text: '<b>Deploy</b> ready',
      parse_mode: 'HTML',
      message_thread_id: 5,
      disable_notification: true,
      reply_parameters: { message_id: 41 },
      reply_markup: keyboard,
    });
  });

  test('talks to a local Bot API server when the credential names one', async () => {
    const token = canaryToken();
    const scope = nock('http://127.0.0.1:8081')
      .post(`/telegram${methodPath(token, 'sendMessage')}`)
      .reply(200, OK);
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'sendMessage',
      { chat_id: CHAT_ID, text: 'hi' },
      { credential: botCredential(token, { baseUrl: 'http://127.0.0.1:8081/telegram' }) },
    );

    expect(run.ok).toBe(true);
    expect(requests).toHaveLength(1);
  });
});

describe('Send Message: Telegram errors', () => {
  test.each([
    ['chatNotFound', 'chat_not_found', 400, 'make sure the user has started the bot'],
    ['botBlocked', 'bot_blocked', 403, 'blocked the bot'],
    ['cantInitiate', 'conversation_not_started', 403, 'press Start'],
    ['unauthorized', 'unauthorized', 401, '@BotFather'],
    ['notFound', 'not_found', 404, 'token is complete'],
    ['cantParseEntities', 'cant_parse_entities', 400, 'escape'],
    ['messageTooLong', 'message_too_long', 400, 'split it'],
    ['notEnoughRights', 'not_enough_rights', 400, 'administrator'],
  ])('maps %s to %s with a hint', async (name, code, status, hintPhrase) => {
    const token = canaryToken();
    const error = telegramError(name);
    nock(TELEGRAM_ORIGIN).post(methodPath(token, 'sendMessage')).reply(error.status, error.body);

    const run = await runNode(
      plugin,
      'sendMessage',
      { chat_id: CHAT_ID, text: 'hi' },
      { credential: botCredential(token) },
    );

    expect(run.error?.code).toBe(code);
    expect(run.error?.status).toBe(status);
    expect(run.error?.retryable).toBe(false);
    expect(run.error?.message).toBe(
      `telegram answered ${status} (${code}): ${error.body.description}`,
    );
    expect(run.error?.hint.toLowerCase()).toContain(hintPhrase.toLowerCase());
    assertNoCanary(token, { error: run.error, logs: run.logs });
  });

  test('names the new id when a group became a supergroup', async () => {
    const token = canaryToken();
    const error = telegramError('migrated');
    nock(TELEGRAM_ORIGIN).post(methodPath(token, 'sendMessage')).reply(error.status, error.body);

    const run = await runNode(
      plugin,
      'sendMessage',
      { chat_id: -4012345678, text: 'hi' },
      { credential: botCredential(token) },
    );

    expect(run.error?.code).toBe('chat_migrated');
    expect(run.error?.hint).toContain('The new id is -1001234567890.');
    expect(run.error?.details?.['parameters.migrate_to_chat_id']).toBe(-1001234567890);
  });

  test('keeps the error_code and a general hint for a description it does not know', async () => {
    const token = canaryToken();
    nock(TELEGRAM_ORIGIN)
      .post(methodPath(token, 'sendMessage'))
      .reply(400, { ok: false, error_code: 400, description: 'Bad Request: TOPIC_CLOSED' });

    const run = await runNode(
      plugin,
      'sendMessage',
      { chat_id: CHAT_ID, text: 'hi', message_thread_id: 5 },
      { credential: botCredential(token) },
    );

    expect(run.error?.code).toBe('400');
    expect(run.error?.message).toBe('telegram answered 400 (400): Bad Request: TOPIC_CLOSED');
    expect(run.error?.hint).toContain('its description says which value');
  });
});

describe('Send Message: rate limits', () => {
  test('waits parameters.retry_after seconds on a 429, then sends once more', async () => {
    const token = canaryToken();
    const limited = telegramError('tooManyRequests');
    const scope = nock(TELEGRAM_ORIGIN)
      .post(methodPath(token, 'sendMessage'))
      .reply(limited.status, limited.body)
      .post(methodPath(token, 'sendMessage'))
      .reply(200, OK);
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'sendMessage',
      { chat_id: CHAT_ID, text: 'hi' },
      { credential: botCredential(token) },
    );

    expect(run.retryDelays).toEqual([34_000]);
    expect(requests.map((request) => request.path)).toEqual([
      methodPath(token, 'sendMessage'),
      methodPath(token, 'sendMessage'),
    ]);
    expect(requests[1]?.body).toEqual(requests[0]?.body);
    expect(run.output).toEqual(SENT);
    // The retry is logged with the URL as the node asked for it, before the token goes in.
    expect(run.logs.map((record) => record.message)).toEqual([
      'Retrying POST https://api.telegram.org/sendMessage',
    ]);
    assertNoCanary(token, { logs: run.logs });
  });

  test('gives up after five refusals and says when to try again', async () => {
    const token = canaryToken();
    const limited = telegramError('tooManyRequests');
    nock(TELEGRAM_ORIGIN)
      .post(methodPath(token, 'sendMessage'))
      .times(5)
      .reply(limited.status, limited.body);

    const run = await runNode(
      plugin,
      'sendMessage',
      { chat_id: CHAT_ID, text: 'hi' },
      { credential: botCredential(token) },
    );

    expect(run.retryDelays).toEqual([34_000, 34_000, 34_000, 34_000]);
    expect(run.error?.code).toBe('too_many_requests');
    expect(run.error?.retryable).toBe(true);
    expect(run.error?.retryAfterSeconds).toBe(34);
  });
});

describe('Send Message keeps the token secret', () => {
  test('masks the token, plain or URL-encoded, when an answer quotes it', async () => {
    const token = canaryToken();
    nock(TELEGRAM_ORIGIN)
      .post(methodPath(token, 'sendMessage'))
      .reply(400, {
        ok: false,
        error_code: 400,
        description: `Bad Request: bot${token} is not /bot${encodeURIComponent(token)}/`,
      });

    const run = await runNode(
      plugin,
      'sendMessage',
      { chat_id: CHAT_ID, text: 'hi' },
      { credential: botCredential(token) },
    );

    expect(run.error?.message).toBe(
      'telegram answered 400 (400): Bad Request: bot[redacted] is not /bot[redacted]/',
    );
    assertNoCanary(token, { error: run.error, details: run.error?.details, logs: run.logs });
  });

  test('masks the token when a network error quotes the URL', async () => {
    const token = canaryToken();
    nock(TELEGRAM_ORIGIN)
      .post(methodPath(token, 'sendMessage'))
      .replyWithError(`socket hang up calling https://api.telegram.org/bot${token}/sendMessage`);

    const run = await runNode(
      plugin,
      'sendMessage',
      { chat_id: CHAT_ID, text: 'hi' },
      { credential: botCredential(token) },
    );

    expect(run.error?.code).toBe('network_error');
    expect(run.error?.message).toContain('/bot[redacted]/sendMessage');
    assertNoCanary(token, { error: run.error, logs: run.logs });
  });
});

describe('Send Message with bad input', () => {
  async function badInput(message: Record<string, unknown>) {
    const run = await runNode(plugin, 'sendMessage', message, { credential: botCredential() });
    expect(run.error?.code).toBe('invalid_input');
    return run.error?.fields?.map((problem) => problem.path);
  }

  test('names the text when it is blank', async () => {
    expect(await badInput({ chat_id: CHAT_ID, text: ' \n ' })).toEqual(['text']);
  });

  test('names plain text over 4096 characters, but leaves formatted text to Telegram', async () => {
    expect(await badInput({ chat_id: CHAT_ID, text: 'a'.repeat(4097) })).toEqual(['text']);

    const token = canaryToken();
    nock(TELEGRAM_ORIGIN).post(methodPath(token, 'sendMessage')).reply(200, OK);
    const formatted = await runNode(
      plugin,
      'sendMessage',
      { chat_id: CHAT_ID, text: `<b>${'a'.repeat(4090)}</b>`, parse_mode: 'HTML' },
      { credential: botCredential(token) },
    );
    expect(formatted.error).toBeUndefined();
  });

  test('names a chat given as a plain name', async () => {
    expect(await badInput({ chat_id: 'ops team', text: 'hi' })).toEqual(['chat_id']);
  });

  test('names both reply fields when both are given', async () => {
    expect(
      await badInput({
        chat_id: CHAT_ID,
        text: 'hi',
        reply_to_message_id: 41,
        reply_parameters: { message_id: 41 },
      }),
    ).toEqual(['reply_to_message_id', 'reply_parameters']);
  });

  test('names an inline button without an action, and callback data over 64 bytes', async () => {
    expect(
      await badInput({
        chat_id: CHAT_ID,
        text: 'hi',
        reply_markup: {
          inline_keyboard: [[{ text: 'Nothing' }, { text: 'Long', callback_data: 'é'.repeat(33) }]],
        },
      }),
    ).toEqual([
      'reply_markup.inline_keyboard.0.0',
      'reply_markup.inline_keyboard.0.1.callback_data',
    ]);
  });

  test('names reply_markup when it mixes two kinds of markup', async () => {
    expect(
      await badInput({
        chat_id: CHAT_ID,
        text: 'hi',
        reply_markup: { remove_keyboard: true, force_reply: true },
      }),
    ).toEqual(['reply_markup']);
  });
});
