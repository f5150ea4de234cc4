import { envelopeKeyId } from './crypto/envelope.js';
import { decryptField, type EncryptionContext, encryptField } from './crypto/field-cipher.js';
import { generateMasterKey, type MasterKey } from './crypto/master-key.js';
import { credentialsError } from './errors.js';
import { MASTER_KEY_ENV, PREVIOUS_MASTER_KEY_ENV } from './keys/env-key-source.js';
import { type KeyBundle, parseKeyBundle, serializeKeyBundle } from './keys/key-bundle.js';
import type { RecordCipher } from './record-cipher.js';
import type { CredentialStore } from './store/credential-store.js';

export interface KeyRotation {
  /** The key everything is encrypted under now. */
  keyId: string;
  /** The key the store was under before (null for a store never written). */
  previousKeyId: string | null;
  /** Ciphertexts re-encrypted. */
  reencrypted: number;
  /** Keys taken out of the key source afterwards. */
  removedKeyIds: string[];
}

export interface RotateKeyOptions {
  /**
   * Leave the previous key in the key source. Another data directory sharing the same key
   * source (same user, another KNOTWORK_HOME) still needs it until it is rotated too.
   */
  keepPreviousKey?: boolean;
}

/**
 * Re-encrypts every ciphertext under a new master key. The order makes every interruption
 * harmless: (1) the new key is stored in the key source before anything uses it; (2) all
 * ciphertexts and the store's key record change in ONE transaction, so the store is wholly
 * under the old key or wholly under the new one, and either key is still in the source;
 * (3) only then does the new key become active, and (4) the old key is removed last.
 */
export async function rotateStoreKey(
  store: CredentialStore,
  cipher: RecordCipher,
  options: RotateKeyOptions = {},
): Promise<KeyRotation> {
  const source = cipher.source;
  const newKey = await addRotationKey(store, cipher);
  const keys = new Map(await cipher.reload()).set(newKey.id, newKey);
  const usedKeyIds = new Set<string>();
  const { previousKeyId, reencrypted } = await store.transaction(async (rows) => {
    // Locked first: a concurrent writer waits, then sees the new key id and uses it.
    const previous = await rows.storeKeyId({ lock: true });
    const cells = await rows.encryptedCells();
    for (const cell of cells) {
      const keyId = envelopeKeyId(cell.ciphertext);
      if (keyId !== undefined) usedKeyIds.add(keyId);
      const context: EncryptionContext = {
        recordId: cell.recordId,
        credentialType: cell.credentialType,
        purpose: cell.purpose,
      };
      // A wrong key or a tampered cell throws here and rolls everything back.
      const plaintext = decryptField(cell.ciphertext, {
        keys,
        context,
        credentialName: cell.credentialName,
        keyLocations: source.describe(),
      });
      await rows.replaceCiphertext(cell, encryptField(newKey, plaintext, context));
    }
    await rows.setStoreKeyId(newKey.id);
    return { previousKeyId: previous, reencrypted: cells.length };
  });
  if (previousKeyId !== null) usedKeyIds.add(previousKeyId);
  usedKeyIds.delete(newKey.id);

  await source.setActiveKey(newKey.id);
  const removedKeyIds: string[] = [];
  if (source.writable && !options.keepPreviousKey) {
    // Only the keys this store used: others in the source may belong to other stores.
    for (const id of usedKeyIds) {
      if (!keys.has(id)) continue;
      await source.removeKey(id);
      removedKeyIds.push(id);
    }
  }
  await cipher.reload();
  return { keyId: newKey.id, previousKeyId, reencrypted, removedKeyIds };
}

/** A writable source gets a fresh key; a read-only one must already hold the next key. */
async function addRotationKey(store: CredentialStore, cipher: RecordCipher): Promise<MasterKey> {
  const source = cipher.source;
  if (source.writable) {
    const key = generateMasterKey();
    await source.addKey(key);
    return key;
  }
  // KNOTWORK_MASTER_KEY was changed by hand, the old one kept in ..._PREVIOUS:
  // re-encrypting under the active key finishes that rotation.
  const keys = await cipher.reload();
  const activeId = await source.activeKeyId();
  const active = activeId === undefined ? undefined : keys.get(activeId);
  if (active && active.id !== (await store.storeKeyId())) return active;
  throw credentialsError(
    'key_source_read_only',
    `The store is already under the active key of ${source.describe()}, and knotwork cannot add a key there`,
    source.kind === 'env'
      ? `Set ${PREVIOUS_MASTER_KEY_ENV} to the current key and ${MASTER_KEY_ENV} to a new one ` +
          '(`openssl rand -base64 32`), then run rotate-key again to re-encrypt under it.'
      : 'Add a new key to the key source and make it active, then run rotate-key again.',
  );
}

/** Every key in the source, as text for a backup or another machine. */
export async function exportKeys(store: CredentialStore, cipher: RecordCipher): Promise<string> {
  const keys = await cipher.reload();
  if (keys.size === 0) {
    throw credentialsError(
      'master_key_missing',
      `There is no master key to export in ${cipher.source.describe()}`,
      'A key is created with the first saved credential.',
    );
  }
  const active = (await store.storeKeyId()) ?? (await cipher.source.activeKeyId());
  const bundle: KeyBundle = { active: active ?? undefined, keys: [...keys.values()] };
  return serializeKeyBundle(bundle);
}

export interface KeyImport {
  /** Keys added to the key source. */
  added: string[];
  /** Keys it already had. */
  alreadyPresent: string[];
  /** Whether the key the store's data is under is now available. */
  storeKeyAvailable: boolean;
}

/** Adds the keys from an export to the key source, keeping the keys already there. */
export async function importKeys(
  store: CredentialStore,
  cipher: RecordCipher,
  text: string,
): Promise<KeyImport> {
  const bundle = parseKeyBundle(text, 'The key text');
  const source = cipher.source;
  const existing = await cipher.reload();
  const added: string[] = [];
  const alreadyPresent: string[] = [];
  for (const key of bundle.keys) {
    if (existing.has(key.id)) {
      alreadyPresent.push(key.id);
      continue;
    }
    await source.addKey(key);
    added.push(key.id);
  }
  const activeId = await source.activeKeyId();
  if (bundle.active !== undefined && (activeId === undefined || !existing.has(activeId))) {
    await source.setActiveKey(bundle.active);
  }
  const keys = await cipher.reload();
  const storeKeyId = await store.storeKeyId();
  return { added, alreadyPresent, storeKeyAvailable: storeKeyId === null || keys.has(storeKeyId) };
}
