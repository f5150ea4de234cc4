import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { exists } from './workspace.js';

/**
 * Formats files with the repo's own biome, when it is installed. Templates are written
 * formatted, but a long plugin name can push a line past the width, and `pnpm check`
 * must pass on a fresh scaffold. A failure here is left for `pnpm check` to report.
 */
export async function formatWithRepoBiome(root: string, files: string[]): Promise<void> {
  const biome = join(root, 'node_modules/.bin/biome');
  if (!(await exists(biome))) return;
  await new Promise<void>((resolve) => {
    const child = spawn(biome, ['format', '--write', ...files], { cwd: root, stdio: 'ignore' });
    child.on('error', () => resolve());
    child.on('close', () => resolve());
  });
}
