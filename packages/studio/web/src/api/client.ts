import type { ApiErrorBody, FieldProblem, Session } from './types.js';

/** An API answer that was not 2xx, carrying the API's one error shape. */
export class ApiError extends Error implements ApiErrorBody {
  readonly status: number;
  readonly code: string;
  readonly hint?: string;
  readonly service?: string;
  readonly fields?: FieldProblem[];

  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    if (body.hint) this.hint = body.hint;
    if (body.service) this.service = body.service;
    if (body.fields) this.fields = body.fields;
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let csrfToken: string | undefined;
const unauthorizedListeners = new Set<() => void>();

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called when a request comes back 401 (a session cookie expired, the token changed). */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export async function fetchSession(): Promise<Session> {
  const session = await send<Session>('GET', '/session');
  setCsrfToken(session.csrfToken);
  return session;
}

/**
 * JSON to and from `/api`. State-changing requests carry the CSRF token from
 * GET /api/session; when the server refuses it (it restarted and minted a new one), the
 * token is fetched again and the request retried once.
 */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  try {
    return await send<T>(method, path, body);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'csrf_refused') {
      await fetchSession();
      return send<T>(method, path, body);
    }
    throw error;
  }
}

async function send<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (STATE_CHANGING.has(method) && csrfToken) headers['x-knotwork-csrf'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, {
      code: 'unreachable',
      message: 'The studio server did not answer.',
      hint: 'Is `knotwork serve` still running? Start it again and reload this page.',
    });
  }
  const payload = await readJson(response);
  if (response.ok) return payload as T;
  if (response.status === 401) for (const listener of unauthorizedListeners) listener();
  throw new ApiError(response.status, errorBodyOf(payload, response));
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function errorBodyOf(payload: unknown, response: Response): ApiErrorBody {
  const error = (payload as { error?: ApiErrorBody } | undefined)?.error;
  if (error && typeof error.message === 'string') return error;
  return {
    code: 'http_error',
    message: `The server answered ${response.status} ${response.statusText}`.trim(),
  };
}

/** Turns anything thrown into the API's error shape, for display. */
export function toErrorBody(error: unknown): ApiErrorBody {
  if (error instanceof ApiError) {
    return {
      code: error.code,
      message: error.message,
      ...(error.hint ? { hint: error.hint } : {}),
      ...(error.fields ? { fields: error.fields } : {}),
    };
  }
  return { code: 'client_error', message: error instanceof Error ? error.message : String(error) };
}
