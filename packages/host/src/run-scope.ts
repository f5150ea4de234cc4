/**
 * One run's cancellation: its signal aborts when the caller's does or when the timeout
 * passes, and `settle` then rejects the run at once, even if the node ignores its signal.
 *
 * Does what `signalWithTimeout` plus an abort listener on the run's own signal would, but
 * the scope aborts that signal itself and so rejects directly: a short run (a database
 * query) no longer pays for adding and removing an event listener.
 */
export class RunScope {
  readonly #controller = new AbortController();
  readonly signal: AbortSignal = this.#controller.signal;
  readonly #timeoutMs: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #parent: AbortSignal | undefined;
  #onParentAbort: (() => void) | undefined;
  #reject: ((reason: unknown) => void) | undefined;

  constructor(parent: AbortSignal | undefined, timeoutMs: number) {
    this.#timeoutMs = timeoutMs;
    if (parent?.aborted) {
      this.#controller.abort(parent.reason);
      return;
    }
    this.#timer = setTimeout(timeOut, timeoutMs, this);
    if (parent) {
      this.#parent = parent;
      this.#onParentAbort = () => this.abort(parent.reason);
      parent.addEventListener('abort', this.#onParentAbort, { once: true });
    }
  }

  abort(reason: unknown): void {
    if (this.signal.aborted) return;
    this.#controller.abort(reason);
    this.#reject?.(this.signal.reason);
  }

  /** Settles when the node does, or as soon as the run is cancelled or times out. */
  settle<T>(promise: Promise<T>): Promise<T> {
    if (this.signal.aborted) return Promise.reject(this.signal.reason);
    return new Promise<T>((resolve, reject) => {
      this.#reject = reject;
      promise.then(resolve, reject);
    });
  }

  /** Clears the timer and unhooks the caller's signal; call when the run is over. */
  dispose(): void {
    clearTimeout(this.#timer);
    this.#reject = undefined;
    if (this.#parent) this.#parent.removeEventListener('abort', this.#onParentAbort!);
  }

  get timeoutMs(): number {
    return this.#timeoutMs;
  }
}

function timeOut(scope: RunScope): void {
  scope.abort(new DOMException(`Timed out after ${scope.timeoutMs} ms`, 'TimeoutError'));
}
