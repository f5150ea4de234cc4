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
 * timer is cleared as soon as the work ends: thousands of requests do not leave
 * thousands of live timers behind (which made every request slower).
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

/** Methods on the prototype, not closures per request: a request makes one object here. */
class TimedSignal implements ScopedSignal {
  readonly #controller = new AbortController();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(parent: AbortSignal | undefined, ms: number, onParentCancel?: CancelSubscription) {
    const controller = this.#controller;
    if (parent?.aborted) {
      controller.abort(parent.reason);
      return;
    }
    this.#timer = setTimeout(expire, ms, controller, ms);
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

  dispose(): void {
    clearTimeout(this.#timer);
    this.#unsubscribe?.();
  }

  clearTimer(): void {
    clearTimeout(this.#timer);
  }
}

function expire(controller: AbortController, ms: number): void {
  controller.abort(new DOMException(`Timed out after ${ms} ms`, 'TimeoutError'));
}

const nothingToUndo = () => {};

/** `signal` itself, when its own deadline comes before the work's: nothing to clear. */
export function signalAlone(signal: AbortSignal): ScopedSignal {
  return { signal, dispose: nothingToUndo, clearTimer: nothingToUndo };
}
