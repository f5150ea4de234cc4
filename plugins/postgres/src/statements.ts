import { IntegrationError } from '@knotwork/sdk';
import type pg from 'pg';
import type { InsertStatement } from './insert-rows.js';
import { queryOnce, type RunHandle, withClient } from './pool.js';
import { type ErrorContext, toPostgresError } from './postgres-error.js';
import type { PreparedStatements } from './prepared-statements.js';
import {
  AttemptsExhausted,
  inTransaction,
  retryAfter,
  withTransactionRetries,
} from './transaction.js';
import {
  type FieldInfo,
  fieldsOf,
  hasFiles,
  type Row,
  type SqlValue,
  toQueryValues,
  toRows,
} from './values.js';

export interface StatementResult {
  command: string;
  rowCount: number | null;
  rows: Row[];
}

export interface QueryOutput extends StatementResult {
  fields: FieldInfo[];
  items?: StatementResult[];
  statements?: number;
}

export interface Session {
  /** The run's cancellation and logger: the node's ctx. */
  run: RunHandle;
  pool: pg.Pool;
  config: pg.PoolConfig;
  prepared: PreparedStatements;
  errors: Pick<ErrorContext, 'host' | 'port' | 'secrets'>;
}

/** One statement. Retried after a deadlock or serialization failure only when it is surely a single statement. */
export async function runOne(
  session: Session,
  sql: string,
  parameters: SqlValue[],
): Promise<QueryOutput> {
  const values = hasFiles(parameters) ? await toQueryValues(parameters) : parameters;
  // The connection goes back to the pool for other runs: a transaction left open would be
  // rolled back unseen, so say so instead of reporting success.
  const once = () => queryOnce(session, session.run, sql, values, transactionLeftOpen);
  // With parameters the extended protocol allows exactly one statement; without, a `;` in
  // the middle may mean a script that commits part-way, which must not run twice.
  const single = values.length > 0 || !/;\s*\S/.test(sql.replace(/;\s*$/, ''));
  try {
    let results: pg.QueryResult | pg.QueryResult[];
    try {
      results = await once();
    } catch (error) {
      if (!single) throw error;
      results = await retryAfter(error, session.run, once);
    }
    // Without parameters PostgreSQL accepts several statements and returns one result each.
    const result = lastResult(results);
    return { ...statementResult(result), fields: fieldsOf(result.fields ?? []) };
  } catch (error) {
    throw mapped(error, { ...session.errors, sql });
  }
}

function transactionLeftOpen(): IntegrationError {
  return new IntegrationError({
    service: 'postgres',
    code: 'transaction_left_open',
    message: 'The SQL started a transaction and did not end it, so knotwork rolled it back',
    hint: 'A run cannot leave a transaction open for a later run: end it in the same SQL (BEGIN; …; COMMIT;), or give the parameter sets as batch items, which run in one transaction.',
  });
}

/** The statement once per item, all in one transaction: every item is written or none. */
export async function runPerItem(
  session: Session,
  sql: string,
  items: SqlValue[][],
): Promise<QueryOutput> {
  const valueSets = await Promise.all(items.map((item) => toQueryValues(item)));
  let failedItem: number | undefined;
  try {
    const results = await withTransactionRetries(session.run, () =>
      withClient(session.pool, session.config, session.run, (client) =>
        inTransaction(client, async () => {
          const out: pg.QueryResult[] = [];
          for (const [index, values] of valueSets.entries()) {
            failedItem = index;
            out.push(await preparedQuery(session.prepared, client, sql, values));
          }
          failedItem = undefined;
          return out;
        }),
      ),
    );
    const perItem = results.map(statementResult);
    return {
      command: perItem[0]?.command ?? '',
      rowCount: totalRowCount(perItem),
      rows: perItem.flatMap((item) => item.rows),
      fields: fieldsOf(results[0]?.fields ?? []),
      items: perItem,
    };
  } catch (error) {
    throw mapped(error, {
      ...session.errors,
      sql,
      ...(failedItem === undefined ? {} : { item: { index: failedItem, count: items.length } }),
    });
  }
}

/** The planned multi-row INSERTs in one transaction. */
export async function runInsert(
  session: Session,
  statements: InsertStatement[],
): Promise<QueryOutput> {
  if (statements.length === 0) {
    return { command: 'INSERT', rowCount: 0, rows: [], fields: [], statements: 0 };
  }
  const valueSets = await Promise.all(
    statements.map((statement) => toQueryValues(statement.values)),
  );
  let failed: number | undefined;
  try {
    const results = await withTransactionRetries(session.run, () =>
      withClient(session.pool, session.config, session.run, async (client) => {
        const run = async () => {
          const out: pg.QueryResult[] = [];
          for (const [index, statement] of statements.entries()) {
            failed = index;
            out.push(await client.query(statement.text, valueSets[index]));
          }
          failed = undefined;
          return out;
        };
        // One statement is atomic by itself; several need a transaction to be all or nothing.
        return statements.length === 1 ? run() : inTransaction(client, run);
      }),
    );
    const parts = results.map(statementResult);
    return {
      command: 'INSERT',
      rowCount: totalRowCount(parts),
      rows: parts.flatMap((part) => part.rows),
      fields: fieldsOf(results[0]?.fields ?? []),
      statements: statements.length,
    };
  } catch (error) {
    const statement = failed === undefined ? undefined : statements[failed];
    throw mapped(error, {
      ...session.errors,
      ...(statement && failed !== undefined
        ? {
            sql: statement.text,
            statement: {
              index: failed,
              count: statements.length,
              firstRow: statement.firstRow,
              lastRow: statement.lastRow,
            },
          }
        : {}),
    });
  }
}

/**
 * One statement of a batch, prepared. A statement refused for being stale aborts the
 * transaction: it comes back as StatementResent, so the whole transaction runs again.
 */
function preparedQuery(
  prepared: PreparedStatements,
  client: pg.PoolClient,
  sql: string,
  values: unknown[],
): Promise<pg.QueryResult> {
  return new Promise<pg.QueryResult>((resolve, reject) => {
    prepared.query(client, sql, values, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

/** node-postgres returns an array for several statements; @types/pg types only one. */
function lastResult(result: pg.QueryResult | pg.QueryResult[]): pg.QueryResult {
  return Array.isArray(result) ? (result.at(-1) ?? result[0]!) : result;
}

function statementResult(result: pg.QueryResult): StatementResult {
  return {
    command: result.command ?? '',
    rowCount: result.rowCount ?? null,
    rows: toRows(result.rows ?? []),
  };
}

function totalRowCount(results: StatementResult[]): number | null {
  const counts = results.map((result) => result.rowCount).filter((count) => count !== null);
  return counts.length === 0 ? null : counts.reduce((sum, count) => sum + count, 0);
}

function mapped(error: unknown, context: ErrorContext) {
  if (error instanceof AttemptsExhausted) {
    return toPostgresError(error.cause, { ...context, attempts: error.attempts });
  }
  return toPostgresError(error, context);
}
