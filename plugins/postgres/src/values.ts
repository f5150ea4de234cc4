import {
  type BinaryData,
  binaryField,
  binaryFrom,
  isBinaryData,
  readBinary,
  z,
} from '@knotwork/sdk';
import pg from 'pg';

/** What a parameter may hold: JSON values, and files from earlier nodes for bytea. */
export const sqlValue = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  binaryField({ description: 'Sent as bytea.' }),
  z.array(z.unknown()),
  z.record(z.string(), z.unknown()),
]);
export type SqlValue = z.output<typeof sqlValue>;

/**
 * Files become Buffers (bytea); everything else goes to node-postgres as it is: it sends
 * arrays as PostgreSQL arrays and objects as JSON (https://node-postgres.com/features/queries).
 */
export async function toQueryValues(values: readonly SqlValue[]): Promise<unknown[]> {
  // A batch item without a file: one promise for the list, not one per value.
  if (!hasFiles(values)) return [...values];
  return Promise.all(values.map(async (value) => (isBinaryData(value) ? toBuffer(value) : value)));
}

/** Whether any parameter is a file: most hold none, and then need no conversion (no promise). */
export function hasFiles(values: readonly SqlValue[]): boolean {
  return values.some(isBinaryData);
}

async function toBuffer(file: BinaryData): Promise<Buffer> {
  const bytes = await readBinary(file);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export type Row = Record<string, unknown>;

/**
 * bytea values come back as files named after their column, so they can flow to a file
 * node. Rows without one are handed on as node-postgres built them (plain objects).
 */
export function toRows(rows: Row[]): Row[] {
  return rows.some(hasBytes) ? rows.map((row) => (hasBytes(row) ? withFiles(row) : row)) : rows;
}

function hasBytes(row: Row): boolean {
  for (const column in row) {
    if (Buffer.isBuffer(row[column])) return true;
  }
  return false;
}

function withFiles(row: Row): Row {
  const plain: Row = {};
  for (const [column, value] of Object.entries(row)) {
    plain[column] = Buffer.isBuffer(value)
      ? binaryFrom(value, { fileName: `${column}.bin` })
      : value;
  }
  return plain;
}

const TYPE_NAMES = new Map<number, string>(
  Object.entries(pg.types.builtins).map(([name, oid]) => [oid, name.toLowerCase()]),
);

export interface FieldInfo {
  name: string;
  dataTypeId: number;
  /** The built-in type's name (int4, text, timestamptz); absent for user types. */
  type?: string;
}

export function fieldsOf(fields: readonly pg.FieldDef[]): FieldInfo[] {
  return fields.map((field) => {
    const type = TYPE_NAMES.get(field.dataTypeID);
    return type
      ? { name: field.name, dataTypeId: field.dataTypeID, type }
      : { name: field.name, dataTypeId: field.dataTypeID };
  });
}

const INT8 = 20;
const INT8_ARRAY = 1016;
const DATE = 1082;
const TIMESTAMP = 1114;

/** bigint as a number when that is exact, else as the string of its digits. */
function safeInteger(text: string): number | string {
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : text;
}

function safeIntegers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(safeIntegers);
  return typeof value === 'string' ? safeInteger(value) : value;
}

/**
 * How values are read, for this pool only (pg's global parsers stay untouched):
 * - bigint (int8): a number when exact, else a string, so an id is never rounded;
 * - date and timestamp (without time zone): the text PostgreSQL sent, because turning them
 *   into a JavaScript Date would shift them by the time zone of the machine running knotwork.
 * numeric stays a string (exact decimals); timestamptz becomes a Date (an instant).
 */
const getTypeParser: typeof pg.types.getTypeParser = (oid, format) => {
  const id: number = oid;
  if (format !== 'binary') {
    if (id === INT8) return safeInteger;
    if (id === DATE || id === TIMESTAMP) return (text: string) => text;
    if (id === INT8_ARRAY) {
      const parseArray: (text: string) => unknown = pg.types.getTypeParser(oid, 'text');
      return (text: string) => safeIntegers(parseArray(text));
    }
  }
  return pg.types.getTypeParser(oid, format);
};

export const typeParsers: pg.CustomTypesConfig = { getTypeParser };
