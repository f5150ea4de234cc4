import type { CredentialRows, CredentialStore } from './credential-store.js';
import { migrate } from './migrations.js';
import { SqlCredentialRows } from './sql-credential-rows.js';
import type { SqlDriver } from './sql-driver.js';

/** The credential store over any SQL driver: row operations, transactions, lease rows. */
export class SqlCredentialStore extends SqlCredentialRows implements CredentialStore {
  readonly location: string;
  readonly backend: 'sqlite' | 'postgres';
  readonly #driver: SqlDriver;

  private constructor(driver: SqlDriver) {
    super(driver.connection);
    this.#driver = driver;
    this.location = driver.location;
    this.backend = driver.dialect.name;
  }

  /** Opens the store and brings its schema up to date. */
  static async open(driver: SqlDriver): Promise<SqlCredentialStore> {
    try {
      await migrate(driver);
    } catch (error) {
      await driver.close().catch(() => {});
      throw error;
    }
    return new SqlCredentialStore(driver);
  }

  transaction<T>(fn: (rows: CredentialRows) => Promise<T>): Promise<T> {
    return this.#driver.transaction((connection) => fn(new SqlCredentialRows(connection)));
  }

  async tryAcquireLease(
    resource: string,
    owner: string,
    expiresAt: number,
    now: number,
  ): Promise<boolean> {
    // One statement: insert a new lease, or take over the row only if its lease ran out.
    const changed = await this.#driver.connection.run(
      `INSERT INTO credential_locks (credential_id, owner, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (credential_id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
       WHERE credential_locks.expires_at <= ?`,
      [resource, owner, expiresAt, now],
    );
    return changed > 0;
  }

  async renewLease(resource: string, owner: string, expiresAt: number): Promise<boolean> {
    const changed = await this.#driver.connection.run(
      'UPDATE credential_locks SET expires_at = ? WHERE credential_id = ? AND owner = ?',
      [expiresAt, resource, owner],
    );
    return changed > 0;
  }

  async releaseLease(resource: string, owner: string): Promise<void> {
    await this.#driver.connection.run(
      'DELETE FROM credential_locks WHERE credential_id = ? AND owner = ?',
      [resource, owner],
    );
  }

  async leaseHolder(resource: string) {
    const [row] = await this.#driver.connection.all(
      'SELECT owner, expires_at FROM credential_locks WHERE credential_id = ?',
      [resource],
    );
    return row ? { owner: String(row.owner), expiresAt: Number(row.expires_at) } : undefined;
  }

  close(): Promise<void> {
    return this.#driver.close();
  }
}
