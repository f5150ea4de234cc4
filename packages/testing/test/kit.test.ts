import { createHmac } from 'node:crypto';
import {
  defineCredential,
  defineNode,
  definePlugin,
  IntegrationError,
  secret,
  z,
} from '@knotwork/sdk';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  assertAllMocksUsed,
  assertNoCanary,
  closeNetwork,
  createCanary,
  deliverWebhook,
  manifestSnapshot,
  memoryState,
  nock,
  pollTrigger,
  recordRequests,
  runNode,
  testCredential,
} from '../src/index.js';

const signingSecret = defineCredential({
  key: 'signingSecret',
  displayName: 'Signing secret',
  kind: 'custom',
  schema: z.object({ secret: secret() }),
  baseUrl: { default: 'https://feed.example.test' },
  test: async (ctx) => {
    const response = await ctx.http.request<{ name: string }>({ url: '/whoami' });
    return { ok: true, message: `Signed in as ${response.data.name}` };
  },
  authenticate: { type: 'header', name: 'x-feed-key', field: 'secret' },
});

const newEntries = defineNode({
  key: 'newEntries',
  kind: 'trigger',
  displayName: 'New entries',
  description: 'Emits entries newer than the last one seen',
  trigger: { type: 'polling', intervalSeconds: 60 },
  credentials: [signingSecret],
  input: z.object({}),
  output: z.object({ id: z.number() }),
  poll: async (ctx) => {
    const after = ctx.state.get<number>('lastId') ?? 0;
    const response = await ctx.http.request<Array<{ id: number }>>({
      url: '/entries',
      query: { after },
    });
    const last = response.data.at(-1);
    if (last) ctx.state.set('lastId', last.id);
    return response.data;
  },
});

const signedHook = defineNode({
  key: 'signedHook',
  kind: 'trigger',
  displayName: 'Signed webhook',
  description: 'Accepts requests signed with HMAC-SHA256 of the raw body',
  trigger: { type: 'webhook', methods: ['POST'] },
  credentials: [signingSecret],
  input: z.object({}),
  output: z.object({ event: z.string() }),
  webhook: async (ctx, _input, request) => {
    const expected = createHmac('sha256', ctx.credential.data.secret)
      .update(request.rawBody)
      .digest('hex');
    if (request.headers['x-signature'] !== expected) {
      return { items: [], response: { status: 401, body: { error: 'bad signature' } } };
    }
    const body = request.body as { event: string };
    return { items: [{ event: body.event }], response: { status: 202 } };
  },
});

const leaky = defineNode({
  key: 'leaky',
  kind: 'action',
  displayName: 'Leaky',
  description: 'Throws an error quoting its secret, as careless code might',
  credentials: [signingSecret],
  input: z.object({}),
  output: z.object({}),
  run: async (ctx) => {
    throw new IntegrationError({
      service: 'feed',
      code: 'oops',
      message: `failed with key ${ctx.credential.data.secret}`,
      hint: 'none',
    });
  },
});

const plugin = definePlugin({
  name: 'feed',
  displayName: 'Feed',
  description: 'A feed for testing the kit',
  categories: ['Test'],
  credentials: [signingSecret],
  nodes: [newEntries, signedHook, leaky],
});

let restore: () => void;
beforeEach(() => {
  restore = closeNetwork();
});
afterEach(() => restore());

describe('closeNetwork', () => {
  test('refuses hosts that were not mocked', async () => {
    await expect(fetch('https://unmocked.example.test/')).rejects.toThrow();
  });

  test('assertAllMocksUsed names the request that was never made', () => {
    nock('https://feed.example.test').get('/never').reply(200);
    expect(() => assertAllMocksUsed()).toThrow(/GET https:\/\/feed\.example\.test:443\/never/);
  });
});

