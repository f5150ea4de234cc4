import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { defineCredential, field, z } from '@knotwork/sdk';
import {
  fileNotFound,
  IN_MEMORY_REFUSAL,
  isInMemoryName,
  isUriName,
  resolveDatabasePath,
} from './database-file.js';
import { toSqliteError } from './sqlite-error.js';
import { SQLITE_DOCS_URL } from './urls.js';

export const DEFAULT_BUSY_TIMEOUT_MS = 2_000;

const databasePath = z
  .string()
  .trim()
  .min(1, 'Give the path of the database file, e.g. /data/app.db')
  .refine((path) => !isInMemoryName(path), IN_MEMORY_REFUSAL)
  .refine(
    (path) => isInMemoryName(path) || !isUriName(path),
    'Give a plain file path, not a file: URI: open options come from the credential fields.',
  );

export const database = defineCredential({
  key: 'database',
  displayName: 'SQLite database file',
  description: 'A database file on the machine running knotwork.',
  kind: 'custom',
  schema: z.object({
    path: field(databasePath, {
      label: 'Database file',
      description:
        'Absolute path, ~/path, or a path relative to the folder knotwork runs in. :memory: is not allowed.',
      placeholder: '/var/lib/myapp/data.db',
    }),
    readOnly: field(z.boolean().default(false), {
      label: 'Read-only',
      description:
        'Open the file read-only for every run: writes fail and no node can turn writing back on.',
    }),
    createIfMissing: field(z.boolean().default(false), {
      label: 'Create if missing',
      description: 'Let a write create an empty database when the file does not exist yet.',
      advanced: true,
    }),
    busyTimeoutMs: field(z.number().int().min(0).max(60_000).default(DEFAULT_BUSY_TIMEOUT_MS), {
      label: 'Busy timeout (ms)',
      description:
        "How long a statement waits for another connection's lock before failing with SQLITE_BUSY. The process waits with it (node:sqlite is synchronous), so keep it short.",
      advanced: true,
    }),
  }),
  authenticate: { type: 'none' },
  test: async (ctx) => {
    const { data } = ctx.credential;
    const file = resolveDatabasePath(data.path);
    if (!existsSync(file)) {
      if (data.createIfMissing && !data.readOnly && existsSync(dirname(file))) {
        return {
          ok: true,
          message: `${file} does not exist yet; the first write will create it.`,
        };
      }
      const missing = fileNotFound(file, data);
      return { ok: false, message: missing.message, hint: missing.hint };
    }
    // Read-only, so pressing "Test connection" can never create or change the file.
    let db: DatabaseSync | undefined;
    try {
      db = new DatabaseSync(file, { readOnly: true, timeout: data.busyTimeoutMs });
      // `SELECT 1` alone would pass on any file: SQLite reads the header only when it needs
      // the schema, so counting tables is what proves this is a database.
      const row = db
        .prepare(
          "SELECT 1 AS ok, sqlite_version() AS version, (SELECT count(*) FROM sqlite_schema WHERE type = 'table') AS tables",
        )
        .get();
      const tables = Number(row?.tables ?? 0);
      return {
        ok: true,
        message: `Opened ${file}: SQLite ${String(row?.version)}, ${tables} table${tables === 1 ? '' : 's'}${data.readOnly ? ' (read-only)' : ''}.`,
      };
    } catch (error) {
      const mapped = toSqliteError(error, { file, readOnly: true });
      return { ok: false, message: mapped.message, hint: mapped.hint };
    } finally {
      db?.close();
    }
  },
  docsUrl: SQLITE_DOCS_URL,
});
