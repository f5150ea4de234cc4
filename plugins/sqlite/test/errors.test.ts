import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { assertNoCanary, createCanary, runNode } from '@knotwork/testing';
import { describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import { fileCredential, peek, shopDatabase, useTempFolder } from './support.js';

const folder = useTempFolder();

describe('constraint violations name the constraint and what to do', () => {
  test.each([
    {
      violation: 'UNIQUE',
      sql: "INSERT INTO customers (email, name) VALUES ('ada@example.com', 'Ada again')",
      code: 'unique_violation',
      sqliteCode: 'SQLITE_CONSTRAINT_UNIQUE',
      message: 'UNIQUE constraint failed: customers.email',
      hint: 'ON CONFLICT DO NOTHING',
    },
    {
      violation: 'NOT NULL',
      sql: "INSERT INTO customers (email) VALUES ('nameless@example.com')",
      code: 'not_null_violation',
      sqliteCode: 'SQLITE_CONSTRAINT_NOTNULL',
      message: 'NOT NULL constraint failed: customers.name',
      hint: 'give a value for the column',
    },
    {
      violation: 'CHECK',
      sql: "INSERT INTO customers (email, name) VALUES ('a@b', 'Short')",
      code: 'check_violation',
      sqliteCode: 'SQLITE_CONSTRAINT_CHECK',
      message: 'CHECK constraint failed: length(email) > 3',
      hint: 'CHECK constraint',
    },
    {
      violation: 'FOREIGN KEY',
      sql: 'INSERT INTO orders (customer_id, total_cents) VALUES (99, 100)',
      code: 'foreign_key_violation',
      sqliteCode: 'SQLITE_CONSTRAINT_FOREIGNKEY',
      message: 'FOREIGN KEY constraint failed',
      hint: 'Insert the parent first',
    },
    {
      violation: 'PRIMARY KEY',
      sql: "INSERT INTO counters (name, value) VALUES ('a', 1), ('a', 2)",
      code: 'primary_key_violation',
      sqliteCode: 'SQLITE_CONSTRAINT_PRIMARYKEY',
      message: 'UNIQUE constraint failed: counters.name',
      hint: 'primary key already exists',
    },
    {
      violation: 'STRICT type',
      sql: "INSERT INTO counters (name, value) VALUES ('b', 'lots')",
      code: 'datatype_mismatch',
      sqliteCode: 'SQLITE_CONSTRAINT_DATATYPE',
      message: 'cannot store TEXT value in INTEGER column counters.value',
      hint: 'STRICT table',
    },
  ])('$violation', async ({ sql, code, sqliteCode, message, hint }) => {
    const file = shopDatabase(folder());

    const run = await runNode(plugin, 'query', { sql }, { credential: fileCredential(file) });

    expect(run.ok).toBe(false);
    expect(run.error?.code).toBe(code);
    expect(run.error?.message).toBe(message);
    expect(run.error?.hint).toContain(hint);
    expect(run.error?.retryable).toBe(false);
    expect(run.error?.details).toMatchObject({ sqliteCode });
  });
});

describe('statements SQLite cannot run', () => {
  test('a syntax error points at the line and column SQLite stumbled on', async () => {
    const file = shopDatabase(folder());

    const run = await runNode(
      plugin,
      'query',
      { sql: 'SELECT id\nFROM customers\nWHER id = 1' },
      { credential: fileCredential(file) },
    );

    expect(run.error?.code).toBe('syntax_error');
    expect(run.error?.message).toBe('near "id": syntax error');
    // "WHER" parses as an alias, so SQLite stumbles on the next token.
    expect(run.error?.hint).toContain('near "id" (line 1, column 8)');
  });

  test('an unfinished statement says it ends too early', async () => {
    const file = shopDatabase(folder());

    const run = await runNode(
      plugin,
      'query',
      { sql: 'SELECT * FROM customers WHERE (id = 1' },
      { credential: fileCredential(file) },
    );

    expect(run.error?.code).toBe('syntax_error');
    expect(run.error?.hint).toContain('ends too early');
  });

  test('a missing table lists the tables that do exist', async () => {
    const file = shopDatabase(folder());

    const run = await runNode(
      plugin,
      'query',
      { sql: 'SELECT * FROM customer' },
      { credential: fileCredential(file) },
    );

    expect(run.error?.code).toBe('no_such_table');
    expect(run.error?.message).toBe('no such table: customer');
    expect(run.error?.hint).toContain(
      'Tables and views here: categories, counters, customers, orders.',
    );
  });

  test('a missing column says so and explains double quotes', async () => {
    const file = shopDatabase(folder());

    const run = await runNode(
      plugin,
      'query',
      { sql: 'SELECT * FROM customers WHERE name = "Ada"' },
      { credential: fileCredential(file) },
    );

    expect(run.error?.code).toBe('no_such_column');
    expect(run.error?.message).toMatch(/^no such column: "?Ada"?/);
    expect(run.error?.hint).toContain('put text in single quotes');
  });

  test('refuses SQL holding two statements instead of running only the first', async () => {
    const file = shopDatabase(folder());

    const run = await runNode(
      plugin,
      'query',
      {
        sql: "DELETE FROM orders; INSERT INTO customers (email, name) VALUES ('z@example.com', 'Z')",
      },
      { credential: fileCredential(file) },
    );

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.map((problem) => problem.path)).toEqual(['sql']);
    expect(run.error?.fields?.[0]?.message).toContain('more than one statement');
    expect(peek(file, 'SELECT count(*) AS n FROM orders')).toEqual([{ n: 1 }]);
  });

  test('rolls back a transaction the SQL opened and left open, so later runs are not swallowed', async () => {
    const file = shopDatabase(folder());
    const credential = fileCredential(file);

    const begin = await runNode(plugin, 'query', { sql: 'BEGIN' }, { credential });
    const insert = await runNode(
      plugin,
      'query',
      { sql: "INSERT INTO customers (email, name) VALUES ('later@example.com', 'Later')" },
      { credential },
    );

    expect(begin.error?.code).toBe('transaction_left_open');
    expect(insert.output).toEqual({ changes: 1, lastInsertRowid: 3 });
    // Visible to another connection: it was committed, not held in a forgotten transaction.
    expect(peek(file, 'SELECT count(*) AS n FROM customers')).toEqual([{ n: 3 }]);
  });
});

