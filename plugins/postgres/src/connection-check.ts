import type { CredentialTestResult } from '@knotwork/sdk';
import pg from 'pg';
import { type ConnectionData, poolConfig, targetOf } from './connection-config.js';
import { toPostgresError } from './postgres-error.js';

/**
 * "Test connection": logs in, runs `SELECT version()` and says what it reached. A one-off
 * connection, not the pool: the test must not leave connections behind.
 */
export async function checkConnection(
  data: ConnectionData,
  signal: AbortSignal,
): Promise<CredentialTestResult> {
  let target: ReturnType<typeof targetOf>;
  try {
    target = targetOf(data);
  } catch (error) {
    const mapped = toPostgresError(error, { host: data.host ?? '', port: data.port, secrets: [] });
    return { ok: false, message: mapped.message, hint: mapped.hint };
  }
  const client = new pg.Client(poolConfig(data, target));
  // After a failed connect the socket may still report its end; nothing is left to do then.
  client.on('error', () => {});
  const stop = () => {
    void client.end().catch(() => {});
  };
  signal.addEventListener('abort', stop, { once: true });
  try {
    await client.connect();
    const { rows } = await client.query<{
      version: string;
      user: string;
      database: string;
      ssl: boolean | null;
    }>(
      'SELECT version() AS version, current_user AS user, current_database() AS database, (SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()) AS ssl',
    );
    const row = rows[0];
    const version = /^PostgreSQL \S+/.exec(row?.version ?? '')?.[0] ?? row?.version ?? 'PostgreSQL';
    const ignored = target.ignoredUrlParameters;
    return {
      ok: true,
      message: `Connected to ${version.replace(/,$/, '')} as ${row?.user} on database ${row?.database}, ${row?.ssl ? 'over SSL' : 'without SSL'}.`,
      ...(ignored.length > 0
        ? {
            hint: `knotwork does not use the URL's ${ignored.join(', ')} parameter${ignored.length === 1 ? '' : 's'}: set those options in the credential's fields instead.`,
          }
        : {}),
    };
  } catch (error) {
    const mapped = toPostgresError(error, {
      host: target.host,
      port: target.port,
      secrets: target.password ? [target.password] : [],
    });
    return { ok: false, message: mapped.message, hint: mapped.hint };
  } finally {
    signal.removeEventListener('abort', stop);
    await client.end().catch(() => {});
  }
}
