import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import { credentialsError } from '../errors.js';
import type { SqlConnection, SqlDialect, SqlDriver, SqlRow, SqlValue } from './sql-driver.js';

const SQLITE_DIALECT: SqlDialect = {
  name: 'sqlite',
  blob: 'BLOB',
  timestamp: 'TEXT',
  // BEGIN IMMEDIATE already holds the database's write lock for the whole transaction.
  forUpdate: '',
};
const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;
/** How long a statement keeps retrying while another process holds the write lock. */
const BUSY_WAIT_MS = 15_000;

/**
 * SQLite through node:sqlite. Every statement of this connection runs one after another
 * (a transaction's awaits must not let another caller's statement slip into it), and a
 * database locked by another process is waited for asynchronously: SQLite's own
 * busy_timeout would block the event loop, and with it the very transaction holding the
 * lock when both connections live in one process.
 */
export class SqliteDriver implements SqlDriver {
  readonly dialect = SQLITE_DIALECT;
  readonly location: string;
  readonly connection: SqlConnection;
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, StatementSync>();
  #tail: Promise<unknown> = Promise.resolve();
  readonly #direct: SqlConnection;

  constructor(file: string) {
    this.location = file;
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const created = !existsSync(file);
    this.#db = new DatabaseSync(file);
    // Only ciphertext reaches the file, but its names, types and times are nobody else's business.
    if (created) chmodSync(file, 0o600);
    this.#direct = {
      dialect: SQLITE_DIALECT,
      all: async (sql, params) => this.#all(sql, params),
      run: async (sql, params) => this.#run(sql, params),
    };
    this.connection = {
      dialect: SQLITE_DIALECT,
      all: (sql, params) => this.#exclusive(() => this.#whenUnlocked(() => this.#all(sql, params))),
      run: (sql, params) => this.#exclusive(() => this.#whenUnlocked(() => this.#run(sql, params))),
    };
  }

  /** WAL lets readers in other processes go on while one writes; must run before any statement. */
  async prepare(): Promise<void> {
    await this.#exclusive(() =>
      this.#whenUnlocked(() => {
        this.#db.exec('PRAGMA busy_timeout = 0');
        this.#db.exec('PRAGMA journal_mode = WAL');
        this.#db.exec('PRAGMA synchronous = NORMAL');
        this.#db.exec('PRAGMA foreign_keys = ON');
      }),
    );
  }

  transaction<T>(fn: (connection: SqlConnection) => Promise<T>): Promise<T> {
    return this.#exclusive(async () => {
      await this.#whenUnlocked(() => this.#db.exec('BEGIN IMMEDIATE'));
      try {
        const result = await fn(this.#direct);
        this.#db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  async lockForMigration(): Promise<void> {
    // BEGIN IMMEDIATE already excludes every other writer.
  }

  async close(): Promise<void> {
    await this.#exclusive(() => {
      if (this.#db.isOpen) this.#db.close();
    });
  }

  #all(sql: string, params: SqlValue[] = []): SqlRow[] {
    return this.#statement(sql).all(...params.map(toSqlite)) as SqlRow[];
  }

  #run(sql: string, params: SqlValue[] = []): number {
    return Number(this.#statement(sql).run(...params.map(toSqlite)).changes);
  }

  #statement(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  #exclusive<T>(fn: () => T | Promise<T>): Promise<T> {
    const result = this.#tail.then(fn);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  async #whenUnlocked<T>(fn: () => T): Promise<T> {
    const deadline = Date.now() + BUSY_WAIT_MS;
    for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
      try {
        return fn();
      } catch (error) {
        if (!isBusy(error)) throw error;
        if (Date.now() >= deadline) {
          throw credentialsError(
            'store_busy',
            `The credential store ${this.location} stayed locked by another process for ${BUSY_WAIT_MS / 1000} s`,
            'Another knotwork process is writing to it. Try again; if it keeps happening, look for a process stuck holding it.',
            { retryable: true, cause: error },
          );
        }
        await sleep(delay + Math.random() * delay);
      }
    }
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { errcode?: unknown }).errcode;
  // Extended result codes (SQLITE_BUSY_SNAPSHOT, …) keep the primary code in the low byte.
  return typeof code === 'number' && [SQLITE_BUSY, SQLITE_LOCKED].includes(code & 0xff);
}

function toSqlite(value: SqlValue): SQLInputValue {
  return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}
