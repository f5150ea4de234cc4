import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** README, readme.md, Readme.markdown…: npm packs any of them, whatever `files` lists. */
const README = /^readme(\.(md|markdown))?$/i;

/**
 * The README a plugin package ships, as markdown; undefined when it has none. The manifest's
 * docsUrl is a path in the knotwork repository that a browser cannot open, while the README
 * travels with every installed copy of the package.
 */
export async function readPluginReadme(packageDir: string): Promise<string | undefined> {
  let names: string[];
  try {
    names = await readdir(packageDir);
  } catch {
    return undefined;
  }
  // README.md first when a package has several spellings.
  const name = names
    .filter((candidate) => README.test(candidate))
    .sort((a, b) => Number(b === 'README.md') - Number(a === 'README.md') || a.localeCompare(b))[0];
  return name ? readFile(join(packageDir, name), 'utf8') : undefined;
}
