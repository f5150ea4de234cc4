import { describe, expect, it } from 'vitest';
import { generateMasterKey, masterKeyToBase64 } from '../src/crypto/master-key.js';
import { EnvKeySource } from '../src/keys/env-key-source.js';
import { rejectionOf } from './fixtures/rejection.js';
import { openManager, storeBackends } from './fixtures/store-backends.js';

const sqlite = storeBackends.find((backend) => backend.name === 'sqlite')!;

describe('the KNOTWORK_MASTER_KEY key source', () => {
  it('encrypts with the key from the environment, with no key written anywhere', async () => {
    const key = generateMasterKey();
    const space = sqlite.newSpace();
    const env = { ...space.env, KNOTWORK_MASTER_KEY: masterKeyToBase64(key) };
    const manager = await openManager(space, { env, keySource: undefined });
    expect(manager.keySource.kind).toBe('env');
    await manager.saveCredential({
      name: 'from-env',
      type: 'demo.apiKey',
      data: { apiKey: 'secret-11111111' },
    });
    await manager.close();

    const again = await openManager(space, { env, keySource: undefined });
    expect((await again.getCredential('from-env')).data.apiKey).toBe('secret-11111111');
    const [cell] = await again.store.encryptedCells();
    expect(cell!.ciphertext.subarray(1, 9).toString('hex')).toBe(key.id);
  });

  it('reads url-safe base64 and keeps the previous key loadable', async () => {
    const current = generateMasterKey();
    const previous = generateMasterKey();
    const source = new EnvKeySource({
      KNOTWORK_MASTER_KEY: current.bytes.toString('base64url'),
      KNOTWORK_MASTER_KEY_PREVIOUS: masterKeyToBase64(previous),
    });
    expect(await source.activeKeyId()).toBe(current.id);
    expect([...(await source.loadKeys()).keys()].sort()).toEqual([current.id, previous.id].sort());
  });

  it('rejects a value that is not 32 bytes without echoing it', async () => {
    const almost = Buffer.alloc(31, 7).toString('base64');
    const error = await rejectionOf(new EnvKeySource({ KNOTWORK_MASTER_KEY: almost }).loadKeys());
    expect(error.code).toBe('invalid_master_key');
    expect(error.message).toContain('KNOTWORK_MASTER_KEY');
    expect(error.hint).toContain('openssl rand -base64 32');
    expect(JSON.stringify(error.toJSON())).not.toContain(almost);
  });

  it('cannot be changed by knotwork, and says how to rotate it by hand', async () => {
    const source = new EnvKeySource({
      KNOTWORK_MASTER_KEY: masterKeyToBase64(generateMasterKey()),
    });
    const error = await rejectionOf(source.addKey(generateMasterKey()));
    expect(error.code).toBe('key_source_read_only');
    expect(error.hint).toContain('KNOTWORK_MASTER_KEY_PREVIOUS');
  });
});
