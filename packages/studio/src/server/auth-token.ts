import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './api-error.js';
import { AuthAttempts } from './auth-attempts.js';
import { isApiPath, routedPath } from './request-path.js';
import { SESSION_LIFETIME_MS, StudioSessions } from './studio-sessions.js';

export const SESSION_COOKIE = 'knotwork_session';

/**
 * The auth token of API.md: `Authorization: Bearer <token>`, or the session cookie that
 * POST /api/login sets and POST /api/logout ends. The cookie holds a random session id,
 * never the token or anything made from it.
 */
export class AuthToken {
  readonly required: boolean;
  /** Wrong tokens per client address: past ten a minute, the address waits. */
  readonly attempts = new AuthAttempts();
  readonly #token: string | undefined;
  readonly #sessions = new StudioSessions();

  constructor(token: string | undefined) {
    this.#token = token;
    this.required = token !== undefined;
  }

  matches(given: string): boolean {
    return this.#token !== undefined && sameSecret(given, this.#token);
  }

  isAuthenticated(request: FastifyRequest): boolean {
    if (!this.#token) return true;
    const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (bearer !== undefined) return this.matches(bearer.trim());
    const cookie = request.cookies[SESSION_COOKIE];
    return cookie !== undefined && this.#sessions.isActive(cookie);
  }

  startSession(request: FastifyRequest, reply: FastifyReply): void {
    reply.setCookie(SESSION_COOKIE, this.#sessions.start(), {
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
      secure: request.protocol === 'https',
      maxAge: SESSION_LIFETIME_MS / 1000,
    });
  }

  /** Ends the request's sign-in, if it has one, and tells the browser to drop the cookie. */
  endSession(request: FastifyRequest, reply: FastifyReply): void {
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie !== undefined) this.#sessions.end(cookie);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }
}

/** With a token set, every /api route but the public ones needs it (401 otherwise). */
export function registerAuthCheck(app: FastifyInstance, auth: AuthToken): void {
  if (!auth.required) return;
  app.addHook('onRequest', async (request) => {
    if (!isApi(request) || request.routeOptions.config?.knotworkPublic) return;
    const bearer = request.headers.authorization !== undefined;
    if (bearer) await auth.attempts.ensureAllowed(request.ip);
    if (!auth.isAuthenticated(request)) {
      if (bearer) await auth.attempts.failed(request.ip);
      throw new ApiError(401, {
        code: 'unauthorized',
        message: 'This studio needs its auth token',
        hint: 'Sign in with the value of KNOTWORK_AUTH_TOKEN (POST /api/login), or send Authorization: Bearer <token>.',
      });
    }
  });
}

export function isApi(request: FastifyRequest): boolean {
  return isApiPath(routedPath(request));
}

/** Hashing first gives equal lengths, so the comparison time says nothing about the token. */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
