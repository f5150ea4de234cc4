import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SDK_VERSION } from '@knotwork/sdk';
import { lintPlugin } from './lint.js';
import { importPluginDefinition, readPluginPackage } from './load-plugin.js';
import { expectedManifestText, writeManifest } from './manifest-file.js';
import type { Output } from './output.js';
import { camelNameOf, displayNameOf, packageNameOf, validatePluginName } from './plugin-names.js';
import { runPnpm } from './pnpm.js';
import { formatWithRepoBiome } from './repo-formatter.js';
import { renderTemplateFile, renderTemplateFolder, type TemplateFile } from './templates.js';
import { PluginToolError } from './tool-error.js';
import { CHANGESET_DIR, DOCS_DIR, displayPath, exists, PLUGINS_DIR } from './workspace.js';

export interface CreatePluginOptions {
  root: string;
  name: string;
  displayName?: string;
  /** Link the package, build it and write its manifest (tests turn this off). */
  install: boolean;
}

export interface CreatedPlugin {
  dir: string;
  /** Every file written, relative to the root. */
  files: string[];
  /** What lint still finds once built; empty unless the templates drifted from the rules. */
  problems: string[];
}

/** `knotwork-plugin create <name>`: a plugin that passes lint and its tests on the spot. */
export async function createPlugin(
  options: CreatePluginOptions,
  output: Output,
): Promise<CreatedPlugin> {
  const { root, name } = options;
  validatePluginName(name);
  const values = {
    name,
    displayName: options.displayName?.trim() || displayNameOf(name),
    camelName: camelNameOf(name),
    sdkRange: `^${SDK_VERSION}`,
  };
  const dir = join(root, PLUGINS_DIR, name);
  const pluginFiles = (await renderTemplateFolder('plugin', values)).map((file) => ({
    ...file,
    target: `${PLUGINS_DIR}/${name}/${file.target}`,
  }));
  const docsPage = `${DOCS_DIR}/${name}.md`;
  const changeset = `${CHANGESET_DIR}/${name}-plugin.md`;
  const files: TemplateFile[] = [
    ...pluginFiles,
    { target: docsPage, text: await renderTemplateFile('docs-page.md', values) },
    { target: changeset, text: await renderTemplateFile('changeset.md', values) },
  ];
  await refuseToOverwrite(root, dir, files);
  for (const file of files) {
    const path = join(root, file.target);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.text);
  }
  const written = files.map((file) => file.target);
  await formatWithRepoBiome(root, written);
  const label = displayPath(root, dir);
  output.log(`created ${label}/ with ${pluginFiles.length} files, ${docsPage} and ${changeset}`);
  let problems: string[] = [];
  if (options.install) {
    problems = await installBuildAndWriteManifest(root, dir, output);
  } else {
    const pkg = packageNameOf(name);
    output.log(
      `skipped install and build: run \`pnpm install && pnpm --filter ${pkg} build && pnpm --filter ${pkg} manifest\``,
    );
  }
  output.log(
    `next: edit ${label}/src/nodes/get-item.ts for the real API, then \`cd ${label} && pnpm test\``,
  );
  return { dir, files: written, problems };
}

async function refuseToOverwrite(root: string, dir: string, files: TemplateFile[]): Promise<void> {
  if (await exists(dir)) {
    throw new PluginToolError(
      `${displayPath(root, dir)} already exists — pick another name, or remove the folder to start over`,
    );
  }
  for (const file of files) {
    if (await exists(join(root, file.target))) {
      throw new PluginToolError(
        `${file.target} already exists — move it away, or pick another plugin name`,
      );
    }
  }
}

async function installBuildAndWriteManifest(
  root: string,
  dir: string,
  output: Output,
): Promise<string[]> {
  const plugin = await readPluginPackage(dir, root);
  // install links the new package into the workspace (its @knotwork/* deps and the knotwork-plugin bin).
  await runPnpm(root, ['install']);
  await runPnpm(root, ['--filter', plugin.name, 'build']);
  const definition = await importPluginDefinition(plugin);
  await writeManifest(plugin, expectedManifestText(plugin, definition));
  output.log(`wrote ${plugin.label}/${plugin.manifestFile}`);
  const { problems } = await lintPlugin(root, dir);
  for (const problem of problems) output.error(`${plugin.label}: ${problem}`);
  if (problems.length === 0) output.log(`${plugin.label} passes knotwork-plugin lint`);
  return problems;
}
