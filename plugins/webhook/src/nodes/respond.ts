import { defineNode, FieldType, field, z } from '@knotwork/sdk';

const input = z.strictObject({
  status: field(z.number().int().min(100).max(599).default(200), { label: 'Status' }),
  headers: field(z.record(z.string(), z.string()).default({}), {
    field: FieldType.JSON,
    label: 'Headers',
  }),
  body: field(z.unknown().optional(), {
    field: FieldType.JSON,
    label: 'Body',
    description:
      'JSON is sent as application/json; a string as text/plain unless a content-type header says otherwise.',
  }),
});

const output = z.object({
  status: z.number().int(),
  headers: z.record(z.string(), z.string()),
  body: z.unknown(),
});

/**
 * Answers the request that started the workflow (a Webhook Trigger set to respond with a
 * Response node). The engine sends what this node returns to the waiting caller.
 */
export const respond = defineNode({
  key: 'respond',
  kind: 'action',
  displayName: 'Respond to Webhook',
  description:
    'Sends the HTTP answer to the caller that started the workflow: status, headers and body.',
  input,
  output,
  run: async (_ctx, response) => {
    const headers = Object.fromEntries(
      Object.entries(response.headers).map(([name, value]) => [name.toLowerCase(), value]),
    );
    if (response.body !== undefined && headers['content-type'] === undefined) {
      headers['content-type'] =
        typeof response.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
    }
    return { status: response.status, headers, body: response.body };
  },
});
