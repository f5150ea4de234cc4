import { getPath, type OAuthProvider, parseRetryAfter } from '@knotwork/sdk';

/** What a token endpoint handed out, read through the provider's tokenPaths. */
export interface IssuedTokens {
  accessToken: string;
  refreshToken?: string;
  tokenType?: string;
  expiresInSeconds?: number;
  scope?: string;
}

/** Why a token endpoint call produced no tokens. */
export type TokenEndpointFailure =
  /** The request never got an answer (refused connection, DNS, timeout). */
  | { kind: 'network'; reason: string }
  /** 5xx or 429: the provider is down or busy; trying later can help. */
  | { kind: 'unavailable'; status: number; error?: string; retryAfterSeconds?: number }
  /** An OAuth error answer (RFC 6749 §5.2, or a quirk such as Slack's 200 ok:false). */
  | { kind: 'refused'; status: number; error: string; description?: string }
  /** An answer that is neither tokens nor an error we can read. */
  | { kind: 'malformed'; status: number; reason: string };

export type TokenEndpointResult =
  | { ok: true; tokens: IssuedTokens }
  | { ok: false; failure: TokenEndpointFailure };

/** Sends one token request and reads the answer the way the provider's data says to. */
export async function callTokenEndpoint(
  provider: OAuthProvider,
  send: () => Promise<Response>,
): Promise<TokenEndpointResult> {
  let response: Response;
  try {
    response = await send();
  } catch (cause) {
    return { ok: false, failure: { kind: 'network', reason: networkReason(cause) } };
  }
  return readTokenResponse(provider, response);
}

export async function readTokenResponse(
  provider: OAuthProvider,
  response: Response,
): Promise<TokenEndpointResult> {
  const { status } = response;
  const body = await readBody(response);
  const error = body ? errorCodeOf(provider, body) : undefined;
  if (status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after') ?? '', Date.now());
    return {
      ok: false,
      failure: {
        kind: 'unavailable',
        status,
        ...(error ? { error } : {}),
        ...(retryAfterMs === undefined
          ? {}
          : { retryAfterSeconds: Math.ceil(retryAfterMs / 1000) }),
      },
    };
  }
  if (!body) {
    return { ok: false, failure: { kind: 'malformed', status, reason: 'the answer is not JSON' } };
  }
  if (error || status >= 400) {
    const description = stringAt(body, 'error_description');
    return {
      ok: false,
      failure: {
        kind: 'refused',
        status,
        error: error ?? `http_${status}`,
        ...(description ? { description } : {}),
      },
    };
  }
  const accessToken = stringAt(body, provider.tokenPaths.accessToken);
  if (!accessToken) {
    return {
      ok: false,
      failure: {
        kind: 'malformed',
        status,
        reason: `the answer has no access token at "${provider.tokenPaths.accessToken}"`,
      },
    };
  }
  const refreshToken = stringAt(body, provider.tokenPaths.refreshToken);
  const tokenType =
    provider.tokenResponse.tokenType ?? stringAt(body, provider.tokenPaths.tokenType);
  const expiresInSeconds = secondsAt(body, provider.tokenPaths.expiresIn);
  const scope = scopeAt(body, provider.tokenPaths.scope);
  return {
    ok: true,
    tokens: {
      accessToken,
      ...(refreshToken ? { refreshToken } : {}),
      ...(tokenType ? { tokenType } : {}),
      ...(expiresInSeconds === undefined ? {} : { expiresInSeconds }),
      ...(scope ? { scope } : {}),
    },
  };
}

/**
 * The provider's error code, if the answer carries one. Slack answers 200 with
 * `{ ok: false, error }` (okPath), GitHub 200 with `{ error }` (errorPath alone); standard
 * servers put `error` in a 4xx body.
 */
function errorCodeOf(provider: OAuthProvider, body: unknown): string | undefined {
  const { okPath, errorPath } = provider.tokenResponse;
  const declared = errorPath ? stringAt(body, errorPath) : undefined;
  if (okPath !== undefined && getPath(body, okPath) !== true) {
    return declared ?? stringAt(body, 'error') ?? 'not_ok';
  }
  return declared ?? stringAt(body, 'error');
}

/** JSON, or a form-encoded body (GitHub's default when Accept is not JSON); undefined otherwise. */
async function readBody(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  if (text.trim() === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
  } catch {
    if (/application\/x-www-form-urlencoded/i.test(response.headers.get('content-type') ?? '')) {
      return Object.fromEntries(new URLSearchParams(text));
    }
    return undefined;
  }
}

function stringAt(body: unknown, path: string): string | undefined {
  const value = getPath(body, path);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** expires_in as a number of seconds; some providers send it as a string. */
function secondsAt(body: unknown, path: string): number | undefined {
  const value = getPath(body, path);
  const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0
    ? seconds
    : undefined;
}

/** Granted scopes as the provider wrote them (space- or comma-separated), or an array joined. */
function scopeAt(body: unknown, path: string): string | undefined {
  const value = getPath(body, path);
  if (Array.isArray(value)) return value.filter((item) => typeof item === 'string').join(' ');
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function networkReason(cause: unknown): string {
  if (cause instanceof Error) {
    if (cause.name === 'TimeoutError' || cause.name === 'AbortError') return 'no answer in time';
    const code = (cause.cause as { code?: unknown } | undefined)?.code;
    return typeof code === 'string' ? `${cause.message} (${code})` : cause.message;
  }
  return String(cause);
}
