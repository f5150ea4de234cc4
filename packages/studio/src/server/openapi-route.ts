import { z } from 'zod';
import { openApiDocument } from './openapi.js';
import type { StudioContext } from './studio-context.js';

export function registerOpenApiRoute({ routes }: StudioContext): void {
  let document: Record<string, unknown> | undefined;
  routes.add(
    {
      method: 'GET',
      url: '/api/openapi.json',
      summary: 'This document',
      tag: 'meta',
      response: z.record(z.string(), z.unknown()),
      public: true,
    },
    // Built on first request: by then every route has registered its spec.
    async () => {
      document ??= openApiDocument(routes);
      return document;
    },
  );
}
