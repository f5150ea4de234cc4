import { randomUUID } from 'node:crypto';
import { binaryFrom, isBinaryData } from '../binary-data.js';
import { IntegrationError, isIntegrationError } from '../integration-error.js';
import type { Logger } from '../logger.js';
import { getPath } from '../object-path.js';
import type { ResolvedServicePolicy } from '../service-policy.js';
import { type CancelSubscription, signalAlone, signalWithTimeout } from '../timeout-signal.js';
import { SDK_VERSION } from '../version.js';
import { fullJitterDelay, providerWaitMs } from './backoff.js';
import { providerErrorCode, toIntegrationError } from './error-mapping.js';
import { nextLink } from './link-header.js';
import { classifyNetworkError } from './network-error.js';
import type { RateLimiterRegistry } from './rate-limiter.js';
import { abortableSleep, type Sleep } from './sleep.js';
import type {
  HttpAuth,
  HttpClient,
  HttpMethod,
  HttpRequest,
  HttpResponse,
  PaginateOptions,
  PaginationStrategy,
  QueryValue,
} from './types.js';

export interface HttpClientOptions {
  service: string;
  policy: ResolvedServicePolicy;
  baseUrl?: string;
  auth?: HttpAuth;
  limiters?: RateLimiterRegistry;
  /** Whose rate-limit budget requests spend (a credential id). */
  credentialKey?: string;
  /** The run's signal: cancel or overall timeout. */
  signal?: AbortSignal;
  /**
   * How a request hears that `signal` aborted, instead of an abort listener on it per
   * request (a run's `ctx.onCancel`, which costs a fraction of one).
   */
  onCancel?: CancelSubscription;
  /**
   * When `signal` aborts by itself (the run's timeout), in `performance.now()` time. A
   * request whose own timeout would end later is bounded by `signal` alone, without an
   * AbortController and a timer of its own (a run with a timeout shorter than the
   * service's request timeout).
   */
  signalDeadline?: number;
  logger?: Logger;
  sleep?: Sleep;
  /** Defaults to the global fetch, looked up per call so test interceptors apply. */
  fetch?: typeof fetch;
}

type RequestBody = NonNullable<RequestInit['body']>;

