import { access, readdir, readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { PluginToolError } from './tool-error.js';

export const WORKSPACE_FILE = 'pnpm-workspace.yaml';
export const PLUGINS_DIR = 'plugins';
export const DOCS_DIR = 'docs/integrations';
export const CHANGESET_DIR = '.changeset';
/** The pnpm the toolchain notes settled on; the root package.json's packageManager wins when set. */
export const DEFAULT_PACKAGE_MANAGER = 'pnpm@10.34.9';

export async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** The nearest folder at or above `from` holding pnpm-workspace.yaml, if any. */
export async function findWorkspaceRoot(from: string): Promise<string | undefined> {
  let current = resolve(from);
  for (;;) {
    if (await exists(join(current, WORKSPACE_FILE))) return current;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** The repo root a command works on: the one given, else the workspace around `cwd`. */
export async function resolveRoot(given: string | undefined, cwd: string): Promise<string> {
  if (given) {
    const root = resolve(cwd, given);
    if (!(await exists(root))) throw new PluginToolError(`--root ${given} does not exist`);
    return root;
  }
  const found = await findWorkspaceRoot(cwd);
  if (!found) {
    throw new PluginToolError(
      `no ${WORKSPACE_FILE} in ${cwd} or any folder above it: run inside the knotwork repo or pass --root <repoRoot>`,
    );
  }
  return found;
}

/** Every folder directly under <root>/plugins, sorted so output is stable. */
export async function listPluginDirs(root: string): Promise<string[]> {
  let entries: Array<{ name: string; isDirectory(): boolean }>;
  try {
    entries = await readdir(join(root, PLUGINS_DIR), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => join(root, PLUGINS_DIR, entry.name))
    .sort();
}

/** `path` as a person reads it: relative to `base` with forward slashes, absolute when outside it. */
export function displayPath(base: string, path: string): string {
  const rel = relative(base, path);
  if (rel === '') return '.';
  if (rel.startsWith('..') || isAbsolute(rel)) return path;
  return rel.split(sep).join('/');
}

export function docsPagePath(root: string, pluginName: string): string {
  return join(root, DOCS_DIR, `${pluginName}.md`);
}

/** `pnpm@x.y.z` from the root package.json, so installs use the repo's pinned pnpm. */
export async function packageManagerOf(root: string): Promise<string> {
  try {
    const json = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
      packageManager?: unknown;
    };
    const pinned =
      typeof json.packageManager === 'string' ? json.packageManager.split('+')[0] : undefined;
    return pinned?.startsWith('pnpm@') ? pinned : DEFAULT_PACKAGE_MANAGER;
  } catch {
    return DEFAULT_PACKAGE_MANAGER;
  }
}