describe('pollTrigger', () => {
  test('keeps the trigger state between polls, as the scheduler will', async () => {
    const scope = nock('https://feed.example.test')
      .get('/entries')
      .query({ after: 0 })
      .reply(200, [{ id: 1 }, { id: 2 }])
      .get('/entries')
      .query({ after: 2 })
      .reply(200, []);
    const requests = recordRequests(scope);

    const { polls, state } = await pollTrigger<{ id: number }>(
      plugin,
      'newEntries',
      {},
      { credential: { key: 'signingSecret', data: { secret: 'feed-key-1' } }, times: 2 },
    );

    expect(polls.map((poll) => poll.output)).toEqual([[{ id: 1 }, { id: 2 }], []]);
    expect(state.values.get('lastId')).toBe(2);
    expect(requests.map((request) => request.path)).toEqual([
      '/entries?after=0',
      '/entries?after=2',
    ]);
    expect(requests[0]?.headers['x-feed-key']).toBe('feed-key-1');
  });

  test('starts from a given state', async () => {
    nock('https://feed.example.test')
      .get('/entries')
      .query({ after: 40 })
      .reply(200, [{ id: 41 }]);
    const { polls } = await pollTrigger(
      plugin,
      'newEntries',
      {},
      {
        credential: { key: 'signingSecret', data: { secret: 'feed-key-1' } },
        state: memoryState({ lastId: 40 }),
      },
    );
    expect(polls[0]?.output).toEqual([{ id: 41 }]);
  });
});

describe('deliverWebhook', () => {
  const secretValue = 'whsec-0123456789';
  const body = JSON.stringify({ event: 'created' });
  const signature = createHmac('sha256', secretValue).update(body).digest('hex');

  test('hands the node the raw body bytes and the parsed JSON', async () => {
    const run = await deliverWebhook<{ event: string }>(
      plugin,
      'signedHook',
      {},
      {
        headers: { 'Content-Type': 'application/json', 'X-Signature': signature },
        body,
      },
      { credential: { key: 'signingSecret', data: { secret: secretValue } } },
    );
    expect(run.output).toEqual({ items: [{ event: 'created' }], response: { status: 202 } });
  });

  test('a bad signature gets the node’s own refusal', async () => {
    const run = await deliverWebhook(
      plugin,
      'signedHook',
      {},
      { headers: { 'x-signature': 'forged' }, body: { event: 'created' } },
      { credential: { key: 'signingSecret', data: { secret: secretValue } } },
    );
    expect(run.output).toEqual({
      items: [],
      response: { status: 401, body: { error: 'bad signature' } },
    });
  });
});

describe('canary checks', () => {
  test('the host scrubs a secret an error quotes, and assertNoCanary agrees', async () => {
    const canary = createCanary('feed');
    const run = await runNode(
      plugin,
      'leaky',
      {},
      { credential: { key: 'signingSecret', data: { secret: canary } } },
    );
    expect(run.error?.message).toBe('failed with key [redacted]');
    expect(() => assertNoCanary(canary, { error: run.error, logs: run.logs })).not.toThrow();
  });

  test('assertNoCanary names where a canary leaked, in any visible form', () => {
    const canary = createCanary();
    expect(() =>
      assertNoCanary(canary, {
        clean: { message: 'nothing here' },
        logs: [{ message: `token=${encodeURIComponent(canary)}` }],
        error: new Error(`boom ${canary}`),
      }),
    ).toThrow('The canary secret leaked into: logs, error');
  });

  test('canaries are unique', () => {
    expect(createCanary()).not.toBe(createCanary());
  });
});

describe('testCredential', () => {
  test('reports success with the provider’s answer', async () => {
    nock('https://feed.example.test').get('/whoami').reply(200, { name: 'ann' });
    const result = await testCredential(plugin, {
      key: 'signingSecret',
      data: { secret: 'feed-key-1' },
    });
    expect(result).toMatchObject({ ok: true, message: 'Signed in as ann' });
  });

  test('reports a rejected credential with a hint instead of throwing', async () => {
    nock('https://feed.example.test').get('/whoami').reply(401, { message: 'bad key' });
    const result = await testCredential(plugin, {
      key: 'signingSecret',
      data: { secret: 'feed-key-1' },
    });
    expect(result.ok).toBe(false);
    expect(result.message).toContain('401');
    expect(result.hint).toMatch(/rejected the credential/);
  });
});

test('manifestSnapshot gives a fixed identity so snapshots only change with the code', () => {
  const manifest = manifestSnapshot(plugin);
  expect(manifest.package).toBe('@knotwork/plugin-feed');
  expect(manifest.sdk).toBe('*');
  expect(manifest.nodes.map((node) => [node.key, node.trigger?.type])).toEqual([
    ['feed.newEntries', 'polling'],
    ['feed.signedHook', 'webhook'],
    ['feed.leaky', undefined],
  ]);
});
