import { randomUUID } from 'node:crypto';
import type { CredentialTestResult, IntegrationError } from '@knotwork/sdk';
import { toSummary } from './credential-summary.js';
import type { EncryptionContext } from './crypto/field-cipher.js';
import { credentialNotFound, credentialsError } from './errors.js';
import {
  exportKeys,
  importKeys,
  type KeyImport,
  type KeyRotation,
  type RotateKeyOptions,
  rotateStoreKey,
} from './key-rotation.js';
import type { KeySource } from './keys/key-source.js';
import type { KeyringBackend } from './keys/os-keyring.js';
import { resolveKeySource } from './keys/resolve-key-source.js';
import { knotworkHome } from './paths.js';
import { RecordCipher } from './record-cipher.js';
import { credentialRedactor, errorText, redactError } from './secret-redaction.js';
import type {
  CredentialRecord,
  CredentialRows,
  CredentialStore,
  TokenRow,
} from './store/credential-store.js';
import { DEFAULT_LEASE_OPTIONS, type LeaseOptions, withLease } from './store/lease-lock.js';
import { type OpenStoreOptions, openCredentialStore } from './store/open-store.js';
import { isUniqueViolation } from './store/sql-driver.js';
import type {
  CredentialSummary,
  CredentialTypes,
  DecryptedCredential,
  OAuthTokens,
  PendingAuthorization,
  TokenVault,
} from './types.js';

export interface OpenCredentialsOptions extends OpenStoreOptions {
  types: CredentialTypes;
  /** Default: resolved from the environment (see resolveKeySource). */
  keySource?: KeySource;
  /** An already open store (its lifetime then passes to the manager). */
  store?: CredentialStore;
  /** Epoch milliseconds; tests move time. */
  now?: () => number;
  /** Lease lock timing for withCredentialLock. */
  lock?: Partial<LeaseOptions>;
  /** Keyring service name (tests use their own). */
  keyringService?: string;
  /** Another keyring backend than the OS keyring. */
  keyring?: KeyringBackend;
  /** Where the key file warning goes (default stderr). */
  warn?: (message: string) => void;
}

export interface SaveCredentialInput {
  name: string;
  /** Global type, e.g. `slack.botToken`. */
  type: string;
  data: Record<string, unknown>;
}

export interface UpdateCredentialInput {
  name?: string;
  /** Merged onto the saved data: fields given replace, fields left out stay. */
  data?: Record<string, unknown>;
}

export interface DeleteCredentialOptions {
  /** Revokes the tokens at the provider (the OAuth module provides it); true when revoked. */
  revoke?: (tokens: OAuthTokens) => Promise<boolean>;
}

export interface DeletedCredential {
  id: string;
  name: string;
  /** Undefined when no revocation was asked for or there were no tokens. */
  revoked?: boolean;
  /** Why revocation failed (redacted); the credential is deleted regardless. */
  revocationError?: string;
}

const MAX_NAME_LENGTH = 200;

/** Pending authorization fields kept encrypted (the code verifier is a secret). */
interface PendingPayload {
  codeVerifier?: string;
  redirectUri: string;
}

/**
 * Saved credentials, encrypted at rest: save, get, list, update, delete, test, and the
 * token storage the OAuth module uses (TokenVault).
 */
export class CredentialsManager implements TokenVault {
  readonly store: CredentialStore;
  readonly keySource: KeySource;
  /** Why a preferred key source was passed over (e.g. no D-Bus for the keyring). */
  readonly keySourceNotes: readonly string[];
  readonly #types: CredentialTypes;
  readonly #cipher: RecordCipher;
  readonly #now: () => number;
  readonly #lease: LeaseOptions;
  /** Decrypted data handed to node runs, with the ciphertext it came from (getCredentialForRun). */
  readonly #decryptedForRuns = new Map<
    string,
    { encryptedData: Buffer; data: Record<string, unknown> }
  >();

