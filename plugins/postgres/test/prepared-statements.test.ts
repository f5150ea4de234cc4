import { runNode } from '@knotwork/testing';
import { describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import { useTestDatabase } from './support.js';

const db = useTestDatabase();

interface Rows<R = Record<string, unknown>> {
  rows: R[];
}

const LOOKUP = 'SELECT $1::int + 1 AS next';

/** The statements the pooled connection has prepared (a one-connection pool answers it). */
const prepared = { sql: 'SELECT name, statement FROM pg_prepared_statements ORDER BY name' };

describe('prepared statements', () => {
  test('SQL with parameters is prepared once per connection and then only executed', async () => {
    const credential = db.credential({ poolSize: 1 });

    for (const n of [1, 2, 3]) {
      const run = await runNode<Rows>(
        plugin,
        'query',
        { sql: LOOKUP, parameters: [n] },
        { credential },
      );
      expect(run.output?.rows).toEqual([{ next: n + 1 }]);
    }
    const statements = await runNode<Rows<{ name: string; statement: string }>>(
      plugin,
      'query',
      prepared,
      { credential },
    );

    expect(statements.output?.rows).toEqual([
      { name: expect.stringMatching(/^knotwork_[0-9a-f]{12}_\d+$/), statement: LOOKUP },
    ]);
  });

  test('turned off in the credential, nothing is prepared', async () => {
    const credential = db.credential({ poolSize: 1, preparedStatements: false });

    await runNode(plugin, 'query', { sql: LOOKUP, parameters: [1] }, { credential });
    await runNode(plugin, 'query', { sql: LOOKUP, parameters: [2] }, { credential });
    const statements = await runNode<Rows>(plugin, 'query', prepared, { credential });

    expect(statements.output?.rows).toEqual([]);
  });

  test('a table that changed shape is read through a fresh statement, not refused', async () => {
    const credential = db.credential({ poolSize: 1 });
    const read = { sql: 'SELECT * FROM customers WHERE id = $1', parameters: [1] };
    const before = await runNode<Rows>(plugin, 'query', read, { credential });

    await db.sql(`ALTER TABLE ${db.schema}.customers ADD COLUMN nickname text DEFAULT 'ace'`);
    const after = await runNode<Rows>(plugin, 'query', read, { credential });

    // Without a fresh statement PostgreSQL answers 0A000 "cached plan must not change result type".
    expect(before.ok).toBe(true);
    expect(after.error).toBeUndefined();
    expect(after.output?.rows[0]).toMatchObject({ id: 1, nickname: 'ace' });
  });

  test('statements a pooler lost are sent again unprepared, and no longer prepared', async () => {
    const credential = db.credential({ poolSize: 1 });
    await runNode(plugin, 'query', { sql: LOOKUP, parameters: [1] }, { credential });

    // What a transaction-mode pooler does to a client: the next statement reaches a server
    // connection that never saw the prepared one.
    await runNode(plugin, 'query', { sql: 'DEALLOCATE ALL' }, { credential });
    const again = await runNode<Rows>(
      plugin,
      'query',
      { sql: LOOKUP, parameters: [41] },
      {
        credential,
      },
    );
    await runNode(
      plugin,
      'query',
      { sql: 'SELECT $1::text AS other', parameters: ['x'] },
      {
        credential,
      },
    );
    const statements = await runNode<Rows>(plugin, 'query', prepared, { credential });

    expect(again.error).toBeUndefined();
    expect(again.output?.rows).toEqual([{ next: 42 }]);
    expect(statements.output?.rows).toEqual([]);
  });

  test('a batch whose prepared statement was lost runs again whole: every item written once', async () => {
    const credential = db.credential({ poolSize: 1 });
    const insert = 'INSERT INTO customers (email, name) VALUES ($1, $2)';
    await runNode(plugin, 'query', { sql: insert, items: [['a@batch.test', 'A']] }, { credential });

    await runNode(plugin, 'query', { sql: 'DEALLOCATE ALL' }, { credential });
    const batch = await runNode(
      plugin,
      'query',
      {
        sql: insert,
        items: [
          ['b@batch.test', 'B'],
          ['c@batch.test', 'C'],
        ],
      },
      { credential },
    );
    const emails = await db.sql<{ email: string }>(
      `SELECT email FROM ${db.schema}.customers WHERE email LIKE '%@batch.test' ORDER BY email`,
    );

    expect(batch.error).toBeUndefined();
    expect(emails.map((row) => row.email)).toEqual([
      'a@batch.test',
      'b@batch.test',
      'c@batch.test',
    ]);
  });
});
