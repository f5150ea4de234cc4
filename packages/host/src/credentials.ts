import {
  applyAuthentication,
  type CredentialDefinition,
  credentialType,
  type HttpAuth,
  IntegrationError,
  invalidInputError,
  type NodeDefinition,
  type OAuthProvider,
  type OAuthTokenSet,
  type PluginDefinition,
  Redactor,
  type ResolvedCredential,
  secretPathsOf,
} from '@knotwork/sdk';
import { type DerivedFromData, parseCredentialData } from './credential-data-cache.js';

/** A credential handed to execute inline: by global type (`slack.botToken`) or local key. */
export interface InlineCredential {
  type?: string;
  key?: string;
  data: Record<string, unknown>;
  token?: OAuthTokenSet;
  id?: string;
  name?: string;
  /** Gets a fresh token when the provider says the current one expired. */
  refresh?: () => Promise<OAuthTokenSet | undefined>;
  /**
   * Changes whenever a person changes the saved credential (the store's updatedAt).
   * Connection pools built for an earlier revision are closed, so a corrected password is
   * used by the next run, not after a restart.
   */
  revision?: string;
}

/** What a credential store returns for a saved credential. */
export interface StoredCredential extends InlineCredential {
  type: string;
}

/** Looks up a saved credential by name or id (the credentials manager plugs in here). */
export type CredentialResolver = (
  reference: string,
  context: { acceptedTypes: string[]; nodeKey: string },
) => Promise<StoredCredential>;

export interface BoundCredential {
  definition: CredentialDefinition;
  resolved: ResolvedCredential;
  /**
   * Knows the credential's secrets (its secret fields and access token). Shared by every
   * run with the same data: a run works from its own `new Redactor(bound.redactor)`.
   */
  redactor: Redactor;
  refresh?: () => Promise<OAuthTokenSet | undefined>;
  revision?: string;
}

export async function bindCredential(
  plugin: PluginDefinition,
  node: NodeDefinition,
  nodeKey: string,
  given: InlineCredential | string | undefined,
  resolver: CredentialResolver | undefined,
): Promise<BoundCredential | undefined> {
  if (given === undefined) return undefined;
  if (typeof given !== 'string') return bindInlineCredential(plugin, node, nodeKey, given);
  const accepted = acceptedCredentials(plugin, node, nodeKey);
  if (!resolver) {
    throw new IntegrationError({
      service: plugin.name,
      code: 'no_credential_store',
      message: `Credential "${given}" was named, but this host has no credential store`,
      hint: 'Pass the credential inline, or create the host with a credential store.',
    });
  }
  const stored = await resolver(given, { acceptedTypes: typesOf(plugin, accepted), nodeKey });
  return bindTo(plugin, accepted, nodeKey, stored);
}

/** Binds a credential handed over inline: nothing to look up, so no promise on every run. */
export function bindInlineCredential(
  plugin: PluginDefinition,
  node: NodeDefinition,
  nodeKey: string,
  given: InlineCredential,
): BoundCredential {
  return bindTo(plugin, acceptedCredentials(plugin, node, nodeKey), nodeKey, given);
}

type Accepted = NonNullable<NodeDefinition['credentials']>;

function acceptedCredentials(
  plugin: PluginDefinition,
  node: NodeDefinition,
  nodeKey: string,
): Accepted {
  const accepted = node.credentials ?? [];
  if (accepted.length === 0) {
    throw new IntegrationError({
      service: plugin.name,
      code: 'credential_not_accepted',
      message: `${nodeKey} takes no credential, but one was given`,
      hint: 'Remove the credential from this node.',
    });
  }
  return accepted;
}

// Only a store lookup and the error messages need the type names: not built per run.
function typesOf(plugin: PluginDefinition, accepted: Accepted): string[] {
  return accepted.map((credential) => credentialType(plugin, credential.key));
}

