import { type IntegrationError, isIntegrationError, type LogRecord, REDACTED } from '@knotwork/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { json, LocalServer } from '../../sdk/test/fixtures/local-server.js';
import {
  type CredentialResolver,
  createHost,
  type Host,
  type StoredCredential,
} from '../src/index.js';
import { acme, seen } from './fixtures/acme-plugin.js';

const TOKEN = 'acme-tok-8f2b9c71e4';
const server = new LocalServer();
let host: Host;

beforeAll(async () => {
  await server.start();
  host = await createHost({ definitions: [acme] });
});
afterAll(async () => {
  await host.close();
  await server.stop();
});

async function failure(promise: Promise<unknown>): Promise<IntegrationError> {
  try {
    await promise;
  } catch (error) {
    expect(isIntegrationError(error), String(error)).toBe(true);
    return error as IntegrationError;
  }
  throw new Error('expected the run to fail');
}

const withToken = { credential: { key: 'apiToken', data: { token: TOKEN } } };

describe('finding the node', () => {
  test('an unknown node key fails with unknown_node and a "Did you mean" hint', async () => {
    const error = await failure(host.execute('acme.sendMesage', {}));

    expect(error.code).toBe('unknown_node');
    expect(error.message).toBe('No node "acme.sendMesage" is installed');
    expect(error.hint).toBe('Did you mean acme.sendMessage?');
  });

  test('a key without a plugin name is explained', async () => {
    const error = await failure(host.execute('zzzzzzzzzzzzzzzzzzzzzzzzzz', {}));

    expect(error.code).toBe('unknown_node');
    expect(error.hint).toBe('Node keys look like plugin.node, e.g. slack.sendMessage.');
  });

  test('executing a trigger, or polling an action, names the right call', async () => {
    const asAction = await failure(host.execute('acme.newItems', { ids: [] }));
    const asTrigger = await failure(host.poll('acme.crash', {}));

    expect(asAction.code).toBe('wrong_node_kind');
    expect(asAction.message).toBe(
      'acme.newItems has no run entry: it is a polling trigger (poll it)',
    );
    expect(asTrigger.message).toBe('acme.crash has no poll entry: it is an action (execute it)');
  });
});

describe('input and credentials', () => {
  test('bad input names every bad field with what was expected', async () => {
    const error = await failure(
      host.execute(
        'acme.sendMessage',
        { channel: '', text: 5, priority: 'urgent', repeat: 50 },
        withToken,
      ),
    );

    expect(error.code).toBe('invalid_input');
    expect(error.fields?.map(({ path, expected }) => ({ path, expected }))).toEqual([
      { path: 'channel', expected: 'at least 1 character' },
      { path: 'text', expected: 'string' },
      { path: 'priority', expected: '"low" | "high"' },
      { path: 'repeat', expected: '<= 10' },
    ]);
    expect(error.message).toMatch(/^Input of acme\.sendMessage has 4 bad fields: channel: /);
    expect(error.hint).toBe(
      'Fix "channel" (expected at least 1 character), "text" (expected string), "priority" (expected "low" | "high"), "repeat" (expected <= 10) and run again.',
    );
  });

  test('good input runs the node with defaults applied and the credential it was given', async () => {
    const output = await host.execute(
      'acme.sendMessage',
      { channel: 'C1', text: 'hi' },
      { credential: { type: 'acme.basicLogin', data: { username: 'ann', password: 'hunter22' } } },
    );

    expect(output).toEqual({ channel: 'C1', sentWith: 'basicLogin', echo: 'hi' });
  });

  test('a missing required credential names the accepted types', async () => {
    const error = await failure(host.execute('acme.sendMessage', { channel: 'C1', text: 'hi' }));

    expect(error.code).toBe('credential_required');
    expect(error.message).toBe(
      'acme.sendMessage needs a credential of type acme.apiToken or acme.basicLogin',
    );
    expect(error.hint).toContain('knotwork credentials add acme.apiToken');
  });

  test('a credential of another type is refused with credential_type_mismatch', async () => {
    const error = await failure(
      host.execute(
        'acme.sendMessage',
        { channel: 'C1', text: 'hi' },
        { credential: { type: 'slack.botToken', name: 'Team Slack', data: { token: 'xoxb-1' } } },
      ),
    );

    expect(error.code).toBe('credential_type_mismatch');
    expect(error.message).toBe(
      'Credential "Team Slack" is of type slack.botToken, but acme.sendMessage accepts acme.apiToken or acme.basicLogin',
    );
  });

  test('bad credential data names credential.<field>', async () => {
    const error = await failure(
      host.execute(
        'acme.sendMessage',
        { channel: 'C1', text: 'hi' },
        { credential: { key: 'apiToken', data: {} } },
      ),
    );

    expect(error.code).toBe('invalid_input');
    expect(error.fields).toEqual([
      expect.objectContaining({ path: 'credential.token', expected: 'string' }),
    ]);
  });

  test('a credential object edited between runs is checked again with its new data', async () => {
    const credential = { key: 'apiToken', data: { token: TOKEN } as { token?: string } };
    const run = () =>
      host.execute('acme.sendMessage', { channel: 'C1', text: 'hi' }, { credential });

    expect(await run()).toMatchObject({ sentWith: 'apiToken' });
    delete credential.data.token;
    expect((await failure(run())).code).toBe('invalid_input');
    credential.data.token = TOKEN;
    expect(await run()).toMatchObject({ sentWith: 'apiToken' });
  });

  test('a credential given to a node that takes none is refused', async () => {
    const error = await failure(host.execute('acme.crash', {}, withToken));

    expect(error.code).toBe('credential_not_accepted');
  });

  test('an OAuth credential that was never connected says to connect it', async () => {
    const error = await failure(
      host.execute(
        'acme.whoAmI',
        {},
        { credential: { key: 'oauth', data: { baseUrl: server.url } } },
      ),
    );

    expect(error.code).toBe('credential_not_connected');
    expect(error.hint).toBe('Connect it first: knotwork credentials connect acme.oauth');
  });
});

