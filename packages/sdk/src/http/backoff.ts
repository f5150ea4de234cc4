import type { ResolvedServicePolicy } from '../service-policy.js';

/** "Full jitter" (AWS Architecture Blog): a random wait up to the exponential ceiling. */
export function fullJitterDelay(
  attempt: number,
  policy: ResolvedServicePolicy['retry'],
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(random() * ceiling);
}

/**
 * How long the provider asked us to wait, in ms, from the headers and body it sent;
 * undefined when it did not say.
 */
export function providerWaitMs(
  headers: Headers,
  body: unknown,
  policy: ResolvedServicePolicy['rateLimit'],
  readBodyPath: (body: unknown, path: string) => unknown,
  now: number = Date.now(),
): number | undefined {
  for (const name of policy.retryAfterHeaders) {
    const value = headers.get(name);
    const ms = value === null ? undefined : parseRetryAfter(value, now);
    if (ms !== undefined) return ms;
  }
  if (policy.retryAfterBodyPath) {
    const seconds = Number(readBodyPath(body, policy.retryAfterBodyPath));
    if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  }
  for (const reset of policy.resetHeaders) {
    if (reset.remainingHeader && headers.get(reset.remainingHeader) !== '0') continue;
    const value = headers.get(reset.header);
    if (value === null) continue;
    const ms = parseReset(value, reset.format, now);
    if (ms !== undefined) return ms;
  }
  return undefined;
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string, now: number = Date.now()): number | undefined {
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function parseReset(
  value: string,
  format: 'epoch-seconds' | 'epoch-ms' | 'delta-seconds' | 'http-date',
  now: number,
): number | undefined {
  const number = Number(value);
  switch (format) {
    case 'epoch-seconds':
      return Number.isFinite(number) ? Math.max(0, number * 1000 - now) : undefined;
    case 'epoch-ms':
      return Number.isFinite(number) ? Math.max(0, number - now) : undefined;
    case 'delta-seconds':
      return Number.isFinite(number) ? Math.max(0, Math.ceil(number * 1000)) : undefined;
    case 'http-date': {
      const date = Date.parse(value);
      return Number.isNaN(date) ? undefined : Math.max(0, date - now);
    }
  }
}
