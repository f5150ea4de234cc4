import { join } from 'node:path';
import { credentialsError } from '../errors.js';
import { knotworkHome } from '../paths.js';
import type { CredentialStore } from './credential-store.js';
import { SqlCredentialStore } from './sql-credential-store.js';
import { SqliteDriver } from './sqlite-driver.js';

export const DATABASE_URL_ENV = 'KNOTWORK_DATABASE_URL';
export const DATABASE_SCHEMA_ENV = 'KNOTWORK_DATABASE_SCHEMA';
export const SQLITE_FILE_NAME = 'credentials.db';

export interface OpenStoreOptions {
  /** The data directory (default KNOTWORK_HOME, else ~/.knotwork). */
  home?: string;
  /** postgres:// URL (default KNOTWORK_DATABASE_URL); without one, SQLite under home. */
  databaseUrl?: string;
  /** PostgreSQL schema (default KNOTWORK_DATABASE_SCHEMA, else the search path's). */
  databaseSchema?: string;
  env?: NodeJS.ProcessEnv;
}

/** PostgreSQL when a postgres:// URL is given, else `<home>/credentials.db`. */
export async function openCredentialStore(
  options: OpenStoreOptions = {},
): Promise<CredentialStore> {
  const env = options.env ?? process.env;
  const url = options.databaseUrl ?? (env[DATABASE_URL_ENV] || undefined);
  if (url !== undefined) {
    if (!/^postgres(ql)?:\/\//i.test(url)) {
      throw credentialsError(
        'unsupported_database_url',
        `${DATABASE_URL_ENV} must be a postgres:// URL (got a ${url.split(':')[0]}: URL)`,
        `Unset ${DATABASE_URL_ENV} to use SQLite under KNOTWORK_HOME, or give a postgres://user@host:5432/db URL.`,
      );
    }
    // Loaded only here: SQLite users never load the PostgreSQL client.
    const { PostgresDriver } = await import('./postgres-driver.js');
    const schema = options.databaseSchema ?? (env[DATABASE_SCHEMA_ENV] || undefined);
    return SqlCredentialStore.open(new PostgresDriver({ url, ...(schema ? { schema } : {}) }));
  }
  const driver = new SqliteDriver(join(knotworkHome(options.home, env), SQLITE_FILE_NAME));
  await driver.prepare();
  return SqlCredentialStore.open(driver);
}
