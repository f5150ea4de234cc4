/**
 * SQLite's result codes as data: the name SQLite gives each one, the code knotwork reports,
 * and what a person should do. node:sqlite puts the extended code in `errcode`; a code not
 * listed here falls back to its primary code, the low 8 bits.
 * https://www.sqlite.org/rescode.html
 */
export interface ResultCodeRule {
  /** SQLite's own name, kept in the error's details so it can be looked up. */
  name: string;
  /** knotwork's stable code for the error. */
  code: string;
  hint: string;
  retryable?: boolean;
}

const extended = (primary: number, n: number) => primary | (n << 8);
const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;
const SQLITE_READONLY = 8;
const SQLITE_CANTOPEN = 14;
const SQLITE_CONSTRAINT = 19;

const busyHint =
  'Another connection held a lock for longer than the busy timeout. Run again; if it keeps happening, raise "Busy timeout" in the credential, keep write transactions short, or switch the file to WAL mode (PRAGMA journal_mode=WAL) so readers do not wait for writers.';
const readOnlyFileHint =
  'SQLite could not write: the file or its folder is not writable by the user knotwork runs as (SQLite also writes a journal file next to the database). Fix the permissions.';

export const resultCodes: Record<number, ResultCodeRule> = {
  1: {
    name: 'SQLITE_ERROR',
    code: 'sqlite_error',
    hint: 'SQLite rejected the statement: the message says why.',
  },
  3: {
    name: 'SQLITE_PERM',
    code: 'permission_denied',
    hint: 'The operating system refused access to the file: check its permissions.',
  },
  4: {
    name: 'SQLITE_ABORT',
    code: 'aborted',
    hint: 'The statement was aborted (a trigger called RAISE(ABORT) or the transaction was rolled back): see the message.',
  },
  [SQLITE_BUSY]: { name: 'SQLITE_BUSY', code: 'busy', hint: busyHint, retryable: true },
  [extended(SQLITE_BUSY, 1)]: {
    name: 'SQLITE_BUSY_RECOVERY',
    code: 'busy',
    hint: 'Another process is recovering the WAL file after a crash: run again in a moment.',
    retryable: true,
  },
  [extended(SQLITE_BUSY, 2)]: {
    name: 'SQLITE_BUSY_SNAPSHOT',
    code: 'busy',
    hint: 'Another connection wrote after this transaction started reading (WAL mode): run the batch again.',
    retryable: true,
  },
  [SQLITE_LOCKED]: {
    name: 'SQLITE_LOCKED',
    code: 'locked',
    hint: 'A table is locked by another statement on the same connection: run again.',
    retryable: true,
  },
  7: {
    name: 'SQLITE_NOMEM',
    code: 'out_of_memory',
    hint: 'SQLite ran out of memory: return fewer rows (add LIMIT) or free memory.',
  },
  [SQLITE_READONLY]: { name: 'SQLITE_READONLY', code: 'read_only', hint: readOnlyFileHint },
  [extended(SQLITE_READONLY, 2)]: {
    name: 'SQLITE_READONLY_CANTLOCK',
    code: 'read_only',
    hint: 'The WAL shared-memory file (-shm) is read-only: make the folder and its -shm file writable.',
  },
  [extended(SQLITE_READONLY, 4)]: {
    name: 'SQLITE_READONLY_DBMOVED',
    code: 'read_only',
    hint: 'The database file was moved or deleted while open: fix the path in the credential and run again.',
  },
  [extended(SQLITE_READONLY, 6)]: {
    name: 'SQLITE_READONLY_DIRECTORY',
    code: 'read_only',
    hint: 'SQLite cannot create its journal file because the folder is read-only: make the folder writable.',
  },
  9: {
    name: 'SQLITE_INTERRUPT',
    code: 'interrupted',
    hint: 'The statement was interrupted: run again.',
    retryable: true,
  },
  10: {
    name: 'SQLITE_IOERR',
    code: 'io_error',
    hint: 'The operating system reported a read or write error on the file: check the disk and run again.',
    retryable: true,
  },
  11: {
    name: 'SQLITE_CORRUPT',
    code: 'corrupt',
    hint: 'The database file is damaged: restore it from a backup, or try the sqlite3 shell\'s ".recover".',
  },
  13: {
    name: 'SQLITE_FULL',
    code: 'disk_full',
    hint: 'The disk (or the temp folder) is full: free space and run again.',
  },
  [SQLITE_CANTOPEN]: {
    name: 'SQLITE_CANTOPEN',
    code: 'cannot_open',
    hint: 'SQLite could not open the file: check the path, that it is a file, and that its folder is readable and writable.',
  },
  [extended(SQLITE_CANTOPEN, 2)]: {
    name: 'SQLITE_CANTOPEN_ISDIR',
    code: 'cannot_open',
    hint: 'The path is a folder: give the path of the database file itself.',
  },
  18: {
    name: 'SQLITE_TOOBIG',
    code: 'too_big',
    hint: 'A string or BLOB is larger than SQLite allows (1 GB by default): store less per row.',
  },
  [SQLITE_CONSTRAINT]: {
    name: 'SQLITE_CONSTRAINT',
    code: 'constraint_violation',
    hint: 'A constraint on the table rejected the row: the message names it.',
  },
  [extended(SQLITE_CONSTRAINT, 1)]: {
    name: 'SQLITE_CONSTRAINT_CHECK',
    code: 'check_violation',
    hint: 'A CHECK constraint rejected the row. Fix the value it tests (the message quotes the check).',
  },
  [extended(SQLITE_CONSTRAINT, 3)]: {
    name: 'SQLITE_CONSTRAINT_FOREIGNKEY',
    code: 'foreign_key_violation',
    hint: 'The row points at a parent row that does not exist, or a parent still has child rows. Insert the parent first or delete the children first (foreign keys are enforced on every knotwork connection).',
  },
  [extended(SQLITE_CONSTRAINT, 5)]: {
    name: 'SQLITE_CONSTRAINT_NOTNULL',
    code: 'not_null_violation',
    hint: 'A NOT NULL column got no value: give a value for the column the message names.',
  },
  [extended(SQLITE_CONSTRAINT, 6)]: {
    name: 'SQLITE_CONSTRAINT_PRIMARYKEY',
    code: 'primary_key_violation',
    hint: 'A row with this primary key already exists: use another key, or INSERT ... ON CONFLICT DO UPDATE to update it.',
  },
  [extended(SQLITE_CONSTRAINT, 7)]: {
    name: 'SQLITE_CONSTRAINT_TRIGGER',
    code: 'trigger_raised',
    hint: "A trigger refused the change with RAISE(): the message is the trigger's own.",
  },
  [extended(SQLITE_CONSTRAINT, 8)]: {
    name: 'SQLITE_CONSTRAINT_UNIQUE',
    code: 'unique_violation',
    hint: 'Another row already has this value in a UNIQUE column: use another value, or INSERT ... ON CONFLICT DO NOTHING / DO UPDATE.',
  },
  [extended(SQLITE_CONSTRAINT, 12)]: {
    name: 'SQLITE_CONSTRAINT_DATATYPE',
    code: 'datatype_mismatch',
    hint: 'This is a STRICT table and the value has the wrong type for the column: convert it first (e.g. a number, not text).',
  },
  20: {
    name: 'SQLITE_MISMATCH',
    code: 'datatype_mismatch',
    hint: 'An INTEGER PRIMARY KEY (rowid) got a value that is not an integer.',
  },
  23: {
    name: 'SQLITE_AUTH',
    code: 'not_authorized',
    hint: 'An authorizer on the connection refused the statement.',
  },
  25: {
    name: 'SQLITE_RANGE',
    code: 'invalid_input',
    hint: 'More parameter values were given than the SQL has placeholders: remove the extra values or add placeholders.',
  },
  26: {
    name: 'SQLITE_NOTADB',
    code: 'not_a_database',
    hint: 'The file is not an SQLite database (or it is encrypted): check the path points at the right file.',
  },
};

/** Rules for the messages SQLite reports under the generic SQLITE_ERROR. */
export const genericErrorRules: Array<{ pattern: RegExp; code: string; hint: string }> = [
  {
    pattern: /^no such table: /,
    code: 'no_such_table',
    hint: "No table by that name in this database. Check the spelling and the credential's file.",
  },
  {
    pattern: /^no such column: /,
    code: 'no_such_column',
    hint: 'No column by that name in the tables the statement uses: check the spelling. A value in double quotes is a column name in SQLite; put text in single quotes.',
  },
  {
    pattern: /syntax error$|^unrecognized token: |^incomplete input$/,
    code: 'syntax_error',
    hint: 'SQLite could not parse the SQL.',
  },
  {
    pattern: /^cannot (commit|rollback) - no transaction is active$/,
    code: 'no_transaction',
    hint: 'Each run ends its own work: to run several statements in one transaction, give them as batch items.',
  },
];

/** node:sqlite's own refusals while binding parameters, before SQLite sees them. */
export const bindingErrorCodes = new Set(['ERR_INVALID_STATE', 'ERR_INVALID_ARG_TYPE']);
