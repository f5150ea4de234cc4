import type { FieldProblem } from '@knotwork/sdk';
import { qualifiedTable, quoteIdentifier } from './identifiers.js';
import type { SqlValue } from './values.js';

/**
 * The wire protocol counts a statement's parameters in 16 bits, so one statement takes at
 * most 65535 of them (https://www.postgresql.org/docs/current/protocol-message-formats.html,
 * Bind: "Int16 The number of parameter values that follow").
 */
export const MAX_PARAMETERS = 65_535;

export interface InsertRequest {
  table: string;
  schema?: string | undefined;
  /** Column order for array rows; for object rows, defaults to every key in first-seen order. */
  columns?: string[] | undefined;
  rows: Array<SqlValue[] | Record<string, SqlValue>>;
  onConflict: 'error' | 'doNothing';
  /** Columns to return for the inserted rows; ['*'] for all. */
  returning?: string[] | undefined;
}

export interface InsertStatement {
  text: string;
  values: SqlValue[];
  /** 0-based index of its first and last row within the request. */
  firstRow: number;
  lastRow: number;
}

export type InsertPlan =
  | { ok: true; statements: InsertStatement[] }
  | { ok: false; problems: FieldProblem[] };

/** A row's values by column, with `undefined` where the row does not give the column. */
type Cells = Array<SqlValue | undefined>;

/**
 * One multi-row INSERT per chunk: `INSERT INTO "t" ("a","b") VALUES ($1,$2),($3,DEFAULT)`.
 * A column a row leaves out gets its DEFAULT (an explicit null stays NULL). Rows are
 * packed into as few statements as the parameter limit allows.
 */
export function planInsert(request: InsertRequest, maxParameters = MAX_PARAMETERS): InsertPlan {
  if (request.rows.length === 0) return { ok: true, statements: [] };
  const columns = request.columns ?? columnsFromObjects(request.rows);
  const problems: FieldProblem[] = [];
  if (columns === undefined || columns.length === 0) {
    return {
      ok: false,
      problems: [
        {
          path: 'columns',
          message: 'Name the columns: rows given as arrays need them, and object rows had no keys',
        },
      ],
    };
  }
  const duplicates = columns.filter((column, index) => columns.indexOf(column) !== index);
  if (duplicates.length > 0) {
    problems.push({ path: 'columns', message: `Columns listed twice: ${duplicates.join(', ')}` });
  }
  const cells: Cells[] = request.rows.map((row, index) => {
    if (Array.isArray(row)) {
      if (row.length !== columns.length) {
        problems.push({
          path: `rows.${index}`,
          message: `The row has ${row.length} value(s) but there are ${columns.length} column(s)`,
        });
      }
      return row;
    }
    const unknown = Object.keys(row).filter((key) => !columns.includes(key));
    if (unknown.length > 0) {
      problems.push({
        path: `rows.${index}.${unknown[0]}`,
        message: `Not one of the columns (${columns.join(', ')}): remove it or add it to columns`,
      });
    }
    return columns.map((column) => (Object.hasOwn(row, column) ? row[column] : undefined));
  });
  if (problems.length > 0) return { ok: false, problems };

  const head = `INSERT INTO ${qualifiedTable(request.table, request.schema)} (${columns.map(quoteIdentifier).join(', ')}) VALUES `;
  const tail = `${request.onConflict === 'doNothing' ? ' ON CONFLICT DO NOTHING' : ''}${returningClause(request.returning)}`;
  const statements: InsertStatement[] = [];
  let tuples: string[] = [];
  let values: SqlValue[] = [];
  let firstRow = 0;
  const flush = (lastRow: number) => {
    if (tuples.length === 0) return;
    statements.push({ text: `${head}${tuples.join(', ')}${tail}`, values, firstRow, lastRow });
    tuples = [];
    values = [];
    firstRow = lastRow + 1;
  };
  cells.forEach((row, index) => {
    const needed = row.filter((cell) => cell !== undefined).length;
    if (values.length + needed > maxParameters) flush(index - 1);
    const placeholders = row.map((cell) => {
      if (cell === undefined) return 'DEFAULT';
      values.push(cell);
      return `$${values.length}`;
    });
    tuples.push(`(${placeholders.join(', ')})`);
  });
  flush(cells.length - 1);
  return { ok: true, statements };
}

function columnsFromObjects(rows: InsertRequest['rows']): string[] | undefined {
  if (rows.some((row) => Array.isArray(row))) return undefined;
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

function returningClause(returning: string[] | undefined): string {
  if (!returning || returning.length === 0) return '';
  if (returning.length === 1 && returning[0] === '*') return ' RETURNING *';
  return ` RETURNING ${returning.map(quoteIdentifier).join(', ')}`;
}
