import { assertNoCanary, memoryState, nock, pollTrigger, recordRequests } from '@knotwork/testing';
import { describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import {
  botCredential,
  canaryToken,
  methodPath,
  TELEGRAM_ORIGIN,
  telegramError,
  updates,
  useClosedNetwork,
} from './support.js';

useClosedNetwork();

interface EmittedUpdate {
  update_id: number;
  type: string;
}

describe('Get Updates (polling trigger)', () => {
  test('emits each update once over several polls, keeping the offset in state', async () => {
    const token = canaryToken();
    const path = methodPath(token, 'getUpdates');
    const scope = nock(TELEGRAM_ORIGIN)
      .post(path)
      .reply(200, updates('first'))
      .post(path)
      .reply(200, updates('empty'))
      .post(path)
      .reply(200, updates('later'));
    const requests = recordRequests(scope);

    const { polls, state } = await pollTrigger<EmittedUpdate>(
      plugin,
      'getUpdates',
      { allowed_updates: ['message', 'edited_message', 'callback_query'] },
      { credential: botCredential(token), times: 3 },
    );

    expect(polls.map((poll) => poll.error)).toEqual([undefined, undefined, undefined]);
    const allowed = ['message', 'edited_message', 'callback_query'];
    expect(requests.map((request) => request.body)).toEqual([
      { limit: 100, timeout: 0, allowed_updates: allowed },
      { offset: 871230102, limit: 100, timeout: 0, allowed_updates: allowed },
      { offset: 871230102, limit: 100, timeout: 0, allowed_updates: allowed },
    ]);
    const [first, second, third] = polls.map((poll) => poll.output ?? []);
    expect(first?.map((update) => [update.update_id, update.type])).toEqual([
      [871230100, 'message'],
      [871230101, 'callback_query'],
    ]);
    expect(first?.[1]).toMatchObject({ callback_query: { data: 'deploy:yes' } });
    expect(second).toEqual([]);
    expect(third?.map((update) => [update.update_id, update.type])).toEqual([
      [871230102, 'edited_message'],
    ]);
    expect(state.values.get('offset')).toBe(871230103);
    assertNoCanary(token, { polls });
  });

  test('continues from the offset a previous run kept', async () => {
    const token = canaryToken();
    const scope = nock(TELEGRAM_ORIGIN)
      .post(methodPath(token, 'getUpdates'))
      .reply(200, updates('later'));
    const requests = recordRequests(scope);

    const { state } = await pollTrigger(
      plugin,
      'getUpdates',
      { limit: 10 },
      { credential: botCredential(token), state: memoryState({ offset: 871230102 }) },
    );

    expect(requests[0]?.body).toEqual({ offset: 871230102, limit: 10, timeout: 0 });
    expect(state.values.get('offset')).toBe(871230103);
  });

  test.each([
    ['webhookActive', 'webhook_active', 'deleteWebhook'],
    ['otherGetUpdates', 'getupdates_conflict', 'Only one reader per bot'],
    ['unauthorized', 'unauthorized', '@BotFather'],
  ])('maps %s to %s and keeps the offset where it was', async (name, code, hintPhrase) => {
    const token = canaryToken();
    const error = telegramError(name);
    nock(TELEGRAM_ORIGIN).post(methodPath(token, 'getUpdates')).reply(error.status, error.body);

    const { polls, state } = await pollTrigger(
      plugin,
      'getUpdates',
      {},
      { credential: botCredential(token), state: memoryState({ offset: 5 }) },
    );

    expect(polls[0]?.error?.code).toBe(code);
    expect(polls[0]?.error?.hint).toContain(hintPhrase);
    expect(state.values.get('offset')).toBe(5);
    assertNoCanary(token, { error: polls[0]?.error, logs: polls[0]?.logs });
  });

  test('waits out a 429 and then takes the updates', async () => {
    const token = canaryToken();
    const limited = telegramError('tooManyRequests');
    nock(TELEGRAM_ORIGIN)
      .post(methodPath(token, 'getUpdates'))
      .reply(limited.status, limited.body)
      .post(methodPath(token, 'getUpdates'))
      .reply(200, updates('first'));

    const { polls, state } = await pollTrigger(
      plugin,
      'getUpdates',
      {},
      { credential: botCredential(token) },
    );

    expect(polls[0]?.retryDelays).toEqual([34_000]);
    expect(polls[0]?.output).toHaveLength(2);
    expect(state.values.get('offset')).toBe(871230102);
    assertNoCanary(token, { logs: polls[0]?.logs });
  });

  test('retries a 502, since asking again with the same offset changes nothing', async () => {
    const token = canaryToken();
    nock(TELEGRAM_ORIGIN)
      .post(methodPath(token, 'getUpdates'))
      .reply(502, '<html>Bad Gateway</html>', { 'content-type': 'text/html' })
      .post(methodPath(token, 'getUpdates'))
      .reply(200, updates('later'));

    const { polls } = await pollTrigger(
      plugin,
      'getUpdates',
      {},
      { credential: botCredential(token) },
    );

    expect(polls[0]?.retryDelays).toHaveLength(1);
    expect(polls[0]?.output).toHaveLength(1);
  });

  test.each([
    ['a limit over 100', { limit: 101 }, ['limit']],
    ['a limit of 0', { limit: 0 }, ['limit']],
    ['an update type with capitals', { allowed_updates: ['Message'] }, ['allowed_updates.0']],
  ])('names the field for %s', async (_case, input, paths) => {
    const { polls } = await pollTrigger(plugin, 'getUpdates', input, {
      credential: botCredential(),
    });

    expect(polls[0]?.error?.code).toBe('invalid_input');
    expect(polls[0]?.error?.fields?.map((problem) => problem.path)).toEqual(paths);
  });
});
