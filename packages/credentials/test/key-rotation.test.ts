import { describe, expect, it } from 'vitest';
import { envelopeKeyId } from '../src/crypto/envelope.js';
import { generateMasterKey, type MasterKey, masterKeyToBase64 } from '../src/crypto/master-key.js';
import { EnvKeySource } from '../src/keys/env-key-source.js';
import { MemoryKeySource } from '../src/keys/memory-key-source.js';
import type { CredentialsManager } from '../src/manager.js';
import type { CredentialRows, CredentialStore } from '../src/store/credential-store.js';
import { openCredentialStore } from '../src/store/open-store.js';
import { rejectionOf } from './fixtures/rejection.js';
import { openManager, type StoreSpace, storeBackends } from './fixtures/store-backends.js';

/** A credential, an OAuth app with both tokens and a pending authorization: five ciphertexts. */
async function fillStore(manager: CredentialsManager) {
  await manager.saveCredential({
    name: 'key',
    type: 'demo.apiKey',
    data: { apiKey: 'secret-11111111' },
  });
  const app = await manager.saveCredential({
    name: 'app',
    type: 'demo.oauthApp',
    data: { clientId: 'client', clientSecret: 'secret-aaaaaaaa' },
  });
  await manager.writeTokens(app.id, {
    accessToken: 'access-token-1',
    refreshToken: 'refresh-token-1',
  });
  await manager.savePendingAuthorization('state-1', {
    credentialId: app.id,
    codeVerifier: 'verifier-1234567890',
    redirectUri: 'http://127.0.0.1/callback',
    expiresAt: Date.now() + 600_000,
  });
  return app.id;
}

/** Reads every secret back; throws if any of them cannot be decrypted. */
async function readEverything(manager: CredentialsManager, appId: string) {
  return {
    key: (await manager.getCredential('key')).data,
    app: (await manager.getCredential('app')).data,
    tokens: await manager.readTokens(appId),
    // Taking consumes it: put it back for the next reader.
    pending: await manager.takePendingAuthorization('state-1').then(async (pending) => {
      if (pending) await manager.savePendingAuthorization('state-1', pending);
      return pending?.codeVerifier;
    }),
  };
}

const EVERYTHING = {
  key: { apiKey: 'secret-11111111' },
  app: { clientId: 'client', clientSecret: 'secret-aaaaaaaa' },
  tokens: { accessToken: 'access-token-1', refreshToken: 'refresh-token-1' },
  pending: 'verifier-1234567890',
};

async function keyIdsInStore(manager: CredentialsManager): Promise<Set<string | undefined>> {
  return new Set(
    (await manager.store.encryptedCells()).map((cell) => envelopeKeyId(cell.ciphertext)),
  );
}