  private constructor(
    store: CredentialStore,
    keySource: KeySource,
    notes: string[],
    options: OpenCredentialsOptions,
  ) {
    this.store = store;
    this.keySource = keySource;
    this.keySourceNotes = notes;
    this.#types = options.types;
    this.#cipher = new RecordCipher(keySource);
    this.#now = options.now ?? Date.now;
    this.#lease = { ...DEFAULT_LEASE_OPTIONS, ...options.lock };
  }

  static async open(options: OpenCredentialsOptions): Promise<CredentialsManager> {
    const env = options.env ?? process.env;
    const store = options.store ?? (await openCredentialStore(options));
    try {
      const resolved = await resolveKeySource({
        dataDir: knotworkHome(options.home, env),
        env,
        ...(options.keySource ? { keySource: options.keySource } : {}),
        ...(options.keyringService ? { keyringService: options.keyringService } : {}),
        ...(options.keyring ? { keyring: options.keyring } : {}),
        ...(options.warn ? { warn: options.warn } : {}),
      });
      return new CredentialsManager(store, resolved.source, resolved.notes, options);
    } catch (error) {
      await store.close();
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.store.close();
  }

  async saveCredential(input: SaveCredentialInput): Promise<CredentialSummary> {
    const name = checkedName(input.name);
    const manifest = this.#types.describe(input.type);
    const data = await this.#validate(input.type, input.data);
    const id = randomUUID();
    try {
      await this.store.transaction(async (rows) => {
        await this.#refuseTakenName(rows, name);
        const key = await this.#cipher.keyForWriting(rows);
        await rows.insertCredential({
          id,
          name,
          type: input.type,
          service: serviceOf(input.type),
          kind: manifest.kind,
          encryptedData: this.#cipher.encrypt(
            key,
            JSON.stringify(data),
            dataContext(id, input.type),
          ),
          createdAt: this.#timestamp(),
        });
      });
    } catch (error) {
      // Two processes saving the same name at once: the loser gets the same clear error.
      if (isUniqueViolation(error)) await this.#refuseTakenName(this.store, name);
      throw error;
    }
    return this.#summaryOf(id);
  }

