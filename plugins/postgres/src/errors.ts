/**
 * PostgreSQL's failures as data. Server errors carry a SQLSTATE; the code knotwork reports
 * is PostgreSQL's own condition name for it, so it can be looked up in Appendix A
 * (https://www.postgresql.org/docs/current/errcodes-appendix.html). Hints may name
 * {constraint}, {table}, {column}, {schema}, {host} and {port}: they are filled in from the
 * error and the connection.
 */
export interface ErrorRule {
  code: string;
  hint: string;
  /** Running again later can succeed without changing anything. */
  retryable?: boolean;
}

const CASE_HINT =
  'PostgreSQL folds unquoted names to lower case: a name created with capitals needs double quotes ("MyTable").';

export const sqlstateRules: Record<string, ErrorRule> = {
  // Class 08: connection exception
  '08001': {
    code: 'sqlclient_unable_to_establish_sqlconnection',
    hint: 'The connection could not be set up: check host, port and SSL settings.',
    retryable: true,
  },
  '08006': {
    code: 'connection_failure',
    hint: 'The connection to the server failed: run again; if it persists, check the server.',
    retryable: true,
  },
  // Class 22: data exception
  '22001': {
    code: 'string_data_right_truncation',
    hint: 'A value is longer than its column allows (varchar(n)): shorten it or widen the column.',
  },
  '22003': {
    code: 'numeric_value_out_of_range',
    hint: 'A number does not fit its column type (e.g. above 2147483647 for integer): use bigint or numeric.',
  },
  '22007': {
    code: 'invalid_datetime_format',
    hint: 'A date or time could not be read: use ISO 8601, e.g. 2024-05-31 or 2024-05-31T12:00:00Z.',
  },
  '22008': {
    code: 'datetime_field_overflow',
    hint: 'A date or time is out of range (e.g. month 13): check the value.',
  },
  '22012': {
    code: 'division_by_zero',
    hint: 'The statement divides by zero: guard it with NULLIF(x, 0).',
  },
  '22P02': {
    code: 'invalid_text_representation',
    hint: "A value cannot be read as its column's type (text into an integer or uuid, or a list into a json column): convert the value, or cast the parameter, e.g. $1::jsonb.",
  },
  // Class 23: integrity constraint violation
  '23502': {
    code: 'not_null_violation',
    hint: 'Column "{column}" of "{table}" needs a value: give one, or give the column a DEFAULT.',
  },
  '23503': {
    code: 'foreign_key_violation',
    hint: 'Foreign key "{constraint}" on "{table}": the row points at a parent row that does not exist, or a parent still has child rows. Insert the parent first, or delete the children first.',
  },
  '23505': {
    code: 'unique_violation',
    hint: 'Another row already has this value (constraint "{constraint}" on "{table}"): use another value, or add ON CONFLICT DO NOTHING / DO UPDATE (Insert rows: onConflict "doNothing").',
  },
  '23514': {
    code: 'check_violation',
    hint: 'The row fails check constraint "{constraint}" on "{table}": fix the value it tests.',
  },
  '23P01': {
    code: 'exclusion_violation',
    hint: 'The row conflicts with another under exclusion constraint "{constraint}" (e.g. overlapping ranges).',
  },
  // Class 25: invalid transaction state
  '25006': {
    code: 'read_only_sql_transaction',
    hint: 'The server refuses writes here: this is a read-only replica (hot standby) or the transaction is read-only. Connect to the primary to write.',
  },
  '25P02': {
    code: 'in_failed_sql_transaction',
    hint: 'An earlier statement in this transaction failed: the transaction must be rolled back first.',
  },
  // Class 28: invalid authorization specification
  '28000': {
    code: 'invalid_authorization_specification',
    hint: 'The server refused this user from this address (pg_hba.conf), or the role does not exist: check the user name, and ask the administrator to allow the connection.',
  },
  '28P01': {
    code: 'invalid_password',
    hint: 'The server rejected the password for this user: check the user name and password (in a URL, percent-encode special characters in the password).',
  },
  // Class 3D / 3F: missing database or schema
  '3D000': {
    code: 'invalid_catalog_name',
    hint: 'No database by that name on this server: check the database name (psql lists them with \\l).',
  },
  '3F000': {
    code: 'invalid_schema_name',
    hint: 'No schema by that name: check its spelling, or create it with CREATE SCHEMA.',
  },
  // Class 40: transaction rollback
  '40001': {
    code: 'serialization_failure',
    hint: 'A concurrent transaction changed the same rows, so PostgreSQL rolled this one back; nothing was written. Run again.',
    retryable: true,
  },
  '40P01': {
    code: 'deadlock_detected',
    hint: 'Two transactions waited for each other and PostgreSQL rolled this one back; nothing was written. Run again; if it recurs, make writers lock rows in the same order.',
    retryable: true,
  },
  // Class 42: syntax error or access rule violation
  '42501': {
    code: 'insufficient_privilege',
    hint: 'The user may not do this: GRANT the privilege to the user, or connect as a user who has it.',
  },
  '42601': { code: 'syntax_error', hint: 'PostgreSQL could not parse the SQL.' },
  '42703': {
    code: 'undefined_column',
    hint: `No column by that name in the tables the statement uses: check the spelling. ${CASE_HINT}`,
  },
  '42883': {
    code: 'undefined_function',
    hint: 'No function or operator takes these argument types: check the name, or cast the parameters (e.g. $1::int).',
  },
  '42P01': {
    code: 'undefined_table',
    hint: `No table by that name in the schemas on the search path: check the spelling, or name the schema (schema.table). ${CASE_HINT}`,
  },
  '42P07': {
    code: 'duplicate_table',
    hint: 'A table by that name already exists: use CREATE TABLE IF NOT EXISTS, or another name.',
  },
  '42P18': {
    code: 'indeterminate_datatype',
    hint: 'PostgreSQL cannot tell the type of a parameter from the SQL: cast it, e.g. $1::text.',
  },
  // Class 53: insufficient resources
  '53100': { code: 'disk_full', hint: "The server's disk is full: free space on the server." },
  '53200': {
    code: 'out_of_memory',
    hint: 'The server ran out of memory: return fewer rows (LIMIT) or simplify the statement.',
    retryable: true,
  },
  '53300': {
    code: 'too_many_connections',
    hint: 'The server, or this user, has no free connection slot: lower "Pool size" in the credential, close other clients, or raise max_connections (or the role\'s CONNECTION LIMIT).',
    retryable: true,
  },
  // Class 55: object not in prerequisite state
  '55P03': {
    code: 'lock_not_available',
    hint: 'A row or table was locked by another transaction for longer than lock_timeout: run again.',
    retryable: true,
  },
  // Class 57: operator intervention
  '57014': {
    code: 'query_canceled',
    hint: 'The statement was cancelled: it ran past statement_timeout, or the run was stopped. Make it faster, or raise the timeout.',
  },
  '57P01': {
    code: 'admin_shutdown',
    hint: 'The server closed the connection (an administrator ended it, or the server is shutting down). knotwork dropped that connection; run again.',
    retryable: true,
  },
  '57P02': {
    code: 'crash_shutdown',
    hint: 'The server restarted after a crash: run again in a moment.',
    retryable: true,
  },
  '57P03': {
    code: 'cannot_connect_now',
    hint: 'The server is starting up or in recovery: run again in a moment.',
    retryable: true,
  },
  P0001: {
    code: 'raise_exception',
    hint: 'A function or trigger raised this error on purpose: the message is its own.',
  },
};