/** The store, with replaceCiphertext failing after `allowed` calls inside a transaction. */
async function storeFailingMidRotation(
  space: StoreSpace,
  allowed: number,
): Promise<CredentialStore> {
  const store = await openCredentialStore(space);
  let replaced = 0;
  const failingRows = (rows: CredentialRows): CredentialRows =>
    new Proxy(rows, {
      get(target, property) {
        if (property === 'replaceCiphertext') {
          return async (...args: Parameters<CredentialRows['replaceCiphertext']>) => {
            replaced += 1;
            if (replaced > allowed) throw new Error('power cut in the middle of the rotation');
            return target.replaceCiphertext(...args);
          };
        }
        const value = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  return new Proxy(store, {
    get(target, property) {
      if (property === 'transaction') {
        return <T>(fn: (rows: CredentialRows) => Promise<T>) =>
          target.transaction((rows) => fn(failingRows(rows)));
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** A key source that crashes once when asked to switch the active key. */
class CrashingActivationKeySource extends MemoryKeySource {
  crashes = 1;

  override async setActiveKey(id: string): Promise<void> {
    if (this.crashes > 0) {
      this.crashes -= 1;
      throw new Error('process killed before the new key was made active');
    }
    await super.setActiveKey(id);
  }
}

describe.each(storeBackends)('rotating the master key on $name', (backend) => {
  it('re-encrypts every secret under a new key and removes the old one', async () => {
    const space = backend.newSpace();
    const oldKey = generateMasterKey();
    const source = new MemoryKeySource([oldKey]);
    const manager = await openManager(space, { keySource: source });
    const appId = await fillStore(manager);

    const rotation = await manager.rotateKey();
    expect(rotation).toMatchObject({
      previousKeyId: oldKey.id,
      reencrypted: 5,
      removedKeyIds: [oldKey.id],
    });
    expect(rotation.keyId).not.toBe(oldKey.id);
    expect(await keyIdsInStore(manager)).toEqual(new Set([rotation.keyId]));
    expect([...(await source.loadKeys()).keys()]).toEqual([rotation.keyId]);
    expect(await source.activeKeyId()).toBe(rotation.keyId);
    expect(await readEverything(manager, appId)).toMatchObject(EVERYTHING);

    // Another process that only knows the new key reads it all.
    const newKey = (await source.loadKeys()).get(rotation.keyId)!;
    const elsewhere = await openManager(space, { keySource: new MemoryKeySource([newKey]) });
    expect(await readEverything(elsewhere, appId)).toMatchObject(EVERYTHING);
  });

  it('leaves everything readable with the old key when the rotation is interrupted halfway', async () => {
    const space = backend.newSpace();
    const oldKey = generateMasterKey();
    const source = new MemoryKeySource([oldKey]);
    const filler = await openManager(space, { keySource: source });
    const appId = await fillStore(filler);
    await filler.close();

    const interrupted = await openManager(space, {
      keySource: source,
      store: await storeFailingMidRotation(space, 2),
    });
    await expect(interrupted.rotateKey()).rejects.toThrow(
      'power cut in the middle of the rotation',
    );
    expect(await keyIdsInStore(interrupted)).toEqual(new Set([oldKey.id]));
    expect(await source.activeKeyId()).toBe(oldKey.id);

    const withOldKeyOnly = await openManager(space, { keySource: new MemoryKeySource([oldKey]) });
    expect(await readEverything(withOldKeyOnly, appId)).toMatchObject(EVERYTHING);
  });

  it('loses nothing when interrupted after the commit but before the new key is made active', async () => {
    const space = backend.newSpace();
    const oldKey = generateMasterKey();
    const source = new CrashingActivationKeySource([oldKey]);
    const manager = await openManager(space, { keySource: source });
    const appId = await fillStore(manager);

    await expect(manager.rotateKey()).rejects.toThrow(
      'process killed before the new key was made active',
    );
    const keys = await source.loadKeys();
    expect(keys.size).toBe(2);
    expect(await source.activeKeyId()).toBe(oldKey.id);
    const [newKeyId] = [...(await keyIdsInStore(manager))];
    expect(newKeyId).not.toBe(oldKey.id);

    // A process starting now finds both keys and reads everything; its writes use the
    // key the store is under, not the stale active pointer.
    const restarted = await openManager(space, { keySource: source });
    expect(await readEverything(restarted, appId)).toMatchObject(EVERYTHING);
    await restarted.saveCredential({
      name: 'after',
      type: 'demo.apiKey',
      data: { apiKey: 'secret-44444444' },
    });
    expect(await keyIdsInStore(restarted)).toEqual(new Set([newKeyId]));

    // Running the rotation again finishes the job.
    const again = await restarted.rotateKey();
    expect(again.previousKeyId).toBe(newKeyId);
    expect(await readEverything(restarted, appId)).toMatchObject(EVERYTHING);
  });
});

describe('rotating a key that comes from KNOTWORK_MASTER_KEY', () => {
  const sqlite = storeBackends.find((backend) => backend.name === 'sqlite')!;
  const envOf = (current: MasterKey, previous?: MasterKey) =>
    new EnvKeySource({
      KNOTWORK_MASTER_KEY: masterKeyToBase64(current),
      ...(previous ? { KNOTWORK_MASTER_KEY_PREVIOUS: masterKeyToBase64(previous) } : {}),
    });

  it('finishes a rotation done by hand, then reads with the new key alone', async () => {
    const space = sqlite.newSpace();
    const first = generateMasterKey();
    const second = generateMasterKey();
    const before = await openManager(space, { keySource: envOf(first) });
    const appId = await fillStore(before);

    const refused = await rejectionOf(before.rotateKey());
    expect(refused.code).toBe('key_source_read_only');
    expect(refused.hint).toContain('KNOTWORK_MASTER_KEY_PREVIOUS');
    await before.close();

    const during = await openManager(space, { keySource: envOf(second, first) });
    expect(await during.rotateKey()).toMatchObject({
      keyId: second.id,
      previousKeyId: first.id,
      reencrypted: 5,
      removedKeyIds: [],
    });
    await during.close();

    const after = await openManager(space, { keySource: envOf(second) });
    expect(await readEverything(after, appId)).toMatchObject(EVERYTHING);
  });
});
