import { randomBytes } from 'node:crypto';
import { type AddressInfo, createServer } from 'node:net';
import { runNode } from '@knotwork/testing';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import { closedPort, SERVER, SERVER_URL, useTestDatabase } from './support.js';

const db = useTestDatabase();

describe('statements PostgreSQL rejects, by SQLSTATE', () => {
  test.each([
    {
      case: 'undefined table (42P01), pointing at where it is named',
      sql: 'SELECT *\nFROM customer',
      code: 'undefined_table',
      message: 'relation "customer" does not exist',
      hint: ['schema.table', 'The problem is at line 2, column 6 (near "customer")'],
    },
    {
      case: "undefined column (42703), with PostgreSQL's own suggestion",
      sql: 'SELECT emial FROM customers',
      code: 'undefined_column',
      message: 'column "emial" does not exist',
      hint: [
        'needs double quotes',
        'PostgreSQL suggests: Perhaps you meant to reference the column "customers.email".',
      ],
    },
    {
      case: 'syntax error (42601) at its position',
      sql: 'SELECT id,\nFROM customers',
      code: 'syntax_error',
      message: 'syntax error at or near "FROM"',
      hint: ['line 2, column 1 (near "FROM customers")'],
    },
    {
      case: 'two statements with parameters (42601), with what to do instead',
      sql: 'UPDATE customers SET vip = true WHERE id = $1; DELETE FROM orders WHERE id = $1',
      parameters: [1],
      code: 'syntax_error',
      message: 'cannot insert multiple commands into a prepared statement',
      hint: ['must be a single statement'],
    },
    {
      case: 'foreign key (23503), naming the constraint',
      sql: 'INSERT INTO orders (customer_id, total) VALUES (99, 1)',
      code: 'foreign_key_violation',
      message:
        'insert or update on table "orders" violates foreign key constraint "orders_customer_fk". Key (customer_id)=(99) is not present in table "customers".',
      hint: ['Foreign key "orders_customer_fk" on "orders"', 'Insert the parent first'],
    },
    {
      case: 'not null (23502), naming the column',
      sql: "INSERT INTO customers (email) VALUES ('n@example.com')",
      code: 'not_null_violation',
      message: expect.stringMatching(
        /^null value in column "name" of relation "customers" violates not-null constraint/,
      ),
      hint: ['Column "name" of "customers" needs a value'],
    },
    {
      case: 'check constraint (23514)',
      sql: 'INSERT INTO orders (customer_id, total) VALUES (1, -5)',
      code: 'check_violation',
      message: expect.stringMatching(/violates check constraint "orders_total_positive"/),
      hint: ['check constraint "orders_total_positive" on "orders"'],
    },
    {
      case: 'a value of the wrong type (22P02)',
      sql: "SELECT * FROM customers WHERE id = 'seven'",
      code: 'invalid_text_representation',
      message: 'invalid input syntax for type integer: "seven"',
      hint: ['cast the parameter'],
    },
    {
      case: 'an error a function raises on purpose (P0001)',
      sql: "DO $$ BEGIN RAISE EXCEPTION 'stock too low for order %', 7; END $$",
      code: 'raise_exception',
      message: 'stock too low for order 7',
      hint: ['raised this error on purpose'],
    },
  ])('$case', async ({ sql, parameters, code, message, hint }) => {
    const run = await runNode(
      plugin,
      'query',
      { sql, ...(parameters ? { parameters } : {}) },
      {
        credential: db.credential(),
      },
    );

    expect(run.ok).toBe(false);
    expect(run.error?.code).toBe(code);
    expect(run.error?.message).toEqual(message);
    for (const part of hint) expect(run.error?.hint).toContain(part);
    expect(run.error?.retryable).toBe(false);
  });

  test('a unique violation names the constraint and the conflicting key', async () => {
    const run = await runNode(
      plugin,
      'query',
      {
        sql: 'INSERT INTO customers (email, name) VALUES ($1, $2)',
        parameters: ['alan@example.com', 'Alan'],
      },
      { credential: db.credential() },
    );

    expect(run.error?.code).toBe('unique_violation');
    expect(run.error?.message).toBe(
      'duplicate key value violates unique constraint "customers_email_key". Key (email)=(alan@example.com) already exists.',
    );
    expect(run.error?.details).toEqual({
      sqlstate: '23505',
      constraint: 'customers_email_key',
      schema: db.schema,
      table: 'customers',
      detail: 'Key (email)=(alan@example.com) already exists.',
    });
  });
});

