import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openCredentialStore } from '../src/store/open-store.js';
import { rejectionOf } from './fixtures/rejection.js';
import { type StoreSpace, storeBackends } from './fixtures/store-backends.js';

/** Runs SQL on the space's database behind the store's back. */
async function rawQuery(space: StoreSpace, sql: string): Promise<Record<string, unknown>[]> {
  if (!space.databaseUrl) {
    const db = new DatabaseSync(join(space.home, 'credentials.db'));
    try {
      return db.prepare(sql).all() as Record<string, unknown>[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({
    connectionString: space.databaseUrl,
    options: `-c search_path=${space.databaseSchema}`,
  });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe.each(storeBackends)('schema migrations on $name', (backend) => {
  it('creates the tables once and records the version applied', async () => {
    const space = backend.newSpace();
    await (await openCredentialStore(space)).close();
    await (await openCredentialStore(space)).close();

    const applied = await rawQuery(space, 'SELECT version, name FROM schema_migrations');
    expect(applied).toEqual([
      { version: 1, name: 'credentials, oauth tokens, oauth states, credential locks' },
    ]);
    for (const table of ['credentials', 'oauth_tokens', 'oauth_states', 'credential_locks']) {
      expect(await rawQuery(space, `SELECT COUNT(*) AS n FROM ${table}`)).toHaveLength(1);
    }
  });

  it('lets many processes open a new store at the same moment', async () => {
    const space = backend.newSpace();
    const stores = await Promise.all(Array.from({ length: 5 }, () => openCredentialStore(space)));
    await Promise.all(stores.map((store) => store.close()));
    expect(await rawQuery(space, 'SELECT version FROM schema_migrations')).toHaveLength(1);
  });

  it('refuses a store a newer knotwork migrated, and leaves it alone', async () => {
    const space = backend.newSpace();
    await (await openCredentialStore(space)).close();
    await rawQuery(
      space,
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from the future', '2030-01-01')",
    );
    const error = await rejectionOf(openCredentialStore(space));
    expect(error.code).toBe('store_too_new');
    expect(error.message).toContain('99');
    expect(await rawQuery(space, 'SELECT version FROM schema_migrations ORDER BY version')).toEqual(
      [{ version: 1 }, { version: 99 }],
    );
  });
});

describe('choosing the database', () => {
  it('refuses a database URL that is not PostgreSQL, without echoing it', async () => {
    const error = await rejectionOf(
      openCredentialStore({ databaseUrl: 'mysql://root:hunter2@db/knotwork', env: {} }),
    );
    expect(error.code).toBe('unsupported_database_url');
    expect(JSON.stringify(error.toJSON())).not.toContain('hunter2');
  });

  it('refuses a schema name that would need quoting', async () => {
    const error = await rejectionOf(
      openCredentialStore({
        databaseUrl: 'postgres://localhost/x',
        databaseSchema: 'a"; DROP',
        env: {},
      }),
    );
    expect(error.code).toBe('invalid_database_schema');
  });
});
