import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from './api-error.js';
import { isApi, sameSecret } from './auth-token.js';
import { serverOrigin } from './request-origin.js';
import { routedPath } from './request-path.js';

export const CSRF_HEADER = 'x-knotwork-csrf';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** One token per server process, handed out by GET /api/session to those allowed to use it. */
export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * A page on another site can make the browser send requests here (with the session
 * cookie) but cannot read the token, set a custom header without a CORS preflight we
 * never answer, or fake its Origin. JSON-only bodies close the "simple request" door
 * (form posts and text/plain) as well.
 */
export function registerCsrfCheck(app: FastifyInstance, csrfToken: string): void {
  app.addHook('onRequest', async (request) => {
    if (!isApi(request) || !UNSAFE_METHODS.has(request.method)) return;
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== serverOrigin(request)) {
      throw refused(`The request came from ${origin}, not from this studio`);
    }
    // Logging in is how a browser gets the token; the Origin check and JSON-only body guard it.
    if (routedPath(request) !== '/api/login') {
      const given = request.headers[CSRF_HEADER];
      if (typeof given !== 'string' || !sameSecret(given, csrfToken)) {
        throw refused(`The request has no valid ${CSRF_HEADER} header`);
      }
    }
    if (hasBody(request) && !isJson(request.headers['content-type'])) {
      throw new ApiError(415, {
        code: 'unsupported_media_type',
        message: 'Only JSON bodies are accepted',
        hint: 'Send the body with Content-Type: application/json.',
      });
    }
  });
}

function refused(message: string): ApiError {
  return new ApiError(403, {
    code: 'csrf_refused',
    message,
    hint: `Send the csrfToken from GET /api/session in the ${CSRF_HEADER} header, from the studio's own page.`,
  });
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return (
    (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined
  );
}

function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}
