import type { FastifyInstance } from 'fastify';
import { isApiPath, routedPath } from './request-path.js';

/**
 * Headers every answer carries: no framing (clickjacking), no MIME sniffing, no Referer
 * (the OAuth callback URL holds a code), and API answers never cached.
 */
export function registerResponseHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-frame-options', 'DENY');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    if (!reply.hasHeader('content-security-policy')) {
      reply.header('content-security-policy', "frame-ancestors 'none'");
    }
    const path = routedPath(request);
    if (isApiPath(path) || path.startsWith('/oauth/')) {
      reply.header('cache-control', 'no-store');
    }
    return payload;
  });
}
