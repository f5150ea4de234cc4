import { credentialsError } from '../errors.js';
import type { SqlConnection, SqlDialect, SqlDriver } from './sql-driver.js';

export interface Migration {
  version: number;
  name: string;
  statements(dialect: SqlDialect): string[];
}

/** Append only: a released migration never changes, a new one gets the next version. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'credentials, oauth tokens, oauth states, credential locks',
    statements: ({ blob, timestamp }) => [
      `CREATE TABLE credentials (
        id TEXT PRIMARY KEY,
        name TEXT UNIQUE NOT NULL,
        type TEXT NOT NULL,
        service TEXT NOT NULL,
        kind TEXT NOT NULL,
        encrypted_data ${blob} NOT NULL,
        created_at ${timestamp} NOT NULL,
        updated_at ${timestamp} NOT NULL,
        last_used_at ${timestamp},
        is_valid BOOLEAN NOT NULL DEFAULT TRUE,
        last_error TEXT,
        last_tested_at ${timestamp}
      )`,
      'CREATE INDEX credentials_service ON credentials (service)',
      `CREATE TABLE oauth_tokens (
        credential_id TEXT PRIMARY KEY REFERENCES credentials(id) ON DELETE CASCADE,
        access_token_encrypted ${blob},
        refresh_token_encrypted ${blob},
        expires_at ${timestamp},
        scopes TEXT,
        token_type TEXT,
        refresh_failed_at ${timestamp},
        last_refresh_error TEXT,
        updated_at ${timestamp} NOT NULL
      )`,
      // Epoch milliseconds: compared against the clock on every take, never shown.
      `CREATE TABLE oauth_states (
        state TEXT PRIMARY KEY,
        credential_id TEXT NOT NULL REFERENCES credentials(id) ON DELETE CASCADE,
        encrypted_payload ${blob} NOT NULL,
        expires_at BIGINT NOT NULL
      )`,
      // No foreign key: a lock may be taken around creating or deleting the credential.
      `CREATE TABLE credential_locks (
        credential_id TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        expires_at BIGINT NOT NULL
      )`,
      // Which master key the store's ciphertexts are under; rotation switches it in the
      // same transaction that re-encrypts, so writers always know which key to use.
      `CREATE TABLE store_settings (
        name TEXT PRIMARY KEY,
        value TEXT
      )`,
      "INSERT INTO store_settings (name, value) VALUES ('master_key_id', NULL)",
    ],
  },
];

export const LATEST_SCHEMA_VERSION = Math.max(...MIGRATIONS.map((migration) => migration.version));

/** Brings the schema up to date in one transaction; safe to run from many processes at once. */
export async function migrate(driver: SqlDriver): Promise<number[]> {
  return driver.transaction(async (connection) => {
    await driver.lockForMigration(connection);
    await connection.run(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        applied_at TEXT NOT NULL
      )`,
    );
    const applied = new Set(
      (await connection.all('SELECT version FROM schema_migrations')).map((row) =>
        Number(row.version),
      ),
    );
    const newest = Math.max(0, ...applied);
    if (newest > LATEST_SCHEMA_VERSION) throw storeTooNew(driver.location, newest);
    const ran: number[] = [];
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      await applyMigration(connection, migration);
      ran.push(migration.version);
    }
    return ran;
  });
}

async function applyMigration(connection: SqlConnection, migration: Migration): Promise<void> {
  for (const statement of migration.statements(connection.dialect)) await connection.run(statement);
  await connection.run(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
    [migration.version, migration.name, new Date().toISOString()],
  );
}

function storeTooNew(location: string, version: number) {
  return credentialsError(
    'store_too_new',
    `The credential store ${location} has schema version ${version}; this knotwork knows up to ${LATEST_SCHEMA_VERSION}`,
    'A newer knotwork migrated it. Upgrade @knotwork/credentials here; nothing was changed.',
  );
}
