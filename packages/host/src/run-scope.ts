import { Deadlines, type Expiring, timedOut } from '@knotwork/sdk';

const deadlines = new Deadlines();

/**
 * One run's cancellation: its signal aborts when the caller's does or when the timeout
 * passes, and `settle` then rejects the run at once, even if the node ignores its signal.
 *
 * Cheap for short runs (a database query): the timeout shares a timer with other runs
 * (Deadlines), the scope rejects directly instead of listening to its own signal, and the
 * AbortController is only made when the node reads `signal`.
 */
export class RunScope implements Expiring {
  deadline = 0;
  previousDue: Expiring | undefined;
  nextDue: Expiring | undefined;
  lane: object | undefined;
  #controller: AbortController | undefined;
  #aborted = false;
  #reason: unknown;
  readonly #timeoutMs: number;
  #parent: AbortSignal | undefined;
  #onParentAbort: (() => void) | undefined;
  #reject: ((reason: unknown) => void) | undefined;
  /** Listeners from onCancel; most runs register none or one. */
  #listeners: Array<(reason: unknown) => void> | undefined;

  constructor(parent: AbortSignal | undefined, timeoutMs: number) {
    this.#timeoutMs = timeoutMs;
    if (parent?.aborted) {
      this.abort(parent.reason);
      return;
    }
    deadlines.add(this, timeoutMs);
    if (parent) {
      this.#parent = parent;
      this.#onParentAbort = () => this.abort(parent.reason);
      parent.addEventListener('abort', this.#onParentAbort, { once: true });
    }
  }

  /** Aborted when the run is cancelled or times out; made on first use. */
  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  /**
   * Calls `listener` once when the run is cancelled or times out, unless the returned
   * function was called first; at once if it already was. A list of plain functions costs
   * a fraction of an EventTarget listener, which is what a database node would pay per
   * statement.
   */
  onCancel(listener: (reason: unknown) => void): () => void {
    if (this.#aborted) {
      listener(this.#reason);
      return noop;
    }
    this.#listeners ??= [];
    this.#listeners.push(listener);
    return () => {
      const index = this.#listeners?.indexOf(listener) ?? -1;
      if (index >= 0) this.#listeners!.splice(index, 1);
    };
  }

  abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    this.#controller?.abort(reason);
    const listeners = this.#listeners;
    this.#listeners = undefined;
    if (listeners) {
      for (const listener of listeners) {
        try {
          listener(reason);
        } catch {
          // One listener's failure must not keep the others or the rejection from running.
        }
      }
    }
    this.#reject?.(reason);
  }

  expire(): void {
    this.abort(timedOut(this.#timeoutMs));
  }

  /** Settles when the node does, or as soon as the run is cancelled or times out. */
  settle<T>(promise: Promise<T>): Promise<T> {
    if (this.#aborted) {
      // The node's own outcome no longer matters; it must not surface as unhandled.
      promise.catch(() => {});
      return Promise.reject(this.#reason);
    }
    return new Promise<T>((resolve, reject) => {
      this.#reject = reject;
      promise.then(resolve, reject);
    });
  }

  /** Stops the timeout and unhooks the caller's signal; call when the run is over. */
  dispose(): void {
    deadlines.delete(this);
    this.#reject = undefined;
    this.#listeners = undefined;
    if (this.#parent) this.#parent.removeEventListener('abort', this.#onParentAbort!);
  }
}

function noop(): void {}
