import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { type ApiError, invalidRequest } from './api-error.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Answers without the auth token (API.md: session, login, the OpenAPI document). */
    knotworkPublic?: boolean;
    /** The route's own answer to a body over its bodyLimit (the default one names 1 MB). */
    knotworkBodyTooLarge?: () => ApiError;
  }
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface ApiRouteSpec<
  P extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
> {
  method: Method;
  /** Fastify form: `/api/credentials/:id`. */
  url: string;
  summary: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  /** Success status (default 200) and its body; `binary` for a file download. */
  status?: 200 | 201;
  response: z.ZodType | 'binary';
  /** Error statuses worth documenting beyond 401/403/500. */
  errors?: number[];
  public?: boolean;
  /** A body limit above the server's 1 MB, and the error naming it when a body is over. */
  bodyLimit?: { bytes: number; tooLarge: () => ApiError };
}

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  request: FastifyRequest;
  reply: FastifyReply;
}

/**
 * Registers /api routes: each request part is parsed with its zod schema (a 400 names the
 * bad fields), and every spec is kept for the OpenAPI document.
 */
export class ApiRoutes {
  readonly specs: ApiRouteSpec[] = [];
  readonly #app: FastifyInstance;

  constructor(app: FastifyInstance) {
    this.#app = app;
  }

  add<
    P extends z.ZodType | undefined = undefined,
    Q extends z.ZodType | undefined = undefined,
    B extends z.ZodType | undefined = undefined,
  >(
    spec: ApiRouteSpec<P, Q, B>,
    handler: (input: RouteInput<Parsed<P>, Parsed<Q>, Parsed<B>>) => Promise<unknown>,
  ): void {
    this.specs.push(spec as ApiRouteSpec);
    this.#app.route({
      method: spec.method,
      url: spec.url,
      config: {
        knotworkPublic: spec.public ?? false,
        ...(spec.bodyLimit ? { knotworkBodyTooLarge: spec.bodyLimit.tooLarge } : {}),
      },
      ...(spec.bodyLimit ? { bodyLimit: spec.bodyLimit.bytes } : {}),
      handler: async (request, reply) => {
        const result = await handler({
          params: parse(spec.params, request.params, 'The URL') as Parsed<P>,
          query: parse(spec.query, request.query, 'The query string') as Parsed<Q>,
          body: parse(spec.body, request.body, 'The request body') as Parsed<B>,
          request,
          reply,
        });
        if (spec.status) reply.code(spec.status);
        return result;
      },
    });
  }
}

function parse(schema: z.ZodType | undefined, value: unknown, what: string): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidRequest(what, parsed.error.issues);
  return parsed.data;
}
