import { type CredentialTypes, expandScopes } from '@knotwork/credentials';
import type { Host } from '@knotwork/host';
import { CUSTOM_OAUTH_PROVIDER, type ManifestCredential, type ManifestNode } from '@knotwork/sdk';
import type { CredentialTypeInfo, NodeSummary } from './api-schemas.js';

/** A saved credential's type, or undefined when the plugin behind it is no longer installed. */
export function installedCredentialType(
  host: Pick<Host, 'credentialType'>,
  type: string,
): ManifestCredential | undefined {
  try {
    return host.credentialType(type);
  } catch {
    return undefined;
  }
}

/** `slack.sendMessage` → `slack`. */
export function pluginOf(key: string): string {
  return key.slice(0, key.indexOf('.'));
}

export function nodeSummary(node: ManifestNode): NodeSummary {
  return {
    key: node.key,
    displayName: node.displayName,
    description: node.description,
    kind: node.kind === 'action' ? 'action' : (node.trigger?.type ?? 'webhook'),
    credentialTypes: node.credential?.types ?? [],
    credentialRequired: node.credential?.required ?? false,
  };
}

export function nodeDetail(node: ManifestNode) {
  return {
    ...nodeSummary(node),
    plugin: pluginOf(node.key),
    input: node.input,
    output: node.output,
  };
}

export function credentialTypeInfo(
  manifest: ManifestCredential,
  types: CredentialTypes,
): CredentialTypeInfo {
  return {
    type: manifest.type,
    plugin: pluginOf(manifest.type),
    displayName: manifest.displayName,
    description: manifest.description ?? null,
    kind: manifest.kind,
    schema: manifest.schema,
    ...(manifest.oauth ? { oauth: oauthInfo(manifest.oauth, types) } : {}),
    docsUrl: manifest.docsUrl ?? null,
  };
}

function oauthInfo(oauth: NonNullable<ManifestCredential['oauth']>, types: CredentialTypes) {
  if (oauth.provider === CUSTOM_OAUTH_PROVIDER) {
    // Endpoints and scopes come from the credential's own fields.
    return {
      provider: oauth.provider,
      displayName: 'Custom OAuth2',
      grant: oauth.grant,
      scopes: [],
    };
  }
  try {
    const provider = types.provider(oauth.provider);
    // Feature names ("sheets") become the scopes the provider's consent screen will list.
    const scopes = expandScopes(provider, oauth.scopes);
    return {
      provider: oauth.provider,
      displayName: provider.displayName,
      grant: oauth.grant,
      scopes,
    };
  } catch {
    // A provider no installed plugin declares: the key is the best name there is.
    return {
      provider: oauth.provider,
      displayName: oauth.provider,
      grant: oauth.grant,
      scopes: oauth.scopes,
    };
  }
}
