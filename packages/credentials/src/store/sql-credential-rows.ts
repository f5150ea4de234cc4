import type { FieldPurpose } from '../crypto/field-cipher.js';
import type {
  CredentialRecord,
  CredentialRows,
  EncryptedCell,
  NewCredentialRow,
  PendingAuthorizationRow,
  TokenRow,
} from './credential-store.js';
import {
  bool,
  bytes,
  bytesOrNull,
  int,
  iso,
  isoOrNull,
  type SqlConnection,
  type SqlRow,
  type SqlValue,
  textOrNull,
} from './sql-driver.js';

const RECORD_COLUMNS = `c.id, c.name, c.type, c.service, c.kind, c.created_at, c.updated_at,
  c.last_used_at, c.is_valid, c.last_error, c.last_tested_at,
  t.credential_id AS token_credential_id,
  t.access_token_encrypted IS NOT NULL AS has_access_token,
  t.refresh_token_encrypted IS NOT NULL AS has_refresh_token,
  t.expires_at AS token_expires_at, t.scopes, t.token_type, t.refresh_failed_at, t.last_refresh_error`;
const RECORD_FROM = 'credentials c LEFT JOIN oauth_tokens t ON t.credential_id = c.id';

const STORE_KEY_SETTING = 'master_key_id';

/** Every encrypted column, with the field purpose its ciphertexts are bound to. */
const ENCRYPTED_COLUMNS: ReadonlyArray<{
  table: EncryptedCell['table'];
  column: string;
  keyColumn: string;
  purpose: FieldPurpose;
}> = [
  { table: 'credentials', column: 'encrypted_data', keyColumn: 'id', purpose: 'data' },
  {
    table: 'oauth_tokens',
    column: 'access_token_encrypted',
    keyColumn: 'credential_id',
    purpose: 'access_token',
  },
  {
    table: 'oauth_tokens',
    column: 'refresh_token_encrypted',
    keyColumn: 'credential_id',
    purpose: 'refresh_token',
  },
  {
    table: 'oauth_states',
    column: 'encrypted_payload',
    keyColumn: 'state',
    purpose: 'code_verifier',
  },
];

/** The row operations in portable SQL, over one connection (pooled or in a transaction). */
export class SqlCredentialRows implements CredentialRows {
  readonly #db: SqlConnection;

  constructor(connection: SqlConnection) {
    this.#db = connection;
  }

