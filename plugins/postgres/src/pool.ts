import type { ConnectionPools, Logger } from '@knotwork/sdk';
import pg from 'pg';
import { type ConnectionData, poolConfig, type Target, targetOf } from './connection-config.js';
import { propertyOf } from './postgres-error.js';
import { typeParsers } from './values.js';

/** A credential's pool and the settings it was built from (the cancel connection reuses them). */
export interface CredentialPool {
  pool: pg.Pool;
  config: pg.PoolConfig;
  target: Target;
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
      const pool = new pg.Pool({ ...config, types: typeParsers });
      // An idle client whose server connection drops (server restart, an administrator's
      // pg_terminate_backend, a proxy's idle cut-off) is reported here after the pool has
      // discarded it; with no listener Node would crash the host.
      // https://node-postgres.com/apis/pool#error
      pool.on('error', (error) => {
        logger.warn('PostgreSQL closed an idle pooled connection; the pool dropped it', {
          error,
        });
      });
      return { pool, config, target };
    },
    (entry) => entry.pool.end(),
  );
}

/**
 * Lends a client for one unit of work and always gives it back clean: an open or failed
 * transaction is rolled back, and a connection that broke is destroyed rather than reused.
 * When the run is cancelled or times out, the running statement is cancelled on the server.
 */
export async function withClient<T>(
  pool: pg.Pool,
  config: pg.PoolConfig,
  run: { signal: AbortSignal; logger: Logger },
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  // A checked-out client has no listener of the pool's: an error event (the server ended
  // the connection mid-statement) would otherwise be an uncaught exception.
  const onError = () => {
    broken = true;
  };
  client.on('error', onError);
  const onAbort = () => {
    void cancelStatement(config, backendProcessId(client), run.logger);
  };
  try {
    run.signal.throwIfAborted();
    run.signal.addEventListener('abort', onAbort, { once: true });
    return await work(client);
  } catch (error) {
    if (isConnectionGone(error)) broken = true;
    throw error;
  } finally {
    run.signal.removeEventListener('abort', onAbort);
    if (!broken && client.getTransactionStatus() !== 'I') {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true;
      }
    }
    client.removeListener('error', onError);
    client.release(broken);
  }
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
