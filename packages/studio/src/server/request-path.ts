import type { FastifyRequest } from 'fastify';

/**
 * The path as the router matched it. Checks must never read `request.url` raw: the router
 * decodes percent-escapes, so `/%61pi/credentials` reaches the `/api/credentials` route
 * while its raw URL does not start with `/api/` (that slipped past the auth and CSRF
 * checks once). The matched route's own pattern is used when there is one; otherwise the
 * decoded path, so a 404 under /api is still treated as an API request.
 */
export function routedPath(request: FastifyRequest): string {
  const route = request.routeOptions.url;
  if (route !== undefined && route !== '*' && !route.endsWith('/*')) return route;
  const raw = request.url.split('?')[0] ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}