  async updateCredential(
    nameOrId: string,
    change: UpdateCredentialInput,
  ): Promise<CredentialSummary> {
    const found = await this.#find(this.store, nameOrId);
    const { record } = found;
    const name = change.name === undefined ? undefined : checkedName(change.name);
    let data: Record<string, unknown> | undefined;
    if (change.data !== undefined) {
      const saved = await this.#decryptData(record, found.encryptedData);
      data = await this.#validate(record.type, { ...saved, ...change.data }, saved);
    }
    try {
      await this.store.transaction(async (rows) => {
        const current = await rows.findCredential(record.id);
        // Data merged onto a version another process replaced meanwhile would undo its
        // change; every write has a fresh nonce, so equal bytes mean an untouched record.
        if (
          !current ||
          (data !== undefined && !current.encryptedData.equals(found.encryptedData))
        ) {
          throw credentialsError(
            'concurrent_update',
            `Credential "${record.name}" changed while it was being updated`,
            'Run the update again.',
            { retryable: true },
          );
        }
        if (name !== undefined && name !== record.name) await this.#refuseTakenName(rows, name);
        const encryptedData =
          data === undefined
            ? undefined
            : this.#cipher.encrypt(
                await this.#cipher.keyForWriting(rows),
                JSON.stringify(data),
                dataContext(record.id, record.type),
              );
        await rows.updateCredential(record.id, {
          ...(name === undefined ? {} : { name }),
          ...(encryptedData === undefined ? {} : { encryptedData }),
          updatedAt: this.#timestamp(),
        });
      });
    } catch (error) {
      if (name !== undefined && isUniqueViolation(error))
        await this.#refuseTakenName(this.store, name);
      throw error;
    }
    return this.#summaryOf(record.id);
  }

  async getCredential(nameOrId: string): Promise<DecryptedCredential> {
    const { record, encryptedData } = await this.#find(this.store, nameOrId);
    return this.#withTokens(record, await this.#decryptData(record, encryptedData));
  }

  /**
   * getCredential for node runs, which resolve the same credential over and over: while
   * its stored ciphertext is unchanged, every call hands back the same data object, frozen,
   * without decrypting it again, so the host's per-credential work (parsing the data,
   * finding its secrets) is done once as well. An edit, a key rotation or a deletion
   * changes or removes the ciphertext, and the next call decrypts afresh.
   */
  async getCredentialForRun(nameOrId: string): Promise<DecryptedCredential> {
    const { record, encryptedData } = await this.#find(this.store, nameOrId);
    const known = this.#decryptedForRuns.get(record.id);
    if (known?.encryptedData.equals(encryptedData)) return this.#withTokens(record, known.data);
    const data = deepFreeze(await this.#decryptData(record, encryptedData));
    this.#decryptedForRuns.set(record.id, { encryptedData, data });
    return this.#withTokens(record, data);
  }

  /** The credential as callers get it: its summary, its data and, for OAuth2, its tokens. */
  async #withTokens(
    record: CredentialRecord,
    data: Record<string, unknown>,
  ): Promise<DecryptedCredential> {
    const tokens = record.tokens ? await this.#tokensOf(record, this.store) : undefined;
    return { summary: toSummary(record), data, ...(tokens ? { tokens } : {}) };
  }

  async listCredentials(
    filter: { type?: string; service?: string } = {},
  ): Promise<CredentialSummary[]> {
    return (await this.store.listCredentials(filter)).map(toSummary);
  }

  async deleteCredential(
    nameOrId: string,
    options: DeleteCredentialOptions = {},
  ): Promise<DeletedCredential> {
    const { record } = await this.#find(this.store, nameOrId);
    const result: DeletedCredential = { id: record.id, name: record.name };
    if (options.revoke && record.tokens) {
      const tokens = await this.#tokensForRevocation(record, result);
      if (tokens) {
        try {
          result.revoked = await options.revoke(tokens);
        } catch (error) {
          const redactor = credentialRedactor(this.#types, record.type, {}, tokens);
          result.revoked = false;
          result.revocationError = redactor.redact(errorText(error).message);
        }
      }
    }
    await this.store.deleteCredential(record.id);
    this.#decryptedForRuns.delete(record.id);
    return result;
  }

  /** Runs the type's "Test connection", and records the outcome on the credential. */
  async testCredential(nameOrId: string): Promise<CredentialTestResult> {
    const credential = await this.getCredential(nameOrId);
    const { summary, data, tokens } = credential;
    const redactor = credentialRedactor(this.#types, summary.type, data, tokens);
    let result: CredentialTestResult;
    try {
      result = await this.#types.test(summary.type, data, tokens);
    } catch (error) {
      const { message, hint } = errorText(error);
      result = { ok: false, message, ...(hint ? { hint } : {}) };
    }
    result = redactor.redactValue(result);
    await this.store.recordTest(summary.id, {
      isValid: result.ok,
      lastError: result.ok ? null : [result.message, result.hint].filter(Boolean).join(' — '),
      testedAt: this.#timestamp(),
    });
    return result;
  }

  /** Records that the credential was just used (by id; false when it no longer exists). */
  async touch(id: string): Promise<boolean> {
    return this.store.touch(id, this.#timestamp());
  }

  rotateKey(options: RotateKeyOptions = {}): Promise<KeyRotation> {
    return rotateStoreKey(this.store, this.#cipher, options);
  }

  exportKey(): Promise<string> {
    return exportKeys(this.store, this.#cipher);
  }

  importKey(text: string): Promise<KeyImport> {
    return importKeys(this.store, this.#cipher, text);
  }

  // TokenVault

  async readTokens(credentialId: string): Promise<OAuthTokens | undefined> {
    const { record } = await this.#find(this.store, credentialId);
    return this.#tokensOf(record, this.store);
  }

  /**
   * Stores the tokens and marks the credential valid. A refresh response that leaves out
   * the refresh token or the scope keeps the stored ones (RFC 6749 §6 and §5.1).
   */
  async writeTokens(credentialId: string, tokens: OAuthTokens): Promise<void> {
    await this.store.transaction(async (rows) => {
      const { record } = await this.#find(rows, credentialId);
      const key = await this.#cipher.keyForWriting(rows);
      const saved = await rows.readTokens(record.id);
      const row: TokenRow = {
        credentialId: record.id,
        accessToken: this.#cipher.encrypt(
          key,
          tokens.accessToken,
          tokenContext(record, 'access_token'),
        ),
        refreshToken:
          tokens.refreshToken === undefined
            ? (saved?.refreshToken ?? null)
            : this.#cipher.encrypt(key, tokens.refreshToken, tokenContext(record, 'refresh_token')),
        expiresAt: tokens.expiresAt === undefined ? null : new Date(tokens.expiresAt).toISOString(),
        scopes: tokens.scope ?? saved?.scopes ?? null,
        tokenType: tokens.tokenType ?? saved?.tokenType ?? null,
      };
      await rows.writeTokens(row, this.#timestamp());
    });
  }

  async markInvalid(credentialId: string, reason: string): Promise<void> {
    const { record, encryptedData } = await this.#find(this.store, credentialId);
    let redacted = reason;
    try {
      const data = await this.#decryptData(record, encryptedData);
      const tokens = record.tokens ? await this.#tokensOf(record, this.store) : undefined;
      redacted = credentialRedactor(this.#types, record.type, data, tokens).redact(reason);
    } catch {
      // Unreadable secrets cannot be in the reason through us; record it as given.
    }
    await this.store.transaction((rows) =>
      rows.markInvalid(record.id, redacted, this.#timestamp()),
    );
  }

  withCredentialLock<T>(credentialId: string, fn: () => Promise<T>): Promise<T> {
    return withLease(this.store, credentialId, fn, this.#lease);
  }

  async savePendingAuthorization(state: string, pending: PendingAuthorization): Promise<void> {
    const payload: PendingPayload = {
      redirectUri: pending.redirectUri,
      ...(pending.codeVerifier === undefined ? {} : { codeVerifier: pending.codeVerifier }),
    };
    await this.store.transaction(async (rows) => {
      const { record } = await this.#find(rows, pending.credentialId);
      await rows.deleteExpiredPendingAuthorizations(this.#now());
      const key = await this.#cipher.keyForWriting(rows);
      await rows.insertPendingAuthorization({
        state,
        credentialId: record.id,
        encryptedPayload: this.#cipher.encrypt(
          key,
          JSON.stringify(payload),
          stateContext(state, record.type),
        ),
        expiresAt: pending.expiresAt,
      });
    });
  }

  async takePendingAuthorization(state: string): Promise<PendingAuthorization | undefined> {
    // Deleted before anything else: a state works once, even if what follows fails.
    const row = await this.store.transaction((rows) => rows.takePendingAuthorization(state));
    if (!row || row.expiresAt <= this.#now()) return undefined;
    const payload = await this.#cipher.decryptJson<PendingPayload>(
      row.encryptedPayload,
      stateContext(state, row.credentialType),
      row.credentialName,
    );
    return {
      credentialId: row.credentialId,
      redirectUri: payload.redirectUri,
      expiresAt: row.expiresAt,
      ...(payload.codeVerifier === undefined ? {} : { codeVerifier: payload.codeVerifier }),
    };
  }

  async #find(rows: CredentialRows, nameOrId: string) {
    const found = await rows.findCredential(nameOrId);
    if (!found) throw credentialNotFound(nameOrId, await rows.credentialNames());
    return found;
  }

  async #summaryOf(id: string): Promise<CredentialSummary> {
    return toSummary((await this.#find(this.store, id)).record);
  }

  async #refuseTakenName(rows: CredentialRows, name: string): Promise<void> {
    const existing = await rows.findCredential(name);
    if (!existing || existing.record.name !== name) return;
    throw credentialsError(
      'name_taken',
      `A credential named "${name}" already exists (type ${existing.record.type}, id ${existing.record.id})`,
      'Pick another name, or change the saved one with `knotwork credentials update`.',
    );
  }

  /** types.validate, with the credential's secrets masked in whatever it throws. */
  async #validate(
    type: string,
    data: Record<string, unknown>,
    saved: Record<string, unknown> = {},
  ): Promise<Record<string, unknown>> {
    try {
      return await this.#types.validate(type, data);
    } catch (error) {
      throw redactError(error, credentialRedactor(this.#types, type, { ...saved, ...data }));
    }
  }

  async #decryptData(
    record: CredentialRecord,
    encryptedData: Buffer,
  ): Promise<Record<string, unknown>> {
    return this.#cipher.decryptJson<Record<string, unknown>>(
      encryptedData,
      dataContext(record.id, record.type),
      record.name,
    );
  }

  async #tokensOf(
    record: CredentialRecord,
    rows: CredentialRows,
  ): Promise<OAuthTokens | undefined> {
    const row = await rows.readTokens(record.id);
    if (!row?.accessToken) return undefined;
    const accessToken = await this.#cipher.decrypt(
      row.accessToken,
      tokenContext(record, 'access_token'),
      record.name,
    );
    const refreshToken = row.refreshToken
      ? await this.#cipher.decrypt(
          row.refreshToken,
          tokenContext(record, 'refresh_token'),
          record.name,
        )
      : undefined;
    return {
      accessToken: accessToken.toString('utf8'),
      ...(refreshToken ? { refreshToken: refreshToken.toString('utf8') } : {}),
      ...(row.tokenType === null ? {} : { tokenType: row.tokenType }),
      ...(row.expiresAt === null ? {} : { expiresAt: Date.parse(row.expiresAt) }),
      ...(row.scopes === null ? {} : { scope: row.scopes }),
    };
  }

  /**
   * Tokens to revoke before deleting. A tampered token row cannot be revoked but must not
   * block deleting the credential; a missing master key must (the key may yet be restored,
   * and deleting would lose the chance to revoke).
   */
  async #tokensForRevocation(
    record: CredentialRecord,
    result: DeletedCredential,
  ): Promise<OAuthTokens | undefined> {
    try {
      return await this.#tokensOf(record, this.store);
    } catch (error) {
      if ((error as IntegrationError).code !== 'tampered_record') throw error;
      result.revoked = false;
      result.revocationError = (error as IntegrationError).message;
      return undefined;
    }
  }

  #timestamp(): string {
    return new Date(this.#now()).toISOString();
  }
}

function checkedName(name: string): string {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (trimmed === '' || trimmed.length > MAX_NAME_LENGTH || /[\u0000-\u001f\u007f]/.test(trimmed)) {
    throw credentialsError(
      'invalid_credential_name',
      `A credential name must be 1 to ${MAX_NAME_LENGTH} printable characters`,
      'Pick a short name people recognise, e.g. "slack-acme-bot".',
    );
  }
  return trimmed;
}

/** The plugin part of a global type: `slack.botToken` → `slack`. */
function serviceOf(type: string): string {
  return type.split('.')[0] ?? type;
}

function dataContext(id: string, type: string): EncryptionContext {
  return { recordId: id, credentialType: type, purpose: 'data' };
}

function tokenContext(
  record: CredentialRecord,
  purpose: 'access_token' | 'refresh_token',
): EncryptionContext {
  return { recordId: record.id, credentialType: record.type, purpose };
}

function stateContext(state: string, type: string): EncryptionContext {
  return { recordId: state, credentialType: type, purpose: 'code_verifier' };
}

/** Freezes decrypted JSON all the way down: data shared between runs cannot be changed by one. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}
