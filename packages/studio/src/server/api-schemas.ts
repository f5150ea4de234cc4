import { z } from 'zod';

/**
 * The shapes of API.md, as zod: routes validate requests with them and the OpenAPI
 * document is generated from them, so the two cannot drift apart.
 */

const jsonSchema = z
  .record(z.string(), z.unknown())
  .meta({ description: 'JSON Schema (draft 2020-12); UI hints under x-knotwork' });

export const connectionStatus = z
  .enum(['not_set_up', 'connected', 'failing', 'expired'])
  .meta({ description: 'Derived from saved credentials, see API.md' });

const credentialKind = z.enum(['apiKey', 'oauth2', 'basicAuth', 'custom']);

export const pluginCard = z.object({
  name: z.string(),
  displayName: z.string(),
  description: z.string(),
  icon: z.string().nullable().meta({ description: 'A data: URL, or null' }),
  categories: z.array(z.string()),
  version: z.string(),
  docsUrl: z.string().nullable(),
  nodeCount: z.number().int(),
  credentialTypes: z.array(z.string()),
  status: connectionStatus,
  credentialCount: z.number().int(),
});

export const nodeSummary = z.object({
  key: z.string().meta({ examples: ['slack.sendMessage'] }),
  displayName: z.string(),
  description: z.string(),
  kind: z.enum(['action', 'polling', 'webhook']),
  credentialTypes: z.array(z.string()),
  credentialRequired: z.boolean(),
});

export const nodeDetail = nodeSummary.extend({
  plugin: z.string(),
  input: jsonSchema,
  output: jsonSchema,
});

export const credentialTypeInfo = z.object({
  type: z.string(),
  plugin: z.string(),
  displayName: z.string(),
  description: z.string().nullable(),
  kind: credentialKind,
  schema: jsonSchema,
  oauth: z
    .object({
      provider: z.string(),
      displayName: z.string(),
      grant: z.enum(['authorization_code', 'client_credentials']),
      scopes: z.array(z.string()),
    })
    .optional(),
  docsUrl: z.string().nullable(),
});

export const credential = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  service: z.string(),
  kind: credentialKind,
  createdAt: z.string(),
  updatedAt: z.string(),
  lastUsedAt: z.string().nullable(),
  isValid: z.boolean(),
  lastError: z.string().nullable(),
  lastTestedAt: z.string().nullable(),
  oauth: z
    .object({
      connected: z.boolean(),
      expiresAt: z.string().nullable(),
      scopes: z.string().nullable(),
      hasRefreshToken: z.boolean(),
    })
    .optional(),
  status: connectionStatus,
});

const fieldProblem = z.object({ path: z.string(), message: z.string() });

export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    hint: z.string().optional(),
    service: z.string().optional(),
    fields: z.array(fieldProblem).optional(),
  }),
});

/** An IntegrationError from a test or a run: a normal answer, not an HTTP error. */
const failure = z.object({
  code: z.string(),
  message: z.string(),
  hint: z.string(),
  service: z.string().optional(),
  fields: z.array(fieldProblem).optional(),
});

export const logLine = z.object({
  level: z.enum(['debug', 'info', 'warn', 'error']),
  message: z.string(),
  fields: z.record(z.string(), z.unknown()),
});

export const binaryRef = z.object({
  $binary: z.string().meta({ description: 'Download it from GET /api/binaries/{id}' }),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
});

// Requests

export const credentialName = z.string().trim().min(1).max(200);
const credentialData = z.record(z.string(), z.unknown());

export const loginBody = z.object({ token: z.string().min(1) });

export const newCredentialBody = z.object({
  name: credentialName,
  type: z.string().min(1),
  data: credentialData,
});

export const credentialChangeBody = z.object({
  name: credentialName.optional(),
  data: credentialData
    .optional()
    .meta({ description: 'Replaces the data; a secret field left out keeps its saved value' }),
});

export const reconnectBody = z.object({ credentialId: z.string().min(1) });

export const runBody = z.object({
  input: z.unknown().default({}),
  credentialId: z.string().min(1).nullish(),
});

// Responses

export const sessionResponse = z.object({
  version: z.string(),
  authRequired: z.boolean(),
  authenticated: z.boolean(),
  csrfToken: z.string().optional(),
});

export const pluginListResponse = z.object({ plugins: z.array(pluginCard) });

export const pluginDetailResponse = z.object({
  plugin: pluginCard,
  nodes: z.array(nodeSummary),
  credentialTypes: z.array(credentialTypeInfo),
});

export const pluginDocsResponse = z.object({
  markdown: z.string().meta({ description: 'The plugin package’s README, as its author wrote it' }),
});

export const credentialListResponse = z.object({ credentials: z.array(credential) });

export const credentialResponse = z.object({ credential });

export const credentialDetailResponse = z.object({
  credential,
  data: credentialData.meta({ description: 'Only the non-secret fields' }),
  secretFields: z
    .array(z.string())
    .meta({ description: 'Secret fields that hold a value (never sent)' }),
});

export const testResponse = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), message: z.string().optional() }),
  z.object({ ok: z.literal(false), error: failure }),
]);

export const deleteResponse = z.object({
  deleted: z.literal(true),
  revoked: z.boolean().nullable(),
});

export const connectResponse = z.object({ credential, authorizationUrl: z.string() });

export const redirectUriResponse = z.object({ redirectUri: z.string() });

export const runResponse = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    output: z.unknown(),
    binaries: z.array(binaryRef),
    logs: z.array(logLine),
    durationMs: z.number(),
  }),
  z.object({
    ok: z.literal(false),
    error: failure,
    logs: z.array(logLine),
    durationMs: z.number(),
  }),
]);

export type PluginCard = z.infer<typeof pluginCard>;
export type NodeSummary = z.infer<typeof nodeSummary>;
export type CredentialTypeInfo = z.infer<typeof credentialTypeInfo>;
export type CredentialWithStatus = z.infer<typeof credential>;
export type ConnectionStatus = z.infer<typeof connectionStatus>;
export type LogLine = z.infer<typeof logLine>;
export type BinaryRef = z.infer<typeof binaryRef>;
export type RunResponse = z.infer<typeof runResponse>;
export type TestResponse = z.infer<typeof testResponse>;
