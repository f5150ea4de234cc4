import pg from 'pg';
import { credentialsError } from '../errors.js';
import type { SqlConnection, SqlDialect, SqlDriver } from './sql-driver.js';

const POSTGRES_DIALECT: SqlDialect = {
  name: 'postgres',
  blob: 'BYTEA',
  timestamp: 'TIMESTAMPTZ',
  forUpdate: ' FOR UPDATE',
};

export interface PostgresDriverOptions {
  url: string;
  /** A schema of its own (created when missing), e.g. per tenant or per test run. */
  schema?: string;
  /** Connections kept open (default 4). */
  maxConnections?: number;
}

interface Queryable {
  query(
    sql: string,
    params?: unknown[],
  ): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>;
}

/** PostgreSQL through a pg Pool; a transaction holds one client from BEGIN to COMMIT. */
export class PostgresDriver implements SqlDriver {
  readonly dialect = POSTGRES_DIALECT;
  readonly location: string;
  readonly connection: SqlConnection;
  readonly #pool: pg.Pool;
  readonly #schema: string | undefined;

  constructor(options: PostgresDriverOptions) {
    this.#schema = options.schema ? checkedSchema(options.schema) : undefined;
    this.location = `${withoutPassword(options.url)}${this.#schema ? ` (schema ${this.#schema})` : ''}`;
    this.#pool = new pg.Pool({
      connectionString: options.url,
      max: options.maxConnections ?? 4,
      // Unqualified table names then resolve in the schema, on every pooled connection.
      ...(this.#schema ? { options: `-c search_path=${this.#schema}` } : {}),
    });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    this.#pool.on('error', () => {});
    this.connection = connectionOver(this.#pool);
  }

  async transaction<T>(fn: (connection: SqlConnection) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(connectionOver(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async lockForMigration(connection: SqlConnection): Promise<void> {
    // Transaction-scoped advisory lock: concurrent first starts migrate one after another.
    await connection.all('SELECT pg_advisory_xact_lock(hashtext(?))', [
      `knotwork-credentials:${this.#schema ?? 'public'}`,
    ]);
    if (this.#schema) await connection.run(`CREATE SCHEMA IF NOT EXISTS "${this.#schema}"`);
  }

  async close(): Promise<void> {
    if (this.#pool.ended || this.#pool.ending) return;
    await this.#pool.end();
  }
}

function connectionOver(target: Queryable): SqlConnection {
  return {
    dialect: POSTGRES_DIALECT,
    all: async (sql, params) => (await target.query(numbered(sql), params)).rows,
    run: async (sql, params) => (await target.query(numbered(sql), params)).rowCount ?? 0,
  };
}

/** The store writes `?` placeholders; PostgreSQL wants $1, $2, … */
function numbered(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}

function checkedSchema(schema: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) return schema;
  throw credentialsError(
    'invalid_database_schema',
    `"${schema}" is not a usable PostgreSQL schema name`,
    'Use letters, digits and underscores (not starting with a digit), at most 63 characters.',
  );
}

/** The URL as messages may show it. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the PostgreSQL database';
  }
}
