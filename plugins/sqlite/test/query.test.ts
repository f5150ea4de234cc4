import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { binaryFrom, isBinaryData } from '@knotwork/sdk';
import { hostFor, runNode } from '@knotwork/testing';
import { describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import { fileCredential, peek, shopDatabase, useTempFolder } from './support.js';

const folder = useTempFolder();

describe('reading rows', () => {
  test('binds positional parameters and returns the rows as plain objects', async () => {
    const file = shopDatabase(folder());

    const run = await runNode(
      plugin,
      'query',
      {
        sql: 'SELECT id, email, vip FROM customers WHERE vip = ? AND email LIKE ? ORDER BY id',
        parameters: [true, '%@example.com'],
      },
      { credential: fileCredential(file) },
    );

    expect(run.error).toBeUndefined();
    expect(run.output).toStrictEqual({
      rows: [{ id: 1, email: 'ada@example.com', vip: 1 }],
      rowCount: 1,
    });
  });

  test('binds one named object to :name, @name and $name placeholders, and ?NNN by number', async () => {
    const file = shopDatabase(folder());

    const named = await runNode(
      plugin,
      'query',
      {
        sql: 'SELECT :email AS a, @label AS b, $vip AS c FROM customers WHERE email = :email',
        parameters: { email: 'alan@example.com', label: 'alan@example.com', vip: 0 },
      },
      { credential: fileCredential(file) },
    );
    const numbered = await runNode(
      plugin,
      'query',
      { sql: 'SELECT ?2 AS second, ?1 AS first, ?2 AS again', parameters: ['one', 'two'] },
      { credential: fileCredential(file) },
    );

    expect(named.output).toEqual({
      rows: [{ a: 'alan@example.com', b: 'alan@example.com', c: 0 }],
      rowCount: 1,
    });
    expect(numbered.output).toEqual({
      rows: [{ second: 'two', first: 'one', again: 'two' }],
      rowCount: 1,
    });
  });

  test('returns integers beyond 2^53 as exact strings and smaller ones as numbers', async () => {
    const file = shopDatabase(folder());

    const run = await runNode(
      plugin,
      'query',
      { sql: 'SELECT 9007199254740993 AS big, -9223372036854775808 AS smallest, 42 AS small' },
      { credential: fileCredential(file) },
    );

    expect(run.output).toEqual({
      rows: [{ big: '9007199254740993', smallest: '-9223372036854775808', small: 42 }],
      rowCount: 1,
    });
  });
});

describe('writing', () => {
  test('an INSERT returns the changes and the new rowid, and the row is in the file', async () => {
    const file = shopDatabase(folder());

    const run = await runNode(
      plugin,
      'query',
      {
        sql: 'INSERT INTO customers (email, name) VALUES (:email, :name)',
        parameters: { email: 'grace@example.com', name: 'Grace Hopper' },
      },
      { credential: fileCredential(file) },
    );

    expect(run.output).toEqual({ changes: 1, lastInsertRowid: 3 });
    expect(peek(file, "SELECT name FROM customers WHERE email = 'grace@example.com'")).toEqual([
      { name: 'Grace Hopper' },
    ]);
  });

  test("an UPDATE reports its changes but no rowid, even right after another run's INSERT", async () => {
    const file = shopDatabase(folder());
    const credential = fileCredential(file);
    await runNode(
      plugin,
      'query',
      { sql: "INSERT INTO customers (email, name) VALUES ('x@example.com', 'X')" },
      { credential },
    );

    const run = await runNode(
      plugin,
      'query',
      { sql: 'UPDATE customers SET vip = 1 WHERE id <= ?', parameters: [2] },
      { credential },
    );

    // SQLite's last_insert_rowid() would still say 3 here: it belongs to the connection.
    expect(run.output).toEqual({ changes: 2, lastInsertRowid: null });
  });

  test('INSERT ... RETURNING gives the returned rows in auto mode, and changes in write mode', async () => {
    const file = shopDatabase(folder());
    const sql = 'INSERT INTO customers (email, name) VALUES (?, ?) RETURNING id, email';

    const auto = await runNode(
      plugin,
      'query',
      { sql, parameters: ['r1@example.com', 'R1'] },
      { credential: fileCredential(file) },
    );
    const write = await runNode(
      plugin,
      'query',
      { sql, parameters: ['r2@example.com', 'R2'], mode: 'write' },
      { credential: fileCredential(file) },
    );

    expect(auto.output).toEqual({ rows: [{ id: 3, email: 'r1@example.com' }], rowCount: 1 });
    expect(write.output).toEqual({ changes: 1, lastInsertRowid: 4 });
  });

  test('stores objects as JSON text, booleans as 1/0 and files as BLOBs, and returns BLOBs as files', async () => {
    const file = shopDatabase(folder());
    const receipt = binaryFrom(new Uint8Array([0x25, 0x50, 0x44, 0x46]), {
      fileName: 'receipt.pdf',
      mimeType: 'application/pdf',
    });

    const insert = await runNode(
      plugin,
      'query',
      {
        sql: 'INSERT INTO orders (customer_id, total_cents, note, attachment) VALUES (?, ?, ?, ?)',
        parameters: [2, 1999, { gift: true, tags: ['red'] }, receipt],
      },
      { credential: fileCredential(file) },
    );
    const read = await runNode<{ rows: Array<Record<string, unknown>> }>(
      plugin,
      'query',
      {
        sql: "SELECT json_extract(note, '$.tags[0]') AS tag, json_extract(note, '$.gift') AS gift, attachment FROM orders WHERE id = ?",
        parameters: [11],
      },
      { credential: fileCredential(file) },
    );

    expect(insert.output).toEqual({ changes: 1, lastInsertRowid: 11 });
    const [row] = read.output?.rows ?? [];
    expect(row).toMatchObject({ tag: 'red', gift: 1 });
    const attachment = row?.attachment;
    if (!isBinaryData(attachment)) throw new Error('the BLOB did not come back as a file');
    expect(attachment).toMatchObject({ fileName: 'attachment.bin', size: 4 });
    expect([...(attachment.bytes ?? [])]).toEqual([0x25, 0x50, 0x44, 0x46]);
  });
});

describe('the database file', () => {
  test('resolves a relative path against the current folder', async () => {
    const file = shopDatabase(folder());

    const run = await runNode(
      plugin,
      'query',
      { sql: 'SELECT count(*) AS customers FROM customers' },
      { credential: fileCredential(relative(process.cwd(), file)) },
    );

    expect(run.output).toEqual({ rows: [{ customers: 2 }], rowCount: 1 });
  });

  test('keeps one connection per file and mode across runs', async () => {
    const file = shopDatabase(folder());
    const credential = fileCredential(file);
    const run = (sql: string, readOnly?: boolean) =>
      runNode(
        plugin,
        'query',
        { sql, ...(readOnly === undefined ? {} : { readOnly }) },
        {
          credential,
        },
      );

    await run('CREATE TEMP TABLE seen (n INTEGER)');
    // A TEMP table lives in its connection: the next run sees it only on the same one.
    const sameConnection = await run('SELECT count(*) AS n FROM temp.seen');
    const readOnlyConnection = await run(
      "SELECT count(*) AS n FROM sqlite_temp_schema WHERE name = 'seen'",
      true,
    );

    expect(sameConnection.output).toEqual({ rows: [{ n: 0 }], rowCount: 1 });
    expect(readOnlyConnection.output).toEqual({ rows: [{ n: 0 }], rowCount: 1 });
  });

  test('closes its connections when the host closes', async () => {
    const file = shopDatabase(folder());
    const credential = fileCredential(file);
    await runNode(plugin, 'query', { sql: 'PRAGMA journal_mode = WAL' }, { credential });
    await runNode(plugin, 'query', { sql: 'DELETE FROM orders' }, { credential });
    expect(existsSync(`${file}-wal`)).toBe(true);

    await (await hostFor(plugin)).close();

    // SQLite deletes the WAL file when the last connection to the database closes.
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  test('creates a missing file only when the credential allows it', async () => {
    const file = join(folder(), 'new.db');
    const sql = 'CREATE TABLE notes (body TEXT)';

    const refused = await runNode(plugin, 'query', { sql }, { credential: fileCredential(file) });
    expect(refused.error?.code).toBe('file_not_found');
    expect(refused.error?.message).toBe(`No database file at ${file}`);
    expect(refused.error?.hint).toContain('"Create if missing"');
    expect(existsSync(file)).toBe(false);

    const created = await runNode(
      plugin,
      'query',
      { sql },
      { credential: fileCredential(file, { createIfMissing: true }) },
    );
    expect(created.output).toEqual({ changes: 0, lastInsertRowid: null });
    expect(peek(file, "SELECT name FROM sqlite_schema WHERE type = 'table'")).toEqual([
      { name: 'notes' },
    ]);
  });
});
