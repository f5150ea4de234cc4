import { describe, expect, it } from 'vitest';
import { decryptField, type EncryptionContext, encryptField } from '../src/crypto/field-cipher.js';
import { generateMasterKey } from '../src/crypto/master-key.js';

const key = generateMasterKey();
const keys = new Map([[key.id, key]]);
const context: EncryptionContext = {
  recordId: 'cred-1',
  credentialType: 'demo.apiKey',
  purpose: 'data',
};
const read = (stored: Buffer, as: EncryptionContext = context) =>
  decryptField(stored, { keys, context: as, credentialName: 'demo', keyLocations: 'the test' });

describe('field encryption (AES-256-GCM envelopes)', () => {
  it('round-trips and lays out version, key id, nonce, tag, ciphertext', () => {
    const stored = encryptField(key, 'hello', context);
    expect(read(stored).toString()).toBe('hello');
    expect(stored[0]).toBe(1);
    expect(stored.subarray(1, 9).toString('hex')).toBe(key.id);
    expect(stored.length).toBe(1 + 8 + 12 + 16 + 'hello'.length);
  });

  it('binds the ciphertext to its record, credential type and field', () => {
    const stored = encryptField(key, 'hello', context);
    for (const other of [
      { ...context, recordId: 'cred-2' },
      { ...context, credentialType: 'demo.other' },
      { ...context, purpose: 'access_token' as const },
    ]) {
      expect(() => read(stored, other)).toThrow(
        expect.objectContaining({ code: 'tampered_record' }),
      );
    }
  });

  it('names the key a ciphertext needs when it is not loaded', () => {
    const stranger = generateMasterKey();
    const stored = encryptField(stranger, 'hello', context);
    expect(() => read(stored)).toThrow(
      expect.objectContaining({
        code: 'wrong_master_key',
        message: expect.stringContaining(stranger.id),
        hint: expect.stringContaining('the test'),
      }),
    );
  });

  it('tells a newer format from a damaged one', () => {
    const stored = encryptField(key, 'hello', context);
    const newer = Buffer.from(stored);
    newer[0] = 2;
    expect(() => read(newer)).toThrow(expect.objectContaining({ code: 'newer_record_format' }));
    const older = Buffer.from(stored);
    older[0] = 0;
    expect(() => read(older)).toThrow(expect.objectContaining({ code: 'tampered_record' }));
    expect(() => read(stored.subarray(0, 20))).toThrow(
      expect.objectContaining({ code: 'tampered_record' }),
    );
  });
});
