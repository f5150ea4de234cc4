import { readdir, readFile, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { PLUGIN_KEYWORD } from '@knotwork/sdk';

export interface DiscoveredPackage {
  /** Real folder of the package (pnpm symlinks resolved). */
  dir: string;
  packageJson: Record<string, unknown>;
}

/**
 * Finds installed plugins the way n8n finds community nodes: every package directly in
 * `<dir>/node_modules` (scoped ones included) whose keywords name `knotwork-plugin`.
 */
export async function discoverInstalledPlugins(dir: string): Promise<DiscoveredPackage[]> {
  const nodeModules = join(dir, 'node_modules');
  const candidates: string[] = [];
  // Sorted, so which of two same-named plugins wins does not depend on the file system.
  for (const entry of (await readdirSafe(nodeModules)).sort()) {
    if (entry.startsWith('.')) continue;
    if (entry.startsWith('@')) {
      for (const scoped of (await readdirSafe(join(nodeModules, entry))).sort()) {
        candidates.push(join(nodeModules, entry, scoped));
      }
    } else {
      candidates.push(join(nodeModules, entry));
    }
  }
  const found = await Promise.all(candidates.map(readPluginPackage));
  return found.filter((item): item is DiscoveredPackage => item !== undefined);
}

/** The package at `dir` if it says it is a knotwork plugin. */
export async function readPluginPackage(dir: string): Promise<DiscoveredPackage | undefined> {
  let text: string;
  let real: string;
  try {
    real = await realpath(dir);
    text = await readFile(join(real, 'package.json'), 'utf8');
  } catch {
    return undefined;
  }
  // Cheap pre-check: most of node_modules is not ours, and parsing every package.json is wasted work.
  if (!text.includes(PLUGIN_KEYWORD)) return undefined;
  let packageJson: Record<string, unknown>;
  try {
    packageJson = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const keywords = packageJson.keywords;
  if (!Array.isArray(keywords) || !keywords.includes(PLUGIN_KEYWORD)) return undefined;
  return { dir: real, packageJson };
}

async function readdirSafe(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}
