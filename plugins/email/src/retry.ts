import { isIntegrationError, type NodeContext } from '@knotwork/sdk';
import type { ClassifiedFailure } from './error-mapping.js';
import { retryPolicy } from './errors.js';

/** "Full jitter" (AWS Architecture Blog), as the SDK's http layer waits. */
function backoffMs(attempt: number): number {
  const ceiling = Math.min(retryPolicy.maxDelayMs, retryPolicy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(Math.random() * ceiling);
}

/**
 * Runs one driver step, retrying it while the failure is temporary and repeating it is
 * harmless. SMTP and IMAP have no HTTP for the SDK's retry loop to wrap, so this mirrors
 * it: backoff with jitter, a longer wait when the server asked to slow down, a warning
 * per retry, and `ctx.sleep`, which ends with the run (and which the test kit records).
 */
export async function withRetries<T>(
  ctx: Pick<NodeContext, 'logger' | 'signal' | 'sleep'>,
  what: string,
  step: () => Promise<T>,
  classify: (failure: unknown) => ClassifiedFailure,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (failure) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      // Already decided (bad input found on the server, a missing mailbox): not a driver failure.
      if (isIntegrationError(failure)) throw failure;
      const classified = classify(failure);
      if (!classified.safeToRetry || attempt >= retryPolicy.maxAttempts) throw classified.error;
      const floor =
        classified.error.code === 'rate_limited' ? retryPolicy.rateLimitedMinDelayMs : 0;
      const delayMs = Math.max(backoffMs(attempt), floor, classified.minDelayMs ?? 0);
      ctx.logger.warn(`Retrying ${what} after ${classified.error.code}`, {
        service: 'email',
        attempt,
        delayMs,
        reason: classified.error.message,
      });
      await ctx.sleep(delayMs);
    }
  }
}
