import { z } from 'zod';
import { STUDIO_VERSION } from '../version.js';
import type { ApiRouteSpec, ApiRoutes } from './api-routes.js';
import { errorBody } from './api-schemas.js';

type JsonSchema = Record<string, unknown>;

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid input: `fields` names every bad field',
  401: 'No or wrong auth token',
  403: 'CSRF refused',
  404: 'Unknown plugin, node, credential, type or file',
  409: 'Name taken',
  413: 'The body or a file in it is over the limit',
  422: 'The provider or a node refused',
  429: 'Too many wrong auth tokens from this address: wait Retry-After seconds',
  500: 'A bug in the studio',
};

/** The OpenAPI 3.1 document of every /api route, from the zod schemas the routes parse with. */
export function openApiDocument(routes: ApiRoutes): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of routes.specs) {
    const path = spec.url.replace(/:(\w+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][spec.method.toLowerCase()] = operation(spec);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'knotwork studio API',
      version: STUDIO_VERSION,
      description:
        'The studio web app’s API. Unsafe methods need the x-knotwork-csrf header (csrfToken from GET /api/session) and JSON bodies.',
    },
    paths,
    components: {
      schemas: { Error: jsonSchema(errorBody, 'output') },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        session: { type: 'apiKey', in: 'cookie', name: 'knotwork_session' },
      },
    },
  };
}

function operation(spec: ApiRouteSpec): Record<string, unknown> {
  const parameters = [...parametersOf(spec.params, 'path'), ...parametersOf(spec.query, 'query')];
  const success = String(spec.status ?? 200);
  const errors = new Set([...(spec.errors ?? []), ...(spec.public ? [] : [401, 429]), 500]);
  if (spec.method !== 'GET') errors.add(403);
  return {
    summary: spec.summary,
    tags: [spec.tag],
    operationId: `${spec.method.toLowerCase()}${spec.url.replace(/[^A-Za-z0-9]+(.)?/g, (_, next: string | undefined) => (next ?? '').toUpperCase())}`,
    ...(parameters.length ? { parameters } : {}),
    ...(spec.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } },
          },
        }
      : {}),
    responses: {
      [success]: {
        description: 'OK',
        content:
          spec.response === 'binary'
            ? { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } }
            : { 'application/json': { schema: jsonSchema(spec.response, 'output') } },
      },
      ...Object.fromEntries(
        [...errors].sort().map((status) => [
          String(status),
          {
            description: ERROR_TEXT[status] ?? 'Error',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        ]),
      ),
    },
    ...(spec.public ? { security: [] } : { security: [{ bearer: [] }, { session: [] }] }),
  };
}

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || !property.safeParse(undefined).success,
    schema: jsonSchema(property, 'input'),
  }));
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const result = z.toJSONSchema(schema, {
    io,
    target: 'draft-2020-12',
    unrepresentable: 'any',
  }) as JsonSchema;
  delete result.$schema;
  return result;
}
