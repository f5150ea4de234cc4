import {
  buildManifest,
  type Manifest,
  type PluginDefinition,
  serializeManifest,
} from '@knotwork/sdk';

/**
 * The plugin's manifest with a fixed package identity, for `toMatchSnapshot()` /
 * `toMatchFileSnapshot()`: a change to a node's fields shows up in review.
 */
export function manifestSnapshot(plugin: PluginDefinition): Manifest {
  return buildManifest(plugin, {
    name: `@knotwork/plugin-${plugin.name}`,
    sdkRange: '*',
  });
}

export function manifestSnapshotText(plugin: PluginDefinition): string {
  return serializeManifest(manifestSnapshot(plugin));
}
