import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  defineNode,
  FieldType,
  field,
  type HttpMethod,
  type WebhookRequest,
  type WebhookResponse,
  z,
} from '@knotwork/sdk';
import { basicAuth, headerAuth, hmacSecret } from '../credentials.js';

const METHODS = [
  'GET',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'HEAD',
  'OPTIONS',
] as const satisfies HttpMethod[];

const input = z.strictObject({
  path: field(
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9/_.~-]*$/, 'Letters, digits and / _ . ~ - only')
      .default(''),
    {
      label: 'Path',
      description: 'Below the workflow’s webhook URL, e.g. orders/new.',
      placeholder: 'orders/new',
    },
  ),
  method: field(z.enum([...METHODS, 'ANY']).default('POST'), {
    field: FieldType.SELECT,
    label: 'HTTP method',
  }),
  authentication: field(z.enum(['none', 'header', 'basic', 'hmac']).default('none'), {
    field: FieldType.SELECT,
    label: 'Authentication',
    description:
      'header: a header must carry the credential’s value; basic: HTTP Basic; hmac: the body must be signed with the credential’s secret.',
  }),
  signature: field(
    z
      .object({
        header: z.string().min(1).default('x-signature-256'),
        algorithm: z.enum(['sha256', 'sha1', 'sha512']).default('sha256'),
        encoding: z.enum(['hex', 'base64']).default('hex'),
        /** GitHub sends "sha256=<hex>". */
        prefix: z.string().default(''),
      })
      .default({ header: 'x-signature-256', algorithm: 'sha256', encoding: 'hex', prefix: '' }),
    {
      label: 'Signature',
      description:
        'For hmac: where the signature is and how it is made (GitHub: x-hub-signature-256, prefix "sha256=").',
      advanced: true,
    },
  ),
  respond: field(z.enum(['immediately', 'responseNode']).default('immediately'), {
    field: FieldType.SELECT,
    label: 'Respond',
    description:
      'immediately: answer as soon as the request is accepted. responseNode: a Respond to Webhook node answers later.',
  }),
  responseStatus: field(z.number().int().min(100).max(599).default(200), {
    label: 'Response status',
    advanced: true,
  }),
  responseBody: field(z.unknown().optional(), {
    field: FieldType.JSON,
    label: 'Response body',
    description: 'Sent when responding immediately; default {"received": true}.',
    advanced: true,
  }),
});

const output = z.object({
  method: z.string(),
  path: z.string(),
  headers: z.record(z.string(), z.string()),
  query: z.record(z.string(), z.string()),
  body: z.unknown(),
});

type TriggerInput = z.output<typeof input>;

/** Headers a caller's secret travels in: they are checked, then kept out of the item. */
const SECRET_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);

export const trigger = defineNode({
  key: 'trigger',
  kind: 'trigger',
  displayName: 'Webhook Trigger',
  description:
    'Starts the workflow when an HTTP request arrives, optionally checking a header, Basic auth or an HMAC signature.',
  trigger: { type: 'webhook', methods: [...METHODS] },
  credentials: [headerAuth, basicAuth, hmacSecret],
  credentialRequired: false,
  input,
  output,
  webhook: async (ctx, settings, request) => {
    if (settings.method !== 'ANY' && request.method !== settings.method) {
      return refuse(405, `This webhook accepts ${settings.method} only`, {
        allow: settings.method,
      });
    }
    const denied = checkAuthentication(settings, ctx.credential, request);
    if (denied) {
      ctx.logger.warn(`Webhook request refused: ${denied.reason}`);
      return refuse(denied.status, denied.reason);
    }
    const secretHeaders = new Set(SECRET_HEADERS);
    if (settings.authentication === 'header' && ctx.credential?.key === 'headerAuth') {
      secretHeaders.add(ctx.credential.data.name.toLowerCase());
    }
    const item = {
      method: request.method,
      path: request.path,
      headers: Object.fromEntries(
        Object.entries(request.headers).filter(([name]) => !secretHeaders.has(name)),
      ),
      query: request.query,
      body: request.body,
    };
    if (settings.respond === 'responseNode') return { items: [item] };
    return {
      items: [item],
      response: {
        status: settings.responseStatus,
        body: settings.responseBody ?? { received: true },
      },
    };
  },
});

function refuse(status: number, message: string, headers?: Record<string, string>) {
  const response: WebhookResponse = { status, body: { error: message } };
  if (headers) response.headers = headers;
  return { items: [], response };
}

type TriggerCredential =
  | { key: 'headerAuth'; data: { name: string; value: string } }
  | { key: 'basicAuth'; data: { username: string; password: string } }
  | { key: 'hmacSecret'; data: { secret: string } };

function checkAuthentication(
  settings: TriggerInput,
  credential: TriggerCredential | undefined,
  request: WebhookRequest,
): { status: number; reason: string } | undefined {
  if (settings.authentication === 'none') return undefined;
  const expected = { header: 'headerAuth', basic: 'basicAuth', hmac: 'hmacSecret' }[
    settings.authentication
  ];
  if (credential?.key !== expected) {
    // A misconfigured trigger must fail closed: no credential, no entry.
    return {
      status: 500,
      reason: `The trigger expects a ${expected} credential for ${settings.authentication} authentication`,
    };
  }
  switch (credential.key) {
    case 'headerAuth': {
      const given = request.headers[credential.data.name.toLowerCase()];
      return given !== undefined && sameSecret(given, credential.data.value)
        ? undefined
        : { status: 403, reason: `Missing or wrong ${credential.data.name} header` };
    }
    case 'basicAuth': {
      const pair = `${credential.data.username}:${credential.data.password}`;
      const given = request.headers.authorization ?? '';
      return sameSecret(given, `Basic ${Buffer.from(pair).toString('base64')}`)
        ? undefined
        : { status: 401, reason: 'Missing or wrong Basic credentials' };
    }
    case 'hmacSecret': {
      const { header, algorithm, encoding, prefix } = settings.signature;
      const given = request.headers[header.toLowerCase()] ?? '';
      const digest = createHmac(algorithm, credential.data.secret)
        .update(request.rawBody)
        .digest(encoding);
      return sameSecret(given, `${prefix}${digest}`)
        ? undefined
        : { status: 401, reason: `Missing or wrong ${header} signature` };
    }
  }
}

/** Constant-time comparison: the time taken must not tell an attacker how much matched. */
function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
