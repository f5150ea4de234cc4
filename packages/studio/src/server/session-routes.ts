import { STUDIO_VERSION } from '../version.js';
import { ApiError } from './api-error.js';
import { loginBody, sessionResponse } from './api-schemas.js';
import type { StudioContext } from './studio-context.js';

export function registerSessionRoutes({ routes, auth, csrfToken }: StudioContext): void {
  routes.add(
    {
      method: 'GET',
      url: '/api/session',
      summary: 'Who is asking: whether a token is needed, and the CSRF token once signed in',
      tag: 'session',
      response: sessionResponse,
      public: true,
    },
    async ({ request }) => {
      const authenticated = auth.isAuthenticated(request);
      return {
        version: STUDIO_VERSION,
        authRequired: auth.required,
        authenticated,
        ...(authenticated ? { csrfToken } : {}),
      };
    },
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/login',
      summary: 'Trade the auth token for an HttpOnly session cookie',
      tag: 'session',
      body: loginBody,
      response: sessionResponse,
      errors: [400, 401, 429],
      public: true,
    },
    async ({ body, request, reply }) => {
      if (auth.required) {
        await auth.attempts.ensureAllowed(request.ip);
        if (!auth.matches(body.token)) {
          await auth.attempts.failed(request.ip);
          throw new ApiError(401, {
            code: 'unauthorized',
            message: 'That is not this studio’s auth token',
            hint: 'Use the value of KNOTWORK_AUTH_TOKEN the server was started with.',
          });
        }
        auth.startSession(request, reply);
      }
      return {
        version: STUDIO_VERSION,
        authRequired: auth.required,
        authenticated: true,
        csrfToken,
      };
    },
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/logout',
      summary: 'End this browser’s sign-in: its session cookie opens nothing afterwards',
      tag: 'session',
      response: sessionResponse,
      public: true,
    },
    async ({ request, reply }) => {
      auth.endSession(request, reply);
      return {
        version: STUDIO_VERSION,
        authRequired: auth.required,
        authenticated: !auth.required,
      };
    },
  );
}
