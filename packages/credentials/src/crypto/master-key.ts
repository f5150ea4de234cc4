import { createHash, randomBytes } from 'node:crypto';

/** AES-256 wants exactly 32 bytes. */
export const MASTER_KEY_BYTES = 32;

export interface MasterKey {
  /** First 16 hex characters of the key's SHA-256: names the key in ciphertexts and messages. */
  id: string;
  bytes: Buffer;
}

export function keyIdOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

export function masterKeyFrom(bytes: Uint8Array): MasterKey {
  if (bytes.length !== MASTER_KEY_BYTES) {
    throw new RangeError(`A master key is ${MASTER_KEY_BYTES} bytes, not ${bytes.length}`);
  }
  const copy = Buffer.from(bytes);
  return { id: keyIdOf(copy), bytes: copy };
}

export function generateMasterKey(): MasterKey {
  return masterKeyFrom(randomBytes(MASTER_KEY_BYTES));
}

/** Parses base64 (standard or url-safe); undefined when it is not 32 bytes. */
export function masterKeyFromBase64(text: string): MasterKey | undefined {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) return undefined;
  const bytes = Buffer.from(
    trimmed,
    trimmed.includes('-') || trimmed.includes('_') ? 'base64url' : 'base64',
  );
  return bytes.length === MASTER_KEY_BYTES ? masterKeyFrom(bytes) : undefined;
}

export function masterKeyToBase64(key: MasterKey): string {
  return key.bytes.toString('base64');
}
