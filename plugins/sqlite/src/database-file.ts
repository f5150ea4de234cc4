import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { IntegrationError } from '@knotwork/sdk';

/** How a run opens its database, from the credential and the node's readOnly switch. */
export interface DatabaseSettings {
  /** Absolute path. */
  file: string;
  readOnly: boolean;
  createIfMissing: boolean;
  busyTimeoutMs: number;
}

/**
 * Why a saved credential may not name an in-memory database: each connection to
 * `:memory:` (or a `file:...?mode=memory` URI) is its own private, empty database. The
 * read-only and read-write connections would see different data, and everything would
 * vanish when the host closes its connections.
 */
export const IN_MEMORY_REFUSAL =
  'An in-memory database cannot be saved as a credential: every connection to it is a separate, empty database that disappears when knotwork closes it. Give a file path instead (a file in a temp folder works for scratch data).';

export function isInMemoryName(path: string): boolean {
  const trimmed = path.trim();
  return trimmed === ':memory:' || /^file:(:memory:|.*[?&]mode=memory\b)/i.test(trimmed);
}

/** SQLite URI filenames carry options (mode, cache, immutable) that would bypass the credential's own settings. */
export function isUriName(path: string): boolean {
  return /^file:/i.test(path.trim());
}

/** `~/data.db` and relative paths, resolved the way a shell user expects: against the home folder and the current directory. */
export function resolveDatabasePath(path: string, cwd: string = process.cwd()): string {
  const trimmed = path.trim();
  const expanded =
    trimmed === '~'
      ? homedir()
      : trimmed.startsWith('~/')
        ? join(homedir(), trimmed.slice(2))
        : trimmed;
  return resolve(cwd, expanded);
}

/** One open database per file and mode: the key under ctx.connections. */
export function connectionKey(settings: DatabaseSettings): string {
  return `${settings.readOnly ? 'ro' : 'rw'}:${settings.busyTimeoutMs}:${settings.file}`;
}

/**
 * Opens the file, refusing to create it unless asked: a typo in the path would otherwise
 * give an empty database and a baffling "no such table" later.
 */
export function openDatabase(settings: DatabaseSettings): DatabaseSync {
  const { file } = settings;
  if (!existsSync(file)) {
    if (settings.readOnly || !settings.createIfMissing) throw fileNotFound(file, settings);
    if (!existsSync(dirname(file))) throw directoryNotFound(file);
  } else if (statSync(file).isDirectory()) {
    throw new IntegrationError({
      service: 'sqlite',
      code: 'cannot_open',
      message: `${file} is a folder, not a database file`,
      hint: 'Give the path of the database file itself, e.g. /data/app.db.',
    });
  }
  // timeout is SQLite's busy timeout: how long a statement waits for another
  // connection's lock before failing with SQLITE_BUSY (https://www.sqlite.org/c3ref/busy_timeout.html).
  return new DatabaseSync(file, { readOnly: settings.readOnly, timeout: settings.busyTimeoutMs });
}

export function fileNotFound(
  file: string,
  settings: Pick<DatabaseSettings, 'readOnly' | 'createIfMissing'>,
) {
  const creatable = !settings.readOnly;
  return new IntegrationError({
    service: 'sqlite',
    code: 'file_not_found',
    message: `No database file at ${file}`,
    hint: `Check the path (a relative path is resolved against ${process.cwd()}).${
      creatable
        ? ' To start a new database there, turn on "Create if missing" in the credential.'
        : ' A read-only connection never creates a file.'
    }`,
  });
}

function directoryNotFound(file: string) {
  return new IntegrationError({
    service: 'sqlite',
    code: 'file_not_found',
    message: `The folder ${dirname(file)} does not exist, so ${file} cannot be created`,
    hint: 'Create the folder first, or fix the path in the credential.',
  });
}