describe('the file and its locks', () => {
  test('a write that waits out the busy timeout fails as retryable, without retrying on its own', async () => {
    const file = shopDatabase(folder());
    const holder = new DatabaseSync(file);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const started = Date.now();
      const run = await runNode(
        plugin,
        'query',
        { sql: "UPDATE customers SET name = 'Busy' WHERE id = 1" },
        { credential: fileCredential(file, { busyTimeoutMs: 150 }) },
      );

      expect(run.error?.code).toBe('busy');
      expect(run.error?.message).toBe('database is locked');
      expect(run.error?.retryable).toBe(true);
      expect(run.error?.hint).toContain('raise "Busy timeout"');
      expect(run.error?.details).toMatchObject({ sqliteCode: 'SQLITE_BUSY' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      // SQLite's busy timeout was the wait; retrying again is the workflow's decision.
      expect(run.retryDelays).toEqual([]);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(peek(file, 'SELECT name FROM customers WHERE id = 1')).toEqual([
      { name: 'Ada Lovelace' },
    ]);
  });

  test('a read-only run refuses writes with a clear error and leaves the file untouched', async () => {
    const file = shopDatabase(folder());

    const run = await runNode(
      plugin,
      'query',
      { sql: 'DELETE FROM orders', readOnly: true },
      { credential: fileCredential(file) },
    );

    expect(run.error?.code).toBe('read_only');
    expect(run.error?.message).toBe('attempt to write a readonly database');
    expect(run.error?.hint).toContain('open read-only for this run');
    expect(peek(file, 'SELECT count(*) AS n FROM orders')).toEqual([{ n: 1 }]);
  });

  test('a node cannot switch a read-only credential to writing', async () => {
    const file = shopDatabase(folder());

    const run = await runNode(
      plugin,
      'query',
      { sql: 'DELETE FROM orders', readOnly: false },
      { credential: fileCredential(file, { readOnly: true }) },
    );

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.map((problem) => problem.path)).toEqual(['readOnly']);
    expect(run.error?.fields?.[0]?.message).toContain('The credential is read-only');
  });

  test('a file that is not a database says so', async () => {
    const file = join(folder(), 'notes.txt');
    writeFileSync(file, 'These are my notes, not a database. '.repeat(40));

    const run = await runNode(
      plugin,
      'query',
      { sql: 'SELECT * FROM customers' },
      { credential: fileCredential(file) },
    );

    expect(run.error?.code).toBe('not_a_database');
    expect(run.error?.message).toBe('file is not a database');
    expect(run.error?.hint).toContain('not an SQLite database');
  });
});

describe('bad input names the field', () => {
  test('parameters and batch items together', async () => {
    const run = await runNode(
      plugin,
      'query',
      { sql: 'SELECT ?', parameters: [1], items: [[2]] },
      { credential: fileCredential(shopDatabase(folder())) },
    );

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.map((problem) => problem.path)).toEqual(['parameters', 'items']);
  });

  test('a named parameter the SQL does not have', async () => {
    const run = await runNode(
      plugin,
      'query',
      { sql: 'SELECT * FROM customers WHERE email = :email', parameters: { mail: 'a@b.c' } },
      { credential: fileCredential(shopDatabase(folder())) },
    );

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields).toEqual([
      {
        path: 'parameters.mail',
        message: 'The SQL has no parameter :mail (or @mail, $mail); name it as the SQL does',
      },
    ]);
  });

  test('one bare name for two placeholder styles, with how to tell them apart', async () => {
    const run = await runNode(
      plugin,
      'query',
      { sql: 'SELECT :id AS a, @id AS b', parameters: { id: 1 } },
      { credential: fileCredential(shopDatabase(folder())) },
    );

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields).toEqual([
      {
        path: 'parameters.id',
        message:
          'The SQL uses both :id and @id: give the keys with their prefix (":id", "@id") or use one placeholder style',
      },
    ]);
  });

  test('more values than placeholders', async () => {
    const run = await runNode(
      plugin,
      'query',
      { sql: 'SELECT * FROM customers WHERE id = ?', parameters: [1, 2] },
      { credential: fileCredential(shopDatabase(folder())) },
    );

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.[0]).toMatchObject({
      path: 'parameters',
      message: 'More values were given than the SQL has placeholders (?, ?NNN, :name)',
    });
  });

  test('empty SQL and an unknown mode, together', async () => {
    const run = await runNode(
      plugin,
      'query',
      { sql: '  ', mode: 'everything' },
      { credential: fileCredential(shopDatabase(folder())) },
    );

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.map((problem) => problem.path)).toEqual(['sql', 'mode']);
  });

  test('an in-memory database as the credential, with the reason', async () => {
    const run = await runNode(
      plugin,
      'query',
      { sql: 'SELECT 1' },
      { credential: fileCredential(':memory:') },
    );

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.[0]?.path).toBe('credential.path');
    expect(run.error?.fields?.[0]?.message).toContain(
      'every connection to it is a separate, empty database',
    );
  });
});

test('parameter values never reach the logs, the output or the error', async () => {
  const file = shopDatabase(folder());
  const canary = createCanary('parameter');
  const insert = (email: string) =>
    runNode(
      plugin,
      'query',
      {
        sql: 'INSERT INTO customers (email, name) VALUES (:email, :name)',
        parameters: { email, name: canary },
      },
      { credential: fileCredential(file) },
    );

  const written = await insert('new@example.com');
  const refused = await insert('ada@example.com');

  expect(written.output).toEqual({ changes: 1, lastInsertRowid: 3 });
  expect(written.logs.map((record) => record.message)).toEqual(['SQLite statement ran']);
  expect(refused.error?.code).toBe('unique_violation');
  assertNoCanary(canary, {
    logs: [...written.logs, ...refused.logs],
    output: written.output,
    error: refused.error,
  });
});
