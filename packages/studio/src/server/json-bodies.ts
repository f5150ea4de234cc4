import type { FastifyInstance } from 'fastify';

/**
 * JSON is the only body the API takes: text/plain is dropped because another site may
 * send it without a CORS preflight. An empty JSON body (a client that sets the content
 * type on every request, e.g. on POST …/test) counts as no body rather than as bad JSON.
 */
export function acceptJsonBodiesOnly(app: FastifyInstance): void {
  // Fastify's own parser, which refuses __proto__ and constructor poisoning.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser(['text/plain', 'application/json']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    parseJson(request, text, done);
  });
}
