import { performance } from 'node:perf_hooks';
import { defineNode, FieldType, field, invalidFieldsError, z } from '@knotwork/sdk';
import { database } from '../credentials.js';
import {
  connectionKey,
  type DatabaseSettings,
  openDatabase,
  resolveDatabasePath,
} from '../database-file.js';
import { runBatch, runSingle } from '../execute.js';
import { toSqliteError } from '../sqlite-error.js';
import { bindParameters, parameterSet } from '../values.js';

const input = z.strictObject({
  sql: field(z.string().trim().min(1, 'Write one SQL statement'), {
    field: FieldType.CODE,
    label: 'SQL',
    description:
      'One statement. Placeholders: ? and ?NNN take positional parameters; :name, @name and $name take named ones.',
    placeholder: 'SELECT * FROM users WHERE email = :email',
  }),
  parameters: field(parameterSet.optional(), {
    field: FieldType.JSON,
    label: 'Parameters',
    description:
      'An array for ? and ?NNN ([42, "a"]) or an object for named placeholders ({"email": "a@b.c"}). Booleans are stored as 1/0, objects and arrays as JSON text, files as BLOBs.',
  }),
  items: field(z.array(parameterSet).min(1, 'Give at least one parameter set').optional(), {
    field: FieldType.JSON,
    label: 'Batch items',
    description:
      'Run the statement once per parameter set, all in one transaction: every item is written or none is.',
  }),
  mode: field(z.enum(['auto', 'rows', 'write']).default('auto'), {
    field: FieldType.SELECT,
    label: 'Returns',
    description:
      'rows: the rows the statement returns. write: how many rows changed and the last inserted rowid. auto: rows when the statement returns columns (SELECT, PRAGMA, RETURNING), else write.',
  }),
  readOnly: field(z.boolean().optional(), {
    label: 'Read-only',
    description:
      "Open the database read-only for this run, so any write fails. Leave empty to follow the credential's setting.",
  }),
});

const row = z.record(z.string(), z.unknown());
const rowsResult = z.object({ rows: z.array(row), rowCount: z.number().int() });
const writeResult = z.object({
  changes: z.number().int(),
  lastInsertRowid: z.union([z.number().int(), z.string()]).nullable(),
});
const output = z.union([
  rowsResult,
  writeResult,
  z.object({
    items: z.array(z.union([rowsResult, writeResult])),
    changes: z.number().int(),
    rowCount: z.number().int(),
  }),
]);

/** https://www.sqlite.org/lang.html and https://nodejs.org/api/sqlite.html */
export const query = defineNode({
  key: 'query',
  kind: 'action',
  displayName: 'Query',
  description:
    'Runs one SQL statement on an SQLite file, with parameters; a batch of parameter sets runs in one transaction.',
  credentials: [database],
  input,
  output,
  run: async (ctx, request) => {
    const { data } = ctx.credential;
    if (request.parameters !== undefined && request.items !== undefined) {
      throw invalidFieldsError('sqlite', 'Input of sqlite.query', [
        { path: 'parameters', message: 'Give parameters or batch items, not both' },
        { path: 'items', message: 'Give parameters or batch items, not both' },
      ]);
    }
    if (data.readOnly && request.readOnly === false) {
      throw invalidFieldsError('sqlite', 'Input of sqlite.query', [
        {
          path: 'readOnly',
          message:
            'The credential is read-only, so this node cannot write: use a credential that is not read-only',
        },
      ]);
    }
    const settings: DatabaseSettings = {
      file: resolveDatabasePath(data.path),
      readOnly: request.readOnly ?? data.readOnly,
      createIfMissing: data.createIfMissing,
      busyTimeoutMs: data.busyTimeoutMs,
    };
    const context = { file: settings.file, readOnly: settings.readOnly };
    // Files are read before the transaction starts, so the batch itself never awaits.
    const parameterSets = await Promise.all(
      (request.items ?? [request.parameters]).map((set) => bindParameters(set)),
    );
    const db = await ctx.connections
      .get(
        connectionKey(settings),
        () => openDatabase(settings),
        (open) => open.close(),
      )
      .catch((error: unknown) => {
        throw toSqliteError(error, context);
      });
    ctx.signal.throwIfAborted();

    const started = performance.now();
    const run = { db, sql: request.sql, mode: request.mode, context };
    const result = request.items
      ? runBatch(run, parameterSets)
      : runSingle(run, parameterSets[0] ?? { kind: 'positional', values: [] });
    ctx.logger.info('SQLite statement ran', {
      file: settings.file,
      readOnly: settings.readOnly,
      items: request.items?.length ?? 1,
      ms: Math.round(performance.now() - started),
    });
    return result;
  },
});
