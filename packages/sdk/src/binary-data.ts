import { z } from 'zod';
import { FieldType, HINTS_KEY } from './field-types.js';

/**
 * A file flowing between nodes (an S3 object, an e-mail attachment, a photo). Bytes are
 * held in memory; `stream` lets a producer hand over a large body without buffering it,
 * and `readBinary` turns either form into bytes for a consumer that needs them.
 */
export interface BinaryData {
  readonly kind: 'binary';
  fileName: string;
  mimeType: string;
  /** Size in bytes, when known (a stream may not know its length). */
  size?: number;
  bytes?: Uint8Array;
  stream?: ReadableStream<Uint8Array>;
}

export function isBinaryData(value: unknown): value is BinaryData {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<BinaryData>;
  return (
    candidate.kind === 'binary' &&
    typeof candidate.fileName === 'string' &&
    typeof candidate.mimeType === 'string' &&
    (candidate.bytes instanceof Uint8Array || candidate.stream instanceof ReadableStream)
  );
}

export function binaryFrom(
  bytes: Uint8Array | string,
  options: { fileName: string; mimeType?: string },
): BinaryData {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  return {
    kind: 'binary',
    fileName: options.fileName,
    mimeType: options.mimeType ?? 'application/octet-stream',
    size: data.byteLength,
    bytes: data,
  };
}

export function binaryFromStream(
  stream: ReadableStream<Uint8Array>,
  options: { fileName: string; mimeType?: string; size?: number },
): BinaryData {
  return {
    kind: 'binary',
    fileName: options.fileName,
    mimeType: options.mimeType ?? 'application/octet-stream',
    ...(options.size === undefined ? {} : { size: options.size }),
    stream,
  };
}

/** Reads a binary value into memory once; later reads reuse the bytes. */
export async function readBinary(binary: BinaryData): Promise<Uint8Array> {
  if (binary.bytes) return binary.bytes;
  if (!binary.stream)
    throw new TypeError(`Binary "${binary.fileName}" has neither bytes nor a stream`);
  const bytes = new Uint8Array(await new Response(binary.stream).arrayBuffer());
  binary.bytes = bytes;
  binary.size = bytes.byteLength;
  delete binary.stream;
  return bytes;
}

/** A node input or output field holding a file. Rendered as a file picker / download. */
export function binaryField(hints: { label?: string; description?: string } = {}) {
  const schema = z.custom<BinaryData>(isBinaryData, {
    message:
      'Expected binary data (a file from an earlier node, with fileName, mimeType and bytes)',
  });
  return schema.meta({
    ...(hints.label ? { title: hints.label } : {}),
    ...(hints.description ? { description: hints.description } : {}),
    [HINTS_KEY]: { field: FieldType.BINARY },
  });
}

/** JSON Schema used for binary fields in manifests (zod cannot describe a custom check). */
export const binaryJsonSchema = {
  type: 'object',
  properties: {
    kind: { const: 'binary' },
    fileName: { type: 'string' },
    mimeType: { type: 'string' },
    size: { type: 'integer', minimum: 0 },
  },
  required: ['kind', 'fileName', 'mimeType'],
  [HINTS_KEY]: { field: FieldType.BINARY },
} as const;
