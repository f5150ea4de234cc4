import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { StudioConfig } from '../config.js';
import { ApiError } from './api-error.js';

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** `http://127.0.0.1:5678`: the origin the browser uses for this server. */
export function serverOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.headers.host ?? 'localhost'}`;
}

/**
 * On loopback the server has no token, so the Host header must name this machine: a page
 * on evil.example that re-resolves its name to 127.0.0.1 (DNS rebinding) would otherwise be
 * same-origin with the studio and could read and drive it.
 */
export function registerHostGuard(app: FastifyInstance, config: StudioConfig): void {
  if (!config.loopback) return;
  const bound =
    config.host.includes(':') && !config.host.startsWith('[') ? `[${config.host}]` : config.host;
  const allowed = new Set([...LOOPBACK_NAMES, hostnameOf(bound)]);
  allowed.delete('');
  app.addHook('onRequest', async (request) => {
    const hostname = hostnameOf(request.headers.host ?? '');
    if (!allowed.has(hostname)) {
      throw new ApiError(403, {
        code: 'host_refused',
        message: `This studio answers to 127.0.0.1 and localhost only, not "${request.headers.host ?? ''}"`,
        hint: `Open it at http://127.0.0.1:${config.port || '<port>'}, or serve on another host with KNOTWORK_AUTH_TOKEN set.`,
      });
    }
  });
}

/** The name part of a Host header (`[::1]:5678` → `[::1]`); empty when it is not one. */
function hostnameOf(host: string): string {
  try {
    return new URL(`http://${host}`).hostname.toLowerCase();
  } catch {
    return '';
  }
}
