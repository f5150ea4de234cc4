import { type MasterKey, masterKeyFromBase64 } from '../crypto/master-key.js';
import { credentialsError } from '../errors.js';
import type { KeySource } from './key-source.js';

export const MASTER_KEY_ENV = 'KNOTWORK_MASTER_KEY';
export const PREVIOUS_MASTER_KEY_ENV = 'KNOTWORK_MASTER_KEY_PREVIOUS';

/**
 * The master key from `KNOTWORK_MASTER_KEY` (base64 of 32 bytes), for servers and
 * containers where a secret manager injects it. `KNOTWORK_MASTER_KEY_PREVIOUS` keeps the
 * old key readable while a rotation done by hand re-encrypts the store.
 */
export class EnvKeySource implements KeySource {
  readonly kind = 'env' as const;
  readonly writable = false;
  readonly #env: NodeJS.ProcessEnv;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.#env = env;
  }

  static isConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
    return Boolean(env[MASTER_KEY_ENV]?.trim());
  }

  describe(): string {
    return `the environment variables ${MASTER_KEY_ENV} and ${PREVIOUS_MASTER_KEY_ENV}`;
  }

  async loadKeys(): Promise<Map<string, MasterKey>> {
    const keys = new Map<string, MasterKey>();
    const previous = this.#read(PREVIOUS_MASTER_KEY_ENV);
    if (previous) keys.set(previous.id, previous);
    const current = this.#read(MASTER_KEY_ENV);
    if (current) keys.set(current.id, current);
    return keys;
  }

  async activeKeyId(): Promise<string | undefined> {
    return this.#read(MASTER_KEY_ENV)?.id;
  }

  async addKey(_key: MasterKey): Promise<void> {
    throw readOnly();
  }

  async setActiveKey(id: string): Promise<void> {
    if ((await this.activeKeyId()) !== id) throw readOnly();
  }

  async removeKey(_id: string): Promise<void> {
    throw readOnly();
  }

  #read(variable: string): MasterKey | undefined {
    const text = this.#env[variable]?.trim();
    if (!text) return undefined;
    const key = masterKeyFromBase64(text);
    if (key) return key;
    // Never echo the value: a near-miss key is still mostly a key.
    throw credentialsError(
      'invalid_master_key',
      `${variable} is not a master key: it must be base64 of exactly 32 bytes (it has ${text.length} characters)`,
      `Generate one with \`openssl rand -base64 32\` (or \`node -e "console.log(crypto.randomBytes(32).toString('base64'))"\`).`,
    );
  }
}

function readOnly() {
  return credentialsError(
    'key_source_read_only',
    `The master key comes from ${MASTER_KEY_ENV}, which knotwork cannot change`,
    `To rotate it: set ${PREVIOUS_MASTER_KEY_ENV} to the current key and ${MASTER_KEY_ENV} to a new one ` +
      '(`openssl rand -base64 32`), then run `knotwork credentials rotate-key` to re-encrypt the store; ' +
      `afterwards ${PREVIOUS_MASTER_KEY_ENV} can be removed.`,
  );
}
