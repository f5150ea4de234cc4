import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from './api-error.js';
import { errorResponse } from './error-response.js';
import { sendHtmlPage } from './html-page.js';
import { isApiPath, routedPath } from './request-path.js';

/** dist/web in the package, found from this file whether it runs from src/ or dist/. */
export function defaultWebRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'web');
}

/**
 * The React app's files, and its history-API routes (/credentials, /plugins/slack…) answered
 * with index.html. Unknown /api and /oauth paths stay JSON 404s.
 */
export async function registerWebApp(app: FastifyInstance, webRoot: string): Promise<void> {
  // Without a build there is nothing to serve yet, but reply.sendFile must still exist.
  await app.register(
    fastifyStatic,
    existsSync(webRoot)
      ? { root: webRoot, wildcard: false, index: 'index.html' }
      : { serve: false, root: webRoot },
  );
  app.setNotFoundHandler((request, reply) => {
    if (!wantsPage(request)) {
      const { status, body } = errorResponse(
        new ApiError(404, {
          code: 'not_found',
          message: `No route ${request.method} ${request.url.split('?')[0]}`,
          hint: 'See the routes in GET /api/openapi.json.',
        }),
      );
      return reply.code(status).send(body);
    }
    if (existsSync(join(webRoot, 'index.html'))) return reply.sendFile('index.html', webRoot);
    return sendHtmlPage(reply, 200, {
      title: 'The studio web app is not built',
      message: `The server runs and its API answers under /api, but ${webRoot} holds no index.html.`,
      hint: 'Build it with `pnpm --filter @knotwork/studio build` (in the knotwork repository), then restart `knotwork serve`.',
      link: { href: '/api/openapi.json', text: 'The API (OpenAPI document)' },
    });
  });
}

function wantsPage(request: FastifyRequest): boolean {
  const path = routedPath(request);
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (isApiPath(path) || path.startsWith('/oauth/')) return false;
  return (request.headers.accept ?? '').includes('text/html') || path === '/';
}
