import { type BinaryData, binaryFrom, FieldType, HINTS_KEY } from '@knotwork/sdk';
import { z } from 'zod';
import { ApiError, invalidRequest } from './api-error.js';

type JsonSchema = Record<string, unknown>;

/**
 * One file's limit. The web app's file picker (web/src/forms/rjsf/BinaryField.tsx) refuses
 * larger files with the same number: change both together.
 */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/**
 * A run's request body: a 10 MB file travels as base64 (4 bytes per 3) inside the JSON,
 * and the rest of the input gets 1 MB, the size every other route allows.
 */
export const RUN_BODY_LIMIT = Math.ceil(MAX_UPLOAD_BYTES / 3) * 4 + 1024 * 1024;

/** What the file picker sends: the binary shape plus the bytes, since JSON has none. */
const upload = z.object({
  kind: z.literal('binary'),
  fileName: z.string().min(1),
  mimeType: z.string().min(1).default('application/octet-stream'),
  size: z.number().int().nonnegative().optional(),
  base64: z.base64({ error: 'Not valid base64' }),
});

/**
 * The playground input with each uploaded file turned into the SDK's BinaryData, which a
 * node's binary field accepts. Only where the node's input schema has a binary field: a
 * look-alike object elsewhere (the JSON body of webhook.call, say) is the user's data and
 * goes to the node as typed. Bad uploads are a 400 naming the field under `input.`.
 */
export function withUploadedFiles(input: unknown, inputSchema: JsonSchema): unknown {
  const walk = (value: unknown, schemas: JsonSchema[], path: string[]): unknown => {
    const candidates = schemas.flatMap(alternatives);
    // Nothing in the schema says what is here: the value goes on as the user typed it.
    if (candidates.length === 0) return value;
    if (candidates.some(isBinaryField) && isUpload(value)) return binaryOf(value, path);
    if (Array.isArray(value)) {
      return value.map((item, index) =>
        walk(item, candidates.flatMap(itemSchemas(index)), [...path, String(index)]),
      );
    }
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        walk(item, candidates.flatMap(propertySchemas(key)), [...path, key]),
      ]),
    );
  };
  return walk(input, [inputSchema], ['input']);
}

function binaryOf(value: object, path: string[]): BinaryData {
  const parsed = upload.safeParse(value);
  if (!parsed.success)
    throw invalidRequest('The uploaded file', parsed.error.issues, path.join('.'));
  const file = parsed.data;
  const bytes = Buffer.from(file.base64, 'base64');
  const field = path.join('.');
  if (bytes.byteLength > MAX_UPLOAD_BYTES) {
    throw new ApiError(413, {
      code: 'file_too_large',
      message: `${file.fileName} is ${megabytes(bytes.byteLength)}; the playground takes files up to ${megabytes(MAX_UPLOAD_BYTES)}`,
      hint: 'Try the node with a smaller file, or run it in a workflow.',
      fields: [{ path: field, message: `Over the ${megabytes(MAX_UPLOAD_BYTES)} limit` }],
    });
  }
  // A size that disagrees with the bytes means the file was cut short on the way.
  if (file.size !== undefined && file.size !== bytes.byteLength) {
    throw new ApiError(400, {
      code: 'invalid_input',
      message: `${file.fileName} arrived with ${bytes.byteLength} of its ${file.size} bytes`,
      hint: 'Choose the file again and run again.',
      fields: [{ path: `${field}.size`, message: `The bytes sent are ${bytes.byteLength} long` }],
    });
  }
  return binaryFrom(new Uint8Array(bytes), { fileName: file.fileName, mimeType: file.mimeType });
}

/** 413 for a run whose body is over RUN_BODY_LIMIT, before it is read. */
export function runBodyTooLarge(): ApiError {
  return new ApiError(413, {
    code: 'payload_too_large',
    message: `The request body is over ${megabytes(RUN_BODY_LIMIT)}`,
    hint: `The playground takes files up to ${megabytes(MAX_UPLOAD_BYTES)} in all: they travel base64-encoded inside the JSON body.`,
    fields: [
      { path: 'input', message: `Files up to ${megabytes(MAX_UPLOAD_BYTES)} in all per run` },
    ],
  });
}

export function megabytes(bytes: number): string {
  const value = bytes / (1024 * 1024);
  return `${Number.isInteger(value) ? value : value.toFixed(1)} MB`;
}

function isUpload(value: unknown): value is object {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'binary' &&
    'base64' in value
  );
}

function isBinaryField(schema: JsonSchema): boolean {
  const hints = schema[HINTS_KEY] as { field?: unknown } | undefined;
  return hints?.field === FieldType.BINARY;
}

/** The schema and every branch of its oneOf / anyOf / allOf: any of them may describe the value. */
function alternatives(schema: JsonSchema): JsonSchema[] {
  const branches = ['oneOf', 'anyOf', 'allOf'].flatMap((keyword) =>
    Array.isArray(schema[keyword]) ? (schema[keyword] as JsonSchema[]) : [],
  );
  return [schema, ...branches.filter(isSchema).flatMap(alternatives)];
}

function propertySchemas(key: string): (schema: JsonSchema) => JsonSchema[] {
  return (schema) => {
    const properties = schema.properties as Record<string, unknown> | undefined;
    const property = properties && Object.hasOwn(properties, key) ? properties[key] : undefined;
    const found = property ?? schema.additionalProperties;
    return isSchema(found) ? [found] : [];
  };
}

function itemSchemas(index: number): (schema: JsonSchema) => JsonSchema[] {
  return (schema) => {
    const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems[index] : undefined;
    const found = prefix ?? schema.items;
    return isSchema(found) ? [found] : [];
  };
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
