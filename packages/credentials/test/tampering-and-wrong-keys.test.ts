import { describe, expect, it } from 'vitest';
import { generateMasterKey } from '../src/crypto/master-key.js';
import { MemoryKeySource } from '../src/keys/memory-key-source.js';
import type { CredentialsManager } from '../src/manager.js';
import type { EncryptedCell } from '../src/store/credential-store.js';
import { rejectionOf } from './fixtures/rejection.js';
import { openManager, storeBackends } from './fixtures/store-backends.js';

async function cellOf(
  manager: CredentialsManager,
  name: string,
  column: string,
): Promise<EncryptedCell> {
  const cell = (await manager.store.encryptedCells()).find(
    (candidate) => candidate.credentialName === name && candidate.column === column,
  );
  if (!cell) throw new Error(`no ${column} cell for ${name}`);
  return cell;
}

function flipped(bytes: Buffer, index: number): Buffer {
  const copy = Buffer.from(bytes);
  const at = index < 0 ? copy.length + index : index;
  copy[at] = copy[at]! ^ 0x01;
  return copy;
}

async function cellsSnapshot(manager: CredentialsManager): Promise<string[]> {
  return (await manager.store.encryptedCells()).map(
    (cell) => `${cell.table}.${cell.column}.${cell.rowKey}:${cell.ciphertext.toString('hex')}`,
  );
}

describe.each(storeBackends)('tampered records and wrong keys on $name', (backend) => {
  it('refuses a record whose ciphertext was changed, naming the credential, and changes nothing', async () => {
    const manager = await openManager(backend.newSpace());
    await manager.saveCredential({
      name: 'victim',
      type: 'demo.apiKey',
      data: { apiKey: 'secret-11111111' },
    });
    const cell = await cellOf(manager, 'victim', 'encrypted_data');

    for (const index of [-1, 9, 25]) {
      // Last ciphertext byte, a nonce byte, an auth tag byte.
      await manager.store.replaceCiphertext(cell, flipped(cell.ciphertext, index));
      const error = await rejectionOf(manager.getCredential('victim'));
      expect(error.code).toBe('tampered_record');
      expect(error.service).toBe('credentials');
      expect(error.message).toContain('credential "victim"');
    }

    const before = await cellsSnapshot(manager);
    expect(
      (await rejectionOf(manager.updateCredential('victim', { data: { workspace: 'x' } }))).code,
    ).toBe('tampered_record');
    expect(await cellsSnapshot(manager)).toEqual(before);

    await manager.store.replaceCiphertext(cell, Buffer.from('not an envelope at all, just text'));
    expect((await rejectionOf(manager.getCredential('victim'))).code).toBe('tampered_record');
  });

  it('does not decrypt a ciphertext copied to another record or another field', async () => {
    const manager = await openManager(backend.newSpace());
    await manager.saveCredential({
      name: 'source',
      type: 'demo.apiKey',
      data: { apiKey: 'secret-11111111' },
    });
    await manager.saveCredential({
      name: 'target',
      type: 'demo.apiKey',
      data: { apiKey: 'secret-22222222' },
    });
    const source = await cellOf(manager, 'source', 'encrypted_data');
    const target = await cellOf(manager, 'target', 'encrypted_data');
    await manager.store.replaceCiphertext(target, source.ciphertext);
    const moved = await rejectionOf(manager.getCredential('target'));
    expect(moved.code).toBe('tampered_record');
    expect(moved.message).toContain('credential "target"');

    const app = await manager.saveCredential({
      name: 'app',
      type: 'demo.oauthApp',
      data: { clientId: 'client', clientSecret: 'secret-aaaaaaaa' },
    });
    await manager.writeTokens(app.id, {
      accessToken: 'access-token-1',
      refreshToken: 'refresh-token-1',
    });
    const access = await cellOf(manager, 'app', 'access_token_encrypted');
    const refresh = await cellOf(manager, 'app', 'refresh_token_encrypted');
    await manager.store.replaceCiphertext(refresh, access.ciphertext);
    const swapped = await rejectionOf(manager.readTokens(app.id));
    expect(swapped.code).toBe('tampered_record');
    expect(swapped.message).toContain('refresh token of credential "app"');
  });

  it('names the expected master key when another key is loaded, and overwrites nothing', async () => {
    const space = backend.newSpace();
    const original = generateMasterKey();
    const first = await openManager(space, { keySource: new MemoryKeySource([original]) });
    const saved = await first.saveCredential({
      name: 'locked',
      type: 'demo.apiKey',
      data: { apiKey: 'secret-11111111' },
    });
    const before = await cellsSnapshot(first);
    await first.close();

    const stranger = generateMasterKey();
    const wrong = await openManager(space, { keySource: new MemoryKeySource([stranger]) });
    const error = await rejectionOf(wrong.getCredential('locked'));
    expect(error.code).toBe('wrong_master_key');
    expect(error.message).toContain(original.id);
    expect(error.message).toContain(stranger.id);
    expect(error.hint).toContain('memory');
    expect(error.details).toMatchObject({ expectedKeyId: original.id });

    // Writes are refused too: the store must not end up split across two keys.
    const refusals = await Promise.all([
      rejectionOf(
        wrong.saveCredential({
          name: 'new',
          type: 'demo.apiKey',
          data: { apiKey: 'secret-22222222' },
        }),
      ),
      rejectionOf(wrong.updateCredential('locked', { data: { apiKey: 'secret-33333333' } })),
      rejectionOf(wrong.writeTokens(saved.id, { accessToken: 'access-token-1' })),
      rejectionOf(wrong.rotateKey()),
    ]);
    expect(refusals.map((refusal) => refusal.code)).toEqual([
      'wrong_master_key',
      'wrong_master_key',
      'wrong_master_key',
      'wrong_master_key',
    ]);
    // A rename touches no ciphertext, so it goes through.
    await wrong.updateCredential('locked', { name: 'renamed' });
    await wrong.close();

    const restored = await openManager(space, { keySource: new MemoryKeySource([original]) });
    expect((await restored.getCredential(saved.id)).data).toEqual({ apiKey: 'secret-11111111' });
    expect((await restored.listCredentials()).map((summary) => summary.name)).toEqual(['renamed']);
    expect(await cellsSnapshot(restored)).toEqual(before);
  });
});
