import type { CredentialSummary } from '@knotwork/credentials';
import type { PluginSummary } from '@knotwork/host';
import type { PluginCard } from './api-schemas.js';
import { pluginStatus } from './connection-status.js';

/** A plugin as the integration browser shows it, with its status from saved credentials. */
export function pluginCard(plugin: PluginSummary, saved: CredentialSummary[]): PluginCard {
  const own = saved.filter((credential) => plugin.credentialTypes.includes(credential.type));
  return {
    name: plugin.name,
    displayName: plugin.displayName,
    description: plugin.description,
    icon: iconDataUrl(plugin.icon),
    categories: plugin.categories,
    version: plugin.version,
    docsUrl: plugin.docsUrl ?? null,
    nodeCount: plugin.nodeCount,
    credentialTypes: plugin.credentialTypes,
    status: pluginStatus(own),
    credentialCount: own.length,
  };
}

/**
 * Manifests carry the icon as SVG markup. As a data: URL in an <img> the browser renders it
 * without running any script it may hold, which inlining the markup would not guarantee.
 */
export function iconDataUrl(icon: string | undefined): string | null {
  if (!icon) return null;
  if (icon.startsWith('data:image/')) return icon;
  const markup = icon.trim();
  if (!/^(<\?xml[^>]*>\s*)?<svg[\s>]/i.test(markup)) return null;
  return `data:image/svg+xml;base64,${Buffer.from(markup, 'utf8').toString('base64')}`;
}
