import { z } from 'zod';
import { authenticationLabel, baseUrlOf } from './credential.js';
import { FieldType, secretFieldsOf } from './field-types.js';
import { toJsonSchema } from './json-schema.js';
import { isCredentialRequired } from './node.js';
import { oauthProviderSchema } from './oauth-provider.js';
import { credentialType, type PluginDefinition } from './plugin.js';
import { rateLimitPolicySchema } from './service-policy.js';

export const MANIFEST_FILE = 'knotwork.manifest.json';
export const MANIFEST_VERSION = 1;
export const PLUGIN_KEYWORD = 'knotwork-plugin';

const jsonSchemaObject = z.record(z.string(), z.unknown());

export const manifestCredentialSchema = z.object({
  type: z.string().regex(/^[a-z][a-z0-9-]*\.[a-z][A-Za-z0-9]*$/),
  key: z.string(),
  displayName: z.string(),
  description: z.string().optional(),
  kind: z.enum(['apiKey', 'oauth2', 'basicAuth', 'custom']),
  schema: jsonSchemaObject,
  secretFields: z.array(z.string()),
  authentication: z.string(),
  baseUrl: z.string().optional(),
  oauth: z
    .object({
      provider: z.string(),
      scopes: z.array(z.string()),
      grant: z.enum(['authorization_code', 'client_credentials']),
    })
    .optional(),
  docsUrl: z.string().optional(),
});

export const manifestNodeSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9-]*\.[a-z][A-Za-z0-9]*$/),
  name: z.string(),
  kind: z.enum(['action', 'trigger']),
  trigger: z
    .discriminatedUnion('type', [
      z.object({ type: z.literal('polling'), intervalSeconds: z.number() }),
      z.object({ type: z.literal('webhook'), methods: z.array(z.string()) }),
    ])
    .optional(),
  displayName: z.string(),
  description: z.string(),
  credential: z
    .object({
      field: z.literal(FieldType.CREDENTIAL),
      types: z.array(z.string()),
      required: z.boolean(),
    })
    .nullable(),
  input: jsonSchemaObject,
  output: jsonSchemaObject,
  timeoutMs: z.number().optional(),
  docsUrl: z.string().optional(),
});

export const manifestSchema = z.object({
  manifestVersion: z.literal(MANIFEST_VERSION),
  name: z.string().regex(/^[a-z][a-z0-9-]*$/),
  package: z.string(),
  /** Range of @knotwork/sdk versions the plugin was built for. */
  sdk: z.string(),
  displayName: z.string(),
  description: z.string(),
  icon: z.string().optional(),
  categories: z.array(z.string()),
  docsUrl: z.string().optional(),
  credentials: z.array(manifestCredentialSchema),
  oauthProviders: z.array(oauthProviderSchema),
  nodes: z.array(manifestNodeSchema),
  rateLimit: rateLimitPolicySchema,
});

export type Manifest = z.output<typeof manifestSchema>;
export type ManifestNode = Manifest['nodes'][number];
export type ManifestCredential = Manifest['credentials'][number];

/**
 * The package a manifest belongs to. The package version is deliberately not part of the
 * manifest (hosts read it from package.json): a release bump must not make it stale.
 */
export interface PackageIdentity {
  name: string;
  version?: string;
  sdkRange: string;
}

/** Everything a host needs to list and describe the plugin without importing its code. */
export function buildManifest(plugin: PluginDefinition, pkg: PackageIdentity): Manifest {
  return {
    manifestVersion: MANIFEST_VERSION,
    name: plugin.name,
    package: pkg.name,
    sdk: pkg.sdkRange,
    displayName: plugin.displayName,
    description: plugin.description,
    ...(plugin.icon ? { icon: plugin.icon } : {}),
    categories: plugin.categories,
    ...(plugin.docsUrl ? { docsUrl: plugin.docsUrl } : {}),
    credentials: plugin.credentials.map((credential) => {
      const baseUrl = baseUrlOf(credential, {});
      return {
        type: credentialType(plugin, credential.key),
        key: credential.key,
        displayName: credential.displayName,
        ...(credential.description ? { description: credential.description } : {}),
        kind: credential.kind,
        schema: toJsonSchema(credential.schema),
        secretFields: secretFieldsOf(credential.schema),
        authentication: authenticationLabel(
          credential.authenticate as Parameters<typeof authenticationLabel>[0],
          credential.kind,
        ),
        ...(baseUrl ? { baseUrl } : {}),
        ...(credential.oauth
          ? {
              oauth: {
                provider: credential.oauth.provider,
                scopes: credential.oauth.scopes ?? [],
                grant: credential.oauth.grant ?? 'authorization_code',
              },
            }
          : {}),
        ...(credential.docsUrl ? { docsUrl: credential.docsUrl } : {}),
      };
    }),
    oauthProviders: plugin.oauthProviders,
    nodes: plugin.nodes.map((node) => ({
      key: `${plugin.name}.${node.key}`,
      name: node.key,
      kind: node.kind,
      ...(node.trigger ? { trigger: node.trigger } : {}),
      displayName: node.displayName,
      description: node.description,
      credential:
        (node.credentials?.length ?? 0) > 0
          ? {
              field: FieldType.CREDENTIAL,
              types: (node.credentials ?? []).map((credential) =>
                credentialType(plugin, credential.key),
              ),
              required: isCredentialRequired(node),
            }
          : null,
      input: toJsonSchema(node.input, 'input'),
      output: toJsonSchema(node.output, 'output'),
      ...(node.timeoutMs ? { timeoutMs: node.timeoutMs } : {}),
      ...(node.docsUrl ? { docsUrl: node.docsUrl } : {}),
    })),
    rateLimit: plugin.policy.rateLimit,
  };
}

/** Stable text form: what is committed and compared for staleness. */
export function serializeManifest(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
