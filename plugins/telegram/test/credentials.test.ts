import { assertNoCanary, nock, recordRequests, testCredential } from '@knotwork/testing';
import { describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import {
  canaryToken,
  fixture,
  methodPath,
  TELEGRAM_ORIGIN,
  telegramError,
  useClosedNetwork,
} from './support.js';

useClosedNetwork();

describe('Telegram bot token: Test connection', () => {
  test("calls getMe and reports the bot's @username", async () => {
    const token = canaryToken();
    const scope = nock(TELEGRAM_ORIGIN)
      .post(methodPath(token, 'getMe'))
      .reply(200, fixture('get-me.json'));
    const requests = recordRequests(scope);

    const result = await testCredential(plugin, { key: 'botToken', data: { botToken: token } });

    expect(result).toMatchObject({
      ok: true,
      message: 'Connected as @knotwork_bot (knotwork, id 123456789)',
    });
    expect(requests).toHaveLength(1);
    assertNoCanary(token, { result });
  });

  test.each([
    ['unauthorized', 'unauthorized', '/revoke'],
    ['notFound', 'not_found', 'token is complete'],
  ])('fails on %s with the hint', async (name, code, hintPhrase) => {
    const token = canaryToken();
    const error = telegramError(name);
    nock(TELEGRAM_ORIGIN).post(methodPath(token, 'getMe')).reply(error.status, error.body);

    const result = await testCredential(plugin, { key: 'botToken', data: { botToken: token } });

    expect(result.ok).toBe(false);
    expect(result.message).toContain(`(${code})`);
    expect(result.hint).toContain(hintPhrase);
    assertNoCanary(token, { result });
  });

  test('asks a local Bot API server when one is set', async () => {
    const token = canaryToken();
    const scope = nock('http://127.0.0.1:8081')
      .post(methodPath(token, 'getMe'))
      .reply(200, fixture('get-me.json'));
    const requests = recordRequests(scope);

    const result = await testCredential(plugin, {
      key: 'botToken',
      data: { botToken: token, baseUrl: 'http://127.0.0.1:8081' },
    });

    expect(result.ok).toBe(true);
    expect(requests).toHaveLength(1);
  });

  test('masks the token in the log of a retried check', async () => {
    const token = canaryToken();
    nock(TELEGRAM_ORIGIN)
      .post(methodPath(token, 'getMe'))
      .reply(500, { ok: false, error_code: 500, description: 'Internal Server Error' })
      .post(methodPath(token, 'getMe'))
      .reply(200, fixture('get-me.json'));

    const result = await testCredential(plugin, { key: 'botToken', data: { botToken: token } });

    expect(result.ok).toBe(true);
    expect(result.logs).toHaveLength(1);
    expect(result.logs[0]?.message).toBe('Retrying POST https://api.telegram.org/getMe');
    assertNoCanary(token, { logs: result.logs });
  });

  test.each([
    ['the bot username', '@knotwork_bot'],
    [
      'a token with the "bot" prefix from the URL',
      'bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw',
    ],
  ])('refuses %s and names the field', async (_case, botToken) => {
    const result = await testCredential(plugin, { key: 'botToken', data: { botToken } });

    expect(result.ok).toBe(false);
    expect(result.message).toContain('botToken: A bot token looks like 123456789:AAH…');
    expect(result.hint).toBe('Fix "credential.botToken" and run again.');
    expect(nock.pendingMocks()).toEqual([]);
  });
});
