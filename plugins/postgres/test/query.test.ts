import { binaryFrom, isBinaryData } from '@knotwork/sdk';
import { runNode } from '@knotwork/testing';
import { describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import { useTestDatabase } from './support.js';

const db = useTestDatabase();

interface QueryOutput {
  command: string;
  rowCount: number | null;
  rows: Array<Record<string, unknown>>;
  fields: Array<{ name: string; dataTypeId: number; type?: string }>;
  items?: Array<{ command: string; rowCount: number | null; rows: unknown[] }>;
}

describe('one statement', () => {
  test('binds $1.. parameters and returns rows, rowCount, command and fields', async () => {
    const run = await runNode<QueryOutput>(
      plugin,
      'query',
      {
        sql: 'SELECT id, email, vip FROM customers WHERE vip = $1 AND email LIKE $2 ORDER BY id',
        parameters: [true, '%@example.com'],
      },
      { credential: db.credential() },
    );

    expect(run.error).toBeUndefined();
    expect(run.output).toEqual({
      command: 'SELECT',
      rowCount: 1,
      rows: [{ id: 1, email: 'ada@example.com', vip: true }],
      fields: [
        { name: 'id', dataTypeId: 23, type: 'int4' },
        { name: 'email', dataTypeId: 25, type: 'text' },
        { name: 'vip', dataTypeId: 16, type: 'bool' },
      ],
    });
  });

  test('reads bigint exactly, numeric as text, dates without a time-zone shift and JSON as objects', async () => {
    const run = await runNode<QueryOutput>(
      plugin,
      'query',
      {
        sql: `SELECT 9007199254740993::bigint AS big, 42::bigint AS small, ARRAY[1, 9007199254740993]::bigint[] AS ids,
                     total, signed_up, created_at, '{"a": [1, 2]}'::jsonb AS doc
              FROM orders JOIN customers ON customers.id = orders.customer_id`,
      },
      { credential: db.credential() },
    );

    expect(run.output?.rows).toEqual([
      {
        big: '9007199254740993',
        small: 42,
        ids: [1, '9007199254740993'],
        total: '42.50',
        signed_up: '1843-07-01',
        created_at: new Date('2024-05-31T12:00:00Z'),
        doc: { a: [1, 2] },
      },
    ]);
  });

  test('writes a file as bytea and returns bytea as a file', async () => {
    const receipt = binaryFrom(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff]), {
      fileName: 'receipt.pdf',
      mimeType: 'application/pdf',
    });

    const insert = await runNode<QueryOutput>(
      plugin,
      'query',
      {
        sql: 'INSERT INTO orders (customer_id, total, tags, details, receipt) VALUES ($1, $2, $3, $4, $5) RETURNING id, tags, details, receipt',
        parameters: [2, 19.99, ['gift', 'red'], { wrap: true }, receipt],
      },
      { credential: db.credential() },
    );

    expect(insert.output?.command).toBe('INSERT');
    expect(insert.output?.rowCount).toBe(1);
    const [row] = insert.output?.rows ?? [];
    expect(row).toMatchObject({ id: 2, tags: ['gift', 'red'], details: { wrap: true } });
    const file = row?.receipt;
    if (!isBinaryData(file)) throw new Error('bytea did not come back as a file');
    expect(file).toMatchObject({ fileName: 'receipt.bin', size: 6 });
    expect([...(file.bytes ?? [])]).toEqual([0x25, 0x50, 0x44, 0x46, 0x00, 0xff]);
  });

  test('an UPDATE reports its command and how many rows it changed', async () => {
    const run = await runNode<QueryOutput>(
      plugin,
      'query',
      { sql: 'UPDATE customers SET vip = NOT vip WHERE id <= $1', parameters: [2] },
      { credential: db.credential() },
    );

    expect(run.output).toEqual({ command: 'UPDATE', rowCount: 2, rows: [], fields: [] });
    expect(await db.sql(`SELECT id, vip FROM ${db.schema}.customers ORDER BY id`)).toEqual([
      { id: 1, vip: false },
      { id: 2, vip: true },
    ]);
  });

  test('SQL without parameters may hold several statements; the last one is returned', async () => {
    const run = await runNode<QueryOutput>(
      plugin,
      'query',
      {
        sql: "CREATE TABLE notes (body text); INSERT INTO notes VALUES ('a'), ('b'); SELECT count(*)::int AS n FROM notes;",
      },
      { credential: db.credential() },
    );

    expect(run.output).toMatchObject({ command: 'SELECT', rowCount: 1, rows: [{ n: 2 }] });
  });

  test('rolls back a transaction the SQL left open, and says so', async () => {
    const credential = db.credential();

    const run = await runNode(
      plugin,
      'query',
      {
        sql: "BEGIN; DELETE FROM orders; INSERT INTO customers (email, name) VALUES ('x@y.z', 'X')",
      },
      { credential },
    );
    const next = await runNode<QueryOutput>(
      plugin,
      'query',
      { sql: 'SELECT count(*)::int AS n FROM orders' },
      { credential },
    );

    expect(run.error?.code).toBe('transaction_left_open');
    expect(next.output?.rows).toEqual([{ n: 1 }]);
    expect(await db.sql(`SELECT count(*)::int AS n FROM ${db.schema}.customers`)).toEqual([
      { n: 2 },
    ]);
  });
});

describe('a batch of items', () => {
  test('runs the SQL once per item inside ONE transaction and returns every result', async () => {
    const run = await runNode<QueryOutput>(
      plugin,
      'query',
      {
        sql: 'INSERT INTO customers (email, name) VALUES ($1, $2) RETURNING id, txid_current() AS tx',
        items: [
          ['grace@example.com', 'Grace Hopper'],
          ['edsger@example.com', 'Edsger Dijkstra'],
          ['barbara@example.com', 'Barbara Liskov'],
        ],
      },
      { credential: db.credential() },
    );

    expect(run.error).toBeUndefined();
    expect(run.output?.command).toBe('INSERT');
    expect(run.output?.rowCount).toBe(3);
    expect(run.output?.rows.map((row) => row.id)).toEqual([3, 4, 5]);
    expect(run.output?.items?.map((item) => item.rowCount)).toEqual([1, 1, 1]);
    // The same transaction id for every item: one transaction, not three.
    expect(new Set(run.output?.rows.map((row) => row.tx)).size).toBe(1);
  });

  test('writes nothing when one item fails, and names the item, the constraint and the detail', async () => {
    const run = await runNode(
      plugin,
      'query',
      {
        sql: 'INSERT INTO customers (email, name) VALUES ($1, $2)',
        items: [
          ['grace@example.com', 'Grace Hopper'],
          ['ada@example.com', 'Ada again'],
          ['barbara@example.com', 'Barbara Liskov'],
        ],
      },
      { credential: db.credential() },
    );

    expect(run.error?.code).toBe('unique_violation');
    expect(run.error?.message).toBe(
      'Batch item 1 failed, so the transaction was rolled back and none of the 3 items was written: duplicate key value violates unique constraint "customers_email_key". Key (email)=(ada@example.com) already exists.',
    );
    expect(run.error?.hint).toContain('constraint "customers_email_key" on "customers"');
    expect(run.error?.details).toMatchObject({
      sqlstate: '23505',
      constraint: 'customers_email_key',
      table: 'customers',
      itemIndex: 1,
    });
    expect(await db.sql(`SELECT count(*)::int AS n FROM ${db.schema}.customers`)).toEqual([
      { n: 2 },
    ]);
  });
});
