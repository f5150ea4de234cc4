import {
  createCipheriv,
  createDecipheriv,
  createSecretKey,
  type KeyObject,
  randomBytes,
} from 'node:crypto';
import type { IntegrationError } from '@knotwork/sdk';
import { credentialsError, tamperedRecord, wrongMasterKey } from '../errors.js';
import {
  decodeEnvelope,
  ENVELOPE_VERSION,
  EnvelopeFormatError,
  encodeEnvelope,
  envelopeHeader,
  NONCE_BYTES,
  TAG_BYTES,
} from './envelope.js';
import type { MasterKey } from './master-key.js';

/** Which field of a record a ciphertext fills; part of what it is bound to. */
export type FieldPurpose = 'data' | 'access_token' | 'refresh_token' | 'code_verifier';

/**
 * What a ciphertext is bound to through AES-GCM's associated data: a ciphertext copied to
 * another record, another credential type or another column fails to decrypt instead of
 * quietly handing one credential's secret to another.
 */
export interface EncryptionContext {
  /** The row's key: the credential id (the `state` for a pending authorization). */
  recordId: string;
  credentialType: string;
  purpose: FieldPurpose;
}

const ALGORITHM = 'aes-256-gcm';

/** Importing raw key bytes costs more than the decryption itself: import each key once. */
const keyObjects = new WeakMap<MasterKey, KeyObject>();
function keyObjectOf(key: MasterKey): KeyObject {
  let object = keyObjects.get(key);
  if (!object) {
    object = createSecretKey(key.bytes);
    keyObjects.set(key, object);
  }
  return object;
}

const FIELD_LABELS: Record<FieldPurpose, string> = {
  data: 'data',
  access_token: 'access token',
  refresh_token: 'refresh token',
  code_verifier: 'pending authorization',
};

export function encryptField(
  key: MasterKey,
  plaintext: string | Uint8Array,
  context: EncryptionContext,
): Buffer {
  // A fresh random nonce per write: GCM's security collapses if a nonce repeats under one key.
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv(ALGORITHM, keyObjectOf(key), nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(ENVELOPE_VERSION, key.id, context));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return encodeEnvelope({
    version: ENVELOPE_VERSION,
    keyId: key.id,
    nonce,
    tag: cipher.getAuthTag(),
    ciphertext,
  });
}

export interface DecryptOptions {
  keys: ReadonlyMap<string, MasterKey>;
  context: EncryptionContext;
  /** The credential's name, so the error names what a person saved. */
  credentialName: string;
  /** Where keys are looked for (the key source's description), for wrong_master_key. */
  keyLocations: string;
}

/** Plaintext bytes, or IntegrationError `wrong_master_key` / `tampered_record`. */
export function decryptField(stored: Uint8Array, options: DecryptOptions): Buffer {
  const label = {
    credential: options.credentialName,
    field: FIELD_LABELS[options.context.purpose],
  };
  let envelope: ReturnType<typeof decodeEnvelope>;
  try {
    envelope = decodeEnvelope(stored);
  } catch (error) {
    throw unreadableEnvelope(error, label);
  }
  const key = options.keys.get(envelope.keyId);
  if (!key) {
    throw wrongMasterKey(label, envelope.keyId, [...options.keys.keys()], options.keyLocations);
  }
  try {
    const decipher = createDecipheriv(ALGORITHM, keyObjectOf(key), envelope.nonce, {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(associatedData(envelope.version, envelope.keyId, options.context));
    decipher.setAuthTag(envelope.tag);
    return Buffer.concat([decipher.update(envelope.ciphertext), decipher.final()]);
  } catch {
    throw tamperedRecord(
      label,
      'its authentication tag does not match (the bytes were changed, or belong to another record or field)',
    );
  }
}

function associatedData(version: number, keyId: string, context: EncryptionContext): Buffer {
  // A JSON array is unambiguous whatever characters ids and types contain; the envelope
  // header is included so the version byte and key id cannot be swapped either.
  const binding = JSON.stringify([
    'knotwork-credential',
    context.recordId,
    context.credentialType,
    context.purpose,
  ]);
  return Buffer.concat([envelopeHeader(version, keyId), Buffer.from(binding)]);
}

function unreadableEnvelope(
  error: unknown,
  label: { credential: string; field: string },
): IntegrationError {
  if (error instanceof EnvelopeFormatError && error.newerVersion !== undefined) {
    return credentialsError(
      'newer_record_format',
      `The ${label.field} of credential "${label.credential}" was written by a newer knotwork (format version ${error.newerVersion})`,
      'Upgrade @knotwork/credentials on this machine. Nothing was changed.',
    );
  }
  const reason = error instanceof Error ? error.message : String(error);
  return tamperedRecord(label, `it is not a knotwork ciphertext (${reason})`);
}
