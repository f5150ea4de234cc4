import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { hostFor, type RunOptions } from '@knotwork/testing';
import { afterAll } from 'vitest';
import plugin from '../src/index.js';

type InlineCredential = Exclude<RunOptions['credential'], string | undefined>;

const SHOP_SCHEMA = readFileSync(new URL('./fixtures/shop.sql', import.meta.url), 'utf8');

/** A temp folder for this test file, removed (with the host's open files closed) at the end. */
export function useTempFolder(): () => string {
  const folder = mkdtempSync(join(tmpdir(), 'kw-sqlite-'));
  afterAll(async () => {
    await (await hostFor(plugin)).close();
    rmSync(folder, { recursive: true, force: true });
  });
  return () => folder;
}

/** A fresh database file holding the shop fixture, under its own name. */
export function shopDatabase(folder: string): string {
  const file = join(folder, `shop-${randomUUID()}.db`);
  const db = new DatabaseSync(file);
  db.exec(SHOP_SCHEMA);
  db.close();
  return file;
}

/** Reads the file through a connection of the test's own, not the node's. */
export function peek(file: string, sql: string): Array<Record<string, unknown>> {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return db
      .prepare(sql)
      .all()
      .map((row) => ({ ...row }));
  } finally {
    db.close();
  }
}

export function fileCredential(
  path: string,
  options: { readOnly?: boolean; createIfMissing?: boolean; busyTimeoutMs?: number } = {},
): InlineCredential {
  return { key: 'database', id: randomUUID(), data: { path, ...options } };
}