  async findCredential(nameOrId: string) {
    // One round trip (this runs on every node execution); an id match wins over a name match.
    const rows = await this.#db.all(
      `SELECT ${RECORD_COLUMNS}, c.encrypted_data FROM ${RECORD_FROM} WHERE c.id = ? OR c.name = ?`,
      [nameOrId, nameOrId],
    );
    const row = rows.find((candidate) => candidate.id === nameOrId) ?? rows[0];
    return row ? { record: toRecord(row), encryptedData: bytes(row.encrypted_data) } : undefined;
  }

  async credentialNames(): Promise<string[]> {
    const rows = await this.#db.all('SELECT name FROM credentials ORDER BY name');
    return rows.map((row) => String(row.name));
  }

  async listCredentials(filter: { type?: string; service?: string } = {}) {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (filter.type !== undefined) {
      where.push('c.type = ?');
      params.push(filter.type);
    }
    if (filter.service !== undefined) {
      where.push('c.service = ?');
      params.push(filter.service);
    }
    const rows = await this.#db.all(
      `SELECT ${RECORD_COLUMNS} FROM ${RECORD_FROM}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY c.name`,
      params,
    );
    return rows.map(toRecord);
  }

  async insertCredential(row: NewCredentialRow): Promise<void> {
    await this.#db.run(
      `INSERT INTO credentials (id, name, type, service, kind, encrypted_data, created_at, updated_at, is_valid)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        row.id,
        row.name,
        row.type,
        row.service,
        row.kind,
        row.encryptedData,
        row.createdAt,
        row.createdAt,
        true,
      ],
    );
  }

  async updateCredential(
    id: string,
    change: { name?: string; encryptedData?: Buffer; updatedAt: string },
  ): Promise<void> {
    const sets = ['updated_at = ?'];
    const params: SqlValue[] = [change.updatedAt];
    if (change.name !== undefined) {
      sets.push('name = ?');
      params.push(change.name);
    }
    if (change.encryptedData !== undefined) {
      sets.push('encrypted_data = ?');
      params.push(change.encryptedData);
    }
    await this.#db.run(`UPDATE credentials SET ${sets.join(', ')} WHERE id = ?`, [...params, id]);
  }

  async deleteCredential(id: string): Promise<boolean> {
    // The foreign keys cascade too; explicit deletes keep SQLite connections opened without
    // foreign_keys=ON from leaving orphaned secrets behind.
    await this.#db.run('DELETE FROM oauth_states WHERE credential_id = ?', [id]);
    await this.#db.run('DELETE FROM oauth_tokens WHERE credential_id = ?', [id]);
    return (await this.#db.run('DELETE FROM credentials WHERE id = ?', [id])) > 0;
  }

  async recordTest(
    id: string,
    result: { isValid: boolean; lastError: string | null; testedAt: string },
  ): Promise<void> {
    await this.#db.run(
      'UPDATE credentials SET is_valid = ?, last_error = ?, last_tested_at = ? WHERE id = ?',
      [result.isValid, result.lastError, result.testedAt, id],
    );
  }

  async markInvalid(id: string, reason: string, at: string): Promise<void> {
    await this.#db.run('UPDATE credentials SET is_valid = ?, last_error = ? WHERE id = ?', [
      false,
      reason,
      id,
    ]);
    await this.#db.run(
      'UPDATE oauth_tokens SET refresh_failed_at = ?, last_refresh_error = ? WHERE credential_id = ?',
      [at, reason, id],
    );
  }

  async touch(id: string, at: string): Promise<boolean> {
    return (
      (await this.#db.run('UPDATE credentials SET last_used_at = ? WHERE id = ?', [at, id])) > 0
    );
  }

  async readTokens(credentialId: string): Promise<TokenRow | undefined> {
    const [row] = await this.#db.all(
      `SELECT credential_id, access_token_encrypted, refresh_token_encrypted, expires_at, scopes, token_type
       FROM oauth_tokens WHERE credential_id = ?`,
      [credentialId],
    );
    if (!row) return undefined;
    return {
      credentialId: String(row.credential_id),
      accessToken: bytesOrNull(row.access_token_encrypted),
      refreshToken: bytesOrNull(row.refresh_token_encrypted),
      expiresAt: isoOrNull(row.expires_at),
      scopes: textOrNull(row.scopes),
      tokenType: textOrNull(row.token_type),
    };
  }

  async writeTokens(row: TokenRow, at: string): Promise<void> {
    await this.#db.run(
      `INSERT INTO oauth_tokens (credential_id, access_token_encrypted, refresh_token_encrypted,
         expires_at, scopes, token_type, refresh_failed_at, last_refresh_error, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, ?)
       ON CONFLICT (credential_id) DO UPDATE SET
         access_token_encrypted = excluded.access_token_encrypted,
         refresh_token_encrypted = excluded.refresh_token_encrypted,
         expires_at = excluded.expires_at,
         scopes = excluded.scopes,
         token_type = excluded.token_type,
         refresh_failed_at = NULL,
         last_refresh_error = NULL,
         updated_at = excluded.updated_at`,
      [
        row.credentialId,
        row.accessToken,
        row.refreshToken,
        row.expiresAt,
        row.scopes,
        row.tokenType,
        at,
      ],
    );
    // Tokens have their own updated_at: the credential's tracks what a person changed.
    await this.#db.run('UPDATE credentials SET is_valid = ?, last_error = NULL WHERE id = ?', [
      true,
      row.credentialId,
    ]);
  }

  async insertPendingAuthorization(row: PendingAuthorizationRow): Promise<void> {
    await this.#db.run(
      'INSERT INTO oauth_states (state, credential_id, encrypted_payload, expires_at) VALUES (?, ?, ?, ?)',
      [row.state, row.credentialId, row.encryptedPayload, row.expiresAt],
    );
  }

  async takePendingAuthorization(state: string) {
    const [row] = await this.#db.all(
      'DELETE FROM oauth_states WHERE state = ? RETURNING credential_id, encrypted_payload, expires_at',
      [state],
    );
    if (!row) return undefined;
    const [credential] = await this.#db.all('SELECT name, type FROM credentials WHERE id = ?', [
      row.credential_id as SqlValue,
    ]);
    if (!credential) return undefined;
    return {
      state,
      credentialId: String(row.credential_id),
      encryptedPayload: bytes(row.encrypted_payload),
      expiresAt: int(row.expires_at),
      credentialType: String(credential.type),
      credentialName: String(credential.name),
    };
  }

  async deleteExpiredPendingAuthorizations(now: number): Promise<void> {
    await this.#db.run('DELETE FROM oauth_states WHERE expires_at <= ?', [now]);
  }

  async storeKeyId(options: { lock?: boolean } = {}): Promise<string | null> {
    const [row] = await this.#db.all(
      `SELECT value FROM store_settings WHERE name = ?${options.lock ? this.#db.dialect.forUpdate : ''}`,
      [STORE_KEY_SETTING],
    );
    return textOrNull(row?.value);
  }

  async setStoreKeyId(keyId: string): Promise<void> {
    await this.#db.run('UPDATE store_settings SET value = ? WHERE name = ?', [
      keyId,
      STORE_KEY_SETTING,
    ]);
  }

  async encryptedCells(): Promise<EncryptedCell[]> {
    const cells: EncryptedCell[] = [];
    for (const spec of ENCRYPTED_COLUMNS) {
      // Tokens and states are bound to their credential's type: join it in.
      const credentialJoin =
        spec.table === 'credentials' ? '' : ' JOIN credentials c ON c.id = x.credential_id';
      const nameColumn = spec.table === 'credentials' ? 'x.name' : 'c.name';
      const typeColumn = spec.table === 'credentials' ? 'x.type' : 'c.type';
      const rows = await this.#db.all(
        `SELECT x.${spec.keyColumn} AS row_key, ${nameColumn} AS credential_name,
           ${typeColumn} AS credential_type, x.${spec.column} AS ciphertext
         FROM ${spec.table} x${credentialJoin} WHERE x.${spec.column} IS NOT NULL`,
      );
      for (const row of rows) {
        cells.push({
          table: spec.table,
          column: spec.column,
          rowKey: String(row.row_key),
          // Each table's key is what its ciphertexts are bound to: the credential id, or the state.
          recordId: String(row.row_key),
          credentialName: String(row.credential_name),
          credentialType: String(row.credential_type),
          purpose: spec.purpose,
          ciphertext: bytes(row.ciphertext),
        });
      }
    }
    return cells;
  }

  async replaceCiphertext(cell: EncryptedCell, ciphertext: Buffer): Promise<void> {
    const spec = ENCRYPTED_COLUMNS.find(
      (candidate) => candidate.table === cell.table && candidate.column === cell.column,
    );
    // Table and column names come from the fixed list above, never from data.
    if (!spec) throw new Error(`Not an encrypted column: ${cell.table}.${cell.column}`);
    await this.#db.run(`UPDATE ${spec.table} SET ${spec.column} = ? WHERE ${spec.keyColumn} = ?`, [
      ciphertext,
      cell.rowKey,
    ]);
  }
}

function toRecord(row: SqlRow): CredentialRecord {
  return {
    id: String(row.id),
    name: String(row.name),
    type: String(row.type),
    service: String(row.service),
    kind: String(row.kind),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    lastUsedAt: isoOrNull(row.last_used_at),
    isValid: bool(row.is_valid),
    lastError: textOrNull(row.last_error),
    lastTestedAt: isoOrNull(row.last_tested_at),
    tokens:
      row.token_credential_id === null || row.token_credential_id === undefined
        ? null
        : {
            hasAccessToken: bool(row.has_access_token),
            hasRefreshToken: bool(row.has_refresh_token),
            expiresAt: isoOrNull(row.token_expires_at),
            scopes: textOrNull(row.scopes),
            tokenType: textOrNull(row.token_type),
            refreshFailedAt: isoOrNull(row.refresh_failed_at),
            lastRefreshError: textOrNull(row.last_refresh_error),
          },
  };
}
