import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateMasterKey, masterKeyToBase64 } from '../src/crypto/master-key.js';
import { FileKeySource } from '../src/keys/file-key-source.js';
import { MemoryKeySource } from '../src/keys/memory-key-source.js';
import { explainKeyringFailure } from '../src/keys/os-keyring.js';
import { resolveKeySource } from '../src/keys/resolve-key-source.js';
import { keyringWithoutDbus, memoryKeyring, NO_DBUS_MESSAGE } from './fixtures/memory-keyring.js';
import { rejectionOf } from './fixtures/rejection.js';
import { tempDir } from './fixtures/temp-dirs.js';

function machine() {
  const root = tempDir();
  return {
    dataDir: join(root, 'data'),
    env: { XDG_CONFIG_HOME: join(root, 'config') } as NodeJS.ProcessEnv,
  };
}

describe('choosing the master key source', () => {
  it('takes an explicit source over everything else', async () => {
    const explicit = new MemoryKeySource();
    const { dataDir, env } = machine();
    env.KNOTWORK_MASTER_KEY = masterKeyToBase64(generateMasterKey());
    const resolved = await resolveKeySource({
      dataDir,
      env,
      keySource: explicit,
      keyring: memoryKeyring(),
    });
    expect(resolved.source).toBe(explicit);
  });

  it('takes KNOTWORK_MASTER_KEY over the keyring and the key file', async () => {
    const { dataDir, env } = machine();
    env.KNOTWORK_MASTER_KEY = masterKeyToBase64(generateMasterKey());
    const resolved = await resolveKeySource({ dataDir, env, keyring: memoryKeyring() });
    expect(resolved.source.kind).toBe('env');
  });

  it('takes the OS keyring when a secret service answers', async () => {
    const { dataDir, env } = machine();
    const keyring = memoryKeyring();
    const resolved = await resolveKeySource({ dataDir, env, keyring });
    expect(resolved.source.kind).toBe('keyring');
    expect(resolved.notes).toEqual([]);
    const key = generateMasterKey();
    await resolved.source.addKey(key);
    await resolved.source.setActiveKey(key.id);
    expect(keyring.secrets.get('active')).toBe(key.id);
    expect(keyring.secrets.get(key.id)).toBe(masterKeyToBase64(key));
  });

  it('falls back to the key file without D-Bus, with a note saying why', async () => {
    const { dataDir, env } = machine();
    const warnings: string[] = [];
    const resolved = await resolveKeySource({
      dataDir,
      env,
      keyring: keyringWithoutDbus(),
      warn: (message) => warnings.push(message),
    });
    expect(resolved.source.kind).toBe('file');
    expect(resolved.notes[0]).toContain('no D-Bus session bus is running');
    expect(resolved.notes[0]).not.toContain('X11');
    await resolved.source.addKey(generateMasterKey());
    expect(warnings[0]).toContain('no D-Bus session bus is running');
  });

  it('keeps using an existing key file when the keyring answers but holds no key', async () => {
    const { dataDir, env } = machine();
    const file = new FileKeySource({ dataDir, env, warn: () => {} });
    await file.addKey(generateMasterKey());
    const resolved = await resolveKeySource({
      dataDir,
      env,
      keyring: memoryKeyring(),
      warn: () => {},
    });
    expect(resolved.source.kind).toBe('file');
    expect(resolved.notes[0]).toContain('holds no knotwork key');

    // Once the keyring holds the key, it wins.
    const keyring = memoryKeyring();
    const key = generateMasterKey();
    keyring.secrets.set(key.id, masterKeyToBase64(key));
    keyring.secrets.set('active', key.id);
    expect((await resolveKeySource({ dataDir, env, keyring })).source.kind).toBe('keyring');
  });

  it('obeys KNOTWORK_KEY_SOURCE, and fails clearly when the forced source cannot work', async () => {
    const { dataDir, env } = machine();
    env.KNOTWORK_MASTER_KEY = masterKeyToBase64(generateMasterKey());
    env.KNOTWORK_KEY_SOURCE = 'file';
    expect((await resolveKeySource({ dataDir, env, keyring: memoryKeyring() })).source.kind).toBe(
      'file',
    );

    const forcedKeyring = await rejectionOf(
      resolveKeySource({
        dataDir,
        env: { ...env, KNOTWORK_KEY_SOURCE: 'keyring' },
        keyring: keyringWithoutDbus(),
      }),
    );
    expect(forcedKeyring.code).toBe('keyring_unavailable');
    expect(forcedKeyring.message).toContain('DBUS_SESSION_BUS_ADDRESS is not set');

    const forcedEnv = await rejectionOf(
      resolveKeySource({ dataDir, env: { KNOTWORK_KEY_SOURCE: 'env' }, keyring: memoryKeyring() }),
    );
    expect(forcedEnv.code).toBe('master_key_missing');

    const unknown = await rejectionOf(
      resolveKeySource({
        dataDir,
        env: { KNOTWORK_KEY_SOURCE: 'vault' },
        keyring: memoryKeyring(),
      }),
    );
    expect(unknown.code).toBe('invalid_key_source');
    expect(unknown.hint).toContain('keyring, env, file');
  });

  it('explains keyring failures in words a person can act on', () => {
    expect(explainKeyringFailure(new Error(NO_DBUS_MESSAGE))).toMatch(
      /^no D-Bus session bus is running/,
    );
    expect(
      explainKeyringFailure(
        new Error('The name org.freedesktop.secrets was not provided by any .service files'),
      ),
    ).toContain('no Secret Service answers');
    expect(explainKeyringFailure(new Error('something odd'))).toBe(
      'the OS keyring failed: something odd',
    );
  });

  it('never puts the key file inside the data directory, even by default', async () => {
    const { dataDir } = machine();
    const error = await rejectionOf(
      resolveKeySource({
        dataDir,
        env: { XDG_CONFIG_HOME: dataDir },
        keyring: keyringWithoutDbus(),
      }),
    );
    expect(error.code).toBe('key_file_in_data_dir');
  });
});
