import { abortableSleep, fullJitterDelay, type Logger, resolveServicePolicy } from '@knotwork/sdk';
import type pg from 'pg';
import { RETRY_TRANSACTION_SQLSTATES, transactionRetry } from './errors.js';
import { sqlstateOf } from './postgres-error.js';
import { StatementResent } from './prepared-statements.js';

const retryPolicy = resolveServicePolicy({ retry: transactionRetry }).retry;

/** The error that ended the last attempt, and how many attempts were made. */
export class AttemptsExhausted extends Error {
  constructor(
    override readonly cause: unknown,
    readonly attempts: number,
  ) {
    super('PostgreSQL transaction failed');
  }
}

/**
 * Runs `work` again after a serialization failure or a deadlock. PostgreSQL rolls the
 * whole transaction back in both cases, so nothing was written and running it again is
 * what its documentation asks applications to do
 * (https://www.postgresql.org/docs/current/mvcc-serialization-failure-handling.html).
 */
export function withTransactionRetries<T>(
  run: { signal: AbortSignal; logger: Logger },
  work: () => Promise<T>,
): Promise<T> {
  // Most attempts succeed: the first one costs no more than the work itself.
  return work().catch((error: unknown) => retryAfter(error, run, work));
}

/**
 * What `withTransactionRetries` does once the first attempt of `work` failed: for callers
 * that await the first attempt themselves, which saves a promise on every run that succeeds.
 * A stale prepared statement (StatementResent) is sent afresh at once, one time.
 */
export async function retryAfter<T>(
  failure: unknown,
  run: { signal: AbortSignal; logger: Logger },
  work: () => Promise<T>,
): Promise<T> {
  let error = failure;
  let resent = false;
  for (let attempt = 1; ; attempt++) {
    if (error instanceof StatementResent) {
      // A second refusal is reported as what the server said.
      if (resent) throw new AttemptsExhausted(error.cause, attempt);
      resent = true;
    } else {
      const sqlstate = sqlstateOf(error);
      const retry = sqlstate !== undefined && RETRY_TRANSACTION_SQLSTATES.has(sqlstate);
      if (!retry || attempt >= retryPolicy.maxAttempts) throw new AttemptsExhausted(error, attempt);
      const delayMs = fullJitterDelay(attempt, retryPolicy);
      run.logger.warn('PostgreSQL rolled the transaction back; running it again', {
        sqlstate,
        attempt,
        delayMs,
      });
      await abortableSleep(delayMs, run.signal);
    }
    try {
      return await work();
    } catch (next) {
      error = next;
    }
  }
}

/** BEGIN … COMMIT around `work`; any failure rolls back, so it is all or nothing. */
export async function inTransaction<T>(client: pg.PoolClient, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // withClient rolls back too; doing it here keeps the client usable for the next attempt.
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}
