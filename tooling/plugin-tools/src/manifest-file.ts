import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  buildManifest,
  manifestSchema,
  type PluginDefinition,
  serializeManifest,
} from '@knotwork/sdk';
import { firstDifference } from './line-diff.js';
import { type PluginPackage, pluginFile, SDK_PACKAGE } from './load-plugin.js';
import { PluginToolError } from './tool-error.js';

export type ManifestFreshness =
  | { state: 'fresh' }
  | { state: 'missing' }
  | { state: 'stale'; diff: string[] };

/** The manifest text the plugin's code produces, checked against the format hosts read. */
export function expectedManifestText(plugin: PluginPackage, definition: PluginDefinition): string {
  if (!plugin.sdkRange) {
    throw new PluginToolError(
      `${pluginFile(plugin, 'package.json')} has no peerDependencies["${SDK_PACKAGE}"] — add "peerDependencies": {"${SDK_PACKAGE}": "^0.1.0"} (the manifest records it as the SDK range the plugin was built for)`,
    );
  }
  const manifest = buildManifest(definition, {
    name: plugin.name,
    version: plugin.version,
    sdkRange: plugin.sdkRange,
  });
  const parsed = manifestSchema.safeParse(manifest);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new PluginToolError(
      `${plugin.label}: the manifest built from the code does not match the knotwork manifest format:\n  ${issues.join('\n  ')}`,
    );
  }
  return serializeManifest(manifest);
}

export function manifestPath(plugin: PluginPackage): string {
  return resolve(plugin.dir, plugin.manifestFile);
}

/** The fix a person runs when the committed manifest does not match the code. */
export function manifestFix(plugin: PluginPackage): string {
  return `run \`pnpm manifests\` (or \`pnpm --filter ${plugin.name} manifest\`) and commit the file`;
}

export async function compareWithCommitted(
  plugin: PluginPackage,
  expected: string,
): Promise<ManifestFreshness> {
  let committed: string;
  try {
    committed = await readFile(manifestPath(plugin), 'utf8');
  } catch {
    return { state: 'missing' };
  }
  if (committed === expected) return { state: 'fresh' };
  return { state: 'stale', diff: firstDifference(committed, expected) };
}

/** Writes the manifest; leaves the file (and its timestamp) alone when nothing changed. */
export async function writeManifest(
  plugin: PluginPackage,
  text: string,
): Promise<'written' | 'unchanged'> {
  const freshness = await compareWithCommitted(plugin, text);
  if (freshness.state === 'fresh') return 'unchanged';
  await writeFile(manifestPath(plugin), text);
  return 'written';
}
