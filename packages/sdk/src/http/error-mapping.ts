import { IntegrationError } from '../integration-error.js';
import { getPath } from '../object-path.js';
import type { ResolvedServicePolicy } from '../service-policy.js';

/** What a person can do about an HTTP status when the provider gave no code we know. */
const GENERIC_STATUS_HINTS: Record<number, string> = {
  400: 'The provider rejected the request as malformed: check the node fields named in the message.',
  401: 'The provider rejected the credential: check the token or key, or reconnect the credential.',
  403: 'The credential is valid but lacks permission: grant the missing scope or access, then reconnect.',
  404: 'The provider found nothing at that address: check the id, name or URL in the node fields.',
  405: 'The provider does not accept this method here: check the URL.',
  408: 'The provider timed out waiting for the request: try again.',
  409: 'The request conflicts with the current state of the resource: refresh it and try again.',
  413: 'The request is too large for the provider: send less data or split it.',
  415: 'The provider does not accept this content type: check the body format.',
  422: 'The provider could not process the values sent: check the node fields.',
  429: 'The provider is rate limiting this credential: wait, or lower how often the workflow runs.',
  500: 'The provider had an internal error: try again later; if it persists, check its status page.',
  502: 'The provider or a proxy in front of it is failing: try again later.',
  503: 'The provider is temporarily unavailable: try again later.',
  504: 'The provider timed out: try again later.',
};

export interface ProviderFailure {
  status: number;
  /** Parsed JSON body, or the raw text when it was not JSON. */
  body: unknown;
  headers: Headers;
  rateLimited: boolean;
  retryAfterMs?: number;
}

/** The provider's own error code, from the body as the plugin's error policy describes. */
export function providerErrorCode(
  body: unknown,
  policy: ResolvedServicePolicy['errors'],
): string | undefined {
  if (typeof body === 'string') {
    const text = body.trim();
    return policy.textBodyIsCode && /^[a-z][a-z0-9_.-]{1,80}$/i.test(text) ? text : undefined;
  }
  if (!policy.codePath) return undefined;
  const code = getPath(body, policy.codePath);
  return typeof code === 'string' || typeof code === 'number' ? String(code) : undefined;
}

export function providerErrorMessage(
  body: unknown,
  policy: ResolvedServicePolicy['errors'],
): string | undefined {
  if (typeof body === 'string') return body.trim().slice(0, 500) || undefined;
  const fromPath = policy.messagePath ? getPath(body, policy.messagePath) : undefined;
  if (typeof fromPath === 'string') return fromPath;
  for (const path of ['message', 'error.message', 'error_description', 'detail', 'description']) {
    const value = getPath(body, path);
    if (typeof value === 'string') return value;
  }
  return undefined;
}

/** Turns a provider's failure into the one error shape, with a hint a person can act on. */
export function toIntegrationError(
  service: string,
  failure: ProviderFailure,
  policy: ResolvedServicePolicy['errors'],
): IntegrationError {
  const code = providerErrorCode(failure.body, policy);
  const providerMessage = providerErrorMessage(failure.body, policy);
  // A rate limit answered with another status (GitHub's 403) is no permission problem:
  // it gets the plugin's 429 hint, else the generic rate-limit hint.
  const known =
    (code ? policy.hints[code] : undefined) ??
    policy.statusHints[failure.rateLimited ? '429' : String(failure.status)];
  const hint =
    known?.hint ??
    (failure.rateLimited ? GENERIC_STATUS_HINTS[429] : undefined) ??
    GENERIC_STATUS_HINTS[failure.status] ??
    (failure.status >= 500
      ? GENERIC_STATUS_HINTS[500]!
      : `The provider answered HTTP ${failure.status}: check the node fields and the credential.`);
  const said = known?.message ?? providerMessage ?? code;
  const message = `${service} answered ${failure.status}${code ? ` (${code})` : ''}${
    said && said !== code ? `: ${said}` : ''
  }`;
  const requestId =
    failure.headers.get('x-request-id') ??
    failure.headers.get('x-github-request-id') ??
    failure.headers.get('request-id') ??
    undefined;
  return new IntegrationError({
    service,
    code: code ?? (failure.rateLimited ? 'rate_limited' : `http_${failure.status}`),
    message,
    hint,
    status: failure.status,
    retryable:
      known?.retryable === false
        ? false
        : failure.rateLimited || (known?.retryable ?? failure.status >= 500),
    ...(failure.retryAfterMs === undefined
      ? {}
      : { retryAfterSeconds: Math.ceil(failure.retryAfterMs / 1000) }),
    details: {
      ...(providerMessage ? { providerMessage } : {}),
      ...(requestId ? { requestId } : {}),
      ...detailsFrom(failure.body, policy.detailPaths),
    },
  });
}

function detailsFrom(body: unknown, paths: readonly string[]): Record<string, unknown> {
  const details: Record<string, unknown> = {};
  for (const path of paths) {
    const value = getPath(body, path);
    if (value !== undefined) details[path] = value;
  }
  return details;
}
