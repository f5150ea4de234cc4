import type { DatabaseSync } from 'node:sqlite';
import { IntegrationError } from '@knotwork/sdk';
import {
  prepareQuery,
  type QueryMode,
  type RowsResult,
  runQuery,
  type WriteResult,
} from './run-statement.js';
import { type ErrorContext, toSqliteError } from './sqlite-error.js';
import type { BoundParameters } from './values.js';

export interface BatchResult {
  items: Array<RowsResult | WriteResult>;
  /** Rows changed by all items together. */
  changes: number;
  /** Rows returned by all items together. */
  rowCount: number;
}

interface Run {
  db: DatabaseSync;
  sql: string;
  mode: QueryMode;
  context: ErrorContext;
}

/** One statement, one parameter set, in SQLite's own autocommit transaction. */
export function runSingle(run: Run, parameters: BoundParameters): RowsResult | WriteResult {
  const { db } = run;
  const context = { ...run.context, sql: run.sql, db };
  let result: RowsResult | WriteResult;
  try {
    result = runQuery(prepareQuery(db, run.sql, run.mode), parameters);
  } catch (error) {
    rollbackIfOpen(db);
    throw toSqliteError(error, context);
  }
  // The connection is shared by every run with this credential: a BEGIN left open here
  // would silently swallow the next runs' writes into a transaction nobody commits.
  if (db.isTransaction) {
    rollbackIfOpen(db);
    throw new IntegrationError({
      service: 'sqlite',
      code: 'transaction_left_open',
      message: 'The SQL started a transaction and did not end it, so knotwork rolled it back',
      hint: 'A run cannot leave a transaction open for a later run. To run a statement for many parameter sets in one transaction, give them as batch items.',
    });
  }
  return result;
}

/**
 * The statement once per parameter set inside ONE transaction: all items are written or
 * none. The loop has no await, so no other run can interleave on the shared connection.
 */
export function runBatch(run: Run, items: BoundParameters[]): BatchResult {
  const { db } = run;
  const context: ErrorContext = { ...run.context, sql: run.sql, db };
  const query = (() => {
    try {
      return prepareQuery(db, run.sql, run.mode);
    } catch (error) {
      throw toSqliteError(error, context);
    }
  })();
  try {
    // IMMEDIATE takes the write lock up front, so a busy database fails here, before any
    // item ran, instead of half-way through (https://www.sqlite.org/lang_transaction.html).
    db.exec(run.context.readOnly ? 'BEGIN' : 'BEGIN IMMEDIATE');
  } catch (error) {
    throw toSqliteError(error, context);
  }
  const results: Array<RowsResult | WriteResult> = [];
  for (const [index, parameters] of items.entries()) {
    try {
      results.push(runQuery(query, parameters));
    } catch (error) {
      rollbackIfOpen(db);
      throw toSqliteError(error, { ...context, item: { index, count: items.length } });
    }
  }
  try {
    db.exec('COMMIT');
  } catch (error) {
    rollbackIfOpen(db);
    throw toSqliteError(error, context);
  }
  return {
    items: results,
    changes: results.reduce((sum, item) => sum + ('changes' in item ? item.changes : 0), 0),
    rowCount: results.reduce((sum, item) => sum + ('rowCount' in item ? item.rowCount : 0), 0),
  };
}

function rollbackIfOpen(db: DatabaseSync): void {
  if (!db.isTransaction) return;
  try {
    db.exec('ROLLBACK');
  } catch {
    // SQLite already rolled back on some errors (SQLITE_FULL, SQLITE_IOERR); nothing left to undo.
  }
}
