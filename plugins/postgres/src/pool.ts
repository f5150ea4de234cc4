import type { ConnectionPools, Logger, NodeContext } from '@knotwork/sdk';
import pg from 'pg';
import { type ConnectionData, poolConfig, type Target, targetOf } from './connection-config.js';
import { type ErrorContext, propertyOf } from './postgres-error.js';
import { PreparedStatements, type QueryCallback } from './prepared-statements.js';
import { typeParsers } from './values.js';

/** A credential's pool and the settings it was built from (the cancel connection reuses them). */
export interface CredentialPool {
  pool: pg.Pool;
  config: pg.PoolConfig;
  target: Target;
  /** Where errors say the server is, and what they must not quote. */
  errors: Pick<ErrorContext, 'host' | 'port' | 'secrets'>;
  prepared: PreparedStatements;
}

/**
 * The credential's pool, shared by every run that uses the credential and ended when the
 * host closes (the host keys ctx.connections by credential, and retires the pool when the
 * saved credential is edited). The settings are worked out once, when the pool is built:
 * the same data always gives the same settings.
 */
export function poolFor(
  connections: ConnectionPools,
  data: ConnectionData,
  logger: Logger,
): Promise<CredentialPool> {
  return connections.get(
    'pool',
    () => {
      const target = targetOf(data);
      const config = poolConfig(data, target);
      const pool = new pg.Pool({
        ...config,
        types: typeParsers,
        // pg-pool arms a timer on every checkout when it has a connection timeout, a cost on
        // every query; the timeout is about opening a connection, so the client keeps it
        // and a run waiting for a free connection is bounded by the run's own timeout.
        connectionTimeoutMillis: undefined,
        Client: clientWithConnectTimeout(config.connectionTimeoutMillis),
      });
      // An idle client whose server connection drops (server restart, an administrator's
      // pg_terminate_backend, a proxy's idle cut-off) is reported here after the pool has
      // discarded it; with no listener Node would crash the host.
      // https://node-postgres.com/apis/pool#error
      pool.on('error', (error) => {
        logger.warn('PostgreSQL closed an idle pooled connection; the pool dropped it', {
          error,
        });
      });
      const errors = {
        host: target.host,
        port: target.port,
        secrets: target.password ? [target.password] : [],
      };
      const prepared = new PreparedStatements(data.preparedStatements ?? true);
      return { pool, config, target, errors, prepared };
    },
    endPool,
  );
}

function endPool(entry: CredentialPool): Promise<void> {
  return entry.pool.end();
}

/** What a unit of work needs from the run: its cancellation and its logger. */
export type RunHandle = Pick<NodeContext, 'signal' | 'onCancel' | 'logger'>;

/**
 * One statement on a pooled connection. It does what `pg.Pool#query` does (a checkout,
 * the query and the release through callbacks, one promise in all), so a short query pays
 * no more than with a raw pool, and what a run needs besides: the statement is cancelled
 * on the server when the run is, a transaction the SQL left open is rolled back and
 * reported (`openTransaction`), and a connection that broke is destroyed, not reused.
 */
export function queryOnce(
  { pool, config, prepared }: Pick<CredentialPool, 'pool' | 'config' | 'prepared'>,
  run: RunHandle,
  sql: string,
  values: unknown[],
  openTransaction: () => Error,
): Promise<pg.QueryResult | pg.QueryResult[]> {
  return new Promise((resolve, reject) => {
    pool.connect((connectError, client) => {
      if (connectError || !client) {
        reject(connectError);
        return;
      }
      const guard = new CheckoutGuard(client, config, run);
      if (guard.cancelled) {
        afterwards(guard.giveBack(), () => reject(guard.cancelled!.reason));
        return;
      }
      const settle = (
        error: Error | null | undefined,
        result?: pg.QueryResult | pg.QueryResult[],
      ) => {
        guard.unwatch();
        if (error && isConnectionGone(error)) guard.broken = true;
        // Only a statement that succeeded can have left its own transaction open.
        const leftOpen = !error && !guard.broken && client.getTransactionStatus() === 'T';
        afterwards(guard.giveBack(), () => {
          // A stale prepared statement comes back as StatementResent: the caller runs it again.
          if (error) reject(error);
          else if (leftOpen) reject(openTransaction());
          else resolve(result!);
        });
      };
      try {
        // node-postgres types the callback form for one result; several statements give an array.
        prepared.query(client, sql, values, settle as QueryCallback);
      } catch (error) {
        settle(error as Error);
      }
    });
  });
}

