import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testCredential } from '@knotwork/testing';
import { expect, test } from 'vitest';
import plugin from '../src/index.js';
import { shopDatabase, useTempFolder } from './support.js';

const folder = useTempFolder();

test('opens the file read-only and reports the SQLite version and the table count', async () => {
  const file = shopDatabase(folder());
  const modified = statSync(file).mtimeMs;

  const result = await testCredential(plugin, { key: 'database', data: { path: file } });

  expect(result.ok).toBe(true);
  expect(result.message).toMatch(
    new RegExp(`^Opened ${file}: SQLite 3\\.\\d+\\.\\d+, 4 tables\\.$`),
  );
  expect(statSync(file).mtimeMs).toBe(modified);
});

test('names a missing file and how to fix it', async () => {
  const file = join(folder(), 'missing.db');

  const result = await testCredential(plugin, { key: 'database', data: { path: file } });

  expect(result).toMatchObject({ ok: false, message: `No database file at ${file}` });
  expect(result.hint).toContain('"Create if missing"');
});

test('accepts a missing file the node may create, and says it does not exist yet', async () => {
  const file = join(folder(), 'later.db');

  const result = await testCredential(plugin, {
    key: 'database',
    data: { path: file, createIfMissing: true },
  });

  expect(result).toMatchObject({
    ok: true,
    message: `${file} does not exist yet; the first write will create it.`,
  });
});

test('fails on a file that is not a database', async () => {
  const file = join(folder(), 'photo.jpg');
  writeFileSync(file, Buffer.alloc(4096, 0xff));

  const result = await testCredential(plugin, { key: 'database', data: { path: file } });

  expect(result).toMatchObject({ ok: false, message: 'file is not a database' });
  expect(result.hint).toContain('not an SQLite database');
});

test('refuses :memory: with the reason', async () => {
  const result = await testCredential(plugin, { key: 'database', data: { path: ':memory:' } });

  expect(result.ok).toBe(false);
  expect(result.message).toContain('credential.path');
  expect(result.message).toContain('every connection to it is a separate, empty database');
});
