import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isPluginDefinition, MANIFEST_FILE, type PluginDefinition } from '@knotwork/sdk';
import { isRecord, type PackageJson, readPackageJson, stringField } from './package-json.js';
import { PluginToolError } from './tool-error.js';
import { displayPath, exists } from './workspace.js';

export const SDK_PACKAGE = '@knotwork/sdk';

/** A plugin package as read from its package.json, before any of its code runs. */
export interface PluginPackage {
  dir: string;
  /** How messages name the folder, e.g. `plugins/slack`. */
  label: string;
  packageJson: PackageJson;
  /** npm name, e.g. `@knotwork/plugin-slack`. */
  name: string;
  version: string;
  /** `knotwork.manifest`, relative to the package (defaults to knotwork.manifest.json). */
  manifestFile: string;
  /** `knotwork.entry`, relative to the package; undefined when package.json does not say. */
  entryFile: string | undefined;
  /** peerDependencies["@knotwork/sdk"]: the SDK range the manifest records. */
  sdkRange: string | undefined;
}

/** Reads <dir>/package.json; `base` is the folder paths in messages are relative to. */
export async function readPluginPackage(dir: string, base: string): Promise<PluginPackage> {
  const label = displayPath(base, dir);
  const packageJson = await readPackageJson(resolve(dir, 'package.json'), `${label}/package.json`);
  const knotwork = isRecord(packageJson.knotwork) ? packageJson.knotwork : {};
  const peers = isRecord(packageJson.peerDependencies) ? packageJson.peerDependencies : {};
  return {
    dir,
    label,
    packageJson,
    name: stringField(packageJson, 'name') ?? label,
    version: stringField(packageJson, 'version') ?? '0.0.0',
    manifestFile: stripDotSlash(stringField(knotwork, 'manifest') ?? MANIFEST_FILE),
    entryFile: optionalPath(stringField(knotwork, 'entry')),
    sdkRange: stringField(peers, SDK_PACKAGE),
  };
}

/** `plugins/slack/dist/index.js`: a file of the plugin as messages name it. */
export function pluginFile(plugin: PluginPackage, file: string): string {
  return plugin.label === '.' ? file : `${plugin.label}/${file}`;
}

export function buildHint(plugin: PluginPackage): string {
  return `run \`pnpm build\` in ${plugin.label} (or \`pnpm --filter ${plugin.name} build\`)`;
}

/**
 * Imports the plugin's built entry and returns its default export. Reads what the
 * package ships (dist), not its sources, so the manifest describes the published code.
 */
export async function importPluginDefinition(plugin: PluginPackage): Promise<PluginDefinition> {
  if (!plugin.entryFile) {
    throw new PluginToolError(
      `${pluginFile(plugin, 'package.json')} has no "knotwork.entry" — add "knotwork": {"manifest": "./knotwork.manifest.json", "entry": "./dist/index.js"}`,
    );
  }
  const entryLabel = pluginFile(plugin, plugin.entryFile);
  const entryPath = resolve(plugin.dir, plugin.entryFile);
  if (!(await exists(entryPath))) {
    throw new PluginToolError(`${entryLabel} does not exist — ${buildHint(plugin)} first`);
  }
  let module: unknown;
  try {
    module = await import(/* @vite-ignore */ pathToFileURL(entryPath).href);
  } catch (error) {
    throw new PluginToolError(
      `${entryLabel} failed to load — fix the source, then ${buildHint(plugin)}:\n  ${(error as Error).message}`,
    );
  }
  const definition = isRecord(module) ? module.default : undefined;
  if (!isPluginDefinition(definition)) {
    throw new PluginToolError(
      `${entryLabel} does not default-export a plugin — src/index.ts must \`export default definePlugin({...})\`, then ${buildHint(plugin)}`,
    );
  }
  return definition;
}

function stripDotSlash(path: string): string {
  return path.replace(/^\.\//, '');
}

function optionalPath(path: string | undefined): string | undefined {
  return path === undefined ? undefined : stripDotSlash(path);
}
