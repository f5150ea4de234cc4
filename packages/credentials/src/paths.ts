import { existsSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';

/** The data directory: credentials.db lives here (never the master key). */
export function knotworkHome(option?: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(option ?? (env.KNOTWORK_HOME || join(homedir(), '.knotwork')));
}

/** Per-user configuration, apart from the data: where the fallback key file goes. */
export function knotworkConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return resolve(base, 'knotwork');
}

/** Whether `path` is `directory` or inside it, after following symbolic links. */
export function isInside(path: string, directory: string): boolean {
  const from = canonical(directory);
  const to = canonical(path);
  const rel = relative(from, to);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** realpath of the longest existing prefix, so paths not created yet compare correctly too. */
function canonical(path: string): string {
  let existing = resolve(path);
  const rest: string[] = [];
  while (!existsSync(existing) && dirname(existing) !== existing) {
    rest.unshift(basename(existing));
    existing = dirname(existing);
  }
  return join(realpathSync(existing), ...rest);
}
