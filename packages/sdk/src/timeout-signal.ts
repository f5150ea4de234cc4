import { Deadlines, type Expiring } from './deadlines.js';

export interface ScopedSignal {
  signal: AbortSignal;
  /** Clears the timer and unhooks the parent; call when the work is done. */
  dispose(): void;
  /** Clears only the timer: the parent can still abort (a body streamed after this call returns). */
  clearTimer(): void;
}

/**
 * Subscribes to the parent's cancellation: calls the listener once when it happens (at
 * once if it has), and returns what stops listening. A run's `ctx.onCancel` is one.
 */
export type CancelSubscription = (listener: (reason: unknown) => void) => () => void;

/**
 * A signal that aborts when `parent` does or after `ms`. Unlike AbortSignal.timeout, its
 * timeout ends as soon as the work does: thousands of requests do not leave thousands of
 * live timers behind (which made every request slower). Requests with the same timeout
 * share one timer (Deadlines): a request costs linking itself into a list, not a Timeout
 * inserted into and taken out of Node's timer lists.
 *
 * `onParentCancel`, when given, is how the parent's cancellation is heard instead of an
 * abort listener on `parent`: a run's list of cancel listeners costs a fraction of an
 * EventTarget listener added and removed on every request.
 */
export function signalWithTimeout(
  parent: AbortSignal | undefined,
  ms: number,
  onParentCancel?: CancelSubscription,
): ScopedSignal {
  return new TimedSignal(parent, ms, onParentCancel);
}

const requestDeadlines = new Deadlines();

/** Methods on the prototype, not closures per request: a request makes one object here. */
class TimedSignal implements ScopedSignal, Expiring {
  deadline = 0;
  previousDue: Expiring | undefined;
  nextDue: Expiring | undefined;
  lane: object | undefined;
  readonly #controller = new AbortController();
  readonly #ms: number;
  #unsubscribe: (() => void) | undefined;

  constructor(parent: AbortSignal | undefined, ms: number, onParentCancel?: CancelSubscription) {
    this.#ms = ms;
    const controller = this.#controller;
    if (parent?.aborted) {
      controller.abort(parent.reason);
      return;
    }
    requestDeadlines.add(this, ms);
    if (onParentCancel) {
      this.#unsubscribe = onParentCancel((reason) => controller.abort(reason));
    } else if (parent) {
      const onAbort = () => controller.abort(parent.reason);
      parent.addEventListener('abort', onAbort, { once: true });
      this.#unsubscribe = () => parent.removeEventListener('abort', onAbort);
    }
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  expire(): void {
    this.#controller.abort(timedOut(this.#ms));
  }

  dispose(): void {
    requestDeadlines.delete(this);
    this.#unsubscribe?.();
  }

  clearTimer(): void {
    requestDeadlines.delete(this);
  }
}

/**
 * The reason a signal aborts with when its time is up: a TimeoutError, which fetch, the
 * SDK's error mapping and the host all tell apart from a cancellation.
 */
export function timedOut(ms: number): DOMException {
  return new DOMException(`Timed out after ${ms} ms`, 'TimeoutError');
}

const nothingToUndo = () => {};

/** `signal` itself, when its own deadline comes before the work's: nothing to clear. */
export function signalAlone(signal: AbortSignal): ScopedSignal {
  return { signal, dispose: nothingToUndo, clearTimer: nothingToUndo };
}