function bindTo(
  plugin: PluginDefinition,
  accepted: Accepted,
  nodeKey: string,
  stored: InlineCredential | StoredCredential,
): BoundCredential {
  const definition = accepted.find((credential) =>
    stored.type === undefined
      ? stored.key === credential.key
      : isTypeOf(stored.type, plugin, credential.key),
  );
  if (!definition) {
    const label = stored.name ? `Credential "${stored.name}"` : 'The credential';
    const types = typesOf(plugin, accepted).join(' or ');
    throw new IntegrationError({
      service: plugin.name,
      code: 'credential_type_mismatch',
      message: `${label} is of type ${stored.type ?? stored.key ?? 'unknown'}, but ${nodeKey} accepts ${types}`,
      hint: `Pick a credential of type ${types} for this node.`,
    });
  }
  const parsed = parseCredentialData(definition.schema, stored.data);
  if (!parsed.success) {
    throw invalidInputError(
      plugin.name,
      `Credential ${stored.name ?? definition.key}`,
      parsed.error.issues,
      'credential',
    );
  }
  const resolved: ResolvedCredential = {
    key: definition.key,
    type: stored.type ?? credentialType(plugin, definition.key),
    data: parsed.data as Record<string, unknown>,
  };
  if (stored.token) resolved.token = stored.token;
  if (stored.id) resolved.id = stored.id;
  if (stored.name) resolved.name = stored.name;
  if (definition.kind === 'oauth2' && !resolved.token) {
    throw new IntegrationError({
      service: plugin.name,
      code: 'credential_not_connected',
      message: `Credential ${stored.name ?? definition.key} has no OAuth token yet`,
      hint: `Connect it first: knotwork credentials connect ${resolved.type}`,
    });
  }
  const bound: BoundCredential = {
    definition,
    resolved,
    redactor: credentialRedactor(definition, resolved, parsed.derived),
  };
  if (stored.refresh) bound.refresh = stored.refresh;
  if (stored.revision) bound.revision = stored.revision;
  return bound;
}

/** `type === credentialType(plugin, key)` without building the string on every run. */
function isTypeOf(type: string, plugin: PluginDefinition, key: string): boolean {
  return (
    type.length === plugin.name.length + 1 + key.length &&
    type.startsWith(plugin.name) &&
    type.charCodeAt(plugin.name.length) === 46 /* . */ &&
    type.endsWith(key)
  );
}

/** Where a credential type keeps its secrets is fixed: found once per type, not per run. */
const secretPathsByType = new WeakMap<object, string[][]>();

/**
 * A redactor knowing every secret the credential carries, so logs and errors can be
 * scrubbed of them: each field marked secret, at any depth (every string inside one that
 * holds an object), and the access token. Kept with cached data (and its token) so runs
 * do not rebuild it.
 */
function credentialRedactor(
  definition: CredentialDefinition,
  resolved: ResolvedCredential,
  derived: DerivedFromData | undefined,
): Redactor {
  const token = resolved.token?.accessToken;
  const known = derived?.redactor;
  if (known && known.token === token) return known.redactor;
  let paths = secretPathsByType.get(definition.schema);
  if (!paths) {
    paths = secretPathsOf(definition.schema);
    secretPathsByType.set(definition.schema, paths);
  }
  const redactor = new Redactor();
  for (const path of paths) addSecretsAt(redactor, resolved.data, path, 0);
  redactor.add(token);
  if (derived) derived.redactor = { token, redactor };
  return redactor;
}

/** Adds the strings found at `path` in `value` (arrays are looked through), all of them below it. */
function addSecretsAt(redactor: Redactor, value: unknown, path: string[], depth: number): void {
  if (Array.isArray(value)) {
    for (const item of value) addSecretsAt(redactor, item, path, depth);
    return;
  }
  if (depth === path.length) {
    addStrings(redactor, value);
    return;
  }
  if (typeof value === 'object' && value !== null) {
    addSecretsAt(redactor, (value as Record<string, unknown>)[path[depth]!], path, depth + 1);
  }
}

function addStrings(redactor: Redactor, value: unknown): void {
  if (typeof value === 'string') redactor.add(value);
  else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) addStrings(redactor, item);
  }
}

/** The HttpAuth for a bound credential: signs requests, refreshes once when the provider says it expired. */
export function credentialAuth(
  bound: BoundCredential,
  providers: readonly OAuthProvider[],
  redactor: Redactor,
): HttpAuth {
  const providerKey = bound.definition.oauth?.provider;
  const provider = providerKey
    ? providers.find((candidate) => candidate.key === providerKey)
    : undefined;
  // A custom OAuth2 credential's provider lives in its data, not in the plugin: it gets
  // the standard signal, a 401.
  const expirySignal = provider?.expirySignal ?? { statuses: [401] };
  const expiryPattern =
    'bodyPattern' in expirySignal && expirySignal.bodyPattern
      ? new RegExp(expirySignal.bodyPattern, 'i')
      : undefined;
  const auth: HttpAuth = {
    apply: async (request) => {
      await applyAuthentication(
        bound.definition.authenticate as Parameters<typeof applyAuthentication>[0],
        bound.definition.kind,
        request,
        bound.resolved,
      );
      // Derived forms (Basic pairs, signed headers) are secrets too.
      redactor.add(request.headers.get('authorization'));
    },
  };
  if (providerKey && bound.refresh) {
    const refresh = bound.refresh;
    auth.signalsExpiry = (status, bodyText) =>
      expirySignal.statuses.includes(status) || (expiryPattern?.test(bodyText) ?? false);
    auth.refresh = async () => {
      const token = await refresh();
      if (!token) return false;
      bound.resolved.token = token;
      redactor.add(token.accessToken);
      return true;
    };
  }
  return auth;
}
