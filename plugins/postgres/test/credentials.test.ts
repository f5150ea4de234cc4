import { createCanary, testCredential } from '@knotwork/testing';
import { describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import { closedPort, SERVER, useTestDatabase } from './support.js';

useTestDatabase();

const fields = (data: Record<string, unknown> = {}) => ({
  host: SERVER.host,
  port: SERVER.port,
  user: SERVER.user,
  database: SERVER.database,
  ...data,
});

describe('Test connection', () => {
  test('runs SELECT version() and reports the server version, user, database and SSL', async () => {
    const result = await testCredential(plugin, { key: 'connection', data: fields() });

    expect(result.ok).toBe(true);
    expect(result.message).toMatch(
      /^Connected to PostgreSQL \d+\.\d+ as postgres on database test, without SSL\.$/,
    );
    expect(result.hint).toBeUndefined();
  });

  test('takes a connection URL instead of fields, and names URL parameters it ignores', async () => {
    const result = await testCredential(plugin, {
      key: 'connection',
      data: {
        url: `postgres://${SERVER.user}@${SERVER.host}:${SERVER.port}/${SERVER.database}?sslmode=disable&connect_timeout=5&pgbouncer=true`,
      },
    });

    expect(result.ok).toBe(true);
    expect(result.message).toContain('as postgres on database test');
    expect(result.hint).toBe(
      "knotwork does not use the URL's connect_timeout, pgbouncer parameters: set those options in the credential's fields instead.",
    );
  });

  test('names both the URL and the host when neither is given', async () => {
    const result = await testCredential(plugin, { key: 'connection', data: { port: 5432 } });

    expect(result.ok).toBe(false);
    expect(result.message).toContain(
      'credential.url: Give a connection URL, or a host with user and password',
    );
    expect(result.message).toContain(
      'credential.host: Give a connection URL, or a host with user and password',
    );
  });

  test('names both when both are given', async () => {
    const result = await testCredential(plugin, {
      key: 'connection',
      data: fields({ url: 'postgres://postgres@127.0.0.1/test' }),
    });

    expect(result.ok).toBe(false);
    expect(result.message).toContain(
      'credential.url: Give a connection URL or the host fields, not both',
    );
    expect(result.message).toContain('credential.host:');
  });

  test('an sslmode knotwork cannot honour is refused up front', async () => {
    const result = await testCredential(plugin, {
      key: 'connection',
      data: { url: 'postgres://postgres@127.0.0.1/test?sslmode=prefer' },
    });

    expect(result.ok).toBe(false);
    expect(result.message).toContain('sslmode=prefer, which knotwork does not support');
  });

  test('a database that does not exist fails with what to check', async () => {
    const result = await testCredential(plugin, {
      key: 'connection',
      data: fields({ database: 'kw_missing_db' }),
    });

    expect(result).toMatchObject({
      ok: false,
      message: 'database "kw_missing_db" does not exist',
    });
    expect(result.hint).toContain('check the database name');
  });

  test('a closed port fails with the host and port to check', async () => {
    const port = await closedPort();

    const result = await testCredential(plugin, { key: 'connection', data: fields({ port }) });

    expect(result).toMatchObject({ ok: false, message: `Connection refused by 127.0.0.1:${port}` });
    expect(result.hint).toContain('check the host and port');
  });

  test('a URL that cannot be read is described without quoting it', async () => {
    const password = createCanary('password');
    // An unencoded "#" ends the URL's authority: a common way to break one.
    const url = `postgres://postgres:${password}#x@127.0.0.1:5432/test`;

    const result = await testCredential(plugin, { key: 'connection', data: { url } });

    expect(result.ok).toBe(false);
    expect(result.message).toContain('must be percent-encoded, e.g. # as %23');
    expect(JSON.stringify(result)).not.toContain(password);
    expect(JSON.stringify(result)).not.toContain(password.slice(0, 20));
  });
});
