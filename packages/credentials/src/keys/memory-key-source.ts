import type { MasterKey } from '../crypto/master-key.js';
import type { KeySource } from './key-source.js';

/** Keys held in this process only: tests, and embedders that bring keys from their own vault. */
export class MemoryKeySource implements KeySource {
  readonly kind = 'memory' as const;
  readonly writable = true;
  readonly #keys = new Map<string, MasterKey>();
  #active: string | undefined;

  constructor(keys: MasterKey[] = []) {
    for (const key of keys) this.#keys.set(key.id, key);
    this.#active = keys[0]?.id;
  }

  describe(): string {
    return 'memory (keys handed to this process)';
  }

  async loadKeys(): Promise<Map<string, MasterKey>> {
    return new Map(this.#keys);
  }

  async activeKeyId(): Promise<string | undefined> {
    return this.#active;
  }

  async addKey(key: MasterKey): Promise<void> {
    this.#keys.set(key.id, key);
  }

  async setActiveKey(id: string): Promise<void> {
    if (!this.#keys.has(id)) throw new Error(`No key ${id} to make active`);
    this.#active = id;
  }

  async removeKey(id: string): Promise<void> {
    this.#keys.delete(id);
    if (this.#active === id) this.#active = undefined;
  }
}
