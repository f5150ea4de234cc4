import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CHANGESET_DIR } from './workspace.js';

/** One `"@knotwork/plugin-x": minor` line of a changeset's front matter. */
const RELEASE_LINE = /^\s*["']?([^"'\s:]+)["']?\s*:\s*(major|minor|patch|none)\s*$/;

/** Package names a changeset file releases, read from its YAML front matter. */
export function releasedPackages(text: string): string[] {
  // Same delimiters changesets itself accepts (@changesets/parse), blank lines around the YAML included.
  const match = /^\s*---([\s\S]*?)\r?\n\s*---/.exec(text);
  if (!match?.[1]) return [];
  return match[1]
    .split(/\r?\n/)
    .map((line) => RELEASE_LINE.exec(line)?.[1])
    .filter((name): name is string => name !== undefined);
}

/** The changeset files under <root>/.changeset that release `packageName`. */
export async function changesetsReleasing(root: string, packageName: string): Promise<string[]> {
  const dir = join(root, CHANGESET_DIR);
  let files: string[];
  try {
    files = await readdir(dir);
  } catch {
    return [];
  }
  const releasing: string[] = [];
  // README.md is changesets' own explanation file, never a changeset.
  for (const file of files.filter((name) => name.endsWith('.md') && name !== 'README.md').sort()) {
    const text = await readFile(join(dir, file), 'utf8');
    if (releasedPackages(text).includes(packageName)) releasing.push(file);
  }
  return releasing;
}
