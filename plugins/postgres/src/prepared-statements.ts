import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { propertyOf } from './postgres-error.js';

/**
 * Distinct statements one connection keeps prepared. SQL built with its values inlined
 * is new text every run; past this many the rest run unprepared rather than filling the
 * server's memory.
 */
const MAX_PER_CONNECTION = 200;

/**
 * Names never repeat, in this process or another: a pooler in transaction mode may put
 * two processes' statements on one server connection, where a name two processes used
 * for different SQL would run the wrong statement. A missing name fails loudly instead.
 */
const NAME_PREFIX = `knotwork_${randomBytes(6).toString('hex')}_`;
let lastName = 0;

/**
 * Server-side prepared statements for parameterized SQL, per pooled connection, as JDBC
 * and postgres.js use them: the first run of a text on a connection parses and plans it
 * under a name, later runs only bind and execute. The server skips parsing and planning,
 * and the client sends one message fewer.
 * https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-EXT-QUERY
 */
export class PreparedStatements {
  #enabled: boolean;
  readonly #names = new WeakMap<object, Map<string, string>>();

  constructor(enabled: boolean) {
    this.#enabled = enabled;
  }

  /** What to send for `sql`: a named statement, or the plain text (no parameters, turned off, or full). */
  query(client: pg.ClientBase, sql: string, values: unknown[]): pg.QueryConfig | string {
    if (!this.#enabled || values.length === 0) return sql;
    let names = this.#names.get(client);
    if (!names) {
      names = new Map();
      this.#names.set(client, names);
    }
    let name = names.get(sql);
    if (name === undefined) {
      if (names.size >= MAX_PER_CONNECTION) return sql;
      lastName += 1;
      name = `${NAME_PREFIX}${lastName}`;
      names.set(sql, name);
    }
    return { name, text: sql, values };
  }

  /**
   * After a failure: whether it came from a prepared statement rather than from the SQL,
   * so sending the statement again is safe (the server refused it before running it).
   * The next `query` then sends it afresh: re-prepared when a table it reads changed shape,
   * unprepared from now on when a pooler in front of the server cannot keep them.
   */
  recover(client: pg.ClientBase, sql: string, error: unknown): boolean {
    const names = this.#names.get(client);
    const name = names?.get(sql);
    if (!name) return false;
    const code = propertyOf(error, 'code');
    const message = String(propertyOf(error, 'message') ?? '');
    // The statement reads `SELECT *` from a table that gained or lost columns since.
    if (code === '0A000' && /cached plan must not change result type/.test(message)) {
      names?.delete(sql);
      return true;
    }
    // A transaction-mode pooler (PgBouncer before 1.21, Supavisor) sent the statement to
    // another server connection, or reset the one that had it.
    if ((code === '26000' || code === '42P05') && message.includes(name)) {
      this.#enabled = false;
      return true;
    }
    return false;
  }
}
