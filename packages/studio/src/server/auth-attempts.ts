import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ApiError } from './api-error.js';

/** Wrong tokens one address may try per window before it has to wait. */
const FAILURES_PER_WINDOW = 10;
const WINDOW_SECONDS = 60;

/**
 * Counts wrong auth tokens (POST /api/login and Bearer headers) per client address. A
 * person who mistypes gets ten tries a minute; a script guessing the token gets ten a
 * minute too, and while an address is over the limit even the right token is refused, so
 * a guess cannot be confirmed by the answer.
 */
export class AuthAttempts {
  readonly #limiter = new RateLimiterMemory({
    points: FAILURES_PER_WINDOW,
    duration: WINDOW_SECONDS,
    keyPrefix: 'studio-auth',
  });

  /** Throws 429 when the address used up its wrong tries. */
  async ensureAllowed(address: string): Promise<void> {
    const state = await this.#limiter.get(address);
    if (state && state.remainingPoints <= 0) throw tooMany(state.msBeforeNext);
  }

  /** Counts a wrong token from the address. */
  async failed(address: string): Promise<void> {
    try {
      await this.#limiter.consume(address);
    } catch (error) {
      if (error instanceof RateLimiterRes) return;
      throw error;
    }
  }
}

function tooMany(msBeforeNext: number): ApiError {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new ApiError(
    429,
    {
      code: 'too_many_attempts',
      message: `Too many wrong auth tokens from this address`,
      hint: `Wait ${seconds} s, then sign in with the value of KNOTWORK_AUTH_TOKEN the server was started with.`,
    },
    { 'retry-after': String(seconds) },
  );
}
