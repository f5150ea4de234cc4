import { randomBytes } from 'node:crypto';
import pg from 'pg';
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

  /**
   * Sends `sql` on `client`, under a prepared statement's name when it has parameters. An
   * error reaches `callback` as `#refusal` makes it: a stale or lost prepared statement as
   * StatementResent, which the caller runs again.
   */
  query(client: pg.ClientBase, sql: string, values: unknown[], callback: QueryCallback): void {
    sendQuery(client, sql, values, this.#nameFor(client, sql, values), (error, result) =>
      callback(error && (this.#refusal(client, sql, error) as Error), result),
    );
  }

  /** The name to run `sql` under, or undefined to send it unprepared (no parameters, turned off, or full). */
  #nameFor(client: pg.ClientBase, sql: string, values: readonly unknown[]): string | undefined {
    if (!this.#enabled || values.length === 0) return undefined;
    let names = this.#names.get(client);
    if (!names) {
      names = new Map();
      this.#names.set(client, names);
    }
    let name = names.get(sql);
    if (name === undefined) {
      if (names.size >= MAX_PER_CONNECTION) return undefined;
      lastName += 1;
      name = `${NAME_PREFIX}${lastName}`;
      names.set(sql, name);
    }
    return name;
  }

  /**
   * The error to report for a failed statement. When the server refused a prepared
   * statement rather than the SQL (it did not run it), that is a StatementResent, and the
   * next `#nameFor` sends it afresh: re-prepared when a table it reads changed shape,
   * unprepared from now on when a pooler in front of the server cannot keep them.
   */
  #refusal(client: pg.ClientBase, sql: string, error: unknown): unknown {
    const names = this.#names.get(client);
    const name = names?.get(sql);
    if (!name) return error;
    const code = propertyOf(error, 'code');
    const message = String(propertyOf(error, 'message') ?? '');
    // The statement reads `SELECT *` from a table that gained or lost columns since.
    if (code === '0A000' && /cached plan must not change result type/.test(message)) {
      names?.delete(sql);
      return new StatementResent(error);
    }
    // A transaction-mode pooler (PgBouncer before 1.21, Supavisor) sent the statement to
    // another server connection, or reset the one that had it.
    if ((code === '26000' || code === '42P05') && message.includes(name)) {
      this.#enabled = false;
      return new StatementResent(error);
    }
    return error;
  }
}

/**
 * A statement the server refused for being a stale or lost prepared statement, before
 * running it: the statement, or the transaction it was in, can run again at once.
 */
export class StatementResent extends Error {
  constructor(override readonly cause: unknown) {
    super('PostgreSQL refused a prepared statement; it runs again');
  }
}

export type QueryCallback = (error: Error | undefined, result: pg.QueryResult) => void;

/**
 * Sends `sql` on `client`, under `name` when there is one. The query is built from the
 * text: node-postgres copies a `{ name, text, values }` object property descriptor by
 * property descriptor, which costs more than the rest of a short query. The name is read
 * when the query is submitted.
 */
function sendQuery(
  client: pg.ClientBase,
  sql: string,
  values: unknown[],
  name: string | undefined,
  callback: QueryCallback,
): void {
  if (name === undefined) {
    client.query(sql, values, callback as (error: Error, result: pg.QueryResult) => void);
    return;
  }
  const query = new pg.Query(sql, values, callback as never);
  Reflect.set(query, 'name', name);
  client.query(query);
}
