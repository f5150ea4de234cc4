import { IntegrationError, invalidFieldsError, isIntegrationError } from '@knotwork/sdk';
import {
  clientMessageRules,
  type ErrorRule,
  messageRules,
  networkRules,
  sqlstateClassRules,
  sqlstateRules,
} from './errors.js';

export interface ErrorContext {
  host: string;
  port: number;
  sql?: string;
  /** Per-item batch: the item that failed and how many there were. */
  item?: { index: number; count: number };
  /** Insert rows: the statement that failed, how many there were, and its rows. */
  statement?: { index: number; count: number; firstRow: number; lastRow: number };
  /** How many times the transaction ran, when it was retried. */
  attempts?: number;
  /** Values to blank out of every text, beyond what the host already masks. */
  secrets: string[];
}

/** The fields node-postgres copies from PostgreSQL's ErrorResponse. */
interface ServerError {
  message: string;
  code: string;
  severity?: string;
  detail?: string;
  hint?: string;
  position?: string;
  schema?: string;
  table?: string;
  column?: string;
  constraint?: string;
}

export function sqlstateOf(error: unknown): string | undefined {
  return isServerError(error) ? error.code : undefined;
}

/** A property of a thrown value, whatever was thrown. */
export function propertyOf(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? Reflect.get(value, name) : undefined;
}

/** PostgreSQL's own errors carry a severity and a five-character SQLSTATE. */
function isServerError(error: unknown): error is Error & ServerError {
  return (
    error instanceof Error &&
    typeof propertyOf(error, 'severity') === 'string' &&
    /^[0-9A-Z]{5}$/.test(String(propertyOf(error, 'code')))
  );
}

/** Any failure as an IntegrationError with PostgreSQL's condition name and a hint. */
export function toPostgresError(error: unknown, context: ErrorContext): IntegrationError {
  const scrub = scrubber(context.secrets);
  if (isIntegrationError(error)) return error.mapStrings(scrub);
  if (isServerError(error)) return fromServerError(error, context, scrub);
  const code = propertyOf(error, 'code');
  const message = error instanceof Error ? error.message : String(error);
  const network = typeof code === 'string' ? networkRules[code] : undefined;
  const client = clientMessageRules.find((rule) => rule.pattern.test(message));
  const rule: ErrorRule = network ??
    client ?? {
      code: 'postgres_error',
      hint: 'node-postgres reported an error: see the message; if it looks like a knotwork problem, report it.',
    };
  return new IntegrationError({
    service: 'postgres',
    code: rule.code,
    message: scrub(framed(connectionMessage(message, code, context), context)),
    hint: scrub(fill(rule.hint, { host: context.host, port: String(context.port) })),
    ...(rule.retryable ? { retryable: true } : {}),
    ...(typeof code === 'string' ? { details: { errorCode: code, ...position(context) } } : {}),
  });
}

function fromServerError(
  error: ServerError,
  context: ErrorContext,
  scrub: (text: string) => string,
): IntegrationError {
  // 08P01 "bind message supplies 1 parameters, but prepared statement "" requires 2".
  const counts =
    /bind message supplies (\d+) parameters?, but prepared statement "[^"]*" requires (\d+)/.exec(
      error.message,
    );
  if (counts) {
    const path = context.item ? `items.${context.item.index}` : 'parameters';
    return invalidFieldsError('postgres', 'The query', [
      {
        path,
        message: `The SQL has ${counts[2]} placeholder(s) ($1, $2, …) but ${counts[1]} value(s) were given`,
      },
    ]);
  }
  const rule: ErrorRule = sqlstateRules[error.code] ??
    sqlstateClassRules[error.code.slice(0, 2)] ?? {
      code: `sqlstate_${error.code.toLowerCase()}`,
      hint: 'PostgreSQL rejected the statement: the message says why.',
    };
  const values = {
    constraint: error.constraint ?? '',
    table: error.table ?? '',
    column: error.column ?? '',
    schema: error.schema ?? '',
    host: context.host,
    port: String(context.port),
  };
  const refined = messageRules.find(
    (candidate) => candidate.sqlstate === error.code && candidate.pattern.test(error.message),
  );
  let hint = fill(refined?.hint ?? rule.hint, values);
  const where = error.position && context.sql ? locate(context.sql, Number(error.position)) : '';
  if (where) hint = `${hint} The problem is at ${where}.`;
  if (error.hint) hint = `${hint} PostgreSQL suggests: ${error.hint}`;
  if (rule.retryable && context.attempts && context.attempts > 1) {
    hint = `${hint} knotwork already ran it ${context.attempts} times.`;
  }
  const message = error.detail ? `${error.message}. ${error.detail}` : error.message;
  return new IntegrationError({
    service: 'postgres',
    code: rule.code,
    message: scrub(framed(message, context)),
    hint: scrub(hint),
    ...(rule.retryable ? { retryable: true } : {}),
    details: JSON.parse(
      scrub(
        JSON.stringify({
          sqlstate: error.code,
          ...(error.constraint ? { constraint: error.constraint } : {}),
          ...(error.schema ? { schema: error.schema } : {}),
          ...(error.table ? { table: error.table } : {}),
          ...(error.column ? { column: error.column } : {}),
          ...(error.detail ? { detail: error.detail } : {}),
          ...(error.position ? { position: Number(error.position) } : {}),
          ...position(context),
          ...(context.attempts && context.attempts > 1 ? { attempts: context.attempts } : {}),
        }),
      ),
    ),
  });
}

/** Says which batch item or insert statement failed, and that nothing was written. */
function framed(message: string, context: ErrorContext): string {
  if (context.item) {
    const { index, count } = context.item;
    return `Batch item ${index} failed, so the transaction was rolled back and none of the ${count} items was written: ${message}`;
  }
  if (context.statement && context.statement.count > 1) {
    const { index, count, firstRow, lastRow } = context.statement;
    return `Insert statement ${index + 1} of ${count} (rows ${firstRow}–${lastRow}) failed, so the transaction was rolled back and no row was written: ${message}`;
  }
  return message;
}

function position(context: ErrorContext) {
  return {
    ...(context.item ? { itemIndex: context.item.index } : {}),
    ...(context.statement ? { statementIndex: context.statement.index } : {}),
  };
}

function connectionMessage(message: string, code: unknown, context: ErrorContext): string {
  if (code === 'ECONNREFUSED') return `Connection refused by ${context.host}:${context.port}`;
  return message;
}

/** "line 2, column 7 (near “FORM users”)" from PostgreSQL's 1-based character position. */
function locate(sql: string, position: number): string {
  if (!Number.isInteger(position) || position < 1 || position > sql.length + 1) return '';
  const before = sql.slice(0, position - 1);
  const line = before.split('\n').length;
  const column = position - 1 - before.lastIndexOf('\n');
  const near = sql
    .slice(position - 1, position + 19)
    .split('\n')[0]
    ?.trim();
  return `line ${line}, column ${column}${near ? ` (near "${near}")` : ''}`;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_whole, name: string) => values[name] || '?');
}

function scrubber(secrets: string[]): (text: string) => string {
  const masked = secrets.filter((secret) => secret.length >= 4);
  return (text) => masked.reduce((result, secret) => result.split(secret).join('[redacted]'), text);
}
