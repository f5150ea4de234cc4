/**
 * Connection failures that happen before a single byte of the request reaches the
 * server: retrying these can never repeat a side effect, whatever the method.
 */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

export type NetworkFailure =
  | { kind: 'cancelled' }
  | { kind: 'timeout' }
  | { kind: 'network'; code: string | undefined; notSent: boolean; message: string };

export function classifyNetworkError(
  error: unknown,
  runSignal: AbortSignal | undefined,
): NetworkFailure {
  if (runSignal?.aborted) return { kind: 'cancelled' };
  const name = (error as { name?: string })?.name;
  if (name === 'TimeoutError') return { kind: 'timeout' };
  if (name === 'AbortError') return { kind: 'cancelled' };
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code ?? (error as { code?: string })?.code;
  const message = cause?.message ?? (error as Error)?.message ?? String(error);
  return {
    kind: 'network',
    code,
    notSent: code !== undefined && NOT_SENT_CODES.has(code),
    message,
  };
}
