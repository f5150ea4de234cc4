import type { ResolvedCredential } from './credential.js';
import type { HttpClient } from './http/types.js';
import type { Logger } from './logger.js';

/** Values a polling trigger keeps between runs (last seen id, offset, timestamp). */
export interface TriggerState {
  get<T = unknown>(key: string): T | undefined;
  set(key: string, value: unknown): void;
}

/** A TriggerState kept in memory (a host's default, a test, a one-off poll); `values` is its store. */
export function memoryState(
  initial: Record<string, unknown> = {},
): TriggerState & { values: Map<string, unknown> } {
  const values = new Map(Object.entries(initial));
  return {
    values,
    get: <T>(key: string) => values.get(key) as T | undefined,
    set: (key, value) => {
      values.set(key, value);
    },
  };
}

/**
 * Long-lived driver resources (database pools, SMTP transports) owned by the host and
 * keyed by credential, so every run with the same credential reuses one pool.
 */
export interface ConnectionPools {
  get<T>(
    key: string,
    create: () => T | Promise<T>,
    dispose: (resource: T) => void | Promise<void>,
  ): Promise<T>;
}

export interface NodeContext<C = ResolvedCredential | undefined> {
  credential: C;
  http: HttpClient;
  logger: Logger;
  /** Aborted when the run is cancelled or the node's timeout passes. */
  signal: AbortSignal;
  /**
   * Calls `listener` once when the run is cancelled or its timeout passes, unless the
   * returned function was called first; at once if that has already happened. What a
   * listener on `signal` does, without an AbortController and an event listener per run:
   * for work that starts many times a second, like cancelling a database statement.
   */
  onCancel(listener: (reason: unknown) => void): () => void;
  /**
   * Waits, ending early (rejecting) if the run is cancelled. Use it for retry waits outside
   * HTTP (a database deadlock): the test kit records these waits instead of sleeping.
   */
  sleep(ms: number): Promise<void>;
  state: TriggerState;
  /** Triggers hand new items to the engine here (or return them). */
  emit(items: unknown[]): void;
  connections: ConnectionPools;
  /** Masks a secret the node learned at run time (a token in a response) in logs and errors. */
  addSecret(value: string): void;
  node: { plugin: string; key: string };
}
