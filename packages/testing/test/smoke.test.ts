import { defineCredential, defineNode, definePlugin, secret, z } from '@knotwork/sdk';
import { afterEach, beforeEach, expect, test } from 'vitest';
import {
  assertNoCanary,
  closeNetwork,
  createCanary,
  nock,
  recordRequests,
  runNode,
} from '../src/index.js';

const token = defineCredential({
  key: 'apiToken',
  displayName: 'API token',
  kind: 'apiKey',
  schema: z.object({ token: secret() }),
  authenticate: { type: 'bearer', field: 'token' },
  baseUrl: { default: 'https://api.example.test/v1' },
  test: async (ctx) => {
    await ctx.http.request({ url: '/me' });
    return { ok: true, message: 'ok' };
  },
});

const plugin = definePlugin({
  name: 'example',
  displayName: 'Example',
  description: 'x',
  categories: ['test'],
  credentials: [token],
  nodes: [
    defineNode({
      key: 'getThing',
      kind: 'action',
      displayName: 'Get thing',
      description: 'x',
      credentials: [token],
      input: z.object({ id: z.string().min(1) }),
      output: z.object({ name: z.string() }),
      run: async (ctx, input) => {
        const response = await ctx.http.request<{ name: string }>({ url: `/things/${input.id}` });
        ctx.logger.info(`got thing with ${ctx.credential.data.token}`);
        return { name: response.data.name };
      },
    }),
  ],
  policy: { errors: { codePath: 'error.code', hints: { nope: { hint: 'do the thing' } } } },
});

let restore: () => void;
beforeEach(() => {
  restore = closeNetwork();
});
afterEach(() => restore());

test('smoke', async () => {
  const canary = createCanary();
  const scope = nock('https://api.example.test').get('/v1/things/42').reply(200, { name: 'hello' });
  const requests = recordRequests(scope);
  const run = await runNode(
    plugin,
    'getThing',
    { id: '42' },
    { credential: { key: 'apiToken', data: { token: canary } } },
  );
  expect(run.error).toBeUndefined();
  expect(run.output).toEqual({ name: 'hello' });
  expect(requests[0]?.headers.authorization).toBe(`Bearer ${canary}`);
  assertNoCanary(canary, { logs: run.logs, output: run.output });
  expect(run.logs[0]?.message).toContain('[redacted]');

  nock('https://api.example.test')
    .get('/v1/things/1')
    .reply(429, {}, { 'retry-after': '7' })
    .get('/v1/things/1')
    .reply(404, { error: { code: 'nope', message: `bad ${canary}` } });
  const failed = await runNode(
    plugin,
    'getThing',
    { id: '1' },
    { credential: { key: 'apiToken', data: { token: canary } } },
  );
  expect(failed.retryDelays).toEqual([7000]);
  expect(failed.error?.code).toBe('nope');
  expect(failed.error?.hint).toBe('do the thing');
  assertNoCanary(canary, { error: failed.error, logs: failed.logs });

  const bad = await runNode(
    plugin,
    'getThing',
    { id: 5 },
    { credential: { key: 'apiToken', data: { token: canary } } },
  );
  expect(bad.error?.code).toBe('invalid_input');
  expect(bad.error?.fields?.[0]?.path).toBe('id');
  console.log(bad.error?.message, failed.error?.message);
});
