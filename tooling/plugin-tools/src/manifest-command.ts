import { resolve } from 'node:path';
import {
  importPluginDefinition,
  type PluginPackage,
  pluginFile,
  readPluginPackage,
} from './load-plugin.js';
import {
  compareWithCommitted,
  expectedManifestText,
  manifestFix,
  writeManifest,
} from './manifest-file.js';
import { type Output, plural } from './output.js';
import { findWorkspaceRoot } from './workspace.js';

export interface ManifestCommandOptions {
  /** The plugin's folder. */
  dir: string;
  /** Compare with the committed file instead of writing it. */
  check: boolean;
}

/** `knotwork-plugin manifest [--check]`: returns the process exit code. */
export async function runManifestCommand(
  options: ManifestCommandOptions,
  output: Output,
): Promise<number> {
  const dir = resolve(options.dir);
  // Messages name files from the repo root (plugins/slack/...) so they read the same from anywhere.
  const base = (await findWorkspaceRoot(dir)) ?? process.cwd();
  const plugin = await readPluginPackage(dir, base);
  const definition = await importPluginDefinition(plugin);
  const text = expectedManifestText(plugin, definition);
  const file = pluginFile(plugin, plugin.manifestFile);
  if (options.check) return checkManifest(plugin, text, file, output);
  const result = await writeManifest(plugin, text);
  const counts = `${plural(definition.nodes.length, 'node')}, ${plural(definition.credentials.length, 'credential type')}`;
  output.log(
    result === 'written' ? `wrote ${file} (${counts})` : `${file} is up to date (${counts})`,
  );
  return 0;
}

async function checkManifest(
  plugin: PluginPackage,
  text: string,
  file: string,
  output: Output,
): Promise<number> {
  const freshness = await compareWithCommitted(plugin, text);
  switch (freshness.state) {
    case 'fresh':
      output.log(`${file} matches the code`);
      return 0;
    case 'missing':
      output.error(`${plugin.name}: ${file} is missing — ${manifestFix(plugin)}`);
      return 1;
    case 'stale':
      output.error(
        `${plugin.name}: ${file} does not match what the code builds — ${manifestFix(plugin)}`,
      );
      output.error(`--- ${file} (committed)`);
      output.error(`+++ built from ${pluginFile(plugin, plugin.entryFile ?? 'dist/index.js')}`);
      for (const line of freshness.diff) output.error(line);
      return 1;
  }
}
