import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateMasterKey } from '../src/crypto/master-key.js';
import { FileKeySource } from '../src/keys/file-key-source.js';
import { MemoryKeySource } from '../src/keys/memory-key-source.js';
import { rejectionOf } from './fixtures/rejection.js';
import { openManager, storeBackends } from './fixtures/store-backends.js';
import { tempDir } from './fixtures/temp-dirs.js';

const sqlite = storeBackends.find((backend) => backend.name === 'sqlite')!;

describe('exporting and importing the master key', () => {
  it('moves a store to a new machine: copied data plus the imported key reads everything', async () => {
    const oldMachine = sqlite.newSpace();
    const manager = await openManager(oldMachine, {
      keySource: new FileKeySource({
        dataDir: oldMachine.home,
        env: oldMachine.env,
        warn: () => {},
      }),
    });
    const saved = await manager.saveCredential({
      name: 'moving',
      type: 'demo.apiKey',
      data: { apiKey: 'secret-11111111' },
    });
    const backup = await manager.exportKey();
    await manager.close();

    const exported = JSON.parse(backup);
    expect(exported).toMatchObject({ format: 'knotwork-master-keys', version: 1 });
    expect(exported.keys).toHaveLength(1);
    expect(exported.active).toBe(exported.keys[0].id);

    // The new machine: the data directory copied over, a key source of its own.
    const newMachine = sqlite.newSpace();
    cpSync(oldMachine.home, newMachine.home, { recursive: true });
    const newSource = new FileKeySource({
      dataDir: newMachine.home,
      env: newMachine.env,
      warn: () => {},
    });
    const moved = await openManager(newMachine, { keySource: newSource });
    expect((await rejectionOf(moved.getCredential('moving'))).code).toBe('wrong_master_key');

    expect(await moved.importKey(backup)).toEqual({
      added: [exported.active],
      alreadyPresent: [],
      storeKeyAvailable: true,
    });
    expect((await moved.getCredential(saved.id)).data).toEqual({ apiKey: 'secret-11111111' });
    expect(await newSource.activeKeyId()).toBe(exported.active);
    // And it writes under the same key.
    await moved.saveCredential({
      name: 'new-here',
      type: 'demo.apiKey',
      data: { apiKey: 'secret-22222222' },
    });
    expect((await moved.getCredential('new-here')).data.apiKey).toBe('secret-22222222');
  });

  it('adds keys on import without dropping the ones already there', async () => {
    const mine = generateMasterKey();
    const theirs = generateMasterKey();
    const source = new MemoryKeySource([mine]);
    const manager = await openManager(sqlite.newSpace(), { keySource: source });
    await manager.saveCredential({
      name: 'mine',
      type: 'demo.apiKey',
      data: { apiKey: 'secret-11111111' },
    });

    const donor = await openManager(sqlite.newSpace(), {
      keySource: new MemoryKeySource([theirs]),
    });
    await donor.saveCredential({
      name: 'theirs',
      type: 'demo.apiKey',
      data: { apiKey: 'secret-22222222' },
    });
    const result = await manager.importKey(await donor.exportKey());

    expect(result).toEqual({ added: [theirs.id], alreadyPresent: [], storeKeyAvailable: true });
    expect([...(await source.loadKeys()).keys()].sort()).toEqual([mine.id, theirs.id].sort());
    expect(await source.activeKeyId()).toBe(mine.id);
    expect((await manager.getCredential('mine')).data.apiKey).toBe('secret-11111111');
    expect((await manager.importKey(await donor.exportKey())).alreadyPresent).toEqual([theirs.id]);
  });

  it('refuses altered or foreign text, without echoing any key', async () => {
    const manager = await openManager(sqlite.newSpace());
    await manager.saveCredential({
      name: 'x',
      type: 'demo.apiKey',
      data: { apiKey: 'secret-11111111' },
    });
    const backup = JSON.parse(await manager.exportKey());
    const realKey: string = backup.keys[0].key;

    const altered = {
      ...backup,
      keys: [{ id: backup.keys[0].id, key: generateMasterKey().bytes.toString('base64') }],
    };
    const cases = [
      'not json',
      JSON.stringify({ ...backup, format: 'something-else' }),
      JSON.stringify({ ...backup, version: 2 }),
      JSON.stringify(altered),
      JSON.stringify({ ...backup, keys: [{ id: backup.keys[0].id, key: realKey.slice(0, 20) }] }),
    ];
    for (const text of cases) {
      const error = await rejectionOf(manager.importKey(text));
      expect(error.code).toBe('invalid_key_bundle');
      expect(JSON.stringify(error.toJSON())).not.toContain(realKey.slice(0, 12));
    }
  });

  it('keeps its key file out of the copied data directory', () => {
    const root = tempDir();
    expect(
      () => new FileKeySource({ dataDir: root, path: join(root, 'keys', 'master-key.json') }),
    ).toThrow(/inside the data directory/);
  });
});
