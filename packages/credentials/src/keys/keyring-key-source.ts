import { type MasterKey, masterKeyFromBase64, masterKeyToBase64 } from '../crypto/master-key.js';
import type { KeySource } from './key-source.js';
import { osKeyring, type SecretStore } from './os-keyring.js';

export const DEFAULT_KEYRING_SERVICE = 'knotwork';
/** The account holding the active key's id; every other account is named by a key id. */
const ACTIVE_ACCOUNT = 'active';
const KEY_ID = /^[0-9a-f]{16}$/;

export interface KeyringKeySourceOptions {
  /** Service name of the keyring entries (tests use their own so they never touch real keys). */
  service?: string;
  /** Another backend than the OS keyring. */
  secrets?: SecretStore;
}

/** Master keys in the OS keyring: one entry per key id, plus an `active` pointer. */
export class KeyringKeySource implements KeySource {
  readonly kind = 'keyring' as const;
  readonly writable = true;
  readonly service: string;
  readonly #secrets: SecretStore;

  constructor(options: KeyringKeySourceOptions = {}) {
    this.service = options.service ?? DEFAULT_KEYRING_SERVICE;
    this.#secrets = options.secrets ?? osKeyring(this.service);
  }

  describe(): string {
    return `the OS keyring (service "${this.service}", one entry per key id)`;
  }

  async loadKeys(): Promise<Map<string, MasterKey>> {
    const keys = new Map<string, MasterKey>();
    for (const account of await this.#secrets.accounts()) {
      if (!KEY_ID.test(account)) continue;
      const text = await this.#secrets.get(account);
      const key = text === undefined ? undefined : masterKeyFromBase64(text);
      // An entry whose bytes do not hash to its name was edited by hand; using it would
      // only produce wrong_master_key later, so it is skipped here.
      if (key && key.id === account) keys.set(key.id, key);
    }
    return keys;
  }

  async activeKeyId(): Promise<string | undefined> {
    return (await this.#secrets.get(ACTIVE_ACCOUNT))?.trim() || undefined;
  }

  async addKey(key: MasterKey): Promise<void> {
    await this.#secrets.set(key.id, masterKeyToBase64(key));
  }

  async setActiveKey(id: string): Promise<void> {
    await this.#secrets.set(ACTIVE_ACCOUNT, id);
  }

  async removeKey(id: string): Promise<void> {
    await this.#secrets.delete(id);
    if ((await this.activeKeyId()) === id) await this.#secrets.delete(ACTIVE_ACCOUNT);
  }
}