describe('transactions PostgreSQL rolls back are run again', () => {
  test('retries a serialization failure, then succeeds', async () => {
    // The function fails the first time only: sequences are not rolled back.
    await db.sql(`CREATE SEQUENCE ${db.schema}.calls;
      CREATE FUNCTION ${db.schema}.flaky() RETURNS int LANGUAGE plpgsql AS $$
      BEGIN
        IF nextval('${db.schema}.calls') = 1 THEN
          RAISE EXCEPTION 'could not serialize access' USING ERRCODE = 'serialization_failure';
        END IF;
        RETURN 1;
      END $$`);

    const run = await runNode<{ rows: unknown[] }>(
      plugin,
      'query',
      { sql: 'SELECT flaky() AS ok', parameters: [] },
      { credential: db.credential() },
    );

    expect(run.output?.rows).toEqual([{ ok: 1 }]);
    expect(run.logs.filter((record) => record.level === 'warn')).toMatchObject([
      {
        message: 'PostgreSQL rolled the transaction back; running it again',
        fields: { sqlstate: '40001', attempt: 1 },
      },
    ]);
  });

  test('gives up after 3 attempts with a retryable error that says so', async () => {
    await db.sql(`CREATE FUNCTION ${db.schema}.always_deadlocks() RETURNS int LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'deadlock detected' USING ERRCODE = 'deadlock_detected';
      END $$`);

    const run = await runNode(
      plugin,
      'query',
      { sql: 'SELECT always_deadlocks()' },
      { credential: db.credential() },
    );

    expect(run.error?.code).toBe('deadlock_detected');
    expect(run.error?.retryable).toBe(true);
    expect(run.error?.hint).toContain('knotwork already ran it 3 times');
    expect(run.error?.details).toMatchObject({ sqlstate: '40P01', attempts: 3 });
    expect(run.logs.filter((record) => record.level === 'warn')).toHaveLength(2);
  });

  test('does not run a script again when it may have committed part-way', async () => {
    const run = await runNode(
      plugin,
      'query',
      {
        sql: "INSERT INTO customers (email, name) VALUES ('s@example.com', 'S'); SELECT always_deadlocks()",
      },
      { credential: db.credential() },
    );

    expect(run.error?.code).toBe('deadlock_detected');
    expect(run.logs.filter((record) => record.level === 'warn')).toEqual([]);
  });

  test('a real deadlock: PostgreSQL picks the batch as victim, knotwork runs it again and it succeeds', async () => {
    const other = new pg.Client({ connectionString: SERVER_URL });
    await other.connect();
    try {
      // The other session waits longer before checking for deadlocks, so the batch is the
      // one PostgreSQL rolls back.
      await other.query("SET deadlock_timeout = '10s'");
      await other.query('BEGIN');
      await other.query(`UPDATE ${db.schema}.customers SET name = name WHERE id = 2`);
      const batch = runNode<{ rowCount: number }>(
        plugin,
        'query',
        {
          sql: 'UPDATE customers SET vip = NOT vip WHERE id = $1',
          items: [[1], [2]],
        },
        { credential: db.credential() },
      );
      // Let the batch lock row 1 and queue behind row 2, then close the cycle. Once
      // PostgreSQL has rolled the batch back, the other session gets row 1 and commits,
      // and the batch's second attempt goes through.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await other.query(`UPDATE ${db.schema}.customers SET name = name WHERE id = 1`);
      await other.query('COMMIT');
      const run = await batch;

      expect(run.ok).toBe(true);
      expect(run.output?.rowCount).toBe(2);
      expect(run.logs.some((record) => record.fields?.sqlstate === '40P01')).toBe(true);
    } finally {
      await other.end();
    }
  }, 15_000);
});