const IDEMPOTENT_METHODS = new Set<HttpMethod>(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const USER_AGENT = `knotwork/${SDK_VERSION}`;
/** Error bodies are read for a code and a message, never kept whole. */
const MAX_ERROR_BODY = 64 * 1024;

interface PreparedRequest {
  method: HttpMethod;
  url: URL;
  headers: Headers;
  body: RequestBody | undefined;
  idempotent: boolean;
  retry: boolean;
  auth: boolean;
  timeoutMs: number;
}

type Outcome =
  | { ok: true; response: Response; data?: unknown }
  | { ok: false; response: Response; error: IntegrationError; bodyText: string };

/**
 * The one way plugins talk HTTP: credential auth, rate limits, retries with backoff that
 * respect what the provider says, timeouts, and errors mapped to IntegrationError.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const { service, policy } = options;
  const sleep = options.sleep ?? abortableSleep;
  const fetchImpl = (input: URL, init: RequestInit) =>
    (options.fetch ?? globalThis.fetch)(input, init);

  function prepare(request: HttpRequest): PreparedRequest {
    const method = request.method ?? (request.json !== undefined || request.form ? 'POST' : 'GET');
    const url = resolveUrl(request.url, options.baseUrl, service);
    appendQuery(url, request.query);
    // The service's own headers first (API version pins), the request's win.
    const headers = new Headers(policy.headers);
    for (const [name, value] of Object.entries(request.headers ?? {})) headers.set(name, value);
    if (!headers.has('user-agent')) headers.set('user-agent', USER_AGENT);
    let body: RequestBody | undefined;
    let retryableBody = true;
    if (request.json !== undefined) {
      body = JSON.stringify(request.json);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    } else if (request.form) {
      body = new URLSearchParams(
        Object.entries(request.form)
          .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
          .map(([key, value]): [string, string] => [key, String(value)]),
      );
    } else if (isBinaryData(request.body)) {
      if (!headers.has('content-type')) headers.set('content-type', request.body.mimeType);
      if (request.body.bytes) body = request.body.bytes as Uint8Array<ArrayBuffer>;
      else {
        // A stream can be sent only once; buffering would defeat the point of streaming.
        body = request.body.stream as ReadableStream<Uint8Array<ArrayBuffer>>;
        retryableBody = false;
      }
    } else {
      body = request.body as RequestBody | undefined;
    }
    let idempotent = request.idempotent ?? IDEMPOTENT_METHODS.has(method);
    const keyHeader = policy.retry.idempotencyKeyHeader;
    if (!idempotent && keyHeader) {
      if (!headers.has(keyHeader)) headers.set(keyHeader, randomUUID());
      idempotent = true;
    }
    return {
      method,
      url,
      headers,
      body,
      idempotent,
      retry: request.retry !== false && retryableBody,
      auth: request.auth !== false,
      timeoutMs: request.timeoutMs ?? policy.timeoutMs,
    };
  }

  async function send(
    prepared: PreparedRequest,
    readSuccess: ((response: Response) => Promise<unknown>) | undefined,
    streamsBody = false,
  ): Promise<Outcome> {
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      if (options.limiters && policy.rateLimit.rules.length > 0) {
        await options.limiters.acquire(service, policy.rateLimit.rules, {
          method: prepared.method,
          path: rateLimitPath(prepared.url, options.baseUrl),
          credentialKey: options.credentialKey ?? 'anonymous',
        });
      }
      let headers = prepared.headers;
      let url = prepared.url;
      if (prepared.auth && options.auth) {
        // Copies per attempt: a refreshed token replaces the old one, and an auth that
        // rewrites the URL (Telegram's token in the path) never sees its own output.
        headers = new Headers(prepared.headers);
        url = new URL(prepared.url);
        await options.auth.apply({ method: prepared.method, url, headers });
      }
      const canRetry = prepared.retry && attempt < policy.retry.maxAttempts;
      const timeout =
        options.signal &&
        options.signalDeadline !== undefined &&
        performance.now() + prepared.timeoutMs >= options.signalDeadline
          ? signalAlone(options.signal)
          : signalWithTimeout(options.signal, prepared.timeoutMs, options.onCancel);

      let response: Response;
      try {
        const init: RequestInit & { duplex?: 'half' } = {
          method: prepared.method,
          headers,
          body: prepared.body,
          signal: timeout.signal,
        };
        if (prepared.body instanceof ReadableStream) init.duplex = 'half';
        response = await fetchImpl(url, init);
      } catch (error) {
        timeout.dispose();
        const failure = classifyNetworkError(error, options.signal);
        if (failure.kind === 'cancelled') throw cancelledError(service, options.signal);
        const safe = prepared.idempotent || (failure.kind === 'network' && failure.notSent);
        if (canRetry && safe) {
          await wait(fullJitterDelay(attempt, policy.retry), prepared, attempt, failure.kind);
          continue;
        }
        throw failure.kind === 'timeout'
          ? new IntegrationError({
              service,
              code: 'timeout',
              message: `${service} did not answer ${prepared.method} ${prepared.url.pathname} within ${prepared.timeoutMs} ms`,
              hint: 'The provider is slow or unreachable: try again, or raise the node timeout.',
              retryable: true,
            })
          : new IntegrationError({
              service,
              code: 'network_error',
              message: `Could not reach ${service} at ${prepared.url.host}: ${failure.message}`,
              hint:
                failure.code === 'ENOTFOUND'
                  ? `The host ${prepared.url.hostname} does not resolve: check the base URL in the credential.`
                  : 'Check the network connection and the base URL in the credential, then try again.',
              retryable: true,
              cause: error,
            });
      }

      let body: unknown;
      let bodyText = '';
      try {
        if (response.ok) {
          // A stream outlives this call: the run's own signal bounds it instead of this timer.
          if (!readSuccess) return { ok: true, response };
          const data = await readSuccess(response);
          const okFlag = policy.errors.okPath ? getPath(data, policy.errors.okPath) : undefined;
          if (okFlag !== false) return { ok: true, response, data };
          body = data;
          bodyText = JSON.stringify(data);
        } else {
          bodyText = (await response.text()).slice(0, MAX_ERROR_BODY);
          body = parseJsonOrText(bodyText);
        }
      } catch (error) {
        if (isIntegrationError(error)) throw error;
        const failure = classifyNetworkError(error, options.signal);
        if (failure.kind === 'cancelled') throw cancelledError(service, options.signal);
        throw new IntegrationError({
          service,
          code: failure.kind === 'timeout' ? 'timeout' : 'invalid_response',
          message: `Could not read ${service}'s answer to ${prepared.method} ${prepared.url.pathname}: ${
            failure.kind === 'network' ? failure.message : 'timed out'
          }`,
          hint:
            failure.kind === 'timeout'
              ? 'The provider sent its answer too slowly: try again, or raise the node timeout.'
              : 'The provider sent an answer that could not be read (cut off or not the expected format): try again.',
          retryable: true,
          cause: error,
        });
      } finally {
        // A streamed body is read after we return: the run's signal must still reach it.
        if (streamsBody && response.ok) timeout.clearTimer();
        else timeout.dispose();
      }

      const code = providerErrorCode(body, policy.errors);
      if (
        prepared.auth &&
        options.auth?.refresh &&
        !refreshed &&
        (options.auth.signalsExpiry?.(response.status, bodyText) ||
          (code !== undefined && policy.errors.tokenExpiredCodes.includes(code)))
      ) {
        refreshed = true;
        if (await options.auth.refresh()) {
          attempt--;
          continue;
        }
      }

      const known = code === undefined ? undefined : policy.errors.hints[code];
      const waitMs = providerWaitMs(response.headers, body, policy.rateLimit, getPath);
      const rateLimited =
        known?.rateLimited === true ||
        (policy.rateLimit.statuses.includes(response.status) &&
          (response.status === 429 || waitMs !== undefined)) ||
        policy.rateLimit.bodyPatterns.some((pattern) => new RegExp(pattern, 'i').test(bodyText));
      // A hint that says "not retryable" wins (X's monthly usage cap is a 429 no wait cures).
      const retryable =
        known?.retryable === false
          ? false
          : rateLimited ||
            known?.retryable === true ||
            policy.retry.statuses.includes(response.status);
      const error = toIntegrationError(
        service,
        {
          status: response.status,
          body,
          headers: response.headers,
          rateLimited,
          // A reset header on an ordinary 404 is no advice to wait.
          ...(waitMs === undefined || !retryable ? {} : { retryAfterMs: waitMs }),
        },
        policy.errors,
      );
      // A rate-limit refusal means nothing happened, so it is safe to repeat even a POST.
      if (canRetry && retryable && (prepared.idempotent || rateLimited)) {
        const backoff = fullJitterDelay(attempt, policy.retry);
        const delay =
          waitMs ?? (rateLimited ? Math.max(backoff, policy.rateLimit.minWaitMs) : backoff);
        if (delay <= policy.retry.maxRetryAfterMs) {
          await wait(delay, prepared, attempt, `HTTP ${response.status}${code ? ` ${code}` : ''}`);
          continue;
        }
      }
      return { ok: false, response, error, bodyText };
    }
  }

  async function wait(delay: number, prepared: PreparedRequest, attempt: number, reason: string) {
    options.logger?.warn(
      `Retrying ${prepared.method} ${prepared.url.origin}${prepared.url.pathname}`,
      {
        service,
        attempt,
        delayMs: delay,
        reason,
      },
    );
    try {
      await sleep(delay, options.signal);
    } catch {
      throw cancelledError(service, options.signal);
    }
  }

  async function request<T>(request: HttpRequest): Promise<HttpResponse<T>> {
    const prepared = prepare(request);
    const responseType = request.responseType ?? 'auto';
    const outcome = await send(
      prepared,
      (response) => readBody(response, responseType, prepared.url),
      responseType === 'stream',
    );
    if (!outcome.ok) {
      if (request.throwOnError === false) {
        return {
          status: outcome.response.status,
          headers: outcome.response.headers,
          url: outcome.response.url,
          data: parseJsonOrText(outcome.bodyText) as T,
        };
      }
      throw outcome.error;
    }
    return {
      status: outcome.response.status,
      headers: outcome.response.headers,
      url: outcome.response.url || prepared.url.toString(),
      data: outcome.data as T,
    };
  }

  async function* paginate<T>(
    first: HttpRequest,
    strategy: PaginationStrategy,
    limits: PaginateOptions = {},
  ): AsyncGenerator<T> {
    const maxPages = limits.maxPages ?? 1_000;
    const maxItems = limits.maxItems ?? Number.POSITIVE_INFINITY;
    let current: HttpRequest = first;
    let page = strategy.type === 'page' ? (strategy.firstPage ?? 1) : 0;
    if (strategy.type === 'page') current = withPage(first, strategy, page);
    let items = 0;
    for (let pages = 1; pages <= maxPages; pages++) {
      const response = await request<unknown>(current);
      const found = strategy.itemsPath ? getPath(response.data, strategy.itemsPath) : response.data;
      // Some APIs leave the list out of an empty page (X search) rather than send [].
      const list = found === undefined && strategy.itemsPath ? [] : found;
      if (!Array.isArray(list)) {
        throw new IntegrationError({
          service,
          code: 'unexpected_response',
          message: `${service} answered without a list${strategy.itemsPath ? ` at "${strategy.itemsPath}"` : ''}`,
          hint: 'The provider changed its response or the URL points elsewhere: check the base URL.',
        });
      }
      for (const item of list) {
        yield item as T;
        if (++items >= maxItems) return;
      }
      if (strategy.type === 'cursor') {
        const cursor = getPath(response.data, strategy.cursorPath);
        const more = strategy.hasMorePath ? getPath(response.data, strategy.hasMorePath) : true;
        if (!more || cursor === undefined || cursor === null || cursor === '') return;
        current =
          strategy.cursorIn === 'json'
            ? { ...first, json: { ...(first.json as object), [strategy.cursorParam]: cursor } }
            : { ...first, query: { ...first.query, [strategy.cursorParam]: String(cursor) } };
      } else if (strategy.type === 'link') {
        const next = nextLink(response.headers.get('link'));
        if (!next) return;
        const { query: _query, ...rest } = first;
        current = { ...rest, url: next };
      } else {
        if (
          list.length === 0 ||
          (strategy.pageSize !== undefined && list.length < strategy.pageSize)
        )
          return;
        page++;
        current = withPage(first, strategy, page);
      }
    }
  }

  const policyFetch = async (input: string | URL | Request, init: RequestInit = {}) => {
    const source = input instanceof Request ? input : undefined;
    const headers = new Headers(source?.headers);
    for (const [key, value] of new Headers(init.headers)) headers.set(key, value);
    const method = (init.method ?? source?.method ?? 'GET').toUpperCase() as HttpMethod;
    let body = init.body ?? undefined;
    if (body === undefined && source?.body) body = await source.arrayBuffer();
    const prepared = prepare({
      url: source ? source.url : input.toString(),
      method,
      headers: Object.fromEntries(headers),
    });
    prepared.body = body as RequestBody | undefined;
    if (body instanceof ReadableStream) prepared.retry = false;
    // The SDK authenticates itself; adding ours would double up.
    prepared.auth = false;
    const outcome = await send(prepared, undefined, true);
    if (outcome.ok) return outcome.response;
    return new Response(outcome.bodyText, {
      status: outcome.response.status,
      statusText: outcome.response.statusText,
      headers: outcome.response.headers,
    });
  };

  return { request, paginate, fetch: policyFetch as typeof fetch };
}

/** The path rate-limit rules match: relative to the base URL when the request is under it. */
function rateLimitPath(url: URL, baseUrl: string | undefined): string {
  const base = baseUrl?.replace(/\/+$/, '');
  if (base && url.href.startsWith(`${base}/`)) {
    return `/${url.href.slice(base.length + 1).split(/[?#]/)[0]}`;
  }
  return url.pathname;
}

function resolveUrl(target: string, baseUrl: string | undefined, service: string): URL {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) return new URL(target);
  if (!baseUrl) {
    throw new IntegrationError({
      service,
      code: 'invalid_url',
      message: `Relative URL "${target}" needs a base URL, and none is configured`,
      hint: 'Set the base URL on the credential, or use an absolute URL.',
    });
  }
  return new URL(`${baseUrl.replace(/\/+$/, '')}/${target.replace(/^\/+/, '')}`);
}

