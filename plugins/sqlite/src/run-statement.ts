import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { invalidFieldsError } from '@knotwork/sdk';
import { hasMoreStatements, insertsRows } from './sql-text.js';
import { type BoundParameters, type Row, toRow, toSafeInteger } from './values.js';

export type QueryMode = 'auto' | 'rows' | 'write';

export interface RowsResult {
  rows: Row[];
  rowCount: number;
}

export interface WriteResult {
  changes: number;
  /** The new row's rowid for an INSERT that added rows; null otherwise. */
  lastInsertRowid: number | string | null;
}

export interface PreparedQuery {
  statement: StatementSync;
  mode: 'rows' | 'write';
  insertsRows: boolean;
}

/** Compiles one statement; refuses SQL holding several, which SQLite would half-run. */
export function prepareQuery(db: DatabaseSync, sql: string, mode: QueryMode): PreparedQuery {
  const statement = db.prepare(sql);
  if (hasMoreStatements(sql, statement.sourceSQL)) {
    throw invalidFieldsError('sqlite', 'The query', [
      {
        path: 'sql',
        message:
          'The SQL holds more than one statement, and SQLite would run only the first: give one statement per node, or run the same statement for many parameter sets with batch items',
      },
    ]);
  }
  statement.setReadBigInts(true);
  return {
    statement,
    // A statement that returns columns (SELECT, PRAGMA, ... RETURNING) gives rows.
    mode: mode === 'auto' ? (statement.columns().length > 0 ? 'rows' : 'write') : mode,
    insertsRows: insertsRows(sql),
  };
}

export function runQuery(
  query: PreparedQuery,
  parameters: BoundParameters,
): RowsResult | WriteResult {
  const { statement } = query;
  if (query.mode === 'rows') {
    const raw =
      parameters.kind === 'named'
        ? statement.all(parameters.values)
        : statement.all(...parameters.values);
    const rows = raw.map((row) => toRow(row));
    return { rows, rowCount: rows.length };
  }
  const result =
    parameters.kind === 'named'
      ? statement.run(parameters.values)
      : statement.run(...parameters.values);
  const changes = Number(result.changes);
  return {
    changes,
    lastInsertRowid:
      query.insertsRows && changes > 0 ? toSafeInteger(result.lastInsertRowid) : null,
  };
}
