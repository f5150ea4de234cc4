import type { DatabaseSync } from 'node:sqlite';
import { IntegrationError, invalidFieldsError, isIntegrationError } from '@knotwork/sdk';
import {
  bindingErrorCodes,
  genericErrorRules,
  type ResultCodeRule,
  resultCodes,
} from './errors.js';
import { positionOf } from './sql-text.js';
import { parameterProblem } from './values.js';

export interface ErrorContext {
  file: string;
  /** Whether this run opened the database read-only. */
  readOnly: boolean;
  sql?: string;
  /** The batch item that failed, and how many items the batch had. */
  item?: { index: number; count: number };
  /** The open database, to list its tables when one is missing. */
  db?: DatabaseSync;
}

/** What node:sqlite puts on its errors (https://nodejs.org/api/sqlite.html). */
interface NodeSqliteError {
  code: string;
  message: string;
  /** SQLite's extended result code, on ERR_SQLITE_ERROR. */
  errcode?: number;
}

function asNodeError(error: unknown): NodeSqliteError | undefined {
  if (!(error instanceof Error)) return undefined;
  const code: unknown = Reflect.get(error, 'code');
  const errcode: unknown = Reflect.get(error, 'errcode');
  if (typeof code !== 'string') return undefined;
  return { code, message: error.message, ...(typeof errcode === 'number' ? { errcode } : {}) };
}

/** Any failure of a run as an IntegrationError whose hint says what to do. */
export function toSqliteError(error: unknown, context: ErrorContext): IntegrationError {
  if (isIntegrationError(error)) return error;
  const nodeError = asNodeError(error);
  if (nodeError?.code === 'ERR_SQLITE_ERROR' && typeof nodeError.errcode === 'number') {
    return fromResultCode(nodeError, nodeError.errcode, context);
  }
  if (nodeError && bindingErrorCodes.has(nodeError.code)) {
    return invalidFieldsError('sqlite', 'The query', [bindingProblem(nodeError.message, context)]);
  }
  if (nodeError?.code === 'ERR_INVALID_ARG_VALUE' && /no statements/.test(nodeError.message)) {
    return invalidFieldsError('sqlite', 'The query', [
      { path: 'sql', message: 'The SQL holds only comments or whitespace: write a statement' },
    ]);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new IntegrationError({
    service: 'sqlite',
    code: 'sqlite_error',
    message: withItem(`SQLite failed: ${message}`, context),
    hint: 'See the message; if it looks like a knotwork problem, report it with the message.',
    ...itemDetails(context),
  });
}

function fromResultCode(
  error: NodeSqliteError,
  errcode: number,
  context: ErrorContext,
): IntegrationError {
  const primary = errcode & 0xff;
  if (primary === 25) {
    return invalidFieldsError('sqlite', 'The query', [
      parameterProblem(
        context.item?.index,
        undefined,
        'More values were given than the SQL has placeholders (?, ?NNN, :name)',
      ),
    ]);
  }
  const rule: ResultCodeRule = resultCodes[errcode] ??
    resultCodes[primary] ?? {
      name: `SQLITE_${errcode}`,
      code: 'sqlite_error',
      hint: 'SQLite reported an error: the message says what.',
    };
  let { code, hint } = rule;
  if (primary === 1) {
    const generic = genericErrorRules.find((candidate) => candidate.pattern.test(error.message));
    if (generic) ({ code, hint } = generic);
    if (code === 'syntax_error') hint = syntaxHint(error.message, context.sql);
    if (code === 'no_such_table') hint = `${hint}${tableList(context.db)}`;
  }
  if (primary === 8 && context.readOnly) {
    hint =
      "The database is open read-only for this run (the node's or the credential's Read-only setting), so SQLite refused to write. Turn Read-only off on the node, or use a credential that is not read-only.";
  }
  const message =
    primary === 14 ? `SQLite could not open ${context.file}: ${error.message}` : error.message;
  return new IntegrationError({
    service: 'sqlite',
    code,
    message: withItem(message, context),
    hint,
    ...(rule.retryable ? { retryable: true } : {}),
    details: {
      sqliteCode: rule.name,
      errcode,
      ...(context.item ? { itemIndex: context.item.index } : {}),
    },
  });
}

/** node:sqlite's binding refusals, reworded as what to change in the parameters. */
function bindingProblem(message: string, context: ErrorContext) {
  const index = context.item?.index;
  // "Cannot create bare named parameter 'id' because of conflicting names ':id' and '@id'."
  const conflict =
    /bare named parameter '([^']+)' because of conflicting names '([^']+)' and '([^']+)'/.exec(
      message,
    );
  if (conflict) {
    const [, name, first, second] = conflict;
    return parameterProblem(
      index,
      name,
      `The SQL uses both ${first} and ${second}: give the keys with their prefix ("${first}", "${second}") or use one placeholder style`,
    );
  }
  // "Unknown named parameter 'mail'".
  const unknown = /Unknown named parameter '([^']+)'/.exec(message)?.[1];
  if (unknown) {
    const bare = unknown.replace(/^[:@$]/, '');
    return parameterProblem(
      index,
      unknown,
      `The SQL has no parameter :${bare} (or @${bare}, $${bare}); name it as the SQL does`,
    );
  }
  return parameterProblem(index, undefined, message);
}

function withItem(message: string, context: ErrorContext): string {
  if (!context.item) return message;
  const { index, count } = context.item;
  return `Batch item ${index} failed, so the transaction was rolled back and none of the ${count} items was written: ${message}`;
}

function itemDetails(context: ErrorContext) {
  return context.item ? { details: { itemIndex: context.item.index } } : {};
}

/** SQLite says `near "selec": syntax error`; point at where that is in the SQL. */
function syntaxHint(message: string, sql: string | undefined): string {
  if (/^incomplete input$/.test(message)) {
    return 'The SQL ends too early: look for an unclosed parenthesis or quote, or a clause with nothing after it (e.g. WHERE at the end).';
  }
  const token =
    /near "([\s\S]*)": syntax error$/.exec(message)?.[1] ??
    /^unrecognized token: "([\s\S]*)"$/.exec(message)?.[1];
  if (!token) return 'SQLite could not parse the SQL: check its spelling and punctuation.';
  const at = sql ? positionOf(sql, token) : undefined;
  const where = at ? ` (line ${at.line}, column ${at.column})` : '';
  return `SQLite could not parse the SQL near "${token}"${where}: check the spelling and punctuation there. Text values go in single quotes; an unclosed quote makes the rest of the SQL one token.`;
}

function tableList(db: DatabaseSync | undefined): string {
  if (!db) return '';
  try {
    const names = db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all()
      .map((row) => String(row.name));
    return names.length === 0
      ? ' The database has no tables yet.'
      : ` Tables and views here: ${names.slice(0, 20).join(', ')}${names.length > 20 ? ', …' : ''}.`;
  } catch {
    return '';
  }
}
