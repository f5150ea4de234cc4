import { randomUUID } from 'node:crypto';
import { assertNoCanary, createCanary, hostFor, runNode, testCredential } from '@knotwork/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import { type PrivateServer, postgresBinaries, startPrivateServer } from './private-server.js';

const bin = postgresBinaries();
if (!bin) {
  console.warn(
    'auth-and-ssl: PostgreSQL server binaries (initdb, pg_ctl) are not installed here, so the password and TLS tests are skipped',
  );
}

describe.skipIf(!bin)('a server that checks passwords and speaks TLS', () => {
  let server: PrivateServer;
  beforeAll(async () => {
    server = await startPrivateServer(bin ?? '');
  }, 30_000);
  afterAll(async () => {
    await (await hostFor(plugin)).close();
    server?.stop();
  });

  const fields = (data: Record<string, unknown> = {}) => ({
    host: '127.0.0.1',
    port: server.port,
    user: server.user,
    password: server.password,
    database: 'postgres',
    ssl: 'require',
    ...data,
  });
  const credential = (data: Record<string, unknown> = {}) => ({
    key: 'connection',
    id: randomUUID(),
    data: fields(data),
  });

  test('the right password over SSL connects, and the test says so', async () => {
    const result = await testCredential(plugin, { key: 'connection', data: fields() });

    expect(result.ok).toBe(true);
    expect(result.message).toMatch(
      new RegExp(
        `^Connected to PostgreSQL \\d+\\.\\d+ as ${server.user} on database postgres, over SSL\\.$`,
      ),
    );
  });

  test('a wrong password is refused (28P01) and the password appears nowhere', async () => {
    const wrong = createCanary('password');

    const run = await runNode(
      plugin,
      'query',
      { sql: 'SELECT 1' },
      {
        credential: credential({ password: wrong }),
      },
    );
    const result = await testCredential(plugin, {
      key: 'connection',
      data: fields({ password: wrong }),
    });

    expect(run.error?.code).toBe('invalid_password');
    expect(run.error?.message).toBe(`password authentication failed for user "${server.user}"`);
    expect(run.error?.hint).toContain('check the user name and password');
    expect(result).toMatchObject({ ok: false, message: run.error?.message });
    assertNoCanary(wrong, { error: run.error, logs: run.logs, result });
  });

  test('a wrong password inside a connection URL is refused without showing the URL or the password', async () => {
    const wrong = createCanary('password');
    const url = `postgres://${server.user}:${wrong}@127.0.0.1:${server.port}/postgres?sslmode=require`;

    const run = await runNode(
      plugin,
      'query',
      { sql: 'SELECT 1' },
      {
        credential: { key: 'connection', id: randomUUID(), data: { url } },
      },
    );
    const result = await testCredential(plugin, { key: 'connection', data: { url } });

    expect(run.error?.code).toBe('invalid_password');
    expect(result.ok).toBe(false);
    assertNoCanary(wrong, { error: run.error, logs: run.logs, result });
  });

  test('no password at all says the server wants one', async () => {
    const run = await runNode(
      plugin,
      'query',
      { sql: 'SELECT 1' },
      {
        credential: credential({ password: undefined }),
      },
    );

    expect(run.error?.code).toBe('password_required');
    expect(run.error?.hint).toContain('add the password');
  });

  test('verify-full refuses a certificate from a CA this machine does not trust', async () => {
    const run = await runNode(
      plugin,
      'query',
      { sql: 'SELECT 1' },
      {
        credential: credential({ ssl: 'verify-full' }),
      },
    );

    expect(run.error?.code).toBe('certificate_not_trusted');
    expect(run.error?.hint).toContain('"CA certificate"');
  });

  test('verify-full with the CA certificate connects over verified TLS', async () => {
    const run = await runNode<{ rows: Array<{ ssl: boolean }> }>(
      plugin,
      'query',
      { sql: 'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()' },
      { credential: credential({ ssl: 'verify-full', ca: server.caPem }) },
    );

    expect(run.error).toBeUndefined();
    expect(run.output?.rows).toEqual([{ ssl: true }]);
  });

  test('verify-full refuses a certificate that does not name the host', async () => {
    const run = await runNode(
      plugin,
      'query',
      { sql: 'SELECT 1' },
      {
        credential: credential({ host: 'localhost', ssl: 'verify-full', ca: server.caPem }),
      },
    );

    expect(run.error?.code).toBe('certificate_host_mismatch');
    expect(run.error?.hint).toContain('not for localhost');
  });

  test('require with the CA checks the chain but not the name', async () => {
    const run = await runNode<{ rows: unknown[] }>(
      plugin,
      'query',
      { sql: 'SELECT 1 AS ok' },
      { credential: credential({ host: 'localhost', ssl: 'require', ca: server.caPem }) },
    );

    expect(run.output?.rows).toEqual([{ ok: 1 }]);
  });
});