/** Finer hints for one SQLSTATE, told apart by the server's message. */
export const messageRules: Array<{ sqlstate: string; pattern: RegExp; hint: string }> = [
  {
    sqlstate: '42601',
    pattern: /^cannot insert multiple commands into a prepared statement$/,
    hint: 'With parameters, the SQL must be a single statement: split it into separate nodes, or run it without parameters.',
  },
];

/** When the exact SQLSTATE is not listed: its class, the first two characters. */
export const sqlstateClassRules: Record<string, ErrorRule> = {
  '08': {
    code: 'connection_exception',
    hint: 'The connection failed: run again.',
    retryable: true,
  },
  '22': { code: 'data_exception', hint: 'A value is not valid for its column or function.' },
  '23': {
    code: 'integrity_constraint_violation',
    hint: 'A constraint rejected the row: the message names it.',
  },
  '28': { code: 'invalid_authorization_specification', hint: 'The server refused the login.' },
  '40': {
    code: 'transaction_rollback',
    hint: 'PostgreSQL rolled the transaction back; nothing was written. Run again.',
    retryable: true,
  },
  '42': {
    code: 'syntax_error_or_access_rule_violation',
    hint: 'PostgreSQL rejected the statement: the message says why.',
  },
  '53': {
    code: 'insufficient_resources',
    hint: 'The server is short of a resource: run again later.',
    retryable: true,
  },
  '54': {
    code: 'program_limit_exceeded',
    hint: 'The statement exceeds a server limit: split it up.',
  },
  '57': {
    code: 'operator_intervention',
    hint: 'The server stopped the statement: run again.',
    retryable: true,
  },
  '58': { code: 'system_error', hint: 'The server had an I/O error: check the server.' },
  XX: { code: 'internal_error', hint: 'The server hit an internal error: check its log.' },
};

