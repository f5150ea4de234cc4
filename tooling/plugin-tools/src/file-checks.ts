import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { changesetsReleasing } from './changesets.js';
import type { PluginPackage } from './load-plugin.js';
import { DOCS_DIR, docsPagePath, exists } from './workspace.js';

const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;
/** A `test(`, `it(` or `test.each(` call: a file without one runs nothing. */
const TEST_CALL = /\b(test|it)(\.\w+)*\s*\(/;

/** The files a plugin package needs beside its code: entry source, tests, README, docs, release note. */
export async function checkPluginFiles(
  root: string,
  plugin: PluginPackage,
  pluginName: string,
): Promise<string[]> {
  return [
    ...(await checkIndexSource(plugin)),
    ...(await checkTests(plugin)),
    ...(await checkReadme(plugin)),
    ...(await checkDocsPage(root, pluginName)),
    ...(await checkReleaseNote(root, plugin, pluginName)),
  ];
}

async function checkIndexSource(plugin: PluginPackage): Promise<string[]> {
  if (await exists(join(plugin.dir, 'src/index.ts'))) return [];
  return ['no src/index.ts — create it with `export default definePlugin({...})`'];
}

async function checkTests(plugin: PluginPackage): Promise<string[]> {
  const testDir = join(plugin.dir, 'test');
  const files = (await listFiles(testDir)).filter((file) => TEST_FILE.test(file));
  if (files.length === 0) {
    return [
      'no test files under test/ — add test/<node-name>.test.ts (success, provider error, bad input, redaction)',
    ];
  }
  const problems: string[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    if (!TEST_CALL.test(text)) {
      const name = relative(plugin.dir, file).split(sep).join('/');
      problems.push(`${name} has no tests in it — write them or delete the file`);
    }
  }
  return problems;
}

async function checkReadme(plugin: PluginPackage): Promise<string[]> {
  if (await exists(join(plugin.dir, 'README.md'))) return [];
  return ['no README.md — write one: what the plugin does, its credential and its nodes'];
}

async function checkDocsPage(root: string, pluginName: string): Promise<string[]> {
  if (await exists(docsPagePath(root, pluginName))) return [];
  return [`no docs page ${DOCS_DIR}/${pluginName}.md — write it`];
}

async function checkReleaseNote(
  root: string,
  plugin: PluginPackage,
  pluginName: string,
): Promise<string[]> {
  if (await exists(join(plugin.dir, 'CHANGELOG.md'))) return [];
  if ((await changesetsReleasing(root, plugin.name)).length > 0) return [];
  return [
    `no changeset releases ${plugin.name} and there is no CHANGELOG.md — run \`pnpm changeset\` or add .changeset/${pluginName}-plugin.md with "${plugin.name}": minor`,
  ];
}

/** Every file below `dir`, depth first; an absent folder has none. */
async function listFiles(dir: string): Promise<string[]> {
  let entries: Array<{ name: string; isDirectory(): boolean; isFile(): boolean }>;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(path)));
    else if (entry.isFile()) files.push(path);
  }
  return files.sort();
}
