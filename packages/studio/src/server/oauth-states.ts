const STATE_TTL_MS = 10 * 60_000;

/**
 * Which credential a sign-in's `state` belongs to. The store's own pending authorization is
 * consumed by OAuthConnections.complete, which must first be told the credential: this map
 * says it, for 10 minutes and once.
 */
export class OAuthStates {
  readonly #pending = new Map<string, { credentialId: string; expiresAt: number }>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  remember(state: string, credentialId: string): void {
    this.#dropExpired();
    this.#pending.set(state, { credentialId, expiresAt: this.#now() + STATE_TTL_MS });
  }

  /** The credential id, once; undefined when the state is unknown, used or expired. */
  take(state: string): string | undefined {
    const entry = this.#pending.get(state);
    this.#pending.delete(state);
    if (!entry || entry.expiresAt <= this.#now()) return undefined;
    return entry.credentialId;
  }

  #dropExpired(): void {
    const now = this.#now();
    for (const [state, entry] of this.#pending) {
      if (entry.expiresAt <= now) this.#pending.delete(state);
    }
  }
}
