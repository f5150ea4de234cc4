/**
 * The binary layout of every ciphertext knotwork stores. Self-describing, so a future
 * format or a rotated key is recognised from the bytes alone:
 *
 *   version (1 byte) | key id (8 bytes) | nonce (12 bytes) | auth tag (16 bytes) | ciphertext
 */
export const ENVELOPE_VERSION = 1;
export const KEY_ID_BYTES = 8;
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;
export const HEADER_BYTES = 1 + KEY_ID_BYTES;
const PREFIX_BYTES = HEADER_BYTES + NONCE_BYTES + TAG_BYTES;

export interface Envelope {
  version: number;
  /** Hex, as master key ids are written everywhere else. */
  keyId: string;
  nonce: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

/** Thrown for bytes that are not an envelope this version of knotwork can read. */
export class EnvelopeFormatError extends Error {
  override readonly name = 'EnvelopeFormatError';
  /** Set when a newer knotwork wrote it: an upgrade helps, not a restore. */
  readonly newerVersion: number | undefined;

  constructor(message: string, newerVersion?: number) {
    super(message);
    this.newerVersion = newerVersion;
  }
}

export function encodeEnvelope(envelope: Envelope): Buffer {
  return Buffer.concat([
    envelopeHeader(envelope.version, envelope.keyId),
    envelope.nonce,
    envelope.tag,
    envelope.ciphertext,
  ]);
}

/** The version and key id bytes; they are authenticated too (part of the associated data). */
export function envelopeHeader(version: number, keyId: string): Buffer {
  const id = Buffer.from(keyId, 'hex');
  if (id.length !== KEY_ID_BYTES)
    throw new RangeError(`Key id ${keyId} is not ${KEY_ID_BYTES} bytes of hex`);
  return Buffer.concat([Buffer.of(version), id]);
}

export function decodeEnvelope(bytes: Uint8Array): Envelope {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < PREFIX_BYTES) {
    throw new EnvelopeFormatError(`it is ${buffer.length} bytes, shorter than any ciphertext`);
  }
  const version = buffer[0]!;
  if (version !== ENVELOPE_VERSION) {
    throw new EnvelopeFormatError(
      `its format version is ${version}; this knotwork reads version ${ENVELOPE_VERSION}`,
      version > ENVELOPE_VERSION ? version : undefined,
    );
  }
  return {
    version,
    keyId: buffer.subarray(1, HEADER_BYTES).toString('hex'),
    nonce: buffer.subarray(HEADER_BYTES, HEADER_BYTES + NONCE_BYTES),
    tag: buffer.subarray(HEADER_BYTES + NONCE_BYTES, PREFIX_BYTES),
    ciphertext: buffer.subarray(PREFIX_BYTES),
  };
}

/** The key id a stored ciphertext names, or undefined for bytes that are no envelope. */
export function envelopeKeyId(bytes: Uint8Array): string | undefined {
  try {
    return decodeEnvelope(bytes).keyId;
  } catch {
    return undefined;
  }
}
