import type { MasterKey } from '../crypto/master-key.js';

export type KeySourceKind = 'keyring' | 'env' | 'file' | 'memory';

/**
 * Where master keys live. Several keys may be present at once (the previous one during a
 * rotation); one of them is active and encrypts new writes.
 */
export interface KeySource {
  readonly kind: KeySourceKind;
  /**
   * Whether knotwork can add, activate and remove keys here. An environment variable it
   * cannot change: rotating one is done by hand (see rotateKey).
   */
  readonly writable: boolean;
  /** Where the keys are, in words, for error messages: "the OS keyring (service knotwork)". */
  describe(): string;
  /** Every key present, by id. */
  loadKeys(): Promise<Map<string, MasterKey>>;
  /** The key new writes use; undefined before the first key exists. */
  activeKeyId(): Promise<string | undefined>;
  addKey(key: MasterKey): Promise<void>;
  setActiveKey(id: string): Promise<void>;
  removeKey(id: string): Promise<void>;
}
