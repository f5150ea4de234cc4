import {
  defineNode,
  type FieldProblem,
  FieldType,
  field,
  invalidFieldsError,
  z,
} from '@knotwork/sdk';
import { connection } from '../credentials.js';
import { planInsert } from '../insert-rows.js';
import { poolFor } from '../pool.js';
import { runInsert, runOne, runPerItem, type Session } from '../statements.js';
import { sqlValue } from '../values.js';

const identifier = z.string().trim().min(1);

const input = z.strictObject({
  mode: field(z.enum(['query', 'insertRows']).default('query'), {
    field: FieldType.SELECT,
    label: 'Operation',
    description:
      'query: run the SQL (once, or once per batch item in one transaction). insertRows: insert many rows into one table with as few multi-row INSERTs as possible.',
  }),
  sql: field(z.string().trim().min(1).optional(), {
    field: FieldType.CODE,
    label: 'SQL',
    description: 'Placeholders are $1, $2, …; never paste values into the SQL text.',
    placeholder: 'SELECT * FROM users WHERE email = $1',
  }),
  parameters: field(z.array(sqlValue).optional(), {
    field: FieldType.JSON,
    label: 'Parameters',
    description: 'Values for $1, $2, … in order, e.g. ["a@b.c", 42].',
  }),
  items: field(z.array(z.array(sqlValue)).min(1, 'Give at least one item').optional(), {
    field: FieldType.JSON,
    label: 'Batch items',
    description:
      'Run the SQL once per item (each a parameter list) in one transaction: all are written or none.',
  }),
  table: field(identifier.optional(), {
    label: 'Table',
    description: 'insertRows: the table. "sales.orders" means schema sales, table orders.',
    placeholder: 'orders',
  }),
  schema: field(identifier.optional(), {
    label: 'Schema',
    description: 'insertRows: the schema, when not on the search path.',
    advanced: true,
  }),
  columns: field(z.array(identifier).min(1).optional(), {
    field: FieldType.JSON,
    label: 'Columns',
    description:
      'insertRows: column names. Needed when rows are arrays; for object rows, defaults to every key.',
  }),
  rows: field(z.array(z.union([z.array(sqlValue), z.record(z.string(), sqlValue)])).optional(), {
    field: FieldType.JSON,
    label: 'Rows',
    description:
      'insertRows: objects keyed by column, or arrays in column order. A column an object leaves out gets its DEFAULT.',
  }),
  onConflict: field(z.enum(['error', 'doNothing']).default('error'), {
    field: FieldType.SELECT,
    label: 'On conflict',
    description: 'insertRows: doNothing skips rows that violate a unique constraint.',
  }),
  returning: field(z.array(identifier).min(1).optional(), {
    field: FieldType.JSON,
    label: 'Returning',
    description: 'insertRows: columns to return for the inserted rows, or ["*"].',
  }),
});

type Input = z.output<typeof input>;

const row = z.record(z.string(), z.unknown());
const statementResult = z.object({
  command: z.string(),
  rowCount: z.number().int().nullable(),
  rows: z.array(row),
});
const output = statementResult.extend({
  fields: z.array(
    z.object({ name: z.string(), dataTypeId: z.number().int(), type: z.string().optional() }),
  ),
  items: z.array(statementResult).optional(),
  statements: z.number().int().optional(),
});

const QUERY_ONLY = ['parameters', 'items', 'sql'] as const;
const INSERT_ONLY = ['table', 'schema', 'columns', 'rows', 'returning'] as const;

/** Cross-field rules a schema cannot say: which fields each operation takes. */
function inputProblems(request: Input): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const misplaced = (names: readonly (keyof Input)[], mode: string) => {
    for (const name of names) {
      if (request[name] !== undefined) {
        problems.push({ path: name, message: `Only used when the operation is ${mode}` });
      }
    }
  };
  if (request.mode === 'query') {
    if (!request.sql) problems.push({ path: 'sql', message: 'Write the SQL to run' });
    if (request.parameters && request.items) {
      const both = 'Give parameters or batch items, not both';
      problems.push({ path: 'parameters', message: both }, { path: 'items', message: both });
    }
    misplaced(INSERT_ONLY, 'insertRows');
  } else {
    if (!request.table) problems.push({ path: 'table', message: 'Name the table to insert into' });
    if (!request.rows) problems.push({ path: 'rows', message: 'Give the rows to insert' });
    misplaced(QUERY_ONLY, 'query');
  }
  return problems;
}

/** https://www.postgresql.org/docs/current/sql-commands.html and https://node-postgres.com/features/queries */
export const query = defineNode({
  key: 'query',
  kind: 'action',
  displayName: 'Query',
  description:
    'Runs SQL with $1… parameters on PostgreSQL, once or per batch item in one transaction, or inserts many rows with multi-row INSERTs.',
  credentials: [connection],
  input,
  output,
  run: async (ctx, request) => {
    const problems = inputProblems(request);
    if (problems.length > 0)
      throw invalidFieldsError('postgres', 'Input of postgres.query', problems);
    const { pool, config, target, errors, prepared } = await poolFor(
      ctx.connections,
      ctx.credential.data,
      ctx.logger,
    );
    // A password inside the URL is masked with the URL; on its own it must be too.
    if (target.password) ctx.addSecret(target.password);
    // ctx itself, not { signal: ctx.signal }: reading `signal` makes the run an
    // AbortController, which a statement that is not cancelled never needs.
    const session: Session = { run: ctx, pool, config, prepared, errors };

    if (request.mode === 'insertRows') {
      const plan = planInsert({
        table: request.table ?? '',
        schema: request.schema,
        columns: request.columns,
        rows: request.rows ?? [],
        onConflict: request.onConflict,
        returning: request.returning,
      });
      if (!plan.ok) throw invalidFieldsError('postgres', 'Input of postgres.query', plan.problems);
      const result = await runInsert(session, plan.statements);
      ctx.logger.info('PostgreSQL rows inserted', {
        rows: request.rows?.length ?? 0,
        statements: plan.statements.length,
      });
      return result;
    }
    const sql = request.sql ?? '';
    const result = request.items
      ? await runPerItem(session, sql, request.items)
      : await runOne(session, sql, request.parameters ?? []);
    ctx.logger.info('PostgreSQL statement ran', {
      command: result.command,
      rowCount: result.rowCount,
      items: request.items?.length ?? 1,
    });
    return result;
  },
});
