import { randomBytes } from 'node:crypto';

/** How long a sign-in lasts. */
export const SESSION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
/** Sign-ins kept at once; past this the oldest is ended first. */
const MAX_SESSIONS = 1_000;

/**
 * The studio's sign-ins, in memory: a random id per sign-in (the cookie's value), ended
 * by signing out, by expiring, or by the server stopping (everyone signs in again). An id
 * says nothing about the token, and a signed-out cookie opens nothing, even if copied.
 */
export class StudioSessions {
  /** Session id → when it expires (ms since the epoch); in sign-in order. */
  readonly #expiries = new Map<string, number>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  start(): string {
    const id = randomBytes(32).toString('base64url');
    if (this.#expiries.size >= MAX_SESSIONS) {
      const oldest = this.#expiries.keys().next().value;
      if (oldest !== undefined) this.#expiries.delete(oldest);
    }
    this.#expiries.set(id, this.#now() + SESSION_LIFETIME_MS);
    return id;
  }

  isActive(id: string): boolean {
    const expires = this.#expiries.get(id);
    if (expires === undefined) return false;
    if (expires > this.#now()) return true;
    this.#expiries.delete(id);
    return false;
  }

  end(id: string): void {
    this.#expiries.delete(id);
  }
}
