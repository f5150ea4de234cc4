import type { TokenVault } from '../types.js';

interface Flight<T> {
  promise: Promise<T>;
  /** Forced work (the provider refused the token) must not be answered by unforced work. */
  forced: boolean;
}

/**
 * In-flight work per vault and key. A vault stands for one process's view of the store,
 * so keying by vault gives "one refresh per credential per process"; across processes the
 * store's credential lock takes over.
 */
const flightsByVault = new WeakMap<TokenVault, Map<string, Flight<unknown>>>();

/**
 * Runs `work` unless the same key is already in flight, in which case the caller joins
 * it. A forced caller does not join unforced work (which may end without refreshing):
 * it waits for it to settle, then runs its own, which later callers join.
 */
export function singleFlight<T>(
  vault: TokenVault,
  key: string,
  forced: boolean,
  work: () => Promise<T>,
): Promise<T> {
  let flights = flightsByVault.get(vault);
  if (!flights) {
    flights = new Map();
    flightsByVault.set(vault, flights);
  }
  const current = flights.get(key) as Flight<T> | undefined;
  if (current && (current.forced || !forced)) return current.promise;
  const start = current ? current.promise.then(noop, noop) : Promise.resolve();
  const promise = start.then(work);
  const flight: Flight<T> = { promise, forced };
  flights.set(key, flight as Flight<unknown>);
  const clear = () => {
    if (flights.get(key) === flight) flights.delete(key);
  };
  promise.then(clear, clear);
  return promise;
}

function noop(): void {}