/** Failures below PostgreSQL: the operating system's socket errors and TLS verdicts. */
export const networkRules: Record<string, ErrorRule> = {
  ECONNREFUSED: {
    code: 'connection_refused',
    hint: 'Nothing accepts connections at {host}:{port}: check the host and port, and that PostgreSQL runs there and listens on that address (listen_addresses).',
    retryable: true,
  },
  ENOTFOUND: {
    code: 'host_not_found',
    hint: 'The host name {host} does not resolve from the machine running knotwork: check its spelling.',
  },
  EAI_AGAIN: {
    code: 'host_not_found',
    hint: 'The host name {host} could not be resolved right now (DNS did not answer): run again, and check the name.',
    retryable: true,
  },
  ETIMEDOUT: {
    code: 'connection_timeout',
    hint: 'No answer from {host}:{port}: a firewall may drop the traffic, or the server is down.',
    retryable: true,
  },
  EHOSTUNREACH: {
    code: 'host_unreachable',
    hint: 'No network route to {host}: check the address and the network.',
    retryable: true,
  },
  ENETUNREACH: {
    code: 'host_unreachable',
    hint: 'No network route to {host}: check the address and the network.',
    retryable: true,
  },
  ECONNRESET: {
    code: 'connection_reset',
    hint: 'The server closed the connection abruptly: run again; if it recurs, check the SSL setting and the server log.',
    retryable: true,
  },
  DEPTH_ZERO_SELF_SIGNED_CERT: {
    code: 'certificate_not_trusted',
    hint: 'The server presents a self-signed certificate: paste it (or its CA) as "CA certificate", or use SSL "require" to encrypt without checking who the server is.',
  },
  SELF_SIGNED_CERT_IN_CHAIN: {
    code: 'certificate_not_trusted',
    hint: 'The server\'s certificate comes from a CA this machine does not trust (e.g. a cloud provider\'s): paste that CA\'s PEM as "CA certificate", or use SSL "require".',
  },
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: {
    code: 'certificate_not_trusted',
    hint: 'The server\'s certificate cannot be traced to a trusted CA: paste the CA\'s PEM as "CA certificate", or use SSL "require".',
  },
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: {
    code: 'certificate_not_trusted',
    hint: 'The CA that signed the server\'s certificate is not trusted here: paste its PEM as "CA certificate", or use SSL "require".',
  },
  CERT_HAS_EXPIRED: {
    code: 'certificate_expired',
    hint: "The server's certificate has expired: the server's administrator must renew it.",
  },
  ERR_TLS_CERT_ALTNAME_INVALID: {
    code: 'certificate_host_mismatch',
    hint: 'The certificate is valid but not for {host}: connect with the host name the certificate names, or use SSL "require" (no host check).',
  },
};

/** node-postgres' own errors, which carry no code: matched on their message. */
export const clientMessageRules: Array<ErrorRule & { pattern: RegExp }> = [
  {
    pattern: /^The server does not support SSL connections$/,
    code: 'ssl_not_supported',
    hint: 'The server at {host}:{port} does not accept SSL: set SSL to "disable" (only on a network you trust), or turn ssl on in the server.',
  },
  {
    pattern:
      /timeout exceeded when trying to connect|Connection terminated due to connection timeout|^timeout expired$/,
    code: 'connection_timeout',
    hint: 'Connecting to {host}:{port} took longer than the connection timeout: check the server is reachable, or raise "Connection timeout".',
    retryable: true,
  },
  {
    pattern: /^Connection terminated unexpectedly$/,
    code: 'connection_lost',
    hint: 'The server closed the connection without saying why: run again; check the server log if it recurs.',
    retryable: true,
  },
  {
    pattern: /client password must be a string|password authentication failed.*no password|^SASL: /,
    code: 'password_required',
    hint: 'The server asks for a password and the credential has none: add the password.',
  },
];

/** SQLSTATEs after which PostgreSQL has rolled the whole transaction back, so running it again is safe. */
export const RETRY_TRANSACTION_SQLSTATES = new Set(['40001', '40P01']);

/** How often and how long knotwork retries such a transaction before reporting it. */
export const transactionRetry = { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 1_000 };
