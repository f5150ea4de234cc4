import type { FieldPurpose } from '../crypto/field-cipher.js';

/**
 * Storage of credentials as encrypted rows. The store never sees plaintext: the manager
 * encrypts before writing and decrypts after reading. Times are ISO-8601 strings.
 */

/** A credential row without its secret column: what lists show. */
export interface CredentialRecord {
  id: string;
  name: string;
  type: string;
  service: string;
  kind: string;
  createdAt: string;
  updatedAt: string;
  lastUsedAt: string | null;
  isValid: boolean;
  lastError: string | null;
  lastTestedAt: string | null;
  /** Present once OAuth tokens were stored. */
  tokens: TokenMetadata | null;
}

export interface TokenMetadata {
  hasAccessToken: boolean;
  hasRefreshToken: boolean;
  expiresAt: string | null;
  scopes: string | null;
  tokenType: string | null;
  refreshFailedAt: string | null;
  lastRefreshError: string | null;
}

export interface NewCredentialRow {
  id: string;
  name: string;
  type: string;
  service: string;
  kind: string;
  encryptedData: Buffer;
  createdAt: string;
}

export interface TokenRow {
  credentialId: string;
  accessToken: Buffer | null;
  refreshToken: Buffer | null;
  expiresAt: string | null;
  scopes: string | null;
  tokenType: string | null;
}

export interface PendingAuthorizationRow {
  state: string;
  credentialId: string;
  encryptedPayload: Buffer;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** One encrypted cell anywhere in the store, with what it is bound to (for key rotation). */
export interface EncryptedCell {
  table: 'credentials' | 'oauth_tokens' | 'oauth_states';
  column: string;
  /** The row's primary key value. */
  rowKey: string;
  /** The credential it belongs to, for messages. */
  credentialName: string;
  recordId: string;
  credentialType: string;
  purpose: FieldPurpose;
  ciphertext: Buffer;
}

/** Row operations, the same inside and outside a transaction. */
export interface CredentialRows {
  /** By id first, then by name. */
  findCredential(
    nameOrId: string,
  ): Promise<{ record: CredentialRecord; encryptedData: Buffer } | undefined>;
  credentialNames(): Promise<string[]>;
  listCredentials(filter?: { type?: string; service?: string }): Promise<CredentialRecord[]>;
  insertCredential(row: NewCredentialRow): Promise<void>;
  updateCredential(
    id: string,
    change: { name?: string; encryptedData?: Buffer; updatedAt: string },
  ): Promise<void>;
  deleteCredential(id: string): Promise<boolean>;
  recordTest(
    id: string,
    result: { isValid: boolean; lastError: string | null; testedAt: string },
  ): Promise<void>;
  /** Marks the credential invalid and, when it has tokens, records the refresh failure. */
  markInvalid(id: string, reason: string, at: string): Promise<void>;
  touch(id: string, at: string): Promise<boolean>;

  readTokens(credentialId: string): Promise<TokenRow | undefined>;
  /** Upserts the tokens and marks the credential valid again (it just got working tokens). */
  writeTokens(row: TokenRow, at: string): Promise<void>;

  insertPendingAuthorization(row: PendingAuthorizationRow): Promise<void>;
  /** Deletes and returns it in one statement, so two processes cannot both use it. */
  takePendingAuthorization(
    state: string,
  ): Promise<
    (PendingAuthorizationRow & { credentialType: string; credentialName: string }) | undefined
  >;
  deleteExpiredPendingAuthorizations(now: number): Promise<void>;

  /**
   * The master key the store's ciphertexts are under. `lock` holds it until the
   * transaction ends, so a rotation and a write cannot interleave.
   */
  storeKeyId(options?: { lock?: boolean }): Promise<string | null>;
  setStoreKeyId(keyId: string): Promise<void>;
  encryptedCells(): Promise<EncryptedCell[]>;
  replaceCiphertext(cell: EncryptedCell, ciphertext: Buffer): Promise<void>;
}

/** Lease rows in `credential_locks`: a lock that processes sharing the store respect. */
export interface LeaseTable {
  /** Inserts the lease, or takes over one that expired; true when `owner` now holds it. */
  tryAcquireLease(
    resource: string,
    owner: string,
    expiresAt: number,
    now: number,
  ): Promise<boolean>;
  renewLease(resource: string, owner: string, expiresAt: number): Promise<boolean>;
  releaseLease(resource: string, owner: string): Promise<void>;
  leaseHolder(resource: string): Promise<{ owner: string; expiresAt: number } | undefined>;
}

export interface CredentialStore extends CredentialRows, LeaseTable {
  /** Where the data is, for messages: a file path or a database URL without its password. */
  readonly location: string;
  readonly backend: 'sqlite' | 'postgres';
  /** Runs fn in one transaction: all of its writes land, or none. */
  transaction<T>(fn: (rows: CredentialRows) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
