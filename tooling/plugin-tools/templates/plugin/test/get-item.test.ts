import {
  assertNoCanary,
  closeNetwork,
  createCanary,
  hostFor,
  nock,
  recordRequests,
  runNode,
} from '@knotwork/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import notFound from './fixtures/error-not-found.json' with { type: 'json' };
import item from './fixtures/item.json' with { type: 'json' };
import me from './fixtures/me.json' with { type: 'json' };

// TODO: the provider's real API root, as in src/credentials.ts.
const API = 'https://api.{{name}}.example';

let restoreNetwork: () => void;
beforeEach(() => {
  restoreNetwork = closeNetwork();
});
afterEach(() => restoreNetwork());

function withKey(apiKey = 'test-api-key', extra: Record<string, unknown> = {}) {
  return { credential: { key: 'apiKey', data: { apiKey, ...extra } } };
}

describe('getItem', () => {
  test('returns the item and sends the API key as a bearer token', async () => {
    const scope = nock(API).get('/v1/items/itm_42').reply(200, item);
    const requests = recordRequests(scope);

    const run = await runNode(plugin, 'getItem', { itemId: 'itm_42' }, withKey());

    expect(run.error).toBeUndefined();
    expect(run.output).toEqual({
      id: 'itm_42',
      name: 'Quarterly report',
      status: 'active',
      updatedAt: '2025-03-14T16:05:12Z',
    });
    expect(requests[0]?.headers.authorization).toBe('Bearer test-api-key');
  });

  test('calls the base URL the credential names (self-hosted or regional)', async () => {
    nock('https://eu.example.test').get('/api/items/itm_42').reply(200, item);

    const credential = withKey('test-api-key', { baseUrl: 'https://eu.example.test/api' });
    const run = await runNode(plugin, 'getItem', { itemId: 'itm_42' }, credential);

    expect(run.error).toBeUndefined();
  });

  test('explains what to do when the item does not exist', async () => {
    nock(API).get('/v1/items/itm_missing').reply(404, notFound);

    const run = await runNode(plugin, 'getItem', { itemId: 'itm_missing' }, withKey());

    expect(run.error?.code).toBe('not_found');
    expect(run.error?.status).toBe(404);
    expect(run.error?.retryable).toBe(false);
    expect(run.error?.hint).toMatch(/copy the ID/);
  });

  test('names the bad field and calls nothing when the item ID is empty', async () => {
    const run = await runNode(plugin, 'getItem', { itemId: '' }, withKey());

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.[0]?.path).toBe('itemId');
  });

  test('waits as long as Retry-After says when rate limited, then succeeds', async () => {
    nock(API)
      .get('/v1/items/itm_42')
      .reply(429, { error: { code: 'rate_limited', message: 'Slow down' } }, { 'retry-after': '2' })
      .get('/v1/items/itm_42')
      .reply(200, item);

    const run = await runNode(plugin, 'getItem', { itemId: 'itm_42' }, withKey());

    expect(run.retryDelays).toEqual([2000]);
    expect(run.error).toBeUndefined();
  });

  test('never shows the API key in logs or errors, even when the provider echoes it', async () => {
    const canary = createCanary('api-key');
    nock(API)
      .get('/v1/items/itm_42')
      .reply(401, { error: { code: 'invalid_api_key', message: `Key ${canary} is not valid` } });

    const run = await runNode(plugin, 'getItem', { itemId: 'itm_42' }, withKey(canary));

    expect(run.error?.code).toBe('invalid_api_key');
    expect(run.error?.hint).toMatch(/create a new key/);
    assertNoCanary(canary, { error: run.error, logs: run.logs });
  });
});

describe('apiKey credential', () => {
  test('"Test connection" says whom the key belongs to', async () => {
    nock(API).get('/v1/me').reply(200, me);

    const host = await hostFor(plugin);
    const result = await host.testCredential({
      type: `${plugin.name}.apiKey`,
      data: { apiKey: 'test-api-key' },
    });

    expect(result).toEqual({ ok: true, message: 'Connected as Ada Lovelace' });
  });

  test('"Test connection" fails with the hint when the key is refused', async () => {
    nock(API)
      .get('/v1/me')
      .reply(401, { error: { code: 'invalid_api_key', message: 'Invalid API key' } });

    const host = await hostFor(plugin);
    const result = await host.testCredential({
      type: `${plugin.name}.apiKey`,
      data: { apiKey: 'revoked-key' },
    });

    expect(result.ok).toBe(false);
    expect(result.hint).toMatch(/create a new key/);
  });
});
