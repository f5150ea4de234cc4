import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateMasterKey } from '../src/crypto/master-key.js';
import { FileKeySource } from '../src/keys/file-key-source.js';
import { rejectionOf } from './fixtures/rejection.js';
import { openManager, storeBackends } from './fixtures/store-backends.js';
import { tempDir } from './fixtures/temp-dirs.js';

const sqlite = storeBackends.find((backend) => backend.name === 'sqlite')!;

function dirs() {
  const root = tempDir();
  return { dataDir: join(root, 'data'), configHome: join(root, 'config') };
}

describe('the key file fallback', () => {
  it('generates the key on first use into a 0600 file under the config directory', async () => {
    const space = sqlite.newSpace();
    const warnings: string[] = [];
    const source = new FileKeySource({
      dataDir: space.home,
      env: space.env,
      warn: (message) => warnings.push(message),
    });
    expect(source.path).toBe(join(space.env.XDG_CONFIG_HOME!, 'knotwork', 'master-key.json'));
    expect(existsSync(source.path)).toBe(false);

    const manager = await openManager(space, { keySource: source });
    await manager.saveCredential({
      name: 'first',
      type: 'demo.apiKey',
      data: { apiKey: 'secret-11111111' },
    });

    expect(statSync(source.path).mode & 0o777).toBe(0o600);
    expect(statSync(join(space.env.XDG_CONFIG_HOME!, 'knotwork')).mode & 0o777).toBe(0o700);
    const file = JSON.parse(readFileSync(source.path, 'utf8'));
    expect(file.keys).toHaveLength(1);
    expect(file.active).toBe(file.keys[0].id);
    expect((await manager.getCredential('first')).data.apiKey).toBe('secret-11111111');
  });

  it('refuses a key file others can read, and says why', async () => {
    const { dataDir, configHome } = dirs();
    const path = join(configHome, 'master-key.json');
    const writer = new FileKeySource({ dataDir, path, warn: () => {} });
    await writer.addKey(generateMasterKey());
    chmodSync(path, 0o644);

    const error = await rejectionOf(
      new FileKeySource({ dataDir, path, warn: () => {} }).loadKeys(),
    );
    expect(error.code).toBe('insecure_key_file');
    expect(error.message).toContain('0644');
    expect(error.message).toContain(path);
    expect(error.hint).toContain('Anyone who can read this file can decrypt');
    expect(error.hint).toContain(`chmod 600 ${path}`);
  });

  it('refuses a key file path inside the data directory', () => {
    const { dataDir } = dirs();
    for (const options of [
      { dataDir, path: join(dataDir, 'master-key.json') },
      { dataDir, env: { KNOTWORK_KEY_FILE: join(dataDir, 'nested', 'key.json') } },
      { dataDir, env: { XDG_CONFIG_HOME: dataDir } },
    ]) {
      expect(() => new FileKeySource(options)).toThrow(
        expect.objectContaining({
          code: 'key_file_in_data_dir',
          hint: expect.stringContaining('apart from the data'),
        }),
      );
    }
  });

  it('warns once per process where the key lives and who can decrypt with it', async () => {
    const { dataDir, configHome } = dirs();
    const path = join(configHome, 'master-key.json');
    const warnings: string[] = [];
    const warn = (message: string) => warnings.push(message);
    const first = new FileKeySource({
      dataDir,
      path,
      warn,
      reason: 'OS keyring not used: no D-Bus',
    });
    await first.addKey(generateMasterKey());
    await first.loadKeys();
    await new FileKeySource({ dataDir, path, warn }).loadKeys();

    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(path);
    expect(warnings[0]).toContain(
      'Anyone who can read that file can decrypt every saved credential',
    );
    expect(warnings[0]).toContain('no D-Bus');
  });

  it('uses KNOTWORK_KEY_FILE when set', () => {
    const { dataDir, configHome } = dirs();
    const path = join(configHome, 'elsewhere.json');
    expect(new FileKeySource({ dataDir, env: { KNOTWORK_KEY_FILE: path } }).path).toBe(path);
  });

  it('keeps both keys when two processes add one to the same file', async () => {
    const { dataDir, configHome } = dirs();
    const path = join(configHome, 'master-key.json');
    const a = new FileKeySource({ dataDir, path, warn: () => {} });
    const b = new FileKeySource({ dataDir, path, warn: () => {} });
    const keyA = generateMasterKey();
    const keyB = generateMasterKey();
    await Promise.all([a.addKey(keyA), b.addKey(keyB)]);
    expect([...(await a.loadKeys()).keys()].sort()).toEqual([keyA.id, keyB.id].sort());
  });

  it('refuses a damaged key file instead of replacing it', async () => {
    const { dataDir, configHome } = dirs();
    const path = join(configHome, 'master-key.json');
    const source = new FileKeySource({ dataDir, path, warn: () => {} });
    await source.addKey(generateMasterKey());
    writeFileSync(
      path,
      '{ "format": "knotwork-master-keys", "version": 1, "keys": [ { "id": "x" ',
      { mode: 0o600 },
    );
    expect((await rejectionOf(source.addKey(generateMasterKey()))).code).toBe('invalid_key_bundle');
    expect(readFileSync(path, 'utf8')).toContain('"id": "x"');
  });
});
