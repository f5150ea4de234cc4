import { envelopeKeyId } from './crypto/envelope.js';
import { decryptField, type EncryptionContext, encryptField } from './crypto/field-cipher.js';
import { generateMasterKey, type MasterKey } from './crypto/master-key.js';
import { credentialsError, wrongMasterKey } from './errors.js';
import type { KeySource } from './keys/key-source.js';
import type { CredentialRows } from './store/credential-store.js';

/**
 * The manager's view of the master keys: keys loaded from the key source (reloaded when a
 * ciphertext names one not seen yet, e.g. after another process rotated), and the rule for
 * which key encrypts a write — the one the store records, read inside the writing
 * transaction, so a write racing a rotation lands under the right key.
 */
export class RecordCipher {
  readonly source: KeySource;
  #keys: Map<string, MasterKey> | undefined;

  constructor(source: KeySource) {
    this.source = source;
  }

  async keys(): Promise<Map<string, MasterKey>> {
    this.#keys ??= await this.source.loadKeys();
    return this.#keys;
  }

  async reload(): Promise<Map<string, MasterKey>> {
    this.#keys = await this.source.loadKeys();
    return this.#keys;
  }

  async decrypt(
    stored: Buffer,
    context: EncryptionContext,
    credentialName: string,
  ): Promise<Buffer> {
    let keys = await this.keys();
    const keyId = envelopeKeyId(stored);
    if (keyId !== undefined && !keys.has(keyId)) keys = await this.reload();
    return decryptField(stored, {
      keys,
      context,
      credentialName,
      keyLocations: this.source.describe(),
    });
  }

  async decryptJson<T>(
    stored: Buffer,
    context: EncryptionContext,
    credentialName: string,
  ): Promise<T> {
    return JSON.parse((await this.decrypt(stored, context, credentialName)).toString('utf8')) as T;
  }

  encrypt(key: MasterKey, plaintext: string | Buffer, context: EncryptionContext): Buffer {
    return encryptField(key, plaintext, context);
  }

  /** Call inside the writing transaction; it locks the store's key record until the end. */
  async keyForWriting(rows: CredentialRows): Promise<MasterKey> {
    const storeKeyId = await rows.storeKeyId({ lock: true });
    if (storeKeyId === null) return this.#adoptFirstKey(rows);
    let keys = await this.keys();
    if (!keys.has(storeKeyId)) keys = await this.reload();
    const key = keys.get(storeKeyId);
    // Writing under another key would split the store across keys; refuse instead.
    if (!key) throw wrongMasterKey(undefined, storeKeyId, [...keys.keys()], this.source.describe());
    return key;
  }

  /** The store's first write: the source's active key, generated on first use. */
  async #adoptFirstKey(rows: CredentialRows): Promise<MasterKey> {
    const keys = await this.reload();
    const activeId = await this.source.activeKeyId();
    let key = activeId === undefined ? undefined : keys.get(activeId);
    if (!key) {
      if (!this.source.writable) {
        throw credentialsError(
          'master_key_missing',
          `No master key is available in ${this.source.describe()}`,
          'Set KNOTWORK_MASTER_KEY to base64 of 32 random bytes (`openssl rand -base64 32`).',
        );
      }
      key = generateMasterKey();
      await this.source.addKey(key);
      await this.source.setActiveKey(key.id);
      this.#keys = new Map(keys).set(key.id, key);
    }
    await rows.setStoreKeyId(key.id);
    return key;
  }
}