describe('failures', () => {
  test('a node that throws a plain Error fails with node_failed and its message', async () => {
    const error = await failure(host.execute('acme.crash', {}));

    expect(error.code).toBe('node_failed');
    expect(error.service).toBe('acme');
    expect(error.message).toBe(
      "The acme node failed: Cannot read properties of undefined (reading 'id')",
    );
    expect(error.hint).toMatch(/bug in the acme plugin/);
  });

  test('a run written without async hands back its value, and its throw fails the run', async () => {
    expect(await host.execute('acme.plainFunction', {})).toEqual({ doubled: 42 });

    const error = await failure(host.execute('acme.plainFunction', { fail: true }));
    expect(error.code).toBe('node_failed');
    expect(error.message).toBe('The acme node failed: plain failure');
  });

  test('a node that ignores its signal still times out', async () => {
    const started = performance.now();
    const error = await failure(host.execute('acme.hang', {}, { timeoutMs: 50 }));

    expect(error.code).toBe('timeout');
    expect(error.retryable).toBe(true);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  test('ctx.onCancel tells the node its run timed out', async () => {
    seen.cancels.length = 0;

    const error = await failure(host.execute('acme.hangUntilCancelled', {}, { timeoutMs: 30 }));

    expect(error.code).toBe('timeout');
    expect(seen.cancels).toEqual(['TimeoutError']);
  });

  test("a node's own timeoutMs applies when the run sets none", async () => {
    const error = await failure(host.execute('acme.slowByDefinition', {}));

    expect(error.code).toBe('timeout');
  });

  test('runs with the same timeout started apart each time out on their own schedule', async () => {
    const started = performance.now();
    const first = failure(host.execute('acme.hang', {}, { timeoutMs: 200 })).then(() => {
      return performance.now() - started;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = failure(host.execute('acme.hang', {}, { timeoutMs: 200 })).then(() => {
      return performance.now() - started;
    });

    const [firstAt, secondAt] = await Promise.all([first, second]);

    expect(firstAt).toBeGreaterThanOrEqual(195);
    expect(secondAt).toBeGreaterThanOrEqual(295);
    expect(secondAt).toBeGreaterThan(firstAt);
  });

  test('a timeout longer than a timer can wait does not fire at once', async () => {
    const controller = new AbortController();
    const pending = failure(
      host.execute('acme.hang', {}, { signal: controller.signal, timeoutMs: 2 ** 31 + 1_000 }),
    );
    setTimeout(() => controller.abort(), 50);

    expect((await pending).code).toBe('cancelled');
  });

  test('cancelling through an AbortController fails with cancelled', async () => {
    const controller = new AbortController();
    const pending = failure(host.execute('acme.hang', {}, { signal: controller.signal }));
    setTimeout(() => controller.abort(), 20);

    const error = await pending;

    expect(error.code).toBe('cancelled');
    expect(error.retryable).toBe(false);
  });

  test('cancelling with a reason still reads as cancelled, not as a plugin bug', async () => {
    const controller = new AbortController();
    const pending = failure(host.execute('acme.hang', {}, { signal: controller.signal }));
    setTimeout(() => controller.abort(new Error('stopped by the user')), 20);

    const error = await pending;

    expect(error.code).toBe('cancelled');
  });
});

describe('redaction', () => {
  test("the credential's secrets are masked in the output", async () => {
    const logs: LogRecord[] = [];
    const output = await host.execute(
      'acme.sendMessage',
      { channel: 'C1', text: 'hi' },
      { ...withToken, logSink: (record) => logs.push(record) },
    );

    expect(output).toEqual({ channel: 'C1', sentWith: 'apiToken', echo: `token ${REDACTED}` });
    expect(logs).toHaveLength(1);
    expect(logs[0]?.fields).toEqual({ node: 'acme.sendMessage', credential: { token: REDACTED } });
  });

  test("the credential's secrets are masked in the error message", async () => {
    const error = await failure(host.execute('acme.leakSecret', {}, withToken));

    expect(error.code).toBe('node_failed');
    expect(error.message).toBe(`The acme node failed: request failed with token ${REDACTED}`);
    expect(JSON.stringify(error)).not.toContain(TOKEN);
  });

  test('the Basic auth header derived from a credential is masked too', async () => {
    const password = 'correct-horse-battery';
    const basic = Buffer.from(`ann:${password}`).toString('base64');
    const output = await host.execute(
      'acme.sendMessage',
      { channel: 'C1', text: `pass=${password} header=Basic ${basic}` },
      { credential: { key: 'basicLogin', data: { username: 'ann', password } } },
    );

    expect(JSON.stringify(output)).not.toContain(password);
  });
});

describe('saved credentials', () => {
  beforeEach(() => {
    server.handle((request, response) => {
      const token = request.headers.authorization?.replace('Bearer ', '');
      if (token === 'fresh-token-5678') json(200, { name: 'acme-bot', token })(request, response);
      else
        json(401, { error: 'token_expired', message: 'The access token expired' })(
          request,
          response,
        );
    });
  });

  test('a credential named by reference comes from the credential resolver', async () => {
    const calls: Array<[string, unknown]> = [];
    const resolver: CredentialResolver = async (reference, context) => {
      calls.push([reference, context]);
      return { type: 'acme.apiToken', id: 'cred_7', name: 'Acme prod', data: { token: TOKEN } };
    };
    const withStore = await createHost({ definitions: [acme], credentialResolver: resolver });

    const output = await withStore.execute(
      'acme.sendMessage',
      { channel: 'C1', text: 'hi' },
      { credential: 'Acme prod' },
    );

    expect(output).toMatchObject({ sentWith: 'apiToken', echo: `token ${REDACTED}` });
    expect(calls).toEqual([
      [
        'Acme prod',
        { acceptedTypes: ['acme.apiToken', 'acme.basicLogin'], nodeKey: 'acme.sendMessage' },
      ],
    ]);
  });

  test('a credential named by reference with no credential store fails with no_credential_store', async () => {
    const error = await failure(
      host.execute('acme.sendMessage', { channel: 'C1', text: 'hi' }, { credential: 'Acme prod' }),
    );

    expect(error.code).toBe('no_credential_store');
    expect(error.message).toContain('"Acme prod"');
  });

  test('an expired OAuth token is refreshed once through the store and the request retried with the new one', async () => {
    let refreshes = 0;
    const stored: StoredCredential = {
      type: 'acme.oauth',
      id: 'cred_1',
      name: 'Acme OAuth',
      data: { baseUrl: server.url },
      token: { accessToken: 'stale-token-1234' },
      refresh: async () => {
        refreshes++;
        return { accessToken: 'fresh-token-5678' };
      },
    };
    const withStore = await createHost({
      definitions: [acme],
      credentialResolver: async () => stored,
    });

    const output = await withStore.execute('acme.whoAmI', {}, { credential: 'Acme OAuth' });

    expect(refreshes).toBe(1);
    expect(server.requests.map((request) => request.headers.authorization)).toEqual([
      'Bearer stale-token-1234',
      'Bearer fresh-token-5678',
    ]);
    // The new token is a secret as well.
    expect(output).toEqual({ name: 'acme-bot', token: REDACTED });
  });

  test("the provider's expiry body pattern triggers a refresh on a status other than 401", async () => {
    server.handle((request, response) => {
      const token = request.headers.authorization?.replace('Bearer ', '');
      if (token === 'fresh-token-5678') json(200, { name: 'acme-bot', token })(request, response);
      else json(400, { error: 'token_expired' })(request, response);
    });
    let refreshes = 0;
    const withStore = await createHost({
      definitions: [acme],
      credentialResolver: async () => ({
        type: 'acme.oauth',
        data: { baseUrl: server.url },
        token: { accessToken: 'stale-token-1234' },
        refresh: async () => {
          refreshes++;
          return { accessToken: 'fresh-token-5678' };
        },
      }),
    });

    await expect(
      withStore.execute('acme.whoAmI', {}, { credential: 'Acme OAuth' }),
    ).resolves.toEqual({
      name: 'acme-bot',
      token: REDACTED,
    });
    expect(refreshes).toBe(1);
  });

  test('a refresh that brings no token leaves the 401 as the error', async () => {
    let refreshes = 0;
    const withStore = await createHost({
      definitions: [acme],
      credentialResolver: async () => ({
        type: 'acme.oauth',
        data: { baseUrl: server.url },
        token: { accessToken: 'stale-token-1234' },
        refresh: async () => {
          refreshes++;
          return undefined;
        },
      }),
    });

    const error = await failure(withStore.execute('acme.whoAmI', {}, { credential: 'Acme OAuth' }));

    expect(refreshes).toBe(1);
    expect(server.requests).toHaveLength(1);
    expect(error.status).toBe(401);
    expect(error.code).toBe('token_expired');
  });
});

describe('connection pools', () => {
  test('a pool is created once per credential, shared by concurrent runs, and disposed on close', async () => {
    const pooled = await createHost({ definitions: [acme] });
    seen.pools.created.length = 0;
    seen.pools.disposed.length = 0;
    const primary = {
      credential: {
        type: 'acme.database',
        id: 'db_1',
        data: { host: 'db1', password: 'pw-one-1' },
      },
    };
    const replica = {
      credential: {
        type: 'acme.database',
        id: 'db_2',
        data: { host: 'db2', password: 'pw-two-2' },
      },
    };

    const first = await Promise.all([
      pooled.execute('acme.query', { sql: 'select 1' }, primary),
      pooled.execute('acme.query', { sql: 'select 2' }, primary),
      pooled.execute('acme.query', { sql: 'select 3' }, primary),
    ]);
    const again = await pooled.execute('acme.query', { sql: 'select 4' }, primary);
    const other = await pooled.execute('acme.query', { sql: 'select 5' }, replica);

    expect(first).toEqual([{ poolId: 1 }, { poolId: 1 }, { poolId: 1 }]);
    expect(again).toEqual({ poolId: 1 });
    expect(other).toEqual({ poolId: 2 });
    expect(seen.pools.created).toEqual(['db1', 'db2']);
    expect(seen.pools.disposed).toEqual([]);

    await pooled.close();

    expect(seen.pools.disposed).toEqual([
      { id: 1, host: 'db1' },
      { id: 2, host: 'db2' },
    ]);
  });

  test('two inline credentials of the same type never share a pool', async () => {
    const pooled = await createHost({ definitions: [acme] });
    seen.pools.created.length = 0;

    await pooled.execute(
      'acme.query',
      { sql: 'x' },
      { credential: { key: 'database', data: { host: 'tenant-a', password: 'pw-a-1' } } },
    );
    const b = await pooled.execute(
      'acme.query',
      { sql: 'x' },
      { credential: { key: 'database', data: { host: 'tenant-b', password: 'pw-b-2' } } },
    );

    expect(seen.pools.created).toEqual(['tenant-a', 'tenant-b']);
    expect(b).toEqual({ poolId: 2 });
    await pooled.close();
  });
  test('a saved credential edited since its pool was built gets a new pool, and the old one is closed', async () => {
    let stored: StoredCredential = {
      type: 'acme.database',
      id: 'db_9',
      data: { host: 'old-host', password: 'pw-old-9' },
      revision: '2026-11-26T10:00:00.000Z',
    };
    const pooled = await createHost({
      definitions: [acme],
      credentialResolver: async () => stored,
    });
    seen.pools.created.length = 0;
    seen.pools.disposed.length = 0;

    const before = await pooled.execute('acme.query', { sql: 'x' }, { credential: 'db_9' });
    const unchanged = await pooled.execute('acme.query', { sql: 'x' }, { credential: 'db_9' });
    stored = {
      ...stored,
      data: { host: 'new-host', password: 'pw-new-9' },
      revision: '2026-11-26T10:05:00.000Z',
    };
    const after = await pooled.execute('acme.query', { sql: 'x' }, { credential: 'db_9' });

    expect([before, unchanged, after]).toEqual([{ poolId: 1 }, { poolId: 1 }, { poolId: 2 }]);
    expect(seen.pools.created).toEqual(['old-host', 'new-host']);
    await expect.poll(() => seen.pools.disposed).toEqual([{ id: 1, host: 'old-host' }]);
    await pooled.close();
    expect(seen.pools.disposed).toEqual([
      { id: 1, host: 'old-host' },
      { id: 2, host: 'new-host' },
    ]);
  });
});

describe('triggers', () => {
  test('poll keeps its place in state between calls', async () => {
    const first = await host.poll('acme.newItems', { ids: [1, 2, 3] });
    const second = await host.poll('acme.newItems', { ids: [1, 2, 3, 4, 5] });
    const third = await host.poll('acme.newItems', { ids: [1, 2, 3, 4, 5] });

    expect(first).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(second).toEqual([{ id: 4 }, { id: 5 }]);
    expect(third).toEqual([]);
  });

  test('items a poll emits come first, then those it returns; a given state is used instead', async () => {
    const values = new Map<string, unknown>([['lastId', 10]]);
    const state = {
      get: <T>(key: string) => values.get(key) as T | undefined,
      set: (key: string, value: unknown) => values.set(key, value),
    };

    const items = await host.poll(
      'acme.newItems',
      { ids: [9, 11, 12, 13], emitFirst: true },
      { state },
    );

    expect(items).toEqual([{ id: 11 }, { id: 12 }, { id: 13 }]);
    expect(values.get('lastId')).toBe(13);
  });

  test('handleWebhook returns the items and the immediate response', async () => {
    const body = { type: 'order.created', id: 'evt_1' };
    const result = await host.handleWebhook(
      'acme.incoming',
      { event: 'order.created' },
      {
        method: 'POST',
        path: '/',
        headers: { 'content-type': 'application/json' },
        query: {},
        body,
        rawBody: new TextEncoder().encode(JSON.stringify(body)),
      },
    );

    expect(result).toEqual({
      items: [{ event: 'order.created', id: 'evt_1' }],
      response: { status: 202, headers: { 'x-acme-ack': 'evt_1' }, body: { received: true } },
    });
  });
});

describe('testCredential', () => {
  test('a working credential reports ok with its message', async () => {
    server.handle((request, response) => {
      const ok = request.headers.authorization === `Bearer ${TOKEN}`;
      json(ok ? 200 : 401, ok ? { name: 'acme-bot' } : { error: 'invalid_auth' })(
        request,
        response,
      );
    });

    const result = await host.testCredential({
      type: 'acme.apiToken',
      data: { token: TOKEN, baseUrl: server.url },
    });

    expect(result).toEqual({ ok: true, message: 'Connected as acme-bot' });
    expect(server.requests[0]?.url).toBe('/me');
  });

  test('a rejected credential returns ok:false with the hint instead of throwing, secrets masked', async () => {
    server.replies(json(401, { error: 'invalid_auth', message: `token ${TOKEN} was revoked` }));

    const result = await host.testCredential({
      type: 'acme.apiToken',
      data: { token: TOKEN, baseUrl: server.url },
    });

    expect(result).toEqual({
      ok: false,
      message: `acme answered 401 (invalid_auth): token ${REDACTED} was revoked`,
      hint: 'The Acme token was revoked: create a new one under Settings > API.',
    });
    expect(server.requests).toHaveLength(1);
  });

  test('an unknown credential type is refused with a suggestion', async () => {
    await expect(host.testCredential({ type: 'acme.apiTokn', data: {} })).rejects.toMatchObject({
      code: 'unknown_credential_type',
      hint: 'Did you mean acme.apiToken?',
    });
  });
});

describe('validateCredential', () => {
  test('returns the data as the type’s schema parses it', async () => {
    await expect(
      host.validateCredential('acme.basicLogin', { username: 'ann', password: 'hunter22' }),
    ).resolves.toMatchObject({ username: 'ann', password: 'hunter22' });
  });

  test('names every bad field of the credential', async () => {
    await expect(host.validateCredential('acme.basicLogin', { username: 5 })).rejects.toMatchObject(
      {
        code: 'invalid_input',
        fields: [
          expect.objectContaining({ path: 'username', expected: 'string' }),
          expect.objectContaining({ path: 'password', expected: 'string' }),
        ],
      },
    );
  });
});
