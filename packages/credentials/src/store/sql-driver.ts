/** What the SQL credential store needs from a database: SQLite and PostgreSQL implement it. */

export type SqlValue = string | number | boolean | Buffer | null;
export type SqlRow = Record<string, unknown>;

export interface SqlDialect {
  name: 'sqlite' | 'postgres';
  /** Column types differing between the two. */
  blob: string;
  timestamp: string;
  /** Row lock clause for a read that a later write in the transaction depends on. */
  forUpdate: string;
}

export interface SqlConnection {
  readonly dialect: SqlDialect;
  /** Placeholders are `?`; the PostgreSQL driver numbers them. */
  all(sql: string, params?: SqlValue[]): Promise<SqlRow[]>;
  /** Returns the number of rows changed. */
  run(sql: string, params?: SqlValue[]): Promise<number>;
}

export interface SqlDriver {
  readonly dialect: SqlDialect;
  readonly location: string;
  /** For statements outside a transaction. */
  readonly connection: SqlConnection;
  transaction<T>(fn: (connection: SqlConnection) => Promise<T>): Promise<T>;
  /** Serialises schema migrations between processes; runs first inside their transaction. */
  lockForMigration(connection: SqlConnection): Promise<void>;
  close(): Promise<void>;
}

/** Drivers return times as Date (pg) or text (SQLite); the store speaks ISO strings. */
export function isoOrNull(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return new Date(String(value)).toISOString();
}

export function iso(value: unknown): string {
  return isoOrNull(value) ?? new Date(0).toISOString();
}

export function textOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** SQLite answers 0/1, PostgreSQL true/false. */
export function bool(value: unknown): boolean {
  return value === true || value === 1 || value === 1n || value === '1' || value === 't';
}

/** pg returns BIGINT as text; SQLite as number. */
export function int(value: unknown): number {
  return Number(value);
}

export function bytes(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  throw new TypeError('Expected bytes from the database');
}

export function bytesOrNull(value: unknown): Buffer | null {
  return value === null || value === undefined ? null : bytes(value);
}

/** A UNIQUE constraint refused the write (SQLite or PostgreSQL). */
export function isUniqueViolation(error: unknown): boolean {
  const { code, errcode, message } = error as {
    code?: unknown;
    errcode?: unknown;
    message?: unknown;
  };
  // 2067 is SQLITE_CONSTRAINT_UNIQUE, 1555 SQLITE_CONSTRAINT_PRIMARYKEY; 23505 is PostgreSQL's unique_violation.
  return (
    code === '23505' ||
    errcode === 2067 ||
    errcode === 1555 ||
    /UNIQUE constraint failed/.test(String(message))
  );
}
