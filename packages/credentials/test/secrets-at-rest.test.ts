import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IntegrationError } from '@knotwork/sdk';
import { describe, expect, it } from 'vitest';
import { generateMasterKey } from '../src/crypto/master-key.js';
import { MemoryKeySource } from '../src/keys/memory-key-source.js';
import { rejectionOf } from './fixtures/rejection.js';
import { openManager, storeBackends } from './fixtures/store-backends.js';

const sqlite = storeBackends.find((backend) => backend.name === 'sqlite')!;

function canary(): string {
  return `CANARY${randomBytes(12).toString('hex')}`;
}

/** The database file and its WAL and shared-memory files, as raw bytes. */
function databaseBytes(home: string): Buffer {
  const file = join(home, 'credentials.db');
  return Buffer.concat(
    [file, `${file}-wal`, `${file}-shm`].filter(existsSync).map((path) => readFileSync(path)),
  );
}

function expectAbsent(bytes: Buffer, secret: string): void {
  expect(bytes.includes(Buffer.from(secret))).toBe(false);
  expect(bytes.includes(Buffer.from(Buffer.from(secret).toString('base64').slice(0, 20)))).toBe(
    false,
  );
}

function everythingShown(error: IntegrationError): string {
  return `${JSON.stringify(error.toJSON())}\n${error.stack ?? ''}`;
}

describe('secrets at rest', () => {
  it('keeps a canary secret out of the SQLite file and its WAL, after save and after update', async () => {
    const space = sqlite.newSpace();
    const manager = await openManager(space);
    const first = canary();
    const second = canary();

    const saved = await manager.saveCredential({
      name: 'canary',
      type: 'demo.apiKey',
      data: { apiKey: first },
    });
    expect(existsSync(join(space.home, 'credentials.db-wal'))).toBe(true);
    expectAbsent(databaseBytes(space.home), first);

    await manager.updateCredential('canary', { data: { apiKey: second } });
    const token = canary();
    const app = await manager.saveCredential({
      name: 'app',
      type: 'demo.oauthApp',
      data: { clientId: 'client', clientSecret: canary() },
    });
    await manager.writeTokens(app.id, { accessToken: token, refreshToken: `${token}-refresh` });
    const bytes = databaseBytes(space.home);
    expectAbsent(bytes, first);
    expectAbsent(bytes, second);
    expectAbsent(bytes, token);

    // Still absent once the WAL is folded into the main file.
    await manager.close();
    const folded = databaseBytes(space.home);
    expectAbsent(folded, second);
    expectAbsent(folded, token);
    expect(folded.includes(Buffer.from(saved.name))).toBe(true);
  });

  it('never shows the canary in lists, test results or errors', async () => {
    const space = sqlite.newSpace();
    const manager = await openManager(space);
    const secret = `sk_test_${canary()}`;
    const errors: IntegrationError[] = [];

    // The plugin's own check quotes the key back.
    errors.push(
      await rejectionOf(
        manager.saveCredential({ name: 'leaky', type: 'demo.apiKey', data: { apiKey: secret } }),
      ),
    );
    const kept = canary();
    await manager.saveCredential({ name: 'kept', type: 'demo.apiKey', data: { apiKey: kept } });
    errors.push(
      await rejectionOf(manager.updateCredential('kept', { data: { apiKey: secret } })),
      await rejectionOf(
        manager.saveCredential({ name: 'kept', type: 'demo.apiKey', data: { apiKey: kept } }),
      ),
      await rejectionOf(manager.getCredential(secret)),
    );
    const tested = await manager.testCredential('kept');

    const shown = [
      ...errors.map(everythingShown),
      JSON.stringify(await manager.listCredentials()),
      JSON.stringify(tested),
    ].join('\n');
    expect(errors.map((error) => error.code)).toEqual([
      'invalid_input',
      'invalid_input',
      'name_taken',
      'credential_not_found',
    ]);
    expect(shown).not.toContain(secret.slice('sk_test_'.length));
    expect(shown).not.toContain(kept);
    expect(tested.message).toContain('[redacted]');
  });

  it('stores every secret as a versioned envelope naming the master key, with a fresh nonce per write', async () => {
    const key = generateMasterKey();
    const manager = await openManager(sqlite.newSpace(), { keySource: new MemoryKeySource([key]) });
    await manager.saveCredential({
      name: 'one',
      type: 'demo.apiKey',
      data: { apiKey: 'same-secret-value' },
    });
    await manager.saveCredential({
      name: 'two',
      type: 'demo.apiKey',
      data: { apiKey: 'same-secret-value' },
    });
    const before = await manager.store.encryptedCells();
    await manager.updateCredential('one', { data: { apiKey: 'same-secret-value' } });
    const after = await manager.store.encryptedCells();

    for (const cell of before) {
      expect(cell.ciphertext[0]).toBe(1);
      expect(cell.ciphertext.subarray(1, 9).toString('hex')).toBe(key.id);
    }
    const nonces = [...before, ...after].map((cell) =>
      cell.ciphertext.subarray(9, 21).toString('hex'),
    );
    // one, two, then one again rewritten: three distinct nonces (two is unchanged).
    expect(new Set(nonces).size).toBe(3);
    expect(before[0]!.ciphertext.equals(before[1]!.ciphertext)).toBe(false);
  });

  it('creates the data directory for its owner only', async () => {
    const space = sqlite.newSpace();
    await openManager(space);
    const { statSync } = await import('node:fs');
    expect(statSync(space.home).mode & 0o777).toBe(0o700);
    expect(statSync(join(space.home, 'credentials.db')).mode & 0o777).toBe(0o600);
  });
});
