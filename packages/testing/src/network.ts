import nock from 'nock';
import { afterEach, beforeEach } from 'vitest';

/**
 * Closes the network for a test file: only loopback (for real local servers) may be
 * reached, every other host must be mocked. Call from `beforeEach`; `closeNetwork`'s
 * returned function restores and clears mocks (use it in `afterEach`).
 */
export function closeNetwork(): () => void {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);
  return () => {
    nock.cleanAll();
    nock.enableNetConnect();
  };
}

/** closeNetwork around every test of the file: call once at the top of a test file. */
export function useClosedNetwork(): void {
  let restore: () => void = () => {};
  beforeEach(() => {
    restore = closeNetwork();
  });
  afterEach(() => restore());
}

export interface RecordedRequest {
  method: string;
  url: string;
  path: string;
  headers: Record<string, string>;
  /** Parsed JSON when the body was JSON, form fields for a form, else the text. */
  body: unknown;
  rawBody: string;
}

/** Records every request a nock scope answered, for assertions on what the node sent. */
export function recordRequests(scope: nock.Scope): RecordedRequest[] {
  const recorded: RecordedRequest[] = [];
  scope.on('request', (request: Request, _interceptor: unknown, body: string) => {
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, key) => {
      headers[key] = value;
    });
    recorded.push({
      method: request.method,
      url: request.url,
      path: `${url.pathname}${url.search}`,
      headers,
      body: parseBody(body, headers['content-type'] ?? ''),
      rawBody: body,
    });
  });
  return recorded;
}

function parseBody(body: string, contentType: string): unknown {
  if (body === '') return undefined;
  if (/json/.test(contentType)) {
    try {
      return JSON.parse(body);
    } catch {
      return body;
    }
  }
  if (/x-www-form-urlencoded/.test(contentType))
    return Object.fromEntries(new URLSearchParams(body));
  return body;
}

/** Fails when a mocked request was never made: the node skipped a call the test expected. */
export function assertAllMocksUsed(): void {
  const pending = nock.pendingMocks();
  if (pending.length > 0) {
    throw new Error(`Expected requests were never made:\n  ${pending.join('\n  ')}`);
  }
}

export { nock };
