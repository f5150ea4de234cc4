import { runNode } from '@knotwork/testing';
import { beforeEach, describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import { MAX_PARAMETERS, planInsert } from '../src/insert-rows.js';
import { useTestDatabase } from './support.js';

const db = useTestDatabase();

describe('the INSERT it builds', () => {
  test('one statement with $n placeholders, DEFAULT for a missing key and NULL for an explicit null', () => {
    const plan = planInsert({
      table: 'customers',
      rows: [
        { email: 'a@example.com', name: 'A', vip: true },
        { email: 'b@example.com', name: null },
      ],
      onConflict: 'error',
    });

    expect(plan).toEqual({
      ok: true,
      statements: [
        {
          text: 'INSERT INTO "customers" ("email", "name", "vip") VALUES ($1, $2, $3), ($4, $5, DEFAULT)',
          values: ['a@example.com', 'A', true, 'b@example.com', null],
          firstRow: 0,
          lastRow: 1,
        },
      ],
    });
  });

  test('quotes every identifier, so no name can break out of it', () => {
    const plan = planInsert({
      table: 'order "lines"',
      schema: 'Sales',
      columns: ['Qty', 'x"); DROP TABLE customers; --'],
      rows: [[1, 'a']],
      onConflict: 'doNothing',
      returning: ['id', 'Qty'],
    });

    expect(plan.ok && plan.statements[0]?.text).toBe(
      'INSERT INTO "Sales"."order ""lines""" ("Qty", "x""); DROP TABLE customers; --") VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING "id", "Qty"',
    );
  });

  test('reads "schema.table" as a schema and a table', () => {
    const plan = planInsert({
      table: 'sales.orders',
      columns: ['id'],
      rows: [[1]],
      onConflict: 'error',
      returning: ['*'],
    });

    expect(plan.ok && plan.statements[0]?.text).toBe(
      'INSERT INTO "sales"."orders" ("id") VALUES ($1) RETURNING *',
    );
  });

  test(`splits into statements of at most ${MAX_PARAMETERS.toLocaleString('en')} parameters`, () => {
    const rows = Array.from({ length: 30_000 }, (_, index) => [
      index,
      `name ${index}`,
      index % 2 === 0,
    ]);

    const plan = planInsert({ table: 't', columns: ['a', 'b', 'c'], rows, onConflict: 'error' });

    if (!plan.ok) throw new Error('plan failed');
    expect(plan.statements.map((statement) => statement.values.length)).toEqual([65_535, 24_465]);
    expect(plan.statements.map((statement) => [statement.firstRow, statement.lastRow])).toEqual([
      [0, 21_844],
      [21_845, 29_999],
    ]);
    expect(
      plan.statements[1]?.text.startsWith(
        'INSERT INTO "t" ("a", "b", "c") VALUES ($1, $2, $3), ($4,',
      ),
    ).toBe(true);
  });
});

describe('inserting rows into PostgreSQL', () => {
  beforeEach(async () => {
    // Counts INSERT statements (not rows) on customers, to prove how many were sent.
    await db.sql(`
      CREATE TABLE ${db.schema}.insert_statements (n int NOT NULL);
      INSERT INTO ${db.schema}.insert_statements VALUES (0);
      CREATE FUNCTION ${db.schema}.count_insert() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN UPDATE ${db.schema}.insert_statements SET n = n + 1; RETURN NULL; END $$;
      CREATE TRIGGER count_insert AFTER INSERT ON ${db.schema}.customers
        FOR EACH STATEMENT EXECUTE FUNCTION ${db.schema}.count_insert();`);
    return async () => {
      await db.sql(
        `DROP TABLE ${db.schema}.insert_statements; DROP FUNCTION ${db.schema}.count_insert CASCADE`,
      );
    };
  });
  const insertStatements = async () =>
    (await db.sql<{ n: number }>(`SELECT n FROM ${db.schema}.insert_statements`))[0]?.n;

  test('1,000 rows go in with ONE statement', async () => {
    const rows = Array.from({ length: 1_000 }, (_, index) => ({
      email: `user${index}@example.com`,
      name: `User ${index}`,
    }));

    const run = await runNode(
      plugin,
      'query',
      { mode: 'insertRows', table: 'customers', rows },
      {
        credential: db.credential(),
      },
    );

    expect(run.output).toEqual({
      command: 'INSERT',
      rowCount: 1_000,
      rows: [],
      fields: [],
      statements: 1,
    });
    expect(await insertStatements()).toBe(1);
    expect(await db.sql(`SELECT count(*)::int AS n FROM ${db.schema}.customers`)).toEqual([
      { n: 1_002 },
    ]);
  });

  test('more rows than one statement can carry go in as several statements in one transaction', async () => {
    const rows = Array.from({ length: 25_000 }, (_, index) => [
      `user${index}@example.com`,
      `User ${index}`,
      index % 3 === 0,
    ]);

    const run = await runNode<{ rowCount: number; statements: number }>(
      plugin,
      'query',
      { mode: 'insertRows', table: 'customers', columns: ['email', 'name', 'vip'], rows },
      { credential: db.credential() },
    );

    expect(run.error).toBeUndefined();
    expect(run.output).toMatchObject({ rowCount: 25_000, statements: 2 });
    expect(await insertStatements()).toBe(2);
  }, 20_000);

  test('a failure in a later statement rolls back the earlier ones and names the rows', async () => {
    const rows = Array.from({ length: 25_000 }, (_, index) => [
      index === 24_000 ? 'ada@example.com' : `user${index}@example.com`,
      `User ${index}`,
      false,
    ]);

    const run = await runNode(
      plugin,
      'query',
      { mode: 'insertRows', table: 'customers', columns: ['email', 'name', 'vip'], rows },
      { credential: db.credential() },
    );

    expect(run.error?.code).toBe('unique_violation');
    expect(run.error?.message).toMatch(
      /^Insert statement 2 of 2 \(rows 21845–24999\) failed, so the transaction was rolled back and no row was written: duplicate key value violates unique constraint "customers_email_key"/,
    );
    expect(run.error?.details).toMatchObject({
      statementIndex: 1,
      constraint: 'customers_email_key',
    });
    expect(await db.sql(`SELECT count(*)::int AS n FROM ${db.schema}.customers`)).toEqual([
      { n: 2 },
    ]);
  }, 20_000);

  test('onConflict doNothing skips duplicates; returning gives the new rows', async () => {
    const run = await runNode(
      plugin,
      'query',
      {
        mode: 'insertRows',
        table: 'customers',
        rows: [
          { email: 'ada@example.com', name: 'Ada again' },
          { email: 'grace@example.com', name: 'Grace Hopper' },
        ],
        onConflict: 'doNothing',
        returning: ['id', 'email'],
      },
      { credential: db.credential() },
    );

    // The skipped row still drew a value from the id sequence, as PostgreSQL does.
    expect(run.output).toMatchObject({
      command: 'INSERT',
      rowCount: 1,
      rows: [{ id: 4, email: 'grace@example.com' }],
      statements: 1,
    });
  });

  test('a hostile table name is only ever a name', async () => {
    const run = await runNode(
      plugin,
      'query',
      {
        mode: 'insertRows',
        table: 'customers" (id) VALUES (1); DROP TABLE orders; --',
        rows: [{ id: 9 }],
      },
      { credential: db.credential() },
    );

    expect(run.error?.code).toBe('undefined_table');
    expect(await db.sql(`SELECT count(*)::int AS n FROM ${db.schema}.orders`)).toEqual([{ n: 1 }]);
  });

  test('no rows is nothing to do, not an error', async () => {
    const run = await runNode(
      plugin,
      'query',
      { mode: 'insertRows', table: 'customers', rows: [] },
      {
        credential: db.credential(),
      },
    );

    expect(run.output).toEqual({
      command: 'INSERT',
      rowCount: 0,
      rows: [],
      fields: [],
      statements: 0,
    });
    expect(await insertStatements()).toBe(0);
  });
});

describe('bad input names the field', () => {
  test.each([
    {
      case: 'array rows without columns',
      input: { mode: 'insertRows', table: 't', rows: [[1, 2]] },
      paths: ['columns'],
    },
    {
      case: 'a row with the wrong number of values',
      input: { mode: 'insertRows', table: 't', columns: ['a', 'b'], rows: [[1, 2], [3]] },
      paths: ['rows.1'],
    },
    {
      case: 'an object row with a key that is not a column',
      input: { mode: 'insertRows', table: 't', columns: ['a'], rows: [{ a: 1, b: 2 }] },
      paths: ['rows.0.b'],
    },
    {
      case: 'insertRows without a table, and with SQL',
      input: { mode: 'insertRows', sql: 'SELECT 1', rows: [{ a: 1 }] },
      paths: ['table', 'sql'],
    },
    {
      case: 'query without SQL, and with a table',
      input: { table: 'customers' },
      paths: ['sql', 'table'],
    },
    {
      case: 'parameters and batch items together',
      input: { sql: 'SELECT $1', parameters: [1], items: [[2]] },
      paths: ['parameters', 'items'],
    },
    {
      case: 'fewer values than placeholders',
      input: { sql: 'SELECT $1::int + $2::int', parameters: [1] },
      paths: ['parameters'],
    },
  ])('$case', async ({ input, paths }) => {
    const run = await runNode(plugin, 'query', input, { credential: db.credential() });

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.map((problem) => problem.path)).toEqual(paths);
  });
});
