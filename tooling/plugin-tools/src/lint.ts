import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { PluginDefinition } from '@knotwork/sdk';
import { checkDefinition } from './definition-checks.js';
import { checkPluginFiles } from './file-checks.js';
import { importPluginDefinition, type PluginPackage, readPluginPackage } from './load-plugin.js';
import {
  compareWithCommitted,
  expectedManifestText,
  manifestFix,
  manifestPath,
} from './manifest-file.js';
import { type Output, plural } from './output.js';
import { checkPackageJson } from './package-checks.js';
import { isPluginToolError } from './tool-error.js';
import { displayPath, exists, listPluginDirs, PLUGINS_DIR } from './workspace.js';

export interface PluginLintResult {
  /** `plugins/slack` */
  label: string;
  problems: string[];
}

/** Every check on every folder under <root>/plugins. */
export async function lintPlugins(root: string): Promise<PluginLintResult[]> {
  const results: PluginLintResult[] = [];
  for (const dir of await listPluginDirs(root)) results.push(await lintPlugin(root, dir));
  return results;
}

export async function lintPlugin(root: string, dir: string): Promise<PluginLintResult> {
  const label = displayPath(root, dir);
  if (!(await exists(join(dir, 'package.json')))) {
    return {
      label,
      problems: [
        'no package.json — finish the package (`pnpm create-plugin <name>` makes one) or remove the folder',
      ],
    };
  }
  let plugin: PluginPackage;
  try {
    plugin = await readPluginPackage(dir, root);
  } catch (error) {
    return { label, problems: [relativeTo(label, problemText(error))] };
  }
  const problems = checkPackageJson(plugin);
  let definition: PluginDefinition | undefined;
  try {
    definition = await importPluginDefinition(plugin);
  } catch (error) {
    problems.push(
      `${relativeTo(label, problemText(error))} (manifest, credentials and nodes were not checked)`,
    );
  }
  if (definition) {
    problems.push(...checkDefinition(plugin, definition));
    problems.push(...(await checkManifestFreshness(plugin, definition)));
  }
  const name = definition?.name ?? (await committedManifestName(plugin)) ?? fallbackName(plugin);
  problems.push(...(await checkPluginFiles(root, plugin, name)));
  return { label, problems };
}

/** `knotwork-plugin lint`: one line per problem, then a summary; returns the exit code. */
export async function runLintCommand(root: string, output: Output): Promise<number> {
  const results = await lintPlugins(root);
  if (results.length === 0) {
    output.log(`knotwork-plugin lint: no plugins under ${PLUGINS_DIR}/`);
    return 0;
  }
  for (const result of results) {
    for (const problem of result.problems) output.log(`${result.label}: ${problem}`);
  }
  const failing = results.filter((result) => result.problems.length > 0);
  const count = failing.reduce((sum, result) => sum + result.problems.length, 0);
  if (count === 0) {
    output.log(`knotwork-plugin lint: ${plural(results.length, 'plugin')} checked, no problems`);
    return 0;
  }
  output.log(
    `knotwork-plugin lint: ${plural(count, 'problem')} in ${failing.length} of ${plural(results.length, 'plugin')}`,
  );
  return 1;
}

async function checkManifestFreshness(
  plugin: PluginPackage,
  definition: PluginDefinition,
): Promise<string[]> {
  // A missing SDK peer range is already reported by the package.json checks.
  if (!plugin.sdkRange) return [];
  let expected: string;
  try {
    expected = expectedManifestText(plugin, definition);
  } catch (error) {
    return [relativeTo(plugin.label, problemText(error))];
  }
  const freshness = await compareWithCommitted(plugin, expected);
  if (freshness.state === 'missing')
    return [`${plugin.manifestFile} is missing — ${manifestFix(plugin)}`];
  if (freshness.state === 'stale') {
    return [
      `${plugin.manifestFile} does not match what the code builds — ${manifestFix(plugin)} (\`knotwork-plugin manifest --check --dir ${plugin.label}\` shows the difference)`,
    ];
  }
  return [];
}

/** The plugin name for the docs page when the code could not be loaded: the committed manifest says it. */
async function committedManifestName(plugin: PluginPackage): Promise<string | undefined> {
  try {
    const manifest = JSON.parse(await readFile(manifestPath(plugin), 'utf8')) as { name?: unknown };
    return typeof manifest.name === 'string' ? manifest.name : undefined;
  } catch {
    return undefined;
  }
}

function fallbackName(plugin: PluginPackage): string {
  const prefix = '@knotwork/plugin-';
  return plugin.name.startsWith(prefix) ? plugin.name.slice(prefix.length) : basename(plugin.dir);
}

/** A known failure as one line of lint output; anything else is a bug in the tool and is thrown. */
function problemText(error: unknown): string {
  if (isPluginToolError(error)) return error.message.replace(/\s*\n\s*/g, ' ');
  throw error;
}

/** Messages name files from the repo root; under the plugin's own label the prefix is noise. */
function relativeTo(label: string, message: string): string {
  return message.split(`${label}/`).join('');
}
