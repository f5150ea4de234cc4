import { binaryField, defineNode, FieldType, field, type HttpRequest, z } from '@knotwork/sdk';
import { basicAuth, bearerToken, headerAuth, oauth2 } from '../credentials.js';

const body = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({ type: z.literal('json'), json: z.unknown() }),
  z.object({
    type: z.literal('form'),
    form: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  }),
  z.object({
    type: z.literal('raw'),
    raw: z.string(),
    contentType: z.string().default('text/plain; charset=utf-8'),
  }),
  z.object({ type: z.literal('binary'), file: binaryField({ label: 'File' }) }),
]);

const input = z.strictObject({
  method: field(
    z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']).default('GET'),
    {
      field: FieldType.SELECT,
      label: 'Method',
    },
  ),
  url: field(z.url({ protocol: /^https?$/, error: 'An http:// or https:// URL' }), {
    field: FieldType.URL,
    label: 'URL',
    placeholder: 'https://api.example.com/v1/items',
  }),
  query: field(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(), {
    field: FieldType.JSON,
    label: 'Query parameters',
  }),
  headers: field(z.record(z.string(), z.string()).optional(), {
    field: FieldType.JSON,
    label: 'Headers',
  }),
  body: field(body.default({ type: 'none' }), {
    field: FieldType.JSON,
    label: 'Body',
    description: 'none, json, form (URL-encoded), raw text with a content type, or a file.',
  }),
  responseFormat: field(z.enum(['auto', 'json', 'text', 'binary']).default('auto'), {
    field: FieldType.SELECT,
    label: 'Response format',
    description: 'auto reads JSON and text by their content type, anything else as a file.',
  }),
  failOnHttpError: field(z.boolean().default(true), {
    label: 'Fail on HTTP errors',
    description: 'Off: a 4xx/5xx answer is returned as output instead of failing the node.',
    advanced: true,
  }),
  timeoutMs: field(z.number().int().positive().max(600_000).optional(), {
    label: 'Timeout (ms)',
    advanced: true,
  }),
});

const output = z.object({
  status: z.number().int(),
  headers: z.record(z.string(), z.string()),
  body: z.unknown(),
});

export const call = defineNode({
  key: 'call',
  kind: 'action',
  displayName: 'Call',
  description:
    'Calls any HTTP API (any method, query, headers, JSON/form/raw/file body) with auth from a saved credential.',
  credentials: [bearerToken, headerAuth, basicAuth, oauth2],
  credentialRequired: false,
  input,
  output,
  run: async (ctx, request) => {
    const { headers: bodyHeaders, ...sent } = bodyOf(request.body);
    const response = await ctx.http.request({
      method: request.method,
      url: request.url,
      ...(request.query ? { query: request.query } : {}),
      headers: mergeHeaders(bodyHeaders, request.headers),
      ...sent,
      responseType: request.responseFormat,
      throwOnError: request.failOnHttpError,
      ...(request.timeoutMs ? { timeoutMs: request.timeoutMs } : {}),
    });
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: response.data,
    };
  },
});

function bodyOf(value: z.output<typeof body>): Partial<HttpRequest> {
  switch (value.type) {
    case 'none':
      return {};
    case 'json':
      return { json: value.json };
    case 'form':
      return { form: value.form };
    case 'raw':
      return { body: value.raw, headers: { 'content-type': value.contentType } };
    case 'binary':
      return { body: value.file };
  }
}

/** Headers the user typed win over the body's default content type, whatever their case. */
function mergeHeaders(
  defaults: Record<string, string> | undefined,
  typed: Record<string, string> | undefined,
): Record<string, string> {
  const merged = new Headers(defaults);
  for (const [name, value] of Object.entries(typed ?? {})) merged.set(name, value);
  return Object.fromEntries(merged);
}
