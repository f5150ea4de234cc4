import {
  type BinaryData,
  binaryField,
  binaryFrom,
  type FieldProblem,
  isBinaryData,
  readBinary,
  z,
} from '@knotwork/sdk';

/** What a parameter may hold in a workflow: JSON values, and files from earlier nodes for BLOBs. */
export const sqlValue = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  binaryField({ description: 'Bound as a BLOB.' }),
  z.array(z.unknown()),
  z.record(z.string(), z.unknown()),
]);
export type SqlValue = z.output<typeof sqlValue>;

/** One set of parameters: positional (`?`, `?NNN`) or named (`:name`, `@name`, `$name`). */
export const parameterSet = z.union([z.array(sqlValue), z.record(z.string(), sqlValue)]);
export type ParameterSetInput = z.output<typeof parameterSet>;

/** What node:sqlite can bind. */
export type Bindable = null | number | bigint | string | Uint8Array;
export type BoundParameters =
  | { kind: 'positional'; values: Bindable[] }
  | { kind: 'named'; values: Record<string, Bindable> };

/**
 * Turns workflow values into SQLite values: booleans become 1/0 (SQLite has no boolean
 * type), objects and arrays become JSON text (for SQLite's json functions), files become
 * BLOBs. https://www.sqlite.org/datatype3.html
 */
export async function bindParameters(
  given: ParameterSetInput | undefined,
): Promise<BoundParameters> {
  if (given === undefined) return { kind: 'positional', values: [] };
  if (Array.isArray(given)) {
    return { kind: 'positional', values: await Promise.all(given.map(toBindable)) };
  }
  const entries = await Promise.all(
    Object.entries(given).map(async ([name, value]) => [name, await toBindable(value)] as const),
  );
  return { kind: 'named', values: Object.fromEntries(entries) };
}

async function toBindable(value: SqlValue): Promise<Bindable> {
  if (value === null || typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (isBinaryData(value)) return readBinary(value);
  return JSON.stringify(value);
}

export type Row = Record<string, unknown>;

/**
 * SQLite integers are 64-bit; JavaScript numbers are exact only up to 2^53. Rows are read
 * as BigInt and each integer comes back as a number when that is exact, else as a string
 * of its digits, so no id is ever silently rounded.
 */
export function toSafeInteger(value: bigint | number): number | string {
  if (typeof value === 'number') return value;
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(value)
    : value.toString();
}

/** A row as plain data: safe integers, BLOBs as files named after their column. */
export function toRow(raw: Record<string, unknown>): Row {
  const row: Row = {};
  for (const [column, value] of Object.entries(raw)) {
    row[column] = toOutputValue(column, value);
  }
  return row;
}

function toOutputValue(column: string, value: unknown): unknown {
  if (typeof value === 'bigint') return toSafeInteger(value);
  if (value instanceof Uint8Array) return blobAsFile(column, value);
  return value;
}

function blobAsFile(column: string, bytes: Uint8Array): BinaryData {
  return binaryFrom(bytes, { fileName: `${column}.bin` });
}

/** The field path a parameter problem is reported under: `parameters` or `items.3`. */
export function parameterPath(itemIndex: number | undefined): string {
  return itemIndex === undefined ? 'parameters' : `items.${itemIndex}`;
}

export function parameterProblem(
  itemIndex: number | undefined,
  name: string | undefined,
  message: string,
): FieldProblem {
  const path = parameterPath(itemIndex);
  return { path: name === undefined ? path : `${path}.${name}`, message };
}