describe('connections that cannot be made', () => {
  const role = `kw_limited_${randomBytes(3).toString('hex')}`;
  afterAll(async () => {
    await db.sql(`DROP ROLE IF EXISTS ${role}`);
  });

  test('a refused connection names the host and port to check', async () => {
    const port = await closedPort();

    const run = await runNode(
      plugin,
      'query',
      { sql: 'SELECT 1' },
      {
        credential: db.credential({ port, connectionTimeoutMs: 2_000 }),
      },
    );

    expect(run.error?.code).toBe('connection_refused');
    expect(run.error?.message).toBe(`Connection refused by 127.0.0.1:${port}`);
    expect(run.error?.hint).toContain(`Nothing accepts connections at 127.0.0.1:${port}`);
    expect(run.error?.retryable).toBe(true);
  });

  test('a server that accepts the connection but never answers times out after connectionTimeoutMs', async () => {
    // Takes the TCP connection and says nothing: a stuck server or a black-holing proxy.
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const started = Date.now();
      const run = await runNode(
        plugin,
        'query',
        { sql: 'SELECT 1' },
        { credential: db.credential({ port, connectionTimeoutMs: 300 }) },
      );

      expect(run.error?.code).toBe('connection_timeout');
      expect(run.error?.hint).toContain(`Connecting to 127.0.0.1:${port} took longer`);
      expect(run.error?.retryable).toBe(true);
      // Well before the run's own timeout: the connection timeout ended it.
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      silent.close();
    }
  });

  test('a database that does not exist (3D000)', async () => {
    const run = await runNode(
      plugin,
      'query',
      { sql: 'SELECT 1' },
      {
        credential: db.credential({ database: 'kw_no_such_database' }),
      },
    );

    expect(run.error?.code).toBe('invalid_catalog_name');
    expect(run.error?.message).toBe('database "kw_no_such_database" does not exist');
    expect(run.error?.hint).toContain('check the database name');
  });

  test('a role that does not exist (28000)', async () => {
    const run = await runNode(
      plugin,
      'query',
      { sql: 'SELECT 1' },
      {
        credential: db.credential({ user: 'kw_nobody' }),
      },
    );

    expect(run.error?.code).toBe('invalid_authorization_specification');
    expect(run.error?.message).toBe('role "kw_nobody" does not exist');
    expect(run.error?.hint).toContain('check the user name');
  });

  test('too many connections for the role (53300) is retryable and points at the pool size', async () => {
    await db.sql(`CREATE ROLE ${role} LOGIN CONNECTION LIMIT 1`);
    const holder = new pg.Client({ ...SERVER, user: role });
    await holder.connect();
    try {
      const run = await runNode(
        plugin,
        'query',
        { sql: 'SELECT 1' },
        {
          credential: db.credential({ user: role }),
        },
      );

      expect(run.error?.code).toBe('too_many_connections');
      expect(run.error?.message).toBe(`too many connections for role "${role}"`);
      expect(run.error?.hint).toContain('lower "Pool size"');
      expect(run.error?.retryable).toBe(true);
    } finally {
      await holder.end();
    }
  });

  test('asking for SSL from a server without it says to turn SSL off', async () => {
    const run = await runNode(
      plugin,
      'query',
      { sql: 'SELECT 1' },
      {
        credential: db.credential({ ssl: 'require' }),
      },
    );

    expect(run.error?.code).toBe('ssl_not_supported');
    expect(run.error?.hint).toContain('set SSL to "disable"');
  });
});
