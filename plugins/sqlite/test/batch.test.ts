import { runNode } from '@knotwork/testing';
import { describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import { fileCredential, peek, shopDatabase, useTempFolder } from './support.js';

const folder = useTempFolder();

const INSERT_CUSTOMER = 'INSERT INTO customers (email, name) VALUES (:email, :name)';

describe('a batch of items', () => {
  test('runs the statement once per item and returns each result with the totals', async () => {
    const file = shopDatabase(folder());

    const run = await runNode(
      plugin,
      'query',
      {
        sql: INSERT_CUSTOMER,
        items: [
          { email: 'grace@example.com', name: 'Grace Hopper' },
          { email: 'edsger@example.com', name: 'Edsger Dijkstra' },
          { email: 'barbara@example.com', name: 'Barbara Liskov' },
        ],
      },
      { credential: fileCredential(file) },
    );

    expect(run.error).toBeUndefined();
    expect(run.output).toEqual({
      items: [
        { changes: 1, lastInsertRowid: 3 },
        { changes: 1, lastInsertRowid: 4 },
        { changes: 1, lastInsertRowid: 5 },
      ],
      changes: 3,
      rowCount: 0,
    });
    expect(peek(file, 'SELECT id, name FROM customers WHERE id > 2 ORDER BY id')).toEqual([
      { id: 3, name: 'Grace Hopper' },
      { id: 4, name: 'Edsger Dijkstra' },
      { id: 5, name: 'Barbara Liskov' },
    ]);
  });

  test('writes nothing when one item fails, and names that item', async () => {
    const file = shopDatabase(folder());

    const run = await runNode(
      plugin,
      'query',
      {
        sql: INSERT_CUSTOMER,
        items: [
          { email: 'grace@example.com', name: 'Grace Hopper' },
          { email: 'edsger@example.com', name: 'Edsger Dijkstra' },
          { email: 'ada@example.com', name: 'Ada again' },
          { email: 'barbara@example.com', name: 'Barbara Liskov' },
        ],
      },
      { credential: fileCredential(file) },
    );

    expect(run.error?.code).toBe('unique_violation');
    expect(run.error?.message).toBe(
      'Batch item 2 failed, so the transaction was rolled back and none of the 4 items was written: UNIQUE constraint failed: customers.email',
    );
    expect(run.error?.details).toEqual({
      sqliteCode: 'SQLITE_CONSTRAINT_UNIQUE',
      errcode: 2067,
      itemIndex: 2,
    });
    expect(peek(file, 'SELECT count(*) AS n FROM customers')).toEqual([{ n: 2 }]);
  });

  test('runs every item in one transaction: a child may come before its parent', async () => {
    const file = shopDatabase(folder());
    const sql = 'INSERT INTO categories (id, parent_id, name) VALUES (?, ?, ?)';

    // The deferred foreign key is checked at COMMIT: item 0 points at item 1's row, which
    // only works when both items share one transaction.
    const run = await runNode(
      plugin,
      'query',
      {
        sql,
        items: [
          [2, 1, 'Laptops'],
          [1, null, 'Computers'],
        ],
      },
      { credential: fileCredential(file) },
    );

    expect(run.output).toEqual({
      items: [
        { changes: 1, lastInsertRowid: 2 },
        { changes: 1, lastInsertRowid: 1 },
      ],
      changes: 2,
      rowCount: 0,
    });
  });

  test('a commit that fails (a deferred foreign key) writes nothing', async () => {
    const file = shopDatabase(folder());

    const run = await runNode(
      plugin,
      'query',
      {
        sql: 'INSERT INTO categories (id, parent_id, name) VALUES (?, ?, ?)',
        items: [
          [1, null, 'Computers'],
          [2, 99, 'Orphans'],
        ],
      },
      { credential: fileCredential(file) },
    );

    expect(run.error?.code).toBe('foreign_key_violation');
    expect(run.error?.message).toBe('FOREIGN KEY constraint failed');
    expect(peek(file, 'SELECT count(*) AS n FROM categories')).toEqual([{ n: 0 }]);
  });

  test("INSERT ... RETURNING in a batch returns each item's new row", async () => {
    const file = shopDatabase(folder());

    const run = await runNode(
      plugin,
      'query',
      {
        sql: 'INSERT INTO orders (customer_id, total_cents) VALUES (?, ?) RETURNING id, total_cents',
        items: [
          [1, 100],
          [2, 200],
        ],
      },
      { credential: fileCredential(file) },
    );

    expect(run.output).toEqual({
      items: [
        { rows: [{ id: 11, total_cents: 100 }], rowCount: 1 },
        { rows: [{ id: 12, total_cents: 200 }], rowCount: 1 },
      ],
      changes: 0,
      rowCount: 2,
    });
  });

  test("a batch of reads returns each item's rows", async () => {
    const file = shopDatabase(folder());

    const run = await runNode(
      plugin,
      'query',
      { sql: 'SELECT name FROM customers WHERE id = ?', items: [[2], [1], [99]], readOnly: true },
      { credential: fileCredential(file) },
    );

    expect(run.output).toEqual({
      items: [
        { rows: [{ name: 'Alan Turing' }], rowCount: 1 },
        { rows: [{ name: 'Ada Lovelace' }], rowCount: 1 },
        { rows: [], rowCount: 0 },
      ],
      changes: 0,
      rowCount: 2,
    });
  });

  test('a read-only batch refuses the first write and leaves the file as it was', async () => {
    const file = shopDatabase(folder());

    const run = await runNode(
      plugin,
      'query',
      { sql: 'DELETE FROM orders WHERE id = ?', items: [[10], [11]] },
      { credential: fileCredential(file, { readOnly: true }) },
    );

    expect(run.error?.code).toBe('read_only');
    expect(run.error?.details).toMatchObject({ itemIndex: 0 });
    expect(peek(file, 'SELECT count(*) AS n FROM orders')).toEqual([{ n: 1 }]);
  });

  test('a bad parameter in one item names that item and writes nothing', async () => {
    const file = shopDatabase(folder());

    const run = await runNode(
      plugin,
      'query',
      {
        sql: INSERT_CUSTOMER,
        items: [
          { email: 'grace@example.com', name: 'Grace Hopper' },
          { email: 'edsger@example.com', nmae: 'Edsger Dijkstra' },
        ],
      },
      { credential: fileCredential(file) },
    );

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.map((problem) => problem.path)).toEqual(['items.1.nmae']);
    expect(peek(file, 'SELECT count(*) AS n FROM customers')).toEqual([{ n: 2 }]);
  });
});
