export interface ScopedSignal {
  signal: AbortSignal;
  /** Clears the timer and unhooks the parent; call when the work is done. */
  dispose(): void;
  /** Clears only the timer: the parent can still abort (a body streamed after this call returns). */
  clearTimer(): void;
}

/**
 * A signal that aborts when `parent` does or after `ms`. Unlike AbortSignal.timeout, its
 * timer is cleared as soon as the work ends: thousands of requests do not leave
 * thousands of live timers behind (which made every request slower).
 */
export function signalWithTimeout(parent: AbortSignal | undefined, ms: number): ScopedSignal {
  const controller = new AbortController();
  if (parent?.aborted) {
    controller.abort(parent.reason);
    return { signal: controller.signal, dispose: () => {}, clearTimer: () => {} };
  }
  const timer = setTimeout(
    () => controller.abort(new DOMException(`Timed out after ${ms} ms`, 'TimeoutError')),
    ms,
  );
  const onAbort = () => controller.abort(parent?.reason);
  parent?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onAbort);
    },
    clearTimer: () => clearTimeout(timer),
  };
}