/** pg.Client that gives up opening its connection after `timeoutMs` (0: never). */
function clientWithConnectTimeout(timeoutMs: number | undefined): typeof pg.Client {
  return class extends pg.Client {
    constructor(config?: pg.ClientConfig) {
      // pg-pool hides the password as a non-enumerable property: a spread would drop it.
      const own: pg.ClientConfig = Object.defineProperties(
        {},
        Object.getOwnPropertyDescriptors(config ?? {}),
      );
      own.connectionTimeoutMillis = timeoutMs ?? 0;
      super(own);
    }
  };
}

/**
 * Lends a client for one unit of work (a transaction) and always gives it back clean: an
 * open or failed transaction is rolled back, and a connection that broke is destroyed
 * rather than reused. When the run is cancelled or times out, the running statement is
 * cancelled on the server.
 */
export async function withClient<T>(
  pool: pg.Pool,
  config: pg.PoolConfig,
  run: RunHandle,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const guard = new CheckoutGuard(await pool.connect(), config, run);
  try {
    if (guard.cancelled) throw guard.cancelled.reason;
    return await work(guard.client);
  } catch (error) {
    if (isConnectionGone(error)) guard.broken = true;
    throw error;
  } finally {
    guard.unwatch();
    await guard.giveBack();
  }
}

/**
 * Watches a checked-out client until it goes back to the pool: an error event (the server
 * ended the connection mid-statement) marks it broken instead of crashing the host (a
 * checked-out client has no listener of the pool's), and the run's cancellation cancels
 * its statement on the server.
 */
class CheckoutGuard {
  broken = false;
  /** Set when the run was cancelled while this client was lent (or before). */
  cancelled: { reason: unknown } | undefined;
  readonly #onError = () => {
    this.broken = true;
  };
  readonly #stopWatching: () => void;

  constructor(
    readonly client: pg.PoolClient,
    config: pg.PoolConfig,
    run: RunHandle,
  ) {
    client.on('error', this.#onError);
    // Called at once when the run is already over: nothing is running yet to cancel.
    let watching = false;
    this.#stopWatching = run.onCancel((reason) => {
      this.cancelled = { reason };
      if (watching) void cancelStatement(config, backendProcessId(client), run.logger);
    });
    watching = true;
  }

  unwatch(): void {
    this.#stopWatching();
  }

  /**
   * Rolls back whatever transaction is still open, then releases (or destroys) the client.
   * A clean client goes back at once, without a promise.
   */
  giveBack(): Promise<void> | undefined {
    if (!this.broken && this.client.getTransactionStatus() !== 'I') {
      return this.client.query('ROLLBACK').then(
        () => this.#release(),
        () => {
          this.broken = true;
          this.#release();
        },
      );
    }
    this.#release();
    return undefined;
  }

  #release(): void {
    this.client.removeListener('error', this.#onError);
    this.client.release(this.broken);
  }
}

/** Runs `then` once `pending` settles, or now when there is nothing to wait for. */
function afterwards(pending: Promise<void> | undefined, then: () => void): void {
  if (pending) void pending.then(then);
  else then();
}

/**
 * The server process serving this client, which node-postgres keeps from the
 * BackendKeyData message but @types/pg does not declare.
 */
function backendProcessId(client: pg.PoolClient): number | undefined {
  const id: unknown = Reflect.get(client, 'processID');
  return typeof id === 'number' ? id : undefined;
}

/** Errors after which the socket is unusable (the server ended the session or the link died). */
function isConnectionGone(error: unknown): boolean {
  const code = propertyOf(error, 'code');
  const severity = propertyOf(error, 'severity');
  return (
    severity === 'FATAL' ||
    severity === 'PANIC' ||
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    (error instanceof Error && /Connection terminated/.test(error.message))
  );
}

/**
 * Asks the server to cancel the statement a pooled connection is running, the way psql's
 * Ctrl-C does, over a short-lived second connection (pg_cancel_backend:
 * https://www.postgresql.org/docs/current/functions-admin.html#FUNCTIONS-ADMIN-SIGNAL).
 */
async function cancelStatement(
  config: pg.PoolConfig,
  processId: number | undefined,
  logger: Logger,
): Promise<void> {
  if (!processId) return;
  const canceller = new pg.Client({ ...config, application_name: 'knotwork-cancel' });
  canceller.on('error', () => {});
  try {
    await canceller.connect();
    await canceller.query('SELECT pg_cancel_backend($1)', [processId]);
  } catch (error) {
    logger.warn('Could not cancel the running PostgreSQL statement', { error });
  } finally {
    await canceller.end().catch(() => {});
  }
}
