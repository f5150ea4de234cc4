import { type CredentialDefinition, CUSTOM_OAUTH_PROVIDER } from './credential.js';
import { isCredentialRequired, type NodeDefinition } from './node.js';
import type { OAuthProvider } from './oauth-provider.js';
import {
  type ResolvedServicePolicy,
  resolveServicePolicy,
  type ServicePolicy,
} from './service-policy.js';

export interface PluginDefinitionInput {
  /** Short, stable id: lowercase, used in node keys (`slack.sendMessage`) and credential types. */
  name: string;
  displayName: string;
  description: string;
  /** SVG markup for the integration's icon. */
  icon?: string;
  categories: string[];
  docsUrl?: string;
  credentials?: CredentialDefinition[];
  oauthProviders?: OAuthProvider[];
  nodes: NodeDefinition[];
  /** The service's wire behaviour: rate limits, retries, error codes and their hints. */
  policy?: ServicePolicy;
}

export interface PluginDefinition extends Omit<PluginDefinitionInput, 'policy'> {
  readonly __knotwork: 'plugin';
  credentials: CredentialDefinition[];
  oauthProviders: OAuthProvider[];
  policy: ResolvedServicePolicy;
}

/** Declares a plugin and checks it hangs together; every problem is named at once. */
export function definePlugin(input: PluginDefinitionInput): PluginDefinition {
  const problems: string[] = [];
  if (!/^[a-z][a-z0-9-]*$/.test(input.name)) {
    problems.push(`name "${input.name}" must be lowercase letters, digits and dashes`);
  }
  const credentials = input.credentials ?? [];
  const oauthProviders = input.oauthProviders ?? [];
  const credentialKeys = new Set<string>();
  for (const credential of credentials) {
    if (credentialKeys.has(credential.key))
      problems.push(`credential key "${credential.key}" is declared twice`);
    credentialKeys.add(credential.key);
    const provider = credential.oauth?.provider;
    if (
      provider &&
      provider !== CUSTOM_OAUTH_PROVIDER &&
      !oauthProviders.some((candidate) => candidate.key === provider)
    ) {
      problems.push(
        `credential "${credential.key}" uses OAuth provider "${provider}", which the plugin does not declare`,
      );
    }
  }
  const nodeKeys = new Set<string>();
  for (const node of input.nodes) {
    if (nodeKeys.has(node.key)) problems.push(`node key "${node.key}" is declared twice`);
    nodeKeys.add(node.key);
    for (const credential of node.credentials ?? []) {
      if (!credentials.includes(credential)) {
        problems.push(
          `node "${node.key}" accepts credential "${credential.key}", which is not in the plugin's credentials`,
        );
      }
    }
    if (isCredentialRequired(node) && (node.credentials?.length ?? 0) === 0) {
      problems.push(`node "${node.key}" requires a credential but accepts none`);
    }
  }
  let policy: ResolvedServicePolicy | undefined;
  try {
    policy = resolveServicePolicy(input.policy);
  } catch (error) {
    problems.push(`policy is invalid: ${(error as Error).message}`);
  }
  if (problems.length > 0 || !policy) {
    throw new TypeError(`Plugin "${input.name}" is invalid:\n- ${problems.join('\n- ')}`);
  }
  return { ...input, credentials, oauthProviders, policy, __knotwork: 'plugin' };
}

export function isPluginDefinition(value: unknown): value is PluginDefinition {
  return (value as { __knotwork?: unknown })?.__knotwork === 'plugin';
}

export function credentialType(plugin: Pick<PluginDefinition, 'name'>, key: string): string {
  return `${plugin.name}.${key}`;
}