function appendQuery(url: URL, query: Record<string, QueryValue> | undefined) {
  if (!query) return;
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value) url.searchParams.append(key, String(item));
    else url.searchParams.set(key, String(value));
  }
}

function withPage(
  request: HttpRequest,
  strategy: Extract<PaginationStrategy, { type: 'page' }>,
  page: number,
): HttpRequest {
  return {
    ...request,
    query: {
      ...request.query,
      [strategy.pageParam]: page,
      ...(strategy.pageSizeParam && strategy.pageSize
        ? { [strategy.pageSizeParam]: strategy.pageSize }
        : {}),
    },
  };
}

function parseJsonOrText(text: string): unknown {
  if (text === '') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function readBody(
  response: Response,
  type: NonNullable<HttpRequest['responseType']>,
  url: URL,
): Promise<unknown> {
  if (type === 'stream') return response.body;
  const contentType = response.headers.get('content-type') ?? '';
  const resolved =
    type !== 'auto'
      ? type
      : /json/i.test(contentType)
        ? 'json'
        : contentType === '' || /^text\/|xml|x-www-form-urlencoded/i.test(contentType)
          ? 'text'
          : 'binary';
  if (resolved === 'binary') {
    const bytes = new Uint8Array(await response.arrayBuffer());
    return binaryFrom(bytes, {
      fileName: fileNameOf(response, url),
      mimeType: contentType.split(';')[0]?.trim() || 'application/octet-stream',
    });
  }
  const text = await response.text();
  if (resolved === 'text') return text;
  return text === '' ? null : JSON.parse(text);
}

function fileNameOf(response: Response, url: URL): string {
  const disposition = response.headers.get('content-disposition') ?? '';
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (star) return decodeURIComponent(star);
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition)?.[1];
  if (plain) return plain;
  return decodeURIComponent(url.pathname.split('/').filter(Boolean).pop() ?? 'download');
}

function cancelledError(service: string, signal: AbortSignal | undefined): IntegrationError {
  const reason = signal?.reason as { name?: string } | undefined;
  const timedOut = reason?.name === 'TimeoutError';
  return new IntegrationError({
    service,
    code: timedOut ? 'timeout' : 'cancelled',
    message: timedOut ? `The ${service} node ran out of time` : `The ${service} node was cancelled`,
    hint: timedOut
      ? 'The node exceeded its timeout: raise the timeout or reduce the work per run.'
      : 'The run was stopped before the node finished.',
    retryable: timedOut,
  });
}
