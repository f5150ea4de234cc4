import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { generateMasterKey } from '../src/crypto/master-key.js';
import { KeyringKeySource } from '../src/keys/keyring-key-source.js';
import { osKeyring, probeOsKeyring } from '../src/keys/os-keyring.js';
import { openManager, storeBackends } from './fixtures/store-backends.js';

// A service name of its own: even outside scripts/with-keyring.sh these tests never read or
// change the real `knotwork` entries.
const SERVICE = `knotwork-test-${process.pid}-${randomBytes(4).toString('hex')}`;
const required = process.env.KNOTWORK_REQUIRE_KEYRING === '1';
const probe = await probeOsKeyring(SERVICE);
const unavailable = probe.available ? undefined : probe.reason;

if (unavailable && !required) {
  console.warn(
    `Skipping the OS keyring tests: ${unavailable}. Run them with \`pnpm test\` (it wraps vitest in ` +
      'scripts/with-keyring.sh: a private D-Bus session with an unlocked gnome-keyring; needs the Debian ' +
      'packages dbus and gnome-keyring). KNOTWORK_REQUIRE_KEYRING=1 turns this skip into a failure.',
  );
}

afterAll(async () => {
  if (unavailable) return;
  const secrets = osKeyring(SERVICE);
  for (const account of await secrets.accounts()) await secrets.delete(account);
});

/** Whether `secret-tool` (libsecret-tools, optional) lists the entry; undefined without it. */
function secretToolSees(account: string): boolean | undefined {
  const result = spawnSync('secret-tool', ['search', '--all', 'service', SERVICE], {
    encoding: 'utf8',
  });
  if (result.error) return undefined;
  // It prints the attributes on stderr and the secret on stdout.
  return `${result.stderr}${result.stdout}`.includes(`attribute.username = ${account}`);
}

describe.skipIf(unavailable !== undefined && !required)(
  'the real OS keyring (@napi-rs/keyring)',
  () => {
    it('answers', () => {
      // Reached with KNOTWORK_REQUIRE_KEYRING=1 and no keyring: fail loudly, with the reason.
      expect(unavailable, `KNOTWORK_REQUIRE_KEYRING=1 but ${unavailable}`).toBeUndefined();
    });

    it('stores, reads and deletes a master key', async () => {
      const source = new KeyringKeySource({ service: SERVICE });
      const key = generateMasterKey();
      await source.addKey(key);
      await source.setActiveKey(key.id);

      const fresh = new KeyringKeySource({ service: SERVICE });
      expect(await fresh.activeKeyId()).toBe(key.id);
      expect((await fresh.loadKeys()).get(key.id)?.bytes.equals(key.bytes)).toBe(true);
      const seen = secretToolSees(key.id);
      if (seen !== undefined) expect(seen).toBe(true);

      await source.removeKey(key.id);
      expect(await fresh.loadKeys()).toEqual(new Map());
      expect(await fresh.activeKeyId()).toBeUndefined();
      if (seen !== undefined) expect(secretToolSees(key.id)).toBe(false);
    });

    it('keeps a store readable across restarts and rotates its key in place', async () => {
      const space = storeBackends[0]!.newSpace();
      const source = new KeyringKeySource({ service: SERVICE });
      const manager = await openManager(space, { keySource: source });
      await manager.saveCredential({
        name: 'in-keyring',
        type: 'demo.apiKey',
        data: { apiKey: 'secret-11111111' },
      });
      const firstKeyId = await source.activeKeyId();
      expect(firstKeyId).toMatch(/^[0-9a-f]{16}$/);
      await manager.close();

      const restarted = await openManager(space, {
        keySource: new KeyringKeySource({ service: SERVICE }),
      });
      expect((await restarted.getCredential('in-keyring')).data.apiKey).toBe('secret-11111111');
      const rotation = await restarted.rotateKey();
      expect(rotation.removedKeyIds).toEqual([firstKeyId]);
      expect([...(await source.loadKeys()).keys()]).toEqual([rotation.keyId]);
      expect((await restarted.getCredential('in-keyring')).data.apiKey).toBe('secret-11111111');
    });
  },
);
