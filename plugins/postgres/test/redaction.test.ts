import { randomUUID } from 'node:crypto';
import { assertNoCanary, createCanary, runNode, testCredential } from '@knotwork/testing';
import { describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import { SERVER, useTestDatabase } from './support.js';

const db = useTestDatabase();

/**
 * This machine's server trusts every login on 127.0.0.1, so a wrong password cannot be
 * refused here (auth-and-ssl.test.ts does that on a private server). These tests force
 * PostgreSQL to quote the password back instead: casting it to an integer makes the
 * server's error message contain it verbatim.
 */
describe('the password never shows', () => {
  test('inside a connection URL: in errors that quote it, in logs, in output', async () => {
    const password = createCanary('password');
    const credential = {
      key: 'connection',
      id: randomUUID(),
      data: {
        url: `postgres://${SERVER.user}:${password}@${SERVER.host}:${SERVER.port}/${SERVER.database}?application_name=x`,
        searchPath: db.schema,
      },
    };

    const ok = await runNode(
      plugin,
      'query',
      { sql: 'SELECT count(*)::int AS n FROM customers' },
      {
        credential,
      },
    );
    const quoted = await runNode(
      plugin,
      'query',
      { sql: 'SELECT $1::int', parameters: [password] },
      {
        credential,
      },
    );

    expect(ok.output).toMatchObject({ rows: [{ n: 2 }] });
    expect(quoted.error?.code).toBe('invalid_text_representation');
    expect(quoted.error?.message).toBe('invalid input syntax for type integer: "[redacted]"');
    assertNoCanary(password, {
      okLogs: ok.logs,
      output: ok.output,
      error: quoted.error,
      logs: quoted.logs,
    });
  });

  test('in the password field: in errors that quote it and in the credential test', async () => {
    const password = createCanary('password');
    const credential = db.credential({ password });

    const quoted = await runNode(
      plugin,
      'query',
      { sql: 'SELECT $1::int', parameters: [password] },
      {
        credential,
      },
    );
    const result = await testCredential(plugin, {
      key: 'connection',
      data: { ...credential.data, database: `db_${password}` },
    });

    expect(quoted.error?.message).toBe('invalid input syntax for type integer: "[redacted]"');
    expect(result.ok).toBe(false);
    assertNoCanary(password, { error: quoted.error, logs: quoted.logs, result });
  });

  test('a malformed URL holding the password is reported without it', async () => {
    const password = createCanary('password');
    // An unencoded "/" in the password makes the rest of the URL a path: unreadable.
    const url = `postgres://${SERVER.user}:${password}/x:y@${SERVER.host}:notaport/test`;

    const run = await runNode(
      plugin,
      'query',
      { sql: 'SELECT 1' },
      {
        credential: { key: 'connection', id: randomUUID(), data: { url } },
      },
    );

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.[0]?.path).toBe('credential.url');
    expect(run.error?.fields?.[0]?.message).toContain('must be percent-encoded');
    assertNoCanary(password, { error: run.error, logs: run.logs });
  });
});
