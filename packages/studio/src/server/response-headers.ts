import type { FastifyInstance } from 'fastify';

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
    if (request.url.startsWith('/api/') || request.url.startsWith('/oauth/')) {
      reply.header('cache-control', 'no-store');
    }
    return payload;
  });
}
